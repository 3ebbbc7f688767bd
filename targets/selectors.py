"""Reads of a plan's targets that pages share, always through the user's scope.

On a plan a user sees through one of its quotas (`plans.selectors.plan_is_visible`), they
see only the targets of units in their scope and the issuer's own targets.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from districts import sources
from districts.history import WRITTEN, paired
from districts.models import LAST_DAY_BEFORE_REORGANISATION, Unit
from districts.scope import Action, can, memberships_of, scope_filter
from plans.models import TRANSITION_YEAR, Plan

from .allocation import AllocationSummary, allocation_summary
from .cells import unit_suffix
from .models import Indicator, Target
from .operators import describe


def visible_targets(plan: Plan, user) -> QuerySet[Target]:
    """The plan's targets the user may see: all of them, or the issuer's and their own."""
    targets = Target.objects.filter(plan=plan)
    if not can(user, plan.issuer, Action.VIEW):
        targets = targets.filter(
            Q(unit_id=plan.issuer_id) | scope_filter(user, Action.VIEW, prefix="unit__")
        )
    return targets


# --- targets grouped for the plan page ------------------------------------------------------


@dataclass
class IndicatorTargets:
    """One indicator in one year: the issuer's own target and the quotas under it."""

    indicator: Indicator
    target: Target | None = None
    quotas: list[Target] = field(default_factory=list)
    # Targets on units not below the issuer (Dị Sử's plan prints its town's figures):
    # shown for reference, never summed as quotas.
    others: list[Target] = field(default_factory=list)

    @property
    def adds_up(self) -> bool:
        """Counts and levels add up across units; rates do not (they are not shares)."""
        return not self.indicator.is_rate

    @property
    def summary(self) -> AllocationSummary | None:
        if not self.quotas or not self.adds_up:
            return None
        parent = self.target.value if self.target is not None else None
        return allocation_summary(parent, (q.value for q in self.quotas))


@dataclass
class YearTargets:
    year: int
    rows: list[IndicatorTargets]

    @property
    def quota_count(self) -> int:
        return sum(len(row.quotas) for row in self.rows)

    @property
    def has_issuer_targets(self) -> bool:
        return any(row.target is not None for row in self.rows)


def plan_targets_by_year(plan: Plan, user) -> list[YearTargets]:
    """The visible targets in ONE query, by year, then indicator (catalogue order)."""
    targets = (
        visible_targets(plan, user)
        .select_related("indicator", "unit")
        .order_by("year", "indicator__sort_order", "indicator__code", "unit__path")
    )
    by_year: dict[int, dict[int, IndicatorTargets]] = defaultdict(dict)
    for target in targets:
        target.plan = plan  # known already: describe() and is_quota need no query
        rows = by_year[target.year]
        row = rows.get(target.indicator_id)
        if row is None:
            row = rows[target.indicator_id] = IndicatorTargets(indicator=target.indicator)
        if target.unit_id == plan.issuer_id:
            row.target = target
        elif target.unit.path.startswith(plan.issuer.path + "/"):
            row.quotas.append(target)
        else:
            row.others.append(target)
    return [YearTargets(year, list(rows.values())) for year, rows in sorted(by_year.items())]


@dataclass
class MilestoneRow:
    indicator: Indicator
    cells: list[Target | None]


@dataclass
class MilestoneTable:
    years: list[int]
    rows: list[MilestoneRow]


def plan_milestones(groups: list[YearTargets]) -> MilestoneTable | None:
    """The issuer's targets with the years side by side, when there is more than one year."""
    years = [g.year for g in groups if any(row.target for row in g.rows)]
    if len(years) < 2:
        return None
    by_indicator: dict[int, MilestoneRow] = {}
    for group in groups:
        if group.year not in years:
            continue
        column = years.index(group.year)
        for row in group.rows:
            if row.target is None:
                continue
            line = by_indicator.get(row.indicator.pk)
            if line is None:
                line = by_indicator[row.indicator.pk] = MilestoneRow(
                    row.indicator, [None] * len(years)
                )
            line.cells[column] = row.target
    rows = sorted(
        by_indicator.values(), key=lambda r: (r.indicator.sort_order, r.indicator.code)
    )
    return MilestoneTable(years, rows)


# --- which units a year's quotas go to -------------------------------------------------------


