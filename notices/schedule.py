"""When a report is chased: the pure rules of reminders and overdue notices.

No ORM. A period's calendar gives the units' deadline, the reminder offsets (days before
it) and how often an overdue notice repeats. Each of those is a scheduled *day*; on a given
day the notice due is the latest scheduled day not after it — so a run that skipped a day
sends the latest reminder only, never a backlog — and a notice is sent once per scheduled
day (the idempotence key carries that day, not the day of the run).

    deadline 15/12/2024, offsets 7, 3, 1, overdue every 7 days:
    08/12 reminder · 12/12 reminder · 14/12 reminder · 16/12 overdue · 23/12 overdue · …

A period whose deadline passed more than `CHASE_DAYS` days ago is left alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_REMINDER_DAYS = (7, 3, 1)
DEFAULT_OVERDUE_EVERY = 7
CHASE_DAYS = 60
MAX_REMINDER_DAYS = 90


class Kind(StrEnum):
    """What a notice is about (the values of `Notification.Kind`)."""

    REMINDER = "reminder"
    OVERDUE = "overdue"
    DIGEST = "digest"
    RETURNED = "returned"
    APPROVED = "approved"
    REOPENED = "reopened"


@dataclass(frozen=True)
class Due:
    kind: Kind
    day: datetime.date  # the scheduled day: part of the notice's idempotence key


def parse_reminder_days(text: str) -> tuple[int, ...]:
    """`"7, 3, 1"` → (7, 3, 1): distinct whole days from 1 to 90, largest first.
    Raises ValueError with the offending piece."""
    days: set[int] = set()
    for piece in text.replace(";", ",").split(","):
        piece = piece.strip()
        if not piece:
            continue
        if not piece.isdigit() or not 1 <= int(piece) <= MAX_REMINDER_DAYS:
            raise ValueError(piece)
        days.add(int(piece))
    return tuple(sorted(days, reverse=True))


def is_chased(today: datetime.date, deadline: datetime.date) -> bool:
    """Whether the period is still chased: its deadline passed at most CHASE_DAYS ago."""
    return (today - deadline).days <= CHASE_DAYS


def due_notice(
    today: datetime.date,
    deadline: datetime.date,
    *,
    reminder_days: tuple[int, ...] = DEFAULT_REMINDER_DAYS,
    overdue_every: int = DEFAULT_OVERDUE_EVERY,
) -> Due | None:
    """The notice due on `today` for a report not yet handed in, or None."""
    if not is_chased(today, deadline):
        return None
    if today > deadline:
        first = deadline + datetime.timedelta(days=1)
        every = max(overdue_every, 1)
        weeks = (today - first).days // every
        return Due(Kind.OVERDUE, first + datetime.timedelta(days=weeks * every))
    scheduled = [deadline - datetime.timedelta(days=d) for d in reminder_days]
    passed = [day for day in scheduled if day <= today]
    if not passed:
        return None
    return Due(Kind.REMINDER, max(passed))


def is_overdue(today: datetime.date, deadline: datetime.date | None) -> bool:
    return deadline is not None and today > deadline
