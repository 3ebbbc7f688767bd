"""Large report files go through the background worker: the upload page queues the check
and sends the uploader to the job's page (progress bar, then the same preview as a small
file's); confirming queues the import; the job's page and its JSON status are the
uploader's alone. Jobs run inline in the tests (tests/conftest.py)."""

from __future__ import annotations

import datetime
import io
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.imports import jobs
from reports.imports.importer import report_file_import
from reports.imports.jobs import import_job_start, progress_write
from reports.imports.storage import pending_delete, pending_dir, pending_save
from reports.management.commands import import_reports
from reports.models import Actual, ImportBatch, ImportJob
from tests.factories import LONG_VI, csv_bytes

pytestmark = pytest.mark.django_db

IMPORT = reverse("reports:import")
CONFIRM = reverse("reports:import_confirm")
BA_DINH_ROWS = [LONG_VI, ["001", "enrol_total", "2024", "1.200"],
                ["00004", "trained_rate", "2024", "74,2"]]
# Counts with no relation between them (no warnings), for every period of 2000–2024
# (Quận Ba Đình ends with 2024): 5 × 19 × 25 = 2.375 values, more than one chunk of
# the importer (2.000).
UNRELATED_COUNTS = ["rural_trainees", "high_quality_schools", "key_occupations",
                    "institutions", "graduates_attracted"]
PERIODS = ["", "S1", "S2", "Q1", "Q2", "Q3", "Q4", *[f"M{m:02d}" for m in range(1, 13)]]


def long_file() -> bytes:
    rows = [LONG_VI] + [
        ["001", code, f"{year}{part}", "12"]
        for year in range(2000, 2025) for part in PERIODS for code in UNRELATED_COUNTS
    ]
    return csv_bytes(rows, delimiter=";")


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, settings):
    settings.REPORT_IMPORT_DIR = str(tmp_path / "uploads")


@pytest.fixture
def large(settings):
    """Every file of more than 50 bytes counts as large."""
    settings.IMPORT_BACKGROUND_MB = 50 / (1024 * 1024)


def upload(client, data: bytes, name: str = "bao-cao.csv", **fields):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **fields})


def section(html: str, element_id: str) -> str:
    found = re.search(rf'<(section|table)[^>]*id="{element_id}".*?</\1>', html, re.S)
    assert found, element_id
    return found.group(0)


def queued_job(user, data: bytes = b"", **options) -> ImportJob:
    """A job made as the upload page makes it, left waiting (no worker runs it)."""
    upload = SimpleUploadedFile("bao-cao.csv", data or csv_bytes(BA_DINH_ROWS, delimiter=";"))
    pending = pending_save(user=user, upload=upload)
    return import_job_start(user=user, pending=pending, kind=ImportJob.Kind.CHECK, plan=None,
                            period=None, **options)


# --- the path of a large file --------------------------------------------------------------


