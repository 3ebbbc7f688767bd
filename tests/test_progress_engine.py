"""The progress engine: each status rule, projections, milestones, warnings and aggregates,
with literal numbers (no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from districts.formatting import plain
from reports.periods import Period
from reports.progress.engine import (
    IndicatorFacts,
    Method,
    TargetFacts,
    Value,
    aggregate,
    aggregate_period,
    allocation_warning,
    assess,
    latest_year_to_date,
    rounded_achievement,
)
from reports.rules import Status
from targets.operators import IndicatorKind, Operator

D = Decimal
ENROL_TOTAL = IndicatorFacts(
    "enrol_total",
    IndicatorKind.COUNT,
    components=("enrol_college", "enrol_intermediate", "enrol_elementary"),
)
ENROL_COLLEGE = IndicatorFacts("enrol_college", IndicatorKind.COUNT)
ENROL_ELEMENTARY = IndicatorFacts("enrol_elementary", IndicatorKind.COUNT)
SUPPORT_DEMOBILIZED = IndicatorFacts(
    "enrol_support_demobilized", IndicatorKind.COUNT, part_of="enrol_elementary"
)
TRAINED_RATE = IndicatorFacts("trained_rate", IndicatorKind.RATE)
CERTIFIED_RATE = IndicatorFacts("certified_rate", IndicatorKind.RATE, part_of="trained_rate")
EMPLOYED_RATE = IndicatorFacts("employed_after_training_rate", IndicatorKind.RATE)
GRADUATES_RATE = IndicatorFacts("graduates_attracted_rate", IndicatorKind.RATE)
INSTITUTIONS = IndicatorFacts("institutions", IndicatorKind.LEVEL)

TODAY_2024 = date(2024, 7, 20)
DEADLINE_2024 = date(2024, 12, 15)


def target(indicator, year, value, operator=Operator.GTE, high=None) -> TargetFacts:
    return TargetFacts(
        indicator, year, Operator(operator), D(str(value)), D(str(high)) if high else None
    )


def values(code: str, **by_period) -> dict:
    """values("enrol_total", p2023=62750, p2024S1=450) → the unit's series of one indicator."""
    series = {}
    for key, value in by_period.items():
        period = Period.parse(key.removeprefix("p"))
        series[str(period)] = Value(period, D(str(value)) if value is not None else None)
    return {code: series}


def judge(facts, unit_values, *, today=TODAY_2024, deadline=DEADLINE_2024, multi_year=False):
    return assess(facts, unit_values, today=today, deadline=deadline, multi_year=multi_year)


# --- closed year -------------------------------------------------------------------------------


def test_it_marks_a_closed_year_met_with_actual_over_target():
    result = judge(target(ENROL_TOTAL, 2023, 62500), values("enrol_total", p2023=62750))

    assert result.status is Status.MET
    assert result.method is Method.CLOSED
    assert result.actual == D(62750)
    assert rounded_achievement(result.achievement) == D("1.004")


def test_it_marks_a_closed_year_not_met_and_shows_the_share_reached():
    result = judge(target(ENROL_COLLEGE, 2023, 3000), values("enrol_college", p2023=1700))

    assert result.status is Status.NOT_MET
    assert rounded_achievement(result.achievement) == D("0.567")


def test_it_reports_a_range_above_its_high_end_as_exceeded():
    facts = target(GRADUATES_RATE, 2025, 40, Operator.RANGE, 45)

    result = judge(facts, values("graduates_attracted_rate", p2025=47))

    assert result.status is Status.EXCEEDED
    assert result.achievement == D(7)  # points above the low end


def test_it_compares_80_strictly_against_gt_80_and_not_against_gte_80():
    series = values("trained_rate", p2024="80.0")

    assert judge(target(TRAINED_RATE, 2024, 80, Operator.GT), series).status is Status.NOT_MET
    assert judge(target(TRAINED_RATE, 2024, 80, Operator.GTE), series).status is Status.MET


def test_it_gives_rates_their_achievement_in_points():
    result = judge(target(TRAINED_RATE, 2024, "74.2"), values("trained_rate", p2024="73.7"))

    assert result.achievement == D("-0.5")


def employment_printed(text: str) -> dict:
    return {"employed_after_training_rate": {"2023": Value(Period(2023), None, text)}}


@pytest.mark.parametrize(("printed", "operator", "value", "status"), [
    (">92", Operator.GT, 92, Status.MET),  # Mỹ Hào 2023: ">92" against "trên 92"
    (">92", Operator.GTE, 92, Status.MET),  # ... and against "đạt 92"
    ("trên 93", Operator.GT, 92, Status.MET),
    ("<5", Operator.GT, 92, Status.NOT_MET),
    ("≤ 92", Operator.GT, 92, Status.NOT_MET),
])
def test_a_result_printed_as_a_bound_is_judged_when_the_bound_settles_it(
    printed, operator, value, status
):
    result = judge(target(EMPLOYED_RATE, 2023, value, operator), employment_printed(printed))

    assert result.status is status
    assert result.actual is None and result.achievement is None
    assert result.printed == printed and result.warnings == []


