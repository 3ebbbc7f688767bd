"""Numbers as people and files read them: the one home of number formatting.

Pages, messages and exports show numbers through Django's localisation (`number_format`
with the formats of `config/formats`): `2.750` and `71,5` in Vietnamese, `2,750` and
`71.5` in English. The printed wording of a plan is Vietnamese whatever the reader's
language (`vietnamese_number`); files and JSON get plain numbers that read back the same.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.formats import number_format


def as_decimal(value: object) -> Decimal | None:
    """`value` as a Decimal, or None when it is empty or not a number."""
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _trimmed(value: Decimal) -> Decimal:
    """`235000.0000` → `235000`, `74.2000` → `74.2`: no trailing zeros, no exponent."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def decimal_places(value: Decimal) -> int:
    """How many decimals a number shows without trailing zeros: 74.2000 → 1, 1400 → 0.

    A number here is finite (typed or stored); NaN or an infinity is a programming error."""
    exponent = value.normalize().as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite number: {value}")
    return max(0, -exponent)


def number(value: Decimal, places: int | None = None) -> str:
    """A number in the active language's notation, with grouping: `62.500`, `86,2`;
    `places` rounds it first."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-int(places)))
    return number_format(_trimmed(value), use_l10n=True, force_grouping=True)


def percent(share: Decimal, places: int = 1) -> str:
    """A share 0,567 as a percentage, `56,7 %`."""
    return f"{number(share * 100, places)} %"


def vietnamese_number(value: Decimal) -> str:
    """`1400` → `1.400`, `86.2` → `86,2`: the plans' own notation, whatever the UI language."""
    with translation.override("vi"):
        return number(value)


def plain(value: Decimal | None) -> int | float | None:
    """For JSON, charts and spreadsheets: 62750.0000 → 62750, 74.2000 → 74.2."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value.normalize())


def plain_text(value: Decimal | None) -> str:
    """`62750`, `74.2`: the notation of a file that any reader reads back the same."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def file_number(value: Decimal | None) -> str:
    """`1400`, `74,2`, `33,3333`: Vietnamese notation without grouping, never ambiguous.

    Three decimals (`1,234`) could be read as a thousands group; a fourth zero (`1,2340`)
    says it is a decimal mark.
    """
    if value is None:
        return ""
    text = plain_text(value) if value != 0 else "0"
    whole, _dot, decimals = text.partition(".")
    if not decimals:
        return whole
    if len(decimals) == 3:
        decimals += "0"
    return f"{whole},{decimals}"


def person_name(user) -> str:
    """A person as every page names them: family name first, as Vietnamese writes it
    ("Nguyễn Thu Hà"), the login only for an account without a name; "" for none."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    name = " ".join(f"{user.last_name} {user.first_name}".split())
    return name or user.get_username()
