"""The page of a large file checked or imported by the worker, and its progress as JSON.

While the job waits or runs the page shows a progress bar, kept up to date by
`static/js/import_job.js` from the JSON endpoint (or, without JavaScript, by reloading
itself); once the job is done it shows the same preview as a small file's, with the same
confirmation, or, after an import, what was written.

The columns the reader did not know are offered to be mapped as on a small file's
preview, from the header the worker kept on the job: "Kiểm tra lại" queues a new check
with the choices, and the confirmation an import with them (`job_recheck`,
`job_map_form`, called by the import views for a large file).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reports.imports.forms import ColumnMapForm, ConfirmForm
from reports.imports.jobs import (
    JobProgress,
    import_job_start,
    job_for_user,
    job_progress,
    job_settle,
)
from reports.imports.mappings import mappable_indicators
from reports.imports.preview import preview_load
from reports.imports.progress import progress_text
from reports.imports.storage import PendingFile
from reports.models import ImportJob

from .import_preview import confirm_initial, imported_message, note_needed_message, preview_page

# Seconds between two looks at a job still running, for the page without JavaScript.
REFRESH_SECONDS = 3


def _status(job: ImportJob, progress: JobProgress) -> dict:
    return {
        "state": job.state,
        "finished": job.finished,
        "read": progress.read,
        "total": progress.total,
        "percent": progress.percent,
        "text": progress_text(progress.read, progress.total) if progress.total else "",
        "error": job.error,
    }


@require_GET
@login_required
def import_job_status(request: HttpRequest, job_id: uuid.UUID) -> JsonResponse:
    """{"state", "finished", "read", "total", "percent", "text", "error"} of the job."""
    job = job_settle(job_for_user(request.user, job_id))
    response = JsonResponse(_status(job, job_progress(job)))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def import_job(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = job_settle(job_for_user(request.user, job_id))
    if not job.finished or job.state == ImportJob.State.FAILED:
        progress = job_progress(job)
        return render(request, "reports/import_job.html", {
            "job": job,
            "progress": progress,
            "status": _status(job, progress),
            "status_url": reverse("reports:import_job_status", args=[job.pk]),
            "refresh_seconds": REFRESH_SECONDS,
        })
    stored = preview_load(job.result)
    if stored.written:
        messages.success(request, imported_message(stored))
        return redirect("reports:import")
    return job_preview(request, job)


def job_preview(request: HttpRequest, job: ImportJob, *,
                map_form: ColumnMapForm | None = None) -> HttpResponse:
    """The preview of a finished job, from what the worker kept; with `map_form`, the
    column choices posted and refused."""
    stored = preview_load(job.result)
    return preview_page(request, checksum=job.checksum, result=stored, parts=stored.parts,
                        confirm=_confirm_form(request, job, stored.ok and stored.warnings > 0),
                        options={"plan": job.plan, "period": job.period}, map_form=map_form,
                        job=job)


def posted_job(request: HttpRequest, confirm: ConfirmForm) -> ImportJob | None:
    """The job a preview's form names (its field `job`), for its uploader only: 404 for
    another user's job or a job of another file; None when no job is named."""
    confirm.is_valid()
    job_id = confirm.cleaned_data.get("job")
    if job_id is None:
        return None
    job = job_for_user(request.user, job_id)
    if job.checksum != confirm.cleaned_data.get("checksum"):
        raise Http404
    return job


def job_map_form(request: HttpRequest, job: ImportJob, *, plan, data) -> ColumnMapForm:
    """The posted column choices for the file of a finished `job`, checked against the
    header the worker kept: the file is not read in the request."""
    stored = preview_load(job.result) if job.state == ImportJob.State.DONE else None
    header = stored.header if stored is not None else None
    return ColumnMapForm(
        data,
        columns=header.open_columns if header is not None else (),
        indicators=mappable_indicators(plan=plan, user=request.user),
    )


def job_recheck(request: HttpRequest, pending: PendingFile, *, job: ImportJob | None,
                options: dict) -> HttpResponse:
    """"Kiểm tra lại" on a job's preview: a new check of the large file with the columns
    mapped as chosen, queued for the worker; choices that are not allowed are refused on
    the same preview, and nothing is queued."""
    if job is None or job.state != ImportJob.State.DONE:
        messages.error(request, _("The file could not be checked again: upload it again."))
        return redirect("reports:import")
    map_form = job_map_form(request, job, plan=options["plan"], data=request.POST)
    if not map_form.is_valid():
        return job_preview(request, job, map_form=map_form)
    check = import_job_start(user=request.user, pending=pending, kind=ImportJob.Kind.CHECK,
                             column_map=map_form.column_map(), **options)
    return redirect("reports:import_job", check.pk)


def _confirm_form(request: HttpRequest, job: ImportJob, warned: bool) -> ConfirmForm:
    initial = confirm_initial(checksum=job.checksum, plan=job.plan, period=job.period,
                              job=job)
    if job.kind == ImportJob.Kind.IMPORT and warned and not job.note:
        # Confirmed without the note its warnings need: said next to the note, as inline.
        confirm = ConfirmForm({**initial, "note": ""}, user=request.user)
        confirm.is_valid()
        confirm.add_error("note", note_needed_message())
        return confirm
    return ConfirmForm(initial=initial, user=request.user)
