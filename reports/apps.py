from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # A target split in proportion to last year's actuals reads them from here.
        from targets.services import register_actuals_reader

        from .selectors.entry import annual_actuals

        register_actuals_reader(annual_actuals)
