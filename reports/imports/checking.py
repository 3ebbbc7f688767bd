"""Reading and checking the values of a file: one at a time, and across a unit's values.

`RowReader` turns an `Entry` (a value as written) into a `Row` (unit, indicator, period and
numbers resolved) or reports why it cannot, with the line and the column. `CrossChecks`
runs the warnings of DESIGN §3 that need several values of a unit and period (components
that do not add up, an of-which part above its whole) and the 3× jump against last year,
with the pure functions of `reports.checks`, reported on the same rows as the entry page
reports them (a mismatch on the total's row, an of-which part on the part's row).

Files repeat themselves (a few hundred distinct numbers in 100.000 cells, the same unit and
period on a dozen lines), so the reading of a number and the checks of a value are
memoised for the length of one import, and a line whose place (unit, period) and value
(indicator and number, on a line without numerator and denominator) were each read
before without any message is not checked again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _

from districts import formatting
from plans.models import Plan
from reports.bounds import looks_like_bound, read_value_bound
from reports.checks import Issue, Relations, check_jump, check_value
from reports.numbers import AmbiguousNumberError, NumberError, number_readings
from reports.periods import Period, PeriodError
from reports.values import Amounts, check_amounts, stored_number
from targets.models import Indicator
from targets.operators import IndicatorKind

from .memo import Memo
from .parsing import (
    DENOMINATOR,
    INDICATOR,
    NUMERATOR,
    PERIOD,
    UNIT,
    UNIT_CODE,
    UNIT_NAME,
    VALUE,
    DecimalMarks,
    Entry,
    Layout,
    Level,
)
from .resolve import UnitRef, UnitResolver

DEFER = object()  # `1.400` read before the file has shown its decimal mark
INVALID = object()  # a cell that is not a number (reported)

class Report(Protocol):
    """Where a reader sends each message: the entry, its column, the text, its code."""

    def __call__(
        self, entry: Entry, column: str, message: str, code: str, level: Level = "error"
    ) -> None: ...


@dataclass(slots=True)
class Row:
    """A value of the file with everything resolved, ready to be compared and written."""

    entry: Entry
    unit: UnitRef
    period: str
    year: int
    indicator: Indicator
    value: Decimal | None  # None for a result given as a bound: see `printed`
    numerator: Decimal | None
    denominator: Decimal | None
    printed: str = ""  # a bound as written (">92"), stored as printed
    previewed: bool = False

    @property
    def parts_given(self) -> bool:
        return self.numerator is not None


class RowReader:
    """Reads the values of one file; `report(entry, column, message, code[, level])` gets
    each error (and the warning of a name that is not its code's unit's)."""

    def __init__(
        self,
        *,
        layout: Layout,
        resolver: UnitResolver,
        plan: Plan | None,
        indicators: list[Indicator],
        report: Report,
    ) -> None:
        self.resolver = resolver
        self.plan = plan
        self.report = report
        self.marks = DecimalMarks()
        self.by_code = {i.code: i for i in indicators}
        unit_role = next((r for r in (UNIT_CODE, UNIT, UNIT_NAME) if r in layout.roles), UNIT)
        self.unit_column = layout.column(unit_role)
        self.period_column = layout.column(PERIOD)
        self.indicator_column = layout.column(INDICATOR)
        self.numerator_column = layout.column(NUMERATOR)
        self.denominator_column = layout.column(DENOMINATOR)
        self._periods: dict[str, tuple[str, int, datetime.date] | str] = {}
        self._numbers = Memo()
        self._by_kind_memo = Memo()  # (cell, kind) → its one valid reading, or the valid ones
        self._checks = Memo()
        # What was read without a message, by the cells it was read from.
        self._clean_places = Memo()  # (code, name, period) → (unit, period, year)
        # (indicator, cell, decimal mark) → (indicator, value, None, None)
        self._clean_values = Memo()

    # --- the parts of a value ---

    def _period(self, entry: Entry) -> tuple[str, int, datetime.date] | None:
        """(the period's code, its year, its last day), or None when it is wrong."""
        text = entry.period
        if not text:
            self.report(entry, self.period_column, _("the period is missing."), "period")
            return None
        found = self._periods.get(text)
        if found is None:
            try:
                period = Period.parse(text)
            except PeriodError as error:
                found = str(error)
            else:
                found = (str(period), period.year, period.end)
                plan = self.plan
                if plan and not plan.first_year <= period.year <= plan.last_year:
                    found = _("%(period)s is outside the years of plan %(plan)s "
                              "(%(first)s–%(last)s).") % {
                        "period": period,
                        "plan": plan.code,
                        "first": plan.first_year,
                        "last": plan.last_year,
                    }
            self._periods[text] = found
        if isinstance(found, str):
            self.report(entry, self.period_column, found, "period")
            return None
        return found

    def _number(self, entry: Entry, cell, column: str, final: bool,
                kind: IndicatorKind | None):
        """The cell's number, None for a blank cell, INVALID when it is wrong (reported),
        DEFER while the file's decimal mark is unknown.

        When the file never shows its mark (`final`), `1.400` is read the one way that is
        valid for `kind`, what the column measures: 1.400 persons for a count or a level,
        1,4 % for a rate; it stays ambiguous only when both readings are valid.
        """
        if cell is None:
            return None
        key = (cell, self.marks.mark) if isinstance(cell, str) else None
        if key is not None:
            known = self._numbers.get(key)
            if known is not None:
                return known
        try:
            value = self.marks.read(cell)
        except AmbiguousNumberError as error:
            if not final:
                return DEFER
            value = self._by_kind(entry, cell, column, kind, error)
            if value is INVALID:
                return INVALID
            key = None  # what it means depends on the indicator, not on the cell alone
        except NumberError as error:
            self.report(entry, column, str(error), "not_a_number")
            return INVALID
        if value is None:
            return None
        try:
            value = stored_number(value, text=cell)
        except NumberError as error:
            self.report(entry, column, str(error), "too_large")
            return INVALID
        return self._numbers.remember(key, value) if key is not None else value

    def _by_kind(self, entry: Entry, cell: str, column: str, kind: IndicatorKind | None,
                 error: AmbiguousNumberError):
        """`1.400` in a file that shows no decimal mark: the one reading valid for `kind`,
        else INVALID, reported with the readings that remain."""
        key = (cell, kind)
        known = self._by_kind_memo.get(key)
        if known is None:
            readings = number_readings(cell)
            valid = readings
            if kind is not None:
                valid = [v for v in readings if not check_value(kind=kind, value=v)]
            known = self._by_kind_memo.remember(key, valid[0] if len(valid) == 1 else valid)
        if not isinstance(known, list):
            return known
        if len(known) == 2:
            message = _("“%(text)s” is ambiguous for this indicator: it can be %(first)s or "
                        "%(second)s. Write it without a thousands separator (1400), or with "
                        "a decimal mark as in the rest of the file (74,2).") % {
                "text": cell,
                "first": formatting.number(known[0]),
                "second": formatting.number(known[1]),
            }
        else:
            message = str(error)
        self.report(entry, column, message, "ambiguous_number")
        return INVALID

    def _amounts(self, entry: Entry, indicator: Indicator, value, numerator, denominator,
                 value_column: str) -> Amounts | None:
        """The rules of a value (`reports.values.check_amounts`), its errors reported on
        the columns they are about; None when there were any."""
        key = (indicator.kind, value, numerator, denominator)
        checked = self._checks.get(key)
        if checked is None:
            checked = self._checks.remember(key, check_amounts(
                kind=indicator.kind, value=value, numerator=numerator, denominator=denominator
            ))
        amounts, issues = checked
        # The file's roles are named like the parts of `reports.values`.
        columns = {
            VALUE: value_column,
            NUMERATOR: self.numerator_column or value_column,
            DENOMINATOR: self.denominator_column or value_column,
        }
        for issue in issues:
            self.report(entry, columns.get(issue.field, value_column), issue.message,
                        issue.code)
        return amounts

    # --- a value ---

    def read(self, entry: Entry, *, final: bool = False):
        """The entry as a `Row`; None when it has errors (all of them reported), or DEFER
        when its number waits for the file's decimal mark (`final`: it waits no more)."""
        # Only a value without numerator and denominator is remembered.
        value_key = None
        what = None
        if entry.numerator is None and entry.denominator is None:
            value_key = (entry.indicator, entry.value, self.marks.mark)
            what = self._clean_values.get(value_key)
        if what is None:
            what = self._value(entry, final, value_key)
            if what is DEFER:
                return DEFER
        place_key = (entry.unit_code, entry.unit_name, entry.period)
        place = self._clean_places.get(place_key)
        if place is None:
            place = self._place(entry, place_key)
        if what is None or place is None:
            return None
        if not self._reports_on(entry, what[0], place[0]):
            return None
        return Row(entry, *place, *what)

    def _reports_on(self, entry: Entry, indicator: Indicator, unit: UnitRef) -> bool:
        """A department's indicator is reported only by the units of its province."""
        owner = indicator.owner
        if owner is None or unit.path == owner.path or unit.path.startswith(owner.path + "/"):
            return True
        self.report(
            entry,
            self.indicator_column or entry.value_column,
            _("“%(code)s” is an indicator of %(owner)s: %(unit)s does not report it.")
            % {"code": indicator.code, "owner": owner.name, "unit": unit.name},
            "unknown_indicator",
        )
        return False

    def _place(self, entry: Entry, key: tuple) -> tuple[UnitRef, str, int] | None:
        """(unit, period, year) of the entry; None when either is wrong (reported).
        Remembered under `key` when it needs no message."""
        period = self._period(entry)
        if period is None:
            return None
        found = self.resolver.resolve(entry.unit_code, entry.unit_name, period[2], period[0])
        unit = found.unit
        if unit is None:
            self.report(entry, self.unit_column, found.error, found.error_code)
            return None
        place = (unit, period[0], period[1])
        if found.warning:
            self.report(entry, self.unit_column, found.warning, "unit_name", "warning")
        else:
            self._clean_places.remember(key, place)
        return place

    def _value(self, entry: Entry, final: bool, key: tuple | None):
        """(indicator, value, numerator, denominator) of the entry; None when something
        is wrong (reported), DEFER. Remembered under `key` (if any) when all is well."""
        value_column = entry.value_column
        mixed = False
        if not final:
            for cell, column in (
                (entry.value, value_column),
                (entry.numerator, self.numerator_column),
                (entry.denominator, self.denominator_column),
            ):
                if cell is not None:
                    message = self.marks.observe(cell)
                    if message:
                        self.report(entry, column, message, "mixed_marks")
                        mixed = True
        indicator = self.by_code.get(entry.indicator) or self.by_code.get(
            entry.indicator.strip().lower()
        )
        kind = IndicatorKind(indicator.kind) if indicator is not None else None
        if indicator is not None and looks_like_bound(entry.value):
            what = None if mixed else self._bound(entry, indicator, value_column)
            if what is not None and key is not None:
                self._clean_values.remember(key, what)
            return what
        value = self._number(entry, entry.value, value_column, final, kind)
        numerator = denominator = None
        # A rate's numerator and denominator count people: whole numbers.
        if entry.numerator is not None:
            numerator = self._number(entry, entry.numerator, self.numerator_column, final,
                                     IndicatorKind.COUNT)
        if entry.denominator is not None:
            denominator = self._number(entry, entry.denominator, self.denominator_column,
                                       final, IndicatorKind.COUNT)
        numbers = (value, numerator, denominator)
        if DEFER in numbers:
            return DEFER
        if indicator is None:
            self.report(
                entry,
                self.indicator_column or value_column,
                _("“%(code)s” is not an indicator code of the catalogue.")
                % {"code": entry.indicator},
                "unknown_indicator",
            )
        if INVALID in numbers or indicator is None:
            return None
        if value is None and numerator is None and denominator is None:
            self.report(entry, value_column, _("Enter a number."), "value_missing")
            return None
        amounts = self._amounts(entry, indicator, value, numerator, denominator, value_column)
        if amounts is None or mixed:
            return None  # mixed marks were reported above, after every other check
        what = (indicator, amounts.value, amounts.numerator, amounts.denominator, "")
        if key is not None:
            self._clean_values.remember(key, what)
        return what

    def _bound(self, entry: Entry, indicator: Indicator, column: str):
        """(indicator, no value, no parts, the bound as printed) of a value written as a
        bound (">92", "trên 92"); None when it cannot be a result (reported)."""
        if entry.numerator is not None or entry.denominator is not None:
            self.report(entry, self.numerator_column or column, _(
                "“%(text)s” is a bound, not a number: leave the numerator and the "
                "denominator empty."
            ) % {"text": entry.value}, "bound_parts")
            return None
        try:
            bound = read_value_bound(entry.value, kind=indicator.kind,
                                     decimal_mark=self.marks.mark)
        except NumberError as error:
            self.report(entry, column, str(error), "bound")
            return None
        assert bound is not None  # it looks like one
        return (indicator, None, None, None, bound.printed)


class CrossChecks:
    """The warnings that look at several values of a unit and period, or at last year: the
    rules of `Relations`, each put on a row the file holds."""

    def __init__(self, indicators: list[Indicator]) -> None:
        self.relations = Relations.between(indicators)

    def warnings(
        self,
        in_file: dict[str, Row],
        values: dict[str, Decimal | None],
        last_year: dict[str, Decimal],
    ) -> list[tuple[Row, Issue]]:
        """(row to report on, issue) for a unit and period: `in_file` are this part of the
        file's rows, `values` the values once they are written, `last_year` last year's.

        A warning about an indicator the file does not hold goes on the nearest row it
        does hold, named: a total's components on the total's row (or a component's), an
        of-which part above its whole on the whole's row when the part is not in the file.
        """
        relations = self.relations
        found: list[tuple[Row, Issue]] = []

        def add(row: Row, issues: list[Issue], about: str) -> None:
            for issue in issues:
                if about != row.indicator.code:
                    issue = Issue(issue.level, issue.code, f"{about}: {issue.message}",
                                  issue.field)
                found.append((row, issue))

        totals: dict[str, Row] = {}
        for code, row in in_file.items():
            total = code if relations.components_of(code) else relations.total_of.get(code)
            if total and total not in totals:
                totals[total] = in_file.get(total, row)
            add(row, relations.on_part(code, values), code)
            for part in relations.parts_of(code):
                if part not in in_file:
                    add(row, relations.on_part(part, values), part)
            previous = last_year.get(code)
            if previous is not None:  # most values of a first report have none
                add(row, check_jump(value=values.get(code), last_year=previous), code)
        for total, row in totals.items():
            add(row, relations.on_total(total, values), total)
        return found
