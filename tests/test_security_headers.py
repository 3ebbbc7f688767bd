"""The headers every page is sent with: a Content-Security-Policy that allows only the
app's own scripts and styles, Referrer-Policy, Permissions-Policy, X-Content-Type-Options
and X-Frame-Options; and no template carries an inline script or style the policy would
block."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import hanoi_2024_with_results

pytestmark = pytest.mark.django_db


def assert_security_headers(response) -> None:
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"].startswith("'self'")
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_login_page_of_an_anonymous_visitor(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_dashboard_of_a_viewer(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)
    response = client.get(reverse("reports:dashboard"), {"plan": "hn-2024", "year": "2024"})
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_entry_page_of_a_reporter(client, ba_dinh, reporter_001):
    client.force_login(reporter_001)
    response = client.get(reverse("reports:entry", args=[ba_dinh.pk, "2024"]))
    assert response.status_code == 200
    assert_security_headers(response)


def test_a_page_refused_to_another_unit(client, dong_da, reporter_001):
    client.force_login(reporter_001)
    response = client.get(reverse("reports:entry", args=[dong_da.pk, "2024"]))
    assert response.status_code == 404
    assert_security_headers(response)


def test_a_download(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)
    response = client.get(reverse("reports:progress_xlsx", args=["hn-2024", 2024]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response


INLINE = [
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"\son[a-z]+\s*=", re.I),
    re.compile(r"javascript:", re.I),
    # A <script> without src that is not a JSON data block (json_script writes those).
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
]


def test_no_template_holds_an_inline_script_or_style():
    roots = [settings.BASE_DIR / name for name in ("templates", "districts", "plans",
                                                   "targets", "reports")]
    offending = []
    for root in roots:
        for template in root.rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            offending += [f"{template}: {p.pattern}" for p in INLINE if p.search(text)]
    assert offending == []
