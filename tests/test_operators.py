from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format
from hypothesis import given
from hypothesis import strategies as st

from targets.operators import (
    IndicatorKind,
    Operator,
    Outcome,
    ParsedTarget,
    WordingError,
    achievement,
    describe,
    evaluate,
    is_met,
    parse_wording,
    wording_unit,
)

D = Decimal
COUNT, RATE, LEVEL = IndicatorKind.COUNT, IndicatorKind.RATE, IndicatorKind.LEVEL


# --- parse_wording -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "operator", "value", "high", "percent"),
    [
        ("trên 86,2", Operator.GT, "86.2", None, False),
        ("trên 86,2%", Operator.GT, "86.2", None, True),
        ("Trên 86,2%", Operator.GT, "86.2", None, True),
        ("tren 86,2", Operator.GT, "86.2", None, False),
        ("TRÊN 86.2%", Operator.GT, "86.2", None, True),
        ("khoảng 33%", Operator.APPROX, "33", None, True),
        ("khoảng 1.400", Operator.APPROX, "1400", None, False),
        ("khoang 1.400 nguoi", Operator.APPROX, "1400", None, False),
        ("40-45", Operator.RANGE, "40", "45", False),
        ("40–45%", Operator.RANGE, "40", "45", True),
        ("từ 40 đến 45%", Operator.RANGE, "40", "45", True),
        ("tu 40 den 45%", Operator.RANGE, "40", "45", True),
        ("40% - 45%", Operator.RANGE, "40", "45", True),
        ("đạt 100%", Operator.GTE, "100", None, True),
        ("100%", Operator.GTE, "100", None, True),
        ("ít nhất 30%", Operator.GTE, "30", None, True),
        ("tối thiểu 30%", Operator.GTE, "30", None, True),
        ("từ 72,2%", Operator.GTE, "72.2", None, True),
        ("≥ 30%", Operator.GTE, "30", None, True),
        (">= 30", Operator.GTE, "30", None, False),
        ("30% trở lên", Operator.GTE, "30", None, True),
        ("không dưới 30%", Operator.GTE, "30", None, True),
        ("không quá 5%", Operator.LTE, "5", None, True),
        ("tối đa 5%", Operator.LTE, "5", None, True),
        ("≤ 5", Operator.LTE, "5", None, False),
        ("<= 5", Operator.LTE, "5", None, False),
        ("dưới 5%", Operator.LT, "5", None, True),
        ("< 5", Operator.LT, "5", None, False),
        ("> 92", Operator.GT, "92", None, False),
        (">92", Operator.GT, "92", None, False),
        ("bằng 26", Operator.EQ, "26", None, False),
        ("= 26", Operator.EQ, "26", None, False),
        ("235.000", Operator.GTE, "235000", None, False),
        ("74,2", Operator.GTE, "74.2", None, False),
        ("1.234.567,5", Operator.GTE, "1234567.5", None, False),
        ("đạt trên 86,2% lao động", Operator.GT, "86.2", None, True),
        ("Tuyển sinh 235.000 người", Operator.GTE, "235000", None, False),
        ("tăng lên 30%", Operator.GTE, "30", None, True),
        ("giảm xuống 5%", Operator.LTE, "5", None, True),
        ("giảm xuống dưới 5%", Operator.LT, "5", None, True),
        # Orders of magnitude written in words, once for a range's both ends.
        ("40-45 nghìn lượt người", Operator.RANGE, "40000", "45000", False),
        ("từ 40 đến 45 nghìn", Operator.RANGE, "40000", "45000", False),
        ("khoảng 5 ngàn", Operator.APPROX, "5000", None, False),
        ("2,5 triệu người", Operator.GTE, "2500000", None, False),
        ("2 triệu - 2,5 triệu", Operator.RANGE, "2000000", "2500000", False),
        ("10 nghìn trở lên", Operator.GTE, "10000", None, False),
        ("5.000 ngắn hạn", Operator.GTE, "5000", None, False),  # short courses, not 1.000
        ("2.000 ngắn ngày", Operator.GTE, "2000", None, False),
        ("5 nghìn người trở xuống", Operator.LTE, "5000", None, False),
    ],
)
def test_it_reads_wording(text, operator, value, high, percent):
    expected = ParsedTarget(operator, D(value), D(high) if high else None, percent)
    assert parse_wording(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "không có số", "45-40%", "40 và 45", "1 2 3", "1,2,3", "1.2.3", "86.2,5",
        "giảm 5%", "tăng thêm 10%", "40 nghìn - 45",
    ],
)
def test_it_refuses_what_it_cannot_read(text):
    with pytest.raises(WordingError):
        parse_wording(text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("235.000 lượt người", "lượt người"),
        ("40-45 nghìn (lượt người)", "lượt người"),
        ("đạt 26 cơ sở.", "cơ sở"),
        ("03-05 ngành, nghề", "ngành, nghề"),
        ("235.000", ""),
        ("trên 86,2%", ""),
        ("92% trở lên", ""),
        ("khoảng 5 ngàn", ""),
        ("70 phần trăm", ""),
        ("5 nghìn người trở xuống", "người"),
    ],
)
def test_it_finds_the_unit_a_wording_prints(text, unit):
    assert wording_unit(text) == unit


