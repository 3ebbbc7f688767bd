"""Large report files, checked and imported by the background worker.

A file above `IMPORT_BACKGROUND_MB` is not read inside the request (a national file takes
longer than a request may): the page stores the upload as for any file, makes an
`ImportJob` and queues `reports.tasks.import_job_task` once that row is committed, then
sends the uploader to the job's page. The worker checks the file — or, after the preview
was confirmed, imports it — with `report_file_import`, the importer every other path uses
(all or nothing, its locks and history), and keeps on the job the preview the page shows
when the job is done (`preview.py`), or a Vietnamese message when it could not run.

Progress (lines read / lines in the file) is written, while the job runs, to a small file
beside the upload, replaced whole each time (`os.replace`), so a reader never sees half of
it: the import holds one transaction from its first line to its last, and a count written
in the database inside it would be seen by nobody before the end (on SQLite, it could not
even be written). When the job ends its counts go on the row and the file is removed.

Only the uploader sees a job (and superusers): `job_for_user` answers 404 to anyone else.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import os
import tempfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plans.models import Plan
from reports.models import ImportBatch, ImportJob
from reports.periods import Period

from . import exports
from .importer import report_file_import
from .limits import MB
from .mappings import mapping_unit_for
from .parsing import FileProblem
from .preview import PREVIEW_LINES, preview_store
from .storage import PendingFile, pending_delete, pending_dir, pending_open

logger = logging.getLogger(__name__)

State = ImportJob.State


def in_background(pending: PendingFile) -> bool:
    """Whether this upload is too large to be read inside a request."""
    return pending.path.stat().st_size > settings.IMPORT_BACKGROUND_MB * MB


# --- starting -------------------------------------------------------------------------


def import_job_start(
    *,
    user,
    pending: PendingFile,
    kind: str,
    plan: Plan | None,
    period: Period | None,
    note: str = "",
    submit: bool = False,
    column_map: dict[str, str] | None = None,
) -> ImportJob:
    """Make the job and queue it for the worker once the row is committed; `column_map`
    is the user's choices for the columns the reader did not know, as
    `report_file_import` takes them."""
    from reports.tasks import import_job_task  # the task module imports this one

    job = ImportJob.objects.create(
        user=user,
        kind=kind,
        file_name=pending.file_name,
        checksum=pending.checksum,
        size=pending.path.stat().st_size,
        plan=plan,
        period=str(period or ""),
        note=note,
        submit=submit,
        column_map=dict(column_map or {}),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: import_job_task.enqueue(job_id))
    return job


# --- reading ----------------------------------------------------------------------------


def job_for_user(user, job_id: uuid.UUID) -> ImportJob:
    """The job, for its uploader or a superuser; 404 for anyone else."""
    job = ImportJob.objects.select_related("plan").filter(pk=job_id).first()
    if job is None or not (job.user_id == user.pk or user.is_superuser):
        raise Http404
    return job


@dataclass(frozen=True)
class JobProgress:
    read: int
    total: int

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.read * 100 // self.total)


def job_progress(job: ImportJob) -> JobProgress:
    """How far the job is: from the row once it ended, else from its progress file."""
    if job.finished:
        return JobProgress(job.lines_read, job.lines_total)
    try:
        data = json.loads(_progress_path(job.pk).read_text(encoding="utf-8"))
        return JobProgress(int(data["read"]), int(data["total"]))
    except (OSError, ValueError, KeyError, TypeError):
        return JobProgress(0, 0)


def job_settle(job: ImportJob) -> ImportJob:
    """The job as it stands; a running job whose worker has given no sign of life for
    `IMPORT_JOB_STALL_MINUTES` — no progress and no heartbeat since then, nor a start — is
    marked failed, saying so: its worker was stopped (a restart, a crash). Nothing of it was
    written, since the import is one transaction, rolled back when its worker went. A
    worker that lives beats every `HEARTBEAT_SECONDS` (`_Heartbeat`), also through the
    long last step of an import that reads no more lines."""
    if job.state != State.RUNNING:
        return job
    signs = [job.started_at or job.created_at]
    for path in (_progress_path(job.pk), _alive_path(job.pk)):
        with contextlib.suppress(OSError):  # not written yet
            signs.append(datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC))
    stall = datetime.timedelta(minutes=settings.IMPORT_JOB_STALL_MINUTES)
    if timezone.now() - max(signs) < stall:
        return job
    # Stopped after its transaction committed, before it said so: the values are in.
    batch = None
    if job.kind == ImportJob.Kind.IMPORT:
        batch = ImportBatch.objects.filter(
            user_id=job.user_id, checksum=job.checksum,
            created_at__gte=job.started_at or job.created_at,
        ).order_by("-created_at").first()
    with translation.override(job.language):
        if batch is not None:
            error = _(
                "The background worker stopped after the file's values were written "
                "(import #%(batch)s): do not upload it again; the import's history shows "
                "what was written."
            ) % {"batch": batch.pk}
        else:
            error = _(
                "The background worker stopped before the file was read to the end; "
                "nothing was written. Upload the file again; if this happens again, tell "
                "the administrator."
            )
    ImportJob.objects.filter(pk=job.pk, state=State.RUNNING).update(
        state=State.FAILED, finished_at=timezone.now(), error=error,
        written=batch is not None, batch=batch,
    )
    _progress_path(job.pk).unlink(missing_ok=True)
    _alive_path(job.pk).unlink(missing_ok=True)
    job.refresh_from_db()
    return job


# --- progress file -----------------------------------------------------------------------


def _progress_path(job_id: uuid.UUID) -> Path:
    return pending_dir() / f"job-{job_id}.progress"


def _write_whole(path: Path, data: bytes) -> None:
    """Replace `path` with `data` at once (0600, like the uploads beside it): a reader
    sees the old file or the new one, never half of it."""
    handle, temporary = tempfile.mkstemp(dir=pending_dir(), suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def progress_write(*, job_id: uuid.UUID, read: int, total: int) -> None:
    """Replace the job's progress file whole."""
    _write_whole(_progress_path(job_id), json.dumps({"read": read, "total": total}).encode())


