"""Reads that the reporting pages share: the entry grid, review queues, completeness, history.

Every function fetches what its page needs in a fixed number of queries, whatever the
number of units or indicators.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from districts import sources
from districts.history import WRITTEN, paired
from districts.models import Unit
from districts.scope import ALLOWED_ROLES, Action, can, memberships_of, scope_filter
from plans.models import Plan
from targets.models import Indicator, Target

from .checks import Issue, Relations
from .models import Actual, Submission
from .periods import Period, PeriodError

# States in which a unit has done its part for a period.
DONE_STATES = frozenset({Submission.State.SUBMITTED, Submission.State.APPROVED})


def as_period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else Period.parse(str(period))


def unit_valid_in(unit: Unit, period: Period) -> bool:
    """Whether the unit existed at some point of the period (codes are reused across eras)."""
    return (unit.valid_from is None or unit.valid_from <= period.end) and (
        unit.valid_until is None or unit.valid_until >= period.start
    )


def _earlier(period: Period, step: str) -> Period | None:
    try:
        return period.same_period_last_year() if step == "last_year" else period.previous()
    except PeriodError:  # before the first year the product knows
        return None


# --- checks over a set of values ---------------------------------------------------------


def catalogue() -> dict[str, Indicator]:
    """Every indicator by code, in display order."""
    return {i.code: i for i in Indicator.objects.order_by("sort_order", "code")}


def warnings_for(
    *,
    indicators: Mapping[str, Indicator],
    values: Mapping[str, Decimal | None],
    last_year: Mapping[str, Decimal | None],
    codes: Iterable[str],
) -> dict[str, list[Issue]]:
    """The warnings of DESIGN §3 for the rows `codes`, given every value of the unit and period.

    A mismatch of components is put on the total's row, an of-which part above its whole on
    the part's row, a jump on the row that jumped (see `Relations.on_row`).
    """
    relations = Relations.between(indicators.values())
    found: dict[str, list[Issue]] = {}
    for code in codes:
        issues = relations.on_row(code, values, last_year=last_year.get(code), field=code)
        if issues:
            found[code] = issues
    return found


# --- the entry grid ----------------------------------------------------------------------


@dataclass
class EntryRow:
    """One indicator on the entry page: its targets, last year's value and the current one."""

    indicator: Indicator
    targets: list[Target] = field(default_factory=list)
    actual: Actual | None = None
    last_year: Actual | None = None
    previous: Actual | None = None

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def has_target(self) -> bool:
        return bool(self.targets)

    @property
    def is_rate(self) -> bool:
        return self.indicator.is_rate

    @property
    def is_filled(self) -> bool:
        return self.actual is not None and (
            self.actual.value is not None or bool(self.actual.printed)
        )

    @property
    def version(self) -> int:
        return self.actual.version if self.actual is not None else 0


@dataclass
class EntryGrid:
    unit: Unit
    period: Period
    rows: list[EntryRow]
    indicators: dict[str, Indicator]
    values: dict[str, Decimal | None]
    last_year_values: dict[str, Decimal | None]
    submission: Submission | None

    def warnings(self) -> dict[str, list[Issue]]:
        """Warnings on the stored values of the rows shown."""
        return warnings_for(
            indicators=self.indicators,
            values=self.values,
            last_year=self.last_year_values,
            codes=[row.code for row in self.rows],
        )

    def missing(self) -> list[EntryRow]:
        """Rows with a target and no value: the report cannot be submitted yet."""
        return [row for row in self.rows if row.has_target and not row.is_filled]


