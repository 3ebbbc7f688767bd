"""How far one target is: its actual, achievement, status and warnings (DESIGN §3).

Pure functions over plain values, no database. The caller (`selectors`) fetches the
stored actuals of a unit and passes them in; the rules themselves live in
`reports.rules`, `targets.operators` and `reports.checks`, and are only combined here.

Which rule decides the status of a target for year Y:
1. an annual actual ("Y") exists: the year is closed (`met`, `not_met`, `exceeded`); one
   printed without a number (">92") stays `no_data` and says so;
2. else, in a multi-year strategy with at least two annual actuals of earlier years:
   a milestone, judged on the growth ratio R;
3. else, a year-to-date value of Y (month, quarter or half): the year is in progress and
   counts are projected to the year's end (seasonal, or linear without history);
4. else `no_data`, `overdue` once the unit's deadline has passed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from districts import formatting
from reports.checks import Relations
from reports.periods import Period, PeriodError, PeriodKind
from reports.rules import (
    Aggregate,
    Projection,
    Status,
    aggregate_counts,
    aggregate_rates,
    closed_year_status,
    in_progress_status,
    milestone_status,
    needed_per_year,
    no_data_status,
    project_year_end,
)
from targets.operators import (
    IndicatorKind,
    Operator,
    achievement,
    evaluate,
    evaluate_bound,
    read_bound,
)

STATUS_LABELS = {
    Status.MET: gettext_lazy("met"),
    Status.NOT_MET: gettext_lazy("not met"),
    Status.EXCEEDED: gettext_lazy("exceeded"),
    Status.ON_TRACK: gettext_lazy("on track"),
    Status.AT_RISK: gettext_lazy("at risk"),
    Status.OFF_TRACK: gettext_lazy("off track"),
    Status.NO_DATA: gettext_lazy("no data"),
    Status.OVERDUE: gettext_lazy("overdue"),
}
# Statuses a leader has to act on, worst first: a closed year's target missed, then one
# that will be missed at this pace, a report not in by its deadline, one at risk.
ATTENTION = (Status.NOT_MET, Status.OFF_TRACK, Status.OVERDUE, Status.AT_RISK)
STATUS_ORDER = (
    Status.OFF_TRACK,
    Status.NOT_MET,
    Status.OVERDUE,
    Status.AT_RISK,
    Status.NO_DATA,
    Status.ON_TRACK,
    Status.MET,
    Status.EXCEEDED,
)
# Finer periods first when two end on the same day (M06, Q2 and S1 all end 30 June).
_FINENESS = {PeriodKind.MONTH: 3, PeriodKind.QUARTER: 2, PeriodKind.HALF: 1, PeriodKind.YEAR: 0}
HISTORY_YEARS = 15  # how far back annual actuals count for a milestone and the trend


def status_label(status: Status | str) -> str:
    return str(STATUS_LABELS[Status(status)])


class Method(StrEnum):
    """How the actual and status of a row were found."""

    CLOSED = "closed"  # the annual actual of the year
    SEASONAL = "seasonal"  # year-to-date, projected with last year's seasonal share
    LINEAR = "linear"  # year-to-date, projected with the elapsed share of the year
    LATEST = "latest"  # year-to-date rate or level, compared as it is
    MILESTONE = "milestone"  # a later year, judged on the growth ratio R
    NONE = "none"  # nothing reported


@dataclass(frozen=True)
class IndicatorFacts:
    code: str
    kind: IndicatorKind
    higher_is_better: bool = True
    hold: bool = False  # met within `tolerance` of the target (targets.operators.Direction)
    tolerance: Decimal | None = None  # None: the default (1 point for rates, 3 % otherwise)
    components: tuple[str, ...] = ()  # codes of the indicators that add up to this one
    part_of: str | None = None  # code of the whole this one is an of-which part of


@dataclass(frozen=True, slots=True)
class Value:
    """One stored actual of a unit."""

    period: Period
    value: Decimal | None
    printed: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    is_sample: bool = False
    is_draft: bool = False  # from a report not handed in (draft or returned)

    @property
    def is_reported(self) -> bool:
        return self.value is not None or bool(self.printed)

    def __reduce__(self):
        # A kept report holds thousands of values; rebuilt from a tuple they unpickle
        # several times faster than through the dataclass's field-by-field state.
        return (Value, (self.period, self.value, self.printed, self.numerator,
                        self.denominator, self.is_sample, self.is_draft))


# A unit's actuals: indicator code → period code → value.
Series = Mapping[str, Value]
UnitValues = Mapping[str, Series]


@dataclass(frozen=True)
class TargetFacts:
    indicator: IndicatorFacts
    year: int
    operator: Operator
    value: Decimal
    value_high: Decimal | None = None


@dataclass
class Assessment:
    status: Status
    method: Method
    actual: Decimal | None = None
    period: Period | None = None
    printed: str = ""
    achievement: Decimal | None = None
    projection: Projection | None = None
    ratio: Decimal | None = None
    needed_per_year: Decimal | None = None
    is_sample: bool = False
    is_draft: bool = False  # judged on a value of a report not handed in
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return status_label(self.status)


# --- picking values from a series ----------------------------------------------------------


def annual_history(series: Series, *, before: int) -> list[tuple[int, Decimal]]:
    """(year, value) of the annual actuals with a number, of years before `before`."""
    return sorted(
        (v.period.year, v.value)
        for v in series.values()
        if v.period.is_annual and v.period.year < before and v.value is not None
    )


def latest_year_to_date(series: Series, year: int) -> Value | None:
    """The most recent sub-year value of `year` with a number (they are cumulative)."""
    candidates = [
        v
        for v in series.values()
        if v.period.year == year and not v.period.is_annual and v.value is not None
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda v: (v.period.end, _FINENESS[v.period.kind]))


def _earlier(period: Period) -> Period | None:
    """The period a value is compared with for a jump: last year's same period."""
    try:
        return period.same_period_last_year()
    except PeriodError:
        return None