def test_a_small_file_is_still_checked_inside_the_request(client, reporter_001):
    client.force_login(reporter_001)
    response = upload(client, csv_bytes(BA_DINH_ROWS, delimiter=";"))
    assert response.status_code == 200 and 'id="import-summary"' in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_large_file_is_checked_by_the_worker_and_previewed_the_same(
    client, reporter_001, settings, django_capture_on_commit_callbacks
):
    client.force_login(reporter_001)
    data = csv_bytes(BA_DINH_ROWS, delimiter=";")
    inline = upload(client, data).content.decode()

    settings.IMPORT_BACKGROUND_MB = 50 / (1024 * 1024)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, data)
        job = ImportJob.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("reports:import_job", args=[job.pk])
        waiting = client.get(response.url).content.decode()
        # Not run yet: the job waits for the worker.
        assert "Đang chờ tiến trình nền" in waiting and 'id="job-progress"' in waiting
    job.refresh_from_db()
    assert job.state == "done" and job.user == reporter_001 and job.kind == "check"
    page = client.get(reverse("reports:import_job", args=[job.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for part in ("import-summary", "import-lines"):
        assert section(html, part) == section(inline, part)
    assert 'id="confirm-form"' in html and "Phường Trúc Bạch" in html
    assert Actual.objects.count() == 0  # a check writes nothing


def test_confirming_a_large_file_imports_it_in_the_worker(
    client, reporter_001, large, django_capture_on_commit_callbacks
):
    client.force_login(reporter_001)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, csv_bytes(BA_DINH_ROWS, delimiter=";"))
    check = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONFIRM, {"checksum": check.checksum, "period": ""})
    job = ImportJob.objects.exclude(pk=check.pk).get()
    assert response.url == reverse("reports:import_job", args=[job.pk])
    assert job.kind == "import" and job.written and job.state == "done"
    assert Actual.objects.count() == 2
    assert job.batch == ImportBatch.objects.get(user=reporter_001)
    done = client.get(response.url, follow=True)
    assert done.redirect_chain[-1][0] == IMPORT
    assert "Đã nhập bao-cao.csv: tạo mới 2, cập nhật 0" in done.content.decode()
    assert not list(pending_dir().glob("*.upload"))  # the upload is gone once imported


def test_warnings_of_a_large_file_still_need_a_note(
    client, make_user, large, django_capture_on_commit_callbacks
):
    client.force_login(make_user("officer", "33"))
    rows = [LONG_VI, ["12121", "enrol_total", "2023", "62750"],
            ["12121", "enrol_college", "2023", "1700"],
            ["12121", "enrol_intermediate", "2023", "4200"],
            ["12121", "enrol_elementary", "2023", "56600"]]
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, csv_bytes(rows))
    checksum = ImportJob.objects.get().checksum
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONFIRM, {"checksum": checksum, "period": ""})
    without_note = client.get(response.url)
    assert without_note.context["confirm"].errors["note"]
    assert Actual.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CONFIRM, {"checksum": checksum, "period": "", "note": "Đã kiểm tra"})
    assert Actual.objects.count() == 4 and ImportBatch.objects.get().note == "Đã kiểm tra"


# --- progress ---------------------------------------------------------------------------------


def test_the_status_endpoint_says_how_far_the_worker_has_read(client, reporter_001):
    client.force_login(reporter_001)
    job = queued_job(reporter_001)
    status_url = reverse("reports:import_job_status", args=[job.pk])
    assert client.get(status_url).json() == {
        "state": "queued", "finished": False, "read": 0, "total": 0, "percent": None,
        "text": "", "error": "",
    }
    ImportJob.objects.filter(pk=job.pk).update(state="running")
    progress_write(job_id=job.pk, read=120_000, total=300_000)
    status = client.get(status_url)
    assert status["Cache-Control"] == "no-store"
    assert status.json() == {
        "state": "running", "finished": False, "read": 120_000, "total": 300_000,
        "percent": 40, "text": "đã đọc 120.000/300.000 dòng", "error": "",
    }
    page = client.get(reverse("reports:import_job", args=[job.pk])).content.decode()
    assert '<progress id="job-progress" max="100" value="40">' in page
    assert "đã đọc 120.000/300.000 dòng" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert re.search(r'<script src="[^"]*js/import_job[^"]*\.js" defer></script>', page)
    assert f'data-status-url="{status_url}"' in page


def _running_since(job: ImportJob, minutes: int) -> None:
    started = timezone.now() - datetime.timedelta(minutes=minutes)
    ImportJob.objects.filter(pk=job.pk).update(state="running", started_at=started)


def test_a_job_whose_worker_stopped_is_shown_failed_with_nothing_written(
    client, reporter_001
):
    """Started 20 minutes ago and not a line read since (the worker was restarted): the
    page says so, in Vietnamese, instead of a progress bar that never moves."""
    client.force_login(reporter_001)
    job = queued_job(reporter_001)
    _running_since(job, 20)

    status = client.get(reverse("reports:import_job_status", args=[job.pk])).json()

    assert status["state"] == "failed" and status["finished"]
    assert status["error"].startswith("Tiến trình chạy nền đã dừng")
    page = client.get(reverse("reports:import_job", args=[job.pk])).content.decode()
    assert "Tiến trình chạy nền đã dừng" in page
    assert not Actual.objects.exists()


