"""Reads of the entry page: the grid of a unit and period, its stored values, and the
periods a reporter has open."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from districts.models import Unit
from districts.scope import ALLOWED_ROLES, Action, Actor, memberships_of
from plans.models import Plan
from targets.models import Indicator, Target

from ..checks import Issue
from ..deadlines import plans_deadlines
from ..models import Actual, Submission
from ..periods import Period
from .common import DONE_STATES, as_period, catalogue_for, earlier_period, warnings_for


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
    indicators = catalogue_for(unit)
    last, previous = earlier_period(period, "last_year"), earlier_period(period, "previous")
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
        if (all_indicators and not indicator.retired)
        or indicator.pk in targets_of or indicator.pk in current
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
    last = earlier_period(period, "last_year")
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


def open_periods_for(user: Actor) -> list[OpenPeriod]:
    """The periods the user reports for: for each of their units and each year in which a
    plan sets targets on it, the year and its first half, with the state and the deadline."""
    units = {
        m.unit.pk: m.unit
        for m in memberships_of(user)
        if m.role in ALLOWED_ROLES[Action.REPORT]
    }
    if not units:
        return []
    found: dict[tuple[int, int], set[int]] = {}  # (unit, year) → plans with a target
    targets = (
        Target.objects.filter(unit__in=list(units))
        .values_list("unit_id", "year", "plan_id")
        .distinct()
    )
    for unit_id, year, plan_id in targets:
        found.setdefault((unit_id, year), set()).add(plan_id)
    plans = Plan.objects.in_bulk({pk for plan_ids in found.values() for pk in plan_ids})
    deadlines = plans_deadlines(plans.values())

    def deadline(unit_id: int, period: Period) -> datetime.date | None:
        """The earliest of the unit's plans' deadlines for the period, in their calendars."""
        days = [
            deadlines[pk][str(period)].units
            for pk in found[unit_id, period.year]
            if str(period) in deadlines[pk]
        ]
        return min(days, default=None)

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
            deadline=deadline(unit_id, period),
            submission=submissions.get((unit_id, code)),
            plan_codes=sorted(plans[pk].code for pk in found[unit_id, period.year]),
        )
        for (unit_id, code), period in periods.items()
    ]
    result.sort(key=lambda o: (-o.period.year, not o.period.is_annual, o.unit.path))
    return result
