"""What the progress pages, exports and the `progress` command read, in a fixed number of
queries whatever the number of units: the plan's targets of a year in the user's scope,
the actuals they need, the children's values under the unit in focus, and the engine's
verdict on each target.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Q
from django.utils import timezone

from districts.formatting import plain
from districts.models import Unit
from districts.scope import Action, Actor, can, scope_filter
from plans.models import Plan
from reports.deadlines import plans_deadlines, units_deadline_of
from reports.models import Actual, Submission
from reports.periods import Period, PeriodError
from reports.rules import Aggregate
from reports.selectors.common import UnitPlace, units_counted, units_given_a_target
from targets.allocation import AllocationSummary, allocation_summary
from targets.models import Indicator, Target
from targets.operators import IndicatorKind, Operator

from .basis import DEFAULT, DRAFT_STATES, Basis, actuals_on, coverage_text
from .engine import (
    ATTENTION,
    HISTORY_YEARS,
    STATUS_ORDER,
    Assessment,
    IndicatorFacts,
    TargetFacts,
    Value,
    aggregate,
    aggregate_period,
    allocation_warning,
    assess,
    bounds_left_out,
    rounded_achievement,
    status_label,
)

DONE_STATES = (Submission.State.SUBMITTED, Submission.State.APPROVED)

# indicator code → period code → value, for one unit.
Values = dict[str, dict[str, Value]]


# --- the result --------------------------------------------------------------------------------


def aggregate_coverage(added: Aggregate, basis: Basis) -> str:
    """`26/30 đơn vị được giao chỉ tiêu đã nộp`, and the units left out as bounds."""
    text = coverage_text(basis, covered=added.covered, total=added.total)
    left_out = bounds_left_out(added.bounds)
    return f"{text} · {left_out}" if left_out else text


@dataclass
class ProgressRow:
    """One target with the engine's verdict on it."""

    target: Target
    assessment: Assessment
    aggregate: Aggregate | None = None
    aggregate_period: Period | None = None
    basis: Basis = DEFAULT

    @property
    def indicator(self) -> Indicator:
        return self.target.indicator

    @property
    def unit(self) -> Unit:
        return self.target.unit

    @property
    def status(self) -> str:
        return self.assessment.status.value

    @property
    def status_label(self) -> str:
        return status_label(self.assessment.status)

    @property
    def is_rate(self) -> bool:
        return self.target.indicator.kind == IndicatorKind.RATE

    @property
    def target_text(self) -> str:
        return self.target.describe()

    @property
    def coverage(self) -> str:
        if self.aggregate is None:
            return ""
        return aggregate_coverage(self.aggregate, self.basis)

    @property
    def needs_attention(self) -> bool:
        return self.assessment.status in ATTENTION

    def contract(self) -> dict:
        """The row as DESIGN §4 prints it (`progress --format json`)."""
        target, result = self.target, self.assessment
        return {
            "indicator": target.indicator.code,
            "unit": target.unit.code,
            "year": target.year,
            "operator": target.operator,
            "target": plain(target.value),
            "target_high": plain(target.value_high),
            "actual": plain(result.actual),
            "achievement": plain(rounded_achievement(result.achievement)),
            "status": result.status.value,
            "warnings": list(result.warnings),
        }


