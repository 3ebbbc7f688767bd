"""Time the dashboard and the report pages on a national-scale data set in PostgreSQL.

    make bench-dashboard                      # a throwaway server, started and removed
    DATABASE_URL=postgres://… .venv/bin/python bench/dashboard_bench.py [--repeat N]

Builds, in a separate test database (`test_<name>`, dropped at the end: the database of
DATABASE_URL itself is never written), every administrative unit of both eras, the whole
indicator catalogue, one ten-year plan per province with quotas for each of its districts,
and about a million actuals (2016–2025) written with COPY. Then it opens each page for one
province through Django's test client, as a viewer of that province, and prints the
median and worst server time and the number of queries per page. A second, smaller
province shows that the number of queries does not depend on the number of units.

Goals: median ≤ 150 ms per page, queries the same for both provinces. Exit status 1 when a
goal is missed with --strict.

The target grid (issue 13): an officer's grid of every indicator for every unit, timed for
Hà Nội's 30 districts of 2024 and for Thanh Hóa's 166 communes and wards of 2026 in the
same run, and the save of a full column (every unit's quota of one indicator) in each.
Goal: the 166-unit page and the 166-cell save each within 3× the 30-district page.
`--only grid` builds just what the grid needs (two provinces' units, the two plans) and
times only the grid; `--only pages` leaves the grid out.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# WhiteNoise looks for collected static files; the benchmark serves none.
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from districts.models import LAST_DAY_BEFORE_REORGANISATION, Membership, Unit  # noqa: E402
from districts.services import units_load  # noqa: E402
from plans.models import Plan  # noqa: E402
from targets.models import Indicator, Target  # noqa: E402
from targets.selectors import quota_units  # noqa: E402

GOAL_MS = 150.0
GRID_GOAL_RATIO = 3.0
# (province, year): Hà Nội's 30 districts in 2024, Thanh Hóa's 166 communes from 2025 on.
GRID_BASE, GRID_LARGE = ("01", 2024), ("38", 2026)
GRID_COLUMN = "graduates_attracted"  # the indicator whose column of quotas is saved
FIRST_YEAR, LAST_YEAR = 2016, 2025
YEAR = 2024  # the closed year the pages are timed on (and the year in progress, 2025)
MAIN_PROVINCE, SMALL_PROVINCE = "01", "06"  # Hà Nội (30 districts), Bắc Kạn (8)

# (code, kind, base value per commune): what every unit reports each year.
MEASURED = (
    ("enrol_total", "count", 400),
    ("enrol_college", "count", 40),
    ("enrol_intermediate", "count", 60),
    ("enrol_elementary", "count", 300),
    ("trained_rate", "rate", 70),
    ("certified_rate", "rate", 45),
    ("graduates_attracted", "count", 30),
    ("institutions", "level", 2),
)
QUOTA_INDICATORS = ("enrol_total", "graduates_attracted", "enrol_college", "institutions")
ACTUAL_COLUMNS = (
    "indicator_id", "unit_id", "period", "year", "value", "printed", "numerator",
    "denominator", "note", "origin", "is_sample", "version", "updated_at",
)
BATCH = 100_000


def say(message: str) -> None:
    print(message, flush=True)


# --- the data set -----------------------------------------------------------------------------


def _scale(unit: Unit) -> int:
    return {"province": 300, "district": 15, "commune": 1}[unit.level]


def _periods(unit: Unit) -> list[str]:
    """Old-era units: every year to 2024 and the first half of 2025 (they closed on 30 June);
    new-era units: the third quarter of 2025."""
    if unit.valid_until == LAST_DAY_BEFORE_REORGANISATION:
        return [str(y) for y in range(FIRST_YEAR, LAST_YEAR)] + [f"{LAST_YEAR}S1"]
    if unit.valid_from is not None:
        return [f"{LAST_YEAR}Q3"]
    return [str(y) for y in range(FIRST_YEAR, LAST_YEAR)] + [f"{LAST_YEAR}S1"]


def _value(rng: random.Random, kind: str, base: int, scale: int, period: str) -> tuple:
    """(value, numerator, denominator) with some growth over the years and some noise."""
    year = int(period[:4])
    growth = 1 + 0.03 * (year - FIRST_YEAR)
    share = 0.5 if len(period) > 4 else 1.0
    if kind == "rate":
        rate = min(99.0, base * (1 + 0.01 * (year - FIRST_YEAR)) * rng.uniform(0.95, 1.05))
        denominator = 1000 * scale
        numerator = round(denominator * rate / 100)
        return (f"{numerator / denominator * 100:.2f}", str(numerator), str(denominator))
    if kind == "level":
        return (str(max(1, round(base * scale ** 0.5 * rng.uniform(0.9, 1.1)))), "", "")
    return (str(round(base * scale * growth * share * rng.uniform(0.85, 1.15))), "", "")


def _copy_actuals(rows: list[str]) -> None:
    buffer = io.StringIO("".join(rows))
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY reports_actual ({', '.join(ACTUAL_COLUMNS)}) FROM STDIN WITH (FORMAT csv)",
            buffer,
        )


def write_actuals(units: list[Unit], indicators: dict[str, Indicator]) -> int:
    rng = random.Random(2024)
    now = timezone.now().isoformat()
    rows: list[str] = []
    written = 0
    for unit in units:
        scale = _scale(unit)
        for code, kind, base in MEASURED:
            indicator_id = indicators[code].pk
            for period in _periods(unit):
                value, numerator, denominator = _value(rng, kind, base, scale, period)
                rows.append(
                    # "" is an empty text; an unquoted empty field is NULL in COPY's CSV.
                    f'{indicator_id},{unit.pk},{period},{period[:4]},{value},"",{numerator},'
                    f'{denominator},"",imported,true,1,{now}\n'
                )
        if len(rows) >= BATCH:
            _copy_actuals(rows)
            written += len(rows)
            rows = []
    if rows:
        _copy_actuals(rows)
        written += len(rows)
    return written


def write_plans(indicators: dict[str, Indicator]) -> int:
    """One strategy plan per province of the old era, targets every year on the province
    and quotas on each of its districts."""
    # The provinces of the old era: those closed on 30 June 2025 and those that go on.
    provinces = list(Unit.objects.filter(level=Unit.Level.PROVINCE, valid_from__isnull=True))
    districts: dict[int, list[Unit]] = {}
    for district in Unit.objects.filter(level=Unit.Level.DISTRICT):
        districts.setdefault(district.parent_id, []).append(district)
    targets = []
    for province in provinces:
        plan = Plan.objects.create(
            code=f"bench-{province.code}", title=f"Kế hoạch GDNN {province.name} 2016–2025",
            issuer=province, kind=Plan.Kind.STRATEGY, first_year=FIRST_YEAR,
            last_year=LAST_YEAR, status=Plan.Status.ISSUED, units_deadline="12-15",
        )
        children = districts.get(province.pk, [])
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            growth = 1 + 0.03 * (year - FIRST_YEAR)
            for code, kind, base in MEASURED:
                value = base * (1.02 if kind == "rate" else 300 * growth)
                targets.append(Target(plan=plan, indicator=indicators[code], unit=province,
                                      year=year, operator="gte", value=round(value, 1)))
                if code in QUOTA_INDICATORS and year < LAST_YEAR:
                    for district in children:
                        targets.append(Target(
                            plan=plan, indicator=indicators[code], unit=district, year=year,
                            operator="gte", value=round(base * 15 * growth),
                        ))
    Target.objects.bulk_create(targets, batch_size=5000)
    return len(targets)


def write_grid_plans(indicators: dict[str, Indicator]) -> int:
    """A draft plan for each grid province, as the bench plans are filled: the province's
    target of every measured indicator, a quota of each quota indicator on every unit."""
    targets = []
    for code, year in (GRID_BASE, GRID_LARGE):
        province = Unit.objects.valid_on(datetime.date(year, 1, 1)).get(
            code=code, level=Unit.Level.PROVINCE
        )
        plan = Plan.objects.create(
            code=f"bench-grid-{code}", title=f"Kế hoạch GDNN {province.name} năm {year}",
            issuer=province, kind=Plan.Kind.ANNUAL, first_year=year, last_year=year,
        )
        for code_, kind, base in MEASURED:
            value = base * (1.02 if kind == "rate" else 300)
            targets.append(Target(plan=plan, indicator=indicators[code_], unit=province,
                                  year=year, operator="gte", value=round(value, 1)))
        for unit in quota_units(plan, year):
            for code_ in QUOTA_INDICATORS:
                base = next(b for c, _k, b in MEASURED if c == code_)
                targets.append(Target(plan=plan, indicator=indicators[code_], unit=unit,
                                      year=year, operator="gte", value=base * 5))
    Target.objects.bulk_create(targets, batch_size=5000)
    return len(targets)


def build(only: str) -> None:
    started = time.perf_counter()
    provinces = {GRID_BASE[0], GRID_LARGE[0]} if only == "grid" else None
    result = units_load(provinces=provinces)
    say(f"units: {result.created} created ({time.perf_counter() - started:.0f} s)")
    indicators = {i.code: i for i in Indicator.objects.all()}
    say(f"indicators: {len(indicators)} (the whole catalogue)")
    with transaction.atomic():
        count = write_grid_plans(indicators)
    say(f"grid targets: {count}")
    if only == "grid":
        return
    started = time.perf_counter()
    with transaction.atomic():
        count = write_plans(indicators)
    say(f"targets: {count} ({time.perf_counter() - started:.0f} s)")
    started = time.perf_counter()
    units = list(Unit.objects.only("id", "level", "valid_from", "valid_until").order_by("pk"))
    with transaction.atomic():
        count = write_actuals(units, indicators)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(f"actuals: {count} ({time.perf_counter() - started:.0f} s)")


# --- timing -----------------------------------------------------------------------------------


def pages(province: Unit) -> dict[str, str]:
    code = f"bench-{province.code}"
    dashboard = reverse("reports:dashboard")
    return {
        "dashboard": f"{dashboard}?plan={code}&year={YEAR}",
        "dashboard (year in progress)": f"{dashboard}?plan={code}&year={LAST_YEAR}",
        "progress": reverse("reports:progress", args=[code, YEAR]),
        "allocation": reverse("reports:allocation", args=[code, YEAR, "graduates_attracted"]),
        "milestones": reverse("reports:milestones", args=[code]),
        "official": reverse("reports:official", args=[code, YEAR]),
        "progress XLSX": reverse("reports:progress_xlsx", args=[code, YEAR]),
        "chart CSV": reverse("reports:dashboard_chart_csv", args=["units"])
        + f"?plan={code}&year={YEAR}",
    }


def time_page(client: Client, url: str, repeat: int) -> tuple[list[float], int]:
    client.get(url)  # warm up
    timings = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries = len(captured)
    return timings, queries


def viewer_of(province: Unit):
    user = get_user_model().objects.create_user(username=f"bench-{province.code}")
    Membership.objects.create(user=user, unit=province, role="viewer")
    client = Client()
    client.force_login(user)
    return client


def officer_of(province: Unit) -> Client:
    user = get_user_model().objects.create_user(username=f"bench-officer-{province.code}")
    Membership.objects.create(user=user, unit=province, role="officer")
    client = Client()
    client.force_login(user)
    return client


def time_column_save(client: Client, plan: Plan, year: int, repeat: int) -> tuple[list, int, int]:
    """Save the column of GRID_COLUMN (a quota for every unit) `repeat` times, each time to
    new values so every cell is written; (timings, cells posted, queries of the last)."""
    url = reverse("targets:grid", args=[plan.code, year])
    units = quota_units(plan, year)
    timings = []
    queries = 0
    for i in range(repeat + 1):  # the first one warms up
        # As the page's script posts them: the changed cells packed into one field.
        cells = {f"cell-{GRID_COLUMN}-{unit.pk}": str(200 + i) for unit in units}
        data = {"cells": json.dumps(cells), "action": "save"}
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.post(url, data)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 302:
            raise SystemExit(f"saving the column of {plan.code} answered {response.status_code}")
        if i:
            timings.append(elapsed)
        queries = len(captured)
    return timings, len(units), queries


class GridTiming(NamedTuple):
    units: int
    page: list[float]
    page_queries: int
    save: list[float]
    cells: int
    save_queries: int


def run_grid(repeat: int) -> bool:
    """The grid page and a column's save, 30 districts against 166 communes."""
    timings = []
    for code, year in (GRID_BASE, GRID_LARGE):
        plan = Plan.objects.get(code=f"bench-grid-{code}")
        client = officer_of(plan.issuer)
        url = reverse("targets:grid", args=[plan.code, year])
        page, page_queries = time_page(client, url, repeat)
        save, cells, save_queries = time_column_save(client, plan, year, repeat)
        timings.append(GridTiming(len(quota_units(plan, year)), page, page_queries, save, cells,
                                  save_queries))
    small, large = timings
    base = statistics.median(small.page)
    indicators = Indicator.objects.for_unit(Plan.objects.get(code="bench-grid-38").issuer).count()
    say(f"\ntarget grid: {indicators} indicators × units, against the page of {small.units} "
        f"districts (median {base:.1f} ms)\n")
    say(f"{'grid':<34} {'median ms':>10} {'worst ms':>10} {'× 30':>6} {'queries':>8}")
    ok = True
    for timing in timings:
        for name, values, queries in (
            (f"page, {timing.units} units", timing.page, timing.page_queries),
            (f"save of a column, {timing.cells} cells", timing.save, timing.save_queries),
        ):
            median = statistics.median(values)
            missed = timing is large and median / base > GRID_GOAL_RATIO
            ok = ok and not missed
            say(f"{name:<34} {median:>10.1f} {max(values):>10.1f} {median / base:>6.2f} "
                f"{queries:>8}  {f'over {GRID_GOAL_RATIO:.0f}×' if missed else 'ok'}")
    if small.page_queries != large.page_queries:
        say("the grid page's queries depend on the units")
        ok = False
    return ok


