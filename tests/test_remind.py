"""`manage.py remind`: reminders before the deadline, overdue notices after it, officers'
daily digests; once per scheduled day, the latest one only after a skipped day, e-mail off,
a refusing mail server. Hà Nội's 2024 plan, Ba Đình reporting by 15/12/2024."""

from __future__ import annotations

import datetime
import io
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from notices.models import NoticePreference, Notification
from notices.schedule import Due, Kind, due_notice, parse_reminder_days
from plans.models import Plan
from reports.models import Submission
from tests.factories import hanoi_2024_header, quotas_make, submission_make, unit_by_code

D = datetime.date
DEADLINE = D(2024, 12, 15)


# --- the rule, with no database ------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 12, 7), None),  # before the first offset (7 days before is 08/12)
        (D(2024, 12, 8), Due(Kind.REMINDER, D(2024, 12, 8))),
        (D(2024, 12, 11), Due(Kind.REMINDER, D(2024, 12, 8))),  # still that one: sent once
        (D(2024, 12, 12), Due(Kind.REMINDER, D(2024, 12, 12))),
        (D(2024, 12, 14), Due(Kind.REMINDER, D(2024, 12, 14))),
        (D(2024, 12, 15), Due(Kind.REMINDER, D(2024, 12, 14))),  # the deadline itself
        (D(2024, 12, 16), Due(Kind.OVERDUE, D(2024, 12, 16))),  # the first day after
        (D(2024, 12, 22), Due(Kind.OVERDUE, D(2024, 12, 16))),
        (D(2024, 12, 23), Due(Kind.OVERDUE, D(2024, 12, 23))),  # then weekly
        (D(2025, 2, 13), Due(Kind.OVERDUE, D(2025, 2, 10))),  # 60 days after: still chased
        (D(2025, 2, 14), None),  # 61 days after: left alone
    ],
)
def test_it_schedules_reminders_then_weekly_overdue_notices(today, expected):
    assert due_notice(today, DEADLINE) == expected


def test_a_skipped_day_gives_the_latest_reminder_only():
    # Nothing ran from 08/12 to 14/12: on 14/12 the 1-day reminder is due, not the 3-day one.
    assert due_notice(D(2024, 12, 14), DEADLINE) == Due(Kind.REMINDER, D(2024, 12, 14))


def test_reminder_days_are_read_as_written():
    assert parse_reminder_days("7, 3, 1") == (7, 3, 1)
    assert parse_reminder_days("1;14") == (14, 1)
    with pytest.raises(ValueError):
        parse_reminder_days("7, ba")
    assert due_notice(D(2024, 12, 1), DEADLINE, reminder_days=(14, 1)) == Due(
        Kind.REMINDER, D(2024, 12, 1)
    )


# --- the command ---------------------------------------------------------------------------


@pytest.fixture
def plan(db) -> Plan:
    """hn-2024 with Ba Đình's quotas: Ba Đình owes its 2024 report by 15/12/2024."""
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=unit_by_code("001"))
    return plan


@pytest.fixture
def reporter(reporter_001):
    reporter_001.email = "badinh.reporter@example.org"
    reporter_001.first_name, reporter_001.last_name = "Bình", "Lê Văn"
    reporter_001.save()
    return reporter_001


def remind(day: str, *extra: str) -> list[str]:
    out = io.StringIO()
    call_command("remind", "--date", day, *extra, stdout=out)
    return out.getvalue().splitlines()


def test_it_reminds_the_reporter_three_days_before(plan, reporter):
    lines = remind("2024-12-12")
    assert lines[-1] == "reminders=1 overdue=0 digests=0"
    (notice,) = Notification.objects.filter(recipient=reporter)
    assert (notice.kind, notice.day, notice.period) == ("reminder", D(2024, 12, 12), "2024")
    assert notice.plan == plan and notice.unit == unit_by_code("001")
    assert notice.mail_state == Notification.MailState.SENT
    (message,) = mail.outbox
    assert message.to == ["badinh.reporter@example.org"]
    assert message.subject == (
        "Nhắc hạn: báo cáo năm 2024 của Quận Ba Đình cần nộp trước ngày 15/12/2024"
    )
    assert "còn 3 ngày" in message.body
    link = f"http://testserver/reports/entry/{unit_by_code('001').pk}/2024/"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver"


def test_a_second_run_the_same_day_sends_nothing(plan, reporter):
    remind("2024-12-12")
    assert remind("2024-12-12")[-1] == "reminders=0 overdue=0 digests=0"
    assert remind("2024-12-13")[-1] == "reminders=0 overdue=0 digests=0"  # still 12/12's
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_nothing_before_the_first_reminder_day(plan, reporter):
    assert remind("2024-12-07")[-1] == "reminders=0 overdue=0 digests=0"
    assert not mail.outbox


