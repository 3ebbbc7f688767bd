"""The indicator catalogue: what each indicator measures and how they relate."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..indicator_forms import definable_provinces
from ..indicators import may_define
from ..models import Indicator
from ..selectors import indicators_for_user


@dataclass(frozen=True)
class CatalogueEntry:
    """One indicator of the catalogue with the indicators it is linked to."""

    indicator: Indicator
    total: Indicator | None  # the total it is a component of
    whole: Indicator | None  # the indicator it is an of-which part of
    components: list[Indicator]  # its own components, which add up to it
    parts: list[Indicator]  # its of-which parts
    editable: bool = False  # a department's own the user may change


@require_GET
@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """Every indicator the user may see (the shipped catalogue and their departments'
    own) with both names, unit, kind, direction, links and description.

    One query: components and of-which parts are linked up from the same rows.
    """
    user = request.user
    indicators = list(indicators_for_user(user).select_related("owner"))
    by_pk = {i.pk: i for i in indicators}
    components: dict[int, list[Indicator]] = defaultdict(list)
    parts: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        if indicator.component_of_id:
            components[indicator.component_of_id].append(indicator)
        if indicator.part_of_id:
            parts[indicator.part_of_id].append(indicator)
    entries = [
        CatalogueEntry(
            indicator=indicator,
            total=by_pk.get(indicator.component_of_id) if indicator.component_of_id else None,
            whole=by_pk.get(indicator.part_of_id) if indicator.part_of_id else None,
            components=components.get(indicator.pk, []),
            parts=parts.get(indicator.pk, []),
            editable=not indicator.shipped and may_define(user, indicator.owner),
        )
        for indicator in indicators
    ]
    return render(
        request,
        "targets/catalogue.html",
        {"entries": entries,
         "may_define": user.is_superuser or bool(definable_provinces(user))},
    )
