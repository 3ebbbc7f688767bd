"""The target grid of one plan year: indicator rows, a column for the issuer and one per
child unit. Each cell takes the printed wording; what it reads as is shown back.

Every indicator of the plan's unit is a row and every unit a column, whatever their
number (a province of 2025 has up to 166 communes). The page's script posts only the
cells that changed, packed into one field (`cells`, a JSON object of cell name →
wording), so Django's limit on posted fields (1.000) bounds neither the grid nor a save
of all its cells; without the script each cell is a field of its own, which works for
grids under that limit. A cell not posted is unchanged; a cell posted empty deletes its
target.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from districts.models import Unit

from .allocation import AllocationSummary, allocation_summary
from .cells import CellReading, read_cell, readback
from .models import Indicator, Target
from .services import TargetCell, shown_wording

CELL_PREFIX = "cell-"
# A wording is a few words; what is posted beyond this is cut before it is read or shown.
MAX_CELL_TEXT = 200
PACKED_FIELD = "cells"


class PackedCellsError(ValueError):
    pass


def posted_cells(data) -> dict[str, str]:
    """The cells of a post, by name: the `cell-…` fields and those packed in `cells`."""
    cells = {k: str(data.get(k, "")) for k in data if k.startswith(CELL_PREFIX)}
    packed = data.get(PACKED_FIELD)
    if packed:
        try:
            unpacked = json.loads(packed)
        except ValueError as exc:
            raise PackedCellsError from exc
        if not isinstance(unpacked, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in unpacked.items()
        ):
            raise PackedCellsError
        cells.update(unpacked)
    return cells


def cell_name(indicator: Indicator, unit: Unit) -> str:
    return f"{CELL_PREFIX}{indicator.code}-{unit.pk}"


@dataclass
class GridCell:
    """One cell: what is stored (`initial`, the wording the grid showed) and what stands
    in it now (`text`: posted, else the stored one)."""

    name: str
    indicator: Indicator
    unit: Unit
    target: Target | None
    initial: str
    text: str
    posted: bool = False
    reading: CellReading | None = None

    @property
    def changed(self) -> bool:
        return self.posted and self.text != self.initial

    @property
    def error(self) -> str:
        return self.reading.error if self.reading is not None else ""

    @property
    def readback(self) -> str:
        if self.reading is not None:
            return readback(self.reading, self.indicator.kind)
        return self.target.describe() if self.target is not None else ""

    @property
    def value(self) -> Decimal | None:
        """The cell's (lower) value as it stands: typed if posted, else saved."""
        if self.reading is not None:
            return self.reading.parsed.value if self.reading.parsed else None
        return self.target.value if self.target is not None else None


@dataclass
class GridRow:
    indicator: Indicator
    cells: list[GridCell] = field(default_factory=list)

    @property
    def issuer_cell(self) -> GridCell:
        return self.cells[0]

    @property
    def quota_cells(self) -> list[GridCell]:
        return self.cells[1:]

    @property
    def summary(self) -> AllocationSummary | None:
        quotas = [c.value for c in self.quota_cells if c.value is not None]
        if self.indicator.is_rate or not quotas:
            return None
        return allocation_summary(self.issuer_cell.value, quotas)


class TargetGridForm:
    """Binds the posted cells of a year's grid, reads them, and hands the changed ones on.

    Only cells whose text differs from what the grid showed are passed to the service, so
    re-posting an untouched grid changes nothing, and a cell left out of the post (the
    page's script leaves out every unchanged one) is unchanged too. A posted name that is
    not one of this grid's cells (another unit, an unknown indicator) is tampering: the
    whole form is refused.
    """

    def __init__(
        self,
        *,
        units: list[Unit],
        indicators: list[Indicator],
        targets: dict[tuple[int, int], Target],
        data=None,
    ) -> None:
        self.units = units
        self.indicators = indicators
        self.data = data
        self.is_bound = data is not None
        self.non_field_errors: list[str] = []
        self.tampered = False
        self.rows: list[GridRow] = []
        posted: dict[str, str] = {}
        if self.is_bound:
            try:
                posted = posted_cells(data)
            except PackedCellsError:
                self.tampered = True
                self.non_field_errors.append(
                    _("The grid's changed cells could not be read; nothing was saved. "
                      "Reload the page and try again.")
                )
        names: set[str] = set()
        for indicator in indicators:
            row = GridRow(indicator)
            for unit in units:
                name = cell_name(indicator, unit)
                names.add(name)
                target = targets.get((indicator.pk, unit.pk))
                initial = shown_wording(target) if target is not None else ""
                cell = GridCell(name, indicator, unit, target, initial, initial)
                if name in posted:
                    cell.posted = True
                    cell.text = " ".join(posted[name].split())[:MAX_CELL_TEXT]
                    if cell.changed:
                        cell.reading = read_cell(cell.text, indicator.kind)
                row.cells.append(cell)
            self.rows.append(row)
        if posted:
            unknown = [k for k in posted if k not in names]
            if unknown:
                self.tampered = True
                self.non_field_errors.append(
                    _("The form has cells that are not part of this grid; nothing was saved.")
                )

    @property
    def changed_cells(self) -> list[GridCell]:
        return [c for row in self.rows for c in row.cells if c.changed]

    @property
    def error_count(self) -> int:
        return sum(1 for c in self.changed_cells if c.error)

    def is_valid(self) -> bool:
        return self.is_bound and not self.tampered and self.error_count == 0

    def cells(self) -> list[TargetCell]:
        return [TargetCell(c.indicator, c.unit, c.text) for c in self.changed_cells]
