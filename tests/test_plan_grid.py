"""The target grid: typed wordings read back, previewed, saved with their history; bad
cells, tampered cells, other units' users and issued plans refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from districts.sources import describe
from plans.models import Amendment, Plan
from targets.models import Target
from tests.factories import hanoi_2024_as_printed, indicator, plan_make, speaking, unit_by_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    """Read-backs and recorded reasons in English (the source language); numbers are
    checked in Vietnamese where it matters, by asking for a Vietnamese page."""
    client.cookies["django_language"] = "en"


@pytest.fixture
def plan() -> Plan:
    return hanoi_2024_as_printed()


@pytest.fixture
def officer(client, make_user):
    user = make_user("officer", "01", username="chuyenvien")
    client.force_login(user)
    return user


def _url(plan: Plan, year: int = 2024) -> str:
    return reverse("targets:grid", args=[plan.code, year])


def _cell(code: str, unit_code: str, year: int = 2024) -> str:
    return f"cell-{code}-{unit_by_code(unit_code, year=year).pk}"


def _target(plan: Plan, code: str, unit_code: str = "01") -> Target | None:
    return Target.objects.filter(
        plan=plan, indicator__code=code, unit=unit_by_code(unit_code), year=2024
    ).first()


def test_the_grid_has_a_column_for_the_issuer_and_each_district(client, officer, plan):
    response = client.get(_url(plan))
    assert response.status_code == 200
    units = response.context["units"]
    assert units[0].code == "01" and len(units) == 31  # Hà Nội and its 30 districts in 2024
    html = response.content.decode()
    assert 'value="đạt 74,2%"' in html
    assert "targets/target_grid.js" in html


def test_typing_tren_86_2_saves_gt_86_2_and_reads_it_back(client, officer, plan):
    response = client.post(
        _url(plan), {_cell("trained_rate", "01"): "trên 86,2", "action": "save"}, follow=True
    )
    assert response.status_code == 200
    target = _target(plan, "trained_rate")
    assert (target.operator, target.value, target.value_high) == ("gt", Decimal("86.2"), None)
    assert target.wording == "trên 86,2"
    assert "greater than 86.2 %" in response.content.decode()
    vietnamese = speaking(client, "vi").get(_url(plan)).content.decode()
    assert "86,2 %" in vietnamese


def test_preview_reads_the_cells_back_and_saves_nothing(client, officer, plan):
    response = client.post(
        _url(plan),
        {
            _cell("trained_rate", "01"): "trên 86,2",
            _cell("certified_rate", "01"): "khoảng 33%",
            _cell("graduates_attracted_rate", "01"): "40-45",
            _cell("graduates_attracted", "006"): "1.400",
            "action": "preview",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    for readback in ("greater than 86.2 %", "about 33 %", "40–45 %", "at least 1,400"):
        assert readback in html
    assert _target(plan, "trained_rate").value == Decimal("74.2")
    assert _target(plan, "graduates_attracted_rate") is None


def test_a_bad_wording_is_shown_next_to_its_cell_and_nothing_is_saved(client, officer, plan):
    bad = _cell("trained_rate", "01")
    response = client.post(
        _url(plan),
        {bad: "tăng mạnh", _cell("enrol_total", "01"): "240.000", "action": "save"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="{bad}-rb"' in html
    note = html.split(f'id="{bad}-rb"', 1)[1].split("</small>", 1)[0]
    assert "is not a target wording" in note
    assert "Nothing was saved" in html
    assert _target(plan, "trained_rate").value == Decimal("74.2")
    assert _target(plan, "enrol_total").value == Decimal(235000)


@pytest.mark.parametrize(
    ("code", "text", "message"),
    [
        ("enrol_total", "30%", "not a percentage"),
        ("enrol_total", "1.400,5", "whole numbers"),
        ("trained_rate", "120%", "above 100"),
    ],
)
def test_values_that_cannot_be_a_target_are_refused(client, officer, plan, code, text, message):
    response = client.post(_url(plan), {_cell(code, "01"): text, "action": "save"})
    assert message in response.content.decode()
    assert not Target.objects.filter(plan=plan, wording=text).exists()


def test_an_empty_cell_deletes_the_target(client, officer, plan):
    client.post(_url(plan), {_cell("graduates_attracted", "006"): "", "action": "save"})
    assert _target(plan, "graduates_attracted", "006") is None
    assert _target(plan, "graduates_attracted", "001") is not None


def test_reposting_an_untouched_grid_changes_nothing(client, officer, plan):
    page = client.get(_url(plan))
    data = {c.name: c.text for row in page.context["grid"].rows for c in row.cells}
    records = Target.history.count()
    response = client.post(_url(plan), {**data, "action": "save"})
    assert response.status_code == 302
    assert Target.history.count() == records


def test_a_quota_is_saved_and_the_allocation_is_summed(client, officer, plan):
    response = client.post(
        _url(plan),
        {_cell("graduates_attracted", "002"): "200", "action": "save"},  # Hoàn Kiếm
        follow=True,
    )
    assert _target(plan, "graduates_attracted", "002").value == Decimal(200)
    assert "Implied total 5,400" in response.content.decode()  # 650 + 200 + 1 050 + 3 500


def test_every_change_records_who_old_and_new(client, officer, plan):
    client.post(_url(plan), {_cell("trained_rate", "01"): "đạt 75%", "action": "save"})
    latest, before = _target(plan, "trained_rate").history.all()[:2]
    assert latest.history_user == officer
    assert (before.value, latest.value) == (Decimal("74.2"), Decimal(75))
    assert describe(latest.history_change_reason) == "Target grid 2024"
    response = client.get(reverse("targets:plan_history", args=[plan.code]))
    change = response.context["changes"][0]
    assert (change.old, change.new, change.user) == ("at least 74.2 %", "at least 75 %", officer)


def test_a_deletion_is_recorded_too(client, officer, plan):
    client.post(_url(plan), {_cell("certified_rate", "01"): "", "action": "save"})
    record = Target.history.filter(plan_id=plan.pk, history_type="-").get()
    assert record.history_user == officer and record.value == Decimal(54)


def test_a_cell_for_a_unit_outside_the_grid_is_refused(client, officer, plan):
    truc_bach = unit_by_code("00004")  # a ward of Ba Đình: not a child of the city
    hai_phong = unit_by_code("31")
    for unit in (truc_bach, hai_phong):
        response = client.post(
            _url(plan),
            {
                f"cell-enrol_total-{unit.pk}": "1.400",
                _cell("enrol_total", "01"): "240.000",
                "action": "save",
            },
        )
        assert response.status_code == 400
        assert "not part of this grid" in response.content.decode()
    assert not Target.objects.filter(plan=plan, unit__in=[truc_bach, hai_phong]).exists()
    assert _target(plan, "enrol_total").value == Decimal(235000)


def test_other_units_and_roles_cannot_edit(client, make_user, plan):
    data = {_cell("trained_rate", "01"): "trên 86,2", "action": "save"}
    client.force_login(make_user("officer", "31"))  # Hải Phòng
    assert client.get(_url(plan)).status_code == 404
    assert client.post(_url(plan), data).status_code == 404
    for role, code in (("reporter", "01"), ("viewer", "01"), ("officer", "001")):
        client.force_login(make_user(role, code))
        assert client.get(_url(plan)).status_code == 403
        assert client.post(_url(plan), data).status_code == 403
    client.logout()
    response = client.get(_url(plan))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert _target(plan, "trained_rate").value == Decimal("74.2")


def test_a_year_outside_the_plan_is_404(client, officer, plan):
    assert client.get(_url(plan, 2025)).status_code == 404


def test_an_issued_plan_changes_only_through_an_amendment(client, officer, plan):
    plan.status = Plan.Status.ISSUED
    plan.save()
    cell = _cell("trained_rate", "01")
    response = client.post(_url(plan), {cell: "trên 86,2", "action": "save"})
    assert response.status_code == 200
    assert "only through an amendment" in response.content.decode()
    assert _target(plan, "trained_rate").value == Decimal("74.2")
    assert not Amendment.objects.exists()

    response = client.post(
        _url(plan),
        {
            cell: "trên 86,2",
            "action": "save",
            "amendment_number": "15/KH-UBND",
            "amendment_reason": "Điều chỉnh chỉ tiêu lao động qua đào tạo",
        },
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get(plan=plan)
    assert (amendment.number, amendment.created_by) == ("15/KH-UBND", officer)
    record = _target(plan, "trained_rate").history.first()
    assert describe(record.history_change_reason) == (
        "Amendment 15/KH-UBND: Điều chỉnh chỉ tiêu lao động qua đào tạo"
    )
    assert record.history_user == officer


def test_a_superseded_plan_refuses_changes(client, officer, plan):
    plan.status = Plan.Status.SUPERSEDED
    plan.save()
    response = client.post(
        _url(plan),
        {_cell("trained_rate", "01"): "80%", "action": "save", "amendment_reason": "x"},
    )
    assert "superseded" in response.content.decode()
    assert _target(plan, "trained_rate").value == Decimal("74.2")


def test_the_2025_grid_hands_quotas_to_the_new_communes(client, officer):
    plan = plan_make("hn-2025", first_year=2025)
    response = client.get(_url(plan, 2025) + "?indicator=enrol_total")
    units = response.context["units"]
    assert len(units) == 127  # Hà Nội and its 126 communes and wards from 1 July 2025
    assert all(u.level == "commune" for u in units[1:])
    assert [r.indicator for r in response.context["grid"].rows] == [indicator("enrol_total")]
