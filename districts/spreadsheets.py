"""Cells of the CSV and XLSX files the product writes: data, never code.

A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` as a formula
(`=HYPERLINK(…)` in a reporter's note would run in an officer's Excel), and a tab or a
carriage return in front can hide one. Every writer of the product (exports, templates,
error files, progress and official tables, chart CSVs, the admin's exports) passes its
text cells through `safe_text`, which puts an apostrophe in front of such a text, as
Excel does when one types `'=…`; XLSX text cells are also stored as text (`data_type
"s"`), never as formulas. Numbers stay numbers: a number (`-1,5`, a Decimal) is written
as it is.

Every reader of the product's files passes text cells through `restore_text`, the exact
inverse, so that importing an export changes nothing: `'=1+1` reads back as `=1+1`. A
text that already starts with apostrophes before such a character gets one more, so
that the two stay each other's inverse for every text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# A plain number as a text (`-12`, `+84`, `-1.234,5`): a spreadsheet reads it as a number,
# which runs nothing.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def _looks_like_formula(text: str) -> bool:
    body = text.lstrip(QUOTE)
    return body.startswith(FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(body) is None


def safe_text(text: str) -> str:
    """`=HYPERLINK("…")` → `'=HYPERLINK("…")`; `Quận Ba Đình` and `-12` stay as they are."""
    if text and (text[0] in FORMULA_STARTS or text[0] == QUOTE) and _looks_like_formula(text):
        return QUOTE + text
    return text


def restore_text(text: str) -> str:
    """The inverse of `safe_text`: `'=1+1` → `=1+1`; any other text stays as it is."""
    if text.startswith(QUOTE) and _looks_like_formula(text[1:]):
        return text[1:]
    return text


def safe_value(value: Any) -> Any:
    """A cell's value as written: text made safe, anything else (numbers, None) as it is."""
    return safe_text(value) if isinstance(value, str) else value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """One CSV row: every text cell made safe."""
    return [safe_value(value) for value in values]


def as_text_cell(cell):
    """An openpyxl cell whose text is made safe and stored as text, never as a formula.

    openpyxl turns any string starting with `=` into a formula when it is assigned; the
    type is set back to a string after the assignment.
    """
    value = cell.value
    if isinstance(value, str):
        cell.value = safe_text(value)
        cell.data_type = "s"
    return cell


def xlsx_cell(sheet, value: Any):
    """A cell for a write-only sheet (`sheet.append`): text made safe and typed as text."""
    from openpyxl.cell import WriteOnlyCell

    return as_text_cell(WriteOnlyCell(sheet, value=value))


def xlsx_row(sheet, values: Iterable[Any]) -> list:
    """A row for `sheet.append` in write-only mode: every text, bare or in a prepared cell,
    made safe; prepared cells keep their style."""
    row = []
    for value in values:
        if hasattr(value, "data_type"):  # a cell prepared with its style
            row.append(as_text_cell(value))
        elif isinstance(value, str):
            row.append(xlsx_cell(sheet, value))
        else:
            row.append(value)
    return row


def xlsx_put(sheet, row: int, column: int, value: Any):
    """`sheet.cell(row, column, value)` for a normal sheet, with text made safe."""
    return as_text_cell(sheet.cell(row=row, column=column, value=value))
