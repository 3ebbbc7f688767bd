from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from reports.progress.basis import Basis, coverage_text
from reports.rules import (
    Aggregate,
    Projection,
    Status,
    aggregate_counts,
    aggregate_rates,
    closed_year_status,
    growth_ratio,
    in_progress_status,
    milestone_status,
    needed_per_year,
    no_data_status,
    project_year_end,
)
from targets.operators import IndicatorKind, Operator, Outcome

D = Decimal
COUNT, RATE, LEVEL = IndicatorKind.COUNT, IndicatorKind.RATE, IndicatorKind.LEVEL


# --- closed year ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        (Outcome.MET, Status.MET),
        (Outcome.NOT_MET, Status.NOT_MET),
        (Outcome.EXCEEDED, Status.EXCEEDED),
        ("met", Status.MET),
    ],
)
def test_a_closed_year_takes_its_outcome(outcome, status):
    assert closed_year_status(outcome) is status


# --- projection -----------------------------------------------------------------------------


def test_it_projects_with_last_years_season():
    projection = project_year_end(
        ytd=D(600), elapsed_share=D("0.5"), last_year_same_period=D(400), last_year_annual=D(1000)
    )
    assert projection == Projection(value=D(1500), method="seasonal", share=D("0.4"))


def test_without_history_it_projects_linearly():
    projection = project_year_end(
        ytd=D(600), elapsed_share=D("0.5"), last_year_same_period=None, last_year_annual=None
    )
    assert projection == Projection(value=D(1200), method="linear", share=D("0.5"))


@pytest.mark.parametrize(
    ("same_period", "annual"),
    [(D(400), None), (None, D(1000)), (D(0), D(1000)), (D(400), D(0)), (D(1200), D(1000))],
)
def test_incomplete_or_broken_history_falls_back_to_linear(same_period, annual):
    projection = project_year_end(
        ytd=D(300),
        elapsed_share=D("0.25"),
        last_year_same_period=same_period,
        last_year_annual=annual,
    )
    assert projection.method == "linear"
    assert projection.value == D(1200)


# --- year in progress ----------------------------------------------------------------------


def _count_status(projected, target="1000", operator=Operator.GTE, high=None, **kwargs):
    return in_progress_status(
        kind=COUNT,
        operator=operator,
        target=D(target),
        target_high=D(high) if high else None,
        latest=D(1),
        projection=Projection(D(projected), "linear", D("0.5")),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("projected", "status"),
    [
        ("1500", Status.ON_TRACK),
        ("1000", Status.ON_TRACK),
        ("999.99", Status.AT_RISK),
        ("900", Status.AT_RISK),
        ("899.99", Status.OFF_TRACK),
        ("0", Status.OFF_TRACK),
    ],
)
def test_a_count_is_judged_on_its_projection(projected, status):
    assert _count_status(projected) is status


def test_gt_needs_the_projection_above_the_target():
    assert _count_status("1000", operator=Operator.GT) is Status.AT_RISK
    assert _count_status("1001", operator=Operator.GT) is Status.ON_TRACK


def test_a_range_is_judged_on_its_low_end():
    assert _count_status("40", target="40", high="45", operator=Operator.RANGE) is Status.ON_TRACK
    assert _count_status("36", target="40", high="45", operator=Operator.RANGE) is Status.AT_RISK
    assert _count_status("35", target="40", high="45", operator=Operator.RANGE) is Status.OFF_TRACK


def test_approx_counts_its_tolerance():
    # approx 1.400 is met from 1.358 (3 %): 1.358 on track, 90 % of it at risk.
    assert _count_status("1358", target="1400", operator=Operator.APPROX) is Status.ON_TRACK
    assert _count_status("1300", target="1400", operator=Operator.APPROX) is Status.AT_RISK


def test_an_at_most_count_is_mirrored():
    assert _count_status("100", target="100", operator=Operator.LTE) is Status.ON_TRACK
    assert _count_status("110", target="100", operator=Operator.LTE) is Status.AT_RISK
    assert _count_status("112", target="100", operator=Operator.LTE) is Status.OFF_TRACK
    assert _count_status("100", target="100", operator=Operator.LT) is Status.AT_RISK


