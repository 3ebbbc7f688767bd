"""Everything the tests build, in one place, with values that mean something.

- units and indicators: `unit_by_code`, `indicator`;
- one maker per model: `plan_make`, `target_make`, `quotas_make`, `actual_make`,
  `submission_make` (keyword arguments for what a test needs, the rest left to defaults);
- the scenarios of the source plans, with their real figures: Hà Nội's 2024 plan in four
  shapes (`hanoi_2024_header`, `hanoi_2024_as_printed`, `hanoi_2024_with_results`,
  `hanoi_2024_two_districts`), its graduate quotas, Ba Đình's quotas, Dị Sử's plan;
- what the entry form posts (`row`, `entry_post`) and a page's Vietnamese text (`vi`);
- report files built byte by byte (`csv_bytes`, `xlsx_bytes`, `to_cp1258`);
- API tokens and their headers (`token_make`, `bearer`).

People come from tests/conftest.py: `make_user(role, code)`, and the standard ones
`officer_01`, `viewer_01`, `reporter_001`, `officer_31` and `reporter_12121`. New tests
use this module and those fixtures rather than building their own.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.text import capfirst
from openpyxl import Workbook

from districts.formatting import vietnamese_number
from districts.models import Unit
from districts.selectors import unit_by_code as unit_on
from plans.models import Plan
from reports.imports.exports import encode_text
from reports.models import Actual, Submission
from reports.periods import Period
from targets.models import Indicator, Target

# --- units and indicators ----------------------------------------------------------------


def unit_by_code(code: str, *, year: int = 2024) -> Unit:
    """The unit with this official code in `year`'s era (mid-year, so 2025 is the new era)."""
    day = datetime.date(year, 7, 1) if year == 2025 else datetime.date(year, 1, 1)
    unit = unit_on(code, on=day)
    assert unit is not None, f"no unit {code} on {day}"
    return unit


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def _decimal(value) -> Decimal | None:
    return Decimal(str(value)) if value is not None else None


# --- plans, targets, actual values, reports ------------------------------------------------


def plan_make(
    code: str = "hn-2024",
    *,
    issuer: str | Unit = "01",
    first_year: int = 2024,
    last_year: int | None = None,
    status: str = Plan.Status.DRAFT,
    **fields,
) -> Plan:
    """A plan of `issuer` (a code, read in `first_year`'s era, or a unit): a one-year draft
    unless told otherwise; `fields` are any other columns (number, kind, deadlines, ...)."""
    unit = issuer if isinstance(issuer, Unit) else unit_by_code(issuer, year=first_year)
    title = f"Triển khai thực hiện công tác giáo dục nghề nghiệp năm {first_year}"
    fields.setdefault("title", title)
    return Plan.objects.create(
        code=code,
        issuer=unit,
        first_year=first_year,
        last_year=last_year or first_year,
        status=status,
        **fields,
    )


def target_make(
    plan: Plan,
    indicator_code: str,
    value,
    *,
    unit: str | Unit | None = None,
    year: int | None = None,
    operator: str = "gte",
    value_high=None,
    wording: str = "",
) -> Target:
    """A target of `plan`: on its issuer in its first year unless `unit` / `year` say otherwise."""
    year = year or plan.first_year
    if unit is None:
        unit = plan.issuer
    elif not isinstance(unit, Unit):
        unit = unit_by_code(unit, year=year)
    return Target.objects.create(
        plan=plan,
        indicator=indicator(indicator_code),
        unit=unit,
        year=year,
        operator=operator,
        value=Decimal(str(value)),
        value_high=_decimal(value_high),
        wording=wording,
    )


def actual_make(
    indicator_code: str,
    unit: str | Unit,
    period: str,
    value,
    *,
    origin: str = Actual.Origin.TYPED,
    state: str | None = None,
    submission: Submission | None = None,
    user=None,
    source: str | None = None,
    numerator=None,
    denominator=None,
    **fields,
) -> Actual:
    """A stored value of `unit` (a code, read in the period's era, or a unit), typed in the
    browser unless `origin` says otherwise. `state` puts it in the unit's report of that
    period in that state (made if missing); `user` and `source` go into its history;
    `fields` are any other columns (printed, note, is_sample)."""
    year = Period.parse(period).year
    if not isinstance(unit, Unit):
        unit = unit_by_code(unit, year=year)
    if state:
        submission, _created = Submission.objects.get_or_create(
            unit=unit, period=period, defaults={"year": year, "state": state}
        )
    actual = Actual(
        indicator=indicator(indicator_code),
        unit=unit,
        period=period,
        year=year,
        value=_decimal(value),
        numerator=_decimal(numerator),
        denominator=_decimal(denominator),
        origin=origin,
        updated_by=user,
        submission=submission,
        **fields,
    )
    if user is not None:
        actual._history_user = user
    if source is not None:
        actual._change_reason = source
    actual.save()
    return actual


