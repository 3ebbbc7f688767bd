"""The issue's acceptance test: Ba Đình reports its 2024 enrolment, Hà Nội returns, approves.

The reporter types Vietnamese numbers, sees the warning that the enrolment levels do not add
up to the total, answers it with a note and submits; the city officer returns the report with
a reason; the reporter reads it, corrects the total and submits again; the officer approves,
and from then on the values are locked for the reporter.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from districts.models import Membership, Role, Unit
from districts.services import units_load
from reports.models import Actual, Submission
from tests.factories import hanoi_2024_header, quotas_make, vi

PASSWORD = "x-test-pass-1"
RETURN_REASON = "Tổng tuyển sinh phải bằng tổng ba trình độ (6.000)."
COMPONENTS = "components add up to %(sum)s, the total says %(total)s (difference %(diff)s)"


@pytest.fixture
def hanoi_2024(transactional_db):
    units_load(provinces={"01"})
    hanoi = Unit.objects.get(code="01", level=Unit.Level.PROVINCE)
    ba_dinh = Unit.objects.get(code="001", level=Unit.Level.DISTRICT)
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=ba_dinh)
    users = {}
    for username, role, unit in (
        ("bd-reporter", Role.REPORTER, ba_dinh),
        ("hn-officer", Role.OFFICER, hanoi),
    ):
        user = get_user_model().objects.create(username=username)
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.create(user=user, unit=unit, role=role)
        users[username] = user
    return ba_dinh


def total_of(unit) -> Decimal:
    return Actual.objects.get(unit=unit, period="2024", indicator__code="enrol_total").value


def state_of(unit) -> str:
    return Submission.objects.get(unit=unit, period="2024").state


def switch_user(page, login, username):
    page.context.clear_cookies()
    login(username, PASSWORD)


def test_ba_dinh_reports_hanoi_returns_then_approves(page, live_server, login, hanoi_2024):
    ba_dinh = hanoi_2024
    # The page's own words, in Vietnamese numbers (and Vietnamese text once translated).
    mismatch = vi(
        COMPONENTS, first_capital=True, html=False, sum="6.000", total="6.200", diff="200"
    )
    note_needed = vi("Answer the warning with a note before saving.", html=False)
    entry_path = f"/reports/entry/{ba_dinh.pk}/2024/"

    # The reporter opens the 2024 period from their list.
    login("bd-reporter", PASSWORD)
    page.goto(live_server.url + "/reports/entry/")
    page.locator(f'a[href="{entry_path}"]').click()
    expect(page).to_have_url(re.compile(re.escape(entry_path) + "$"))
    # The page's script (Enter moves on) runs once the page has loaded; the URL changes
    # before that, and on a busy machine a key pressed in between would submit the form.
    page.wait_for_load_state("load")

    # Vietnamese numbers; Enter moves to the next box instead of submitting.
    total = page.locator('input[name="enrol_total-value"]')
    total.fill("6.200")
    total.press("Enter")
    expect(page.locator('input[name="enrol_total-note"]')).to_be_focused()
    for code, text in (
        ("enrol_college", "1.400"),
        ("enrol_intermediate", "1.600"),
        ("enrol_elementary", "3.000"),
    ):
        page.locator(f'input[name="{code}-value"]').fill(text)
    assert not Actual.objects.exists()  # Enter did not send the form

    # The levels do not add up: a warning, which needs a note.
    checks = page.locator("#row-enrol_total .js-checks")
    expect(checks).to_contain_text(mismatch)
    expect(checks).to_contain_text(note_needed)
    note = page.locator('input[name="enrol_total-note"]')
    note.fill("200 học viên liên thông được tính hai lần.")
    expect(checks).to_contain_text(mismatch)
    expect(checks).not_to_contain_text(note_needed)
    with page.expect_navigation():
        page.locator('button[name="action"][value="submit"]').click()
    expect(page.locator(".message.success")).to_be_visible()
    assert state_of(ba_dinh) == Submission.State.SUBMITTED
    assert total_of(ba_dinh) == Decimal(6200)

    # The city officer returns it with a reason.
    switch_user(page, login, "hn-officer")
    page.goto(live_server.url + "/reports/review/")
    page.locator("#waiting a.button").click()
    expect(page.locator("#submission-values")).to_contain_text(mismatch)
    page.locator("#id_return_reason").fill(RETURN_REASON)
    with page.expect_navigation():
        page.locator("#return").click()
    assert state_of(ba_dinh) == Submission.State.RETURNED

    # The reporter reads the reason, corrects the total and submits again.
    switch_user(page, login, "bd-reporter")
    page.goto(live_server.url + entry_path)
    expect(page.locator("#return-reason")).to_contain_text(RETURN_REASON)
    total.fill("6.000")
    expect(checks).not_to_contain_text(mismatch)
    note.fill("")
    with page.expect_navigation():
        page.locator('button[name="action"][value="submit"]').click()
    assert state_of(ba_dinh) == Submission.State.SUBMITTED
    assert total_of(ba_dinh) == Decimal(6000)

    # The officer approves.
    switch_user(page, login, "hn-officer")
    page.goto(live_server.url + "/reports/review/")
    page.locator("#waiting a.button").click()
    with page.expect_navigation():
        page.locator("#approve").click()
    assert state_of(ba_dinh) == Submission.State.APPROVED

    # Locked for the reporter: the inputs are disabled and a hand-made POST is refused.
    switch_user(page, login, "bd-reporter")
    page.goto(live_server.url + entry_path)
    expect(total).to_be_disabled()
    expect(total).to_have_value("6.000")
    expect(page.locator('button[name="action"]')).to_have_count(0)
    token = page.locator('input[name="csrfmiddlewaretoken"]').first.input_value()
    version = page.locator('input[name="enrol_total-version"]').input_value()
    response = page.request.post(
        live_server.url + entry_path,
        form={
            "csrfmiddlewaretoken": token,
            "unit": str(ba_dinh.pk),
            "action": "save",
            "enrol_total-value": "9.999",
            "enrol_total-version": version,
        },
        headers={"Referer": live_server.url + entry_path},
    )
    assert response.status == 409
    assert total_of(ba_dinh) == Decimal(6000)
    assert page.console_errors == []
