"""Reading one typed target (a grid cell) for an indicator, and writing one back.

Pure functions over `targets.operators`: the grid, the live read-back endpoint and the
services all read cells here, so they accept and refuse exactly the same wordings.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from districts.formatting import decimal_places, vietnamese_number

from .operators import IndicatorKind, Operator, ParsedTarget, WordingError, describe, parse_wording

MAX_RATE = Decimal(100)
MAX_DECIMALS = 4
MAX_VALUE = Decimal(10) ** 12


@dataclass(frozen=True)
class CellReading:
    """A typed wording read for an indicator: the parsed target, or why it cannot be one."""

    text: str
    parsed: ParsedTarget | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.parsed is not None

    @property
    def is_blank(self) -> bool:
        return not self.text


def unit_suffix(kind: IndicatorKind | str) -> str:
    return "%" if IndicatorKind(kind) is IndicatorKind.RATE else ""


def read_cell(text: str | None, kind: IndicatorKind | str) -> CellReading:
    """`trên 86,2` for a rate → gt 86.2; a blank cell reads as blank (no target)."""
    text = " ".join((text or "").split())
    if not text:
        return CellReading(text="")
    try:
        parsed = parse_wording(text)
    except WordingError as exc:
        return CellReading(text=text, error=str(exc))
    error = _check(parsed, IndicatorKind(kind))
    if error:
        return CellReading(text=text, error=error)
    return CellReading(text=text, parsed=parsed)


def _check(parsed: ParsedTarget, kind: IndicatorKind) -> str:
    highest = parsed.value_high if parsed.value_high is not None else parsed.value
    values = [parsed.value] + ([parsed.value_high] if parsed.value_high is not None else [])
    # The database keeps 4 decimals and 12 whole digits (DecimalField 16, 4).
    if any(decimal_places(v) > MAX_DECIMALS for v in values):
        return _("Write at most 4 decimals.")
    if highest >= MAX_VALUE:
        return _("The number is too large.")
    if kind is IndicatorKind.RATE:
        if highest > MAX_RATE:
            return _("A rate cannot be above 100 %.")
        return ""
    if parsed.percent:
        return _("This indicator is a number of people or things, not a percentage.")
    if any(v != v.to_integral_value() for v in values):
        return _("This indicator counts whole numbers.")
    return ""


def readback(reading: CellReading, kind: IndicatorKind | str) -> str:
    """The parsed cell in words of the active language: `trên 86,2 %`."""
    if reading.parsed is None:
        return ""
    p = reading.parsed
    return describe(p.operator, p.value, p.value_high, unit_suffix(kind))


# --- writing a target back as a wording ---------------------------------------------------

_KEYWORDS = {
    Operator.GTE: "đạt ",
    Operator.GT: "trên ",
    Operator.APPROX: "khoảng ",
    Operator.LTE: "không quá ",
    Operator.LT: "dưới ",
    Operator.EQ: "bằng ",
}


def canonical_wording(
    operator: Operator | str, value: Decimal, value_high: Decimal | None, kind: IndicatorKind | str
) -> str:
    """A Vietnamese wording that `parse_wording` reads back to the same target.

    Used where a target has no printed wording (a split or copied quota), so the grid
    can show it in the same notation officers type.
    """
    operator = Operator(operator)
    percent = "%" if IndicatorKind(kind) is IndicatorKind.RATE else ""
    if operator is Operator.RANGE:
        high = value_high if value_high is not None else value
        return f"{vietnamese_number(value)}–{vietnamese_number(high)}{percent}"
    if operator is Operator.GTE and not percent:
        return vietnamese_number(value)
    return f"{_KEYWORDS[operator]}{vietnamese_number(value)}{percent}"
