"""The rules every write path calls, as pure functions with literal values: who may write a
report in which state, what must be filled before it is handed in, and how a value is
read into what the database keeps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reports.values import LIMIT, TooLargeError, check_amounts, stored_number
from reports.workflow import Lock, State, missing_before_submit, unanswered_warnings, write_lock


@pytest.mark.parametrize(
    ("state", "manages", "lock"),
    [
        (None, False, None),  # no report yet: anyone who reports for the unit
        (State.DRAFT, False, None),
        (State.RETURNED, False, None),
        (State.SUBMITTED, False, Lock.SUBMITTED),  # the reporter waits for review
        (State.SUBMITTED, True, None),  # the reviewing officer may correct it
        (State.APPROVED, False, Lock.APPROVED),
        (State.APPROVED, True, Lock.APPROVED),  # approved locks everyone
    ],
)
def test_it_locks_a_report_by_its_state_and_the_writers_role(state, manages, lock):
    assert write_lock(state, manages=manages) is lock


def test_a_report_misses_the_indicators_with_a_target_and_no_value():
    required = {"enrol_total", "graduates_attracted", "trained_rate"}
    assert missing_before_submit(required=required, filled={"enrol_total"}) == {
        "graduates_attracted", "trained_rate"}
    assert missing_before_submit(required=required, filled=required | {"institutions"}) == set()


def test_a_warning_needs_a_note_that_is_not_blank():
    notes = {"enrol_total": "200 người học liên thông.", "enrol_college": "  "}
    assert unanswered_warnings(warned=["enrol_total", "enrol_college", "jump"], notes=notes) == {
        "enrol_college", "jump"}


def test_the_limit_is_checked_after_rounding():
    assert stored_number(Decimal("999999999999.9999")) == Decimal("999999999999.9999")
    # Rounds up to 1.000.000.000.000, which numeric(16, 4) cannot hold.
    with pytest.raises(TooLargeError):
        stored_number(Decimal("999999999999.99995"))
    with pytest.raises(TooLargeError):
        stored_number(-LIMIT)
    with pytest.raises(TooLargeError):  # far beyond what the decimal context can round
        stored_number(Decimal("1E+30"))
    assert stored_number(Decimal("74.24999")) == Decimal("74.2500")


def test_a_rate_given_by_its_parts_gets_its_value():
    amounts, issues = check_amounts(kind="rate", value=None, numerator=Decimal(742),
                                    denominator=Decimal(1000))
    assert issues == [] and amounts.value == Decimal("74.20")


@pytest.mark.parametrize(
    ("kind", "value", "numerator", "denominator", "code", "part"),
    [
        ("count", Decimal(1400), Decimal(1), None, "parts", "numerator"),
        ("rate", None, Decimal(5), None, "parts", "numerator"),
        ("rate", None, Decimal(5), Decimal(0), "parts", "denominator"),
        ("rate", None, Decimal(20), Decimal(10), "numerator_above_denominator", "numerator"),
        ("count", Decimal("2.75"), None, None, "not_whole", "value"),
        ("count", Decimal(-5), None, None, "negative", "value"),
        ("rate", Decimal("101.5"), None, None, "rate_out_of_range", "value"),
    ],
)
def test_a_value_that_breaks_a_rule_names_the_part_it_is_about(kind, value, numerator,
                                                                denominator, code, part):
    amounts, issues = check_amounts(kind=kind, value=value, numerator=numerator,
                                    denominator=denominator)
    assert amounts is None
    assert (issues[0].code, issues[0].field) == (code, part)


def test_a_blank_value_is_allowed_to_clear_a_row():
    assert check_amounts(kind="count", value=None) == (check_amounts(kind="count",
                                                                     value=None)[0], [])
    assert check_amounts(kind="count", value=None)[0].value is None
