from __future__ import annotations

from .scope import Action, can_anywhere, primary_membership


def memberships(request) -> dict:
    """The header's user line, and which links the navigation offers for the user's roles
    (the same question every page asks: `can_anywhere`)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "primary_membership": primary_membership(user),
        "nav_can_report": can_anywhere(user, Action.REPORT),
        "nav_can_manage": can_anywhere(user, Action.MANAGE),
    }
