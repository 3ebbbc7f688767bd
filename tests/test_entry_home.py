"""The reporter's list of periods: the years of plans with targets on their unit."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reports.models import Submission
from reports.selectors.entry import open_periods_for
from tests.factories import hanoi_2024_header, quotas_make, submission_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(ba_dinh):
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=ba_dinh)
    return plan


def test_it_lists_the_year_and_its_first_half_with_the_deadline(plan, ba_dinh, reporter_001):
    submission_make(unit=ba_dinh, period="2024", state=Submission.State.RETURNED)
    periods = open_periods_for(reporter_001)
    assert [(str(o.period), o.unit, o.state) for o in periods] == [
        ("2024", ba_dinh, "returned"),
        ("2024S1", ba_dinh, ""),
    ]
    assert periods[0].deadline == datetime.date(2024, 12, 15)
    assert periods[0].plan_codes == ["hn-2024"]
    assert periods[0].is_open and periods[0].is_overdue
    assert periods[1].deadline is None


def test_the_page_links_each_period_to_its_grid(client, plan, ba_dinh, reporter_001):
    client.force_login(reporter_001)
    response = client.get(reverse("reports:entry_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("reports:entry", args=[ba_dinh.pk, "2024"]) in html
    assert reverse("reports:entry", args=[ba_dinh.pk, "2024S1"]) in html
    assert "15/12/2024" in html


def test_an_approved_period_is_no_longer_open(plan, ba_dinh, reporter_001):
    submission_make(unit=ba_dinh, period="2024", state=Submission.State.APPROVED)
    annual = open_periods_for(reporter_001)[0]
    assert not annual.is_open and not annual.is_overdue


def test_another_districts_reporter_sees_none_of_it(client, plan, make_user):
    client.force_login(make_user("reporter", "006"))
    assert client.get(reverse("reports:entry_home")).context["open_periods"] == []


def test_a_viewer_has_nothing_to_report(plan, make_user):
    assert open_periods_for(make_user("viewer", "001")) == []


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("reports:entry_home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
