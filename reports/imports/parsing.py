"""Reading report files the way Vietnamese spreadsheets write them. Pure: no database.

A report file is CSV (UTF-8 with or without BOM, or Windows-1258; comma, semicolon or tab
separated) or XLSX, in the long layout (one value per row) or the wide one (one row per
unit, one column per indicator code), with English or Vietnamese headers (DESIGN §4).

The reader streams: it never holds the file's rows, only the one being read, so a file of
a whole country's communes costs no more memory than a small one. Its output is `Entry`
objects (one per value, with the line and the column it came from) and `Problem` objects
(what is wrong, where); number notation is settled per file by `DecimalMarks`, from the
cells themselves, with `reports.numbers`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, cast

from django.utils.translation import gettext as _

from districts import formatting
from districts.spreadsheets import QUOTE, restore_text
from districts.text import fold
from reports.numbers import NumberError, detect_decimal_mark, parse_number

from . import limits
from .memo import Memo

if TYPE_CHECKING:
    from .official import Found, OfficialTable, SheetHeader, TotalFigure

Cell = str | int | float | Decimal | None
# A row as read: a CSV row is all text, an XLSX row any cells; the cells are only read.
Row = Sequence[Cell]
Level = Literal["error", "warning"]

# --- where a problem is ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """An error or a warning on a line of the file (the header is line 1 of a CSV file)."""

    line: int
    column: str  # the column's header as written in the file; "" for the whole line
    level: Level
    message: str
    code: str = ""

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def __str__(self) -> str:
        if self.column:
            return _("line %(line)s, column %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class FileProblem(Exception):
    """The file cannot be read at all (or from some line on)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(line, "", "error", message, "unreadable")


# --- columns ---------------------------------------------------------------------

UNIT_CODE = "unit_code"
UNIT_NAME = "unit_name"
UNIT = "unit"  # code or name, told apart by its shape
INDICATOR = "indicator"
PERIOD = "period"
VALUE = "value"
NUMERATOR = "numerator"
DENOMINATOR = "denominator"
NOTE = "note"
IGNORED = "ignored"

# Headers in normalised form (folded, words joined by "_"): English, then Vietnamese.
ALIASES: dict[str, str] = {
    "unit_code": UNIT_CODE,
    "ma_don_vi": UNIT_CODE,
    "ma_dv": UNIT_CODE,
    "unit_name": UNIT_NAME,
    "ten_don_vi": UNIT_NAME,
    "ten_dv": UNIT_NAME,
    "unit": UNIT,
    "don_vi": UNIT,
    "indicator_code": INDICATOR,
    "indicator": INDICATOR,
    "ma_chi_tieu": INDICATOR,
    "period": PERIOD,
    "ky_bao_cao": PERIOD,
    "ky": PERIOD,
    "value": VALUE,
    "gia_tri": VALUE,
    "numerator": NUMERATOR,
    "tu_so": NUMERATOR,
    "denominator": DENOMINATOR,
    "mau_so": DENOMINATOR,
    "note": NOTE,
    "ghi_chu": NOTE,
    # Columns people add that carry nothing to import: row numbers, names of indicators,
    # units of measure, and the error column of a downloaded error file.
    "stt": IGNORED,
    "tt": IGNORED,
    "no": IGNORED,
    "ten_chi_tieu": IGNORED,
    "indicator_name": IGNORED,
    "don_vi_tinh": IGNORED,
    "unit_of_measure": IGNORED,
    "loi": IGNORED,
    "error": IGNORED,
    "errors": IGNORED,
}
UNIT_ROLES = (UNIT_CODE, UNIT_NAME, UNIT)
NUMBER_ROLES = (VALUE, NUMERATOR, DENOMINATOR)
# The error column added to a downloaded error file, by the language of the headers.
ERROR_COLUMN = {"vi": "loi", "en": "error"}

