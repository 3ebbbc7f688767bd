"""The cells of the target grid as HTML, written in Python.

A province of 2025 has up to 166 communes, so a year's grid holds some 4.500 cells; the
template engine spends most of the page's time on them (a dozen lookups and escapes per
cell). Here each row's cells are one string, every name escaped once per row or column,
so the page's time grows with the cells only by a string join. The markup is what the
template wrote before: an input named `cell-<indicator code>-<unit pk>`, its read-back
note under it.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .grid import GridCell, GridRow


def _note(cell: GridCell, deleted: str) -> str:
    if cell.error:
        return cell.error
    if cell.changed and not cell.text:
        return deleted
    return cell.readback


def _cell(cell: GridCell, labels: str, issuer: bool, deleted: str) -> str:
    name = cell.name
    changed, error = cell.changed, cell.error
    td_class = "cell" + (" issuer" if issuer else "") + (" changed" if changed else "")
    # What the grid showed before this post: the script compares a cell with it to
    # decide whether the cell is sent (a cell previewed but not saved still differs).
    initial = f' data-initial="{escape(cell.initial)}"' if changed else ""
    invalid = ' aria-invalid="true"' if error else ""
    return (
        f'<td class="{td_class}"><input name="{name}" id="{name}" value="{escape(cell.text)}"'
        f'{initial} class="grid-cell{" invalid" if error else ""}" aria-labelledby="{labels}"'
        f' aria-describedby="{name}-rb"{invalid} maxlength="200">'
        f'<small class="readback{" error" if error else ""}" id="{name}-rb"'
        f' aria-live="polite">{escape(_note(cell, deleted))}</small></td>'
    )


def row_cells_html(row: GridRow) -> SafeString:
    """The `<td>` of every cell of `row`. A cell is named by its row's and its column's
    headers (`aria-labelledby`), not by a copy of both names in each of 4.500 cells."""
    deleted = _("will be deleted")
    indicator = row_header_id(row.indicator.code)
    # Every text put in is escaped above.
    return mark_safe(
        "".join(
            _cell(cell, f"{indicator} {column_header_id(cell.unit.pk)}", i == 0, deleted)
            for i, cell in enumerate(row.cells)
        )
    )


def row_header_id(code: str) -> str:
    return f"i-{code}"


def column_header_id(pk: int) -> str:
    return f"u-{pk}"
