"""Reading through the API: units, indicators, plans, targets with quotas, actual values,
progress and submissions, each within the token user's scope as the pages show it."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from api.models import ApiToken
from api.services import token_revoke
from districts.scope import SYSTEM
from reports.models import Actual, Submission
from tests.factories import (
    actual_make,
    bearer,
    hanoi_2024_with_results,
    submission_make,
    token_make,
    unit_by_code,
)

pytestmark = pytest.mark.django_db

READS = [
    "/api/v1/units",
    "/api/v1/units/01",
    "/api/v1/units/01/children",
    "/api/v1/indicators",
    "/api/v1/plans",
    "/api/v1/plans/hn-2024",
    "/api/v1/plans/hn-2024/targets",
    "/api/v1/actuals?plan=hn-2024",
    "/api/v1/progress?plan=hn-2024&year=2024",
    "/api/v1/submissions",
    "/api/dataValueSets?dataSet=hn-2024&orgUnit=01&children=true",
    "/api/dataValueSets.csv?dataSet=hn-2024&orgUnit=01",
]


def get(client, url, key, **params):
    response = client.get(url, params, headers=bearer(key))
    return response


@pytest.fixture
def plan():
    return hanoi_2024_with_results()


@pytest.mark.parametrize("url", READS)
def test_every_read_needs_a_token_that_is_not_revoked(client, officer_01, plan, url):
    assert client.get(url).status_code == 401
    key = token_make(officer_01)
    assert client.get(url, headers=bearer(key)).status_code == 200
    token_revoke(token=ApiToken.objects.get(user=officer_01), actor=SYSTEM)
    assert client.get(url, headers=bearer(key)).status_code == 401


@pytest.mark.parametrize("url", READS)
def test_a_read_only_token_reads_everything(client, viewer_01, plan, url):
    key = token_make(viewer_01, read_only=True)
    assert client.get(url, headers=bearer(key)).status_code == 200


# --- units and indicators -----------------------------------------------------------------


def test_a_code_is_read_on_its_day(client, officer_01):
    key = token_make(officer_01)
    before = get(client, "/api/v1/units/00004", key, day="2024-01-01").json()
    after = get(client, "/api/v1/units/00004", key, day="2025-07-01").json()
    assert (before["name"], before["parent"]) == ("Phường Trúc Bạch", "001")
    assert (after["name"], after["parent"]) == ("Phường Ba Đình", "01")
    assert before["valid_until"] == "2025-06-30"


def test_units_by_code_search_and_children(client, officer_01):
    key = token_make(officer_01)
    by_code = get(client, "/api/v1/units", key, code="001", day="2024-01-01").json()
    assert [u["name"] for u in by_code] == ["Quận Ba Đình"]
    found = get(client, "/api/v1/units", key, q="dong da").json()
    assert "Quận Đống Đa" in [u["name"] for u in found]
    children = get(client, "/api/v1/units/001/children", key, day="2024-01-01").json()
    assert "Phường Trúc Bạch" in [u["name"] for u in children]
    assert {u["parent"] for u in children} == {"001"}


def test_a_unit_of_another_province_is_404_and_never_listed(client, officer_31):
    key = token_make(officer_31)
    assert get(client, "/api/v1/units/001", key, day="2024-01-01").status_code == 404
    assert get(client, "/api/v1/units/01/children", key).status_code == 404
    assert get(client, "/api/v1/units", key, q="ba dinh").json() == []
    assert [u["code"] for u in get(client, "/api/v1/units", key).json()] == ["31"]


def test_a_reporter_sees_their_district_only(client, reporter_001):
    key = token_make(reporter_001)
    assert [u["code"] for u in get(client, "/api/v1/units", key).json()] == ["001"]
    assert get(client, "/api/v1/units/006", key, day="2024-01-01").status_code == 404


def test_a_bad_day_is_400_in_vietnamese(client, officer_01):
    response = get(client, "/api/v1/units/01", token_make(officer_01), day="01/07/2025")
    assert response.status_code == 400
    assert "không phải là ngày" in response.json()["detail"]


def test_the_catalogue_with_its_links(client, viewer_01):
    indicators = get(client, "/api/v1/indicators", token_make(viewer_01)).json()
    by_code = {i["code"]: i for i in indicators}
    assert len(indicators) == 26
    assert by_code["enrol_college"]["component_of"] == "enrol_total"
    assert by_code["certified_rate"]["part_of"] == "trained_rate"
    assert by_code["trained_rate"]["kind"] == "rate"


# --- plans and targets --------------------------------------------------------------------


def test_plans_as_the_plan_list_shows_them(client, officer_01, officer_31, reporter_001, plan):
    assert [p["code"] for p in get(client, "/api/v1/plans", token_make(officer_01)).json()] == [
        "hn-2024"
    ]
    assert get(client, "/api/v1/plans", token_make(reporter_001)).json()[0]["issuer"] == "01"
    assert get(client, "/api/v1/plans", token_make(officer_31)).json() == []
    assert get(client, "/api/v1/plans/hn-2024", token_make(officer_31)).status_code == 404
    assert get(client, "/api/v1/plans/hn-2024/targets", token_make(officer_31)).status_code == 404


def test_targets_with_the_quotas_below_the_issuer(client, officer_01, plan):
    targets = get(client, "/api/v1/plans/hn-2024/targets", token_make(officer_01)).json()
    own = [t for t in targets if not t["quota"]]
    quotas = [t for t in targets if t["quota"]]
    assert {(t["indicator"], t["value"]) for t in own} >= {("enrol_total", 235000),
                                                           ("trained_rate", 74.2)}
    assert len(quotas) == 30 and sum(t["value"] for t in quotas) == 26934
    assert {t["indicator"] for t in quotas} == {"graduates_attracted"}


def test_a_district_sees_the_citys_targets_and_its_own_quota(client, reporter_001, plan):
    targets = get(client, "/api/v1/plans/hn-2024/targets", token_make(reporter_001)).json()
    assert {t["unit"] for t in targets} == {"01", "001"}
    assert [t["value"] for t in targets if t["quota"]] == [650]


# --- actual values ------------------------------------------------------------------------


def test_actuals_of_a_plan_in_a_subtree_and_period(client, officer_01, plan):
    key = token_make(officer_01)
    page = get(client, "/api/v1/actuals", key, plan="hn-2024", unit="01", subtree="true",
               period="2024").json()
    assert page["count"] == 2
    assert {(a["unit"], a["indicator"], a["value"]) for a in page["results"]} == {
        ("001", "graduates_attracted", 700), ("006", "graduates_attracted", 900),
    }
    alone = get(client, "/api/v1/actuals", key, plan="hn-2024", unit="01").json()
    assert {a["period"] for a in alone["results"]} == {"2024S1"}  # the plan's year only
    assert {a["state"] for a in alone["results"]} == {"approved"}


def test_a_reporter_reads_their_own_values_only(client, reporter_001, plan):
    page = get(client, "/api/v1/actuals", token_make(reporter_001), plan="hn-2024").json()
    assert [(a["unit"], a["value"]) for a in page["results"]] == [("001", 700)]
    other = get(client, "/api/v1/actuals", token_make(reporter_001), unit="006")
    assert other.status_code == 404


def test_drafts_are_seen_where_the_user_may_report_only(client, officer_01, viewer_01, plan):
    # Đống Đa's half-year report is still a draft; its 2024 report is approved.
    actual_make("enrol_total", "006", "2024S1", 5200, state=Submission.State.DRAFT)
    params = {"unit": "006"}
    officer = get(client, "/api/v1/actuals", token_make(officer_01), **params).json()
    viewer = get(client, "/api/v1/actuals", token_make(viewer_01), **params).json()
    assert {a["indicator"] for a in officer["results"]} == {"enrol_total",
                                                            "graduates_attracted"}
    assert [a["indicator"] for a in viewer["results"]] == ["graduates_attracted"]
    approved = get(client, "/api/v1/actuals", token_make(officer_01), basis="approved",
                   **params).json()
    assert [a["indicator"] for a in approved["results"]] == ["graduates_attracted"]


def test_actuals_changed_since(client, officer_01, plan):
    Actual.objects.update(updated_at="2024-01-01T00:00:00+07:00")
    Actual.objects.filter(unit__code="006", period="2024").update(
        updated_at="2024-12-20T09:00:00+07:00"
    )
    page = get(client, "/api/v1/actuals", token_make(officer_01),
               lastUpdated="2024-12-01").json()
    assert [(a["unit"], a["period"]) for a in page["results"]] == [("006", "2024")]
    bad = get(client, "/api/v1/actuals", token_make(officer_01), lastUpdated="hôm qua")
    assert bad.status_code == 400 and "không phải" in bad.json()["detail"]


def test_a_period_in_dhis2s_month_form(client, officer_01, plan):
    actual_make("enrol_total", "01", "2024M07", 150000, state=Submission.State.SUBMITTED)
    page = get(client, "/api/v1/actuals", token_make(officer_01), period="202407").json()
    assert [(a["period"], a["value"]) for a in page["results"]] == [("2024M07", 150000)]


def test_paging_counts_everything_and_returns_a_slice(client, officer_01, plan):
    key = token_make(officer_01)
    first = get(client, "/api/v1/actuals", key, limit=2).json()
    rest = get(client, "/api/v1/actuals", key, limit=2, offset=2).json()
    assert first["count"] == rest["count"] == Actual.objects.count()
    assert len(first["results"]) == 2 and first["results"] != rest["results"]
    assert get(client, "/api/v1/actuals", key, limit=0).status_code == 400


# --- progress -----------------------------------------------------------------------------


def test_progress_rows_are_the_commands(client, officer_01, plan):
    out = io.StringIO()
    call_command("progress", "--plan", "hn-2024", "--year", "2024", "--format", "json",
                 "--today", "2024-12-31", stdout=out)
    rows = get(client, "/api/v1/progress", token_make(officer_01), plan="hn-2024", year=2024,
               today="2024-12-31").json()
    assert rows == json.loads(out.getvalue())
    ba_dinh = next(r for r in rows if r["unit"] == "001")
    assert (ba_dinh["target"], ba_dinh["actual"], ba_dinh["status"]) == (650, 700, "met")


def test_progress_of_one_unit_and_of_a_reporter(client, officer_01, reporter_001, plan):
    one = get(client, "/api/v1/progress", token_make(officer_01), plan="hn-2024", year=2024,
              unit="006").json()
    assert [(r["unit"], r["target"], r["actual"]) for r in one] == [("006", 1050, 900)]
    mine = get(client, "/api/v1/progress", token_make(reporter_001), plan="hn-2024",
               year=2024).json()
    assert {r["unit"] for r in mine} == {"001"}


def test_progress_outside_the_plans_years_or_scope_is_404(client, officer_01, officer_31,
                                                          plan):
    key = token_make(officer_01)
    assert get(client, "/api/v1/progress", key, plan="hn-2024", year=2030).status_code == 404
    assert get(client, "/api/v1/progress", token_make(officer_31), plan="hn-2024",
               year=2024).status_code == 404
    assert get(client, "/api/v1/progress", key, plan="hn-2024", year="x").status_code == 400


# --- submissions --------------------------------------------------------------------------


def test_submissions_with_their_state(client, officer_01, officer_31, reporter_001):
    ba_dinh, dong_da = unit_by_code("001"), unit_by_code("006")
    mine = submission_make(ba_dinh, "2024", state=Submission.State.SUBMITTED)
    submission_make(dong_da, "2024", state=Submission.State.DRAFT)
    officer = get(client, "/api/v1/submissions", token_make(officer_01)).json()
    assert [(s["unit"], s["state"]) for s in officer] == [("001", "submitted"),
                                                          ("006", "draft")]
    waiting = get(client, "/api/v1/submissions", token_make(officer_01), state="submitted")
    assert [s["id"] for s in waiting.json()] == [mine.pk]
    reporter = get(client, "/api/v1/submissions", token_make(reporter_001)).json()
    assert [s["unit"] for s in reporter] == ["001"]
    detail = get(client, f"/api/v1/submissions/{mine.pk}", token_make(reporter_001)).json()
    assert (detail["period"], detail["state"]) == ("2024", "submitted")
    assert get(client, "/api/v1/submissions", token_make(officer_31)).json() == []
    other = get(client, f"/api/v1/submissions/{mine.pk}", token_make(officer_31))
    assert other.status_code == 404
    wrong = get(client, "/api/v1/submissions", token_make(officer_01), state="done")
    assert wrong.status_code == 400 and "draft" in wrong.json()["detail"]
