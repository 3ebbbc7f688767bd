"""A person's to-do list, "Việc cần làm" (/inbox/), and the count in the header.

- as a reporter (a reporter's membership on a unit: that unit's reports, as on the entry
  page): the reports due (the period has begun, the deadline is ahead), overdue (the
  deadline has passed, at most 60 days ago), and returned (with the officer's reason);
- as an officer: the reports waiting for review in their subtree (those submitted again
  after a return marked as such), and the units overdue on the plans their unit issued.

One report is one item, whatever the number of plans that ask for it (the earliest
deadline counts). The header's count is the number of items, read in a bounded number of
queries (see `todo_count`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from districts.models import Role, Unit
from districts.scope import Action, memberships_of, scope_filter
from plans.selectors import plans_for_user
from reports.models import Submission
from reports.periods import Period
from reports.selectors.review import submissions_waiting

from .chase import owed_reports


class ItemKind:
    DUE = "due"
    OVERDUE = "overdue"
    RETURNED = "returned"
    REVIEW = "review"
    RESUBMITTED = "resubmitted"
    LATE_UNIT = "late_unit"


@dataclass
class TodoItem:
    kind: str
    unit: Unit
    period: Period
    link: str
    deadline: datetime.date | None = None
    days: int | None = None  # days left (due) or days late (overdue)
    reason: str = ""
    plans: list[str] = field(default_factory=list)
    submitted_at: datetime.datetime | None = None


@dataclass
class Todo:
    reporting: list[TodoItem]
    reviewing: list[TodoItem]
    late_units: list[TodoItem]

    @property
    def count(self) -> int:
        return len(self.reporting) + len(self.reviewing) + len(self.late_units)


def _reporter_units(user) -> list[int]:
    return [m.unit_id for m in memberships_of(user) if m.role == Role.REPORTER]


def _is_officer(user) -> bool:
    return any(m.role == Role.OFFICER for m in memberships_of(user))


def _entry(unit_id: int, period: str) -> str:
    return reverse("reports:entry", args=[unit_id, period])


def _reporting(user, today: datetime.date, *, with_units: bool) -> list[TodoItem]:
    unit_ids = _reporter_units(user)
    if not unit_ids:
        return []
    owed = owed_reports(today, units=Q(unit_id__in=unit_ids), with_units=with_units)
    items: dict[tuple[int, str], TodoItem] = {}
    for o in owed:
        period = o.deadlines.period
        late = o.is_overdue(today)
        if not late and period.start > today:
            continue  # not begun yet: nothing to do
        key = (o.unit.pk, str(period))
        item = items.get(key)
        if item is None:
            deadline = o.deadlines.units_deadline
            items[key] = TodoItem(
                kind=ItemKind.OVERDUE if late else ItemKind.DUE,
                unit=o.unit, period=period, link=_entry(o.unit.pk, str(period)),
                deadline=deadline, days=abs((deadline - today).days),
                reason=o.reason, plans=[o.plan.number or o.plan.code],
            )
        else:
            item.plans.append(o.plan.number or o.plan.code)
    returned = Submission.objects.filter(unit_id__in=unit_ids, state=Submission.State.RETURNED)
    if with_units:
        returned = returned.select_related("unit")
    for s in returned.order_by("period"):
        item = items.get((s.unit_id, s.period))
        if item is None:
            unit = s.unit if with_units else Unit(pk=s.unit_id)
            items[(s.unit_id, s.period)] = TodoItem(
                kind=ItemKind.RETURNED, unit=unit, period=Period.parse(s.period),
                link=_entry(s.unit_id, s.period), reason=s.reason,
            )
        else:
            item.kind, item.reason = ItemKind.RETURNED, s.reason
    order = {ItemKind.RETURNED: 0, ItemKind.OVERDUE: 1, ItemKind.DUE: 2}
    return sorted(
        items.values(),
        key=lambda i: (order[i.kind], i.deadline or datetime.date.max, i.unit.path),
    )


def _reviewing(user, *, with_units: bool) -> list[TodoItem]:
    if not _is_officer(user):
        return []
    waiting = submissions_waiting(user)
    if not with_units:
        waiting = waiting.select_related(None)
    return [
        TodoItem(
            kind=ItemKind.RESUBMITTED if s.reason else ItemKind.REVIEW,
            unit=s.unit if with_units else Unit(pk=s.unit_id),
            period=Period.parse(s.period),
            link=reverse("reports:submission", args=[s.pk]),
            submitted_at=s.submitted_at,
        )
        for s in waiting
    ]


def _late_units(user, today: datetime.date, *, with_units: bool) -> list[TodoItem]:
    if not _is_officer(user):
        return []
    managed = plans_for_user(user, Action.MANAGE).filter(pk=OuterRef("plan_id"))
    owed = owed_reports(
        today,
        plans=Q(Exists(managed)),
        units=scope_filter(user, Action.VIEW, prefix="unit__"),
        with_units=with_units,
    )
    items = []
    for o in owed:
        if not o.is_overdue(today):
            continue
        query = urlencode({"plan": o.plan.code, "period": str(o.deadlines.period)})
        deadline = o.deadlines.units_deadline
        items.append(TodoItem(
            kind=ItemKind.LATE_UNIT, unit=o.unit, period=o.deadlines.period,
            link=f"{reverse('reports:completeness')}?{query}", deadline=deadline,
            days=(today - deadline).days, plans=[o.plan.number or o.plan.code],
            reason=o.reason,
        ))
    return items


def todo_for(user, today: datetime.date) -> Todo:
    return Todo(
        reporting=_reporting(user, today, with_units=True),
        reviewing=_reviewing(user, with_units=True),
        late_units=_late_units(user, today, with_units=True),
    )


def todo_count(user, today: datetime.date) -> int:
    """The number of items of `todo_for`, without reading the units' names: three queries
    for a reporter (targets with their plans, calendars, submissions) and one more for the
    returned reports, four for an officer, besides the memberships the header reads anyway."""
    return Todo(
        reporting=_reporting(user, today, with_units=False),
        reviewing=_reviewing(user, with_units=False),
        late_units=_late_units(user, today, with_units=False),
    ).count

