"""How fast a national report file imports, against a plain COPY of the same rows.

    make bench-import
    # or, against a PostgreSQL server of your own:
    DATABASE_URL=postgres://… .venv/bin/python bench/import_bench.py

Everything happens in a database of its own, `bench_import_<name>` on the same server,
created at the start and dropped at the end: the database of DATABASE_URL is never
written (the role needs the right to create databases).

Generates a long report file for every commune of 2025 (the ~3.321 units after the
reorganisation, loaded with `districts.services.units_load()`) × every catalogue
indicator — about 86.000 rows —, then imports it as the system operator, imports it
again unchanged, COPYs the same file into a bare table, and times the database writes
alone (the values put back by one INSERT … SELECT, their history rows, the commit),
printing rows per second for each, the import ÷ COPY and import ÷ writes ratios and the
process's peak memory. It runs twice, with half the
communes and with all of them, each in a fresh process, so the two peaks show whether
memory grows with the file.

Then it empties the tables again and posts the same values as one DHIS2 data value set
(JSON, `idScheme=code`) to `POST /api/dataValueSets` through Django's test client — token
check, parsing, resolving, each report checked by the entry page's rules and the
writes in bulk through `actuals_save_many` —,
then posts it again unchanged, and prints the values per second of both against the file
import's.

Goals (issue "Importing district reports"): first import ≥ 10.000 rows/s end to end
(parse, check, write, history rows), within 5× of the COPY; re-import ≥ 20.000 rows/s;
peak memory not proportional to the file.

Then it imports an official sheet of the same size (issue 11, item 7): an XLSX with a
letterhead, a two-row header merged over six indicators' "Kế hoạch / Thực hiện năm 2025"
pairs, a column-number row, every 2025 commune as a row (TT, code, name) and a total row,
and reports its values per second against the long file's first import in the same run.
Goal: at least half the long file's rate. Last, it posts the same values as one DHIS2 data
value set through the API (issue "An open API"): goal, at least half the file import's
values per second.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

GOAL_FIRST = 10_000
GOAL_AGAIN = 20_000
GOAL_RATIO = 5
GOAL_OFFICIAL_SHARE = 0.5  # the official sheet's values/s ÷ the long file's
OFFICIAL_INDICATORS = (
    ("enrol_total", "Tuyển sinh giáo dục nghề nghiệp (người)"),
    ("enrol_college", "Trình độ cao đẳng (người)"),
    ("enrol_intermediate", "Trình độ trung cấp (người)"),
    ("enrol_elementary", "Sơ cấp, ngắn hạn và khác (người)"),
    ("trained_rate", "Tỷ lệ lao động qua đào tạo (%)"),
    ("certified_rate", "Tỷ lệ lao động có bằng cấp, chứng chỉ (%)"),
)
GOAL_API_SHARE = 0.5
PERIOD = "2025"
DAY = datetime.date(2025, 12, 31)


def setup_django() -> None:
    import django

    django.setup()


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the parent: database, units, then one child per size --------------------------------


def prepare() -> None:
    from django.core.management import call_command

    from districts.models import Unit
    from districts.services import units_load

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    units_load()
    communes = Unit.objects.valid_on(DAY).filter(level=Unit.Level.COMMUNE).count()
    print(f"units loaded in {time.perf_counter() - started:.1f} s; "
          f"{communes} communes valid on {DAY:%d/%m/%Y}")


def scratch_database(url: str) -> tuple[str, str]:
    """(the scratch database's name, DATABASE_URL pointing at it)."""
    parts = urlsplit(url)
    name = "bench_import_" + (parts.path.lstrip("/") or "postgres")
    return name, urlunsplit(parts._replace(path="/" + name))


def _admin(url: str, sql: str) -> None:
    import psycopg2

    connection = psycopg2.connect(url)
    connection.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def run_child(*args: str) -> str:
    # The parent stays small (it never loads Django): a child's ru_maxrss starts from
    # the memory of the process it was forked from, so a big parent would hide it.
    output = subprocess.run(
        [sys.executable, __file__, *args],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    )
    sys.stderr.write(output.stderr)
    return output.stdout


def measure(share: float) -> dict:
    return json.loads(run_child("--child", "--share", str(share)).strip().splitlines()[-1])


def report(results: list[dict]) -> int:
    print()
    print(f"{'rows':>8} {'first import':>14} {'re-import':>12} {'COPY':>12} {'ratio':>7} "
          f"{'writes alone':>14} {'ratio':>6} {'peak RSS':>10} {'before import':>14}")
    for r in results:
        print(f"{r['rows']:>8} {r['first_rate']:>10.0f} r/s {r['again_rate']:>8.0f} r/s "
              f"{r['copy_rate']:>8.0f} r/s {r['ratio']:>6.1f}× {r['floor_rate']:>10.0f} r/s "
              f"{r['floor_ratio']:>5.1f}× {r['peak_mb']:>7.0f} MB {r['before_mb']:>11.0f} MB")
    print("(ratio: the first import's time ÷ the COPY's, then ÷ the writes alone)")
    print()
    print(f"{'values':>8} {'API first':>12} {'÷ file':>7} {'API again':>12} {'÷ file':>7} "
          f"{'peak RSS':>10}")
    for r in results:
        print(f"{r['rows']:>8} {r['api_first_rate']:>8.0f} r/s {r['api_share']:>6.2f}× "
              f"{r['api_again_rate']:>8.0f} r/s {r['api_again_rate'] / r['again_rate']:>6.2f}× "
              f"{r['api_peak_mb']:>7.0f} MB")
    print("(÷ file: the data value set's values per second ÷ the file import's, first and "
          "again)")
    small, big = results[0], results[-1]
    growth = big["peak_mb"] / small["peak_mb"]
    file_growth = big["rows"] / small["rows"]
    print()
    print(f"rows ×{file_growth:.2f} → peak memory ×{growth:.2f}")
    checks = [
        (f"first import ≥ {GOAL_FIRST} rows/s", big["first_rate"] >= GOAL_FIRST),
        (f"first import within {GOAL_RATIO}× of COPY", big["ratio"] <= GOAL_RATIO),
        (f"re-import ≥ {GOAL_AGAIN} rows/s", big["again_rate"] >= GOAL_AGAIN),
        ("peak memory not proportional to the file", growth < 1 + (file_growth - 1) / 2),
        (f"data value set ≥ {GOAL_API_SHARE:.0%} of the file import's rows/s",
         big["api_share"] >= GOAL_API_SHARE),
    ]
    print()
    print(f"{'official sheet':>14} {'sheet rows':>11} {'values':>8} {'import':>9} "
          f"{'values/s':>10} {'÷ long file':>12}")
    for r in results:
        share = r["official_rate"] / r["first_rate"]
        print(f"{'':>14} {r['official_rows']:>11} {r['official_values']:>8} "
              f"{r['official_time']:>7.2f} s {r['official_rate']:>10.0f} {share:>11.2f}×")
    checks.append((
        f"official sheet ≥ {GOAL_OFFICIAL_SHARE:.0%} of the long file's values/s",
        big["official_rate"] >= GOAL_OFFICIAL_SHARE * big["first_rate"],
    ))
    for label, ok in checks:
        print(f"  {'met    ' if ok else 'NOT MET'}  {label}")
    return 0


# --- the child: one size ---------------------------------------------------------------------


def _values(rng: random.Random) -> dict[str, str]:
    """One commune's year, consistent so that no warning fires: components add up, of-which
    parts stay below their whole. Counts with a thousands dot, rates with a decimal comma."""

    def count(low: int, high: int) -> int:
        return rng.randint(low, high)

    def rate(low: float = 40, high: float = 99) -> Decimal:
        return Decimal(str(round(rng.uniform(low, high), 1)))

    college, intermediate, elementary = count(0, 400), count(0, 900), count(200, 6000)
    trained = rate(50, 90)
    numbers: dict[str, object] = {
        "enrol_total": college + intermediate + elementary,
        "enrol_college": college,
        "enrol_intermediate": intermediate,
        "enrol_elementary": elementary,
        "enrol_support_demobilized": count(0, elementary // 10),
        "enrol_support_released_prisoners": count(0, elementary // 20),
        "enrol_support_poor_disabled_sme": count(0, elementary // 10),
        "trained_rate": trained,
        "certified_rate": Decimal(str(round(float(trained) * rng.uniform(0.4, 0.9), 1))),
        "rural_trainees": count(50, 3000),
        "graduates_attracted": count(0, 500),
        "high_quality_schools": count(0, 3),
        "key_occupations": count(0, 12),
        "institutions": count(0, 8),
    }
    texts = {}
    for code, value in numbers.items():
        if isinstance(value, Decimal):
            texts[code] = str(value).replace(".", ",")
        else:
            texts[code] = f"{value:,}".replace(",", ".")
    return texts


def write_file(path: Path, share: float) -> int:
    from districts.models import Unit
    from targets.models import Indicator

    communes = list(
        Unit.objects.valid_on(DAY)
        .filter(level=Unit.Level.COMMUNE)
        .order_by("path")
        .values_list("code", "name")
    )
    communes = communes[: max(1, round(len(communes) * share))]
    codes = list(Indicator.objects.order_by("sort_order").values_list("code", flat=True))
    rng = random.Random(2025)
    rows = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["ma_don_vi", "ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri"])
        for code, name in communes:
            values = _values(rng)
            for indicator in codes:
                value = values.get(indicator) or str(rng.randint(400, 990) / 10).replace(".", ",")
                writer.writerow([code, name, indicator, PERIOD, value])
                rows += 1
    return rows


def write_official_file(path: Path, share: float) -> tuple[int, int]:
    """The official sheet of the same communes: (unit rows, values). Counts and rates
    are stored as numbers, as Excel stores them; plan figures near the results."""
    from openpyxl import Workbook

    from districts.models import Unit

    communes = list(
        Unit.objects.valid_on(DAY)
        .filter(level=Unit.Level.COMMUNE)
        .order_by("path")
        .values_list("code", "name")
    )
    communes = communes[: max(1, round(len(communes) * share))]
    rng = random.Random(2025)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"])
    sheet.append(["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU GIÁO DỤC NGHỀ NGHIỆP THEO XÃ, PHƯỜNG"])
    sheet.append([])
    groups: list[object] = ["TT", "Mã đơn vị", "Tên đơn vị"]
    roles: list[object] = [None, None, None]
    for _code, name in OFFICIAL_INDICATORS:
        groups += [name, None]
        roles += ["Kế hoạch năm 2025", "Thực hiện năm 2025"]
    sheet.append(groups)
    sheet.append(roles)
    sheet.append(["A", "B", "C", *range(1, 2 * len(OFFICIAL_INDICATORS) + 1)])
    for column in "ABC":
        sheet.merge_cells(f"{column}4:{column}5")
    for i in range(len(OFFICIAL_INDICATORS)):
        first = 4 + 2 * i  # 1-based column of the group
        sheet.merge_cells(start_row=4, start_column=first, end_row=4, end_column=first + 1)
    totals = [0] * len(OFFICIAL_INDICATORS)
    for number, (code, name) in enumerate(communes, start=1):
        texts = _values(rng)
        cells: list[object] = [number, code, name]
        for i, (indicator, _name) in enumerate(OFFICIAL_INDICATORS):
            text = texts[indicator]
            value: object = (float(text.replace(",", ".")) if "," in text
                             else int(text.replace(".", "")))
            if isinstance(value, int):
                totals[i] += value
                plan: object = value + rng.randint(0, 50)
            else:
                plan = round(float(value) + 1, 1)
            cells += [plan, value]
        sheet.append(cells)
    total_row: list[object] = ["Tổng cộng", None, None]
    for i, (indicator, _name) in enumerate(OFFICIAL_INDICATORS):
        total_row += [None, totals[i] if not indicator.endswith("_rate") else None]
    sheet.append(total_row)
    sheet.append([])
    sheet.append([None, None, None, None, None, None, None, None, "NGƯỜI LẬP BIỂU"])
    workbook.save(path)
    return len(communes), len(communes) * len(OFFICIAL_INDICATORS)


def data_value_set(path: Path) -> dict:
    """The file's values as one DHIS2 data value set: codes, plain numbers (`1400`, `74.2`)."""
    values = []
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream, delimiter=";")
        next(reader)
        for code, _name, indicator, period, value in reader:
            number = value.replace(".", "").replace(",", ".")
            values.append({"dataElement": indicator, "period": period, "orgUnit": code,
                           "value": number})
    return {"dataValues": values}


def post_data_value_set(body: bytes) -> tuple[float, dict]:
    """POST the set through the API as a superuser's token, the way another system would."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from api.services import token_create
    from districts.scope import SYSTEM

    user, _created = get_user_model().objects.get_or_create(
        username="bench.api", defaults={"is_superuser": True, "is_staff": True}
    )
    key = token_create(user=user, name="bench", read_only=False, actor=SYSTEM).key
    client = Client(HTTP_HOST="localhost")
    started = time.perf_counter()
    response = client.post("/api/dataValueSets", body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    elapsed = time.perf_counter() - started
    summary = response.json()
    if response.status_code != 200:
        raise SystemExit(f"data value set refused: {response.status_code} "
                         f"{json.dumps(summary, ensure_ascii=False)[:2000]}")
    return elapsed, summary["importCount"]


def empty_tables() -> None:
    from django.db import connection

    from reports.models import Actual, ImportBatch, Submission

    tables = [Actual._meta.db_table, Actual.history.model._meta.db_table,
              Submission._meta.db_table, Submission.history.model._meta.db_table,
              ImportBatch._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def copy_file(path: Path) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(
            "CREATE TABLE bench_copy (ma_don_vi text, ten_don_vi text, ma_chi_tieu text, "
            "ky_bao_cao text, gia_tri text)"
        )
        with path.open("r", encoding="utf-8-sig") as stream:
            started = time.perf_counter()
            cursor.cursor.copy_expert(
                "COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')",
                stream,
            )
            elapsed = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_copy")
    return elapsed


def write_floor(batch_id: int) -> float:
    """The writes alone, the floor of any import into this schema: the values of the first
    import put back into `reports_actual` by one `INSERT … SELECT` from a copy (no file,
    no parsing, no checking), their history rows written as the import writes them, and
    the commit (which runs the foreign-key checks)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from reports.imports.writing import history_record
    from reports.models import Actual

    table, history = Actual._meta.db_table, Actual.history.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE bench_values AS SELECT * FROM {table}")
        cursor.execute(f"TRUNCATE {table}, {history}")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} SELECT * FROM bench_values")
        history_record(batch_id=batch_id, when=timezone.now(), reason="bench", user_id=None)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_values")
    return elapsed


def child(share: float) -> None:
    setup_django()
    from django.db import connection

    from districts.scope import SYSTEM
    from reports.imports.importer import ImportResult, report_file_import
    from reports.models import Actual

    if connection.vendor != "postgresql":
        raise SystemExit("the benchmark needs PostgreSQL: run it with `make bench-import`")
    empty_tables()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bao-cao-2025.csv"
        rows = write_file(path, share)
        before_mb = peak_rss_mb()  # Django, the catalogue, the file written (streamed)

        def timed_import() -> tuple[float, ImportResult]:
            started = time.perf_counter()
            with path.open("rb") as stream:
                result = report_file_import(stream=stream, file_name=path.name, actor=SYSTEM)
            return time.perf_counter() - started, result

        first_time, first = timed_import()
        if not first.written or first.created != rows:
            problems = "\n".join(str(p) for p in first.sorted_problems()[:10])
            raise SystemExit(f"first import failed: {first.summary()}\n{problems}")
        assert Actual.history.count() == rows
        again_time, again = timed_import()
        assert again.unchanged == rows, again.summary()
        copy_time = copy_file(path)
        assert first.batch is not None
        floor_time = write_floor(first.batch.pk)
        file_peak_mb = peak_rss_mb()
        body = json.dumps(data_value_set(path)).encode()

        # The official sheet, into empty tables as the long file's first import was.
        empty_tables()
        sheet = Path(folder) / "ket-qua-2025.xlsx"
        sheet_rows, sheet_values = write_official_file(sheet, share)
        started = time.perf_counter()
        with sheet.open("rb") as stream:
            official = report_file_import(stream=stream, file_name=sheet.name, actor=SYSTEM)
        official_time = time.perf_counter() - started
        if not official.written or official.created != sheet_values:
            problems = "\n".join(str(p) for p in official.sorted_problems()[:10])
            raise SystemExit(f"official sheet failed: {official.summary()}\n{problems}")
        assert official.layout is not None and official.layout.kind == "official"
    empty_tables()
    api_time, counts = post_data_value_set(body)
    assert counts["imported"] == rows, counts
    assert Actual.history.count() == rows
    api_again_time, counts = post_data_value_set(body)
    assert counts["ignored"] == rows, counts
    print(f"{rows} rows: first {first_time:.2f} s, again {again_time:.2f} s, "
          f"COPY {copy_time:.3f} s, writes alone {floor_time:.2f} s; official sheet "
          f"{sheet_values} values in {official_time:.2f} s; "
          f"API {api_time:.2f} s, again {api_again_time:.2f} s ({len(body)} bytes)",
          file=sys.stderr)
    print(json.dumps({
        "rows": rows,
        "first_rate": rows / first_time,
        "again_rate": rows / again_time,
        "copy_rate": rows / copy_time,
        "ratio": first_time / copy_time,
        "floor_rate": rows / floor_time,
        "floor_ratio": first_time / floor_time,
        "peak_mb": file_peak_mb,
        "before_mb": before_mb,
        "official_rows": sheet_rows,
        "official_values": sheet_values,
        "official_time": official_time,
        "official_rate": sheet_values / official_time,
        "api_first_rate": rows / api_time,
        "api_again_rate": rows / api_again_time,
        "api_share": first_time / api_time,
        "api_peak_mb": peak_rss_mb(),
    }))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--share", type=float, default=1.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        setup_django()
        prepare()
        return 0
    if args.child:
        child(args.share)
        return 0
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        print("DATABASE_URL must point at PostgreSQL: run `make bench-import`, which starts a "
              "throwaway server", file=sys.stderr)
        return 2
    name, scratch_url = scratch_database(url)
    _admin(url, f'DROP DATABASE IF EXISTS "{name}"')
    _admin(url, f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = scratch_url  # for the children
    try:
        print(run_child("--prepare").strip())
        return report([measure(0.5), measure(1.0)])
    finally:
        _admin(url, f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    sys.exit(main())
