"""Browsing plans: the list. A plan's own page shows its targets and is the targets app's
(targets/views/pages.py), at the same address under /plans/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts.scope import Action, top_units

from ..forms import PlanFilterForm
from ..selectors import plans_for_user

PLANS_PER_PAGE = 50


@require_GET
@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanFilterForm(request.GET or None, user=request.user)
    plans = plans_for_user(
        request.user, Action.VIEW, filters=form.filters() if form.is_bound else None
    )
    page = Paginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/plan_list.html",
        {
            "form": form,
            "page": page,
            "plans": page.object_list,
            "query": query.urlencode(),
            "can_create": bool(top_units(request.user, Action.MANAGE)),
        },
    )
