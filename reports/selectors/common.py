"""What the reporting pages' reads share: the states in which a unit has done its part,
periods and the era of a unit, the indicator catalogue, the warnings of a set of values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from districts.models import Unit
from targets.models import Indicator

from ..checks import Issue, Relations
from ..models import Submission
from ..periods import Period, PeriodError

# States in which a unit has done its part for a period.
DONE_STATES = frozenset({Submission.State.SUBMITTED, Submission.State.APPROVED})


def as_period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else Period.parse(str(period))


def unit_valid_in(unit: Unit, period: Period) -> bool:
    """Whether the unit existed at some point of the period (codes are reused across eras)."""
    return (unit.valid_from is None or unit.valid_from <= period.end) and (
        unit.valid_until is None or unit.valid_until >= period.start
    )


def earlier_period(period: Period, step: str) -> Period | None:
    try:
        return period.same_period_last_year() if step == "last_year" else period.previous()
    except PeriodError:  # before the first year the product knows
        return None


def catalogue() -> dict[str, Indicator]:
    """Every indicator by code, in display order."""
    return {i.code: i for i in Indicator.objects.order_by("sort_order", "code")}


# A unit given a target of a plan in a year: its id and its parent's.
UnitPlace = tuple[int, "int | None"]


def units_given_a_target(places: Iterable[UnitPlace], focus_id: int) -> set[int]:
    """The one definition behind every count of units — progress, the dashboard, the
    allocation and completeness: of the units given a target of the plan in the year
    (`places`), those just below the focus."""
    return {unit for unit, parent in places if parent == focus_id}


def units_counted(places: Iterable[UnitPlace], focus_id: int) -> set[int]:
    """The units a count of units is about: those given a target just below the focus,
    else the focus itself when it has a target of its own (a plan without quotas)."""
    places = list(places)
    return units_given_a_target(places, focus_id) or {
        unit for unit, _parent in places if unit == focus_id
    }


def indicators_in_words(codes: Iterable[str], indicators: Mapping[str, Indicator]) -> str:
    """The indicators `codes` by their names in the reader's language, in the order of
    `indicators` (the catalogue's): what a message that lists indicators says."""
    wanted = set(codes)
    return ", ".join(indicator.name for code, indicator in indicators.items() if code in wanted)


def catalogue_for(unit: Unit) -> dict[str, Indicator]:
    """The indicators `unit` reports on, by code, in display order: the shipped
    catalogue and its province's own (a department's indicator is not another's)."""
    return {i.code: i for i in Indicator.objects.for_unit(unit).order_by("sort_order", "code")}


def warnings_for(
    *,
    indicators: Mapping[str, Indicator],
    values: Mapping[str, Decimal | None],
    last_year: Mapping[str, Decimal | None],
    codes: Iterable[str],
) -> dict[str, list[Issue]]:
    """The warnings of DESIGN §3 for the rows `codes`, given every value of the unit and period.

    A mismatch of components is put on the total's row, an of-which part above its whole on
    the part's row, a jump on the row that jumped (see `Relations.on_row`).
    """
    relations = Relations.between(indicators.values())
    found: dict[str, list[Issue]] = {}
    for code in codes:
        issues = relations.on_row(code, values, last_year=last_year.get(code), field=code)
        if issues:
            found[code] = issues
    return found
