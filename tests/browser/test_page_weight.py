"""What the dashboard costs a leader's browser with the README's production settings:
`collectstatic` into a STATIC_ROOT of its own (hashed names, gzip and Brotli copies by
WhiteNoise's CompressedManifestStaticFilesStorage), DEBUG off, static files served by
WhiteNoise itself (not by the test server's static handler, nor from the app folders).

Chromium reports every response's bytes on the wire (Chrome DevTools Protocol,
`Network.loadingFinished.encodedDataLength`: headers and compressed body); the sum over
every response of a page load is what a phone on a slow line downloads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings
from django.test.testcases import LiveServerThread
from playwright.sync_api import Page

from districts.models import Membership
from districts.services import units_load
from tests.factories import hanoi_2024_with_results, unit_by_code

FIRST_LOAD_LIMIT = 1_600_000  # bytes: the 1,6 MB
REPEAT_VISIT_LIMIT = 100_000  # bytes
FOREVER = "max-age=315360000"  # WhiteNoise's far-future cache for hashed names

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def _plain_app(media_handler):
    """The WSGI application without the test server's own static handler, so that static
    files come from WhiteNoise's middleware, as under gunicorn."""
    return media_handler.application


class ProductionServer:
    """A server thread like pytest-django's live_server, but with the application as
    gunicorn runs it; it shares the test's in-memory SQLite connection."""

    def __init__(self) -> None:
        shared = {
            conn.alias: conn
            for conn in connections.all()
            if conn.vendor == "sqlite" and conn.is_in_memory_db()
        }
        self.thread = LiveServerThread("localhost", _plain_app, connections_override=shared)
        self.thread.daemon = True

    def __enter__(self) -> ProductionServer:
        for conn in self.thread.connections_override.values():
            conn.inc_thread_sharing()
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        return self

    def __exit__(self, *exc) -> None:
        self.thread.terminate()
        # Requests still being closed share the connection too: let them finish first.
        for thread in threading.enumerate():
            if "process_request_thread" in thread.name:
                thread.join(timeout=5)
        for conn in self.thread.connections_override.values():
            conn.dec_thread_sharing()

    @property
    def url(self) -> str:
        return f"http://localhost:{self.thread.port}"


@pytest.fixture
def production_server(tmp_path: Path, transactional_db) -> Iterator[ProductionServer]:
    static_root = tmp_path / "staticfiles"
    with override_settings(
        DEBUG=False,
        STATIC_ROOT=static_root,
        STORAGES=PRODUCTION_STATIC,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        ALLOWED_HOSTS=["localhost"],
    ):
        # The admin's and the API docs' files (10 MB, a minute of Brotli) are not on the
        # dashboard; everything it links to must be collected (the manifest is strict).
        call_command(
            "collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin", "ninja"]
        )
        with ProductionServer() as server:
            yield server


@dataclass
class Transfer:
    """Bytes on the wire per URL for one page load, from Chromium's network events."""

    by_request: dict[str, str] = field(default_factory=dict)  # request id → URL
    sizes: dict[str, int] = field(default_factory=dict)  # URL → bytes
    headers: dict[str, dict] = field(default_factory=dict)  # URL → response headers

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def report(self) -> str:
        return "\n".join(f"{size:>9} {url}" for url, size in sorted(self.sizes.items()))


def measure(page: Page, url: str) -> Transfer:
    """Loads `url` and waits for the charts, recording every response's transferred
    bytes (a response served from the browser's cache transfers nothing)."""
    transfer = Transfer()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")

    def on_response(event: dict) -> None:
        response = event["response"]
        transfer.by_request[event["requestId"]] = response["url"]
        transfer.headers[response["url"]] = {
            name.lower(): value for name, value in response["headers"].items()
        }

    def on_finished(event: dict) -> None:
        url = transfer.by_request.get(event["requestId"], event["requestId"])
        transfer.sizes[url] = transfer.sizes.get(url, 0) + int(event["encodedDataLength"])

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    page.goto(url)
    for chart in ("#chart-units", "#chart-trend"):
        page.locator(f"{chart}.js-plotly-plot .main-svg").first.wait_for()
    page.wait_for_load_state("networkidle")
    cdp.detach()
    return transfer


def viewer_session() -> str:
    """The session cookie of a viewer of Hà Nội, logged in outside the browser so that the
    login page's files are not in the browser's cache before the first load."""
    viewer = get_user_model().objects.create_user(username="lanhdao", password="x-test-pass-1")
    Membership.objects.create(user=viewer, unit=unit_by_code("01"), role="viewer")
    client = Client()
    client.force_login(viewer)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_dashboard_loads_under_1_6_mb_and_again_under_100_kb(
    production_server: ProductionServer, page: Page
):
    # The server first, so that it stops after the browser has closed its connections.
    units_load(provinces={"01"})
    hanoi_2024_with_results()  # the city's targets and 30 districts' quotas
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME, "value": viewer_session(),
        "url": production_server.url,
    }])
    dashboard = f"{production_server.url}/reports/progress/dashboard/?plan=hn-2024&year=2024"

    first = measure(page, dashboard)
    print(f"first load: {first.total} bytes\n{first.report()}")
    plotly = next(url for url in first.sizes if "/static/plotly/plotly-basic." in url)
    assert first.total <= FIRST_LOAD_LIMIT, first.report()
    # Hashed names, compressed, cached for good: a new version gets a new name.
    assert first.headers[plotly]["content-encoding"] in {"gzip", "br"}
    assert FOREVER in first.headers[plotly]["cache-control"]
    static = [url for url in first.sizes if "/static/" in url]
    assert all(FOREVER in first.headers[url]["cache-control"] for url in static), static
    assert page.console_errors == []

    again = measure(page, dashboard)
    print(f"repeat visit: {again.total} bytes\n{again.report()}")
    assert again.total < REPEAT_VISIT_LIMIT, again.report()
    # Nothing static asked for again: only the page itself goes over the wire.
    assert [url for url, size in again.sizes.items() if "/static/" in url and size] == []
    assert page.locator("#chart-units .bars .point").count() >= 2
