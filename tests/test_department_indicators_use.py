"""A department's indicator used end to end like a shipped one, within its province only:
plan targets, the entry page, saving actuals, imports by printed name, progress (a "hold"
indicator) and the API."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from districts.scope import SYSTEM
from reports.models import Actual
from reports.services import actuals_save
from targets.forms import AllocationCopyForm, AllocationSplitForm
from targets.indicators import indicator_retire
from targets.models import Target
from targets.services import TargetSpec, targets_put
from tests.factories import (
    actual_make,
    bearer,
    csv_bytes,
    disu_plan,
    indicator,
    plan_make,
    target_make,
    token_make,
    unit_by_code,
)
from tests.factories_indicators import department_indicator, institutions_held
from tests.test_import_official import appendix_i_2024

pytestmark = pytest.mark.django_db
SUMMARY = "created={} updated={} unchanged={} errors={} warnings={}"


@pytest.fixture
def colleges():
    return department_indicator()


@pytest.fixture
def hp_plan():
    return plan_make("hp-2021-2030", issuer="31", first_year=2021, last_year=2030)


def _import(path, *args: str, fails: bool = False) -> list[str]:
    out = io.StringIO()
    if fails:
        with pytest.raises(CommandError):
            call_command("import_reports", str(path), *args, stdout=out)
    else:
        call_command("import_reports", str(path), *args, stdout=out)
    return out.getvalue().splitlines()


# --- targets ---------------------------------------------------------------------------------


def test_the_grid_of_a_haiphong_plan_offers_it_and_saves_a_target(
    client, officer_31, colleges, hp_plan
):
    client.force_login(officer_31)
    url = reverse("targets:grid", args=[hp_plan.code, 2025])
    page = client.get(url, {"indicator": colleges.code})
    assert colleges in page.context["all_indicators"]
    cell = f"cell-{colleges.code}-{unit_by_code('31').pk}"
    response = client.post(url + f"?indicator={colleges.code}", {cell: "01", "action": "save"})
    assert response.status_code == 302
    target = Target.objects.get(plan=hp_plan, indicator=colleges)
    assert (target.operator, target.value) == ("gte", Decimal(1))


def test_a_hanoi_plan_neither_offers_nor_takes_it(client, officer_01, colleges):
    plan = plan_make("hn-2024")
    client.force_login(officer_01)
    page = client.get(reverse("targets:grid", args=[plan.code, 2024]))
    assert colleges not in page.context["all_indicators"]
    with pytest.raises(ValidationError, match="không thuộc các đơn vị của kế hoạch này"):
        targets_put(plan=plan, year=2024, actor=SYSTEM, reason="test", specs={
            (colleges, plan.issuer): TargetSpec("gte", Decimal(1), None, "01")})
    assert not Target.objects.filter(indicator=colleges).exists()


def test_a_retired_one_takes_no_new_target_and_keeps_its_own(colleges, hp_plan):
    target_make(hp_plan, colleges.code, 1, year=2025, wording="01")
    indicator_retire(actor=SYSTEM, indicator=colleges)
    colleges.refresh_from_db()
    with pytest.raises(ValidationError, match="đã ngừng dùng"):
        targets_put(plan=hp_plan, year=2030, actor=SYSTEM, reason="test", specs={
            (colleges, hp_plan.issuer): TargetSpec("gte", Decimal(2), None, "02")})
    # The 2025 target stays and can still be changed.
    targets_put(plan=hp_plan, year=2025, actor=SYSTEM, reason="test", specs={
        (colleges, hp_plan.issuer): TargetSpec("gte", Decimal(2), None, "02")})
    assert Target.objects.get(plan=hp_plan, indicator=colleges).value == 2


def test_a_target_shows_the_unit_of_measure_the_plan_prints(client, officer_01):
    plan = plan_make("hn-2024")
    targets_put(plan=plan, year=2024, actor=SYSTEM, reason="test", specs={
        (indicator("enrol_total"), plan.issuer): TargetSpec("gte", Decimal(235000), None, "235.000",
                                  printed_unit="lượt người")})
    target = Target.objects.get(plan=plan)
    assert target.unit_of_measure == "lượt người"
    client.force_login(officer_01)
    html = client.get(reverse("targets:plan_detail", args=[plan.code])).content.decode()
    assert "(lượt người)" in html


# --- entry and saving actuals ------------------------------------------------------------------


def test_the_entry_page_of_a_haiphong_unit_has_its_row(client, make_user, colleges, hp_plan):
    target_make(hp_plan, colleges.code, 1, year=2025, wording="01")
    haiphong = unit_by_code("31", year=2025)
    client.force_login(make_user("reporter", "31"))
    page = client.get(reverse("reports:entry", args=[haiphong.pk, "2025"]))
    assert colleges.code in [row.row.indicator.code for row in page.context["rows"]]


def test_a_hanoi_unit_neither_sees_nor_saves_it(client, reporter_001, ba_dinh, colleges):
    client.force_login(reporter_001)
    page = client.get(reverse("reports:entry", args=[ba_dinh.pk, "2024"]) + "?all=1")
    codes = [row.row.indicator.code for row in page.context["rows"]]
    assert len(codes) == 26 and colleges.code not in codes
    result = actuals_save(unit=ba_dinh, period="2024", rows={colleges.code: {"value": "1"}},
                          actor=SYSTEM, source="test")
    assert not result.ok
    assert not Actual.objects.filter(indicator=colleges).exists()


# --- imports -----------------------------------------------------------------------------------


def test_appendix_i_reads_a_department_indicator_by_its_printed_name(tmp_path):
    added = department_indicator(
        "hy_institutions_added", owner="33", name_vi="Số cơ sở GDNN tăng thêm",
        name_en="Vocational institutions added", unit="cơ sở", kind="level",
        aliases="Số cơ sở GDNN tăng trong năm",
    )
    disu_plan()
    path = tmp_path / "phu-luc-i.xlsx"
    path.write_bytes(appendix_i_2024(extra=[[1, "Số cơ sở GDNN tăng trong năm", "Cơ sở", None, 2]]))
    lines = _import(path, "--unit", "328", "--plan", "disu-2024")
    assert lines[-1] == SUMMARY.format(10, 0, 0, 0, 0), lines
    stored = Actual.objects.get(indicator=added, unit=unit_by_code("328"), period="2024")
    assert stored.value == 2


def test_a_hanoi_file_with_it_is_refused_whole(tmp_path, colleges):
    path = tmp_path / "ba-dinh.csv"
    path.write_bytes(csv_bytes([
        ["unit_code", "indicator_code", "period", "value"],
        ["001", "enrol_total", "2024", "6000"],
        ["001", colleges.code, "2024", "1"],
    ]))
    lines = _import(path, fails=True)
    assert any("là chỉ tiêu riêng của Thành phố Hải Phòng" in line for line in lines), lines
    assert not Actual.objects.exists()


# --- progress with a "hold" indicator ------------------------------------------------------------


def test_progress_judges_a_held_level_within_its_tolerance():
    held = institutions_held(tolerance=Decimal(1))
    plan = plan_make("hy-2024", issuer="33")
    target_make(plan, held.code, 26, operator="eq", wording="duy trì 26")
    target_make(plan, held.code, 26, unit="328", operator="eq", wording="duy trì 26")
    actual_make(held.code, "33", "2024", 25, state="submitted")  # one below: held
    actual_make(held.code, "328", "2024", 29, state="submitted")  # three above: not held
    out = io.StringIO()
    call_command("progress", "--plan", "hy-2024", "--year", "2024", "--format", "json",
                 stdout=out)
    rows = {row["unit"]: row for row in json.loads(out.getvalue())}
    assert (rows["33"]["indicator"], rows["33"]["status"]) == (held.code, "met")
    assert rows["328"]["status"] == "not_met"


# --- the API -------------------------------------------------------------------------------------


def test_the_api_lists_it_to_its_province_only(client, officer_31, officer_01, colleges):
    def codes(user):
        response = client.get("/api/v1/indicators", headers=bearer(token_make(user)))
        return {i["code"]: i for i in response.json()}

    seen = codes(officer_31)
    assert seen[colleges.code]["owner"] == "31"
    assert seen[colleges.code]["direction"] == "higher"
    assert colleges.code not in codes(officer_01)
    assert client.get("/api/v1/indicators").status_code == 401


# --- exports and charts --------------------------------------------------------------------------


def test_the_targets_export_has_its_column(client, officer_31, colleges, hp_plan):
    target_make(hp_plan, colleges.code, 1, year=2025, wording="01")
    client.force_login(officer_31)
    wide = client.get(reverse("reports:export"), {"what": "targets", "year": "2025",
                                                  "layout": "wide", "format": "csv"})
    lines = wide.content.decode("utf-8-sig").splitlines()
    assert lines[0] == f"ma_ke_hoach;ma_don_vi;ten_don_vi;nam;{colleges.code}"
    assert lines[1].endswith(";01")


def test_the_dashboard_draws_its_trend(client, officer_31, colleges, hp_plan):
    haiphong = unit_by_code("31")
    target_make(hp_plan, colleges.code, 1, year=2025, wording="01")
    actual_make(colleges.code, haiphong, "2022", 0, state="approved")
    actual_make(colleges.code, haiphong, "2023", 1, state="approved")
    client.force_login(officer_31)
    html = client.get(reverse("reports:dashboard"),
                      {"plan": hp_plan.code, "year": "2025", "trend": colleges.code})
    assert html.status_code == 200
    found = re.search(r'<script id="figure-trend" type="application/json">(.*?)</script>',
                      html.content.decode(), re.S)
    assert found
    traces = {trace["name"]: trace for trace in json.loads(found.group(1))["data"]}
    assert traces["thực hiện"]["y"] == [0, 1]


def test_a_hanoi_sheet_does_not_know_hung_yens_printed_name(tmp_path):
    department_indicator(
        "hy_institutions_added", owner="33", name_vi="Số cơ sở GDNN tăng thêm",
        name_en="Vocational institutions added", unit="cơ sở", kind="level",
        aliases="Số cơ sở GDNN tăng trong năm",
    )
    path = tmp_path / "phu-luc-i-ba-dinh.xlsx"
    path.write_bytes(appendix_i_2024(extra=[[1, "Số cơ sở GDNN tăng trong năm", "Cơ sở", None, 2]]))
    lines = _import(path, "--unit", "001", "--period", "2024", fails=True)
    assert any("“Số cơ sở GDNN tăng trong năm” không phải là tên một chỉ tiêu" in line
               for line in lines), lines
    assert not Actual.objects.exists()


def test_the_allocation_tools_offer_it_on_its_province_plans_only(officer_01, officer_31,
                                                                   colleges, hp_plan):
    hanoi_plan = plan_make("hn-2024")
    for form_class in (AllocationCopyForm, AllocationSplitForm):
        on_hanoi = form_class(user=officer_01, plan=hanoi_plan).fields["indicator"].queryset
        on_haiphong = form_class(user=officer_31, plan=hp_plan).fields["indicator"].queryset
        assert colleges not in on_hanoi and on_hanoi.filter(code="enrol_total").exists()
        assert colleges in on_haiphong
