from __future__ import annotations

from django.utils import timezone

from .inbox import todo_count


def inbox_count(request) -> dict:
    """The number of things to do, for the header's "Việc cần làm" link."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_count": todo_count(user, timezone.localdate())}
