"""A report file imported through the API: the importer of the import page, with its
messages by line and column, all or nothing, recorded as an import through the token."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from api.models import ApiToken
from api.services import token_revoke
from districts.scope import SYSTEM
from districts.sources import describe
from reports.models import Actual, ImportBatch
from tests.factories import LONG_VI, bearer, csv_bytes, hanoi_2024_two_districts, token_make

pytestmark = pytest.mark.django_db
URL = "/api/v1/imports"
BA_DINH_FILE = csv_bytes([LONG_VI, ["001", "enrol_total", "2024", "5.100"],
                          ["Ba Đình", "graduates_attracted", "2024", "700"]], delimiter=";")


@pytest.fixture
def plan():
    return hanoi_2024_two_districts()


def upload(client, key, data: bytes = BA_DINH_FILE, **fields):
    file = SimpleUploadedFile("bao-cao-ba-dinh.csv", data, content_type="text/csv")
    return client.post(URL, {"file": file, **fields}, headers=bearer(key))


def test_a_file_is_imported_as_on_the_import_page(client, plan, reporter_001):
    response = upload(client, token_make(reporter_001, name="phần mềm quận"), plan="hn-2024")
    assert response.status_code == 200
    body = response.json()
    assert (body["written"], body["created"], body["errors"]) == (True, 2, 0)
    assert body["summary"] == "created=2 updated=0 unchanged=0 errors=0 warnings=0"
    batch = ImportBatch.objects.get()
    assert batch.file_name == "API (phần mềm quận) bao-cao-ba-dinh.csv"
    assert batch.user == reporter_001
    record = Actual.objects.get(indicator__code="enrol_total").history.get()
    assert describe(record.history_change_reason) == (
        f"Nhập tệp API (phần mềm quận) bao-cao-ba-dinh.csv (#{batch.pk})"
    )
    again = upload(client, token_make(reporter_001)).json()
    assert (again["created"], again["unchanged"]) == (0, 2)


def test_a_dry_run_writes_nothing(client, plan, reporter_001):
    body = upload(client, token_make(reporter_001), dry_run="true").json()
    assert (body["written"], body["created"]) == (False, 2)
    assert not Actual.objects.exists()


def test_a_file_with_an_error_is_refused_whole_with_its_lines(client, plan, reporter_001):
    data = csv_bytes([LONG_VI, ["001", "enrol_total", "2024", "5.100"],
                      ["001", "graduates_attracted", "2024", "bảy trăm"]], delimiter=";")
    response = upload(client, token_make(reporter_001), data)
    assert response.status_code == 409
    problems = response.json()["problems"]
    assert [(p["line"], p["column"], p["level"]) for p in problems] == [(3, "gia_tri", "error")]
    assert "bảy trăm" in problems[0]["message"]
    assert not Actual.objects.exists()


def test_another_citys_officer_cannot_import_ba_dinh(client, plan, officer_31):
    response = upload(client, token_make(officer_31))
    assert response.status_code == 409 and response.json()["errors"] == 2
    assert not Actual.objects.exists()


def test_viewer_read_only_revoked_and_no_token(client, plan, viewer_01, reporter_001):
    assert upload(client, token_make(viewer_01)).status_code == 403
    assert upload(client, token_make(reporter_001, read_only=True)).status_code == 403
    key = token_make(reporter_001)
    token_revoke(token=ApiToken.objects.get(user=reporter_001, read_only=False), actor=SYSTEM)
    assert upload(client, key).status_code == 401
    assert client.post(URL, {}).status_code == 401
    assert not Actual.objects.exists()


def test_a_plan_out_of_sight_is_404_and_no_file_400(client, plan, officer_31, reporter_001):
    assert upload(client, token_make(officer_31), plan="hn-2024").status_code == 404
    missing = client.post(URL, {"plan": "hn-2024"}, headers=bearer(token_make(reporter_001)))
    assert missing.status_code == 400
    assert missing.json()["errors"] == [{"field": "file", "message": "trường này là bắt buộc"}]
