"""Status of a target, year-end projection, milestone growth and aggregation up the tree.

Pure functions of numbers: the caller fetches the values and passes them in.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from targets.operators import (
    IndicatorKind,
    Operator,
    Outcome,
    default_tolerance,
    evaluate,
    hold_distance,
    is_met,
)

ON_TRACK_SHARE = Decimal("0.90")  # projection ÷ target below 1 but at least this: at risk
RATE_MARGIN = Decimal(1)  # percentage points short of a rate target that are only at risk
GROWTH_ON_TRACK = Decimal("0.95")
GROWTH_AT_RISK = Decimal("0.60")


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    EXCEEDED = "exceeded"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    OVERDUE = "overdue"


def closed_year_status(outcome: Outcome | str) -> Status:
    """The year is over: its outcome is its status."""
    return Status(Outcome(outcome).value)


# --- year in progress --------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    value: Decimal
    method: Literal["seasonal", "linear"]
    share: Decimal


def project_year_end(
    *,
    ytd: Decimal,
    elapsed_share: Decimal,
    last_year_same_period: Decimal | None,
    last_year_annual: Decimal | None,
) -> Projection:
    """Year-end value as YTD ÷ s.

    s is seasonal, the share of last year's annual value reached by the same period last
    year, when both are known and positive (and the share is at most 1: a larger one is a
    data error); otherwise linear, the elapsed share of the year.
    """
    if (
        last_year_same_period is not None
        and last_year_annual is not None
        and last_year_same_period > 0
        and last_year_annual > 0
    ):
        share = last_year_same_period / last_year_annual
        if share <= 1:
            return Projection(ytd / share, "seasonal", share)
    return Projection(ytd / elapsed_share, "linear", elapsed_share)


def _upward(operator: Operator, higher_is_better: bool) -> bool:
    """Whether the target asks for at least a value (else: at most)."""
    if operator in (Operator.LTE, Operator.LT):
        return False
    return operator is Operator.EQ or higher_is_better


def _bar(
    operator: Operator,
    target: Decimal,
    target_high: Decimal | None,
    tolerance: Decimal,
    upward: bool,
) -> Decimal:
    """The value that would just meet the target at the year's end."""
    if operator is Operator.RANGE:
        return target if upward or target_high is None else target_high
    if operator is Operator.APPROX:
        return target - tolerance if upward else target + tolerance
    return target


def in_progress_status(
    *,
    kind: IndicatorKind | str,
    operator: Operator | str,
    target: Decimal,
    target_high: Decimal | None,
    latest: Decimal | None,
    projection: Projection | None,
    higher_is_better: bool = True,
    tolerance: Decimal | None = None,
    hold: bool = False,
) -> Status:
    """On track, at risk or off track while the year is running.

    Hold: the projection (counts) or the latest value within the tolerance of the target
    is on track, within twice the tolerance (at least 1 point for a rate, 3 % of the target
    otherwise) at risk, further off track.

    Counts and levels compare the projection (the latest value when there is none, as for a
    level, which is a stock) with the value that meets the target (a range's low end,
    `approx` less its tolerance): ratio ≥ 1 on track, 0,90–1 at risk, below off track.
    Rates are not projected: the latest value meeting the target is on track, at most
    1 point short at risk, further short off track. `gt`/`lt` need a strict margin. For an
    at-most target (`lte`, `lt`, or a lower-is-better indicator) everything is mirrored.
    `eq` counts as reaching the value.
    """
    kind, operator = IndicatorKind(kind), Operator(operator)
    basis = (
        projection.value
        if projection is not None and kind is not IndicatorKind.RATE
        else latest
    )
    if basis is None:
        return Status.NO_DATA
    if tolerance is None:
        tolerance = default_tolerance(kind, target)
    if hold:
        return _hold_in_progress(kind, target, target_high, basis, tolerance)
    upward = _upward(operator, higher_is_better)
    bar = _bar(operator, target, target_high, tolerance, upward)
    margin = basis - bar if upward else bar - basis
    if margin > 0 or (margin == 0 and operator not in (Operator.GT, Operator.LT)):
        return Status.ON_TRACK
    if kind is IndicatorKind.RATE:
        return Status.AT_RISK if margin >= -RATE_MARGIN else Status.OFF_TRACK
    if (bar if upward else basis) <= 0:
        return Status.OFF_TRACK
    ratio = basis / bar if upward else bar / basis
    return Status.AT_RISK if ratio >= ON_TRACK_SHARE else Status.OFF_TRACK


