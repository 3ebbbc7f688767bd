"""The write lock of a report (a unit's values for a period), and retrying a write that
lost a race.

Every path that writes a report's values or changes its state — the entry page, the
review page, file imports, the admin, the demo loader, the API — first calls
`reports_lock` with the (unit, period) pairs it is about to touch, inside its transaction,
and only then reads the submission's state and the values' versions. Whoever holds the
lock of a report is its only writer until their transaction ends, so a state read under
it is still true at commit, and the version every UPDATE checks cannot move under it.

On PostgreSQL the lock is a transaction-level advisory lock per (unit id, period): it
needs no row to exist (a report's first value has no submission yet), is released by
commit or rollback, and is always taken in one order (sorted), so two writers of the
same reports queue instead of deadlocking. A write that still loses a race (two imports
whose files list the same reports in different orders; a value created meanwhile) is
rolled back and run again from the start by `retry_on_conflict`, a bounded number of
times; after that the user gets a clear message, never a 500.

SQLite allows one writer at a time for the whole database, and the settings open every
transaction with BEGIN IMMEDIATE, so there is nothing more to lock.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils.translation import gettext as _

from .periods import Period, PeriodKind

# How long a writer waits for another one's report before giving up with a message.
LOCK_TIMEOUT_MS = 20_000
ATTEMPTS = 3

# PostgreSQL's error codes for a lost race: deadlock, serialisation failure, unique
# violation (a row created meanwhile), lock wait timeout.
_RETRY_CODES = frozenset({"40P01", "40001", "23505"})
_TIMEOUT_CODE = "55P03"

_SLOT_BASE = {PeriodKind.YEAR: 0, PeriodKind.HALF: 0, PeriodKind.QUARTER: 2,
              PeriodKind.MONTH: 6}


class ConcurrentWrite(Exception):
    """Someone else changed what this write was based on: roll back, and try again."""


class WriteRefused(Exception):
    """A write that could not be done because of other writers, with the user's message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def period_slot(period: Period | str) -> int:
    """A number per period, unique within a unit: year × 32 + 0 (year), 1–2 (halves),
    3–6 (quarters), 7–18 (months)."""
    period = period if isinstance(period, Period) else Period.parse(str(period))
    return period.year * 32 + _SLOT_BASE[period.kind] + period.index


def reports_lock(keys: Iterable[tuple[int, str]]) -> None:
    """Hold the write lock of each report (unit id, period code) until the transaction ends.

    Must run inside `transaction.atomic`. Waits for the reports' current writers; after
    `LOCK_TIMEOUT_MS` the database raises, which `retry_on_conflict` turns into a message.
    """
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("reports_lock needs a transaction")
    pairs = sorted({(unit_id, period_slot(period)) for unit_id, period in keys})
    if not pairs:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = {int(LOCK_TIMEOUT_MS)}")
        # unnest yields the pairs in the arrays' (sorted) order, and the locks are taken
        # row by row in that order.
        cursor.execute(
            "SELECT count(pg_advisory_xact_lock(u, p)) "
            "FROM unnest(%s::int[], %s::int[]) AS t(u, p)",
            [[u for u, _p in pairs], [p for _u, p in pairs]],
        )


def _pgcode(error: BaseException) -> str | None:
    return getattr(error.__cause__, "pgcode", None) or getattr(error, "pgcode", None)


def lost_race(error: BaseException) -> bool:
    """Whether a database error means another writer got there first (worth a retry)."""
    if isinstance(error, ConcurrentWrite):
        return True
    return isinstance(error, DatabaseError) and _pgcode(error) in _RETRY_CODES


def timed_out(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and _pgcode(error) == _TIMEOUT_CODE


def busy_message() -> str:
    return _("These values were changed by someone else meanwhile, so nothing was written. "
             "Open the page again to see their changes, or import the file again.")


def waited_message() -> str:
    return _("Someone else is saving this report right now, so nothing was written. "
             "Try again in a moment.")


P = ParamSpec("P")
R = TypeVar("R")


def retry_on_conflict(func: Callable[P, R]) -> Callable[P, R]:
    """Run `func` in a transaction; when it loses a race, roll back and run it again
    (`ATTEMPTS` times in all), then raise `WriteRefused` with a message for the user.

    Nested inside another transaction the attempts are savepoints, so the outer
    transaction survives a lost race too.
    """

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with transaction.atomic():
                    return func(*args, **kwargs)
            except (DatabaseError, ConcurrentWrite) as error:
                if timed_out(error):
                    raise WriteRefused(waited_message()) from error
                if not lost_race(error):
                    raise
                if attempt == ATTEMPTS:
                    raise WriteRefused(busy_message()) from error
        raise AssertionError("unreachable")

    return run
