"""An indicator to hold (Mỹ Hào keeps its network at 26 institutions while streamlining
it): met when |actual − target| ≤ tolerance, whatever side the actual lies on."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from reports.rules import Status, in_progress_status, milestone_status
from targets.operators import Operator, Outcome, evaluate, evaluate_bound, hold_distance


def _hold(actual: str, *, value: str = "26", tolerance: str | None = "1",
          operator: Operator = Operator.EQ, high: str | None = None, kind: str = "level"):
    return evaluate(
        operator=operator, value=D(value), value_high=D(high) if high else None,
        actual=D(actual), kind=kind, hold=True,
        tolerance=D(tolerance) if tolerance is not None else None,
    )


@pytest.mark.parametrize(
    ("actual", "outcome"),
    [("26", Outcome.MET), ("25", Outcome.MET), ("27", Outcome.MET),
     ("24", Outcome.NOT_MET), ("28", Outcome.NOT_MET)],
)
def test_it_meets_a_held_level_within_the_tolerance_on_either_side(actual, outcome):
    assert _hold(actual) is outcome


def test_it_reads_hold_the_same_whatever_the_operator():
    # "đạt 26" read as at least 26 would call 30 met; held at 26 ± 1 it is not.
    assert _hold("30", operator=Operator.GTE) is Outcome.NOT_MET
    assert evaluate(operator=Operator.GTE, value=D(26), value_high=None, actual=D(30),
                    kind="level") is Outcome.MET


def test_it_holds_a_range_widened_by_the_tolerance_and_never_exceeds():
    assert _hold("46", operator=Operator.RANGE, value="40", high="45") is Outcome.MET
    assert _hold("47", operator=Operator.RANGE, value="40", high="45") is Outcome.NOT_MET


def test_it_takes_the_default_tolerance_without_one():
    # 3 % of 200 is 6 for a count; 1 point for a rate.
    assert _hold("206", value="200", tolerance=None, kind="count") is Outcome.MET
    assert _hold("207", value="200", tolerance=None, kind="count") is Outcome.NOT_MET
    assert _hold("71,5".replace(",", "."), value="72", tolerance=None, kind="rate") is Outcome.MET


def test_a_zero_tolerance_holds_exactly():
    assert _hold("26", tolerance="0") is Outcome.MET
    assert _hold("25", tolerance="0") is Outcome.NOT_MET


def test_the_distance_outside_the_band():
    assert hold_distance(value=D(26), value_high=None, actual=D(29), tolerance=D(1)) == 2
    assert hold_distance(value=D(26), value_high=None, actual=D(25), tolerance=D(1)) == 0


def test_a_bound_inside_the_band_meets_it_and_one_outside_does_not():
    met = evaluate_bound(operator=Operator.EQ, value=D(26), value_high=None,
                         bound=(Operator.GT, D(30)), kind="level", hold=True, tolerance=D(1))
    assert met is Outcome.NOT_MET
    unknown = evaluate_bound(operator=Operator.EQ, value=D(26), value_high=None,
                             bound=(Operator.GT, D(25)), kind="level", hold=True,
                             tolerance=D(1))
    assert unknown is None


@pytest.mark.parametrize(
    ("latest", "status"),
    [("26", Status.ON_TRACK), ("28", Status.AT_RISK), ("24", Status.AT_RISK),
     ("30", Status.OFF_TRACK)],
)
def test_in_progress_a_held_level_is_on_track_near_the_target(latest, status):
    assert in_progress_status(
        kind="level", operator=Operator.EQ, target=D(26), target_high=None,
        latest=D(latest), projection=None, tolerance=D(1), hold=True,
    ) is status


def test_a_milestone_to_hold_is_met_when_the_latest_is_within_the_tolerance():
    status, _ratio = milestone_status(
        actuals=[(2022, D(30)), (2023, D(27))], target=D(26), target_year=2030,
        operator=Operator.EQ, kind="level", tolerance=D(1), hold=True,
    )
    assert status is Status.MET


def test_a_milestone_moving_towards_the_held_value_is_judged_on_its_pace():
    status, ratio = milestone_status(
        actuals=[(2021, D(34)), (2023, D(32))], target=D(26), target_year=2029,
        operator=Operator.EQ, kind="level", tolerance=D(1), hold=True,
    )
    assert ratio is not None and ratio > 0
    assert status is Status.AT_RISK  # R ≈ 0,90: moving the right way, a little slowly
    held_then_left, _ = milestone_status(
        actuals=[(2021, D(26)), (2023, D(30))], target=D(26), target_year=2030,
        operator=Operator.EQ, kind="level", tolerance=D(1), hold=True,
    )
    assert held_then_left is Status.OFF_TRACK