def entry_grid(unit: Unit, period: Period | str, *, all_indicators: bool = False) -> EntryGrid:
    """Everything the entry and review pages show for a unit and period, in four queries.

    Rows: the indicators the unit has a target for in the period's year (any plan), those it
    already has a value for, and with `all_indicators` the rest of the catalogue.
    """
    period = as_period(period)
    indicators = catalogue()
    last, previous = _earlier(period, "last_year"), _earlier(period, "previous")
    wanted = {str(p) for p in (period, last, previous) if p is not None}
    actuals = Actual.objects.filter(unit=unit, period__in=wanted).select_related("updated_by")
    by_period: dict[str, dict[int, Actual]] = {p: {} for p in wanted}
    for actual in actuals:
        by_period[actual.period][actual.indicator_id] = actual
    by_pk = {indicator.pk: indicator for indicator in indicators.values()}
    targets_of: dict[int, list[Target]] = {}
    targets = Target.objects.filter(unit=unit, year=period.year).select_related("plan")
    for target in targets.order_by("plan__code"):
        target.indicator = by_pk[target.indicator_id]
        targets_of.setdefault(target.indicator_id, []).append(target)
    current = by_period[str(period)]
    last_values = by_period.get(str(last), {}) if last else {}
    previous_values = by_period.get(str(previous), {}) if previous else {}
    rows = [
        EntryRow(
            indicator=indicator,
            targets=targets_of.get(indicator.pk, []),
            actual=current.get(indicator.pk),
            last_year=last_values.get(indicator.pk),
            previous=previous_values.get(indicator.pk),
        )
        for indicator in indicators.values()
        if all_indicators or indicator.pk in targets_of or indicator.pk in current
    ]
    code_of = {pk: indicator.code for pk, indicator in by_pk.items()}
    return EntryGrid(
        unit=unit,
        period=period,
        rows=rows,
        indicators=indicators,
        values={code_of[pk]: a.value for pk, a in current.items()},
        last_year_values={code_of[pk]: a.value for pk, a in last_values.items()},
        submission=Submission.objects.filter(unit=unit, period=str(period))
        .select_related("submitted_by", "reviewed_by")
        .first(),
    )


def stored_values(unit: Unit, period: Period) -> tuple[dict[str, Actual], dict[str, Decimal]]:
    """The unit's actuals of the period by indicator code, and last year's values."""
    last = _earlier(period, "last_year")
    periods = [str(period)] + ([str(last)] if last else [])
    current: dict[str, Actual] = {}
    last_year: dict[str, Decimal] = {}
    rows = Actual.objects.filter(unit=unit, period__in=periods).select_related(
        "indicator", "updated_by"
    )
    for actual in rows:
        if actual.period == str(period):
            current[actual.indicator.code] = actual
        elif actual.value is not None:
            last_year[actual.indicator.code] = actual.value
    return current, last_year


def annual_actuals(indicator: Indicator, year: int, unit_ids: Iterable[int]) -> dict[int, Decimal]:
    """The units' annual actuals of one indicator and year, by unit id (blank ones left
    out): the weights of a target split in proportion to last year's actuals."""
    rows = Actual.objects.filter(
        indicator=indicator, period=str(year), unit_id__in=list(unit_ids), value__isnull=False
    ).values_list("unit_id", "value")
    return {unit_id: value for unit_id, value in rows if value is not None}


def target_indicator_codes(unit: Unit, year: int) -> set[str]:
    return set(
        Target.objects.filter(unit=unit, year=year).values_list("indicator__code", flat=True)
    )


# --- review --------------------------------------------------------------------------------


def submission_for_user(user, pk: int, action: Action = Action.VIEW) -> Submission:
    """The submission, if the user may `action` its unit: 404 when out of sight, 403 when
    the role does not allow it."""
    submission = (
        Submission.objects.select_related("unit", "unit__parent", "submitted_by", "reviewed_by")
        .filter(pk=pk)
        .first()
    )
    if submission is None or not can(user, submission.unit, Action.VIEW):
        raise Http404
    if not can(user, submission.unit, action):
        raise PermissionDenied
    return submission


def actual_for_user(user, pk: int) -> Actual:
    """The actual value, if the user may see its unit (404 otherwise)."""
    actual = Actual.objects.select_related("unit", "indicator").filter(pk=pk).first()
    if actual is None or not can(user, actual.unit, Action.VIEW):
        raise Http404
    return actual


def submissions_waiting(user) -> QuerySet[Submission]:
    """Submitted reports of the units the user manages, oldest first."""
    return (
        Submission.objects.filter(state=Submission.State.SUBMITTED)
        .filter(scope_filter(user, Action.MANAGE, prefix="unit__"))
        .select_related("unit", "unit__parent", "submitted_by")
        .order_by("submitted_at", "unit__path")
    )


