"""Entering values, submitting, reviewing, chasing late units, and the audit trail."""

from __future__ import annotations

from django.urls import path

from .views import completeness, entry, history, review

urlpatterns = [
    path("entry/", entry.entry_home, name="entry_home"),
    path("entry/<int:unit_pk>/<str:period>/", entry.entry, name="entry"),
    path("review/", review.review_list, name="review_list"),
    path("submissions/<int:pk>/", review.submission_detail, name="submission"),
    path(
        "submissions/<int:pk>/approve/",
        review.submission_approve_view,
        name="submission_approve",
    ),
    path(
        "submissions/<int:pk>/return/", review.submission_return_view, name="submission_return"
    ),
    path(
        "submissions/<int:pk>/reopen/", review.submission_reopen_view, name="submission_reopen"
    ),
    path("completeness/", completeness.completeness_page, name="completeness"),
    path("actuals/<int:pk>/history/", history.actual_history, name="actual_history"),
]
