"""Reads of the API that several endpoints share: which stored values a token may see.

A value is seen as the pages show it: a unit's values of every state where the user may
report for it (the entry and review pages show drafts to the unit and its officers), and
the values of submitted and approved reports where they may only view (the leaders'
figures). A `basis` narrows that further (`reports.progress.basis`).
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from districts.scope import Action, Actor, scope_filter
from plans.models import Plan
from reports.models import Actual
from reports.progress.basis import STATES, Basis, actuals_on

from .lookups import period_of


def actuals_for_user(user: Actor) -> QuerySet[Actual]:
    handed_in = Q(submission__state__in=sorted(STATES[Basis.SUBMITTED] or ()))
    visible = scope_filter(user, Action.REPORT, prefix="unit__") | (
        scope_filter(user, Action.VIEW, prefix="unit__") & handed_in
    )
    return Actual.objects.filter(visible)


def plan_values(actuals: QuerySet[Actual], plan: Plan) -> QuerySet[Actual]:
    """A plan's data set: its years, and the indicators it sets targets for."""
    return actuals.filter(
        year__gte=plan.first_year, year__lte=plan.last_year,
        indicator_id__in=plan.targets.values("indicator_id"),
    )


def actuals_filtered(
    user: Actor,
    *,
    plan: Plan | None = None,
    units: Q | None = None,
    periods: list[str] | None = None,
    basis: Basis | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet[Actual]:
    actuals = actuals_for_user(user)
    if plan is not None:
        actuals = plan_values(actuals, plan)
    if units is not None:
        actuals = actuals.filter(units)
    if periods:
        actuals = actuals.filter(period__in=[str(period_of(p)) for p in periods])
    if basis is not None:
        actuals = actuals.filter(actuals_on(basis))
    if updated_since is not None:
        actuals = actuals.filter(updated_at__gte=updated_since)
    return actuals.select_related("indicator", "unit", "submission").order_by(
        "unit__path", "period", "indicator__sort_order", "indicator__code"
    )
