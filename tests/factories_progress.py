"""Plans, targets and actuals for the progress tests, with the figures of the source plans.

`disu_plan()` is Dị Sử's 2024 plan (seed 004): the ward's own 2024 targets, Appendix I's
2023 targets and 2024 plan on Thị xã Mỹ Hào (328), and the town's 2023 results as printed
(the total 62.750 whose levels add up to 62.500; employment printed ">92", no number).
"""

from __future__ import annotations

from decimal import Decimal

from districts.models import Unit
from plans.models import Plan
from reports.models import Actual, Submission
from targets.models import Indicator, Target
from tests.factories import unit_by_code


def make_plan(
    code: str,
    issuer: Unit,
    first_year: int,
    last_year: int | None = None,
    *,
    kind: str = Plan.Kind.ANNUAL,
    units_deadline: str = "12-15",
    title: str = "",
) -> Plan:
    return Plan.objects.create(
        code=code,
        title=title or f"Kế hoạch {code}",
        issuer=issuer,
        kind=kind,
        first_year=first_year,
        last_year=last_year or first_year,
        status=Plan.Status.ISSUED,
        units_deadline=units_deadline,
    )


def make_target(
    plan: Plan,
    indicator: str,
    unit: Unit,
    year: int,
    value: str | int,
    operator: str = "gte",
    value_high: str | int | None = None,
    wording: str = "",
) -> Target:
    return Target.objects.create(
        plan=plan,
        indicator=Indicator.objects.get(code=indicator),
        unit=unit,
        year=year,
        operator=operator,
        value=Decimal(str(value)),
        value_high=Decimal(str(value_high)) if value_high is not None else None,
        wording=wording,
    )


def make_actual(
    indicator: str,
    unit: Unit,
    period: str,
    value: str | int | None,
    *,
    printed: str = "",
    numerator: str | int | None = None,
    denominator: str | int | None = None,
    is_sample: bool = False,
) -> Actual:
    return Actual.objects.create(
        indicator=Indicator.objects.get(code=indicator),
        unit=unit,
        period=period,
        year=int(period[:4]),
        value=Decimal(str(value)) if value is not None else None,
        printed=printed,
        numerator=Decimal(str(numerator)) if numerator is not None else None,
        denominator=Decimal(str(denominator)) if denominator is not None else None,
        origin=Actual.Origin.DOCUMENT,
        is_sample=is_sample,
    )


def make_submission(unit: Unit, period: str, state: str = Submission.State.SUBMITTED):
    return Submission.objects.create(unit=unit, period=period, year=int(period[:4]), state=state)


# Appendix I of Dị Sử's plan: (indicator, operator, 2023 target, 2024 plan), in print order.
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


def disu_plan() -> Plan:
    """disu-2024 issued by Phường Dị Sử (12121), Appendix I on Thị xã Mỹ Hào (328)."""
    ward, town = unit_by_code("12121"), unit_by_code("328")
    plan = make_plan("disu-2024", ward, 2023, 2024, units_deadline="12-01")
    for indicator, operator, value, printed in (
        ("enrol_total", "gte", "1400", "1.400 người"),
        ("employed_after_training_rate", "gt", "92", "trên 92%"),
        ("trained_rate", "gt", "86.2", "trên 86,2%"),
        ("certified_rate", "approx", "33", "khoảng 33%"),
        ("admin_procedures_on_time_rate", "gte", "100", "100%"),
    ):
        make_target(plan, indicator, ward, 2024, value, operator, wording=printed)
    # In print order: 2023 targets first (the layout keeps the order they were entered in).
    for indicator, operator, target_2023, _plan_2024 in DISU_APPENDIX_I:
        make_target(plan, indicator, town, 2023, target_2023, operator)
    for indicator, operator, _target_2023, plan_2024 in DISU_APPENDIX_I:
        if plan_2024 is None:  # employment 2024 is "92,5%": gte 92.5
            make_target(plan, indicator, town, 2024, "92.5", "gte", wording="92,5%")
        else:
            make_target(plan, indicator, town, 2024, plan_2024, operator)
    for indicator, value in DISU_2024_ONLY:
        make_target(plan, indicator, town, 2024, value)
    for indicator, value, printed in DISU_RESULTS_2023:
        make_actual(indicator, town, "2023", value, printed=printed)
    return plan


def hanoi_graduate_quotas() -> list[tuple[str, Decimal]]:
    """Appendix I of Hà Nội's 2024 plan: (district code, quota), 30 rows adding to 26.934."""
    from plans.demo_sources import PLANS

    plan = next(p for p in PLANS if p["code"] == "hn-2024")
    return [
        (t["unit"], Decimal(t["value"]))
        for t in plan["targets"]
        if t["indicator"] == "graduates_attracted" and t.get("parent")
    ]


# Hà Nội's own 2024 targets (seed 000): indicator, value.
HANOI_2024 = (
    ("enrol_total", "235000"),
    ("enrol_college", "26000"),
    ("enrol_intermediate", "30000"),
    ("enrol_elementary", "179000"),
    ("trained_rate", "74.2"),
    ("certified_rate", "54.0"),
)


def hanoi_plan(*, quotas: int = 30, code: str = "hn-2024", actuals: bool = True) -> Plan:
    """hn-2024: the city's own targets and the graduate quotas of its first `quotas`
    districts, with some results: the city half-way through 2024 (and 2023 for its season),
    Ba Đình over its quota (700 of 650), Đống Đa under it (900 of 1.050)."""
    hanoi = unit_by_code("01")
    plan = make_plan(code, hanoi, 2024, units_deadline="12-15")
    for indicator, value in HANOI_2024:
        make_target(plan, indicator, hanoi, 2024, value)
    for district, value in hanoi_graduate_quotas()[:quotas]:
        make_target(plan, "graduates_attracted", unit_by_code(district), 2024, value)
    if not actuals:
        return plan
    make_actual("enrol_total", hanoi, "2023S1", 110000)
    make_actual("enrol_total", hanoi, "2023", 230000)
    make_actual("enrol_total", hanoi, "2024S1", 120000)
    make_actual("trained_rate", hanoi, "2023", "72.8")
    make_actual("trained_rate", hanoi, "2024S1", "73.5")
    make_actual("graduates_attracted", unit_by_code("001"), "2024", 700)
    make_actual("graduates_attracted", unit_by_code("006"), "2024", 900)
    return plan
