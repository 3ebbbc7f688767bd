"""Loads the five source plans, with every target they print, as they were printed.

Targets go through `targets.services.targets_put`, the same recorded write path as the
pages: a plan is loaded as a draft, its targets put, then it is issued. Idempotent: a
second run finds every plan and target equal and writes nothing (no history rows either);
should the source data of an issued plan change in a release, the change is recorded as
an amendment, as for any issued plan.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from districts import sources
from districts.demo import demo_unit
from districts.scope import Actor
from plans.demo_sources import PLANS
from plans.models import Plan
from plans.services import plan_create, plan_issue, plan_update

from .demo_indicators import DEPARTMENT_INDICATORS
from .indicators import IndicatorInput, indicator_create, indicator_update
from .models import Indicator
from .services import AmendmentInput, TargetSpec, targets_put

DEMO_REASON = sources.DEMO
DEMO_AMENDMENT = "demo loader: the source plan's data was corrected"


@dataclass
class DemoPlansResult:
    indicators_created: int = 0
    indicators_updated: int = 0
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
        "units_deadline": source["units_deadline"] or "",
        "consolidation_deadline": source["consolidation_deadline"] or "",
    }


def _target_specs(source: dict, indicators: dict[str, Indicator]) -> dict[int, dict]:
    """The printed targets by year, as `targets_put` takes them."""
    day = datetime.date.fromisoformat(source["as_of"])
    units: dict[str, object] = {}
    by_year: dict[int, dict] = defaultdict(dict)
    for item in source["targets"]:
        unit = units.get(item["unit"])
        if unit is None:
            unit = units[item["unit"]] = demo_unit(item["unit"], day)
        by_year[item["year"]][(indicators[item["indicator"]], unit)] = TargetSpec(
            operator=item["operator"],
            value=Decimal(item["value"]),
            value_high=Decimal(item["value_high"]) if item["value_high"] else None,
            wording=item["wording"],
            note=item.get("note", ""),
            printed_unit=item.get("printed_unit", ""),
        )
    return by_year


# The provinces span both eras: any day resolves them.
_OWNER_DAY = datetime.date(2024, 1, 1)


def _indicator_input(entry: dict, indicators: dict[str, Indicator]) -> IndicatorInput:
    return IndicatorInput(
        name_vi=entry["name_vi"], name_en=entry["name_en"], unit=entry["unit"],
        kind=entry["kind"], direction=entry["direction"],
        tolerance=Decimal(entry["tolerance"]) if entry.get("tolerance") else None,
        component_of=indicators[entry["component_of"]] if entry.get("component_of") else None,
        part_of=indicators[entry["part_of"]] if entry.get("part_of") else None,
        description_vi=entry.get("description_vi", ""),
        description_en=entry.get("description_en", ""), aliases=entry.get("aliases", ""),
    )


def _differs(indicator: Indicator, data: IndicatorInput) -> bool:
    return any(
        getattr(indicator, name) != value for name, value in vars(data).items()
    )


def demo_indicators_load(*, actor: Actor, result: DemoPlansResult) -> None:
    """The departments' own indicators the source plans need, created or brought up to
    date through the indicator service; unchanged ones are not written."""
    for entry in DEPARTMENT_INDICATORS:
        indicators = {i.code: i for i in Indicator.objects.all()}
        data = _indicator_input(entry, indicators)
        found = indicators.get(entry["code"])
        if found is None:
            indicator_create(actor=actor, owner=demo_unit(entry["owner"], _OWNER_DAY),
                             code=entry["code"], data=data)
            result.indicators_created += 1
        elif _differs(found, data):
            indicator_update(actor=actor, indicator=found, data=data)
            result.indicators_updated += 1


@transaction.atomic
def demo_plans_load(*, actor: Actor) -> DemoPlansResult:
    result = DemoPlansResult()
    demo_indicators_load(actor=actor, result=result)
    indicators = {i.code: i for i in Indicator.objects.all()}
    for source in PLANS:
        fields = _plan_fields(source)
        issuer = fields.pop("issuer")
        plan = Plan.objects.filter(code=source["code"]).first()
        if plan is None:
            plan = plan_create(
                actor=actor, issuer=issuer, reason=DEMO_REASON, code=source["code"], **fields
            )
            result.plans_created += 1
        elif plan.issuer_id != issuer.pk or any(
            getattr(plan, name) != value for name, value in fields.items()
        ):
            plan = plan_update(
                plan=plan, actor=actor, issuer=issuer, reason=DEMO_REASON, **fields
            )
            result.plans_updated += 1
        for year, specs in sorted(_target_specs(source, indicators).items()):
            saved = targets_put(
                plan=plan, year=year, specs=specs, actor=actor, reason=DEMO_REASON,
                amendment=AmendmentInput(reason=DEMO_AMENDMENT),
            )
            result.targets_created += saved.created
            result.targets_updated += saved.updated
            result.targets_unchanged += saved.unchanged
        if plan.status == Plan.Status.DRAFT and source["status"] == Plan.Status.ISSUED:
            plan_issue(plan=plan, actor=actor)
    return result
