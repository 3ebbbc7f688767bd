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
from dataclasses import dataclass

from django.db.models import Q

from districts.models import Unit
from plans.models import Plan
from reports.models import Submission
from reports.workflow import HANDED_IN
from targets.models import Target

from .calendar import Deadlines, calendars
from .schedule import CHASE_DAYS, MAX_REMINDER_DAYS, Due, due_notice, is_chased


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
                 plans: Q | None = None) -> list[OwedReport]:
    """The reports owed on `today` with a deadline in the chase window, for the units and
    plans the filters let through (`units` on Target's `unit__…`, `plans` on `plan__…`),
    ordered by deadline and unit."""
    low = today - datetime.timedelta(days=CHASE_DAYS)
    high = today + datetime.timedelta(days=MAX_REMINDER_DAYS)
    targets = Target.objects.filter(
        plan__status=Plan.Status.ISSUED, year__gte=low.year - 1, year__lte=high.year
    )
    if units is not None:
        targets = targets.filter(units)
    if plans is not None:
        targets = targets.filter(plans)
    pairs = set(targets.values_list("plan_id", "unit_id", "year").distinct())
    if not pairs:
        return []
    plan_rows = Plan.objects.filter(pk__in={p for p, _u, _y in pairs}).select_related("issuer")
    wanted = [
        d
        for found in calendars(plan_rows).values()
        for d in found
        if low <= d.units_deadline <= high and is_chased(today, d.units_deadline)
    ]
    units_of: dict[tuple[int, int], list[int]] = {}
    for plan_id, unit_id, year in pairs:
        units_of.setdefault((plan_id, year), []).append(unit_id)
    unit_ids = {u for d in wanted for u in units_of.get((d.plan.pk, d.period.year), [])}
    unit_rows = Unit.objects.in_bulk(list(unit_ids))
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
    owed.sort(key=lambda o: (o.deadlines.units_deadline, o.plan.code, o.unit.path))
    return owed