@dataclass
class ChildSummary:
    """A unit below the one in focus, with the verdicts on the targets in its subtree."""

    unit: Unit
    rows: list[ProgressRow]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count), worst first."""
        counted = Counter(row.assessment.status for row in self.rows)
        return [(s.value, status_label(s), counted[s]) for s in STATUS_ORDER if counted[s]]


@dataclass
class ProgressReport:
    plan: Plan
    year: int
    focus: Unit | None
    today: datetime.date
    rows: list[ProgressRow]
    indicators: dict[str, Indicator]
    values: dict[int, Values]
    ancestors: list[Unit] = field(default_factory=list)
    submitted_units: set[int] = field(default_factory=set)
    basis: Basis = DEFAULT

    @cached_property
    def units(self) -> list[Unit]:
        """The units with a target in the report, by their place in the tree."""
        found = {row.unit.pk: row.unit for row in self.rows}
        return sorted(found.values(), key=lambda u: u.path)

    @cached_property
    def focus_rows(self) -> list[ProgressRow]:
        if self.focus is None:
            return []
        return [row for row in self.rows if row.unit.pk == self.focus.pk]

    def _in_focus(self, unit: Unit) -> bool:
        return self.focus is None or self.focus.contains(unit)

    @cached_property
    def subtree_rows(self) -> list[ProgressRow]:
        """The rows of the unit in focus and of every unit below it."""
        return [row for row in self.rows if self._in_focus(row.unit)]

    @cached_property
    def children(self) -> list[ChildSummary]:
        """The units just below the focus that have targets in their subtree (drill-down)."""
        if self.focus is None:
            return []
        depth = self.focus.path.count("/") + 1
        groups: dict[str, list[ProgressRow]] = defaultdict(list)
        units: dict[str, Unit] = {}
        for row in self.rows:
            if row.unit.pk == self.focus.pk or not self.focus.contains(row.unit):
                continue
            child_path = "/".join(row.unit.path.split("/")[: depth + 1])
            groups[child_path].append(row)
            if row.unit.path == child_path:
                units[child_path] = row.unit
        summaries = []
        for path, rows in sorted(groups.items()):
            unit = units.get(path) or rows[0].unit
            summaries.append(ChildSummary(unit=unit, rows=rows))
        return summaries

    @cached_property
    def others(self) -> list[Unit]:
        """Units with targets outside the focus's subtree (another branch of the plan)."""
        return [unit for unit in self.units if not self._in_focus(unit)]

    def quota_rows(self, indicator_code: str) -> list[ProgressRow]:
        """The allocation under the focus: targets of this indicator on the units just
        below it (every unit but the issuer's when nothing is in focus)."""
        rows = [row for row in self.rows if row.indicator.code == indicator_code]
        if self.focus is None:
            return [row for row in rows if row.unit.pk != self.plan.issuer_id]
        return [row for row in rows if row.unit.parent_id == self.focus.pk]

    @cached_property
    def quota_indicators(self) -> list[Indicator]:
        """Indicators with quotas just below the focus, in catalogue order."""
        if self.focus is None:
            return []
        found = {
            row.indicator.code: row.indicator
            for row in self.rows
            if row.unit.parent_id == self.focus.pk
        }
        return sorted(found.values(), key=lambda i: (i.sort_order, i.code))

    @cached_property
    def attention(self) -> list[ProgressRow]:
        """Not met in a closed year, off track, overdue and at risk in the focus's subtree,
        worst first (`ATTENTION`'s order), then by unit: the tiles' own verdicts."""
        rows = [row for row in self.subtree_rows if row.needs_attention]
        order = {status: i for i, status in enumerate(ATTENTION)}
        return sorted(
            rows,
            key=lambda r: (order[r.assessment.status], r.unit.path, r.indicator.sort_order),
        )

    @cached_property
    def quota_units(self) -> set[int]:
        """The units a count of units is about, on every page (`units_given_a_target`);
        the focus itself when nothing below it has a target."""
        if self.focus is None:
            return {row.unit.pk for row in self.rows}
        return units_counted(_places(self.rows), self.focus.pk)

    @cached_property
    def completeness(self) -> dict[str, int]:
        """Of the units given a target (`quota_units`): how many have a figure of the
        year on the report's basis, and how many have submitted (or had approved) a report
        of the year."""
        units = self.quota_units
        reported = {
            unit_id
            for unit_id in units
            if any(
                value.period.year == self.year and value.is_reported
                for series in self.values.get(unit_id, {}).values()
                for value in series.values()
            )
        }
        return {
            "total": len(units),
            "reported": len(reported),
            "submitted": len(units & self.submitted_units),
        }

    @property
    def coverage(self) -> str:
        """`26/30 units given a target have submitted`, on the report's basis."""
        done = self.completeness
        return coverage_text(self.basis, covered=done["reported"], total=done["total"])

    @property
    def deadline(self) -> datetime.date | None:
        return units_deadline_of(self.plan, self.year)


