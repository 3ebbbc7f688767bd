from __future__ import annotations

from .scope import primary_membership


def memberships(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"primary_membership": primary_membership(user)}
