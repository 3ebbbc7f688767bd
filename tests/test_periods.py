from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from reports.periods import Period, PeriodError, PeriodKind

D = Decimal


@pytest.mark.parametrize(
    ("text", "kind", "index", "code"),
    [
        ("2024", PeriodKind.YEAR, 0, "2024"),
        ("2024S1", PeriodKind.HALF, 1, "2024S1"),
        ("2024s2", PeriodKind.HALF, 2, "2024S2"),
        ("2024Q3", PeriodKind.QUARTER, 3, "2024Q3"),
        ("2024q4", PeriodKind.QUARTER, 4, "2024Q4"),
        ("2024M07", PeriodKind.MONTH, 7, "2024M07"),
        ("2024M7", PeriodKind.MONTH, 7, "2024M07"),
        ("2024m12", PeriodKind.MONTH, 12, "2024M12"),
        (" 2024Q1 ", PeriodKind.QUARTER, 1, "2024Q1"),
    ],
)
def test_it_parses_codes(text, kind, index, code):
    period = Period.parse(text)
    assert (period.year, period.kind, period.index) == (2024, kind, index)
    assert str(period) == code


@pytest.mark.parametrize(
    "text",
    ["", "24", "20245", "2024S3", "2024S0", "2024Q5", "2024Q0", "2024M13", "2024M00",
     "2024X1", "2024-Q1", "Q3 2024", "1999", "2101", "năm 2024"],
)
def test_it_refuses_other_text(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_the_refusal_says_how_to_write_a_period():
    with translation.override("en"), pytest.raises(PeriodError, match="2024Q3"):
        Period.parse("Q3/2024")


def test_it_accepts_the_bounds_of_the_years():
    assert str(Period.parse("2000")) == "2000"
    assert str(Period.parse("2100M12")) == "2100M12"


def test_it_is_a_value():
    assert Period.parse("2024Q3") == Period(2024, PeriodKind.QUARTER, 3)
    assert Period(2024, "quarter", 3) == Period(2024, PeriodKind.QUARTER, 3)
    assert Period(2024) == Period(2024, PeriodKind.YEAR, 0)
    assert len({Period.parse("2024M07"), Period.parse("2024M7")}) == 1


def test_it_orders_within_one_kind():
    codes = ["2024M10", "2023M12", "2024M02", "2024M09"]
    assert [str(p) for p in sorted(Period.parse(c) for c in codes)] == [
        "2023M12", "2024M02", "2024M09", "2024M10",
    ]


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024S1", date(2024, 1, 1), date(2024, 6, 30)),
        ("2024S2", date(2024, 7, 1), date(2024, 12, 31)),
        ("2024Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024M02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023M02", date(2023, 2, 1), date(2023, 2, 28)),
        ("2024M07", date(2024, 7, 1), date(2024, 7, 31)),
    ],
)
def test_it_knows_its_dates(code, start, end):
    period = Period.parse(code)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("code", "share"),
    [
        ("2024", D(1)),
        ("2024S1", D("0.5")),
        ("2024S2", D(1)),
        ("2024Q1", D("0.25")),
        ("2024Q3", D("0.75")),
        ("2024M07", D(7) / D(12)),
        ("2024M12", D(1)),
    ],
)
def test_elapsed_share(code, share):
    assert Period.parse(code).elapsed_share == share


def test_only_a_year_is_annual():
    assert Period.parse("2024").is_annual
    assert not Period.parse("2024S2").is_annual
    assert not Period.parse("2024M12").is_annual
    assert Period.parse("2024Q3").annual() == Period(2024)


@pytest.mark.parametrize(
    ("code", "last_year", "previous"),
    [
        ("2024", "2023", "2023"),
        ("2024S1", "2023S1", "2023S2"),
        ("2024S2", "2023S2", "2024S1"),
        ("2024Q1", "2023Q1", "2023Q4"),
        ("2024Q3", "2023Q3", "2024Q2"),
        ("2024M01", "2023M01", "2023M12"),
        ("2024M07", "2023M07", "2024M06"),
    ],
)
def test_neighbours(code, last_year, previous):
    period = Period.parse(code)
    assert str(period.same_period_last_year()) == last_year
    assert str(period.previous()) == previous


def test_there_is_nothing_before_2000():
    with pytest.raises(PeriodError):
        Period.parse("2000Q1").same_period_last_year()


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2024", "Year 2024"),
        ("2024S1", "First half of 2024"),
        ("2024S2", "Second half of 2024"),
        ("2024Q3", "Q3 2024"),
        ("2024M07", "Month 7/2024"),
    ],
)
def test_labels_in_english(code, label):
    with translation.override("en"):
        assert Period.parse(code).label() == label


def test_labels_do_not_group_the_year():
    with translation.override("vi"):
        assert "2024" in Period.parse("2024").label()
        assert "2.024" not in Period.parse("2024").label()


@pytest.mark.parametrize(
    ("code", "vietnamese", "english"),
    [
        ("2024", "năm 2024", "year 2024"),
        ("2026S1", "6 tháng đầu năm 2026", "first half of 2026"),
        ("2024Q3", "quý 3/2024", "Q3 2024"),
        ("2024M07", "tháng 7/2024", "month 7/2024"),
    ],
)
def test_a_period_reads_as_words_inside_a_sentence(code, vietnamese, english):
    with translation.override("vi"):
        assert Period.parse(code).phrase() == vietnamese
    with translation.override("en"):
        assert Period.parse(code).phrase() == english
