"""A province's officer defines an indicator of the department in a real Chromium, in
Vietnamese, and finds it in the catalogue with its direction and printed names."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from districts.models import Membership, Role, Unit
from districts.services import units_load
from targets.models import Indicator

PASSWORD = "x-browser-pass-1"


@pytest.fixture
def haiphong_officer(transactional_db) -> tuple[str, Unit]:
    units_load(provinces={"31"})
    haiphong = Unit.objects.get(code="31", level=Unit.Level.PROVINCE)
    user = get_user_model().objects.create_user(username="chuyenvien.hp", password=PASSWORD)
    Membership.objects.create(user=user, unit=haiphong, role=Role.OFFICER)
    return user.username, haiphong


def test_an_officer_defines_a_held_indicator_and_finds_it_in_the_catalogue(
    page, live_server, login, haiphong_officer
):
    username, haiphong = haiphong_officer
    login(username, PASSWORD)

    page.goto(live_server.url + "/indicators/")
    with page.expect_navigation():
        page.get_by_role("link", name="Thêm chỉ tiêu của đơn vị").click()
    page.fill("#id_code", "hp_colleges_held")
    expect(page.locator("#id_owner")).to_have_value(str(haiphong.pk))
    page.fill("#id_name_vi", "Số trường cao đẳng duy trì")
    page.fill("#id_name_en", "Colleges kept")
    page.fill("#id_unit", "trường")
    page.select_option("#id_kind", "level")
    page.select_option("#id_direction", "hold")
    page.fill("#id_tolerance", "0,5")
    page.fill("#id_aliases", "Trường cao đẳng duy trì")
    with page.expect_navigation():
        page.locator("form.plan-form button[type=submit]").click()

    expect(page.locator(".message.success")).to_contain_text("Đã tạo chỉ tiêu hp_colleges_held")
    card = page.locator("section#hp_colleges_held")
    expect(card).to_contain_text("duy trì: đạt khi nằm trong sai số cho phép so với chỉ tiêu")
    expect(card).to_contain_text("Thành phố Hải Phòng")
    expect(card).to_contain_text("Trường cao đẳng duy trì")
    assert Indicator.objects.get(code="hp_colleges_held").tolerance == 0.5
    assert page.console_errors == []
