"""Plans and their targets (the issuer's own and the quotas of the units below it), as
the plan pages show them to the token's user."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema

from districts.formatting import plain
from districts.scope import Action
from plans.models import Plan
from plans.selectors import PlanFilters, plan_for_user, plans_for_user
from targets.selectors import visible_targets

from ..auth import reader
from ..lookups import year_of

router = Router()


class PlanOut(Schema):
    code: str
    number: str
    title: str
    title_en: str
    issuer: str
    issuer_name: str
    issued_on: datetime.date | None
    signer: str
    kind: str
    status: str
    first_year: int
    last_year: int
    units_deadline: str
    consolidation_deadline: str
    superseded_by: str | None


def plan_out(plan: Plan) -> dict:
    return {
        "code": plan.code, "number": plan.number, "title": plan.title,
        "title_en": plan.title_en, "issuer": plan.issuer.code, "issuer_name": plan.issuer.name,
        "issued_on": plan.issued_on, "signer": plan.signer, "kind": plan.kind,
        "status": plan.status, "first_year": plan.first_year, "last_year": plan.last_year,
        "units_deadline": plan.units_deadline,
        "consolidation_deadline": plan.consolidation_deadline,
        "superseded_by": plan.superseded_by.code if plan.superseded_by else None,
    }


@router.get("plans", response=list[PlanOut], summary="Plans the token's user may see")
def plans_list(request: HttpRequest, year: int | None = None, status: str = "",
               kind: str = "", q: str = ""):
    """Filter by a covered `year`, `status` (draft, issued, superseded), `kind` and text."""
    filters = PlanFilters(year=year_of(year), status=status[:20], kind=kind[:20], q=q[:100])
    plans = plans_for_user(reader(request), Action.VIEW, filters=filters)
    return [plan_out(plan) for plan in plans.select_related("superseded_by")]


@router.get("plans/{code}", response=PlanOut, summary="One plan")
def plan_detail(request: HttpRequest, code: str):
    return plan_out(plan_for_user(reader(request), code[:60], Action.VIEW))


class TargetOut(Schema):
    indicator: str
    unit: str
    unit_name: str
    year: int
    operator: str
    value: float | int
    value_high: float | int | None
    wording: str
    quota: bool  # on a unit below the issuer


def _number(value: Decimal | None) -> float | int | None:
    return plain(value)


@router.get("plans/{code}/targets", response=list[TargetOut],
            summary="A plan's targets with the quotas of the units below its issuer")
def plan_targets(request: HttpRequest, code: str, year: int | None = None, unit: str = ""):
    """What the plan page shows the user: every target, or, for a unit below the issuer,
    the issuer's own targets and the unit's quotas. `unit` keeps one unit's (by code)."""
    user = reader(request)
    plan = plan_for_user(user, code[:60], Action.VIEW)
    targets = visible_targets(plan, user).select_related("indicator", "unit")
    year = year_of(year)
    if year is not None:
        targets = targets.filter(year=year)
    if unit:
        targets = targets.filter(unit__code=unit.strip()[:5])
    targets = targets.order_by("year", "indicator__sort_order", "indicator__code", "unit__path")
    return [
        {
            "indicator": t.indicator.code, "unit": t.unit.code, "unit_name": t.unit.name,
            "year": t.year, "operator": t.operator, "value": _number(t.value),
            "value_high": _number(t.value_high), "wording": t.wording,
            "quota": t.unit_id != plan.issuer_id,
        }
        for t in targets
    ]
