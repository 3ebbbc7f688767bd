"""A plan's reporting calendar per period: defaults from the plan's header, set by the
issuing unit's officers with dates typed day first."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from notices.calendar import period_deadlines, plan_calendar
from notices.models import PeriodCalendar
from reports.periods import Period
from tests.factories import disu_plan, hanoi_2024_header

pytestmark = pytest.mark.django_db


def _post(**changes) -> dict:
    data = {
        "period": "2024S1",
        "units_deadline": "15/07/2024",
        "consolidation_deadline": "25/07/2024",
        "data_cutoff": "30/06/2024",
        "reminder_days": "5, 2",
        "overdue_every": "3",
    }
    data.update(changes)
    return data


def test_it_takes_each_years_deadlines_from_the_plans_header():
    plan = hanoi_2024_header()
    (year,) = plan_calendar(plan)
    assert year.period == Period(2024)
    assert year.units_deadline == datetime.date(2024, 12, 15)
    assert year.consolidation_deadline == datetime.date(2024, 12, 31)
    assert year.reminder_days == (7, 3, 1)
    assert year.overdue_every == 7
    assert year.is_default


def test_a_plan_over_two_years_has_a_deadline_in_each():
    plan = disu_plan()
    assert [(str(d.period), d.units_deadline) for d in plan_calendar(plan)] == [
        ("2023", datetime.date(2023, 12, 1)),
        ("2024", datetime.date(2024, 12, 1)),
    ]


def test_a_plan_without_deadlines_has_no_calendar():
    plan = hanoi_2024_header(units_deadline="", consolidation_deadline="")
    assert plan_calendar(plan) == []


def test_the_officer_adds_a_half_year_with_dates_typed_day_first(client, officer_01):
    plan = hanoi_2024_header()
    client.force_login(officer_01)
    response = client.post(reverse("notices:calendar", args=[plan.code]), _post())
    assert response.status_code == 302
    half = period_deadlines(plan, Period.parse("2024S1"))
    assert half is not None
    assert half.units_deadline == datetime.date(2024, 7, 15)
    assert half.consolidation_deadline == datetime.date(2024, 7, 25)
    assert half.data_cutoff == datetime.date(2024, 6, 30)
    assert half.reminder_days == (5, 2)
    assert half.overdue_every == 3
    page = client.get(reverse("notices:calendar", args=[plan.code])).content.decode()
    assert "15/07/2024" in page and "30/06/2024" in page
    # The year keeps the header's deadline.
    assert period_deadlines(plan, Period(2024)).units_deadline == datetime.date(2024, 12, 15)


def test_a_stored_year_replaces_the_headers_default(client, officer_01):
    plan = hanoi_2024_header()
    client.force_login(officer_01)
    client.post(
        reverse("notices:calendar", args=[plan.code]),
        _post(period="2024", units_deadline="10/12/2024", consolidation_deadline="",
              data_cutoff="", reminder_days="7,3,1", overdue_every="7"),
    )
    (year,) = plan_calendar(plan)
    assert year.units_deadline == datetime.date(2024, 12, 10)
    assert not year.is_default
    client.post(reverse("notices:calendar_reset", args=[plan.code]), {"period": "2024"})
    (year,) = plan_calendar(plan)
    assert year.units_deadline == datetime.date(2024, 12, 15) and year.is_default


def test_a_month_first_date_is_refused_with_the_day_first_format(client, officer_01):
    plan = hanoi_2024_header()
    client.force_login(officer_01)
    response = client.post(
        reverse("notices:calendar", args=[plan.code]), _post(units_deadline="07/15/2024")
    )
    assert response.status_code == 400
    assert "15/12/2024" in response.content.decode()  # the example of the format
    assert not PeriodCalendar.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field_text"),
    [
        ({"consolidation_deadline": "10/07/2024"}, "trước hạn"),  # before the units' deadline
        ({"period": "2025S1"}, "2025S1"),  # outside the plan's years
        ({"reminder_days": "7, tuần"}, "tuần"),
    ],
)
def test_a_calendar_that_makes_no_sense_is_refused(client, officer_01, changes, field_text):
    plan = hanoi_2024_header()
    client.force_login(officer_01)
    response = client.post(reverse("notices:calendar", args=[plan.code]), _post(**changes))
    assert response.status_code == 400
    assert field_text in response.content.decode()
    assert not PeriodCalendar.objects.exists()


def test_a_viewer_reads_the_calendar_but_cannot_set_it(client, viewer_01):
    plan = hanoi_2024_header()
    client.force_login(viewer_01)
    page = client.get(reverse("notices:calendar", args=[plan.code]))
    assert page.status_code == 200
    assert "15/12/2024" in page.content.decode()
    assert 'name="units_deadline"' not in page.content.decode()
    response = client.post(reverse("notices:calendar", args=[plan.code]), _post())
    assert response.status_code == 403
    assert not PeriodCalendar.objects.exists()


def test_an_officer_of_another_city_does_not_see_it(client, officer_31):
    plan = hanoi_2024_header()
    client.force_login(officer_31)
    assert client.get(reverse("notices:calendar", args=[plan.code])).status_code == 404
    assert client.post(reverse("notices:calendar", args=[plan.code]), _post()).status_code == 404
    assert not PeriodCalendar.objects.exists()


def test_anonymous_is_sent_to_log_in(client):
    plan = hanoi_2024_header()
    response = client.get(reverse("notices:calendar", args=[plan.code]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_editing_a_period_starts_from_its_dates_written_day_first(client, officer_01):
    plan = hanoi_2024_header()
    client.force_login(officer_01)
    page = client.get(reverse("notices:calendar", args=[plan.code]), {"period": "2024"})
    html = page.content.decode()
    assert 'name="units_deadline" value="15/12/2024"' in html
    assert 'name="consolidation_deadline" value="31/12/2024"' in html
    assert 'name="reminder_days" value="7, 3, 1"' in html
