"""Reads of units that pages share."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from .models import REORGANISATION_DATE, Unit, level_of_code
from .scope import Action, scope_filter
from .text import fold, strip_unit_prefix

CODE_WIDTHS = (2, 3, 5)  # province, district, commune


def code_candidates(text: str) -> list[str]:
    """The official codes `text` can stand for.

    A code written with its leading zeros (`001`, `00004`, `01`) is that code. One without
    them may have lost them in Excel: `1` is `01`, `001` or `00001`, `268` is `268` or
    `00268`; the units in scope decide, and several that exist is an error, never a guess.
    """
    if not text.isdigit():
        return []
    if text.startswith("0") and len(text) in CODE_WIDTHS:
        return [text]
    bare = text.lstrip("0") or "0"
    return [bare.zfill(width) for width in CODE_WIDTHS if width >= len(text)]


def units_with_code(
    code: str,
    *,
    on: datetime.date | None = None,
    year: int | None = None,
    zeros_lost: bool = False,
) -> QuerySet[Unit]:
    """Units with this official code: valid on the day `on`, at some time in `year` (2025
    has both eras), or in either era. Codes are reused across eras, so a code means a unit
    only together with a day.

    The code's width is its level (`01` a province, `001` a district, `00001` a commune);
    with `zeros_lost` a code that may have lost its leading zeros in Excel (`1`) stands for
    every code it can be (`code_candidates`).
    """
    code = code.strip()
    if zeros_lost:
        units = Unit.objects.filter(code__in=code_candidates(code))
    else:
        units = Unit.objects.filter(code=code, level=level_of_code(code) or "")
    if on is not None:
        units = units.valid_on(on)
    if year is not None:
        units = units.in_year(year)
    return units


def unit_by_code(code: str, *, on: datetime.date) -> Unit | None:
    """The unit with this official code on that day (a code is unique within an era)."""
    return units_with_code(code, on=on).first()


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
