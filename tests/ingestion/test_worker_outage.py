"""Case 4 of issue 10 with real processes: a private Redis that is stopped and started
again, real Celery workers (one with beat) against PostgreSQL, a worker killed with SIGKILL.

Redis here is a private redis-server on a free port, never the shared one. These need
PostgreSQL (DATABASE_URL, as CI sets it) and the redis-server program; every wait is bounded."""

import os
import shutil
import subprocess
import threading
import time
import uuid
from datetime import timedelta

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.choices import Role
from ingestion.choices import ExtractionState, SubmissionOrigin, SubmissionState
from ingestion.models import Article, ArticleRevision, Proposal, Submission
from ingestion.services.submissions import INGESTION_TASK, submission_create
from tests.conftest import make_user

from .brokers import free_port
from .conftest import SEEDS
from .test_worker import Workers, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
        or shutil.which("redis-server") is None,
        reason="needs DATABASE_URL=postgres://... (CI sets it) and the redis-server program",
    ),
]


class PrivateRedis:
    """A redis-server of this test alone, on a free port, without persistence."""

    def __init__(self, directory):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.directory = directory
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.1)
        raise AssertionError("the private redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None


@pytest.fixture
def outage(transactional_db, tmp_path):
    """A private Redis as this process's broker (tasks really published), and workers
    pointed at it and at the test database."""
    from config.celery import app

    private = PrivateRedis(tmp_path)
    private.start()
    db = connection.settings_dict
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": private.url,
        "CELERY_RESULT_BACKEND": private.url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CELERY_VISIBILITY_TIMEOUT": "3600",  # recovery must not wait for re-delivery
        "INGESTION_SWEEP_SECONDS": "1",
        "INGESTION_REQUEUE_AFTER": "4",
        "DEBUG": "0",
    }
    before = (app.conf.get("broker_write_url"), app.conf.task_always_eager, app.conf.task_default_queue)

    def use(url, eager, default_queue):
        # Publishing goes to the write URL; CELERY_BROKER_URL in the environment (CI) wins over broker_url.
        app.conf["broker_write_url"] = url
        app.conf.task_always_eager, app.conf.task_default_queue = eager, default_queue
        app.amqp._producer_pool = None
        app._pool = None

    use(private.url, False, queue)
    pool = Workers(env, tmp_path)
    pool.redis = private
    yield pool
    pool.stop_all()
    private.stop()
    use(*before)


