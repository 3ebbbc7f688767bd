"""Vietnamese first: every visitor gets Vietnamese, whatever the browser asks, until they
choose English with the switch, which is remembered."""
from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.mark.parametrize("asked", ["en", "en-US,en;q=0.9", "fr,en;q=0.5", ""])
def test_the_first_visit_is_in_vietnamese_whatever_the_browser_asks(client, asked):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE=asked)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html


def test_the_switch_chooses_english_and_it_is_remembered(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": LOGIN},
                           HTTP_ACCEPT_LANGUAGE="vi")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="en">' in html


def test_a_signed_in_officer_with_an_english_browser_reads_vietnamese(client, officer_01):
    client.force_login(officer_01)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en", follow=True).content.decode()
    assert '<html lang="vi">' in html
