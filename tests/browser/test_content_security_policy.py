"""The pages run under their Content-Security-Policy without a single violation: the
dashboard with its plotly charts, the entry grid with its checks as one types, the official
layout with its print button. A violation is caught twice: by the page's own
`securitypolicyviolation` events and by Chromium's console message about it."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from districts.models import Membership, Role, Unit
from districts.services import units_load
from tests.browser.test_dashboard import hanoi_two_years
from tests.factories import unit_by_code

PASSWORD = "x-test-pass-1"

# Registered before any page script runs (Playwright adds it outside the page's CSP).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def violations(page) -> list[str]:
    recorded = page.evaluate("window.__cspViolations")
    console = [text for text in page.console_errors if "Content Security Policy" in text]
    return recorded + console


def user_with(username: str, role: str, unit: Unit):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


def test_the_dashboard_and_the_entry_grid_break_no_rule_of_the_policy(
    page, live_server, login, transactional_db
):
    units_load(provinces={"01"})
    hanoi_two_years()
    # Ba Vì's 2024 report is still open (Ba Đình's and Đống Đa's are approved).
    ba_vi = unit_by_code("271")
    user_with("lanhdao", Role.VIEWER, unit_by_code("01"))
    user_with("bavi", Role.REPORTER, ba_vi)
    page.add_init_script(RECORD_VIOLATIONS)

    login("lanhdao", PASSWORD)
    response = page.goto(f"{live_server.url}/reports/progress/dashboard/?plan=hn-browser&year=2024")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for chart in ("#chart-units", "#chart-trend"):
        page.locator(f"{chart}.js-plotly-plot .main-svg").first.wait_for()
    page.locator("#chart-units").hover()  # plotly draws its hover label and modebar
    page.locator("#chart-units .modebar").first.wait_for(state="attached")
    assert violations(page) == []

    page.goto(f"{live_server.url}/reports/progress/hn-browser/2024/official/")
    page.locator("#print-page").wait_for()
    assert violations(page) == []

    page.context.clear_cookies()
    login("bavi", PASSWORD)
    page.goto(f"{live_server.url}/reports/entry/{ba_vi.pk}/2024/?all=1")
    box = page.locator("#id_enrol_total-value")
    box.fill("-5")  # the grid's own checks write their messages as one types
    box.press("Tab")
    page.locator("#row-enrol_total .js-checks .error").first.wait_for()
    assert box.get_attribute("maxlength") == "40"
    assert violations(page) == []
    assert page.console_errors == []
