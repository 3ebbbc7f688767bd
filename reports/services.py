"""Writes of the reporting workflow: actual values and the state of submissions.

The doors every write path goes through (entry page, review, admin, demo loader, API):
each function here runs in one transaction, takes the report's write lock
(`reports.locks.reports_lock`) before it reads the state or the values, applies the
workflow's rules (`reports.workflow`) and the value rules (`reports.values`), checks each
value's version in the UPDATE itself, and leaves a history record (who, when, from which
page or file) on each row it changes. Rights are asked from `districts.scope`; the acting
user is always given (`districts.scope.SYSTEM` for commands and loaders). File imports
write in bulk (`reports.imports`) through the same lock and rules.

Reopening an approved report puts it back to `returned` with the officer's reason, so the
reporter sees why on the entry page, corrects and submits again, as after a return.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from districts import sources
from districts.models import Unit
from districts.scope import Action, Actor, can, is_system, recorded_user
from targets.models import Indicator

from .bounds import Bound, BoundError, read_value_bound, same_bound
from .checks import Issue
from .imports import writing
from .locks import WriteRefused, reports_lock, retry_on_conflict
from .models import Actual, Submission
from .numbers import NumberError, parse_number
from .periods import Period
from .selectors.common import (
    as_period,
    catalogue,
    catalogue_for,
    earlier_period,
    indicators_in_words,
    unit_valid_in,
    warnings_for,
)
from .selectors.entry import stored_values, target_indicator_codes
from .signals import submission_state_changed
from .values import DENOMINATOR, NUMERATOR, VALUE, check_amounts, stored_number
from .workflow import (
    SUBMITTABLE,
    State,
    lock_message,
    missing_before_submit,
    unanswered_warnings,
    write_lock,
)

# Where a change came from, as the history stores it (`districts.sources` shows it in words).
SOURCE_ENTRY = sources.ENTRY
SOURCE_REVIEW = sources.REVIEW
SOURCE_ADMIN = sources.ADMIN
SOURCE_DEMO = sources.DEMO


class TransitionError(Exception):
    """A change the workflow does not allow, with a message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LockedError(TransitionError):
    """The values cannot be written in the submission's state."""


def _record(obj: Actual | Submission, *, actor: Actor, source: str) -> None:
    """Who and from where, for the history record the next save writes."""
    obj._history_user = recorded_user(actor)  # type: ignore[union-attr]
    obj._change_reason = source[: sources.REASON_MAX]  # type: ignore[union-attr]


def _require(actor: Actor, unit: Unit, action: Action, message: str) -> None:
    if not can(actor, unit, action):
        raise PermissionDenied(message)


def _manages(actor: Actor, unit: Unit) -> bool:
    return can(actor, unit, Action.MANAGE)


# --- submissions -------------------------------------------------------------------------


def _lock_report(unit: Unit, period: Period | str) -> Submission | None:
    """Take the report's write lock, then read its submission (None: not created yet)."""
    reports_lock([(unit.pk, str(period))])
    return (
        Submission.objects.select_related("unit")
        .filter(unit=unit, period=str(period))
        .first()
    )


def _locked(submission: Submission) -> Submission:
    """The submission as it is now, read under its report's write lock."""
    reports_lock([(submission.unit_id, submission.period)])
    return Submission.objects.select_for_update().select_related("unit").get(pk=submission.pk)


def _submission_create(*, unit: Unit, period: Period, actor: Actor, source: str) -> Submission:
    """A new draft submission; the caller holds the report's lock."""
    submission = Submission(unit=unit, period=str(period), year=period.year)
    _record(submission, actor=actor, source=source)
    submission.save()
    return submission


def _require_state(submission: Submission, allowed: set[str] | frozenset[str],
                   message: str) -> None:
    if submission.state not in allowed:
        raise TransitionError(message % {"state": submission.get_state_display()})


