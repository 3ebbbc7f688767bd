"""The dashboard's charts: their numbers (shown in a table beside each chart and offered as
CSV) and the plotly figures drawn from them.

The figures are built here in Python, as plain plotly figure data (`{"data": [...],
"layout": {...}}`), and sent to the page as JSON; one local plotly.js draws them. They are
not built through plotly's `graph_objects`: its validation of every property costs more
than the rest of the dashboard's figures put together (25 ms a page); the tests validate
them with it instead (tests/test_chart_figures.py). Labels go through gettext and the
number separators follow the language.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from districts.formatting import plain
from districts.scope import Actor
from reports.rules import Status

from .engine import STATUS_ORDER, status_label
from .selectors import ProgressReport, ProgressRow, milestone_targets, trend_points

# Bar colours by status: green when fine, amber at risk, red behind, grey without data.
# The legend and the table beside the chart say the status in words.
STATUS_COLOURS = {
    Status.MET: "#2e8540",
    Status.EXCEEDED: "#1b5e20",
    Status.ON_TRACK: "#4caf50",
    Status.AT_RISK: "#d39b00",
    Status.NOT_MET: "#c0392b",
    Status.OFF_TRACK: "#e4572e",
    Status.OVERDUE: "#8e1b10",
    Status.NO_DATA: "#9aa5b1",
}
TARGET_COLOUR = "#1d2733"
ACTUAL_COLOUR = "#0b5cad"
BAND_COLOUR = "rgba(11, 92, 173, 0.15)"


def separators() -> str:
    """Plotly's decimal mark then thousands separator: `74,2` and `1.400` in Vietnamese."""
    return ".," if (get_language() or "vi").startswith("en") else ",."


# The band at the top of a figure where plotly draws its toolbar (the modebar, 22 px high
# two pixels from the top), which nothing else may use.
TOOLBAR_BAND = 30
LEGEND_ROW = 24  # the height of one row of the legend


# A figure as plotly.js takes it: {"data": [trace, …], "layout": {…}}.
Figure = dict[str, object]


def _layout(*, height: int, **extra) -> dict:
    # No template: plotly.js draws with its own plain defaults (Python's "none").
    return {
        "separators": separators(),
        "font": {"family": "Segoe UI, Noto Sans, Roboto, Arial, sans-serif", "size": 13},
        # The legend sits above the plot: below it, it would run into the axis title on a
        # short chart and drift far down on a tall one. It starts under the toolbar's band
        # and at the figure's left edge (not the plot's, right of the unit names), so that
        # on a phone it wraps into as few rows as possible; plotly pushes the plot down by
        # its height. The page heads each chart with the indicator's name, so the figure
        # has no title of its own.
        "height": height,
        "margin": {"l": 10, "r": 10, "t": TOOLBAR_BAND, "b": 10},
        "legend": {"orientation": "h", "xref": "container", "x": 0,
                   "yref": "container", "y": 1 - TOOLBAR_BAND / height, "yanchor": "top"},
        "autosize": True,
        **extra,
    }


def number_format(is_rate: bool) -> str:
    """d3 format of the axis ticks and hover values: whole counts with grouping (235.000
    with Vietnamese separators, not 235k), rates with at most one decimal (74,2)."""
    return ",.1~f" if is_rate else ",d"


def _hover(axis: str, is_rate: bool) -> str:
    other = "x" if axis == "y" else "y"
    return f"%{{{other}}}: %{{{axis}:{number_format(is_rate)}}}<extra>%{{fullData.name}}</extra>"


# --- units against their quota -----------------------------------------------------------------


@dataclass(frozen=True)
class UnitBar:
    unit_code: str
    unit_name: str
    quota: Decimal
    actual: Decimal | None
    achievement: Decimal | None
    status: Status
    is_rate: bool
    printed: str = ""  # a unit's result known only as a bound (">92")

    @property
    def status_label(self) -> str:
        return status_label(self.status)


def unit_bars(rows: list[ProgressRow]) -> list[UnitBar]:
    """The quota rows as bars, best achievement first, those without a figure last."""
    bars = [
        UnitBar(
            unit_code=row.unit.code,
            unit_name=row.unit.name,
            quota=row.target.value,
            actual=row.assessment.actual,
            achievement=row.assessment.achievement,
            status=row.assessment.status,
            is_rate=row.is_rate,
            printed=row.assessment.printed if row.assessment.actual is None else "",
        )
        for row in rows
    ]
    return sorted(
        bars,
        key=lambda b: (b.achievement is None, -(b.achievement or 0), b.unit_name),
    )


def units_figure(bars: list[UnitBar], indicator_name: str, unit_of_measure: str) -> Figure:
    """Horizontal bars of the units' actuals, one trace per status (the legend names it),
    with each unit's quota as a tick."""
    names = [bar.unit_name for bar in bars]
    is_rate = any(bar.is_rate for bar in bars)
    hover = _hover("x", is_rate)
    traces: list[dict[str, object]] = []
    for status in STATUS_ORDER:
        group = [bar for bar in bars if bar.status is status]
        if group:
            traces.append({
                "type": "bar",
                "orientation": "h",
                "name": status_label(status),
                "y": [bar.unit_name for bar in group],
                "x": [plain(bar.actual) or 0 for bar in group],
                "marker": {"color": STATUS_COLOURS[status]},
                "hovertemplate": hover,
            })
    traces.append({
        "type": "scatter",
        "name": _("quota"),
        "y": names,
        "x": [plain(bar.quota) for bar in bars],
        "mode": "markers",
        "marker": {"symbol": "line-ns-open", "size": 18, "color": TARGET_COLOUR,
                   "line": {"width": 3}},
        "hovertemplate": hover,
    })
    layout = _layout(
        meta={"indicator": indicator_name},
        # On a phone the legend may wrap to one entry a row: room for that, so the bars
        # keep their height.
        height=max(280, 26 * len(bars) + 140) + LEGEND_ROW * (len(traces) - 1),
        barmode="overlay",
        xaxis={"title": {"text": unit_of_measure}, "rangemode": "tozero",
               "gridcolor": "#e3e7ec", "tickformat": number_format(is_rate),
               "automargin": True},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(names)),
               "automargin": True},
    )
    return {"data": traces, "layout": layout}


