"""What the leaders' dashboard shows for a plan, year and unit: headline tiles, the units
against their quotas, the trend over the years, what needs attention and how complete the
reporting is. Built on one `progress_report` plus one query for the trend's targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from districts.scope import Actor
from targets.models import Indicator

from .charts import (
    Figure,
    TrendPoint,
    UnitBar,
    trend,
    trend_figure,
    unit_bars,
    units_figure,
)
from .selectors import ProgressReport, ProgressRow

MAX_TILES = 8
MAX_ATTENTION = 10  # the rest are one click away, in the progress table


@dataclass
class Dashboard:
    report: ProgressReport
    tiles: list[ProgressRow]
    bar_indicator: Indicator | None = None
    bars: list[UnitBar] = field(default_factory=list)
    bar_figure: Figure | None = None
    trend_indicator: Indicator | None = None
    trend: list[TrendPoint] = field(default_factory=list)
    trend_figure: Figure | None = None

    @property
    def attention(self) -> list[ProgressRow]:
        return self.report.attention[:MAX_ATTENTION]

    @property
    def attention_more(self) -> int:
        return max(0, len(self.report.attention) - MAX_ATTENTION)

    @property
    def quota_indicators(self) -> list[Indicator]:
        return self.report.quota_indicators

    @property
    def trend_indicators(self) -> list[Indicator]:
        """Indicators the focus has a target for: the choices of the trend."""
        seen = {row.indicator.code: row.indicator for row in self.report.focus_rows}
        return list(seen.values())


def headline_rows(report: ProgressReport) -> list[ProgressRow]:
    """The focus's targets on main indicators (not components nor of-which parts)."""
    rows = report.focus_rows
    main = [r for r in rows if not r.indicator.component_of_id and not r.indicator.part_of_id]
    return (main or rows)[:MAX_TILES]


def bar_indicator_for(report: ProgressReport, code: str | None) -> Indicator | None:
    choices = report.quota_indicators
    chosen = [i for i in choices if i.code == code]
    return next(iter(chosen or choices), None)


def trend_indicator_for(
    report: ProgressReport, code: str | None, fallback: Indicator | None
) -> Indicator | None:
    """The indicator asked for (`trend=` in the URL) when the unit shown has a target on
    it; else the unit's first tile. A link kept from another unit may name an indicator
    this one has no target on, and its trend would be a blank card."""
    own = {row.indicator.code for row in report.focus_rows}
    if code and code in report.indicators and code in own:
        return report.indicators[code]
    tiles = headline_rows(report)
    return tiles[0].indicator if tiles else fallback


def dashboard_build(
    report: ProgressReport,
    *,
    user: Actor,
    indicator_code: str | None = None,
    trend_code: str | None = None,
    figures: bool = True,
) -> Dashboard:
    """The dashboard's content; `figures` False leaves the plotly figures out (CSV export)."""
    board = Dashboard(report=report, tiles=headline_rows(report))
    board.bar_indicator = bar_indicator_for(report, indicator_code)
    if board.bar_indicator is not None:
        board.bars = unit_bars(report.quota_rows(board.bar_indicator.code))
        if figures and board.bars:
            board.bar_figure = units_figure(
                board.bars, board.bar_indicator.name, board.bar_indicator.unit
            )
    board.trend_indicator = trend_indicator_for(report, trend_code, board.bar_indicator)
    if board.trend_indicator is not None and report.focus is not None:
        board.trend = trend(report, board.trend_indicator.code, user=user)
        if figures and board.trend:
            board.trend_figure = trend_figure(
                board.trend,
                board.trend_indicator.name,
                board.trend_indicator.unit,
                is_rate=board.trend_indicator.is_rate,
            )
    return board
