"""A plan's page: its header, its targets read back, quotas with their sum and gap,
milestones side by side, and what each kind of user may see."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from plans.models import Plan
from tests.factories import (
    HANOI_2024_THREE_QUOTAS,
    hanoi_2024_as_printed,
    plan_make,
    speaking,
    target_make,
)

pytestmark = pytest.mark.django_db



@pytest.fixture
def plan() -> Plan:
    plan = hanoi_2024_as_printed()
    plan.legal_basis = (
        "Kế hoạch số 10/KH-UBND ngày 14/01/2021\nKế hoạch số 23/KH-UBND ngày 26/01/2024"
    )
    plan.units_deadline = "12-15"
    plan.consolidation_deadline = "12-31"
    plan.issued_on = datetime.date(2024, 1, 26)
    plan.save()
    return plan


def _page(client, plan, **extra) -> str:
    response = client.get(reverse("targets:plan_detail", args=[plan.code]), **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_header(client, make_user, plan):
    older = plan_make("hn-2022", first_year=2022, number="72/KH-UBND")
    plan.implements.add(older)
    client.force_login(make_user("viewer", "01"))
    html = _page(client, plan)
    assert "Thành phố Hà Nội" in html
    assert "Vũ Thu Hà, Phó Chủ tịch" in html
    assert "26/01/2024" in html  # issued on, dd/mm/yyyy
    assert "15/12/2024" in html and "31/12/2024" in html  # reporting calendar
    assert "Kế hoạch số 23/KH-UBND ngày 26/01/2024" in html
    assert "72/KH-UBND" in html and reverse("targets:plan_detail", args=["hn-2022"]) in html


def test_it_reads_targets_back_in_vietnamese_numbers(client, plan, viewer_01):
    client.force_login(viewer_01)
    html = _page(client, plan)
    assert "235.000" in html
    assert "74,2 %" in html and "54 %" in html
    assert "đạt 74,2%" in html  # the wording as printed


def test_it_reads_targets_back_in_english(client, plan, viewer_01):
    client.force_login(viewer_01)
    html = _page(speaking(client, "en"), plan)
    assert "at least 235,000" in html
    assert "at least 74.2 %" in html


def test_quotas_show_under_their_indicator_with_the_implied_total(client, plan, viewer_01):
    client.force_login(viewer_01)
    html = _page(client, plan)
    assert "Quận Ba Đình" in html and "Quận Đống Đa" in html and "Huyện Ba Vì" in html
    assert "1.050" in html and "3.500" in html
    # No city total printed for the graduates: 650 + 1 050 + 3 500 = 5 200 is implied.
    assert "5.200" in html
    assert "Implied total 5,200" in _page(speaking(client, "en"), plan)


def test_quotas_under_a_parent_target_show_the_sum_and_the_gap(client, plan, viewer_01):
    target_make(plan, "graduates_attracted", 6000)
    client.force_login(viewer_01)
    html = _page(speaking(client, "en"), plan)
    assert "Sum of quotas 5,200" in html
    assert "Target 6,000 · gap 800" in html


def test_a_strategy_shows_milestone_years_side_by_side(client, make_user):
    hp = plan_make("hp-2021-2030", issuer="31", first_year=2021, last_year=2030,
                   kind=Plan.Kind.STRATEGY)
    target_make(hp, "graduates_attracted_rate", 40, value_high=45, operator="range", year=2025,
                wording="40 - 45%")
    target_make(hp, "graduates_attracted_rate", 50, value_high=55, operator="range", year=2030,
                wording="50 - 55%")
    client.force_login(make_user("viewer", "31"))
    response = client.get(reverse("targets:plan_detail", args=[hp.code]))
    milestones = response.context["milestones"]
    assert milestones.years == [2025, 2030]
    [row] = milestones.rows
    assert [t.describe() for t in row.cells] == ["40–45 %", "50–55 %"]
    assert "40–45 %" in response.content.decode() and "50–55 %" in response.content.decode()


def test_a_district_user_sees_the_issuers_targets_and_its_own_quota_only(
    client, plan, reporter_001
):
    client.force_login(reporter_001)
    html = _page(client, plan)
    assert "235.000" in html  # the city's own target
    assert "Quận Ba Đình" in html
    assert "Quận Đống Đa" not in html and "Huyện Ba Vì" not in html
    assert "5.200" not in html  # a partial sum would mislead: no sum shown


def test_another_province_gets_404_and_anonymous_logs_in(client, plan, officer_31):
    client.force_login(officer_31)
    assert client.get(reverse("targets:plan_detail", args=[plan.code])).status_code == 404
    assert client.get(reverse("targets:plan_detail", args=["no-such-plan"])).status_code == 404
    client.logout()
    response = client.get(reverse("targets:plan_detail", args=[plan.code]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_managers_get_the_edit_links_and_viewers_do_not(client, make_user, plan, viewer_01):
    grid_url = reverse("targets:grid", args=[plan.code, 2024])
    client.force_login(viewer_01)
    assert grid_url not in _page(client, plan)
    client.force_login(make_user("officer", "01"))
    html = _page(client, plan)
    assert grid_url in html and reverse("plans:issue", args=[plan.code]) in html


def test_the_page_costs_the_same_queries_for_3_or_30_quotas(
    client, make_user, django_assert_max_num_queries
):
    few = hanoi_2024_as_printed(quotas=HANOI_2024_THREE_QUOTAS)
    many = plan_make("hn-2024-all")
    from districts.models import Unit

    hanoi = few.issuer
    for district in Unit.objects.filter(parent=hanoi, valid_until__isnull=False):
        target_make(many, "graduates_attracted", 500, unit=district)
        target_make(many, "enrol_total", 7000, unit=district)
    assert many.targets.count() == 60
    client.force_login(make_user("officer", "01"))
    client.get(reverse("targets:plan_detail", args=[few.code]))  # warm the session
    with django_assert_max_num_queries(14) as few_queries:
        client.get(reverse("targets:plan_detail", args=[few.code]))
    with django_assert_max_num_queries(len(few_queries.captured_queries)):
        response = client.get(reverse("targets:plan_detail", args=[many.code]))
    assert "15.000" in response.content.decode()  # 30 × 500, the implied total


def test_history_page_lists_who_changed_what(client, make_user, plan):
    target = plan.targets.get(indicator__code="trained_rate")
    officer = make_user("officer", "01", username="chuyenvien")
    target.value = Decimal("75")
    target._history_user = officer
    target._change_reason = "grid:2024"
    target.save()
    client.force_login(make_user("viewer", "01"))
    response = speaking(client, "en").get(reverse("targets:plan_history", args=[plan.code]))
    assert response.status_code == 200
    [change] = [c for c in response.context["changes"] if c.change == "changed"]
    assert (change.old, change.new) == ("at least 74.2 %", "at least 75 %")
    assert change.user == officer and change.reason == "Target grid 2024"  # in English
    assert "chuyenvien" in response.content.decode()
    client.force_login(make_user("viewer", "31"))
    assert client.get(reverse("targets:plan_history", args=[plan.code])).status_code == 404


def test_targets_of_a_unit_above_the_issuer_are_shown_for_reference_not_summed(
    client, make_user
):
    # Dị Sử's 2024 ward plan prints its town's (Mỹ Hào, 328) figures in Appendix I.
    disu = plan_make("disu-2024", issuer="12121")
    target_make(disu, "enrol_total", 1400, wording="1.400 người")
    target_make(disu, "enrol_total", 67500, unit="328", wording="67.500 người")
    client.force_login(make_user("viewer", "12121"))
    response = speaking(client, "en").get(reverse("targets:plan_detail", args=[disu.code]))
    [group] = response.context["groups"]
    [row] = group.rows
    assert row.quotas == [] and [t.unit.code for t in row.others] == ["328"]
    html = response.content.decode()
    assert "67,500" in html and "for reference" in html
    assert "Sum of quotas" not in html and "gap" not in html


def test_the_menu_marks_plans_on_a_plan_page_and_indicators_on_the_catalogue(
    client, make_user, plan
):
    client.force_login(make_user("viewer", "01"))
    plans_link = f'<a href="{reverse("plans:list")}" aria-current="page">'
    catalogue = reverse("targets:catalogue")
    html = _page(client, plan)
    assert plans_link in html and f'<a href="{catalogue}" aria-current' not in html
    html = client.get(catalogue).content.decode()
    assert f'<a href="{catalogue}" aria-current="page">' in html and plans_link not in html
