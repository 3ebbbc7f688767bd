"""The one door into a unit's data: who may see or change what, by membership.

A membership covers its unit and everything below it (paths make that one prefix
test). Every view, form and import asks here; none looks a unit up on its own.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import Membership, Role, Unit


class Action(StrEnum):
    VIEW = "view"  # read pages, charts and exports
    REPORT = "report"  # enter, import and submit actuals
    MANAGE = "manage"  # plans, targets, quotas; review submissions


ALLOWED_ROLES: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset({Role.REPORTER, Role.OFFICER, Role.VIEWER}),
    Action.REPORT: frozenset({Role.REPORTER, Role.OFFICER}),
    Action.MANAGE: frozenset({Role.OFFICER}),
}


def memberships_of(user) -> list[Membership]:
    """The user's memberships, fetched once per request object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("unit"))
        user._memberships_cache = cached
    return cached


def roles_on(user, unit: Unit) -> set[str]:
    """Roles the user holds on `unit` through a membership on it or an ancestor."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return {Role.OFFICER, Role.REPORTER, Role.VIEWER}
    return {m.role for m in memberships_of(user) if m.unit.contains(unit)}


def can(user, unit: Unit, action: Action = Action.VIEW) -> bool:
    return bool(roles_on(user, unit) & ALLOWED_ROLES[action])


def scope_filter(user, action: Action = Action.VIEW, *, prefix: str = "") -> Q:
    """A filter for any queryset reaching a unit through `prefix` (e.g. "unit__").

    Superusers see everything; a user without a fitting membership sees nothing.
    """
    if user.is_authenticated and user.is_superuser:
        return Q()
    q = Q(pk__in=[])
    for membership in memberships_of(user):
        if membership.role in ALLOWED_ROLES[action]:
            path = membership.unit.path
            q |= Q(**{f"{prefix}path": path}) | Q(**{f"{prefix}path__startswith": path + "/"})
    return q


def units_for_user(user, action: Action = Action.VIEW):
    return Unit.objects.filter(scope_filter(user, action))


def unit_for_user(user, pk: int, action: Action = Action.VIEW) -> Unit:
    """The unit, if the user may `action` it: 404 when out of sight, 403 when read-only."""
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not can(user, unit, Action.VIEW):
        raise Http404
    if not can(user, unit, action):
        raise PermissionDenied
    return unit


def top_units(user, action: Action = Action.VIEW) -> list[Unit]:
    """The highest units the user reaches: where their pages start."""
    if user.is_authenticated and user.is_superuser:
        return list(Unit.objects.filter(parent__isnull=True).order_by("code"))
    units = {m.unit.path: m.unit for m in memberships_of(user) if m.role in ALLOWED_ROLES[action]}
    return [
        unit
        for path, unit in sorted(units.items())
        if not any(path != other and unit.path.startswith(other + "/") for other in units)
    ]


def primary_membership(user) -> Membership | None:
    """The membership shown in the header: the strongest role on the highest unit."""
    order = {Role.OFFICER: 0, Role.REPORTER: 1, Role.VIEWER: 2}
    memberships = memberships_of(user)
    if not memberships:
        return None
    return min(memberships, key=lambda m: (m.unit.path.count("/"), order.get(m.role, 9)))
