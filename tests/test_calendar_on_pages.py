"""The entry page, completeness and progress read the plan's calendar as the reminders and the inbox
do: a period's own deadline (`PeriodCalendar`) replaces the header's yearly one, a
half-year given a deadline has one, and "overdue" follows it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.scope import SYSTEM
from notices.inbox import todo_for
from notices.services import calendar_set
from reports.models import Submission
from reports.progress.selectors import progress_report
from reports.selectors.completeness import completeness
from reports.selectors.entry import open_periods_for
from tests.factories import actual_make, hanoi_2024_header, quotas_make, unit_by_code

pytestmark = pytest.mark.django_db

# hn-2024's header: units by 15/12/2024, consolidation by 31/12/2024. Its calendar moves
# the year to 01/12/2024 (consolidation 20/12/2024) and gives the first half 15/07/2024.
YEAR_DEADLINE = datetime.date(2024, 12, 1)
YEAR_CONSOLIDATION = datetime.date(2024, 12, 20)
HALF_DEADLINE = datetime.date(2024, 7, 15)


def calendar(plan, officer, period: str, deadline: datetime.date,
             consolidation: datetime.date | None = None) -> None:
    calendar_set(plan=plan, period=period, units_deadline=deadline,
                 consolidation_deadline=consolidation, data_cutoff=None,
                 reminder_days="7, 3, 1", overdue_every=7, actor=officer)


@pytest.fixture
def plan(officer_01):
    """hn-2024 with Ba Đình's and Đống Đa's quotas and the calendar above."""
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=unit_by_code("001"))
    quotas_make(plan=plan, unit=unit_by_code("006"))
    calendar(plan, officer_01, "2024", YEAR_DEADLINE, YEAR_CONSOLIDATION)
    calendar(plan, officer_01, "2024S1", HALF_DEADLINE)
    return plan


def test_the_entry_page_shows_the_periods_own_deadlines(client, plan, reporter_001):
    periods = {str(o.period): o for o in open_periods_for(reporter_001)}
    assert periods["2024"].deadline == YEAR_DEADLINE
    assert periods["2024S1"].deadline == HALF_DEADLINE
    client.force_login(reporter_001)
    page = client.get(reverse("reports:entry_home")).content.decode()
    assert "01/12/2024" in page and "15/07/2024" in page
    assert "15/12/2024" not in page  # the header's deadline, replaced


def test_the_entry_page_shows_the_deadline_the_inbox_chases_by(plan, reporter_001):
    entry = {str(o.period): o.deadline for o in open_periods_for(reporter_001)}
    inbox = todo_for(reporter_001, datetime.date(2024, 11, 28)).reporting
    assert {str(item.period): item.deadline for item in inbox} == {"2024": entry["2024"]}


def test_overdue_on_the_entry_page_follows_the_override(officer_01, make_user):
    # A plan of this year whose header deadline (31/12) is ahead, moved to yesterday, for
    # Phường Ba Đình (00004 since 1 July 2025).
    today = timezone.localdate()
    reporter = make_user("reporter", "00004", year=today.year)
    current = hanoi_2024_header(code="hn-now", first_year=today.year, last_year=today.year,
                                units_deadline="12-31")
    quotas_make(plan=current, unit=unit_by_code("00004", year=today.year), year=today.year)

    def this_year():
        [found] = [o for o in open_periods_for(reporter) if str(o.period) == str(today.year)]
        return found

    assert not this_year().is_overdue
    calendar(current, officer_01, str(today.year), today - datetime.timedelta(days=1))
    assert this_year().is_overdue


def test_completeness_is_overdue_after_the_periods_own_deadline(plan):
    # 05/12/2024: past the calendar's 01/12, before the header's 15/12.
    report = completeness(plan, "2024", today=datetime.date(2024, 12, 5))
    assert report.deadline == YEAR_DEADLINE
    assert report.consolidation_deadline == YEAR_CONSOLIDATION
    assert report.overdue == 2
    assert completeness(plan, "2024", today=datetime.date(2024, 12, 1)).overdue == 0


def test_completeness_of_a_half_year_with_a_deadline_of_its_own(plan):
    actual_make("enrol_total", "001", "2024S1", "3100", state=Submission.State.SUBMITTED)
    report = completeness(plan, "2024S1", today=datetime.date(2024, 7, 16))
    assert report.deadline == HALF_DEADLINE
    assert {row.unit.code for row in report.rows if row.overdue} == {"006"}


def test_the_completeness_page_shows_the_calendars_deadlines(client, plan, officer_01):
    client.force_login(officer_01)
    url = reverse("reports:completeness") + "?plan=hn-2024&period=2024"
    page = client.get(url).content.decode()
    assert "01/12/2024" in page and "20/12/2024" in page
    assert "15/12/2024" not in page


def test_progress_calls_a_missing_value_overdue_after_the_periods_own_deadline(plan):
    def statuses(today: datetime.date) -> set[str]:
        report = progress_report(plan=plan, year=2024, user=SYSTEM, today=today,
                                 focus=unit_by_code("01"))
        return {row.assessment.status for row in report.rows if row.unit.code == "006"}

    # Đống Đa has reported nothing: overdue from 02/12, the calendar's day after 01/12.
    assert statuses(datetime.date(2024, 12, 1)) == {"no_data"}
    assert statuses(datetime.date(2024, 12, 5)) == {"overdue"}
