"""``manage.py bench_exports``: how fast, and in how much memory, the record leaves the database.

The targets: with 1,000,000 statements the CSV export of all of them (COPY on PostgreSQL, see
``compliance.exports.tables``) takes at most twice a plain ``COPY (the same query) TO STDOUT``
read by psycopg (the floor: the database's own cost of the query), and its process peaks under
300 MB. It also reports the row-by-row CSV writer, XLSX and Parquet of the first --table-rows
statements, and the statement API list under load (wrk against gunicorn) beside a bare Django
view returning the same rows (``devtools.bench_urls``), so DRF's share of a request shows.

By default it builds a throwaway database beside the configured one (``test_<name>``, as
``bench_pages`` does), migrates it, loads the seeds, fills it with ``generate_volume`` and
vacuums it (as autovacuum would have by the time anyone exports); the database is dropped
afterwards unless --keep-db. With --use-current-db it measures the configured database as it is.

Each export runs in a fresh child process (``bench_exports --step <name>``, which prints one
JSON line), so its peak RSS is its own and not the generator's. PostgreSQL only: COPY and the
load test need it. It is a measurement, not a test: it exits 0 whatever the figures."""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from compliance.exports.tables import export_kind, statement_copy_queryset, stream_csv
from devtools.volume import bench_user, volume_database
from compliance.models import Allegation, Statement

TARGET_RATIO = 2.0
TARGET_RSS_MB = 300
BENCH_USER = "bench-admin"
# Straight to gunicorn on 127.0.0.1, whatever proxy the environment names.
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))
GUNICORN_WORKERS = 2
STEP_TIMEOUT_S = 3600

# Child steps, in the order they run. copy-floor runs first and csv-export right after it, so
# the two figures of the ratio see the same warm caches.
STEPS = {
    "copy-floor": "COPY (same SQL) TO STDOUT (floor)",
    "csv-export": "CSV export, COPY path (stream_csv)",
    "csv-iterator": "CSV export, row-by-row writer",
    "copy-table": "COPY statement table TO STDOUT (context)",
    "xlsx": "XLSX export (first {n:,} rows)",
    "parquet": "Parquet export (first {n:,} rows)",
}

