"""Numbers read by what they measure: a file written by Vietnamese Excel that holds only
counts (`2.750`, `12.480`) never shows its decimal mark, yet a count cannot be 2,75.

The values are Hà Nội's districts' 2024 enrolment as such a file would carry them.
"""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.utils import translation

from districts.scope import SYSTEM
from reports.imports.importer import report_file_import
from reports.models import Actual
from reports.numbers import number_readings
from tests.factories import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = ["ma_don_vi", "ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"]


def run(rows: list[list[str]]):
    data = csv_bytes([HEADER, *rows], delimiter=";")
    return report_file_import(stream=io.BytesIO(data), file_name="bao-cao.csv", actor=SYSTEM)


def stored() -> dict[tuple[str, str], Decimal]:
    return {(a.unit.code, a.indicator.code): a.value
            for a in Actual.objects.select_related("unit", "indicator")}


def messages(result) -> str:
    return "\n".join(str(p) for p in result.sorted_problems())


def test_a_file_of_counts_only_reads_2_750_as_two_thousand_seven_hundred_and_fifty():
    result = run([
        ["001", "Quận Ba Đình", "enrol_total", "2024", "2.750"],
        ["002", "Quận Hoàn Kiếm", "enrol_total", "2024", "12.480"],
        ["003", "Quận Tây Hồ", "enrol_total", "2024", "365"],
        ["004", "Quận Long Biên", "enrol_college", "2024", "1,400"],
    ])
    assert result.ok, messages(result)
    assert stored() == {
        ("001", "enrol_total"): Decimal(2750),
        ("002", "enrol_total"): Decimal(12480),
        ("003", "enrol_total"): Decimal(365),
        ("004", "enrol_college"): Decimal(1400),
    }


def test_a_rate_in_such_a_file_is_read_the_way_a_rate_can_be():
    # 71.500 % cannot be; 71,5 % can.
    result = run([
        ["001", "Quận Ba Đình", "enrol_total", "2024", "2.750"],
        ["001", "Quận Ba Đình", "trained_rate", "2024", "71.500"],
    ])
    assert result.ok, messages(result)
    assert stored()[("001", "trained_rate")] == Decimal("71.5")
    assert stored()[("001", "enrol_total")] == Decimal(2750)


def test_a_count_that_is_whole_either_way_is_refused_naming_both_readings():
    with translation.override("vi"):
        result = run([["001", "Quận Ba Đình", "enrol_total", "2024", "2.000"]])
    assert result.errors == 1 and not Actual.objects.exists()
    message = result.sorted_problems()[0].message
    assert "“2.000”" in message and "2 hoặc 2.000" in message


def test_a_file_that_shows_a_decimal_comma_still_reads_by_it():
    result = run([
        ["001", "Quận Ba Đình", "trained_rate", "2024", "71,5"],
        ["001", "Quận Ba Đình", "enrol_total", "2024", "2.750"],
    ])
    assert result.ok, messages(result)
    assert stored()[("001", "enrol_total")] == Decimal(2750)


def test_a_file_with_a_decimal_point_reads_2_750_as_a_fraction_and_a_count_refuses_it():
    with translation.override("en"):
        result = run([
            ["001", "Quận Ba Đình", "trained_rate", "2024", "71.5"],
            ["002", "Quận Hoàn Kiếm", "enrol_total", "2024", "2.750"],
        ])
    assert result.errors == 1 and not Actual.objects.exists()
    assert "not a whole number" in messages(result)


@pytest.mark.parametrize(("text", "readings"), [
    ("2.750", [Decimal("2.75"), Decimal(2750)]),
    ("-1,400", [Decimal(-1400), Decimal("-1.4")]),
    ("74,2", [Decimal("74.2")]),
    ("1.234.567", [Decimal(1234567)]),
    ("abc", []),
])
def test_number_readings_lists_what_a_text_can_mean(text, readings):
    assert number_readings(text) == readings
