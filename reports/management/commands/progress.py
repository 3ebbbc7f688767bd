"""`manage.py progress --plan CODE --year YYYY [--unit CODE] [--format table|csv|json]`.

The comparison table of DESIGN §4: one row for every target of the plan in that year (or
for one unit's), with the actual, achievement, status and warnings. It runs as the system
operator: every unit.
"""

from __future__ import annotations

import csv
import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from districts import formatting
from districts.models import Unit
from districts.scope import SYSTEM
from districts.selectors import units_with_code
from districts.spreadsheets import safe_row
from plans.models import Plan
from reports.progress.basis import DEFAULT as DEFAULT_BASIS
from reports.progress.basis import Basis
from reports.progress.engine import rounded_achievement
from reports.progress.selectors import ProgressRow, progress_report
from targets.models import Target

CONTRACT_KEYS = (
    "indicator",
    "unit",
    "year",
    "operator",
    "target",
    "target_high",
    "actual",
    "achievement",
    "status",
    "warnings",
)


class Command(BaseCommand):
    help = (
        "Print how far the targets of a plan are in a year: target, actual, achievement, "
        "status and warnings, for every target of that year or for one unit's."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--plan", required=True, help="the plan's code, e.g. disu-2024")
        parser.add_argument("--year", required=True, type=int, help="the target year")
        parser.add_argument(
            "--unit",
            help="only this unit's targets: its official code, read in the era of the year",
        )
        parser.add_argument(
            "--format", choices=("table", "csv", "json"), default="table", help="output format"
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="judge as on this day (YYYY-MM-DD) instead of today: deadlines, projections",
        )
        parser.add_argument(
            "--basis",
            choices=[basis.value for basis in Basis],
            default=DEFAULT_BASIS.value,
            help="which reports count: submitted (and approved, the default), approved only, "
            "or all (drafts included)",
        )

    def handle(self, *args, **options) -> None:
        plan = Plan.objects.select_related("issuer").filter(code=options["plan"]).first()
        if plan is None:
            raise CommandError(_("There is no plan with the code “%s”.") % options["plan"])
        year = options["year"]
        if year not in plan.years:
            raise CommandError(
                _("The plan %(plan)s covers %(first)s–%(last)s, not %(year)s.")
                % {"plan": plan.code, "first": plan.first_year, "last": plan.last_year,
                   "year": year}
            )
        unit = resolve_unit(options["unit"], year, plan) if options["unit"] else None
        report = progress_report(
            plan=plan, year=year, user=SYSTEM, only_unit=unit, today=options["today"],
            basis=Basis(options["basis"]),
        )
        writer = {"json": self._json, "csv": self._csv, "table": self._table}[options["format"]]
        writer(report.rows)

    def _json(self, rows: list[ProgressRow]) -> None:
        data = [row.contract() for row in rows]
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _csv(self, rows: list[ProgressRow]) -> None:
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(CONTRACT_KEYS)
        for row in rows:
            data = row.contract()
            writer.writerow(
                safe_row(
                    " | ".join(data[key]) if key == "warnings" else _csv_cell(data[key])
                    for key in CONTRACT_KEYS
                )
            )

    def _table(self, rows: list[ProgressRow]) -> None:
        if not rows:
            self.stdout.write(_("No targets."))
            return
        header = [
            _("Indicator"), _("Unit"), _("Target"), _("Actual"), _("Achievement"), _("Status")
        ]
        lines = [[_table_cell(row, column) for column in range(6)] for row in rows]
        widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(6)]
        numeric = {3, 4}

        def fmt(cells: list[str]) -> str:
            return "  ".join(
                str(cell).rjust(widths[i]) if i in numeric else str(cell).ljust(widths[i])
                for i, cell in enumerate(cells)
            ).rstrip()

        self.stdout.write(fmt(header))
        self.stdout.write("  ".join("-" * w for w in widths))
        for row, line in zip(rows, lines, strict=True):
            self.stdout.write(fmt(line))
            for warning in row.assessment.warnings:
                self.stdout.write(f"    ! {warning}")


def _csv_cell(value) -> str:
    return "" if value is None else str(value)


def _table_cell(row: ProgressRow, column: int) -> str:
    result = row.assessment
    if column == 0:
        return row.indicator.code
    if column == 1:
        return f"{row.unit.code} {row.unit.name}"
    if column == 2:
        return row.target_text
    if column == 3:
        if result.actual is None:
            return f"({result.printed})" if result.printed else "—"
        return formatting.number(result.actual)
    if column == 4:
        value = rounded_achievement(result.achievement)
        if value is None:
            return "—"
        if row.is_rate:
            return _("%(points)s pts") % {"points": formatting.number(value)}
        return formatting.percent(value)
    return row.status_label


def resolve_unit(code: str, year: int, plan: Plan) -> Unit:
    """The unit with this code in the year's era; in 2025, when both eras use the code, the
    one with targets in the plan that year, else the current one."""
    code = code.strip()
    candidates = list(units_with_code(code, year=year))
    if not candidates:
        raise CommandError(
            _("There is no unit with the code “%(code)s” in %(year)s.")
            % {"code": code, "year": year}
        )
    if len(candidates) > 1:
        with_targets = set(
            Target.objects.filter(plan=plan, year=year, unit__in=candidates).values_list(
                "unit_id", flat=True
            )
        )
        candidates.sort(key=lambda u: (u.pk not in with_targets, u.valid_until is not None))
    return candidates[0]

