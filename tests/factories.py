"""Small helpers that build test objects with values that mean something."""

from __future__ import annotations

import datetime

from districts.models import Unit
from districts.selectors import unit_by_code as unit_on


def unit_by_code(code: str, *, year: int = 2024) -> Unit:
    """The unit with this official code in `year`'s era (mid-year, so 2025 is the new era)."""
    day = datetime.date(year, 7, 1) if year == 2025 else datetime.date(year, 1, 1)
    unit = unit_on(code, on=day)
    assert unit is not None, f"no unit {code} on {day}"
    return unit
