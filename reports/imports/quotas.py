"""Quotas, and the issuer's own targets, from a spreadsheet: `quota_file_import`.

The one service behind the plan's import page and `manage.py import_targets`. A quota
sheet comes in the layouts of report files: the official one (letterhead and title rows,
a header merged over up to three rows, TT, units by name, section rows, a "Tổng" /
"Tổng cộng" row — `official`, read with `quotas=True` so that its figures are the plan
columns, never results) or the product's own long and wide ones (`quota_layouts`).

Each cell is kept as printed and handed to `targets.services.targets_save` as the text of
a `TargetCell`, so "trên 86,2%", "40-45" or "2.750" are read exactly as the target grid
reads them, and written through the grid's door: its locks, its history, the rule that
an issued plan changes only through an amendment. Units are resolved by code or name
within the plan issuer's subtree, among the units valid on the day whose units get the
year's quotas (`targets.selectors.quota_day`), and must be among the grid's units (the
issuer and its child units that year). A unit given (`unit`) is the unit of the rows
that name none (a sheet whose rows are indicators, Phụ lục I), and then the only unit
the file may hold.

All or nothing: any error (an unknown unit or indicator, a unit outside the grid, a
wording that cannot be read, a target given twice, an issued plan without an amendment)
writes nothing. Warnings do not stop the import: a total row that differs from the
issuer's target (or, without one, from the rows' sum), and quotas whose sum differs from
the issuer's target, as the plan page shows them — each with its gap.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from districts import sources
from districts.models import Unit
from districts.scope import Action, Actor
from plans.models import Amendment, Plan
from plans.services import check_manage
from targets.cells import read_cell
from targets.models import Indicator
from targets.selectors import grid_units, quota_day
from targets.services import (
    CREATE,
    UPDATE,
    AmendmentInput,
    TargetCell,
    cells_compared,
    targets_save,
)

from .importer import ImportResult, LineOutcome, clean_file_name, file_checksum, indicator_names
from .official import TotalFigure
from .parsing import (
    HEADER_SEARCH_ROWS,
    UNIT,
    UNIT_CODE,
    UNIT_NAME,
    FileProblem,
    Level,
    ParsedFile,
    Problem,
    Row,
    detect_format,
    is_blank,
    open_file,
    read_rows,
)
from .quota_checks import QuotaValue, QuotaValues, cell_text, sum_problems
from .quota_layouts import find_quota_layout, quota_entries
from .resolve import UnitIndex, UnitRef, UnitResolver

FILE = 0  # the line of a problem about the whole import (the plan, the amendment)


@dataclass
class QuotaImportResult(ImportResult):
    """An `ImportResult` (the same counts and summary line) with the amendment recorded."""

    year: int = 0
    amendment: Amendment | None = None


def _problem(line: int, column: str, message: str, code: str,
             level: Level = "error") -> Problem:
    return Problem(line, column, level, message, code)


def _plan_problems(plan: Plan, year: int, amendment: AmendmentInput | None) -> list[Problem]:
    problems = []
    if year not in plan.years:
        problems.append(_problem(FILE, "", _(
            "%(year)s is outside the plan's years (%(first)s–%(last)s)."
        ) % {"year": year, "first": plan.first_year, "last": plan.last_year}, "year"))
    if plan.status == Plan.Status.SUPERSEDED:
        problems.append(_problem(FILE, "", _(
            "This plan is superseded: change the targets of the plan that replaced it."
        ), "superseded"))
    elif plan.status != Plan.Status.DRAFT and (amendment is None or not amendment.reason.strip()
                                               or not amendment.number.strip()):
        problems.append(_problem(FILE, "", _(
            "Plan %(plan)s is issued: its targets change only through a recorded amendment. "
            "Give the amendment's number and its reason; nothing was written."
        ) % {"plan": plan.code}, "amendment_needed"))
    return problems


# --- reading the file -------------------------------------------------------------------------


def _opened(stream: BinaryIO, *, plan: Plan, year: int, unit: Unit | None,
            indicators: dict[str, Indicator]) -> tuple[ParsedFile | None, Iterator, list[Problem]]:
    """The file's entries: from the product's own header when it has one, else as an
    official sheet (or, for a header `find_quota_layout` does not know, whatever the
    report reader makes of it, with its problems)."""
    codes = set(indicators)
    try:
        fmt = detect_format(stream)
        rows = read_rows(stream, fmt)
        first: list[tuple[int, Row]] = []
        for line, cells in rows:
            if not all(is_blank(c) for c in cells):
                first.append((line, cells))
            if len(first) >= HEADER_SEARCH_ROWS:
                break
    except FileProblem as problem:
        return None, iter(()), [problem.problem]
    found = find_quota_layout(first, codes=codes, unit_given=unit is not None)
    if found is not None:
        parsed = ParsedFile(fmt, found.layout, list(found.problems), stream, None, str(year))

        def replay() -> Iterator:
            yield from first
            yield from rows

        entries = quota_entries(found, _guarded(replay()), plan_code=plan.code, year=year)
        return parsed, entries, list(found.problems)
    close = getattr(rows, "close", None)
    if close is not None:
        close()
    stream.seek(0)
    names = indicator_names([
        (i.code, i.name_vi, i.name_en, *i.printed_names) for i in indicators.values()
    ])
    parsed = open_file(stream, indicator_codes=codes, default_period=str(year),
                       indicator_names=names, default_unit=unit.code if unit else "",
                       quotas=True)
    return parsed, parsed.entries(), list(parsed.problems)


def _guarded(rows: Iterator) -> Iterator:
    """The rows, ending with the problem of a line that cannot be read."""
    try:
        yield from rows
    except FileProblem as problem:
        yield problem.problem


class _Reader:
    """Turns the file's entries into targets of grid units, or problems."""

    def __init__(self, *, plan: Plan, year: int, actor: Actor, unit: Unit | None,
                 indicators: dict[str, Indicator], result: QuotaImportResult) -> None:
        self.plan, self.year, self.unit, self.result = plan, year, unit, result
        self.indicators = indicators
        self.day: datetime.date = quota_day(plan, year)
        units = grid_units(plan, year)
        self.grid = {u.pk: u for u in units}
        # The grid's units first: "1" is Quận Ba Đình (001) there, though 01 and 00001
        # share the digits; the resolver says why any other unit is not one of them.
        self.index = UnitIndex([
            UnitRef(u.pk, u.code, u.name, u.path, u.parent.name if u.parent else "",
                    u.search_name)
            for u in Unit.objects.filter(pk__in=self.grid).select_related("parent")
        ])
        self.resolver = UnitResolver(actor=actor, root=plan.issuer, action=Action.MANAGE)
        self.seen: dict[tuple[int, int], int] = {}
        self.refused_lines: set[int] = set()  # a row's unit is refused once, not per cell
        self.warned_lines: set[int] = set()

    def error(self, line: int, column: str, message: str, code: str) -> None:
        self.result.add(_problem(line, column, message, code))

    def read(self, entries: Iterator) -> QuotaValues:
        read = QuotaValues()
        for item in entries:
            if isinstance(item, Problem):
                self.result.add(item)
            elif isinstance(item, TotalFigure):
                read.totals.append(item)
            else:
                self.result.entries += 1
                value = self._value(item)
                if value is not None:
                    read.values.append(value)
        return read

    def _column(self) -> str:
        """The header of the column that names the units."""
        layout = self.result.layout
        if layout is None:
            return ""
        return next((layout.column(role) for role in (UNIT, UNIT_CODE, UNIT_NAME)
                     if role in layout.roles), "")

    def _unit(self, entry) -> Unit | None:
        if not entry.unit_code and not entry.unit_name and self.unit is not None:
            return self.unit
        if entry.line in self.refused_lines:
            return None
        unit = self._in_grid(entry) or self._resolved(entry)
        if unit is not None and self.unit is not None and unit.pk != self.unit.pk:
            self.error(entry.line, self._column(), _(
                "%(unit)s: this import is about %(chosen)s only."
            ) % {"unit": unit.name, "chosen": self.unit.name}, "other_unit")
            unit = None
        if unit is None:
            self.refused_lines.add(entry.line)
        return unit

    def _in_grid(self, entry) -> Unit | None:
        """The grid's one unit with the row's code (and name, if it gives both)."""
        matches = (self.index.with_code(entry.unit_code) if entry.unit_code
                   else self.index.with_name(entry.unit_name))
        if len(matches) != 1:
            return None
        if entry.unit_code and entry.unit_name and not matches[0].named(entry.unit_name):
            return None
        return self.grid[matches[0].id]

    def _resolved(self, entry) -> Unit | None:
        """The unit by the report import's rules, if it is one of the grid's; else the
        error that says why not (unknown, ambiguous, outside the plan, below a district)."""
        resolution = self.resolver.resolve(entry.unit_code, entry.unit_name, self.day,
                                           str(self.year))
        column = self._column()
        if resolution.unit is None:
            self.error(entry.line, column, resolution.error, resolution.error_code or "unit")
            return None
        unit = self.grid.get(resolution.unit.id)
        if unit is None:
            self.error(entry.line, column, _(
                "%(unit)s does not get quotas of this plan in %(year)s: the targets go to "
                "%(issuer)s and the units directly below it."
            ) % {"unit": resolution.unit.label(), "year": self.year,
                 "issuer": self.plan.issuer.name}, "not_in_grid")
            return None
        if resolution.warning and entry.line not in self.warned_lines:
            self.warned_lines.add(entry.line)
            self.result.add(_problem(entry.line, column, resolution.warning, "unit", "warning"))
        return unit

    def _value(self, entry) -> QuotaValue | None:
        if entry.period != str(self.year):
            self.error(entry.line, entry.value_column, _(
                "the row is for %(period)s; this import sets the targets of %(year)s."
            ) % {"period": entry.period, "year": self.year}, "year")
            return None
        indicator = self.indicators.get(entry.indicator)
        unit = self._unit(entry)
        if indicator is None:
            self.error(entry.line, entry.value_column, _(
                "“%(code)s” is not an indicator of this plan's units."
            ) % {"code": entry.indicator}, "unknown_indicator")
            return None
        if unit is None:
            return None
        text = cell_text(entry.value)
        reading = read_cell(text, indicator.kind)
        if not reading.ok:
            self.error(entry.line, entry.value_column, reading.error, "wording")
            return None
        key = (unit.pk, indicator.pk)
        if key in self.seen:
            self.error(entry.line, entry.value_column, _(
                "the target of %(unit)s for “%(indicator)s” is given on line %(line)s too."
            ) % {"unit": unit.name, "indicator": indicator.name, "line": self.seen[key]},
                "duplicate")
            return None
        self.seen[key] = entry.line
        return QuotaValue(entry.line, entry.value_column, unit, indicator, reading)


