"""Quotas from a spreadsheet (issue 13, item 4): `manage.py import_targets`.

The sheet is built here after Appendix I of Hà Nội's 2024 plan (seed 000): the city's
letterhead and the appendix's title merged over the table, a header over two rows with
the group "Tuyển sinh giáo dục nghề nghiệp (người)" merged over its levels, a row of
column numbers, TT, districts by name with their printed quotas of graduates to draw
into vocational training (Ba Đình 650, Hoàn Kiếm 200, Đống Đa 1.050), and a "Tổng cộng"
row. Enrolment quotas are Ba Đình's of the factories (6.000 = 1.400 + 1.600 + 3.000);
the rate cells are printed wordings ("trên 86,2%", "40-45").
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plans.models import Amendment, Plan
from targets.models import Target
from tests.factories import csv_bytes, plan_make, target_make, unit_by_code, xlsx_bytes

pytestmark = pytest.mark.django_db

SUMMARY = "created={} updated={} unchanged={} errors={} warnings={}"

# TT, district, graduates (Appendix I), enrolment: total, college, intermediate,
# elementary; trained-labour rate, graduates' rate.
DISTRICTS = (
    (1, "Quận Ba Đình", 650, "6.000", 1400, 1600, 3000, "trên 86,2%", "40-45"),
    (2, "Quận Hoàn Kiếm", 200, "3.000", 700, 800, 1500, "đạt 80%", "khoảng 40%"),
    (3, "Quận Đống Đa", "1.050", "5.000", 1200, 1300, 2500, "trên 80%", "40"),
)
CELLS_PER_DISTRICT = 7


def quota_sheet(*, districts=DISTRICTS, total=("1.900", "14.000")) -> bytes:
    """Appendix I as a district office would fill it: rows 1–3 title (merged), 5–6 the
    header, 7 the column numbers, the districts, then Tổng cộng (graduates, enrolment)."""
    rows: list[list[object]] = [
        ["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"],
        ["Phụ lục I"],
        ["Chỉ tiêu giao các quận, huyện, thị xã năm 2024"],
        [],
        ["TT", "Đơn vị",
         "Thu hút học sinh tốt nghiệp THCS, THPT tham gia học nghề (người)",
         "Tuyển sinh giáo dục nghề nghiệp (người)", None, None, None,
         "Tỷ lệ lao động qua đào tạo (%)",
         "Tỷ lệ thu hút học sinh tốt nghiệp THCS, THPT vào giáo dục nghề nghiệp (%)"],
        [None, None, None, "Tổng", "Trình độ cao đẳng", "Trình độ trung cấp",
         "Trình độ sơ cấp và dưới 3 tháng", None, None],
        ["A", "B", 1, 2, 3, 4, 5, 6, 7],
        *[list(row) for row in districts],
        [None, "Tổng cộng", total[0], total[1], None, None, None, None, None],
    ]
    merged = ("A1:I1", "A2:I2", "A3:I3", "A5:A6", "B5:B6", "C5:C6", "D5:G5", "H5:H6",
              "I5:I6")
    return xlsx_bytes(rows, merged=merged)


@pytest.fixture
def sheet(tmp_path):
    def make(data: bytes | None = None, name: str = "phu-luc-1.xlsx") -> str:
        path = tmp_path / name
        path.write_bytes(quota_sheet() if data is None else data)
        return str(path)

    return make


def import_targets(path: str, *args: str) -> list[str]:
    out = io.StringIO()
    call_command("import_targets", path, *args, stdout=out)
    return out.getvalue().splitlines()


def failing(path: str, *args: str) -> list[str]:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_targets", path, *args, stdout=out)
    return out.getvalue().splitlines()


def stored(plan: Plan) -> dict[tuple[str, str], tuple[str, Decimal, Decimal | None, str]]:
    return {
        (t.unit.code, t.indicator.code): (t.operator, t.value, t.value_high, t.wording)
        for t in Target.objects.filter(plan=plan).select_related("unit", "indicator")
    }


def test_it_reads_the_official_sheet_into_a_draft_plan(sheet):
    plan = plan_make("hn-2024")
    lines = import_targets(sheet(), "--plan", "hn-2024", "--year", "2024")
    assert lines[-1] == SUMMARY.format(21, 0, 0, 0, 0)
    targets = stored(plan)
    assert len(targets) == 3 * CELLS_PER_DISTRICT
    assert targets[("001", "graduates_attracted")] == ("gte", Decimal(650), None, "650")
    assert targets[("006", "graduates_attracted")] == ("gte", Decimal(1050), None, "1.050")
    assert targets[("001", "enrol_total")][1] == Decimal(6000)
    assert targets[("002", "enrol_college")][1] == Decimal(700)
    # The printed wordings, read as the grid reads them and kept as printed.
    assert targets[("001", "trained_rate")] == ("gt", Decimal("86.2"), None, "trên 86,2%")
    assert targets[("001", "graduates_attracted_rate")] == (
        "range", Decimal(40), Decimal(45), "40-45"
    )
    assert targets[("002", "graduates_attracted_rate")][0] == "approx"
    # The total row is no unit's target: the city itself got none.
    assert not Target.objects.filter(plan=plan, unit=plan.issuer).exists()


def test_it_records_the_file_in_the_history(sheet):
    plan = plan_make("hn-2024")
    import_targets(sheet(), "--plan", "hn-2024", "--year", "2024")
    record = Target.history.filter(plan_id=plan.pk).first()
    assert record.history_change_reason == "target-import:2024:phu-luc-1.xlsx"


def test_a_second_import_changes_nothing(sheet):
    plan = plan_make("hn-2024")
    path = sheet()
    import_targets(path, "--plan", "hn-2024", "--year", "2024")
    history = Target.history.filter(plan_id=plan.pk).count()
    lines = import_targets(path, "--plan", "hn-2024", "--year", "2024")
    assert lines[-1] == SUMMARY.format(0, 0, 21, 0, 0)
    assert Target.history.filter(plan_id=plan.pk).count() == history


def test_a_changed_quota_is_updated_and_the_rest_unchanged(sheet):
    plan = plan_make("hn-2024")
    import_targets(sheet(), "--plan", "hn-2024", "--year", "2024")
    changed = ((1, "Quận Ba Đình", 700, *DISTRICTS[0][3:]), *DISTRICTS[1:])
    lines = import_targets(sheet(quota_sheet(districts=changed, total=("1.950", "14.000"))),
                           "--plan", "hn-2024", "--year", "2024")
    assert lines[-1] == SUMMARY.format(0, 1, 20, 0, 0)
    assert stored(plan)[("001", "graduates_attracted")][1] == Decimal(700)


def test_an_issued_plan_refuses_the_file_without_an_amendment(sheet):
    plan = plan_make("hn-2024", status=Plan.Status.ISSUED, number="72/KH-UBND")
    lines = failing(sheet(), "--plan", "hn-2024", "--year", "2024")
    assert lines[0] == (
        "Kế hoạch hn-2024 đã ban hành: chỉ tiêu chỉ thay đổi qua một lần điều chỉnh được "
        "ghi lại. Hãy cho số và lý do của lần điều chỉnh; chưa ghi gì."
    )
    assert lines[-1] == SUMMARY.format(0, 0, 0, 1, 0)
    assert not Target.objects.filter(plan=plan).exists()
    assert not Amendment.objects.filter(plan=plan).exists()


def test_a_reason_without_a_number_is_not_an_amendment(sheet):
    plan = plan_make("hn-2024", status=Plan.Status.ISSUED)
    lines = failing(sheet(), "--plan", "hn-2024", "--year", "2024", "--reason", "Giao bổ sung")
    assert lines[-1] == SUMMARY.format(0, 0, 0, 1, 0)
    assert not Target.objects.filter(plan=plan).exists()


def test_an_issued_plan_takes_the_file_as_a_recorded_amendment(sheet):
    plan = plan_make("hn-2024", status=Plan.Status.ISSUED, number="72/KH-UBND")
    lines = import_targets(
        sheet(), "--plan", "hn-2024", "--year", "2024",
        "--amendment", "15/KH-UBND", "--reason", "Giao chỉ tiêu cho các quận",
    )
    assert lines[-1] == SUMMARY.format(21, 0, 0, 0, 0)
    assert "targets of hn-2024 2024 written as amendment 15/KH-UBND" in lines
    amendment = Amendment.objects.get(plan=plan)
    assert (amendment.number, amendment.reason) == ("15/KH-UBND", "Giao chỉ tiêu cho các quận")
    assert len(stored(plan)) == 21
    reasons = set(Target.history.filter(plan_id=plan.pk).values_list(
        "history_change_reason", flat=True))
    assert reasons == {"amendment:15/KH-UBND:Giao chỉ tiêu cho các quận"}
    # The same file again: nothing changes, so no second amendment.
    again = import_targets(
        sheet(), "--plan", "hn-2024", "--year", "2024",
        "--amendment", "16/KH-UBND", "--reason", "Lần nữa",
    )
    assert again[-1] == SUMMARY.format(0, 0, 21, 0, 0)
    assert Amendment.objects.filter(plan=plan).count() == 1


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(sheet):
    plan = plan_make("hn-2024", status=Plan.Status.ISSUED)
    lines = import_targets(sheet(), "--plan", "hn-2024", "--year", "2024", "--dry-run",
                           "--amendment", "15/KH-UBND", "--reason", "Giao chỉ tiêu")
    assert lines[-1] == SUMMARY.format(21, 0, 0, 0, 0)
    assert "dry run: nothing was written" in lines
    assert "line 8: create 001 Quận Ba Đình trained_rate = trên 86,2%" in lines
    assert not Target.objects.filter(plan=plan).exists()
    assert not Amendment.objects.exists()


def test_a_wording_that_cannot_be_read_rejects_the_whole_file(sheet):
    plan = plan_make("hn-2024")
    bad = (DISTRICTS[0], (2, "Quận Hoàn Kiếm", "hai trăm", *DISTRICTS[1][3:]), DISTRICTS[2])
    lines = failing(sheet(quota_sheet(districts=bad)), "--plan", "hn-2024", "--year", "2024")
    column = "Thu hút học sinh tốt nghiệp THCS, THPT tham gia học nghề (người)"
    assert lines[0].startswith(f"line 9, column {column}: “hai trăm” không phải cách ghi chỉ tiêu")
    # The other rows are counted for the preview, but a file with an error writes nothing.
    assert lines[-1].startswith(SUMMARY.format(0, 0, 0, 1, "")[:-1])
    assert not Target.objects.filter(plan=plan).exists()


def test_a_rate_above_100_is_refused(sheet):
    plan = plan_make("hn-2024")
    bad = ((1, "Quận Ba Đình", 650, "6.000", 1400, 1600, 3000, "trên 186,2%", "40-45"),)
    lines = failing(sheet(quota_sheet(districts=bad, total=("650", "6.000"))),
                    "--plan", "hn-2024", "--year", "2024")
    assert any(line.startswith("line 8, column Tỷ lệ lao động qua đào tạo (%):")
               and "100" in line for line in lines)
    assert not Target.objects.filter(plan=plan).exists()


def test_an_unknown_district_rejects_the_whole_file(sheet):
    plan = plan_make("hn-2024")
    bad = (*DISTRICTS, (4, "Quận Bình Thạnh", 500, "1.000", 200, 300, 500, "80%", "40"))
    lines = failing(sheet(quota_sheet(districts=bad)), "--plan", "hn-2024", "--year", "2024")
    assert any(line.startswith("line 11, column Đơn vị:") and "Quận Bình Thạnh" in line
               for line in lines)
    assert lines[-1].endswith("errors=1 warnings=0")
    assert not Target.objects.filter(plan=plan).exists()


def test_a_unit_below_a_district_gets_no_quota_of_the_city(sheet):
    plan = plan_make("hn-2024")
    bad = (*DISTRICTS, (4, "Phường Phúc Xá", 50, "100", 20, 30, 50, "80%", "40"))
    lines = failing(sheet(quota_sheet(districts=bad)), "--plan", "hn-2024", "--year", "2024")
    assert any("Phường Phúc Xá" in line and "không nhận chỉ tiêu" in line for line in lines)
    assert not Target.objects.filter(plan=plan).exists()


def test_a_total_row_that_disagrees_with_the_citys_target_is_a_warning(sheet):
    plan = plan_make("hn-2024")
    target_make(plan, "enrol_total", 235000, wording="235.000 lượt người")
    lines = import_targets(sheet(), "--plan", "hn-2024", "--year", "2024")
    assert (
        "line 11, column Tuyển sinh giáo dục nghề nghiệp (người) / Tổng: warning: dòng tổng "
        "ghi 14.000 cho “Tuyển sinh giáo dục nghề nghiệp”, chỉ tiêu của Thành phố Hà Nội "
        "năm 2024 là 235.000 (chênh lệch 221.000)."
    ) in lines
    assert (
        "line 8: warning: chỉ tiêu giao của “Tuyển sinh giáo dục nghề nghiệp” cộng lại được "
        "14.000, chỉ tiêu của Thành phố Hà Nội năm 2024 là 235.000 (chênh lệch 221.000)."
    ) in lines
    assert lines[-1] == SUMMARY.format(21, 0, 0, 0, 2)


def test_a_total_row_that_disagrees_with_the_rows_is_a_warning(sheet):
    plan = plan_make("hn-2024")
    lines = import_targets(sheet(quota_sheet(total=("2.000", "14.000"))),
                           "--plan", "hn-2024", "--year", "2024")
    assert any(line.startswith("line 11, column Thu hút") and "2.000" in line
               and "1.900" in line and "chênh lệch 100" in line for line in lines)
    assert lines[-1] == SUMMARY.format(21, 0, 0, 0, 1)
    assert len(stored(plan)) == 21


@pytest.fixture
def long_file(tmp_path):
    """The product's long layout, semicolons as Vietnamese Excel writes them, a code that
    lost its zeros (6 for Quận Đống Đa, 006) and a district by name."""
    rows = [
        ["ma_don_vi", "ma_chi_tieu", "gia_tri"],
        ["01", "enrol_total", "235.000"],
        ["01", "trained_rate", "đạt 74,2%"],
        ["6", "enrol_total", "5.000"],
        ["Quận Ba Đình", "enrol_total", "6.000"],
    ]
    path = tmp_path / "chi-tieu.csv"
    path.write_bytes(csv_bytes(rows, delimiter=";"))
    return str(path)


def test_the_long_layout_sets_the_issuers_own_targets(long_file):
    plan = plan_make("hn-2024")
    lines = import_targets(long_file, "--plan", "hn-2024", "--year", "2024")
    targets = stored(plan)
    assert targets[("01", "enrol_total")][1] == Decimal(235000)
    assert targets[("01", "trained_rate")] == ("gte", Decimal("74.2"), None, "đạt 74,2%")
    assert targets[("001", "enrol_total")][1] == Decimal(6000)
    assert targets[("006", "enrol_total")][1] == Decimal(5000)
    # 6.000 + 5.000 of 235.000: the allocation's gap, as the plan page shows it.
    assert "chênh lệch 224.000" in lines[0]
    assert lines[-1] == SUMMARY.format(4, 0, 0, 0, 1)


def test_the_export_of_targets_reads_back_unchanged(tmp_path):
    """The wide file the target export writes (plan, unit, name, year, one column per
    indicator) is a quota file."""
    plan = plan_make("hn-2024")
    rows = [
        ["ma_ke_hoach", "ma_don_vi", "ten_don_vi", "nam", "graduates_attracted", "trained_rate"],
        ["hn-2024", "001", "Quận Ba Đình", "2024", "650", "trên 86,2%"],
        ["hn-2024", "006", "Quận Đống Đa", "2024", "1.050", ""],
    ]
    path = tmp_path / "chi-tieu.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    assert import_targets(str(path), "--plan", "hn-2024", "--year", "2024")[-1] == (
        SUMMARY.format(3, 0, 0, 0, 0)
    )
    assert stored(plan)[("006", "graduates_attracted")][3] == "1.050"
    assert import_targets(str(path), "--plan", "hn-2024", "--year", "2024")[-1] == (
        SUMMARY.format(0, 0, 3, 0, 0)
    )


def test_a_row_of_another_year_or_plan_is_an_error(tmp_path):
    plan = plan_make("hn-2024")
    rows = [
        ["ma_ke_hoach", "ma_don_vi", "nam", "graduates_attracted"],
        ["hn-2024", "001", "2025", "650"],
        ["hn-2022", "006", "2024", "1.050"],
    ]
    path = tmp_path / "chi-tieu.csv"
    path.write_bytes(csv_bytes(rows))
    lines = failing(str(path), "--plan", "hn-2024", "--year", "2024")
    assert lines[-1] == SUMMARY.format(0, 0, 0, 2, 0)
    assert not Target.objects.filter(plan=plan).exists()


def test_an_unknown_column_is_an_error(tmp_path):
    rows = [["ma_don_vi", "graduates_attracted", "so_nguoi"], ["001", "650", "3"]]
    path = tmp_path / "chi-tieu.csv"
    path.write_bytes(csv_bytes(rows))
    plan_make("hn-2024")
    lines = failing(str(path), "--plan", "hn-2024", "--year", "2024")
    assert lines[0].startswith("line 1, column so_nguoi:")


def test_a_sheet_of_indicators_is_about_the_unit_given(tmp_path):
    """Phụ lục I's other shape: rows are indicators, the one unit given by --unit."""
    plan = plan_make("hn-2024")
    rows = [
        ["ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH"],
        ["TT", "Chỉ tiêu", "ĐVT", "Số lượng"],
        ["1", "Tuyển sinh giáo dục nghề nghiệp", "Người", "6.000"],
        ["2", "Tỷ lệ lao động qua đào tạo", "%", "trên 86,2%"],
    ]
    path = tmp_path / "ba-dinh.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    lines = import_targets(str(path), "--plan", "hn-2024", "--year", "2024", "--unit", "001")
    assert lines[-1] == SUMMARY.format(2, 0, 0, 0, 0)
    assert stored(plan)[("001", "trained_rate")][3] == "trên 86,2%"