def _number(series: Series | None, period: Period | None) -> Decimal | None:
    if series is None or period is None:
        return None
    found = series.get(str(period))
    return found.value if found is not None else None


# --- the status rules, one per case ----------------------------------------------------------


def printed_warning(printed: str) -> str:
    return _("printed as “%(printed)s”, not a number") % {"printed": printed}


def bound_warning(printed: str) -> str:
    return _("printed as “%(printed)s”: that bound cannot tell whether the target is met") % {
        "printed": printed
    }


def _closed(target: TargetFacts, annual: Value) -> Assessment:
    indicator = target.indicator
    if annual.value is None:
        # Printed without a number: judged when it is a bound that settles the target
        # (">92" against "trên 92"), else said so, never invented.
        bound = read_bound(annual.printed)
        outcome = None
        if bound is not None:
            outcome = evaluate_bound(
                operator=target.operator,
                value=target.value,
                value_high=target.value_high,
                bound=bound,
                kind=indicator.kind,
                higher_is_better=indicator.higher_is_better,
                hold=indicator.hold,
                tolerance=indicator.tolerance,
            )
        return Assessment(
            status=Status.NO_DATA if outcome is None else closed_year_status(outcome),
            method=Method.CLOSED,
            period=annual.period,
            printed=annual.printed,
            is_sample=annual.is_sample,
            is_draft=annual.is_draft,
            warnings=[] if outcome is not None else [
                bound_warning(annual.printed) if bound else printed_warning(annual.printed)
            ],
        )
    outcome = evaluate(
        operator=target.operator,
        value=target.value,
        value_high=target.value_high,
        actual=annual.value,
        kind=indicator.kind,
        higher_is_better=indicator.higher_is_better,
        hold=indicator.hold,
        tolerance=indicator.tolerance,
    )
    return Assessment(
        status=closed_year_status(outcome),
        method=Method.CLOSED,
        actual=annual.value,
        period=annual.period,
        printed=annual.printed,
        achievement=achievement(kind=indicator.kind, target=target.value, actual=annual.value),
        is_sample=annual.is_sample,
        is_draft=annual.is_draft,
    )


