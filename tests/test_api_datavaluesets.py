"""DHIS2's dataValueSets through the API: a set is checked whole and written through the
entry page's door, or refused whole with every conflict; an unchanged value is ignored,
so a set posted twice changes nothing; JSON and CSV round trips change nothing."""

from __future__ import annotations

import json

import pytest

from api.models import ApiToken
from api.services import token_revoke
from districts.scope import SYSTEM
from districts.sources import describe
from reports.models import Actual, Submission
from reports.services import actuals_save
from reports.workflow import lock_message, write_lock
from tests.factories import (
    actual_make,
    bearer,
    hanoi_2024_two_districts,
    row,
    token_make,
    unit_by_code,
    vi,
)

pytestmark = pytest.mark.django_db
URL = "/api/dataValueSets"
CSV_HEADER = ("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,"
              "storedby,lastupdated,comment,followup")


@pytest.fixture
def plan():
    return hanoi_2024_two_districts()


def value(element: str, unit: str, number, period: str = "2024", **extra) -> dict:
    return {"dataElement": element, "period": period, "orgUnit": unit, "value": number,
            **extra}


def post(client, key, values, *, data_set: str | None = "hn-2024", query: str = "",
         url: str = URL):
    body: dict = {"dataValues": values}
    if data_set:
        body["dataSet"] = data_set
    return client.post(url + query, json.dumps(body), content_type="application/json",
                       headers=bearer(key))


def post_csv(client, key, text: str, *, query: str = ""):
    return client.post(URL + query, text.encode(), content_type="text/csv",
                       headers=bearer(key))


def stored(unit: str = "001", period: str = "2024") -> dict[str, Actual]:
    actuals = Actual.objects.filter(unit=unit_by_code(unit, year=int(period[:4])),
                                    period=period)
    return {a.indicator.code: a for a in actuals.select_related("indicator")}


BA_DINH = [value("enrol_total", "001", "5100", comment="Theo báo cáo quý 4"),
           value("graduates_attracted", "001", 700)]


def test_a_set_is_written_through_the_entry_pages_door(client, plan, reporter_001):
    response = post(client, token_make(reporter_001, name="phần mềm quận"), BA_DINH)
    assert response.status_code == 200
    summary = response.json()
    assert summary["status"] == "SUCCESS"
    assert summary["importCount"] == {"imported": 2, "updated": 0, "ignored": 0, "deleted": 0}
    assert summary["conflicts"] == []
    values = stored()
    assert (values["enrol_total"].value, values["enrol_total"].note) == (5100,
                                                                         "Theo báo cáo quý 4")
    assert values["graduates_attracted"].origin == Actual.Origin.API
    record = values["enrol_total"].history.get()
    assert (describe(record.history_change_reason), record.history_user) == (
        "API (phần mềm quận)", reporter_001
    )
    # Into the unit's report of the period, as a draft.
    assert values["enrol_total"].submission.state == Submission.State.DRAFT


def test_posting_the_same_set_twice_changes_nothing(client, plan, reporter_001):
    key = token_make(reporter_001)
    post(client, key, BA_DINH)
    versions = {code: a.version for code, a in stored().items()}
    again = post(client, key, BA_DINH).json()
    assert again["importCount"] == {"imported": 0, "updated": 0, "ignored": 2, "deleted": 0}
    assert {code: a.version for code, a in stored().items()} == versions
    assert Actual.history.count() == 2


def test_a_dry_run_counts_and_writes_nothing(client, plan, reporter_001):
    response = post(client, token_make(reporter_001), BA_DINH, query="?dryRun=true")
    assert response.status_code == 200
    assert response.json()["importCount"]["imported"] == 2
    assert response.json()["importOptions"]["dryRun"] is True
    assert "không ghi" in response.json()["description"]
    assert stored() == {} and not Submission.objects.exists()