def test_a_job_still_reading_is_left_running(client, reporter_001):
    """Started 20 minutes ago but its progress written a moment ago: still running. The
    same job with its last progress 20 minutes old has stopped."""
    client.force_login(reporter_001)
    job = queued_job(reporter_001)
    _running_since(job, 20)
    progress_write(job_id=job.pk, read=120_000, total=300_000)
    status_url = reverse("reports:import_job_status", args=[job.pk])
    assert client.get(status_url).json()["state"] == "running"

    old = (timezone.now() - datetime.timedelta(minutes=20)).timestamp()
    os.utime(pending_dir() / f"job-{job.pk}.progress", (old, old))
    assert client.get(status_url).json()["state"] == "failed"


def test_a_worker_that_lives_keeps_its_job_running_through_a_long_last_step(
    client, reporter_001
):
    """No line read for 20 minutes (the last step of a national import writes, it reads
    nothing), but the worker's heartbeat is fresh: the job is still running; once the
    heartbeat ends, its file is gone."""
    client.force_login(reporter_001)
    job = queued_job(reporter_001)
    _running_since(job, 20)
    status_url = reverse("reports:import_job_status", args=[job.pk])
    with jobs._Heartbeat(job.pk) as beating:
        assert beating.path.exists()
        assert client.get(status_url).json()["state"] == "running"
    assert not beating.path.exists()
    assert client.get(status_url).json()["state"] == "failed"


def test_an_import_whose_worker_stopped_after_writing_says_its_values_are_in(
    client, reporter_001
):
    """The worker committed the import, then was stopped before it marked the job done:
    the page must not tell the reporter to upload the file again."""
    client.force_login(reporter_001)
    job = queued_job(reporter_001)
    ImportJob.objects.filter(pk=job.pk).update(kind="import")
    _running_since(job, 20)
    batch = ImportBatch.objects.create(file_name="bao-cao.csv", checksum=job.checksum,
                                       user=reporter_001, rows=2, created=2)

    status = client.get(reverse("reports:import_job_status", args=[job.pk])).json()

    assert status["state"] == "failed"
    assert f"(lần nhập #{batch.pk}): đừng tải tệp lên lại" in status["error"]
    assert ImportJob.objects.get(pk=job.pk).batch == batch


def test_a_worker_that_ends_after_all_records_what_happened(client, reporter_001):
    """Taken for stopped, the worker was only slow: when it ends, the job says done, with
    no stale message of a stop."""
    client.force_login(reporter_001)
    job = queued_job(reporter_001)
    _running_since(job, 20)
    job.refresh_from_db()
    assert jobs.job_settle(job).state == "failed"

    jobs._finish(job, state="done", written=False)

    job.refresh_from_db()
    assert (job.state, job.error) == ("done", "")


def test_a_job_waiting_for_the_worker_is_not_called_stopped(client, reporter_001):
    client.force_login(reporter_001)
    job = queued_job(reporter_001)
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2))
    status = client.get(reverse("reports:import_job_status", args=[job.pk])).json()
    assert status["state"] == "queued"


def test_a_finished_job_counts_every_line_of_the_file(
    client, reporter_001, large, django_capture_on_commit_callbacks
):
    client.force_login(reporter_001)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, long_file())
    job = ImportJob.objects.get()
    assert job.result["entries"] == 2375 and job.result["errors"] == 0
    assert (job.lines_read, job.lines_total) == (2376, 2376)  # the header and every value
    status = client.get(reverse("reports:import_job_status", args=[job.pk])).json()
    assert status["finished"] and status["percent"] == 100
    assert status["text"] == "đã đọc 2.376/2.376 dòng"
    assert not list(pending_dir().glob("job-*.progress"))  # removed with the job's end


