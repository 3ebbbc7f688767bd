"""The login lockout protects a username without locking its real user out: it is keyed on
username and the client's real address, read from X-Forwarded-For only behind trusted
proxies (the README's deployment: one TLS proxy on the same machine)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.urls import reverse

from config.proxies import client_address

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
PASSWORD = "x-test-pass-1"
PROXY = "127.0.0.1"  # nginx on the same machine, in front of gunicorn
ATTACKER = "203.0.113.66"
REAL_USER = "198.51.100.7"

# The README's production shape: TLS ends at the proxy, which appends the client's address.
behind_one_proxy = override_settings(
    TRUSTED_PROXY_COUNT=1, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)


def through_proxy(client, client_ip: str, username: str, password: str, *, claimed: str = ""):
    """A login posted through the proxy: it appends the address it saw to whatever the
    client claimed in its own X-Forwarded-For."""
    forwarded = f"{claimed}, {client_ip}" if claimed else client_ip
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
        HTTP_X_FORWARDED_PROTO="https",
        secure=True,
    )


def lock_out(client, username: str, client_ip: str, **kwargs) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        through_proxy(client, client_ip, username, "wrong", **kwargs)


@pytest.fixture
def officer(make_user):
    return make_user("officer", "01", username="hanoi.officer")


# --- the client's address ---------------------------------------------------------------


def meta(**headers):
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored():
    assert client_address(meta(HTTP_X_FORWARDED_FOR=ATTACKER)) == PROXY


@behind_one_proxy
def test_behind_one_proxy_the_address_it_appended_counts():
    assert client_address(meta(HTTP_X_FORWARDED_FOR=REAL_USER)) == REAL_USER
    # What the client wrote itself, to the left, is never believed.
    assert client_address(meta(HTTP_X_FORWARDED_FOR=f"{REAL_USER}, {ATTACKER}")) == ATTACKER


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_outer_ones_entry_counts():
    forwarded = f"10.9.9.9, {REAL_USER}, 10.0.0.2"  # claimed, outer proxy's, inner proxy's
    assert client_address(meta(HTTP_X_FORWARDED_FOR=forwarded)) == REAL_USER


@behind_one_proxy
def test_a_missing_or_broken_header_falls_back_to_the_connection():
    assert client_address(meta()) == PROXY
    assert client_address(meta(HTTP_X_FORWARDED_FOR="not-an-address")) == PROXY


# --- the lockout behind the README's proxy ---------------------------------------------------


@behind_one_proxy
def test_an_attackers_wrong_passwords_do_not_lock_the_real_user_out(client, officer):
    lock_out(client, "hanoi.officer", ATTACKER)

    assert through_proxy(client, ATTACKER, "hanoi.officer", PASSWORD).status_code == 429
    response = through_proxy(client, REAL_USER, "hanoi.officer", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")


@behind_one_proxy
def test_claiming_the_real_users_address_does_not_unlock_the_attacker(client, officer):
    lock_out(client, "hanoi.officer", ATTACKER)

    response = through_proxy(client, ATTACKER, "hanoi.officer", PASSWORD, claimed=REAL_USER)
    assert response.status_code == 429


@behind_one_proxy
def test_claiming_the_real_users_address_cannot_lock_the_real_user_out(client, officer):
    lock_out(client, "hanoi.officer", ATTACKER, claimed=REAL_USER)

    response = through_proxy(client, REAL_USER, "hanoi.officer", PASSWORD)
    assert response.status_code == 302


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_lockout(client, officer):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "hanoi.officer", "password": "wrong"},
                    REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    response = client.post(LOGIN, {"username": "hanoi.officer", "password": PASSWORD},
                           REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429


@behind_one_proxy
def test_another_username_from_the_attackers_address_is_not_locked(client, officer, make_user):
    make_user("viewer", "01", username="hanoi.viewer")
    lock_out(client, "hanoi.officer", ATTACKER)

    assert through_proxy(client, ATTACKER, "hanoi.viewer", PASSWORD).status_code == 302


@behind_one_proxy
def test_the_lock_page_says_for_how_long_in_vietnamese(client, officer):
    lock_out(client, "hanoi.officer", ATTACKER)

    response = through_proxy(client, ATTACKER, "hanoi.officer", PASSWORD)

    page = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="vi">' in page
    assert "15 phút" in page and "5 lần" in page


@behind_one_proxy
@override_settings(AXES_COOLOFF_TIME=2)
def test_the_lock_page_counts_hours_in_minutes(client, officer):
    lock_out(client, "hanoi.officer", ATTACKER)
    page = through_proxy(client, ATTACKER, "hanoi.officer", PASSWORD).content.decode()
    assert "120 phút" in page