def test_it_explains_a_refusal_in_the_active_language():
    with translation.override("en"), pytest.raises(WordingError, match="not a target wording"):
        parse_wording("không có số")


def test_it_refuses_an_inverted_range():
    with translation.override("en"), pytest.raises(WordingError, match="lower end"):
        parse_wording("từ 45 đến 40%")


@given(
    st.decimals(
        min_value=0, max_value=D("9999999.99"), places=2, allow_nan=False, allow_infinity=False
    )
)
def test_it_reads_back_any_vietnamese_number(value):
    with translation.override("vi"):
        shown = number_format(value, use_l10n=True, force_grouping=True)
    assert parse_wording(f"trên {shown}") == ParsedTarget(Operator.GT, value, None, False)


# --- describe ---------------------------------------------------------------------------------


def test_it_describes_in_vietnamese_notation():
    with translation.override("vi"):
        assert "86,2 %" in describe(Operator.GT, D("86.2"), None, "%")
        assert "1.400 người" in describe(Operator.APPROX, D("1400"), None, "người")
        assert describe(Operator.RANGE, D(40), D(45), "%") == "40–45 %"


@pytest.mark.parametrize(
    ("operator", "value", "high", "unit", "text"),
    [
        (Operator.GT, "86.2", None, "%", "greater than 86.2 %"),
        (Operator.GTE, "235000", None, "", "at least 235,000"),
        (Operator.APPROX, "1400", None, "persons", "about 1,400 persons"),
        (Operator.RANGE, "40", "45", "%", "40–45 %"),
        (Operator.LTE, "5", None, "%", "at most 5 %"),
        (Operator.LT, "5.00", None, "%", "less than 5 %"),
        (Operator.EQ, "26", None, "", "equal to 26"),
    ],
)
def test_it_describes_in_english(operator, value, high, unit, text):
    with translation.override("en"):
        assert describe(operator, D(value), D(high) if high else None, unit) == text


# --- evaluate -----------------------------------------------------------------------------------


def _outcome(operator, value, actual, kind=RATE, high=None, **kwargs):
    return evaluate(
        operator=operator,
        value=D(value),
        value_high=D(high) if high else None,
        actual=D(actual),
        kind=kind,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("operator", "value", "high", "actual", "kind", "outcome"),
    [
        (Operator.GT, "80", None, "80.0", RATE, Outcome.NOT_MET),
        (Operator.GTE, "80", None, "80.0", RATE, Outcome.MET),
        (Operator.GT, "80", None, "80.1", RATE, Outcome.MET),
        (Operator.GTE, "80", None, "79.9", RATE, Outcome.NOT_MET),
        (Operator.APPROX, "33", None, "32.1", RATE, Outcome.MET),
        (Operator.APPROX, "33", None, "32", RATE, Outcome.MET),
        (Operator.APPROX, "33", None, "31.9", RATE, Outcome.NOT_MET),
        (Operator.APPROX, "1400", None, "1360", COUNT, Outcome.MET),
        (Operator.APPROX, "1400", None, "1350", COUNT, Outcome.NOT_MET),
        (Operator.APPROX, "100", None, "97", LEVEL, Outcome.MET),
        (Operator.APPROX, "100", None, "96", LEVEL, Outcome.NOT_MET),
        (Operator.RANGE, "40", "45", "47", RATE, Outcome.EXCEEDED),
        (Operator.RANGE, "40", "45", "45", RATE, Outcome.MET),
        (Operator.RANGE, "40", "45", "42", RATE, Outcome.MET),
        (Operator.RANGE, "40", "45", "40", RATE, Outcome.MET),
        (Operator.RANGE, "40", "45", "39", RATE, Outcome.NOT_MET),
        (Operator.LTE, "5", None, "5", RATE, Outcome.MET),
        (Operator.LTE, "5", None, "5.1", RATE, Outcome.NOT_MET),
        (Operator.LT, "5", None, "4.9", RATE, Outcome.MET),
        (Operator.LT, "5", None, "5", RATE, Outcome.NOT_MET),
        (Operator.EQ, "26", None, "26", LEVEL, Outcome.MET),
        (Operator.EQ, "26", None, "25", LEVEL, Outcome.NOT_MET),
        (Operator.EQ, "26", None, "27", LEVEL, Outcome.NOT_MET),
    ],
)
def test_it_evaluates_higher_is_better(operator, value, high, actual, kind, outcome):
    assert _outcome(operator, value, actual, kind, high) is outcome


