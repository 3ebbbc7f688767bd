"""Two imports of the same sheet confirmed at once remember its column mapping once: the
mapping is one upsert per label, so neither import fails on the other's row. Threads
started together by a barrier, on PostgreSQL (the house pattern of tests/concurrency/)."""

from __future__ import annotations

import io

import pytest

from districts.scope import SYSTEM
from districts.services import units_load
from reports.imports.importer import ImportResult, report_file_import
from reports.imports.mappings import column_mappings_remember
from reports.imports.official import IGNORE
from reports.models import Actual, ColumnMapping
from tests.concurrency.helpers import together
from tests.factories import plan_make, target_make, unit_by_code
from tests.test_import_mapping import FARM_LABEL, appendix_ii_with_farm_column

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def my_hao_plan():
    units_load(provinces={"33"})
    plan = plan_make("mh-2024", issuer="328")
    target_make(plan, "rural_trainees", 2000)
    return plan


def test_two_imports_confirmed_at_once_remember_the_mapping_once(my_hao_plan):
    data = appendix_ii_with_farm_column()

    def confirm() -> ImportResult:
        return report_file_import(stream=io.BytesIO(data), file_name="phu-luc-ii.xlsx",
                                  actor=SYSTEM, plan=my_hao_plan,
                                  column_map={FARM_LABEL: "rural_trainees"})

    outcomes = together(confirm, confirm)
    assert all(isinstance(o, ImportResult) and o.written for o in outcomes), outcomes
    assert Actual.objects.filter(indicator__code="rural_trainees").count() == 13
    (mapping,) = ColumnMapping.objects.all()
    assert mapping.indicator.code == "rural_trainees"


def test_two_different_choices_at_once_leave_one_of_them(my_hao_plan):
    town = unit_by_code("328")

    def remember(code: str):
        return lambda: column_mappings_remember(issuer=town, signature="a" * 64,
                                                choices=[(FARM_LABEL, code)], actor=SYSTEM)

    assert together(remember("rural_trainees"), remember(IGNORE)) == [1, 1]
    (mapping,) = ColumnMapping.objects.all()
    assert mapping.indicator is None or mapping.indicator.code == "rural_trainees"