def submission_make(
    unit: Unit, period: str, *, state: str = Submission.State.DRAFT, **fields
) -> Submission:
    """`unit`'s report for `period`, a draft unless `state` says otherwise."""
    return Submission.objects.create(
        unit=unit, period=period, year=Period.parse(period).year, state=state, **fields
    )


# --- Hà Nội's 2024 plan (hn-2024, seed 000) ---------------------------------------------------

# Appendix I: quotas of graduates to draw into vocational training, three of the thirty.
HANOI_2024_THREE_QUOTAS = {
    "001": 650,  # Quận Ba Đình
    "006": 1050,  # Quận Đống Đa
    "271": 3500,  # Huyện Ba Vì
}

# The city's own 2024 targets: indicator, value.
HANOI_2024_CITY_TARGETS = (
    ("enrol_total", "235000"),
    ("enrol_college", "26000"),
    ("enrol_intermediate", "30000"),
    ("enrol_elementary", "179000"),
    ("trained_rate", "74.2"),
    ("certified_rate", "54.0"),
)

# Quotas on Quận Ba Đình for 2024, shaped like the districts' own plans: college,
# intermediate and elementary add up to the total.
BA_DINH_QUOTAS = {
    "enrol_total": "6000",
    "enrol_college": "1400",
    "enrol_intermediate": "1600",
    "enrol_elementary": "3000",
}


def hanoi_2024_graduate_quotas() -> list[tuple[str, Decimal]]:
    """Appendix I of Hà Nội's 2024 plan: (district code, quota), 30 rows adding to 26.934."""
    from plans.demo_sources import PLANS

    plan = next(p for p in PLANS if p["code"] == "hn-2024")
    return [
        (t["unit"], Decimal(t["value"]))
        for t in plan["targets"]
        if t["indicator"] == "graduates_attracted" and t.get("parent")
    ]


def hanoi_2024_header(
    code: str = "hn-2024",
    *,
    first_year: int = 2024,
    last_year: int = 2024,
    units_deadline: str = "12-15",
    consolidation_deadline: str = "12-31",
) -> Plan:
    """Hà Nội's 2024 plan with no targets: 72/KH-UBND, issued, the units reporting by
    15 December and the city consolidating by 31 December."""
    return plan_make(
        code,
        issuer=unit_by_code("01"),
        first_year=first_year,
        last_year=last_year,
        status=Plan.Status.ISSUED,
        number="72/KH-UBND",
        title="Kế hoạch phát triển giáo dục nghề nghiệp năm 2024",
        kind=Plan.Kind.ANNUAL,
        units_deadline=units_deadline,
        consolidation_deadline=consolidation_deadline,
    )


def quotas_make(
    *, plan: Plan, unit: Unit, quotas: dict[str, str] = BA_DINH_QUOTAS, year: int = 2024
) -> None:
    """`quotas` (indicator → value) on `unit`, each worded as a number of people."""
    for code, value in quotas.items():
        wording = f"{vietnamese_number(Decimal(value))} người"
        target_make(plan, code, value, unit=unit, year=year, wording=wording)


def hanoi_2024_as_printed(
    *, quotas: dict[str, int] | None = None, status: str = Plan.Status.DRAFT
) -> Plan:
    """Hà Nội's 2024 plan as its text prints it, a draft unless `status` says otherwise:
    the signer, three city targets with their wording, and the graduate quotas of Ba Đình,
    Đống Đa and Ba Vì (or `quotas`), worded as numbers of people (1.050 người)."""
    plan = plan_make("hn-2024", status=status, signer="Vũ Thu Hà, Phó Chủ tịch")
    target_make(plan, "enrol_total", 235000, wording="235.000 lượt người")
    target_make(plan, "trained_rate", "74.2", wording="đạt 74,2%")
    target_make(plan, "certified_rate", "54.0", wording="đạt 54,0%")
    for code, value in (quotas or HANOI_2024_THREE_QUOTAS).items():
        printed = f"{vietnamese_number(Decimal(value))} người"
        target_make(plan, "graduates_attracted", value, unit=code, wording=printed)
    return plan