def quota_day(plan: Plan, year: int) -> datetime.date:
    """The day whose units get the year's quotas: the year's end, when it reports.

    Districts until 2024, the communes of the new era from 2025 (1 July 2025 abolished the
    districts), unless the plan hands its 2025 quotas to the districts in force when it
    was issued (`Plan.transition_units`). An issuer closed before the year ends hands down
    to its units of its last day.
    """
    day = datetime.date(year, 12, 31)
    if year == TRANSITION_YEAR and plan.transition_units == Plan.TransitionUnits.DISTRICTS:
        day = LAST_DAY_BEFORE_REORGANISATION
    if plan.issuer.valid_until and plan.issuer.valid_until < day:
        day = plan.issuer.valid_until
    return day


def quota_units(plan: Plan, year: int) -> list[Unit]:
    """The child units that can get a quota in `year`, in official code order."""
    return list(plan.issuer.children.valid_on(quota_day(plan, year)).order_by("code"))


def grid_units(plan: Plan, year: int) -> list[Unit]:
    """The grid's columns: the issuer, then every child unit valid in that year."""
    return [plan.issuer, *quota_units(plan, year)]


# --- the history of the plan's targets -------------------------------------------------------


@dataclass
class TargetChange:
    when: datetime.datetime
    user: object
    indicator: Indicator
    unit: Unit
    year: int
    change: str  # created, changed, deleted
    old: str
    new: str
    old_wording: str
    new_wording: str
    reason: str


def _described(record) -> str:
    suffix = unit_suffix(record.indicator.kind)
    return describe(record.operator, record.value, record.value_high, suffix)


_CHANGE = {"+": "created", "~": "changed", "-": "deleted"}


def target_changes(plan: Plan, user, *, limit: int | None = None) -> list[TargetChange]:
    """Changes to the plan's visible targets, newest first: who, when, old → new, why.

    Two queries whatever the number of targets: the newest records, then every record of
    the targets they touch (to find what each one replaced).
    """
    history = Target.history.model.objects.filter(plan_id=plan.pk)
    if not can(user, plan.issuer, Action.VIEW):
        history = history.filter(
            Q(unit_id=plan.issuer_id) | scope_filter(user, Action.VIEW, prefix="unit__")
        )
    history = history.select_related("indicator", "unit", "history_user")
    newest = history.order_by("-history_date", "-history_id")
    if limit is not None:
        shown = list(newest[:limit])
        records = list(
            history.filter(id__in={r.id for r in shown}).order_by(*WRITTEN)
        )
        wanted = {r.history_id for r in shown}
    else:
        records = list(history.order_by(*WRITTEN))
        wanted = None
    changes: list[TargetChange] = []
    for before, record in paired(records):
        if wanted is not None and record.history_id not in wanted:
            continue
        deleted = record.history_type == "-"
        old_record = before if record.history_type != "+" else None
        if deleted:
            old_record = before or record
        changes.append(
            TargetChange(
                when=record.history_date,
                user=record.history_user,
                indicator=record.indicator,
                unit=record.unit,
                year=record.year,
                change=_CHANGE.get(record.history_type, "changed"),
                old=_described(old_record) if old_record is not None else "",
                new="" if deleted else _described(record),
                old_wording=old_record.wording if old_record is not None else "",
                new_wording="" if deleted else record.wording,
                reason=sources.describe(record.history_change_reason),
            )
        )
    changes.reverse()
    return changes


def quota_values(plan: Plan, indicator: Indicator, year: int) -> dict[int, Decimal]:
    """A plan's quotas of one indicator and year, by unit id (basis of a split)."""
    return dict(
        Target.objects.filter(plan=plan, indicator=indicator, year=year)
        .exclude(unit_id=plan.issuer_id)
        .values_list("unit_id", "value")
    )


# --- indicators ---------------------------------------------------------------------------


def indicators_for_user(user) -> QuerySet[Indicator]:
    """The indicators a user may see: the shared catalogue, and the departments' own of
    every province a membership of theirs lies in (or covers); superusers see all."""
    if user.is_authenticated and user.is_superuser:
        return Indicator.objects.all()
    if not user.is_authenticated:
        return Indicator.objects.none()
    q = Q(owner__isnull=True)
    for membership in memberships_of(user):
        path = membership.unit.path
        q |= Q(owner__path__in=membership.unit.ancestor_paths())
        q |= Q(owner__path__startswith=path + "/")
    return Indicator.objects.filter(q)


def indicators_for_unit(unit: Unit) -> QuerySet[Indicator]:
    """The indicators a page about `unit` uses (targets, entry, imports): the catalogue
    and the own indicators of the province it lies in."""
    return Indicator.objects.for_unit(unit)


def indicator_for_user(user, code: str) -> Indicator:
    """The indicator `code` if the user may see it, else 404."""
    indicator = indicators_for_user(user).select_related("owner").filter(code=code).first()
    if indicator is None:
        raise Http404
    return indicator
