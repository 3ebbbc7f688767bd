"""The "Phụ lục I" table as the plans print it: for a year Y and one unit, each indicator's
target of Y−1, result of Y−1 and plan for Y, with the achievement of Y−1.

Rows follow the printed structure: main indicators numbered I, II, III…, in the order the
plan's targets were entered (the order the appendix lists them); their components 1, 2,
3 in catalogue order; of-which parts of a component under a "Trong đó" line, numbered
3.1, 3.2…; of-which parts of a main indicator just below it, unnumbered. Three queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from districts.models import Unit
from districts.scope import Actor
from plans.models import Plan
from reports.deadlines import units_deadline_of
from reports.models import Actual
from targets.models import Indicator, Target
from targets.operators import IndicatorKind, Operator

from .basis import DEFAULT, Basis, actuals_on
from .engine import Assessment, assess, printed_warning, status_label, value_warnings
from .selectors import (
    VALUE_FIELDS,
    all_indicators,
    has_milestones,
    indicator_facts,
    indicator_ids,
    scoped_targets,
    target_facts,
    unit_values,
)

# How the printed appendix writes an operator before the number (a bare number is "reach").
PREFIX = {
    Operator.GTE: "",
    Operator.EQ: "",
    Operator.GT: ">",
    Operator.LT: "<",
    Operator.LTE: "≤",
    Operator.APPROX: "~",
    Operator.RANGE: "",
}
ROMAN = (
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


def roman(number: int) -> str:
    """1 → I, 4 → IV, 14 → XIV (appendices stay well below 40 sections)."""
    out = []
    for value, letters in ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


@dataclass(frozen=True)
class TargetCell:
    """A target as the appendix prints it: `62.500`, `>92`, `40–45`."""

    prefix: str
    value: Decimal
    high: Decimal | None

    @classmethod
    def of(cls, target: Target | None) -> TargetCell | None:
        if target is None:
            return None
        operator = Operator(target.operator)
        high = target.value_high if operator is Operator.RANGE else None
        return cls(PREFIX[operator], target.value, high)


@dataclass
class OfficialRow:
    number: str
    indicator: Indicator | None  # None: the "Trong đó" line
    level: int  # 0 main, 1 component or part, 2 part of a component
    previous_target: TargetCell | None = None
    previous_actual: Decimal | None = None
    previous_printed: str = ""
    plan: TargetCell | None = None
    printed_unit: str = ""  # the unit of measure the plan prints for its target, if its own
    assessment: Assessment | None = None
    warnings: list[str] = field(default_factory=list)
    is_sample: bool = False
    is_draft: bool = False

    @property
    def is_heading(self) -> bool:
        return self.indicator is None

    @property
    def is_rate(self) -> bool:
        return self.indicator is not None and self.indicator.kind == IndicatorKind.RATE

    @property
    def unit_of_measure(self) -> str:
        if self.indicator is None:
            return ""
        unit = self.printed_unit or self.indicator.unit
        return unit[:1].upper() + unit[1:]

    @property
    def status(self) -> str:
        return self.assessment.status.value if self.assessment else ""

    @property
    def status_label(self) -> str:
        return status_label(self.assessment.status) if self.assessment else ""

    @property
    def achievement(self) -> Decimal | None:
        return self.assessment.achievement if self.assessment else None


@dataclass
class OfficialLayout:
    plan: Plan
    year: int
    unit: Unit | None
    rows: list[OfficialRow]
    units: list[Unit]  # the units the layout can be shown for
    basis: Basis = DEFAULT

    @property
    def previous_year(self) -> int:
        return self.year - 1


def layout_units(
    plan: Plan, year: int, *, user: Actor, years: list[int] | None = None
) -> list[tuple[Unit, int]]:
    """Units with targets in Y−1 or Y (or `years`) that the user sees, with how many."""
    counted = (
        scoped_targets(plan, user=user, year__in=years or [year - 1, year])
        .values("unit")
        .annotate(n=Count("id"))
        .values_list("unit", "n")
    )
    counts = dict(counted)
    units = Unit.objects.filter(pk__in=list(counts)).order_by("path")
    return [(unit, counts[unit.pk]) for unit in units]


def default_layout_unit(plan: Plan, choices: list[tuple[Unit, int]]) -> Unit | None:
    """The unit with the most targets (the appendix's), the issuer on a tie."""
    if not choices:
        return None
    return max(choices, key=lambda c: (c[1], c[0].pk == plan.issuer_id, -len(c[0].path)))[0]


def official_layout(
    *,
    plan: Plan,
    year: int,
    unit: Unit | None,
    user: Actor,
    units: list[Unit] | None = None,
    today: datetime.date | None = None,
    basis: Basis = DEFAULT,
) -> OfficialLayout:
    today = today or timezone.localdate()
    if unit is None:
        return OfficialLayout(plan, year, None, [], units or [], basis)
    previous = year - 1
    targets = list(
        scoped_targets(plan, user=user, unit=unit, year__in=[previous, year]).order_by("pk")
    )
    for target in targets:
        target.plan = plan
    indicators = all_indicators()
    facts = indicator_facts(indicators)
    by_year: dict[int, dict[str, Target]] = defaultdict(dict)
    entered: dict[str, int] = {}
    for target in targets:
        by_year[target.year][target.indicator.code] = target
        entered.setdefault(target.indicator.code, target.pk)
    codes = set(entered)
    values = unit_values(
        Actual.objects.filter(
            actuals_on(basis),
            unit=unit,
            indicator_id__in=indicator_ids(indicators, set(indicators)),
            year__in=[previous - 1, previous],
        ).values_list(*VALUE_FIELDS),
        indicators,
    ).get(unit.pk, {})
    multi_year = has_milestones(plan)
    deadline = units_deadline_of(plan, previous)

    def make(code: str, number: str, level: int) -> OfficialRow:
        row = OfficialRow(number=number, indicator=indicators[code], level=level)
        old = by_year[previous].get(code)
        row.previous_target = TargetCell.of(old)
        row.plan = TargetCell.of(by_year[year].get(code))
        row.printed_unit = getattr(by_year[year].get(code), "printed_unit", "")
        annual = values.get(code, {}).get(str(previous))
        if annual is not None:
            row.previous_actual = annual.value
            row.previous_printed = annual.printed
            row.is_sample = annual.is_sample
            row.is_draft = annual.is_draft
        if old is not None:
            row.assessment = assess(
                target_facts(old, facts), values, today=today, deadline=deadline,
                multi_year=multi_year,
            )
            row.warnings = list(row.assessment.warnings)
        elif annual is not None:
            row.warnings = value_warnings(facts[code], values, annual.period)
            if annual.value is None and annual.printed:
                row.warnings.insert(0, printed_warning(annual.printed))
        return row

    rows: list[OfficialRow] = []
    main = [c for c in codes if not _belongs(c, facts, codes)]
    main.sort(key=lambda c: entered[c])
    for number, code in enumerate(main, start=1):
        rows.append(make(code, roman(number), 0))
        components = _ordered([c for c in codes if facts[c].part_of is None
                               and c in facts[code].components], indicators)
        for index, component in enumerate(components, start=1):
            rows.append(make(component, str(index), 1))
            parts = _ordered([c for c in codes if facts[c].part_of == component], indicators)
            if parts:
                rows.append(OfficialRow(number="", indicator=None, level=2))
            for sub, part in enumerate(parts, start=1):
                rows.append(make(part, f"{index}.{sub}", 2))
        for part in _ordered([c for c in codes if facts[c].part_of == code], indicators):
            rows.append(make(part, "", 1))
    return OfficialLayout(plan, year, unit, rows, units or [], basis)


def _belongs(code: str, facts, codes: set[str]) -> bool:
    """Whether the row goes under another row of the layout (component or of-which part)."""
    indicator = facts[code]
    if indicator.part_of and indicator.part_of in codes:
        return True
    return any(code in facts[other].components for other in codes)


def _ordered(codes: list[str], indicators: dict[str, Indicator]) -> list[str]:
    return sorted(codes, key=lambda c: (indicators[c].sort_order, c))

