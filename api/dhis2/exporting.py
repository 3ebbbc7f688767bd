"""The stored values the token's user may see, in DHIS2's `dataValueSets` shape (JSON, or
CSV in DHIS2's column order), with `idScheme=code`. A value known only as printed text
(`>92`, no number) has no DHIS2 form and is left out."""

from __future__ import annotations

import csv
import datetime
import io

from django.db.models import Q
from django.utils import timezone

from districts.formatting import plain
from districts.scope import Actor
from districts.spreadsheets import safe_row
from plans.models import Plan
from reports.models import Actual

from ..lookups import units_named
from ..selectors import actuals_filtered
from .reading import CSV_COLUMNS

DEFAULT_COMBO = "default"


def data_values(user: Actor, *, plan: Plan, org_units: list[str], children: bool,
                periods: list[str], updated_since: datetime.datetime | None) -> list[dict]:
    units = Q(pk__in=[])
    for code in org_units:
        units |= units_named(user, code, subtree=children)
    actuals = actuals_filtered(user, plan=plan, units=units, periods=periods,
                               updated_since=updated_since)
    actuals = actuals.filter(value__isnull=False).select_related("updated_by")
    return [_value(actual) for actual in actuals]


def _value(actual: Actual) -> dict:
    return {
        "dataElement": actual.indicator.code,
        "period": actual.period,
        "orgUnit": actual.unit.code,
        "categoryOptionCombo": DEFAULT_COMBO,
        "attributeOptionCombo": DEFAULT_COMBO,
        "value": str(plain(actual.value)),
        "storedBy": actual.updated_by.username if actual.updated_by else "",
        "lastUpdated": timezone.localtime(actual.updated_at).isoformat(timespec="seconds"),
        "comment": actual.note,
        "followup": False,
    }


def as_csv(values: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for value in values:
        writer.writerow(safe_row([
            value["dataElement"], value["period"], value["orgUnit"],
            value["categoryOptionCombo"], value["attributeOptionCombo"], value["value"],
            value["storedBy"], value["lastUpdated"], value["comment"],
            "true" if value["followup"] else "false",
        ]))
    return buffer.getvalue()
