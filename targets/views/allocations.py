"""Allocation tools: copy last year's quotas, split a target over the child units."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from districts.scope import Action
from plans.selectors import plan_for_user

from .. import services
from ..forms import AllocationCopyForm, AllocationSplitForm


def _form_errors(form) -> str:
    return " ".join(
        f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    )


def _back(plan, year) -> HttpResponse:
    if year in plan.years:
        return redirect("targets:grid", code=plan.code, year=year)
    return redirect("targets:plan_detail", code=plan.code)


def _done(request, result: services.SaveResult) -> None:
    text = _("Quotas saved: %(created)s added, %(updated)s changed, %(deleted)s removed.") % {
        "created": result.created,
        "updated": result.updated,
        "deleted": result.deleted,
    }
    if result.skipped:
        text += " " + _("%(count)s units of last year no longer exist and were skipped.") % {
            "count": result.skipped
        }
    if result.even:
        text += " " + _("No basis was found: the target was split evenly.")
    messages.success(request, text)


def _run(request: HttpRequest, code: str, form_class, year_field: str, action) -> HttpResponse:
    """Validate the posted form, run the service, and go back to the year's grid."""
    plan = plan_for_user(request.user, code, Action.MANAGE)
    form = form_class(request.POST, user=request.user, plan=plan)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(plan, _int(request.POST.get(year_field)))
    data = form.cleaned_data
    try:
        result = action(plan=plan, data=data, amendment=form.amendment_input())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _done(request, result)
    return _back(plan, data[year_field])


@require_POST
@login_required
def allocation_copy(request: HttpRequest, code: str) -> HttpResponse:
    def copy(*, plan, data, amendment):
        return services.allocation_copy(
            plan=plan,
            indicator=data["indicator"],
            from_year=data["from_year"],
            to_year=data["to_year"],
            source_plan=data.get("source_plan"),
            overwrite=data["overwrite"],
            actor=request.user,
            amendment=amendment,
        )

    return _run(request, code, AllocationCopyForm, "to_year", copy)


@require_POST
@login_required
def allocation_split(request: HttpRequest, code: str) -> HttpResponse:
    def split(*, plan, data, amendment):
        return services.allocation_split(
            plan=plan,
            indicator=data["indicator"],
            year=data["year"],
            basis=data["basis"],
            source_plan=data.get("source_plan"),
            overwrite=data["overwrite"],
            actor=request.user,
            amendment=amendment,
            actuals=services.actuals_reader(),
        )

    return _run(request, code, AllocationSplitForm, "year", split)


def _int(text) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
