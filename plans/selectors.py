"""Reads of plans that pages share, always through the user's scope.

A plan is visible to a user when its issuer is in their VIEW scope, or when it gives a
unit in their scope a target (a district reporter sees the city plan that gives their
district a quota). The targets are reached through the plan's `targets` relation, so
this module needs nothing of the targets app; which of a plan's targets a user sees is
`targets.selectors.visible_targets`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from districts.models import Unit
from districts.scope import Action, can, scope_filter

from .models import Plan


@dataclass(frozen=True)
class PlanFilters:
    issuer: int | None = None
    year: int | None = None
    kind: str = ""
    status: str = ""
    q: str = ""


def _visible(user) -> Q:
    if user.is_authenticated and user.is_superuser:
        return Q()
    targets_in_scope = Plan.objects.filter(pk=OuterRef("pk")).filter(
        scope_filter(user, Action.VIEW, prefix="targets__unit__")
    )
    return scope_filter(user, Action.VIEW, prefix="issuer__") | Q(Exists(targets_in_scope))


def plans_for_user(user, filters: PlanFilters | None = None) -> QuerySet[Plan]:
    """Plans the user may see, filtered by issuer, covered year, kind, status and text."""
    plans = Plan.objects.filter(_visible(user)).select_related("issuer")
    f = filters or PlanFilters()
    if f.issuer:
        plans = plans.filter(issuer_id=f.issuer)
    if f.year:
        plans = plans.filter(first_year__lte=f.year, last_year__gte=f.year)
    if f.kind:
        plans = plans.filter(kind=f.kind)
    if f.status:
        plans = plans.filter(status=f.status)
    if f.q:
        text = f.q.strip()
        plans = plans.filter(
            Q(number__icontains=text)
            | Q(title__icontains=text)
            | Q(title_en__icontains=text)
            | Q(code__icontains=text)
        )
    return plans.order_by("-first_year", "-last_year", "code")


def issuers_for_user(user) -> QuerySet[Unit]:
    """The units that issued a plan the user may see: the choices of the issuer filter."""
    return Unit.objects.filter(
        Exists(plans_for_user(user).filter(issuer=OuterRef("pk")))
    ).order_by("path")


def plan_is_visible(user, plan: Plan) -> bool:
    if can(user, plan.issuer, Action.VIEW):
        return True
    return plan.targets.filter(scope_filter(user, Action.VIEW, prefix="unit__")).exists()


def plan_for_user(user, code: str, action: Action = Action.VIEW) -> Plan:
    """The plan, if the user may `action` it: 404 when out of sight, 403 when not allowed.

    Anything but VIEW is judged on the issuing unit: only its officers manage the plan.
    """
    plan = (
        Plan.objects.select_related("issuer", "superseded_by", "created_by")
        .filter(code=code)
        .first()
    )
    if plan is None or not plan_is_visible(user, plan):
        raise Http404
    if action is not Action.VIEW and not can(user, plan.issuer, action):
        raise PermissionDenied
    return plan
