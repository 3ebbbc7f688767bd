from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from districts.demo import DEMO_PASSWORD, MissingUnits, demo_users_load
from districts.scope import SYSTEM
from reports.demo import demo_results_load, demo_samples_load, demo_samples_remove
from targets.demo import demo_plans_load


class Command(BaseCommand):
    help = (
        "Load the demonstration data: the five source plans with their printed targets, "
        "Dị Sử's real 2023 results, sample actuals (marked as sample data) and one demo "
        "user per role. Idempotent. Run load_units first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-samples", action="store_true",
            help="leave the sample actuals out (keep the real plans and results only)",
        )

    def handle(self, *args, no_samples: bool = False, **options) -> None:
        try:
            self.stdout.write("Loading the five source plans and their targets…")
            plans = demo_plans_load(actor=SYSTEM)
            self.stdout.write(
                f"  departments' own indicators: created={plans.indicators_created} "
                f"updated={plans.indicators_updated}"
            )
            self.stdout.write(
                f"  plans: created={plans.plans_created} updated={plans.plans_updated}; "
                f"targets: created={plans.targets_created} updated={plans.targets_updated} "
                f"unchanged={plans.targets_unchanged}"
            )
            results = demo_results_load()
            self.stdout.write(
                f"  printed results (Dị Sử 2023): created={results.created} "
                f"updated={results.updated} unchanged={results.unchanged}"
            )
            if no_samples:
                removed = demo_samples_remove()
                self.stdout.write(f"  sample actuals: left out (removed={removed.removed})")
            else:
                samples = demo_samples_load()
                self.stdout.write(
                    f"  sample actuals (dữ liệu mẫu): created={samples.created} "
                    f"updated={samples.updated} unchanged={samples.unchanged}"
                )
            logins = demo_users_load()
        except MissingUnits as exc:
            raise CommandError(
                f"unit {exc} is missing: run `python manage.py load_units` first"
            ) from exc
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, unit in logins:
            self.stdout.write(f"  {username:<18} {role:<10} {unit}")
