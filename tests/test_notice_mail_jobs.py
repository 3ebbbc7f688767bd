"""The instant notices' mails go through the background worker: the reviewer's request
writes the in-app notice in its own transaction and queues the mail once it commits;
the worker (`manage.py db_worker`) sends it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from notices.models import Notification
from notices.tasks import notice_mails_send
from reports.models import Submission
from reports.services import SOURCE_REVIEW, submission_return
from tests.factories import submission_make, unit_by_code

pytestmark = pytest.mark.django_db

REASON = "Số học sinh trung cấp chưa khớp với tổng số"
QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def reporter(reporter_001):
    reporter_001.email = "badinh.reporter@example.org"
    reporter_001.save()
    return reporter_001


@pytest.fixture
def submitted():
    return submission_make(unit_by_code("001"), "2024", state=Submission.State.SUBMITTED)


def test_the_return_page_queues_the_mail_and_sends_none_itself(
    client, officer_01, reporter, submitted, django_capture_on_commit_callbacks
):
    client.force_login(officer_01)
    with override_settings(TASKS=QUEUED_ONLY):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("reports:submission_return", args=[submitted.pk]), {"reason": REASON}
            )
        (queued,) = default_task_backend.results
    assert response.status_code == 302
    notice = Notification.objects.get(recipient=reporter, kind="returned")
    assert notice.mail_state == Notification.MailState.PENDING  # in the app at once
    assert not mail.outbox  # the request sent nothing
    assert queued.task.name == "notice_mails_send" and queued.args == [[notice.pk]]
    # What the worker then does with that job:
    assert notice_mails_send.call(*queued.args) == {"sent": 1, "skipped": 0, "failed": 0}
    (message,) = mail.outbox
    assert message.to == ["badinh.reporter@example.org"] and REASON in message.body
    notice.refresh_from_db()
    assert notice.mail_state == Notification.MailState.SENT


def test_the_database_worker_sends_the_queued_mail(
    officer_01, reporter, submitted, run_db_worker, django_capture_on_commit_callbacks
):
    with override_settings(TASKS=DATABASE_QUEUE):
        with django_capture_on_commit_callbacks(execute=True):
            submission_return(submission=submitted, actor=officer_01, reason=REASON,
                              source=SOURCE_REVIEW)
        (job,) = DBTaskResult.objects.all()
        assert job.status == "READY" and not mail.outbox
        run_db_worker()
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    (message,) = mail.outbox
    assert message.subject == "Báo cáo năm 2024 của Quận Ba Đình bị trả lại"
    assert Notification.objects.get(recipient=reporter).mail_state == "sent"


def test_a_mail_sent_meanwhile_is_not_sent_twice(
    officer_01, reporter, submitted, django_capture_on_commit_callbacks
):
    """A worker that ran late finds the mail already sent by `remind`: it sends nothing."""
    with override_settings(TASKS=QUEUED_ONLY):
        with django_capture_on_commit_callbacks(execute=True):
            submission_return(submission=submitted, actor=officer_01, reason=REASON,
                              source=SOURCE_REVIEW)
        (queued,) = default_task_backend.results
    Notification.objects.update(mail_state=Notification.MailState.SENT)
    assert notice_mails_send.call(*queued.args) == {"sent": 0, "skipped": 0, "failed": 0}
    assert not mail.outbox


def test_a_reporter_with_email_off_gets_the_notice_in_the_app_only(
    officer_01, reporter, submitted, django_capture_on_commit_callbacks
):
    from notices.services import preference_set

    preference_set(user=reporter, email_off=True, language="vi")
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(submission=submitted, actor=officer_01, reason=REASON,
                          source=SOURCE_REVIEW)
    notice = Notification.objects.get(recipient=reporter)
    assert notice.mail_state == Notification.MailState.SKIPPED and not mail.outbox
