"""Units (by code and day, search, children) and the indicator catalogue."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from districts.models import Unit
from districts.scope import Action, scope_filter, top_units
from districts.selectors import unit_search, units_with_code
from targets.selectors import indicators_for_user

from ..auth import reader
from ..lookups import day_of, unit_on

router = Router()
SEARCH_LIMIT = 50


class UnitOut(Schema):
    code: str
    name: str
    type_name: str
    level: str
    parent: str | None
    valid_from: datetime.date | None
    valid_until: datetime.date | None


def unit_out(unit: Unit) -> dict:
    return {
        "code": unit.code, "name": unit.name, "type_name": unit.type_name, "level": unit.level,
        "parent": unit.parent.code if unit.parent_id and unit.parent else None,
        "valid_from": unit.valid_from, "valid_until": unit.valid_until,
    }


@router.get("units", response=list[UnitOut], summary="Units: search, by code, or the top ones")
def units_list(request: HttpRequest, q: str = "", code: str = "", day: str = ""):
    """`q` finds units by name or code (with or without diacritics); `code` the units with
    that official code (on `day`, else in either era); neither: the highest units the
    token's user reaches."""
    user = reader(request)
    if q.strip():
        units = list(unit_search(user, q[:100], limit=SEARCH_LIMIT))
    elif code.strip():
        found = units_with_code(code.strip()[:5], on=day_of(day) if day else None)
        units = list(found.filter(scope_filter(user, Action.VIEW)).select_related("parent"))
    else:
        units = top_units(user)
    return [unit_out(unit) for unit in units]


@router.get("units/{code}", response=UnitOut, summary="One unit, by its code on a day")
def unit_detail(request: HttpRequest, code: str, day: str = ""):
    """The unit with this code on `day` (YYYY-MM-DD, default today): `00004` is Phường Trúc
    Bạch before 1 July 2025 and Phường Ba Đình after."""
    return unit_out(unit_on(reader(request), code, day_of(day)))


@router.get("units/{code}/children", response=list[UnitOut], summary="The units below one")
def unit_children(request: HttpRequest, code: str, day: str = ""):
    user, on = reader(request), day_of(day)
    unit = unit_on(user, code, on)
    children = (
        unit.children.valid_on(on).filter(scope_filter(user, Action.VIEW))
        .select_related("parent").order_by("code")
    )
    return [unit_out(child) for child in children]


class IndicatorOut(Schema):
    code: str
    name_vi: str
    name_en: str
    unit: str
    kind: str
    higher_is_better: bool
    direction: str
    tolerance: float | None
    component_of: str | None
    part_of: str | None
    owner: str | None
    retired: bool


@router.get("indicators", response=list[IndicatorOut], summary="The indicator catalogue")
def indicators_list(request: HttpRequest):
    """The shipped catalogue and the departments' own the token's user may see (`owner`:
    the code of the province that defined it)."""
    user = reader(request)
    indicators = indicators_for_user(user).select_related(
        "component_of", "part_of", "owner"
    ).order_by("sort_order", "code")
    return [
        {
            "code": i.code, "name_vi": i.name_vi, "name_en": i.name_en, "unit": i.unit,
            "kind": i.kind, "higher_is_better": i.higher_is_better,
            "direction": i.direction,
            "tolerance": float(i.tolerance) if i.tolerance is not None else None,
            "component_of": i.component_of.code if i.component_of else None,
            "part_of": i.part_of.code if i.part_of else None,
            "owner": i.owner.code if i.owner else None, "retired": i.retired,
        }
        for i in indicators
    ]
