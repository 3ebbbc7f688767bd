"""Reading a reported value: the numbers as they will be stored, and the rules they obey.

One home for what the entry page, file imports, the admin and the API all do with a
value once its text is read as a number (`reports.numbers`):

- `stored_number` rounds to what the database column keeps (4 decimals) and checks the
  limit of that column *after* rounding, so 999.999.999.999,99995 — which rounds up to
  10¹² — is refused instead of failing in the database;
- `check_amounts` applies the rules of a value with its numerator and denominator: both
  parts or neither, a denominator above zero, a rate computed from its parts, only rates
  having parts, then the errors of `reports.checks.check_value`.

Pure functions of numbers, no ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from targets.operators import IndicatorKind

from .checks import Issue, check_value
from .numbers import NumberError

# The columns' bounds: numeric(16, 4) holds 12 digits before the mark.
PLACES = Decimal("0.0001")
LIMIT = Decimal(10) ** 12
# A rate computed from its numerator and denominator keeps two decimals.
RATE_PLACES = Decimal("0.01")

VALUE, NUMERATOR, DENOMINATOR = "value", "numerator", "denominator"


class TooLargeError(NumberError):
    """A number the database cannot hold."""


def stored_number(number: Decimal, *, text: object = None) -> Decimal:
    """`number` as it is stored: rounded half up to 4 decimals, then within ±10¹².

    `text` is what was written, for the message (the number itself by default)."""
    shown = number if text is None else text
    # Checked before rounding too: quantize cannot even represent 10³⁰ to 4 places.
    if not number.is_finite() or abs(number) >= LIMIT:
        raise TooLargeError(_("%(text)s is too large.") % {"text": shown})
    rounded = number.quantize(PLACES, rounding=ROUND_HALF_UP)
    if abs(rounded) >= LIMIT:
        raise TooLargeError(_("%(text)s is too large.") % {"text": shown})
    return rounded


@dataclass(frozen=True, slots=True)
class Amounts:
    """A value ready to be compared and stored."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def _error(code: str, message: str, part: str) -> Issue:
    return Issue("error", code, message, part)


def check_amounts(
    *,
    kind: IndicatorKind | str,
    value: Decimal | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
) -> tuple[Amounts | None, list[Issue]]:
    """The amounts to store, or None with the errors (each `Issue.field` names the part it
    is about: "value", "numerator" or "denominator").

    A rate given by its parts only gets its value computed (two decimals) once the parts
    themselves pass their checks. A blank value is allowed here (it clears a row on the
    entry page); a path that needs one says so itself.
    """
    kind = IndicatorKind(kind)
    has_parts = numerator is not None or denominator is not None
    if kind is not IndicatorKind.RATE:
        if has_parts:
            part = NUMERATOR if numerator is not None else DENOMINATOR
            return None, [_error(
                "parts", _("only a rate has a numerator and a denominator."), part
            )]
        issues = check_value(kind=kind, value=value, field=VALUE)
        return (None, issues) if issues else (Amounts(value), [])
    if (numerator is None) != (denominator is None):
        return None, [_error(
            "parts", _("give both the numerator and the denominator, or neither."), NUMERATOR
        )]
    if denominator == 0:
        return None, [_error("parts", _("the denominator must be above zero."), DENOMINATOR)]
    if value is None and numerator is not None and denominator is not None:
        issues = check_value(kind=kind, value=None, numerator=numerator,
                             denominator=denominator, field=VALUE)
        if issues:
            return None, [_located(issue) for issue in issues]
        value = (numerator / denominator * 100).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
    issues = check_value(kind=kind, value=value, numerator=numerator, denominator=denominator,
                         field=VALUE)
    if issues:
        return None, [_located(issue) for issue in issues]
    return Amounts(value, numerator, denominator), []


def _located(issue: Issue) -> Issue:
    """An issue of the numerator or the denominator is about that part."""
    for part in (NUMERATOR, DENOMINATOR):
        if part in issue.code:
            return Issue(issue.level, issue.code, issue.message, part)
    return issue
