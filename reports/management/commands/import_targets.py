"""`python manage.py import_targets FILE --plan CODE --year YYYY [--unit CODE]
[--amendment NUMBER --reason TEXT] [--dry-run] [--user NAME]` (DESIGN §4)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from districts.models import Unit
from districts.scope import Action, Actor, can, is_system
from districts.selectors import units_with_code
from plans.models import Plan
from plans.selectors import plans_for_user
from reports.imports.quotas import QuotaImportResult, quota_file_import
from reports.management.common import command_actor, problem_line
from targets.selectors import quota_day
from targets.services import AmendmentInput


class Command(BaseCommand):
    help = (
        "Import a plan's targets for one year — the quotas of the units below its issuer "
        "and the issuer's own — from a CSV or XLSX file: an official sheet (title rows, a "
        "merged header, TT, units by name, a Tổng row) or the product's long or wide "
        "layout. Each cell is read as the target grid reads it (\"trên 86,2%\", \"40-45\"). "
        "Units are resolved within the plan issuer's subtree, among the units of that "
        "year's grid. --unit names the unit of rows that name none (a sheet whose rows are "
        "indicators) and then the only unit the file may hold. An issued plan takes the "
        "file only as an amendment: --amendment and --reason. Prints every error and "
        "warning by line, then `created=N updated=N unchanged=N errors=N warnings=N`. Any "
        "error rejects the whole file (nothing written, exit status 1). Without --user it "
        "runs as the system operator."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the CSV or XLSX file")
        parser.add_argument("--plan", required=True, help="code of the plan (hn-2024)")
        parser.add_argument("--year", required=True, type=int, help="the year of the targets")
        parser.add_argument(
            "--unit", help="official code of the one unit the file is about, when its rows "
            "name none (a sheet whose rows are indicators)"
        )
        parser.add_argument(
            "--amendment", metavar="NUMBER", help="number of the amendment, as printed "
            "(15/KH-UBND): needed, with --reason, for an issued plan"
        )
        parser.add_argument("--reason", metavar="TEXT", help="reason for the amendment")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--user", help="import as this user, with their scope and rights")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        user = command_actor(options.get("user"), Action.MANAGE,
                             "may not import targets (no officer role)")
        plan = self._plan(options["plan"], user)
        year = options["year"]
        if not 1000 <= year <= 9999:
            raise CommandError(f"--year {year}: give the year in four digits, e.g. 2024")
        unit = self._unit(options.get("unit"), user, plan, year)
        amendment = None
        if options.get("amendment") or options.get("reason"):
            amendment = AmendmentInput(reason=(options.get("reason") or "").strip(),
                                       number=(options.get("amendment") or "").strip())
        with path.open("rb") as stream:
            try:
                result = quota_file_import(
                    stream=stream, file_name=path.name, plan=plan, year=year, actor=user,
                    unit=unit, amendment=amendment, dry_run=options["dry_run"],
                )
            except PermissionDenied as refused:
                raise CommandError(f"{user} may not change the targets of {plan.code}") from refused
        self._report(result, plan)
        if result.errors:
            raise CommandError(
                f"{result.errors} error(s) in {path.name}: the file was rejected, "
                "nothing was written"
            )

    def _report(self, result: QuotaImportResult, plan: Plan) -> None:
        for problem in result.sorted_problems():
            self.stdout.write(problem_line(problem))
        if result.written:
            if result.amendment is not None:
                label = result.amendment.number or f"#{result.amendment.pk}"
                self.stdout.write(f"targets of {plan.code} {result.year} written as "
                                  f"amendment {label}")
            else:
                self.stdout.write(f"targets of {plan.code} {result.year} written")
        elif result.dry_run and not result.errors:
            for outcome in result.outcomes:
                self.stdout.write(f"line {outcome.line}: {outcome.action} {outcome.unit} "
                                  f"{outcome.indicator} = {outcome.value}")
            self.stdout.write("dry run: nothing was written")
        self.stdout.write(result.summary())

    def _plan(self, code: str, user: Actor) -> Plan:
        plan = plans_for_user(user, Action.MANAGE).filter(code=code).first()
        if plan is None:
            who = "" if is_system(user) else f" that {user} manages"
            raise CommandError(f"no plan {code!r}{who}")
        return plan

    def _unit(self, code: str | None, user: Actor, plan: Plan, year: int) -> Unit | None:
        if not code:
            return None
        found = units_with_code(code, on=quota_day(plan, year), zeros_lost=True)
        units = [u for u in found.order_by("path") if can(user, u, Action.MANAGE)]
        units = [u for u in units if u.code == code.strip()] or units
        if len(units) != 1:
            raise CommandError(f"no single unit with code {code!r} in {year}")
        return units[0]