def api_for(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


class Watch:
    """Samples every submission's state beside what its article really has, until stopped:
    a state word may claim less than what happened, never more."""

    def __init__(self):
        self.violations: list[str] = []
        self.samples = 0

    def check(self) -> None:
        for s in Submission.objects.select_related("article"):
            proposals = Proposal.objects.filter(article_id=s.article_id).count() if s.article_id else 0
            if s.state == SubmissionState.INGESTED and (
                    s.article is None or s.article.extraction_state == ExtractionState.PENDING):
                self.violations.append(f"#{s.pk} reads ingested; article extraction is pending")
            if s.state in (SubmissionState.QUEUED, SubmissionState.PROCESSING) and s.article_id and proposals:
                self.violations.append(f"#{s.pk} reads {s.state} though its article has proposals")
        self.samples += 1


def test_with_redis_stopped_20_submissions_answer_503_and_are_processed_once_when_it_is_back(outage, seeded):
    client = api_for(make_user("anna-analyst", Role.ANALYST))
    outage.redis.stop()

    started = time.monotonic()
    answers = [client.post("/api/v1/submissions/", {
        "title": f"Rail report {n}",
        "text": f"Report {n}: the White House said on Friday that North Korea had delivered {3000 + n} containers "
                "of munitions to Russia by rail, officials said. Pyongyang denied it.",
    }, format="json") for n in range(20)]
    assert time.monotonic() - started < 60, "publishing to a stopped broker must fail fast"

    assert [a.status_code for a in answers] == [503] * 20
    assert all(a["Content-Type"].startswith("application/json") and int(a["Retry-After"]) > 0 for a in answers)
    ids = sorted(a.json()["id"] for a in answers)
    assert sorted(Submission.objects.values_list("pk", flat=True)) == ids
    assert set(Submission.objects.values_list("state", flat=True)) == {SubmissionState.QUEUED}

    outage.redis.start()  # no request is made from here on
    outage.start(beat=True)
    watch = Watch()

    def all_done():
        watch.check()
        return Submission.objects.filter(state=SubmissionState.INGESTED).count() == 20

    wait_for(all_done, 240, outage, "the sweep to queue all 20 and a worker to ingest them")

    rows = list(Submission.objects.order_by("pk"))
    assert [s.attempts for s in rows] == [1] * 20, "each processed exactly once"
    assert all(s.queued_at and not s.broker_error and not s.note for s in rows)
    assert Article.objects.count() == ArticleRevision.objects.count() == 20
    assert len({s.article_id for s in rows}) == 20
    assert not Article.objects.filter(extraction_state=ExtractionState.PENDING).exists()
    per_article = {a.pk: a.proposals.count() for a in Article.objects.all()}
    assert all(per_article.values()), per_article
    assert not watch.violations, watch.violations[:5]

    time.sleep(3)  # more sweeps on beat's schedule: nothing is queued or written twice
    assert [s.attempts for s in Submission.objects.order_by("pk")] == [1] * 20
    assert {a.pk: a.proposals.count() for a in Article.objects.all()} == per_article


def test_a_worker_killed_mid_extraction_reads_stored_and_the_sweep_finishes_it_once(outage, seeded):
    db = connection.settings_dict
    blocker = psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                              password=db.get("PASSWORD") or None, dbname=db["NAME"], autocommit=False)
    # Proposals cannot be written while this is held: the worker stops inside extraction,
    # after its article is stored and before any proposal exists. That is where it is killed.
    blocker.execute("LOCK TABLE ingestion_proposal IN SHARE MODE")
    try:
        first = outage.start()
        submission = submission_create(origin=SubmissionOrigin.UPLOAD, locator="yonhap.txt", by=INGESTION_TASK,
                                       content=(SEEDS / "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-"
                                                "certain.txt").read_bytes(), content_type="text/plain")
        watch = Watch()

        def blocked_in_extraction():
            watch.check()
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE relation = 'ingestion_proposal'::regclass "
                               "AND NOT granted")
                return cursor.fetchone()[0] > 0

        wait_for(blocked_in_extraction, 120, outage, "the worker to reach the writing of proposals")
        stored = Submission.objects.get(pk=submission.pk)
        assert stored.state == SubmissionState.STORED and stored.attempts == 1
        outage.kill(first)
    finally:
        blocker.rollback()
        blocker.close()

    killed = Submission.objects.get(pk=submission.pk)
    assert killed.state == SubmissionState.STORED  # not "ingested": no proposal was written
    assert killed.get_state_display() == "Stored, extraction pending"
    assert not Proposal.objects.exists()

    outage.start(beat=True)  # the message is not re-delivered for an hour; the sweep takes it up

    def finished():
        watch.check()
        return Submission.objects.get(pk=submission.pk).is_finished

    wait_for(finished, 120, outage, "the sweep to queue it again and a worker to finish it")
    time.sleep(2)
    submission.refresh_from_db()
    assert submission.state == SubmissionState.INGESTED, submission.error
    assert submission.attempts == 2
    assert Article.objects.count() == ArticleRevision.objects.count() == Submission.objects.count() == 1
    assert Article.objects.get().extraction_state == ExtractionState.EXTRACTED
    assert Proposal.objects.exists()
    assert not watch.violations, watch.violations[:5]


def test_two_sweeps_at_once_queue_each_row_once(outage):
    """Rows are claimed with FOR UPDATE SKIP LOCKED: a sweep skips what another one holds."""
    from django.db import connections
    from django.utils import timezone

    from ingestion.services.submissions import submissions_requeue

    due = timezone.now() - timedelta(seconds=1)
    rows = [Submission.objects.create(origin=SubmissionOrigin.PASTE, locator=f"p{n}", content=b"text",
                                      requeue_at=due) for n in range(10)]
    results: list = []

    def sweep():
        try:
            results.append(submissions_requeue())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    queued = [pk for result in results for pk in result.queued]
    assert sorted(queued) == sorted(r.pk for r in rows)
