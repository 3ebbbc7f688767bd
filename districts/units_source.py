"""Reads the official units of both eras from the `vietnamadminunits` package.

The package ships the statistics office's codes for the 63-province era (with districts)
and the 34-province era (provinces and communes only), plus the old→new mapping. This
module turns them into plain records; `services.units_load` writes them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources

OLD = "old"
NEW = "new"


@dataclass
class UnitRecord:
    era: str  # OLD or NEW; a province whose code and name did not change is in both
    level: str
    code: str
    name: str
    short_name: str
    type_name: str
    parent_code: str | None
    key: str  # the package's key, used by its mapping
    continuing: bool = False
    successor_keys: set[str] = field(default_factory=set)


def _rows(sql: str) -> Iterator[sqlite3.Row]:
    path = resources.files("vietnamadminunits") / "data" / "dataset.db"
    with resources.as_file(path) as db_path:
        # Read-only: the package's file is never written.
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            yield from conn.execute(sql)
        finally:
            conn.close()


def _mapping() -> dict:
    path = resources.files("vietnamadminunits") / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _province_type(name: str) -> str:
    return "Thành phố" if name.startswith("Thành phố") else "Tỉnh"


def read_units(provinces: set[str] | None = None) -> list[UnitRecord]:
    """Every unit of both eras, parents before children, optionally for some provinces.

    `provinces` selects the provinces of those codes in either era and their subtrees.
    """
    old_rows = list(
        _rows("SELECT * FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode")
    )
    new_rows = list(_rows("SELECT * FROM admin_units ORDER BY provinceCode, wardCode"))
    mapping = _mapping()

    old_provinces: dict[str, sqlite3.Row] = {}
    for row in old_rows:
        old_provinces.setdefault(row["provinceCode"], row)
    new_provinces: dict[str, sqlite3.Row] = {}
    for row in new_rows:
        new_provinces.setdefault(row["provinceCode"], row)
    # Same code and same name on both sides of 1 July 2025: the same province went on.
    continuing = {
        code
        for code, row in new_provinces.items()
        if code in old_provinces and old_provinces[code]["province"] == row["province"]
    }

    records: list[UnitRecord] = []
    by_key: dict[tuple[str, str], UnitRecord] = {}

    def add(record: UnitRecord) -> None:
        records.append(record)
        by_key[(record.era, record.key)] = record

    wanted_old = provinces if provinces else set(old_provinces)
    wanted_new = provinces if provinces else set(new_provinces)

    for code, row in old_provinces.items():
        if code not in wanted_old:
            continue
        add(
            UnitRecord(
                era=OLD,
                level="province",
                code=code,
                name=row["province"],
                short_name=row["provinceShort"],
                type_name=_province_type(row["province"]),
                parent_code=None,
                key=row["provinceKey"],
                continuing=code in continuing,
            )
        )
    for code, row in new_provinces.items():
        if code not in wanted_new or code in continuing:
            continue
        add(
            UnitRecord(
                era=NEW,
                level="province",
                code=code,
                name=row["province"],
                short_name=row["provinceShort"],
                type_name=_province_type(row["province"]),
                parent_code=None,
                key=row["provinceKey"],
            )
        )

    seen_districts: set[str] = set()
    for row in old_rows:
        if row["provinceCode"] not in wanted_old:
            continue
        if row["districtCode"] not in seen_districts:
            seen_districts.add(row["districtCode"])
            add(
                UnitRecord(
                    era=OLD,
                    level="district",
                    code=row["districtCode"],
                    name=row["district"],
                    short_name=row["districtShort"],
                    type_name=row["districtType"],
                    parent_code=row["provinceCode"],
                    key=f"{row['provinceKey']}_{row['districtKey']}",
                )
            )
        if row["wardCode"]:  # a few island districts have no communes
            add(
                UnitRecord(
                    era=OLD,
                    level="commune",
                    code=row["wardCode"],
                    name=row["ward"],
                    short_name=row["wardShort"],
                    type_name=row["wardType"],
                    parent_code=row["districtCode"],
                    key=f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}",
                )
            )
    for row in new_rows:
        if row["provinceCode"] not in wanted_new:
            continue
        add(
            UnitRecord(
                era=NEW,
                level="commune",
                code=row["wardCode"],
                name=row["ward"],
                short_name=row["wardShort"],
                type_name=row["wardType"],
                parent_code=row["provinceCode"],
                key=f"{row['provinceKey']}_{row['wardKey']}",
            )
        )

    _link_successors(by_key, mapping)
    return records


def _link_successors(by_key: dict[tuple[str, str], UnitRecord], mapping: dict) -> None:
    """Old units point at the new units that took them over (keys of the NEW era)."""
    for new_province, old_provinces in mapping["DICT_PROVINCE"].items():
        for old in old_provinces:
            record = by_key.get((OLD, old))
            if record and not record.continuing:
                record.successor_keys.add(new_province)
    for new_province, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            for old_key in old_keys:
                record = by_key.get((OLD, old_key))
                if record:
                    record.successor_keys.add(f"{new_province}_{new_ward}")
    for new_province, old_wards in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in old_wards.items():
            record = by_key.get((OLD, old_key))
            if record:
                record.successor_keys.update(f"{new_province}_{p['newWardKey']}" for p in parts)
    # A district's successors are the new communes its communes went to.
    for (era, key), record in list(by_key.items()):
        if era == OLD and record.level == "commune":
            district_key = key.rsplit("_", 1)[0]
            district = by_key.get((OLD, district_key))
            if district:
                district.successor_keys.update(record.successor_keys)