def hanoi_2024_with_results(
    *, quotas: int = 30, code: str = "hn-2024", actuals: bool = True
) -> Plan:
    """Hà Nội's 2024 plan, issued, units reporting by 15 December: the city's six own
    targets and the graduate quotas of its first `quotas` districts (no wordings), with
    some results: the city half-way through 2024 (and 2023 for its season), Ba Đình over
    its quota (700 of 650), Đống Đa under it (900 of 1.050). The results are the
    documents' (origin "document"); `actuals=False` leaves them out."""
    hanoi = unit_by_code("01")
    plan = plan_make(
        code, issuer=hanoi, status=Plan.Status.ISSUED, units_deadline="12-15",
        title=f"Kế hoạch {code}",
    )
    for code_, value in HANOI_2024_CITY_TARGETS:
        target_make(plan, code_, value, unit=hanoi, year=2024)
    for district, value in hanoi_2024_graduate_quotas()[:quotas]:
        target_make(plan, "graduates_attracted", value, unit=unit_by_code(district), year=2024)
    if not actuals:
        return plan
    # Figures printed in the city's own reports: handed in and approved.
    document, approved = Actual.Origin.DOCUMENT, Submission.State.APPROVED
    actual_make("enrol_total", hanoi, "2023S1", 110000, origin=document, state=approved)
    actual_make("enrol_total", hanoi, "2023", 230000, origin=document, state=approved)
    actual_make("enrol_total", hanoi, "2024S1", 120000, origin=document, state=approved)
    actual_make("trained_rate", hanoi, "2023", "72.8", origin=document, state=approved)
    actual_make("trained_rate", hanoi, "2024S1", "73.5", origin=document, state=approved)
    for district, value in (("001", 700), ("006", 900)):
        actual_make("graduates_attracted", district, "2024", value, origin=document,
                    state=approved)
    return plan


def hanoi_2024_two_districts() -> Plan:
    """Hà Nội's 2024 plan (72/KH-UBND, issued, no reporting deadlines) with Ba Đình's and
    Đống Đa's 2024 quotas of graduates attracted (650 and 1.050, Appendix I), Ba Đình's
    enrolment (5.000) and the city's trained-labour rate target (above 74,2%)."""
    plan = hanoi_2024_header(units_deadline="", consolidation_deadline="")
    for unit_code, value in (("001", 650), ("006", 1050)):
        target_make(plan, "graduates_attracted", value, unit=unit_code, wording=str(value))
    target_make(plan, "enrol_total", 5000, unit="001", wording="5.000")
    target_make(plan, "trained_rate", "74.2", unit="01", operator="gt", wording="trên 74,2%")
    return plan


# --- Dị Sử's 2024 plan (disu-2024, seed 004) --------------------------------------------------
# The ward's own 2024 targets, Appendix I's 2023 targets and 2024 plan on Thị xã Mỹ Hào (328),
# and the town's 2023 results as printed (the total 62.750 whose levels add up to 62.500;
# employment printed ">92", no number).

# Appendix I: (indicator, operator, 2023 target, 2024 plan), in print order.
DISU_APPENDIX_I = (
    ("enrol_total", "gte", "62500", "67500"),
    ("enrol_college", "gte", "3000", "3200"),
    ("enrol_intermediate", "gte", "7000", "7300"),
    ("enrol_elementary", "gte", "52500", "57000"),
    ("employed_after_training_rate", "gt", "92", None),
    ("trained_rate", "gte", "69", "70"),
    ("certified_rate", "gte", "31", "32"),
    ("institutions", "gte", "26", "26"),
)
DISU_2024_ONLY = (
    ("enrol_support_demobilized", "90"),
    ("enrol_support_released_prisoners", "45"),
    ("enrol_support_poor_disabled_sme", "60"),
)
# Column "Năm 2023 – Kết quả đạt được" (value, as printed).
DISU_RESULTS_2023 = (
    ("enrol_total", "62750", "62.750"),
    ("enrol_college", "1700", "1.700"),
    ("enrol_intermediate", "4200", "4.200"),
    ("enrol_elementary", "56600", "56.600"),
    ("enrol_support_demobilized", "37", "37"),
    ("employed_after_training_rate", None, ">92"),
    ("trained_rate", "69", "69"),
    ("certified_rate", "31", "31"),
    ("institutions", "26", "26"),
)
# The same 2023 enrolment as typed in the entry form: components that do not add up,
# 1.700 + 4.200 + 56.600 = 62.500 against a total of 62.750.
DISU_2023_ENROLMENT = {
    "enrol_total": "62.750",
    "enrol_college": "1.700",
    "enrol_intermediate": "4.200",
    "enrol_elementary": "56.600",
}


