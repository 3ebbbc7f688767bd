"""A person's API tokens on their account page: made there (the key shown once), listed
with their prefix and last use, revoked there; nobody else's are reachable."""

from __future__ import annotations

import re

import pytest

from api.models import ApiToken
from tests.factories import bearer, token_make

pytestmark = pytest.mark.django_db
PAGE = "/accounts/tokens/"


def test_the_page_needs_a_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_user_creates_a_token_and_sees_it_once(client, reporter_001):
    client.force_login(reporter_001)
    response = client.post(PAGE, {"name": "Phần mềm quận", "read_only": "on"})
    assert response.status_code == 200
    key = re.search(r'class="token-key">([^<]+)<', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=reporter_001)
    assert (token.name, token.read_only) == ("Phần mềm quận", True)
    # The key works, read-only; the page never shows it again.
    assert client.get("/api/v1/units", headers=bearer(key)).status_code == 200
    again = client.get(PAGE).content.decode()
    assert key not in again and token.prefix in again and "Phần mềm quận" in again


def test_a_name_is_needed(client, reporter_001):
    client.force_login(reporter_001)
    response = client.post(PAGE, {"name": ""})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_user_revokes_their_own_token_only(client, reporter_001, officer_01):
    key = token_make(reporter_001)
    token_make(officer_01)
    mine = ApiToken.objects.get(user=reporter_001)
    theirs = ApiToken.objects.get(user=officer_01)
    client.force_login(reporter_001)
    assert client.post(f"/accounts/tokens/{theirs.pk}/revoke/").status_code == 404
    assert not ApiToken.objects.get(pk=theirs.pk).revoked
    response = client.post(f"/accounts/tokens/{mine.pk}/revoke/")
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=mine.pk).revoked
    assert client.get("/api/v1/units", headers=bearer(key)).status_code == 401
    assert officer_01.username not in client.get(PAGE).content.decode()


def test_the_header_links_to_the_page(client, viewer_01):
    client.force_login(viewer_01)
    assert f'href="{PAGE}"' in client.get("/units/", follow=True).content.decode()