HEADER_SEARCH_ROWS = 10  # title rows above the header that are skipped
OFFICIAL_SEARCH_ROWS = 30  # rows read for an official sheet's letterhead, title and header
TEXT_MEMO_SIZE = 20_000  # cells remembered while reading a long file
_NON_WORD = re.compile(r"[^0-9a-z]+")
_DIGITS = re.compile(r"[0-9]+")


def normalise_header(cell: Cell) -> str:
    """`Mã đơn vị` → `ma_don_vi`, ` Giá trị ` → `gia_tri`, `enrol_total` stays."""
    if cell is None:
        return ""
    return _NON_WORD.sub("_", fold(str(cell))).strip("_")


def clean_text(cell: Cell) -> str:
    """A cell as text: NFC (Windows-1258 writes tone marks apart), no stray spaces."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = unicodedata.normalize("NFC", str(cell))
    return " ".join(text.split())


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


# --- the file: encoding, separator, rows ------------------------------------------------------


@dataclass(frozen=True)
class FileFormat:
    """What is needed to read the file again, or to write one like it."""

    kind: Literal["csv", "xlsx"]
    encoding: str = "utf-8"  # CSV: "utf-8-sig" (with BOM), "utf-8", "cp1258", "utf-16"
    delimiter: str = ","

    @property
    def is_tab(self) -> bool:
        return self.delimiter == "\t"


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls
_CP1258_UNDEFINED = re.compile(rb"[\x81\x8a\x8d\x8e\x8f\x90\x9a\x9d\x9e]")
_CHUNK = 1 << 16
DELIMITERS = (";", "\t", ",")  # in this order when the header line has as many of each


def _line_at(stream: BinaryIO, offset: int) -> int:
    stream.seek(0)
    return stream.read(offset).count(b"\n") + 1


def sniff_encoding(stream: BinaryIO) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1258.

    Reads the file through once, in chunks, to be sure it is valid UTF-8: a Windows-1258
    file is almost always invalid UTF-8, while any UTF-8 file is also "valid" Windows-1258.
    """
    stream.seek(0)
    head = stream.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := stream.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    stream.seek(0)
    offset = 0
    while chunk := stream.read(_CHUNK):
        bad = _CP1258_UNDEFINED.search(chunk)
        if bad:
            raise FileProblem(
                _line_at(stream, offset + bad.start()),
                _("The file is neither UTF-8 nor Windows-1258 text: save it as CSV UTF-8 "
                  "or as an Excel workbook (.xlsx)."),
            )
        offset += len(chunk)
    return "cp1258"


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            count += 1
    return count


def sniff_delimiter(lines: list[str]) -> str:
    """The separator of the header: the one of `;`, tab, `,` it has most of.

    The header decides, not the data: a Vietnamese number (`74,2`) holds a comma that
    is not a separator in a semicolon file, while column names never hold one.
    """
    for line in lines:
        counts = {d: _count_outside_quotes(line, d) for d in DELIMITERS}
        best = max(DELIMITERS, key=lambda d: counts[d])
        if counts[best]:
            return best
    return ","


def detect_format(stream: BinaryIO) -> FileFormat:
    stream.seek(0)
    head = stream.read(8)
    if head.startswith(_ZIP_MAGIC):
        return FileFormat("xlsx")
    if head.startswith(_OLE_MAGIC):
        raise FileProblem(
            1,
            _("Excel 97-2003 workbooks (.xls) cannot be read: save the file as .xlsx or CSV."),
        )
    if not head:
        raise FileProblem(1, _("The file is empty."))
    encoding = sniff_encoding(stream)
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="", errors="replace")
    try:
        first_lines = [line for line in (text.readline() for _i in range(20)) if line.strip()]
    finally:
        text.detach()
    return FileFormat("csv", encoding=encoding, delimiter=sniff_delimiter(first_lines))


