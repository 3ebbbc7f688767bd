"""Reading report sheets in the layouts offices really send. Pure: no database.

An official sheet has a letterhead, a title and notes above the table and signatures below
it; its header spans up to three rows, with group headers merged over their sub-columns
("Tuyển sinh giáo dục nghề nghiệp (người)" over "Tổng / Trình độ cao đẳng / …"), often a
row of column numbers ("A, B, 1, 2, 3") under it, a TT column, section rows ("I", "Trong
đó:") and a total row ("Tổng", "Toàn thị xã"). Units are rows, named as people write them
("P. Dị Sử"); indicators are columns, named as the plans print them
(`targets.printed_names`), each maybe split into "Kế hoạch" (a plan figure, compared
with the stored target), "Thực hiện" (the actual) and "Tỷ lệ %" (ignored).

`find_official_layout` turns the header rows into the same `Layout` the importer reads
for its own wide files — which column holds which indicator, for which period — plus what
only this layout has (plan columns, the TT column, the rows skipped);
`official_rows.official_entries` reads the rows under it into the same `Entry` objects,
and a `TotalFigure` for each figure of a total row.

How a column was read is decided in this order, each label of the column from the top
header row down:

1. a catalogue or printed name gives the indicator ("Tổng" under a group keeps the
   group's indicator; an unknown label under an indicator makes the column unknown: a
   column is never guessed);
2. "Kế hoạch / Chỉ tiêu / KH" make it a plan column, "Thực hiện / Kết quả / TH / Ước thực
   hiện" an actual one (the default), "Tỷ lệ % / So sánh / % so với KH" an ignored one;
3. a year ("năm 2024") is the column's period; with none, the one year the actual
   columns name, else the one year the title names.

A label the user mapped (`mapped`: the label's key → an indicator code, or `IGNORE`) is
read before the names: as that indicator, or, mapped to `IGNORE`, the column is left out
(not data). The columns whose labels name nothing the reader knows by itself — the
unknown ones and the mapped ones — are listed in the `SheetHeader`, with the header's
signature, so the preview can offer a choice for each and a mapping can be remembered for
that header layout.

The Phụ lục I shape (rows are indicators of one unit; columns are years, each with its
target, result and plan) is found when the header names no indicator but has a column
of indicator names and columns of years or roles.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _

from districts.text import fold
from reports.periods import Period, PeriodError
from targets.catalogue import INDICATORS
from targets.printed_names import PRINTED_NAMES

from .limits import column_letters
from .parsing import (
    NOTE,
    UNIT,
    UNIT_CODE,
    Cell,
    Layout,
    Problem,
    Row,
    clean_text,
    is_blank,
)

HEADER_ROWS = 3  # a header spans at most this many rows
SEARCH_ROWS = 30  # rows above the table (letterhead, title, notes) looked through

Role = Literal["actual", "plan", "ignored"]
# A label mapped to this is not data: its column is left out.
IGNORE = "-"
ACTUAL: Role = "actual"
PLAN: Role = "plan"
IGNORED: Role = "ignored"

# --- the words of headers, as `label_key` writes them ---------------------------------------

TT_LABELS = frozenset({"tt", "stt", "so tt", "so thu tu"})
UNIT_LABELS = frozenset({
    "don vi", "ten don vi", "don vi bao cao", "dia phuong", "ten dia phuong", "dia ban",
    "don vi hanh chinh", "xa phuong", "phuong xa", "xa phuong thi tran",
    "phuong xa thi tran", "xa thi tran", "ten xa", "ten phuong", "ten xa phuong",
    "quan huyen", "quan huyen thi xa", "huyen thi xa", "huyen thi xa thanh pho",
    "huyen thanh pho", "ten xa phuong thi tran", "ten phuong xa thi tran", "ten quan huyen",
    "ten huyen", "ten don vi hanh chinh", "unit", "unit name",
})
# A corner label over the names of the rows: the units' names left of every indicator
# column, or the indicators' names in a sheet whose rows are indicators (Phụ lục I).
CORNER_LABELS = frozenset({
    "chi tieu", "noi dung", "chi tieu don vi", "don vi chi tieu", "ten chi tieu",
    "noi dung chi tieu", "danh muc chi tieu", "ten chi tieu don vi",
})
CODE_LABELS = frozenset({"ma don vi", "ma dv", "ma", "ma xa", "ma so", "unit code"})
NOTE_LABELS = frozenset({"ghi chu", "note"})
PLAN_LABELS = frozenset({
    "ke hoach", "kh", "chi tieu", "chi tieu ke hoach", "chi tieu kh", "chi tieu giao",
    "ke hoach giao", "kh giao", "du kien", "du kien ke hoach", "plan", "target",
})
ACTUAL_LABELS = frozenset({
    "thuc hien", "th", "ket qua", "ket qua dat duoc", "ket qua thuc hien", "uoc thuc hien",
    "uoc th", "uoc thuc hien ca nam", "thuc hien ca nam", "uoc ket qua", "so thuc hien",
    "thuc te", "actual", "result",
})
IGNORED_LABELS = frozenset({
    "ty le", "so sanh", "ty le dat", "ty le hoan thanh", "th kh", "ty le th kh", "dat",
    "ty le so voi ke hoach", "ty le so voi kh",
})
IGNORED_PREFIXES = ("so sanh", "so voi", "ty le so voi", "ty le dat", "ty le hoan thanh")
# A quota sheet's column of figures, when it is headed by no role word of a report's.
QUOTA_LABELS = frozenset({"so luong", "muc giao", "giao", "chi tieu duoc giao", "so giao"})
# "Tổng" under a group header: the group's own indicator.
TOTAL_LABELS = frozenset({"tong", "tong so", "tong cong", "cong", "chung", "tong chung"})
# Units of measure written in a header row of their own, or alone in a cell.
MEASURE_LABELS = frozenset({
    "", "nguoi", "luot nguoi", "co so", "truong", "nghe", "dvt", "don vi tinh",
})
MEASURE_COLUMNS = frozenset({"dvt", "don vi tinh", "don vi do"})

_COLUMN_NUMBER = re.compile(
    r"\(?(?:[A-Za-z]{1,2}|\d{1,3})\)?(?:\s*[-=+*/x:]\s*\(?(?:[A-Za-z]{1,2}|\d{1,3})\)?)*"
)
_NUMBER_TEXT = re.compile(r"[-+]?[\d.,\s]*\d[\d.,\s]*%?")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_LEADING_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[a-z][.)]|[-*+•])\s+")
_OF_WHICH = re.compile(r"^(?:trong do|chia theo trinh do|chia ra|bao gom)\b[\s:,]*")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_YEAR = re.compile(r"\b(?:nam\s+)?((?:19|20)\d\d)\b")
_TITLE_YEAR = re.compile(r"\bnam\s+((?:19|20)\d\d)\b")


def label_key(text: str) -> str:
    """A header as compared: `Tuyển sinh giáo dục\\nnghề nghiệp (người)` →
    `tuyen sinh giao duc nghe nghiep`; numbering, "Trong đó," and brackets dropped."""
    key = _BRACKETS.sub(" ", fold(text))
    key = _LEADING_NUMBERING.sub("", key.strip())
    key = _OF_WHICH.sub("", key)
    return " ".join(_NON_WORD.sub(" ", key).split())


def names_index(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """`label_key(name)` → code for (code, name) pairs; a key two codes share is left out:
    it would be a guess."""
    found: dict[str, str] = {}
    shared: set[str] = set()
    for code, name in pairs:
        key = label_key(name)
        if not key:
            continue
        if found.get(key, code) != code:
            shared.add(key)
        found[key] = code
    for key in shared:
        del found[key]
    return found


@functools.cache
def default_names() -> dict[str, str]:
    """The index of `catalogue_names`: for reading without the database's catalogue."""
    return names_index(catalogue_names())


