"""The officer returns Ba Đình's report; the reporter's header count rises and the inbox
shows the reason, on a desktop and on a 390 px phone."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from districts.models import Membership, Role, Unit
from districts.services import units_load
from notices.models import Notification
from reports.models import Submission
from tests.factories import hanoi_2024_header, quotas_make, submission_make

PASSWORD = "x-test-pass-1"
REASON = "Số tuyển sinh trung cấp chưa khớp với báo cáo của trường (1.600)."


@pytest.fixture
def submitted(transactional_db):
    units_load(provinces={"01"})
    hanoi = Unit.objects.get(code="01", level=Unit.Level.PROVINCE)
    ba_dinh = Unit.objects.get(code="001", level=Unit.Level.DISTRICT)
    quotas_make(plan=hanoi_2024_header(), unit=ba_dinh)
    for username, role, unit in (
        ("bd-reporter", Role.REPORTER, ba_dinh),
        ("hn-officer", Role.OFFICER, hanoi),
    ):
        user = get_user_model().objects.create(
            username=username, email=f"{username}@example.org"
        )
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.create(user=user, unit=unit, role=role)
    return submission_make(ba_dinh, "2024", state=Submission.State.SUBMITTED)


def test_a_returned_report_raises_the_count_and_shows_the_reason(
    page, live_server, login, submitted
):
    login("bd-reporter", PASSWORD)
    expect(page.locator("#inbox-link")).to_contain_text("Việc cần làm")
    expect(page.locator("#inbox-count")).to_have_count(0)  # submitted: nothing to do

    page.context.clear_cookies()
    login("hn-officer", PASSWORD)
    expect(page.locator("#inbox-count")).to_have_text("1")  # the report to review
    page.locator("#inbox-link").click()
    page.locator("#reviewing a").first.click()
    expect(page).to_have_url(re.compile(rf"/reports/submissions/{submitted.pk}/$"))
    page.locator("#id_return_reason").fill(REASON)
    with page.expect_navigation():
        page.locator("#return").click()
    expect(page.locator("#inbox-count")).to_have_count(0)  # nothing left to review

    page.context.clear_cookies()
    login("bd-reporter", PASSWORD)
    expect(page.locator("#inbox-count")).to_have_text("1")
    page.locator("#inbox-link").click()
    item = page.locator("#reporting .todo-returned")
    expect(item).to_contain_text("Quận Ba Đình · Năm 2024")
    expect(item.locator(".todo-reason")).to_contain_text(REASON)
    expect(page.locator("#notices li.unread")).to_contain_text(
        "Báo cáo năm 2024 của Quận Ba Đình bị trả lại"
    )
    # The item opens the entry page of that report.
    item.locator("a").click()
    expect(page).to_have_url(re.compile(rf"/reports/entry/{submitted.unit_id}/2024/$"))
    assert page.console_errors == []

    # Sent once the return was committed, to the reporter only.
    assert [m.to for m in mail.outbox] == [["bd-reporter@example.org"]]
    assert REASON in mail.outbox[0].body
    assert Notification.objects.get().mail_state == Notification.MailState.SENT


def test_the_inbox_fits_a_phone(page, live_server, login, submitted):
    submission = Submission.objects.get(pk=submitted.pk)
    Submission.objects.filter(pk=submission.pk).update(
        state=Submission.State.RETURNED, reason=REASON * 3
    )
    page.set_viewport_size({"width": 390, "height": 844})
    login("bd-reporter", PASSWORD)
    page.goto(live_server.url + "/inbox/")
    expect(page.locator("#reporting .todo-reason")).to_contain_text(REASON)
    expect(page.locator("#inbox-count")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    box = page.locator("#reporting .todo-item").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.console_errors == []
