"""Demo actuals: Dị Sử's real 2023 results, and sample actuals marked as such.

The real results are printed in seed plan disu-2024 (Appendix I, on the town of Mỹ Hào).
One of them, employment after training, is printed as ">92": that is not a number, so
the value stays empty and the printed text is kept — no value is invented for it.

Sample actuals (`is_sample=True`, note "dữ liệu mẫu") give the other plans something to
show; they are generated deterministically from the targets, so loading twice writes
nothing the second time, and `--no-samples` removes them.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from districts.demo import demo_unit
from districts.models import Unit
from districts.scope import SYSTEM
from plans.demo_sources import PLANS, RESULTS
from plans.models import Plan
from targets.models import Indicator, Target

from .models import Actual, Submission
from .periods import Period
from .services import (
    SOURCE_DEMO,
    actuals_save,
    samples_remove,
    submission_approve,
    submission_submit,
)

SAMPLE_NOTE = "dữ liệu mẫu"


@dataclass
class DemoActualsResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


def _jitter(*key: object, low: str, high: str) -> Decimal:
    """A stable pseudo-random factor in [low, high] for the key (same key, same factor)."""
    digest = hashlib.sha256("|".join(map(str, key)).encode()).digest()
    fraction = Decimal(int.from_bytes(digest[:4], "big")) / Decimal(2**32)
    return Decimal(low) + (Decimal(high) - Decimal(low)) * fraction


Rows = dict[str, dict[str, object]]


def _load_report(
    *, unit: Unit, period: str, rows: Rows, state: str, origin: str, sample: bool,
    result: DemoActualsResult,
) -> None:
    """One report written through the services (the report's lock, the rules of a value,
    the workflow), then brought to `state` by its transitions, as the system operator."""
    stored = dict(
        Actual.objects.filter(unit=unit, period=period).values_list("indicator__code", "version")
    )
    for code, row in rows.items():
        row["version"] = stored.get(code)
    saved = actuals_save(
        unit=unit, period=period, rows=rows, actor=SYSTEM, source=SOURCE_DEMO, origin=origin,
        sample=sample,
    )
    if not saved.ok:
        problems = {**saved.errors, "warnings": sorted(saved.unanswered),
                    "conflicts": [c.indicator.code for c in saved.conflicts]}
        raise RuntimeError(f"demo values of {unit.code} {period} refused: {problems}")
    result.created += saved.created
    result.updated += saved.updated
    result.unchanged += saved.unchanged
    submission = saved.submission or Submission.objects.filter(unit=unit, period=period).first()
    if submission is None or submission.state == state:
        return
    if submission.state in (Submission.State.DRAFT, Submission.State.RETURNED):
        submission = submission_submit(submission=submission, actor=SYSTEM, source=SOURCE_DEMO)
    if state == Submission.State.APPROVED and submission.state == Submission.State.SUBMITTED:
        submission_approve(submission=submission, actor=SYSTEM, source=SOURCE_DEMO)


def demo_results_load() -> DemoActualsResult:
    """Dị Sử's 2023 results as printed in Appendix I (on the town, district 328)."""
    result = DemoActualsResult()
    as_of = {p["code"]: datetime.date.fromisoformat(p["as_of"]) for p in PLANS}
    reports: dict[tuple[int, str], tuple[Unit, Rows]] = {}
    for item in RESULTS:
        unit = demo_unit(item["unit"], as_of[item["plan"]])
        _unit, rows = reports.setdefault((unit.pk, item["period"]), (unit, {}))
        printed = item["value"] is None
        rows[item["indicator"]] = {
            "value": None if printed else Decimal(item["value"]),
            "printed": item["printed"] if printed else "",
            "note": item["note"],
        }
    with transaction.atomic():
        for (_pk, period), (unit, rows) in reports.items():
            _load_report(unit=unit, period=period, rows=rows, state=Submission.State.APPROVED,
                         origin=Actual.Origin.DOCUMENT, sample=False, result=result)
    return result


def _round(indicator: Indicator, value: Decimal) -> Decimal:
    if indicator.kind == Indicator.Kind.RATE:
        return min(Decimal(100), value.quantize(Decimal("0.1"), ROUND_HALF_UP))
    return value.quantize(Decimal(1), ROUND_HALF_UP)


