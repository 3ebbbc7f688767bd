"""A plan's page and the history of its targets: the plan's header with what it sets."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts.scope import Action, can
from plans.forms import SupersedeForm
from plans.selectors import plan_for_user

from ..selectors import plan_milestones, plan_targets_by_year, target_changes

CHANGES_PER_PAGE = 100
RECENT_CHANGES = 10


@require_GET
@login_required
def plan_detail(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_for_user(request.user, code, Action.VIEW)
    groups = plan_targets_by_year(plan, request.user)
    can_manage = can(request.user, plan.issuer, Action.MANAGE)
    supersede_form = None
    if can_manage and plan.status == plan.Status.ISSUED:  # a draft is edited, not replaced
        supersede_form = SupersedeForm(user=request.user, plan=plan)
    return render(
        request,
        "targets/plan_detail.html",
        {
            "plan": plan,
            "groups": groups,
            "milestones": plan_milestones(groups),
            "implements": list(plan.implements.order_by("-first_year", "code")),
            "supersedes": list(plan.supersedes.order_by("code")),
            "amendments": list(plan.amendments.select_related("created_by")),
            "changes": target_changes(plan, request.user, limit=RECENT_CHANGES),
            "can_manage": can_manage,
            "supersede_form": supersede_form,
            "grid_years": list(plan.years),
            "full_view": can(request.user, plan.issuer, Action.VIEW),
            "deadlines": {
                "units": plan.units_deadline_for(plan.first_year),
                "consolidation": plan.consolidation_deadline_for(plan.first_year),
            },
        },
    )


@require_GET
@login_required
def plan_history(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_for_user(request.user, code, Action.VIEW)
    changes = target_changes(plan, request.user)
    page = Paginator(changes, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "targets/plan_history.html",
        {"plan": plan, "page": page, "changes": page.object_list},
    )
