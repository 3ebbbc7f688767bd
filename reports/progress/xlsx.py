"""Spreadsheets of the progress table and of the official "Phụ lục I" layout.

Numbers are written as numbers with a number format (`#,##0`, `#,##0.0`), never as text:
Excel shows them with the reader's own separators and they can be added up. Texts (a plan's
title, a unit's name, warnings) go through `districts.spreadsheets`: data, never formulas.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from districts import formatting
from districts.formatting import decimal_places, plain
from districts.spreadsheets import as_text_cell, xlsx_put, xlsx_row
from targets.operators import operator_word

from .official import OfficialLayout, OfficialRow, TargetCell
from .selectors import ProgressRow

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EEF2F6")
WARNING_FONT = Font(color="8A5A00")
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT = "0.0%"
POINTS = '+0.0" điểm";-0.0" điểm";0" điểm"'

# The printed appendix's own column headings: the official form is Vietnamese whatever
# the reader's language, as the plans print it.
OFFICIAL_TITLE = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {previous}, DỰ KIẾN CHỈ TIÊU NĂM {year}"
OFFICIAL_HEADERS = (
    "TT",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Năm {previous} – Chỉ tiêu",
    "Năm {previous} – Kết quả đạt được",
    "Kế hoạch năm {year}",
    "Tỷ lệ thực hiện năm {previous}",
    "Đánh giá",
    "Ghi chú",
)
OFFICIAL_OF_WHICH = "Trong đó:"


def number_format(value: Decimal | None, prefix: str = "", suffix: str = "") -> str:
    """`#,##0` for whole numbers, one `0` per decimal otherwise; a prefix such as `>`."""
    decimals = 0
    if value is not None and value != value.to_integral_value():
        decimals = decimal_places(value)
    body = "#,##0" + ("." + "0" * decimals if decimals else "")
    before = f'"{prefix}"' if prefix else ""
    after = f'"{suffix}"' if suffix else ""
    return f"{before}{body}{after}"


def _put(sheet, row: int, column: int, value, fmt: str | None = None):
    cell = xlsx_put(sheet, row, column, value)
    if fmt and value is not None:
        cell.number_format = fmt
    return cell


def _header(sheet, row: int, headers) -> None:
    for column, text in enumerate(headers, start=1):
        cell = xlsx_put(sheet, row, column, str(text))
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the progress table ------------------------------------------------------------------------


def _cell(sheet, value, fmt: str | None = None, font: Font | None = None):
    """A styled cell in streaming mode; a bare value when there is nothing to style."""
    if value is None:
        return None
    cell = as_text_cell(WriteOnlyCell(sheet, value=value))
    if fmt and value is not None:
        cell.number_format = fmt
    if font is not None:
        cell.font = font
    return cell


def progress_workbook(rows: list[ProgressRow], title: str) -> bytes:
    """One row per target: indicator, unit, target, actual, achievement, status, warnings.

    Written in openpyxl's streaming mode: a province's table has hundreds of rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Progress")[:31])
    widths = (18, 40, 10, 28, 8, 22, 10, 12, 10, 12, 10, 13, 14, 60)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A4"
    sheet.append([_cell(sheet, title, font=Font(bold=True, size=13))])
    sheet.append([])
    headers = [
        _("Indicator code"), _("Indicator"), _("Unit code"), _("Unit"), _("Year"),
        _("Target as printed"), _("Operator"), _("Target"), _("Upper end"), _("Actual"),
        _("Period"), _("Achievement"), _("Status"), _("Warnings"),
    ]
    header_cells = []
    for text in headers:
        cell = _cell(sheet, str(text), font=BOLD)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        target, result = row.target, row.assessment
        if result.actual is not None:
            actual = _cell(sheet, plain(result.actual), number_format(result.actual))
        else:
            actual = result.printed or None
        achievement = None
        if result.achievement is not None:
            achievement = _cell(
                sheet,
                float(result.achievement.quantize(Decimal("0.0001"))),
                POINTS if row.is_rate else PERCENT,
            )
        warnings = None
        if result.warnings:
            warnings = _cell(sheet, "\n".join(result.warnings), font=WARNING_FONT)
            warnings.alignment = WRAP
        sheet.append(
            xlsx_row(sheet, [
                target.indicator.code, target.indicator.name, row.unit.code, row.unit.name,
                target.year, target.wording or row.target_text, operator_word(target.operator),
                _cell(sheet, plain(target.value), number_format(target.value)),
                _cell(sheet, plain(target.value_high), number_format(target.value_high)),
                actual,
                str(result.period) if result.period else None,
                achievement,
                row.status_label,
                warnings,
            ])
        )
    return _save(workbook)


# --- the official layout ---------------------------------------------------------------------


def _target_cell(sheet, row: int, column: int, cell: TargetCell | None) -> None:
    if cell is None:
        _put(sheet, row, column, "-")
        return
    suffix = f"–{formatting.number(cell.high)}" if cell.high is not None else ""
    _put(sheet, row, column, plain(cell.value), number_format(cell.value, cell.prefix, suffix))


def _official_row(sheet, line: int, row: OfficialRow) -> None:
    if row.indicator is None:
        _put(sheet, line, 2, OFFICIAL_OF_WHICH).font = Font(italic=True)
        return
    _put(sheet, line, 1, row.number)
    name = _put(sheet, line, 2, row.indicator.name_vi)
    name.alignment = Alignment(wrap_text=True, vertical="top", indent=row.level)
    if row.level == 0:
        name.font = BOLD
        sheet.cell(row=line, column=1).font = BOLD
    _put(sheet, line, 3, row.unit_of_measure)
    _target_cell(sheet, line, 4, row.previous_target)
    if row.previous_actual is not None:
        _put(sheet, line, 5, plain(row.previous_actual), number_format(row.previous_actual))
    else:
        _put(sheet, line, 5, row.previous_printed or "-")
    _target_cell(sheet, line, 6, row.plan)
    if row.achievement is not None:
        fmt = POINTS if row.is_rate else PERCENT
        _put(sheet, line, 7, float(row.achievement.quantize(Decimal("0.0001"))), fmt)
    _put(sheet, line, 8, row.status_label or None)
    if row.warnings:
        note = _put(sheet, line, 9, "\n".join(row.warnings))
        note.font = WARNING_FONT
        note.alignment = WRAP


def official_workbook(layout: OfficialLayout) -> bytes:
    """Phụ lục I in Vietnamese, one sheet, ready to print on A4."""
    with translation.override("vi"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Phụ lục I"
        years = {"previous": layout.previous_year, "year": layout.year}
        _put(sheet, 1, 1, "Phụ lục I").font = Font(bold=True, size=13)
        _put(sheet, 2, 1, OFFICIAL_TITLE.format(**years)).font = BOLD
        unit = layout.unit.name if layout.unit else ""
        _put(sheet, 3, 1, f"{unit} · {layout.plan.title}")
        _header(sheet, 5, [text.format(**years) for text in OFFICIAL_HEADERS])
        for line, row in enumerate(layout.rows, start=6):
            _official_row(sheet, line, row)
        for column, width in enumerate((6, 48, 10, 13, 15, 13, 14, 14, 48), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "5:5"
        return _save(workbook)
