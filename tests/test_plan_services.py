"""The plan services on their own: who may write, and what they refuse."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from districts.scope import SYSTEM
from districts.sources import describe
from plans.models import Plan
from plans.services import plan_create, plan_issue, plan_supersede
from targets.models import Target
from targets.services import AmendmentInput, TargetCell, TargetSpec, targets_put, targets_save
from tests.factories import hanoi_2024_as_printed, indicator, plan_make, unit_by_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_only_an_officer_of_the_issuer_creates_its_plan(make_user):
    hanoi = unit_by_code("01")
    with pytest.raises(PermissionDenied):
        plan_create(actor=make_user("officer", "001"), issuer=hanoi, code="hn-2025",
                    title="Kế hoạch 2025", first_year=2025, last_year=2025)
    plan = plan_create(actor=make_user("officer", "01"), issuer=hanoi, code="hn-2025",
                       title="Kế hoạch 2025", first_year=2025, last_year=2025)
    assert plan.status == Plan.Status.DRAFT


def test_unknown_plan_fields_are_a_programming_error(make_user):
    with pytest.raises(TypeError):
        plan_create(actor=SYSTEM, issuer=unit_by_code("01"), code="x", title="x",
                    first_year=2024, last_year=2024, status="issued")


def test_targets_save_refuses_a_unit_outside_the_grid(make_user):
    plan = hanoi_2024_as_printed()
    cell = TargetCell(indicator("enrol_total"), unit_by_code("00004"), "1.400")
    with pytest.raises(ValidationError, match="not a unit of this plan's grid"):
        targets_save(plan=plan, year=2024, cells=[cell], actor=make_user("officer", "01"))
    assert not Target.objects.filter(unit=unit_by_code("00004")).exists()


def test_targets_save_refuses_a_year_outside_the_plan(make_user):
    plan = hanoi_2024_as_printed()
    cell = TargetCell(indicator("enrol_total"), plan.issuer, "240.000")
    with pytest.raises(ValidationError, match="outside the plan's years"):
        targets_save(plan=plan, year=2025, cells=[cell], actor=make_user("officer", "01"))


def test_an_issued_plan_refuses_target_changes_without_an_amendment(officer_01):
    plan = hanoi_2024_as_printed()
    officer = officer_01
    plan_issue(plan=plan, actor=officer)
    cell = TargetCell(indicator("trained_rate"), plan.issuer, "trên 86,2")
    with pytest.raises(ValidationError, match="only through an amendment"):
        targets_save(plan=plan, year=2024, cells=[cell], actor=officer)
    assert plan.targets.get(indicator__code="trained_rate").value == Decimal("74.2")


def test_targets_put_keeps_the_printed_operator(make_user):
    disu = plan_make("disu-2024", issuer="12121")
    town = unit_by_code("328")
    result = targets_put(
        plan=disu,
        year=2024,
        specs={(indicator("trained_rate"), town): TargetSpec("gte", Decimal(70), None, "70%")},
        actor=SYSTEM,
        reason="load_demo",
    )
    assert result.created == 1
    target = Target.objects.get(plan=disu, unit=town)
    assert (target.operator, target.wording) == ("gte", "70%")
    assert target.history.get().history_change_reason == "load_demo"
    with pytest.raises(PermissionDenied):  # a ward officer does not manage its town
        targets_put(plan=disu, year=2024, specs={(indicator("trained_rate"), town): None},
                    actor=make_user("officer", "12121"), reason="x")


def test_a_draft_is_edited_not_superseded(officer_01):
    draft = plan_make("hn-2022", first_year=2022)
    with pytest.raises(ValidationError, match="Only an issued plan"):
        plan_supersede(plan=draft, actor=officer_01, by=hanoi_2024_as_printed())
    draft.refresh_from_db()
    assert draft.status == Plan.Status.DRAFT


def test_the_plan_page_offers_superseding_for_an_issued_plan_only(client, officer_01):
    from django.urls import reverse

    draft = plan_make("hn-2022", first_year=2022)
    client.force_login(officer_01)
    url = reverse("targets:plan_detail", args=[draft.code])
    assert reverse("plans:supersede", args=[draft.code]) not in client.get(url).content.decode()
    Plan.objects.filter(pk=draft.pk).update(status=Plan.Status.ISSUED)
    assert reverse("plans:supersede", args=[draft.code]) in client.get(url).content.decode()


def test_a_plan_cannot_supersede_itself_nor_be_superseded_twice(officer_01):
    officer = officer_01
    old = plan_make("hn-2022", first_year=2022, status=Plan.Status.ISSUED)
    new = hanoi_2024_as_printed()
    with pytest.raises(ValidationError):
        plan_supersede(plan=old, actor=officer, by=old)
    plan_supersede(plan=old, actor=officer, by=new)
    with pytest.raises(ValidationError, match="already superseded"):
        plan_supersede(plan=old, actor=officer, by=new)
    old.refresh_from_db()
    assert describe(old.history.first().history_change_reason) == "Superseded by hn-2024"


def test_the_system_operator_amends_an_issued_plan_and_the_page_says_so(client, viewer_01):
    # A loader re-run after a printed target changed: the amendment is recorded with no
    # person behind it, and the plan page names the system instead of an empty name.
    plan = plan_make("hn-2024", status=Plan.Status.ISSUED)
    hanoi = unit_by_code("01")
    targets_put(
        plan=plan,
        year=2024,
        specs={(indicator("trained_rate"), hanoi): TargetSpec("gte", Decimal(71), None, "71%")},
        actor=SYSTEM,
        reason="load_demo",
        amendment=AmendmentInput(reason="Số liệu in lại theo văn bản gốc"),
    )
    amendment = plan.amendments.get()
    assert amendment.created_by is None
    client.force_login(viewer_01)
    html = client.get(f"/plans/{plan.code}/").content.decode()
    assert "Số liệu in lại theo văn bản gốc" in html and "(hệ thống)" in html
