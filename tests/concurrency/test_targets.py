"""Two officers save Hà Nội's 2024 quota grid at the same instant, on PostgreSQL: the
plan's lock takes the saves one after the other, so each officer's own cells are all
kept, the one cell both changed holds the value of the save that came second, and every
change is one history row (the bulk writes of `targets_save`) — never an error."""

from __future__ import annotations

from decimal import Decimal

import pytest

from districts.models import Role, Unit
from districts.services import units_load
from targets.models import Target
from targets.services import SaveResult, TargetCell, targets_save
from tests.concurrency.helpers import together, user
from tests.factories import indicator, plan_make

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_saves_of_the_grid_at_once_keep_both_officers_cells():
    units_load(provinces={"01"})
    plan = plan_make("hn-2024")  # a draft with no quota yet
    hanoi = plan.issuer
    districts = list(Unit.objects.filter(parent=hanoi, valid_until__isnull=False)
                     .order_by("code")[:30])
    assert len(districts) == 30
    first, second = (user(name, Role.OFFICER, hanoi) for name in ("cv.mot", "cv.hai"))
    graduates = indicator("graduates_attracted")
    ba_dinh, rest = districts[0], districts[1:]

    def save(actor, units: list[Unit], value: int):
        cells = [TargetCell(graduates, unit, str(value)) for unit in units]
        return lambda: targets_save(plan=plan, year=2024, cells=cells, actor=actor)

    outcomes = together(save(first, [ba_dinh, *rest[:15]], 100),
                        save(second, [ba_dinh, *rest[15:]], 200))

    assert all(isinstance(o, SaveResult) for o in outcomes), outcomes
    stored = dict(Target.objects.filter(plan=plan, indicator=graduates)
                  .values_list("unit__code", "value"))
    assert {stored[u.code] for u in rest[:15]} == {Decimal(100)}
    assert {stored[u.code] for u in rest[15:]} == {Decimal(200)}
    # Ba Đình: created by the first save to run, changed by the second.
    history = list(Target.history.filter(plan_id=plan.pk, unit_id=ba_dinh.pk)
                   .order_by("history_id").values_list("history_type", "value"))
    assert [kind for kind, _value in history] == ["+", "~"]
    assert stored[ba_dinh.code] == history[-1][1]
    assert {history[0][1], history[1][1]} == {Decimal(100), Decimal(200)}
    # One history row per target written: 30 created, Ba Đình changed once.
    assert Target.history.filter(plan_id=plan.pk, indicator_id=graduates.pk).count() == 31
