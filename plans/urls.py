from __future__ import annotations

from django.urls import path

from .views import allocations, editing, grid, pages, wording

app_name = "plans"
# Fixed words first: "new" and "parse-wording" are reserved plan codes (plans/forms.py).
urlpatterns = [
    path("", pages.plan_list, name="list"),
    path("new/", editing.plan_create, name="create"),
    path("parse-wording/", wording.parse_wording, name="parse_wording"),
    path("<slug:code>/", pages.plan_detail, name="detail"),
    path("<slug:code>/edit/", editing.plan_edit, name="edit"),
    path("<slug:code>/history/", pages.plan_history, name="history"),
    path("<slug:code>/issue/", editing.plan_issue, name="issue"),
    path("<slug:code>/supersede/", editing.plan_supersede, name="supersede"),
    path("<slug:code>/targets/<int:year>/", grid.target_grid, name="targets"),
    path("<slug:code>/allocations/copy/", allocations.allocation_copy, name="allocation_copy"),
    path("<slug:code>/allocations/split/", allocations.allocation_split, name="allocation_split"),
]
