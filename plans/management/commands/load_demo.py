from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from districts.demo import DEMO_PASSWORD, MissingUnits, demo_users_load


class Command(BaseCommand):
    help = (
        "Load the demonstration data: the five source plans with their printed targets, "
        "Dị Sử's real 2023 results, sample actuals (marked as sample data) and one demo "
        "user per role. Idempotent. Run load_units first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-samples",
            action="store_true",
            help="leave the sample actuals out (keep the real plans and results only)",
        )

    def handle(self, *args, no_samples: bool = False, **options) -> None:
        try:
            logins = demo_users_load()
        except MissingUnits as exc:
            raise CommandError(
                f"unit {exc} is missing: run `python manage.py load_units` first"
            ) from exc
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, unit in logins:
            self.stdout.write(f"  {username:<18} {role:<10} {unit}")
