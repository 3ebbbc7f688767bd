"""Mailing a notice: plain text and HTML, in the recipient's language, links from SITE_URL.

A mail that cannot be sent (the server refuses, cannot be reached) leaves the notice with
`mail_state = failed` and the error; `mails_retry` (every `remind` run) tries again, so
nothing is lost. A person with e-mail off, or without an address, gets the notice in the
app only (`skipped`)."""

from __future__ import annotations

import datetime
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from districts.formatting import person_name

from .models import NoticePreference, Notification

MAX_ERROR = 500


def language_of(user) -> str:
    preference = NoticePreference.objects.filter(user=user).first()
    return preference.language if preference else NoticePreference.Language.VI


def mails_off(user) -> bool:
    return NoticePreference.objects.filter(user=user, email_off=True).exists()


def absolute(link: str) -> str:
    return f"{settings.SITE_URL}{link}" if link.startswith("/") else link


@dataclass
class MailResult:
    sent: int = 0
    skipped: int = 0
    failed: list[tuple[Notification, str]] = field(default_factory=list)

    def add(self, other: MailResult) -> None:
        self.sent += other.sent
        self.skipped += other.skipped
        self.failed.extend(other.failed)


def _message(notification: Notification) -> EmailMultiAlternatives:
    user = notification.recipient
    with translation.override(language_of(user)):
        context = {
            "notification": notification,
            "paragraphs": [line for line in notification.body.splitlines() if line.strip()],
            "url": absolute(notification.link) if notification.link else "",
            "name": person_name(user),  # family name first: Phạm Thị Dung
            "site_url": settings.SITE_URL,
        }
        text = render_to_string("notices/mail/notice.txt", context)
        html = render_to_string("notices/mail/notice.html", context)
    message = EmailMultiAlternatives(
        subject=notification.subject, body=text, to=[user.email]
    )
    message.attach_alternative(html, "text/html")
    return message


def mail_send(notification: Notification) -> MailResult:
    """Mail one notice now, and record how it went."""
    result = MailResult()
    user = notification.recipient
    if not user.email or not user.is_active or mails_off(user):
        notification.mail_state = Notification.MailState.SKIPPED
        notification.save(update_fields=["mail_state"])
        result.skipped += 1
        return result
    notification.mail_attempts += 1
    try:
        _message(notification).send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR]
        notification.mail_state = Notification.MailState.FAILED
        notification.mail_error = error
        notification.save(update_fields=["mail_state", "mail_error", "mail_attempts"])
        result.failed.append((notification, error))
        return result
    notification.mail_state = Notification.MailState.SENT
    notification.mail_error = ""
    notification.mailed_at = timezone.now()
    notification.save(update_fields=["mail_state", "mail_error", "mail_attempts", "mailed_at"])
    result.sent += 1
    return result


def mails_send(notifications: Iterable[Notification]) -> MailResult:
    result = MailResult()
    for notification in notifications:
        result.add(mail_send(notification))
    return result


# A notice still `pending` this long after it was made was left by a process that
# stopped between writing it and mailing it; a younger one may be in another run's hands.
PENDING_GRACE = datetime.timedelta(hours=1)


def mails_unsent() -> list[Notification]:
    """Notices whose mail failed, or was never tried (a crash between the two)."""
    left = timezone.now() - PENDING_GRACE
    return list(
        Notification.objects.filter(
            Q(mail_state=Notification.MailState.FAILED)
            | Q(mail_state=Notification.MailState.PENDING, created_at__lt=left)
        ).select_related("recipient").order_by("pk")
    )