def catalogue_names() -> list[tuple[str, str]]:
    """The shipped catalogue's names and the printed ones, as (code, name)."""
    pairs = [(item["code"], item["name_vi"]) for item in INDICATORS]
    pairs += [(item["code"], item["name_en"]) for item in INDICATORS]
    pairs += [(code, name) for code, names in PRINTED_NAMES.items() for name in names]
    return pairs


# --- merged cells ---------------------------------------------------------------------------

Merge = tuple[int, int, int, int]  # first line, first column, last line, last column (0-based)
_MERGE_CELL = re.compile(
    rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"'
)
_MERGE_OVERLAP = 256
MAX_MERGES = 10_000


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def xlsx_merges(archive: zipfile.ZipFile, path: str, *, last_line: int) -> list[Merge]:
    """The merged ranges of a sheet that start at or above `last_line`, read from its XML
    (openpyxl's streaming reader does not give them), in chunks."""
    found: list[Merge] = []
    tail = b""
    with archive.open(path) as xml:
        while chunk := xml.read(1 << 16):
            data = tail + chunk
            cut = max(len(data) - _MERGE_OVERLAP, 0)
            for match in _MERGE_CELL.finditer(data):
                if match.start() >= cut:
                    break
                first_col, first_line, last_col, end_line = match.groups()
                merge = (int(first_line), _column_index(first_col),
                         int(end_line or first_line), _column_index(last_col or first_col))
                if merge[0] <= last_line and len(found) < MAX_MERGES:
                    found.append(merge)
            tail = data[cut:]
        for match in _MERGE_CELL.finditer(tail):
            first_col, first_line, last_col, end_line = match.groups()
            merge = (int(first_line), _column_index(first_col),
                     int(end_line or first_line), _column_index(last_col or first_col))
            if merge[0] <= last_line and len(found) < MAX_MERGES:
                found.append(merge)
    return found


