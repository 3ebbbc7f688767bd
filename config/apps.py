from __future__ import annotations

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin, on the product's site (`config.admin.SuperuserAdminSite`)."""

    default_site = "config.admin.SuperuserAdminSite"
