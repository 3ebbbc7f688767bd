"""Who has reported: the 30 districts of Hà Nội under hn-2024, their states and the overdue."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import Unit
from reports.models import Submission
from reports.selectors.completeness import completeness
from tests.factories import (
    actual_make,
    hanoi_2024_header,
    submission_make,
    target_make,
    unit_by_code,
    vi,
)

pytestmark = pytest.mark.django_db

State = Submission.State


def districts_of_hanoi_2024() -> list[Unit]:
    return list(unit_by_code("01").children.valid_on(datetime.date(2024, 1, 1)).order_by("code"))


def plan_with_quotas(units, code="hn-2024") -> object:
    plan = hanoi_2024_header(code=code)
    for unit in units:
        target_make(plan, "graduates_attracted", "900", unit=unit, wording="900 người")
    return plan


@pytest.fixture
def officer(client, officer_01):
    user = officer_01
    client.force_login(user)
    return user


@pytest.fixture
def plan():
    return plan_with_quotas(districts_of_hanoi_2024())


@pytest.fixture
def states(plan):
    """Ba Đình approved, Hoàn Kiếm returned, Đống Đa submitted, Tây Hồ a value typed only."""
    submission_make(unit=unit_by_code("001"), period="2024", state=State.APPROVED)
    submission_make(unit=unit_by_code("002"), period="2024", state=State.RETURNED)
    submission_make(
        unit=unit_by_code("006"),
        period="2024",
        state=State.SUBMITTED,
        submitted_at=datetime.datetime(2024, 12, 10, 9, 0, tzinfo=datetime.UTC),
    )
    actual_make("graduates_attracted", unit_by_code("003"), "2024", "870")


def url(plan_code="hn-2024", period="2024"):
    return reverse("reports:completeness") + f"?plan={plan_code}&period={period}"


def test_it_sends_anonymous_visitors_to_log_in(client, plan):
    response = client.get(url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_lists_the_30_districts_with_their_state(client, plan, states, officer):
    response = client.get(url())
    assert response.status_code == 200
    report = response.context["report"]
    assert report.total == 30
    by_code = {row.unit.code: row for row in report.rows}
    assert by_code["001"].state == State.APPROVED
    assert by_code["002"].state == State.RETURNED
    assert by_code["006"].state == State.SUBMITTED
    assert by_code["003"].state == State.DRAFT  # a value without a submission
    assert by_code["004"].state == ""
    assert report.counts == {"draft": 1, "submitted": 1, "returned": 1, "approved": 1, "": 26}
    html = response.content.decode()
    assert vi("%(covered)s/%(total)s units given a target have submitted",
              covered=2, total=30) in html
    assert "Quận Long Biên" in html and "15/12/2024" in html


def test_units_that_have_not_submitted_after_the_deadline_are_overdue(
    client, plan, states, officer
):
    report = client.get(url()).context["report"]
    overdue = {row.unit.code for row in report.rows if row.overdue}
    assert len(overdue) == 28
    assert "001" not in overdue and "006" not in overdue
    assert {"002", "003", "004"} <= overdue
    html = client.get(url()).content.decode()
    assert 'data-code="004" data-state="none" class="overdue"' in html
    assert html.count('class="overdue"') == 28


def test_nobody_is_overdue_before_the_deadline(plan, states):
    report = completeness(plan, "2024", today=datetime.date(2024, 12, 15))
    assert report.overdue == 0
    assert completeness(plan, "2024", today=datetime.date(2024, 12, 16)).overdue == 28


def test_the_half_year_has_no_deadline_of_its_own(plan, states):
    report = completeness(plan, "2024S1", today=datetime.date(2025, 1, 1))
    assert report.deadline is None and report.overdue == 0
    assert report.done == 0


def test_without_quotas_the_issuer_reports_its_own_targets():
    # As progress counts: the units given a target just below the issuer, else the
    # issuer itself; a plan giving nobody a target that year asks nobody for a report.
    plan = hanoi_2024_header(code="hn-2026", first_year=2026, last_year=2026)
    assert completeness(plan, "2026").total == 0
    target_make(plan, "enrol_total", "240000", year=2026)
    report = completeness(plan, "2026")
    assert [row.unit.code for row in report.rows] == ["01"]


def test_the_page_costs_the_same_queries_for_3_and_for_30_units(client, officer):
    districts = districts_of_hanoi_2024()
    plan_with_quotas(districts[:3], code="hn-three")
    plan_with_quotas(districts, code="hn-thirty")
    for unit in districts[::2]:
        submission_make(unit=unit, period="2024", state=State.SUBMITTED)
    client.get(url("hn-three"))  # the session and the user are loaded once
    counts = {}
    for code in ("hn-three", "hn-thirty"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(code))
        assert response.status_code == 200
        counts[code] = len(queries)
    assert response.context["report"].total == 30
    assert counts["hn-three"] == counts["hn-thirty"]


def test_reporters_cannot_open_it(client, plan, reporter_001):
    client.force_login(reporter_001)
    assert client.get(url()).status_code == 403


def test_an_officer_of_another_province_cannot_see_the_plan(client, plan, officer_31):
    client.force_login(officer_31)
    assert client.get(url()).status_code == 404


def test_a_bad_period_is_explained(client, plan, officer):
    response = client.get(url(period="2024H1"))
    assert response.status_code == 400
    message = "“%(text)s” is not a reporting period: write 2024, 2024S1, 2024Q3 or 2024M07."
    assert vi(message, text="2024H1") in response.content.decode()
    response = client.get(url(period="2019"))
    assert response.status_code == 400
    message = "The plan covers %(first)s–%(last)s; %(period)s is outside its years."
    expected = vi(message, first=2024, last=2024, period="2019")
    assert expected in response.content.decode()


def test_an_unknown_plan_is_not_found(client, plan, officer):
    assert client.get(url(plan_code="khong-co")).status_code == 404


def test_it_only_takes_gets(client, plan, officer):
    assert client.post(url()).status_code == 405
