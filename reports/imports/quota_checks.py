"""The sums of a quota file, checked against the issuer's target: warnings with the gap.

A total row ("Tổng", "Tổng cộng") is no unit's target: its figure is compared with the
issuer's target (in the file, else stored), or, when the issuer has none, with the sum of
the rows it totals. The quotas of an indicator that adds up — those in the file laid over
the stored ones of the other units — are summed as the plan page sums them
(`targets.allocation.allocation_summary`) and compared with the issuer's target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from districts import formatting
from districts.models import Unit
from plans.models import Plan
from targets.allocation import allocation_summary
from targets.cells import CellReading, read_cell
from targets.models import Indicator, Target
from targets.selectors import grid_units

from .official import TotalFigure
from .parsing import Cell, Problem, clean_text


def cell_text(value: Cell) -> str:
    """A cell as a wording: a number cell written the way the plans print numbers
    (`1050` → `1.050`, `86.2` → `86,2`), so it reads back the same; text as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return clean_text(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return formatting.vietnamese_number(number)


@dataclass
class QuotaValue:
    """One target of the file, read."""

    line: int
    column: str
    unit: Unit
    indicator: Indicator
    reading: CellReading


@dataclass
class QuotaValues:
    """What a file gives: its targets, and the figures of its total rows."""

    values: list[QuotaValue] = field(default_factory=list)
    totals: list[TotalFigure] = field(default_factory=list)


def _warning(line: int, column: str, message: str, code: str) -> Problem:
    return Problem(line, column, "warning", message, code)


def _value_of(reading: CellReading) -> Decimal | None:
    return reading.parsed.value if reading.parsed is not None else None


def sum_problems(plan: Plan, year: int, read: QuotaValues,
                 indicators: dict[str, Indicator]) -> list[Problem]:
    """The total rows against the issuer's target, and the quotas' sum against it."""
    issuer = plan.issuer
    in_file: dict[str, Decimal | None] = {}  # the issuer's own, by indicator code
    quotas: dict[str, dict[int, Decimal | None]] = {}
    first_line: dict[str, int] = {}
    for value in read.values:
        code = value.indicator.code
        if value.unit.pk == issuer.pk:
            in_file[code] = _value_of(value.reading)
        else:
            quotas.setdefault(code, {})[value.unit.pk] = _value_of(value.reading)
            first_line.setdefault(code, value.line)
    wanted = {f.indicator for f in read.totals} | set(quotas)
    stored: dict[str, Decimal] = {}
    stored_quotas: dict[str, dict[int, Decimal]] = {}
    quota_ids = {u.pk for u in grid_units(plan, year)} - {issuer.pk}
    for code, unit_id, amount in Target.objects.filter(
        plan=plan, year=year, indicator__code__in=wanted
    ).values_list("indicator__code", "unit_id", "value"):
        if unit_id == issuer.pk:
            stored[code] = amount
        elif unit_id in quota_ids:
            stored_quotas.setdefault(code, {})[unit_id] = amount

    def parent(code: str) -> Decimal | None:
        return in_file[code] if code in in_file else stored.get(code)

    number = formatting.number
    problems: list[Problem] = []
    for figure in read.totals:
        indicator = indicators.get(figure.indicator)
        if indicator is None:
            continue
        reading = read_cell(cell_text(figure.value), indicator.kind)
        total = _value_of(reading)
        if total is None:
            problems.append(_warning(figure.line, figure.column, _(
                "the total “%(total)s” cannot be read as a figure: %(why)s"
            ) % {"total": cell_text(figure.value), "why": reading.error}, "total"))
            continue
        target = parent(indicator.code)
        if target is not None:
            if total != target:
                problems.append(_warning(figure.line, figure.column, _(
                    "the total row gives %(total)s for “%(indicator)s”, the target of "
                    "%(issuer)s for %(year)s is %(target)s (gap %(gap)s)."
                ) % {"total": number(total), "indicator": indicator.name,
                     "issuer": issuer.name, "year": year, "target": number(target),
                     "gap": number(target - total)}, "total"))
            continue
        rows = [v for v in quotas.get(indicator.code, {}).values() if v is not None]
        if rows and not indicator.is_rate and sum(rows, Decimal(0)) != total:
            units = sum(rows, Decimal(0))
            problems.append(_warning(figure.line, figure.column, _(
                "the total row gives %(total)s for “%(indicator)s”, the units add up to "
                "%(sum)s (gap %(gap)s)."
            ) % {"total": number(total), "indicator": indicator.name, "sum": number(units),
                 "gap": number(total - units)}, "total"))
    for code, given in quotas.items():
        indicator = indicators[code]
        target = parent(code)
        if indicator.is_rate or target is None:
            continue
        after = {**stored_quotas.get(code, {}), **given}
        summary = allocation_summary(target, after.values())
        if summary.gap:
            problems.append(_warning(first_line[code], "", _(
                "the quotas of “%(indicator)s” add up to %(sum)s, the target of %(issuer)s "
                "for %(year)s is %(target)s (gap %(gap)s)."
            ) % {"indicator": indicator.name, "sum": number(summary.total),
                 "issuer": issuer.name, "year": year, "target": number(target),
                 "gap": number(summary.gap)}, "allocation"))
    return problems
