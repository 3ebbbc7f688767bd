"""Reads of units that pages share."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from .models import REORGANISATION_DATE, Unit
from .scope import Action, scope_filter
from .text import fold, strip_unit_prefix


def era_day(era: str) -> datetime.date:
    """A day inside the era: "old" is before 1 July 2025, "new" after."""
    return REORGANISATION_DATE - datetime.timedelta(days=1) if era == "old" else REORGANISATION_DATE


def children_of(unit: Unit, *, era: str) -> QuerySet[Unit]:
    return (
        unit.children.valid_on(era_day(era))
        .annotate(child_count=Count("children"))
        .order_by("code")
    )


def eras_with_children(unit: Unit) -> list[str]:
    eras = []
    for era in ("old", "new"):
        if unit.children.valid_on(era_day(era)).exists():
            eras.append(era)
    return eras


def unit_search(user, query: str, *, limit: int = 50) -> QuerySet[Unit]:
    """Units in the user's scope whose name matches, ignoring case and diacritics.

    `dong da` finds `Quận Đống Đa`; a code (`00004`, or `4` that lost its zeros) too.
    """
    folded = strip_unit_prefix(fold(query))
    if not folded:
        return Unit.objects.none()
    match = Q(search_name__contains=folded)
    if folded.isdigit():
        match |= (
            Q(code=folded)
            | Q(code=folded.zfill(2))
            | Q(code=folded.zfill(3))
            | Q(code=folded.zfill(5))
        )
    return (
        Unit.objects.filter(scope_filter(user, Action.VIEW))
        .filter(match)
        .select_related("parent", "parent__parent")
        .order_by("valid_until", "level", "search_name")[:limit]
    )
