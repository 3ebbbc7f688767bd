"""Writes of API tokens: making one (the key is returned once), revoking one, and the
per-token rate limit's counter."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from districts.scope import Actor

from .models import ApiToken

KEY_MARK = "gdnn_"
PREFIX_LENGTH = 12
NAME_MAX = 60
WINDOW = datetime.timedelta(minutes=1)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown once, never stored


def _may_manage(actor: Actor, user_id: int | None) -> bool:
    return actor.is_superuser or (actor.is_authenticated and actor.pk == user_id)


def token_create(*, user, name: str, read_only: bool, actor: Actor) -> NewToken:
    """A new token of `user`, made by the user themselves or a superuser."""
    if not _may_manage(actor, user.pk):
        raise PermissionDenied(_("Only the user or a superuser may create their tokens."))
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the token a name, e.g. the system that will use it."))
    if len(name) > NAME_MAX or "\x00" in name:
        raise ValidationError(
            _("A token's name has at most %(max)s characters and no NUL character.")
            % {"max": NAME_MAX}
        )
    key = KEY_MARK + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=key_hash(key), prefix=key[:PREFIX_LENGTH],
        read_only=read_only,
    )
    return NewToken(token=token, key=key)


def token_revoke(*, token: ApiToken, actor: Actor) -> ApiToken:
    """Revoke the token from now on (a revoked token stays listed, with the time)."""
    if not _may_manage(actor, token.user_id):
        raise PermissionDenied(_("Only the user or a superuser may revoke their tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_use(*, token: ApiToken, now: datetime.datetime | None = None) -> bool:
    """Count one request in the token's current one-minute window and record its use;
    False when the window's allowance (`API_RATE_LIMIT` a minute) is used up.

    Two conditional UPDATEs on the token's row, so concurrent requests of several app
    processes count exactly: the database serialises them on the row.
    """
    now = now or timezone.now()
    window = now.replace(second=0, microsecond=0)
    limit = settings.API_RATE_LIMIT
    rows = ApiToken.objects.filter(pk=token.pk)
    if rows.filter(window_start=window, window_count__lt=limit).update(
        window_count=F("window_count") + 1, last_used_at=now
    ):
        return True
    # A new minute: the first request of its window (unless the limit allows none).
    return limit > 0 and bool(
        rows.exclude(window_start=window).update(
            window_start=window, window_count=1, last_used_at=now
        )
    )
