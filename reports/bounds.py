"""A value typed or imported as a bound (`>92`, `trên 92`, `<5`, `ít nhất 92`).

Some results are known only as a bound: Thị xã Mỹ Hào printed its 2023 employment after
training as ">92". Such a value is stored with no number and its text in
`Actual.printed`, which the progress engine reads back with `targets.operators.read_bound`
and judges against the target. This module decides, for the entry page, the imports and
the services alike, whether a cell is such a bound, and refuses one that cannot be a
result of its indicator (a negative count, a rate above 100 %, "less than 0").

Pure functions, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy

from districts.text import fold
from targets.operators import IndicatorKind, Operator, bound_text, read_bound

from .checks import check_value
from .numbers import AmbiguousNumberError, NumberError, number_readings, parse_number
from .values import stored_number

# The most `Actual.printed` holds.
PRINTED_MAX_LENGTH = 40

# In folded text (lower case, no diacritics): the words or sign before the number, an
# optional sign, the number, then at most a percent sign and "trở lên" / "trở xuống".
_SHAPE = re.compile(
    r"^(?P<before>[^0-9+\-−]*?)\s*(?P<sign>[+\-−]\s*)?(?P<body>[0-9][0-9.,]*)\s*"
    r"(?P<after>(?:%|phan tram)?\s*(?:tro len|tro xuong)?\s*%?)$"
)
# The refusals, by code; the entry page's script takes them from here too.
MESSAGES = {
    "bound_invalid": gettext_lazy("“%(text)s”: %(reason)s."),
    "bound_below_zero": gettext_lazy("“%(text)s” cannot be a result: nothing is below 0."),
    "bound_above_hundred": gettext_lazy(
        "“%(text)s” cannot be a result: a rate is at most 100 %%."
    ),
}
# Digits, separators, signs and a percent sign only: a number (or nothing), never a bound.
# Checked first, since an import asks this of every distinct cell.
_PLAIN = "0123456789.,%+-− \t\n\r\xa0"
_SYMBOL = {Operator.GT: ">", Operator.GTE: "≥", Operator.LT: "<", Operator.LTE: "≤"}


class BoundError(NumberError):
    """A bound that cannot be a result of its indicator."""


@dataclass(frozen=True, slots=True)
class Bound:
    """A result known only as a bound: `operator` `number`, stored as `printed`
    (`read_bound(printed)` gives the same operator and number back)."""

    operator: Operator
    number: Decimal
    printed: str


def looks_like_bound(text: object) -> bool:
    """Written as a bound: an operator (a sign or words such as "trên", "ít nhất") and
    one number, nothing else. A plain number is not."""
    if not isinstance(text, str) or not text.strip(_PLAIN):
        return False
    shape = _SHAPE.match(fold(bound_text(text)))
    if shape is None:
        return False
    if not shape["before"].strip() and "tro" not in shape["after"]:
        return False
    return read_bound(_unsigned(text)) is not None


def _unsigned(text: str) -> str:
    """The text without a sign before its number (`> -5` → `> 5`): read_bound does not
    read signs, and a negative bound is refused by `read_value_bound` itself."""
    return re.sub(r"[+\-−]\s*(?=[0-9])", "", bound_text(text), count=1)


def _number(body: str, *, kind: IndicatorKind, decimal_mark: str | None) -> Decimal:
    """The bound's number read as the page or file reads its values: with its decimal
    mark, or, where none is known, the one reading valid for the indicator."""
    try:
        return parse_number(body, decimal_mark=decimal_mark)
    except AmbiguousNumberError:
        valid = [v for v in number_readings(body) if not check_value(kind=kind, value=v)]
        if len(valid) == 1:
            return valid[0]
        raise


def read_value_bound(
    text: object, *, kind: IndicatorKind | str, decimal_mark: str | None = ","
) -> Bound | None:
    """The bound `text` is written as (`>92`, `> 92`, `≥92`, `>=92`, `trên 92`, `<5`,
    `dưới 5`, `ít nhất 92`, `92 trở lên`), or None when it is not written as one (a plain
    number, a blank, anything else: the number readers judge those).

    Raises `BoundError` with the reason, in the active language, for a bound that is no
    possible result of a `kind` indicator: below zero, a count that is not whole, a rate
    beyond 0–100 %, "less than 0", "more than 100 %".
    """
    if not looks_like_bound(text):
        return None
    assert isinstance(text, str)
    written = " ".join(text.split())
    kind = IndicatorKind(kind)
    shape = _SHAPE.match(fold(bound_text(written)))
    assert shape is not None
    found = read_bound(_unsigned(written))
    assert found is not None
    operator = found[0]
    try:
        number = stored_number(
            _number(shape["body"], kind=kind, decimal_mark=decimal_mark), text=written
        )
    except NumberError as error:
        raise BoundError(str(error)) from None
    if shape["sign"] and shape["sign"].strip() in "-−" and number != 0:
        number = -number
    _check(written, operator, number, kind)
    return Bound(operator, number, _printed(written, operator, number))


def _check(written: str, operator: Operator, number: Decimal, kind: IndicatorKind) -> None:
    issues = check_value(kind=kind, value=number)
    if issues:
        raise BoundError(
            str(MESSAGES["bound_invalid"]) % {"text": written, "reason": issues[0].message}
        )
    if operator is Operator.LT and number == 0:
        raise BoundError(str(MESSAGES["bound_below_zero"]) % {"text": written})
    if kind is IndicatorKind.RATE and operator is Operator.GT and number == 100:
        raise BoundError(str(MESSAGES["bound_above_hundred"]) % {"text": written})


def _printed(written: str, operator: Operator, number: Decimal) -> str:
    """What `Actual.printed` keeps: the text as written when the engine reads it back
    the same (Vietnamese notation) and it fits; else `>1400`, `≥92,5`."""
    if len(written) <= PRINTED_MAX_LENGTH and read_bound(written) == (operator, number):
        return written
    digits = format(number.normalize(), "f").replace(".", ",")
    return f"{_SYMBOL[operator]}{digits}"


def same_bound(first: str, second: str) -> bool:
    """Two printed texts that are the same bound (`>92` and `trên 92`): storing one over
    the other changes nothing."""
    found = read_bound(first)
    return found is not None and found == read_bound(second)

