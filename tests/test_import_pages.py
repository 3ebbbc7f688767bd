"""The import page: upload → preview → confirm, error files, and who may do it."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from reports.imports.storage import pending_dir
from reports.models import Actual, ImportBatch
from tests.factories import (
    LONG_VI,
    actual_make,
    csv_bytes,
    hanoi_2024_two_districts,
    to_cp1258,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

IMPORT = reverse("reports:import")
CONFIRM = reverse("reports:import_confirm")


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, settings):
    settings.REPORT_IMPORT_DIR = str(tmp_path / "uploads")


@pytest.fixture(autouse=True)
def english(client, settings):
    """Pages in English: messages are checked in their source text."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def upload(client, data: bytes, name: str = "bao-cao.csv", **fields):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **fields})


def confirm(client, response, **fields):
    form = response.context["confirm"]
    data = {"checksum": form.initial["checksum"], "period": form.initial.get("period", "")}
    return client.post(CONFIRM, {**data, **fields})


BA_DINH_ROWS = [LONG_VI, ["001", "enrol_total", "2024", "1.200"],
                ["00004", "trained_rate", "2024", "74,2"]]


# --- who may ---------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (IMPORT, reverse("reports:import_template"), reverse("reports:export"),
                reverse("reports:import_errors", args=["0" * 64])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.post(CONFIRM).status_code == 302


def test_a_viewer_cannot_import(client, make_user):
    client.force_login(make_user("viewer", "001"))
    assert client.get(IMPORT).status_code == 403
    response = upload(client, csv_bytes(BA_DINH_ROWS, delimiter=";"))
    assert response.status_code == 403
    assert Actual.objects.count() == 0


def test_post_only_and_get_only_endpoints(client, reporter_001):
    client.force_login(reporter_001)
    assert client.get(CONFIRM).status_code == 405
    assert client.post(reverse("reports:import_errors", args=["0" * 64])).status_code == 405
    assert client.post(reverse("reports:export")).status_code == 405
    assert client.post(reverse("reports:import_template")).status_code == 405


def test_the_import_page_shows_the_form(client, reporter_001):
    client.force_login(reporter_001)
    response = client.get(IMPORT)
    assert response.status_code == 200
    assert b'name="file"' in response.content


# --- upload, preview, confirm ---------------------------------------------------------------------


def test_a_reporter_previews_then_confirms(client, reporter_001):
    reporter = reporter_001
    client.force_login(reporter)
    response = upload(client, csv_bytes(BA_DINH_ROWS, delimiter=";", bom=True))
    assert response.status_code == 200
    result = response.context["result"]
    assert result.summary() == "created=2 updated=0 unchanged=0 errors=0 warnings=0"
    assert [o.action for o in response.context["outcomes"]] == ["create", "create"]
    assert "Phường Trúc Bạch" in response.content.decode()
    assert Actual.objects.count() == 0  # a preview writes nothing

    done = confirm(client, response)
    assert done.status_code == 302 and done.url == IMPORT
    assert Actual.objects.count() == 2
    batch = ImportBatch.objects.get()
    assert batch.user == reporter and batch.file_name == "bao-cao.csv"
    assert not list(pending_dir().glob("*.upload"))  # the stored upload is gone


def test_confirming_checks_the_stored_file_again(client, reporter_001):
    client.force_login(reporter_001)
    response = upload(client, csv_bytes(BA_DINH_ROWS, delimiter=";"))
    # Between preview and confirmation someone else approved a different value.
    actual_make("enrol_total", "001", "2024", "1100", state="approved")
    again = confirm(client, response)
    assert again.status_code == 200
    assert "approved, locked" in again.content.decode()
    assert Actual.objects.count() == 1


def test_a_file_with_errors_is_rejected_whole_and_cannot_be_confirmed(client, reporter_001):
    client.force_login(reporter_001)
    rows = [*BA_DINH_ROWS, ["006", "enrol_total", "2024", "900"]]
    response = upload(client, csv_bytes(rows, delimiter=";"))
    assert response.context["result"].errors == 1
    content = response.content.decode()
    assert 'id="confirm-form"' not in content and 'id="error-file"' in content
    assert Actual.objects.count() == 0


def test_warnings_need_a_note_to_be_accepted(client, make_user):
    client.force_login(make_user("officer", "33"))
    rows = [LONG_VI, ["12121", "enrol_total", "2023", "62750"],
            ["12121", "enrol_college", "2023", "1700"],
            ["12121", "enrol_intermediate", "2023", "4200"],
            ["12121", "enrol_elementary", "2023", "56600"]]
    response = upload(client, csv_bytes(rows))
    assert response.context["result"].warnings == 1
    without_note = confirm(client, response)
    assert without_note.status_code == 200 and Actual.objects.count() == 0
    assert without_note.context["confirm"].errors["note"]
    with_note = confirm(client, response, note="Tổng do phường báo cáo, đã kiểm tra")
    assert with_note.status_code == 302 and Actual.objects.count() == 4
    assert ImportBatch.objects.get().note == "Tổng do phường báo cáo, đã kiểm tra"


