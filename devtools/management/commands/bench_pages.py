"""``manage.py bench_pages``: how fast the staff pages render with a record at volume.

The target: with 10,000 allegations, 100,000 statements and 2,000 ingested articles (about
20,000 proposals), the dashboard, the dossier, the article reader and the first page of each
list (the review queue as it opens, with its default filters) render in under 300 ms (the
median of repeated requests).

By default it builds a throwaway database beside the configured one (``test_<name>``, as
the test runner and ``bench_ingest`` do), migrates it, loads the seeds, fills it with
``generate_volume`` and measures; the database is dropped afterwards unless --keep-db.
With --use-current-db it measures the configured database as it is.

Each page is requested through Django's test client, logged in as a superuser: the whole
request (middleware, view, queries, template), without a network or a web server in front.
It is a measurement, not a test: it exits 0 whatever the figures, and says which pages miss."""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

from devtools.volume import bench_user, volume_database
from compliance.models import Allegation, Statement, StatementSource, Transfer
from ingestion.filters import ProposalFilterSet
from ingestion.models import Article, Proposal

TARGET_MS = 300
BENCH_USER = "bench-admin"

# (URL name, which pick describes the request (its row's pk, if any); None: no argument)
PAGES = [
    ("dashboard", None),
    ("allegation-list", None),
    ("transfer-list", None),
    ("statement-list", None),
    ("actor-list", None),
    ("vessel-list", None),
    ("proposal-queue", "queue-default"),
    ("article-list", None),
    ("allegation-detail", "allegation-most"),
    ("allegation-detail", "allegation-median"),
    ("transfer-detail", "transfer-3-legs"),
    ("article-detail", "article-most"),
]


@dataclass
class _Result:
    label: str
    note: str = ""  # why it was not measured, or what went wrong
    times_ms: list[float] = field(default_factory=list)
    queries: int | None = None
    size_kb: float | None = None

    @property
    def measured(self) -> bool:
        return bool(self.times_ms) and not self.note

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)  # nearest rank
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def passed(self) -> bool:
        return self.measured and self.median < TARGET_MS


