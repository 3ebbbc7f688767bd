"""Mapping the columns of an official sheet that the reader does not know.

A sheet may head a column with words no indicator is printed as ("Lao động được đào tạo
nghề nông nghiệp"); the reader then refuses it, naming the column, and never guesses. The
user maps such a column's label to one of the plan's indicators, or to "leave it out"
(`official.IGNORE`), on the import preview or with `import_reports --map`.

When an import with mappings is written, they are remembered for that header layout (the
signature of the sheet's normalised labels, `official.header_signature`) and for the
issuing unit of the plan (else the unit the file is about); the next file with the same
headers for that unit or a unit under it reads itself, the user's own choices winning.
A mapping remembered for another issuing unit — another province — is never used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from districts.models import Unit
from districts.scope import Action, Actor, recorded_user, top_units
from plans.models import Plan
from targets.models import Indicator
from targets.selectors import indicators_for_user, visible_targets

from ..models import ColumnMapping
from .official import IGNORE, label_key


@dataclass(frozen=True, slots=True)
class Remembered:
    """A remembered mapping of one label: the code it is read as, or IGNORE."""

    label: str
    code: str


def mappable_indicators(*, plan: Plan | None, user: Actor) -> list[Indicator]:
    """What a column may be mapped to: the indicators of the plan's targets the user may
    see, else (no plan chosen) the catalogue and the own indicators of the user's
    provinces, never another department's; in display order."""
    indicators = indicators_for_user(user).order_by("sort_order", "code")
    if plan is None:
        return list(indicators)
    codes = visible_targets(plan, user).values("indicator_id")
    return list(indicators.filter(pk__in=codes))


def mapping_unit_for(user: Actor) -> Unit | None:
    """Whose remembered column mappings a file without a plan reads with, on the import
    page or in its background job: the user's own unit, when they have one."""
    units = top_units(user, Action.REPORT)
    return units[0] if len(units) == 1 else None


def remembered_mappings(*, unit: Unit, signature: str) -> dict[str, Remembered]:
    """`label_key` → what was remembered for the header layout `signature`, for `unit` or
    a unit above it; the nearest unit's mapping of a label wins."""
    found: dict[str, Remembered] = {}
    rows = (
        ColumnMapping.objects.filter(signature=signature, issuer__path__in=unit.ancestor_paths())
        .select_related("indicator")
        .order_by("issuer__path")
    )
    for row in rows:  # from the top down: a nearer unit's mapping replaces a farther one's
        code = row.indicator.code if row.indicator is not None else IGNORE
        found[row.label_key] = Remembered(row.label, code)
    return found


def column_mappings_remember(
    *, issuer: Unit, signature: str, choices: Iterable[tuple[str, str]], actor: Actor
) -> int:
    """Remember (label, code or IGNORE) pairs for the header layout `signature` and the
    issuing unit `issuer`, replacing what was remembered for the same labels. One upsert,
    so two imports confirmed at once leave one row per label. Returns how many."""
    by_key: dict[str, tuple[str, str]] = {}
    for label, code in choices:
        key = label_key(label)
        if key:
            by_key[key] = (label.strip()[:255], code)
    if not by_key:
        return 0
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(code__in=[code for _l, code in by_key.values()])
    }
    user = recorded_user(actor)
    now = timezone.now()
    rows = [
        ColumnMapping(
            issuer=issuer, signature=signature, label_key=key[:255], label=label,
            indicator=indicators.get(code), updated_by=user, updated_at=now,
        )
        for key, (label, code) in by_key.items()
        if code == IGNORE or code in indicators
    ]
    with transaction.atomic():
        ColumnMapping.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["issuer", "signature", "label_key"],
            update_fields=["label", "indicator", "updated_by", "updated_at"],
        )
    return len(rows)


def choices_by_key(choices: Mapping[str, str]) -> dict[str, str]:
    """The reader's form of (label → code or IGNORE) choices: keyed by `label_key`."""
    return {label_key(label): code for label, code in choices.items() if label_key(label)}
