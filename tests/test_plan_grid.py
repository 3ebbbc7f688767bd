"""The target grid: typed wordings read back, previewed, saved with their history; bad
cells, tampered cells, other units' users and issued plans refused."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.sources import describe
from plans.models import Amendment, Plan
from targets.models import Target
from targets.services import PRINTED_UNIT_LENGTH
from tests.factories import (
    hanoi_2024_as_printed,
    plan_make,
    speaking,
    target_make,
    unit_by_code,
    vi,
)

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


def test_the_2025_grid_hands_quotas_to_the_new_communes_and_shows_every_indicator(
    client, officer
):
    plan = plan_make("hn-2025", first_year=2025)
    response = client.get(_url(plan, 2025))
    units = response.context["units"]
    assert len(units) == 127  # Hà Nội and its 126 communes and wards from 1 July 2025
    assert all(u.level == "commune" for u in units[1:])
    rows = response.context["grid"].rows
    assert len(rows) == 26  # the whole catalogue: no picker, no rows left out
    assert all(len(row.cells) == 127 for row in rows)
    html = response.content.decode()
    ba_dinh = unit_by_code("00004", year=2025)  # Phường Ba Đình from 1 July 2025
    for code in ("enrol_total", "institutions", "admin_procedures_on_time_rate"):
        assert f'name="cell-{code}-{ba_dinh.pk}"' in html
    assert "Indicators shown" not in html and "fewer indicators" not in html


# --- a grid of 126 communes: every cell shown, only the changed ones posted -------------------


def _rural_column(units) -> dict[str, str]:
    """Hà Nội's 2025 plan for rural workers: about 20.000 a year, here handed to the 126
    communes and wards as 92 quotas of 159 and 34 of 158 (together exactly 20.000)."""
    return {
        f"cell-rural_trainees-{unit.pk}": "159" if i < 92 else "158"
        for i, unit in enumerate(units)
    }


@pytest.fixture
def rural_2025() -> Plan:
    plan = plan_make("hn-rural-2025", first_year=2025)
    target_make(plan, "rural_trainees", 20000, operator="approx", wording="khoảng 20.000")
    return plan


def test_the_page_takes_as_many_queries_for_126_communes_as_for_30_districts(
    client, officer, plan, rural_2025
):
    counts = []
    for url in (_url(plan), _url(rural_2025, 2025)):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_full_column_of_126_quotas_saves_in_far_fewer_than_1000_fields(
    client, officer, rural_2025
):
    units = client.get(_url(rural_2025, 2025)).context["units"][1:]
    data = {**_rural_column(units), "action": "save"}
    assert len(data) == 127  # Django refuses a form of more than 1.000 fields
    response = client.post(_url(rural_2025, 2025), data)
    assert response.status_code == 302
    quotas = Target.objects.filter(plan=rural_2025, year=2025, unit__in=units)
    assert quotas.count() == 126
    assert sum(q.value for q in quotas) == Decimal(20000)
    assert {q.wording for q in quotas} == {"158", "159"}
    page = speaking(client, "vi").get(_url(rural_2025, 2025)).content.decode()
    row = page.split('id="sum-rural_trainees"', 1)[1].split("</small>", 1)[0]
    assert vi("Sum of quotas %(total)s", total="20.000") in row
    assert vi("gap %(gap)s", gap="0") in row


def test_posting_only_the_changed_cells_saves_just_them(client, officer, plan):
    before = Target.objects.filter(plan=plan).count()
    records = Target.history.count()
    dong_anh = unit_by_code("017")  # Huyện Đông Anh
    response = client.post(
        _url(plan),
        {
            f"cell-graduates_attracted-{dong_anh.pk}": "1.200",
            _cell("trained_rate", "01"): "trên 75%",
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert Target.objects.filter(plan=plan).count() == before + 1
    assert Target.history.count() == records + 2
    assert _target(plan, "graduates_attracted", "017").value == Decimal(1200)
    assert _target(plan, "trained_rate").operator == "gt"
    # The cells not posted keep their targets: the city's enrolment, the other quotas.
    assert _target(plan, "enrol_total").value == Decimal(235000)
    assert _target(plan, "graduates_attracted", "006").value == Decimal(1050)


def test_a_previewed_cell_keeps_what_the_grid_showed_so_the_script_still_sends_it(
    client, officer, plan
):
    cell = _cell("trained_rate", "01")
    html = client.post(_url(plan), {cell: "trên 86,2", "action": "preview"}).content.decode()
    tag = html.split(f'name="{cell}"', 1)[1].split(">", 1)[0]
    assert 'value="trên 86,2"' in tag and 'data-initial="đạt 74,2%"' in tag
    untouched = html.split(f'name="{_cell("certified_rate", "01")}"', 1)[1].split(">", 1)[0]
    assert "data-initial" not in untouched


def test_one_bad_cell_in_a_column_saves_none_of_it(client, officer, rural_2025):
    units = client.get(_url(rural_2025, 2025)).context["units"][1:]
    data = _rural_column(units)
    data[f"cell-rural_trainees-{units[40].pk}"] = "158,5"  # half a person
    response = speaking(client, "vi").post(_url(rural_2025, 2025), {**data, "action": "save"})
    assert response.status_code == 200
    html = response.content.decode()
    assert vi("This indicator counts whole numbers.") in html
    assert "Không đọc được 1 ô" in html
    assert not Target.objects.filter(plan=rural_2025, unit__in=units).exists()


def test_a_column_from_another_unit_or_role_is_refused(client, make_user, rural_2025):
    url = _url(rural_2025, 2025)
    ba_dinh = unit_by_code("00004", year=2025)
    # Phường Ba Đình's own quota, so that its officer sees the plan (and is refused its grid).
    target_make(rural_2025, "rural_trainees", 160, unit=ba_dinh, year=2025, wording="160")
    units = list(rural_2025.issuer.children.valid_on(datetime.date(2025, 7, 1)))
    assert len(units) == 126
    data = {**_rural_column(units), "action": "save"}
    client.force_login(make_user("officer", "31", year=2025))  # Hải Phòng
    assert client.post(url, data).status_code == 404
    for role, code in (("viewer", "01"), ("officer", "00004")):
        client.force_login(make_user(role, code, year=2025))
        assert client.post(url, data).status_code == 403
    client.logout()
    response = client.post(url, data)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert list(Target.objects.filter(plan=rural_2025, unit__in=units)) == [
        Target.objects.get(plan=rural_2025, unit=ba_dinh, value=160)
    ]


def test_a_column_of_126_is_saved_in_a_few_queries_each_target_with_its_record(
    client, officer, plan, rural_2025
):
    counts = []
    for grid, year in ((plan, 2024), (rural_2025, 2025)):
        url = _url(grid, year)
        units = client.get(url).context["units"][1:]
        for value in ("120", "121"):  # created, then changed
            cells = {f"cell-rural_trainees-{unit.pk}": value for unit in units}
            with CaptureQueriesContext(connection) as queries:
                assert client.post(url, {**cells, "action": "save"}).status_code == 302
            counts.append(len(queries))
        records = Target.history.filter(
            plan_id=grid.pk, indicator__code="rural_trainees", unit_id__in=[u.pk for u in units]
        )
        assert records.filter(history_type="+").count() == len(units)
        assert records.filter(history_type="~", value=121).count() == len(units)
        assert {r.history_user for r in records} == {officer}
        assert {describe(r.history_change_reason) for r in records} == {f"Target grid {year}"}
    # Not one write per cell: at most a statement more per batch that SQLite's limit on
    # a statement's parameters splits a bulk write into (PostgreSQL writes 166 in one).
    assert counts[0] < 20 and counts[1] < 20
    assert counts[2] <= counts[0] + 2 and counts[3] <= counts[1] + 2


# --- the script's post: the changed cells packed into one field ------------------------------

# Eight indicators that count people or things: 8 × 126 communes is 1.008 cells, more than
# Django's 1.000 fields if each were a field of its own.
COUNTS = ("enrol_total", "enrol_college", "enrol_intermediate", "enrol_elementary",
          "graduates_attracted", "rural_trainees", "institutions", "key_occupations")


def test_a_block_of_1008_cells_packed_in_one_field_saves(client, officer, rural_2025):
    units = client.get(_url(rural_2025, 2025)).context["units"][1:]
    cells = {f"cell-{code}-{unit.pk}": "2" if code == "institutions" else "159"
             for code in COUNTS for unit in units}
    assert len(cells) == 1008
    response = client.post(_url(rural_2025, 2025), {"cells": json.dumps(cells), "action": "save"})
    assert response.status_code == 302
    quotas = Target.objects.filter(plan=rural_2025, year=2025, unit__in=units)
    assert quotas.count() == 1008
    assert quotas.filter(indicator__code="institutions", value=2).count() == 126


def test_packed_cells_are_read_like_posted_ones(client, officer, plan):
    packed = {_cell("trained_rate", "01"): "trên 86,2", _cell("graduates_attracted", "006"): ""}
    response = client.post(_url(plan), {"cells": json.dumps(packed), "action": "save"})
    assert response.status_code == 302
    assert _target(plan, "trained_rate").operator == "gt"
    assert _target(plan, "graduates_attracted", "006") is None  # posted empty: deleted
    assert _target(plan, "graduates_attracted", "001").value == Decimal(650)  # not posted


@pytest.mark.parametrize("packed", ["{not json", '["cell-enrol_total-1"]', '{"x": 1}'])
def test_a_packed_field_that_cannot_be_read_saves_nothing(client, officer, plan, packed):
    response = speaking(client, "vi").post(
        _url(plan), {"cells": packed, _cell("trained_rate", "01"): "80%", "action": "save"}
    )
    assert response.status_code == 400
    assert vi("The grid's changed cells could not be read; nothing was saved. "
              "Reload the page and try again.") in response.content.decode()
    assert _target(plan, "trained_rate").value == Decimal("74.2")


def test_a_packed_cell_of_another_unit_is_refused(client, officer, plan):
    hai_phong = unit_by_code("31")
    packed = {f"cell-enrol_total-{hai_phong.pk}": "1.400", _cell("enrol_total", "01"): "240.000"}
    response = client.post(_url(plan), {"cells": json.dumps(packed), "action": "save"})
    assert response.status_code == 400
    assert "not part of this grid" in response.content.decode()
    assert _target(plan, "enrol_total").value == Decimal(235000)
    assert not Target.objects.filter(plan=plan, unit=hai_phong).exists()


def test_a_wording_that_prints_its_unit_gives_the_target_that_unit(client, officer, plan):
    """Hà Nội counts enrolment in "lượt người" (person-times), the catalogue in "người":
    typed with its unit, the city's target keeps the plan's unit; typed without, the
    unit stays; typed with the indicator's own unit, the plan's unit is dropped."""
    cell = _cell("enrol_total", "01")

    client.post(_url(plan), {cell: "240.000 lượt người", "action": "save"})
    target = _target(plan, "enrol_total")
    assert (target.value, target.printed_unit) == (Decimal("240000"), "lượt người")
    page = client.get(reverse("targets:plan_detail", args=[plan.code])).content.decode()
    assert "(lượt người)" in page

    client.post(_url(plan), {cell: "245.000", "action": "save"})
    target = _target(plan, "enrol_total")
    assert (target.value, target.printed_unit) == (Decimal("245000"), "lượt người")

    client.post(_url(plan), {cell: "245.000 người", "action": "save"})
    assert _target(plan, "enrol_total").printed_unit == ""


def test_thousands_written_in_words_are_read_as_thousands(client, officer, plan):
    client.post(_url(plan), {_cell("enrol_total", "01"): "230-240 nghìn", "action": "save"})
    target = _target(plan, "enrol_total")
    assert (target.operator, target.value, target.value_high) == (
        "range", Decimal("230000"), Decimal("240000"))


def test_a_rate_takes_no_unit_and_a_long_description_is_not_one(client, officer, plan):
    client.post(_url(plan), {_cell("trained_rate", "01"): "trên 75% số lao động",
                             _cell("enrol_total", "01"): "240 nghìn người lao động nông thôn",
                             "action": "save"})
    rate, enrolment = _target(plan, "trained_rate"), _target(plan, "enrol_total")
    assert Target._meta.get_field("printed_unit").max_length == PRINTED_UNIT_LENGTH
    assert (rate.value, rate.printed_unit) == (Decimal("75"), "")
    assert (enrolment.value, enrolment.printed_unit) == (Decimal("240000"), "")


def test_a_posted_cell_is_cut_to_a_wordings_length(client, officer, plan):
    response = client.post(_url(plan), {_cell("enrol_total", "01"): "x" * 5000,
                                        "action": "preview"})
    assert "x" * 201 not in response.content.decode()