def test_an_officer_of_another_province_cannot_import(sheet, officer_31):
    plan = plan_make("hn-2024")
    with pytest.raises(CommandError, match="no plan 'hn-2024'"):
        call_command("import_targets", sheet(), "--plan", "hn-2024", "--year", "2024",
                     "--user", officer_31.username, stdout=io.StringIO())
    assert not Target.objects.filter(plan=plan).exists()


def test_a_viewer_cannot_import(sheet, viewer_01):
    plan_make("hn-2024")
    with pytest.raises(CommandError, match="may not import targets"):
        call_command("import_targets", sheet(), "--plan", "hn-2024", "--year", "2024",
                     "--user", viewer_01.username, stdout=io.StringIO())


def test_the_citys_officer_imports_as_themselves(sheet, officer_01):
    plan = plan_make("hn-2024")
    lines = import_targets(sheet(), "--plan", "hn-2024", "--year", "2024",
                           "--user", officer_01.username)
    assert lines[-1] == SUMMARY.format(21, 0, 0, 0, 0)
    users = set(Target.history.filter(plan_id=plan.pk).values_list("history_user", flat=True))
    assert users == {officer_01.pk}


def test_a_year_outside_the_plan_is_refused(sheet):
    plan_make("hn-2024")
    lines = failing(sheet(), "--plan", "hn-2024", "--year", "2023")
    assert lines[-1] == SUMMARY.format(0, 0, 0, 1, 0)