def _check_complete(submission: Submission) -> None:
    """Every indicator with a target has a value, and every warning has its note."""
    period = as_period(submission.period)
    indicators = catalogue()
    current, last_year = stored_values(submission.unit, period)
    filled = {code for code, a in current.items() if a.value is not None or a.printed}
    missing = missing_before_submit(
        required=target_indicator_codes(submission.unit, period.year), filled=filled
    )
    if missing:
        raise TransitionError(
            _("Fill in every indicator with a target before submitting: %(names)s.")
            % {"names": indicators_in_words(missing, indicators)}
        )
    warnings = warnings_for(
        indicators=indicators,
        values={code: actual.value for code, actual in current.items()},
        last_year=last_year,
        codes=current,
    )
    unanswered = unanswered_warnings(
        warned=warnings, notes={code: a.note for code, a in current.items()}
    )
    if unanswered:
        raise TransitionError(
            _("Answer the warnings with a note before submitting: %(names)s.")
            % {"names": indicators_in_words(unanswered, indicators)}
        )


def _change_state(
    submission: Submission, *, state: str, actor: Actor, source: str, reason: str | None = None
) -> Submission:
    now = timezone.now()
    previous = submission.state
    submission.state = state
    if reason is not None:
        submission.reason = reason
    if state == State.SUBMITTED:
        submission.submitted_at, submission.submitted_by = now, recorded_user(actor)
    else:
        submission.reviewed_at, submission.reviewed_by = now, recorded_user(actor)
    _record(submission, actor=actor, source=source)
    submission.full_clean()
    submission.save()
    # Inside the transaction: what listeners write is rolled back with the change.
    submission_state_changed.send(
        sender=Submission, submission=submission, previous=previous, actor=actor
    )
    return submission


def _transition(func: Callable[..., Submission]) -> Callable[..., Submission]:
    """A state change: one transaction, under the report's lock, retried when it loses a
    race; waiting too long for another writer is a `TransitionError` with a message."""
    retried = retry_on_conflict(func)

    @functools.wraps(func)
    def run(**kwargs: Any) -> Submission:
        try:
            return retried(**kwargs)
        except WriteRefused as refused:
            raise TransitionError(refused.message) from refused

    return run


@_transition
def submission_submit(*, submission: Submission, actor: Actor, source: str) -> Submission:
    """draft or returned → submitted, once every target row has a value."""
    submission = _locked(submission)
    _require(actor, submission.unit, Action.REPORT, _("You may not submit this unit's report."))
    _require_state(
        submission,
        SUBMITTABLE,
        _("The report is %(state)s: only a draft or a returned report can be submitted."),
    )
    _check_complete(submission)
    return _change_state(submission, state=State.SUBMITTED, actor=actor, source=source)


@_transition
def submission_approve(*, submission: Submission, actor: Actor, source: str) -> Submission:
    """submitted → approved: the values are locked from now on."""
    submission = _locked(submission)
    _require(actor, submission.unit, Action.MANAGE, _("Only an officer may approve reports."))
    _require_state(
        submission,
        {State.SUBMITTED},
        _("The report is %(state)s: only a submitted report can be approved."),
    )
    return _change_state(submission, state=State.APPROVED, actor=actor, source=source)


def _reason(reason: str | None, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(message)
    return reason


@_transition
def submission_return(
    *, submission: Submission, actor: Actor, reason: str, source: str
) -> Submission:
    """submitted → returned, with the reason the reporter will read."""
    submission = _locked(submission)
    _require(actor, submission.unit, Action.MANAGE, _("Only an officer may return reports."))
    _require_state(
        submission,
        {State.SUBMITTED},
        _("The report is %(state)s: only a submitted report can be returned."),
    )
    reason = _reason(reason, _("Give the reason for returning the report."))
    return _change_state(
        submission, state=State.RETURNED, actor=actor, source=source, reason=reason
    )


@_transition
def submission_reopen(
    *, submission: Submission, actor: Actor, reason: str, source: str
) -> Submission:
    """approved → returned: unlocks the values, with the reason, for the reporter to correct."""
    submission = _locked(submission)
    _require(actor, submission.unit, Action.MANAGE, _("Only an officer may reopen reports."))
    _require_state(
        submission,
        {State.APPROVED},
        _("The report is %(state)s: only an approved report can be reopened."),
    )
    reason = _reason(reason, _("Give the reason for reopening the report."))
    return _change_state(
        submission, state=State.RETURNED, actor=actor, source=source, reason=reason
    )


# --- actual values -------------------------------------------------------------------------


@dataclass
class Conflict:
    """A value someone else changed after the form was opened."""

    indicator: Indicator
    current: Actual


@dataclass
class SaveResult:
    """What `actuals_save` did, or why it wrote nothing."""

    submission: Submission | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)  # by code; "" for the form
    warnings: dict[str, list[Issue]] = field(default_factory=dict)
    unanswered: set[str] = field(default_factory=set)  # rows with a warning and no note
    missing: set[str] = field(default_factory=set)  # rows with a target, empty at a submit
    conflicts: list[Conflict] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    submitted: bool = False

    @property
    def ok(self) -> bool:
        return not (self.errors or self.unanswered or self.conflicts)

    def add_error(self, code: str, message: str) -> None:
        self.errors.setdefault(code, []).append(message)


