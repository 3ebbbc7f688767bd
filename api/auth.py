"""Who calls: `Authorization: Bearer <token>` (or DHIS2's `ApiToken <token>`).

A token acts as its user, with the user's memberships: the same scope and roles as the
pages (`districts.scope`). No token, an unknown one, a revoked one or one of an inactive
user is a 401; a request beyond the token's allowance per minute is a 429; a read-only
token asking to write is a 403 (`writer`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from .models import ApiToken
from .services import key_hash, token_use

SCHEMES = ("bearer", "apitoken")
KEY_MAX = 200


class RateLimited(Exception):
    """The token has used up its requests of the current minute."""


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        scheme, _space, key = request.headers.get("Authorization", "").partition(" ")
        key = key.strip()
        if scheme.lower() not in SCHEMES or not key or len(key) > KEY_MAX:
            return None
        return self.authenticate(request, key)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=key_hash(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        if not token_use(token=found):
            raise RateLimited
        request.user = found.user
        return found


def token_of(request: HttpRequest) -> ApiToken:
    return request.auth  # type: ignore[attr-defined]


def reader(request: HttpRequest):
    """The user a token acts as."""
    return token_of(request).user


def writer(request: HttpRequest):
    """The user a token acts as, for a write: a read-only token may not."""
    token = token_of(request)
    if token.read_only:
        raise PermissionDenied(_("This token is read-only: it cannot change anything."))
    return token.user


def source(request: HttpRequest) -> str:
    """The history's source of a write: `API (<token name>)`."""
    return token_of(request).source
