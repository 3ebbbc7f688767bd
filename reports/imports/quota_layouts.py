"""The product's own layouts of a quota file, long and wide. Pure: no database.

They are the report files' layouts (`parsing`) with a target in each cell instead of a
result, and they read back what the target export writes (`exports.targets_file`):

- long: one target a row, `ma_don_vi;ma_chi_tieu;gia_tri` (or `unit_code,
  indicator_code,value`), the value being the wording as printed ("trên 86,2%", "40-45",
  "2.750"); the export's `dien_dat` (wording) is read before its `chi_tieu` (the number);
- wide: one row a unit (its code or name), one column an indicator code.

Optional columns: the unit's name beside its code, the plan's code (`ma_ke_hoach`) and the
year (`nam`, or the report files' `ky_bao_cao`), which must be the import's; row numbers,
names of indicators, units of measure, the export's operator and upper value, notes:
read and left out. Any other column is an error: a column is never guessed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .parsing import (
    HEADER_SEARCH_ROWS,
    INDICATOR,
    PERIOD,
    UNIT,
    UNIT_CODE,
    UNIT_NAME,
    VALUE,
    Cell,
    Entry,
    Layout,
    Problem,
    Row,
    clean_text,
    is_blank,
    normalise_header,
)

PLAN = "plan"
WORDING = "wording"  # the export's printed wording, read before a plain value
LEFT_OUT = "left_out"

HEADERS: dict[str, str] = {
    "ma_don_vi": UNIT_CODE, "unit_code": UNIT_CODE, "ma_dv": UNIT_CODE,
    "ten_don_vi": UNIT_NAME, "unit_name": UNIT_NAME, "ten_dv": UNIT_NAME,
    "don_vi": UNIT, "unit": UNIT,
    "ma_chi_tieu": INDICATOR, "indicator_code": INDICATOR, "indicator": INDICATOR,
    "dien_dat": WORDING, "wording": WORDING,
    "gia_tri": VALUE, "value": VALUE, "chi_tieu": VALUE, "target": VALUE,
    "nam": PERIOD, "year": PERIOD, "ky_bao_cao": PERIOD, "period": PERIOD, "ky": PERIOD,
    "ma_ke_hoach": PLAN, "plan": PLAN, "plan_code": PLAN,
    "stt": LEFT_OUT, "tt": LEFT_OUT, "no": LEFT_OUT, "ten_chi_tieu": LEFT_OUT,
    "indicator_name": LEFT_OUT, "don_vi_tinh": LEFT_OUT, "unit_of_measure": LEFT_OUT,
    "toan_tu": LEFT_OUT, "operator": LEFT_OUT, "chi_tieu_tren": LEFT_OUT,
    "value_high": LEFT_OUT, "ghi_chu": LEFT_OUT, "note": LEFT_OUT, "loi": LEFT_OUT,
    "error": LEFT_OUT,
}
UNIT_ROLES = (UNIT_CODE, UNIT_NAME, UNIT)


@dataclass(frozen=True)
class QuotaLayout:
    """Where each thing is in a product quota file."""

    layout: Layout  # as the preview describes it (kind, header line, headers, roles)
    value_at: int | None  # long: the column of the wording (or value)
    problems: tuple[Problem, ...] = ()


def _roles(cells: Row, codes: Collection[str]) -> tuple[dict[str, int], list[int], list[int]]:
    """(role → column, indicator code columns, unknown columns) of a header row."""
    roles: dict[str, int] = {}
    indicators: list[int] = []
    unknown: list[int] = []
    for index, cell in enumerate(cells):
        name = normalise_header(cell)
        if not name:
            continue
        role = HEADERS.get(name)
        if role is None:
            (indicators if name in codes else unknown).append(index)
        elif role != LEFT_OUT:
            roles.setdefault(role, index)
    return roles, indicators, unknown


def find_quota_layout(
    rows: list[tuple[int, Row]], *, codes: Collection[str], unit_given: bool
) -> QuotaLayout | None:
    """The product's header among the first rows of a file, or None when none is: a row
    with a unit column (or none, when the file is about one unit given) and either an
    indicator column with a value column (long) or indicator codes as columns (wide)."""
    for line, cells in rows[:HEADER_SEARCH_ROWS]:
        roles, indicators, unknown = _roles(cells, codes)
        has_unit = any(role in roles for role in UNIT_ROLES)
        long = INDICATOR in roles and (VALUE in roles or WORDING in roles)
        if not (long or indicators) or not (has_unit or unit_given):
            continue
        headers = [clean_text(c) for c in cells]
        problems = tuple(
            Problem(line, headers[index], "error", _(
                "“%(header)s” is not an indicator code, nor a column a quota file can have."
            ) % {"header": headers[index]}, "unknown_column")
            for index in unknown
        )
        if long:
            value_at = roles.get(WORDING, roles.get(VALUE))
            shown = {k: v for k, v in roles.items() if k != WORDING}
            shown[VALUE] = value_at  # type: ignore[assignment]
            layout = Layout("long", line, headers, shown)
            return QuotaLayout(layout, value_at, problems)
        codes_at = [(index, normalise_header(cells[index])) for index in indicators]
        layout = Layout("wide", line, headers, roles, codes_at)
        return QuotaLayout(layout, None, problems)
    return None


def _text(cells: Row, index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return clean_text(cells[index])


def _value(cells: Row, index: int) -> Cell:
    if index >= len(cells):
        return None
    value = cells[index]
    return None if is_blank(value) else value


def quota_entries(
    found: QuotaLayout, rows: Iterator[tuple[int, Row]], *, plan_code: str, year: int
) -> Iterator[Entry | Problem]:
    """The targets of the rows under the header: an `Entry` per filled value (its period
    the year the row gives, else `year`), or the problem of a row that names another
    plan."""
    layout = found.layout
    roles = layout.roles
    for line, cells in rows:
        if line <= layout.header_line or all(is_blank(c) for c in cells):
            continue
        code = _text(cells, roles.get(UNIT_CODE))
        name = _text(cells, roles.get(UNIT_NAME))
        either = _text(cells, roles.get(UNIT))
        if either:
            if either.isdigit():
                code = code or either
            else:
                name = name or either
        if code and not code.isdigit():
            code, name = "", name or code
        period = _text(cells, roles.get(PERIOD)) or str(year)
        written_plan = _text(cells, roles.get(PLAN))
        if written_plan and written_plan != plan_code:
            yield Problem(line, layout.column(PLAN), "error", _(
                "this row is of the plan %(written)s, the file is imported into %(plan)s."
            ) % {"written": written_plan, "plan": plan_code}, "other_plan")
            continue
        if found.value_at is not None:
            value = _value(cells, found.value_at)
            if value is not None:
                yield Entry(line=line, unit_code=code, unit_name=name,
                            indicator=_text(cells, roles[INDICATOR]), period=period,
                            value=value, value_column=layout.headers[found.value_at])
            continue
        for index, indicator in layout.indicator_columns:
            value = _value(cells, index)
            if value is not None:
                yield Entry(line=line, unit_code=code, unit_name=name, indicator=indicator,
                            period=period, value=value, value_column=layout.headers[index])
