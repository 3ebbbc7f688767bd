"""Importing report files (upload → preview → confirm), error files, templates and exports."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from districts.scope import Action, can_anywhere
from reports.imports import exports
from reports.imports.forms import (
    ColumnMapForm,
    ConfirmForm,
    ExportForm,
    TemplateForm,
    UploadForm,
)
from reports.imports.importer import ImportResult, report_file_header, report_file_import
from reports.imports.jobs import import_job_start, in_background, job_error_file_path
from reports.imports.mappings import mappable_indicators, mapping_unit_for
from reports.imports.official_template import official_template_file
from reports.imports.parsing import FileProblem
from reports.imports.preview import PREVIEW_LINES, preview_parts
from reports.imports.storage import PendingFile, pending_delete, pending_open, pending_save
from reports.models import ImportBatch, ImportJob

from .import_jobs import job_map_form, job_preview, job_recheck, posted_job
from .import_preview import confirm_initial, imported_message, note_needed_message, preview_page


def _may(user, action: Action) -> bool:
    return can_anywhere(user, action)


def _require(user, action: Action) -> None:
    if not _may(user, action):
        raise PermissionDenied


def _run(request: HttpRequest, pending: PendingFile, *, plan, period, **options) -> ImportResult:
    with pending.open() as stream:
        return report_file_import(
            stream=stream,
            file_name=pending.file_name,
            actor=request.user,
            plan=plan,
            period=period,
            preview_limit=PREVIEW_LINES,
            mapping_unit=mapping_unit_for(request.user),
            **options,
        )


def _map_form(request: HttpRequest, pending: PendingFile, *, plan, period,
              data=None) -> ColumnMapForm:
    """The column choices for the pending file: posted (`data`), else as last read."""
    with pending.open() as stream:
        header = report_file_header(stream=stream, period=period)
    return ColumnMapForm(
        data,
        columns=header.open_columns if header is not None else (),
        indicators=mappable_indicators(plan=plan, user=request.user),
    )


def _options(form) -> dict:
    return {"plan": form.cleaned_data.get("plan"), "period": form.cleaned_data.get("period")}


@require_http_methods(["GET", "POST"])
@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """The import page; a posted file is stored and previewed, nothing written yet."""
    _require(request.user, Action.REPORT)
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None, request.FILES if posted else None, user=request.user
    )
    if posted and form.is_valid():
        pending = pending_save(user=request.user, upload=form.cleaned_data["file"])
        options = _options(form)
        if in_background(pending):
            job = import_job_start(
                user=request.user, pending=pending, kind=ImportJob.Kind.CHECK, **options
            )
            return redirect("reports:import_job", job.pk)
        result = _run(request, pending, dry_run=True, **options)
        confirm = ConfirmForm(
            initial=confirm_initial(checksum=pending.checksum, **options), user=request.user
        )
        return preview_page(request, checksum=pending.checksum, result=result,
                            parts=preview_parts(result), confirm=confirm, options=options)
    # Signed in (the view requires it), so the user is a User.
    mine = ImportBatch.objects.filter(user=request.user)  # type: ignore[misc]
    recent = mine.order_by("-created_at")[:10]
    return render(request, "reports/import.html", {"form": form, "recent": recent})


def _posted_upload(request: HttpRequest, confirm: ConfirmForm, refused: str):
    """The pending upload a preview's form names, or None with the reason shown (the form
    is not valid: `refused`; the upload is gone)."""
    if not confirm.is_valid():
        messages.error(request, refused)
        return None
    pending = pending_open(user=request.user, checksum=confirm.cleaned_data["checksum"])
    if pending is None:
        messages.error(request, _("The uploaded file is no longer there: upload it again."))
    return pending


@require_POST
@login_required
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Write the previewed file, checked again from its stored bytes."""
    _require(request.user, Action.REPORT)
    confirm = ConfirmForm(request.POST, user=request.user)
    checked = posted_job(request, confirm)  # a job's preview: 404 if not the user's
    pending = _posted_upload(
        request, confirm, _("The import could not be confirmed: upload the file again.")
    )
    if pending is None:
        return redirect("reports:import")
    options = _options(confirm)
    note = confirm.cleaned_data["note"].strip()
    submit = confirm.cleaned_data["submit_reports"] and _may(request.user, Action.MANAGE)
    if in_background(pending):
        column_map: dict[str, str] = {}
        if checked is not None:
            job_choices = job_map_form(request, checked, plan=options["plan"],
                                       data=request.POST)
            if not job_choices.is_valid():
                return job_preview(request, checked, map_form=job_choices)
            column_map = job_choices.column_map()
        job = import_job_start(user=request.user, pending=pending, kind=ImportJob.Kind.IMPORT,
                               note=note, submit=submit, column_map=column_map, **options)
        return redirect("reports:import_job", job.pk)
    map_form = _map_form(request, pending, data=request.POST, **options)
    if not map_form.is_valid():
        result = _run(request, pending, dry_run=True, **options)
        return preview_page(request, checksum=pending.checksum, result=result,
                                parts=preview_parts(result), confirm=confirm, options=options,
                            map_form=map_form)
    result = _run(
        request,
        pending,
        dry_run=False,
        accept_warnings=bool(note),
        note=note,
        submit=submit,
        column_map=map_form.column_map(),
        **options,
    )
    if not result.written:
        if result.ok and result.warnings and not note:
            confirm.add_error("note", note_needed_message())
        return preview_page(request, checksum=pending.checksum, result=result,
                            parts=preview_parts(result), confirm=confirm, options=options)
    pending_delete(pending)
    messages.success(request, imported_message(result))
    return redirect("reports:import")