def _csv_rows(stream: BinaryIO, fmt: FileFormat) -> Iterator[tuple[int, Row]]:
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=fmt.encoding, newline="", errors="strict")
    reader = csv.reader(text, delimiter=fmt.delimiter, quotechar='"', strict=False)
    line = 0
    try:
        while True:
            line += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as error:
                raise FileProblem(line, _csv_error(error, fmt)) from error
            # All texts: one look at the whole row decides whether any cell needs a pass.
            joined = "".join(cells)
            if "\x00" in joined or QUOTE in joined:
                cells = _text_cells(line, cells)
            yield line, cells
    finally:
        text.detach()


def _csv_error(error: Exception, fmt: FileFormat) -> str:
    """The reader's complaint in the user's words (the csv module's own are English)."""
    if isinstance(error, UnicodeDecodeError):
        return _("the line holds bytes that are not text in the file's encoding "
                 "(%(encoding)s): save the file again as “CSV UTF-8”.") % {
            "encoding": fmt.encoding,
        }
    if "field limit" in str(error):
        return _("a cell of this line is longer than %(limit)s characters: most likely "
                 "a double quote (\") opens a cell and is never closed.") % {
            "limit": formatting.number(Decimal(csv.field_size_limit())),
        }
    return _("the line cannot be read as CSV: check its quotes (\") and separators.")


def _text_cells(line: int, cells: list) -> list:
    """The row's texts as they were before an export made them safe (`'=1` → `=1`,
    districts.spreadsheets); a NUL character refuses the whole file."""
    for i, cell in enumerate(cells):
        if isinstance(cell, str):
            if "\x00" in cell:
                raise FileProblem(line, _(
                    "the line contains a NUL character (\\0), which a report file cannot "
                    "hold: save the file again from the spreadsheet program."
                ))
            if cell[:1] == QUOTE:
                cells[i] = restore_text(cell)
    return cells


def _xlsx_cell(cell, raw: bool = False, percent_styles: dict | None = None) -> Cell:
    """A cell's value as the importer reads it; `percent_styles` remembers, per style of
    the workbook, whether it formats a percentage (a sheet has few styles and many cells)."""
    value = cell.value
    if raw:
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        # A rate typed as 74,2 % is stored as 0.742 in a cell formatted as a percentage.
        style = getattr(cell, "_style_id", None)
        percent = percent_styles.get(style) if percent_styles is not None else None
        if percent is None:
            percent = "%" in (getattr(cell, "number_format", "") or "")
            if percent_styles is not None and style is not None:
                percent_styles[style] = percent
        if percent:
            return Decimal(repr(value)) * 100
        return value
    if value is None:
        return None
    return str(value)


def _xlsx_value(value) -> Cell:
    """A cell's value as `_xlsx_cell` reads it, for a cell whose format says nothing."""
    if value is None or (isinstance(value, int | float | Decimal) and not isinstance(value, bool)):
        return value
    return str(value)


