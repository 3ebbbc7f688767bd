"""Loads the five source plans, with every target they print, as they were printed.

Idempotent: a second run finds every plan and target equal and writes nothing (so no
history rows either).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from districts.demo import demo_unit
from targets.models import Indicator, Target

from .demo_sources import PLANS
from .models import Plan

DEMO_REASON = "demo loader"


@dataclass
class DemoPlansResult:
    plans_created: int = 0
    plans_updated: int = 0
    targets_created: int = 0
    targets_updated: int = 0
    targets_unchanged: int = 0


def _plan_fields(source: dict) -> dict:
    day = datetime.date.fromisoformat(source["as_of"])
    return {
        "number": source["number"],
        "title": source["title"],
        "title_en": source.get("title_en", ""),
        "issuer": demo_unit(source["issuer"], day),
        "issued_on": (
            datetime.date.fromisoformat(source["issued_on"]) if source["issued_on"] else None
        ),
        "signer": source["signer"],
        "kind": source["kind"],
        "first_year": source["first_year"],
        "last_year": source["last_year"],
        "legal_basis": "\n".join(source["implements"]),
        "status": source["status"],
        "units_deadline": source["units_deadline"] or "",
        "consolidation_deadline": source["consolidation_deadline"] or "",
    }


def _differs(obj, fields: dict) -> bool:
    return any(getattr(obj, name) != value for name, value in fields.items())


@transaction.atomic
def demo_plans_load(*, actor=None) -> DemoPlansResult:
    result = DemoPlansResult()
    indicators = {i.code: i for i in Indicator.objects.all()}
    for source in PLANS:
        fields = _plan_fields(source)
        plan = Plan.objects.filter(code=source["code"]).first()
        if plan is None:
            plan = Plan(code=source["code"], created_by=actor, **fields)
            result.plans_created += 1
        elif _differs(plan, fields):
            for name, value in fields.items():
                setattr(plan, name, value)
            result.plans_updated += 1
        else:
            _load_targets(plan, source, indicators, actor, result)
            continue
        plan._change_reason = DEMO_REASON
        plan._history_user = actor
        plan.full_clean()
        plan.save()
        _load_targets(plan, source, indicators, actor, result)
    return result


def _load_targets(plan: Plan, source: dict, indicators: dict, actor, result) -> None:
    day = datetime.date.fromisoformat(source["as_of"])
    existing = {(t.indicator_id, t.unit_id, t.year): t for t in Target.objects.filter(plan=plan)}
    units: dict[str, object] = {}
    for item in source["targets"]:
        unit = units.get(item["unit"])
        if unit is None:
            unit = units[item["unit"]] = demo_unit(item["unit"], day)
        indicator = indicators[item["indicator"]]
        fields = {
            "operator": item["operator"],
            "value": Decimal(item["value"]),
            "value_high": Decimal(item["value_high"]) if item["value_high"] else None,
            "wording": item["wording"],
            "note": item.get("note", ""),
        }
        target = existing.get((indicator.pk, unit.pk, item["year"]))
        if target is None:
            target = Target(plan=plan, indicator=indicator, unit=unit, year=item["year"], **fields)
            result.targets_created += 1
        elif _differs(target, fields):
            for name, value in fields.items():
                setattr(target, name, value)
            result.targets_updated += 1
        else:
            result.targets_unchanged += 1
            continue
        target._change_reason = DEMO_REASON
        target._history_user = actor
        target.full_clean()
        target.save()
