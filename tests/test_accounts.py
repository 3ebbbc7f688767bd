"""Logging in and out, the language switch, lockout, formats and deployment checks."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_vietnamese_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page and "Mật khẩu" in page


def test_logging_in_shows_the_user_their_unit_and_role(client, make_user):
    make_user("reporter", "001", username="badinh")
    response = client.post(
        reverse("login"), {"username": "badinh", "password": "x-test-pass-1"}, follow=True
    )
    assert response.status_code == 200
    assert response.context["user"].username == "badinh"
    assert "Quận Ba Đình" in response.content.decode()


def test_logout_is_a_post(client, viewer_01):
    client.force_login(viewer_01)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_the_language_switch_turns_the_page_english(client, viewer_01):
    client.force_login(viewer_01)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Log out" in page and "Đăng xuất" not in page


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, make_user):
    make_user("viewer", "01", username="guessme")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "guessme", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "guessme", "password": "x-test-pass-1"})
    assert response.status_code == 429
    assert "guessme" not in str(client.session.get("_auth_user_id", ""))


def test_numbers_and_dates_read_the_vietnamese_way():
    with translation.override("vi"):
        assert formats.number_format(Decimal("1234567.5"), 1, use_l10n=True) == "1.234.567,5"
        assert formats.date_format(datetime.date(2024, 12, 15), "SHORT_DATE_FORMAT") == "15/12/2024"
    with translation.override("en"):
        assert formats.number_format(Decimal("1234567.5"), 1, use_l10n=True) == "1,234,567.5"


def test_check_deploy_is_clean_for_a_production_configuration():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "gdnn.example.gov.vn",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_PRELOAD": "true",
    }
    # The browser tests' async switch must not leak into a production check.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
