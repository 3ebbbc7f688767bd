"""Creating and editing a plan's header, issuing it and marking it superseded."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from districts.scope import Action, top_units

from .. import services
from ..forms import PlanForm, SupersedeForm
from ..models import Plan
from ..selectors import plan_for_user


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_http_methods(["GET", "POST"])
@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    if not top_units(request.user, Action.MANAGE):
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user, instance=Plan())
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Plan %(code)s created as a draft.") % {"code": plan.code})
            return redirect("targets:plan_detail", code=plan.code)
    return render(request, "plans/plan_form.html", {"form": form, "plan": None})


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_for_user(request.user, code, Action.MANAGE)
    form = PlanForm(request.POST or None, user=request.user, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_update(plan=plan, actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Plan %(code)s saved.") % {"code": plan.code})
            return redirect("targets:plan_detail", code=plan.code)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@require_http_methods(["GET", "POST"])
@login_required
def plan_issue(request: HttpRequest, code: str) -> HttpResponse:
    """Issuing freezes a plan: the page says what it freezes and asks to confirm."""
    plan = plan_for_user(request.user, code, Action.MANAGE)
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        if plan.status != Plan.Status.DRAFT:
            messages.error(request, _("Only a draft plan can be issued."))
            return redirect("targets:plan_detail", code=plan.code)
        return render(
            request, "plans/plan_issue.html",
            {"plan": plan, "target_count": plan.targets.count()},
        )
    try:
        services.plan_issue(plan=plan, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Plan %(code)s issued: its targets now change only through an amendment.")
            % {"code": plan.code},
        )
    return redirect("targets:plan_detail", code=plan.code)


@require_POST
@login_required
def plan_supersede(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_for_user(request.user, code, Action.MANAGE)
    form = SupersedeForm(request.POST, user=request.user, plan=plan)
    if not form.is_valid():
        messages.error(request, _("Choose the plan that replaces this one."))
        return redirect("targets:plan_detail", code=plan.code)
    by = form.cleaned_data["superseded_by"]
    try:
        services.plan_supersede(plan=plan, actor=request.user, by=by)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Plan %(code)s is superseded by %(by)s.") % {"code": plan.code, "by": by.code},
        )
    return redirect("targets:plan_detail", code=plan.code)