def test_after_skipped_days_only_the_latest_reminder_is_sent(plan, reporter):
    remind("2024-12-08")
    assert remind("2024-12-14")[-1] == "reminders=1 overdue=0 digests=0"
    days = list(Notification.objects.order_by("day").values_list("day", flat=True))
    assert days == [D(2024, 12, 8), D(2024, 12, 14)]  # 12/12 was skipped, not caught up


def test_a_submitted_report_is_not_chased(plan, reporter):
    submission_make(unit_by_code("001"), "2024", state=Submission.State.SUBMITTED)
    assert remind("2024-12-14")[-1] == "reminders=0 overdue=0 digests=0"
    assert remind("2024-12-16")[-1] == "reminders=0 overdue=0 digests=0"
    assert not Notification.objects.filter(recipient=reporter).exists()


def test_a_returned_report_is_chased_with_its_reason(plan, reporter):
    submission_make(unit_by_code("001"), "2024", state=Submission.State.RETURNED,
                    reason="Thiếu số liệu trình độ sơ cấp")
    remind("2024-12-14")
    (message,) = mail.outbox
    assert "Thiếu số liệu trình độ sơ cấp" in message.body


def test_overdue_on_the_first_day_after_then_weekly(plan, reporter):
    assert remind("2024-12-16")[-1] == "reminders=0 overdue=1 digests=0"
    assert "Quá hạn" in mail.outbox[-1].subject and "1 ngày" in mail.outbox[-1].body
    assert remind("2024-12-17")[-1] == "reminders=0 overdue=0 digests=0"
    assert remind("2024-12-22")[-1] == "reminders=0 overdue=0 digests=0"
    assert remind("2024-12-23")[-1] == "reminders=0 overdue=1 digests=0"
    assert "8 ngày" in mail.outbox[-1].body
    assert len(mail.outbox) == 2


def test_more_than_sixty_days_after_the_deadline_it_is_left_alone(plan, reporter):
    assert remind("2025-02-14")[-1] == "reminders=0 overdue=0 digests=0"
    assert remind("2025-02-13")[-1] == "reminders=0 overdue=1 digests=0"


def test_a_draft_plan_chases_nobody(reporter):
    plan = hanoi_2024_header()
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    quotas_make(plan=plan, unit=unit_by_code("001"))
    assert remind("2024-12-12")[-1] == "reminders=0 overdue=0 digests=0"


def test_e_mail_off_keeps_the_notice_in_the_app(plan, reporter):
    NoticePreference.objects.create(user=reporter, email_off=True)
    assert remind("2024-12-12")[-1] == "reminders=1 overdue=0 digests=0"
    assert not mail.outbox
    (notice,) = Notification.objects.filter(recipient=reporter)
    assert notice.mail_state == Notification.MailState.SKIPPED
    assert "15/12/2024" in notice.subject


def test_a_user_who_chose_english_gets_english_mail(plan, reporter):
    NoticePreference.objects.create(user=reporter, language="en")
    remind("2024-12-12")
    assert mail.outbox[0].subject == (
        "Reminder: the report of Quận Ba Đình for year 2024 is due on 15/12/2024"
    )


def test_reporters_of_other_units_are_not_told(plan, reporter, make_user):
    dong_da_reporter = make_user("reporter", "006", email="dongda@example.org")
    hai_phong = make_user("reporter", "31", email="haiphong@example.org")
    remind("2024-12-12")
    assert [m.to for m in mail.outbox] == [["badinh.reporter@example.org"]]
    assert not Notification.objects.filter(recipient__in=[dong_da_reporter, hai_phong])


def test_a_unit_with_a_quota_is_chased_for_its_own_report_only(plan, reporter, make_user):
    dong_da = unit_by_code("006")
    quotas_make(plan=plan, unit=dong_da)
    dong_da_reporter = make_user("reporter", "006", email="dongda@example.org")
    assert remind("2024-12-12")[-1] == "reminders=2 overdue=0 digests=0"
    mine = Notification.objects.get(recipient=reporter)
    theirs = Notification.objects.get(recipient=dong_da_reporter)
    assert mine.unit == unit_by_code("001") and theirs.unit == dong_da
    assert "Ba Đình" in mine.subject and "Đống Đa" not in mine.body


