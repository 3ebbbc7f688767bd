from __future__ import annotations

from axes.apps import AppConfig as DjangoAxesConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin, on the product's site (`config.admin.SuperuserAdminSite`)."""

    default_site = "config.admin.SuperuserAdminSite"

    def ready(self) -> None:
        super().ready()  # imports every app's admin module, axes' included
        from . import lockout_admin

        lockout_admin.register()


class AxesConfig(DjangoAxesConfig):
    """django-axes (the login lockout) under a Vietnamese name in the admin; its models,
    fields and filters are translated in the project's catalogue (`locale/`), since the
    package ships none in Vietnamese."""

    verbose_name = _("Login lockout")


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks' database backend (the queue of background jobs) under a Vietnamese
    name in the admin; its model and fields are translated in `locale/`, as axes' are."""

    verbose_name = _("Background jobs")  # type: ignore[assignment]  # translated lazily