def test_a_level_without_projection_uses_its_latest_value():
    status = in_progress_status(
        kind=LEVEL, operator=Operator.GTE, target=D(20), target_high=None,
        latest=D(19), projection=None,
    )
    assert status is Status.AT_RISK


def _rate_status(latest, target="80", operator=Operator.GTE, **kwargs):
    return in_progress_status(
        kind=RATE,
        operator=operator,
        target=D(target),
        target_high=kwargs.pop("high", None),
        latest=D(latest),
        projection=Projection(D(0), "linear", D("0.5")),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        ("85", Status.ON_TRACK),
        ("80", Status.ON_TRACK),
        ("79.5", Status.AT_RISK),
        ("79", Status.AT_RISK),
        ("78.9", Status.OFF_TRACK),
    ],
)
def test_a_rate_is_judged_on_its_latest_value_in_points(latest, status):
    assert _rate_status(latest) is status


def test_a_rate_against_gt_must_be_strictly_above():
    assert _rate_status("80", operator=Operator.GT) is Status.AT_RISK
    assert _rate_status("80.1", operator=Operator.GT) is Status.ON_TRACK


def test_a_lower_is_better_rate_is_mirrored():
    assert _rate_status("5", target="5", higher_is_better=False) is Status.ON_TRACK
    assert _rate_status("6", target="5", higher_is_better=False) is Status.AT_RISK
    assert _rate_status("6.1", target="5", higher_is_better=False) is Status.OFF_TRACK
    assert _rate_status("4", target="5", operator=Operator.LT) is Status.ON_TRACK


def test_in_progress_without_any_value_is_no_data():
    status = in_progress_status(
        kind=RATE, operator=Operator.GTE, target=D(80), target_high=None,
        latest=None, projection=None,
    )
    assert status is Status.NO_DATA


# --- no data ------------------------------------------------------------------------------


def test_no_data_becomes_overdue_after_the_deadline():
    deadline = date(2024, 7, 15)
    assert no_data_status(today=date(2024, 7, 15), deadline=deadline) is Status.NO_DATA
    assert no_data_status(today=date(2024, 7, 16), deadline=deadline) is Status.OVERDUE
    assert no_data_status(today=date(2030, 1, 1), deadline=None) is Status.NO_DATA


# --- milestones ---------------------------------------------------------------------------


def test_growth_ratio_compares_compound_rates():
    # 100 → 121 in two years is 10 % a year; reaching 161,051 by 2025 from 2020 needs 10 %.
    ratio = growth_ratio(
        actuals=[(2020, D(100)), (2022, D(121))], target=D("161.051"), target_year=2025
    )
    assert ratio == pytest.approx(D(1))


def test_growth_ratio_of_half_the_pace():
    # 100 → 110 in two years is 4,88 % a year; 21 % by 2022 (+2) needs 10 %.
    ratio = growth_ratio(actuals=[(2020, D(100)), (2022, D(110))], target=D(121), target_year=2022)
    assert ratio == pytest.approx(D("0.4881"), abs=D("0.0001"))


@pytest.mark.parametrize(
    "actuals",
    [[], [(2021, D(100))], [(2021, D(0)), (2023, D(50))], [(2021, D(-5)), (2023, D(50))]],
)
def test_growth_ratio_needs_two_years_from_a_positive_start(actuals):
    assert growth_ratio(actuals=actuals, target=D(200), target_year=2030) is None


def test_growth_ratio_of_a_falling_target_and_a_falling_series():
    # From 10 to 5.12 in three years is −20 % a year; reaching 4.096 by 2024 needs −20 %.
    ratio = growth_ratio(
        actuals=[(2020, D(10)), (2023, D("5.12"))], target=D("4.096"), target_year=2024
    )
    assert ratio == pytest.approx(D(1))


def _milestone(values, target="200", operator=Operator.GTE, **kwargs):
    actuals = [(2021 + i, D(v)) for i, v in enumerate(values)]
    return milestone_status(
        actuals=actuals, target=D(target), target_year=2030, operator=operator,
        kind=kwargs.pop("kind", COUNT), **kwargs,
    )


