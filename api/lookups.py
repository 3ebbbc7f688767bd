"""The API's doors into units and periods, through the token user's scope.

A unit is named by its official code; codes are reused across the 2025 reorganisation,
so a code is read on a day (`day=`, or the period's own days), or, where no day is given,
stands for every unit with that code that the user may see.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from districts.models import Unit
from districts.scope import Action, Actor, scope_filter
from districts.selectors import units_with_code
from reports.periods import MAX_YEAR, MIN_YEAR, Period, PeriodError

from .errors import BadRequest

DHIS2_MONTH_LENGTH = 6  # 202407


def period_of(text: str) -> Period:
    """Our period codes (`2024`, `2024S1`, `2024Q3`, `2024M07`) and DHIS2's month form
    `202407` (= `2024M07`)."""
    text = (text or "").strip()
    if len(text) == DHIS2_MONTH_LENGTH and text.isdigit():
        text = f"{text[:4]}M{text[4:]}"
    try:
        return Period.parse(text)
    except PeriodError as error:
        raise BadRequest(str(error)) from None


def day_of(text: str | None) -> datetime.date:
    if not text:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise BadRequest(
            _("“%(text)s” is not a date: write YYYY-MM-DD.") % {"text": text[:40]}
        ) from None


def visible_units(user: Actor, action: Action = Action.VIEW) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_filter(user, action))


def unit_on(user: Actor, code: str, day: datetime.date) -> Unit:
    """The unit with this code on that day, if the user sees it (404 otherwise)."""
    unit = (
        units_with_code(code, on=day).filter(scope_filter(user, Action.VIEW))
        .select_related("parent").first()
    )
    if unit is None:
        raise Http404
    return unit


def units_named(user: Actor, code: str, *, day: datetime.date | None = None,
                subtree: bool = False) -> Q:
    """A filter on `unit` for the units with this code the user sees (on `day`, or in
    either era), with everything below them when `subtree`; 404 when there is none."""
    units = units_with_code(code, on=day).filter(scope_filter(user, Action.VIEW))
    found = list(units.only("pk", "path"))
    if not found:
        raise Http404
    q = Q(unit__in=[unit.pk for unit in found])
    if subtree:
        for unit in found:
            q |= Q(unit__path__startswith=unit.path + "/")
    return q


def moment_of(text: str | None) -> datetime.datetime | None:
    """`lastUpdated`: a day (from its start) or a time, ISO 8601; in the product's time
    zone unless it says its own."""
    if not text:
        return None
    text = text.strip()
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise BadRequest(
            _("“%(text)s” is not a date or a time: write 2024-07-01 or 2024-07-01T08:00:00.")
            % {"text": text[:40]}
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def year_units(user: Actor, code: str, year: int) -> list[Unit]:
    """The units with this code at some time in `year` that the user sees (in 2025 a code
    may stand for a unit of each era)."""
    units = list(
        units_with_code(code.strip()[:5], year=year).filter(scope_filter(user, Action.VIEW))
    )
    if not units:
        raise Http404
    return units


def year_of(year: int | None) -> int | None:
    """A year the product knows (2000–2100), or a 400 saying so."""
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise BadRequest(_("The year %(year)s is outside %(min)s–%(max)s.")
                         % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR})
    return year
