"""How far an import has read its file: lines read out of the file's lines.

The total is counted before the import starts — the newlines of a CSV, the used range an
XLSX declares for its first sheet — so that a page or the command can say "đã đọc
120.000/300.000 dòng" while the rows are being read. It is a measure for people, not a
limit: a workbook that declares a range far beyond its rows is refused by the limits
(`limits.py`) as it is read, and the lines read never pass the total shown.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import BinaryIO

from django.utils.translation import gettext as _

from districts.formatting import number

from . import limits
from .parsing import FileFormat, FileProblem, detect_format

# Called with (lines read, lines in the file) after each chunk of the import.
Progress = Callable[[int, int], None]

_BLOCK = 1 << 20


def file_lines(stream: BinaryIO) -> int:
    """The lines of the file (0 when that cannot be told); the stream is left at its start."""
    try:
        fmt = detect_format(stream)
        return _xlsx_lines(stream) if fmt.kind == "xlsx" else _csv_lines(stream, fmt)
    except FileProblem:
        return 0
    finally:
        stream.seek(0)


def _csv_lines(stream: BinaryIO, fmt: FileFormat) -> int:
    stream.seek(0)
    lines, last = 0, b""
    while block := stream.read(_BLOCK):
        lines += block.count(b"\n")
        last = block
    # UTF-16 puts a NUL after each newline byte; the count of b"\n" is the same.
    return lines + (1 if last and not last.endswith((b"\n", b"\n\x00")) else 0)


def _xlsx_lines(stream: BinaryIO) -> int:
    from openpyxl import load_workbook

    if limits.workbook_message(stream):
        return 0  # refused as soon as the import opens it
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # a damaged workbook: the import says why
        return 0
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        declared = sheet.max_row if sheet is not None else 0
    finally:
        workbook.close()
    return min(declared or 0, limits.import_limits().lines)


def progress_text(read: int, total: int) -> str:
    """`đã đọc 120.000/300.000 dòng`, numbers as the active language writes them."""
    shown = min(read, total) if total else read
    return _("read %(read)s/%(total)s lines") % {
        "read": number(Decimal(shown)), "total": number(Decimal(total)),
    }
