"""Files to download: pre-filled templates, exports of actuals and targets, error files.

Templates and exports are written so that importing them back changes nothing: the same
columns the importer reads (Vietnamese headers `ma_don_vi, ten_don_vi, ma_chi_tieu,
ky_bao_cao, gia_tri, tu_so, mau_so, ghi_chu`), unit codes as text (XLSX cells typed as
text, so Excel keeps `001`; a CSV cannot carry types, so its codes are written as they
are and the importer restores lost zeros), the unit's name next to its code (which settles
a code that lost its zeros and could be two units), and numbers in Vietnamese notation
that cannot be misread (`1400`, `74,2`; never `1,234` alone).

CSV files are UTF-8 with BOM and semicolons, as Vietnamese Excel opens and saves them.
Every text cell goes through `districts.spreadsheets`: a note starting with `=` is written
as data (`'=…`), never as a formula, and reads back as it was.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, BinaryIO, Literal

from django.db.models import Q, QuerySet

from districts.formatting import file_number
from districts.models import Unit
from districts.scope import Action, scope_filter
from districts.spreadsheets import safe_row, xlsx_cell
from plans.models import Plan
from reports.models import Actual
from reports.periods import Period
from targets.models import Indicator, Target

from .parsing import ERROR_COLUMN, FileFormat, FileProblem, Problem, is_blank, read_rows

if TYPE_CHECKING:
    from .importer import ImportResult

Format = Literal["csv", "xlsx"]
LayoutKind = Literal["long", "wide"]

LONG_HEADERS = [
    "ma_don_vi", "ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri", "tu_so", "mau_so",
    "ghi_chu",
]
WIDE_HEADERS = ["ma_don_vi", "ten_don_vi", "ky_bao_cao"]
TARGET_HEADERS = [
    "ma_ke_hoach", "ma_don_vi", "ten_don_vi", "ma_chi_tieu", "nam", "toan_tu", "chi_tieu",
    "chi_tieu_tren", "dien_dat",
]
# Columns written as text (codes and periods keep their zeros and their shape in Excel).
TEXT_COLUMNS = {"ma_don_vi", "ma_chi_tieu", "ky_bao_cao", "ma_ke_hoach", "nam", "toan_tu"}
CSV_DELIMITER = ";"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# --- numbers and cells ---------------------------------------------------------------------


def xlsx_number(value: Decimal | None) -> int | Decimal | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


# --- writing a table ---------------------------------------------------------------------


def write_table(
    headers: list[str], rows: Iterable[list], file_format: Format
) -> bytes:
    """A CSV (UTF-8 with BOM, `;`) or XLSX file of `rows`; text columns stay text."""
    if file_format == "xlsx":
        return _write_xlsx(headers, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(safe_row(headers))
    for row in rows:
        writer.writerow(
            safe_row(
                file_number(v) if isinstance(v, Decimal) else ("" if v is None else v) for v in row
            )
        )
    return buffer.getvalue().encode("utf-8-sig")


def _write_xlsx(headers: list[str], rows: Iterable[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("bao_cao")
    text = [h in TEXT_COLUMNS for h in headers]
    sheet.append([xlsx_cell(sheet, h) for h in headers])
    for row in rows:
        cells = []
        for is_text, value in zip(text, row, strict=False):
            if isinstance(value, Decimal):
                value = xlsx_number(value)
            if is_text and value is not None:
                value = str(value)
            cell = xlsx_cell(sheet, value)
            if is_text:
                cell.number_format = "@"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- what users may download ---------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What an export covers; every field optional. Always within the user's scope."""

    plan: Plan | None = None
    period: Period | None = None
    year: int | None = None
    unit: Unit | None = None
    indicator: Indicator | None = None


def actuals_for_export(user, filters: Filters) -> QuerySet[Actual]:
    actuals = Actual.objects.filter(scope_filter(user, Action.VIEW, prefix="unit__"))
    if filters.plan is not None:
        plan = filters.plan
        actuals = actuals.filter(
            Q(unit_id=plan.issuer_id) | Q(unit__path__startswith=plan.issuer.path + "/"),
            year__gte=plan.first_year,
            year__lte=plan.last_year,
            indicator__in=Target.objects.filter(plan=plan).values("indicator"),
        )
    if filters.unit is not None:
        actuals = actuals.filter(
            Q(unit_id=filters.unit.pk) | Q(unit__path__startswith=filters.unit.path + "/")
        )
    if filters.period is not None:
        actuals = actuals.filter(period=str(filters.period))
    elif filters.year is not None:
        actuals = actuals.filter(year=filters.year)
    if filters.indicator is not None:
        actuals = actuals.filter(indicator=filters.indicator)
    return actuals.select_related("unit", "indicator").order_by(
        "unit__path", "year", "period", "indicator__sort_order"
    )


