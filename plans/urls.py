from __future__ import annotations

from django.urls import path

from .views import editing, pages

app_name = "plans"
# The rest of /plans/ (a plan's page, its history, its targets) is in targets/urls.py,
# included after this URLconf; "new" and "parse-wording" are reserved plan codes
# (plans/forms.py).
urlpatterns = [
    path("", pages.plan_list, name="list"),
    path("new/", editing.plan_create, name="create"),
    path("<slug:code>/edit/", editing.plan_edit, name="edit"),
    path("<slug:code>/issue/", editing.plan_issue, name="issue"),
    path("<slug:code>/supersede/", editing.plan_supersede, name="supersede"),
]