# --- the layout ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """How one column of an official sheet was read."""

    index: int
    header: str  # its labels from the top header row down, joined by " / "
    role: Role
    indicator: str
    year: int | None


@dataclass
class OfficialTable:
    """What only an official sheet has, beside its `Layout`."""

    header_lines: tuple[int, ...]
    tt_index: int | None
    unit_index: int
    columns: list[Column]
    periods: dict[int, str]  # actual column → its period
    plan_of: dict[int, int]  # actual column → the plan column of the same indicator
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    # "units": units are rows, indicators columns; "indicators" (Phụ lục I): indicators
    # are rows (named in the column `unit_index`), for the one unit `unit_code`.
    shape: Literal["units", "indicators"] = "units"
    unit_code: str = ""
    names: Mapping[str, str] = field(default_factory=dict)  # indicators' names (Phụ lục I)
    left_out: list[int] = field(default_factory=list)  # columns mapped to IGNORE


@dataclass(frozen=True, slots=True)
class TotalFigure:
    """A figure of a total row: checked against the units above it, never stored."""

    line: int
    column: str
    indicator: str
    period: str
    value: Cell
    # The units it totals are on lines first_line … last_line: above it for a total
    # that closes the table (or a part of it), below it (last_line 0: up to the next
    # total, or the end) for one printed first, as "Toàn tỉnh" often is.
    first_line: int
    last_line: int = 0

    @property
    def leads(self) -> bool:
        return self.last_line == 0


@dataclass(frozen=True, slots=True)
class OpenColumn:
    """A column whose header names nothing the reader knows by itself: the user may map
    its `label` (the first label not recognised) to an indicator, or to `IGNORE`."""

    index: int
    header: str  # its labels joined by " / ", as `Column.header`
    label: str  # as printed
    mapped: str  # the code (or IGNORE) it was read as through a mapping, else ""

    @property
    def letter(self) -> str:
        return column_letters(self.index + 1)


@dataclass(frozen=True)
class SheetHeader:
    """An official sheet's header as far as mappings are concerned."""

    signature: str  # `header_signature` of its columns' headers
    open_columns: tuple[OpenColumn, ...] = ()


def header_signature(headers: Sequence[str]) -> str:
    """A stable signature of a header layout: its columns' labels as compared
    (`label_key`), years left out — next year's sheet of the same layout has the same one."""
    keys = [" ".join(_YEAR.sub(" ", label_key(header)).split()) for header in headers]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()


@dataclass
class Found:
    layout: Layout | None
    problems: list[Problem]
    data_start: int  # index in the rows given of the first row under the header
    header: SheetHeader | None = None


def _is_number(cell: Cell) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, int | float | Decimal):
        return True
    return isinstance(cell, str) and bool(_NUMBER_TEXT.fullmatch(cell.strip()))


