"""The official "Phụ lục I" layout: Dị Sử's Appendix I row for row, on screen and in XLSX."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from districts.scope import SYSTEM
from reports.progress.official import official_layout, roman
from tests.factories import disu_plan, unit_by_code

pytestmark = pytest.mark.django_db

D = Decimal
# Seed 004, Appendix I: (TT, indicator, KH 2023, TH 2023, KH 2024) as printed.
APPENDIX_I = [
    ("I", "enrol_total", "62500", "62750", "67500"),
    ("1", "enrol_college", "3000", "1700", "3200"),
    ("2", "enrol_intermediate", "7000", "4200", "7300"),
    ("3", "enrol_elementary", "52500", "56600", "57000"),
    ("", None, None, None, None),  # "Trong đó:"
    ("3.1", "enrol_support_demobilized", None, "37", "90"),
    ("3.2", "enrol_support_released_prisoners", None, None, "45"),
    ("3.3", "enrol_support_poor_disabled_sme", None, None, "60"),
    ("II", "employed_after_training_rate", "92", ">92", "92.5"),
    ("III", "trained_rate", "69", "69", "70"),
    ("", "certified_rate", "31", "31", "32"),
    ("IV", "institutions", "26", "26", "26"),
]


def layout_2024():
    plan = disu_plan()
    return official_layout(
        plan=plan, year=2024, unit=unit_by_code("328"), user=SYSTEM, today=date(2024, 4, 1)
    )


def plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def shown(row) -> tuple:
    code = row.indicator.code if row.indicator else None
    previous = plain(row.previous_target.value) if row.previous_target else None
    actual = (
        plain(row.previous_actual)
        if row.previous_actual is not None
        else row.previous_printed or None
    )
    plan = plain(row.plan.value) if row.plan else None
    return (row.number, code, previous, actual, plan)


def test_it_reproduces_di_sus_appendix_i_row_for_row():
    layout = layout_2024()

    assert [shown(row) for row in layout.rows] == APPENDIX_I


def test_it_prints_the_employment_target_as_more_than_92():
    employed = next(
        r for r in layout_2024().rows if r.indicator and r.indicator.code.startswith("employed")
    )

    assert employed.previous_target.prefix == ">"
    assert employed.previous_printed == ">92" and employed.previous_actual is None
    assert employed.status == "met"  # ">92" meets "trên 92"


def test_it_gives_the_achievement_of_the_closed_year():
    rows = {r.indicator.code: r for r in layout_2024().rows if r.indicator}

    assert rows["enrol_college"].achievement.quantize(D("0.001")) == D("0.567")
    assert rows["enrol_college"].status == "not_met"
    assert rows["trained_rate"].achievement == 0  # points
    assert rows["enrol_support_demobilized"].assessment is None  # no 2023 target


def test_it_flags_the_2023_total_that_does_not_match_its_levels():
    rows = {r.indicator.code: r for r in layout_2024().rows if r.indicator}

    assert len(rows["enrol_total"].warnings) == 1
    assert "62.500" in rows["enrol_total"].warnings[0]
    assert "250" in rows["enrol_total"].warnings[0]
    assert rows["enrol_college"].warnings == []


def test_it_numbers_sections_in_roman_numerals():
    assert [roman(n) for n in (1, 2, 3, 4, 9, 14)] == ["I", "II", "III", "IV", "IX", "XIV"]


def official_url(year: int = 2024, unit=None, *, xlsx: bool = False) -> str:
    name = "reports:official_xlsx" if xlsx else "reports:official"
    url = reverse(name, args=["disu-2024", year])
    return f"{url}?unit={unit.pk}" if unit is not None else url


def test_it_shows_the_layout_with_vietnamese_numbers_on_the_towns_figures(client, make_user):
    disu_plan()
    client.force_login(make_user("viewer", "33"))

    response = client.get(official_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Thị xã Mỹ Hào" in html  # the unit with the appendix's targets, by default
    for printed in ("62.500", "62.750", "67.500", "56.600", "92,5", "&gt;92"):
        assert printed in html
    assert html.index("Tuyển sinh giáo dục nghề nghiệp") < html.index("Tỷ lệ lao động có việc")
    assert html.index("Tỷ lệ lao động có việc") < html.index("Tỷ lệ lao động qua đào tạo")
    # Printed on A4 by its own stylesheet (no inline style: the pages' CSP allows none).
    assert "reports/official.css" in html
    assert "@media print" in (settings.BASE_DIR / "reports/static/reports/official.css").read_text()


def test_it_flags_the_total_on_screen(client, make_user):
    disu_plan()
    client.force_login(make_user("viewer", "33"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(official_url()).content.decode()

    assert "components add up to 62,500, the total says 62,750 (difference 250)" in html


def test_it_writes_the_layout_to_xlsx_with_numbers_and_vietnamese_headers(client, make_user):
    disu_plan()
    client.force_login(make_user("viewer", "33"))

    response = client.get(official_url(xlsx=True))

    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == "Phụ lục I"
    assert [c.value for c in sheet[5]] == [
        "TT", "Tên chỉ tiêu", "Đơn vị tính", "Năm 2023 – Chỉ tiêu",
        "Năm 2023 – Kết quả đạt được", "Kế hoạch năm 2024", "Tỷ lệ thực hiện năm 2023",
        "Đánh giá", "Ghi chú",
    ]
    total = sheet[6]
    assert [c.value for c in total[:6]] == [
        "I", "Tuyển sinh giáo dục nghề nghiệp", "Người", 62500, 62750, 67500
    ]
    assert total[3].number_format == total[4].number_format == "#,##0"
    assert "62.500" in total[8].value and "250" in total[8].value  # the flag
    college = sheet[7]
    assert college[0].value == "1" and college[4].value == 1700
    assert college[6].value == pytest.approx(0.5667, abs=1e-4)
    assert college[6].number_format == "0.0%"
    assert sheet["B10"].value == "Trong đó:"
    employed = sheet[14]
    assert employed[0].value == "II"
    assert employed[3].value == 92 and employed[3].number_format == '">"#,##0'
    assert employed[4].value == ">92"  # printed, not a number
    assert employed[5].value == 92.5 and employed[5].number_format == "#,##0.0"
    assert sheet["A17"].value == "IV" and sheet["D17"].value == 26


def test_it_shows_a_ward_user_only_the_wards_own_targets(client, reporter_12121):
    disu_plan()
    client.force_login(reporter_12121)

    html = client.get(official_url()).content.decode()
    sheet = load_workbook(BytesIO(client.get(official_url(xlsx=True)).content)).active

    assert "Thị xã Mỹ Hào" not in html
    assert "62.750" not in html
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert not any("Mỹ Hào" in c for c in cells)
    assert client.get(official_url(unit=unit_by_code("328"))).status_code == 404


def test_it_hides_the_layout_from_another_province(client, officer_01):
    disu_plan()
    client.force_login(officer_01)

    assert client.get(official_url()).status_code == 404
    assert client.get(official_url(xlsx=True)).status_code == 404


def test_it_sends_anonymous_visitors_to_the_login(client):
    disu_plan()

    response = client.get(official_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_answers_405_to_a_post(client, make_user):
    disu_plan()
    client.force_login(make_user("viewer", "33"))

    assert client.post(official_url()).status_code == 405
