"""The deadlines of a plan's period as the reporting pages show them (the entry page's
periods, completeness), the same the reminders and the inbox chase by.

A plan's calendar is kept by the notices app (`notices.calendar`: the header's yearly
deadlines, replaced or completed per period by a `PeriodCalendar` row), which depends on
this app; it hands its reader in when it loads (`notices/apps.py`), as this app does for
the targets' split. Without it, each year has the header's deadlines and nothing else.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plans.models import Plan

from .periods import Period


@dataclass(frozen=True)
class PeriodDeadline:
    units: datetime.date
    consolidation: datetime.date | None


# Plans → for each plan's pk, its periods (codes) with their deadlines.
DeadlineReader = Callable[[list[Plan]], dict[int, dict[str, PeriodDeadline]]]

_reader: DeadlineReader | None = None


def register_deadline_reader(reader: DeadlineReader) -> None:
    global _reader
    _reader = reader


def _from_headers(plans: list[Plan]) -> dict[int, dict[str, PeriodDeadline]]:
    found: dict[int, dict[str, PeriodDeadline]] = {}
    for plan in plans:
        found[plan.pk] = {}
        for year in plan.years:
            units = plan.units_deadline_for(year)
            if units is not None:
                found[plan.pk][str(year)] = PeriodDeadline(
                    units=units, consolidation=plan.consolidation_deadline_for(year)
                )
    return found


def plans_deadlines(plans: Iterable[Plan]) -> dict[int, dict[str, PeriodDeadline]]:
    """Every period of `plans` that has a deadline, by plan pk and period code (one query
    with the calendar's reader)."""
    plans = list(plans)
    return (_reader or _from_headers)(plans)


def period_deadline(plan: Plan, period: Period) -> PeriodDeadline | None:
    """The deadlines of one period of a plan; None when nobody set one."""
    return plans_deadlines([plan])[plan.pk].get(str(period))


def units_deadline_of(plan: Plan, year: int) -> datetime.date | None:
    """The units' deadline of a plan's year in its calendar: what progress calls overdue."""
    found = period_deadline(plan, Period(year))
    return found.units if found else None