def test_a_bound_that_cannot_settle_the_target_is_no_data_and_says_so():
    with translation.override("en"):
        result = judge(target(EMPLOYED_RATE, 2023, 92, Operator.GT), employment_printed(">90"))

    assert result.status is Status.NO_DATA
    assert result.warnings == [
        "printed as “>90”: that bound cannot tell whether the target is met"
    ]


def test_it_reports_a_value_printed_without_a_number_honestly():
    printed = employment_printed("khoảng trên chín mươi")

    with translation.override("en"):
        result = judge(target(EMPLOYED_RATE, 2023, 92, Operator.GT), printed)

    assert result.status is Status.NO_DATA
    assert result.actual is None
    assert result.achievement is None
    assert result.warnings == ["printed as “khoảng trên chín mươi”, not a number"]


# --- year in progress --------------------------------------------------------------------------


def test_it_projects_with_last_years_season_when_the_unit_has_history():
    # By June last year the unit had 400 of its 1.000: this year's 450 points to 1.125.
    series = values("enrol_college", p2023S1=400, p2023=1000, p2024S1=450)

    result = judge(target(ENROL_COLLEGE, 2024, 1000), series)

    assert result.method is Method.SEASONAL
    assert result.projection.value == D(1125)
    assert result.projection.share == D("0.4")
    assert result.status is Status.ON_TRACK
    assert result.actual == D(450)
    assert str(result.period) == "2024S1"


def test_it_projects_linearly_without_history_and_says_so():
    with translation.override("en"):
        result = judge(target(ENROL_COLLEGE, 2024, 1000), values("enrol_college", p2024S1=450))

    assert result.method is Method.LINEAR
    assert result.projection.value == D(900)  # 450 in half a year
    assert result.status is Status.AT_RISK  # 0,90 of the target
    assert any("linear projection" in warning for warning in result.warnings)


def test_it_is_off_track_when_the_projection_falls_below_nine_tenths():
    result = judge(target(ENROL_COLLEGE, 2024, 1000), values("enrol_college", p2024Q1=100))

    assert result.projection.value == D(400)
    assert result.status is Status.OFF_TRACK


def test_it_takes_the_latest_year_to_date_value():
    series = values("enrol_college", p2024Q1=100, p2024M05=300)["enrol_college"]

    assert str(latest_year_to_date(series, 2024).period) == "2024M05"


def test_it_does_not_project_a_rate_and_allows_one_point_of_risk():
    facts = target(TRAINED_RATE, 2024, "74.2")

    assert judge(facts, values("trained_rate", p2024S1="75")).status is Status.ON_TRACK
    assert judge(facts, values("trained_rate", p2024S1="73.5")).status is Status.AT_RISK
    assert judge(facts, values("trained_rate", p2024S1="72")).status is Status.OFF_TRACK
    assert judge(facts, values("trained_rate", p2024S1="73.5")).method is Method.LATEST


def test_it_compares_a_level_as_it_stands_during_the_year():
    result = judge(target(INSTITUTIONS, 2024, 26), values("institutions", p2024S1=26))

    assert result.method is Method.LATEST
    assert result.status is Status.ON_TRACK


def test_it_warns_when_the_year_is_over_and_only_a_year_to_date_figure_is_in():
    with translation.override("en"):
        result = judge(
            target(ENROL_COLLEGE, 2023, 1000),
            values("enrol_college", p2023S1=600),
            today=date(2024, 3, 1),
        )

    assert result.status is Status.ON_TRACK
    assert any("the year is over" in warning for warning in result.warnings)


# --- milestones --------------------------------------------------------------------------------


def test_it_judges_a_later_milestone_on_the_growth_ratio():
    # Hải Phòng: certificates 40 % by 2025; 30 % in 2021 and 34 % in 2023.
    # Observed (34/30)^(1/2) − 1 = 6,46 %/year; needed (40/30)^(1/4) − 1 = 7,46 %: R = 0,87.
    series = values("certified_rate", p2021=30, p2023=34)

    result = judge(target(CERTIFIED_RATE, 2025, 40), series, multi_year=True)

    assert result.method is Method.MILESTONE
    assert result.ratio.quantize(D("0.01")) == D("0.87")
    assert result.status is Status.AT_RISK
    assert result.actual == D(34)
    assert result.needed_per_year == D(3)  # (40 − 34) ÷ 2 years


def test_it_is_on_track_with_r_above_095_and_off_track_when_falling():
    facts = target(CERTIFIED_RATE, 2025, 40)

    rising = judge(facts, values("certified_rate", p2021=30, p2023=35), multi_year=True)
    falling = judge(facts, values("certified_rate", p2021=30, p2023=28), multi_year=True)

    assert rising.status is Status.ON_TRACK
    assert falling.status is Status.OFF_TRACK
    assert falling.ratio < 0


def test_it_needs_two_annual_actuals_and_a_multi_year_plan_for_a_milestone():
    facts = target(CERTIFIED_RATE, 2025, 40)

    one_year = judge(facts, values("certified_rate", p2023=34), multi_year=True)
    annual_plan = judge(facts, values("certified_rate", p2021=30, p2023=34), multi_year=False)

    assert one_year.method is Method.NONE
    assert annual_plan.method is Method.NONE


