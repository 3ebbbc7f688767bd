from __future__ import annotations

from django.urls import path

from .views import calendar

app_name = "notices"
urlpatterns = [
    path("plans/<slug:code>/calendar/", calendar.calendar_page, name="calendar"),
    path("plans/<slug:code>/calendar/reset/", calendar.calendar_reset_view,
         name="calendar_reset"),
]