def _is_figure(cell: Cell) -> bool:
    """A number that is not a year heading a column (`2024`)."""
    if not _is_number(cell):
        return False
    text = clean_text(cell)
    return not (text.isdigit() and 1990 <= int(text) <= 2099)


def is_blank_row(cells: Row) -> bool:
    return all(is_blank(c) for c in cells)


def is_column_numbers(cells: Row) -> bool:
    """`A | B | 1 | 2 | 3=2/1`: the row numbering the columns under a header."""
    texts = [clean_text(c) for c in cells if not is_blank(c)]
    if len(texts) < 2 or not all(_COLUMN_NUMBER.fullmatch(t) for t in texts):
        return False
    if any(not t.isdigit() for t in texts):
        return True
    numbers = [int(t) for t in texts]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _header_rows(rows: list[tuple[int, Row]], start: int,
                 anchors: list[int]) -> int:
    """How many rows from `start` the header spans (1 to HEADER_ROWS)."""
    count = 1
    while count < HEADER_ROWS and start + count < len(rows):
        cells = rows[start + count][1]
        if is_blank_row(cells) or is_column_numbers(cells) or any(map(_is_figure, cells)):
            break
        if anchors and any(not is_blank(cells[i]) for i in anchors if i < len(cells)):
            break  # a unit's name where the header has TT or the unit column: data
        count += 1
    return count


def _labels(block: list[tuple[int, Row]],
            merges: Sequence[Merge]) -> list[list[str]]:
    """Each column's labels from the top header row down: a merged cell's text in every
    cell it covers, else (no merges: a CSV file) a group header's text over the blank
    cells right of it that have sub-columns under them."""
    width = max(len(cells) for _line, cells in block)
    grid = [[clean_text(cells[i]) if i < len(cells) else "" for i in range(width)]
            for _line, cells in block]
    lines = [line for line, _cells in block]
    inside = [m for m in merges if lines[0] <= m[0] <= lines[-1]]
    if inside:
        for first_line, first_col, last_line, last_col in inside:
            top = lines.index(first_line)
            text = grid[top][first_col] if first_col < width else ""
            for row, line in enumerate(lines):
                if first_line <= line <= last_line:
                    for col in range(first_col, min(last_col, width - 1) + 1):
                        grid[row][col] = grid[row][col] or text
    else:
        for row in range(len(grid) - 1):
            text = ""
            for col in range(width):
                if grid[row][col]:
                    text = grid[row][col]
                elif text and any(grid[below][col] for below in range(row + 1, len(grid))):
                    grid[row][col] = text
                else:
                    text = ""
    columns: list[list[str]] = []
    for col in range(width):
        labels: list[str] = []
        for row in range(len(grid)):
            text = grid[row][col]
            if text and (not labels or labels[-1] != text):
                labels.append(text)
        columns.append(labels)
    return columns


@dataclass
class _Reading:
    """A column's labels read: what it is, or why it is not recognised."""

    kind: Literal["tt", "unit", "corner", "code", "note", "measure", "indicator", "unknown",
                  "empty", "left_out"]
    role: Role = ACTUAL
    indicator: str = ""
    year: int | None = None
    roled: bool = False  # a role or a year is written over it (a Phụ lục I column)
    label: str = ""  # the label a mapping names (or could name): the first one not known
    mapped: bool = False  # read through the user's mapping
    result: bool = False  # headed as a result ("Thực hiện"), not only by default


def _is_ignored(key: str) -> bool:
    return key in IGNORED_LABELS or key.startswith(IGNORED_PREFIXES) or " so voi " in key


