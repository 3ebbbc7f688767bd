"""Reading a workbook's cells: the quick path (values only, for a workbook without any
percentage format) reads exactly what the cell-by-cell path reads, line numbers included."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from openpyxl import Workbook, load_workbook

from reports.imports.parsing import FileFormat, _has_percent_format, read_rows


def workbook(*, percent_cell: bool) -> bytes:
    """Ba Đình's row after a gap, a date, a yes/no cell, a formula-looking text; with
    `percent_cell`, one cell far from them formatted as a percentage (74,2 % stored 0.742)."""
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["C1"] = "ma_don_vi", "ma_chi_tieu", "gia_tri"
    # Lines 2 and 3 are missing from the sheet's XML.
    sheet["A4"], sheet["B4"], sheet["C4"] = "001", "enrol_total", 1400
    sheet["A5"], sheet["B5"], sheet["C5"] = "006", "trained_rate", 74.2
    sheet["D5"] = datetime.date(2024, 12, 15)
    sheet["E5"] = True
    sheet["F5"] = "'=1+1"
    sheet["A8"] = "Người lập biểu"
    if percent_cell:
        sheet["H20"] = 0.742
        sheet["H20"].number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rows(data: bytes, *, raw: bool = False) -> list[tuple[int, list]]:
    """(line, cells without the empty ones at the end of the row)."""
    found = []
    for line, cells in read_rows(io.BytesIO(data), FileFormat("xlsx"), raw=raw):
        cells = list(cells)
        while cells and cells[-1] is None:
            cells.pop()
        found.append((line, cells))
    return found


def test_only_a_workbook_with_a_percentage_format_is_read_cell_by_cell():
    for percent_cell in (False, True):
        book = load_workbook(io.BytesIO(workbook(percent_cell=percent_cell)), read_only=True)
        assert _has_percent_format(book) is percent_cell
        book.close()


def test_a_workbook_without_percentages_reads_as_the_cell_by_cell_path_does():
    quick = rows(workbook(percent_cell=False))
    cell_by_cell = rows(workbook(percent_cell=True))
    assert quick == cell_by_cell[:len(quick)]
    lines = dict(quick)
    assert lines[4] == ["001", "enrol_total", 1400]
    assert lines[5] == ["006", "trained_rate", 74.2, "2024-12-15 00:00:00", "True", "=1+1"]
    assert lines[8] == ["Người lập biểu"]
    assert {line for line, _cells in quick} >= {1, 4, 5, 8}


def test_a_percentage_is_still_read_as_a_rate_when_the_workbook_has_one():
    lines = dict(rows(workbook(percent_cell=True)))
    assert lines[20][7] == Decimal("74.2")


def test_raw_cells_keep_their_types():
    lines = dict(rows(workbook(percent_cell=True), raw=True))
    assert lines[5][3] == datetime.datetime(2024, 12, 15) and lines[5][4] is True
