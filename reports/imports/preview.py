"""What the import preview shows of a checked file, and the same kept as JSON.

A small file is checked inside the request and previewed from its `ImportResult`; a large
one is checked by the worker (`jobs.py`), which keeps what the preview needs on its job
(`preview_store`), and the job's page shows it again from there (`preview_load`): the same
counts, messages (already in the uploader's language), lines and columns, so both paths
show the same page. That includes the sheet's header as far as mappings go (the columns
the reader did not know, with what each was mapped to, and the mappings remembered from an
earlier import): the job's page offers the same column choices as a small file's without
reading the file again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from reports.selectors.common import catalogue

from .importer import ImportResult, LineOutcome
from .mappings import Remembered
from .official import OpenColumn, SheetHeader
from .parsing import FileFormat, Problem
from .reading import ColumnReading, column_readings, skipped_rows

PREVIEW_LINES = 500  # values listed on the preview; the counts cover the whole file
PREVIEW_PROBLEMS = 1000


@dataclass(frozen=True)
class PreviewParts:
    """The lists of the preview page."""

    problems: list[Problem] = field(default_factory=list)
    problems_left: int = 0
    outcomes: list[LineOutcome] = field(default_factory=list)
    outcomes_cut: bool = False
    columns: list[ColumnReading] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


def preview_parts(result: ImportResult) -> PreviewParts:
    problems = result.sorted_problems()
    layout = result.layout
    return PreviewParts(
        problems=problems[:PREVIEW_PROBLEMS],
        problems_left=max(0, len(problems) - PREVIEW_PROBLEMS),
        outcomes=list(result.outcomes),
        outcomes_cut=result.entries > len(result.outcomes),
        columns=column_readings(layout, catalogue()) if layout is not None else [],
        skipped=skipped_rows(layout) if layout is not None else [],
    )


@dataclass(frozen=True)
class LayoutKind:
    kind: str  # "long", "wide" or "official"


@dataclass(frozen=True)
class StoredPreview:
    """The figures of an `ImportResult` the preview page reads, with its lists."""

    file_name: str
    checksum: str
    format: FileFormat | None
    layout: LayoutKind | None
    entries: int
    created: int
    updated: int
    unchanged: int
    errors: int
    warnings: int
    written: bool
    parts: PreviewParts
    header: SheetHeader | None = None
    remembered: dict[str, Remembered] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


_COUNTS = ("entries", "created", "updated", "unchanged", "errors", "warnings")


def preview_store(result: ImportResult) -> dict[str, Any]:
    """The preview of `result` as JSON (numbers as text, so no decimal is lost)."""
    parts = preview_parts(result)
    return {
        "file_name": result.file_name,
        "checksum": result.checksum,
        "format": asdict(result.format) if result.format is not None else None,
        "layout": result.layout.kind if result.layout is not None else None,
        **{name: getattr(result, name) for name in _COUNTS},
        "written": result.written,
        "problems": [asdict(p) for p in parts.problems],
        "problems_left": parts.problems_left,
        "outcomes": [
            {**asdict(o), "value": None if o.value is None else str(o.value)}
            for o in parts.outcomes
        ],
        "outcomes_cut": parts.outcomes_cut,
        "columns": [asdict(c) for c in parts.columns],
        "skipped": [list(pair) for pair in parts.skipped],
        "header": asdict(result.header) if result.header is not None else None,
        "remembered": {key: asdict(r) for key, r in result.remembered.items()},
    }


def preview_load(data: dict[str, Any]) -> StoredPreview:
    parts = PreviewParts(
        problems=[Problem(**p) for p in data["problems"]],
        problems_left=data["problems_left"],
        outcomes=[
            LineOutcome(**{**o, "value": None if o["value"] is None else Decimal(o["value"])})
            for o in data["outcomes"]
        ],
        outcomes_cut=data["outcomes_cut"],
        columns=[ColumnReading(**c) for c in data["columns"]],
        skipped=[(line, why) for line, why in data["skipped"]],
    )
    return StoredPreview(
        file_name=data["file_name"],
        checksum=data["checksum"],
        format=FileFormat(**data["format"]) if data["format"] else None,
        layout=LayoutKind(data["layout"]) if data["layout"] else None,
        **{name: data[name] for name in _COUNTS},
        written=data["written"],
        parts=parts,
        header=_header_load(data.get("header")),  # none kept by jobs before mappings
        remembered={key: Remembered(**r) for key, r in data.get("remembered", {}).items()},
    )


def _header_load(data: dict[str, Any] | None) -> SheetHeader | None:
    if data is None:
        return None
    return SheetHeader(
        signature=data["signature"],
        open_columns=tuple(OpenColumn(**c) for c in data["open_columns"]),
    )