def _read_column(labels: list[str], names: Mapping[str, str],
                 mapped: Mapping[str, str] | None = None, *, quotas: bool = False) -> _Reading:
    if not labels:
        return _Reading("empty")
    mapped = mapped or {}
    keys = [label_key(label) for label in labels]
    kinds: tuple[tuple[frozenset[str], Literal["tt", "unit", "code", "note"]], ...] = (
        (TT_LABELS, "tt"), (UNIT_LABELS, "unit"), (CODE_LABELS, "code"), (NOTE_LABELS, "note")
    )
    for words, kind in kinds:
        if any(key in words for key in keys):
            return _Reading(kind)
    if len(keys) == 1 and keys[0] in CORNER_LABELS:
        return _Reading("corner")
    if all(key in MEASURE_COLUMNS for key in keys):
        return _Reading("measure")
    reading = _Reading("unknown")
    unknown_below = False
    unknown_label = ""
    for label, key in zip(labels, keys, strict=True):
        whole = key
        year_match = _YEAR.search(key)
        if year_match:
            reading.year, reading.roled = int(year_match.group(1)), True
            key = " ".join(_YEAR.sub(" ", key).split())
        chosen = mapped.get(whole, mapped.get(key))
        if chosen == IGNORE:
            return _Reading("left_out", label=label, mapped=True)
        if chosen:
            reading.kind, reading.indicator, unknown_below = "indicator", chosen, False
            reading.label, reading.mapped = label, True
        elif key in names:
            reading.kind, reading.indicator, unknown_below = "indicator", names[key], False
        elif key in TOTAL_LABELS and reading.indicator:
            continue
        elif _is_ignored(key):
            reading.role, reading.roled = IGNORED, True
        elif key in PLAN_LABELS or (quotas and key in QUOTA_LABELS):
            reading.role, reading.roled = PLAN, True
        elif key in ACTUAL_LABELS:
            reading.role, reading.roled, reading.result = ACTUAL, True, True
        elif key in MEASURE_LABELS:
            continue
        else:
            unknown_label = unknown_label or label
            if reading.indicator:
                unknown_below = True
    if unknown_below:
        return _Reading("unknown", label=unknown_label)
    if reading.kind == "unknown":
        reading.label = unknown_label
    return reading


def _title_year(rows: list[tuple[int, Row]]) -> int | None:
    years = {
        int(match.group(1))
        for _line, cells in rows
        for cell in cells
        if isinstance(cell, str)
        for match in _TITLE_YEAR.finditer(fold(cell))
    }
    return years.pop() if len(years) == 1 else None


def _problem(line: int, message: str, column: str = "", code: str = "layout") -> Problem:
    return Problem(line, column, "error", message, code)


def _unknown_column(line: int, header: str) -> Problem:
    return _problem(line, _(
        "“%(header)s” is not an indicator the product knows by that name, nor a column a "
        "report sheet can have."
    ) % {"header": header}, header, "unknown_column")


def _no_results(line: int) -> Problem:
    return _problem(line, _(
        "no column holds results: the indicator columns are all plan figures or "
        "percentages. Add a column “Thực hiện” for each indicator."
    ))


def find_official_layout(
    rows: list[tuple[int, Row]],
    *,
    names: Mapping[str, str],
    default_period: str,
    default_unit: str = "",
    merges: Sequence[Merge] = (),
    mapped: Mapping[str, str] | None = None,
    quotas: bool = False,
) -> Found | None:
    """The official table whose header is among `rows` (the file's first rows), or None
    when none of them heads one: a row with a unit column and at least one column named
    like an indicator, or (Phụ lục I, the rows are indicators of `default_unit`) a column
    of indicator names and columns of years or of results and plan figures. `mapped` are
    the user's mappings of labels (`label_key` → code or `IGNORE`). With `quotas` the
    sheet hands targets down (`as_quotas`): its figures are the plan columns, not the
    results."""
    for start in range(min(len(rows), SEARCH_ROWS)):
        first = rows[start][1]
        keys = [label_key(clean_text(c)) for c in first]
        filled = [k for k in keys if k]
        # A title is one cell; so is a lone group header, known by its indicator's name.
        if not filled or (len(filled) == 1 and filled[0] not in names):
            continue
        anchors = [i for i, k in enumerate(keys) if k in TT_LABELS | UNIT_LABELS | CORNER_LABELS]
        count = _header_rows(rows, start, anchors)
        block = rows[start:start + count]
        lines = {line for line, _cells in block}
        labels = _labels(block, [m for m in merges if m[0] in lines])
        readings = [_read_column(column, names, mapped, quotas=quotas) for column in labels]
        if quotas:
            readings = as_quotas(readings)
        indicator_at = [i for i, r in enumerate(readings) if r.kind == "indicator"]
        if not indicator_at:
            found = _indicator_rows(rows, start, block, labels, readings, names,
                                    default_period, default_unit)
            if found is not None:
                return found
            continue
        unit_at = next((i for i, r in enumerate(readings) if r.kind == "unit"), None)
        if unit_at is None:
            unit_at = next((i for i, r in enumerate(readings[:indicator_at[0]])
                            if r.kind == "corner"), None)
        if unit_at is None:
            continue
        skipped, data_start = _below_header(rows, start, count)
        return _layout(block, labels, readings, unit_at, rows[:start], skipped, data_start,
                       default_period)
    return None


