"""Checks on entered and imported values.

Errors block the save; warnings need a note or an explicit confirmation. Each function
returns the issues it found (an empty list when the value is fine). Messages start in
lower case so that a form or an import line can put the field or line before them.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from functools import cached_property
from typing import Literal, Protocol

from django.utils.translation import gettext_lazy

from districts import formatting
from targets.operators import IndicatorKind

RATE_MATCH_TOLERANCE = Decimal("0.05")  # percentage points
JUMP_FACTOR = Decimal(3)

# The wording of every check, by its code. The functions below and the entry page's
# script (which repeats the cheap checks while the user types) both take them from here.
MESSAGES = {
    "negative": gettext_lazy("%(value)s is negative; it cannot be below zero"),
    "not_whole": gettext_lazy("%(value)s is not a whole number"),
    "rate_out_of_range": gettext_lazy("%(value)s %% is outside 0–100 %%"),
    "negative_numerator": gettext_lazy("the numerator %(value)s is negative"),
    "negative_denominator": gettext_lazy("the denominator %(value)s is negative"),
    "numerator_above_denominator": gettext_lazy(
        "the numerator %(numerator)s is larger than the denominator %(denominator)s"
    ),
    "rate_mismatch": gettext_lazy(
        "the rate %(value)s %% does not match numerator ÷ denominator = %(expected)s %%"
    ),
    "components_mismatch": gettext_lazy(
        "components add up to %(sum)s, the total says %(total)s (difference %(diff)s)"
    ),
    "of_which_above_whole": gettext_lazy(
        "the of-which part %(part)s is larger than its whole %(whole)s"
    ),
    "jump_up": gettext_lazy("%(value)s is more than three times last year's %(last_year)s"),
    "jump_down": gettext_lazy("%(value)s is less than a third of last year's %(last_year)s"),
}


def _say(code: str, **values: object) -> str:
    return str(MESSAGES[code]) % values


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
        shown = formatting.number(numerator)
        found.append(("negative_numerator", _say("negative_numerator", value=shown)))
    if denominator is not None and denominator < 0:
        shown = formatting.number(denominator)
        found.append(("negative_denominator", _say("negative_denominator", value=shown)))
    if not found and numerator is not None and denominator is not None and numerator > denominator:
        message = _say(
            "numerator_above_denominator",
            numerator=formatting.number(numerator),
            denominator=formatting.number(denominator),
        )
        found.append(("numerator_above_denominator", message))
    return found


def _value_errors(kind: IndicatorKind, value: Decimal) -> list[tuple[str, str]]:
    # The number is formatted only for a message: an import checks every value it reads.
    if kind is IndicatorKind.RATE:
        if 0 <= value <= 100:
            return []
        return [("rate_out_of_range", _say("rate_out_of_range", value=formatting.number(value)))]
    negative = value < 0
    fractional = value != value.to_integral_value()
    if not (negative or fractional):
        return []
    shown = formatting.number(value)
    found = []
    if negative:
        found.append(("negative", _say("negative", value=shown)))
    if fractional:
        found.append(("not_whole", _say("not_whole", value=shown)))
    return found


def _mismatch(value: Decimal, numerator: Decimal, denominator: Decimal) -> list[tuple[str, str]]:
    expected = numerator / denominator * 100
    if abs(value - expected) <= RATE_MATCH_TOLERANCE:
        return []
    message = _say(
        "rate_mismatch",
        value=formatting.number(value),
        expected=formatting.number(expected.quantize(Decimal("0.01"))),
    )
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
    if (
        kind is IndicatorKind.RATE
        and value is not None
        and numerator is not None
        and denominator  # neither None nor 0
        and not part_errors
    ):
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
    message = _say(
        "components_mismatch",
        sum=formatting.number(added),
        total=formatting.number(total),
        diff=formatting.number(abs(total - added)),
    )
    return [_warning("components_mismatch", message, field)]


def check_of_which(
    *, whole: Decimal | None, part: Decimal | None, field: str = ""
) -> list[Issue]:
    """A warning when an of-which part is larger than its whole."""
    if whole is None or part is None or part <= whole:
        return []
    message = _say(
        "of_which_above_whole", part=formatting.number(part), whole=formatting.number(whole)
    )
    return [_warning("of_which_above_whole", message, field)]


def check_jump(
    *, value: Decimal | None, last_year: Decimal | None, field: str = ""
) -> list[Issue]:
    """A warning when a value is more than 3× or less than ⅓ of last year's."""
    if value is None or last_year is None or last_year <= 0:
        return []
    if value > last_year * JUMP_FACTOR:
        code = "jump_up"
    elif value < last_year / JUMP_FACTOR:
        code = "jump_down"
    else:
        return []
    message = _say(
        code, value=formatting.number(value), last_year=formatting.number(last_year)
    )
    return [_warning("jump", message, field)]


