"""Case 4 of issue 10, "Submissions are lost when the broker is down", replayed: each test
fails on 5b9f4d2 (HTML 500, rows stuck in queued, a second row for a retry, ``ingest`` dying
on the first file, "ingested" with no proposals after a worker died)."""

import io
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.choices import Role
from ingestion.choices import ExtractionState, SubmissionOrigin, SubmissionState
from ingestion.models import Article, Proposal, Submission
from tests.conftest import make_user

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
YONHAP = SEEDS / "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt"


@pytest.fixture
def seeded(db):
    call_command("load_seeds", stdout=io.StringIO())


class Broker:
    """The Celery app's broker, unreachable (a local port nobody listens on) until back()."""

    def __init__(self, app):
        self.app = app
        self.before = (app.conf.get("broker_write_url"), app.conf.task_always_eager)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.down_url = f"redis://127.0.0.1:{probe.getsockname()[1]}/0"

    def _use(self, url, eager):
        self.app.conf["broker_write_url"] = url  # the env's CELERY_BROKER_URL wins over broker_url
        self.app.conf.task_always_eager = eager
        self.app.amqp._producer_pool = None
        self.app._pool = None

    def down(self):
        self._use(self.down_url, False)

    def back(self):
        self._use(self.before[0], True)  # the broker answers; tasks run here, eagerly


@pytest.fixture
def broker():
    from config.celery import app

    switch = Broker(app)
    switch.down()
    yield switch
    switch._use(*switch.before)


def client_for(user) -> APIClient:
    client = APIClient(raise_request_exception=False)
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def pasted(n: int) -> dict:
    return {"title": f"Rail report {n}",
            "text": f"Report {n}: the White House said on Friday that North Korea had delivered {2000 + n} "
                    "containers of munitions to Russia by rail. Pyongyang denied it."}


def sweep() -> None:
    """What Celery beat runs on its schedule (by the task's name), here in-process."""
    from config.celery import app

    app.tasks["ingestion.requeue_submissions"].apply()


def test_case_4_the_api_answers_503_json_with_the_stored_row_when_the_broker_is_down(transactional_db, broker):
    client = client_for(make_user("anna-analyst", Role.ANALYST))

    answers = [client.post("/api/v1/submissions/", pasted(n), format="json") for n in range(20)]

    assert [a.status_code for a in answers] == [503] * 20
    assert all(a["Content-Type"].startswith("application/json") and a["Retry-After"] for a in answers)
    ids = [a.json()["id"] for a in answers]
    assert all(a.json()["status_url"] for a in answers)
    assert sorted(Submission.objects.values_list("pk", flat=True)) == sorted(ids)
    assert set(Submission.objects.values_list("state", flat=True)) == {SubmissionState.QUEUED}


def test_case_4_rows_left_queued_are_processed_once_the_broker_is_back_without_a_new_request(
        transactional_db, broker, seeded):
    client = client_for(make_user("anna-analyst", Role.ANALYST))
    for n in range(20):
        client.post("/api/v1/submissions/", pasted(n), format="json")
    assert Submission.objects.filter(state=SubmissionState.QUEUED).count() == 20

    broker.back()
    sweep()
    sweep()  # a second run changes nothing

    assert set(Submission.objects.values_list("state", flat=True)) == {SubmissionState.INGESTED}
    assert set(Submission.objects.values_list("attempts", flat=True)) == {1}
    assert Article.objects.count() == 20
    assert len(set(Submission.objects.values_list("article", flat=True))) == 20


def test_case_4_a_client_retry_returns_the_first_submission_not_a_second(transactional_db, broker):
    client = client_for(make_user("anna-analyst", Role.ANALYST))

    first = client.post("/api/v1/submissions/", pasted(1), format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    again = client.post("/api/v1/submissions/", pasted(1), format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    plain = client.post("/api/v1/submissions/", pasted(1), format="json")  # same text, no key

    assert Submission.objects.count() == 1
    assert first.json()["id"] == again.json()["id"] == plain.json()["id"]


def test_case_4_ingest_stores_every_input_and_reports_those_waiting_when_the_broker_is_down(
        transactional_db, broker, seeded):
    out = io.StringIO()
    with pytest.raises(CommandError) as stopped:
        call_command("ingest", str(SEEDS), "--no-progress", stdout=out, stderr=io.StringIO())

    assert stopped.value.returncode == 3
    assert Submission.objects.count() == 5
    assert "waiting for the broker: 5" in out.getvalue()


def test_case_4_a_worker_killed_mid_extraction_never_reads_ingested_and_ends_processed_once(
        seeded, monkeypatch, django_capture_on_commit_callbacks):
    from ingestion.services.submissions import INGESTION_TASK, submission_create

    class Killed(BaseException):
        """SIGKILL, in-process: nothing after it runs; open transactions roll back."""

    def killed(*args, **kwargs):
        raise Killed

    monkeypatch.setattr("ingestion.services.articles.extract", killed)
    with pytest.raises(Killed), django_capture_on_commit_callbacks(execute=True):
        submission_create(origin=SubmissionOrigin.UPLOAD, locator="yonhap.txt", by=INGESTION_TASK,
                          content=YONHAP.read_bytes(), content_type="text/plain")
    submission = Submission.objects.get()
    assert not Proposal.objects.exists()
    assert submission.state != SubmissionState.INGESTED  # no proposals: it must not claim more
    assert submission.state in (SubmissionState.PROCESSING, "stored")

    monkeypatch.undo()
    Submission.objects.update(requeue_at=timezone.now() - timedelta(seconds=1))  # the sweep's time has come
    with django_capture_on_commit_callbacks(execute=True):
        sweep()

    submission.refresh_from_db()
    assert submission.state == SubmissionState.INGESTED
    assert Article.objects.count() == 1
    assert Article.objects.get().extraction_state != ExtractionState.PENDING and Proposal.objects.exists()
