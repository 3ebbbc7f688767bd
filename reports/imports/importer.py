"""Importing a report file: every value checked, then written all or nothing.

`report_file_import` is the one service behind the import page, the `import_reports`
command and the benchmark. It reads the file as a stream (`parsing`), resolves units in
the importer's scope and the period's era (`resolve`), checks each value and the values
of a unit together with the rules of DESIGN §3 (`checking`, on `reports.values` and
`reports.checks`), applies the workflow's rules (`reports.workflow`), and writes new and
changed values with their history in one transaction that is rolled back when anything
is wrong (or for a dry run).

Writing goes through the same doors as the entry page: before a chunk's values are read
for comparison, the write locks of its reports are taken (`reports.locks`), so the states
and versions the chunk is checked against are those at write time, not those of the
preview; every UPDATE names the version it replaces; an import that loses a race to
another writer is run again from the start, and after a few attempts refused with a
message, never half-written. Its history rows carry the time of the write.

Why not django-import-export's row machinery for this path: it loads, validates and
saves one instance per row, with a query or more for each, which is some hundreds of
rows a second; a national file is 100.000 rows. Here a file is processed in chunks of a
few thousand values: units and indicators come from dicts filled once per import, the
existing values of a chunk's units and periods in one query, and the writes are bulk
inserts and updates (`writing`), history rows included. django-import-export still
provides the resources (`resources.py`) for the admin's import, export and dry run.

Memory: a chunk is the only part of the file held, plus one integer per value read (to
find a value given twice), memos of bounded size and the messages of lines with problems.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, BinaryIO, cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districts import sources
from districts.models import Unit
from districts.scope import Actor, is_system, recorded_user
from plans.models import Plan
from reports.bounds import same_bound
from reports.locks import WriteRefused, reports_lock, retry_on_conflict
from reports.models import Actual, ImportBatch, Submission
from reports.periods import Period, PeriodError
from reports.selectors.common import indicators_in_words
from reports.workflow import SUBMITTABLE, lock_message, missing_before_submit, write_lock
from targets.models import Indicator, Target

from . import official, writing
from .checking import DEFER, CrossChecks, Row, RowReader
from .mappings import (
    Remembered,
    column_mappings_remember,
    mappable_indicators,
    remembered_mappings,
)
from .official import IGNORE, SheetHeader, TotalFigure
from .official_checks import OfficialChecks
from .parsing import Entry, FileFormat, Layout, Level, ParsedFile, Problem, open_file
from .progress import Progress, file_lines
from .resolve import UnitRef, UnitResolver

CHUNK = 2000

State = Submission.State
IMPORTED = Actual.Origin.IMPORTED.value

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"


@dataclass(frozen=True, slots=True)
class LineOutcome:
    """What the import does with one value: for the preview."""

    line: int
    unit: str
    indicator: str
    period: str
    value: Decimal | str | None  # a bound as printed (">92")
    action: str


@dataclass
class ImportResult:
    file_name: str
    checksum: str
    format: FileFormat | None = None
    layout: Layout | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    entries: int = 0
    errors: int = 0
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)
    outcomes: list[LineOutcome] = field(default_factory=list)
    batch: ImportBatch | None = None
    written: bool = False
    dry_run: bool = False
    # An official sheet's header: its signature and the columns the reader did not know
    # by itself (each with what it was mapped to, if anything).
    header: SheetHeader | None = None
    # The mappings remembered from an earlier import that this reading used, by label key.
    remembered: dict[str, Remembered] = field(default_factory=dict)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        if problem.is_error:
            self.errors += 1
        else:
            self.warnings += 1

    def summary(self) -> str:
        """The command's last line, a contract (DESIGN §4). A file with errors is rejected
        whole, so it created, updated and kept nothing (the preview's counts say what its
        valid lines would have done)."""
        created, updated, unchanged = (
            (0, 0, 0) if self.errors else (self.created, self.updated, self.unchanged)
        )
        return (
            f"created={created} updated={updated} unchanged={unchanged} "
            f"errors={self.errors} warnings={self.warnings}"
        )

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.line, p.level != "error", p.column))

    def problems_by_line(self) -> dict[int, list[Problem]]:
        by_line: dict[int, list[Problem]] = {}
        for problem in self.sorted_problems():
            by_line.setdefault(problem.line, []).append(problem)
        return by_line

    @property
    def ok(self) -> bool:
        return not self.errors


def file_checksum(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    while chunk := stream.read(1 << 16):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def clean_file_name(name: str) -> str:
    name = os.path.basename((name or "").replace("\\", "/")).strip() or "report"
    return name[-255:]


def change_reason(file_name: str, batch_id: int, *, system: bool) -> str:
    """The history's source for the values of an import: its batch and file name."""
    return sources.code(sources.IMPORT_BY_SYSTEM if system else sources.IMPORT, batch_id, file_name)