def test_one_unknown_unit_one_non_number_one_unknown_indicator_refuse_the_set(
    client, plan, reporter_001
):
    response = post(client, token_make(reporter_001), [
        value("enrol_total", "001", "5100"),
        value("graduates_attracted", "99999", "700"),
        value("graduates_attracted", "001", "bảy trăm"),
        value("enrol_everything", "001", "12"),
    ])
    assert response.status_code == 409
    summary = response.json()
    assert summary["status"] == "ERROR"
    assert summary["importCount"] == {"imported": 0, "updated": 0, "ignored": 0, "deleted": 0}
    conflicts = {c["indexes"][0]: c for c in summary["conflicts"]}
    assert len(summary["conflicts"]) == 3 and set(conflicts) == {1, 2, 3}
    assert (conflicts[1]["object"], conflicts[1]["property"], conflicts[1]["errorCode"]) == (
        "99999", "orgUnit", "E7612")
    assert (conflicts[2]["property"], conflicts[2]["errorCode"]) == ("value", "E7619")
    assert (conflicts[3]["object"], conflicts[3]["property"]) == ("enrol_everything",
                                                                  "dataElement")
    assert "Không có đơn vị" in conflicts[1]["value"]
    assert "không phải là số" in conflicts[2]["value"]
    assert "Không có chỉ tiêu" in conflicts[3]["value"]
    # The good value was not written either.
    assert stored() == {} and not Submission.objects.exists()


def test_conflicts_in_english_with_accept_language(client, plan, reporter_001):
    response = client.post(URL, json.dumps({"dataValues": [value("x", "001", "1")]}),
                           content_type="application/json",
                           headers={**bearer(token_make(reporter_001)), "Accept-Language": "en"})
    assert response.json()["conflicts"][0]["value"] == 'There is no indicator with the code “x”.'


def test_a_value_the_entry_page_refuses_is_a_conflict_with_its_message(client, plan,
                                                                       reporter_001):
    response = post(client, token_make(reporter_001), [
        value("graduates_attracted", "001", "-5"), value("enrol_total", "001", "12.5"),
    ])
    assert response.status_code == 409
    messages = {c["object"]: c["value"] for c in response.json()["conflicts"]}
    assert set(messages) == {"graduates_attracted", "enrol_total"}
    assert stored() == {}


def test_dhis2s_month_form(client, plan, officer_01):
    response = post(client, token_make(officer_01), [value("enrol_total", "001", "2400",
                                                           period="202407")])
    assert response.status_code == 200
    assert stored(period="2024M07")["enrol_total"].value == 2400


def test_a_code_is_read_in_the_periods_era(client, officer_01, reporter_001):
    key = token_make(officer_01)
    assert post(client, key, [value("enrol_total", "00004", "120", period="2024"),
                              value("enrol_total", "00004", "130", period="2025")],
                data_set=None).status_code == 200
    assert Actual.objects.get(period="2024").unit.name == "Phường Trúc Bạch"
    assert Actual.objects.get(period="2025").unit.name == "Phường Ba Đình"
    # Quận Ba Đình no longer exists at the end of 2025: its reporter cannot use it.
    refused = post(client, token_make(reporter_001), [value("enrol_total", "001", "1",
                                                            period="2025")], data_set=None)
    assert refused.json()["conflicts"][0]["errorCode"] == "E7612"


def test_a_changed_value_is_updated_and_keeps_its_note(client, plan, reporter_001):
    actuals_save(unit=unit_by_code("001"), period="2024", actor=reporter_001,
                 source="entry page", rows={"enrol_total": row("5.000", note="ước tính")})
    response = post(client, token_make(reporter_001), [value("enrol_total", "001", "5200")])
    assert response.json()["importCount"]["updated"] == 1
    actual = stored()["enrol_total"]
    assert (actual.value, actual.note, actual.version) == (5200, "ước tính", 2)


def test_an_approved_report_is_locked(client, plan, reporter_001):
    actual_make("enrol_total", "001", "2024", 5000, state=Submission.State.APPROVED)
    response = post(client, token_make(reporter_001), [value("enrol_total", "001", "5300")])
    assert response.status_code == 409
    conflict = response.json()["conflicts"][0]
    assert (conflict["errorCode"], conflict["indexes"]) == ("E7630", [0])
    assert conflict["value"] == vi(lock_message(write_lock(Submission.State.APPROVED,
                                                           manages=False)), html=False)
    assert stored()["enrol_total"].value == 5000
    # The same value again is no change, whatever the state.
    same = post(client, token_make(reporter_001), [value("enrol_total", "001", "5000")])
    assert same.status_code == 200 and same.json()["importCount"]["ignored"] == 1


