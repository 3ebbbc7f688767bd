"""A plan's reporting calendar per period, the notices sent to people, their preferences."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .schedule import DEFAULT_OVERDUE_EVERY, MAX_REMINDER_DAYS, parse_reminder_days


def validate_reminder_days(value: str) -> None:
    try:
        days = parse_reminder_days(value)
    except ValueError as exc:
        raise ValidationError(
            _("Write the reminder days as whole numbers from 1 to %(max)d, separated by "
              "commas (7, 3, 1); “%(piece)s” is not one."),
            params={"max": MAX_REMINDER_DAYS, "piece": str(exc)},
        ) from exc
    if not days:
        raise ValidationError(_("Give at least one reminder day (7, 3, 1)."))


class PeriodCalendar(models.Model):
    """The calendar of one period a plan collects, where it differs from what the plan's
    header gives every year (its MM-DD deadlines, reminders 7, 3 and 1 days before)."""

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="period_calendars",
        verbose_name=_("plan"),
    )
    period = models.CharField(_("period"), max_length=8)
    units_deadline = models.DateField(_("units' reporting deadline"))
    consolidation_deadline = models.DateField(
        _("consolidation deadline"), null=True, blank=True
    )
    data_cutoff = models.DateField(
        _("data cut-off date"), null=True, blank=True,
        help_text=_("Figures are counted up to this day (chốt số liệu)."),
    )
    reminder_days = models.CharField(
        _("reminders, days before the deadline"), max_length=40, default="7, 3, 1",
        validators=[validate_reminder_days],
    )
    overdue_every = models.PositiveSmallIntegerField(
        _("overdue notice every (days)"), default=DEFAULT_OVERDUE_EVERY,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("period calendar")
        verbose_name_plural = _("period calendars")
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="period_calendar_unique"),
            models.CheckConstraint(
                condition=models.Q(overdue_every__gte=1), name="period_calendar_every_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} · {self.period} · {self.units_deadline}"

    def clean(self) -> None:
        if (
            self.consolidation_deadline
            and self.units_deadline
            and self.consolidation_deadline < self.units_deadline
        ):
            raise ValidationError({"consolidation_deadline": _(
                "The consolidation deadline cannot be before the units' deadline."
            )})


class Notification(models.Model):
    """One notice to one person, shown in the app and (unless they turned it off) mailed.

    Reminders and overdue notices are sent once per (person, plan, unit, period, kind,
    scheduled day); a digest once per person and day. A mail that could not be sent keeps
    `mail_state = failed` and is tried again by the next `remind` run."""

    class Kind(models.TextChoices):
        # The values of `schedule.Kind`.
        REMINDER = "reminder", _("reminder")
        OVERDUE = "overdue", _("overdue")
        DIGEST = "digest", _("daily digest")
        RETURNED = "returned", _("report returned")
        APPROVED = "approved", _("report approved")
        REOPENED = "reopened", _("report reopened")

    class MailState(models.TextChoices):
        PENDING = "pending", _("to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed, to be retried")
        SKIPPED = "skipped", _("not mailed")  # e-mail off, or no address

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("plan"),
    )
    unit = models.ForeignKey(
        "districts.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("unit"),
    )
    period = models.CharField(_("period"), max_length=8, blank=True)
    day = models.DateField(_("day"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail_state = models.CharField(
        _("e-mail"), max_length=8, choices=MailState.choices, default=MailState.PENDING
    )
    mail_attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    mail_error = models.TextField(_("sending error"), blank=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "plan", "unit", "period", "kind", "day"],
                name="notification_once",
            ),
            models.UniqueConstraint(
                fields=["recipient", "kind", "day"],
                condition=models.Q(kind="digest"),
                name="notification_digest_once_a_day",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["mail_state"]),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.kind} · {self.day}"


class NoticePreference(models.Model):
    """What a person chose: mails off (in-app notices stay), the language of their mails."""

    class Language(models.TextChoices):
        VI = "vi", "Tiếng Việt"
        EN = "en", "English"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preference",
        verbose_name=_("user"),
    )
    email_off = models.BooleanField(_("no e-mail, notices in the app only"), default=False)
    language = models.CharField(
        _("language of e-mails"), max_length=2, choices=Language.choices, default=Language.VI,
    )

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")

    def __str__(self) -> str:
        return f"{self.user} · {self.language}{' · no e-mail' if self.email_off else ''}"