def _milestone(
    target: TargetFacts, series: Series, history: list[tuple[int, Decimal]]
) -> Assessment:
    indicator = target.indicator
    status, ratio = milestone_status(
        actuals=history,
        target=target.value,
        target_year=target.year,
        operator=target.operator,
        value_high=target.value_high,
        kind=indicator.kind,
        higher_is_better=indicator.higher_is_better,
        hold=indicator.hold,
        tolerance=indicator.tolerance,
    )
    latest_year, latest = history[-1]
    result = Assessment(
        status=status,
        method=Method.MILESTONE,
        actual=latest,
        period=Period(latest_year),
        achievement=achievement(kind=indicator.kind, target=target.value, actual=latest),
        ratio=ratio,
        needed_per_year=needed_per_year(
            latest=latest, latest_year=latest_year, target=target.value, target_year=target.year
        ),
        is_sample=series[str(latest_year)].is_sample,
        is_draft=series[str(latest_year)].is_draft,
    )
    first_year = history[0][0]
    if ratio is not None:
        result.notes.append(
            _("growth ratio R = %(ratio)s (annual actuals %(first)s–%(last)s)")
            % {"ratio": formatting.number(ratio.quantize(Decimal("0.01"))), "first": first_year,
               "last": latest_year}
        )
    else:
        result.notes.append(
            _("judged on the annual actuals %(first)s–%(last)s")
            % {"first": first_year, "last": latest_year}
        )
    return result


def _in_progress(target: TargetFacts, series: Series, latest: Value, today: date) -> Assessment:
    indicator = target.indicator
    projection = None
    # `latest` has a number (latest_year_to_date); levels are stocks and rates are not
    # projected: both compare as they are.
    if indicator.kind is IndicatorKind.COUNT and latest.value is not None:
        last_same = _earlier(latest.period)
        projection = project_year_end(
            ytd=latest.value,
            elapsed_share=latest.period.elapsed_share,
            last_year_same_period=_number(series, last_same),
            last_year_annual=_number(series, Period(target.year - 1)),
        )
    status = in_progress_status(
        kind=indicator.kind,
        operator=target.operator,
        target=target.value,
        target_high=target.value_high,
        latest=latest.value,
        projection=projection,
        higher_is_better=indicator.higher_is_better,
        hold=indicator.hold,
        tolerance=indicator.tolerance,
    )
    method = Method.LATEST if projection is None else Method(projection.method)
    result = Assessment(
        status=status,
        method=method,
        actual=latest.value,
        period=latest.period,
        achievement=achievement(kind=indicator.kind, target=target.value, actual=latest.value),
        projection=projection,
        is_sample=latest.is_sample,
        is_draft=latest.is_draft,
    )
    shown = {"period": latest.period.phrase()}
    if projection is not None:
        shown["value"] = formatting.number(projection.value.quantize(Decimal(1)))
        if projection.method == "seasonal":
            shown["share"] = formatting.number((projection.share * 100).quantize(Decimal("0.1")))
            shown["last"] = latest.period.same_period_last_year().phrase()
            result.notes.append(
                _("projected year end %(value)s: by the end of %(last)s the unit had "
                  "reached %(share)s %% of its annual value") % shown
            )
        else:
            result.notes.append(_("projected year end %(value)s") % shown)
            result.warnings.append(
                _("linear projection from %(period)s: the unit has no figures of last year "
                  "to learn its season from") % shown
            )
    else:
        result.notes.append(_("year to date %(period)s, compared as it is") % shown)
    if today > date(target.year, 12, 31):
        result.warnings.append(
            _("the year is over but the latest figure is year-to-date (%(period)s)") % shown
        )
    return result


def assess(
    target: TargetFacts,
    values: UnitValues,
    *,
    today: date,
    deadline: date | None,
    multi_year: bool,
) -> Assessment:
    """The status of `target` from the unit's actuals `values` (see the module's docstring).

    `values` holds every stored actual of the unit the selector fetched (the target's
    indicator, its components and its whole), so that the warnings can compare them.
    """
    series = values.get(target.indicator.code, {})
    annual = series.get(str(target.year))
    if annual is not None and annual.is_reported:
        result = _closed(target, annual)
    else:
        history = annual_history(series, before=target.year)
        latest = latest_year_to_date(series, target.year)
        if multi_year and len(history) >= 2:
            result = _milestone(target, series, history)
        elif latest is not None:
            result = _in_progress(target, series, latest, today)
        else:
            result = Assessment(
                status=no_data_status(today=today, deadline=deadline), method=Method.NONE
            )
            if result.status is Status.OVERDUE and deadline is not None:
                result.notes.append(
                    _("nothing reported; the deadline was %(day)s")
                    % {"day": date_format(deadline, "SHORT_DATE_FORMAT")}
                )
    if result.method is not Method.CLOSED and result.needed_per_year is None:
        history = annual_history(series, before=target.year)
        if history:
            latest_year, latest_value = history[-1]
            result.needed_per_year = needed_per_year(
                latest=latest_value,
                latest_year=latest_year,
                target=target.value,
                target_year=target.year,
            )
    result.warnings.extend(value_warnings(target.indicator, values, result.period))
    return result