def test_a_warning_needs_a_comment(client, plan, reporter_001):
    levels = [value("enrol_college", "001", "1400"), value("enrol_intermediate", "001", "1600"),
              value("enrol_elementary", "001", "2000")]
    refused = post(client, token_make(reporter_001), [value("enrol_total", "001", "6000"),
                                                      *levels])
    assert refused.status_code == 409
    conflict = refused.json()["conflicts"][0]
    assert (conflict["object"], conflict["property"], conflict["errorCode"]) == (
        "enrol_total", "comment", "E7631")
    assert "5.000" in conflict["value"]  # the levels add up to 5.000
    answered = post(client, token_make(reporter_001), [
        value("enrol_total", "001", "6000", comment="Có 1.000 học viên ngắn hạn chưa phân loại"),
        *levels,
    ])
    assert answered.status_code == 200


def test_import_strategies(client, plan, reporter_001):
    key = token_make(reporter_001)
    post(client, key, [value("enrol_total", "001", "5000")])
    create = post(client, key, [value("enrol_total", "001", "5100")],
                  query="?importStrategy=CREATE")
    assert create.status_code == 409 and create.json()["conflicts"][0]["errorCode"] == "E7622"
    update = post(client, key, [value("graduates_attracted", "001", "700")],
                  query="?importStrategy=UPDATE")
    assert update.status_code == 409
    assert stored()["enrol_total"].value == 5000 and "graduates_attracted" not in stored()
    delete = post(client, key, [value("enrol_total", "001", "1")],
                  query="?importStrategy=DELETE")
    assert delete.status_code == 400


def test_a_period_outside_the_plan_and_a_value_given_twice(client, plan, reporter_001):
    response = post(client, token_make(reporter_001), [
        value("enrol_total", "001", "5000", period="2023"),
        value("graduates_attracted", "001", "700"),
        value("graduates_attracted", "001", "710"),
    ])
    conflicts = response.json()["conflicts"]
    assert [(c["property"], c["indexes"]) for c in conflicts] == [
        ("period", [0]), ("dataElement", [1, 2]),
    ]


# --- who may post -------------------------------------------------------------------------


def test_another_citys_officer_cannot_see_the_unit(client, plan, officer_31):
    response = post(client, token_make(officer_31), BA_DINH, data_set=None)
    assert response.status_code == 409
    assert {c["errorCode"] for c in response.json()["conflicts"]} == {"E7612"}
    assert stored() == {}


def test_a_reporter_cannot_post_for_another_district(client, plan, reporter_001):
    response = post(client, token_make(reporter_001), [value("graduates_attracted", "006",
                                                             "900")])
    assert response.json()["conflicts"][0]["errorCode"] == "E7612"


def test_a_viewer_read_only_revoked_and_no_token(client, plan, viewer_01, reporter_001):
    assert post(client, token_make(viewer_01), BA_DINH).status_code == 403
    read_only = post(client, token_make(reporter_001, read_only=True), BA_DINH)
    assert read_only.status_code == 403
    assert read_only.json()["detail"] == vi(
        "This token is read-only: it cannot change anything.", html=False)
    key = token_make(reporter_001)
    token_revoke(token=ApiToken.objects.get(user=reporter_001, read_only=False), actor=SYSTEM)
    assert post(client, key, BA_DINH).status_code == 401
    assert client.post(URL, "{}", content_type="application/json").status_code == 401
    assert stored() == {}


def test_an_officer_enters_values_for_a_district(client, plan, officer_01):
    assert post(client, token_make(officer_01), BA_DINH).status_code == 200
    assert set(stored()) == {"enrol_total", "graduates_attracted"}


# --- reading and round trips ----------------------------------------------------------------