def _hold_in_progress(
    kind: IndicatorKind, target: Decimal, target_high: Decimal | None, basis: Decimal,
    tolerance: Decimal,
) -> Status:
    distance = hold_distance(
        value=target, value_high=target_high, actual=basis, tolerance=tolerance
    )
    if distance == 0:
        return Status.ON_TRACK
    if distance <= max(tolerance, default_tolerance(kind, target)):
        return Status.AT_RISK
    return Status.OFF_TRACK


def no_data_status(*, today: date, deadline: date | None) -> Status:
    """No value yet: `overdue` from the day after the unit's deadline."""
    if deadline is not None and today > deadline:
        return Status.OVERDUE
    return Status.NO_DATA


# --- milestones in later years -----------------------------------------------------------


def _annual_growth(start: Decimal, end: Decimal, years: int) -> Decimal:
    """Compound annual growth rate: (end ÷ start)^(1/years) − 1."""
    return (max(end, Decimal(0)) / start) ** (Decimal(1) / Decimal(years)) - 1


def growth_ratio(
    *, actuals: list[tuple[int, Decimal]], target: Decimal, target_year: int
) -> Decimal | None:
    """R = observed compound annual growth ÷ growth needed to reach the target.

    With the first annual actual a₀ in year y₀ and the latest aₙ in yₙ:
    observed g = (aₙ ÷ a₀)^(1/(yₙ − y₀)) − 1 and needed = (target ÷ a₀)^(1/(target_year − y₀)) − 1.
    R = 1 means growing exactly as fast as needed; R < 0 means moving the wrong way. Works
    for falling targets too (both rates negative). None with fewer than two years, a first
    actual or target ≤ 0, a target year not after the first actual, or no growth needed.
    """
    by_year = dict(sorted(actuals))
    if len(by_year) < 2:
        return None
    first_year, last_year = min(by_year), max(by_year)
    first = by_year[first_year]
    if first <= 0 or target <= 0 or target_year <= first_year:
        return None
    needed = _annual_growth(first, target, target_year - first_year)
    if needed == 0:
        return None
    return _annual_growth(first, by_year[last_year], last_year - first_year) / needed


def _linear_ratio(
    by_year: dict[int, Decimal], target: Decimal, target_year: int
) -> Decimal | None:
    """Yearly increment observed ÷ needed, for series starting at zero (no compound rate)."""
    first_year, last_year = min(by_year), max(by_year)
    first = by_year[first_year]
    if target_year <= first_year or target == first:
        return None
    observed = (by_year[last_year] - first) / (last_year - first_year)
    return observed / ((target - first) / (target_year - first_year))


def milestone_status(
    *,
    actuals: list[tuple[int, Decimal]],
    target: Decimal,
    target_year: int,
    operator: Operator | str,
    value_high: Decimal | None = None,
    kind: IndicatorKind | str,
    higher_is_better: bool = True,
    tolerance: Decimal | None = None,
    hold: bool = False,
) -> tuple[Status, Decimal | None]:
    """Status of a target for a later year (2030 in a 2021–2030 plan) and its growth ratio R.

    The latest annual actual already meeting the target → `met`. Otherwise, with two or
    more annual actuals: R ≥ 0,95 `on_track`, 0,60 ≤ R < 0,95 `at_risk`, below `off_track`
    (R < 0: moving away). A series that started on the right side of the target and fell
    back is `off_track`. When the first actual is 0 the compound rate does not exist and R
    compares yearly increments instead. Fewer than two actuals: `no_data`.
    """
    operator = Operator(operator)
    by_year = dict(sorted(actuals))
    if not by_year:
        return Status.NO_DATA, None
    if hold:
        return _hold_milestone(by_year, target, value_high, target_year, kind, tolerance)
    upward = _upward(operator, higher_is_better)
    falling_range = operator is Operator.RANGE and not upward
    goal = value_high if falling_range and value_high is not None else target
    ratio = growth_ratio(actuals=list(by_year.items()), target=goal, target_year=target_year)
    outcome = evaluate(
        operator=operator,
        value=target,
        value_high=value_high,
        actual=by_year[max(by_year)],
        kind=kind,
        higher_is_better=higher_is_better,
    )
    if is_met(outcome):
        return Status.MET, ratio
    if len(by_year) < 2:
        return Status.NO_DATA, None
    first = by_year[min(by_year)]
    if (goal <= first) if upward else (goal >= first):
        return Status.OFF_TRACK, None
    if ratio is None:
        ratio = _linear_ratio(by_year, goal, target_year)
    if ratio is None:
        return Status.NO_DATA, None
    if ratio >= GROWTH_ON_TRACK:
        return Status.ON_TRACK, ratio
    return (Status.AT_RISK if ratio >= GROWTH_AT_RISK else Status.OFF_TRACK), ratio


