"""Writes of the notices app: a plan's period calendar, people's preferences, and the
notices themselves (made in `notices.sending`, mailed in `notices.mail`)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districts.scope import Action, Actor, recorded_user
from plans.models import Plan
from plans.selectors import plan_is_allowed
from reports.periods import Period, PeriodError

from .models import NoticePreference, Notification, PeriodCalendar


def _require_manager(actor: Actor, plan: Plan) -> None:
    if not plan_is_allowed(actor, plan, Action.MANAGE):
        raise PermissionDenied(_("Only an officer of the issuing unit may set its calendar."))


def _period_of(plan: Plan, text: str) -> Period:
    try:
        period = Period.parse(text)
    except PeriodError as exc:
        raise ValidationError({"period": str(exc)}) from exc
    if period.year not in plan.years:
        raise ValidationError({"period": _(
            "The plan covers %(first)s–%(last)s; %(period)s is outside it."
        ) % {"first": plan.first_year, "last": plan.last_year, "period": period}})
    return period


@transaction.atomic
def calendar_set(
    *,
    plan: Plan,
    period: str,
    units_deadline: datetime.date,
    consolidation_deadline: datetime.date | None,
    data_cutoff: datetime.date | None,
    reminder_days: str,
    overdue_every: int,
    actor: Actor,
) -> PeriodCalendar:
    """Set the calendar of one period of `plan` (made or replaced)."""
    _require_manager(actor, plan)
    code = str(_period_of(plan, period))
    row = PeriodCalendar.objects.select_for_update().filter(plan=plan, period=code).first()
    row = row or PeriodCalendar(plan=plan, period=code)
    row.units_deadline = units_deadline
    row.consolidation_deadline = consolidation_deadline
    row.data_cutoff = data_cutoff
    row.reminder_days = reminder_days
    row.overdue_every = overdue_every
    row.updated_by = recorded_user(actor)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def calendar_reset(*, plan: Plan, period: str, actor: Actor) -> int:
    """Back to the defaults from the plan's header (or out of the calendar, for a period
    the header does not give). Returns how many rows were removed (0 or 1)."""
    _require_manager(actor, plan)
    deleted, _rows = PeriodCalendar.objects.filter(
        plan=plan, period=str(_period_of(plan, period))
    ).delete()
    return deleted


def preference_set(*, user, email_off: bool, language: str) -> NoticePreference:
    """A person's own choice: no e-mail (in-app notices stay), and the mails' language."""
    preference, _created = NoticePreference.objects.get_or_create(user=user)
    preference.email_off = email_off
    preference.language = language
    preference.full_clean()
    preference.save()
    return preference


def notices_mark_read(*, user) -> int:
    """Mark all of the person's own notices read; returns how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notice_open(*, user, notice_id: int) -> Notification | None:
    """The person's own notice `notice_id`, marked read if it was not; None when it is not
    theirs (or not there)."""
    notice = Notification.objects.filter(pk=notice_id, recipient_id=user.pk).first()
    if notice is not None and notice.read_at is None:
        notice.read_at = timezone.now()
        Notification.objects.filter(pk=notice.pk, read_at__isnull=True).update(
            read_at=notice.read_at
        )
    return notice