def test_an_officer_can_submit_while_importing(client, officer_01):
    client.force_login(officer_01)
    response = upload(client, csv_bytes(BA_DINH_ROWS, delimiter=";"))
    assert response.context["may_submit"]
    confirm(client, response, submit_reports="on")
    assert set(Actual.objects.values_list("submission__state", flat=True)) == {"submitted"}


def test_a_wide_file_with_the_period_of_the_form(client, officer_01):
    client.force_login(officer_01)
    data = csv_bytes([["ma_don_vi", "enrol_total"], ["001", "1200"], ["006", "900"]])
    response = upload(client, data, period="2024S1")
    assert response.context["result"].created == 2
    confirm(client, response)
    assert set(Actual.objects.values_list("period", flat=True)) == {"2024S1"}


def test_bad_input_gets_a_clear_message_and_writes_nothing(client, reporter_001):
    client.force_login(reporter_001)
    no_file = client.post(IMPORT, {})
    assert no_file.status_code == 200 and no_file.context["form"].errors["file"]
    wrong = upload(client, b"%PDF-1.4", name="bao-cao.pdf")
    assert wrong.context["form"].errors["file"]
    bad_period = upload(client, csv_bytes(BA_DINH_ROWS), period="2024X9")
    assert bad_period.context["form"].errors["period"]
    assert Actual.objects.count() == 0 and not list(pending_dir().glob("*.upload"))


def test_a_plan_outside_the_users_sight_is_refused(client, make_user):
    plan = hanoi_2024_two_districts()
    client.force_login(make_user("reporter", "33"))  # Hưng Yên: Hà Nội's plan is not theirs
    response = upload(client, csv_bytes(BA_DINH_ROWS), plan=plan.pk)
    assert response.context["form"].errors["plan"]


def test_a_user_cannot_confirm_someone_elses_upload(client, make_user):
    client.force_login(make_user("reporter", "001"))
    response = upload(client, csv_bytes(BA_DINH_ROWS))
    checksum = response.context["confirm"].initial["checksum"]
    client.force_login(make_user("reporter", "001"))
    stolen = client.post(CONFIRM, {"checksum": checksum}, follow=True)
    assert "no longer there" in stolen.content.decode()
    assert client.get(reverse("reports:import_errors", args=[checksum])).status_code == 404
    assert Actual.objects.count() == 0


# --- the error file ---------------------------------------------------------------------


def _error_file(client, response):
    url = reverse("reports:import_errors", args=[response.context["confirm"].initial["checksum"]])
    download = client.get(url)
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    return download


def test_the_error_file_is_the_same_csv_with_an_error_column(client, reporter_001):
    client.force_login(reporter_001)
    rows = [*BA_DINH_ROWS, ["006", "enrol_total", "2024", "900"]]
    response = upload(client, csv_bytes(rows, delimiter=";", bom=True))
    download = _error_file(client, response)
    assert download.content.startswith(b"\xef\xbb\xbf")
    lines = download.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "ma_don_vi;ma_chi_tieu;ky_bao_cao;gia_tri;loi"
    assert lines[1] == "001;enrol_total;2024;1.200;"
    assert lines[3].startswith("006;enrol_total;2024;900;ma_don_vi: ")
    assert 'filename="bao-cao-loi.csv"' in download["Content-Disposition"]


def test_the_error_file_of_a_windows_1258_file_stays_windows_1258(client, reporter_001):
    client.force_login(reporter_001)
    rows = [["ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"],
            ["Quận Đống Đa", "enrol_total", "2024", "900"]]
    response = upload(client, csv_bytes(rows, encoding="cp1258"))
    download = _error_file(client, response)
    assert to_cp1258("Quận Đống Đa") in download.content
    # â + dot below, Đ, ô + acute: the bytes Excel writes for "Quận Đống Đa" in Windows-1258.
    assert b"Qu\xe2\xf2n \xd0\xf4\xecng \xd0a" in download.content
    assert "Quận".encode() not in download.content


def test_the_error_file_of_a_workbook_gets_a_column(client, reporter_001):
    client.force_login(reporter_001)
    data = xlsx_bytes([LONG_VI, ["001", "enrol_total", "2024", 1200],
                       ["001", "enrol_college", "2024", "nhiều"]])
    response = upload(client, data, name="bao-cao.xlsx")
    download = _error_file(client, response)
    sheet = load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("ma_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri", "loi")
    assert rows[1][4] is None
    assert rows[2][4].startswith("gia_tri: ")
    assert sheet["A2"].value == "001" and sheet["A2"].number_format == "@"


def test_a_file_in_english_gets_an_english_error_column(client, reporter_001):
    client.force_login(reporter_001)
    data = csv_bytes([["unit_code", "indicator_code", "period", "value"],
                      ["001", "enrol_total", "2024", "-3"]])
    download = _error_file(client, upload(client, data))
    assert download.content.decode().splitlines()[0].endswith(",error")


def test_an_imported_value_is_shown_with_its_unit(client, reporter_001):
    client.force_login(reporter_001)
    response = upload(client, csv_bytes(BA_DINH_ROWS, delimiter=";"))
    confirm(client, response)
    assert Actual.objects.get(indicator__code="enrol_total").value == Decimal(1200)
