"""The charts' legends stay clear of plotly's toolbar (the modebar), on a desktop screen and
on a 390 px phone: with the toolbar shown (the pointer on the chart), its box and the
legend's box do not overlap, and the legend is inside the chart, not cut off."""

from __future__ import annotations

import pytest

from districts.services import units_load
from tests.browser.test_dashboard import PASSWORD, hanoi_two_years, viewer_of_hanoi

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
CHARTS = ("#chart-units", "#chart-trend")


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_the_toolbar_never_covers_a_legend(page, live_server, login, transactional_db, screen):
    units_load(provinces={"01"})
    hanoi_two_years()  # units met, not met, in progress and without figures: a long legend
    viewer_of_hanoi()
    page.set_viewport_size(SCREENS[screen])
    login("lanhdao", PASSWORD)
    page.goto(f"{live_server.url}/reports/progress/dashboard/?plan=hn-browser&year=2024")

    for chart in CHARTS:
        page.locator(f"{chart}.js-plotly-plot .main-svg").first.wait_for()
        page.locator(chart).scroll_into_view_if_needed()
        page.locator(f"{chart} .plot-container").hover()  # plotly shows its toolbar
        toolbar = page.locator(f"{chart} .modebar")
        toolbar.wait_for(state="visible")
        legend = page.locator(f"{chart} .legend")
        assert legend.count() == 1, f"{chart} has no legend"
        toolbar_box, legend_box = toolbar.bounding_box(), legend.bounding_box()
        chart_box = page.locator(chart).bounding_box()
        assert toolbar_box and legend_box and chart_box
        assert not overlap(toolbar_box, legend_box), (chart, toolbar_box, legend_box)
        assert legend_box["x"] >= chart_box["x"] - 1
        assert legend_box["x"] + legend_box["width"] <= chart_box["x"] + chart_box["width"] + 1
    assert page.console_errors == []
