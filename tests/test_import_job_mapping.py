"""The columns of a large file that the reader does not know are mapped on its job's page,
as on a small file's preview: the choices are checked against the header the worker kept
(the file is not read in the request), "Kiểm tra lại" queues a new check with them, and the
confirmation queues the import with them, which writes the mapped column and remembers
the mapping. Jobs run inline in the tests (tests/conftest.py).

The sheet is seed 004's Appendix II of Thị xã Mỹ Hào's wards with a column "Lao động được
đào tạo nghề nông nghiệp (người)" more (tests/test_import_mapping.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.imports.official import IGNORE
from reports.imports.storage import pending_dir
from reports.models import Actual, ColumnMapping, ImportJob
from tests import test_import_mapping
from tests.factories import unit_by_code, vi
from tests.test_import_mapping import (
    FARM,
    FARM_FIELD,
    FARM_LABEL,
    RURAL_VI,
    appendix_ii_with_farm_column,
    farm_values,
    kept,
)

pytestmark = pytest.mark.django_db

# The Mỹ Hào plan and its town officer, the same fixtures as the small file's mapping.
my_hao_plan = test_import_mapping.my_hao_plan
town_officer = test_import_mapping.town_officer

IMPORT = reverse("reports:import")
RECHECK = reverse("reports:import_recheck")
CONFIRM = reverse("reports:import_confirm")


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, settings):
    settings.REPORT_IMPORT_DIR = str(tmp_path / "uploads")


@pytest.fixture(autouse=True)
def large(settings):
    """Every file of more than 1 KB is checked by the worker: the sheet is about 6 KB."""
    settings.IMPORT_BACKGROUND_MB = 1 / 1024


@pytest.fixture
def worker(django_capture_on_commit_callbacks):
    """Run what a request queues once it commits, as the worker would."""

    def post(client, url: str, data: dict):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def job_page(client, response):
    """The page of the job a response sent the user to (the worker has run it)."""
    assert response.status_code == 302, response.status_code
    job = ImportJob.objects.order_by("-created_at").first()
    assert job is not None and response.url == reverse("reports:import_job", args=[job.pk])
    return job, client.get(response.url)


def checked_by_worker(client, worker, plan=None):
    """The large sheet uploaded (against `plan`) and checked by the worker: the job and its
    page."""
    form = {"file": upload_file()}
    if plan is not None:
        form["plan"] = plan.pk
    return job_page(client, worker(client, IMPORT, form))


def upload_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("phu-luc-ii-my-hao.xlsx", appendix_ii_with_farm_column())


def with_job(page, **choices) -> dict:
    """The POST of a job page's forms: its hidden fields (the job's id among them)."""
    return {**kept(page, **choices), "job": page.context["kept"]["job"]}


# --- the choice on the job's page ------------------------------------------------------------


def test_the_job_preview_offers_the_unknown_column_with_the_plans_indicators(
    client, town_officer, my_hao_plan, worker
):
    client.force_login(town_officer)
    job, page = checked_by_worker(client, worker, my_hao_plan)
    assert job.kind == "check" and job.state == "done" and job.size > 1024
    assert page.status_code == 200
    result = page.context["result"]
    assert result.errors == 1 and FARM in page.context["problems"][0].message
    (choice,) = page.context["map_rows"]
    assert (choice.letters, choice.label) == ("I", FARM_LABEL)
    options = [label for _code, label in choice.field.field.choices]
    assert options[:2] == ["— chưa chọn —", "Bỏ qua cột này"]
    assert RURAL_VI in options and len(options) == 2 + 7  # the plan's seven indicators
    assert "Cơ sở giáo dục nghề nghiệp" not in options  # institutions: not in the plan
    html = page.content.decode()
    assert 'id="column-map-form"' in html and "Kiểm tra lại" in html
    assert f'<input type="hidden" name="job" value="{job.pk}">' in html
    assert 'id="confirm-form"' not in html


def test_the_job_preview_offers_the_choice_without_reading_the_file(
    client, town_officer, my_hao_plan, worker
):
    """The upload gone from the disk, the page still offers the column: it is built from
    what the worker kept on the job."""
    client.force_login(town_officer)
    job, _page = checked_by_worker(client, worker, my_hao_plan)
    for path in pending_dir().glob("*.upload"):
        path.unlink()
    page = client.get(reverse("reports:import_job", args=[job.pk]))
    (choice,) = page.context["map_rows"]
    assert (choice.letters, choice.label) == ("I", FARM_LABEL)


def test_recheck_queues_a_check_with_the_mapping_and_its_preview_has_no_error(
    client, town_officer, my_hao_plan, worker
):
    client.force_login(town_officer)
    first, page = checked_by_worker(client, worker, my_hao_plan)
    response = worker(client, RECHECK, with_job(page, **{FARM_FIELD: "rural_trainees"}))
    job, checked = job_page(client, response)
    assert job.pk != first.pk and job.kind == "check" and job.state == "done"
    assert job.column_map == {FARM_LABEL: "rural_trainees"}
    result = checked.context["result"]
    assert (result.entries, result.created, result.errors, result.warnings) == (91, 91, 0, 0)
    readings = {c.letter: c.meaning for c in checked.context["columns"]}
    assert readings["I"] == f"{RURAL_VI}: kết quả thực hiện năm 2024 (được lưu)"
    (choice,) = checked.context["map_rows"]
    assert choice.field.value() == "rural_trainees"
    html = checked.content.decode()
    assert 'id="confirm-form"' in html and 'id="rejected"' not in html
    assert f'name="{FARM_FIELD}" value="rural_trainees"' in html
    assert not Actual.objects.exists() and not ColumnMapping.objects.exists()


def test_confirming_imports_the_mapped_column_in_the_worker_and_remembers_it(
    client, town_officer, my_hao_plan, worker
):
    client.force_login(town_officer)
    _first, page = checked_by_worker(client, worker, my_hao_plan)
    _check, checked = job_page(client, worker(
        client, RECHECK, with_job(page, **{FARM_FIELD: "rural_trainees"})))
    response = worker(client, CONFIRM, with_job(checked, **{FARM_FIELD: "rural_trainees"}))
    job, done = job_page(client, response)
    assert job.kind == "import" and job.written
    assert job.column_map == {FARM_LABEL: "rural_trainees"}
    values = farm_values()
    assert values["12121"] == Decimal(130) and len(values) == 13
    assert Actual.objects.count() == 13 * 7
    (remembered,) = ColumnMapping.objects.all()
    assert remembered.issuer == unit_by_code("328")
    assert remembered.indicator.code == "rural_trainees"
    assert remembered.updated_by == town_officer
    assert done.status_code == 302 and done.url == IMPORT
    assert "Đã nhập phu-luc-ii-my-hao.xlsx: tạo mới 91, cập nhật 0" in client.get(
        IMPORT).content.decode()


def test_leaving_the_column_out_imports_the_rest(client, town_officer, my_hao_plan, worker):
    client.force_login(town_officer)
    _first, page = checked_by_worker(client, worker, my_hao_plan)
    _check, checked = job_page(client, worker(
        client, RECHECK, with_job(page, **{FARM_FIELD: IGNORE})))
    assert checked.context["result"].entries == 13 * 6
    worker(client, CONFIRM, with_job(checked, **{FARM_FIELD: IGNORE}))
    assert Actual.objects.count() == 13 * 6 and farm_values() == {}
    assert ColumnMapping.objects.get().indicator is None


def test_without_a_plan_the_mapping_is_remembered_for_the_uploaders_unit(
    client, town_officer, my_hao_plan, worker
):
    """No plan chosen: the worker remembers the mapping for the town officer's own unit,
    as the page does for a small file, and the next large file reads itself with it."""
    client.force_login(town_officer)
    _first, page = checked_by_worker(client, worker)
    _check, checked = job_page(client, worker(
        client, RECHECK, with_job(page, **{FARM_FIELD: "rural_trainees"})))
    worker(client, CONFIRM, with_job(checked, **{FARM_FIELD: "rural_trainees"}))
    remembered = ColumnMapping.objects.get()
    assert (remembered.issuer.code, remembered.indicator.code) == ("328", "rural_trainees")
    Actual.objects.all().delete()

    job, again = checked_by_worker(client, worker)
    assert job.column_map == {}
    result = again.context["result"]
    assert (result.errors, result.created) == (0, 91)
    assert f"Ghép cột theo lần nhập trước: {FARM_LABEL} → {RURAL_VI}." in again.content.decode()


# --- bad choices -------------------------------------------------------------------------------


@pytest.mark.parametrize("choice", ["institutions", "hoc_sinh_nong_nghiep"])
def test_a_choice_outside_the_plans_indicators_is_refused_in_vietnamese(
    client, town_officer, my_hao_plan, worker, choice
):
    """`institutions` is in the catalogue but not in the plan; the other is no code. Neither
    queues a job; the job's page says why."""
    client.force_login(town_officer)
    _first, page = checked_by_worker(client, worker, my_hao_plan)
    refused = vi("“%(value)s” is not an indicator of this plan that you may map a column "
                 "to: choose one from the list.", value=choice)
    for url in (RECHECK, CONFIRM):
        response = worker(client, url, with_job(page, **{FARM_FIELD: choice}))
        assert response.status_code == 200
        assert refused in response.content.decode()
        assert response.context["map_form"].errors
        assert ImportJob.objects.count() == 1
    assert not Actual.objects.exists() and not ColumnMapping.objects.exists()


