"""Target operators: reading the printed wording, reading it back, and judging an actual.

Pure functions, no database. A target stores its operator explicitly; `parse_wording` only
helps an officer fill it in from the plan's text (`trên 86,2%` → greater than 86.2).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from districts.formatting import number
from districts.text import fold


class Operator(StrEnum):
    GTE = "gte"
    GT = "gt"
    APPROX = "approx"
    RANGE = "range"
    LTE = "lte"
    LT = "lt"
    EQ = "eq"


class IndicatorKind(StrEnum):
    COUNT = "count"
    RATE = "rate"
    LEVEL = "level"


class Direction(StrEnum):
    """Which way an indicator should go: up, down, or stay near its target ("hold", e.g.
    keep the network at 26 institutions while streamlining it)."""

    HIGHER = "higher"
    LOWER = "lower"
    HOLD = "hold"


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    EXCEEDED = "exceeded"


class WordingError(ValueError):
    """The printed wording of a target could not be read."""


@dataclass(frozen=True)
class ParsedTarget:
    operator: Operator
    value: Decimal
    value_high: Decimal | None
    percent: bool


# --- reading the wording -------------------------------------------------------------

_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_RANGE_SEPARATOR = re.compile(r"^\s*%?\s*(?:-|–|—|~|den|toi)\s*$")

# Phrases in folded form (lower case, no diacritics), matched against the words just
# before the number. Longer phrases first, so `khong it hon` (≥) wins over `it hon` (<).
_PHRASES: tuple[tuple[str, Operator], ...] = tuple(
    sorted(
        {
            "it nhat": Operator.GTE,
            "toi thieu": Operator.GTE,
            "khong duoi": Operator.GTE,
            "khong thap hon": Operator.GTE,
            "khong it hon": Operator.GTE,
            "dat": Operator.GTE,
            "tu": Operator.GTE,
            "tren": Operator.GT,
            "hon": Operator.GT,
            "cao hon": Operator.GT,
            "lon hon": Operator.GT,
            "nhieu hon": Operator.GT,
            "vuot": Operator.GT,
            "vuot qua": Operator.GT,
            "khoang": Operator.APPROX,
            "xap xi": Operator.APPROX,
            "gan": Operator.APPROX,
            "khong qua": Operator.LTE,
            "khong vuot qua": Operator.LTE,
            "toi da": Operator.LTE,
            "khong cao hon": Operator.LTE,
            "khong lon hon": Operator.LTE,
            "khong nhieu hon": Operator.LTE,
            "khong tren": Operator.LTE,
            "duoi": Operator.LT,
            "it hon": Operator.LT,
            "thap hon": Operator.LT,
            "nho hon": Operator.LT,
            "bang": Operator.EQ,
            "tang len": Operator.GTE,
            "giam xuong": Operator.LTE,
            "giam con": Operator.LTE,
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
_SYMBOLS: tuple[tuple[str, Operator], ...] = (
    (">=", Operator.GTE),
    ("=>", Operator.GTE),
    ("≥", Operator.GTE),
    ("<=", Operator.LTE),
    ("=<", Operator.LTE),
    ("≤", Operator.LTE),
    ("≈", Operator.APPROX),
    ("~", Operator.APPROX),
    (">", Operator.GT),
    ("<", Operator.LT),
    ("=", Operator.EQ),
)
# "Raise by 5 %" / "cut by 5 %" are changes, not levels: the level cannot be read from them.
_CHANGE = re.compile(r"(?:^|[^a-z0-9])(?:tang|giam)(?: them)?$")
# "40-45 nghìn", "2,5 triệu": a number followed by its order of magnitude. "ngàn" folds
# to "ngan", as "ngắn" of "ngắn hạn", "ngắn ngày" (short courses) does: not a thousand.
_SHORT = r"ngan(?!\s*(?:han|ngay)\b)"
_MAGNITUDE = re.compile(rf"^\s*(nghin|{_SHORT}|trieu)\b")
_MAGNITUDES = {"nghin": Decimal(1000), "ngan": Decimal(1000), "trieu": Decimal(1_000_000)}
_SUFFIXES: tuple[tuple[str, Operator], ...] = (
    ("tro len", Operator.GTE),
    ("tro xuong", Operator.LTE),
)


def _invalid(text: str) -> WordingError:
    return WordingError(
        _("“%(text)s” is not a target wording: write for example “trên 86,2%%”, "
          "“khoảng 1.400” or “40–45%%”.") % {"text": text}
    )


def _read_number(token: str, text: str) -> Decimal:
    """Vietnamese notation: `.` groups thousands, `,` marks decimals.

    A lone dot not followed by exactly three digits (`86.2`) can only be a decimal point.
    """
    whole, comma, decimals = token.partition(",")
    if "," in decimals:
        raise _invalid(text)
    if "." in whole:
        if _GROUPED.fullmatch(whole):
            whole = whole.replace(".", "")
        elif not comma and whole.count(".") == 1:
            return Decimal(whole)
        else:
            raise _invalid(text)
    return Decimal(f"{whole}.{decimals}" if comma else whole)


def _operator_before(prefix: str) -> Operator | None:
    stripped = prefix.rstrip(" :")
    for symbol, operator in _SYMBOLS:
        if stripped.endswith(symbol):
            return operator
    for phrase, operator in _PHRASES:
        if re.search(rf"(?:^|[^a-z0-9]){phrase}$", stripped):
            return operator
    return None


def _operator_after(suffix: str) -> Operator | None:
    """"trở lên" / "trở xuống" after the number, its unit in between or not ("5 nghìn
    người trở xuống")."""
    for phrase, operator in _SUFFIXES:
        if re.search(rf"(?:^|[\s%]){phrase}\b", suffix):
            return operator
    return None


def parse_wording(text: str) -> ParsedTarget:
    """Read `trên 86,2%`, `khoảng 1.400`, `từ 40 đến 45%`, `≤ 5`… into operator and value(s).

    A bare number (`235.000`) is a plan's "reach N" and reads as `gte`. Keywords ignore
    case and diacritics (`tren 86,2` works too).
    """
    folded = fold(text or "")
    matches = list(_NUMBER.finditer(folded))
    if not matches or len(matches) > 2:
        raise _invalid(text)
    percent = "%" in folded or "phan tram" in folded
    first = matches[0]
    value = _read_number(first.group(), text)
    times = _magnitude(folded[matches[-1].end():])
    if len(matches) == 2:
        second = matches[1]
        between = folded[first.end() : second.start()]
        # "2 triệu - 2,5 triệu" names it twice; "40-45 nghìn" once, for both ends.
        if _magnitude(between) not in (Decimal(1), times):
            raise _invalid(text)
        if not _RANGE_SEPARATOR.match(_MAGNITUDE.sub("", between)):
            raise _invalid(text)
        value = _scaled(value, times)
        high = _scaled(_read_number(second.group(), text), times)
        if value > high:
            raise WordingError(
                _("“%(text)s”: the lower end of the range is above the upper end.")
                % {"text": text}
            )
        return ParsedTarget(Operator.RANGE, value, high, percent)
    if _CHANGE.search(folded[: first.start()].rstrip(" :")):
        raise WordingError(
            _("“%(text)s” is a change, not a level to reach: write the level, for example "
              "“dưới 5%%” or “trên 86,2%%”.") % {"text": text}
        )
    after = folded[first.end() :]
    operator = (
        _operator_before(folded[: first.start()])
        or _operator_after(_MAGNITUDE.sub("", after))
        or Operator.GTE
    )
    return ParsedTarget(operator, _scaled(value, times), None, percent)


def _scaled(value: Decimal, times: Decimal) -> Decimal:
    """`value` × `times`, whole when it comes out whole: 2,5 triệu is 2500000."""
    if times == 1:
        return value
    scaled = value * times
    return scaled.to_integral_value() if scaled == scaled.to_integral_value() else scaled


# What may follow a target's number without being its unit of measure.
_NOT_A_UNIT = re.compile(rf"^(?:nghin|{_SHORT}|trieu|%|phan tram|tro len|tro xuong)(?:\s|$)")
_TRAILING_OPERATOR = re.compile(r"(?:^|\s)(?:tro len|tro xuong)$")
_UNIT_EDGES = " \t()[],.;:/"


def wording_unit(text: str) -> str:
    """The unit of measure a wording prints after its number, as written: "lượt người"
    in "235.000 lượt người" or "40-45 nghìn (lượt người)"; "" when it prints none
    ("trên 86,2%", "khoảng 1.400", "10 nghìn trở lên")."""
    numbers = list(_NUMBER.finditer(text or ""))
    if not numbers:
        return ""
    rest = text[numbers[-1].end():].strip(_UNIT_EDGES)
    while rest:
        found = _NOT_A_UNIT.match(fold(rest))
        if found is None:
            break
        dropped = len(found.group().strip().split(" "))
        rest = " ".join(rest.split()[dropped:]).strip(_UNIT_EDGES)
    if _TRAILING_OPERATOR.search(fold(rest)):  # "người trở xuống": the unit is "người"
        rest = " ".join(rest.split()[:-2]).strip(_UNIT_EDGES)
    return " ".join(rest.split())


def _magnitude(text: str) -> Decimal:
    """1.000 for "nghìn" (or "ngàn"), 1.000.000 for "triệu" at the start of `text`, else 1."""
    found = _MAGNITUDE.match(text)
    return _MAGNITUDES[found.group(1)] if found else Decimal(1)


# --- reading it back ---------------------------------------------------------------------


def _unit_suffix(unit: str) -> str:
    unit = unit.strip()
    return f" {unit}" if unit else ""


def describe(
    operator: Operator | str, value: Decimal, value_high: Decimal | None, unit: str = ""
) -> str:
    """`trên 86,2 %` in Vietnamese, `greater than 86,2 %` in English; ranges `40–45 %`."""
    operator = Operator(operator)
    suffix = _unit_suffix(unit)
    if operator is Operator.RANGE:
        return _("%(low)s–%(high)s%(unit)s") % {
            "low": number(value),
            "high": number(value_high if value_high is not None else value),
            "unit": suffix,
        }
    templates = {
        Operator.GTE: _("at least %(value)s%(unit)s"),
        Operator.GT: _("greater than %(value)s%(unit)s"),
        Operator.APPROX: _("about %(value)s%(unit)s"),
        Operator.LTE: _("at most %(value)s%(unit)s"),
        Operator.LT: _("less than %(value)s%(unit)s"),
        Operator.EQ: _("equal to %(value)s%(unit)s"),
    }
    return templates[operator] % {"value": number(value), "unit": suffix}


def operator_word(operator: Operator | str) -> str:
    """The operator alone, as a plan prints it before its number: `ít nhất`, `trên`,
    `khoảng` (a spreadsheet's operator column)."""
    words = {
        Operator.GTE: pgettext("operator", "at least"),
        Operator.GT: pgettext("operator", "more than"),
        Operator.APPROX: pgettext("operator", "about"),
        Operator.RANGE: pgettext("operator", "from … to"),
        Operator.LTE: pgettext("operator", "at most"),
        Operator.LT: pgettext("operator", "less than"),
        Operator.EQ: pgettext("operator", "equal to"),
    }
    return words[Operator(operator)]


# --- judging an actual -------------------------------------------------------------------


def default_tolerance(kind: IndicatorKind | str, value: Decimal) -> Decimal:
    """For `approx`: 1 percentage point for rates, 3 % of the target for counts and levels."""
    if IndicatorKind(kind) is IndicatorKind.RATE:
        return Decimal(1)
    return abs(value) * Decimal("0.03")


def evaluate(
    *,
    operator: Operator | str,
    value: Decimal,
    value_high: Decimal | None,
    actual: Decimal,
    kind: IndicatorKind | str,
    higher_is_better: bool = True,
    tolerance: Decimal | None = None,
    hold: bool = False,
) -> Outcome:
    """Met, not met or exceeded (ranges only), rates compared in percentage points.

    Hold (an indicator to keep near its target, whatever the operator says): met when
    |actual − value| ≤ tolerance, for a range when the actual is within the tolerance of
    the range; never `exceeded`.

    Higher is better: `gte` actual ≥ value; `gt` actual > value; `approx` actual ≥ value −
    tolerance; `range` met from the low end up and `exceeded` above the high end.

    Lower is better (a dropout rate, late procedures): `lte`, `lt` and `eq` already say which
    way they go and read the same. The others are the plan's "bring it to X" and are
    mirrored: `gte` met when actual ≤ value; `gt` when actual < value; `approx` when actual ≤
    value + tolerance; `range` met up to the high end and `exceeded` below the low end.
    """
    operator = Operator(operator)
    if tolerance is None:
        tolerance = default_tolerance(kind, value)
    if hold:
        return Outcome.MET if hold_distance(
            value=value, value_high=value_high, actual=actual, tolerance=tolerance
        ) == 0 else Outcome.NOT_MET
    if operator is Operator.RANGE:
        if value_high is None:
            raise ValueError("a range target needs value_high")
        if higher_is_better:
            good, best = actual >= value, actual > value_high
        else:
            good, best = actual <= value_high, actual < value
        if best:
            return Outcome.EXCEEDED
        return Outcome.MET if good else Outcome.NOT_MET
    if operator is Operator.LTE:
        met = actual <= value
    elif operator is Operator.LT:
        met = actual < value
    elif operator is Operator.EQ:
        met = actual == value
    elif higher_is_better:
        met = {
            Operator.GTE: actual >= value,
            Operator.GT: actual > value,
            Operator.APPROX: actual >= value - tolerance,
        }[operator]
    else:
        met = {
            Operator.GTE: actual <= value,
            Operator.GT: actual < value,
            Operator.APPROX: actual <= value + tolerance,
        }[operator]
    return Outcome.MET if met else Outcome.NOT_MET


def hold_distance(
    *, value: Decimal, value_high: Decimal | None, actual: Decimal, tolerance: Decimal
) -> Decimal:
    """How far `actual` lies outside `value` (or the range up to `value_high`) widened by
    `tolerance` on both sides: 0 when it is within."""
    low = value - tolerance
    high = (value_high if value_high is not None else value) + tolerance
    if actual < low:
        return low - actual
    if actual > high:
        return actual - high
    return Decimal(0)


def is_met(outcome: Outcome | str) -> bool:
    return Outcome(outcome) in (Outcome.MET, Outcome.EXCEEDED)


def achievement(
    *, kind: IndicatorKind | str, target: Decimal | None, actual: Decimal | None
) -> Decimal | None:
    """Counts and levels: actual ÷ target (a ratio, 1 = 100 %). Rates: actual − target in
    percentage points. None when there is no actual, or a count's target is 0."""
    if actual is None or target is None:
        return None
    if IndicatorKind(kind) is IndicatorKind.RATE:
        return actual - target
    if target == 0:
        return None
    return actual / target


# --- a result printed as a bound ------------------------------------------------------------


_BOUNDS = (Operator.GT, Operator.GTE, Operator.LT, Operator.LTE)


@dataclass(frozen=True)
class _Interval:
    """Numbers between `low` and `high` (None: unbounded), each end in or out."""

    low: Decimal | None
    low_in: bool
    high: Decimal | None
    high_in: bool


# Signs a bound is also written with: full-width (typed with a Vietnamese input method)
# and the slanted forms of ≥ and ≤.
_BOUND_SIGNS = str.maketrans({"＞": ">", "＜": "<", "＝": "=", "≧": "≥", "≦": "≤",
                              "⩾": "≥", "⩽": "≤"})
# A word between the operator and its number: `ít nhất là 92`, `trên mức 92`.
_BOUND_FILLER = re.compile(r"(?<=\S)\s+(?:là|mức|la|muc)\s*:?\s*(?=[0-9])", re.IGNORECASE)


def bound_words() -> dict[str, str]:
    """The signs and words (folded) that make a number a bound, with their operator: what
    the entry page's script recognises while the user types."""
    words = {symbol: operator for symbol, operator in _SYMBOLS if operator in _BOUNDS}
    words.update((phrase, operator) for phrase, operator in _PHRASES if operator in _BOUNDS)
    return {word: Operator(operator).value for word, operator in words.items()}


def bound_text(text: str) -> str:
    """`text` with the signs and filler words of a bound put in the forms the wording
    reader knows: `＞92` → `>92`, `ít nhất là 92` → `ít nhất 92`."""
    return _BOUND_FILLER.sub(" ", (text or "").translate(_BOUND_SIGNS))


def read_bound(text: str) -> tuple[Operator, Decimal] | None:
    """A result printed as a bound (`>92`, `trên 92`, `<5`, `dưới 5 %`, `≥ 92`, `ít nhất
    là 92`, `＞92`): its operator and number; None for anything else, a plain number
    included (`92` is a value, not a bound)."""
    text = bound_text(text)
    try:
        parsed = parse_wording(text)
    except WordingError:
        return None
    if parsed.operator not in _BOUNDS or parsed.value_high is not None:
        return None
    folded = fold(text)
    number = _NUMBER.search(folded)
    assert number is not None  # parse_wording found it
    explicit = _operator_before(folded[: number.start()]) or _operator_after(
        folded[number.end() :]
    )
    return (parsed.operator, parsed.value) if explicit is not None else None


def _interval(operator: Operator, value: Decimal) -> _Interval:
    return {
        Operator.GT: _Interval(value, False, None, False),
        Operator.GTE: _Interval(value, True, None, False),
        Operator.LT: _Interval(None, False, value, False),
        Operator.LTE: _Interval(None, False, value, True),
        Operator.EQ: _Interval(value, True, value, True),
    }[operator]


def _met_interval(
    operator: Operator, value: Decimal, value_high: Decimal | None, *,
    higher_is_better: bool, tolerance: Decimal, hold: bool = False,
) -> _Interval:
    """The actuals that meet the target (see `evaluate`), as one interval."""
    if hold:
        high = value_high if value_high is not None else value
        return _Interval(value - tolerance, True, high + tolerance, True)
    if operator in (Operator.LTE, Operator.LT, Operator.EQ):
        return _interval(operator, value)
    if operator is Operator.RANGE:
        assert value_high is not None
        if higher_is_better:
            return _Interval(value, True, None, False)
        return _Interval(None, False, value_high, True)
    if operator is Operator.APPROX:
        if higher_is_better:
            return _Interval(value - tolerance, True, None, False)
        return _Interval(None, False, value + tolerance, True)
    mirrored = {Operator.GTE: Operator.LTE, Operator.GT: Operator.LT}
    return _interval(operator if higher_is_better else mirrored[operator], value)


def _clipped(interval: _Interval, kind: IndicatorKind) -> _Interval:
    """Within what the indicator can be: never below 0, a rate never above 100."""
    low, low_in = interval.low, interval.low_in
    if low is None or low < 0:
        low, low_in = Decimal(0), True
    high, high_in = interval.high, interval.high_in
    if kind is IndicatorKind.RATE and (high is None or high > 100):
        high, high_in = Decimal(100), True
    return _Interval(low, low_in, high, high_in)


def _inside(a: _Interval, b: _Interval) -> bool:
    """Every number of `a` is in `b`."""
    low_out = b.low is not None and (
        a.low is None or a.low < b.low or (a.low == b.low and a.low_in and not b.low_in)
    )
    high_out = b.high is not None and (
        a.high is None or a.high > b.high or (a.high == b.high and a.high_in and not b.high_in)
    )
    return not (low_out or high_out)


def _apart(a: _Interval, b: _Interval) -> bool:
    """No number is in both."""
    for first, second in ((a, b), (b, a)):
        if first.high is not None and second.low is not None and (
            first.high < second.low
            or (first.high == second.low and not (first.high_in and second.low_in))
        ):
            return True
    return False


def evaluate_bound(
    *,
    operator: Operator | str,
    value: Decimal,
    value_high: Decimal | None,
    bound: tuple[Operator, Decimal],
    kind: IndicatorKind | str,
    higher_is_better: bool = True,
    tolerance: Decimal | None = None,
    hold: bool = False,
) -> Outcome | None:
    """A result known only as a bound, judged: `met` when every value the bound allows
    meets the target (">92" against "trên 92" or "đạt 92"), `not_met` when none does
    ("<5" against "trên 92"), None when the bound cannot tell (">90" against "trên 92").
    """
    operator, kind = Operator(operator), IndicatorKind(kind)
    if tolerance is None:
        tolerance = default_tolerance(kind, value)
    possible = _clipped(_interval(*bound), kind)
    met = _met_interval(operator, value, value_high, higher_is_better=higher_is_better,
                        tolerance=tolerance, hold=hold)
    if _inside(possible, met):
        return Outcome.MET
    if _apart(possible, met):
        return Outcome.NOT_MET
    return None
