"""Progress reports and the leaders' dashboard, under /reports/progress/."""

from __future__ import annotations

from django.urls import path

from .views import dashboard, progress

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path(
        "dashboard/chart/<slug:chart>.csv",
        dashboard.dashboard_chart_csv,
        name="dashboard_chart_csv",
    ),
    path("<slug:plan_code>/milestones/", progress.milestones, name="milestones"),
    path("<slug:plan_code>/<int:year>/", progress.progress, name="progress"),
    path("<slug:plan_code>/<int:year>/xlsx/", progress.progress_xlsx, name="progress_xlsx"),
    path(
        "<slug:plan_code>/<int:year>/allocation/<slug:indicator>/",
        progress.allocation,
        name="allocation",
    ),
    path("<slug:plan_code>/<int:year>/official/", progress.official, name="official"),
    path(
        "<slug:plan_code>/<int:year>/official/xlsx/",
        progress.official_xlsx,
        name="official_xlsx",
    ),
]
