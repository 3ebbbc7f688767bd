"""Charts start their value axis at zero: an enrolment of 20.000 against 20.150 is a
0,8 % gap and must not look like a leap."""
from __future__ import annotations

from decimal import Decimal as D

from reports.progress.charts import TrendPoint, UnitBar, trend_figure, units_figure
from reports.rules import Status


def test_the_trend_axis_starts_at_zero():
    points = [TrendPoint(2023, D(20000), D(20150), None), TrendPoint(2024, D(20100), D(20150),
                                                                    None)]
    figure = trend_figure(points, "Tuyển sinh", "lượt người")
    assert figure["layout"]["yaxis"]["rangemode"] == "tozero"


def test_the_bars_axis_starts_at_zero():
    bars = [UnitBar("001", "Quận Ba Đình", D(650), D(700), D("1.077"), Status.EXCEEDED, False)]
    figure = units_figure(bars, "Thu hút học sinh tốt nghiệp", "người")
    assert figure["layout"]["xaxis"]["rangemode"] == "tozero"
