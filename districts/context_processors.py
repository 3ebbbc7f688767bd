from __future__ import annotations

from .models import Role
from .scope import memberships_of, primary_membership


def memberships(request) -> dict:
    """The header's user line, and which links the navigation offers for the user's roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = {m.role for m in memberships_of(user)}
    return {
        "primary_membership": primary_membership(user),
        "nav_can_report": user.is_superuser or bool(roles & {Role.REPORTER, Role.OFFICER}),
        "nav_can_manage": user.is_superuser or Role.OFFICER in roles,
    }
