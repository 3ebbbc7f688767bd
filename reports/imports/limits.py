"""What a report file may hold before it is refused, and the words for each refusal.

A spreadsheet can claim far more than its size shows: a 2 MB workbook may unpack to a
gigabyte of shared strings, a 1,5 KB one may hold a cell at XFD1048576, and a CSV of a
million lines makes an error file of a million lines. Each limit below is checked before
the work it guards, with a Vietnamese message that says the figure and the limit, and the
file is then refused whole (nothing written). The limits are settings (README,
"Configuration"); `import_limits()` reads them at each use, so a test may override them.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from districts.formatting import number

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    upload_bytes: int  # the file as uploaded
    unpacked_bytes: int  # an XLSX's parts once unzipped, all together
    lines: int  # the last line (row number) a file may use
    columns: int  # the last column a row may fill
    pending_per_user: int  # uploads kept between preview and confirmation, per user


def import_limits() -> ImportLimits:
    return ImportLimits(
        upload_bytes=settings.IMPORT_MAX_UPLOAD_MB * MB,
        unpacked_bytes=settings.IMPORT_MAX_UNPACKED_MB * MB,
        lines=settings.IMPORT_MAX_LINES,
        columns=settings.IMPORT_MAX_COLUMNS,
        pending_per_user=settings.IMPORT_PENDING_PER_USER,
    )


def megabytes(size: int) -> str:
    """`20`, `1.024,5`: a size in MB as the active language writes numbers."""
    return number((Decimal(size) / MB).quantize(Decimal("0.1")).normalize())


def upload_message(size: int) -> str | None:
    limit = import_limits().upload_bytes
    if size <= limit:
        return None
    return _("The file is %(size)s MB, more than the %(limit)s MB a report file may be: "
             "split it into several files.") % {"size": megabytes(size),
                                                "limit": megabytes(limit)}


def workbook_message(stream: BinaryIO) -> str | None:
    """Why a workbook is refused before it is opened: not a workbook at all, or parts
    that unpack to more than the limit (read from the zip's directory, nothing unpacked)."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        return _("The file is not an Excel workbook (.xlsx) that can be read: open it in "
                 "Excel and save it again as “Excel Workbook (.xlsx)”.")
    finally:
        stream.seek(0)
    limit = import_limits().unpacked_bytes
    if unpacked <= limit:
        return None
    return _("The workbook unpacks to %(size)s MB, more than the %(limit)s MB allowed: "
             "it holds far more than a report (often whole empty sheets or formatting). "
             "Copy the table alone into a new workbook and upload that.") % {
        "size": megabytes(unpacked), "limit": megabytes(limit),
    }


def lines_message(line: int) -> str:
    return _("The file goes on past line %(limit)s, the most a report file may have: "
             "split it into several files, or delete what lies below the table.") % {
        "limit": number(Decimal(import_limits().lines)),
    }


def column_letters(column: int) -> str:
    """1 → A, 28 → AB, 16384 → XFD: a column as a spreadsheet names it."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def columns_message(column: int) -> str:
    return _("This line has a cell in column %(letters)s (the %(column)s-th), beyond the "
             "%(limit)s columns a report file may use: delete what lies to the right of "
             "the table.") % {
        "letters": column_letters(column), "column": number(Decimal(column)),
        "limit": number(Decimal(import_limits().columns)),
    }
