"""The audit trail: each recorded change of a value or of a report's state, old → new,
with who, when and from where (in the reader's words, `districts.sources`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from districts import sources
from districts.history import WRITTEN, paired
from districts.models import Unit
from targets.models import Indicator

from ..models import Actual, Submission
from ..periods import Period
from .common import as_period


@dataclass
class ValueChange:
    """One recorded change of an actual: who, when, from which page or file, old → new."""

    history_id: int
    actual_id: int
    indicator: Indicator
    when: datetime.datetime
    who: object
    kind: str  # "+" created, "~" changed, "-" deleted
    source: str
    old: Decimal | str | None  # a result known only as a bound is its text (">92")
    new: Decimal | str | None
    old_note: str
    note: str
    numerator: Decimal | None
    denominator: Decimal | None


def _shown(record) -> Decimal | str | None:
    """A recorded value: its number, else the text it was printed as (">92")."""
    return record.value if record.value is not None else (record.printed or None)


def value_changes(records: QuerySet) -> list[ValueChange]:
    """Pairs each historical record of Actual with the one before it, newest first."""
    records = records.select_related("history_user", "indicator").order_by(
        "id", *WRITTEN
    )
    changes: list[ValueChange] = []
    for previous, record in paired(records):
        changes.append(
            ValueChange(
                history_id=record.history_id,
                actual_id=record.id,
                indicator=record.indicator,
                when=record.history_date,
                who=record.history_user,
                kind=record.history_type,
                source=sources.describe(record.history_change_reason),
                old=_shown(previous) if previous is not None else None,
                new=_shown(record),
                old_note=previous.note if previous is not None else "",
                note=record.note,
                numerator=record.numerator,
                denominator=record.denominator,
            )
        )
    changes.sort(key=lambda c: (c.when, c.history_id), reverse=True)
    return changes


def actual_changes(actual: Actual) -> list[ValueChange]:
    return value_changes(Actual.history.filter(id=actual.pk))


def period_changes(unit: Unit, period: Period | str) -> list[ValueChange]:
    """Every recorded change to the unit's values of the period (deleted ones included)."""
    return value_changes(Actual.history.filter(unit_id=unit.pk, period=str(as_period(period))))


@dataclass
class StateChange:
    when: datetime.datetime
    who: object
    old: str
    new: str
    reason: str
    source: str

    @property
    def old_label(self) -> str:
        return str(Submission.State(self.old).label) if self.old else ""

    @property
    def new_label(self) -> str:
        return str(Submission.State(self.new).label)


def submission_changes(submission: Submission) -> list[StateChange]:
    """The submission's states over time, newest first; unchanged saves are left out."""
    records = (
        Submission.history.filter(id=submission.pk)
        .select_related("history_user")
        .order_by(*WRITTEN)
    )
    changes: list[StateChange] = []
    for previous, record in paired(records):
        old = previous.state if previous is not None else ""
        if previous is None or record.state != old:
            changes.append(
                StateChange(
                    when=record.history_date,
                    who=record.history_user,
                    old=old,
                    new=record.state,
                    reason=record.reason if record.state != old else "",
                    source=sources.describe(record.history_change_reason),
                )
            )
    changes.reverse()
    return changes
