"""A demo user logs in, switches the language and opens a unit, in real Chromium."""
from __future__ import annotations

from django.contrib.auth import get_user_model

from districts.models import Membership, Unit
from districts.services import units_load


def _reporter_on_ba_dinh() -> None:
    units_load(provinces={"01"})
    user = get_user_model().objects.create_user("badinh.reporter", password="gdnn-demo-2024")
    ba_dinh = Unit.objects.get(code="001", level=Unit.Level.DISTRICT)
    Membership.objects.create(user=user, unit=ba_dinh, role="reporter")


def test_a_reporter_logs_in_switches_language_and_opens_a_unit(page, live_server, login):
    _reporter_on_ba_dinh()
    login("badinh.reporter", "gdnn-demo-2024")

    header = page.locator("header.site-header")
    assert "Quận Ba Đình" in header.inner_text()
    assert page.locator("html").get_attribute("lang") == "vi"

    page.get_by_role("button", name="EN").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()

    page.goto(live_server.url + "/units/")
    assert page.locator("h1").inner_text() == "Quận Ba Đình"
    page.get_by_role("link", name="Phường Trúc Bạch").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Phường Trúc Bạch"
    assert "00004" in page.locator("dl.facts").inner_text()
    assert page.console_errors == []


def test_a_reporter_cannot_open_another_district(page, live_server, login):
    _reporter_on_ba_dinh()
    dong_da = Unit.objects.get(code="006", level=Unit.Level.DISTRICT)
    login("badinh.reporter", "gdnn-demo-2024")
    response = page.goto(f"{live_server.url}/units/{dong_da.pk}/")
    assert response.status == 404


def test_an_anonymous_visitor_is_sent_to_log_in(page, live_server):
    page.goto(live_server.url + "/units/")
    assert "/accounts/login/" in page.url
