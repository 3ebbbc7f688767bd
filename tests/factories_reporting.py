"""Plans, quotas and actual values for the reporting tests, with figures from the sources.

Hà Nội's 2024 plan (`hn-2024`, 72/KH-UBND) sets the city's enrolment targets; the quotas on
Ba Đình here are shaped like the districts' own plans (college + intermediate + elementary
add up to the total). Dị Sử's 2023 results (seed 004) are the case of components that do
not add up: 1.700 + 4.200 + 56.600 = 62.500 against a printed total of 62.750.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation
from django.utils.html import escape
from django.utils.text import capfirst

from districts.formatting import vietnamese_number
from districts.models import Unit
from plans.models import Plan
from reports.models import Actual, Submission
from reports.periods import Period
from targets.models import Indicator, Target

# Quotas on Quận Ba Đình for 2024 under hn-2024.
BA_DINH_QUOTAS = {
    "enrol_total": "6000",
    "enrol_college": "1400",
    "enrol_intermediate": "1600",
    "enrol_elementary": "3000",
}

DI_SU_2023 = {
    "enrol_total": "62.750",
    "enrol_college": "1.700",
    "enrol_intermediate": "4.200",
    "enrol_elementary": "56.600",
}


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def plan_make(
    *,
    issuer: Unit,
    code: str = "hn-2024",
    first_year: int = 2024,
    last_year: int = 2024,
    units_deadline: str = "12-15",
    consolidation_deadline: str = "12-31",
) -> Plan:
    return Plan.objects.create(
        code=code,
        number="72/KH-UBND",
        title="Kế hoạch phát triển giáo dục nghề nghiệp năm 2024",
        issuer=issuer,
        kind=Plan.Kind.ANNUAL,
        first_year=first_year,
        last_year=last_year,
        status=Plan.Status.ISSUED,
        units_deadline=units_deadline,
        consolidation_deadline=consolidation_deadline,
    )


def target_make(
    *, plan: Plan, code: str, unit: Unit, value: str, year: int = 2024, operator: str = "gte"
) -> Target:
    shown = vietnamese_number(Decimal(value))
    return Target.objects.create(
        plan=plan,
        indicator=indicator(code),
        unit=unit,
        year=year,
        operator=operator,
        value=Decimal(value),
        wording=f"{shown} người",
    )


def quotas_make(*, plan: Plan, unit: Unit, quotas: dict[str, str] = BA_DINH_QUOTAS) -> None:
    for code, value in quotas.items():
        target_make(plan=plan, code=code, unit=unit, value=value)


def actual_make(
    *,
    unit: Unit,
    code: str,
    period: str,
    value: str | None,
    note: str = "",
    user=None,
    source: str = "test",
    submission: Submission | None = None,
) -> Actual:
    actual = Actual(
        indicator=indicator(code),
        unit=unit,
        period=period,
        year=Period.parse(period).year,
        value=Decimal(value) if value is not None else None,
        note=note,
        origin=Actual.Origin.TYPED,
        updated_by=user,
        submission=submission,
    )
    actual._history_user = user
    actual._change_reason = source
    actual.save()
    return actual


def submission_make(*, unit: Unit, period: str, state: str = Submission.State.DRAFT, **extra):
    return Submission.objects.create(
        unit=unit, period=period, year=Period.parse(period).year, state=state, **extra
    )


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
