"""The login lockout's (django-axes) list of attempts in Vietnamese.

axes titles two computed columns of that list by their method names ("Status",
"Expiration"), which no catalogue can translate; this admin gives them translatable
titles. Registered again by `config.apps.AdminConfig.ready`, once axes has registered its
own. The rest of axes' admin (models, fields, filters) is translated in `locale/`.
"""

from __future__ import annotations

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.display(description=_("expires at"))
    def expiration(self, obj: AccessAttempt) -> object:
        return super().expiration(obj)

    @admin.display(description=_("status"))
    def status(self, obj: AccessAttempt) -> str:
        return super().status(obj)


def register() -> None:
    if admin.site.is_registered(AccessAttempt):
        admin.site.unregister(AccessAttempt)
        admin.site.register(AccessAttempt, AccessAttemptAdmin)
