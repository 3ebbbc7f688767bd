"""A plan's reporting calendar, period by period: shown to whoever sees the plan, set by
the officers of its issuing unit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from districts.scope import Action
from plans.selectors import plan_for_user, plan_is_allowed

from .. import services
from ..calendar import plan_calendar
from ..forms import CalendarForm


def _form_errors(form: CalendarForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_http_methods(["GET", "POST"])
@login_required
def calendar_page(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_for_user(request.user, code)
    manages = plan_is_allowed(request.user, plan, Action.MANAGE)
    deadlines = plan_calendar(plan)
    form = None
    if manages:
        initial = {}
        chosen = request.GET.get("period", "")
        current = next((d for d in deadlines if str(d.period) == chosen), None)
        if current is not None:
            initial = {
                "period": str(current.period),
                "units_deadline": current.units_deadline,
                "consolidation_deadline": current.consolidation_deadline,
                "data_cutoff": current.data_cutoff,
                "reminder_days": current.reminder_days_text,
                "overdue_every": current.overdue_every,
            }
        form = CalendarForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                row = services.calendar_set(
                    plan=plan, actor=request.user, **form.service_kwargs()
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request, _("Calendar of %(period)s saved.") % {"period": row.period}
                )
                return redirect("notices:calendar", code=plan.code)
    status = 400 if form is not None and form.errors else 200
    return render(
        request,
        "notices/calendar.html",
        {"plan": plan, "deadlines": deadlines, "form": form, "manages": manages},
        status=status,
    )


@require_POST
@login_required
def calendar_reset_view(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_for_user(request.user, code, Action.MANAGE)
    try:
        services.calendar_reset(plan=plan, period=request.POST.get("period", ""),
                                actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Back to the plan's yearly deadlines."))
    return redirect("notices:calendar", code=plan.code)
