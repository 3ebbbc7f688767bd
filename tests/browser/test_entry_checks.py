"""The entry page repeats the server's warnings while the user types, with the server's
links between indicators: an of-which part above its whole, and a jump against last year.

Ba Đình's 2024 plan asks 3.000 elementary-level trainees; 120 of them demobilised soldiers
is fine, 3.200 is more than the whole. Last year Ba Đình trained 1.400 at college level, so
5.000 this year is more than three times as many.
"""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from districts.models import Membership, Role, Unit
from districts.services import units_load
from tests.factories import actual_make, hanoi_2024_header, quotas_make, vi

PASSWORD = "x-test-pass-1"
OF_WHICH = "the of-which part %(part)s is larger than its whole %(whole)s"
JUMP_UP = "%(value)s is more than three times last year's %(last_year)s"


@pytest.fixture
def ba_dinh(transactional_db):
    units_load(provinces={"01"})
    unit = Unit.objects.get(code="001", level=Unit.Level.DISTRICT)
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=unit)
    actual_make("enrol_college", unit, "2023", 1400)
    user = get_user_model().objects.create(username="bd-reporter")
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, unit=unit, role=Role.REPORTER)
    return unit


def test_of_which_and_jump_warnings_while_typing(page, live_server, login, ba_dinh):
    login("bd-reporter", PASSWORD)
    page.goto(f"{live_server.url}/reports/entry/{ba_dinh.pk}/2024/?all=1")
    part_checks = page.locator("#row-enrol_support_demobilized .js-checks")
    above = vi(OF_WHICH, first_capital=True, html=False, part="3.200", whole="3.000")

    page.locator('input[name="enrol_elementary-value"]').fill("3.000")
    page.locator('input[name="enrol_support_demobilized-value"]').fill("120")
    expect(part_checks).not_to_contain_text(above)
    page.locator('input[name="enrol_support_demobilized-value"]').fill("3.200")
    expect(part_checks).to_contain_text(above)

    jump = vi(JUMP_UP, first_capital=True, html=False, value="5.000", last_year="1.400")
    page.locator('input[name="enrol_college-value"]').fill("5.000")
    expect(page.locator("#row-enrol_college .js-checks")).to_contain_text(jump)
    page.locator('input[name="enrol_college-value"]').fill("1.500")
    expect(page.locator("#row-enrol_college .js-checks")).not_to_contain_text(jump)
    assert page.console_errors == []
