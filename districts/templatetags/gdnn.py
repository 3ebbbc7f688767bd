"""Template filters every page uses to show numbers the way the active language writes them."""
from __future__ import annotations

import math

from django import template

from districts import formatting

register = template.Library()


@register.filter
def num(value, places: int | str | None = None) -> str:
    """`235000.0000` → `235.000`, `74.2000` → `74,2` (Vietnamese); `places` rounds first
    (a template may give it as text, `num:"1"`)."""
    number = formatting.as_decimal(value)
    if number is None:
        return "" if value is None else str(value)
    return formatting.number(number, None if places is None or places == "" else int(places))


@register.filter
def pct(value, places: int = 1) -> str:
    """A share 0,567 shown as a percentage `56,7 %`."""
    number = formatting.as_decimal(value)
    if number is None:
        return ""
    return formatting.percent(number, places)


@register.filter
def minutes(delta) -> int | str:
    """A duration (timedelta) in whole minutes, rounded up: 15 for a quarter of an hour."""
    if delta is None:
        return ""
    return max(1, math.ceil(delta.total_seconds() / 60))


@register.filter
def person(user) -> str:
    """`{{ submission.submitted_by|person|default:"—" }}`: see `formatting.person_name`."""
    return formatting.person_name(user)