def _hold_milestone(
    by_year: dict[int, Decimal], target: Decimal, value_high: Decimal | None,
    target_year: int, kind: IndicatorKind | str, tolerance: Decimal | None,
) -> tuple[Status, Decimal | None]:
    """A later year's target to hold: met when the latest actual is within the tolerance;
    otherwise judged on the growth ratio towards the nearest end of the target."""
    if tolerance is None:
        tolerance = default_tolerance(kind, target)
    latest = by_year[max(by_year)]
    if hold_distance(value=target, value_high=value_high, actual=latest, tolerance=tolerance) == 0:
        return Status.MET, None
    if len(by_year) < 2:
        return Status.NO_DATA, None
    first = by_year[min(by_year)]
    high = value_high if value_high is not None else target
    goal = target if first < target else high
    if hold_distance(value=target, value_high=value_high, actual=first, tolerance=tolerance) == 0:
        return Status.OFF_TRACK, None  # it was held and drifted away
    ratio = growth_ratio(actuals=list(by_year.items()), target=goal, target_year=target_year)
    if ratio is None:
        ratio = _linear_ratio(by_year, goal, target_year)
    if ratio is None:
        return Status.NO_DATA, None
    if ratio >= GROWTH_ON_TRACK:
        return Status.ON_TRACK, ratio
    return (Status.AT_RISK if ratio >= GROWTH_AT_RISK else Status.OFF_TRACK), ratio


def needed_per_year(
    *, latest: Decimal, latest_year: int, target: Decimal, target_year: int
) -> Decimal | None:
    """The constant yearly change that takes `latest` to `target` by `target_year`
    (negative when the target is below the latest value). None when no year is left."""
    if target_year <= latest_year:
        return None
    return (target - latest) / (target_year - latest_year)


# --- aggregation up the unit tree --------------------------------------------------------


@dataclass(frozen=True)
class Aggregate:
    value: Decimal | None
    covered: int
    total: int
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    # The units left out because their value is only a bound, as printed (">92").
    bounds: tuple[str, ...] = ()


def aggregate_counts(values: list[Decimal | None]) -> Aggregate:
    """Counts add; the units without a value are left out and counted in the coverage."""
    present = [value for value in values if value is not None]
    return Aggregate(
        value=sum(present, Decimal(0)) if present else None,
        covered=len(present),
        total=len(values),
    )


def aggregate_rates(parts: list[tuple[Decimal | None, Decimal | None]]) -> Aggregate:
    """Σ numerators ÷ Σ denominators × 100, never the mean of the percentages.

    `parts` are (numerator, denominator) per unit; one without both is left out of the
    value and of the coverage.
    """
    complete = [(n, d) for n, d in parts if n is not None and d is not None]
    numerator = sum((n for n, _d in complete), Decimal(0))
    denominator = sum((d for _n, d in complete), Decimal(0))
    return Aggregate(
        value=numerator / denominator * 100 if denominator > 0 else None,
        covered=len(complete),
        total=len(parts),
        numerator=numerator if complete else None,
        denominator=denominator if complete else None,
    )
