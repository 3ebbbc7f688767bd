from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from districts.services import units_load


class Command(BaseCommand):
    help = (
        "Load the official administrative units of both eras (before and after 1 July 2025) "
        "and their successor links from the vietnamadminunits package. Idempotent."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--province",
            metavar="CODE",
            help="only this province (2-digit code, e.g. 01 for Hà Nội) and its subtree",
        )

    def handle(self, *args, province: str | None = None, **options) -> None:
        if province is not None:
            province = province.strip().zfill(2)
            if not (province.isdigit() and len(province) == 2):
                raise CommandError(f"--province must be a 2-digit code, got {province!r}")
        result = units_load(
            provinces={province} if province else None, progress=lambda msg: self.stdout.write(msg)
        )
        if (
            result.created == result.updated == result.successors_added == 0
            and not result.unchanged
        ):
            raise CommandError(f"no unit found for province {province!r}")
        self.stdout.write(
            self.style.SUCCESS(
                f"units: created={result.created} updated={result.updated} "
                f"unchanged={result.unchanged} successor_links_added={result.successors_added}"
            )
        )
