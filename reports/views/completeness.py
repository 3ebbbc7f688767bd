"""Who has reported: each reporting unit's state for a plan and period, overdue ones first seen."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from districts.scope import Action, can_anywhere
from plans.models import Plan
from plans.selectors import plans_for_user

from ..periods import Period, PeriodError, PeriodKind
from ..selectors.completeness import completeness


def _periods_of(plan: Plan) -> list[Period]:
    """The periods a plan asks for each year: the year and its first half."""
    return [
        period
        for year in reversed(plan.years)
        for period in (Period(year), Period(year, PeriodKind.HALF, 1))
    ]


def _default_period(plan: Plan) -> Period:
    year = min(max(timezone.localdate().year, plan.first_year), plan.last_year)
    return Period(year)


@require_GET
@login_required
def completeness_page(request: HttpRequest) -> HttpResponse:
    if not can_anywhere(request.user, Action.MANAGE):
        raise PermissionDenied
    plans = list(plans_for_user(request.user, Action.MANAGE))
    code = request.GET.get("plan", "").strip()
    if code:
        plan = next((p for p in plans if p.code == code), None)
        if plan is None:
            raise Http404
    else:
        plan = plans[0] if plans else None
    context: dict = {"plans": plans, "plan": plan, "error": ""}
    if plan is None:
        return render(request, "reports/completeness.html", context)
    period, status = _default_period(plan), 200
    text = request.GET.get("period", "").strip()
    if text:
        try:
            period = Period.parse(text)
        except PeriodError as error:
            context["error"], status = str(error), 400
        else:
            if period.year not in plan.years:
                context["error"] = _(
                    "The plan covers %(first)s–%(last)s; %(period)s is outside its years."
                ) % {"first": plan.first_year, "last": plan.last_year, "period": text}
                period, status = _default_period(plan), 400
    context |= {
        "period": period,
        "periods": _periods_of(plan),
        "report": completeness(plan, period),
        "today": timezone.localdate(),
    }
    return render(request, "reports/completeness.html", context, status=status)
