"""Reading report files as Vietnamese spreadsheets write them (pure: no database)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.imports.parsing import (
    DecimalMarks,
    Entry,
    Problem,
    normalise_header,
    open_file,
    sniff_delimiter,
)
from reports.numbers import AmbiguousNumberError, NumberError
from targets.catalogue import INDICATORS
from tests.factories import LONG_EN, LONG_VI, csv_bytes, to_cp1258, xlsx_bytes

CODES = frozenset(i["code"] for i in INDICATORS)


def read(data: bytes, *, period: str = "") -> tuple[object, list[Entry], list[Problem]]:
    parsed = open_file(io.BytesIO(data), indicator_codes=CODES, default_period=period)
    items = list(parsed.entries())
    entries = [i for i in items if isinstance(i, Entry)]
    problems = parsed.problems + [i for i in items if isinstance(i, Problem)]
    return parsed, entries, problems


# --- encodings and separators ---------------------------------------------------------------------


def test_it_reads_a_semicolon_utf8_file_with_bom_whose_codes_lost_their_zeros():
    data = csv_bytes(
        [LONG_VI, ["1", "enrol_total", "2024", "1.400"], ["6", "trained_rate", "2024", "74,2"]],
        delimiter=";",
        bom=True,
    )
    parsed, entries, problems = read(data)
    assert problems == []
    assert (parsed.format.encoding, parsed.format.delimiter) == ("utf-8-sig", ";")
    assert [(e.unit_code, e.indicator, e.period, e.value) for e in entries] == [
        ("1", "enrol_total", "2024", "1.400"),
        ("6", "trained_rate", "2024", "74,2"),
    ]
    assert [e.line for e in entries] == [2, 3]


def test_it_reads_a_windows_1258_file_with_tone_marks_apart():
    data = csv_bytes(
        [["ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri", "ghi_chu"],
         ["Quận Ba Đình", "enrol_total", "2024", "1200", "Số liệu sơ bộ"]],
        encoding="cp1258",
    )
    assert "Quận".encode() not in data  # really Windows-1258 bytes
    parsed, entries, problems = read(data)
    assert problems == []
    assert parsed.format.encoding == "cp1258"
    assert entries[0].unit_name == "Quận Ba Đình"  # NFC again
    assert entries[0].note == "Số liệu sơ bộ"


def test_it_reads_a_tab_separated_file():
    data = csv_bytes([LONG_EN, ["001", "enrol_total", "2024", "1200"]], delimiter="\t")
    parsed, entries, problems = read(data)
    assert problems == [] and parsed.format.delimiter == "\t"
    assert entries[0].unit_code == "001"


def test_a_comma_file_quotes_its_vietnamese_decimals():
    data = csv_bytes([LONG_VI, ["001", "trained_rate", "2024", "74,2"]], delimiter=",")
    parsed, entries, _problems = read(data)
    assert parsed.format.delimiter == "," and entries[0].value == "74,2"


def test_the_header_decides_the_separator_not_the_numbers():
    assert sniff_delimiter(["ma_don_vi;gia_tri\r\n", "1;1,5;2,5\r\n"]) == ";"
    assert sniff_delimiter(['"ma, don vi",gia_tri\r\n']) == ","
    assert sniff_delimiter(["a\tb\tc\n"]) == "\t"


def test_it_refuses_bytes_that_are_neither_utf8_nor_windows_1258():
    data = b"ma_don_vi,ma_chi_tieu,ky_bao_cao,gia_tri\n001,enrol_total,2024,\x81\x9d\n"
    parsed, entries, problems = read(data)
    assert entries == [] and parsed.format is None
    assert problems[0].line == 2 and "UTF-8" in problems[0].message


def test_it_refuses_an_old_xls_workbook_and_an_empty_file():
    assert "xls" in read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)[2][0].message
    assert read(b"")[2][0].line == 1


# --- headers and layouts ---------------------------------------------------------------------


def test_vietnamese_headers_with_diacritics_are_the_same_columns():
    assert normalise_header("Mã đơn vị") == "ma_don_vi"
    assert normalise_header(" Giá trị ") == "gia_tri"
    assert normalise_header("Kỳ báo cáo") == "ky_bao_cao"
    data = csv_bytes([["Mã đơn vị", "Mã chỉ tiêu", "Kỳ báo cáo", "Giá trị", "Tử số", "Mẫu số"],
                      ["001", "trained_rate", "2024", "50", "10", "20"]])
    _parsed, entries, problems = read(data)
    assert problems == []
    assert (entries[0].numerator, entries[0].denominator) == ("10", "20")


def test_english_headers_work_too():
    _parsed, entries, problems = read(csv_bytes([LONG_EN, ["001", "enrol_total", "2024", "5"]]))
    assert problems == [] and entries[0].value == "5"


def test_a_wide_file_gives_one_entry_per_filled_indicator_cell():
    data = csv_bytes([
        ["ma_don_vi", "ten_don_vi", "enrol_total", "trained_rate"],
        ["001", "Quận Ba Đình", "1200", "74,2"],
        ["006", "Quận Đống Đa", "", "80"],
    ])
    parsed, entries, problems = read(data, period="2024")
    assert problems == [] and parsed.layout.kind == "wide"
    assert [(e.line, e.unit_code, e.indicator, e.period, e.value_column) for e in entries] == [
        (2, "001", "enrol_total", "2024", "enrol_total"),
        (2, "001", "trained_rate", "2024", "trained_rate"),
        (3, "006", "trained_rate", "2024", "trained_rate"),
    ]


def test_a_wide_file_needs_a_period_column_or_a_period_for_the_file():
    data = csv_bytes([["ma_don_vi", "enrol_total"], ["001", "1200"]])
    _parsed, entries, problems = read(data)
    assert entries == [] and "period" in problems[0].message


def test_a_wide_file_with_a_period_column_reads_it_per_row():
    data = csv_bytes([["Đơn vị", "ky_bao_cao", "enrol_total"], ["Ba Đình", "2024S1", "600"]])
    _parsed, entries, problems = read(data)
    assert problems == []
    assert (entries[0].unit_name, entries[0].period) == ("Ba Đình", "2024S1")


def test_an_unknown_column_of_a_wide_file_is_named():
    data = csv_bytes([["ma_don_vi", "enrol_totl"], ["001", "1"]])
    _parsed, _entries, problems = read(data, period="2024")
    assert problems[0].column == "enrol_totl" and problems[0].line == 1


def test_a_long_file_without_a_value_column_is_refused_at_its_header():
    data = csv_bytes([["ma_don_vi", "ma_chi_tieu", "ky_bao_cao"], ["001", "enrol_total", "2024"]])
    _parsed, entries, problems = read(data)
    assert entries == [] and problems[0].line == 1 and "gia_tri" in problems[0].message


def test_title_rows_above_the_header_are_skipped():
    data = csv_bytes([
        ["BÁO CÁO KẾT QUẢ GIÁO DỤC NGHỀ NGHIỆP", "", "", ""],
        [],
        LONG_VI,
        ["001", "enrol_total", "2024", "1200"],
    ], delimiter=";")
    parsed, entries, problems = read(data)
    assert problems == [] and parsed.layout.header_line == 3 and entries[0].line == 4


def test_a_unit_name_written_in_the_code_column_is_read_as_a_name():
    data = csv_bytes([LONG_VI, ["ba dinh", "enrol_total", "2024", "1"]])
    _parsed, entries, _problems = read(data)
    assert (entries[0].unit_code, entries[0].unit_name) == ("", "ba dinh")


# --- XLSX ---------------------------------------------------------------------


def test_it_streams_an_xlsx_workbook_with_number_cells():
    data = xlsx_bytes([LONG_VI, [1, "enrol_total", 2024, 1400], ["00004", "trained_rate", "2024",
                                                                   74.2]])
    parsed, entries, problems = read(data)
    assert problems == [] and parsed.format.kind == "xlsx"
    assert [(e.unit_code, e.period, e.value) for e in entries] == [
        ("1", "2024", 1400),
        ("00004", "2024", 74.2),
    ]


def test_a_percentage_cell_of_a_workbook_is_read_in_percent():
    data = xlsx_bytes([LONG_VI, ["001", "trained_rate", "2024", 0.742]], percent_columns=(3,))
    _parsed, entries, _problems = read(data)
    assert entries[0].value == Decimal("74.2")


def test_a_damaged_workbook_is_a_message_not_a_crash():
    data = xlsx_bytes([LONG_VI])[:200]
    _parsed, entries, problems = read(data)
    assert entries == [] and problems[0].line == 1


# --- numbers ---------------------------------------------------------------------


def test_the_file_decides_the_decimal_mark():
    marks = DecimalMarks()
    for cell in ("1200", "74,2"):
        assert marks.observe(cell) is None
    assert marks.mark == ","
    assert marks.read("1.400") == Decimal(1400)
    english = DecimalMarks()
    english.observe("74.2")
    assert english.read("1,400") == Decimal(1400)


def test_a_value_that_stays_ambiguous_is_refused_with_a_message_that_says_so():
    with translation.override("en"), pytest.raises(AmbiguousNumberError, match="ambiguous"):
        DecimalMarks().read("1.400")


def test_a_file_mixing_decimal_marks_is_told_where():
    marks = DecimalMarks()
    assert marks.observe("74,2") is None
    message = marks.observe("80.5")
    assert message and "74,2" in message and "80.5" in message


def test_a_word_is_not_a_number():
    with pytest.raises(NumberError):
        DecimalMarks().read("khoảng 50")


# --- robustness ---------------------------------------------------------------------


def _check_never_crashes(data: bytes, period: str = "") -> None:
    parsed = open_file(io.BytesIO(data), indicator_codes=CODES, default_period=period)
    marks = DecimalMarks()
    for item in [*parsed.problems, *parsed.entries()]:
        assert item.line >= 1
        if isinstance(item, Problem):
            assert item.message
            continue
        for cell in (item.value, item.numerator, item.denominator):
            marks.observe(cell)
            try:
                marks.read(cell)
            except NumberError as error:
                assert str(error)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_crash_the_reader(data):
    _check_never_crashes(data)


_header = st.lists(
    st.sampled_from([*LONG_VI, *LONG_EN, "tu_so", "mau_so", "ghi_chu", "enrol_total",
                     "trained_rate", "Đơn vị", "", "x"]),
    min_size=1, max_size=7,
)
_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["1.400", "74,2", "1,400", "001", "1", "2024", "2024S1", "-5", "1e9", "∞"]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=_header,
    rows=st.lists(st.lists(_cell, max_size=8), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    period=st.sampled_from(["", "2024"]),
)
def test_arbitrary_headers_and_cells_never_crash_the_reader(header, rows, delimiter, encoding,
                                                           period):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows([header, *rows])
    _check_never_crashes(text.getvalue().encode(encoding), period)


def test_the_windows_1258_helper_writes_combining_tone_marks():
    assert to_cp1258("ệ") == "ê".encode("cp1258") + "\u0323".encode("cp1258")
