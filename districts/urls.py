from __future__ import annotations

from django.urls import path

from . import views

app_name = "districts"
urlpatterns = [
    path("", views.unit_index, name="index"),
    path("search/", views.unit_search_page, name="search"),
    path("<int:pk>/", views.unit_detail, name="unit"),
]
