"""The entry page reads a bound (">92", "trên 92", "ít nhất 92") while the user types, as
the server does: no "not a number" for it, and a refusal for one that cannot be a result.
Saved, the box shows the bound as it was written."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from districts.models import Membership, Role, Unit
from districts.services import units_load
from reports.models import Actual
from tests.factories import hanoi_2024_header, quotas_make, target_make, vi

PASSWORD = "x-test-pass-1"
NOT_A_NUMBER = "“%(text)s” is not a number."
BELOW_ZERO = "“%(text)s” cannot be a result: nothing is below 0."


@pytest.fixture
def ba_dinh(transactional_db):
    units_load(provinces={"01"})
    unit = Unit.objects.get(code="001", level=Unit.Level.DISTRICT)
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=unit)
    target_make(plan, "employed_after_training_rate", "92", unit=unit, operator="gt",
                wording="trên 92%")
    user = get_user_model().objects.create(username="bd-reporter")
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, unit=unit, role=Role.REPORTER)
    return unit


def test_a_bound_is_read_while_typing_and_shown_after_saving(page, live_server, login, ba_dinh):
    login("bd-reporter", PASSWORD)
    page.goto(f"{live_server.url}/reports/entry/{ba_dinh.pk}/2024/")
    rate = page.locator('input[name="employed_after_training_rate-value"]')
    rate_checks = page.locator("#row-employed_after_training_rate .js-checks")
    count = page.locator('input[name="enrol_total-value"]')
    count_checks = page.locator("#row-enrol_total .js-checks")

    rate.fill("nhiều")
    expect(rate_checks).to_contain_text(vi(NOT_A_NUMBER, html=False, text="nhiều"))
    for text in (">92", "trên 92", "ít nhất là 92", "≥ 92 %"):
        rate.fill(text)
        expect(rate_checks).to_be_empty()
    count.fill("<0")
    expect(count_checks).to_contain_text(vi(BELOW_ZERO, html=False, text="<0"))
    count.fill("dưới 5")
    expect(count_checks).to_be_empty()

    rate.fill(">92")
    count.fill("")
    page.get_by_role("button", name=vi("Save draft")).click()
    expect(page.locator('input[name="employed_after_training_rate-value"]')).to_have_value(">92")
    actual = Actual.objects.get(unit=ba_dinh, indicator__code="employed_after_training_rate")
    assert (actual.value, actual.printed) == (None, ">92")
    assert page.console_errors == []