def as_quotas(readings: list[_Reading]) -> list[_Reading]:
    """The columns of a quota sheet read as its figures: a plan column ("Kế hoạch", "Chỉ
    tiêu giao", "Số lượng") is the target handed down, a column with no role written is
    one too, and a column headed as a result ("Thực hiện") is left out: a quota is never
    a result."""
    found = []
    for reading in readings:
        if reading.role == PLAN:
            reading = dataclasses.replace(reading, role=ACTUAL)
        elif reading.result:
            reading = dataclasses.replace(reading, role=IGNORED, result=False)
        found.append(reading)
    return found


def _below_header(rows: list[tuple[int, Row]], start: int,
                  count: int) -> tuple[list[tuple[int, str]], int]:
    """The rows skipped above the header, and where the data starts (after the column
    numbers, if any)."""
    data_start = start + count
    skipped = [(line, "title") for line, cells in rows[:start] if not is_blank_row(cells)]
    if data_start < len(rows) and is_column_numbers(rows[data_start][1]):
        skipped.append((rows[data_start][0], "column_numbers"))
        data_start += 1
    return skipped, data_start


def _indicator_rows(rows: list[tuple[int, Row]], start: int,
                    block: list[tuple[int, Row]], labels: list[list[str]],
                    readings: list[_Reading], names: Mapping[str, str],
                    default_period: str, default_unit: str) -> Found | None:
    """The Phụ lục I shape: TT, the indicator's name, its unit of measure, then per year
    a target, a result and a plan column, for one unit."""
    name_at = next((i for i, r in enumerate(readings) if r.kind == "corner"), None)
    figures = [i for i, r in enumerate(readings) if r.kind == "unknown" and r.roled]
    if name_at is None or not figures:
        return None
    headers = [" / ".join(column) for column in labels]
    lines = tuple(line for line, _cells in block)
    line = lines[-1]
    problems: list[Problem] = []
    tt_at = next((i for i, r in enumerate(readings) if r.kind == "tt"), None)
    roles: dict[str, int] = {}
    note_at = next((i for i, r in enumerate(readings) if r.kind == "note"), None)
    if note_at is not None:
        roles[NOTE] = note_at
    columns = [Column(i, headers[i], readings[i].role, "", readings[i].year) for i in figures]
    for index, reading in enumerate(readings):
        if reading.kind == "unknown" and index not in figures:
            problems.append(_unknown_column(line, headers[index]))
    actuals = [c for c in columns if c.role == ACTUAL]
    if not actuals:
        problems.append(_no_results(line))
    if not default_unit:
        problems.append(_problem(line, _(
            "the rows of this sheet are indicators, so it reports on one unit: choose that "
            "unit (--unit on the command line)."
        ), code="unit_missing"))
    periods, period_problems = _periods(actuals, line, rows[:start], default_period)
    problems += period_problems
    seen: dict[str, Column] = {}
    for column in actuals:
        period = periods.get(column.index, "")
        if period in seen:
            problems.append(_problem(
                line,
                _("the columns “%(first)s” and “%(second)s” both hold the results of "
                  "%(period)s; keep one.") % {"first": seen[period].header,
                                             "second": column.header, "period": period},
                column.header,
            ))
        seen.setdefault(period, column)
    plans = [c for c in columns if c.role == PLAN]
    plan_of = {}
    for column in actuals:
        plan = next((p for p in plans if p.year == column.year), None)
        if plan is not None:
            plan_of[column.index] = plan.index
    skipped, data_start = _below_header(rows, start, len(block))
    table = OfficialTable(lines, tt_at, name_at, columns, periods, plan_of, skipped,
                          shape="indicators", unit_code=default_unit, names=names)
    layout = Layout("official", line, headers, roles, [], official=table)
    return Found(None if problems else layout, problems, data_start)


