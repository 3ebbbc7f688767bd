"""Keeps the Indicator table equal to the catalogue shipped in `targets/catalogue.py`.

Only the shipped rows (`shipped`): the indicators departments define are theirs, and
`targets/indicators.py` keeps their codes apart from the catalogue's.

Run after every migrate (and after a test flush) through the post_migrate signal, so
the catalogue is always there, and a new release's catalogue changes land by themselves.
"""

from __future__ import annotations

from django.db import transaction
from django.db.utils import OperationalError, ProgrammingError

FIELDS = (
    "name_vi",
    "name_en",
    "unit",
    "kind",
    "higher_is_better",
    "direction",
    "shipped",
    "description_vi",
    "description_en",
    "sort_order",
)


@transaction.atomic
def indicators_sync(using: str = "default") -> int:
    """Create or update every catalogue indicator; returns how many rows changed."""
    from .catalogue import INDICATORS
    from .models import Indicator

    existing = {i.code: i for i in Indicator.objects.using(using).all()}
    changed = 0
    for order, entry in enumerate(INDICATORS, start=1):
        values = {field: entry.get(field, "") for field in FIELDS if field != "sort_order"}
        values["higher_is_better"] = entry.get("higher_is_better", True)
        values["direction"] = "higher" if values["higher_is_better"] else "lower"
        values["shipped"] = True
        values["sort_order"] = order
        indicator = existing.get(entry["code"])
        if indicator is None:
            existing[entry["code"]] = Indicator.objects.using(using).create(
                code=entry["code"], **values
            )
            changed += 1
        elif any(getattr(indicator, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(indicator, k, v)
            indicator.save(using=using)
            changed += 1
    for entry in INDICATORS:
        indicator = existing[entry["code"]]
        component_of = existing[entry["component_of"]] if entry.get("component_of") else None
        part_of = existing[entry["part_of"]] if entry.get("part_of") else None
        if (indicator.component_of_id, indicator.part_of_id) != (
            component_of.pk if component_of else None,
            part_of.pk if part_of else None,
        ):
            indicator.component_of = component_of
            indicator.part_of = part_of
            indicator.save(using=using, update_fields=["component_of", "part_of"])
            changed += 1
    return changed


def on_post_migrate(sender, using: str = "default", **kwargs) -> None:
    from .models import Indicator

    try:
        Indicator.objects.using(using).exists()
    except (OperationalError, ProgrammingError):  # no table yet: a partial or backward migrate
        return
    indicators_sync(using)