def manages_anything(user) -> bool:
    if user.is_superuser:
        return True
    return any(m.role in ALLOWED_ROLES[Action.MANAGE] for m in memberships_of(user))


# --- the reporter's periods ------------------------------------------------------------------


@dataclass
class OpenPeriod:
    unit: Unit
    period: Period
    deadline: datetime.date | None
    submission: Submission | None
    plan_codes: list[str]

    @property
    def state(self) -> str:
        return self.submission.state if self.submission else ""

    @property
    def is_open(self) -> bool:
        return self.state not in DONE_STATES

    @property
    def is_overdue(self) -> bool:
        return (
            self.is_open and self.deadline is not None and timezone.localdate() > self.deadline
        )


def open_periods_for(user) -> list[OpenPeriod]:
    """The periods the user reports for: for each of their units and each year in which a
    plan sets targets on it, the year and its first half, with the state and the deadline."""
    units = {
        m.unit.pk: m.unit
        for m in memberships_of(user)
        if m.role in ALLOWED_ROLES[Action.REPORT]
    }
    if not units:
        return []
    found: dict[tuple[int, int], dict] = {}
    targets = (
        Target.objects.filter(unit__in=list(units))
        .values_list("unit_id", "year", "plan__code", "plan__units_deadline")
        .distinct()
    )
    for unit_id, year, plan_code, deadline in targets:
        entry = found.setdefault((unit_id, year), {"plans": set(), "deadlines": []})
        entry["plans"].add(plan_code)
        if deadline:
            month, day = (int(part) for part in deadline.split("-"))
            entry["deadlines"].append(datetime.date(year, month, day))
    periods = {
        (unit_id, str(p)): p
        for unit_id, year in found
        for p in (Period(year), Period.parse(f"{year}S1"))
    }
    submissions = {
        (s.unit_id, s.period): s
        for s in Submission.objects.filter(
            unit__in=list(units), period__in={code for _u, code in periods}
        )
    }
    result = [
        OpenPeriod(
            unit=units[unit_id],
            period=period,
            # The plans' calendar sets one yearly deadline; the half-year has none of its own.
            deadline=min(found[unit_id, period.year]["deadlines"], default=None)
            if period.is_annual
            else None,
            submission=submissions.get((unit_id, code)),
            plan_codes=sorted(found[unit_id, period.year]["plans"]),
        )
        for (unit_id, code), period in periods.items()
    ]
    result.sort(key=lambda o: (-o.period.year, not o.period.is_annual, o.unit.path))
    return result


# --- completeness ----------------------------------------------------------------------------


@dataclass
class CompletenessRow:
    unit: Unit
    state: str  # a Submission.State, "draft" for values without a submission, "" for nothing
    submission_pk: int | None
    submitted_at: datetime.datetime | None
    overdue: bool

    @property
    def is_done(self) -> bool:
        return self.state in DONE_STATES


@dataclass
class Completeness:
    plan: Plan
    period: Period
    deadline: datetime.date | None
    consolidation_deadline: datetime.date | None
    rows: list[CompletenessRow]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.is_done)

    @property
    def nothing(self) -> int:
        """Units without a submission or a value."""
        return self.counts[""]

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue)


def reporting_units(plan: Plan, year: int) -> QuerySet[Unit]:
    """The units that report on the plan: those with quotas in that year, else the issuer's
    children that existed in that year."""
    quota_units = (
        Target.objects.filter(plan=plan, year=year)
        .exclude(unit_id=plan.issuer_id)
        .values("unit_id")
    )
    children = Unit.objects.filter(parent_id=plan.issuer_id).in_year(year)
    # One query either way: the children count only when the plan sets no quota that year.
    return Unit.objects.filter(pk__in=quota_units) | children.filter(~Exists(quota_units))


