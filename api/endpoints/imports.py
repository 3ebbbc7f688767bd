"""File imports through the API: the same importer, messages and rules as the import page
and `manage.py import_reports` — CSV or XLSX, long or wide, all or nothing."""

from __future__ import annotations

from typing import BinaryIO, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from districts.scope import Action, can_anywhere
from plans.selectors import plan_for_user
from reports.imports.importer import clean_file_name, report_file_import
from reports.imports.limits import import_limits

from ..auth import token_of, writer
from ..errors import BadRequest, too_big_message
from ..lookups import period_of

router = Router()
NOTE_MAX = 2000


class ProblemOut(Schema):
    line: int
    column: str
    level: str
    message: str
    code: str


class ImportOut(Schema):
    file_name: str
    checksum: str
    written: bool
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    errors: int
    warnings: int
    summary: str
    problems: list[ProblemOut]


@router.post("imports", response={200: ImportOut, 409: ImportOut},
             summary="Import a report file (CSV or XLSX), all or nothing")
def import_file(request: HttpRequest, file: File[UploadedFile],
                plan: Form[str] = "", period: Form[str] = "", dry_run: Form[bool] = False,
                note: Form[str] = "", submit: Form[bool] = False):
    """The import page's rules: a file with any error writes nothing (409, every problem
    with its line and column); warnings are accepted only with a `note`, as on the page;
    `submit` (officers) hands the filled reports in. Recorded as an import of
    "API (<token name>) <file name>"."""
    user = writer(request)
    if not can_anywhere(user, Action.REPORT):
        raise PermissionDenied(_("This token's user may not enter values for any unit."))
    if file.size and file.size > import_limits().upload_bytes:
        raise BadRequest(too_big_message(), status=413)
    if "\x00" in note or len(note) > NOTE_MAX:
        raise BadRequest(_("The note has at most %(max)s characters and no NUL character.")
                         % {"max": NOTE_MAX})
    found = plan_for_user(user, plan.strip()[:60], Action.REPORT) if plan.strip() else None
    result = report_file_import(
        stream=cast(BinaryIO, file.file),
        file_name=f"API ({token_of(request).name}) {clean_file_name(file.name or '')}",
        actor=user, plan=found, period=period_of(period) if period.strip() else None,
        dry_run=dry_run, accept_warnings=bool(note.strip()), note=note.strip(),
        submit=submit and can_anywhere(user, Action.MANAGE),
    )
    body = {
        "file_name": result.file_name, "checksum": result.checksum, "written": result.written,
        "dry_run": dry_run, "created": result.created, "updated": result.updated,
        "unchanged": result.unchanged, "errors": result.errors, "warnings": result.warnings,
        "summary": result.summary(),
        "problems": [
            {"line": p.line, "column": p.column, "level": p.level, "message": p.message,
             "code": p.code}
            for p in result.sorted_problems()
        ],
    }
    refused = result.errors or (result.warnings and not note.strip() and not dry_run)
    return Status(409 if refused else 200, body)
