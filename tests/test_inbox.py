"""The to-do list "Việc cần làm" (/inbox/) and the count in the header, for each role, for a
user of another unit, and for anonymous visitors."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notices.inbox import todo_count, todo_for
from notices.models import NoticePreference, Notification, PeriodCalendar
from reports.models import Submission
from tests.factories import (
    hanoi_2024_graduate_quotas,
    hanoi_2024_header,
    plan_make,
    quotas_make,
    submission_make,
    target_make,
    unit_by_code,
)

pytestmark = pytest.mark.django_db

D = datetime.date
REASON = "Thiếu số liệu tuyển sinh sơ cấp"


@pytest.fixture
def plan():
    """hn-2024: Ba Đình and Đống Đa report their 2024 figures by 15/12/2024."""
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=unit_by_code("001"))
    quotas_make(plan=plan, unit=unit_by_code("006"))
    return plan


def _summary(items) -> list[tuple]:
    return [(i.kind, i.unit.code, str(i.period), i.deadline, i.days) for i in items]


# --- what each role has to do, on literal days ---------------------------------------------


def test_a_reporter_sees_the_report_due_with_its_deadline(plan, reporter_001):
    todo = todo_for(reporter_001, D(2024, 12, 12))
    assert _summary(todo.reporting) == [("due", "001", "2024", D(2024, 12, 15), 3)]
    (item,) = todo.reporting
    assert item.link == reverse("reports:entry", args=[item.unit.pk, "2024"])
    assert item.plans == ["72/KH-UBND"]
    assert todo.reviewing == [] and todo.late_units == []


def test_after_the_deadline_it_is_overdue(plan, reporter_001):
    todo = todo_for(reporter_001, D(2024, 12, 16))
    assert _summary(todo.reporting) == [("overdue", "001", "2024", D(2024, 12, 15), 1)]


def test_a_returned_report_shows_the_reason(plan, reporter_001):
    submission_make(unit_by_code("001"), "2024", state=Submission.State.RETURNED, reason=REASON)
    (item,) = todo_for(reporter_001, D(2024, 12, 12)).reporting
    assert (item.kind, item.reason, item.deadline) == ("returned", REASON, D(2024, 12, 15))


def test_a_returned_report_of_a_closed_period_stays_on_the_list(plan, reporter_001):
    submission_make(unit_by_code("001"), "2023", state=Submission.State.RETURNED, reason=REASON)
    todo = todo_for(reporter_001, D(2024, 12, 12))
    assert [(i.kind, str(i.period)) for i in todo.reporting] == [
        ("returned", "2023"), ("due", "2024"),
    ]


def test_a_submitted_report_leaves_the_reporters_list(plan, reporter_001):
    submission_make(unit_by_code("001"), "2024", state=Submission.State.SUBMITTED)
    assert todo_for(reporter_001, D(2024, 12, 16)).count == 0


def test_nothing_is_due_before_the_period_begins(reporter_001):
    plan = plan_make("hn-2025", first_year=2025, status="issued", units_deadline="12-15")
    quotas_make(plan=plan, unit=unit_by_code("001"), year=2025)
    assert todo_for(reporter_001, D(2024, 12, 20)).count == 0


def test_an_officer_sees_reports_to_review_and_units_overdue(plan, officer_01):
    submission_make(unit_by_code("006"), "2024", state=Submission.State.SUBMITTED)
    submission_make(unit_by_code("271"), "2024", state=Submission.State.SUBMITTED,
                    reason="Sai tổng số")
    todo = todo_for(officer_01, D(2024, 12, 16))
    assert sorted((i.kind, i.unit.code) for i in todo.reviewing) == [
        ("resubmitted", "271"), ("review", "006"),
    ]
    assert _summary(todo.late_units) == [("late_unit", "001", "2024", D(2024, 12, 15), 1)]
    (late,) = todo.late_units
    assert late.link == reverse("reports:completeness") + "?plan=hn-2024&period=2024"
    assert todo.reporting == []
    # Before the deadline nobody is late yet.
    assert todo_for(officer_01, D(2024, 12, 15)).late_units == []


def test_the_issuers_own_targets_are_owed_by_the_issuer(officer_01, make_user):
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=unit_by_code("01"))
    hanoi_reporter = make_user("reporter", "01")
    assert _summary(todo_for(hanoi_reporter, D(2024, 12, 12)).reporting) == [
        ("due", "01", "2024", D(2024, 12, 15), 3)
    ]
    assert [i.unit.code for i in todo_for(officer_01, D(2024, 12, 16)).late_units] == ["01"]


def test_a_half_year_from_the_calendar_is_on_the_list(plan, reporter_001):
    PeriodCalendar.objects.create(plan=plan, period="2024S1", units_deadline=D(2024, 7, 15))
    todo = todo_for(reporter_001, D(2024, 7, 10))
    assert _summary(todo.reporting) == [("due", "001", "2024S1", D(2024, 7, 15), 5)]


def test_users_of_other_units_see_nothing_of_these_reports(plan, officer_31, viewer_01,
                                                          make_user):
    submission_make(unit_by_code("006"), "2024", state=Submission.State.SUBMITTED)
    dong_da = make_user("reporter", "006")
    hai_phong = make_user("reporter", "31")
    assert todo_for(officer_31, D(2024, 12, 16)).count == 0
    assert todo_for(viewer_01, D(2024, 12, 16)).count == 0
    assert todo_for(hai_phong, D(2024, 12, 16)).count == 0
    # Đống Đa submitted: its reporter has nothing, and never sees Ba Đình's report.
    assert todo_for(dong_da, D(2024, 12, 16)).count == 0


def test_the_count_is_the_number_of_items(plan, reporter_001, officer_01):
    submission_make(unit_by_code("006"), "2024", state=Submission.State.SUBMITTED)
    for user in (reporter_001, officer_01):
        for day in (D(2024, 12, 12), D(2024, 12, 16)):
            assert todo_count(user, day) == todo_for(user, day).count
    assert todo_count(officer_01, D(2024, 12, 16)) == 2  # Đống Đa to review, Ba Đình late


def _queries(user, day) -> int:
    # A fresh user row, with its memberships read as the header's other parts read them.
    user = type(user).objects.get(pk=user.pk)
    user._memberships_cache = list(user.memberships.select_related("unit"))
    with CaptureQueriesContext(connection) as queries:
        todo_count(user, day)
    return len(queries)


def test_the_headers_count_costs_the_same_for_2_and_for_30_units(officer_01, reporter_001):
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=unit_by_code("001"))
    quotas_make(plan=plan, unit=unit_by_code("006"))
    few = (_queries(officer_01, D(2024, 12, 16)), _queries(reporter_001, D(2024, 12, 16)))
    for code, value in hanoi_2024_graduate_quotas():
        target_make(plan, "graduates_attracted", value, unit=code)
    many = (_queries(officer_01, D(2024, 12, 16)), _queries(reporter_001, D(2024, 12, 16)))
    assert todo_count(officer_01, D(2024, 12, 16)) == 30
    assert few == many
    assert many[0] <= 4 and many[1] <= 4


# --- the page ------------------------------------------------------------------------------


@pytest.fixture
def due_soon(plan):
    """hn-2024's 2024 report, its deadline moved to five days from today (the page reads the
    real today)."""
    PeriodCalendar.objects.create(
        plan=plan, period="2024", units_deadline=timezone.localdate() + datetime.timedelta(days=5)
    )
    return plan


def test_the_reporters_inbox_lists_the_report_and_links_to_it(client, reporter_001, due_soon):
    today = timezone.localdate()
    unit = unit_by_code("001")
    client.force_login(reporter_001)
    page = client.get(reverse("notices:inbox")).content.decode()
    assert "Việc cần làm" in page
    assert f'href="{reverse("reports:entry", args=[unit.pk, "2024"])}"' in page
    deadline = today + datetime.timedelta(days=5)
    assert f"hạn {deadline:%d/%m/%Y}, còn 5 ngày" in page
    assert '<span class="inbox-count" id="inbox-count"' in page


def test_the_header_shows_the_count_on_every_page(client, reporter_001, due_soon):
    client.force_login(reporter_001)
    page = client.get(reverse("plans:list")).content.decode()
    assert 'id="inbox-count" aria-label="1 việc cần làm">1</span>' in page


def test_the_inbox_shows_a_returned_reports_reason(client, reporter_001, plan):
    submission_make(unit_by_code("001"), "2023", state=Submission.State.RETURNED, reason=REASON)
    client.force_login(reporter_001)
    page = client.get(reverse("notices:inbox")).content.decode()
    assert REASON in page and "bị trả lại" in page


def test_the_officers_inbox_links_to_the_report_to_review(client, officer_01, plan):
    submission = submission_make(unit_by_code("006"), "2024", state=Submission.State.SUBMITTED)
    client.force_login(officer_01)
    page = client.get(reverse("notices:inbox")).content.decode()
    assert f'href="{reverse("reports:submission", args=[submission.pk])}"' in page
    assert "Quận Đống Đa" in page and "Chờ bạn duyệt" in page


def test_an_officer_of_another_city_sees_none_of_it(client, officer_31, plan):
    submission_make(unit_by_code("006"), "2024", state=Submission.State.SUBMITTED)
    client.force_login(officer_31)
    page = client.get(reverse("notices:inbox")).content.decode()
    assert "Quận Đống Đa" not in page and 'id="inbox-count"' not in page
    assert "Không có việc cần làm" in page


def test_the_inbox_lists_ones_own_notices_only(client, reporter_001, make_user):
    other = make_user("reporter", "006")
    for user, subject in ((reporter_001, "Báo cáo của Quận Ba Đình (Năm 2024) bị trả lại"),
                          (other, "Báo cáo của Quận Đống Đa (Năm 2024) bị trả lại")):
        Notification.objects.create(recipient=user, kind="returned", day=D(2024, 12, 10),
                                    subject=subject, body=REASON)
    client.force_login(reporter_001)
    page = client.get(reverse("notices:inbox")).content.decode()
    assert "Quận Ba Đình (Năm 2024) bị trả lại" in page
    assert "Quận Đống Đa" not in page
    assert "1 mới" in page
    assert client.get(reverse("notices:mark_read")).status_code == 405
    client.post(reverse("notices:mark_read"))
    assert not Notification.objects.filter(recipient=reporter_001, read_at__isnull=True)
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 1


def test_opening_a_notice_marks_it_alone_read_and_opens_its_page(client, reporter_001):
    entry = reverse("reports:entry_home")
    returned, reminder = (
        Notification.objects.create(recipient=reporter_001, kind=kind, day=D(2024, 12, 10),
                                    subject=subject, body=REASON, link=entry)
        for kind, subject in (("returned", "Báo cáo của Quận Ba Đình (Năm 2024) bị trả lại"),
                              ("reminder", "Còn 3 ngày đến hạn báo cáo Năm 2024"))
    )
    client.force_login(reporter_001)
    opened = client.get(reverse("notices:notice_open", args=[returned.pk]))
    assert opened.status_code == 302 and opened["Location"] == entry
    returned.refresh_from_db()
    reminder.refresh_from_db()
    assert returned.read_at is not None and reminder.read_at is None
    page = client.get(reverse("notices:inbox")).content.decode()
    assert "1 mới" in page


def test_a_notice_without_a_page_or_with_a_foreign_link_opens_the_inbox(client, reporter_001):
    client.force_login(reporter_001)
    for link in ("", "https://example.com/gia-mao", "//example.com/gia-mao"):
        notice = Notification.objects.create(
            recipient=reporter_001, kind="digest", day=D(2024, 12, 10), subject="Tổng hợp",
            body="", link=link)
        opened = client.get(reverse("notices:notice_open", args=[notice.pk]))
        assert opened["Location"] == reverse("notices:inbox")
        notice.delete()


def test_nobody_opens_someone_elses_notice(client, reporter_001, make_user):
    notice = Notification.objects.create(
        recipient=make_user("reporter", "006"), kind="returned", day=D(2024, 12, 10),
        subject="Báo cáo của Quận Đống Đa (Năm 2024) bị trả lại", body=REASON)
    url = reverse("notices:notice_open", args=[notice.pk])
    client.force_login(reporter_001)
    assert client.get(url).status_code == 404
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_person_turns_e_mail_off(client, reporter_001):
    client.force_login(reporter_001)
    response = client.post(reverse("notices:preferences"),
                           {"email_off": "on", "language": "en"})
    assert response.status_code == 302
    preference = NoticePreference.objects.get(user=reporter_001)
    assert preference.email_off and preference.language == "en"


def test_anonymous_visitors_are_sent_to_log_in(client):
    for name in ("notices:inbox", "notices:preferences"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("notices:mark_read"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    page = client.get(reverse("login")).content.decode()
    assert 'id="inbox-link"' not in page
