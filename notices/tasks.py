"""Background jobs of the notices app (django-tasks; the worker is `manage.py db_worker`).

The instant notices of a report returned, approved or reopened are written in the
transaction of the change; their mails are queued here once it commits, so the reviewer's
request never waits for a mail server. A mail the server refuses stays `failed` on its
notice and the next `remind` run sends it; so does one whose job never ran (a notice still
`pending` after `PENDING_GRACE`)."""

from __future__ import annotations

from django_tasks import task

from .mail import mails_send
from .models import Notification


@task()
def notice_mails_send(notification_ids: list[int]) -> dict[str, int]:
    """Mail the notices not mailed yet (a notice mailed meanwhile by `remind` is left)."""
    notices = Notification.objects.filter(
        pk__in=notification_ids, mail_state=Notification.MailState.PENDING
    ).select_related("recipient").order_by("pk")
    result = mails_send(notices)
    return {"sent": result.sent, "skipped": result.skipped, "failed": len(result.failed)}