def run(repeat: int) -> bool:
    day = datetime.date(YEAR, 1, 1)
    main = Unit.objects.valid_on(day).get(code=MAIN_PROVINCE, level=Unit.Level.PROVINCE)
    small = Unit.objects.valid_on(day).get(code=SMALL_PROVINCE, level=Unit.Level.PROVINCE)
    main_client, small_client = viewer_of(main), viewer_of(small)
    districts = Unit.objects.filter(parent=main).valid_on(day).count()
    small_districts = Unit.objects.filter(parent=small).valid_on(day).count()
    say(f"\n{main.name} ({districts} districts) against {small.name} ({small_districts}), "
        f"{repeat} requests per page\n")
    # The baseline: the province's own unit page (the same layout, login and session, a few
    # small queries), timed in this run, so the ratios hold on a busy or a quiet machine.
    baseline_url = reverse("districts:unit", args=[main.pk])
    baseline = statistics.median(time_page(main_client, baseline_url, repeat)[0])
    say(f"baseline: the unit page of {main.name}, median {baseline:.1f} ms\n")
    say(f"{'page':<30} {'median ms':>10} {'worst ms':>10} {'× base':>7} {'queries':>8} "
        f"{'small':>6}")
    ok = True
    for (name, url), small_url in zip(
        pages(main).items(), pages(small).values(), strict=True
    ):
        timings, queries = time_page(main_client, url, repeat)
        _small_timings, small_queries = time_page(small_client, small_url, max(3, repeat // 5))
        median = statistics.median(timings)
        flags = []
        if median > GOAL_MS:
            flags.append(f"over {GOAL_MS:.0f} ms")
        if queries != small_queries:
            flags.append("queries depend on the units")
        ok = ok and not flags
        say(f"{name:<30} {median:>10.1f} {max(timings):>10.1f} {median / baseline:>7.1f} "
            f"{queries:>8} {small_queries:>6}  {'; '.join(flags) or 'ok'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests per page (20)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--only", choices=("all", "pages", "grid"), default="all",
                        help="time only the report pages or only the target grid (all)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        say("The benchmark needs PostgreSQL: set DATABASE_URL, or run `make bench-dashboard`, "
            "which starts a throwaway server.")
        return 2
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    say(f"database {connection.settings_dict['NAME']} (dropped at the end)")
    try:
        build(args.only)
        ok = True
        if args.only != "grid":
            ok = run(args.repeat)
        if args.only != "pages":
            ok = run_grid(args.repeat) and ok
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    say("\nall goals met" if ok else "\nsome goals missed")
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
