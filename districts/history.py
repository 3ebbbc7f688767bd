"""Pairing the history records of django-simple-history for display: old → new.

Every page that shows what changed (a value, a report's state, a plan's targets) walks the
records of each object in the order they were written and compares each with the one
before it; this is the one place that does the pairing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

R = TypeVar("R")

# The order in which records were written: the time, then the id for records of one instant.
WRITTEN = ("history_date", "history_id")


def paired(records: Iterable[R]) -> Iterator[tuple[R | None, R]]:
    """(record before, record) for each record, in the order given (oldest first).

    The record before is the previous one of the same object (`id`); None for the first
    record of an object and for one that follows its deletion.
    """
    before: dict[Any, R | None] = {}
    for record in records:
        key = record.id  # type: ignore[attr-defined]
        yield before.get(key), record
        before[key] = None if record.history_type == "-" else record  # type: ignore[attr-defined]