# --- how indicators relate -----------------------------------------------------------------


def _inverted(links: Mapping[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for one, of in links.items():
        found.setdefault(of, []).append(one)
    return found


class Related(Protocol):
    """What `Relations.between` reads of an indicator (the model has these fields)."""

    pk: int
    code: str
    component_of_id: int | None
    part_of_id: int | None


@dataclass(frozen=True)
class Relations:
    """The links between indicators that the warnings look at, by code: components add up
    to their total (`total_of[component] = total`), an of-which part is at most its whole
    (`whole_of[part] = whole`).

    Which checks a row gets is decided here, once, for the entry page, the submit rule,
    the importer and the progress pages alike.
    """

    total_of: Mapping[str, str] = dataclass_field(default_factory=dict)
    whole_of: Mapping[str, str] = dataclass_field(default_factory=dict)

    @classmethod
    def between(cls, indicators: Iterable[Related]) -> Relations:
        indicators = list(indicators)
        code_of = {i.pk: i.code for i in indicators}
        return cls(
            total_of={i.code: code_of[i.component_of_id] for i in indicators
                      if i.component_of_id in code_of},
            whole_of={i.code: code_of[i.part_of_id] for i in indicators
                      if i.part_of_id in code_of},
        )

    @cached_property
    def _components(self) -> dict[str, list[str]]:
        return _inverted(self.total_of)

    @cached_property
    def _parts(self) -> dict[str, list[str]]:
        return _inverted(self.whole_of)

    def components_of(self, total: str) -> list[str]:
        return self._components.get(total, [])

    def parts_of(self, whole: str) -> list[str]:
        return self._parts.get(whole, [])

    def on_total(
        self, total: str, values: Mapping[str, Decimal | None], *, field: str = ""
    ) -> list[Issue]:
        """Components of `total` that do not add up to it (nothing if it has none)."""
        parts = self.components_of(total)
        if not parts:
            return []
        return check_components(
            total=values.get(total), parts={c: values.get(c) for c in parts}, field=field
        )

    def on_part(
        self, part: str, values: Mapping[str, Decimal | None], *, field: str = ""
    ) -> list[Issue]:
        """The of-which `part` above its whole (nothing if it is no one's part)."""
        whole = self.whole_of.get(part)
        if whole is None:
            return []
        return check_of_which(whole=values.get(whole), part=values.get(part), field=field)

    def on_row(
        self,
        code: str,
        values: Mapping[str, Decimal | None],
        *,
        last_year: Decimal | None,
        field: str = "",
    ) -> list[Issue]:
        """Every warning of DESIGN §3 on the row of `code`, given the unit's values of the
        period: its components against it, it against its whole, a jump against last year.
        """
        return (
            self.on_total(code, values, field=field)
            + self.on_part(code, values, field=field)
            + check_jump(value=values.get(code), last_year=last_year, field=field)
        )

    def for_script(self) -> dict[str, object]:
        """What the entry page's script needs to repeat these checks while the user types."""
        return {
            "total_of": dict(self.total_of),
            "whole_of": dict(self.whole_of),
            "jump_factor": str(JUMP_FACTOR),
        }
