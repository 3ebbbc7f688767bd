"""Report files built byte by byte, and the plans and values the import tests start from."""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal

from openpyxl import Workbook

from plans.models import Plan
from reports.imports.exports import encode_text
from reports.models import Actual, Submission
from targets.models import Indicator, Target
from tests.factories import unit_by_code

LONG_VI = ["ma_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"]
LONG_EN = ["unit_code", "indicator_code", "period", "value"]
def to_cp1258(text: str) -> bytes:
    """Vietnamese text as Windows-1258 writes it (base letters with ^, ˘ and the horn as
    single characters, tone marks as combining characters after them): the product's own
    encoder, which writes the error file of such a file."""
    return encode_text(unicodedata.normalize("NFC", text), "cp1258")


def csv_bytes(
    rows: list[list[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + data


def xlsx_bytes(rows: list[list[object]], *, percent_columns: tuple[int, ...] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for column in percent_columns:
        for cells in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            for cell in cells:
                cell.number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def actual(
    code: str,
    unit_code: str,
    period: str,
    value: str | None,
    *,
    year: int | None = None,
    state: str | None = None,
    **extra,
) -> Actual:
    """A stored value (typed in the browser), in a submission of `state` if given."""
    unit = unit_by_code(unit_code, year=year or int(period[:4]))
    submission = None
    if state:
        submission, _created = Submission.objects.get_or_create(
            unit=unit, period=period, defaults={"year": int(period[:4]), "state": state}
        )
    return Actual.objects.create(
        indicator=indicator(code),
        unit=unit,
        period=period,
        year=int(period[:4]),
        value=Decimal(value) if value is not None else None,
        origin=Actual.Origin.TYPED,
        submission=submission,
        **extra,
    )


def hanoi_plan(code: str = "hn-2024", *, first_year: int = 2024, last_year: int = 2024) -> Plan:
    """Hà Nội's 2024 plan with Ba Đình's and Đống Đa's 2024 quotas of graduates attracted
    (650 and 1.050, Appendix I) and the city's trained-labour rate target."""
    plan = Plan.objects.create(
        code=code,
        number="72/KH-UBND",
        title="Kế hoạch phát triển giáo dục nghề nghiệp năm 2024",
        issuer=unit_by_code("01"),
        first_year=first_year,
        last_year=last_year,
        status=Plan.Status.ISSUED,
    )
    attracted = indicator("graduates_attracted")
    for unit_code, value in (("001", 650), ("006", 1050)):
        Target.objects.create(
            plan=plan, indicator=attracted, unit=unit_by_code(unit_code), year=2024,
            operator="gte", value=Decimal(value), wording=str(value),
        )
    Target.objects.create(
        plan=plan, indicator=indicator("enrol_total"), unit=unit_by_code("001"), year=2024,
        operator="gte", value=Decimal(5000), wording="5.000",
    )
    Target.objects.create(
        plan=plan, indicator=indicator("trained_rate"), unit=unit_by_code("01"), year=2024,
        operator="gt", value=Decimal("74.2"), wording="trên 74,2%",
    )
    return plan
