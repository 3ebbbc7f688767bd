"""Hà Nội's units and Ba Đình's wards built afresh for each concurrency test (a
transactional test empties the database), with their monthly values."""

from __future__ import annotations

import pytest

from districts.models import Unit
from districts.scope import SYSTEM
from districts.services import units_load
from reports.models import Actual
from reports.services import SOURCE_ENTRY, actuals_save
from tests.concurrency.helpers import INDICATORS, MONTHS
from tests.factories import hanoi_2024_two_districts


@pytest.fixture
def ba_dinh() -> Unit:
    units_load(provinces={"01"})
    hanoi_2024_two_districts()
    return Unit.objects.get(code="001", level=Unit.Level.DISTRICT)


@pytest.fixture
def wards(ba_dinh) -> list[Unit]:
    return list(ba_dinh.children.order_by("code"))


@pytest.fixture
def stored_values(wards) -> int:
    """One value per ward, indicator and month (the wards' monthly figures), version 1."""
    for ward in wards:
        for month in MONTHS:
            saved = actuals_save(
                unit=ward, period=month, actor=SYSTEM, source=SOURCE_ENTRY,
                rows={code: {"value": "10"} for code in INDICATORS},
            )
            assert saved.ok
    return Actual.objects.count()


