"""The page of a large file checked or imported by the worker, and its progress as JSON.

While the job waits or runs the page shows a progress bar, kept up to date by
`static/js/import_job.js` from the JSON endpoint (or, without JavaScript, by reloading
itself); once the job is done it shows the same preview as a small file's, with the same
confirmation, or, after an import, what was written.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from reports.imports.forms import ConfirmForm
from reports.imports.jobs import JobProgress, job_for_user, job_progress, job_settle
from reports.imports.preview import preview_load
from reports.imports.progress import progress_text
from reports.models import ImportJob

from .imports import _preview, confirm_initial, imported_message, note_needed_message

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
    return _preview(request, checksum=job.checksum, result=stored, parts=stored.parts,
                    confirm=_confirm_form(request, job, stored.ok and stored.warnings > 0),
                    options={"plan": job.plan, "period": job.period})


def _confirm_form(request: HttpRequest, job: ImportJob, warned: bool) -> ConfirmForm:
    initial = confirm_initial(checksum=job.checksum, plan=job.plan, period=job.period)
    if job.kind == ImportJob.Kind.IMPORT and warned and not job.note:
        # Confirmed without the note its warnings need: said next to the note, as inline.
        confirm = ConfirmForm({**initial, "note": ""}, user=request.user)
        confirm.is_valid()
        confirm.add_error("note", note_needed_message())
        return confirm
    return ConfirmForm(initial=initial, user=request.user)
