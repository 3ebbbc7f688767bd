"""The admin site of the product: superusers only.

The admin is for those who run the product (users, memberships, reference data). Its
pages bypass the scope of memberships, so a staff account that is not a superuser gets
nothing here; officers and reporters work on the product's own pages, where
`districts.scope` limits them to their units.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class SuperuserAdminSite(admin.AdminSite):
    site_header = _("GDNN plans: administration")
    site_title = _("GDNN plans administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)
