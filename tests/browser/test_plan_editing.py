"""An officer creates a plan, types a printed target in the grid, sees it read back as
they type, saves it, and finds it on the plan page — in a real Chromium, in Vietnamese."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from districts.models import Membership, Role, Unit
from districts.services import units_load

PASSWORD = "x-browser-pass-1"


@pytest.fixture
def hanoi_officer(transactional_db) -> tuple[str, Unit]:
    units_load(provinces={"01"})
    hanoi = Unit.objects.get(code="01", level=Unit.Level.PROVINCE)
    user = get_user_model().objects.create_user(username="chuyenvien.hn", password=PASSWORD)
    Membership.objects.create(user=user, unit=hanoi, role=Role.OFFICER)
    return user.username, hanoi


def test_an_officer_creates_a_plan_and_types_a_target_in_the_grid(
    page, live_server, login, hanoi_officer
):
    username, hanoi = hanoi_officer
    login(username, PASSWORD)

    page.goto(live_server.url + "/plans/new/")
    page.fill("#id_code", "hn-2024")
    page.fill("#id_title", "Triển khai thực hiện công tác giáo dục nghề nghiệp năm 2024")
    page.select_option("#id_issuer", str(hanoi.pk))
    page.fill("#id_issued_on", "2024-01-26")
    page.fill("#id_signer", "Vũ Thu Hà, Phó Chủ tịch")
    page.select_option("#id_kind", "annual")
    page.fill("#id_first_year", "2024")
    page.fill("#id_last_year", "2024")
    page.fill("#id_units_deadline", "15/12")  # day first, as people write it
    with page.expect_navigation():
        page.locator("form.plan-form button[type=submit]").click()
    assert page.url.endswith("/plans/hn-2024/")
    expect(page.locator("h1")).to_contain_text("giáo dục nghề nghiệp năm 2024")

    page.goto(live_server.url + "/plans/hn-2024/targets/2024/")
    cell = page.locator(f"#cell-trained_rate-{hanoi.pk}")
    cell.click()
    cell.press_sequentially("trên 86,2", delay=20)
    readback = page.locator(f"#cell-trained_rate-{hanoi.pk}-rb")
    expect(readback).to_have_text("trên 86,2 %")

    with page.expect_navigation():
        page.locator("button[name=action][value=save]").click()
    expect(page.locator(".message.success")).to_be_visible()
    expect(page.locator(f"#cell-trained_rate-{hanoi.pk}")).to_have_value("trên 86,2")

    page.goto(live_server.url + "/plans/hn-2024/")
    block = page.locator("#t-2024-trained_rate")
    expect(block).to_contain_text("trên 86,2 %")
    expect(block).to_contain_text("trên 86,2")
    expect(page.locator("#history")).to_contain_text(re.compile(r"trên 86,2 %"))
    assert page.console_errors == []


def test_a_wording_that_cannot_be_read_is_flagged_as_it_is_typed(
    page, live_server, login, hanoi_officer
):
    from plans.models import Plan

    username, hanoi = hanoi_officer
    Plan.objects.create(code="hn-2024", title="Kế hoạch 2024", issuer=hanoi,
                        first_year=2024, last_year=2024)
    login(username, PASSWORD)
    page.goto(live_server.url + "/plans/hn-2024/targets/2024/")
    cell = page.locator(f"#cell-enrol_total-{hanoi.pk}")
    cell.fill("30%")
    expect(page.locator(f"#cell-enrol_total-{hanoi.pk}-rb")).to_have_class(re.compile("error"))
    expect(cell).to_have_attribute("aria-invalid", "true")
    cell.fill("khoảng 235.000")
    expect(page.locator(f"#cell-enrol_total-{hanoi.pk}-rb")).to_have_text("khoảng 235.000")
    assert page.console_errors == []
