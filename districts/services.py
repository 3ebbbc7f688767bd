"""Writes for administrative units and memberships."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from .models import LAST_DAY_BEFORE_REORGANISATION, REORGANISATION_DATE, Membership, Unit
from .text import fold
from .units_source import NEW, OLD, UnitRecord, read_units

Progress = Callable[[str], None]


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    successors_added: int = 0


def _validity(record: UnitRecord) -> tuple:
    if record.continuing:
        return (None, None)
    if record.era == OLD:
        return (None, LAST_DAY_BEFORE_REORGANISATION)
    return (REORGANISATION_DATE, None)


def _natural_key(level: str, code: str, valid_until) -> tuple:
    return (level, code, valid_until)


@transaction.atomic
def units_load(
    *, provinces: set[str] | None = None, progress: Progress = lambda _msg: None
) -> LoadResult:
    """Create or update the official units (both eras) and their successor links.

    Idempotent: a second run with the same package data writes nothing.
    """
    result = LoadResult()
    records = read_units(provinces)
    progress(f"{len(records)} units read from the vietnamadminunits package")

    existing = {
        _natural_key(u.level, u.code, u.valid_until): u
        for u in Unit.objects.all().only(
            "id",
            "code",
            "name",
            "short_name",
            "type_name",
            "level",
            "parent_id",
            "path",
            "valid_from",
            "valid_until",
            "search_name",
        )
    }
    by_record: dict[int, Unit] = {}
    old_parents: dict[tuple[str, str], Unit] = {}  # (level, code) of the old era
    new_parents: dict[str, Unit] = {}  # province code of the new era

    for level in (Unit.Level.PROVINCE, Unit.Level.DISTRICT, Unit.Level.COMMUNE):
        to_create: list[Unit] = []
        to_update: list[Unit] = []
        batch = [r for r in records if r.level == level]
        for record in batch:
            valid_from, valid_until = _validity(record)
            parent = _parent_of(record, old_parents, new_parents)
            path = _path(record, parent)
            unit = existing.get(_natural_key(level, record.code, valid_until))
            fields = {
                "name": record.name,
                "short_name": record.short_name,
                "type_name": record.type_name,
                "parent_id": parent.pk if parent else None,
                "path": path,
                "valid_from": valid_from,
                "search_name": fold(record.name),
            }
            if unit is None:
                unit = Unit(level=level, code=record.code, valid_until=valid_until, **fields)
                to_create.append(unit)
            elif any(getattr(unit, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(unit, k, v)
                to_update.append(unit)
            else:
                result.unchanged += 1
            by_record[id(record)] = unit
            if record.era == OLD or record.continuing:
                old_parents[(level, record.code)] = unit
            if (record.era == NEW or record.continuing) and level == Unit.Level.PROVINCE:
                new_parents[record.code] = unit
        Unit.objects.bulk_create(to_create, batch_size=2000)
        Unit.objects.bulk_update(
            to_update,
            ["name", "short_name", "type_name", "parent_id", "path", "valid_from", "search_name"],
            batch_size=2000,
        )
        result.created += len(to_create)
        result.updated += len(to_update)
        progress(
            f"{level}: {len(to_create)} created, {len(to_update)} updated, {len(batch)} in all"
        )

    result.successors_added = _link(records, by_record)
    progress(f"successor links added: {result.successors_added}")
    return result


def _parent_of(record: UnitRecord, old_parents, new_parents) -> Unit | None:
    if record.parent_code is None:
        return None
    if record.era == NEW:
        return new_parents[record.parent_code]
    parent_level = (
        Unit.Level.PROVINCE if record.level == Unit.Level.DISTRICT else Unit.Level.DISTRICT
    )
    return old_parents[(parent_level, record.parent_code)]


def _path(record: UnitRecord, parent: Unit | None) -> str:
    if parent is not None:
        return f"{parent.path}/{record.code}"
    # A new-era province that replaced an old one of the same code (Lào Cai took Yên
    # Bái's 15) needs a path of its own: the old province keeps the bare code.
    return f"n{record.code}" if record.era == NEW else record.code


def _link(records: list[UnitRecord], by_record: dict[int, Unit]) -> int:
    new_by_key = {r.key: by_record[id(r)] for r in records if r.era == NEW or r.continuing}
    through = Unit.successors.through
    wanted: set[tuple[int, int]] = set()
    for record in records:
        if record.era != OLD:
            continue
        source = by_record[id(record)]
        for key in record.successor_keys:
            target = new_by_key.get(key)
            if target is not None and target.pk != source.pk:
                wanted.add((source.pk, target.pk))
    have = set(through.objects.values_list("from_unit_id", "to_unit_id"))
    missing = wanted - have
    through.objects.bulk_create(
        [through(from_unit_id=a, to_unit_id=b) for a, b in missing], batch_size=5000
    )
    return len(missing)


def membership_grant(*, user, unit: Unit, role: str) -> Membership:
    membership, _created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return membership
