from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError, CommandParser

from notices.sending import remind
from notices.texts import day

# The day a run is for: the calendar day in Việt Nam, whatever the server's clock zone.
LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--date {text!r}: write it as YYYY-MM-DD (2024-12-12)") from exc


class Command(BaseCommand):
    help = (
        "Send the reminders, overdue notices and officers' daily digests due on a day "
        "(default today in Asia/Ho_Chi_Minh), in the app and by e-mail. Idempotent: a "
        "second run the same day sends nothing. Mails an earlier run could not send are "
        "tried again first. Last line: reminders=N overdue=N digests=N."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default today)")
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would be sent; write nothing"
        )

    def handle(self, *args, date: str | None = None, dry_run: bool = False, **options) -> None:
        today = _date(date) if date else datetime.datetime.now(LOCAL_ZONE).date()
        result = remind(today=today, dry_run=dry_run)
        head = "dry run, nothing sent" if dry_run else "sent"
        self.stdout.write(f"remind {day(today)} ({head})")
        if result.retried.sent or result.retried.failed:
            self.stdout.write(
                f"  earlier mails retried: sent={result.retried.sent} "
                f"failed={len(result.retried.failed)}"
            )
        for planned in result.planned:
            user = planned.recipient
            address = getattr(user, "email", "") or "no e-mail"
            self.stdout.write(f"  {planned.kind:<8} → {user} <{address}>: {planned.subject}")
        failed = [*result.retried.failed, *result.mail.failed]
        for notification, error in failed:
            self.stdout.write(
                f"  mail not sent to {notification.recipient} ({notification.kind}, kept for "
                f"the next run): {error}"
            )
        self.stdout.write(
            f"reminders={result.count('reminder')} overdue={result.count('overdue')} "
            f"digests={result.count('digest')}"
        )
        if failed:
            raise CommandError(
                f"{len(failed)} mail(s) could not be sent; the notices are in the app and "
                "their mails will be tried again on the next run"
            )
