"""Report sheets as offices send them (issue 11, item 2): read without any setting.

The sheets are built here, cell by cell, after the tables of the source plans: Dị Sử's
Appendix II (seed 004: letterhead, title, a two-row merged header, a column-number row, a
TT column, the 13 wards and communes of Thị xã Mỹ Hào, a Tổng row, signatures) and the
common "Kế hoạch năm 2024 / Thực hiện năm 2024 / Tỷ lệ % so với KH" sheet of Hà Nội's
districts. They go through the real command, `import_reports`.
"""

from __future__ import annotations

import io
import unicodedata
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from reports.imports.official import catalogue_names, label_key, names_index
from reports.imports.official_rows import unit_name
from reports.models import Actual, ImportBatch
from targets.catalogue import INDICATOR_CODES
from targets.printed_names import PRINTED_NAMES
from tests.factories import (
    csv_bytes,
    disu_plan,
    hanoi_2024_two_districts,
    plan_make,
    vi,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

SUMMARY = "created={} updated={} unchanged={} errors={} warnings={}"


def import_reports(path, *args: str) -> list[str]:
    out = io.StringIO()
    call_command("import_reports", str(path), *args, stdout=out)
    return out.getvalue().splitlines()


def failing(path, *args: str) -> list[str]:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_reports", str(path), *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def write(tmp_path):
    def make(data: bytes, name: str) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return make


def stored() -> dict[tuple[str, str, str], Decimal]:
    return {
        (a.unit.code, a.indicator.code, a.period): a.value
        for a in Actual.objects.select_related("unit", "indicator")
    }


# --- Dị Sử's Appendix II, filled in ---------------------------------------------------------

# The wards and communes of Thị xã Mỹ Hào (328) as Appendix II prints them (with the line
# breaks of its narrow column), and their codes before 1 July 2025.
MY_HAO = (
    ("Phường Bần Yên\nNhân", "12103"),
    ("Phường Nhân Hòa", "12118"),
    ("Phường Dị Sử", "12121"),
    ("Phường Phùng Chí\nKiên", "12130"),
    ("Phường Phan Đình\nPhùng", "12106"),
    ("Phường Bạch Sam", "12124"),
    ("Phường Minh Đức", "12127"),
    ("Xã Cẩm Xá", "12109"),
    ("Xã Dương Quang", "12112"),
    ("Xã Ngọc Lâm", "12136"),
    ("Xã Hưng Long", "12139"),
    ("Xã Xuân Dục", "12133"),
    ("Xã Hòa Phong", "12115"),
)


def enrolment(index: int) -> tuple[int, int, int]:
    """(college, intermediate, elementary) of the index-th ward: Dị Sử's add up to its
    2024 target of 1.400."""
    if MY_HAO[index][1] == "12121":
        return 100, 300, 1000
    return 50 + 10 * index, 150 + 20 * index, 800 + 50 * index


def appendix_ii(*, total_gap: int = 0) -> bytes:
    """Appendix II of seed 004 filled in by the town: letterhead, title, header over rows
    8–9 (groups merged over their sub-columns, TT and "Chỉ tiêu" merged down), column
    numbers, sections I and II, 13 wards and communes, the Tổng row (off by `total_gap`
    persons in the total column), signatures."""
    rows: list[list[object]] = [
        ["ỦY BAN NHÂN DÂN", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["THỊ XÃ MỸ HÀO", None, None, None, "Độc lập - Tự do - Hạnh phúc"],
        [],
        ["Phụ lục II"],
        ["DỰ KIẾN CÁC CHỈ TIÊU"],
        ["THỰC HIỆN KẾ HOẠCH NĂM 2024 THEO ĐỊA PHƯƠNG"],
        ["(Kèm theo Kế hoạch số      /KH-UBND ngày    tháng    năm 2024 của Ủy ban nhân dân "
         "thị xã)"],
        ["TT", "Chỉ tiêu", "Tuyển sinh giáo dục nghề nghiệp\n(người)", None, None, None,
         "Tỷ lệ lao động qua\nđào tạo\n(%)", None],
        [None, None, "Tổng", "Trình độ\ncao\nđẳng", "Trình\nđộ\ntrung\ncấp",
         "Trình độ\nsơ cấp,\nngắn\nhạn", "Tỷ lệ\nlao động\nqua đào\ntạo",
         "Tỷ lệ lao\nđộng qua\nđào tạo có\nbằng cấp,\nchứng chỉ"],
        ["A", "B", 1, 2, 3, 4, 5, 6],
    ]
    sums = [0, 0, 0, 0]
    for index, (name, _code) in enumerate(MY_HAO):
        if index == 0:
            rows.append(["I", "Các phường"])
        if name.startswith("Xã") and not any(r[:1] == ["II"] for r in rows):
            rows.append(["II", "Các xã"])
        college, intermediate, elementary = enrolment(index)
        total = college + intermediate + elementary
        for i, value in enumerate((total, college, intermediate, elementary)):
            sums[i] += value
        rows.append([index + 1, name, total, college, intermediate, elementary,
                     Decimal("86.5") - index, Decimal("33.5") - index])
    rows.append(["Tổng", None, sums[0] + total_gap, *sums[1:], None, None])
    rows += [[], [None, None, None, None, "TM. ỦY BAN NHÂN DÂN"],
             [None, None, None, None, "KT. CHỦ TỊCH"], [None, None, None, None, "PHÓ CHỦ TỊCH"],
             [], [None, None, None, None, "Nguyễn Vũ Hồng"]]
    total_line = len(rows) - 5
    return xlsx_bytes(rows, merged=("A1:C1", "E1:H1", "A4:H4", "A5:H5", "A6:H6", "A7:H7",
                                    "A8:A9", "B8:B9", "C8:F8", "G8:H8",
                                    f"A{total_line}:B{total_line}"))


def test_appendix_ii_is_read_with_its_letterhead_merged_header_sections_total_and_signatures(
    write,
):
    """(a) Everything around the table is skipped; "Tổng" under the enrolment group is
    enrol_total, "Trình độ cao đẳng" under it enrol_college; the title's year is the
    period; sections I and II, the column numbers and the Tổng row are not units."""
    path = write(appendix_ii(), "phu-luc-ii-my-hao-2024.xlsx")
    lines = import_reports(path, "--unit", "328")
    assert lines[-1] == SUMMARY.format(13 * 6, 0, 0, 0, 0), lines
    values = stored()
    assert values[("12121", "enrol_total", "2024")] == Decimal(1400)
    assert values[("12121", "enrol_college", "2024")] == Decimal(100)
    assert values[("12121", "enrol_intermediate", "2024")] == Decimal(300)
    assert values[("12121", "enrol_elementary", "2024")] == Decimal(1000)
    assert values[("12121", "trained_rate", "2024")] == Decimal("84.5")
    assert values[("12121", "certified_rate", "2024")] == Decimal("31.5")
    # The wards printed over two lines are found by their whole names.
    assert values[("12103", "enrol_total", "2024")] == Decimal(1000)
    assert values[("12106", "enrol_college", "2024")] == Decimal(90)
    assert values[("12115", "trained_rate", "2024")] == Decimal("74.5")
    assert {code for code, _i, _p in values} == {code for _n, code in MY_HAO}


def test_a_total_that_is_not_the_sum_of_the_units_above_is_a_warning_with_both_figures(write):
    """(d) The Tổng row of a count is checked against the wards above it: 50 persons too
    many is a warning with both figures and the gap, in Vietnamese numbers; the rates'
    empty total cells are not checked, and the values are still imported."""
    path = write(appendix_ii(total_gap=50), "phu-luc-ii.xlsx")
    lines = import_reports(path, "--unit", "328")
    units = sum(sum(enrolment(i)) for i in range(len(MY_HAO)))
    assert units == 19_480
    total_line = 10 + 2 + len(MY_HAO) + 1
    assert lines[0] == (
        f"line {total_line}, column Tuyển sinh giáo dục nghề nghiệp (người) / Tổng: warning: "
        "dòng tổng ghi 19.530, cộng các đơn vị ở trên được 19.480 (chênh lệch 50)."
    )
    assert lines[-1] == SUMMARY.format(13 * 6, 0, 0, 0, 1)
    assert Actual.objects.count() == 13 * 6


def test_a_town_officer_uploads_appendix_ii_on_the_import_page_and_confirms(
    client, make_user, settings, tmp_path
):
    """The page reads the sheet the same way, says it read an official sheet, and writes
    its values on confirmation, within the officer's town."""
    settings.REPORT_IMPORT_DIR = str(tmp_path / "uploads")
    client.force_login(make_user("officer", "328"))
    response = client.post(reverse("reports:import"), {
        "file": SimpleUploadedFile("phu-luc-ii.xlsx", appendix_ii()),
    })
    assert response.status_code == 200
    assert response.context["result"].summary() == SUMMARY.format(13 * 6, 0, 0, 0, 0)
    assert vi("official report sheet") in response.content.decode()
    assert Actual.objects.count() == 0
    form = response.context["confirm"]
    done = client.post(reverse("reports:import_confirm"), {
        "checksum": form.initial["checksum"], "period": form.initial.get("period", ""),
    })
    assert done.status_code == 302
    assert stored()[("12121", "enrol_total", "2024")] == Decimal(1400)
    assert Actual.objects.count() == 13 * 6


def test_a_total_printed_first_totals_the_units_below_it(write):
    """(d) "Toàn tỉnh" on the first row, units without TT numbers under it: the table
    does not end at the total, and the total is checked against the units below."""
    plan_make("hy-2024", issuer="33")
    data = csv_bytes([
        ["Đơn vị", "Tuyển sinh GDNN (người)"],
        ["", "Thực hiện năm 2024"],
        ["Toàn tỉnh", "7.950"],
        ["TP. Hưng Yên", "3.200"],
        ["TX Mỹ Hào", "2.750"],
        ["H. Khoái Châu", "1.900"],
    ], delimiter=";", bom=True)
    lines = import_reports(write(data, "hung-yen.csv"), "--plan", "hy-2024")
    assert lines[0] == (
        "line 3, column Tuyển sinh GDNN (người) / Thực hiện năm 2024: warning: dòng tổng ghi "
        "7.950, cộng các đơn vị ở dưới được 7.850 (chênh lệch 100)."
    )
    assert lines[-1] == SUMMARY.format(3, 0, 0, 0, 1)
    assert stored()[("330", "enrol_total", "2024")] == Decimal(1900)


# --- printed names ---------------------------------------------------------------------------


def test_the_wordings_the_plans_print_name_their_indicators():
    """(b) The seeds' table wordings, with or without diacritics, any case, line breaks
    and a unit in brackets, name one indicator each."""
    names = names_index(catalogue_names())
    for printed, code in (
        ("Tuyển sinh giáo dục nghề nghiệp\n(người)", "enrol_total"),
        ("Kết quả tuyển sinh, đào tạo GDNN", "enrol_total"),
        ("Trình độ\ncao\nđẳng", "enrol_college"),
        ("Trình độ trung cấp", "enrol_intermediate"),
        ("Sơ cấp, ngắn hạn và khác", "enrol_elementary"),
        ("Trình độ sơ cấp và dưới 3 tháng", "enrol_elementary"),
        ("Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", "certified_rate"),
        ("Trong đó, tỷ lệ lao động có bằng cấp, chứng chỉ (%)", "certified_rate"),
        ("TY LE LAO DONG CO VIEC LAM SAU DAO TAO", "employed_after_training_rate"),
        ("Chỉ tiêu thu hút học sinh tốt nghiệp THCS, THPT tham gia học nghề trình độ trung "
         "cấp, cao đẳng tại các quận, huyện, thị xã", "graduates_attracted"),
        ("Thu hút học sinh tốt nghiệp THCS, THPT", "graduates_attracted"),
        ("Số cơ sở giáo dục nghề nghiệp", "institutions"),
        ("tuyen sinh trinh do cao dang", "enrol_college"),
    ):
        assert names.get(label_key(printed)) == code, printed


def test_the_printed_names_are_data_for_catalogue_codes_and_never_name_two_indicators():
    assert set(PRINTED_NAMES) <= set(INDICATOR_CODES)
    keys: dict[str, str] = {}
    for code, names in PRINTED_NAMES.items():
        for name in names:
            assert keys.setdefault(label_key(name), code) == code, name


def test_a_csv_with_names_without_diacritics_and_group_headers_over_blank_cells(write):
    """(b) A CSV (UTF-8 with BOM, semicolons) has no merged cells: a group header is
    written once, over the blank cells of its sub-columns; headers in capitals and
    without diacritics; names of units without their type."""
    data = csv_bytes([
        ["BAO CAO KET QUA TUYEN SINH NAM 2024"],
        ["STT", "Don vi", "TUYEN SINH GIAO DUC NGHE NGHIEP (nguoi)", "", "",
         "Ty le lao dong\nqua dao tao (%)"],
        ["", "", "Tong", "Cao dang", "Trung cap, so cap", ""],
        ["1", "Dị Sử", "1.400", "100", "1.300", "84,5"],
    ], delimiter=";", bom=True)
    lines = failing(write(data, "bao-cao.csv"), "--unit", "328")
    # "Trung cấp, sơ cấp" is no indicator of the catalogue: refused, never guessed.
    assert lines[0] == (
        "line 3, column TUYEN SINH GIAO DUC NGHE NGHIEP (nguoi) / Trung cap, so cap: "
        "“TUYEN SINH GIAO DUC NGHE NGHIEP (nguoi) / Trung cap, so cap” không phải là tên "
        "một chỉ tiêu mà hệ thống biết, cũng không phải là cột mà một biểu báo cáo được "
        "phép có."
    )
    assert Actual.objects.count() == 0
    data = csv_bytes([
        ["BAO CAO KET QUA TUYEN SINH NAM 2024"],
        ["STT", "Don vi", "TUYEN SINH GIAO DUC NGHE NGHIEP (nguoi)", "", "",
         "Ty le lao dong\nqua dao tao (%)"],
        ["", "", "Tong", "Cao dang", "Trung cap", ""],
        ["1", "Dị Sử", "1.400", "100", "300", "84,5"],
    ], delimiter=";", bom=True)
    lines = import_reports(write(data, "bao-cao.csv"), "--unit", "328")
    assert lines[-1] == SUMMARY.format(4, 0, 0, 0, 0), lines
    assert stored() == {
        ("12121", "enrol_total", "2024"): Decimal(1400),
        ("12121", "enrol_college", "2024"): Decimal(100),
        ("12121", "enrol_intermediate", "2024"): Decimal(300),
        ("12121", "trained_rate", "2024"): Decimal("84.5"),
    }


# --- plan figures, results, percentages, the header's year --------------------------------


def plan_and_results_sheet(*, dong_da_plan: object = "1.050", year: int = 2024) -> bytes:
    """Hà Nội's districts in the most common report sheet: per indicator "Kế hoạch năm
    2024 / Thực hiện năm 2024 / Tỷ lệ % so với KH", merged group headers, column numbers."""
    return xlsx_bytes([
        ["UBND THÀNH PHỐ HÀ NỘI"],
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU GIÁO DỤC NGHỀ NGHIỆP"],
        ["STT", "Đơn vị", "Thu hút học sinh tốt nghiệp THCS, THPT (người)", None, None,
         "Tuyển sinh GDNN (người)", None, None],
        [None, None, f"Kế hoạch năm {year}", f"Thực hiện năm {year}", "Tỷ lệ % so với KH",
         f"Kế hoạch năm {year}", f"Thực hiện năm {year}", "Tỷ lệ % so với KH"],
        ["A", "B", "1", "2", "3=2/1", "4", "5", "6=5/4"],
        # Numbers as Excel stores them, and some typed as text the Vietnamese way.
        [1, "Quận Ba Đình", 650, 700, 107.7, "5.000", "4.800", 96],
        [2, "Q. Đống Đa", dong_da_plan, 1000, 95.2, "3.000", "2.900", 96.7],
        ["Tổng cộng", None, None, "1.700", None, None, "7.700", None],
        ["Người lập biểu"],
    ], merged=("A3:A4", "B3:B4", "C3:E3", "F3:H3", "A8:B8"))


def test_results_are_imported_plan_figures_compared_and_percentages_ignored(write):
    """(c) "Thực hiện" holds the actuals, "Tỷ lệ % so với KH" is not read, "Kế hoạch" is
    compared with the stored quota: Ba Đình's 650 and 5.000 are the plan's, Đống Đa's
    enrolment has no stored target; the year in the header is the period."""
    hanoi_2024_two_districts()
    lines = import_reports(write(plan_and_results_sheet(), "bao-cao-quan.xlsx"),
                           "--plan", "hn-2024")
    assert lines[-1] == SUMMARY.format(4, 0, 0, 0, 0), lines
    assert stored() == {
        ("001", "graduates_attracted", "2024"): Decimal(700),
        ("001", "enrol_total", "2024"): Decimal(4800),
        ("006", "graduates_attracted", "2024"): Decimal(1000),
        ("006", "enrol_total", "2024"): Decimal(2900),
    }


def test_a_plan_figure_that_is_not_the_stored_target_is_a_warning_naming_both(write):
    hanoi_2024_two_districts()
    lines = import_reports(write(plan_and_results_sheet(dong_da_plan="1.100"), "bc.xlsx"),
                           "--plan", "hn-2024")
    assert lines[0] == (
        "line 7, column Thu hút học sinh tốt nghiệp THCS, THPT (người) / Kế hoạch năm 2024: "
        "warning: Quận Đống Đa: số kế hoạch của chỉ tiêu “Học sinh tốt nghiệp THCS, THPT vào "
        "học trung cấp, cao đẳng” năm 2024 trong tệp là 1.100, chỉ tiêu đã lưu là 1.050."
    )
    assert lines[-1] == SUMMARY.format(4, 0, 0, 0, 1)
    assert stored()[("006", "graduates_attracted", "2024")] == Decimal(1000)


def test_a_header_year_that_contradicts_the_period_given_is_an_error(write):
    hanoi_2024_two_districts()
    path = write(plan_and_results_sheet(), "bc.xlsx")
    lines = failing(path, "--plan", "hn-2024", "--period", "2023")
    assert lines[0] == (
        "line 4, column Thu hút học sinh tốt nghiệp THCS, THPT (người) / Thực hiện năm 2024: "
        "tiêu đề bảng ghi năm 2024 (“Thu hút học sinh tốt nghiệp THCS, THPT (người) / Thực "
        "hiện năm 2024”), nhưng kỳ báo cáo đã chọn cho tệp là 2023."
    )
    assert Actual.objects.count() == 0 and ImportBatch.objects.count() == 0
    # The same year, or a half-year of it, agrees with the header.
    assert import_reports(path, "--plan", "hn-2024", "--period", "2024S1")[-1] == (
        SUMMARY.format(4, 0, 0, 0, 0)
    )
    assert stored()[("001", "enrol_total", "2024S1")] == Decimal(4800)


def test_without_a_year_in_the_sheet_the_period_must_be_given(write):
    data = csv_bytes([
        ["TT", "Đơn vị", "Tuyển sinh giáo dục nghề nghiệp"],
        ["1", "Phường Dị Sử", "1.400"],
    ])
    path = write(data, "khong-nam.csv")
    lines = failing(path, "--unit", "328")
    assert lines[0].startswith("line 1, column Tuyển sinh giáo dục nghề nghiệp: thiếu kỳ báo cáo")
    assert import_reports(path, "--unit", "328", "--period", "2024")[-1] == (
        SUMMARY.format(1, 0, 0, 0, 0)
    )


# --- units by name ---------------------------------------------------------------------------


def test_abbreviated_unit_names_are_resolved_within_the_plan_issuers_subtree(write):
    """(e) A Windows-1258 CSV of Hưng Yên's districts, named with the usual abbreviations
    (TP., TX, H.), resolved in the subtree of the plan's issuer, Tỉnh Hưng Yên (33)."""
    plan_make("hy-2024", issuer="33")
    data = csv_bytes([
        ["STT", "Đơn vị", "Tuyển sinh GDNN (người)"],
        ["", "", "Thực hiện năm 2024"],
        ["1", "TP. Hưng Yên", "3.200"],
        ["2", "TX Mỹ Hào", "2.750"],
        ["3", "H. Khoái Châu", "1.900"],
        ["", "Toàn tỉnh", "7.850"],
    ], encoding="cp1258", delimiter=";")
    lines = import_reports(write(data, "hung-yen.csv"), "--plan", "hy-2024")
    assert lines[-1] == SUMMARY.format(3, 0, 0, 0, 0), lines
    assert stored() == {
        ("323", "enrol_total", "2024"): Decimal(3200),
        ("328", "enrol_total", "2024"): Decimal(2750),
        ("330", "enrol_total", "2024"): Decimal(1900),
    }


def test_a_name_that_fits_several_units_is_an_error_listing_them(write):
    """(e) "Khoái Châu" without its type is the district (330) and its town (12205)."""
    plan_make("hy-2024", issuer="33")
    data = csv_bytes([
        ["STT", "Đơn vị", "Tuyển sinh GDNN (người)"],
        ["", "", "Thực hiện năm 2024"],
        ["1", "TX Mỹ Hào", "2.750"],
        ["2", "Khoái Châu", "1.900"],
    ], encoding="cp1258", delimiter=";")
    lines = failing(write(data, "hung-yen.csv"), "--plan", "hy-2024")
    assert lines[0] == (
        "line 4, column Đơn vị: “Khoái Châu” trùng với nhiều đơn vị trong 2024: 330 Huyện "
        "Khoái Châu (Tỉnh Hưng Yên), 12205 Thị trấn Khoái Châu (Huyện Khoái Châu). Hãy ghi "
        "mã đơn vị kèm các số 0 ở đầu, hoặc ghi tên đầy đủ của đơn vị."
    )
    assert Actual.objects.count() == 0


def test_the_error_file_of_an_official_sheet_marks_the_unit_it_could_not_tell(
    client, make_user, settings, tmp_path
):
    settings.REPORT_IMPORT_DIR = str(tmp_path / "uploads")
    client.force_login(make_user("officer", "33"))
    data = csv_bytes([
        ["STT", "Đơn vị", "Tuyển sinh GDNN (người)"],
        ["", "", "Thực hiện năm 2024"],
        ["1", "TX Mỹ Hào", "2.750"],
        ["2", "Khoái Châu", "1.900"],
    ], encoding="cp1258", delimiter=";")
    response = client.post(reverse("reports:import"), {
        "file": SimpleUploadedFile("hung-yen.csv", data),
    })
    checksum = response.context["confirm"].initial["checksum"]
    download = client.get(reverse("reports:import_errors", args=[checksum]))
    assert download.status_code == 200
    # Windows-1258 writes tone marks apart: compared composed.
    lines = unicodedata.normalize("NFC", download.content.decode("cp1258")).splitlines()
    assert lines[1].endswith(";loi")  # the header's last line gets the error column
    assert lines[2].endswith(";")  # Mỹ Hào was read
    assert "330 Huyện Khoái Châu (Tỉnh Hưng Yên)" in lines[3]
    assert Actual.objects.count() == 0


def test_unit_abbreviations_are_written_out():
    assert unit_name("P. Dị Sử") == "Phường Dị Sử"
    assert unit_name("X.Cẩm Xá") == "Xã Cẩm Xá"
    assert unit_name("TT Khoái Châu") == "Thị trấn Khoái Châu"
    assert unit_name("Q. Ba Đình") == "Quận Ba Đình"
    assert unit_name("Xuân Dục") == "Xuân Dục"


# --- Phụ lục I: indicators as rows, for one unit ---------------------------------------------


def appendix_i_2024(*, college_plan: object = "3.200", extra: list | None = None) -> bytes:
    """Seed 004's Appendix I as the town sends back its 2024 results: TT, Tên chỉ tiêu,
    Đơn vị tính, then under "Năm 2024" the plan, the result and the percentage."""
    rows: list[list[object]] = [
        ["ỦY BAN NHÂN DÂN THỊ XÃ MỸ HÀO"],
        ["Phụ lục I"],
        ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2024"],
        ["TT", "Tên chỉ tiêu", "Đơn vị\ntính", "Năm 2024", None, None],
        [None, None, None, "Kế hoạch", "Kết quả\nđạt được", "Tỷ lệ %"],
        ["I", "Tuyển sinh giáo dục nghề nghiệp", "Người", "67.500", "66.900", 99.1],
        [1, "Cao đẳng", "Người", college_plan, "2.900", 90.6],
        [2, "Trung cấp", "Người", "7.300", 7000, 95.9],
        [3, "Sơ cấp, ngắn hạn và khác", "Người", 57000, 57000, 100],
        [None, "Trong đó:", None, None, None, None],
        ["3.1", "Hỗ trợ đào tạo nghề cho thanh niên hoàn thành nghĩa vụ quân sự, nghĩa vụ\n"
         "công an, thanh niên tình nguyện hoàn thành nhiệm vụ thực hiện chương trình, dự án\n"
         "phát triển kinh tế - xã hội", "Người", 90, 95, 105.6],
        ["3.2", "Hỗ trợ đào tạo nghề cho người chấp hành xong hình phạt tù", "Người", 45, "-",
         "-"],
        ["II", "Tỷ lệ lao động có việc làm sau đào tạo", "%", 92.5, 93, None],
        ["III", "Tỷ lệ lao động qua đào tạo", "%", 70, 70.4, None],
        [None, "Tỷ lệ lao động có bằng cấp chứng chỉ", "%", 32, 32.6, None],
        ["IV", "Số cơ sở giáo dục nghề nghiệp", "Cơ sở", 26, 26, 100],
        *(extra or []),
        [],
        ["Người lập biểu", None, None, "TM. ỦY BAN NHÂN DÂN"],
    ]
    return xlsx_bytes(rows, merged=("A4:A5", "B4:B5", "C4:C5", "D4:F4"))


def test_appendix_i_rows_are_the_indicators_of_the_unit_given(write):
    """(f) Each row an indicator named as printed ("Cao đẳng", "Sơ cấp, ngắn hạn và
    khác", the support programme over three lines), "Trong đó:" and a dash are no figure,
    the year over the columns is the period, and each plan figure is compared with the
    town's stored 2024 target."""
    disu_plan()
    path = write(appendix_i_2024(), "phu-luc-i-my-hao-2024.xlsx")
    lines = import_reports(path, "--unit", "328", "--plan", "disu-2024")
    assert lines[-1] == SUMMARY.format(9, 0, 0, 0, 0), lines
    values = {key: value for key, value in stored().items() if key[2] == "2024"}
    assert values == {
        ("328", "enrol_total", "2024"): Decimal(66900),
        ("328", "enrol_college", "2024"): Decimal(2900),
        ("328", "enrol_intermediate", "2024"): Decimal(7000),
        ("328", "enrol_elementary", "2024"): Decimal(57000),
        ("328", "enrol_support_demobilized", "2024"): Decimal(95),
        ("328", "employed_after_training_rate", "2024"): Decimal(93),
        ("328", "trained_rate", "2024"): Decimal("70.4"),
        ("328", "certified_rate", "2024"): Decimal("32.6"),
        ("328", "institutions", "2024"): Decimal(26),
    }


def test_appendix_i_compares_its_plan_column_with_the_units_target(write):
    disu_plan()
    path = write(appendix_i_2024(college_plan="3.300"), "phu-luc-i.xlsx")
    lines = import_reports(path, "--unit", "328", "--plan", "disu-2024")
    assert lines[0] == (
        "line 7, column Năm 2024 / Kế hoạch: warning: Thị xã Mỹ Hào: số kế hoạch của chỉ tiêu "
        "“Tuyển sinh trình độ cao đẳng” năm 2024 trong tệp là 3.300, chỉ tiêu đã lưu là 3.200."
    )
    assert lines[-1] == SUMMARY.format(9, 0, 0, 0, 1)


def test_appendix_i_needs_its_unit_and_names_the_rows_it_does_not_know(write):
    disu_plan()
    path = write(appendix_i_2024(), "phu-luc-i.xlsx")
    # The plan's issuer is the ward; the figures are the town's: never assumed.
    lines = failing(path, "--plan", "disu-2024")
    assert lines[0] == (
        "line 5: mỗi dòng của biểu này là một chỉ tiêu, nên biểu báo cáo cho một đơn vị: hãy "
        "chọn đơn vị đó (--unit khi chạy lệnh)."
    )
    path = write(appendix_i_2024(extra=[[1, "Số cơ sở GDNN tăng trong năm", "Cơ sở", None, 2]]),
                 "phu-luc-i.xlsx")
    lines = failing(path, "--unit", "328", "--plan", "disu-2024")
    assert lines[0] == (
        "line 17, column Tên chỉ tiêu: “Số cơ sở GDNN tăng trong năm” không phải là tên một "
        "chỉ tiêu mà hệ thống biết."
    )
    assert not Actual.objects.filter(period="2024").exists()


def test_a_sheet_of_plan_figures_only_has_no_results_to_import(write):
    """A filled-in plan (Kế hoạch only, no Thực hiện) is not a report: nothing to store."""
    data = csv_bytes([
        ["STT", "Đơn vị", "Tuyển sinh GDNN (người)"],
        ["", "", "Kế hoạch năm 2024"],
        ["1", "Phường Dị Sử", "1.400"],
    ], delimiter=";")
    lines = failing(write(data, "ke-hoach.csv"), "--unit", "328")
    assert lines[0] == (
        "line 2: không có cột nào chứa kết quả: các cột chỉ tiêu đều là số kế hoạch hoặc tỷ "
        "lệ %. Hãy thêm cột “Thực hiện” cho từng chỉ tiêu."
    )
    assert Actual.objects.count() == 0


def test_a_lone_group_header_above_a_row_of_column_names(write):
    """The group's row holds nothing but the group ("Tuyển sinh GDNN" over three
    columns); TT and Đơn vị are written on the row below, beside the levels."""
    data = xlsx_bytes([
        ["KẾT QUẢ TUYỂN SINH NĂM 2024"],
        [None, None, "Tuyển sinh GDNN (người)", None, None],
        ["TT", "Đơn vị", "Tổng", "Cao đẳng", "Trung cấp"],
        [1, "P. Dị Sử", 1400, 100, 300],
    ], merged=("A1:E1", "C2:E2"))
    lines = import_reports(write(data, "tuyen-sinh.xlsx"), "--unit", "328")
    assert lines[-1] == SUMMARY.format(3, 0, 0, 0, 0), lines
    assert stored() == {
        ("12121", "enrol_total", "2024"): Decimal(1400),
        ("12121", "enrol_college", "2024"): Decimal(100),
        ("12121", "enrol_intermediate", "2024"): Decimal(300),
    }


def test_the_words_of_sub_columns_give_their_roles():
    """(c) The wordings of plan, result and percentage columns, read without the
    database (`open_file` alone): a plan column, a result column and an ignored one."""
    from reports.imports.parsing import open_file

    data = csv_bytes([
        ["STT", "Tên xã, phường, thị trấn", "Tuyển sinh GDNN", "", "", "", "", ""],
        ["", "", "KH giao", "Ước thực hiện năm 2024", "So sánh", "Chỉ tiêu", "TH", "% so với KH"],
    ])
    parsed = open_file(io.BytesIO(data), indicator_codes=INDICATOR_CODES)
    assert parsed.layout is None  # two result columns for one indicator and year
    assert "cùng chứa chỉ tiêu enrol_total" in parsed.problems[0].message
    data = csv_bytes([
        ["STT", "Tên xã, phường, thị trấn", "Tuyển sinh GDNN", "", ""],
        ["", "", "KH giao", "Ước thực hiện năm 2024", "So sánh"],
    ])
    parsed = open_file(io.BytesIO(data), indicator_codes=INDICATOR_CODES)
    assert parsed.layout is not None and parsed.layout.official is not None
    roles = [(c.header, c.role, c.indicator, c.year) for c in parsed.layout.official.columns]
    assert roles == [
        ("Tuyển sinh GDNN / KH giao", "plan", "enrol_total", None),
        ("Tuyển sinh GDNN / Ước thực hiện năm 2024", "actual", "enrol_total", 2024),
        ("Tuyển sinh GDNN / So sánh", "ignored", "enrol_total", None),
    ]
    assert parsed.layout.official.periods == {3: "2024"}
    assert parsed.layout.official.plan_of == {3: 2}


# --- a column the reader does not know, mapped by the user ------------------------------------


def district_sheet_with_a_column_of_its_own() -> bytes:
    """Dị Sử's sheet with "Hỗ trợ học nghề" beside its enrolment: a column of the ward's own
    that no indicator of the catalogue is printed as."""
    return csv_bytes([
        ["BÁO CÁO KẾT QUẢ NĂM 2024"],
        ["STT", "Đơn vị", "Tuyển sinh GDNN (người)", "Học sinh tốt nghiệp THCS được thu hút"],
        ["1", "Dị Sử", "1.400", "95"],
    ], delimiter=";", bom=True)


def test_a_column_the_reader_does_not_know_is_read_as_the_indicator_mapped(write):
    path = write(district_sheet_with_a_column_of_its_own(), "bao-cao.csv")
    refused = failing(path, "--unit", "328")
    assert "Học sinh tốt nghiệp THCS được thu hút" in refused[0] and Actual.objects.count() == 0
    lines = import_reports(path, "--unit", "328",
                           "--map", "Học sinh tốt nghiệp THCS được thu hút=graduates_attracted")
    assert lines[-1] == SUMMARY.format(2, 0, 0, 0, 0), lines
    assert stored() == {
        ("12121", "enrol_total", "2024"): Decimal(1400),
        ("12121", "graduates_attracted", "2024"): Decimal(95),
    }


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        ("Học sinh tốt nghiệp THCS được thu hút=hoc_sinh", "no indicator has the code"),
        ("graduates_attracted", "HEADER=indicator_code"),
    ],
)
def test_a_mapping_to_no_indicator_is_refused_before_reading(write, mapping, words):
    path = write(district_sheet_with_a_column_of_its_own(), "bao-cao.csv")
    with pytest.raises(CommandError, match=words):
        import_reports(path, "--unit", "328", "--map", mapping)
    assert Actual.objects.count() == 0