def _sample_plan(target: Target, period: Period, *, trend: Decimal) -> Decimal:
    """A plausible value near the target: counts scatter around it, rates a few points."""
    indicator = target.indicator
    key = (target.plan.code, indicator.code, target.unit.code, str(period))
    if indicator.kind == Indicator.Kind.RATE:
        value = target.value * trend + _jitter(*key, low="-3", high="2")
    else:
        value = target.value * trend * _jitter(*key, low="0.86", high="1.08")
    if not period.is_annual:
        share = _jitter(*key, "share", low="0.40", high="0.55")
        value = value if indicator.kind == Indicator.Kind.RATE else value * share
    return _round(indicator, value)


def _sample_periods(
    plan: Plan, target: Target, today: datetime.date
) -> list[tuple[Period, Decimal]]:
    """Which periods to fill for a target, with a trend factor for earlier years."""
    periods: list[tuple[Period, Decimal]] = []
    if plan.kind == Plan.Kind.STRATEGY:
        # Annual values from the plan's first year up to the last closed year, rising
        # towards the milestone, so growth and the ratio R can be computed.
        span = Decimal(target.year - plan.first_year + 1)
        for year in range(plan.first_year, min(target.year, today.year - 1) + 1):
            progress = Decimal(year - plan.first_year + 1) / span
            periods.append((Period.parse(str(year)), Decimal("0.80") + Decimal("0.20") * progress))
        return periods
    if target.year < today.year:
        periods.append((Period.parse(str(target.year)), Decimal(1)))
        if target.year + 1 in plan.years:
            # Last year's first half: the seasonal share for this year's projection.
            periods.append((Period.parse(f"{target.year}S1"), Decimal(1)))
    elif target.year == today.year:
        # The current plan year: only the first half-year is in, as year-to-date.
        periods.append((Period.parse(f"{target.year}S1"), Decimal(1)))
    return periods


# Units left without a report in the samples, so completeness and "overdue" show.
_SILENT_UNITS = {"hn-2024": {"250", "271", "277", "281"}}


def demo_samples_load(*, today: datetime.date | None = None) -> DemoActualsResult:
    today = today or datetime.date.today()
    result = DemoActualsResult()
    real = {(r["indicator"], r["unit"], r["period"]) for r in RESULTS}
    plans = Plan.objects.filter(code__in=[p["code"] for p in PLANS])
    targets = (
        Target.objects.filter(plan__in=plans)
        .select_related("plan", "indicator", "unit")
        .order_by("plan__code", "year", "indicator__sort_order", "unit__path")
    )
    # The nearest milestone decides a value (targets come in year order), so two
    # milestones of one indicator never fight over the same period.
    wanted: dict[tuple, tuple[Target, Period, Decimal]] = {}
    for target in targets:
        if target.unit.code in _SILENT_UNITS.get(target.plan.code, ()):
            continue
        for period, trend in _sample_periods(target.plan, target, today):
            key = (target.indicator.code, target.unit.code, str(period))
            if key not in real:
                wanted.setdefault(
                    (target.indicator_id, target.unit_id, str(period)), (target, period, trend)
                )
    real_keys = set(
        Actual.objects.filter(is_sample=False).values_list("indicator_id", "unit_id", "period")
    )
    reports: dict[tuple[int, str], tuple[Unit, Rows]] = {}
    for key, (target, period, trend) in wanted.items():
        if key in real_keys:
            continue  # never cover a real value with a sample
        _unit, rows = reports.setdefault((target.unit_id, str(period)), (target.unit, {}))
        rows[target.indicator.code] = {
            "value": _sample_plan(target, period, trend=trend),
            "note": SAMPLE_NOTE,
        }
    with transaction.atomic():
        for (_pk, code), (unit, rows) in reports.items():
            period = Period.parse(code)
            state = (
                Submission.State.APPROVED if period.end < today else Submission.State.SUBMITTED
            )
            _load_report(unit=unit, period=code, rows=rows, state=state,
                         origin=Actual.Origin.TYPED, sample=True, result=result)
    return result


def demo_samples_remove() -> DemoActualsResult:
    """Take the sample actuals out again, and the submissions only they filled."""
    return DemoActualsResult(removed=samples_remove(actor=SYSTEM, source=SOURCE_DEMO))
