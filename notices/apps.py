from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Deadlines and notices")

    def ready(self) -> None:
        # Instant notices follow the report's state changes (reports/signals.py).
        from reports.deadlines import register_deadline_reader

        from . import receivers  # noqa: F401
        from .calendar import reporting_deadlines

        # The entry page and completeness show the deadlines the reminders chase by.
        register_deadline_reader(reporting_deadlines)
