"""The completeness page: which reporting units of a plan have approved, submitted,
drafted or nothing for a period, and who is late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from districts.models import Unit
from plans.models import Plan
from targets.models import Target

from ..deadlines import period_deadline
from ..models import Actual, Submission
from ..periods import Period
from ..progress.basis import Basis, coverage_text
from .common import DONE_STATES, as_period, units_counted


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
    def coverage(self) -> str:
        """`2/30 units given a target have submitted`, in the words of progress."""
        return coverage_text(Basis.SUBMITTED, covered=self.done, total=self.total)

    @property
    def nothing(self) -> int:
        """Units without a submission or a value."""
        return self.counts[""]

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue)


def reporting_units(plan: Plan, year: int) -> QuerySet[Unit]:
    """The units that report on the plan in that year, as progress counts them
    (`units_counted`): the units just below the issuer given a target of the plan that
    year, else the issuer itself for a plan without quotas. Quotas further down (a
    district's wards) are the district's to collect, not the issuer's."""
    places = (
        Target.objects.filter(plan=plan, year=year)
        .values_list("unit_id", "unit__parent_id")
        .distinct()
    )
    return Unit.objects.filter(pk__in=units_counted(places, plan.issuer_id))


def completeness(
    plan: Plan, period: Period | str, *, today: datetime.date | None = None
) -> Completeness:
    """Which reporting units have approved, submitted, drafted or nothing, and who is past
    the period's deadline in the plan's calendar (the one the reminders chase by)."""
    period = as_period(period)
    today = today or timezone.localdate()
    deadlines = period_deadline(plan, period)
    deadline = deadlines.units if deadlines else None
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
        consolidation_deadline=deadlines.consolidation if deadlines else None,
        rows=rows,
        counts=counts,
    )
