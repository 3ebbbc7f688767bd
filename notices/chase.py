"""Which reports are still owed, and by when: what `remind` chases and the inbox lists.

A report is owed for a plan and a period when the plan is issued, sets a target on the unit
in that period's year (its own targets on the issuer included) and the unit's report of the
period is not handed in (submitted or approved). Only periods whose deadline lies within
the chase window are read: from `CHASE_DAYS` days ago to `MAX_REMINDER_DAYS` ahead.

A bounded number of queries whatever the number of units: the targets, the calendars and
the submissions, one query each.
"""

from __future__ import annotations

import datetime
import functools
import operator
from dataclasses import dataclass

from django.db.models import Q

from districts.models import Unit
from plans.models import Plan
from reports.models import Submission
from reports.workflow import HANDED_IN
from targets.models import Target

from .calendar import Deadlines, calendars
from .models import PeriodCalendar
from .schedule import CHASE_DAYS, MAX_REMINDER_DAYS, Due, due_notice, is_chased

# The plan's columns the calendar and the notices read.
_PLAN_FIELDS = (
    "code", "number", "issuer_id", "status", "first_year", "last_year", "units_deadline",
    "consolidation_deadline",
)


@dataclass(frozen=True)
class OwedReport:
    deadlines: Deadlines
    unit: Unit
    submission: Submission | None

    @property
    def plan(self) -> Plan:
        return self.deadlines.plan

    @property
    def state(self) -> str:
        return self.submission.state if self.submission else ""

    @property
    def reason(self) -> str:
        return self.submission.reason if self.submission else ""

    def due(self, today: datetime.date) -> Due | None:
        d = self.deadlines
        return due_notice(
            today, d.units_deadline, reminder_days=d.reminder_days, overdue_every=d.overdue_every
        )

    def is_overdue(self, today: datetime.date) -> bool:
        return today > self.deadlines.units_deadline

    def days_left(self, today: datetime.date) -> int:
        return (self.deadlines.units_deadline - today).days


def owed_reports(today: datetime.date, *, units: Q | None = None,
                 plans: Q | None = None, with_units: bool = True) -> list[OwedReport]:
    """The reports owed on `today` with a deadline in the chase window, for the units and
    plans the filters let through (`units` on Target's `unit__…`, `plans` on `plan__…`),
    ordered by deadline and unit. Without `with_units` the units carry their id only.

    Four queries (calendars, targets with their plans, units, submissions), three without
    `with_units`, whatever the number of units."""
    low = today - datetime.timedelta(days=CHASE_DAYS)
    high = today + datetime.timedelta(days=MAX_REMINDER_DAYS)
    # A year's default deadline lies in that year; a period's own calendar may put it
    # anywhere, so its rows are read first: those of the window's years (they may move a
    # default out of the window) and those whose deadline falls in the window.
    years = range(low.year, high.year + 1)
    rows = list(
        PeriodCalendar.objects.filter(plan__status=Plan.Status.ISSUED).filter(
            Q(units_deadline__gte=low, units_deadline__lte=high)
            | functools.reduce(operator.or_, (Q(period__startswith=str(y)) for y in years))
        )
    )
    in_window = Q(year__gte=low.year, year__lte=high.year)
    for row in rows:
        if low <= row.units_deadline <= high:
            in_window |= Q(plan_id=row.plan_id, year=int(row.period[:4]))
    targets = Target.objects.filter(in_window, plan__status=Plan.Status.ISSUED)
    if units is not None:
        targets = targets.filter(units)
    if plans is not None:
        targets = targets.filter(plans)
    values = targets.values_list(
        "plan_id", "unit_id", "year", *(f"plan__{name}" for name in _PLAN_FIELDS)
    ).distinct()
    pairs, plans_by_pk = set(), {}
    for plan_id, unit_id, year, *fields in values:
        pairs.add((plan_id, unit_id, year))
        if plan_id not in plans_by_pk:
            # Read-only: built from the columns the calendar needs, never saved.
            plans_by_pk[plan_id] = Plan(pk=plan_id, **dict(zip(_PLAN_FIELDS, fields, strict=True)))
    if not pairs:
        return []
    wanted = [
        d
        for found in calendars(plans_by_pk.values(), rows=rows).values()
        for d in found
        if low <= d.units_deadline <= high and is_chased(today, d.units_deadline)
    ]
    units_of: dict[tuple[int, int], list[int]] = {}
    for plan_id, unit_id, year in pairs:
        units_of.setdefault((plan_id, year), []).append(unit_id)
    unit_ids = {u for d in wanted for u in units_of.get((d.plan.pk, d.period.year), [])}
    unit_rows = (
        Unit.objects.in_bulk(list(unit_ids))
        if with_units
        else {pk: Unit(pk=pk) for pk in unit_ids}  # a count needs no names
    )
    submissions = {
        (s.unit_id, s.period): s
        for s in Submission.objects.filter(
            unit_id__in=list(unit_ids), period__in={str(d.period) for d in wanted}
        )
    }
    owed = []
    for d in wanted:
        for unit_id in units_of.get((d.plan.pk, d.period.year), []):
            submission = submissions.get((unit_id, str(d.period)))
            if submission is not None and submission.state in HANDED_IN:
                continue
            owed.append(OwedReport(deadlines=d, unit=unit_rows[unit_id], submission=submission))
    owed.sort(key=lambda o: (o.deadlines.units_deadline, o.plan.code, o.unit.path, o.unit.pk))
    return owed
