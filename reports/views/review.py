"""Officers review submitted reports: approve them, return them or reopen them, with a reason."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from districts.scope import Action, can, can_anywhere

from ..forms import ReasonForm
from ..models import Submission
from ..selectors.entry import entry_grid
from ..selectors.history import period_changes, submission_changes
from ..selectors.review import submission_for_user, submissions_waiting
from ..services import (
    SOURCE_REVIEW,
    TransitionError,
    submission_approve,
    submission_reopen,
    submission_return,
)


@require_GET
@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, Action.MANAGE):
        raise PermissionDenied
    submissions = list(submissions_waiting(request.user))
    return render(request, "reports/review_list.html", {"submissions": submissions})


def _render_submission(
    request: HttpRequest,
    submission: Submission,
    *,
    reason_form: ReasonForm | None = None,
    form_action: str = "",
    status: int = 200,
) -> HttpResponse:
    grid = entry_grid(submission.unit, submission.period)
    warnings = grid.warnings()
    rows = [(row, warnings.get(row.code, [])) for row in grid.rows]
    return render(
        request,
        "reports/submission.html",
        {
            "submission": submission,
            "unit": submission.unit,
            "period": grid.period,
            "rows": rows,
            "warning_count": sum(len(found) for found in warnings.values()),
            "can_manage": can(request.user, submission.unit, Action.MANAGE),
            "state_changes": submission_changes(submission),
            "value_changes": period_changes(submission.unit, submission.period),
            "reason_form": reason_form or ReasonForm(),
            "form_action": form_action,
        },
        status=status,
    )


@require_GET
@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_submission(request, submission_for_user(request.user, pk, Action.VIEW))


def _transition(
    request: HttpRequest, pk: int, *, name: str, needs_reason: bool, service: Callable, done: str
) -> HttpResponse:
    submission = submission_for_user(request.user, pk, Action.MANAGE)
    arguments = {"submission": submission, "actor": request.user, "source": SOURCE_REVIEW}
    if needs_reason:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            return _render_submission(
                request, submission, reason_form=form, form_action=name, status=400
            )
        arguments["reason"] = form.cleaned_data["reason"]
    try:
        service(**arguments)
    except TransitionError as error:
        messages.error(request, error.message)
        return _render_submission(request, submission, form_action=name, status=409)
    messages.success(
        request, done % {"unit": submission.unit.name, "period": submission.period_label}
    )
    return redirect("reports:submission", pk=submission.pk)


@require_POST
@login_required
def submission_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        name="approve",
        needs_reason=False,
        service=submission_approve,
        done=_("The report of %(unit)s for %(period)s is approved."),
    )


@require_POST
@login_required
def submission_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        name="return",
        needs_reason=True,
        service=submission_return,
        done=_("The report of %(unit)s for %(period)s has been returned to the unit."),
    )


@require_POST
@login_required
def submission_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        name="reopen",
        needs_reason=True,
        service=submission_reopen,
        done=_("The report of %(unit)s for %(period)s is reopened for correction."),
    )