def test_a_year_that_is_no_year_is_refused_in_words(sheet):
    plan_make("hn-2024")
    with pytest.raises(CommandError, match="four digits"):
        call_command("import_targets", sheet(), "--plan", "hn-2024", "--year", "0",
                     "--unit", "001", stdout=io.StringIO())


def test_a_unit_given_outside_the_grid_is_an_error_in_a_dry_run_too(tmp_path):
    """Phường Phúc Xá (00001) lies under Quận Ba Đình: the city's grid hands quotas to the
    districts, so a sheet about the ward is refused before anything would be written."""
    plan_make("hn-2024")
    rows = [["TT", "Chỉ tiêu", "ĐVT", "Số lượng"],
            ["1", "Tuyển sinh giáo dục nghề nghiệp", "Người", "600"]]
    path = tmp_path / "phuc-xa.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    lines = failing(str(path), "--plan", "hn-2024", "--year", "2024", "--unit", "00001",
                    "--dry-run")
    assert lines[-1] == SUMMARY.format(0, 0, 0, 1, 0)
    assert any("Phường Phúc Xá" in line for line in lines)


@pytest.mark.parametrize("year, code, name", [(2025, "00004", "Phường Ba Đình")])
def test_2025_quotas_go_to_the_communes_of_the_new_era(tmp_path, year, code, name):
    plan = plan_make("hn-2025", issuer=unit_by_code("01", year=2025), first_year=2025)
    rows = [["ten_don_vi", "rural_trainees"], [name, "200"]]
    path = tmp_path / "xa.csv"
    path.write_bytes(csv_bytes(rows))
    assert import_targets(str(path), "--plan", "hn-2025", "--year", str(year))[-1] == (
        SUMMARY.format(1, 0, 0, 0, 0)
    )
    assert stored(plan)[(code, "rural_trainees")][1] == Decimal(200)