def _layout(block: list[tuple[int, Row]], labels: list[list[str]],
            readings: list[_Reading], unit_at: int, above: list[tuple[int, Row]],
            skipped: list[tuple[int, str]], data_start: int, default_period: str) -> Found:
    lines = tuple(line for line, _cells in block)
    headers = [" / ".join(column) for column in labels]
    line = lines[-1]
    problems: list[Problem] = []
    roles: dict[str, int] = {UNIT: unit_at}
    tt_at: int | None = None
    columns: list[Column] = []
    left_out: list[int] = []
    open_columns: list[OpenColumn] = []
    for index, reading in enumerate(readings):
        if reading.mapped:
            mapped = IGNORE if reading.kind == "left_out" else reading.indicator
            open_columns.append(OpenColumn(index, headers[index], reading.label, mapped))
        elif reading.kind == "unknown" and reading.label and index != unit_at:
            open_columns.append(OpenColumn(index, headers[index], reading.label, ""))
        if reading.kind == "left_out":
            left_out.append(index)
        elif reading.kind == "tt" and tt_at is None:
            tt_at = index
        elif reading.kind == "code" and UNIT_CODE not in roles:
            roles[UNIT_CODE] = index
        elif reading.kind == "note" and NOTE not in roles:
            roles[NOTE] = index
        elif reading.kind == "indicator":
            columns.append(Column(index, headers[index], reading.role, reading.indicator,
                                  reading.year))
        elif reading.kind == "unknown" and index != unit_at:
            problems.append(_unknown_column(line, headers[index]))
    actuals = [c for c in columns if c.role == ACTUAL]
    if not actuals:
        problems.append(_no_results(line))
    periods, period_problems = _periods(actuals, line, above, default_period)
    problems += period_problems
    seen: dict[tuple[str, str], Column] = {}
    for column in actuals:
        key = (column.indicator, periods.get(column.index, ""))
        if key in seen:
            problems.append(_problem(
                line,
                _("the columns “%(first)s” and “%(second)s” both hold %(indicator)s; keep "
                  "one.") % {"first": seen[key].header, "second": column.header,
                             "indicator": column.indicator},
                column.header,
            ))
        seen.setdefault(key, column)
    plans = [c for c in columns if c.role == PLAN]
    plan_of = {}
    for column in actuals:
        plan = next((p for p in plans if p.indicator == column.indicator
                     and (p.year is None or column.year is None or p.year == column.year)),
                    None)
        if plan is not None:
            plan_of[column.index] = plan.index
    table = OfficialTable(lines, tt_at, unit_at, columns, periods, plan_of, skipped,
                          left_out=left_out)
    layout = Layout("official", line, headers, roles,
                    [(c.index, c.indicator) for c in actuals], official=table)
    header = SheetHeader(header_signature(headers), tuple(open_columns))
    return Found(None if problems else layout, problems, data_start, header)


def _periods(actuals: list[Column], line: int, above: list[tuple[int, Row]],
             default_period: str) -> tuple[dict[int, str], list[Problem]]:
    """Each actual column's period: `default_period` (which the header's years must not
    contradict), else the column's year, else the one year of the others or the title."""
    problems: list[Problem] = []
    if default_period:
        try:
            year = Period.parse(default_period).year
        except PeriodError:
            year = None
        for column in actuals:
            if column.year is not None and year is not None and column.year != year:
                problems.append(_problem(
                    line,
                    _("the header says %(year)s (“%(header)s”), but the period chosen for "
                      "the file is %(period)s.") % {"year": column.year,
                                                     "header": column.header,
                                                     "period": default_period},
                    column.header, "period_contradicted",
                ))
        return {c.index: default_period for c in actuals}, problems
    years = {c.year for c in actuals if c.year is not None}
    fallback = years.pop() if len(years) == 1 else None
    if fallback is None and not years:
        fallback = _title_year(above)
    periods: dict[int, str] = {}
    for column in actuals:
        year = column.year or fallback
        if year is None:
            problems.append(_problem(
                line,
                _("the period of “%(header)s” is missing: write the year in the header "
                  "(“Thực hiện năm 2024”), or choose the period of the whole file.")
                % {"header": column.header},
                column.header, "period",
            ))
        else:
            periods[column.index] = str(year)
    return periods, problems