# --- warnings on stored values ---------------------------------------------------------------


def value_warnings(
    indicator: IndicatorFacts, values: UnitValues, period: Period | None
) -> list[str]:
    """DESIGN §3 warnings on the unit's stored values of `period`: components that do not add
    up to this total, this of-which part above its whole, a jump against last year."""
    if period is None:
        return []
    code = indicator.code
    relations = Relations(
        total_of=dict.fromkeys(indicator.components, code),
        whole_of={code: indicator.part_of} if indicator.part_of else {},
    )
    related = (code, *indicator.components, *((indicator.part_of,) if indicator.part_of else ()))
    numbers = {c: _number(values.get(c), period) for c in related}
    last_year = _number(values.get(code, {}), _earlier(period))
    return [issue.message for issue in relations.on_row(code, numbers, last_year=last_year)]


def allocation_warning(
    *, kind: IndicatorKind | str, target: Decimal, quotas: Iterable[Decimal]
) -> str | None:
    """The quotas handed down do not add up to the parent's target (counts and levels)."""
    quotas = list(quotas)
    if not quotas or IndicatorKind(kind) is IndicatorKind.RATE:
        return None
    total = sum(quotas, Decimal(0))
    if total == target:
        return None
    return ngettext(
        "the quota of %(count)s unit adds up to %(sum)s, the target is %(target)s "
        "(gap %(gap)s)",
        "the quotas of %(count)s units add up to %(sum)s, the target is %(target)s "
        "(gap %(gap)s)",
        len(quotas),
    ) % {
        "count": len(quotas),
        "sum": formatting.number(total),
        "target": formatting.number(target),
        "gap": formatting.number(target - total),
    }


# --- aggregation up the unit tree -----------------------------------------------------------


def aggregate(kind: IndicatorKind | str, values: list[Value | None]) -> Aggregate:
    """The children's values of one period added up: counts and levels add, rates are
    Σ numerators ÷ Σ denominators (a child without both is left out and not covered).
    A child whose value is only a bound (">92") is left out too, and named in `bounds`."""
    if IndicatorKind(kind) is IndicatorKind.RATE:
        added = aggregate_rates(
            [(v.numerator, v.denominator) if v is not None else (None, None) for v in values]
        )
    else:
        added = aggregate_counts([v.value if v is not None else None for v in values])
    bounds = tuple(
        v.printed for v in values
        if v is not None and v.value is None and read_bound(v.printed) is not None
    )
    return replace(added, bounds=bounds) if bounds else added


def bounds_left_out(bounds: tuple[str, ...]) -> str:
    """What a coverage line adds when units were left out for being bounds:
    `1 đơn vị ghi dạng ngưỡng (>92), không cộng vào tổng`; empty when none was."""
    if not bounds:
        return ""
    return ngettext(
        "%(count)s unit given as a bound (%(bounds)s), not added into the total",
        "%(count)s units given as a bound (%(bounds)s), not added into the total",
        len(bounds),
    ) % {"count": len(bounds), "bounds": ", ".join(bounds)}


def aggregate_period(
    own: Period | None, children: Iterable[Series], year: int
) -> Period | None:
    """The period the children are added up for: the row's own, else the year if any child
    has its annual value, else the latest year-to-date period any child has."""
    if own is not None:
        return own
    found: list[Period] = []
    for series in children:
        for value in series.values():
            if value.period.year == year and value.is_reported:
                found.append(value.period)
    if not found:
        return None
    if any(p.is_annual for p in found):
        return Period(year)
    return max(found, key=lambda p: (p.end, _FINENESS[p.kind]))


# --- plain numbers for JSON and CSV -----------------------------------------------------------

ACHIEVEMENT_PLACES = Decimal("0.001")


def rounded_achievement(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(ACHIEVEMENT_PLACES, rounding=ROUND_HALF_UP)
