"""The indicator catalogue: what each indicator measures and how they relate."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..models import Indicator


@require_GET
@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """Every indicator with both names, unit, kind, direction, links and description.

    One query: components and of-which parts are linked up from the same rows.
    """
    indicators = list(Indicator.objects.all())
    by_pk = {i.pk: i for i in indicators}
    components: dict[int, list[Indicator]] = defaultdict(list)
    parts: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        indicator.total = by_pk.get(indicator.component_of_id)
        indicator.whole = by_pk.get(indicator.part_of_id)
        if indicator.component_of_id:
            components[indicator.component_of_id].append(indicator)
        if indicator.part_of_id:
            parts[indicator.part_of_id].append(indicator)
    for indicator in indicators:
        indicator.component_list = components.get(indicator.pk, [])
        indicator.part_list = parts.get(indicator.pk, [])
    return render(request, "targets/catalogue.html", {"indicators": indicators})
