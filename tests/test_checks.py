from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from reports.checks import (
    Issue,
    check_components,
    check_jump,
    check_of_which,
    check_value,
)
from targets.operators import IndicatorKind

D = Decimal
COUNT, RATE, LEVEL = IndicatorKind.COUNT, IndicatorKind.RATE, IndicatorKind.LEVEL

# Dị Sử 2023: college, intermediate and elementary enrolment, and the reported total.
DI_SU_2023 = {
    "enrol_college": D(1700),
    "enrol_intermediate": D(4200),
    "enrol_elementary": D(56600),
}
DI_SU_2023_TOTAL = D(62750)


def _codes(issues: list[Issue]) -> list[str]:
    return [issue.code for issue in issues]


# --- check_value --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value"),
    [(COUNT, "62750"), (COUNT, "0"), (LEVEL, "26"), (RATE, "0"), (RATE, "86.2"), (RATE, "100")],
)
def test_good_values_pass(kind, value):
    assert check_value(kind=kind, value=D(value)) == []


@pytest.mark.parametrize(
    ("kind", "value", "codes"),
    [
        (COUNT, "-5", ["negative"]),
        (COUNT, "1400.5", ["not_whole"]),
        (COUNT, "-0.5", ["negative", "not_whole"]),
        (LEVEL, "2.5", ["not_whole"]),
        (RATE, "100.1", ["rate_out_of_range"]),
        (RATE, "-1", ["rate_out_of_range"]),
    ],
)
def test_bad_values_are_errors(kind, value, codes):
    issues = check_value(kind=kind, value=D(value), field="gia_tri")
    assert _codes(issues) == codes
    assert all(issue.level == "error" and issue.is_error for issue in issues)
    assert all(issue.field == "gia_tri" for issue in issues)


def test_a_rate_that_matches_its_numerator_and_denominator_passes():
    assert check_value(kind=RATE, value=D("33.3"), numerator=D(40), denominator=D(120)) == []
    assert check_value(kind=RATE, value=D("33.38"), numerator=D(40), denominator=D(120)) == []


def test_a_rate_that_does_not_match_is_an_error():
    with translation.override("en"):
        issues = check_value(kind=RATE, value=D("33.4"), numerator=D(40), denominator=D(120))
    assert _codes(issues) == ["rate_mismatch"]
    assert "does not match" in issues[0].message
    assert "33.33" in issues[0].message


def test_a_numerator_above_its_denominator_is_an_error():
    issues = check_value(kind=RATE, value=D(50), numerator=D(130), denominator=D(120))
    assert _codes(issues) == ["numerator_above_denominator"]


def test_negative_numerators_and_denominators_are_errors():
    issues = check_value(kind=RATE, value=None, numerator=D(-1), denominator=D(-2))
    assert _codes(issues) == ["negative_numerator", "negative_denominator"]


def test_a_zero_denominator_is_not_compared():
    assert check_value(kind=RATE, value=D(0), numerator=D(0), denominator=D(0)) == []


def test_messages_show_numbers_in_the_active_language():
    with translation.override("vi"):
        (issue,) = check_value(kind=COUNT, value=D("1400.5"))
    assert "1.400,5" in issue.message


# --- check_components ---------------------------------------------------------------------


def test_di_su_2023_components_do_not_add_up():
    with translation.override("en"):
        (issue,) = check_components(total=DI_SU_2023_TOTAL, parts=DI_SU_2023, field="enrol_total")
    assert issue == Issue(
        level="warning",
        code="components_mismatch",
        message="components add up to 62,500, the total says 62,750 (difference 250)",
        field="enrol_total",
    )


def test_di_su_2023_in_vietnamese_notation():
    with translation.override("vi"):
        (issue,) = check_components(total=DI_SU_2023_TOTAL, parts=DI_SU_2023, field="enrol_total")
    # Holds once the message is translated too: only the words change.
    assert "62.500" in issue.message
    assert "62.750" in issue.message
    assert issue.message.rstrip(")").endswith(" 250")


def test_components_that_add_up_pass():
    assert check_components(total=D(62500), parts=DI_SU_2023, field="enrol_total") == []


def test_a_component_above_the_total_shows_a_positive_difference():
    with translation.override("en"):
        (issue,) = check_components(total=D(62000), parts=DI_SU_2023)
    assert issue.message.endswith("(difference 500)")


def test_missing_components_or_total_are_not_compared():
    parts = {**DI_SU_2023, "enrol_college": None}
    assert check_components(total=DI_SU_2023_TOTAL, parts=parts, field="enrol_total") == []
    assert check_components(total=None, parts=DI_SU_2023, field="enrol_total") == []
    assert check_components(total=DI_SU_2023_TOTAL, parts={}, field="enrol_total") == []


# --- check_of_which ----------------------------------------------------------------------


def test_an_of_which_part_above_its_whole_is_a_warning():
    issues = check_of_which(whole=D(56600), part=D(56700), field="enrol_support_demobilized")
    assert _codes(issues) == ["of_which_above_whole"]
    assert issues[0].level == "warning"


def test_an_of_which_part_up_to_its_whole_passes():
    assert check_of_which(whole=D(56600), part=D(56600), field="x") == []
    assert check_of_which(whole=None, part=D(5), field="x") == []
    assert check_of_which(whole=D(5), part=None, field="x") == []


# --- check_jump ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "last_year", "jumps"),
    [
        ("62750", "20000", True),
        ("60000", "20000", False),
        ("6666", "20000", True),
        ("6667", "20000", False),
        ("5", "0", False),
        ("0", "20000", True),
    ],
)
def test_a_jump_from_last_year_is_a_warning(value, last_year, jumps):
    issues = check_jump(value=D(value), last_year=D(last_year), field="enrol_total")
    assert bool(issues) is jumps
    assert all(issue.code == "jump" and issue.level == "warning" for issue in issues)


def test_a_jump_message_names_both_years_values():
    with translation.override("en"):
        (issue,) = check_jump(value=D(62750), last_year=D(20000))
    assert issue.message == "62,750 is more than three times last year's 20,000"


def test_no_last_year_no_jump():
    assert check_jump(value=D(5), last_year=None) == []
    assert check_jump(value=None, last_year=D(5)) == []
