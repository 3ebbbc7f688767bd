"""2025, the year the districts were abolished (1 July): a plan chooses whether its 2025
quotas go to the districts in force when it was issued or to the new communes."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import Plan
from plans.services import plan_update
from targets.models import Target
from targets.selectors import quota_units
from tests.factories import plan_make, target_make, unit_by_code

pytestmark = pytest.mark.django_db

DISTRICTS = Plan.TransitionUnits.DISTRICTS


def hanoi_2025(**fields) -> Plan:
    """Hà Nội's 2025 plan, issued 20/02/2025, before the reorganisation."""
    return plan_make("hn-2025", first_year=2025, issued_on=datetime.date(2025, 2, 20), **fields)


def test_a_plan_issued_in_february_2025_hands_its_quotas_to_the_30_districts(client, officer_01):
    plan = hanoi_2025(transition_units=DISTRICTS)
    client.force_login(officer_01)
    grid = reverse("targets:grid", args=[plan.code, 2025])
    units = client.get(grid + "?indicator=enrol_total").context["units"]
    assert len(units) == 31  # Hà Nội and its 30 districts of the first half of 2025
    assert {u.level for u in units[1:]} == {"district"}
    ba_dinh = unit_by_code("001", year=2024)
    response = client.post(grid + "?indicator=enrol_total",
                           {f"cell-enrol_total-{ba_dinh.pk}": "6.200", "action": "save"})
    assert response.status_code == 302
    quota = Target.objects.get(plan=plan, unit=ba_dinh, year=2025)
    assert (quota.indicator.code, quota.value) == ("enrol_total", Decimal(6200))


def test_by_default_2025_quotas_go_to_the_communes_and_other_years_are_untouched():
    plan = plan_make("hn-2024-2026", first_year=2024, last_year=2026, transition_units=DISTRICTS)
    assert len(quota_units(plan, 2025)) == 30
    assert len(quota_units(plan, 2024)) == 30
    assert len(quota_units(plan, 2026)) == 126  # the communes, whatever the plan chose
    assert len(quota_units(hanoi_2025(), 2025)) == 126


def test_the_choice_is_fixed_once_2025_quotas_are_given(officer_01):
    plan = hanoi_2025()
    target_make(plan, "enrol_total", 250, unit=unit_by_code("00004", year=2025), year=2025)
    with pytest.raises(ValidationError) as refused:
        plan_update(plan=plan, actor=officer_01, transition_units=DISTRICTS)
    assert "Kế hoạch đã giao chỉ tiêu năm 2025" in str(refused.value)
    plan.refresh_from_db()
    assert plan.transition_units == Plan.TransitionUnits.COMMUNES


def test_the_plan_page_says_which_units_get_2025(client, viewer_01):
    plan = hanoi_2025(transition_units=DISTRICTS, status=Plan.Status.ISSUED)
    client.force_login(viewer_01)
    html = client.get(reverse("targets:plan_detail", args=[plan.code])).content.decode()
    assert "Chỉ tiêu năm 2025 giao cho" in html
    assert "các quận, huyện, thị xã, thành phố thuộc tỉnh có hiệu lực đến 30/06/2025" in html
    other = plan_make("hn-2024", status=Plan.Status.ISSUED)
    html = client.get(reverse("targets:plan_detail", args=[other.code])).content.decode()
    assert "Chỉ tiêu năm 2025 giao cho" not in html


def test_only_the_issuers_officer_changes_it(client, viewer_01, officer_31):
    plan = hanoi_2025()
    edit = reverse("plans:edit", args=[plan.code])
    for user in (viewer_01, officer_31):
        client.force_login(user)
        assert client.post(edit, {"transition_units": "districts"}).status_code in {403, 404}
    client.logout()
    assert client.post(edit, {"transition_units": "districts"}).status_code == 302
    plan.refresh_from_db()
    assert plan.transition_units == Plan.TransitionUnits.COMMUNES
