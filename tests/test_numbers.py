from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format
from hypothesis import given
from hypothesis import strategies as st

from districts.formatting import number as format_number
from reports.numbers import (
    AmbiguousNumberError,
    NumberError,
    detect_decimal_mark,
    parse_number,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.400", "1400"),
        ("74,2", "74.2"),
        ("1.234.567,5", "1234567.5"),
        ("1400", "1400"),
        ("62.750", "62750"),
        (" 1.400 ", "1400"),
        ("1\u00a0400", "1400"),
        ("86,2%", "86.2"),
        ("86,2 %", "86.2"),
        ("-5", "-5"),
        ("0,125", "0.125"),
        ("74.25", "74.25"),
        ("1,234.5", "1234.5"),
    ],
)
def test_it_reads_vietnamese_notation(text, value):
    assert parse_number(text) == D(value)
    assert parse_number(text, decimal_mark=",") == D(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,400", "1400"),
        ("74.2", "74.2"),
        ("1,234,567.5", "1234567.5"),
        ("1.400", "1.4"),
        ("74,2", "74.2"),
        ("1.234,5", "1234.5"),
    ],
)
def test_it_reads_english_notation(text, value):
    assert parse_number(text, decimal_mark=".") == D(value)


def test_the_decimal_mark_settles_one_separator_before_three_digits():
    assert parse_number("1,400", decimal_mark=",") == D("1.4")
    assert parse_number("1,400", decimal_mark=".") == D(1400)


@pytest.mark.parametrize("text", ["1.400", "1,400", "-1.400", "12,500 %", "999.999"])
def test_without_a_decimal_mark_it_refuses_an_ambiguous_value(text):
    with translation.override("en"), pytest.raises(AmbiguousNumberError, match="ambiguous"):
        parse_number(text, decimal_mark=None)


def test_the_ambiguity_message_says_how_to_fix_it():
    with translation.override("en"), pytest.raises(AmbiguousNumberError) as caught:
        parse_number("1.400", decimal_mark=None)
    assert "“1.400”" in str(caught.value)
    assert "1400" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1400", "1400"),
        ("74,2", "74.2"),
        ("74.25", "74.25"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("1.234,5", "1234.5"),
        ("0.400", "0.4"),
        ("1234,567", "1234.567"),
    ],
)
def test_without_a_decimal_mark_unambiguous_values_are_read(text, value):
    assert parse_number(text, decimal_mark=None) == D(value)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "1.40.0", "1,2,3", "abc", "12a", "1..4", ".5", "5.", "1.234,5.6", "--5", "%",
     "NaN", "Infinity", "1e5", "١٢"],
)
def test_it_refuses_what_is_not_a_number(text):
    with pytest.raises(NumberError):
        parse_number(text)


def test_the_refusal_quotes_the_text():
    with translation.override("en"), pytest.raises(NumberError, match="“1.40.0” is not a number"):
        parse_number("1.40.0")
    with translation.override("en"), pytest.raises(NumberError, match="Enter a number"):
        parse_number(" ")


def test_it_takes_spreadsheet_numbers_as_they_are():
    assert parse_number(1400) == D(1400)
    assert parse_number(74.2) == D("74.2")
    assert parse_number(D("62750")) == D(62750)
    with pytest.raises(NumberError):
        parse_number(float("nan"))
    with pytest.raises(NumberError):
        parse_number(True)


@pytest.mark.parametrize(
    ("cells", "mark"),
    [
        (["1.400", "74,2", "1400"], ","),
        (["1.234,5"], ","),
        (["1.234.567", "12"], ","),
        (["1,400", "74.25"], "."),
        (["1,234,567"], "."),
        (["1.400", "1400", "", "abc", None, 12], None),
        ([], None),
    ],
)
def test_it_detects_the_decimal_mark_of_a_file(cells, mark):
    assert detect_decimal_mark(cells) == mark


def test_a_file_mixing_both_marks_is_refused():
    with translation.override("en"), pytest.raises(NumberError, match="mixes"):
        detect_decimal_mark(["74,2", "1.400", "86.25"])


def test_format_number_uses_the_active_language():
    with translation.override("vi"):
        assert format_number(D("62500")) == "62.500"
        assert format_number(D("86.20")) == "86,2"
    with translation.override("en"):
        assert format_number(D("62500")) == "62,500"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_vietnamese_integers_round_trip(number):
    with translation.override("vi"):
        shown = number_format(D(number), use_l10n=True, force_grouping=True)
    assert parse_number(shown, decimal_mark=",") == number


@given(st.integers(min_value=-(10**11), max_value=10**11))
def test_vietnamese_one_decimal_values_round_trip(tenths):
    value = D(tenths).scaleb(-1)
    with translation.override("vi"):
        shown = number_format(value, use_l10n=True, force_grouping=True)
    assert parse_number(shown, decimal_mark=",") == value


@given(st.text())
def test_arbitrary_text_raises_nothing_but_number_error(text):
    for mark in (",", ".", None):
        with contextlib.suppress(NumberError):
            parse_number(text, decimal_mark=mark)


@given(st.lists(st.text(alphabet="0123456789.,-% ", max_size=12), max_size=8))
def test_detection_raises_nothing_but_number_error(cells):
    with contextlib.suppress(NumberError):
        detect_decimal_mark(cells)
