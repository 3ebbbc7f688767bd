"""How a file was read, for the preview: each column and what it was taken for, and the
rows above the table that were skipped, in the user's words.

The preview shows it before anything is written, so that an official who uploads a sheet
of their own can see that "Trình độ cao đẳng" under "Tuyển sinh giáo dục nghề nghiệp" was
read as college enrolment, and that the "Tỷ lệ %" column was left out on purpose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from targets.models import Indicator

from ..periods import Period, PeriodError
from .limits import column_letters
from .official import ACTUAL, PLAN
from .parsing import (
    DENOMINATOR,
    INDICATOR,
    NOTE,
    NUMERATOR,
    PERIOD,
    UNIT,
    UNIT_CODE,
    UNIT_NAME,
    VALUE,
    Layout,
)


@dataclass(frozen=True)
class ColumnReading:
    letter: str  # as the spreadsheet names the column: A, B, …
    header: str  # as the file prints it
    meaning: str  # what it was read as
    used: bool  # False for a column read and left out on purpose


def _role_words() -> dict[str, str]:
    return {
        UNIT_CODE: _("unit code"),
        UNIT_NAME: _("unit name"),
        UNIT: _("unit (code or name)"),
        INDICATOR: _("indicator code"),
        PERIOD: _("period"),
        VALUE: _("value"),
        NUMERATOR: _("numerator"),
        DENOMINATOR: _("denominator"),
        NOTE: _("note"),
    }


def _period_words(code: str) -> str:
    try:
        return Period.parse(code).phrase()
    except PeriodError:
        return code


def _name(code: str, indicators: Mapping[str, Indicator]) -> str:
    indicator = indicators.get(code)
    return indicator.name if indicator is not None else code


def column_readings(layout: Layout, indicators: Mapping[str, Indicator]) -> list[ColumnReading]:
    """Every column the file's header names, in the file's order."""
    found: dict[int, ColumnReading] = {}

    def put(index: int, meaning: str, used: bool = True) -> None:
        header = layout.headers[index] if index < len(layout.headers) else ""
        found[index] = ColumnReading(column_letters(index + 1), header, meaning, used)

    words = _role_words()
    for role, index in layout.roles.items():
        if role in words:
            put(index, words[role])
    table = layout.official
    if table is None:
        for index, code in layout.indicator_columns:
            put(index, _("values of %(indicator)s") % {"indicator": _name(code, indicators)})
        return [found[i] for i in sorted(found)]
    if table.tt_index is not None:
        put(table.tt_index, _("row number (TT), not data"), used=False)
    for index in table.left_out:
        put(index, _("left out, as chosen for this column"), used=False)
    if table.shape == "indicators":
        put(table.unit_index, _("indicator, by its printed name"))
    else:
        put(table.unit_index, _("unit, by its name or code"))
    for column in table.columns:
        name = _name(column.indicator, indicators)
        if column.role == ACTUAL:
            period = table.periods.get(column.index, "")
            meaning = _("%(indicator)s: result of %(period)s (stored)") % {
                "indicator": name, "period": _period_words(period),
            }
            put(column.index, meaning)
        elif column.role == PLAN:
            put(column.index, _("%(indicator)s: plan figure, compared with the stored target")
                % {"indicator": name}, used=False)
        else:
            put(column.index, _("%(indicator)s: percentage of the plan, left out (worked out "
                                "from the figures)") % {"indicator": name}, used=False)
    return [found[i] for i in sorted(found)]


def skipped_rows(layout: Layout) -> list[tuple[int, str]]:
    """(line, why) for the rows of an official sheet that are not data: above the header,
    and, once the rows have been read, sections, totals and what lies below the table."""
    if layout.official is None:
        return []
    why = {
        "title": _("title or letterhead"),
        "column_numbers": _("column numbers (A, B, 1, 2…)"),
        "section": _("section heading (I, II, “Trong đó:”)"),
        "total": _("total, checked against the units"),
        "below_table": _("below the table (notes, signatures)"),
    }
    return [(line, why[reason]) for line, reason in layout.official.skipped]