# --- running (the worker) -------------------------------------------------------------------


def import_job_run(*, job_id: uuid.UUID) -> ImportJob | None:
    """Run a queued job once: a job already taken by a worker, or gone, is left alone."""
    now = timezone.now()
    if not ImportJob.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING, started_at=now
    ):
        return None
    job = ImportJob.objects.select_related("user", "plan").get(pk=job_id)
    with translation.override(job.language), _Heartbeat(job.pk):
        try:
            _check_or_import(job)
        except Exception:
            # The import is one transaction, rolled back with the error: nothing written.
            logger.exception("import job %s failed", job.pk)
            _finish(job, state=State.FAILED, error=_(
                "The file could not be read to the end because of an error on the server; "
                "nothing was written. Upload it again; if it fails again, tell the "
                "administrator."
            ))
    _progress_path(job.pk).unlink(missing_ok=True)
    job.refresh_from_db()
    return job


# How often a running job says it is alive (the file's time), whatever it is doing.
HEARTBEAT_SECONDS = 60


def _alive_path(job_id: uuid.UUID) -> Path:
    return pending_dir() / f"job-{job_id}.alive"


class _Heartbeat:
    """Touches the job's `.alive` file every `HEARTBEAT_SECONDS` from a thread of the worker
    while the job runs, so that only a worker that is gone (its threads with it) stops
    beating; removed when the job ends."""

    def __init__(self, job_id: uuid.UUID) -> None:
        self.path = _alive_path(job_id)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def _touch(self) -> None:
        with contextlib.suppress(OSError):
            self.path.touch()

    def _beat(self) -> None:
        while not self.stop.wait(HEARTBEAT_SECONDS):
            self._touch()

    def __enter__(self) -> _Heartbeat:
        self._touch()
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.path.unlink(missing_ok=True)


def _check_or_import(job: ImportJob) -> None:
    pending = pending_open(user=job.user, checksum=job.checksum)
    if pending is None:
        _finish(job, state=State.FAILED,
                error=_("The uploaded file is no longer there: upload it again."))
        return
    lines = {"read": 0, "total": 0}

    def progress(read: int, total: int) -> None:
        lines.update(read=read, total=total)
        progress_write(job_id=job.pk, read=read, total=total)

    with pending.open() as stream:
        result = report_file_import(
            stream=stream,
            file_name=pending.file_name,
            actor=job.user,
            plan=job.plan,
            period=Period.parse(job.period) if job.period else None,
            dry_run=job.kind == ImportJob.Kind.CHECK,
            accept_warnings=bool(job.note),
            note=job.note,
            submit=job.submit,
            preview_limit=PREVIEW_LINES,
            # The same choices and remembered mappings as a small file's on the page.
            column_map=job.column_map,
            mapping_unit=mapping_unit_for(job.user),
            progress=progress,
        )
    if result.written:
        pending_delete(pending)
    elif result.errors and result.format is not None:
        try:
            _error_file_write(job, pending, result)
        except Exception:  # the download reads the file in the request instead
            logger.exception("the error file of import job %s could not be written", job.pk)
    total = lines["total"] or lines["read"]
    _finish(job, state=State.DONE, result=preview_store(result), written=result.written,
            batch_id=result.batch.pk if result.batch is not None else None,
            lines_read=total, lines_total=total)


def job_error_file_path(job: ImportJob) -> Path:
    """Where the worker leaves the file with an error column of a check that found errors,
    so that the preview's download does not read a large file again in the request: beside
    the upload, removed with it (`storage.pending_delete`)."""
    return pending_dir() / f"{job.user_id}-{job.checksum}.{job.pk}.errors"


def _error_file_write(job: ImportJob, pending: PendingFile, result) -> None:
    try:
        with pending.open() as stream:
            data = exports.result_error_file(stream, result)
    except FileProblem:
        return  # the download reads it in the request, and says why it cannot
    _write_whole(job_error_file_path(job), data)
    for older in pending.path.parent.glob(f"{pending.path.stem}.*.errors"):
        if older != job_error_file_path(job):
            older.unlink(missing_ok=True)  # an earlier check's, with other choices


def _finish(job: ImportJob, *, state: str, **fields) -> None:
    """The job's outcome, in one UPDATE: also over a page that took a worker too slow to
    beat for a stopped one (`job_settle`), since this is what happened."""
    fields.setdefault("error", "")
    ImportJob.objects.filter(pk=job.pk).update(
        state=state, finished_at=timezone.now(), **fields
    )
