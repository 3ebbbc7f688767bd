"""Actual values (filtered by plan, unit and its subtree, period, basis, last update) and
progress: the rows of the `progress` command, with the same keys."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from districts.formatting import plain
from districts.scope import Action
from plans.selectors import plan_for_user
from reports.models import Actual
from reports.progress.basis import Basis, basis_for
from reports.progress.selectors import progress_report

from ..auth import reader
from ..errors import BadRequest
from ..lookups import day_of, moment_of, units_named, year_of, year_units
from ..selectors import actuals_filtered

router = Router()
PAGE_MAX = 10_000
OFFSET_MAX = 1_000_000_000


class ActualOut(Schema):
    indicator: str
    unit: str
    period: str
    value: float | int | None
    numerator: float | int | None
    denominator: float | int | None
    printed: str
    note: str
    origin: str
    version: int
    state: str | None
    updated_at: datetime.datetime


class ActualsPage(Schema):
    count: int
    results: list[ActualOut]


class ActualFilters(Schema):
    plan: str = Field("", description="a plan's code: its years and the indicators it sets")
    unit: str = Field("", description="a unit's official code")
    day: str = Field("", description="the day the unit code is read on (YYYY-MM-DD); "
                     "without it, every unit with that code the token sees")
    subtree: bool = Field(False, description="the unit and every unit below it")
    period: list[str] = Field([], description="periods: 2024, 2024S1, 2024Q3, 2024M07")
    basis: str = Field("", description="submitted (and approved), approved, all")
    lastUpdated: str = Field("", description="changed since (2024-07-01 or a time)")  # noqa: N815
    limit: int = Field(1000, ge=1, le=PAGE_MAX)
    offset: int = Field(0, ge=0, le=OFFSET_MAX)


def actual_out(actual: Actual) -> dict:
    return {
        "indicator": actual.indicator.code, "unit": actual.unit.code, "period": actual.period,
        "value": plain(actual.value), "numerator": plain(actual.numerator),
        "denominator": plain(actual.denominator), "printed": actual.printed,
        "note": actual.note, "origin": actual.origin, "version": actual.version,
        "state": actual.submission.state if actual.submission else None,
        "updated_at": actual.updated_at,
    }


@router.get("actuals", response=ActualsPage, summary="Stored values the token may see")
def actuals_list(request: HttpRequest, filters: Query[ActualFilters]):
    """A unit's drafts are seen where the token's user may report for it; elsewhere the
    values of submitted and approved reports. `basis` narrows that."""
    user = reader(request)
    plan = plan_for_user(user, filters.plan[:60], Action.VIEW) if filters.plan else None
    units = None
    if filters.unit:
        units = units_named(user, filters.unit.strip()[:5],
                            day=day_of(filters.day) if filters.day else None,
                            subtree=filters.subtree)
    basis = None
    if filters.basis:
        try:
            basis = Basis(filters.basis.strip())
        except ValueError:
            raise BadRequest(_("The basis is one of submitted, approved or all.")) from None
    actuals = actuals_filtered(
        user, plan=plan, units=units, periods=filters.period, basis=basis,
        updated_since=moment_of(filters.lastUpdated),
    )
    page = actuals[filters.offset: filters.offset + filters.limit]
    return {"count": actuals.count(), "results": [actual_out(a) for a in page]}


class ProgressRowOut(Schema):
    indicator: str
    unit: str
    year: int
    operator: str
    target: float | int | None
    target_high: float | int | None
    actual: float | int | None
    achievement: float | int | None
    status: str
    warnings: list[str]


@router.get("progress", response=list[ProgressRowOut],
            summary="How far a plan's targets are in a year (the progress command's rows)")
def progress_rows(request: HttpRequest, plan: str, year: int, unit: str = "",
                  basis: str = "", today: str = ""):
    """One row for every target of the plan in that year the token's user sees (or for
    one unit's, by code), with the keys of `manage.py progress --format json`. `basis`:
    submitted (default), approved, or all (officers only; otherwise the default)."""
    user = reader(request)
    found = plan_for_user(user, plan[:60], Action.VIEW)
    if year_of(year) not in found.years:
        raise Http404
    only_unit = None
    if unit:
        candidates = year_units(user, unit, year)
        with_targets = set(found.targets.filter(year=year, unit__in=candidates)
                           .values_list("unit_id", flat=True))
        candidates.sort(key=lambda u: (u.pk not in with_targets, u.valid_until is not None))
        only_unit = candidates[0]
    report = progress_report(
        plan=found, year=year, user=user, only_unit=only_unit,
        today=day_of(today) if today else None, basis=basis_for(basis, user=user),
    )
    return [row.contract() for row in report.rows]
