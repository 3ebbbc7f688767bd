"""The indicator catalogue under /indicators/ and the target pages of a plan under /plans/,
at the addresses they have always had. Included at the root, after plans/urls.py, so that
/plans/new/ stays the plans app's; "parse-wording" comes before the plan codes (it is a
reserved code, plans/forms.py)."""

from __future__ import annotations

from django.urls import path

from .views import allocations, catalogue, grid, indicators, pages, wording

app_name = "targets"
urlpatterns = [
    path("indicators/", catalogue.catalogue, name="catalogue"),
    path("indicators/new/", indicators.indicator_create, name="indicator_create"),
    path("indicators/<slug:code>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path("indicators/<slug:code>/retire/", indicators.indicator_retire, name="indicator_retire"),
    path("indicators/<slug:code>/delete/", indicators.indicator_delete, name="indicator_delete"),
    path("plans/parse-wording/", wording.parse_wording, name="parse_wording"),
    path("plans/<slug:code>/", pages.plan_detail, name="plan_detail"),
    path("plans/<slug:code>/history/", pages.plan_history, name="plan_history"),
    path("plans/<slug:code>/targets/<int:year>/", grid.target_grid, name="grid"),
    path(
        "plans/<slug:code>/allocations/copy/",
        allocations.allocation_copy,
        name="allocation_copy",
    ),
    path(
        "plans/<slug:code>/allocations/split/",
        allocations.allocation_split,
        name="allocation_split",
    ),
]
