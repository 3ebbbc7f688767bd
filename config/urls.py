from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from api import views as api_views
from api.api import api
from reports import views as report_views

urlpatterns = [
    path("", report_views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", api_views.tokens_page, name="api_tokens"),
    path("accounts/tokens/<int:pk>/revoke/", api_views.token_revoke_view,
         name="api_token_revoke"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("units/", include("districts.urls")),
    path("plans/", include("plans.urls")),
    # /indicators/ and the target pages under /plans/ (a plan's page among them): after
    # plans.urls, whose fixed words (/plans/new/) come before the plan codes.
    path("", include("targets.urls")),
    path("reports/", include("reports.urls")),
    # /inbox/ and a plan's calendar (/plans/<code>/calendar/).
    path("", include("notices.urls")),
    path("admin/", admin.site.urls),
    # /api/v1/…, /api/dataValueSets, /api/openapi.json, /api/docs
    path("api/", api.urls),
]