def targets_for_export(user, filters: Filters) -> QuerySet[Target]:
    targets = Target.objects.filter(scope_filter(user, Action.VIEW, prefix="unit__"))
    if filters.plan is not None:
        targets = targets.filter(plan=filters.plan)
    if filters.unit is not None:
        targets = targets.filter(
            Q(unit_id=filters.unit.pk) | Q(unit__path__startswith=filters.unit.path + "/")
        )
    year = filters.period.year if filters.period is not None else filters.year
    if year is not None:
        targets = targets.filter(year=year)
    if filters.indicator is not None:
        targets = targets.filter(indicator=filters.indicator)
    return targets.select_related("plan", "unit", "indicator").order_by(
        "plan__code", "year", "unit__path", "indicator__sort_order"
    )


def _long_row(actual: Actual) -> list:
    return [
        actual.unit.code, actual.unit.name, actual.indicator.code, actual.period, actual.value,
        actual.numerator, actual.denominator, actual.note,
    ]


def actuals_file(
    actuals: QuerySet[Actual], *, layout: LayoutKind, file_format: Format
) -> bytes:
    """Actual values in the import's layout: exporting then importing changes nothing."""
    if layout == "long":
        rows = (_long_row(a) for a in actuals.iterator(chunk_size=2000))
        return write_table(LONG_HEADERS, rows, file_format)
    present = set(actuals.order_by().values_list("indicator__code", flat=True).distinct())
    codes = [
        code
        for code in Indicator.objects.order_by("sort_order", "code").values_list("code", flat=True)
        if code in present
    ]
    return write_table(WIDE_HEADERS + codes, _wide_rows(actuals, codes), file_format)


def _wide_rows(actuals: QuerySet[Actual], codes: list[str]) -> Iterator[list]:
    """One row per unit and period; the queryset is ordered by unit and period."""
    position = {code: i for i, code in enumerate(codes)}
    current: list | None = None
    key = None
    for actual in actuals.iterator(chunk_size=2000):
        here = (actual.unit_id, actual.period)
        if current is None or here != key:
            if current is not None:
                yield current
            key = here
            current = [actual.unit.code, actual.unit.name, actual.period] + [None] * len(codes)
        current[3 + position[actual.indicator.code]] = actual.value
    if current is not None:
        yield current


def targets_file(
    targets: QuerySet[Target], *, layout: LayoutKind, file_format: Format
) -> bytes:
    if layout == "long":
        rows = (
            [
                t.plan.code, t.unit.code, t.unit.name, t.indicator.code, str(t.year),
                t.operator, t.value, t.value_high, t.wording or t.describe(),
            ]
            for t in targets.iterator(chunk_size=2000)
        )
        return write_table(TARGET_HEADERS, rows, file_format)
    codes = list(
        Indicator.objects.filter(pk__in=targets.values("indicator"))
        .order_by("sort_order", "code")
        .values_list("code", flat=True)
    )
    grouped: dict[tuple, list] = {}
    for t in targets:
        row = grouped.setdefault(
            (t.plan.code, t.unit.path, t.year),
            [t.plan.code, t.unit.code, t.unit.name, str(t.year)] + [None] * len(codes),
        )
        row[4 + codes.index(t.indicator.code)] = t.wording or t.describe()
    headers = ["ma_ke_hoach", "ma_don_vi", "ten_don_vi", "nam", *codes]
    return write_table(headers, grouped.values(), file_format)


# --- templates ---------------------------------------------------------------------


def template_units(unit: Unit, period: Period) -> list[Unit]:
    """The unit and the units directly below it that exist at the end of the period."""
    children = unit.children.valid_on(period.end).order_by("code")
    return [unit, *children]


def template_indicators(plan: Plan, year: int) -> list[Indicator]:
    """The plan's indicators with a target in the year; else those its issuer's units
    report (the catalogue and the province's own, retired ones left out)."""
    chosen = Indicator.objects.filter(
        pk__in=Target.objects.filter(plan=plan, year=year).values("indicator")
    ).order_by("sort_order", "code")
    return list(chosen) or list(
        Indicator.objects.for_unit(plan.issuer).active().order_by("sort_order", "code")
    )