@require_POST
@login_required
def import_recheck(request: HttpRequest) -> HttpResponse:
    """The same pending upload checked again with the columns mapped as chosen: a new
    preview, nothing written, no upload again. A large file is checked again by the
    worker: a new job, whose page the user is sent to."""
    _require(request.user, Action.REPORT)
    confirm = ConfirmForm(request.POST, user=request.user)
    checked = posted_job(request, confirm)  # a job's preview: 404 if not the user's
    pending = _posted_upload(
        request, confirm, _("The file could not be checked again: upload it again.")
    )
    if pending is None:
        return redirect("reports:import")
    options = _options(confirm)
    if in_background(pending):
        # Not read in the request: checked by the worker again, with the choices.
        return job_recheck(request, pending, job=checked, options=options)
    map_form = _map_form(request, pending, data=request.POST, **options)
    column_map = map_form.column_map() if map_form.is_valid() else {}
    result = _run(request, pending, dry_run=True, column_map=column_map, **options)
    # A fresh confirmation form: the note and the choice to submit are made on this page.
    confirm = ConfirmForm(initial=confirm.cleaned_data | confirm_initial(
        checksum=pending.checksum, **options), user=request.user)
    return preview_page(request, checksum=pending.checksum, result=result,
                        parts=preview_parts(result), confirm=confirm, options=options,
                        map_form=map_form)


