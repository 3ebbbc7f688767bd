"""The target grid of a plan year: type the printed wordings, preview, save."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from districts.scope import Action
from plans.models import Plan
from plans.selectors import plan_for_user

from .. import services
from ..forms import AllocationCopyForm, AllocationSplitForm, AmendmentForm
from ..grid import TargetGridForm
from ..grid_html import row_cells_html
from ..models import Target
from ..selectors import grid_units, indicators_for_unit


def _save(request, plan: Plan, year: int, grid: TargetGridForm, amendment_form) -> bool:
    """Save the changed cells; False (with the reasons on the grid) when refused."""
    amendment = None
    if not plan.is_editable:
        if not amendment_form.is_valid():
            grid.non_field_errors.append(
                _("This plan is issued: its targets change only through an amendment. "
                  "Give the amendment's number and reason.")
            )
            return False
        amendment = amendment_form.amendment_input()
    try:
        result = services.targets_save(
            plan=plan, year=year, cells=grid.cells(), actor=request.user, amendment=amendment
        )
    except ValidationError as exc:
        grid.non_field_errors.extend(exc.messages)
        return False
    messages.success(
        request,
        _("Targets of %(year)s saved: %(created)s added, %(updated)s changed, "
          "%(deleted)s deleted.")
        % {
            "year": year,
            "created": result.created,
            "updated": result.updated,
            "deleted": result.deleted,
        },
    )
    return True


@require_http_methods(["GET", "POST"])
@login_required
def target_grid(request: HttpRequest, code: str, year: int) -> HttpResponse:
    plan = plan_for_user(request.user, code, Action.MANAGE)
    if year not in plan.years:
        raise Http404
    units = grid_units(plan, year)
    targets = {
        (t.indicator_id, t.unit_id): t
        for t in Target.objects.filter(plan=plan, year=year, unit__in=units).select_related(
            "indicator"
        )
    }
    # The catalogue and the issuer's department's own; a retired one only where it has a
    # target already (it takes no new ones).
    used = {indicator_id for indicator_id, _unit in targets}
    catalogue = [
        i for i in indicators_for_unit(plan.issuer) if not i.retired or i.pk in used
    ]
    posted = request.method == "POST"
    action = request.POST.get("action", "preview") if posted else ""
    grid = TargetGridForm(
        units=units, indicators=catalogue, targets=targets, data=request.POST if posted else None
    )
    amendment_form = AmendmentForm(
        request.POST if action == "save" else None,
        plan=plan,
        initial={k: request.POST.get(k, "") for k in ("amendment_number", "amendment_reason")},
    )
    status = 200
    if posted:
        if grid.tampered:
            status = 400
        elif action == "save" and grid.is_valid():
            if not grid.changed_cells:
                messages.info(request, _("Nothing changed."))
                return redirect(request.get_full_path())
            if _save(request, plan, year, grid, amendment_form):
                return redirect(request.get_full_path())
    outside = Target.objects.filter(plan=plan, year=year).exclude(unit__in=units).count()
    return render(
        request,
        "targets/target_grid.html",
        {
            "plan": plan,
            "year": year,
            "units": units,
            "grid": grid,
            "rows": [(row, row_cells_html(row)) for row in grid.rows],
            "all_indicators": catalogue,
            "outside": outside,
            "previewed": action == "preview",
            "amendment_form": amendment_form,
            "copy_form": AllocationCopyForm(
                user=request.user, plan=plan,
                initial={"from_year": year - 1, "to_year": year},
            ),
            "split_form": AllocationSplitForm(
                user=request.user, plan=plan, initial={"year": year},
            ),
        },
        status=status,
    )
