"""Reporting periods: a year, or a half-year, quarter or month of it.

A sub-year period's value is cumulative from 1 January (year-to-date), so `2024S1` holds
what was achieved from January to June. `start` and `end` are the calendar bounds of the
period itself; `elapsed_share` is how much of the year lies behind its end.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

MIN_YEAR = 2000
MAX_YEAR = 2100

_CODE = re.compile(r"^\s*(\d{4})(?:([SQM])(\d{1,2}))?\s*$", re.IGNORECASE)


class PeriodError(ValueError):
    """Text that is not a reporting period, or a period out of bounds."""


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"


# Number of such periods in a year, and the letter of the code.
_PER_YEAR = {PeriodKind.YEAR: 1, PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}
_LETTER = {PeriodKind.HALF: "S", PeriodKind.QUARTER: "Q", PeriodKind.MONTH: "M"}
_KIND_OF_LETTER = {letter: kind for kind, letter in _LETTER.items()}


@dataclass(frozen=True, order=True)
class Period:
    """`Period(2024)`, `Period(2024, PeriodKind.QUARTER, 3)`, or `Period.parse("2024Q3")`.

    Ordering compares the year, then the kind, then the index: chronological only between
    periods of one kind. Across kinds, compare `end`.
    """

    year: int
    kind: PeriodKind = PeriodKind.YEAR
    index: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PeriodKind(self.kind))
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PeriodError(
                _("The year %(year)s is outside %(min)s–%(max)s.")
                % {"year": self.year, "min": MIN_YEAR, "max": MAX_YEAR}
            )
        count = _PER_YEAR[self.kind]
        low = 0 if self.kind is PeriodKind.YEAR else 1
        high = 0 if self.kind is PeriodKind.YEAR else count
        if not low <= self.index <= high:
            raise PeriodError(
                _("Period number %(index)s is out of range: halves are 1–2, "
                  "quarters 1–4, months 1–12.") % {"index": self.index}
            )

    @classmethod
    def parse(cls, text: str) -> Period:
        """`2024`, `2024S1`, `2024Q3`, `2024M07` (`2024m7` too)."""
        match = _CODE.match(text or "")
        if not match:
            raise PeriodError(
                _("“%(text)s” is not a reporting period: write 2024, 2024S1, 2024Q3 or 2024M07.")
                % {"text": text}
            )
        year, letter, index = match.groups()
        if letter is None:
            return cls(int(year))
        return cls(int(year), _KIND_OF_LETTER[letter.upper()], int(index))

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return str(self.year)
        width = 2 if self.kind is PeriodKind.MONTH else 1
        return f"{self.year}{_LETTER[self.kind]}{self.index:0{width}d}"

    @property
    def is_annual(self) -> bool:
        return self.kind is PeriodKind.YEAR

    @property
    def _months(self) -> int:
        """Months in one period of this kind."""
        return 12 // _PER_YEAR[self.kind]

    @property
    def _last_month(self) -> int:
        return 12 if self.is_annual else self.index * self._months

    @property
    def start(self) -> date:
        return date(self.year, self._last_month - self._months + 1, 1)

    @property
    def end(self) -> date:
        month = self._last_month
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def elapsed_share(self) -> Decimal:
        """Share of the year behind the period's end: S1 0.5, Q3 0.75, M07 7/12, year 1."""
        if self.is_annual:
            return Decimal(1)
        return Decimal(self.index) / Decimal(_PER_YEAR[self.kind])

    def annual(self) -> Period:
        """The whole year this period belongs to."""
        return Period(self.year)

    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.kind, self.index)

    def previous(self) -> Period:
        """The preceding period of the same kind (`2024Q1` → `2023Q4`, `2024` → `2023`)."""
        if self.is_annual:
            return Period(self.year - 1)
        if self.index == 1:
            return Period(self.year - 1, self.kind, _PER_YEAR[self.kind])
        return Period(self.year, self.kind, self.index - 1)

    def label(self) -> str:
        """`Năm 2024`, `6 tháng đầu năm 2024`, `Quý 3/2024`, `Tháng 7/2024`."""
        if self.kind is PeriodKind.YEAR:
            return _("Year %(year)s") % {"year": self.year}
        if self.kind is PeriodKind.HALF:
            if self.index == 1:
                return _("First half of %(year)s") % {"year": self.year}
            return _("Second half of %(year)s") % {"year": self.year}
        if self.kind is PeriodKind.QUARTER:
            return _("Q%(q)s %(year)s") % {"q": self.index, "year": self.year}
        return _("Month %(m)s/%(year)s") % {"m": self.index, "year": self.year}

    def phrase(self) -> str:
        """The label inside a sentence: `quý 3/2024`, `6 tháng đầu năm 2024`."""
        label = self.label()
        first = label.split(" ", 1)[0]
        return label[0].lower() + label[1:] if first.isalpha() else label