# wrk: the token on every request; non-2xx counted per thread (wrk's own error count starts at
# 400); one parseable line from done(). Latencies are in microseconds.
WRK_SCRIPT = """\
wrk.headers["Authorization"] = "Token %(token)s"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local e = summary.errors
  io.write(string.format("BENCH-RESULT %%.3f %%.3f %%.1f %%d %%d %%d\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1000000), bad, summary.requests,
    e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass
class _Step:
    name: str
    label: str
    note: str = ""  # why there is no figure
    seconds: float = 0.0
    rows: int = 0
    bytes: int = 0
    max_rss_mb: float = 0.0
    setup_rss_mb: float = 0.0

    @property
    def measured(self) -> bool:
        return not self.note


@dataclass
class _Load:
    label: str
    path: str
    note: str = ""
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    rps: float = 0.0
    non_2xx: int = 0
    requests: int = 0
    socket_errors: int = 0


class Command(BaseCommand):
    help = (
        f"Measure the statement exports on PostgreSQL (CSV of all statements against a plain COPY: "
        f"target within {TARGET_RATIO:g}x and under {TARGET_RSS_MB} MB; XLSX and Parquet) and the "
        "statement API list under wrk against gunicorn, beside a bare Django view. By default in a "
        "throwaway database filled by generate_volume."
    )
    # It builds and migrates its own database; a system check of the configured one should not stop it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=1_000_000,
                            help="Statements to generate (default 1,000,000).")
        parser.add_argument("--allegations", type=int, default=10_000,
                            help="Allegations to generate (default 10,000).")
        parser.add_argument("--table-rows", type=int, default=100_000,
                            help="Statements in the XLSX and Parquet exports: the first by id (default 100,000).")
        parser.add_argument("--duration", type=int, default=10, help="Seconds of load per endpoint (default 10).")
        parser.add_argument("--connections", type=int, default=8,
                            help="Concurrent connections of the load generator (default 8).")
        parser.add_argument("--page-size", type=int, default=50, help="Rows per API page (default 50).")
        parser.add_argument("--keep-db", action="store_true", help="Keep the throwaway database afterwards.")
        parser.add_argument("--use-current-db", action="store_true",
                            help="Measure the configured database as it is: no throwaway database, "
                            "no generated data.")
        # One measurement in this process, printed as a JSON line: what the parent runs as a child.
        parser.add_argument("--step", choices=list(STEPS), help=argparse.SUPPRESS)

    def handle(self, *args, statements: int, allegations: int, table_rows: int, duration: int,
               connections: int, page_size: int, keep_db: bool, use_current_db: bool,
               step: str | None = None, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                f"bench_exports needs PostgreSQL: the CSV export and its floor are COPY, and the load "
                f"test runs gunicorn against the database. The configured database is {connection.vendor}; "
                "set DATABASE_URL=postgres://user@host:5432/name."
            )
        if table_rows < 1:
            raise CommandError(f"--table-rows must be a positive whole number (got {table_rows}).")
        if step:
            self._step(step, table_rows)
            return
        if duration < 1 or connections < 1:
            raise CommandError("--duration and --connections must be positive whole numbers.")
        if not 1 <= page_size <= 500:
            raise CommandError(f"--page-size must be between 1 and 500, the API's largest page (got {page_size}).")
        if use_current_db:
            self._measure(table_rows, duration, connections, page_size)
            return
        if allegations < 1 or statements < allegations:
            raise CommandError("--allegations must be positive and --statements at least --allegations.")

        with volume_database(self, allegations=allegations, statements=statements, articles=0,
                             keep_db=keep_db):
            started = time.perf_counter()
            # Freshly inserted rows make their first reader set hint bits (and write the pages):
            # vacuum first, so that cost lands on neither side of the ratio.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")
            self.stdout.write(f"VACUUM (ANALYZE): {time.perf_counter() - started:.1f} s")
            self._measure(table_rows, duration, connections, page_size)

    def _measure(self, table_rows: int, duration: int, connections: int, page_size: int) -> None:
        database_url = _database_url(connection.settings_dict)
        total = Statement.objects.count()
        self.stdout.write(f"Data: {Allegation.objects.count():,} allegations, {total:,} statements; "
                          f"database {connection.settings_dict['NAME']}.")
        table_rows = min(table_rows, total) or table_rows
        self._exports(database_url, table_rows)
        self._load(database_url, duration, connections, page_size)

    # ------------------------------------------------------------------ exports (children)
    def _exports(self, database_url: str, table_rows: int) -> None:
        results = []
        for name, label in STEPS.items():
            self.stdout.write(f"  running {name}…")
            results.append(self._run_step(name, label.format(n=table_rows), database_url, table_rows))
        write = self.stdout.write
        width = max(len(r.label) for r in results) + 2
        write("")
        write("Exports, each in a fresh child process (seconds: the export alone; peak RSS: the child's "
              "VmHWM, start-up included; setup RSS: after Django's start-up):")
        write(f"{'step':<{width}} {'seconds':>8} {'rows':>10} {'MB written':>11} {'peak RSS MB':>12} "
              f"{'setup RSS MB':>13} {'rows/s':>10}")
        for r in results:
            if not r.measured:
                write(f"{r.label:<{width}} {r.note}")
                continue
            rate = r.rows / r.seconds if r.seconds else 0
            write(f"{r.label:<{width}} {r.seconds:>8.2f} {r.rows:>10,} {r.bytes / 1e6:>11.1f} "
                  f"{r.max_rss_mb:>12.1f} {r.setup_rss_mb:>13.1f} {rate:>10,.0f}")
        by_name = {r.name: r for r in results}
        export, floor = by_name["csv-export"], by_name["copy-floor"]
        write("")
        if export.measured and floor.measured and floor.seconds > 0:
            ratio = export.seconds / floor.seconds
            write(f"CSV export / COPY floor: {export.seconds:.2f} s / {floor.seconds:.2f} s = {ratio:.2f}x "
                  f"(target at most {TARGET_RATIO:g}x): {self._verdict(ratio <= TARGET_RATIO)}")
            if export.rows != floor.rows:
                write(self.style.WARNING(f"The export wrote {export.rows:,} rows and the floor {floor.rows:,}."))
        else:
            write(self.style.WARNING("CSV export / COPY floor: not measured (see above)."))
        if export.measured:
            write(f"CSV export peak RSS: {export.max_rss_mb:.1f} MB, of which {export.setup_rss_mb:.1f} MB "
                  f"before the export (target under {TARGET_RSS_MB} MB): "
                  f"{self._verdict(export.max_rss_mb < TARGET_RSS_MB)}")

    def _verdict(self, passed: bool) -> str:
        return self.style.SUCCESS("PASS") if passed else self.style.ERROR("FAIL")

    def _run_step(self, name: str, label: str, database_url: str, table_rows: int) -> _Step:
        result = _Step(name, label)
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench_exports",
                   "--step", name, "--table-rows", str(table_rows)]
        try:
            child = subprocess.run(command, cwd=settings.BASE_DIR,
                                   env={**os.environ, "DATABASE_URL": database_url, "DEV_TOOLS": "1"},
                                   capture_output=True, text=True, timeout=STEP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            result.note = f"(timed out after {STEP_TIMEOUT_S} s)"
            return result
        figures = _last_json_line(child.stdout)
        if child.returncode != 0 or figures is None:
            error = (child.stderr.strip().splitlines() or ["no output"])[-1]
            result.note = f"(child exited {child.returncode}: {error[:160]})"
            return result
        result.seconds = figures["seconds"]
        result.rows = figures["rows"]
        result.bytes = figures["bytes"]
        result.max_rss_mb = figures["max_rss_mb"]
        result.setup_rss_mb = figures["setup_rss_mb"]
        return result

    def _step(self, name: str, table_rows: int) -> None:
        """One measurement in this process; prints {"seconds", "rows", "bytes", "max_rss_mb",
        "setup_rss_mb"} as one JSON line. ``max_rss_mb`` is the process's peak RSS (start-up
        included, nothing subtracted); ``setup_rss_mb`` its RSS after Django's set-up, before the work."""
        setup_rss_mb = _rss_mb("VmRSS")
        everything = Statement.objects.all()
        if name in ("xlsx", "parquet"):
            first = _first_statements(table_rows)
        started = time.perf_counter()
        if name == "csv-export":
            export = stream_csv("statements", everything)
            size = _drain(export)
            rows = export.rows
        elif name == "csv-iterator":
            export = stream_csv("statements", everything, use_copy=False)
            size = _drain(export)
            rows = export.rows
        elif name == "copy-floor":
            values = statement_copy_queryset(everything)
            sql, params = values.query.get_compiler(using=values.db).as_sql()
            rows, size = _copy_to_null(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params)
        elif name == "copy-table":
            table = connection.ops.quote_name(Statement._meta.db_table)
            rows, size = _copy_to_null(f"COPY {table} TO STDOUT WITH (FORMAT csv)", None)
        else:  # xlsx, parquet
            export = export_kind("statements", first, name)
            size = _drain(export)
            rows = export.rows
        seconds = time.perf_counter() - started
        self.stdout.write(json.dumps({"seconds": round(seconds, 4), "rows": rows, "bytes": size,
                                      "max_rss_mb": round(_rss_mb("VmHWM"), 1),
                                      "setup_rss_mb": round(setup_rss_mb, 1)}))

    # ------------------------------------------------------------------ API under load
    def _load(self, database_url: str, duration: int, connections: int, page_size: int) -> None:
        write = self.stdout.write
        wrk = shutil.which("wrk")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        if not wrk or not gunicorn.exists():
            write(self.style.WARNING(f"\nAPI load: not measured ({'wrk' if not wrk else gunicorn} not found)."))
            return
        user, created = bench_user(BENCH_USER)
        from rest_framework.authtoken.models import Token

        token, _ = Token.objects.get_or_create(user=user)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0", "SECURE_HSTS_SECONDS": "0", "API_THROTTLE_USER": "1000000/minute",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "LOG_LEVEL": "WARNING", "ROOT_URLCONF": "devtools.bench_urls",
            # Production settings otherwise (DEBUG off), with the development tools installed:
            # the URLconf above lives in them.
            "DEV_TOOLS": "1",
        }
        endpoints = [
            _Load("API list (DRF)", f"/api/v1/statements/?page_size={page_size}"),
            _Load("bare Django view", f"/bench/statements/?page_size={page_size}"),
        ]
        workdir = tempfile.TemporaryDirectory(prefix="bench_exports_")
        log_path = Path(workdir.name) / "gunicorn.log"
        server = None
        try:
            with open(log_path, "wb") as log:
                server = subprocess.Popen(
                    [str(gunicorn), "config.wsgi:application", "--workers", str(GUNICORN_WORKERS),
                     "--bind", f"127.0.0.1:{port}"],
                    cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
            self._wait_for(server, base, log_path)
            headers = {"Authorization": f"Token {token.key}"}
            counts = {e.label: _rows_at(base + e.path, headers) for e in endpoints}
            if len(set(counts.values())) != 1 or None in counts.values():
                write(self.style.ERROR(f"\nAPI load: not measured; the endpoints disagree or fail: {counts}."))
                return
            script = Path(workdir.name) / "bench.lua"
            script.write_text(WRK_SCRIPT % {"token": token.key})
            for endpoint in endpoints:
                for _ in range(10):  # warm both workers: imports, connections, the first queries
                    _rows_at(base + endpoint.path, headers)
                self.stdout.write(f"  wrk {endpoint.path} for {duration} s…")
                self._wrk(wrk, script, base + endpoint.path, duration, connections, endpoint)
        finally:
            if server is not None:
                _stop(server)
            workdir.cleanup()
            if created:
                user.delete()
        self._report_load(endpoints, counts, duration, connections, page_size)

    def _wait_for(self, server: subprocess.Popen, base: str, log_path: Path, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError(f"gunicorn exited with {server.returncode}:\n{_tail(log_path)}")
            try:
                _LOCAL.open(base + "/api/v1/", timeout=5).close()
                return
            except urllib.error.HTTPError:  # 401 without a token: it answers
                return
            except OSError:
                time.sleep(0.2)
        raise CommandError(f"gunicorn did not answer within {timeout:.0f} s:\n{_tail(log_path)}")

    def _wrk(self, wrk: str, script: Path, url: str, duration: int, connections: int, result: _Load) -> None:
        threads = min(2, connections)
        command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s",
                   "-s", str(script), url]
        run = subprocess.run(command, capture_output=True, text=True, timeout=duration + 120)
        line = next((x for x in run.stdout.splitlines() if x.startswith("BENCH-RESULT ")), None)
        if run.returncode != 0 or line is None:
            result.note = f"(wrk exited {run.returncode}: {(run.stderr or run.stdout).strip()[-160:]})"
            return
        p50, p95, rps, bad, requests, socket_errors = line.split()[1:]
        result.p50_ms, result.p95_ms, result.rps = float(p50), float(p95), float(rps)
        result.non_2xx, result.requests, result.socket_errors = int(bad), int(requests), int(socket_errors)

    def _report_load(self, endpoints: list[_Load], counts: dict, duration: int, connections: int,
                     page_size: int) -> None:
        write = self.stdout.write
        rows = next(iter(counts.values()))
        width = max(len(e.label) for e in endpoints) + 2
        write("")
        write(f"API load: wrk -t{min(2, connections)} -c{connections} -d{duration}s against gunicorn "
              f"({GUNICORN_WORKERS} sync workers, DEBUG off) on this machine; {rows} rows per page "
              f"(page_size={page_size}), both checked to return 200 and the same number of rows:")
        write(f"{'endpoint':<{width}} {'p50 ms':>8} {'p95 ms':>8} {'requests/s':>11} {'non-2xx':>8} "
              f"{'requests':>9} {'socket errors':>14}")
        for e in endpoints:
            if e.note:
                write(f"{e.label:<{width}} {e.note}")
                continue
            write(f"{e.label:<{width}} {e.p50_ms:>8.1f} {e.p95_ms:>8.1f} {e.rps:>11.1f} {e.non_2xx:>8} "
                  f"{e.requests:>9} {e.socket_errors:>14}")
        api, bare = endpoints
        if not api.note and not bare.note and api.rps:
            write(f"The bare view serves {bare.rps / api.rps:.1f}x the API's requests/s; "
                  f"p50 {api.p50_ms:.1f} ms against {bare.p50_ms:.1f} ms.")


# ---------------------------------------------------------------------- helpers


def _rss_mb(field: str) -> float:
    """VmHWM (the peak) or VmRSS (now) of this process, in MB.

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: Linux carries the peak of the process that
    started this one across exec, so a child of the benchmark would report the parent's peak
    (the generator's, or the parent's own ~300 MB) whatever it does. VmHWM belongs to this
    program's memory alone. Elsewhere ru_maxrss (KB on Linux) is the fallback."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _drain(chunks) -> int:
    """Read every chunk into nothing; return the number of bytes."""
    size = 0
    for chunk in chunks:
        size += len(chunk)
    return size


def _copy_to_null(sql: str, params) -> tuple[int, int]:
    """Run a COPY ... TO STDOUT through psycopg's own cursor, as copy_csv does, and keep
    nothing: (rows, bytes)."""
    size = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(sql, params) as copy:
            for data in copy:
                size += len(data)
        return max(raw.rowcount, 0), size


def _first_statements(count: int):
    """The first ``count`` statements by id, as an unsliced queryset (exports reorder it)."""
    last = Statement.objects.order_by("pk").values_list("pk", flat=True)[count - 1:count].first()
    queryset = Statement.objects.order_by("pk")
    return queryset if last is None else queryset.filter(pk__lte=last)


def _last_json_line(output: str) -> dict | None:
    for line in reversed(output.splitlines()):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


def _database_url(settings_dict: dict) -> str:
    """The connection settings as a DATABASE_URL (django-environ's form) for child processes."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    auth = user + (f":{quote(password, safe='')}" if password else "")
    host = quote(settings_dict.get("HOST") or "", safe="")
    port = settings_dict.get("PORT") or ""
    netloc = (f"{auth}@" if auth else "") + host + (f":{port}" if port else "")
    options = {k: v for k, v in (settings_dict.get("OPTIONS") or {}).items() if isinstance(v, (str, int))}
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{netloc}/{quote(settings_dict['NAME'], safe='')}{query}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _rows_at(url: str, headers: dict) -> int | None:
    """The number of rows on one page, or None unless it answers 200 with JSON results."""
    try:
        with _LOCAL.open(urllib.request.Request(url, headers=headers), timeout=30) as response:
            if response.status != 200:
                return None
            return len(json.load(response)["results"])
    except (OSError, ValueError, KeyError):
        return None


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()  # gunicorn: graceful stop of the workers
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
