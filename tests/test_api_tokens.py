"""API tokens: made by the command (the key alone on the last line), stored hashed, sent
as `Bearer` or DHIS2's `ApiToken`; no, unknown or revoked token → 401; a minute's
allowance per token → 429; the description and its docs page served by the app."""

from __future__ import annotations

import datetime
import hashlib
import io
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from api.models import ApiToken
from api.services import token_revoke, token_use
from districts.scope import SYSTEM
from tests.factories import bearer, token_make

pytestmark = pytest.mark.django_db
UNITS = "/api/v1/units"


def test_the_command_prints_the_key_alone_on_its_last_line(officer_01):
    out = io.StringIO()
    call_command("api_token", officer_01.username, "--name", "Sở LĐTBXH", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    assert re.fullmatch(r"gdnn_[A-Za-z0-9_-]{40,}", key)
    token = ApiToken.objects.get(user=officer_01)
    assert token.name == "Sở LĐTBXH" and not token.read_only
    # Only the hash and a short prefix are kept, never the key.
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(token.prefix) and len(token.prefix) < len(key) // 3
    assert key not in {str(value) for value in ApiToken.objects.values_list().get()}


def test_the_command_makes_a_read_only_token(viewer_01):
    out = io.StringIO()
    call_command("api_token", viewer_01.username, "--read-only", stdout=out)
    assert ApiToken.objects.get(user=viewer_01).read_only


def test_the_command_refuses_an_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nobody"):
        call_command("api_token", "nobody", stdout=io.StringIO())


@pytest.mark.parametrize("scheme", ["Bearer", "ApiToken", "bearer"])
def test_a_token_is_accepted_in_either_scheme(client, officer_01, scheme):
    key = token_make(officer_01)
    response = client.get(UNITS, headers=bearer(key, scheme=scheme))
    assert response.status_code == 200
    assert [unit["code"] for unit in response.json()] == ["01"]


def test_a_request_records_the_tokens_last_use(client, officer_01):
    key = token_make(officer_01)
    client.get(UNITS, headers=bearer(key))
    used = ApiToken.objects.get(user=officer_01).last_used_at
    assert used is not None and timezone.now() - used < datetime.timedelta(minutes=1)


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer"}, {"Authorization": "Bearer gdnn_not-a-token"},
    {"Authorization": "Basic dXNlcjpwYXNz"},
])
def test_no_or_an_unknown_token_is_401_in_vietnamese(client, headers):
    response = client.get(UNITS, headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "token" in response.json()["detail"] and "Authorization" in response.json()["detail"]
    assert "Cung cấp" in response.json()["detail"]


def test_english_with_accept_language(client):
    response = client.get(UNITS, headers={"Accept-Language": "en"})
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Give a valid API token")


def test_a_revoked_token_is_401(client, officer_01):
    key = token_make(officer_01)
    token_revoke(token=ApiToken.objects.get(user=officer_01), actor=SYSTEM)
    assert client.get(UNITS, headers=bearer(key)).status_code == 401


def test_a_token_of_an_inactive_user_is_401(client, officer_01):
    key = token_make(officer_01)
    officer_01.is_active = False
    officer_01.save()
    assert client.get(UNITS, headers=bearer(key)).status_code == 401


def test_a_user_cannot_revoke_someone_elses_token(officer_01, viewer_01):
    from django.core.exceptions import PermissionDenied

    token_make(officer_01)
    with pytest.raises(PermissionDenied):
        token_revoke(token=ApiToken.objects.get(user=officer_01), actor=viewer_01)


@override_settings(API_RATE_LIMIT=3)
def test_the_fourth_request_of_a_minute_is_429_with_a_vietnamese_message(client, officer_01):
    key = token_make(officer_01)
    statuses = [client.get(UNITS, headers=bearer(key)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get(UNITS, headers=bearer(key))
    assert refused["Retry-After"] == "60"
    assert "Quá nhiều yêu cầu" in refused.json()["detail"]
    # Another token of the same user has an allowance of its own.
    assert client.get(UNITS, headers=bearer(token_make(officer_01))).status_code == 200


@override_settings(API_RATE_LIMIT=2)
def test_the_allowance_comes_back_in_the_next_minute(officer_01):
    token_make(officer_01)
    token = ApiToken.objects.get(user=officer_01)
    minute = timezone.now().replace(second=5, microsecond=0)
    assert [token_use(token=token, now=minute) for _ in range(3)] == [True, True, False]
    assert token_use(token=token, now=minute + datetime.timedelta(minutes=1))


def test_the_openapi_description_lists_the_resources(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/units", "/api/v1/indicators", "/api/v1/progress", "/api/dataValueSets",
            "/api/dataValueSets.csv", "/api/v1/submissions/{submission_id}/approve",
            "/api/v1/imports"} <= set(paths)
    assert set(paths["/api/dataValueSets"]) == {"get", "post"}
    assert response.json()["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_loads_only_the_apps_own_files(client):
    assert client.get("/api/docs")["Location"] == "/api/docs/"  # either address
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(source.endswith("swagger-ui-bundle.js") for source in sources)
    assert all(source.startswith("/static/") for source in sources), sources
    assert client.get(next(s for s in sources if s.endswith(".js"))).status_code == 200


def test_a_superuser_revokes_tokens_in_the_admin(client, officer_01, make_user):
    key = token_make(officer_01, name="hệ thống cũ")
    admin = make_user(username="quantri", is_superuser=True, is_staff=True)
    client.force_login(admin)
    listing = client.get("/admin/api/apitoken/")
    assert listing.status_code == 200 and "hệ thống cũ" in listing.content.decode()
    token = ApiToken.objects.get(user=officer_01)
    assert key not in listing.content.decode()
    response = client.post("/admin/api/apitoken/", {
        "action": "revoke", "_selected_action": [token.pk],
    })
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked
    client.logout()
    assert client.get(UNITS, headers=bearer(key)).status_code == 401
