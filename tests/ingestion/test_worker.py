"""A real Celery worker on the Redis broker against PostgreSQL: the production shape.

These start `celery worker` processes, so they need CELERY_BROKER_URL (Redis) and
DATABASE_URL (PostgreSQL) set, as CI sets them; on the embedded defaults they are skipped."""

import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from ingestion.choices import ExtractionState, ProposalKind, SubmissionOrigin, SubmissionState
from ingestion.models import Article, ArticleRevision, Proposal, Submission
from ingestion.services.submissions import INGESTION_TASK, submission_create

from .conftest import SEEDS

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL.startswith("redis")
        or settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs CELERY_BROKER_URL=redis://... and DATABASE_URL=postgres://... (CI sets both)",
    ),
]


class Workers:
    def __init__(self, env: dict[str, str], log_dir: Path):
        self.env = env
        self.log_dir = log_dir
        self.procs: list[subprocess.Popen] = []

    def start(self, *, beat: bool = False, **env: str) -> subprocess.Popen:
        """A worker (with ``beat``: and the beat scheduler inside it); ``env`` adds settings."""
        log = open(self.log_dir / f"worker-{len(self.procs)}.log", "wb")
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork", "--concurrency=1",
                   "--without-gossip", "--without-mingle", "--loglevel=INFO"]
        if beat:
            command += ["--beat", "--schedule", str(self.log_dir / f"beat-{len(self.procs)}")]
        # The test site's host:port, allowed when the worker starts (the site fixture sets it).
        env = {**self.env, "INGESTION_ALLOWED_HOSTS": ",".join(settings.INGESTION_ALLOWED_HOSTS), **env}
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs.append(proc)
        return proc

    def kill(self, proc: subprocess.Popen) -> None:
        os.killpg(proc.pid, signal.SIGKILL)  # the worker and its pool process, mid-task
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(self.log_dir.glob("*.log")))


@pytest.fixture
def workers(transactional_db, tmp_path, settings):
    from config.celery import app

    db = connection.settings_dict
    queue = f"test-{uuid.uuid4().hex[:8]}"  # no message of another run can reach these workers
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CELERY_VISIBILITY_TIMEOUT": "5",  # re-deliver the killed worker's message soon
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        "DEBUG": "1",  # INGESTION_ALLOWED_HOSTS (the test site) is refused when DEBUG is off
    }
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    pool = Workers(env, tmp_path)
    yield pool
    pool.stop_all()
    app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE
    with app.connection_for_write() as conn:
        conn.default_channel.queue_delete(queue)


def wait_for(condition, timeout: float, workers: Workers, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}\n{workers.logs()}")


def test_the_ingest_command_works_through_a_worker(workers, seeded):
    workers.start()
    out = io.StringIO()

    call_command("ingest", str(SEEDS), "--wait", "--timeout", "120", "--no-progress", stdout=out,
                 stderr=io.StringIO())

    assert Article.objects.count() == 5, workers.logs()
    assert not Article.objects.filter(extraction_state=ExtractionState.PENDING).exists()
    assert Proposal.objects.filter(kind=ProposalKind.STATEMENT).exists()
    assert "ingested:   5 (5 new articles" in out.getvalue()


def test_a_worker_killed_mid_task_leaves_the_article_ingested_exactly_once(workers, seeded, site):
    title, _, body = (SEEDS / "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt").read_text() \
        .partition("\n")
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>" + "".join(
        f"<p>{p}</p>" for p in body.split("\n") if p.strip()) + "</article></body></html>"
    url = site.add("/slow", html, delay=6)  # the first fetch hangs long enough to kill the worker in it
    first = workers.start()
    submission = submission_create(origin=SubmissionOrigin.URL, locator=url, by=INGESTION_TASK)

    wait_for(lambda: site.hits.get("/slow"), 60, workers, "the worker to start fetching")
    assert Submission.objects.get(pk=submission.pk).state == SubmissionState.PROCESSING
    workers.kill(first)
    site.add("/slow", html)  # the site answers at once from now on
    workers.start()

    wait_for(lambda: Submission.objects.get(pk=submission.pk).is_finished, 90, workers,
             "the re-delivered task to finish")
    wait_for(lambda: Article.objects.exclude(extraction_state=ExtractionState.PENDING).exists(), 60, workers,
             "extraction")
    submission.refresh_from_db()
    assert submission.state == SubmissionState.INGESTED, submission.error
    assert submission.attempts == 2
    assert Article.objects.count() == 1
    assert ArticleRevision.objects.count() == 1
    assert Submission.objects.count() == 1