def _chunks(
    entries: Iterable[Entry | Problem | TotalFigure],
) -> Iterator[list[Entry | Problem | TotalFigure]]:
    """Chunks of about CHUNK items, cut where the unit or period changes when the file is
    grouped by them, so the checks across rows see a unit's values together."""
    chunk: list[Entry | Problem | TotalFigure] = []
    last = None
    for item in entries:
        if isinstance(item, Entry):
            here = (item.unit_code, item.unit_name, item.period)
            if len(chunk) >= 2 * CHUNK or (len(chunk) >= CHUNK and here != last):
                yield chunk
                chunk = []
            last = here
        chunk.append(item)
    if chunk:
        yield chunk


class _Run:
    """One import: the state shared by the chunks of a file."""

    def __init__(
        self,
        *,
        result: ImportResult,
        layout: Layout,
        actor: Actor,
        resolver: UnitResolver,
        plan: Plan | None,
        batch: ImportBatch,
        reason: str,
        preview_limit: int,
        submit: bool,
        locking: bool,
    ) -> None:
        self.result = result
        self.user = recorded_user(actor)
        self.user_id = self.user.pk if self.user is not None else None
        self.resolver = resolver
        self.batch_id = batch.pk
        self.reason = reason
        self.preview_limit = preview_limit
        self.submit = submit
        # A write takes the reports' locks; a preview (dry run) only reads.
        self.locking = locking
        indicators = list(Indicator.objects.select_related("owner").order_by("sort_order", "code"))
        self.code_of = {i.pk: i.code for i in indicators}
        self.indicators = {i.code: i for i in indicators}  # in the catalogue's order
        self.reader = RowReader(
            layout=layout, resolver=resolver, plan=plan, indicators=indicators,
            report=self.report,
        )
        self.cross = CrossChecks(indicators)
        # An official sheet's plan figures and total rows, checked once all is read.
        self.official = (
            OfficialChecks(plan=plan, indicators=indicators, marks=self.reader.marks)
            if layout.kind == "official" else None
        )
        self.deferred: list[Entry] = []
        self.previewed_later: set[int] = set()
        self.seen: set[int] = set()
        self.period_numbers: dict[str, int] = {}
        self.to_submit: set[int] = set()
        # The first line of each report the import writes, for the messages about it.
        self.first_line: dict[tuple[int, str], int] = {}

    # --- reporting ---

    def report(self, entry: Entry, column: str, message: str, code: str = "",
               level: Level = "error") -> None:
        self.result.add(Problem(entry.line, column, level, message, code))

    def outcome(self, entry: Entry, action: str, unit: UnitRef | None = None,
                value: Decimal | str | None = None, *, previewed: bool) -> None:
        if previewed:
            self.result.outcomes.append(
                LineOutcome(
                    line=entry.line,
                    unit=unit.label() if unit else entry.unit_text,
                    indicator=entry.indicator,
                    period=entry.period,
                    value=value,
                    action=action,
                )
            )

    # --- a chunk ---

    def process(self, items: Sequence[Entry | Problem | TotalFigure], *,
                final: bool = False) -> None:
        rows: list[Row] = []
        result = self.result
        # A value's key: unit, indicator and period packed in one integer, to find a value
        # given twice with one integer per value held.
        seen, period_numbers = self.seen, self.period_numbers
        for item in items:
            if isinstance(item, Problem):
                result.add(item)
                continue
            if isinstance(item, TotalFigure):
                if self.official is not None:
                    self.official.total(item)
                continue
            if not final:
                result.entries += 1
            # The preview lists the first values of the file.
            previewed = (
                item.line in self.previewed_later
                if final
                else result.entries <= self.preview_limit
            )
            if item.value is None and item.is_empty:
                result.unchanged += 1
                self.outcome(item, UNCHANGED, previewed=previewed)
                continue
            row = self.reader.read(item, final=final)
            if row is DEFER:
                self.deferred.append(item)
                if previewed:
                    self.previewed_later.add(item.line)
                continue
            if row is not None:
                number = period_numbers.get(row.period)
                if number is None:
                    number = period_numbers[row.period] = len(period_numbers)
                key = (row.unit.id << 32) | (row.indicator.id << 16) | number
                if key in seen:
                    self.report(item, item.value_column, _duplicate(row), "duplicate")
                    row = None
                else:
                    seen.add(key)
                    if self.official is not None:
                        self.official.row(row)
            if row is None:
                self.outcome(item, ERROR, previewed=previewed)
            else:
                row.previewed = previewed
                rows.append(row)
        if rows:
            self._apply(rows)

    def finish(self) -> None:
        """The values that waited for the file's decimal mark, then the checks of an
        official sheet's plan figures and totals, which need every value."""
        if self.deferred:
            deferred, self.deferred = self.deferred, []
            self.process(deferred, final=True)
        if self.official is not None:
            for problem in self.official.problems():
                self.result.add(problem)

    def _apply(self, rows: list[Row]) -> None:
        unit_ids = {r.unit.id for r in rows}
        periods = {r.period for r in rows}
        if self.locking:
            # Before anything is read: what follows is then true until the import commits.
            reports_lock({(r.unit.id, r.period) for r in rows})
        existing = {
            (a.unit_id, a.indicator_id, a.period): a
            for a in Actual.objects.filter(unit_id__in=unit_ids, period__in=periods).values_list(
                "id", "unit_id", "indicator_id", "period", "value", "numerator", "denominator",
                "note", "printed", "version", named=True,
            )
        }
        submissions = {
            (s.unit_id, s.period): s
            for s in Submission.objects.filter(unit_id__in=unit_ids, period__in=periods)
        }
        creates: list[tuple[Row, tuple]] = []
        updates: list[tuple[Row, tuple, Any]] = []
        kept: list[Row] = []
        unchanged = 0
        for row in rows:
            unit_id, period = row.unit.id, row.period
            old = existing.get((unit_id, row.indicator.id, period))
            if old is None:
                action = CREATE
                content = (row.value, row.printed, row.numerator, row.denominator,
                           row.entry.note)
            else:
                numerator, denominator = row.numerator, row.denominator
                if not row.parts_given and old.value == row.value:
                    # the file does not give them
                    numerator, denominator = old.numerator, old.denominator
                printed = row.printed
                if printed and old.value is None and same_bound(old.printed, printed):
                    printed = old.printed  # ">92" over "trên 92" is the same result
                content = (row.value, printed, numerator, denominator,
                           row.entry.note or old.note)
                stored = (old.value, old.printed, old.numerator, old.denominator, old.note)
                action = UPDATE if stored != content else UNCHANGED
            if action is not UNCHANGED:
                submission = submissions.get((unit_id, period))
                if submission is not None and not self._writable(row, submission):
                    action = ERROR
            if row.previewed:
                shown = row.value if row.value is not None else row.printed
                self.outcome(row.entry, action, row.unit, shown, previewed=True)
            if action is ERROR:
                continue
            kept.append(row)
            if action is CREATE:
                creates.append((row, content))
            elif action is UPDATE:
                updates.append((row, content, old))
            else:
                unchanged += 1
        self.result.created += len(creates)
        self.result.updated += len(updates)
        self.result.unchanged += unchanged

        self._warn(kept, existing, unit_ids, periods)
        if self.result.errors:
            return  # the file is rejected: no need to write what will be rolled back
        self._write(creates, updates, submissions)

    def _writable(self, row: Row, submission: Submission) -> bool:
        lock = write_lock(submission.state, manages=self.resolver.manages(row.unit))
        if lock is None:
            return True
        report = _("%(unit)s for %(period)s") % {
            "unit": row.unit.label(), "period": Period.parse(str(row.period)).phrase(),
        }
        self.report(row.entry, row.entry.value_column, lock_message(lock, report=report),
                    "locked")
        return False

    def _last_year(
        self, unit_ids: set[int], periods: set[str]
    ) -> dict[tuple[int, str], dict[str, Decimal]]:
        """Last year's values of the same period, by (unit, this period) and code."""
        earlier: dict[str, str] = {}
        for period in periods:
            try:
                earlier[str(Period.parse(period).same_period_last_year())] = period
            except PeriodError:
                continue
        if not earlier:
            return {}
        found = Actual.objects.filter(
            unit_id__in=unit_ids, period__in=list(earlier), value__isnull=False
        ).values_list("unit_id", "indicator_id", "period", "value")
        by_group: dict[tuple[int, str], dict[str, Decimal]] = {}
        for unit_id, indicator_id, period, value in found:
            # value__isnull=False above: never None here.
            by_group.setdefault((unit_id, earlier[period]), {})[self.code_of[indicator_id]] = (
                cast(Decimal, value)
            )
        return by_group

    def _warn(self, rows: list[Row], existing: dict, unit_ids: set[int],
              periods: set[str]) -> None:
        """Warnings on the stored values with the file's laid over them, unit by unit."""
        groups: dict[tuple[int, str], dict[str, Row]] = {}
        for row in rows:
            groups.setdefault((row.unit.id, row.period), {})[row.indicator.code] = row
        if not groups:
            return
        values: dict[tuple[int, str], dict[str, Decimal | None]] = {g: {} for g in groups}
        for (unit_id, indicator_id, period), old in existing.items():
            group = values.get((unit_id, period))
            if group is not None:
                group[self.code_of[indicator_id]] = old.value
        last_year = self._last_year(unit_ids, periods)
        for key, in_file in groups.items():
            group_values = values[key]
            for code, row in in_file.items():
                group_values[code] = row.value
            for row, issue in self.cross.warnings(in_file, group_values,
                                                  last_year.get(key, {})):
                self.report(row.entry, row.entry.value_column, issue.message, issue.code,
                            "warning")

    def _write(self, creates, updates, submissions: dict) -> None:
        now = timezone.now()
        missing = {
            (row.unit.id, row.period): row.year
            for row, *_rest in (*creates, *updates)
            if (row.unit.id, row.period) not in submissions
        }
        submission_ids = {key: s.pk for key, s in submissions.items()}
        submission_ids.update(
            writing.submissions_create(missing, when=now, reason=self.reason, user=self.user)
        )
        for row, *_rest in (*creates, *updates):
            self.first_line.setdefault((row.unit.id, row.period), row.entry.line)
        if self.submit:
            self.to_submit.update(
                submission_ids[(row.unit.id, row.period)]
                for row, *_rest in (*creates, *updates)
                if self.resolver.manages(row.unit)
            )
        stamp = writing.Stamp(IMPORTED, self.batch_id, self.user_id, now)
        writing.actuals_insert(
            [
                (row.indicator.id, row.unit.id, row.period, row.year, *content,
                 submission_ids[(row.unit.id, row.period)])
                for row, content in creates
            ],
            stamp=stamp,
        )
        writing.actuals_update(
            [
                # A number the file gives replaces the printed text of one that had none.
                (old.id, *content, old.version + 1, submission_ids[(row.unit.id, row.period)])
                for row, content, old in updates
            ],
            stamp=stamp,
        )

    def record_history(self) -> None:
        """One history row per value written, pointing to this import, at the time the
        import's writes end (under its locks, before it commits)."""
        writing.history_record(
            batch_id=self.batch_id, when=timezone.now(), reason=self.reason,
            user_id=self.user_id,
        )

    def check_submittable(self) -> None:
        """An officer's import hands reports in as submitted only under the rule of the
        entry page: every indicator with a target for the year has a value."""
        if not self.to_submit:
            return
        submissions = list(
            Submission.objects.filter(pk__in=self.to_submit, state__in=list(SUBMITTABLE))
            .select_related("unit")
        )
        if not submissions:
            return
        units = {s.unit_id for s in submissions}
        years = {s.year for s in submissions}
        required: dict[tuple[int, int], set[str]] = {}
        for unit_id, year, code in Target.objects.filter(
            unit_id__in=units, year__in=years
        ).values_list("unit_id", "year", "indicator__code"):
            required.setdefault((unit_id, year), set()).add(code)
        filled: dict[int, set[str]] = {}
        for submission_id, code, value, printed in Actual.objects.filter(
            submission_id__in=[s.pk for s in submissions]
        ).values_list("submission_id", "indicator__code", "value", "printed"):
            if value is not None or printed:
                filled.setdefault(submission_id, set()).add(code)
        for submission in submissions:
            missing = missing_before_submit(
                required=required.get((submission.unit_id, submission.year), set()),
                filled=filled.get(submission.pk, set()),
            )
            if missing:
                line = self.first_line.get((submission.unit_id, submission.period), 1)
                self.result.add(Problem(line, "", "error", _(
                    "%(unit)s for %(period)s cannot be handed in as submitted: these "
                    "indicators with a target have no value: %(names)s."
                ) % {
                    "unit": submission.unit.name,
                    "period": Period.parse(submission.period).phrase(),
                    "names": indicators_in_words(missing, self.indicators),
                }, "incomplete"))

    def submit_reports(self) -> None:
        """An officer's import can hand the reports in as submitted (drafts and returned
        ones; approved reports stay locked)."""
        if not self.to_submit:
            return
        now = timezone.now()
        submissions = list(
            Submission.objects.filter(pk__in=self.to_submit, state__in=list(SUBMITTABLE))
        )
        for submission in submissions:
            submission.state = State.SUBMITTED
            submission.submitted_at = now
            submission.submitted_by = self.user
            submission.updated_at = now
        writing.submissions_update(
            submissions,
            ["state", "submitted_at", "submitted_by", "updated_at"],
            when=now,
            reason=self.reason,
            user=self.user,
        )


