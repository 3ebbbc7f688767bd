"""The rows under an official sheet's header: units' values, totals, sections, the end.

`official_entries` reads the rows of a sheet `official.find_official_layout` found the
header of. Units as rows: a unit's row gives an `Entry` per filled result cell (with the
plan figure beside it), a total row ("Tổng", "Toàn thị xã …") a `TotalFigure` per filled
cell, a section row (TT `I`, `II`, "Trong đó:") nothing; the table ends at the notes and
signatures under it, or after its total at the first row that is not a unit's. Phụ lục I
(indicators as rows): each row an indicator of the one unit, by its printed name.
A dash is no figure. Pure: no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from districts.text import fold

from .official import ACTUAL, OfficialTable, TotalFigure, is_blank_row, label_key
from .parsing import NOTE, UNIT_CODE, Cell, Entry, Layout, Problem, Row, clean_text

# What a sheet writes for "no figure".
NO_FIGURE = frozenset({"-", "–", "—", "x", "X", "/"})

# A total row's first cell: exact words, or "Toàn thị xã …" and the like.
TOTAL_ROWS = frozenset({"tong", "tong cong", "tong so", "cong", "tong chung", "cong chung"})
TOTAL_ROW_PREFIXES = (
    "tong cong ", "toan thi xa", "toan huyen", "toan quan", "toan tinh", "toan thanh pho",
    "toan tp", "toan tx", "toan xa", "toan phuong", "toan thi tran", "toan dia ban",
)
# What starts the notes and signatures under a table (folded, punctuation kept).
TRAILER_PREFIXES = (
    "noi nhan", "nguoi lap", "tm.", "tm ", "kt.", "kt ", "thu truong", "chu tich",
    "pho chu tich", "giam doc", "truong phong", "ghi chu", "luu:", "luu :", "xac nhan",
    "can bo lap",
)
_DATE_LINE = re.compile(r"ngay\W*\d*\W*thang\W*\d*\W*nam")
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
_SECTION_LETTER = re.compile(r"[A-Ea-e]")
_ROW_NUMBER = re.compile(r"\d{1,4}(?:[.,]\d{1,3})*\.?")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_UNIT_ABBREVIATION = re.compile(r"^(TP|TX|TT|Q|H|P|X)(?:\.\s*|\s+)(?=\S)", re.IGNORECASE)
_UNIT_PREFIX = {
    "tp": "Thành phố", "tx": "Thị xã", "tt": "Thị trấn", "q": "Quận", "h": "Huyện",
    "p": "Phường", "x": "Xã",
}


def unit_name(text: str) -> str:
    """A unit as named in a sheet, with its type written out: `P. Dị Sử` → `Phường Dị Sử`,
    `TX Mỹ Hào` → `Thị xã Mỹ Hào`."""
    match = _UNIT_ABBREVIATION.match(text)
    if match is None:
        return text
    return f"{_UNIT_PREFIX[match.group(1).lower()]} {text[match.end():]}"


def _is_total(text: str, folded: str | None = None) -> bool:
    """Whether `text` (whose `fold` may be given) names a total row."""
    key = " ".join(_NON_WORD.sub(" ", fold(text) if folded is None else folded).split())
    return key in TOTAL_ROWS or key.startswith(TOTAL_ROW_PREFIXES)


def _is_section(tt: str, name: str, folded: str | None = None) -> bool:
    """Whether the row is a section heading; `folded` is `fold(name)`, if known."""
    if tt and (_ROMAN.fullmatch(tt.rstrip(".")) or _SECTION_LETTER.fullmatch(tt.rstrip("."))):
        return True
    if folded is None:
        folded = fold(name)
    return folded.startswith(("trong do", "chia theo", "chia ra")) or folded.endswith(":")


def _is_trailer(cells: Row) -> bool:
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            folded = fold(cell)
            if folded.startswith(TRAILER_PREFIXES) or _DATE_LINE.search(folded):
                return True
    return False


def _text_at(cells: Row, index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return clean_text(cells[index])


def _value_at(cells: Row, index: int) -> Cell:
    """The figure in a cell; None when blank or a dash ("no figure")."""
    if index >= len(cells):
        return None
    value = cells[index]
    if isinstance(value, str):
        value = value.strip()
        return None if not value or value in NO_FIGURE else value
    return value


def official_entries(
    layout: Layout, rows: Iterable[tuple[int, Row]]
) -> Iterator[Entry | TotalFigure | Problem]:
    """The values of the rows under an official header: an `Entry` per filled result cell
    of a unit's row, a `TotalFigure` per filled result cell of a total row. Section rows
    are skipped, and the table ends at the notes and signatures under it (or after its
    total, at the first row that is not a unit's)."""
    table = layout.official
    assert table is not None
    if table.shape == "indicators":
        yield from _indicator_entries(layout, table, rows)
        return
    unit_at, tt_at = table.unit_index, table.tt_index
    code_at, note_at = layout.roles.get(UNIT_CODE), layout.roles.get(NOTE)
    results = [(index, code, layout.headers[index], table.periods.get(index, ""))
               for index, code in layout.indicator_columns]
    plan_columns = {index: (plan, layout.headers[plan]) for index, plan in table.plan_of.items()}
    first_line = 0  # the first unit's row since the last total
    units_since_total = 0
    after_total = ended = False
    for line, cells in rows:
        if ended or is_blank_row(cells):
            continue
        tt = _text_at(cells, tt_at)
        name = _text_at(cells, unit_at)
        numbered = bool(tt and _ROW_NUMBER.fullmatch(tt))
        # The name is folded once for both tests; a row number is never a total's word.
        folded = fold(name)
        if _is_total(name, folded) or (not numbered and _is_total(tt)):
            table.skipped.append((line, "total"))
            # A total before any unit totals the units below it; after them, those above.
            leads = units_since_total == 0 and not after_total
            for index, code, header, period in results:
                value = _value_at(cells, index)
                if value is not None:
                    yield (TotalFigure(line, header, code, period, value, line + 1) if leads
                           else TotalFigure(line, header, code, period, value, first_line,
                                            line - 1))
            first_line, units_since_total = 0, 0
            after_total = after_total or not leads
            continue
        if not numbered and (_is_trailer(cells) or after_total):
            ended = True
            table.skipped.append((line, "below_table"))
            continue
        if _is_section(tt, name, folded):
            table.skipped.append((line, "section"))
            continue
        first_line = first_line or line
        units_since_total += 1
        code = _text_at(cells, code_at)
        if name.isdigit() and not code:
            code, name = name, ""
        name = unit_name(name)
        note = _text_at(cells, note_at)
        for index, indicator, header, period in results:
            value = _value_at(cells, index)
            if value is None:
                continue
            entry = Entry(line=line, unit_code=code, unit_name=name, indicator=indicator,
                          period=period, value=value, note=note, value_column=header)
            plan = plan_columns.get(index)
            if plan is not None:
                entry.plan_value, entry.plan_column = _value_at(cells, plan[0]), plan[1]
            yield entry


def _indicator_entries(
    layout: Layout, table: OfficialTable, rows: Iterable[tuple[int, Row]]
) -> Iterator[Entry | Problem]:
    """Phụ lục I: each row an indicator of the one unit, named as printed; a row without
    figures ("Trong đó:") is skipped, and so is every row after the notes under the table.
    A row with figures whose name is no indicator is an error: it is never guessed."""
    results = [(c.index, c.header, table.periods.get(c.index, ""))
               for c in table.columns if c.role == ACTUAL]
    note_at = layout.roles.get(NOTE)
    name_header = layout.headers[table.unit_index]
    for line, cells in rows:
        if is_blank_row(cells):
            continue
        if _text_at(cells, table.tt_index) == "" and _is_trailer(cells):
            table.skipped.append((line, "below_table"))
            return
        values = [(index, header, period, _value_at(cells, index))
                  for index, header, period in results]
        if all(value is None for *_rest, value in values):
            table.skipped.append((line, "section"))
            continue
        name = _text_at(cells, table.unit_index)
        code = table.names.get(label_key(name))
        if code is None:
            yield Problem(line, name_header, "error", _(
                "“%(name)s” is not an indicator the product knows by that name."
            ) % {"name": name}, "unknown_indicator")
            continue
        note = _text_at(cells, note_at)
        for index, header, period, value in values:
            if value is None:
                continue
            entry = Entry(line=line, unit_code=table.unit_code, unit_name="", indicator=code,
                          period=period, value=value, note=note, value_column=header)
            plan = table.plan_of.get(index)
            if plan is not None:
                entry.plan_value = _value_at(cells, plan)
                entry.plan_column = layout.headers[plan]
            yield entry
