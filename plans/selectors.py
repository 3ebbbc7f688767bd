"""Reads of plans that pages share, always through the user's scope.

One door, `plans_for_user(user, action)`, says which plans a user may act on: to VIEW or
REPORT on a plan, its issuer is in the user's scope for that action, or it gives a unit
in that scope a target (a district reporter sees and reports on the city plan that gives
their district a quota, not on one that gives it nothing); to MANAGE it, the issuer is.
Pages, forms, the import and its template and export pickers, the command line all ask
here. The targets are reached through the plan's `targets` relation, so this module needs
nothing of the targets app; which of a plan's targets a user sees is
`targets.selectors.visible_targets`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from districts.models import Unit
from districts.scope import Action, Actor, can, scope_filter

from .models import Plan


@dataclass(frozen=True)
class PlanFilters:
    issuer: int | None = None
    year: int | None = None
    kind: str = ""
    status: str = ""
    q: str = ""


def _allowed(user: Actor, action: Action) -> Q:
    if user.is_authenticated and user.is_superuser:
        return Q()
    issued = scope_filter(user, action, prefix="issuer__")
    if action is Action.MANAGE:
        return issued
    targets_in_scope = Plan.objects.filter(pk=OuterRef("pk")).filter(
        scope_filter(user, action, prefix="targets__unit__")
    )
    return issued | Q(Exists(targets_in_scope))


def plans_for_user(
    user: Actor, action: Action, *, filters: PlanFilters | None = None
) -> QuerySet[Plan]:
    """Plans the user may `action` (see the module's docstring), filtered by issuer,
    covered year, kind, status and text."""
    plans = Plan.objects.filter(_allowed(user, action)).select_related("issuer")
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


def issuers_for_user(user: Actor) -> QuerySet[Unit]:
    """The units that issued a plan the user may see: the choices of the issuer filter."""
    return Unit.objects.filter(
        Exists(plans_for_user(user, Action.VIEW).filter(issuer=OuterRef("pk")))
    ).order_by("path")


def plan_is_allowed(user: Actor, plan: Plan, action: Action = Action.VIEW) -> bool:
    """Whether `plan` is among `plans_for_user(user, action)`, for a plan already read."""
    if can(user, plan.issuer, action):
        return True
    if action is Action.MANAGE:
        return False
    return plan.targets.filter(scope_filter(user, action, prefix="unit__")).exists()


def plan_is_visible(user: Actor, plan: Plan) -> bool:
    return plan_is_allowed(user, plan, Action.VIEW)


def plan_for_user(user: Actor, code: str, action: Action = Action.VIEW) -> Plan:
    """The plan, if the user may `action` it (`plans_for_user`'s rule): 404 when out of
    sight, 403 when seen but not allowed."""
    plan = (
        Plan.objects.select_related("issuer", "superseded_by", "created_by")
        .filter(code=code)
        .first()
    )
    if plan is None or not plan_is_visible(user, plan):
        raise Http404
    if action is not Action.VIEW and not plan_is_allowed(user, plan, action):
        raise PermissionDenied
    return plan
