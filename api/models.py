"""API tokens: a user's key for other systems, stored as a hash only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from districts import sources


class ApiToken(models.Model):
    """A key that acts with its user's memberships (the pages' scope and roles).

    Only the SHA-256 of the key is kept, with its first characters (`prefix`) so that a
    person can tell their tokens apart; the key itself is shown once, when it is made.
    `window_start` and `window_count` are the rate limit's fixed window (one minute).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=60)
    key_hash = models.CharField(
        _("SHA-256 of the key"), max_length=64, unique=True, editable=False
    )
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    read_only = models.BooleanField(_("read only"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    window_start = models.DateTimeField(
        _("rate limit: minute started at"), null=True, blank=True, editable=False
    )
    window_count = models.PositiveIntegerField(
        _("rate limit: requests in that minute"), default=0, editable=False
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def source(self) -> str:
        """How a write through this token is named in the history (shown as
        "API (<token name>)", see `districts.sources`)."""
        return sources.code(sources.API, self.name)
