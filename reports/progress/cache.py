"""Computed progress kept for the next request, for as long as the data it was built from
stands.

A progress report (and the dashboard built on it) reads the plan's targets, the
indicators, the values and the state of their reports. Each of those tables is audited:
every change to a row — through a page, an import, the API, a loader — writes a history
row, and history rows are only ever added. The largest history id of each table is
therefore a version of its data that every write moves forward, whichever door it came
through, and reading it costs one index lookup per table. An entry is kept under a key
made of those versions and of everything else the report depends on (the request's
filters, the language, the day, who asks and through which memberships), so a write
makes every entry built before it unreachable at once: nothing has to remember to
invalidate anything.

One case needs care on PostgreSQL, where writers run side by side: ids are handed out
when a row is inserted, not when its transaction commits, so a long transaction could
commit an id below one already seen, and the largest id would not move. A report is
therefore stored only when no writing transaction was in flight as the versions were
read (the snapshot's xmin equals its xmax); otherwise it is built and served, not kept.
SQLite has one writer at a time, so there ids appear in commit order.

Units (loaded by `load_units` from the installed package) and the indicators' display
order (from the shipped catalogue) change only with a new release, which restarts the
server; an entry also expires after the cache's timeout.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import connection
from django.utils import timezone, translation

from districts.scope import Actor, is_system, memberships_of
from plans.models import Plan
from targets.models import Indicator, Target

from ..deadlines import units_deadline_of
from ..models import Actual, Submission

T = TypeVar("T")


def _audited_models() -> list[type]:
    return [Actual, Submission, Target, Indicator, Plan]


def _versions_sql() -> str:
    quote = connection.ops.quote_name
    parts = []
    for model in _audited_models():
        history = model.history.model  # type: ignore[attr-defined]
        parts.append(
            f"(SELECT MAX({quote(history._meta.pk.column)}) FROM {quote(history._meta.db_table)})"
        )
    if connection.vendor == "postgresql":
        parts.append(
            "pg_snapshot_xmin(pg_current_snapshot()) = pg_snapshot_xmax(pg_current_snapshot())"
        )
    return "SELECT " + ", ".join(parts)


def data_versions() -> tuple[tuple[int | None, ...], bool]:
    """The largest history id of each audited table, and whether no writing transaction
    was in flight when they were read (always so on SQLite)."""
    with connection.cursor() as cursor:
        cursor.execute(_versions_sql())
        row = cursor.fetchone()
    if connection.vendor == "postgresql":
        return tuple(row[:-1]), bool(row[-1])
    return tuple(row), True


def _who(user: Actor) -> tuple:
    """What a report's content depends on about the person asking: their rights."""
    if is_system(user):
        return ("system",)
    if not user.is_authenticated:
        return ("anonymous",)
    if user.is_superuser:
        return ("superuser",)
    return tuple(sorted((m.unit_id, m.role) for m in memberships_of(user)))


def report_parts(plan: Plan, year: int, focus, basis) -> tuple:
    """The parts of a progress report's key besides the data: the filters, and the
    units' deadline of the year (kept in the plan's calendar, which is not audited)."""
    return (plan.pk, year, focus.pk if focus is not None else None, str(basis),
            units_deadline_of(plan, year))


class _Kept:
    """This process's entries, the oldest first: at most `limit`, each for `seconds`.

    The objects themselves are kept, not copies: a report is read-only once built (its
    lazily computed parts depend on nothing but its own content), and unpickling one on
    every request would cost as much as a third of building it."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> object | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: str, value: object) -> None:
        limit = getattr(settings, "PROGRESS_CACHE_ENTRIES", 32)
        seconds = getattr(settings, "PROGRESS_CACHE_SECONDS", 600)
        with self._lock:
            self._entries[key] = (time.monotonic() + seconds, value)
            self._entries.move_to_end(key)
            while len(self._entries) > limit:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


kept = _Kept()


def cached(name: str, parts: tuple, *, user: Actor, build: Callable[[], T]) -> T:
    """What `build()` returns for `parts` (plain values: ids, codes, dates), kept when it
    was built on the same data for the same rights, language and day."""
    if not getattr(settings, "PROGRESS_CACHE", True):
        return build()
    versions, settled = data_versions()
    key = repr((
        name, parts, versions, _who(user), translation.get_language(),
        timezone.localdate().isoformat(),
    ))
    key = f"{name}:{hashlib.sha256(key.encode()).hexdigest()}"
    found = kept.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    value = build()
    if settled:
        kept.put(key, value)
    return value