def test_the_importer_tells_its_progress_chunk_by_chunk(reporter_001):
    calls: list[tuple[int, int]] = []
    result = report_file_import(stream=io.BytesIO(long_file()), file_name="dai.csv",
                                actor=reporter_001, dry_run=True,
                                progress=lambda read, total: calls.append((read, total)))
    assert result.entries == 2375 and not result.errors
    assert len(calls) == 2 and {total for _read, total in calls} == {2376}
    assert calls[0][0] < calls[1][0] == 2376


def test_the_command_prints_the_progress_of_a_long_file(tmp_path, monkeypatch, reporter_001):
    monkeypatch.setattr(import_reports, "LONG_FILE_LINES", 1000)
    path = tmp_path / "dai.csv"
    path.write_bytes(long_file())
    err, out = io.StringIO(), io.StringIO()
    call_command("import_reports", str(path), "--dry-run", "--user", reporter_001.username,
                 stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[-1] == "đã đọc 2.376/2.376 dòng"
    assert len(lines) == 2 and re.fullmatch(r"đã đọc \d\.\d{3}/2\.376 dòng", lines[0])
    assert out.getvalue().splitlines()[-1] == (
        "created=2375 updated=0 unchanged=0 errors=0 warnings=0"
    )


def test_a_short_file_prints_no_progress(tmp_path):
    path = tmp_path / "ngan.csv"
    path.write_bytes(csv_bytes(BA_DINH_ROWS, delimiter=";"))
    err = io.StringIO()
    call_command("import_reports", str(path), "--dry-run", stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""


# --- failures -----------------------------------------------------------------------------------


def test_a_file_with_errors_is_previewed_as_rejected(
    client, reporter_001, large, django_capture_on_commit_callbacks
):
    client.force_login(reporter_001)
    rows = [*BA_DINH_ROWS, ["006", "enrol_total", "2024", "900"]]  # Đống Đa: not theirs
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_bytes(rows, delimiter=";"))
    html = client.get(response.url).content.decode()
    assert 'id="rejected"' in html and 'id="confirm-form"' not in html
    assert ImportJob.objects.get().result["errors"] == 1
    assert Actual.objects.count() == 0


def test_a_large_files_error_file_is_the_one_its_worker_wrote(
    client, reporter_001, make_user, large, django_capture_on_commit_callbacks
):
    """The worker writes the file with its error column while it checks a large file; the
    preview's download hands that file out instead of reading the file again."""
    client.force_login(reporter_001)
    rows = [*BA_DINH_ROWS, ["006", "enrol_total", "2024", "900"]]  # Đống Đa: not theirs
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_bytes(rows, delimiter=";"))
    job = ImportJob.objects.get()
    written = jobs.job_error_file_path(job).read_bytes()
    lines = written.decode("utf-8-sig").splitlines()
    assert len(lines) == 4 and "Quận Đống Đa" in lines[3] and "Quận Đống Đa" not in lines[1]
    html = client.get(response.url).content.decode()
    link = re.search(r'id="error-file" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert f"job={job.pk}" in link

    with CaptureQueriesContext(connection) as served:
        download = client.get(link)
    with CaptureQueriesContext(connection) as read_again:
        again = client.get(link.replace(f"job={job.pk}", "job="))

    assert download.status_code == 200 and download.content == written
    assert again.content == written  # the same file, read again in the request: slower
    assert len(served) < len(read_again) - 3, (len(served), len(read_again))
    assert "bao-cao-loi.csv" in download["Content-Disposition"]
    # Another reporter of Ba Đình cannot name the job, nor the upload: 404.
    client.force_login(make_user("reporter", "001"))
    assert client.get(link).status_code == 404


def test_a_recheck_keeps_one_error_file_and_the_upload_takes_it_when_it_goes(
    reporter_001, large, django_capture_on_commit_callbacks
):
    """Two checks of the same upload with errors leave the newer one's error file only;
    removing the upload removes it too (nothing of the file is left beside it)."""
    rows = [*BA_DINH_ROWS, ["006", "enrol_total", "2024", "900"]]
    upload_file = SimpleUploadedFile("bao-cao.csv", csv_bytes(rows, delimiter=";"))
    pending = pending_save(user=reporter_001, upload=upload_file)
    checks = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            job = import_job_start(user=reporter_001, pending=pending,
                                   kind=ImportJob.Kind.CHECK, plan=None, period=None)
        checks.append(ImportJob.objects.get(pk=job.pk))
    assert [check.state for check in checks] == ["done", "done"]
    assert not jobs.job_error_file_path(checks[0]).exists()
    assert jobs.job_error_file_path(checks[1]).is_file()

    pending_delete(pending)

    assert list(pending_dir().iterdir()) == []


def test_an_upload_gone_before_the_worker_ran_is_a_failed_job(
    client, reporter_001, django_capture_on_commit_callbacks
):
    client.force_login(reporter_001)
    with django_capture_on_commit_callbacks(execute=True):
        job = queued_job(reporter_001)
        for path in pending_dir().glob("*.upload"):
            path.unlink()
    job.refresh_from_db()
    assert job.state == "failed"
    page = client.get(reverse("reports:import_job", args=[job.pk])).content.decode()
    assert 'id="job-error"' in page and "Tệp đã tải lên không còn nữa" in page
    status = client.get(reverse("reports:import_job_status", args=[job.pk])).json()
    assert status["finished"] and status["state"] == "failed"
    assert status["error"].startswith("Tệp đã tải lên không còn nữa")


def test_a_job_that_breaks_midway_writes_nothing(
    client, reporter_001, large, monkeypatch, django_capture_on_commit_callbacks
):
    """The first chunk is written, then the progress file cannot be (a full disk): the
    import's transaction is rolled back and the job says so."""
    client.force_login(reporter_001)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, long_file())
    checksum = ImportJob.objects.get().checksum

    def full_disk(**_progress):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jobs, "progress_write", full_disk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONFIRM, {"checksum": checksum, "period": ""})
    job = ImportJob.objects.get(kind="import")
    assert job.state == "failed" and not job.written
    assert Actual.objects.count() == 0 and not ImportBatch.objects.exists()
    html = client.get(response.url).content.decode()
    assert "không có gì được ghi" in html


