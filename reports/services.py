"""Writes of the reporting workflow: actual values and the state of submissions.

Every function runs in one transaction and leaves a history record (who, when, from which
page or file) on each row it changes. Rights are asked from `districts.scope`.

Workflow of a submission (one per unit and period):

    draft ──submit──▶ submitted ──approve──▶ approved
                        │   ▲                   │
                  return│   │submit       reopen│ (officer, with a reason)
                        ▼   │                   │
                       returned ◀───────────────┘

Reopening an approved report puts it back to `returned` with the officer's reason, so the
reporter sees why on the entry page, corrects and submits again, as after a return.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districts.models import Unit
from districts.scope import Action, can
from targets.models import Indicator

from .checks import Issue, check_value
from .models import Actual, ImportBatch, Submission
from .numbers import NumberError, parse_number
from .periods import Period
from .selectors import (
    as_period,
    catalogue,
    stored_values,
    target_indicator_codes,
    unit_valid_in,
    warnings_for,
)

SOURCE_ENTRY = "entry page"
SOURCE_REVIEW = "review"
REASON_MAX = 100  # history_change_reason's column width

# The DecimalField's bounds: 16 digits, 4 of them after the mark.
PLACES = Decimal("0.0001")
LIMIT = Decimal(10) ** 12
RATE_PLACES = Decimal("0.01")

State = Submission.State


class TransitionError(Exception):
    """A change of state the workflow does not allow, with a message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LockedError(TransitionError):
    """The values cannot be written in the submission's state."""


def _record(obj, *, actor, source: str) -> None:
    """Who and from where, for the history record the next save writes."""
    obj._history_user = actor if actor is not None and actor.is_authenticated else None
    obj._change_reason = source[:REASON_MAX]


# --- submissions -------------------------------------------------------------------------


@transaction.atomic
def submission_get_or_create(
    *, unit: Unit, period: Period | str, actor=None, source: str = SOURCE_ENTRY
) -> Submission:
    period = as_period(period)
    submission = Submission.objects.filter(unit=unit, period=str(period)).first()
    if submission is None:
        submission = Submission(unit=unit, period=str(period), year=period.year)
        _record(submission, actor=actor, source=source)
        submission.save()
    return submission


def _locked(submission: Submission) -> Submission:
    """The submission row, locked until the transaction ends (PostgreSQL)."""
    return Submission.objects.select_for_update().select_related("unit").get(pk=submission.pk)


def _require(actor, unit: Unit, action: Action, message: str) -> None:
    """`actor` None is the system operator (a command run without --user): every right."""
    if actor is not None and not can(actor, unit, action):
        raise PermissionDenied(message)


def _require_state(submission: Submission, allowed: set[str], message: str) -> None:
    if submission.state not in allowed:
        raise TransitionError(message % {"state": submission.get_state_display()})


def _indicator_names(codes, indicators: dict[str, Indicator]) -> str:
    return ", ".join(indicators[code].name for code in indicators if code in codes)


def _check_complete(submission: Submission) -> None:
    """Every indicator with a target has a value, and every warning has its note."""
    period = as_period(submission.period)
    indicators = catalogue()
    current, last_year = stored_values(submission.unit, period)
    required = target_indicator_codes(submission.unit, period.year)
    missing = {
        code
        for code in required
        if code not in current or (current[code].value is None and not current[code].printed)
    }
    if missing:
        raise TransitionError(
            _("Fill in every indicator with a target before submitting: %(names)s.")
            % {"names": _indicator_names(missing, indicators)}
        )
    warnings = warnings_for(
        indicators=indicators,
        values={code: actual.value for code, actual in current.items()},
        last_year=last_year,
        codes=current,
    )
    unanswered = {code for code in warnings if not current[code].note.strip()}
    if unanswered:
        raise TransitionError(
            _("Answer the warnings with a note before submitting: %(names)s.")
            % {"names": _indicator_names(unanswered, indicators)}
        )