@dataclass
class _Row:
    """One posted row, read."""

    indicator: Indicator
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    printed: str | None = None  # None: not given, the stored one stays
    note: str = ""
    version: int | None = None
    readable: bool = True

    @property
    def is_empty(self) -> bool:
        return (self.value is None and self.numerator is None and self.denominator is None
                and not self.printed)

    def content(self) -> tuple:
        return (self.value, self.numerator, self.denominator, self.printed, self.note)


def _content(actual: _Stored) -> tuple:
    return (actual.value, actual.numerator, actual.denominator, actual.printed, actual.note)


def _number(text: str | Decimal | None, *, decimal_mark: str) -> Decimal | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    return stored_number(parse_number(text, decimal_mark=decimal_mark), text=text)


def _version(raw: object) -> int | None:
    if raw in (None, ""):
        return None
    try:
        return int(raw)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _read_row(indicator: Indicator, raw: Mapping, *, decimal_mark: str,
              result: SaveResult, stored: _Stored | None) -> _Row:
    code = indicator.code
    note = str(raw.get("note") or "").strip()
    printed = raw.get("printed")
    row = _Row(indicator, note=note, version=_version(raw.get("version")),
               printed=None if printed is None else str(printed).strip())
    given = raw.get(VALUE)
    no_parts = not any(str(raw.get(part) or "").strip() for part in (NUMERATOR, DENOMINATOR))
    if (stored is not None and stored.value is None and stored.printed and no_parts
            and isinstance(given, str) and given.strip() == stored.printed):
        # The page shows a result stored as printed in its box: posted back, it stays.
        row.printed = stored.printed
        return row
    try:
        bound = read_value_bound(raw.get(VALUE), kind=indicator.kind,
                                 decimal_mark=decimal_mark)
    except BoundError as error:
        result.add_error(code, str(error))
        row.readable = False
        return row
    if bound is not None:
        return _bound_row(row, bound, raw, result=result)
    numbers: dict[str, Decimal | None] = {VALUE: None, NUMERATOR: None, DENOMINATOR: None}
    parts = (VALUE, NUMERATOR, DENOMINATOR) if indicator.is_rate else (VALUE,)
    for part in parts:
        try:
            numbers[part] = _number(raw.get(part), decimal_mark=decimal_mark)
        except NumberError as error:
            result.add_error(code, str(error))
            row.readable = False
    if not row.readable:
        return row
    amounts, issues = check_amounts(kind=indicator.kind, **numbers)
    for issue in issues:
        result.add_error(code, issue.message)
    if amounts is None:
        row.readable = False
        return row
    row.value, row.numerator, row.denominator = (
        amounts.value, amounts.numerator, amounts.denominator,
    )
    if row.value is not None:
        row.printed = ""  # a number replaces a result that was only printed
    return row


def _bound_row(row: _Row, bound: Bound, raw: Mapping, *, result: SaveResult) -> _Row:
    """A value given as a bound (">92"): no number, its text kept as printed. A bound
    has no numerator and denominator."""
    if any(str(raw.get(part) or "").strip() for part in (NUMERATOR, DENOMINATOR)):
        result.add_error(row.indicator.code, _(
            "“%(text)s” is a bound, not a number: leave the numerator and the denominator "
            "empty."
        ) % {"text": bound.printed})
        row.readable = False
        return row
    row.printed = bound.printed
    return row


