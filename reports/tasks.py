"""Background jobs of the reports app (django-tasks; the worker is `manage.py db_worker`)."""

from __future__ import annotations

import uuid

from django_tasks import task

from .imports.jobs import import_job_run


@task()
def import_job_task(job_id: str) -> str:
    """Check or import the large report file of one `ImportJob` (`imports/jobs.py`)."""
    job = import_job_run(job_id=uuid.UUID(job_id))
    return job.state if job is not None else "skipped"
