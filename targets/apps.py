from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = _("Indicators and targets")

    def ready(self) -> None:
        from .catalogue_sync import on_post_migrate

        post_migrate.connect(on_post_migrate, sender=self)
