"""Reads of the review pages: one report or value as a user may see it, and the reports
waiting for review."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from districts.scope import Action, Actor, can, scope_filter

from ..models import Actual, Submission


def submission_for_user(user: Actor, pk: int, action: Action = Action.VIEW) -> Submission:
    """The submission, if the user may `action` its unit: 404 when out of sight, 403 when
    the role does not allow it."""
    submission = (
        Submission.objects.select_related("unit", "unit__parent", "submitted_by", "reviewed_by")
        .filter(pk=pk)
        .first()
    )
    if submission is None or not can(user, submission.unit, Action.VIEW):
        raise Http404
    if not can(user, submission.unit, action):
        raise PermissionDenied
    return submission


def actual_for_user(user: Actor, pk: int) -> Actual:
    """The actual value, if the user may see its unit (404 otherwise)."""
    actual = Actual.objects.select_related("unit", "indicator").filter(pk=pk).first()
    if actual is None or not can(user, actual.unit, Action.VIEW):
        raise Http404
    return actual


def submissions_waiting(user: Actor) -> QuerySet[Submission]:
    """Submitted reports of the units the user manages, oldest first."""
    return (
        Submission.objects.filter(state=Submission.State.SUBMITTED)
        .filter(scope_filter(user, Action.MANAGE, prefix="unit__"))
        .select_related("unit", "unit__parent", "submitted_by")
        .order_by("submitted_at", "unit__path")
    )
