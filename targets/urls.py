from __future__ import annotations

from django.urls import path

from . import views

app_name = "targets"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
]