# --- reading ------------------------------------------------------------------------------


def indicator_facts(indicators: dict[str, Indicator]) -> dict[str, IndicatorFacts]:
    by_pk = {i.pk: i for i in indicators.values()}
    components: dict[int, list[str]] = defaultdict(list)
    for indicator in indicators.values():
        if indicator.component_of_id:
            components[indicator.component_of_id].append(indicator.code)
    return {
        code: IndicatorFacts(
            code=code,
            kind=IndicatorKind(indicator.kind),
            higher_is_better=indicator.higher_is_better,
            hold=indicator.holds,
            tolerance=indicator.tolerance,
            components=tuple(components.get(indicator.pk, ())),
            part_of=by_pk[indicator.part_of_id].code if indicator.part_of_id else None,
        )
        for code, indicator in indicators.items()
    }


def all_indicators() -> dict[str, Indicator]:
    return {i.code: i for i in Indicator.objects.order_by("sort_order", "code")}


def _related_codes(codes: set[str], facts: dict[str, IndicatorFacts]) -> set[str]:
    """The indicators whose values the warnings of `codes` compare with."""
    wanted = set(codes)
    for code in codes:
        wanted.update(facts[code].components)
        part_of = facts[code].part_of
        if part_of:
            wanted.add(part_of)
    return wanted


def _parse_period(period: str) -> Period | None:
    try:
        return Period.parse(period)
    except PeriodError:  # a malformed stored period is no figure of any year
        return None


VALUE_FIELDS = (
    "unit_id",
    "indicator_id",
    "period",
    "value",
    "printed",
    "numerator",
    "denominator",
    "is_sample",
    "submission__state",
)


def unit_values(actuals, indicators: dict[str, Indicator]) -> dict[int, Values]:
    """unit id → indicator code → period → Value, from a `values_list` of VALUE_FIELDS."""
    code_of = {indicator.pk: code for code, indicator in indicators.items()}
    periods: dict[str, Period | None] = {}  # a page reads the same few periods many times
    found: dict[int, Values] = defaultdict(lambda: defaultdict(dict))
    for (unit_id, indicator_id, period, value, printed, numerator, denominator, sample,
         state) in actuals:
        try:
            parsed = periods[period]
        except KeyError:
            parsed = periods[period] = _parse_period(period)
        if parsed is not None:
            found[unit_id][code_of[indicator_id]][period] = Value(
                parsed, value, printed, numerator, denominator, sample, state in DRAFT_STATES
            )
    # Plain dicts from here on: a report is kept (pickled) for the next request.
    return {unit_id: dict(by_code) for unit_id, by_code in found.items()}


def indicator_ids(indicators: dict[str, Indicator], codes: set[str]) -> list[int]:
    return [indicators[code].pk for code in codes]


def has_milestones(plan: Plan) -> bool:
    """A multi-year strategy sets milestones (2025, 2030) judged on growth; an annual,
    remedial or thematic plan covering several years sets each year's own targets."""
    return plan.kind == Plan.Kind.STRATEGY and plan.first_year < plan.last_year


def annual_periods(year: int) -> list[str]:
    return [str(y) for y in range(year - HISTORY_YEARS, year + 1)]


def scoped_targets(plan: Plan, *, user: Actor, **filters):
    """The plan's targets in the user's VIEW scope (every target for `SYSTEM`)."""
    targets = Target.objects.filter(plan=plan, **filters)
    targets = targets.filter(scope_filter(user, Action.VIEW, prefix="unit__"))
    return targets.select_related("indicator", "unit")


