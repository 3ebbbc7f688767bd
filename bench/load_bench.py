"""Requests per second and latency of the leaders' pages under concurrent clients, served by
gunicorn (4 workers) from PostgreSQL with the national data set of `make bench-dashboard`.

    make bench-load                           # a throwaway server, started and removed
    DATABASE_URL=postgres://… .venv/bin/python bench/load_bench.py [--seconds 10]

Builds the data set of bench/dashboard_bench.py (every unit of both eras, one ten-year
plan per province with district quotas, ~890.000 actuals) in a scratch database
(`test_<name>`, dropped at the end), hands in every report (approved up to 2024,
submitted in 2025, Ba Đình's 2024 report still a draft), logs in a viewer of Hà
Nội and a reporter of Ba Đình (session cookies), and starts gunicorn on 127.0.0.1 with
the production settings (DEBUG off). Then, for 1 and for 10 clients — threads, each
with its own keep-alive connection, started together — it asks for each page over and
over for a bounded time and a bounded number of requests, whichever ends first, and
prints requests per second and the 50th, 95th and 99th percentile of the time to the
last byte, with each page's throughput against the plain page's in the same run.

The plain page is the province's unit page (the same layout, session, header and inbox
count as every page, one small query of its own): the baseline of bench-dashboard. The
login page, anonymous, is shown beside it for reference. Goal: at 10 clients, the
dashboard and the progress table each serve at least half the plain page's requests per
second. Exit status 1 when it is missed with --strict. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import dashboard_bench as national  # noqa: E402  (sets Django up)
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from districts.models import Membership, Unit  # noqa: E402

GOAL_RATIO = 0.5
HOST = "127.0.0.1"
WORKERS = 4
YEAR = national.YEAR  # 2024, a closed year
DRAFT_UNIT, DRAFT_PERIOD = "001", "2024"  # Quận Ba Đình's report, being entered


def say(message: str) -> None:
    print(message, flush=True)


# --- the data: reports handed in, people logged in ---------------------------------------------


def submissions_write() -> int:
    """One report per unit and period with values, written in one statement as the data
    set itself is (scratch data, no history): approved up to 2024, submitted in 2025,
    except the draft being entered on the entry page."""
    draft = old_era_unit(DRAFT_UNIT)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO reports_submission
                (unit_id, period, year, state, reason, submitted_at, reviewed_at, updated_at)
            SELECT unit_id, period, year, state, '',
                   CASE WHEN state <> 'draft' THEN now() END,
                   CASE WHEN state = 'approved' THEN now() END, now()
            FROM (
                SELECT DISTINCT unit_id, period, year,
                       CASE WHEN unit_id = %s AND period = %s THEN 'draft'
                            WHEN year < 2025 THEN 'approved' ELSE 'submitted' END AS state
                FROM reports_actual
            ) AS reported
            """,
            [draft.pk, DRAFT_PERIOD],
        )
        count = cursor.rowcount
        # Each value belongs to its report, as the entry page and the importer file it:
        # the pages join the values to their report's state through this key.
        cursor.execute(
            """
            UPDATE reports_actual AS actual SET submission_id = report.id
            FROM reports_submission AS report
            WHERE report.unit_id = actual.unit_id AND report.period = actual.period
            """
        )
        cursor.execute("ANALYZE reports_submission")
        cursor.execute("ANALYZE reports_actual")
    return count


def old_era_unit(code: str) -> Unit:
    day = datetime.date(YEAR, 1, 1)
    return Unit.objects.valid_on(day).get(code=code)


def session_of(username: str, role: str, unit: Unit) -> str:
    """The session cookie of a new user with that role on that unit (sessions live in the
    database, so every gunicorn worker knows it)."""
    user = get_user_model().objects.create_user(username=username)
    Membership.objects.create(user=user, unit=unit, role=role)
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    session: str | None  # None: anonymous
    plain: bool = False


def pages() -> list[Page]:
    hanoi = old_era_unit(national.MAIN_PROVINCE)
    ba_dinh = old_era_unit(DRAFT_UNIT)
    viewer = session_of("load-viewer-01", "viewer", hanoi)
    reporter = session_of("load-reporter-001", "reporter", ba_dinh)
    plan = f"bench-{hanoi.code}"
    return [
        Page("plain page (unit page)", reverse("districts:unit", args=[hanoi.pk]), viewer,
             plain=True),
        Page("login page (anonymous)", reverse("login"), None),
        Page("dashboard", f"{reverse('reports:dashboard')}?plan={plan}&year={YEAR}", viewer),
        Page("progress table", reverse("reports:progress", args=[plan, YEAR]), viewer),
        Page("entry page", reverse("reports:entry", args=[ba_dinh.pk, DRAFT_PERIOD]), reporter),
    ]


# --- gunicorn -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The scratch database, for the gunicorn processes."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def gunicorn_start(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "false",
        # The sessions were signed here: the workers must check them with the same key.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url(),
        "LOG_LEVEL": "WARNING",
        # WhiteNoise warns that nothing was collected: the benchmark asks for pages only.
        "PYTHONWARNINGS": "ignore:No directory at",
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")), "config.wsgi",
        "--bind", f"{HOST}:{port}", "--workers", str(WORKERS), "--timeout", "60",
        "--log-level", "warning",
    ]
    # Its own process group, so that stopping it stops its workers too.
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def gunicorn_stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def wait_ready(port: int, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _size = fetch(http.client.HTTPConnection(HOST, port, timeout=5), path, None)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"gunicorn did not answer on {HOST}:{port} within {seconds:.0f} s")