def completeness(
    plan: Plan, period: Period | str, *, today: datetime.date | None = None
) -> Completeness:
    """Which reporting units have approved, submitted, drafted or nothing, in one query."""
    period = as_period(period)
    today = today or timezone.localdate()
    deadline = plan.units_deadline_for(period.year) if period.is_annual else None
    submission = Submission.objects.filter(unit=OuterRef("pk"), period=str(period))
    units = (
        reporting_units(plan, period.year)
        .annotate(
            submission_state=Subquery(submission.values("state")[:1]),
            submission_pk=Subquery(submission.values("pk")[:1]),
            submitted_at=Subquery(submission.values("submitted_at")[:1]),
            has_values=Exists(Actual.objects.filter(unit=OuterRef("pk"), period=str(period))),
        )
        .order_by("code")
    )
    late = deadline is not None and today > deadline
    rows = []
    counts = dict.fromkeys(Submission.State.values, 0) | {"": 0}
    for unit in units:
        state = unit.submission_state or (Submission.State.DRAFT if unit.has_values else "")
        counts[state] += 1
        rows.append(
            CompletenessRow(
                unit=unit,
                state=state,
                submission_pk=unit.submission_pk,
                submitted_at=unit.submitted_at,
                overdue=late and state not in DONE_STATES,
            )
        )
    return Completeness(
        plan=plan,
        period=period,
        deadline=deadline,
        consolidation_deadline=plan.consolidation_deadline_for(period.year),
        rows=rows,
        counts=counts,
    )


# --- audit trail -------------------------------------------------------------------------------


@dataclass
class ValueChange:
    """One recorded change of an actual: who, when, from which page or file, old → new."""

    history_id: int
    actual_id: int
    indicator: Indicator
    when: datetime.datetime
    who: object
    kind: str  # "+" created, "~" changed, "-" deleted
    source: str
    old: Decimal | None
    new: Decimal | None
    old_note: str
    note: str
    numerator: Decimal | None
    denominator: Decimal | None


def value_changes(records: QuerySet) -> list[ValueChange]:
    """Pairs each historical record of Actual with the one before it, newest first."""
    records = records.select_related("history_user", "indicator").order_by(
        "id", *WRITTEN
    )
    changes: list[ValueChange] = []
    for previous, record in paired(records):
        changes.append(
            ValueChange(
                history_id=record.history_id,
                actual_id=record.id,
                indicator=record.indicator,
                when=record.history_date,
                who=record.history_user,
                kind=record.history_type,
                source=sources.describe(record.history_change_reason),
                old=previous.value if previous is not None else None,
                new=record.value,
                old_note=previous.note if previous is not None else "",
                note=record.note,
                numerator=record.numerator,
                denominator=record.denominator,
            )
        )
    changes.sort(key=lambda c: (c.when, c.history_id), reverse=True)
    return changes


def actual_changes(actual: Actual) -> list[ValueChange]:
    return value_changes(Actual.history.filter(id=actual.pk))


def period_changes(unit: Unit, period: Period | str) -> list[ValueChange]:
    """Every recorded change to the unit's values of the period (deleted ones included)."""
    return value_changes(Actual.history.filter(unit_id=unit.pk, period=str(as_period(period))))


@dataclass
class StateChange:
    when: datetime.datetime
    who: object
    old: str
    new: str
    reason: str
    source: str

    @property
    def old_label(self) -> str:
        return str(Submission.State(self.old).label) if self.old else ""

    @property
    def new_label(self) -> str:
        return str(Submission.State(self.new).label)


def submission_changes(submission: Submission) -> list[StateChange]:
    """The submission's states over time, newest first; unchanged saves are left out."""
    records = (
        Submission.history.filter(id=submission.pk)
        .select_related("history_user")
        .order_by(*WRITTEN)
    )
    changes: list[StateChange] = []
    for previous, record in paired(records):
        old = previous.state if previous is not None else ""
        if previous is None or record.state != old:
            changes.append(
                StateChange(
                    when=record.history_date,
                    who=record.history_user,
                    old=old,
                    new=record.state,
                    reason=record.reason if record.state != old else "",
                    source=sources.describe(record.history_change_reason),
                )
            )
    changes.reverse()
    return changes
