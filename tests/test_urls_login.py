"""Every address of the URLconf asks an anonymous visitor to log in, except a short list.

The test walks the whole URLconf, so an address added later without `login_required` fails
here until it is protected or put on the allow-list below, with its reason.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

# Public on purpose, by name (namespace:name).
PUBLIC = {
    "login",  # the way in
    "logout",  # logging out needs no login (and only answers POST)
    "set_language",  # the language switch on the login page
    "admin:login",  # the admin's own way in
    "admin:logout",
    # Django's "view on site" redirects to an object's public address, or answers 404;
    # it shows nothing itself, and the addresses it leads to are checked here.
    "admin:view_on_site",
    # The API's description and its docs page hold no data (every operation asks for a
    # token and answers 401 without one, which this test accepts); its root shows nothing
    # (django-ninja answers 404 there, or sends DEBUG to the docs).
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
}

# A sample value for each path converter: enough to resolve, not to find an object.
SAMPLES = {"int": "1", "slug": "hn-2024", "str": "2024", "path": "1",
           "uuid": "00000000-0000-4000-8000-000000000000"}
_CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_GROUP = re.compile(r"\(\?P<\w+>([^()]*)\)")


def _route(pattern) -> str:
    """The pattern's part of an address, with sample values in its parameters."""
    if isinstance(pattern, RoutePattern):
        return _CONVERTER.sub(lambda m: SAMPLES[m["converter"] or "str"], str(pattern))
    assert isinstance(pattern, RegexPattern), pattern
    # Admin patterns such as ^(?P<app_label>auth|plans)/$: the first choice of a group.
    text = _GROUP.sub(lambda m: m[1].split("|")[0] if "|" in m[1] else "1", str(pattern))
    return text.lstrip("^").rstrip("$").replace("\\", "")


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + _route(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else entry.lookup_str
            yield name, "/" + prefix + _route(entry.pattern)


PATTERNS = sorted(set(_walk(get_resolver())))


def test_it_walks_the_whole_urlconf():
    names = {name for name, _url in PATTERNS}
    assert {"home", "reports:entry", "targets:plan_detail", "admin:index"} <= names
    assert names >= PUBLIC  # the allow-list names only addresses that exist


def _login_urls() -> set[str]:
    return {reverse(settings.LOGIN_URL), reverse("admin:login")}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), [p for p in PATTERNS if p[0] not in PUBLIC],
                         ids=[p[0] for p in PATTERNS if p[0] not in PUBLIC])
def test_an_anonymous_visitor_is_sent_to_log_in(client, name, url):
    response = client.get(url, follow=True)
    if response.status_code == 405:  # an action: the same holds for the method it takes
        response = client.post(url, follow=True)
    if response.status_code in (401, 403):
        return
    assert response.redirect_chain, f"{name} ({url}) answers {response.status_code} without login"
    landing = urlsplit(response.redirect_chain[-1][0])
    assert landing.path in _login_urls(), f"{name} ({url}) leads to {landing.path}"
    assert "next=" in landing.query