def _refuse_locked(submission: Submission | None, *, actor: Actor, unit: Unit) -> None:
    lock = write_lock(submission.state if submission else None,
                      manages=_manages(actor, unit))
    if lock is not None:
        raise LockedError(lock_message(lock))


class _Stored(Protocol):
    """A stored value as `_decide` compares it: an `Actual`, or a row of one read in bulk."""

    @property
    def value(self) -> Decimal | None: ...
    @property
    def numerator(self) -> Decimal | None: ...
    @property
    def denominator(self) -> Decimal | None: ...
    @property
    def printed(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def version(self) -> int: ...


@dataclass
class _Decision:
    """A report's rows read and compared with its stored values, under its lock."""

    result: SaveResult  # without the conflicts: the caller adds them with the stored values
    changed: list[_Row]
    conflicted: list[_Row]  # changed over a version that is no longer the stored one
    read: dict[str, _Row]
    values: dict[str, Decimal | None]  # the stored values with the readable rows laid over


def _decide(*, unit: Unit, rows: Mapping[str, Mapping], actor: Actor,
            submission: Submission | None, indicators: Mapping[str, Indicator],
            current: Mapping[str, _Stored], last_year: Mapping[str, Decimal],
            decimal_mark: str) -> _Decision:
    """The entry page's rules for one report's rows, the same for one report
    (`actuals_save`) and for many (`actuals_save_many`): each row read and checked, compared
    with the stored value (unchanged rows are left alone), its version checked, the
    report's state asked whether anything may change (`LockedError` if not), and the
    warnings with the rows laid over the stored values."""
    result = SaveResult()
    read: dict[str, _Row] = {}
    for code, raw in rows.items():
        indicator = indicators.get(code)
        if indicator is None:
            result.add_error("", _("“%(code)s” is not an indicator of the catalogue.")
                             % {"code": code})
            continue
        read[code] = _read_row(indicator, raw, decimal_mark=decimal_mark, result=result,
                               stored=current.get(code))

    changed: list[_Row] = []
    conflicted: list[_Row] = []
    for code, row in read.items():
        actual = current.get(code)
        if row.printed is None:
            # A page that does not show the printed text keeps it, unless a number
            # replaces it.
            keep = actual is not None and row.value is None
            row.printed = actual.printed if actual is not None and keep else ""
        if actual is None:
            if not row.is_empty or row.note:
                changed.append(row)
            continue
        if (row.printed and actual.value is None
                and same_bound(actual.printed, row.printed)):
            row.printed = actual.printed  # ">92" over "trên 92" is the same result
        same = row.readable and _content(actual) == row.content()
        if same:
            result.unchanged += 1
            continue
        if row.version != actual.version:
            conflicted.append(row)
        changed.append(row)

    if changed:
        # Saving what is already stored changes nothing, whatever the report's state.
        _refuse_locked(submission, actor=actor, unit=unit)
    values = {code: actual.value for code, actual in current.items()}
    values |= {code: row.value for code, row in read.items() if row.readable}
    result.warnings = warnings_for(
        indicators=indicators, values=values, last_year=last_year, codes=list(read)
    )
    result.unanswered = unanswered_warnings(
        warned=result.warnings, notes={code: row.note for code, row in read.items()}
    )
    return _Decision(result=result, changed=changed, conflicted=conflicted, read=read,
                     values=values)


def actuals_save(
    *,
    unit: Unit,
    period: Period | str,
    rows: Mapping[str, Mapping],
    actor: Actor,
    source: str,
    submit: bool = False,
    decimal_mark: str = ",",
    origin: str = Actual.Origin.TYPED,
    sample: bool = False,
    check_only: bool = False,
) -> SaveResult:
    """Save a unit's values for a period, all or nothing; with `submit`, submit them too.

    `rows` maps an indicator code to {"value", "numerator", "denominator", "note",
    "version"} (text as typed, or Decimal; "printed" for a result printed as text, from
    loaders). A value written as a bound (">92", "trên 92", "<5": `reports.bounds`) is
    stored with no number and its text as printed, which progress judges. The values
    are checked (errors block the save; a warning blocks it until its row has a note),
    and each row's `version` must still be the stored one, or the row
    must be unchanged: otherwise nobody's change is overwritten and the conflicts are
    returned. Nothing is written unless everything passes, nor with `check_only`.

    Raises `LockedError` when the report's state keeps this actor out of a change,
    `PermissionDenied` without the right to report for the unit.
    """
    try:
        return _actuals_save(
            unit=unit, period=as_period(period), rows=rows, actor=actor, source=source,
            submit=submit, decimal_mark=decimal_mark, origin=origin, sample=sample,
            check_only=check_only,
        )
    except WriteRefused as refused:
        result = SaveResult()
        result.add_error("", refused.message)
        return result


@retry_on_conflict
def _actuals_save(
    *,
    unit: Unit,
    period: Period,
    rows: Mapping[str, Mapping],
    actor: Actor,
    source: str,
    submit: bool,
    decimal_mark: str,
    origin: str,
    sample: bool,
    check_only: bool,
) -> SaveResult:
    _require(actor, unit, Action.REPORT, _("You may not enter values for this unit."))
    result = SaveResult()
    if not unit_valid_in(unit, period):
        result.add_error("", _("%(unit)s did not exist in %(period)s.")
                         % {"unit": unit.name, "period": period.label()})
        return result
    # Under the lock the state and the versions read below stay true until the
    # transaction ends (an admin form checks, then saves, in one transaction).
    submission = _lock_report(unit, period)
    if submit:
        _refuse_locked(submission, actor=actor, unit=unit)
        if submission is not None and submission.state == State.SUBMITTED:
            raise TransitionError(_("The report has already been submitted."))

    indicators = catalogue_for(unit)
    current, last_year = stored_values(unit, period)
    decided = _decide(unit=unit, rows=rows, actor=actor, submission=submission,
                      indicators=indicators, current=current, last_year=last_year,
                      decimal_mark=decimal_mark)
    result, changed, read, values = (
        decided.result, decided.changed, decided.read, decided.values,
    )
    result.conflicts = [Conflict(indicator=row.indicator, current=current[row.indicator.code])
                        for row in decided.conflicted]

    if submit:
        printed = {code for code, actual in current.items() if actual.printed}
        printed |= {code for code, row in read.items() if row.printed}
        filled = {code for code, value in values.items() if value is not None} | printed
        missing = missing_before_submit(
            required=target_indicator_codes(unit, period.year), filled=filled
        )
        result.missing = missing
        for code in sorted(missing):
            result.add_error(code, _("a value is needed to submit the report"))

    if not result.ok or check_only:
        if not result.ok:
            result.unchanged = 0
        return result

    if changed or submit:
        submission = submission or _submission_create(
            unit=unit, period=period, actor=actor, source=source
        )
    for row in changed:
        _write(row, current.get(row.indicator.code), unit=unit, period=period,
               submission=submission, actor=actor, source=source, origin=origin,
               sample=sample, result=result)
    result.submission = submission
    if submit and submission is not None:
        # Already under the lock, in this transaction: the same rules as on its own.
        _check_complete(submission)
        result.submission = _change_state(
            submission, state=State.SUBMITTED, actor=actor, source=source
        )
        result.submitted = True
    return result


def _write(row: _Row, actual: Actual | None, *, unit: Unit, period: Period,
           submission: Submission | None, actor: Actor, source: str, origin: str,
           sample: bool, result: SaveResult) -> None:
    """Create or update one value; an update names the version it replaces, and the
    database refuses it (`ConcurrentWrite`) if that is no longer the stored one."""
    if actual is None:
        actual = Actual(indicator=row.indicator, unit=unit, period=str(period),
                        year=period.year, version=1)
        result.created += 1
    else:
        actual.expected_version = actual.version
        actual.version += 1
        result.updated += 1
    actual.value, actual.numerator, actual.denominator = (
        row.value, row.numerator, row.denominator,
    )
    actual.printed = row.printed or ""
    actual.note = row.note
    actual.origin = origin
    actual.is_sample = sample
    actual.import_batch = None
    actual.submission = submission
    actual.updated_by = recorded_user(actor)
    _record(actual, actor=actor, source=source)
    actual.save(force_update=actual.pk is not None)


# --- many reports at once -------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRows:
    """One report's rows for `actuals_save_many`, as `actuals_save` takes them."""

    unit: Unit
    period: Period
    rows: Mapping[str, Mapping]


@dataclass
class ReportSaved:
    """What `actuals_save_many` found in one report: its `SaveResult`, or why the report's
    state or the actor's rights keep every change out of it (`refused`, as `actuals_save`
    raises `LockedError` or `PermissionDenied`)."""

    report: ReportRows
    result: SaveResult
    refused: str = ""

    @property
    def ok(self) -> bool:
        return not self.refused and self.result.ok


@dataclass
class ManySaveResult:
    """What `actuals_save_many` did: each report's outcome, in the order given, or the
    message of a write that other writers kept from being done (`error`)."""

    reports: list[ReportSaved] = field(default_factory=list)
    error: str = ""
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.error and all(saved.ok for saved in self.reports)


def actuals_save_many(
    *,
    reports: Sequence[ReportRows],
    actor: Actor,
    source: str,
    decimal_mark: str = ",",
    origin: str = Actual.Origin.TYPED,
    check_only: bool = False,
) -> ManySaveResult:
    """Save the values of many reports at once, all or nothing: `actuals_save`'s rules for
    each report, its writes in bulk.

    Each report's rows are checked as `actuals_save` checks them (`_decide`: the entry
    page's checks, warnings that need a note, each row's version, the report's state for
    a change), under the write locks of every report, taken together. When every report
    passes, new and changed values are written in bulk (`reports.imports.writing`), each
    update over the version read under the lock, with one history row and one version
    step per value changed; unchanged values are not touched; a report without a
    submission gets a draft one. When any report fails, nothing is written, and every
    report's outcome says why; with `check_only` nothing is written either, and the
    counts say what would be.

    For the API and other bulk writers: a value written as a bound (">92") is kept as
    printed, as by `actuals_save`; nothing is submitted (the entry page and the loaders
    use `actuals_save`).
    """
    try:
        return _actuals_save_many(reports=reports, actor=actor, source=source,
                                  decimal_mark=decimal_mark, origin=origin,
                                  check_only=check_only)
    except WriteRefused as refused:
        return ManySaveResult(
            reports=[ReportSaved(report, SaveResult()) for report in reports],
            error=refused.message,
        )


class _Catalogues:
    """`catalogue_for` of many units from one query: the shipped catalogue and the
    indicators of the departments above each unit."""

    def __init__(self) -> None:
        self.every = list(Indicator.objects.select_related("owner")
                          .order_by("sort_order", "code"))
        self.code_of = {indicator.pk: indicator.code for indicator in self.every}
        self.owners = {i.owner.path for i in self.every if i.owner is not None}
        self.by_owners: dict[tuple[str, ...], dict[str, Indicator]] = {}

    def of(self, unit: Unit) -> dict[str, Indicator]:
        owners = tuple(path for path in unit.ancestor_paths() if path in self.owners)
        found = self.by_owners.get(owners)
        if found is None:
            found = self.by_owners[owners] = {
                i.code: i for i in self.every if i.owner is None or i.owner.path in owners
            }
        return found


class _StoredRow(NamedTuple):
    id: int
    unit_id: int
    period: str
    indicator_id: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    printed: str
    note: str
    version: int


@retry_on_conflict
def _actuals_save_many(*, reports: Sequence[ReportRows], actor: Actor, source: str,
                       decimal_mark: str, origin: str, check_only: bool) -> ManySaveResult:
    outcome = ManySaveResult()
    open_reports: list[ReportSaved] = []
    for report in reports:
        saved = ReportSaved(report, SaveResult())
        outcome.reports.append(saved)
        if not can(actor, report.unit, Action.REPORT):
            saved.refused = _("You may not enter values for this unit.")
        elif not unit_valid_in(report.unit, report.period):
            saved.result.add_error("", _("%(unit)s did not exist in %(period)s.") % {
                "unit": report.unit.name, "period": report.period.label(),
            })
        else:
            open_reports.append(saved)
    keys = {(saved.report.unit.pk, str(saved.report.period)) for saved in open_reports}
    # Every report locked first, in one order; states and versions read under the locks.
    reports_lock(keys)
    catalogues = _Catalogues()
    submissions, current, last_year = _stored_many(keys, code_of=catalogues.code_of)
    # The values of the reports decided so far, as they will be stored: a later report
    # of the same unit a year on is warned against them, as if saved one after the other.
    laid_over: dict[tuple[int, str], dict[str, Decimal]] = {}
    changes: list[tuple[ReportSaved, list[_Row]]] = []
    for saved in open_reports:
        unit, period = saved.report.unit, saved.report.period
        key = (unit.pk, str(period))
        earlier = earlier_period(period, "last_year")
        previous: Mapping[str, Decimal] = {}
        if earlier is not None:
            earlier_key = (unit.pk, str(earlier))
            previous = (laid_over[earlier_key] if earlier_key in laid_over
                        else last_year.get(earlier_key, {}))
        stored = current.get(key, {})
        try:
            decided = _decide(unit=unit, rows=saved.report.rows, actor=actor,
                              submission=submissions.get(key),
                              indicators=catalogues.of(unit),
                              current=stored, last_year=previous, decimal_mark=decimal_mark)
        except LockedError as locked:
            saved.refused = locked.message
            continue
        saved.result = decided.result
        if decided.conflicted:
            actuals = Actual.objects.select_related("indicator", "updated_by").in_bulk(
                [stored[row.indicator.code].id for row in decided.conflicted]
            )
            saved.result.conflicts = [
                Conflict(indicator=row.indicator,
                         current=actuals[stored[row.indicator.code].id])
                for row in decided.conflicted
            ]
        for row in decided.changed:
            if row.indicator.code in stored:
                saved.result.updated += 1
            else:
                saved.result.created += 1
        if saved.ok:
            laid_over[key] = {code: value for code, value in decided.values.items()
                              if value is not None}
        changes.append((saved, decided.changed))
    if not outcome.ok:
        for saved in outcome.reports:
            saved.result.created = saved.result.updated = saved.result.unchanged = 0
        return outcome
    if check_only:
        return outcome
    _write_many(changes, submissions=submissions, current=current, actor=actor,
                source=source, origin=origin)
    outcome.written = True
    return outcome


def _stored_many(
    keys: set[tuple[int, str]], *, code_of: Mapping[int, str]
) -> tuple[dict[tuple[int, str], Submission],
           dict[tuple[int, str], dict[str, _StoredRow]],
           dict[tuple[int, str], dict[str, Decimal]]]:
    """For each report (unit id, period): its submission, its stored values by code, and
    last year's values of the same period by the key of last year's report — the reads of
    `actuals_save` for one report, a few queries for all."""
    unit_ids = {unit_id for unit_id, _period in keys}
    periods = {period for _unit_id, period in keys}
    submissions = {
        (s.unit_id, s.period): s
        for s in Submission.objects.filter(unit_id__in=unit_ids, period__in=periods)
        if (s.unit_id, s.period) in keys
    }
    current: dict[tuple[int, str], dict[str, _StoredRow]] = {}
    rows = Actual.objects.filter(unit_id__in=unit_ids, period__in=periods).values_list(
        *_StoredRow._fields
    )
    for values in rows:
        stored = _StoredRow(*values)
        key = (stored.unit_id, stored.period)
        if key in keys:
            current.setdefault(key, {})[code_of[stored.indicator_id]] = stored
    earlier: dict[str, None] = {}
    for period in periods:
        last = earlier_period(as_period(period), "last_year")
        if last is not None:
            earlier[str(last)] = None
    last_year: dict[tuple[int, str], dict[str, Decimal]] = {}
    if earlier:
        found = Actual.objects.filter(
            unit_id__in=unit_ids, period__in=list(earlier), value__isnull=False
        ).values_list("unit_id", "period", "indicator_id", "value")
        for unit_id, period, indicator_id, value in found:
            if value is not None:
                last_year.setdefault((unit_id, period), {})[code_of[indicator_id]] = value
    return submissions, current, last_year



def _write_many(changes: list[tuple[ReportSaved, list[_Row]]], *,
                submissions: Mapping[tuple[int, str], Submission],
                current: Mapping[tuple[int, str], Mapping[str, _StoredRow]],
                actor: Actor, source: str, origin: str) -> None:
    """Write what `_decide` found changed, in bulk, under the locks: new values inserted
    at version 1, changed ones updated over the version read (`ConcurrentWrite` if that
    is no longer the stored one), a draft submission for a report without one, and a
    history row for each value and submission written."""
    changes = [(saved, rows) for saved, rows in changes if rows]
    if not changes:
        return
    now = timezone.now()
    user = recorded_user(actor)
    user_id = user.pk if user is not None else None
    reason = source[: sources.REASON_MAX]
    keys = [(saved.report.unit.pk, str(saved.report.period)) for saved, _rows in changes]
    missing = {key: saved.report.period.year
               for key, (saved, _rows) in zip(keys, changes, strict=True)
               if key not in submissions}
    created_submissions = writing.submissions_create(missing, when=now, reason=reason,
                                                     user=user)
    submission_ids = {key: s.pk for key, s in submissions.items()} | created_submissions
    inserts: list[Sequence] = []
    updates: list[Sequence] = []
    written_ids: list[int] = []
    for key, (saved, rows) in zip(keys, changes, strict=True):
        unit, period = saved.report.unit, saved.report.period
        stored = current.get(key, {})
        submission_id = submission_ids[key]
        for row in rows:
            old = stored.get(row.indicator.code)
            if old is None:
                inserts.append((row.indicator.pk, unit.pk, str(period), period.year,
                                row.value, row.printed or "", row.numerator,
                                row.denominator, row.note, submission_id))
            else:
                updates.append((old.id, row.value, row.printed or "", row.numerator,
                                row.denominator, row.note, old.version + 1, submission_id))
                written_ids.append(old.id)
    stamp = writing.Stamp(origin, None, user_id, now)
    writing.actuals_insert(inserts, stamp=stamp)
    writing.actuals_update(updates, stamp=stamp)
    if inserts:
        # The new values' ids, to select them for their history: under the locks, each of
        # these (unit, period, indicator) is the value just inserted.
        new = {(unit_id, period, indicator_id)
               for indicator_id, unit_id, period, *_rest in inserts}
        written_ids += [
            pk for pk, unit_id, period, indicator_id in Actual.objects.filter(
                unit_id__in={unit_id for _i, unit_id, *_rest in inserts},
                period__in={period for _i, _u, period, *_rest in inserts},
                version=1,
            ).values_list("id", "unit_id", "period", "indicator_id")
            if (unit_id, period, indicator_id) in new
        ]
    writing.history_record_ids(written_ids, when=now, reason=reason, user_id=user_id)
    fresh = Submission.objects.in_bulk(list(created_submissions.values()))
    for key, (saved, _rows) in zip(keys, changes, strict=True):
        saved.result.submission = submissions.get(key) or fresh.get(submission_ids[key])

def samples_remove(*, actor: Actor, source: str) -> int:
    """Delete the sample values (`is_sample`) and the submissions only they filled, under
    the reports' locks, with a history record for each. Only the system operator may, as
    `load_demo --no-samples` does: samples are the demo's own, whatever their state."""
    if not is_system(actor):
        raise PermissionDenied(_("Only the system operator removes sample data."))
    return _samples_remove(actor=actor, source=source)


@retry_on_conflict
def _samples_remove(*, actor: Actor, source: str) -> int:
    samples = Actual.objects.filter(is_sample=True)
    reports_lock(set(samples.values_list("unit_id", "period")))
    removed = 0
    submission_ids = set()
    for actual in samples.select_related(None):
        submission_ids.add(actual.submission_id)
        _record(actual, actor=actor, source=source)
        actual.delete()
        removed += 1
    for submission in Submission.objects.filter(pk__in=submission_ids, actuals__isnull=True):
        _record(submission, actor=actor, source=source)
        submission.delete()
    return removed