# --- the service ------------------------------------------------------------------------------


def _cells(values: Sequence[QuotaValue]) -> list[TargetCell]:
    return [TargetCell(v.indicator, v.unit, v.reading.text) for v in values]


def quota_file_import(
    *,
    stream: BinaryIO,
    file_name: str,
    plan: Plan,
    year: int,
    actor: Actor,
    unit: Unit | None = None,
    amendment: AmendmentInput | None = None,
    dry_run: bool = False,
) -> QuotaImportResult:
    """Import the targets of `plan` for `year` from a file, all or nothing, as `actor`
    (who must manage the plan's issuer: else `PermissionDenied`).

    `unit` is the unit of rows that name none, and then the only one the file may hold.
    An issued plan takes the file only with an `amendment` (number and reason), recorded
    when something changes. Nothing is written on a `dry_run`, or when there is any error;
    the counts say what the file does (or would do) all the same."""
    check_manage(actor, plan.issuer)
    file_name = clean_file_name(file_name)
    result = QuotaImportResult(file_name=file_name, checksum=file_checksum(stream),
                               dry_run=dry_run, year=year)
    for problem in _plan_problems(plan, year, amendment):
        result.add(problem)
    if year not in plan.years:
        return result
    indicators = {i.code: i for i in Indicator.objects.for_unit(plan.issuer)}
    parsed, entries, problems = _opened(stream, plan=plan, year=year, unit=unit,
                                        indicators=indicators)
    for problem in problems:
        result.add(problem)
    if parsed is None or parsed.layout is None:
        return result
    result.format, result.layout = parsed.format, parsed.layout
    read = _Reader(plan=plan, year=year, actor=actor, unit=unit, indicators=indicators,
                   result=result).read(entries)
    if not read.values and not result.errors:
        result.add(_problem(FILE, "", _("The file holds no target."), "empty"))
    for problem in sum_problems(plan, year, read, indicators):
        result.add(problem)
    cells = _cells(read.values)
    counted = {CREATE: "created", UPDATE: "updated"}
    for value, action in zip(read.values, cells_compared(plan=plan, year=year, cells=cells),
                             strict=True):
        name = counted.get(action, "unchanged")
        setattr(result, name, getattr(result, name) + 1)
        result.outcomes.append(LineOutcome(
            line=value.line, unit=f"{value.unit.code} {value.unit.name}",
            indicator=value.indicator.code, period=str(year), value=value.reading.text,
            action=action,
        ))
    if result.errors or dry_run:
        return result
    _write(result, plan=plan, year=year, actor=actor, cells=cells, amendment=amendment)
    return result


def _write(result: QuotaImportResult, *, plan: Plan, year: int, actor: Actor,
           cells: list[TargetCell], amendment: AmendmentInput | None) -> None:
    source = sources.code(sources.TARGET_IMPORT, year, result.file_name)
    try:
        with transaction.atomic():
            saved = targets_save(plan=plan, year=year, cells=cells, actor=actor,
                                 amendment=amendment if plan.status != Plan.Status.DRAFT
                                 else None, source=source)
    except (ValidationError, PermissionDenied) as refused:
        messages = (refused.messages if isinstance(refused, ValidationError)
                    else [_("You may not change the targets of this plan.")])
        for message in messages:
            result.add(_problem(FILE, "", message, "refused"))
        return
    result.created, result.updated, result.unchanged = (
        saved.created, saved.updated, saved.unchanged,
    )
    result.amendment = saved.amendment
    result.written = True