def test_a_long_file_without_units_is_about_the_unit_given(tmp_path):
    plan = plan_make("hn-2024")
    rows = [["ma_chi_tieu", "gia_tri"], ["graduates_attracted", "650"],
            ["trained_rate", "trên 86,2%"]]
    path = tmp_path / "ba-dinh.csv"
    path.write_bytes(csv_bytes(rows))
    lines = import_targets(str(path), "--plan", "hn-2024", "--year", "2024", "--unit", "001")
    assert lines[-1] == SUMMARY.format(2, 0, 0, 0, 0)
    assert stored(plan)[("001", "graduates_attracted")][1] == Decimal(650)


def test_a_row_of_another_unit_than_the_one_given_is_an_error(sheet):
    plan = plan_make("hn-2024")
    lines = failing(sheet(), "--plan", "hn-2024", "--year", "2024", "--unit", "001")
    assert any(line.startswith("line 9, column Đơn vị: Quận Hoàn Kiếm: lần nhập này chỉ dành "
                               "cho Quận Ba Đình") for line in lines)
    assert not Target.objects.filter(plan=plan).exists()


def test_a_plan_column_is_the_quota_and_the_results_are_left_out(tmp_path):
    """The report sheet's shape ("Kế hoạch năm 2024 / Thực hiện năm 2024" under each
    indicator), as the official template writes it: the plan figures are the quotas."""
    plan = plan_make("hn-2024")
    rows = [
        ["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"],
        ["TT", "Đơn vị", "Thu hút học sinh tốt nghiệp THCS, THPT tham gia học nghề", None],
        [None, None, "Kế hoạch năm 2024", "Thực hiện năm 2024"],
        [1, "Quận Ba Đình", 650, 700],
        [2, "Quận Đống Đa", "1.050", 900],
        [None, "Tổng", "1.700", "1.600"],
    ]
    path = tmp_path / "bieu.xlsx"
    path.write_bytes(xlsx_bytes(rows, merged=("A2:A3", "B2:B3", "C2:D2")))
    lines = import_targets(str(path), "--plan", "hn-2024", "--year", "2024")
    assert lines[-1] == SUMMARY.format(2, 0, 0, 0, 0)
    targets = stored(plan)
    assert targets[("001", "graduates_attracted")][1] == Decimal(650)
    assert targets[("006", "graduates_attracted")][1] == Decimal(1050)