@pytest.mark.parametrize(
    ("latest", "ratio", "status"),
    [
        ("220", "1.2", Status.ON_TRACK),
        ("195", "0.95", Status.ON_TRACK),
        ("194", "0.94", Status.AT_RISK),
        ("160", "0.6", Status.AT_RISK),
        ("159", "0.59", Status.OFF_TRACK),
        ("100", "0", Status.OFF_TRACK),
        ("50", "-0.5", Status.OFF_TRACK),
    ],
)
def test_milestone_thresholds(latest, ratio, status):
    # 100 in 2028 and 400 by 2030 needs +100 % a year, so R is the growth seen in 2029.
    found = milestone_status(
        actuals=[(2028, D(100)), (2029, D(latest))],
        target=D(400),
        target_year=2030,
        operator=Operator.GTE,
        kind=COUNT,
    )
    assert found == (status, D(ratio))


def test_a_milestone_already_met_is_met():
    assert _milestone(["150", "210"])[0] is Status.MET
    assert _milestone(["210"])[0] is Status.MET


def test_a_milestone_with_one_actual_has_no_data():
    assert _milestone(["150"]) == (Status.NO_DATA, None)
    assert _milestone([]) == (Status.NO_DATA, None)


def test_a_milestone_that_slipped_below_is_off_track():
    assert _milestone(["220", "190"]) == (Status.OFF_TRACK, None)


def test_a_milestone_from_zero_compares_yearly_increments():
    # 0 → 20 in one year; 200 by 2030 needs 200 / 9 a year: R = 0,9.
    status, ratio = _milestone(["0", "20"])
    assert status is Status.AT_RISK
    assert ratio == pytest.approx(D("0.9"))


def test_an_at_most_milestone_falls_towards_its_target():
    # Dropout 10 % in 2021, at most 5 % by 2030 (−7,4 % a year); 9,2 % in 2022 is −8 %.
    status, ratio = _milestone(["10", "9.2"], target="5", operator=Operator.LTE, kind=RATE)
    assert status is Status.ON_TRACK
    assert ratio > 1
    status, ratio = _milestone(["10", "11"], target="5", operator=Operator.LTE, kind=RATE)
    assert status is Status.OFF_TRACK
    assert ratio < 0


def test_needed_per_year():
    assert needed_per_year(latest=D(120), latest_year=2024, target=D(200), target_year=2030) == (
        D(80) / D(6)
    )
    assert needed_per_year(latest=D(120), latest_year=2026, target=D(200), target_year=2030) == D(
        20
    )
    assert needed_per_year(latest=D(120), latest_year=2030, target=D(200), target_year=2030) is None


# --- aggregation --------------------------------------------------------------------------


def test_counts_add_and_say_their_coverage():
    aggregate = aggregate_counts([D(1700), None, D(4200), D(56600)])
    assert aggregate == Aggregate(value=D(62500), covered=3, total=4)


def test_counts_with_nothing_reported():
    assert aggregate_counts([None, None]) == Aggregate(value=None, covered=0, total=2)


def test_rates_add_numerators_and_denominators():
    aggregate = aggregate_rates([(D(10), D(20)), (D(30), D(100))])
    assert aggregate.value.quantize(D("0.1")) == D("33.3")
    assert aggregate.value != D(40)
    assert (aggregate.numerator, aggregate.denominator) == (D(40), D(120))
    assert (aggregate.covered, aggregate.total) == (2, 2)


def test_a_rate_without_denominator_is_left_out():
    aggregate = aggregate_rates([(D(10), D(20)), (D(30), None), (None, None)])
    assert aggregate.value == D(50)
    assert (aggregate.covered, aggregate.total) == (1, 3)


def test_rates_with_nothing_reported():
    assert aggregate_rates([(None, None)]) == Aggregate(value=None, covered=0, total=1)


def test_coverage_says_what_it_counts_on_each_basis():
    with translation.override("en"):
        assert coverage_text(Basis.SUBMITTED, covered=18, total=30) == (
            "18/30 units given a target have submitted"
        )
        assert coverage_text(Basis.APPROVED, covered=12, total=30) == (
            "12/30 units given a target have been approved"
        )
        assert coverage_text(Basis.ALL, covered=22, total=30) == (
            "22/30 units given a target have figures, drafts included"
        )
