"""`python manage.py import_cleanup [--hours 24]`: remove uploads left between preview and
confirmation. Run it daily (README, "Production"); uploads clean up after themselves too."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from reports.imports.storage import MAX_AGE_SECONDS, pending_cleanup, pending_dir


class Command(BaseCommand):
    help = "Remove uploaded report files older than --hours (default 24) that were never confirmed."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--hours", type=int, default=MAX_AGE_SECONDS // 3600,
            help="remove files older than this many hours (default 24)",
        )

    def handle(self, *args, hours: int, **options) -> None:
        if hours < 0:
            raise CommandError("--hours cannot be negative")
        removed = pending_cleanup(max_age=hours * 3600)
        self.stdout.write(f"removed={removed} folder={pending_dir()}")
