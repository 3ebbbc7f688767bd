"""A large file in Chromium: the upload lands on the job's page, whose script follows the
worker's progress and, once the job is done, shows the preview; confirming goes through
the worker too. The worker is played by the test (`import_job_run`), so that the page is
seen while the job waits and while it runs."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from districts.models import Membership, Role, Unit
from districts.services import units_load
from reports.imports.jobs import import_job_run, progress_write
from reports.models import Actual, ImportJob
from tests.factories import LONG_VI, csv_bytes

PASSWORD = "x-test-pass-1"
ROWS = [LONG_VI, ["001", "graduates_attracted", "2024", "650"],
        ["001", "enrol_total", "2024", "820"]]


@pytest.fixture
def reporter(transactional_db, settings, tmp_path):
    units_load(provinces={"01"})
    user = get_user_model().objects.create(username="bd-reporter")
    user.set_password(PASSWORD)
    user.save()
    ba_dinh = Unit.objects.get(code="001", level=Unit.Level.DISTRICT)
    Membership.objects.create(user=user, unit=ba_dinh, role=Role.REPORTER)
    settings.REPORT_IMPORT_DIR = str(tmp_path / "uploads")
    settings.IMPORT_BACKGROUND_MB = 50 / (1024 * 1024)  # every test file is "large"
    # Jobs are queued and left for the worker, which this test plays.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return user


def test_the_job_page_follows_the_worker_then_previews_and_imports(
    page, live_server, login, reporter
):
    login("bd-reporter", PASSWORD)
    page.goto(live_server.url + "/reports/imports/")
    page.set_input_files('input[name="file"]', files=[{
        "name": "ba-dinh-lon.csv", "mimeType": "text/csv",
        "buffer": csv_bytes(ROWS, delimiter=";", bom=True),
    }])
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#job-state")).to_have_text("Đang chờ tiến trình nền xử lý…")
    job = ImportJob.objects.get()

    ImportJob.objects.filter(pk=job.pk).update(state="running")
    progress_write(job_id=job.pk, read=1, total=2)
    expect(page.locator("#job-percent")).to_have_text("50 %")
    expect(page.locator("#job-lines")).to_have_text("đã đọc 1/2 dòng")
    expect(page.locator("#job-state")).to_have_text("Đang đọc tệp…")

    ImportJob.objects.filter(pk=job.pk).update(state="queued")
    import_job_run(job_id=job.pk)
    # The script sees the job done and reloads: the preview, as for a small file.
    expect(page.locator("#count-created")).to_have_text("2")
    expect(page.locator("#import-lines")).to_contain_text("Quận Ba Đình")
    assert Actual.objects.count() == 0

    page.locator("#confirm-form button[type=submit]").click()
    expect(page.locator("#job-state")).to_be_visible()
    confirm = ImportJob.objects.get(kind="import")
    import_job_run(job_id=confirm.pk)
    expect(page.locator(".message.success")).to_contain_text("ba-dinh-lon.csv")
    assert Actual.objects.count() == 2
    assert page.console_errors == []  # the script ran under the page's CSP