def _has_percent_format(workbook) -> bool:
    """Whether a cell style of the workbook formats numbers as a percentage (True when
    openpyxl does not say: then every cell is looked at)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    styles = getattr(workbook, "_cell_styles", None)
    custom = getattr(workbook, "_number_formats", None)
    if styles is None or custom is None:
        return True
    for style in styles:
        number = style.numFmtId
        if number < BUILTIN_FORMATS_MAX_SIZE:
            text = BUILTIN_FORMATS.get(number, "General")
        elif number - BUILTIN_FORMATS_MAX_SIZE < len(custom):
            text = custom[number - BUILTIN_FORMATS_MAX_SIZE]
        else:
            return True
        if "%" in text:
            return True
    return False


@dataclass
class SheetSource:
    """Where the XML of the sheet being read is (for its merged cells), while it is read."""

    archive: Any = None  # the workbook's zipfile.ZipFile
    path: str = ""


def _xlsx_rows(
    stream: BinaryIO, raw: bool = False, source: SheetSource | None = None
) -> Iterator[tuple[int, Row]]:
    # openpyxl is imported here: reading CSV never pays for it.
    from openpyxl import load_workbook

    refused = limits.workbook_message(stream)
    if refused:
        raise FileProblem(1, refused)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # a damaged zip or workbook raises many kinds, in English
        raise FileProblem(1, _(
            "The Excel workbook cannot be read: it may be damaged or protected by a "
            "password. Open it in Excel and save it again as “Excel Workbook (.xlsx)”."
        )) from error
    line = 0
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise FileProblem(1, _("The Excel workbook has no sheet."))
        # Some programs write wrong sheet dimensions; read what is really there.
        sheet.reset_dimensions()
        if source is not None:
            source.archive = getattr(workbook, "_archive", None)
            source.path = getattr(sheet, "_worksheet_path", "")
        # Cells are needed only to see a percentage's format: a workbook without one
        # (most of them) is read as values, which costs openpyxl far less.
        values_only = raw or not _has_percent_format(workbook)
        rows = sheet.iter_rows(values_only=values_only)
        percent_styles: dict[int, bool] = {}
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as error:
                raise FileProblem(line + 1, _(
                    "the workbook cannot be read from this line on: it may be damaged. "
                    "Open it in Excel and save it again."
                )) from error
            if values_only:
                # openpyxl yields one row per line, the missing ones empty, so the count
                # is the line number.
                line += 1
                cells = list(row) if raw else [_xlsx_value(value) for value in row]
            else:
                cells = [_xlsx_cell(cell, raw, percent_styles) for cell in row]
                row_number = next((c.row for c in row if getattr(c, "row", None)), None)
                line = row_number or line + 1
            yield line, _text_cells(line, cells)
    finally:
        workbook.close()


def read_rows(
    stream: BinaryIO, fmt: FileFormat, *, raw: bool = False, source: SheetSource | None = None
) -> Iterator[tuple[int, Row]]:
    """Every row of the file as (line number, cells), as written (not cleaned); `raw`
    keeps XLSX cells exactly as stored (no percentage read as a rate); `source` is told
    where the sheet's XML is. A row past the last line or column a file may use stops the
    file (`limits`)."""
    rows = _xlsx_rows(stream, raw, source) if fmt.kind == "xlsx" else _csv_rows(stream, fmt)
    return _within_limits(rows, limits.import_limits())


def _within_limits(
    rows: Iterator[tuple[int, Row]], bounds: limits.ImportLimits
) -> Iterator[tuple[int, Row]]:
    max_lines, max_columns = bounds.lines, bounds.columns
    for line, cells in rows:
        if line > max_lines:
            raise FileProblem(line, limits.lines_message(line))
        if len(cells) > max_columns:
            # Trailing empty cells (a formatted row) are no data; a filled one is.
            used = len(cells)
            while used and is_blank(cells[used - 1]):
                used -= 1
            if used > max_columns:
                raise FileProblem(line, limits.columns_message(used))
            cells = cells[:used]
        yield line, cells


# --- layout ---------------------------------------------------------------------


@dataclass
class Layout:
    """Where each thing is: columns by role, and in the wide and official layouts the
    indicator columns (in the official one, those holding results)."""

    kind: Literal["long", "wide", "official"]
    header_line: int  # the header's last line
    headers: list[str]  # as written in the file (an official header's labels joined)
    roles: dict[str, int]  # role → column index
    indicator_columns: list[tuple[int, str]] = field(default_factory=list)  # wide, official
    official: OfficialTable | None = None  # what only an official sheet has

    def column(self, role: str) -> str:
        index = self.roles.get(role)
        return self.headers[index] if index is not None else ""

    @property
    def language(self) -> str:
        """"vi" when the headers are the Vietnamese ones (for the error column's name)."""
        english = {"unit_code", "unit_name", "indicator_code", "value", "period", "unit"}
        return "en" if any(normalise_header(h) in english for h in self.headers) else "vi"


def _roles_of(normalised: list[str], indicator_codes: Collection[str]) -> int:
    return sum(1 for h in normalised if h in ALIASES or h in indicator_codes)


def _layout_problem(line: int, message: str, column: str = "", code: str = "layout") -> Problem:
    return Problem(line, column, "error", message, code)


def find_layout(
    line: int,
    cells: Row,
    *,
    indicator_codes: Collection[str],
    has_default_period: bool,
) -> tuple[Layout | None, list[Problem]]:
    """The layout given by the header row `cells`, or the problems that make it unusable."""
    headers = [clean_text(c) for c in cells]
    normalised = [normalise_header(h) for h in headers]
    problems: list[Problem] = []
    roles: dict[str, int] = {}
    unknown: list[int] = []
    indicator_columns: list[tuple[int, str]] = []
    for index, name in enumerate(normalised):
        role = ALIASES.get(name)
        if role == IGNORED or (not name and not role):
            continue
        if role is None:
            if name in indicator_codes:
                indicator_columns.append((index, name))
            else:
                unknown.append(index)
            continue
        if role in roles:
            problems.append(
                _layout_problem(
                    line,
                    _("the columns “%(first)s” and “%(second)s” say the same thing; keep one.")
                    % {"first": headers[roles[role]], "second": headers[index]},
                    headers[index],
                )
            )
            continue
        roles[role] = index

    long = INDICATOR in roles or VALUE in roles
    if long:
        layout = Layout("long", line, headers, roles)
        needed = [(INDICATOR, "ma_chi_tieu / indicator_code"), (VALUE, "gia_tri / value")]
        if not has_default_period:
            needed.append((PERIOD, "ky_bao_cao / period"))
        for role, names in needed:
            if role not in roles:
                problems.append(
                    _layout_problem(
                        line, _("the column %(names)s is missing.") % {"names": names}
                    )
                )
        if not any(role in roles for role in UNIT_ROLES):
            problems.append(
                _layout_problem(
                    line,
                    _("the column ma_don_vi / unit_code (or ten_don_vi / unit_name) is missing."),
                )
            )
        return (None if problems else layout), problems

    # Wide: the first column is the unit unless a header says which one it is.
    if not any(role in roles for role in UNIT_ROLES):
        first = next((i for i, h in enumerate(normalised) if h and i in unknown), None)
        if first is None:
            problems.append(
                _layout_problem(
                    line,
                    _("the first column must give the unit (its code or its name)."),
                )
            )
        else:
            roles[UNIT] = first
            unknown.remove(first)
    for index in unknown:
        problems.append(
            _layout_problem(
                line,
                _("“%(header)s” is not an indicator code, nor a column this file can have.")
                % {"header": headers[index]},
                headers[index],
                "unknown_column",
            )
        )
    if not indicator_columns:
        problems.append(
            _layout_problem(
                line,
                _("no column is an indicator code: a wide file has one column per indicator "
                  "(enrol_total, trained_rate…), a long file the columns ma_chi_tieu and "
                  "gia_tri."),
            )
        )
    if PERIOD not in roles and not has_default_period:
        problems.append(
            _layout_problem(
                line,
                _("the period is missing: add a column ky_bao_cao / period, or choose the "
                  "period of the whole file."),
            )
        )
    layout = Layout("wide", line, headers, roles, indicator_columns)
    return (None if problems else layout), problems


# --- entries ---------------------------------------------------------------------


@dataclass(slots=True)
class Entry:
    """One value of the file, as written, with where it came from."""

    line: int
    unit_code: str
    unit_name: str
    indicator: str
    period: str
    value: Cell
    numerator: Cell = None
    denominator: Cell = None
    note: str = ""
    value_column: str = ""
    plan_value: Cell = None  # official sheets: the plan figure printed beside the value
    plan_column: str = ""

    @property
    def unit_text(self) -> str:
        return self.unit_code or self.unit_name

    @property
    def is_empty(self) -> bool:
        return is_blank(self.value) and is_blank(self.numerator) and is_blank(self.denominator)


def _cell(cells: Row, index: int | None) -> Cell:
    if index is None or index >= len(cells):
        return None
    value = cells[index]
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _code_text(cell: Cell) -> str:
    """A unit code cell as text: a number cell `1` or `1.0` becomes `1`."""
    return clean_text(cell)


def _split_unit(text: str) -> tuple[str, str]:
    """(code, name) from a cell that holds either."""
    return (text, "") if _DIGITS.fullmatch(text) else ("", text)


def _unit_of(layout: Layout, cells: Row) -> tuple[str, str]:
    code = _code_text(_cell(cells, layout.roles.get(UNIT_CODE)))
    name = clean_text(_cell(cells, layout.roles.get(UNIT_NAME)))
    if UNIT in layout.roles:
        either_code, either_name = _split_unit(_code_text(_cell(cells, layout.roles[UNIT])))
        code, name = code or either_code, name or either_name
    if code and not _DIGITS.fullmatch(code):
        # A name written in the code column.
        code, name = "", name or code
    return code, name


def _wide_entries(
    layout: Layout, line: int, cells: Row, default_period: str
) -> Iterator[Entry]:
    """The values of one row of a wide file: one per filled indicator cell."""
    roles = layout.roles
    unit_code, unit_name = _unit_of(layout, cells)
    period = clean_text(_cell(cells, roles.get(PERIOD))) or default_period
    note = clean_text(_cell(cells, roles.get(NOTE)))
    for index, code in layout.indicator_columns:
        value = _cell(cells, index)
        if is_blank(value):
            continue
        yield Entry(
            line=line,
            unit_code=unit_code,
            unit_name=unit_name,
            indicator=code,
            period=period,
            value=value,
            note=note,
            value_column=layout.headers[index],
        )


@dataclass
class ParsedFile:
    """A file opened for reading: its format, its layout, and its entries as a stream."""

    format: FileFormat | None  # None when the file cannot be read at all
    layout: Layout | None
    problems: list[Problem]  # about the file as a whole (format, header)
    _stream: BinaryIO
    _rows: Iterator[tuple[int, Row]] | None
    _default_period: str
    header: SheetHeader | None = None  # an official sheet's, found or not (its mappings)

    def entries(self) -> Iterator[Entry | Problem | TotalFigure]:
        """Each value of the file in order, or the problem of a line that cannot be read
        (and in an official sheet the figures of its total rows)."""
        if self.layout is None or self._rows is None:
            return
        rows = self._rows
        self._rows = None  # one pass only: the rows are a stream
        try:
            if self.layout.kind == "official":
                from .official_rows import official_entries

                yield from official_entries(self.layout, rows)
                return
            if self.layout.kind == "long":
                yield from _long_entries(self.layout, rows, self._default_period)
                return
            for line, cells in rows:
                if not _is_blank_row(cells):
                    yield from _wide_entries(self.layout, line, cells, self._default_period)
        except FileProblem as problem:
            yield problem.problem


def _is_blank_row(cells: Row) -> bool:
    try:  # a CSV row is all text; an XLSX row with a number raises TypeError
        return not "".join(cast("list[str]", cells)).strip()
    except TypeError:
        return all(is_blank(c) for c in cells)


def _long_entries(
    layout: Layout, rows: Iterator[tuple[int, Row]], default_period: str
) -> Iterator[Entry]:
    """The values of a long file, one per row; unrolled, as it reads 100.000 rows a file."""
    roles = layout.roles
    code_at, name_at, either_at = roles.get(UNIT_CODE), roles.get(UNIT_NAME), roles.get(UNIT)
    # A long layout always has the indicator and value columns (find_layout).
    indicator_at, period_at = roles[INDICATOR], roles.get(PERIOD)
    value_at, numerator_at = roles[VALUE], roles.get(NUMERATOR)
    denominator_at, note_at = roles.get(DENOMINATOR), roles.get(NOTE)
    width = max(roles.values()) + 1
    padding: list[Cell] = [None] * width
    value_column = layout.column(VALUE)
    digits = _DIGITS.fullmatch

    texts = Memo(TEXT_MEMO_SIZE)  # codes, names and periods repeat from line to line

    def text(cell: Cell) -> str:
        found = texts.get(cell)
        return texts.remember(cell, clean_text(cell)) if found is None else found

    def number(cell: Cell) -> Cell:
        if type(cell) is str:
            cell = cell.strip()
            return cell or None
        return cell

    for line, cells in rows:
        if _is_blank_row(cells):
            continue
        if len(cells) < width:
            cells = [*cells, *padding[len(cells):]]
        code = text(cells[code_at]) if code_at is not None else ""
        name = text(cells[name_at]) if name_at is not None else ""
        if either_at is not None:
            either = text(cells[either_at])
            if digits(either):
                code = code or either
            else:
                name = name or either
        if code and not digits(code):
            code, name = "", name or code
        yield Entry(
            line=line,
            unit_code=code,
            unit_name=name,
            indicator=text(cells[indicator_at]),
            period=(text(cells[period_at]) if period_at is not None else "") or default_period,
            value=number(cells[value_at]),
            numerator=number(cells[numerator_at]) if numerator_at is not None else None,
            denominator=number(cells[denominator_at]) if denominator_at is not None else None,
            note=text(cells[note_at]) if note_at is not None else "",
            value_column=value_column,
        )


def _is_product_header(cells: Row, indicator_codes: Collection[str]) -> bool:
    normalised = [normalise_header(c) for c in cells]
    return any(ALIASES.get(h) in UNIT_ROLES + (INDICATOR,) for h in normalised) or (
        _roles_of(normalised, indicator_codes) >= 2
    )


def open_file(
    stream: BinaryIO,
    *,
    indicator_codes: Collection[str],
    default_period: str = "",
    indicator_names: Mapping[str, str] | None = None,
    default_unit: str = "",
    column_map: Mapping[str, str] | None = None,
    quotas: bool = False,
) -> ParsedFile:
    """Open a report file (CSV or XLSX) for reading its entries.

    `indicator_codes` are the catalogue's codes (the columns of a wide file);
    `default_period` the period of rows without one (`--period`, or the import page's);
    `indicator_names` the printed names official sheets head their columns with
    (`official.label_key(name)` → code; by default the shipped catalogue's);
    `default_unit` the code of the one unit a sheet whose rows are indicators is about;
    `column_map` the user's mappings of an official sheet's labels (`official.label_key`
    of the label → an indicator code, or `official.IGNORE`); `quotas` reads an official
    sheet as one that hands targets down (`official.as_quotas`).

    The product's own layouts are tried first (a header row of codes among the first
    rows), then the official one (`official.find_official_layout`).
    """
    try:
        fmt = detect_format(stream)
    except FileProblem as problem:
        return ParsedFile(None, None, [problem.problem], stream, None, "")
    source = SheetSource()
    rows = read_rows(stream, fmt, source=source)
    candidates: list[tuple[int, Row]] = []
    product: list[Problem] | None = None  # the problems of the product's header found
    try:
        for line, cells in rows:
            if all(is_blank(c) for c in cells):
                continue
            candidates.append((line, cells))
            if product is None and len(candidates) <= HEADER_SEARCH_ROWS and (
                _is_product_header(cells, indicator_codes)
            ):
                layout, problems = find_layout(
                    line,
                    cells,
                    indicator_codes=indicator_codes,
                    has_default_period=bool(default_period),
                )
                if layout is not None:
                    return ParsedFile(fmt, layout, problems, stream, rows, default_period)
                product = problems
            if len(candidates) >= OFFICIAL_SEARCH_ROWS:
                break
        official = _official(candidates, fmt, source, indicator_names, default_period,
                             default_unit, column_map, quotas)
    except FileProblem as problem:
        return ParsedFile(fmt, None, [problem.problem], stream, None, "")
    if not candidates:
        return ParsedFile(fmt, None, [Problem(1, "", "error", _("The file is empty."), "empty")],
                          stream, None, "")
    # A header naming indicators beside a unit column is an official one, even when a
    # word of it ("Đơn vị") is one of the product's own headers: its problems are the file's.
    if official is not None:
        if official.layout is None:
            return ParsedFile(fmt, None, official.problems, stream, None, "", official.header)
        rest = candidates[official.data_start:]
        return ParsedFile(fmt, official.layout, official.problems, stream,
                          _replay(rest, rows), default_period, official.header)
    if product is not None:
        return ParsedFile(fmt, None, product, stream, None, "")
    # No recognised header: read the first row as one (a wide file whose unit column has
    # a name of its own), and say what is wrong with it.
    line, cells = candidates[0]
    layout, problems = find_layout(
        line, cells, indicator_codes=indicator_codes, has_default_period=bool(default_period)
    )
    if layout is None:
        return ParsedFile(fmt, None, problems, stream, None, "")
    # The rows already looked at, after the header, come first.
    return ParsedFile(fmt, layout, problems, stream, _replay(candidates[1:], rows),
                      default_period)


def _replay(
    seen: list[tuple[int, Row]], rows: Iterator[tuple[int, Row]]
) -> Iterator[tuple[int, Row]]:
    yield from seen
    yield from rows


def _official(candidates: list[tuple[int, Row]], fmt: FileFormat, source: SheetSource,
              indicator_names: Mapping[str, str] | None, default_period: str,
              default_unit: str, column_map: Mapping[str, str] | None = None,
              quotas: bool = False) -> Found | None:
    """The official layout among the first rows, or None (`official.Found`)."""
    from . import official

    if not candidates:
        return None
    merges: list[official.Merge] = []
    if fmt.kind == "xlsx" and source.archive is not None and source.path:
        try:
            merges = official.xlsx_merges(source.archive, source.path,
                                          last_line=candidates[-1][0])
        except Exception:  # a damaged part: read the header without its merges
            merges = []
    names = indicator_names if indicator_names is not None else official.default_names()
    return official.find_official_layout(
        candidates, names=names, default_period=default_period, default_unit=default_unit,
        merges=merges, mapped=column_map, quotas=quotas,
    )


# --- numbers ---------------------------------------------------------------------


class DecimalMarks:
    """The decimal mark of one file, learnt from its cells as they are read.

    A cell such as `74,2` or `1.234.567` can be read one way only and tells the file's mark;
    `1.400` cannot, and is read with the mark the file shows elsewhere. A file that shows
    both marks is an error, at the first cell that contradicts the others.
    """

    def __init__(self) -> None:
        self.mark: str | None = None
        self._example: dict[str, str] = {}
        self._seen = Memo()  # a cell's own mark; cells repeat

    def observe(self, cell: Cell) -> str | None:
        """Learn from a cell; the message if it contradicts the mark seen so far."""
        if not isinstance(cell, str) or ("," not in cell and "." not in cell):
            return None
        if cell in self._seen:
            mark = self._seen[cell]
        else:
            mark = self._seen.remember(cell, detect_decimal_mark([cell]))
        if mark is None or mark == self.mark:
            return None
        if self.mark is None:
            self.mark = mark
            self._example[mark] = cell.strip()
            return None
        try:
            detect_decimal_mark([self._example[self.mark], cell])
        except NumberError as error:
            return str(error)
        return None  # pragma: no cover - two cells with two marks always raise

    def read(self, cell: Cell) -> Decimal | None:
        """The number in the cell (None for a blank one); raises `NumberError`, and
        `AmbiguousNumberError` for `1.400` while the file's mark is unknown."""
        if cell is None or is_blank(cell):
            return None
        if isinstance(cell, str):
            cell = unicodedata.normalize("NFC", cell)
        return parse_number(cell, decimal_mark=self.mark)
