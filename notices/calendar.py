"""The deadlines of the periods a plan collects, as the reminders, the inbox and the
calendar page read them.

A plan's header sets one yearly deadline (MM-DD) for the units and one for the
consolidation: every covered year gets those by default, with reminders 7, 3 and 1 days
before and an overdue notice every 7 days after. A stored `PeriodCalendar` row replaces
the default of its period, or adds a period the header does not give (a half-year, a
quarter, a month). A plan without a deadline and without rows is never chased.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from plans.models import Plan
from reports.deadlines import PeriodDeadline
from reports.periods import Period

from .models import PeriodCalendar
from .schedule import DEFAULT_OVERDUE_EVERY, DEFAULT_REMINDER_DAYS, parse_reminder_days


@dataclass(frozen=True)
class Deadlines:
    plan: Plan
    period: Period
    units_deadline: datetime.date
    consolidation_deadline: datetime.date | None
    data_cutoff: datetime.date | None
    reminder_days: tuple[int, ...]
    overdue_every: int
    is_default: bool  # from the plan's header, no row of its own

    @property
    def reminder_days_text(self) -> str:
        return ", ".join(str(day) for day in self.reminder_days)


def _defaults(plan: Plan) -> dict[str, Deadlines]:
    found = {}
    for year in plan.years:
        deadline = plan.units_deadline_for(year)
        if deadline is None:
            continue
        found[str(year)] = Deadlines(
            plan=plan,
            period=Period(year),
            units_deadline=deadline,
            consolidation_deadline=plan.consolidation_deadline_for(year),
            data_cutoff=None,
            reminder_days=DEFAULT_REMINDER_DAYS,
            overdue_every=DEFAULT_OVERDUE_EVERY,
            is_default=True,
        )
    return found


def _from_row(plan: Plan, row: PeriodCalendar) -> Deadlines:
    try:
        days = parse_reminder_days(row.reminder_days) or DEFAULT_REMINDER_DAYS
    except ValueError:  # a row written around the form; the defaults rather than nothing
        days = DEFAULT_REMINDER_DAYS
    return Deadlines(
        plan=plan,
        period=Period.parse(row.period),
        units_deadline=row.units_deadline,
        consolidation_deadline=row.consolidation_deadline,
        data_cutoff=row.data_cutoff,
        reminder_days=days,
        overdue_every=max(row.overdue_every, 1),
        is_default=False,
    )


def calendars(
    plans: Iterable[Plan], *, rows: Iterable[PeriodCalendar] | None = None
) -> dict[int, list[Deadlines]]:
    """Every plan's periods with their deadlines, in order of deadline; one query, none
    when the caller has read the plans' `rows` already."""
    plans = list(plans)
    by_plan = {plan.pk: _defaults(plan) for plan in plans}
    plan_of = {plan.pk: plan for plan in plans}
    if rows is None:
        rows = PeriodCalendar.objects.filter(plan_id__in=list(plan_of))
    for row in rows:
        if row.plan_id in plan_of:
            by_plan[row.plan_id][row.period] = _from_row(plan_of[row.plan_id], row)
    return {
        pk: sorted(found.values(), key=lambda d: (d.units_deadline, d.period.end))
        for pk, found in by_plan.items()
    }


def reporting_deadlines(plans: list[Plan]) -> dict[int, dict[str, PeriodDeadline]]:
    """The calendars as the reporting pages read them (`reports.deadlines`): by plan pk,
    each period's units' and consolidation deadlines."""
    return {
        pk: {
            str(d.period): PeriodDeadline(
                units=d.units_deadline, consolidation=d.consolidation_deadline
            )
            for d in found
        }
        for pk, found in calendars(plans).items()
    }


def plan_calendar(plan: Plan) -> list[Deadlines]:
    return calendars([plan])[plan.pk]


def period_deadlines(plan: Plan, period: Period) -> Deadlines | None:
    return next((d for d in plan_calendar(plan) if d.period == period), None)
