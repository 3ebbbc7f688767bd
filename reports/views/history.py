"""The audit trail of one value: every change, who made it, when, and from which page or file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..periods import Period
from ..selectors.history import actual_changes
from ..selectors.review import actual_for_user


@require_GET
@login_required
def actual_history(request: HttpRequest, pk: int) -> HttpResponse:
    actual = actual_for_user(request.user, pk)
    return render(
        request,
        "reports/history.html",
        {
            "actual": actual,
            "period": Period.parse(actual.period),
            "changes": actual_changes(actual),
        },
    )
