"""Instant notices: a report returned (with the reason), approved or reopened is told to
its unit's reporters at once, in the app and by mail, and only once the change commits."""

from __future__ import annotations

import io
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from notices.models import Notification
from reports.models import Submission
from reports.services import SOURCE_REVIEW, submission_approve, submission_reopen, submission_return
from tests.factories import submission_make, unit_by_code

pytestmark = pytest.mark.django_db

REASON = "Số học sinh trung cấp chưa khớp với tổng số"


@pytest.fixture
def reporter(reporter_001):
    reporter_001.email = "badinh.reporter@example.org"
    reporter_001.save()
    return reporter_001


@pytest.fixture
def submitted():
    return submission_make(unit_by_code("001"), "2024", state=Submission.State.SUBMITTED)


def test_a_returned_report_tells_its_reporter_with_the_reason(
    client, officer_01, reporter, submitted, django_capture_on_commit_callbacks
):
    client.force_login(officer_01)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:submission_return", args=[submitted.pk]), {"reason": REASON}
        )
    assert response.status_code == 302
    (notice,) = Notification.objects.filter(recipient=reporter)
    assert notice.kind == "returned"
    assert notice.subject == "Báo cáo năm 2024 của Quận Ba Đình bị trả lại"
    assert REASON in notice.body
    assert notice.link == reverse("reports:entry", args=[submitted.unit_id, "2024"])
    (message,) = mail.outbox
    assert message.to == ["badinh.reporter@example.org"] and REASON in message.body
    assert notice.mail_state == Notification.MailState.SENT


def test_no_mail_leaves_before_the_change_commits(
    officer_01, reporter, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission_return(submission=submitted, actor=officer_01, reason=REASON,
                          source=SOURCE_REVIEW)
    assert not mail.outbox  # not committed yet
    assert len(callbacks) == 1


def test_a_rolled_back_change_notifies_nobody(
    officer_01, reporter, submitted, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        submission_return(submission=submitted, actor=officer_01, reason=REASON,
                          source=SOURCE_REVIEW)
        raise RuntimeError("the request failed after the return")
    assert callbacks == []
    assert not Notification.objects.exists() and not mail.outbox
    submitted.refresh_from_db()
    assert submitted.state == Submission.State.SUBMITTED


def test_approved_and_reopened_are_told_too(
    officer_01, reporter, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approved = submission_approve(submission=submitted, actor=officer_01,
                                      source=SOURCE_REVIEW)
        submission_reopen(submission=approved, actor=officer_01,
                          reason="Cập nhật số liệu cuối năm", source=SOURCE_REVIEW)
    kinds = list(Notification.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["approved", "reopened"]
    assert [m.subject for m in mail.outbox] == [
        "Báo cáo năm 2024 của Quận Ba Đình đã được duyệt",
        "Báo cáo năm 2024 của Quận Ba Đình được mở lại",
    ]
    assert "Cập nhật số liệu cuối năm" in mail.outbox[1].body


def test_two_returns_the_same_day_are_two_notices(
    officer_01, reporter, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(submission=submitted, actor=officer_01, reason=REASON,
                          source=SOURCE_REVIEW)
        Submission.objects.filter(pk=submitted.pk).update(state=Submission.State.SUBMITTED)
        submitted.refresh_from_db()
        submission_return(submission=submitted, actor=officer_01, reason="Lần hai",
                          source=SOURCE_REVIEW)
    assert Notification.objects.filter(recipient=reporter, kind="returned").count() == 2


def test_only_the_units_own_reporters_are_told(
    officer_01, reporter, submitted, make_user, django_capture_on_commit_callbacks
):
    dong_da = make_user("reporter", "006", email="dongda@example.org")
    hanoi_reporter = make_user("reporter", "01", email="hanoi.reporter@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(submission=submitted, actor=officer_01, reason=REASON,
                          source=SOURCE_REVIEW)
    assert [m.to for m in mail.outbox] == [["badinh.reporter@example.org"]]
    assert not Notification.objects.filter(recipient__in=[dong_da, hanoi_reporter, officer_01])


def test_a_refused_mail_is_sent_by_the_next_remind_run(
    officer_01, reporter, submitted, django_capture_on_commit_callbacks
):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    smtp = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": port, "EMAIL_TIMEOUT": 5}
    with override_settings(**smtp), django_capture_on_commit_callbacks(execute=True):
        submission_return(submission=submitted, actor=officer_01, reason=REASON,
                          source=SOURCE_REVIEW)
    notice = Notification.objects.get(recipient=reporter)
    assert notice.mail_state == Notification.MailState.FAILED
    submitted.refresh_from_db()
    assert submitted.state == Submission.State.RETURNED  # the return itself stands
    out = io.StringIO()
    call_command("remind", "--date", "2024-12-01", stdout=out)
    assert "  earlier mails retried: sent=1 failed=0" in out.getvalue().splitlines()
    (message,) = mail.outbox
    assert REASON in message.body


def test_a_refusing_server_makes_remind_fail_loudly(
    officer_01, reporter, submitted, django_capture_on_commit_callbacks
):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    smtp = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": port, "EMAIL_TIMEOUT": 5}
    with override_settings(**smtp):
        with django_capture_on_commit_callbacks(execute=True):
            submission_return(submission=submitted, actor=officer_01, reason=REASON,
                              source=SOURCE_REVIEW)
        with pytest.raises(CommandError):
            call_command("remind", "--date", "2024-12-01", stdout=io.StringIO())
    notice = Notification.objects.get(recipient=reporter)
    assert notice.mail_state == Notification.MailState.FAILED and notice.mail_attempts == 2