def test_an_unknown_column_of_an_official_sheet_is_an_error(tmp_path):
    plan = plan_make("hn-2024")
    rows = [
        ["TT", "Đơn vị", "Thu hút học sinh tốt nghiệp THCS, THPT tham gia học nghề",
         "Số máy tính"],
        [1, "Quận Ba Đình", 650, 12],
    ]
    path = tmp_path / "bieu.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    lines = failing(str(path), "--plan", "hn-2024", "--year", "2024")
    assert lines[0].startswith("line 1, column Số máy tính:")
    assert not Target.objects.filter(plan=plan).exists()


@pytest.mark.parametrize("data, name", [
    (b"", "rong.csv"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "cu.xls"),
    (b"PK\x03\x04" + bytes(range(256)) * 4, "hong.xlsx"),
    (bytes(range(256)) * 8, "rac.csv"),
])
def test_a_file_that_cannot_be_read_is_refused_with_a_message(tmp_path, data, name):
    plan = plan_make("hn-2024")
    path = tmp_path / name
    path.write_bytes(data)
    lines = failing(str(path), "--plan", "hn-2024", "--year", "2024")
    assert lines[0].startswith("line ") and len(lines) == 2
    assert lines[-1] == SUMMARY.format(0, 0, 0, 1, 0)
    assert not Target.objects.filter(plan=plan).exists()


def test_2025_quotas_go_to_the_districts_when_the_plan_chose_them(tmp_path):
    """Hà Nội's plan of 20/02/2025 that hands its 2025 quotas to the districts then in
    force: Quận Ba Đình is one of its units, Phường Ba Đình (new era) is not."""
    plan = plan_make("hn-2025", issuer=unit_by_code("01", year=2025), first_year=2025,
                     transition_units=Plan.TransitionUnits.DISTRICTS)
    rows = [["ten_don_vi", "rural_trainees"], ["Quận Ba Đình", "200"]]
    path = tmp_path / "quan.csv"
    path.write_bytes(csv_bytes(rows))
    assert import_targets(str(path), "--plan", "hn-2025", "--year", "2025")[-1] == (
        SUMMARY.format(1, 0, 0, 0, 0)
    )
    assert stored(plan)[("001", "rural_trainees")][1] == Decimal(200)
    rows = [["ten_don_vi", "rural_trainees"], ["Phường Ba Đình", "200"]]
    path.write_bytes(csv_bytes(rows))
    failing(str(path), "--plan", "hn-2025", "--year", "2025")
    assert len(stored(plan)) == 1
