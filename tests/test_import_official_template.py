"""The official template (issue 11, item 4): a plan's report sheet to fill in and import back.

Downloaded from the template page as the people who fill it in would (the Hà Nội officer
for the city's 30 districts, Ba Đình's reporter for Ba Đình, Dị Sử's reporter for the
ward's own plan), filled in with openpyxl as Excel would leave it, and imported through
the import page or `import_reports`, with no setting: the values are stored, the Kế
hoạch figures (the quotas) raise no warning, and the Tổng row is not a unit.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reports.imports.official import default_names, label_key
from reports.models import Actual
from tests.factories import (
    disu_plan,
    hanoi_2024_graduate_quotas,
    hanoi_2024_two_districts,
    hanoi_2024_with_results,
    unit_by_code,
    vi,
)

pytestmark = pytest.mark.django_db

TEMPLATE = reverse("reports:import_template")
IMPORT = reverse("reports:import")
CONFIRM = reverse("reports:import_confirm")
SUMMARY = "created={} updated={} unchanged={} errors={} warnings={}"
HEADER, SUB_HEADER, NUMBERS, FIRST_UNIT = 7, 8, 9, 10


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, settings):
    settings.REPORT_IMPORT_DIR = str(tmp_path / "uploads")


def download(client, plan, unit, *, period: str = "2024", file_format: str = "xlsx"):
    return client.get(TEMPLATE, {"plan": plan.pk, "period": period, "unit": unit.pk,
                                 "layout": "official", "format": file_format})


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def groups(sheet) -> dict[str, int]:
    """indicator code → the column (1-based) of its Kế hoạch; Thực hiện is the next one."""
    found = {}
    for cell in sheet[HEADER][3:]:
        code = default_names().get(label_key(cell.value or ""))
        if code:
            found[code] = cell.column
    return found


def unit_lines(sheet) -> dict[str, int]:
    """unit code → its line."""
    lines = {}
    for line in range(FIRST_UNIT, sheet.max_row + 1):
        code = sheet.cell(row=line, column=3).value
        if code and sheet.cell(row=line, column=1).value != "Tổng":
            lines[code] = line
    return lines


def total_line(sheet) -> int:
    return next(line for line in range(FIRST_UNIT, sheet.max_row + 1)
                if sheet.cell(row=line, column=1).value == "Tổng")


def filled(content: bytes, results: dict[tuple[str, str], object],
           plan_figures: dict[tuple[str, str], object] | None = None,
           total: dict[str, object] | None = None) -> bytes:
    """The template with Thực hiện cells filled: (unit code, indicator code) → value; a
    Kế hoạch figure typed over, a figure typed into the Tổng row."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    columns, lines = groups(sheet), unit_lines(sheet)
    for (unit, code), value in results.items():
        sheet.cell(row=lines[unit], column=columns[code] + 1, value=value)
    for (unit, code), value in (plan_figures or {}).items():
        sheet.cell(row=lines[unit], column=columns[code], value=value)
    for code, value in (total or {}).items():
        sheet.cell(row=total_line(sheet), column=columns[code] + 1, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stored() -> dict[tuple[str, str, str], Decimal]:
    return {
        (a.unit.code, a.indicator.code, a.period): a.value
        for a in Actual.objects.select_related("unit", "indicator")
    }


def import_reports(path, *args: str) -> list[str]:
    out = io.StringIO()
    call_command("import_reports", str(path), *args, stdout=out)
    return out.getvalue().splitlines()


# --- the sheet -------------------------------------------------------------------------------


def test_the_officers_template_lists_hanois_30_districts_with_their_quotas(
    client, officer_01, hanoi
):
    plan = hanoi_2024_with_results(actuals=False)
    client.force_login(officer_01)
    response = download(client, plan, hanoi)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "bieu-hn-2024-2024-01" in response["Content-Disposition"]
    sheet = sheet_of(response.content)
    assert sheet["A1"].value == "THÀNH PHỐ HÀ NỘI"
    assert sheet["A4"].value == (
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU GIÁO DỤC NGHỀ NGHIỆP NĂM 2024"
    )
    # Units as rows in official code order, with TT, name and the code as text.
    lines = unit_lines(sheet)
    quotas = hanoi_2024_graduate_quotas()
    assert list(lines) == sorted(code for code, _quota in quotas)
    assert len(lines) == 30
    ba_dinh = lines["001"]
    assert [sheet.cell(row=ba_dinh, column=c).value for c in (1, 2, 3)] == [
        1, "Quận Ba Đình", "001"
    ]
    assert sheet.cell(row=ba_dinh, column=3).number_format == "@"
    # Each indicator a group merged over Kế hoạch / Thực hiện, with its unit of measure.
    columns = groups(sheet)
    graduates = columns["graduates_attracted"]
    assert sheet.cell(row=HEADER, column=graduates).value == (
        "Học sinh tốt nghiệp THCS, THPT vào học trung cấp, cao đẳng\n(người)"
    )
    assert sheet.cell(row=HEADER, column=columns["trained_rate"]).value.endswith("\n(%)")
    merged = {str(r) for r in sheet.merged_cells.ranges}
    letter, after = get_column_letter(graduates), get_column_letter(graduates + 1)
    assert f"{letter}{HEADER}:{after}{HEADER}" in merged
    assert "A7:A8" in merged and "B7:B8" in merged
    assert [sheet.cell(row=SUB_HEADER, column=graduates + i).value for i in (0, 1)] == [
        "Kế hoạch năm 2024", "Thực hiện năm 2024"
    ]
    assert [sheet.cell(row=NUMBERS, column=c).value for c in (1, 2, 3, 4, 5)] == [
        "A", "B", "C", 1, 2
    ]
    # The quota, a number; Thực hiện empty.
    plan_cell = sheet.cell(row=ba_dinh, column=graduates)
    assert plan_cell.value == 650 and plan_cell.data_type == "n"
    assert sheet.cell(row=lines["006"], column=graduates).value == 1050
    assert sheet.cell(row=ba_dinh, column=graduates + 1).value is None
    # Tổng: the quotas added up (Hà Nội's implied total), a sum formula under Thực hiện.
    total = total_line(sheet)
    assert total == FIRST_UNIT + 30
    assert sheet.cell(row=total, column=graduates).value == 26_934
    actual_letter = get_column_letter(graduates + 1)
    assert sheet.cell(row=total, column=graduates + 1).value == (
        f"=SUM({actual_letter}{FIRST_UNIT}:{actual_letter}{total - 1})"
    )
    # A rate is not the sum of the districts' rates.
    assert sheet.cell(row=total, column=columns["trained_rate"] + 1).value is None


def test_every_catalogue_indicator_heads_its_group_with_a_name_the_reader_knows(
    client, officer_01, hanoi
):
    """A plan of every indicator: each group reads back as its own indicator."""
    from reports.imports.importer import indicator_names
    from reports.imports.official_template import group_name
    from targets.models import Indicator

    names = indicator_names(list(Indicator.objects.values_list("code", "name_vi", "name_en")))
    for indicator in Indicator.objects.all():
        assert names[label_key(group_name(indicator, names))] == indicator.code


# --- round trips -----------------------------------------------------------------------------


def test_the_officer_fills_the_template_and_imports_it_on_the_import_page(
    client, officer_01, hanoi
):
    """Downloaded, filled (every district's graduates, two districts' enrolment), uploaded
    with no setting: the preview has no error and no warning (the Kế hoạch figures are the
    quotas, the Tổng row is a total), and confirming stores exactly the filled cells."""
    plan = hanoi_2024_with_results(actuals=False)
    client.force_login(officer_01)
    template = download(client, plan, hanoi).content
    quotas = dict(hanoi_2024_graduate_quotas())
    results: dict[tuple[str, str], object] = {
        (code, "graduates_attracted"): int(quota) + 10 for code, quota in quotas.items()
    }
    results[("001", "enrol_total")] = 4800
    results[("006", "enrol_total")] = 2900
    response = client.post(IMPORT, {
        "file": SimpleUploadedFile("bieu-hn-2024.xlsx", filled(template, results)),
    })
    assert response.status_code == 200
    result = response.context["result"]
    assert result.summary() == SUMMARY.format(32, 0, 0, 0, 0), result.sorted_problems()
    assert result.layout.kind == "official"
    assert (FIRST_UNIT + 30, "total") in result.layout.official.skipped
    assert vi("official report sheet") in response.content.decode()
    form = response.context["confirm"]
    done = client.post(CONFIRM, {"checksum": form.initial["checksum"],
                                 "period": form.initial.get("period", "")})
    assert done.status_code == 302
    values = stored()
    assert len(values) == 32
    assert values[("001", "graduates_attracted", "2024")] == Decimal(660)
    assert values[("006", "graduates_attracted", "2024")] == Decimal(1060)
    assert values[("001", "enrol_total", "2024")] == Decimal(4800)
    assert "01" not in {unit for unit, _code, _period in values}  # Tổng is not the city


def test_the_reporter_fills_ba_dinhs_row_and_imports_it_with_the_command(
    client, reporter_001, ba_dinh, tmp_path
):
    """Ba Đình's reporter gets Ba Đình's one row, with its two quotas; a count typed as
    Excel stores it, a rate with a decimal; the city's rate has no quota for Ba Đình."""
    plan = hanoi_2024_two_districts()
    client.force_login(reporter_001)
    response = download(client, plan, ba_dinh)
    sheet = sheet_of(response.content)
    assert list(unit_lines(sheet)) == ["001"]
    columns = groups(sheet)
    assert set(columns) == {"enrol_total", "trained_rate", "graduates_attracted"}
    line = unit_lines(sheet)["001"]
    assert sheet.cell(row=line, column=columns["enrol_total"]).value == 5000
    assert sheet.cell(row=line, column=columns["graduates_attracted"]).value == 650
    assert sheet.cell(row=line, column=columns["trained_rate"]).value is None
    path = tmp_path / "bieu-ba-dinh.xlsx"
    path.write_bytes(filled(response.content, {
        ("001", "enrol_total"): 4800,
        ("001", "graduates_attracted"): 700,
        ("001", "trained_rate"): 74.5,
    }, total={"enrol_total": 4800}))
    lines = import_reports(path, "--user", reporter_001.username)
    assert lines[-1] == SUMMARY.format(3, 0, 0, 0, 0), lines
    assert stored() == {
        ("001", "enrol_total", "2024"): Decimal(4800),
        ("001", "graduates_attracted", "2024"): Decimal(700),
        ("001", "trained_rate", "2024"): Decimal("74.5"),
    }


def test_the_ward_fills_its_own_plan_with_rates_and_no_warning(client, reporter_12121, tmp_path):
    """Dị Sử's plan gives no quota below the ward: its template is the ward's own row,
    with its own targets as the Kế hoạch figures (86,2 % read back as 86,2, no warning)."""
    plan = disu_plan()
    ward = unit_by_code("12121")
    client.force_login(reporter_12121)
    response = download(client, plan, ward)
    assert response.status_code == 200
    sheet = sheet_of(response.content)
    assert list(unit_lines(sheet)) == ["12121"]
    columns = groups(sheet)
    line = unit_lines(sheet)["12121"]
    assert sheet.cell(row=line, column=columns["enrol_total"]).value == 1400
    assert sheet.cell(row=line, column=columns["trained_rate"]).value == 86.2
    # The town's figures printed in the plan are not the ward's quota.
    assert sheet.cell(row=line, column=columns["enrol_college"]).value is None
    path = tmp_path / "bieu-di-su.xlsx"
    path.write_bytes(filled(response.content, {
        ("12121", "enrol_total"): 1450, ("12121", "trained_rate"): 86.5,
    }))
    lines = import_reports(path, "--user", reporter_12121.username, "--plan", "disu-2024")
    assert lines[-1] == SUMMARY.format(2, 0, 0, 0, 0), lines
    ward_values = {key: value for key, value in stored().items() if key[0] == "12121"}
    assert ward_values == {
        ("12121", "enrol_total", "2024"): Decimal(1450),
        ("12121", "trained_rate", "2024"): Decimal("86.5"),
    }


def test_a_kế_hoạch_figure_changed_in_the_sheet_is_a_warning_naming_the_stored_quota(
    client, reporter_001, ba_dinh, tmp_path
):
    """The Kế hoạch column is compared, not ignored: the quota typed over is a warning."""
    plan = hanoi_2024_two_districts()
    client.force_login(reporter_001)
    path = tmp_path / "bieu.xlsx"
    path.write_bytes(filled(download(client, plan, ba_dinh).content,
                            {("001", "graduates_attracted"): 700},
                            plan_figures={("001", "graduates_attracted"): 600}))
    lines = import_reports(path, "--user", reporter_001.username, "--dry-run")
    assert ("Quận Ba Đình: số kế hoạch của chỉ tiêu “Học sinh tốt nghiệp THCS, THPT "
            "vào học trung cấp, cao đẳng” năm 2024 trong tệp là "
            "600, chỉ tiêu đã lưu là 650.") in lines[0]
    assert lines[-1] == SUMMARY.format(1, 0, 0, 0, 1)


def test_a_total_typed_into_the_tổng_row_is_checked_against_the_units(
    client, officer_01, hanoi, tmp_path
):
    plan = hanoi_2024_two_districts()
    client.force_login(officer_01)
    path = tmp_path / "bieu.xlsx"
    path.write_bytes(filled(download(client, plan, hanoi).content, {
        ("001", "graduates_attracted"): 700, ("006", "graduates_attracted"): 1000,
    }, total={"graduates_attracted": 1750}))
    lines = import_reports(path, "--dry-run")
    assert lines[0].endswith(
        "dòng tổng ghi 1.750, cộng các đơn vị ở trên được 1.700 (chênh lệch 50)."
    ), lines
    assert lines[-1] == SUMMARY.format(2, 0, 0, 0, 1)


# --- who may, and what is refused ------------------------------------------------------------


def test_a_viewer_of_the_city_may_download_it(client, viewer_01, hanoi):
    plan = hanoi_2024_two_districts()
    client.force_login(viewer_01)
    response = download(client, plan, hanoi)
    assert response.status_code == 200
    assert set(unit_lines(sheet_of(response.content))) >= {"001", "006"}


def test_anonymous_visitors_are_sent_to_log_in(client, hanoi):
    plan = hanoi_2024_two_districts()
    response = download(client, plan, hanoi)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_reporter_gets_no_template_of_the_city_or_of_another_district(
    client, reporter_001, hanoi, dong_da
):
    plan = hanoi_2024_two_districts()
    client.force_login(reporter_001)
    for unit in (hanoi, dong_da):
        response = download(client, plan, unit)
        assert response.status_code == 200
        assert "attachment" not in response.get("Content-Disposition", "")
        assert response.context["form"].errors["unit"] == [vi("Choose one of your units.",
                                                              html=False)]


def test_an_officer_of_another_city_cannot_pick_the_plan(client, officer_31, hanoi):
    plan = hanoi_2024_two_districts()
    client.force_login(officer_31)
    response = download(client, plan, hanoi)
    assert "attachment" not in response.get("Content-Disposition", "")
    assert "plan" in response.context["form"].errors


def test_a_ward_below_the_quota_level_is_told_to_choose_a_unit_with_quotas(
    client, officer_01
):
    """The city's officer picks Phường Trúc Bạch, which the plan gives no quota to."""
    plan = hanoi_2024_two_districts()
    truc_bach = unit_by_code("00004")
    client.force_login(officer_01)
    response = download(client, plan, truc_bach)
    assert "attachment" not in response.get("Content-Disposition", "")
    assert response.context["form"].errors["unit"] == [vi(
        "The plan gives no quota in %(year)s to %(unit)s or to a unit below it: choose the "
        "plan's issuing unit or a unit it gives quotas to.",
        html=False, year=2024, unit="Phường Trúc Bạch",
    )]


def test_the_official_layout_is_a_workbook_of_a_whole_year(client, reporter_001, ba_dinh):
    plan = hanoi_2024_two_districts()
    client.force_login(reporter_001)
    errors = download(client, plan, ba_dinh, file_format="csv").context["form"].errors
    assert errors["format"] == [vi("The official layout is an Excel workbook: choose Excel "
                                   "(.xlsx).", html=False)]
    assert errors["format"] == ["Mẫu chính thức là tệp Excel: hãy chọn Excel (.xlsx)."]
    errors = download(client, plan, ba_dinh, period="2024S1").context["form"].errors
    assert errors["period"] == [vi("The official layout reports a whole year: enter the "
                                   "year, e.g. %(year)s.", html=False, year=2024)]


def test_the_template_and_import_pages_offer_the_official_template(client, reporter_001):
    client.force_login(reporter_001)
    page = client.get(TEMPLATE).content.decode()
    assert 'value="official"' in page
    assert vi("official: the report sheet with Kế hoạch and Thực hiện columns") in page
    assert "Mẫu chính thức (Excel) là biểu báo cáo các cơ quan vẫn gửi" in page
    imports = client.get(IMPORT).content.decode()
    assert f'href="{TEMPLATE}?layout=official&amp;format=xlsx"' in imports
    assert "Tải mẫu chính thức" in imports
    # The link opens the form with the official layout chosen, and no error yet.
    linked = client.get(TEMPLATE, {"layout": "official", "format": "xlsx"})
    assert linked.context["form"].initial["layout"] == "official"
    assert not linked.context["form"].is_bound
    assert '<option value="official" selected>' in linked.content.decode()


def test_the_only_formulas_are_the_sums_of_the_tổng_row(client, officer_01, hanoi):
    """Texts are data (a plan's title typed with `=` included); the product's own sums
    are the sheet's only formulas."""
    plan = hanoi_2024_two_districts()
    plan.number = ""
    plan.title = '=HYPERLINK("http://example.org")'
    plan.save()
    client.force_login(officer_01)
    sheet = sheet_of(download(client, plan, hanoi).content)
    formulas = [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas and {cell.row for cell in formulas} == {total_line(sheet)}
    assert all(cell.value.startswith("=SUM(") for cell in formulas)
    assert sheet["A5"].data_type == "s" and "HYPERLINK" in sheet["A5"].value


def test_the_same_number_of_queries_for_one_row_and_for_thirty(client, make_user, hanoi):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    city = hanoi_2024_with_results(actuals=False)
    ward_plan = disu_plan()
    counts = []
    for user, plan, unit in ((make_user("officer", "01"), city, hanoi),
                             (make_user("officer", "12121"), ward_plan,
                              unit_by_code("12121"))):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = download(client, plan, unit)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