def test_the_officers_get_one_digest_a_day(plan, reporter, officer_01, officer_31, viewer_01):
    officer_01.email = "hanoi.officer@example.org"
    officer_01.save()
    dong_da = unit_by_code("006")
    quotas_make(plan=plan, unit=dong_da)
    submission_make(dong_da, "2024", state=Submission.State.SUBMITTED)
    submission_make(unit_by_code("271"), "2024", state=Submission.State.SUBMITTED,
                    reason="Sai tổng số")  # Ba Vì, returned once and submitted again
    assert remind("2024-12-16")[-1] == "reminders=0 overdue=1 digests=1"
    (digest,) = [m for m in mail.outbox if m.to == ["hanoi.officer@example.org"]]
    assert "2 báo cáo chờ duyệt, 1 quá hạn" in digest.subject
    assert "Quận Đống Đa · Năm 2024" in digest.body
    assert "Huyện Ba Vì · Năm 2024 (nộp lại sau khi bị trả)" in digest.body
    assert "Quận Ba Đình · Năm 2024 · kế hoạch 72/KH-UBND, hạn 15/12/2024" in digest.body
    assert not Notification.objects.filter(recipient__in=[officer_31, viewer_01]).exists()
    assert remind("2024-12-16")[-1] == "reminders=0 overdue=0 digests=0"
    assert remind("2024-12-17")[-1] == "reminders=0 overdue=0 digests=1"  # the next day's


def test_a_dry_run_writes_and_sends_nothing(plan, reporter):
    lines = remind("2024-12-12", "--dry-run")
    assert lines[-1] == "reminders=1 overdue=0 digests=0"
    assert any("badinh.reporter@example.org" in line for line in lines)
    assert not Notification.objects.exists() and not mail.outbox


def test_without_a_date_it_runs_for_today(db, settings):
    from django.utils import timezone

    out = io.StringIO()
    call_command("remind", stdout=out)
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert out.getvalue().splitlines()[0].startswith(
        f"remind {timezone.localdate():%d/%m/%Y}"
    )


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_refusing_mail_server_loses_nothing(plan, reporter):
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": _closed_port(),
        "EMAIL_TIMEOUT": 5,
    }
    out = io.StringIO()
    with override_settings(**smtp), pytest.raises(CommandError, match="1 mail"):
        call_command("remind", "--date", "2024-12-12", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "reminders=1 overdue=0 digests=0"
    assert any(line.startswith("  mail not sent to") for line in lines)
    notice = Notification.objects.get(recipient=reporter)
    assert notice.mail_state == Notification.MailState.FAILED and notice.mail_error
    assert not mail.outbox
    # The server is back: the next run sends the kept mail, and makes no second notice.
    lines = remind("2024-12-13")
    assert "  earlier mails retried: sent=1 failed=0" in lines
    assert lines[-1] == "reminders=0 overdue=0 digests=0"
    (message,) = mail.outbox
    assert "15/12/2024" in message.subject
    notice.refresh_from_db()
    assert notice.mail_state == Notification.MailState.SENT and notice.mail_attempts == 2


def test_the_database_keeps_one_notice_per_key(plan, reporter):
    from django.db import IntegrityError, transaction

    remind("2024-12-12")
    notice = Notification.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=reporter, kind=notice.kind, plan=notice.plan, unit=notice.unit,
            period=notice.period, day=notice.day, subject="again", body="again",
        )


def test_a_deadline_moved_into_the_next_year_is_chased_there(plan, reporter):
    from notices.models import PeriodCalendar

    PeriodCalendar.objects.create(plan=plan, period="2024", units_deadline=D(2025, 1, 20))
    assert remind("2024-12-14")[-1] == "reminders=0 overdue=0 digests=0"  # no longer due
    assert remind("2025-01-17")[-1] == "reminders=1 overdue=0 digests=0"
    assert "20/01/2025" in mail.outbox[0].subject


def test_the_admin_lists_notices_and_their_mail_state(plan, reporter, client, make_user):
    remind("2024-12-12")
    admin_user = make_user(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    page = client.get("/admin/notices/notification/")
    assert page.status_code == 200 and "đã gửi" in page.content.decode()
    assert client.get("/admin/notices/notification/add/").status_code == 403


def test_a_notice_left_pending_by_a_stopped_run_is_mailed_later(plan, reporter):
    from django.utils import timezone

    remind("2024-12-12", "--dry-run")
    notice = Notification.objects.create(
        recipient=reporter, kind="reminder", plan=plan, unit=unit_by_code("001"),
        period="2024", day=D(2024, 12, 12), subject="Nhắc hạn", body="…",
    )
    remind("2024-12-12")  # just made: perhaps another run is mailing it
    assert not mail.outbox
    Notification.objects.filter(pk=notice.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert "  earlier mails retried: sent=1 failed=0" in remind("2024-12-12")
    assert [m.subject for m in mail.outbox] == ["Nhắc hạn"]