def _with_indicators(targets, plan: Plan, indicators: dict[str, Indicator]) -> list[Target]:
    """The targets, given their plan and indicator from what the page has already read."""
    by_pk = {indicator.pk: indicator for indicator in indicators.values()}
    found = list(targets)
    for target in found:
        target.plan = plan  # describe() and is_quota need no query
        target.indicator = by_pk[target.indicator_id]
    return found


def default_focus(plan: Plan, units: list[Unit], *, user: Actor) -> Unit | None:
    """The issuing unit when the user sees it and it has targets in or below it that year,
    else the highest unit with a target (Dị Sử's 2023 figures are all on its town)."""
    issuer = plan.issuer
    sees_issuer = can(user, issuer, Action.VIEW)
    if sees_issuer and (not units or any(issuer.contains(u) for u in units)):
        return issuer
    if not units:
        return None
    return min(units, key=lambda u: (u.path.count("/"), u.path))


def _visible_ancestors(unit: Unit, *, user: Actor) -> list[Unit]:
    paths = unit.ancestor_paths()[:-1]
    if not paths:
        return []
    ancestors = Unit.objects.filter(path__in=paths)
    ancestors = ancestors.filter(scope_filter(user, Action.VIEW))
    return sorted(ancestors, key=lambda u: u.path)


