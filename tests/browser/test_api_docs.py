"""The API's interactive page, /api/docs/: Swagger UI from the app's own static files draws
every operation, under the product's Content-Security-Policy without a violation."""

from __future__ import annotations

from tests.browser.test_content_security_policy import RECORD_VIOLATIONS, violations


def test_the_docs_page_draws_the_operations_without_a_violation(page, live_server, db):
    page.add_init_script(RECORD_VIOLATIONS)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(f"{live_server.url}/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.get_by_text("/api/dataValueSets", exact=True).first.wait_for()
    page.get_by_text("/api/v1/progress", exact=True).first.wait_for()
    assert violations(page) == []
    assert page.console_errors == []
    assert all(url.startswith(live_server.url) for url in requested), requested