def test_get_returns_the_values_the_token_may_see(client, plan, officer_01, reporter_001):
    post(client, token_make(reporter_001), BA_DINH)
    actual_make("graduates_attracted", "006", "2024", 900, state=Submission.State.SUBMITTED)
    actual_make("it_skills_rate", "006", "2024", "40")  # no target in the plan: not its data
    key = token_make(officer_01)
    data = client.get(URL, {"dataSet": "hn-2024", "orgUnit": "01", "children": "true",
                            "period": "2024"}, headers=bearer(key)).json()
    assert data["dataSet"] == "hn-2024"
    assert sorted((v["orgUnit"], v["dataElement"], v["value"]) for v in data["dataValues"]) == [
        ("001", "enrol_total", "5100"), ("001", "graduates_attracted", "700"),
        ("006", "graduates_attracted", "900"),
    ]
    first = data["dataValues"][0]
    assert first["categoryOptionCombo"] == "default" and first["storedBy"] == \
        reporter_001.username
    alone = client.get(URL, {"dataSet": "hn-2024", "orgUnit": "01"}, headers=bearer(key))
    assert alone.json()["dataValues"] == []
    mine = client.get(URL, {"dataSet": "hn-2024", "orgUnit": "001"},
                      headers=bearer(token_make(reporter_001)))
    assert len(mine.json()["dataValues"]) == 2
    other = client.get(URL, {"dataSet": "hn-2024", "orgUnit": "006"},
                       headers=bearer(token_make(reporter_001)))
    assert other.status_code == 404


def test_get_since_a_time_and_only_by_code(client, plan, officer_01):
    post(client, token_make(officer_01), BA_DINH)
    Actual.objects.filter(indicator__code="enrol_total").update(
        updated_at="2024-01-01T00:00:00+07:00")
    key = token_make(officer_01)
    data = client.get(URL, {"dataSet": "hn-2024", "orgUnit": "001",
                            "lastUpdated": "2024-06-01"}, headers=bearer(key)).json()
    assert [v["dataElement"] for v in data["dataValues"]] == ["graduates_attracted"]
    uid = client.get(URL, {"dataSet": "hn-2024", "orgUnit": "001", "idScheme": "uid"},
                     headers=bearer(key))
    assert uid.status_code == 400 and "idScheme=code" in uid.json()["detail"]


def test_the_csv_export_has_dhis2s_columns(client, plan, reporter_001):
    key = token_make(reporter_001)
    post(client, key, BA_DINH)
    response = client.get(URL + ".csv", {"dataSet": "hn-2024", "orgUnit": "001"},
                          headers=bearer(key))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == CSV_HEADER
    assert lines[1].startswith("enrol_total,2024,001,default,default,5100,")
    assert lines[1].endswith(",Theo báo cáo quý 4,false")


@pytest.mark.parametrize("form", ["json", "csv"])
def test_a_round_trip_changes_nothing(client, plan, reporter_001, form):
    key = token_make(reporter_001)
    post(client, key, [BA_DINH[0], value("graduates_attracted", "001", "700",
                                         comment="=SUM(A1) là công thức")])
    before = {code: (a.value, a.note, a.version) for code, a in stored().items()}
    exported = client.get(f"{URL}.{form}", {"dataSet": "hn-2024", "orgUnit": "001"},
                          headers=bearer(key))
    if form == "json":
        response = client.post(URL, exported.content, content_type="application/json",
                               headers=bearer(key))
    else:
        response = post_csv(client, key, exported.content.decode())
    assert response.status_code == 200, response.json()
    assert response.json()["importCount"] == {"imported": 0, "updated": 0, "ignored": 2,
                                              "deleted": 0}
    assert {code: (a.value, a.note, a.version) for code, a in stored().items()} == before


def test_a_csv_set_with_a_header_in_dhis2s_order(client, plan, reporter_001):
    text = (f"{CSV_HEADER}\n"
            "enrol_total,2024,001,default,default,5100,,,Theo báo cáo,false\n"
            "graduates_attracted,2024,001,,,700\n")
    response = post_csv(client, token_make(reporter_001), text)
    assert response.status_code == 200
    assert response.json()["importCount"]["imported"] == 2
    assert stored()["enrol_total"].note == "Theo báo cáo"
    short = post_csv(client, token_make(reporter_001), "enrol_total,2024,001\n")
    assert short.status_code == 409 and short.json()["conflicts"][0]["indexes"] == [0]
