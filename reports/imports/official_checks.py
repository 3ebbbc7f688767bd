"""The checks only an official sheet allows, run once the file's values are read.

- A plan figure ("Kế hoạch" beside "Thực hiện") is compared with the stored target of that
  unit, indicator and year (of the import's plan, else of any plan): a different figure is
  a warning naming the unit, the file's figure and the stored one. It is never stored.
- A total row ("Tổng", "Toàn thị xã …") of a count is compared with the sum of the units'
  values above it: a difference is a warning with both figures and the gap.

Both are warnings, not errors: the file's results are what is imported, and a plan
figure or a total typed wrong does not make them wrong.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from districts import formatting
from plans.models import Plan
from reports.checks import check_value
from reports.numbers import AmbiguousNumberError, NumberError, number_readings
from targets.models import Indicator, Target
from targets.operators import IndicatorKind, WordingError, parse_wording

from .checking import Row
from .official import TotalFigure
from .parsing import Cell, DecimalMarks, Problem

# A plan figure printed beside a value, kept until every value is read: (line, column,
# figure as written, unit id, unit name, indicator id, indicator name, indicator kind,
# year). A plain tuple of numbers and texts, not the file's row: a national sheet holds one
# per value, and the garbage collector stops walking such a tuple once it has seen it,
# while a list of 20.000 rows (each with its entry, unit and indicator) would make every
# later collection — and so every later step of the import — slower.
PlanFigure = tuple[int, str, Cell, int, str, int, str, str, int]


class OfficialChecks:
    """Collects what an official sheet's checks need while its values are read."""

    def __init__(self, *, plan: Plan | None, indicators: list[Indicator],
                 marks: DecimalMarks) -> None:
        self.plan = plan
        self.marks = marks
        self.kind_of = {i.code: IndicatorKind(i.kind) for i in indicators}
        self.totals: list[TotalFigure] = []
        # (line, column, value); None for a value given as a bound (">92"), never added
        self.counts: list[tuple[int, str, Decimal | None]] = []
        self.plan_figures: list[PlanFigure] = []

    def total(self, figure: TotalFigure) -> None:
        self.totals.append(figure)

    def row(self, row: Row) -> None:
        """A unit's value read without error."""
        if self.kind_of.get(row.indicator.code) == IndicatorKind.COUNT:
            self.counts.append((row.entry.line, row.entry.value_column, row.value))
        entry = row.entry
        if entry.plan_value is not None:
            self.plan_figures.append((
                entry.line, entry.plan_column, entry.plan_value, row.unit.id, row.unit.name,
                row.indicator.id, row.indicator.name, row.indicator.kind, row.year,
            ))

    def problems(self) -> list[Problem]:
        return [*self._plan_problems(), *self._total_problems()]

    # --- reading a figure ---

    def _readings(self, cell: Cell, kind: IndicatorKind) -> list[Decimal]:
        """What the figure can be, read as the file's values are: one number, or in a
        file that never shows its decimal mark the readings valid for `kind` (`1.400` is
        1.400 persons; `5.000` is 5 or 5.000 persons); none when it is not a number."""
        try:
            value = self.marks.read(cell)
        except AmbiguousNumberError:
            return [v for v in number_readings(str(cell)) if not check_value(kind=kind, value=v)]
        except NumberError:
            return self._wording(cell)
        return [] if value is None else [value]

    @staticmethod
    def _wording(cell: Cell) -> list[Decimal]:
        """A plan figure printed as a target's wording ("trên 92", "khoảng 33%"): its
        number, compared like a plain figure's; none when it is no wording."""
        if not isinstance(cell, str):
            return []
        try:
            return [parse_wording(cell).value]
        except WordingError:
            return []

    # --- plan figures ---

    def _plan_problems(self) -> list[Problem]:
        figures = self.plan_figures
        if not figures:
            return []
        unit_ids, indicator_ids, years = set(), set(), set()
        for _line, _column, _printed, unit_id, _name, indicator_id, _indicator, _kind, year in (
            figures
        ):
            unit_ids.add(unit_id)
            indicator_ids.add(indicator_id)
            years.add(year)
        targets = Target.objects.filter(
            unit_id__in=unit_ids, indicator_id__in=indicator_ids, year__in=years
        )
        if self.plan is not None:
            targets = targets.filter(plan=self.plan)
        stored: dict[tuple[int, int, int], list[Decimal]] = {}
        for unit_id, indicator_id, year, value in targets.values_list(
            "unit_id", "indicator_id", "year", "value"
        ):
            stored.setdefault((unit_id, indicator_id, year), []).append(value)
        problems: list[Problem] = []
        for line, column, printed, unit_id, unit_name, indicator_id, indicator_name, kind, year in (
            figures
        ):
            values = stored.get((unit_id, indicator_id, year))
            if not values:
                continue  # no target to compare with
            readings = self._readings(printed, IndicatorKind(kind))
            if any(figure in values for figure in readings):
                continue
            figure = readings[-1] if readings else None
            params = {
                "unit": unit_name,
                "indicator": indicator_name,
                "year": year,
                "figure": (formatting.number(figure) if figure is not None
                           else f"“{printed}”"),
                "stored": "; ".join(formatting.number(v) for v in sorted(values)),
            }
            problems.append(Problem(
                line, column, "warning",
                _("%(unit)s: the file's plan figure for “%(indicator)s” in %(year)s is "
                  "%(figure)s, the stored target is %(stored)s.") % params,
                "plan_figure",
            ))
        return problems

    # --- total rows ---

    def _total_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        lines = sorted({figure.line for figure in self.totals})
        closed = False  # a total closed a part of the table before this one
        for figure in self.totals:
            if self.kind_of.get(figure.indicator) != IndicatorKind.COUNT:
                continue
            column = [(line, value) for line, name, value in self.counts
                      if name == figure.column]
            if figure.leads:
                end = next((line for line in lines if line > figure.line), None)
                part = [v for line, v in column if line > figure.line and (end is None
                                                                           or line < end)]
                whole = part
            else:
                part = [v for line, v in column if figure.first_line <= line <= figure.last_line]
                whole = [v for line, v in column if line < figure.line]
            numbers = [v for v in part if v is not None]
            bounds = len(part) - len(numbers)
            if not numbers:
                continue  # no unit's value to compare with (an empty template)
            units = sum(numbers, Decimal(0))
            # A grand total after totals of parts may total the whole table.
            sums = ({units, sum((v for v in whole if v is not None), Decimal(0))} if closed
                    else {units})
            closed = closed or not figure.leads
            readings = self._readings(figure.value, IndicatorKind.COUNT)
            if any(reading in sums for reading in readings):
                continue
            # The reading nearest to the units' sum, for the message.
            total = min(readings, key=lambda r: abs(r - units)) if readings else None
            if total is None:
                message = _("the total “%(total)s” is not a number; the units it totals add "
                            "up to %(sum)s.") % {"total": figure.value,
                                                 "sum": formatting.number(units)}
            else:
                params = {"total": formatting.number(total), "sum": formatting.number(units),
                          "gap": formatting.number(total - units)}
                if figure.leads:
                    message = _("the total row gives %(total)s, the units below add up to "
                                "%(sum)s (difference %(gap)s).") % params
                else:
                    message = _("the total row gives %(total)s, the units above add up to "
                                "%(sum)s (difference %(gap)s).") % params
            if bounds:
                message += " " + ngettext(
                    "(%(count)s unit is given as a bound and not added.)",
                    "(%(count)s units are given as a bound and not added.)", bounds,
                ) % {"count": bounds}
            problems.append(Problem(figure.line, figure.column, "warning", message, "total"))
        return problems
