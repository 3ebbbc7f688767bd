"""Making notices: reminders and overdue notices to the reporters of the units that owe a
report, one daily digest to each officer, and the instant notices of a report returned,
approved or reopened.

A notice is made once per (person, plan, unit, period, kind, scheduled day) — a digest
once per person and day — by the database's unique constraints, so a second run, or two
at once, make nothing new. Each notice is mailed after its row is committed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from districts.models import Membership, Role, Unit
from districts.scope import Action, can
from plans.models import Plan
from reports.models import Submission

from . import texts
from .chase import OwedReport, owed_reports
from .mail import MailResult, language_of, mails_send, mails_unsent
from .models import Notification
from .schedule import Kind
from .tasks import notice_mails_send

User = get_user_model()


def entry_link(unit: Unit, period: str) -> str:
    return reverse("reports:entry", args=[unit.pk, period])


def notice_create(
    *,
    recipient,
    kind: str,
    day: datetime.date,
    subject: str,
    body: str,
    link: str,
    plan: Plan | None = None,
    unit: Unit | None = None,
    period: str = "",
) -> Notification | None:
    """The new notice, or None when this one was made before (its key exists)."""
    key = {"recipient": recipient, "kind": kind, "day": day}
    if kind != Kind.DIGEST:
        key |= {"plan": plan, "unit": unit, "period": period}
    scheduled = kind in (Kind.REMINDER, Kind.OVERDUE, Kind.DIGEST)
    if scheduled and Notification.objects.filter(**key).exists():
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(
                **key, subject=subject[:300], body=body, link=link,
            )
    except IntegrityError:  # another run made it meanwhile
        return None


def reporters_of(unit_ids: set[int]) -> dict[int, list]:
    """The active reporters of each unit (a membership on the unit itself)."""
    found: dict[int, list] = defaultdict(list)
    memberships = Membership.objects.filter(
        unit_id__in=list(unit_ids), role=Role.REPORTER, user__is_active=True
    ).select_related("user").order_by("user__username")
    for m in memberships:
        found[m.unit_id].append(m.user)
    return found


@dataclass
class Planned:
    """A notice a run makes (or would make, in a dry run)."""

    kind: str
    recipient: object
    subject: str
    plan: Plan | None = None
    unit: Unit | None = None
    period: str = ""
    day: datetime.date | None = None


@dataclass
class RemindResult:
    planned: list[Planned] = field(default_factory=list)
    made: list[Notification] = field(default_factory=list)
    mail: MailResult = field(default_factory=MailResult)
    retried: MailResult = field(default_factory=MailResult)

    def count(self, kind: str) -> int:
        return sum(1 for p in self.planned if p.kind == kind)


def _chase(today: datetime.date, owed: list[OwedReport], *, dry_run: bool,
           result: RemindResult) -> None:
    reporters = reporters_of({o.unit.pk for o in owed})
    for o in owed:
        due = o.due(today)
        if due is None:
            continue
        period = str(o.deadlines.period)
        for user in reporters.get(o.unit.pk, []):
            if Notification.objects.filter(
                recipient=user, kind=due.kind, plan=o.plan, unit=o.unit, period=period,
                day=due.day,
            ).exists():
                continue
            with translation.override(language_of(user)):
                words = texts.reminder if due.kind == Kind.REMINDER else texts.overdue
                subject, body = words(o, today)
            if not dry_run:
                made = notice_create(
                    recipient=user, kind=due.kind, day=due.day, subject=subject, body=body,
                    link=entry_link(o.unit, period), plan=o.plan, unit=o.unit, period=period,
                )
                if made is None:
                    continue
                result.made.append(made)
            result.planned.append(Planned(kind=due.kind, recipient=user, subject=subject,
                                          plan=o.plan, unit=o.unit, period=period, day=due.day))


def _digests(today: datetime.date, owed: list[OwedReport], *, dry_run: bool,
             result: RemindResult) -> None:
    late = [o for o in owed if o.is_overdue(today)]
    issuers = Unit.objects.in_bulk({o.plan.issuer_id for o in late})
    waiting = list(
        Submission.objects.filter(state=Submission.State.SUBMITTED)
        .select_related("unit").order_by("submitted_at", "unit__path")
    )
    officers = (
        User.objects.filter(is_active=True, memberships__role=Role.OFFICER)
        .distinct().order_by("username")
    )
    for officer in officers:
        theirs_waiting = [s for s in waiting if can(officer, s.unit, Action.MANAGE)]
        theirs_late = [
            o for o in late
            if can(officer, issuers[o.plan.issuer_id], Action.MANAGE)
            and can(officer, o.unit, Action.VIEW)
        ]
        if not theirs_waiting and not theirs_late:
            continue
        if Notification.objects.filter(recipient=officer, kind=Kind.DIGEST, day=today).exists():
            continue
        with translation.override(language_of(officer)):
            subject, body = texts.digest(today, waiting=theirs_waiting, late=theirs_late)
        if not dry_run:
            made = notice_create(recipient=officer, kind=Kind.DIGEST, day=today,
                                 subject=subject, body=body, link=reverse("notices:inbox"))
            if made is None:
                continue
            result.made.append(made)
        result.planned.append(Planned(kind=Kind.DIGEST, recipient=officer, subject=subject,
                                      day=today))


def remind(*, today: datetime.date, dry_run: bool = False) -> RemindResult:
    """What `manage.py remind` does for `today`: first the mails an earlier run could not
    send, then the reminders, overdue notices and digests due today, each mailed once made."""
    result = RemindResult()
    if not dry_run:
        result.retried = mails_send(mails_unsent())
    owed = owed_reports(today)
    _chase(today, owed, dry_run=dry_run, result=result)
    _digests(today, owed, dry_run=dry_run, result=result)
    if not dry_run:
        result.mail = mails_send(result.made)
    return result


# --- instant notices -----------------------------------------------------------------------

_INSTANT: dict[tuple[str, str], Kind] = {
    # (from, to) → kind
    (Submission.State.SUBMITTED, Submission.State.RETURNED): Kind.RETURNED,
    (Submission.State.SUBMITTED, Submission.State.APPROVED): Kind.APPROVED,
    (Submission.State.APPROVED, Submission.State.RETURNED): Kind.REOPENED,
}


def state_change_notify(*, submission: Submission, previous: str) -> list[Notification]:
    """Tell the unit's reporters that their report was returned, approved or reopened.

    Runs inside the transaction of the change: the notices are rolled back with it, and
    their mails are queued for the background worker only once it is committed (a
    refused mail stays `failed`, to be retried by the next `remind` run)."""
    kind = _INSTANT.get((previous, submission.state))
    if kind is None:
        return []
    unit = submission.unit
    today = timezone.localdate()
    made = []
    for user in reporters_of({unit.pk}).get(unit.pk, []):
        with translation.override(language_of(user)):
            subject, body = texts.state_change(submission, unit, kind)
        notice = notice_create(
            recipient=user, kind=kind, day=today, subject=subject, body=body,
            link=entry_link(unit, submission.period), unit=unit, period=submission.period,
        )
        if notice is not None:
            made.append(notice)
    if made:
        ids = [n.pk for n in made]
        transaction.on_commit(lambda: notice_mails_send.enqueue(ids))
    return made