def test_a_recheck_of_a_large_file_without_its_job_is_refused(
    client, town_officer, my_hao_plan, worker
):
    client.force_login(town_officer)
    _first, page = checked_by_worker(client, worker, my_hao_plan)
    response = worker(client, RECHECK, kept(page, **{FARM_FIELD: "rural_trainees"}))
    assert response.status_code == 302 and response.url == IMPORT
    assert "Không kiểm tra lại được tệp: hãy tải tệp lên lại." in client.get(
        IMPORT).content.decode()
    assert ImportJob.objects.count() == 1


# --- who may ---------------------------------------------------------------------------------


def test_another_user_can_neither_see_nor_use_the_job(
    client, town_officer, my_hao_plan, make_user, officer_31, worker
):
    client.force_login(town_officer)
    job, page = checked_by_worker(client, worker, my_hao_plan)
    choices = with_job(page, **{FARM_FIELD: "rural_trainees"})
    # A reporter of a ward under the town, and an officer of another province.
    for stranger in (make_user("reporter", "12121"), officer_31):
        client.force_login(stranger)
        assert client.get(reverse("reports:import_job", args=[job.pk])).status_code == 404
        for url in (RECHECK, CONFIRM):
            assert worker(client, url, choices).status_code == 404
    assert ImportJob.objects.count() == 1
    assert not Actual.objects.exists() and not ColumnMapping.objects.exists()


def test_a_job_of_another_file_cannot_be_used(client, town_officer, my_hao_plan, worker):
    """The uploader's own job, named with another file's checksum: refused."""
    client.force_login(town_officer)
    job, page = checked_by_worker(client, worker, my_hao_plan)
    choices = {**with_job(page, **{FARM_FIELD: "rural_trainees"}), "checksum": "0" * 64}
    for url in (RECHECK, CONFIRM):
        assert worker(client, url, choices).status_code == 404
    assert ImportJob.objects.count() == 1


def test_anonymous_is_sent_to_log_in(client, town_officer, my_hao_plan, worker):
    client.force_login(town_officer)
    job, page = checked_by_worker(client, worker, my_hao_plan)
    choices = with_job(page, **{FARM_FIELD: "rural_trainees"})
    client.logout()
    for response in (client.get(reverse("reports:import_job", args=[job.pk])),
                     worker(client, RECHECK, choices), worker(client, CONFIRM, choices)):
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert ImportJob.objects.count() == 1 and not Actual.objects.exists()