def disu_plan() -> Plan:
    """disu-2024 issued by Phường Dị Sử (12121), units reporting by 1 December, Appendix I
    on Thị xã Mỹ Hào (328) with the town's 2023 results (origin "document")."""
    ward, town = unit_by_code("12121"), unit_by_code("328")
    plan = plan_make(
        "disu-2024", issuer=ward, first_year=2023, last_year=2024,
        status=Plan.Status.ISSUED, units_deadline="12-01", title="Kế hoạch disu-2024",
    )
    for code, operator, value, printed in (
        ("enrol_total", "gte", "1400", "1.400 người"),
        ("employed_after_training_rate", "gt", "92", "trên 92%"),
        ("trained_rate", "gt", "86.2", "trên 86,2%"),
        ("certified_rate", "approx", "33", "khoảng 33%"),
        ("admin_procedures_on_time_rate", "gte", "100", "100%"),
    ):
        target_make(plan, code, value, unit=ward, year=2024, operator=operator, wording=printed)
    # In print order: 2023 targets first (the layout keeps the order they were entered in).
    for code, operator, target_2023, _plan_2024 in DISU_APPENDIX_I:
        target_make(plan, code, target_2023, unit=town, year=2023, operator=operator)
    for code, operator, _target_2023, plan_2024 in DISU_APPENDIX_I:
        if plan_2024 is None:  # employment 2024 is "92,5%": gte 92.5
            target_make(plan, code, "92.5", unit=town, year=2024, wording="92,5%")
        else:
            target_make(plan, code, plan_2024, unit=town, year=2024, operator=operator)
    for code, value in DISU_2024_ONLY:
        target_make(plan, code, value, unit=town, year=2024)
    for code, value, printed in DISU_RESULTS_2023:
        actual_make(code, town, "2023", value, printed=printed, origin=Actual.Origin.DOCUMENT,
                    state=Submission.State.APPROVED)
    return plan


# --- the entry form and the page's text ---------------------------------------------------


def row(value: str = "", *, version: int = 0, note: str = "", numerator="", denominator=""):
    """One row of the entry form, as the browser posts it."""
    return {
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "note": note,
        "version": version,
    }


def entry_post(unit: Unit, rows: dict[str, dict], *, action: str = "save", submission=None):
    """The POST data of the entry grid for `rows` (indicator code → row())."""
    data = {"unit": unit.pk, "submission": submission.pk if submission else "", "action": action}
    for code, fields in rows.items():
        for part, text in fields.items():
            data[f"{code}-{part}"] = text
    return data


def speaking(client, language: str):
    """`client` after choosing `language` with the header's switch (its cookie), as a user
    does: the browser's own Accept-Language is not followed."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def vi(message: str, *, first_capital: bool = False, html: bool = True, **params) -> str:
    """`message` as the Vietnamese page shows it: through the catalogue (so the test still
    holds once the text is translated), with `params` filled in, escaped for the HTML."""
    with translation.override("vi"):
        text = translation.gettext(message)
        if params:
            text = text % params
    if first_capital:
        text = capfirst(text)
    return escape(text) if html else text


# --- report files -------------------------------------------------------------------------

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


def xlsx_bytes(rows: list[list[object]], *, percent_columns: tuple[int, ...] = (),
               merged: tuple[str, ...] = ()) -> bytes:
    """A workbook of one sheet holding `rows`; `merged` are ranges merged as Excel merges
    them (`"C6:F6"`: the text stays in the first cell, the others are empty)."""
    workbook = Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    for cells in merged:
        sheet.merge_cells(cells)
    for column in percent_columns:
        for cells in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            for cell in cells:
                cell.number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the API ---------------------------------------------------------------------------------


def token_make(user, *, name: str = "tỉnh", read_only: bool = False) -> str:
    """A new API token of `user` (made by the system operator, as `manage.py api_token`
    does); the key, which is all a caller has."""
    from api.services import token_create
    from districts.scope import SYSTEM

    return token_create(user=user, name=name, read_only=read_only, actor=SYSTEM).key


def bearer(key: str, *, scheme: str = "Bearer") -> dict[str, str]:
    """The request headers that carry `key` (for the test client's `headers=`)."""
    return {"Authorization": f"{scheme} {key}"}