# --- nothing reported --------------------------------------------------------------------------


def test_it_is_no_data_before_the_deadline_and_overdue_after():
    facts = target(ENROL_TOTAL, 2024, 235000)

    before = judge(facts, {}, today=date(2024, 12, 15))
    after = judge(facts, {}, today=date(2024, 12, 16))

    assert before.status is Status.NO_DATA
    assert after.status is Status.OVERDUE


def test_it_stays_no_data_without_a_deadline():
    result = judge(target(ENROL_TOTAL, 2022, 224500), {}, today=date(2030, 1, 1), deadline=None)

    assert result.status is Status.NO_DATA


# --- warnings on stored values -----------------------------------------------------------------


def test_it_warns_that_di_sus_2023_levels_do_not_add_up_to_the_total():
    stored = {
        **values("enrol_total", p2023=62750),
        **values("enrol_college", p2023=1700),
        **values("enrol_intermediate", p2023=4200),
        **values("enrol_elementary", p2023=56600),
    }

    with translation.override("en"):
        result = judge(target(ENROL_TOTAL, 2023, 62500), stored)

    assert result.warnings == [
        "components add up to 62,500, the total says 62,750 (difference 250)"
    ]


def test_it_warns_about_an_of_which_part_above_its_whole():
    stored = {
        **values("enrol_elementary", p2024=500),
        **values("enrol_support_demobilized", p2024=600),
    }

    with translation.override("en"):
        result = judge(target(SUPPORT_DEMOBILIZED, 2024, 90), stored)

    assert result.warnings == ["the of-which part 600 is larger than its whole 500"]


def test_it_warns_about_a_threefold_jump_against_last_year():
    stored = values("enrol_college", p2023=900, p2024=3000)

    with translation.override("en"):
        result = judge(target(ENROL_COLLEGE, 2024, 3200), stored)

    assert result.warnings == ["3,000 is more than three times last year's 900"]


def test_it_states_the_gap_of_quotas_that_do_not_add_up_to_the_target():
    with translation.override("en"):
        gap = allocation_warning(kind="count", target=D(2000), quotas=[D(650), D(1050)])

    assert gap == "the quotas of 2 units add up to 1,700, the target is 2,000 (gap 300)"
    assert allocation_warning(kind="count", target=D(1700), quotas=[D(650), D(1050)]) is None
    assert allocation_warning(kind="rate", target=D(74), quotas=[D(70), D(80)]) is None


# --- aggregation up the tree -------------------------------------------------------------------


def rate_value(numerator, denominator, value=None) -> Value:
    return Value(
        Period(2024),
        D(str(value)) if value is not None else None,
        numerator=D(str(numerator)) if numerator is not None else None,
        denominator=D(str(denominator)) if denominator is not None else None,
    )


def test_it_adds_rates_as_numerators_over_denominators_not_as_a_mean():
    result = aggregate("rate", [rate_value(10, 20, 50), rate_value(30, 100, 30)])

    assert result.value.quantize(D("0.1")) == D("33.3")  # not (50 + 30) ÷ 2 = 40
    assert (result.numerator, result.denominator) == (D(40), D(120))


def test_it_leaves_a_rate_without_denominator_out_and_says_so_in_the_coverage():
    children = [rate_value(10, 20), rate_value(30, 100), rate_value(None, None, 75)]

    result = aggregate("rate", children)

    assert result.value.quantize(D("0.1")) == D("33.3")
    assert (result.covered, result.total) == (2, 3)


def test_it_adds_counts_and_counts_the_units_without_a_value():
    children = [Value(Period(2024), D(650)), None, Value(Period(2024), D(1050)), None]

    result = aggregate("count", children)

    assert result.value == D(1700)
    assert (result.covered, result.total) == (2, 4)


def test_it_adds_the_children_up_for_the_year_when_any_has_its_annual_value():
    children = [
        values("enrol_total", p2024=100)["enrol_total"],
        values("enrol_total", p2024S1=40)["enrol_total"],
    ]

    assert aggregate_period(None, children, 2024) == Period(2024)
    assert aggregate_period(Period.parse("2024Q3"), children, 2024) == Period.parse("2024Q3")
    assert aggregate_period(None, children[1:], 2024) == Period.parse("2024S1")


# --- plain numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "shown"),
    [(D("62750.0000"), 62750), (D("74.2000"), 74.2), (D("0.0000"), 0), (None, None)],
)
def test_it_writes_integral_values_as_ints_and_the_rest_as_plain_decimals(stored, shown):
    assert plain(stored) == shown
    assert type(plain(stored)) is type(shown)


def test_its_notes_name_periods_in_words_not_codes():
    series = values("enrol_college", p2023S1=400, p2023=1000, p2024S1=450)
    with translation.override("vi"):
        result = judge(target(ENROL_COLLEGE, 2024, 1000), series)
    assert result.notes == [
        "dự báo cuối năm 1.125: hết 6 tháng đầu năm 2023, đơn vị đã đạt 40 % giá trị cả năm"
    ]
    assert not any("2024S1" in text or "2023S1" in text for text in result.notes)
