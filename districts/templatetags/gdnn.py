"""Template filters every page uses to show numbers the way the active language writes them."""
from __future__ import annotations

from django import template

from districts import formatting

register = template.Library()


@register.filter
def num(value, places: int | None = None) -> str:
    """`235000.0000` → `235.000`, `74.2000` → `74,2` (Vietnamese); `places` rounds first."""
    number = formatting.as_decimal(value)
    if number is None:
        return "" if value is None else str(value)
    return formatting.number(number, None if places in (None, "") else int(places))


@register.filter
def pct(value, places: int = 1) -> str:
    """A share 0,567 shown as a percentage `56,7 %`."""
    number = formatting.as_decimal(value)
    if number is None:
        return ""
    return formatting.percent(number, places)