class Command(BaseCommand):
    help = (
        f"Measure the staff pages (dashboard, lists, dossier) with a record at volume; target: the median "
        f"request under {TARGET_MS} ms. By default in a throwaway database filled by generate_volume."
    )
    # The benchmark builds and migrates its own database; a system check of the configured
    # one (or of a page under construction) should not stop it. Unroutable pages are reported.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--allegations", type=int, default=10_000,
                            help="Allegations to generate (default 10,000).")
        parser.add_argument("--statements", type=int, default=100_000,
                            help="Statements to generate (default 100,000).")
        parser.add_argument("--articles", type=int, default=2_000,
                            help="Ingested articles to generate, about ten proposals each (default 2,000).")
        parser.add_argument("--repeat", type=int, default=20, help="Timed requests per page (default 20).")
        parser.add_argument("--keep-db", action="store_true", help="Keep the throwaway database afterwards.")
        parser.add_argument("--page", action="append", dest="pages", metavar="URL_NAME",
                            choices=sorted({name for name, _ in PAGES}),
                            help="Measure only this page (repeatable; default: all of them).")
        parser.add_argument("--use-current-db", action="store_true",
                            help="Measure the configured database as it is: no throwaway database, "
                            "no generated data.")

    def handle(self, *args, allegations: int, statements: int, repeat: int, keep_db: bool,
               use_current_db: bool, pages: list[str] | None, articles: int = 2_000, **options):
        if repeat < 1:
            raise CommandError(f"--repeat must be a positive whole number (got {repeat}).")
        if use_current_db:
            self._measure(repeat, pages)
            return
        if allegations < 1 or statements < allegations:
            raise CommandError("--allegations must be positive and --statements at least --allegations.")
        if articles < 0:
            raise CommandError(f"--articles must be zero or more (got {articles}).")

        with volume_database(self, allegations=allegations, statements=statements, articles=articles,
                             keep_db=keep_db):
            self._measure(repeat, pages)

    # ------------------------------------------------------------------ measuring
    def _measure(self, repeat: int, only: list[str] | None) -> None:
        user, created = bench_user(BENCH_USER)
        client = Client()
        try:
            # The test client speaks plain HTTP to "testserver" and the pages are measured
            # without collected static files; none of that is what is being timed.
            with override_settings(
                SECURE_SSL_REDIRECT=False,
                ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
                STORAGES={**settings.STORAGES, "staticfiles": {
                    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
            ):
                client.force_login(user)
                picks = self._picks()
                results = [self._page(client, name, picks.get(pick) if pick else None, pick, repeat)
                           for name, pick in PAGES if not only or name in only]
            self._report(results, repeat)
        finally:
            client.logout()
            if created:
                user.delete()

    def _picks(self) -> dict[str, tuple[int | None, str]]:
        """The rows the detail pages are measured on, and what a list request shows: (pk or
        None, description)."""
        picks: dict[str, tuple[int | None, str]] = {}
        by_links = Allegation.objects.annotate(links=Count("statement_links"))
        most = by_links.order_by("-links", "pk").values_list("pk", "links").first()
        if most:
            picks["allegation-most"] = (most[0], f"most statements: {most[1]}")
            total = by_links.count()
            median = by_links.order_by("links", "pk").values_list("pk", "links")[total // 2]
            picks["allegation-median"] = (median[0], f"median: {median[1]} statements")
        by_legs = Transfer.objects.annotate(legs_n=Count("legs"))
        transfer = (by_legs.filter(legs_n=3).order_by("pk").values_list("pk", "legs_n").first()
                    or by_legs.order_by("-legs_n", "pk").values_list("pk", "legs_n").first())
        if transfer:
            picks["transfer-3-legs"] = (transfer[0], f"{transfer[1]} legs")
        article = (Article.objects.annotate(proposals_n=Count("proposals"))
                   .order_by("-proposals_n", "pk").values_list("pk", "proposals_n").first())
        if article:
            picks["article-most"] = (article[0], f"most proposals: {article[1]}")
        # The queue as it opens: the FilterSet's own defaults (no query string), so the label
        # says how many proposals the measured request pages through.
        waiting = ProposalFilterSet(QueryDict(), queryset=Proposal.objects.all()).qs.count()
        picks["queue-default"] = (None, f"default filters: {waiting:,} proposals")
        return picks

    def _page(self, client: Client, name: str, pick: tuple[int | None, str] | None, wanted: str | None,
              repeat: int) -> _Result:
        pk = pick[0] if pick else None
        label = (name if pick is None else f"{name} ({pick[1]})" if pk is None
                 else f"{name} ({pick[1]}, pk {pk})")
        if wanted and pick is None:
            return _Result(name, note="(no row to show)")
        try:
            url = reverse(name, args=[] if pk is None else [pk])
        except NoReverseMatch:
            return _Result(label, note="(not routed)")
        except ImportError as exc:
            return _Result(label, note=f"(URLs do not import: {exc})")
        result = _Result(label)
        try:
            status, _ = _get(client, url)  # warm-up: caches, first template compile
            if status != 200:
                result.note = f"(HTTP {status} at {url})"
                return result
            for _ in range(repeat):
                started = time.perf_counter()
                status, _ = _get(client, url)
                result.times_ms.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    result.note = f"(HTTP {status} at {url})"
                    return result
            with CaptureQueriesContext(connection) as queries:
                _, size = _get(client, url)
            result.queries = len(queries.captured_queries)
            result.size_kb = size / 1024
        except Exception as exc:  # a page under construction fails; the others are still measured
            result.note = f"(error: {type(exc).__name__}: {str(exc)[:120]})"
        return result

    def _report(self, results: list[_Result], repeat: int) -> None:
        write = self.stdout.write
        width = max(len(r.label) for r in results) + 2
        write("")
        write(f"Target: the median of {repeat} requests under {TARGET_MS} ms per page "
              "(after one warm-up request; queries and size from one more request).")
        write(f"{'page':<{width}} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'queries':>8} "
              f"{'KB':>8}  result")
        for r in results:
            if not r.measured:
                write(f"{r.label:<{width}} {r.note}")
                continue
            verdict = self.style.SUCCESS("PASS") if r.passed else self.style.ERROR("FAIL")
            write(f"{r.label:<{width}} {r.median:>10.1f} {r.p95:>8.1f} {max(r.times_ms):>8.1f} "
                  f"{r.queries:>8} {r.size_kb:>8.1f}  {verdict}")
        write("")
        write(f"Data: {Allegation.objects.count():,} allegations, {Statement.objects.count():,} statements, "
              f"{StatementSource.objects.count():,} statement sources, {Transfer.objects.count():,} transfers, "
              f"{Article.objects.count():,} articles, {Proposal.objects.count():,} proposals; "
              f"database: {connection.vendor} ({connection.settings_dict['NAME']})"
              + ("; DEBUG is on: figures include its overhead" if settings.DEBUG else ""))
        measured = [r for r in results if r.measured]
        failed = [r.label for r in measured if not r.passed]
        skipped = len(results) - len(measured)
        summary = (f"Summary: {len(measured) - len(failed)} of {len(measured)} measured pages under "
                   f"{TARGET_MS} ms (median)" + (f"; {skipped} not measured" if skipped else ""))
        if failed:
            write(self.style.ERROR(f"{summary}; over target: {', '.join(failed)}."))
        elif measured:
            write(self.style.SUCCESS(f"{summary}."))
        else:
            write(self.style.WARNING(f"{summary}: nothing was measured."))


def _get(client: Client, url: str) -> tuple[int, int]:
    """One request, its body read in full (a streamed page renders while it is read)."""
    response = client.get(url, secure=True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(body)