# --- who may see a job ------------------------------------------------------------------------


def test_only_the_uploader_and_superusers_see_a_job(
    client, reporter_001, reporter_12121, officer_01, make_user
):
    job = queued_job(reporter_001)
    urls = [reverse("reports:import_job", args=[job.pk]),
            reverse("reports:import_job_status", args=[job.pk])]
    for url in urls:
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))
    for stranger in (reporter_12121, officer_01):  # another unit; an officer above it
        client.force_login(stranger)
        assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(make_user(is_superuser=True, is_staff=True))
    assert [client.get(url).status_code for url in urls] == [200, 200]
    client.force_login(reporter_001)
    assert [client.get(url).status_code for url in urls] == [200, 200]
    assert client.post(urls[1]).status_code == 405


def test_an_unknown_job_is_404(client, reporter_001):
    client.force_login(reporter_001)
    missing = "00000000-0000-4000-8000-000000000000"
    assert client.get(reverse("reports:import_job", args=[missing])).status_code == 404


def test_the_database_worker_runs_a_queued_check(
    client, reporter_001, large, settings, run_db_worker, django_capture_on_commit_callbacks
):
    """As in production: the job waits in the database until `db_worker` takes it."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(reporter_001)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_bytes(BA_DINH_ROWS, delimiter=";"))
    job = ImportJob.objects.get()
    assert job.state == "queued" and DBTaskResult.objects.get().status == "READY"
    assert not client.get(reverse("reports:import_job_status", args=[job.pk])).json()[
        "finished"
    ]
    run_db_worker()
    job.refresh_from_db()
    assert job.state == "done" and job.result["created"] == 2
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert 'id="confirm-form"' in client.get(response.url).content.decode()