def progress_report(
    *,
    plan: Plan,
    year: int,
    user: Actor,
    focus: Unit | None = None,
    only_unit: Unit | None = None,
    today: datetime.date | None = None,
    basis: Basis = DEFAULT,
) -> ProgressReport:
    """Every target of `plan` in `year` the user sees, with its actual, achievement, status
    and warnings, and the children's aggregates under the unit in focus.

    `user` is who asks (`SYSTEM` for a command: every unit). `focus` (already checked through
    the scope by the caller) defaults to the issuer, or to the user's highest unit with a
    target. `only_unit` keeps that unit's targets alone. `basis` says which reports the
    values come from (`reports.progress.basis`). Seven queries at most.
    """
    today = today or timezone.localdate()
    filters: dict[str, int | Unit] = {"year": year}
    if only_unit is not None:
        filters["unit"] = only_unit
    indicators = all_indicators()
    facts = indicator_facts(indicators)
    targets = _with_indicators(
        scoped_targets(plan, user=user, **filters)
        .select_related(None)
        .select_related("unit")
        .order_by("indicator__sort_order", "indicator__code", "unit__path"),
        plan,
        indicators,
    )
    units = sorted({t.unit.pk: t.unit for t in targets}.values(), key=lambda u: u.path)
    if only_unit is not None:
        focus = only_unit
    elif focus is None:
        focus = default_focus(plan, units, user=user)

    codes = _related_codes({t.indicator.code for t in targets}, facts)
    unit_ids = {u.pk for u in units} | ({focus.pk} if focus else set())
    multi_year = has_milestones(plan)
    # Two years of every period (the season and last year's jump), and the annual history
    # for milestones (every unit) or the trend (the unit in focus).
    history_units = unit_ids if multi_year else ({focus.pk} if focus else set())
    actuals = Actual.objects.filter(
        Q(unit_id__in=unit_ids, year__in=[year, year - 1])
        | Q(unit_id__in=history_units, period__in=annual_periods(year)),
        actuals_on(basis, unit_ids=unit_ids),
        indicator_id__in=indicator_ids(indicators, codes),
    ).values_list(*VALUE_FIELDS)
    values = unit_values(actuals, indicators)

    deadline = units_deadline_of(plan, year)
    rows = []
    for target in targets:
        result = assess(
            target_facts(target, facts),
            values.get(target.unit.pk, {}),
            today=today,
            deadline=deadline,
            multi_year=multi_year,
        )
        rows.append(ProgressRow(target=target, assessment=result, basis=basis))
    _add_allocation_warnings(rows)
    if focus is not None:
        _add_aggregates(focus, year, rows, indicators, basis)
    submitted = set(
        Submission.objects.filter(unit_id__in=unit_ids, year=year, state__in=DONE_STATES)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    issuer_first = sorted(
        rows,
        key=lambda r: (r.unit.pk != plan.issuer_id, r.unit.path, r.indicator.sort_order),
    )
    return ProgressReport(
        plan=plan,
        year=year,
        focus=focus,
        today=today,
        rows=issuer_first,
        indicators=indicators,
        values=values,
        ancestors=_visible_ancestors(focus, user=user) if focus is not None else [],
        submitted_units=submitted,
        basis=basis,
    )


def target_facts(target: Target, facts: dict[str, IndicatorFacts]) -> TargetFacts:
    return TargetFacts(
        indicator=facts[target.indicator.code],
        year=target.year,
        operator=Operator(target.operator),
        value=target.value,
        value_high=target.value_high,
    )


def _add_allocation_warnings(rows: list[ProgressRow]) -> None:
    """On a parent's target: the quotas just below it that do not add up to it."""
    quotas: dict[tuple[int, str], list[Decimal]] = defaultdict(list)
    for row in rows:
        if row.unit.parent_id is not None and row.target.is_quota:
            quotas[row.unit.parent_id, row.indicator.code].append(row.target.value)
    for row in rows:
        below = quotas.get((row.unit.pk, row.indicator.code))
        if not below:
            continue
        warning = allocation_warning(
            kind=row.indicator.kind, target=row.target.value, quotas=below
        )
        if warning:
            row.assessment.warnings.append(warning)


def _places(rows: list[ProgressRow]) -> list[UnitPlace]:
    return [(row.unit.pk, row.unit.parent_id) for row in rows]


def _add_aggregates(
    focus: Unit, year: int, rows: list[ProgressRow], indicators: dict[str, Indicator],
    basis: Basis,
) -> None:
    """The focus's targets get the values of the units given a target just below it
    added up, on `basis` (one query); the coverage counts those same units."""
    own = [row for row in rows if row.unit.pk == focus.pk]
    units = sorted(units_given_a_target(_places(rows), focus.pk))
    if not own or not units:
        return
    codes = {row.indicator.code for row in own}
    values = unit_values(
        Actual.objects.filter(
            actuals_on(basis, unit_ids=units),
            unit_id__in=units,
            year=year,
            indicator_id__in=indicator_ids(indicators, codes),
        ).values_list(*VALUE_FIELDS),
        indicators,
    )
    for row in own:
        code = row.indicator.code
        series = [values.get(unit, {}).get(code, {}) for unit in units]
        period = aggregate_period(row.assessment.period, series, year)
        if period is None:
            row.aggregate = Aggregate(value=None, covered=0, total=len(units))
            continue
        row.aggregate_period = period
        row.aggregate = aggregate(row.indicator.kind, [s.get(str(period)) for s in series])


# --- plans, years and units a user can pick --------------------------------------------------


def default_year(plan: Plan, today: datetime.date) -> int:
    """This year when the plan covers it, else the plan's last year before it, else its first."""
    if plan.first_year <= today.year <= plan.last_year:
        return today.year
    if plan.last_year < today.year:
        return plan.last_year
    return plan.first_year


def milestone_targets(
    plan: Plan, unit: Unit, *, user: Actor, indicator_code: str | None = None
):
    """A unit's targets in every year of the plan (the trend line and the milestone view)."""
    targets = scoped_targets(plan, user=user, unit=unit)
    if indicator_code:
        targets = targets.filter(indicator__code=indicator_code)
    return targets.order_by("indicator__sort_order", "indicator__code", "year")


@dataclass
class MilestoneRow:
    target: Target
    assessment: Assessment

    @property
    def status_label(self) -> str:
        return status_label(self.assessment.status)

    @property
    def is_rate(self) -> bool:
        return self.target.indicator.kind == IndicatorKind.RATE


def milestones_report(
    *, plan: Plan, unit: Unit, user: Actor, today: datetime.date | None = None,
    basis: Basis = DEFAULT,
) -> list[MilestoneRow]:
    """Every target of `unit` in every year of the plan, each judged for its own year
    (closed, milestone R, in progress or no data), with the value needed per year. Three
    queries."""
    today = today or timezone.localdate()
    targets = list(milestone_targets(plan, unit, user=user))
    for target in targets:
        target.plan = plan
    indicators = all_indicators()
    facts = indicator_facts(indicators)
    codes = _related_codes({t.indicator.code for t in targets}, facts)
    values = unit_values(
        Actual.objects.filter(
            actuals_on(basis),
            unit=unit,
            indicator_id__in=indicator_ids(indicators, codes),
            year__gte=plan.first_year - HISTORY_YEARS,
            year__lte=plan.last_year,
        ).values_list(*VALUE_FIELDS),
        indicators,
    ).get(unit.pk, {})
    multi_year = has_milestones(plan)
    deadlines = plans_deadlines([plan])[plan.pk]
    rows = []
    for target in targets:
        year_deadline = deadlines.get(str(target.year))
        result = assess(
            target_facts(target, facts),
            _values_until(values, target.year),
            today=today,
            deadline=year_deadline.units if year_deadline else None,
            multi_year=multi_year,
        )
        rows.append(MilestoneRow(target=target, assessment=result))
    return rows


def _values_until(values: Values, year: int) -> Values:
    """The values known for judging a target of `year`: none of later years."""
    return {
        code: {p: v for p, v in series.items() if v.period.year <= year}
        for code, series in values.items()
    }


def trend_points(report: ProgressReport, indicator_code: str) -> list[tuple[int, Decimal]]:
    """The focus's annual actuals of one indicator, by year (from the report's values)."""
    if report.focus is None:
        return []
    series = report.values.get(report.focus.pk, {}).get(indicator_code, {})
    return sorted(
        (v.period.year, v.value)
        for v in series.values()
        if v.period.is_annual and v.value is not None
    )


# --- an allocation: the quotas of one indicator under the unit in focus ------------------------


@dataclass
class Allocation:
    indicator: Indicator
    parent: ProgressRow | None
    rows: list[ProgressRow]
    summary: AllocationSummary | None
    aggregate: Aggregate
    period: Period | None
    basis: Basis = DEFAULT

    @property
    def coverage(self) -> str:
        return aggregate_coverage(self.aggregate, self.basis)

    @property
    def adds_up(self) -> bool:
        return self.indicator.kind != IndicatorKind.RATE


def allocation_of(report: ProgressReport, indicator: Indicator) -> Allocation:
    """Quota against actual for every unit just below the focus, best achievement first,
    with the quotas' sum (against the parent's target) and the actuals added up."""
    code = indicator.code
    rows = sorted(
        report.quota_rows(code),
        key=lambda r: (
            r.assessment.achievement is None,
            -(r.assessment.achievement or 0),
            r.unit.name,
        ),
    )
    parent = next((r for r in report.focus_rows if r.indicator.code == code), None)
    summary = None
    if indicator.kind != IndicatorKind.RATE and rows:
        summary = allocation_summary(
            parent.target.value if parent else None, (r.target.value for r in rows)
        )
    series = [report.values.get(r.unit.pk, {}).get(code, {}) for r in rows]
    period = aggregate_period(None, series, report.year)
    if period is None:
        added = Aggregate(value=None, covered=0, total=len(rows))
    else:
        added = aggregate(indicator.kind, [s.get(str(period)) for s in series])
    return Allocation(indicator, parent, rows, summary, added, period, report.basis)
