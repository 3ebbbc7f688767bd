"""The workflow's rules of a report, as pure functions: who may write in which state, and
what must be filled before a report is handed in.

Every write path asks here — the entry page, file imports (preview and write), the admin,
the demo loader, the API — so a rule has one home. No ORM: the caller passes the state and
the codes, and gets back what is refused and why.

    draft ──submit──▶ submitted ──approve──▶ approved
                        │   ▲                   │
                  return│   │submit       reopen│ (officer, with a reason)
                        ▼   │                   │
                       returned ◀───────────────┘
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django.utils.translation import gettext as _


class State(StrEnum):
    """A submission's state (the values of `Submission.State`)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


# States in which a unit has handed its report in.
HANDED_IN = frozenset({State.SUBMITTED, State.APPROVED})
# States from which a report can be submitted.
SUBMITTABLE = frozenset({State.DRAFT, State.RETURNED})


class Lock(StrEnum):
    """Why the values of a report cannot be written."""

    APPROVED = "approved"  # locks everyone, the system operator included
    SUBMITTED = "submitted"  # locks all but the officers who review it


def write_lock(state: str | None, *, manages: bool) -> Lock | None:
    """The lock that keeps this writer out of a report in `state` (None: no report yet),
    or None when they may write. `manages`: the writer is an officer of the unit (or the
    system operator)."""
    if state == State.APPROVED:
        return Lock.APPROVED
    if state == State.SUBMITTED and not manages:
        return Lock.SUBMITTED
    return None


def lock_message(lock: Lock, *, report: str = "") -> str:
    """What the writer is told. `report` names the report ("Quận Ba Đình, năm 2024") where
    one message covers several reports, as in an import."""
    if lock is Lock.APPROVED:
        if report:
            return _("approved, locked: the report of %(report)s is approved; its values "
                     "cannot change unless an officer reopens it.") % {"report": report}
        return _("The report is approved and its values are locked; an officer can reopen it.")
    if report:
        return _("submitted, locked: the report of %(report)s has been submitted and waits "
                 "for review; it can change again if it is returned.") % {"report": report}
    return _("The report has been submitted and waits for review; it can be changed again "
             "if it is returned.")


def missing_before_submit(*, required: Iterable[str], filled: Iterable[str]) -> set[str]:
    """The indicators with a target for the report's year that have no value (a number or
    a printed result): until there are none, the report cannot be submitted."""
    return set(required) - set(filled)


def unanswered_warnings(*, warned: Iterable[str], notes: dict[str, str]) -> set[str]:
    """The rows with a warning and no note: a warning needs its note before a save or a
    submission (an import answers them with one note for the whole file)."""
    return {code for code in warned if not (notes.get(code) or "").strip()}