# --- the load ---------------------------------------------------------------------------------


def fetch(conn: http.client.HTTPConnection, path: str, session: str | None) -> tuple[int, int]:
    headers = {"Host": HOST, "Accept-Encoding": "identity"}
    if session:
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={session}"
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    return response.status, len(body)


@dataclass
class Run:
    page: Page
    clients: int
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)  # ms
    errors: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[share - 1]


def load(port: int, page: Page, *, clients: int, seconds: float, most: int) -> Run:
    """`clients` threads asking for the page until `seconds` have passed or `most`
    requests were made in all, whichever comes first."""
    run = Run(page=page, clients=clients)
    lock = threading.Lock()
    started = threading.Barrier(clients + 1)
    state = {"left": most, "deadline": 0.0}

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        started.wait()
        try:
            while True:
                with lock:
                    if state["left"] <= 0 or time.monotonic() >= state["deadline"]:
                        return
                    state["left"] -= 1
                began = time.perf_counter()
                try:
                    status, _size = fetch(conn, page.path, page.session)
                except (OSError, http.client.HTTPException) as error:
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=60)
                    with lock:
                        run.errors.append(f"{type(error).__name__}: {error}")
                    continue
                took = (time.perf_counter() - began) * 1000
                with lock:
                    if status == 200:
                        run.latencies.append(took)
                    else:
                        run.errors.append(f"HTTP {status}")
        finally:
            conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    begin = time.monotonic()
    state["deadline"] = begin + seconds
    started.wait()
    for thread in threads:
        thread.join(timeout=seconds + 90)
    run.elapsed = time.monotonic() - begin
    return run


def warm_up(port: int, page_list: list[Page]) -> None:
    """Every page answers 200 (a redirect to the login page would time nothing), and every
    worker loads its code and caches before anything is timed."""
    for page in page_list:
        status, size = fetch(http.client.HTTPConnection(HOST, port, timeout=60), page.path,
                             page.session)
        if status != 200:
            raise SystemExit(f"{page.name} ({page.path}) answered {status}")
        say(f"  {page.name}: {size} bytes")
        load(port, page, clients=WORKERS * 2, seconds=3, most=WORKERS * 4)


def table(runs: list[Run]) -> bool:
    say(f"\n{'page':<24} {'clients':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7} {'× plain':>8}  errors")
    ok = True
    plain = {run.clients: run.per_second for run in runs if run.page.plain}
    for run in runs:
        ratio = run.per_second / plain[run.clients] if plain.get(run.clients) else float("nan")
        flag = ""
        goal = run.clients >= 10 and run.page.name in ("dashboard", "progress table")
        if goal and ratio < GOAL_RATIO:
            flag = f"  below {GOAL_RATIO:.1f}× the plain page"
            ok = False
        if run.errors:
            ok = False
        say(f"{run.page.name:<24} {run.clients:>7} {len(run.latencies):>8} "
            f"{run.per_second:>7.1f} {run.percentile(50):>7.1f} {run.percentile(95):>7.1f} "
            f"{run.percentile(99):>7.1f} {ratio:>8.2f}  {len(run.errors)}{flag}")
        for error in sorted(set(run.errors))[:3]:
            say(f"{'':<24} {error}")
    return ok


def measure(port: int, page_list: list[Page], *, client_counts: list[int], seconds: float,
            most: int) -> bool:
    warm_up(port, page_list)
    runs = []
    for clients in client_counts:
        for page in page_list:
            run = load(port, page, clients=clients, seconds=seconds, most=most)
            say(f"  {page.name}, {clients} client(s): {len(run.latencies)} requests "
                f"in {run.elapsed:.1f} s")
            runs.append(run)
    return table(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="time per page and number of clients (10)")
    parser.add_argument("--max-requests", type=int, default=3000,
                        help="requests per page and number of clients at most (3000)")
    parser.add_argument("--clients", default="1,10", help="numbers of clients (1,10)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        say("The benchmark needs PostgreSQL: set DATABASE_URL, or run `make bench-load`, "
            "which starts a throwaway server.")
        return 2
    client_counts = [int(n) for n in args.clients.split(",")]
    # Stopped from outside (Ctrl-C, `kill`): stop gunicorn and drop the database all the same.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    say(f"database {connection.settings_dict['NAME']} (dropped at the end)")
    server = None
    try:
        national.build("all")
        say(f"reports: {submissions_write()} handed in")
        page_list = pages()
        port = free_port()
        server = gunicorn_start(port)
        wait_ready(port, reverse("login"))
        say(f"gunicorn: {WORKERS} workers on {HOST}:{port}; {args.seconds:.0f} s or "
            f"{args.max_requests} requests per page and number of clients")
        ok = measure(port, page_list, client_counts=client_counts, seconds=args.seconds,
                     most=args.max_requests)
    finally:
        if server is not None:
            gunicorn_stop(server)
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    say("\nall goals met" if ok else "\nsome goals missed")
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
