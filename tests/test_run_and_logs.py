"""Small things an operator meets: a refused request is one line in the log, not a
traceback; every page names the product's icon, served by the app."""
from __future__ import annotations

import io
import logging
import sys

import pytest
from django.contrib.staticfiles import finders

from config.logging import OneLineRefusals

pytestmark = pytest.mark.django_db


def record(status: int) -> logging.LogRecord:
    try:
        raise PermissionError("out of scope")
    except PermissionError:
        exc_info = sys.exc_info()
    made = logging.LogRecord("django.request", logging.WARNING, __file__, 1,
                             "Forbidden (Permission denied): %s", ("/plans/new/",), exc_info)
    made.status_code = status
    return made


def test_a_refusal_loses_its_traceback_and_a_server_error_keeps_it():
    refused, failed = record(403), record(500)
    assert OneLineRefusals().filter(refused) and refused.exc_info is None
    assert OneLineRefusals().filter(failed) and failed.exc_info is not None


@pytest.fixture
def console():
    handler = next(
        h for h in logging.getLogger().handlers
        if any(isinstance(f, OneLineRefusals) for f in h.filters)
    )
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_a_viewer_refused_a_page_leaves_one_line_in_the_log(client, viewer_01, console):
    client.force_login(viewer_01)
    assert client.get("/plans/new/").status_code == 403
    lines = [line for line in console.getvalue().splitlines() if line.strip()]
    assert lines == ["Forbidden (Permission denied): /plans/new/"]


def test_every_page_names_the_icon_and_the_app_has_it(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
    assert finders.find("img/favicon.svg") is not None
