"""Bad input to the API: whatever is sent, a 4xx with a Vietnamese message (English with
Accept-Language: en), never a 500, and nothing written."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from reports.models import Actual, Submission
from tests.factories import (
    bearer,
    hanoi_2024_two_districts,
    submission_make,
    token_make,
    unit_by_code,
)

pytestmark = pytest.mark.django_db
URL = "/api/dataValueSets"


@pytest.fixture
def key(reporter_001):
    hanoi_2024_two_districts()
    return token_make(reporter_001)


def send(client, key, body: bytes | str, *, content_type: str = "application/json",
         url: str = URL, **headers):
    data = body.encode() if isinstance(body, str) else body
    return client.post(url, data, content_type=content_type,
                       headers={**bearer(key), **headers})


def nothing_written() -> bool:
    return not Actual.objects.exists() and not Submission.objects.exists()


def good(**extra) -> dict:
    return {"dataElement": "enrol_total", "period": "2024", "orgUnit": "001", "value": "5100",
            **extra}


@pytest.mark.parametrize(("body", "words"), [
    ('{"dataValues": [', "không phải JSON hợp lệ"),
    ("[1, 2]", "đối tượng JSON"),
    ('{"dataValues": {"dataElement": "enrol_total"}}', "danh sách"),
    ('{"dataValues": [], "overwrite": true}', "overwrite"),
    ('{"dataValues": [{"value": NaN}]}', "không phải JSON hợp lệ"),
    ('{"dataValues": [' + "[" * 50_000 + "]" * 50_000 + "]}", "không phải JSON hợp lệ"),
    ('{"dataValues": [{"value": ' + "9" * 5000 + "}]}", "không phải JSON hợp lệ"),
    ('{"completeDate": "2024-12-15", "dataValues": []}', "submit"),
    ('{"dataSet": ["hn-2024"], "dataValues": []}', "dataSet"),
])
def test_a_set_that_cannot_be_read_is_400(client, key, body, words):
    response = send(client, key, body)
    assert response.status_code == 400
    assert words in response.json()["description"]
    assert response.json()["status"] == "ERROR"
    assert nothing_written()


def test_bytes_that_are_not_utf8_or_carry_nul_are_400(client, key):
    latin = send(client, key, json.dumps({"dataValues": [good(comment="é")]}).encode("latin-1")
                 .replace(b"\\u00e9", "é".encode("latin-1")))
    assert latin.status_code == 400 and "UTF-8" in latin.json()["description"]
    nul = send(client, key, b'{"dataValues": []}\x00')
    assert nul.status_code == 400 and "NUL" in nul.json()["description"]
    assert nothing_written()


def test_wrong_types_and_unknown_fields_of_values_are_conflicts_with_their_index(client, key):
    # Each value of its own indicator, so that none is the same value given twice.
    response = send(client, key, json.dumps({"dataValues": [
        good(),
        good(dataElement="enrol_college", value=True),
        good(dataElement="enrol_intermediate", value=[5100]),
        good(dataElement="enrol_elementary", period=2024.5),
        good(dataElement="rural_trainees", followup="yes"),
        good(dataElement="institutions", Value="5100"),
        "enrol_total,2024,001,5100",
        good(dataElement="key_occupations", comment="ghi chú\u0000"),
    ]}))
    assert response.status_code == 409
    by_index = {}
    for conflict in response.json()["conflicts"]:
        for index in conflict["indexes"]:
            by_index.setdefault(index, []).append(conflict["property"])
    assert 0 not in by_index
    assert by_index[1] == ["value"] and by_index[2] == ["value"]
    assert by_index[3] == ["period"] and by_index[4] == ["followup"]
    assert "Value" in by_index[5] and by_index[6] == ["dataValues"]
    assert by_index[7] == ["comment"]
    assert nothing_written()


@pytest.mark.parametrize(("element", "number", "words"), [
    ("trained_rate", "150", "0"),
    ("enrol_total", "10000000000000", "quá lớn"),
    ("enrol_total", "-1", "âm"),
    ("enrol_total", "1.400,5", "không phải là số"),
    ("enrol_total", "1e5", "không phải là số"),
    ("enrol_total", "9" * 41, "40"),
])
def test_out_of_range_values_are_refused(client, key, element, number, words):
    unit = "01" if element == "trained_rate" else "001"
    response = send(client, key, json.dumps({"dataValues": [
        good(dataElement=element, orgUnit=unit, value=number)]}))
    assert response.status_code == 409
    assert words in response.json()["conflicts"][0]["value"]
    assert nothing_written()


def test_an_oversized_body_is_413(client, key):
    values = [good(comment="x" * 200) for _ in range(20)]
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2000):
        response = send(client, key, json.dumps({"dataValues": values}))
    assert response.status_code == 413
    assert "quá lớn" in response.json()["detail"]
    assert nothing_written()


def test_another_content_type_is_415(client, key):
    response = send(client, key, "enrol_total=5100", content_type="text/plain")
    assert response.status_code == 415
    assert "application/json" in response.json()["description"]


def test_a_nul_in_the_query_string_is_a_json_400(client, key):
    response = client.get(URL, {"dataSet": "hn-2024\x00", "orgUnit": "001"},
                          headers=bearer(key))
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_wrong_parameters_are_400_in_vietnamese_or_english(client, key):
    response = client.get("/api/v1/actuals", {"limit": "nhiều"}, headers=bearer(key))
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "limit", "message": "cần một số nguyên"}]
    english = client.get("/api/v1/actuals", {"limit": "many"},
                         headers={**bearer(key), "Accept-Language": "en"})
    assert english.json()["errors"][0]["message"] == "a whole number is expected"
    missing = client.get(URL, {"orgUnit": "001"}, headers=bearer(key))
    assert missing.status_code == 400
    assert missing.json()["errors"] == [{"field": "dataSet",
                                         "message": "trường này là bắt buộc"}]
    strategy = send(client, key, "{}", url=URL + "?dryRun=perhaps")
    assert strategy.status_code == 400


@pytest.mark.parametrize("body", [b"{reason", b"\xff\xfe{", b"[]", b"null", b'"x"',
                                  b"{" * 100_000])
def test_a_malformed_body_of_an_action_is_400(client, officer_01, key, body):
    submission = submission_make(unit_by_code("001"), "2024", state=Submission.State.SUBMITTED)
    response = client.post(f"/api/v1/submissions/{submission.pk}/return", body,
                           content_type="application/json",
                           headers=bearer(token_make(officer_01)))
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "JSON hợp lệ" in detail or "đối tượng JSON" in detail, detail
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.SUBMITTED


@pytest.mark.parametrize("url", [
    "/api/v1/submissions/99999999999999999999999",
    "/api/v1/submissions/9223372036854775808",
    "/api/v1/actuals?offset=99999999999999999999",
    "/api/v1/actuals?limit=99999999999",
    "/api/v1/progress?plan=hn-2024&year=99999999999",
    "/api/v1/plans?year=99999999999999999999999",
    "/api/v1/units/%FF",
    "/api/v1/plans/" + "x" * 5000,
])
def test_numbers_and_codes_beyond_any_stored_one_are_4xx(client, key, url):
    response = client.get(url, headers=bearer(key))
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
