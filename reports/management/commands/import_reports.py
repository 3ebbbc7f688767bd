"""`python manage.py import_reports FILE [--period P] [--plan CODE] [--unit CODE] [--dry-run]
[--user NAME]` (DESIGN §4)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from districts.models import Unit
from districts.scope import Action, Actor, can, is_system
from districts.selectors import units_with_code
from plans.models import Plan
from plans.selectors import plans_for_user
from reports.imports.importer import ImportResult, report_file_import
from reports.imports.official import IGNORE
from reports.imports.progress import progress_text
from reports.management.common import command_actor, problem_line
from reports.periods import Period, PeriodError
from targets.models import Indicator

# A file of this many lines or more gets its progress printed on stderr as it is read.
LONG_FILE_LINES = 10_000


class ProgressPrinter:
    """`đã đọc 120.000/300.000 dòng` on stderr, each time another tenth has been read."""

    def __init__(self, out) -> None:
        self.out = out
        self.tenths = 0

    def __call__(self, read: int, total: int) -> None:
        if total < LONG_FILE_LINES:
            return
        tenths = min(read * 10 // total, 10)
        if tenths > self.tenths:
            self.tenths = tenths
            self.out.write(progress_text(read, total))


class Command(BaseCommand):
    help = (
        "Import a report file (CSV or XLSX: long or wide layout, or an official report "
        "sheet with its title, merged header and total row). Unit codes and names are "
        "resolved within the subtree of --unit, else of the plan's issuing unit (--plan), "
        "else of the user's scope (--user), else everywhere. Prints every error and warning "
        "by line, then the summary `created=N updated=N unchanged=N errors=N warnings=N`. "
        "A file with any error is rejected whole: nothing is written and the exit status "
        "is 1. Warnings are accepted. Without --user the import runs as the system operator. "
        "A long file's progress is printed on stderr as it is read."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the CSV or XLSX file")
        parser.add_argument(
            "--period", help="period of rows without one, e.g. 2024, 2024S1, 2024Q3, 2024M07"
        )
        parser.add_argument("--plan", help="code of the plan the values report on (hn-2024)")
        parser.add_argument(
            "--unit", help="official code of the unit whose subtree the file is about (the "
            "one unit of a sheet whose rows are indicators, Phụ lục I)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, write nothing"
        )
        parser.add_argument(
            "--user", help="import as this user, with their scope and rights"
        )
        parser.add_argument(
            "--map", action="append", default=[], metavar="HEADER=indicator_code",
            help="read an official sheet's column headed HEADER as this indicator "
            "(repeatable), for a header the reader does not recognise; \"HEADER=-\" leaves "
            "the column out. Mappings remembered from an earlier import of the same header "
            "layout for the plan's issuer (else --unit's) are used too; --map wins",
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        user = command_actor(options.get("user"), Action.REPORT,
                             "may not import reports (no reporter or officer role)")
        period = self._period(options.get("period"))
        plan = self._plan(options.get("plan"), user)
        unit = self._unit(options.get("unit"), user, period)
        column_map = self._column_map(options["map"])
        with path.open("rb") as stream:
            result = report_file_import(
                stream=stream,
                file_name=path.name,
                actor=user,
                root=unit,
                plan=plan,
                period=period,
                dry_run=options["dry_run"],
                accept_warnings=True,
                column_map=column_map,
                progress=ProgressPrinter(self.stderr),
            )
        self._report(result)
        if result.errors:
            raise CommandError(
                f"{result.errors} error(s) in {path.name}: the file was rejected, "
                "nothing was written"
            )

    def _report(self, result: ImportResult) -> None:
        for problem in result.sorted_problems():
            self.stdout.write(problem_line(problem))
        if result.written and result.batch is not None:
            self.stdout.write(f"import #{result.batch.pk} of {result.file_name} recorded")
        elif result.dry_run and not result.errors:
            self.stdout.write("dry run: nothing was written")
        self.stdout.write(result.summary())

    def _column_map(self, pairs: list[str]) -> dict[str, str]:
        codes = set(Indicator.objects.values_list("code", flat=True))
        found = {}
        for pair in pairs:
            header, sep, code = pair.rpartition("=")
            if not sep or not header.strip():
                raise CommandError(f"--map {pair!r}: write it as \"HEADER=indicator_code\"")
            if code.strip() not in codes and code.strip() != IGNORE:
                raise CommandError(f"--map {pair!r}: no indicator has the code {code.strip()!r}")
            found[header.strip()] = code.strip()
        return found

    def _period(self, text: str | None) -> Period | None:
        if not text:
            return None
        try:
            return Period.parse(text)
        except PeriodError as error:
            raise CommandError(str(error)) from error

    def _plan(self, code: str | None, user: Actor) -> Plan | None:
        if not code:
            return None
        plan = plans_for_user(user, Action.REPORT).filter(code=code).first()
        if plan is None:
            who = "" if is_system(user) else f" for {user.username}"
            raise CommandError(f"no plan {code!r}{who}")
        return plan

    def _unit(self, code: str | None, user: Actor, period: Period | None) -> Unit | None:
        if not code:
            return None
        found = units_with_code(code, on=period.end if period else None, zeros_lost=True)
        units = list(found.select_related("parent").order_by("path"))
        units = [unit for unit in units if can(user, unit, Action.REPORT)]
        # A code that exists as written wins over the codes it could be without its zeros.
        units = [unit for unit in units if unit.code == code.strip()] or units
        if not units:
            where = "" if is_system(user) else " in your scope"
            raise CommandError(f"no unit with code {code!r}{where}")
        if len(units) > 1:
            listing = ", ".join(f"{u.code} {u.name} ({u.path})" for u in units)
            raise CommandError(
                f"the code {code!r} matches several units: {listing}; give --period to "
                "choose the era, or the full code"
            )
        return units[0]