def _duplicate(row: Row) -> str:
    return _("%(unit)s, “%(indicator)s”, %(period)s is given on another line too.") % {
        "unit": row.unit.label(), "indicator": row.indicator.name, "period": row.period,
    }


# --- the service ---------------------------------------------------------------------


def report_file_import(
    *,
    stream: BinaryIO,
    file_name: str,
    actor: Actor,
    root: Unit | None = None,
    plan: Plan | None = None,
    period: Period | None = None,
    dry_run: bool = False,
    accept_warnings: bool = True,
    note: str = "",
    submit: bool = False,
    preview_limit: int = 0,
    column_map: Mapping[str, str] | None = None,
    mapping_unit: Unit | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a report file, all or nothing, as `actor`.

    `actor` is the importing user, or `SYSTEM` for the system operator (every unit; the
    batch records no user and the history says so). Units are resolved in the actor's
    scope, narrowed to `root`'s subtree (else the `plan`'s issuing unit's) when given;
    `period` is the period of rows without one. Nothing is written when the file has any
    error, on a `dry_run`, or when it has warnings that are not accepted
    (`accept_warnings`, with the `note` kept on the batch). With `submit`, the reports an
    officer fills are handed in as submitted. `preview_limit` keeps that many per-line
    outcomes for the preview page. `column_map` names the indicator of an official
    sheet's column the reader does not recognise (its printed label → indicator code, or
    `official.IGNORE` to leave the column out); the mappings remembered for the sheet's
    header layout (`mappings`) fill in the labels it does not name, and a written import
    remembers its mappings. They belong to the plan's issuing unit, else to `root`, else
    to `mapping_unit` (the import page: the user's own unit). `progress` is called with
    (lines read, lines in the file) after each chunk.

    A write that loses a race to another writer of the same reports is run again from
    the start (the file read anew against what is stored then); when it still cannot be
    done, the result has one error saying so and nothing is written.
    """
    file_name = clean_file_name(file_name)
    checksum = file_checksum(stream)
    # A sheet whose rows are indicators (Phụ lục I) is about the unit given, never the
    # plan's issuer by default: Dị Sử's plan prints the town's figures.
    unit = root
    if root is None and plan is not None:
        root = plan.issuer
    mapping_issuer = plan.issuer if plan is not None else (unit or mapping_unit)
    try:
        return _attempt(
            stream=stream, file_name=file_name, checksum=checksum, actor=actor, root=root,
            unit=unit,
            plan=plan, period=period, dry_run=dry_run, accept_warnings=accept_warnings,
            note=note, submit=submit, preview_limit=preview_limit,
            mapping=_Mapping(explicit=dict(column_map or {}), issuer=mapping_issuer),
            progress=progress,
        )
    except WriteRefused as refused:
        result = ImportResult(file_name=file_name, checksum=checksum, dry_run=dry_run)
        result.add(Problem(1, "", "error", refused.message, "concurrent"))
        return result


def indicator_names(catalogue: Sequence[tuple[str, ...]]) -> dict[str, str]:
    """The names official sheets head their columns with: the catalogue's own (a
    department's indicators too) and the wordings the plans print."""
    codes = {code for code, *_names in catalogue}
    pairs = [(code, name) for code, *names in catalogue for name in names]
    pairs += [pair for pair in official.catalogue_names() if pair[0] in codes]
    return official.names_index(pairs)


@dataclass(frozen=True)
class _Mapping:
    """The user's mappings of an official sheet's labels, and the issuing unit whose
    remembered mappings fill in the others (none: nothing is remembered)."""

    explicit: dict[str, str]  # label as printed → code or IGNORE
    issuer: Unit | None

    def keyed(self, codes: set[str]) -> dict[str, str]:
        return {
            official.label_key(label): code
            for label, code in self.explicit.items()
            if official.label_key(label) and (code in codes or code == IGNORE)
        }


def _remembered(parsed: ParsedFile, mapping: _Mapping, explicit: dict[str, str], *,
                plan: Plan | None, actor: Actor) -> dict[str, Remembered]:
    """The remembered mappings of the labels of the columns the reader did not know that
    the user did not map: for the issuer, this header layout, and indicators the user may
    map to."""
    header = parsed.header
    if mapping.issuer is None or header is None or not header.open_columns:
        return {}
    remembered = remembered_mappings(unit=mapping.issuer, signature=header.signature)
    open_keys = {official.label_key(c.label) for c in header.open_columns}
    found = {key: r for key, r in remembered.items() if key in open_keys and key not in explicit}
    if any(r.code != IGNORE for r in found.values()):
        allowed = {i.code for i in mappable_indicators(plan=plan, user=actor)}
        found = {key: r for key, r in found.items() if r.code == IGNORE or r.code in allowed}
    return found


def _catalogue_names(within: Unit | None) -> list[tuple[str, ...]]:
    """(code, Vietnamese name, English name, printed names…) of the indicators a file read
    for `within`'s subtree may hold: the catalogue and its province's own (every one
    when the import is not narrowed to a unit)."""
    indicators = Indicator.objects.all() if within is None else Indicator.objects.for_unit(
        within
    )
    return [
        (i.code, i.name_vi, i.name_en, *i.printed_names)
        for i in indicators.only("code", "name_vi", "name_en", "aliases")
    ]


@retry_on_conflict
def _attempt(*, stream: BinaryIO, file_name: str, checksum: str, actor: Actor,
             root: Unit | None, unit: Unit | None, plan: Plan | None, period: Period | None,
             dry_run: bool, accept_warnings: bool, note: str, submit: bool,
             preview_limit: int, mapping: _Mapping,
             progress: Progress | None = None) -> ImportResult:
    """One reading and writing of the file, in the transaction `retry_on_conflict` opens."""
    total = file_lines(stream) if progress is not None else 0
    stream.seek(0)
    result = ImportResult(file_name=file_name, checksum=checksum, dry_run=dry_run)
    catalogue = _catalogue_names(root or unit)
    codes = {code for code, *_names in catalogue}
    names = indicator_names(catalogue)
    explicit = mapping.keyed(codes)

    def opened(column_map: dict[str, str]) -> ParsedFile:
        stream.seek(0)
        return open_file(
            stream, indicator_codes=codes, default_period=str(period) if period else "",
            indicator_names=names, default_unit=unit.code if unit else "",
            column_map=column_map,
        )

    parsed = opened(explicit)
    remembered = _remembered(parsed, mapping, explicit, plan=plan, actor=actor)
    if remembered:
        # Read again with them: they may change how the header is read.
        parsed = opened({**{k: r.code for k, r in remembered.items()}, **explicit})
        result.remembered = remembered
    result.format, result.layout, result.header = parsed.format, parsed.layout, parsed.header
    for problem in parsed.problems:
        result.add(problem)
    if parsed.layout is None:
        return result
    resolver = UnitResolver(actor=actor, root=root)
    _import(result, parsed, parsed.layout, actor=actor, resolver=resolver, plan=plan,
            dry_run=dry_run, accept_warnings=accept_warnings, note=note, submit=submit,
            preview_limit=preview_limit, mapping_issuer=mapping.issuer,
            progress=_told(progress, total))
    return result


def _told(progress: Progress | None, total: int) -> Callable[[int], None]:
    """Tell `progress` the line a chunk ended on, out of the file's `total` lines."""
    if progress is None:
        return lambda line: None
    return lambda line: progress(min(line, total) if total else line, total)


def _remember_mappings(result: ImportResult, *, issuer: Unit | None, actor: Actor) -> None:
    """A written import's mappings, remembered for its header layout and issuer."""
    header = result.header
    if issuer is None or header is None:
        return
    choices = [(c.label, c.mapped) for c in header.open_columns if c.mapped]
    if choices:
        column_mappings_remember(issuer=issuer, signature=header.signature, choices=choices,
                                 actor=actor)


def _import(result: ImportResult, parsed: ParsedFile, layout: Layout, *, actor: Actor,
            resolver: UnitResolver, plan: Plan | None, dry_run: bool, accept_warnings: bool,
            note: str, submit: bool, preview_limit: int, mapping_issuer: Unit | None,
            progress: Callable[[int], None]) -> None:
    file_name = result.file_name
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            file_name=file_name,
            checksum=result.checksum,
            user=recorded_user(actor),
            note=note.strip(),
        )
        run = _Run(
            result=result,
            layout=layout,
            actor=actor,
            resolver=resolver,
            plan=plan,
            batch=batch,
            reason=change_reason(file_name, batch.pk, system=is_system(actor)),
            preview_limit=preview_limit,
            submit=submit,
            locking=not dry_run,
        )
        for chunk in _chunks(parsed.entries()):
            run.process(chunk)
            progress(chunk[-1].line)
        run.finish()
        run.check_submittable()
        result.outcomes.sort(key=lambda outcome: outcome.line)
        keep = not dry_run and result.ok and (accept_warnings or not result.warnings)
        if not keep:
            transaction.set_rollback(True)
            return
        run.record_history()
        run.submit_reports()
        batch.rows = result.entries
        batch.created, batch.updated, batch.unchanged = (
            result.created, result.updated, result.unchanged,
        )
        batch.warnings = result.warnings
        batch.save(update_fields=["rows", "created", "updated", "unchanged", "warnings"])
        _remember_mappings(result, issuer=mapping_issuer, actor=actor)
        result.batch = batch
        result.written = True


def report_file_header(*, stream: BinaryIO, period: Period | None) -> SheetHeader | None:
    """An official sheet's header — its signature and the columns the reader does not
    know by itself — read without importing anything (the preview's column choices)."""
    catalogue = list(Indicator.objects.values_list("code", "name_vi", "name_en"))
    stream.seek(0)
    parsed = open_file(
        stream, indicator_codes={code for code, _vi, _en in catalogue},
        default_period=str(period) if period else "", indicator_names=indicator_names(catalogue),
    )
    return parsed.header
