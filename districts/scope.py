"""The one door into a unit's data: who may see or change what, by membership.

A membership covers its unit and everything below it (paths make that one prefix
test). Every view, form and import asks here; none looks a unit up on its own.

Who acts is always said: a signed-in user (their memberships decide), an anonymous
visitor (nothing), or `SYSTEM`, the system operator that management commands and loaders
pass on purpose (every unit, recorded as such). No function takes `None` for "everyone".
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Final, TypeAlias

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import Membership, Placed, Role, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class SystemActor:
    """The system operator: a command run without `--user`, a loader. Every right, no
    user row; history records it with no user and a reason that says so."""

    is_authenticated: Final = True
    is_active: Final = True
    is_superuser: Final = True
    is_system: Final = True
    pk: Final = None
    username: Final = "system"

    def __repr__(self) -> str:
        return "SYSTEM"

    def __bool__(self) -> bool:  # so that `actor or …` never silently replaces it
        return True


SYSTEM: Final = SystemActor()

Actor: TypeAlias = "User | AnonymousUser | SystemActor"


def is_system(actor: Actor) -> bool:
    return actor is SYSTEM


def recorded_user(actor: Actor) -> User | None:
    """The user row a history record or `updated_by` points to: none for the system
    operator or an anonymous visitor."""
    if isinstance(actor, SystemActor) or not actor.is_authenticated:
        return None
    return actor


class Action(StrEnum):
    VIEW = "view"  # read pages, charts and exports
    REPORT = "report"  # enter, import and submit actuals
    MANAGE = "manage"  # plans, targets, quotas; review submissions


ALLOWED_ROLES: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset({Role.REPORTER, Role.OFFICER, Role.VIEWER}),
    Action.REPORT: frozenset({Role.REPORTER, Role.OFFICER}),
    Action.MANAGE: frozenset({Role.OFFICER}),
}


def memberships_of(user: Actor) -> list[Membership]:
    """The user's memberships, fetched once per request object (none for `SYSTEM`)."""
    if isinstance(user, SystemActor) or not user.is_authenticated:
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(Membership.objects.filter(user_id=user.pk).select_related("unit"))
        setattr(user, "_memberships_cache", cached)  # noqa: B010 (not a declared field)
    return cached


def roles_on(user: Actor, unit: Placed) -> set[str]:
    """Roles the user holds on `unit` through a membership on it or an ancestor."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return {Role.OFFICER, Role.REPORTER, Role.VIEWER}
    return {m.role for m in memberships_of(user) if m.unit.contains(unit)}


def can(user: Actor, unit: Placed, action: Action = Action.VIEW) -> bool:
    return bool(roles_on(user, unit) & ALLOWED_ROLES[action])


def can_anywhere(user: Actor, action: Action) -> bool:
    """Whether the user may `action` some unit: the question behind a menu entry or a
    page that lists across units (review, completeness, imports)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(m.role in ALLOWED_ROLES[action] for m in memberships_of(user))


def scope_filter(user: Actor, action: Action = Action.VIEW, *, prefix: str = "") -> Q:
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


def units_for_user(user: Actor, action: Action = Action.VIEW):
    return Unit.objects.filter(scope_filter(user, action))


def unit_for_user(user: Actor, pk: int, action: Action = Action.VIEW) -> Unit:
    """The unit, if the user may `action` it: 404 when out of sight, 403 when read-only."""
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not can(user, unit, Action.VIEW):
        raise Http404
    if not can(user, unit, action):
        raise PermissionDenied
    return unit


def top_units(user: Actor, action: Action = Action.VIEW) -> list[Unit]:
    """The highest units the user reaches: where their pages start."""
    if user.is_authenticated and user.is_superuser:
        return list(Unit.objects.filter(parent__isnull=True).order_by("code"))
    units = {m.unit.path: m.unit for m in memberships_of(user) if m.role in ALLOWED_ROLES[action]}
    return [
        unit
        for path, unit in sorted(units.items())
        if not any(path != other and unit.path.startswith(other + "/") for other in units)
    ]


def primary_membership(user: Actor) -> Membership | None:
    """The membership shown in the header: the strongest role on the highest unit."""
    order: dict[str, int] = {Role.OFFICER: 0, Role.REPORTER: 1, Role.VIEWER: 2}
    memberships = memberships_of(user)
    if not memberships:
        return None
    return min(memberships, key=lambda m: (m.unit.path.count("/"), order.get(m.role, 9)))