def _change_state(
    submission: Submission, *, state: str, actor, source: str, reason: str | None = None
) -> Submission:
    now = timezone.now()
    submission.state = state
    if reason is not None:
        submission.reason = reason
    if state == State.SUBMITTED:
        submission.submitted_at, submission.submitted_by = now, actor
    else:
        submission.reviewed_at, submission.reviewed_by = now, actor
    _record(submission, actor=actor, source=source)
    submission.full_clean()
    submission.save()
    return submission


@transaction.atomic
def submission_submit(
    *, submission: Submission, actor, source: str = SOURCE_ENTRY
) -> Submission:
    """draft or returned → submitted, once every target row has a value."""
    submission = _locked(submission)
    _require(actor, submission.unit, Action.REPORT, _("You may not submit this unit's report."))
    _require_state(
        submission,
        {State.DRAFT, State.RETURNED},
        _("The report is %(state)s: only a draft or a returned report can be submitted."),
    )
    _check_complete(submission)
    return _change_state(submission, state=State.SUBMITTED, actor=actor, source=source)


@transaction.atomic
def submission_approve(
    *, submission: Submission, actor, source: str = SOURCE_REVIEW
) -> Submission:
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


@transaction.atomic
def submission_return(
    *, submission: Submission, actor, reason: str, source: str = SOURCE_REVIEW
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


@transaction.atomic
def submission_reopen(
    *, submission: Submission, actor, reason: str, source: str = SOURCE_REVIEW
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
    note: str = ""
    version: int | None = None
    readable: bool = True

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.numerator is None and self.denominator is None

    def content(self) -> tuple:
        return (self.value, self.numerator, self.denominator, self.note)


def _content(actual: Actual) -> tuple:
    return (actual.value, actual.numerator, actual.denominator, actual.note)


def _number(text, *, decimal_mark: str) -> Decimal | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    value = parse_number(text, decimal_mark=decimal_mark)
    if abs(value) >= LIMIT:
        raise NumberError(_("%(text)s is too large.") % {"text": text})
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def _version(raw) -> int | None:
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _read_row(indicator: Indicator, raw: dict, *, decimal_mark: str, result: SaveResult) -> _Row:
    code = indicator.code
    note = str(raw.get("note") or "").strip()
    row = _Row(indicator, note=note, version=_version(raw.get("version")))
    parts = ("value", "numerator", "denominator") if indicator.is_rate else ("value",)
    for part in parts:
        try:
            setattr(row, part, _number(raw.get(part), decimal_mark=decimal_mark))
        except NumberError as error:
            result.add_error(code, str(error))
            row.readable = False
    if not row.readable:
        return row
    if indicator.is_rate and (row.numerator is None) != (row.denominator is None):
        result.add_error(code, _("give both the numerator and the denominator, or neither"))
        row.readable = False
    elif indicator.is_rate and row.denominator == 0:
        result.add_error(code, _("the denominator must be above zero"))
        row.readable = False
    elif indicator.is_rate and row.value is None and row.numerator is not None:
        # A rate given as numerator and denominator only.
        computed = row.numerator / row.denominator * 100
        row.value = computed.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
    issues = check_value(
        kind=indicator.kind,
        value=row.value,
        numerator=row.numerator,
        denominator=row.denominator,
        field=code,
    )
    for issue in issues:
        result.add_error(code, issue.message)
        row.readable = False
    return row


def _writable(submission: Submission | None, *, actor, unit: Unit) -> None:
    if submission is None:
        return
    if submission.state == State.APPROVED:
        raise LockedError(
            _("The report is approved and its values are locked; an officer can reopen it.")
        )
    manager = actor is None or can(actor, unit, Action.MANAGE)
    if submission.state == State.SUBMITTED and not manager:
        raise LockedError(
            _("The report has been submitted and waits for review; it can be changed again "
              "if it is returned.")
        )


@transaction.atomic
def actuals_save(
    *,
    unit: Unit,
    period: Period | str,
    rows: dict[str, dict],
    actor,
    source: str = SOURCE_ENTRY,
    submit: bool = False,
    decimal_mark: str = ",",
    origin: str = Actual.Origin.TYPED,
    import_batch: ImportBatch | None = None,
) -> SaveResult:
    """Save a unit's values for a period, all or nothing; with `submit`, submit them too.

    `rows` maps an indicator code to {"value", "numerator", "denominator", "note",
    "version"} (text as typed, or Decimal). The values are checked (errors block the save;
    a warning blocks it until its row has a note), and each row's `version` must still be
    the stored one, or the row must be unchanged: otherwise nobody's change is overwritten
    and the conflicts are returned. Nothing is written unless everything passes.
    """
    period = as_period(period)
    _require(actor, unit, Action.REPORT, _("You may not enter values for this unit."))
    # Saves of one unit wait for each other, so the version check below is race-free.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    result = SaveResult()
    submission = (
        Submission.objects.select_for_update().filter(unit=unit, period=str(period)).first()
    )
    _writable(submission, actor=actor, unit=unit)
    if submit and submission is not None and submission.state == State.SUBMITTED:
        raise TransitionError(_("The report has already been submitted."))
    if not unit_valid_in(unit, period):
        result.add_error("", _("%(unit)s did not exist in %(period)s.")
                         % {"unit": unit.name, "period": period.label()})
        return result

    indicators = catalogue()
    current, last_year = stored_values(unit, period)
    read: dict[str, _Row] = {}
    for code, raw in rows.items():
        indicator = indicators.get(code)
        if indicator is None:
            result.add_error("", _("“%(code)s” is not an indicator of the catalogue.")
                             % {"code": code})
            continue
        read[code] = _read_row(indicator, raw, decimal_mark=decimal_mark, result=result)

    changed: list[_Row] = []
    for code, row in read.items():
        actual = current.get(code)
        same = actual is not None and row.readable and _content(actual) == row.content()
        if actual is None:
            if not row.is_empty or row.note:
                changed.append(row)
            continue
        if same:
            result.unchanged += 1
            continue
        if row.version != actual.version:
            result.conflicts.append(Conflict(indicator=row.indicator, current=actual))
        changed.append(row)

    values = {code: actual.value for code, actual in current.items()}
    values |= {code: row.value for code, row in read.items() if row.readable}
    result.warnings = warnings_for(
        indicators=indicators, values=values, last_year=last_year, codes=list(read)
    )
    result.unanswered = {code for code in result.warnings if not read[code].note}

    if submit:
        required = target_indicator_codes(unit, period.year)
        for code in sorted(required):
            filled = values.get(code) is not None or (
                code in current and current[code].printed
            )
            if not filled:
                result.add_error(code, _("a value is needed to submit the report"))

    if not result.ok:
        result.unchanged = 0
        return result

    if changed or submit:
        submission = submission or submission_get_or_create(
            unit=unit, period=period, actor=actor, source=source
        )
    for row in changed:
        actual = current.get(row.indicator.code)
        if actual is None:
            actual = Actual(indicator=row.indicator, unit=unit, period=str(period),
                            year=period.year, version=1)
            result.created += 1
        else:
            actual.version += 1
            result.updated += 1
        actual.value, actual.numerator, actual.denominator = (
            row.value, row.numerator, row.denominator,
        )
        if row.value is not None:
            actual.printed = ""
        actual.note = row.note
        actual.origin = origin
        actual.import_batch = import_batch
        actual.submission = submission
        actual.updated_by = actor if actor is not None and actor.is_authenticated else None
        _record(actual, actor=actor, source=source)
        actual.save()
    result.submission = submission
    if submit:
        result.submission = submission_submit(submission=submission, actor=actor, source=source)
        result.submitted = True
    return result
