"""Checks on entered and imported values.

Errors block the save; warnings need a note or an explicit confirmation. Each function
returns the issues it found (an empty list when the value is fine). Messages start in
lower case so that a form or an import line can put the field or line before them.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _

from districts import formatting
from targets.operators import IndicatorKind

RATE_MATCH_TOLERANCE = Decimal("0.05")  # percentage points
JUMP_FACTOR = Decimal(3)


@dataclass(frozen=True)
class Issue:
    level: Literal["error", "warning"]
    code: str
    message: str
    field: str = ""

    @property
    def is_error(self) -> bool:
        return self.level == "error"


def _errors(found: list[tuple[str, str]], field: str) -> list[Issue]:
    return [Issue("error", code, message, field) for code, message in found]


def _part_errors(numerator: Decimal | None, denominator: Decimal | None) -> list[tuple[str, str]]:
    found = []
    if numerator is not None and numerator < 0:
        message = _("the numerator %(value)s is negative") % {"value": formatting.number(numerator)}
        found.append(("negative_numerator", message))
    if denominator is not None and denominator < 0:
        shown = {"value": formatting.number(denominator)}
        message = _("the denominator %(value)s is negative") % shown
        found.append(("negative_denominator", message))
    if not found and numerator is not None and denominator is not None and numerator > denominator:
        template = _("the numerator %(numerator)s is larger than the denominator %(denominator)s")
        message = template % {
            "numerator": formatting.number(numerator),
            "denominator": formatting.number(denominator),
        }
        found.append(("numerator_above_denominator", message))
    return found


def _value_errors(kind: IndicatorKind, value: Decimal) -> list[tuple[str, str]]:
    # The number is formatted only for a message: an import checks every value it reads.
    if kind is IndicatorKind.RATE:
        if 0 <= value <= 100:
            return []
        shown = {"value": formatting.number(value)}
        return [("rate_out_of_range", _("%(value)s %% is outside 0–100 %%") % shown)]
    negative = value < 0
    fractional = value != value.to_integral_value()
    if not (negative or fractional):
        return []
    shown = {"value": formatting.number(value)}
    found = []
    if negative:
        found.append(("negative", _("%(value)s is negative; it cannot be below zero") % shown))
    if fractional:
        found.append(("not_whole", _("%(value)s is not a whole number") % shown))
    return found


def _mismatch(value: Decimal, numerator: Decimal, denominator: Decimal) -> list[tuple[str, str]]:
    expected = numerator / denominator * 100
    if abs(value - expected) <= RATE_MATCH_TOLERANCE:
        return []
    template = _("the rate %(value)s %% does not match numerator ÷ denominator = %(expected)s %%")
    message = template % {
        "value": formatting.number(value),
        "expected": formatting.number(expected.quantize(Decimal("0.01"))),
    }
    return [("rate_mismatch", message)]


def check_value(
    *,
    kind: IndicatorKind | str,
    value: Decimal | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    field: str = "value",
) -> list[Issue]:
    """Errors: a negative count or level, one that is not whole, a rate outside 0–100, a
    negative numerator or denominator, a numerator above its denominator, a rate that is not
    numerator ÷ denominator × 100 within 0,05 point."""
    kind = IndicatorKind(kind)
    found = _value_errors(kind, value) if value is not None else []
    part_errors = _part_errors(numerator, denominator)
    found += part_errors
    rate_with_parts = kind is IndicatorKind.RATE and numerator is not None and bool(denominator)
    if rate_with_parts and value is not None and not part_errors:
        found += _mismatch(value, numerator, denominator)
    return _errors(found, field)


def _warning(code: str, message: str, field: str) -> Issue:
    return Issue("warning", code, message, field)


def check_components(
    *, total: Decimal | None, parts: dict[str, Decimal | None], field: str = ""
) -> list[Issue]:
    """A warning when every component is there and they do not add up to the total."""
    if total is None or not parts or any(part is None for part in parts.values()):
        return []
    added = sum((part for part in parts.values() if part is not None), Decimal(0))
    if added == total:
        return []
    message = _("components add up to %(sum)s, the total says %(total)s (difference %(diff)s)") % {
        "sum": formatting.number(added),
        "total": formatting.number(total),
        "diff": formatting.number(abs(total - added)),
    }
    return [_warning("components_mismatch", message, field)]


def check_of_which(
    *, whole: Decimal | None, part: Decimal | None, field: str = ""
) -> list[Issue]:
    """A warning when an of-which part is larger than its whole."""
    if whole is None or part is None or part <= whole:
        return []
    message = _("the of-which part %(part)s is larger than its whole %(whole)s") % {
        "part": formatting.number(part),
        "whole": formatting.number(whole),
    }
    return [_warning("of_which_above_whole", message, field)]


def check_jump(
    *, value: Decimal | None, last_year: Decimal | None, field: str = ""
) -> list[Issue]:
    """A warning when a value is more than 3× or less than ⅓ of last year's."""
    if value is None or last_year is None or last_year <= 0:
        return []
    if value > last_year * JUMP_FACTOR:
        template = _("%(value)s is more than three times last year's %(last_year)s")
    elif value < last_year / JUMP_FACTOR:
        template = _("%(value)s is less than a third of last year's %(last_year)s")
    else:
        return []
    numbers = {"value": formatting.number(value), "last_year": formatting.number(last_year)}
    return [_warning("jump", template % numbers, field)]
