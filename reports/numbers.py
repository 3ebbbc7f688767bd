"""Numbers typed in a browser or read from a report file, in Vietnamese or English notation.

`1.400` is one thousand four hundred in Vietnamese and one point four in English. A value
is read by its shape first: a repeated separator groups thousands (`1.234.567`), a
separator followed by anything but three digits is a decimal mark (`74,2`, `74.25`), and
`1.234,5` / `1,234.5` say both. Only a single separator followed by exactly three digits
(`1.400`, `1,400`) needs the decimal mark of the page or the file to be read.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

__all__ = [
    "AmbiguousNumberError",
    "NumberError",
    "detect_decimal_mark",
    "number_readings",
    "parse_number",
]

MARKS = (",", ".")

_BODY = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_SIGNS = {"-": -1, "−": -1, "+": 1}


class NumberError(ValueError):
    """Text that cannot be read as a number."""


class AmbiguousNumberError(NumberError):
    """`1.400` or `1,400` in a context whose decimal mark is unknown."""


def _not_a_number(text: object) -> NumberError:
    if not str(text).strip():
        return NumberError(_("Enter a number."))
    return NumberError(_("“%(text)s” is not a number.") % {"text": text})


def _clean(text: str) -> tuple[int, str]:
    """Sign and digits-with-separators, without spaces (any kind) or a trailing `%`."""
    body = "".join(text.split())
    if body.endswith("%"):
        body = body[:-1]
    sign = 1
    if body[:1] in _SIGNS:
        sign, body = _SIGNS[body[0]], body[1:]
    if not _BODY.fullmatch(body):
        raise _not_a_number(text)
    return sign, body


def _read(body: str, mark: str) -> Decimal | None:
    """`body` read with `mark` as decimal mark and the other separator as grouping, or
    None when it cannot be written that way (`74,2` with `.`, `1.40.0` with either)."""
    grouping = "." if mark == "," else ","
    whole, has_mark, decimals = body.partition(mark)
    if grouping in decimals or mark in decimals:
        return None
    if grouping in whole:
        first, *groups = whole.split(grouping)
        if not (1 <= len(first) <= 3 and first[0] != "0") or any(len(g) != 3 for g in groups):
            return None
        whole = "".join([first, *groups])
    return Decimal(f"{whole}.{decimals}" if has_mark else whole)


def _readings(body: str) -> dict[str, Decimal]:
    """The decimal marks `body` can be read with, and what it means with each."""
    readings = {}
    for mark in MARKS:
        value = _read(body, mark)
        if value is not None:
            readings[mark] = value
    return readings


def parse_number(text: str | int | float | Decimal, *, decimal_mark: str | None = ",") -> Decimal:
    """Read `1.400`, `74,2`, `1.234.567,5`, `-5`, `86,2 %`.

    `decimal_mark` ("," or ".") settles `1.400` / `1,400`; with None they raise
    `AmbiguousNumberError`. Everything else is read by its shape. Numbers from a
    spreadsheet cell (int, float, Decimal) are taken as they are.
    """
    if isinstance(text, bool):
        raise _not_a_number(text)
    if isinstance(text, int | Decimal):
        return Decimal(text)
    if isinstance(text, float):
        if not math.isfinite(text):
            raise _not_a_number(text)
        return Decimal(repr(text))
    if not isinstance(text, str):
        raise _not_a_number(text)
    sign, body = _clean(text)
    readings = _readings(body)
    if not readings:
        raise _not_a_number(text)
    values = set(readings.values())
    if len(values) > 1:
        if decimal_mark not in readings:
            raise AmbiguousNumberError(
                _("“%(text)s” is ambiguous: the separator could group thousands or mark "
                  "decimals. Write the number without a thousands separator (1400), or with "
                  "a decimal mark as in the rest of the file (74,2).") % {"text": text}
            )
        value = readings[decimal_mark]
    else:
        (value,) = values
    return sign * value


def number_readings(text: str) -> list[Decimal]:
    """Every number `text` can mean, one per decimal mark it can be read with, smallest
    first: `2.750` → [2.75, 2750]; `74,2` → [74.2]; `abc` → [].

    Used where the page or file does not settle the mark and the value's own rules can:
    a count cannot be 2,75, a rate cannot be 2.750 %.
    """
    try:
        sign, body = _clean(text)
    except NumberError:
        return []
    return sorted({sign * value for value in _readings(body).values()})


def detect_decimal_mark(values: Iterable[object]) -> str | None:
    """The decimal mark of a file, judged from all its cells.

    "," when some cell can only be read with "," (`74,2`, `1.234,5`, `1.234.567`) and none
    only with "."; "." for the opposite; None when no cell decides. A file that has both
    kinds raises `NumberError`: its numbers cannot all be read the same way.
    """
    examples: dict[str, str] = {}
    for cell in values:
        if not isinstance(cell, str):
            continue
        try:
            _sign, body = _clean(cell)
        except NumberError:
            continue
        readings = _readings(body)
        if len(readings) == 1 and ("," in body or "." in body):
            examples.setdefault(next(iter(readings)), cell.strip())
    if len(examples) == 2:
        raise NumberError(
            _("The file mixes decimal marks: “%(comma)s” uses a comma, “%(dot)s” a dot. "
              "Write all numbers the same way.") % {"comma": examples[","], "dot": examples["."]}
        )
    return next(iter(examples), None)
