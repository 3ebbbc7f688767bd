"""URLs of the reports app, one module per feature so each stays small."""
from __future__ import annotations

from django.urls import include, path

app_name = "reports"
urlpatterns = [
    path("", include("reports.urls_entry")),
    path("imports/", include("reports.urls_imports")),
    path("progress/", include("reports.urls_progress")),
]
