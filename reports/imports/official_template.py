"""The official template: a plan's report sheet in the layout offices send, to fill in.

For a plan, a year and a unit of the user's scope: a letterhead and a title, then a table
whose rows are the units the plan gives quotas to that year (the target grid's units,
`targets.selectors.quota_units`, in official code order) inside the chosen unit, each
with its TT, name and code; per indicator a group header merged over two sub-columns,
"Kế hoạch năm 2024" filled with the unit's quota (the targets the user may see,
`targets.selectors.visible_targets`) and an empty "Thực hiện năm 2024"; a row of column
numbers, a "Tổng" row and the signature block.

It is written for the official-layout reader (`official.py`, `official_rows.py`) to read
back without any setting: each group is headed by a name the reader knows for exactly
that indicator (the catalogue's, else a printed one), the year in the sub-headers is the
period, the Kế hoạch figures are the stored quotas (so they raise no mismatch warning),
and "Tổng" is a total row, never a unit. The sheet's words are the Vietnamese of the
official form whatever the interface language: they are what the reader reads.

Numbers are numbers. The Tổng row holds the sum of the quotas of a count, and under
"Thực hiện" a `SUM` formula of the cells above it — the product's own formula, the only
one it writes; every text (a unit's or a plan's name) goes through
`districts.spreadsheets` as data.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from districts.models import Unit
from districts.spreadsheets import xlsx_put
from plans.models import Plan
from targets.models import Indicator
from targets.printed_names import PRINTED_NAMES
from targets.selectors import quota_units, visible_targets

from . import official
from .exports import template_indicators, xlsx_number
from .importer import indicator_names

SHEET_TITLE = "bieu_bao_cao"
FIXED_COLUMNS = ("TT", "Đơn vị", "Mã đơn vị")  # A, B, C
NOTE_COLUMN = "Ghi chú"
HEADER_LINE = 7  # the first of the two header rows
COUNT_FORMAT = "#,##0"

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


class NoTemplateUnits(Exception):
    """The plan gives no quota that year to the chosen unit or any unit below it."""


@dataclass(frozen=True)
class TemplateTable:
    """What the sheet shows: its rows, its indicator groups and the quotas in them."""

    plan: Plan
    year: int
    unit: Unit
    units: list[Unit]
    indicators: list[Indicator]
    quotas: Mapping[tuple[int, int], Decimal]  # (unit id, indicator id) → quota


# --- what goes in it ------------------------------------------------------------------------


def template_rows(*, plan: Plan, year: int, unit: Unit) -> list[Unit]:
    """The units the plan gives quotas to in `year` that are `unit` or below it, in
    official order; a plan with no unit below its issuer (a ward's plan) has its issuer
    as the one row, when the issuer is `unit` or below it."""
    quota = quota_units(plan, year)
    rows = [u for u in quota if unit.contains(u)]
    if not quota and unit.contains(plan.issuer):
        rows = [plan.issuer]
    if not rows:
        raise NoTemplateUnits
    return rows


def template_table(*, plan: Plan, year: int, unit: Unit, user) -> TemplateTable:
    """The rows, the plan's indicators of the year and the quotas of those rows that
    `user` may see (the plan page's and the grid's targets)."""
    units = template_rows(plan=plan, year=year, unit=unit)
    indicators = template_indicators(plan, year)
    quotas = {
        (unit_id, indicator_id): value
        for unit_id, indicator_id, value in visible_targets(plan, user)
        .filter(year=year, unit__in=units, indicator__in=indicators)
        .values_list("unit_id", "indicator_id", "value")
    }
    return TemplateTable(plan, year, unit, units, indicators, quotas)


def group_name(indicator: Indicator, names: Mapping[str, str]) -> str:
    """The name heading the indicator's group: the first of its catalogue name, its
    printed names and its English name that the reader takes for this indicator alone."""
    candidates = [indicator.name_vi, *PRINTED_NAMES.get(indicator.code, ()), indicator.name_en]
    for name in candidates:
        if names.get(official.label_key(name)) == indicator.code:
            return name
    return indicator.name_vi


def group_header(indicator: Indicator, names: Mapping[str, str]) -> str:
    """`Tuyển sinh giáo dục nghề nghiệp\\n(người)`: the name and the unit of measure."""
    name = group_name(indicator, names)
    return f"{name}\n({indicator.unit})" if indicator.unit else name


# --- writing it -----------------------------------------------------------------------------


def reader_names() -> dict[str, str]:
    """The index of indicator names the importer reads headers with (a department's own
    indicators included), so that every group reads back as its indicator."""
    return indicator_names(list(Indicator.objects.values_list("code", "name_vi", "name_en")))


def official_template_file(*, plan: Plan, year: int, unit: Unit, user) -> bytes:
    """The XLSX of the official template of `plan`'s `year` for `unit`, as `user` sees
    it; `NoTemplateUnits` when the plan gives that unit no row."""
    table = template_table(plan=plan, year=year, unit=unit, user=user)
    names = reader_names()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    width = len(FIXED_COLUMNS) + 2 * len(table.indicators) + 1
    _letterhead(sheet, table, width)
    _header(sheet, table, names)
    last = _unit_rows(sheet, table)
    _total_row(sheet, table, last + 1)
    _signatures(sheet, table, last + 3, width)
    _page_setup(sheet, table, width)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _merged(sheet: Worksheet, row: int, first: int, last: int, text: str, *,
            bold: bool = False, end_row: int | None = None) -> None:
    cell = xlsx_put(sheet, row, first, text)
    cell.alignment = _CENTRED
    if bold:
        cell.font = _BOLD
    if last > first or (end_row or row) > row:
        sheet.merge_cells(start_row=row, start_column=first, end_row=end_row or row,
                          end_column=last)


def _letterhead(sheet: Worksheet, table: TemplateTable, width: int) -> None:
    split = len(FIXED_COLUMNS)
    _merged(sheet, 1, 1, split, table.unit.name.upper(), bold=True)
    _merged(sheet, 1, split + 1, width, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    _merged(sheet, 2, split + 1, width, "Độc lập - Tự do - Hạnh phúc", bold=True)
    _merged(sheet, 4, 1, width,
            f"BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU GIÁO DỤC NGHỀ NGHIỆP NĂM {table.year}",
            bold=True)
    plan = table.plan
    document = f"Kế hoạch số {plan.number}" if plan.number else f"“{plan.title}”"
    _merged(sheet, 5, 1, width,
            f"(Thực hiện {document} của {plan.issuer.name}; mã kế hoạch {plan.code})")


def _header(sheet: Worksheet, table: TemplateTable, names: Mapping[str, str]) -> None:
    top, below, numbers = HEADER_LINE, HEADER_LINE + 1, HEADER_LINE + 2
    for column, label in enumerate(FIXED_COLUMNS, start=1):
        _merged(sheet, top, column, column, label, bold=True, end_row=below)
        _boxed(xlsx_put(sheet, numbers, column, "ABC"[column - 1]))
    column = len(FIXED_COLUMNS) + 1
    for number, indicator in enumerate(table.indicators):
        _merged(sheet, top, column, column + 1, group_header(indicator, names), bold=True)
        for offset, role in enumerate(("Kế hoạch", "Thực hiện")):
            cell = xlsx_put(sheet, below, column + offset, f"{role} năm {table.year}")
            cell.alignment, cell.font = _CENTRED, _BOLD
            _boxed(sheet.cell(row=numbers, column=column + offset, value=2 * number + offset + 1))
        column += 2
    _merged(sheet, top, column, column, NOTE_COLUMN, bold=True, end_row=below)
    _boxed(sheet.cell(row=numbers, column=column, value=2 * len(table.indicators) + 1))
    for row in (top, below):
        for index in range(1, column + 1):
            sheet.cell(row=row, column=index).border = _BOX
    for index in range(1, column + 1):
        sheet.cell(row=numbers, column=index).alignment = _CENTRED


def _boxed(cell) -> None:
    cell.border = _BOX


def _unit_rows(sheet: Worksheet, table: TemplateTable) -> int:
    """One row per unit; the last line written."""
    line = HEADER_LINE + 2
    for number, unit in enumerate(table.units, start=1):
        line += 1
        _boxed(sheet.cell(row=line, column=1, value=number))
        _boxed(xlsx_put(sheet, line, 2, unit.name))
        code = xlsx_put(sheet, line, 3, unit.code)
        code.number_format = "@"
        _boxed(code)
        column = len(FIXED_COLUMNS) + 1
        for indicator in table.indicators:
            quota = table.quotas.get((unit.pk, indicator.pk))
            _figure(sheet, line, column, indicator, xlsx_number(quota))
            _figure(sheet, line, column + 1, indicator, None)
            column += 2
        _boxed(sheet.cell(row=line, column=column))
    return line


def _figure(sheet: Worksheet, line: int, column: int, indicator: Indicator,
            value: int | Decimal | str | None):
    cell = sheet.cell(row=line, column=column, value=value)
    if not indicator.is_rate:
        cell.number_format = COUNT_FORMAT
    _boxed(cell)
    return cell


def _total_row(sheet: Worksheet, table: TemplateTable, line: int) -> None:
    """"Tổng": a count's quotas added up, and the sum of its results as a formula; a
    rate's cells stay empty (a rate is not the sum of the units' rates)."""
    _merged(sheet, line, 1, len(FIXED_COLUMNS), "Tổng", bold=True)
    for index in range(1, len(FIXED_COLUMNS) + 1):
        _boxed(sheet.cell(row=line, column=index))
    first, last = HEADER_LINE + 3, line - 1
    column = len(FIXED_COLUMNS) + 1
    for indicator in table.indicators:
        plan_cell = _figure(sheet, line, column, indicator, None)
        result_cell = _figure(sheet, line, column + 1, indicator, None)
        if not indicator.is_rate:
            quotas = _quotas(table, indicator, table.units)
            if quotas:
                plan_cell.value = xlsx_number(sum(quotas, Decimal(0)))
            letter = get_column_letter(column + 1)
            result_cell.value = f"=SUM({letter}{first}:{letter}{last})"
        plan_cell.font = result_cell.font = _BOLD
        column += 2
    _boxed(sheet.cell(row=line, column=column))


def _quotas(table: TemplateTable, indicator: Indicator, units: Sequence[Unit]) -> list[Decimal]:
    return [q for u in units if (q := table.quotas.get((u.pk, indicator.pk))) is not None]


def _signatures(sheet: Worksheet, table: TemplateTable, line: int, width: int) -> None:
    split = len(FIXED_COLUMNS)
    xlsx_put(sheet, line, 1,
             f"Ghi chú: điền kết quả vào các cột “Thực hiện năm {table.year}”; cột “Kế "
             "hoạch” là chỉ tiêu được giao, được đối chiếu khi nhập tệp; dòng “Tổng” không "
             "được nhập.")
    _merged(sheet, line + 2, split + 1, width, f"……, ngày … tháng … năm {table.year}")
    _merged(sheet, line + 3, 1, split, "NGƯỜI LẬP BIỂU", bold=True)
    _merged(sheet, line + 3, split + 1, width, "THỦ TRƯỞNG ĐƠN VỊ", bold=True)


def _page_setup(sheet: Worksheet, table: TemplateTable, width: int) -> None:
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions["C"].width = 9
    for index in range(len(FIXED_COLUMNS) + 1, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 13
    sheet.row_dimensions[HEADER_LINE].height = 60
    sheet.row_dimensions[HEADER_LINE + 1].height = 30
    sheet.freeze_panes = sheet.cell(row=HEADER_LINE + 3, column=len(FIXED_COLUMNS) + 1)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_LINE}:{HEADER_LINE + 2}"