def template_file(
    *,
    plan: Plan,
    period: Period,
    unit: Unit,
    layout: LayoutKind,
    file_format: Format,
) -> bytes:
    """A template to fill in: every unit × indicator, with the values already stored."""
    units = template_units(unit, period)
    indicators = template_indicators(plan, period.year)
    stored = {
        (a.unit_id, a.indicator_id): a
        for a in Actual.objects.filter(
            unit__in=units, indicator__in=indicators, period=str(period)
        )
    }
    if layout == "long":
        rows = []
        for u in units:
            for indicator in indicators:
                a = stored.get((u.pk, indicator.pk))
                rows.append([
                    u.code, u.name, indicator.code, str(period),
                    a.value if a else None,
                    a.numerator if a else None,
                    a.denominator if a else None,
                    a.note if a else "",
                ])
        return write_table(LONG_HEADERS, rows, file_format)
    rows = [
        [u.code, u.name, str(period)]
        + [getattr(stored.get((u.pk, i.pk)), "value", None) for i in indicators]
        for u in units
    ]
    return write_table(WIDE_HEADERS + [i.code for i in indicators], rows, file_format)


def download_name(stem: str, file_format: Format) -> str:
    return f"{stem}-{datetime.date.today():%Y%m%d}.{file_format}"


# Grave, acute, tilde, hook above, dot below: Windows-1258 writes them after the letter.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


# --- the error file ---------------------------------------------------------------------


def encode_text(text: str, encoding: str) -> bytes:
    """`text` in the file's own encoding; Windows-1258 writes tone marks as combining
    characters, so letters it has no single code for are decomposed first."""
    if encoding != "cp1258":
        return text.encode(encoding, errors="replace")
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tones = "".join(m for m in marks if m in _TONE_MARKS)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
        try:
            out.append(letter.encode("cp1258") + tones.encode("cp1258"))
        except UnicodeEncodeError:
            out.append(char.encode("cp1258", errors="replace"))
    return b"".join(out)


def _error_cells(
    problems_by_line: dict[int, list[Problem]], header_line: int, title: str
) -> dict[int, str]:
    def say(problem: Problem) -> str:
        text = f"{problem.column}: {problem.message}" if problem.column else problem.message
        return text if problem.is_error else f"[!] {text}"

    cells = {line: " | ".join(say(p) for p in problems)
             for line, problems in problems_by_line.items()}
    header = cells.get(header_line)
    cells[header_line] = f"{title}: {header}" if header else title
    return cells


def result_error_file(stream: BinaryIO, result: ImportResult) -> bytes:
    """`error_file` of the upload `stream` for a checked import's `result`: its format, its
    problems by line and where its header was read."""
    assert result.format is not None
    layout = result.layout
    return error_file(
        stream,
        result.format,
        problems_by_line=result.problems_by_line(),
        header_line=layout.header_line if layout else 1,
        language=layout.language if layout else "vi",
    )


def error_file(
    stream: BinaryIO,
    file_format: FileFormat,
    *,
    problems_by_line: dict[int, list[Problem]],
    header_line: int,
    language: str,
) -> bytes:
    """The uploaded file again, in its own format, with an error column added.

    CSV keeps its separator and encoding (and BOM); XLSX gets the column on its first
    sheet. Lines without problems have an empty error cell.
    """
    title = ERROR_COLUMN.get(language, ERROR_COLUMN["vi"])
    cells = _error_cells(problems_by_line, header_line, title)
    rows = _used_rows(stream, file_format)
    width = max((len(r) for _line, r in rows), default=0)
    if file_format.kind == "xlsx":
        return _error_xlsx(rows, width, cells)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=file_format.delimiter, lineterminator="\r\n")
    for line, row in rows:
        padded = [("" if c is None else c) for c in row] + [""] * (width - len(row))
        writer.writerow(safe_row([*padded, cells.get(line, "")]))
    text = buffer.getvalue()
    if file_format.encoding == "utf-8-sig":
        return text.encode("utf-8-sig")
    return encode_text(text, file_format.encoding)


def _used_rows(stream: BinaryIO, file_format: FileFormat) -> list[tuple[int, list]]:
    """The file's rows as stored, each without its trailing empty cells, so that the error
    column comes right after the file's own used columns; up to the line where the file
    stopped being readable (a limit, a damaged line), whose message says so."""
    rows = []
    try:
        for line, row in read_rows(stream, file_format, raw=True):
            used = len(row)
            while used and is_blank(row[used - 1]):
                used -= 1
            rows.append((line, list(row[:used])))
    except FileProblem:
        pass
    return rows


def _error_xlsx(rows: list, width: int, cells: dict[int, str]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("bao_cao")
    expected = 1
    for line, row in rows:
        while expected < line:  # keep the line numbers the messages speak of
            sheet.append([])
            expected += 1
        out = []
        for value in list(row) + [None] * (width - len(row)):
            cell = xlsx_cell(sheet, value)
            if isinstance(value, str):
                cell.number_format = "@"
            out.append(cell)
        out.append(xlsx_cell(sheet, cells.get(line) or None))
        sheet.append(out)
        expected = line + 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
