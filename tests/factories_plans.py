"""Plans and targets for tests, with the source plans' real figures."""

from __future__ import annotations

from decimal import Decimal

from districts.formatting import vietnamese_number
from districts.models import Unit
from plans.models import Plan
from reports.models import Actual
from targets.models import Indicator, Target
from tests.factories import unit_by_code

# Hà Nội 2024, Appendix I: quotas of graduates to draw into vocational training.
HANOI_2024_GRADUATE_QUOTAS = {
    "001": 650,  # Quận Ba Đình
    "006": 1050,  # Quận Đống Đa
    "271": 3500,  # Huyện Ba Vì
}


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def plan_make(
    code: str = "hn-2024",
    *,
    issuer: str | Unit = "01",
    first_year: int = 2024,
    last_year: int | None = None,
    status: str = Plan.Status.DRAFT,
    **fields,
) -> Plan:
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
        value_high=Decimal(str(value_high)) if value_high is not None else None,
        wording=wording,
    )


def hanoi_2024(*, quotas: dict[str, int] | None = None, status: str = Plan.Status.DRAFT) -> Plan:
    """Hà Nội's 2024 plan: city targets and graduate quotas on some districts."""
    plan = plan_make("hn-2024", status=status, signer="Vũ Thu Hà, Phó Chủ tịch")
    target_make(plan, "enrol_total", 235000, wording="235.000 lượt người")
    target_make(plan, "trained_rate", "74.2", wording="đạt 74,2%")
    target_make(plan, "certified_rate", "54.0", wording="đạt 54,0%")
    for code, value in (quotas or HANOI_2024_GRADUATE_QUOTAS).items():
        printed = f"{vietnamese_number(Decimal(value))} người"  # 1.050 người
        target_make(plan, "graduates_attracted", value, unit=code, wording=printed)
    return plan


def actual_make(indicator_code: str, unit: str, year: int, value) -> Actual:
    return Actual.objects.create(
        indicator=indicator(indicator_code),
        unit=unit_by_code(unit, year=year),
        period=str(year),
        year=year,
        value=Decimal(str(value)),
        origin=Actual.Origin.TYPED,
    )
