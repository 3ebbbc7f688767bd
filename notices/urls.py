from __future__ import annotations

from django.urls import path

from .views import calendar, inbox

app_name = "notices"
urlpatterns = [
    path("inbox/", inbox.inbox_page, name="inbox"),
    path("inbox/read/", inbox.inbox_mark_read, name="mark_read"),
    path("inbox/notices/<int:notice_id>/", inbox.notice_open, name="notice_open"),
    path("inbox/settings/", inbox.preferences_page, name="preferences"),
    path("plans/<slug:code>/calendar/", calendar.calendar_page, name="calendar"),
    path("plans/<slug:code>/calendar/reset/", calendar.calendar_reset_view,
         name="calendar_reset"),
]