def _shown_achievement(bar: UnitBar) -> Decimal | None:
    """A count's achievement as a percentage (107,7), a rate's gap in points (-0,7)."""
    if bar.achievement is None:
        return None
    if bar.is_rate:
        return bar.achievement.quantize(Decimal("0.1"))
    return (bar.achievement * 100).quantize(Decimal("0.1"))


def units_table(bars: list[UnitBar]) -> tuple[list[str], list[list]]:
    """The chart's numbers: header and rows (numbers as Decimals, for the CSV)."""
    rates = bool(bars) and all(bar.is_rate for bar in bars)
    shown = _("Gap to the target (points)") if rates else _("Achievement (%)")
    header = [_("Unit code"), _("Unit"), _("Quota"), _("Actual"), shown, _("Status")]
    rows = [
        [
            bar.unit_code,
            bar.unit_name,
            bar.quota,
            bar.actual if bar.actual is not None else (bar.printed or None),
            _shown_achievement(bar),
            bar.status_label,
        ]
        for bar in bars
    ]
    return header, rows


# --- the trend over the years ----------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    year: int
    actual: Decimal | None
    target: Decimal | None
    target_high: Decimal | None


def trend(report: ProgressReport, indicator_code: str, *, user: Actor) -> list[TrendPoint]:
    """The focus's annual actuals over the years, and the plan's targets of those years."""
    if report.focus is None:
        return []
    actuals = dict(trend_points(report, indicator_code))
    chosen = milestone_targets(
        report.plan, report.focus, user=user, indicator_code=indicator_code
    )
    targets = {t.year: t for t in chosen}
    years = sorted(set(actuals) | set(targets))
    return [
        TrendPoint(
            year=year,
            actual=actuals.get(year),
            target=targets[year].value if year in targets else None,
            target_high=targets[year].value_high if year in targets else None,
        )
        for year in years
    ]


def trend_figure(
    points: list[TrendPoint], indicator_name: str, unit_of_measure: str, is_rate: bool = False
) -> Figure:
    """Actuals as a line; the target as a line (a shaded band for a range). A single target
    year is drawn across the whole span so the line can be read against every year."""
    hover = _hover("y", is_rate)
    years = [p.year for p in points]
    targeted = [p for p in points if p.target is not None]
    if len(targeted) == 1 and len(years) > 1:
        only = targeted[0]
        target_x = [min(years), max(years)]
        low = [plain(only.target)] * 2
        high = [plain(only.target_high)] * 2 if only.target_high is not None else None
    else:
        target_x = [p.year for p in targeted]
        low = [plain(p.target) for p in targeted]
        ranged = targeted and all(p.target_high is not None for p in targeted)
        high = [plain(p.target_high) for p in targeted] if ranged else None
    traces = []
    if targeted and high is not None:
        traces.append({"type": "scatter", "x": target_x, "y": low, "mode": "lines",
                       "line": {"width": 0}, "showlegend": False, "hoverinfo": "skip",
                       "name": _("target (low end)")})
        traces.append({"type": "scatter", "x": target_x, "y": high, "mode": "lines",
                       "line": {"width": 0}, "fill": "tonexty", "fillcolor": BAND_COLOUR,
                       "name": _("target range"), "hovertemplate": hover})
    elif targeted:
        traces.append({"type": "scatter", "x": target_x, "y": low, "mode": "lines+markers",
                       "name": _("target"), "line": {"dash": "dash", "color": TARGET_COLOUR},
                       "hovertemplate": hover})
    reported = [p for p in points if p.actual is not None]
    traces.append({
        "type": "scatter",
        "x": [p.year for p in reported],
        "y": [plain(p.actual) for p in reported],
        "mode": "lines+markers",
        "name": _("actual"),
        "line": {"color": ACTUAL_COLOUR, "width": 3},
        "hovertemplate": hover,
    })
    layout = _layout(
        meta={"indicator": indicator_name},
        height=340,
        xaxis={"title": {"text": _("Year")}, "dtick": 1, "tickformat": "d",
               "gridcolor": "#e3e7ec", "automargin": True},
        # From zero, as the bars: 20.000–20.150 must not look like a leap.
        yaxis={"title": {"text": unit_of_measure}, "gridcolor": "#e3e7ec",
               "tickformat": number_format(is_rate), "automargin": True,
               "rangemode": "tozero"},
    )
    return {"data": traces, "layout": layout}


def trend_table(points: list[TrendPoint]) -> tuple[list[str], list[list]]:
    header = [_("Year"), _("Actual"), _("Target"), _("Upper end of the target")]
    rows = [[p.year, p.actual, p.target, p.target_high] for p in points]
    return header, rows
