from __future__ import annotations

import logging

from django.db import DatabaseError
from django.utils import timezone

from .inbox import todo_count

logger = logging.getLogger(__name__)


def inbox_count(request) -> dict:
    """The number of things to do, for the header's "Việc cần làm" link."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    try:
        return {"inbox_count": todo_count(user, timezone.localdate())}
    except DatabaseError:
        # The header's count never takes a page down with it (an error page included).
        logger.exception("the inbox count could not be read")
        return {}
