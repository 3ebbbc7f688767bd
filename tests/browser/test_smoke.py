"""The login page opens in a real browser, with its form and without script errors."""
from __future__ import annotations


def test_login_page_has_username_field_and_no_console_errors(page, live_server):
    page.goto(live_server.url + "/accounts/login/")

    assert page.locator('input[name="username"]').count() == 1
    assert page.console_errors == []