@pytest.mark.parametrize(
    ("operator", "value", "high", "actual", "outcome"),
    [
        (Operator.GTE, "5", None, "5", Outcome.MET),
        (Operator.GTE, "5", None, "5.1", Outcome.NOT_MET),
        (Operator.GT, "5", None, "4.9", Outcome.MET),
        (Operator.GT, "5", None, "5", Outcome.NOT_MET),
        (Operator.APPROX, "5", None, "6", Outcome.MET),
        (Operator.APPROX, "5", None, "6.1", Outcome.NOT_MET),
        (Operator.RANGE, "3", "5", "2", Outcome.EXCEEDED),
        (Operator.RANGE, "3", "5", "4", Outcome.MET),
        (Operator.RANGE, "3", "5", "5", Outcome.MET),
        (Operator.RANGE, "3", "5", "6", Outcome.NOT_MET),
        (Operator.LTE, "5", None, "5", Outcome.MET),
        (Operator.LTE, "5", None, "6", Outcome.NOT_MET),
        (Operator.LT, "5", None, "4", Outcome.MET),
        (Operator.LT, "5", None, "5", Outcome.NOT_MET),
        (Operator.EQ, "5", None, "5", Outcome.MET),
        (Operator.EQ, "5", None, "4", Outcome.NOT_MET),
    ],
)
def test_it_mirrors_lower_is_better(operator, value, high, actual, outcome):
    assert _outcome(operator, value, actual, RATE, high, higher_is_better=False) is outcome


def test_it_takes_an_explicit_tolerance():
    assert _outcome(Operator.APPROX, "1400", "1300", COUNT, tolerance=D(100)) is Outcome.MET
    assert _outcome(Operator.APPROX, "33", "32.5", RATE, tolerance=D(0)) is Outcome.NOT_MET


def test_it_accepts_stored_strings():
    outcome = evaluate(
        operator="gt", value=D(80), value_high=None, actual=D(81), kind="rate"
    )
    assert outcome is Outcome.MET


def test_a_range_needs_its_high_end():
    with pytest.raises(ValueError):
        _outcome(Operator.RANGE, "40", "42", RATE)


def test_exceeded_counts_as_met():
    assert is_met(Outcome.MET)
    assert is_met(Outcome.EXCEEDED)
    assert not is_met(Outcome.NOT_MET)


# --- achievement ------------------------------------------------------------------------------


def test_achievement_of_a_count_is_a_ratio():
    assert achievement(kind=COUNT, target=D(1400), actual=D(1050)) == D("0.75")
    assert achievement(kind=LEVEL, target=D(20), actual=D(25)) == D("1.25")


def test_achievement_of_a_rate_is_in_points():
    assert achievement(kind=RATE, target=D("86.2"), actual=D("84.7")) == D("-1.5")


def test_achievement_is_none_without_actual_or_with_a_zero_count_target():
    assert achievement(kind=COUNT, target=D(1400), actual=None) is None
    assert achievement(kind=COUNT, target=D(0), actual=D(5)) is None
    assert achievement(kind=RATE, target=D(0), actual=D(5)) == D(5)
