"""Pages to browse the unit tree and find a unit by name."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from .scope import Action, top_units, unit_for_user
from .selectors import children_of, eras_with_children, unit_search


@require_GET
@login_required
def unit_index(request: HttpRequest) -> HttpResponse:
    tops = top_units(request.user)
    if len(tops) == 1:
        return redirect("districts:unit", pk=tops[0].pk)
    return render(request, "districts/unit_index.html", {"units": tops})


@require_GET
@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_for_user(request.user, pk, Action.VIEW)
    eras = eras_with_children(unit)
    era = request.GET.get("era")
    if era not in eras:
        era = "new" if "new" in eras else (eras[0] if eras else "old")
    ancestors = _ancestors(unit)
    return render(
        request,
        "districts/unit_detail.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "eras": eras,
            "era": era,
            "children": children_of(unit, era=era) if eras else [],
            "successors": unit.successors.order_by("code"),
            "predecessors": unit.predecessors.order_by("code"),
        },
    )


@require_GET
@login_required
def unit_search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results = list(unit_search(request.user, query)) if query else []
    return render(request, "districts/unit_search.html", {"query": query, "results": results})


def _ancestors(unit):
    chain = []
    parent = unit.parent
    while parent is not None:
        chain.append(parent)
        parent = parent.parent
    return list(reversed(chain))
