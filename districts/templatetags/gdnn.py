"""Template filters every page uses to show numbers the way the active language writes them."""
from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def num(value, places: int | None = None) -> str:
    """`235000.0000` → `235.000`, `74.2000` → `74,2` (Vietnamese); `places` rounds first."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    if places is not None and places != "":
        number = number.quantize(Decimal(1).scaleb(-int(places)))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    return number_format(number, use_l10n=True, force_grouping=True)


@register.filter
def pct(value, places: int = 1) -> str:
    """A share 0,567 shown as a percentage `56,7 %`."""
    number = _decimal(value)
    if number is None:
        return ""
    return f"{num(number * 100, places)} %"


@register.filter
def minutes(delta) -> int | str:
    """A duration (timedelta) in whole minutes, rounded up: 15 for a quarter of an hour."""
    if delta is None:
        return ""
    return max(1, math.ceil(delta.total_seconds() / 60))