@require_GET
@login_required
def import_errors(request: HttpRequest, checksum: str) -> HttpResponse:
    """The uploaded file in its own format with an error column added."""
    _require(request.user, Action.REPORT)
    pending = pending_open(user=request.user, checksum=checksum)
    if pending is None:
        raise Http404
    stem, _dot, suffix = pending.file_name.rpartition(".")
    job = _checked_job(request, checksum)
    if job is not None:
        # A large file checked by the worker: its error file was written then.
        try:
            data = job_error_file_path(job).read_bytes()
        except OSError:
            data = None  # not written, or cleaned up since: read the file again below
        if data is not None:
            kind = (job.result.get("format") or {}).get("kind") or suffix or "csv"
            name = f"{stem or pending.file_name}-loi.{suffix if stem else kind}"
            return _attachment(data, name, kind)
    form = UploadForm(request.GET, user=request.user)
    form.is_valid()  # the file field is not there; plan and period are what counts
    options = {
        "plan": form.cleaned_data.get("plan"),
        "period": form.cleaned_data.get("period"),
    }
    map_form = _map_form(request, pending, data=request.GET, **options)
    column_map = map_form.column_map() if map_form.is_valid() else {}
    result = _run(request, pending, dry_run=True, column_map=column_map, **options)
    if result.format is None:
        raise Http404
    try:
        with pending.open() as stream:
            data = exports.result_error_file(stream, result)
    except FileProblem as error:
        raise Http404 from error
    name = f"{stem or pending.file_name}-loi.{suffix if stem else result.format.kind}"
    return _attachment(data, name, result.format.kind)


def _checked_job(request: HttpRequest, checksum: str) -> ImportJob | None:
    """The job named by the query string (`job`), if it is the user's, of this file, done,
    and wrote nothing (a check, or an import its own check refused)."""
    raw = request.GET.get("job", "")
    try:
        job_id = uuid.UUID(raw)
    except ValueError:
        return None
    job = ImportJob.objects.filter(pk=job_id, checksum=checksum, state=ImportJob.State.DONE,
                                   written=False).first()
    if job is None or not (job.user_id == request.user.pk or request.user.is_superuser):
        return None
    return job


def _attachment(data: bytes, name: str, kind: str) -> HttpResponse:
    response = HttpResponse(data, content_type=exports.CONTENT_TYPES.get(kind, "text/csv"))
    # The name may be the user's own (Vietnamese, quotes…): encoded as RFC 6266 says.
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response


@require_GET
@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """A pre-filled template for a plan, a period and a unit with the units below it."""
    _require(request.user, Action.VIEW)
    # A link may choose the layout and format only (the import page's link to the
    # official template): the form opens with them chosen, not with errors.
    chosen = "plan" in request.GET
    initial = {key: request.GET[key] for key in ("layout", "format") if key in request.GET}
    form = TemplateForm(request.GET if chosen else None, initial=initial, user=request.user)
    if chosen and form.is_valid():
        data = form.cleaned_data
        if data["layout"] == "official":
            content = official_template_file(
                plan=data["plan"], year=data["period"].year, unit=data["unit"],
                user=request.user,
            )
        else:
            content = exports.template_file(
                plan=data["plan"],
                period=data["period"],
                unit=data["unit"],
                layout=data["layout"],
                file_format=data["format"],
            )
        kind = "bieu" if data["layout"] == "official" else "mau"
        name = exports.download_name(
            f"{kind}-{data['plan'].code}-{data['period']}-{data['unit'].code}", data["format"]
        )
        return _attachment(content, name, data["format"])
    return render(request, "reports/import_template.html", {"form": form})


@require_GET
@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Actual values or targets, filtered, in the import's formats, within the user's scope."""
    _require(request.user, Action.VIEW)
    form = ExportForm(request.GET or None, user=request.user)
    if request.GET and form.is_valid():
        data = form.cleaned_data
        filters = exports.Filters(
            plan=data["plan"],
            period=data["period"],
            year=data["year"],
            unit=data["unit"],
            indicator=data["indicator"],
        )
        if data["what"] == "targets":
            content = exports.targets_file(
                exports.targets_for_export(request.user, filters),
                layout=data["layout"],
                file_format=data["format"],
            )
        else:
            content = exports.actuals_file(
                exports.actuals_for_export(request.user, filters),
                layout=data["layout"],
                file_format=data["format"],
            )
        name = exports.download_name(
            "chi-tieu" if data["what"] == "targets" else "so-lieu", data["format"]
        )
        return _attachment(content, name, data["format"])
    return render(request, "reports/export.html", {"form": form})
