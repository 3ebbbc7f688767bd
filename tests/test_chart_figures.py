"""The dashboard's figures are built as plain data, without plotly's validation on the
request path: here plotly's own validator (graph_objects) checks every property they use,
for bars of every status, counts and rates, and trends with a line, a band and a single
target year; and the page sends them as plain JSON."""

from __future__ import annotations

import json
from decimal import Decimal as D

import plotly.graph_objects as go
import pytest

from reports.progress.charts import TrendPoint, UnitBar, trend_figure, units_figure
from reports.rules import Status

BARS = [
    UnitBar("001", "Quận Ba Đình", D(650), D(700), D("1.077"), Status.EXCEEDED, False),
    UnitBar("006", "Quận Đống Đa", D(1050), D(900), D("0.857"), Status.NOT_MET, False),
    UnitBar("271", "Huyện Ba Vì", D(1200), D(1200), D(1), Status.MET, False),
    UnitBar("002", "Quận Hoàn Kiếm", D(500), None, None, Status.OVERDUE, False),
    UnitBar("003", "Quận Tây Hồ", D(450), None, None, Status.NO_DATA, False),
]
RATES = [UnitBar("001", "Quận Ba Đình", D("74.2"), D("73.5"), D("-0.7"), Status.AT_RISK, True)]
TRENDS = {
    "line": [TrendPoint(2023, D(230000), D(230000), None),
             TrendPoint(2024, D(208630), D(235000), None)],
    "band": [TrendPoint(2025, D(40), D(40), D(45)), TrendPoint(2030, None, D(50), D(55))],
    "one target": [TrendPoint(2022, D(221000), None, None),
                   TrendPoint(2024, None, D(235000), None)],
}


def validated(figure: dict) -> dict:
    """plotly's validator raises ValueError on a property it does not know."""
    return go.Figure(figure).to_dict()


@pytest.mark.parametrize("bars", [BARS, RATES], ids=["counts", "rates"])
def test_the_bars_are_a_valid_plotly_figure(bars):
    figure = units_figure(bars, "Thu hút học sinh tốt nghiệp", "người")

    checked = validated(figure)
    assert [trace["name"] for trace in checked["data"]][-1] == "chỉ tiêu giao"
    assert json.loads(json.dumps(figure)) == figure  # numbers and texts only


@pytest.mark.parametrize("shape", TRENDS)
def test_the_trend_is_a_valid_plotly_figure(shape):
    figure = trend_figure(TRENDS[shape], "Tuyển sinh", "lượt người")

    checked = validated(figure)
    assert checked["data"][-1]["name"] == "thực hiện"
    assert json.loads(json.dumps(figure)) == figure


def test_a_property_plotly_does_not_know_fails_the_check():
    figure = units_figure(BARS, "Thu hút học sinh tốt nghiệp", "người")
    figure["layout"]["legend"]["anchor"] = "top"  # a typo for yanchor

    with pytest.raises(ValueError, match="anchor"):
        validated(figure)
