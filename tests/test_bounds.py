"""A result printed as a bound (">92", "trên 92", "<5") is judged when the bound settles
the target, and said to be undecidable when it does not: pure rules, literal numbers."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from targets.operators import IndicatorKind, Operator, Outcome, evaluate_bound, read_bound


@pytest.mark.parametrize(("text", "bound"), [
    (">92", (Operator.GT, D(92))),
    ("trên 92%", (Operator.GT, D(92))),
    ("tren 86,2", (Operator.GT, D("86.2"))),
    ("< 5", (Operator.LT, D(5))),
    ("≥ 92", (Operator.GTE, D(92))),
    ("dưới 5 %", (Operator.LT, D(5))),
    ("1.400 trở lên", (Operator.GTE, D(1400))),
    # A word between the operator and its number, and the signs of other keyboards.
    ("ít nhất là 92", (Operator.GTE, D(92))),
    ("trên mức 92%", (Operator.GT, D(92))),
    ("＞92", (Operator.GT, D(92))),
    ("≧ 92", (Operator.GTE, D(92))),
    ("≦5", (Operator.LTE, D(5))),
])
def test_it_reads_a_printed_bound(text, bound):
    assert read_bound(text) == bound


@pytest.mark.parametrize("text", ["92", "1.400", "khoảng 92", "40–45%", "nhiều", "", "=92",
                                  "là 92", "khoảng là 92"])
def test_anything_else_is_not_a_bound(text):
    assert read_bound(text) is None


RATE, COUNT = IndicatorKind.RATE, IndicatorKind.COUNT


@pytest.mark.parametrize(("operator", "value", "bound", "kind", "higher", "outcome"), [
    # Mỹ Hào 2023, employment after training: ">92" against "trên 92" and "đạt 92".
    (Operator.GT, D(92), (Operator.GT, D(92)), RATE, True, Outcome.MET),
    (Operator.GTE, D(92), (Operator.GT, D(92)), RATE, True, Outcome.MET),
    # "≥92" against "trên 92": 92 itself would not be above 92.
    (Operator.GT, D(92), (Operator.GTE, D(92)), RATE, True, None),
    (Operator.GT, D(92), (Operator.GT, D(90)), RATE, True, None),
    (Operator.GT, D(92), (Operator.LT, D(5)), RATE, True, Outcome.NOT_MET),
    (Operator.GT, D(92), (Operator.LTE, D(92)), RATE, True, Outcome.NOT_MET),
    # A dropout rate, lower is better: "dưới 5" against "<4" met, against ">6" not.
    (Operator.LT, D(5), (Operator.LT, D(4)), RATE, False, Outcome.MET),
    (Operator.LT, D(5), (Operator.GT, D(6)), RATE, False, Outcome.NOT_MET),
    # "khoảng 33 %" (within 1 point): ">32" meets it, "<31" does not.
    (Operator.APPROX, D(33), (Operator.GT, D(32)), RATE, True, Outcome.MET),
    (Operator.APPROX, D(33), (Operator.LT, D(31)), RATE, True, Outcome.NOT_MET),
    # Counts: "more than 1.400 trainees" against "at least 1.400".
    (Operator.GTE, D(1400), (Operator.GT, D(1400)), COUNT, True, Outcome.MET),
    (Operator.GTE, D(1400), (Operator.LT, D(1000)), COUNT, True, Outcome.NOT_MET),
    # A rate cannot pass 100: ">99" against "đạt 100" cannot tell, "<99" says not met.
    (Operator.GTE, D(100), (Operator.GT, D(99)), RATE, True, None),
    (Operator.GTE, D(100), (Operator.LT, D(99)), RATE, True, Outcome.NOT_MET),
])
def test_a_bound_is_judged_only_when_it_settles_the_target(
    operator, value, bound, kind, higher, outcome
):
    assert evaluate_bound(operator=operator, value=value, value_high=None, bound=bound,
                          kind=kind, higher_is_better=higher) == outcome


def test_a_range_target_is_met_by_a_bound_above_its_low_end():
    # "40 - 45 %" of graduates drawn in (Hải Phòng 2025): ">41" meets it.
    assert evaluate_bound(operator=Operator.RANGE, value=D(40), value_high=D(45),
                          bound=(Operator.GT, D(41)), kind=RATE) is Outcome.MET
    assert evaluate_bound(operator=Operator.RANGE, value=D(40), value_high=D(45),
                          bound=(Operator.GT, D(30)), kind=RATE) is None
