"""Submissions: nothing lost when the broker is down, no second row for a retry, status
words that never claim more than has happened, and the sweep that queues unfinished rows."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ingestion.choices import ExtractionState, SubmissionOrigin, SubmissionState
from ingestion.models import Article, Proposal, Submission
from ingestion.services.submissions import (
    INGESTION_TASK,
    WAITING_FOR_BROKER,
    submission_create,
    submission_submit,
    submissions_requeue,
)
from compliance.choices import Role
from tests.conftest import make_user

from .conftest import SEEDS

TEXT = (SEEDS / "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt").read_bytes()


def api_for(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def pasted(n: int) -> dict:
    return {"title": f"Shipment report {n}",
            "text": f"Report {n}: the White House said on Friday that North Korea had delivered {1000 + n} "
                    "containers of munitions to Russia by rail. Pyongyang denied it."}


class WorkerKilled(BaseException):
    """Stands for SIGKILL in-process: nothing after it runs, open transactions roll back."""


# --------------------------------------------------------------------------- broker down


def test_a_publish_that_fails_leaves_the_row_queued_and_waiting_for_the_broker(db, broker_down, run_tasks):
    with run_tasks():
        submission = submission_create(origin=SubmissionOrigin.UPLOAD, locator="a.txt", by=INGESTION_TASK,
                                       content=TEXT, content_type="text/plain")
    submission.refresh_from_db()
    assert submission.state == SubmissionState.QUEUED
    assert submission.is_waiting_for_broker and "could not be reached" in submission.broker_error
    assert submission.note == WAITING_FOR_BROKER
    assert submission.queued_at is None and submission.requeue_at <= timezone.now()


def test_the_api_answers_503_json_with_the_row_when_the_broker_is_down(transactional_db, broker_down):
    analyst = make_user("anna-analyst", Role.ANALYST)
    client = api_for(analyst)

    response = client.post("/api/v1/submissions/", pasted(1), format="json")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert int(response["Retry-After"]) > 0
    body = response.json()
    submission = Submission.objects.get()
    assert body["id"] == submission.pk and body["state"] == SubmissionState.QUEUED
    assert body["status_url"].endswith(f"/api/v1/submissions/{submission.pk}/") and body["detail"]
    assert submission.is_waiting_for_broker
    status = client.get(body["status_url"]).json()
    assert status["state"] == SubmissionState.QUEUED and status["note"] == WAITING_FOR_BROKER


def test_a_retry_with_the_same_key_while_the_broker_is_down_returns_the_first_row(transactional_db, broker_down):
    client = api_for(make_user("anna-analyst", Role.ANALYST))

    first = client.post("/api/v1/submissions/", pasted(1), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = client.post("/api/v1/submissions/", pasted(1), format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert first.status_code == again.status_code == 503
    assert first.json()["id"] == again.json()["id"]
    assert Submission.objects.count() == 1


def test_rows_left_by_a_broker_outage_are_processed_by_the_sweep_once_it_is_back(
        transactional_db, broker_down, seeded):
    client = api_for(make_user("anna-analyst", Role.ANALYST))
    ids = [client.post("/api/v1/submissions/", pasted(n), format="json").json()["id"] for n in range(3)]
    assert Submission.objects.filter(state=SubmissionState.QUEUED).count() == 3

    broker_down.back()
    out = io.StringIO()
    call_command("requeue_submissions", stdout=out)

    assert "Queued again: 3" in out.getvalue()
    rows = Submission.objects.filter(pk__in=ids)
    assert {s.state for s in rows} == {SubmissionState.INGESTED}
    assert all(s.attempts == 1 and not s.broker_error and s.queued_at for s in rows)
    assert Article.objects.count() == 3
    assert not Article.objects.filter(extraction_state=ExtractionState.PENDING).exists()
    call_command("requeue_submissions", stdout=io.StringIO())  # nothing due: nothing happens twice
    assert Article.objects.count() == 3 and {s.attempts for s in rows} == {1}


def test_ingest_stores_every_input_when_the_broker_is_down_and_exits_3(transactional_db, broker_down, seeded):
    out = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("ingest", str(SEEDS), "--no-progress", stdout=out, stderr=io.StringIO())

    assert refused.value.returncode == 3
    assert Submission.objects.count() == 5
    assert all(s.is_waiting_for_broker and s.state == SubmissionState.QUEUED for s in Submission.objects.all())
    assert "waiting for the broker: 5" in out.getvalue()
    for path in SEEDS.glob("*.txt"):
        assert str(path) in out.getvalue()

    with pytest.raises(CommandError):  # run again: the same inputs, still pending, are not taken twice
        call_command("ingest", str(SEEDS), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())
    assert Submission.objects.count() == 5

    broker_down.back()
    call_command("requeue_submissions", stdout=io.StringIO())
    assert set(Submission.objects.values_list("state", flat=True)) == {SubmissionState.INGESTED}
    assert Article.objects.count() == 5


def test_ingest_with_a_working_broker_exits_0(db, seeded, run_tasks):
    out = io.StringIO()
    with run_tasks():
        call_command("ingest", str(SEEDS / "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt"),
                     "--no-progress", stdout=out, stderr=io.StringIO())
    assert "waiting for the broker" not in out.getvalue()


# --------------------------------------------------------------------------- idempotency


def test_the_same_idempotency_key_returns_the_first_submission(analyst, seeded, run_tasks):
    client = api_for(analyst)
    with run_tasks():
        first = client.post("/api/v1/submissions/", pasted(1), format="json", HTTP_IDEMPOTENCY_KEY="abc")
    with run_tasks():
        again = client.post("/api/v1/submissions/", pasted(1), format="json", HTTP_IDEMPOTENCY_KEY="abc")

    assert first.status_code == 202 and again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert Submission.objects.count() == 1 and Article.objects.count() == 1


def test_an_idempotency_key_reused_for_another_document_is_a_409(analyst, seeded, run_tasks):
    client = api_for(analyst)
    with run_tasks():
        client.post("/api/v1/submissions/", pasted(1), format="json", HTTP_IDEMPOTENCY_KEY="abc")
    other = client.post("/api/v1/submissions/", pasted(2), format="json", HTTP_IDEMPOTENCY_KEY="abc")
    assert other.status_code == 409 and "abc" in other.json()["detail"]
    assert Submission.objects.count() == 1


def test_idempotency_keys_belong_to_their_user(analyst, seeded, run_tasks):
    other = make_user("olga-other", Role.ANALYST)
    with run_tasks():
        mine = api_for(analyst).post("/api/v1/submissions/", pasted(1), format="json", HTTP_IDEMPOTENCY_KEY="k")
        theirs = api_for(other).post("/api/v1/submissions/", pasted(1), format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert mine.status_code == theirs.status_code == 202
    assert mine.json()["id"] != theirs.json()["id"]


def test_an_overlong_idempotency_key_is_a_400(analyst):
    response = api_for(analyst).post("/api/v1/submissions/", pasted(1), format="json",
                                     HTTP_IDEMPOTENCY_KEY="k" * 201)
    assert response.status_code == 400 and not Submission.objects.exists()


def test_the_same_text_still_pending_is_not_submitted_twice(analyst, seeded, run_tasks):
    client = api_for(analyst)
    with run_tasks():  # the task runs when this block ends: both posts find the first one queued
        first = client.post("/api/v1/submissions/", pasted(1), format="json")
        again = client.post("/api/v1/submissions/", pasted(1), format="json")
    assert (first.status_code, again.status_code) == (202, 200)
    assert first.json()["id"] == again.json()["id"]

    with run_tasks():  # once it is finished, the same text again is a new arrival: a duplicate
        later = client.post("/api/v1/submissions/", pasted(1), format="json")
    assert later.status_code == 202 and later.json()["id"] != first.json()["id"]
    assert Submission.objects.get(pk=later.json()["id"]).state == SubmissionState.DUPLICATE


def test_the_same_url_still_pending_is_not_submitted_twice(analyst):
    first = submission_submit(origin=SubmissionOrigin.URL, locator="https://example.org/a", by=analyst)
    again = submission_submit(origin=SubmissionOrigin.URL, locator=" https://example.org/a ", by=analyst)
    assert first.created and not again.created and again.submission.pk == first.submission.pk


# --------------------------------------------------------------------------- status words


def test_a_worker_killed_during_extraction_leaves_stored_not_ingested(seeded, run_tasks, monkeypatch, settings):
    def killed(*args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr("ingestion.services.articles.extract", killed)
    with pytest.raises(WorkerKilled), run_tasks():
        submission_create(origin=SubmissionOrigin.UPLOAD, locator="yonhap.txt", by=INGESTION_TASK,
                          content=TEXT, content_type="text/plain")
    submission = Submission.objects.get()
    assert submission.state == SubmissionState.STORED
    assert submission.get_state_display() == "Stored, extraction pending"
    assert submission.article.extraction_state == ExtractionState.PENDING
    assert not Proposal.objects.exists()

    monkeypatch.undo()
    assert submissions_requeue().queued == []  # not due yet: a live worker may still be at it
    Submission.objects.update(requeue_at=timezone.now() - timedelta(seconds=1))
    with run_tasks():
        assert submissions_requeue().queued == [submission.pk]

    submission.refresh_from_db()
    assert submission.state == SubmissionState.INGESTED and submission.attempts == 2
    assert Article.objects.count() == 1 and Proposal.objects.exists()


def test_a_worker_killed_while_registering_leaves_processing_and_the_sweep_says_queued(
        seeded, run_tasks, monkeypatch):
    def killed(*args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr("ingestion.services.submissions.article_register", killed)
    with pytest.raises(WorkerKilled), run_tasks():
        submission_create(origin=SubmissionOrigin.UPLOAD, locator="yonhap.txt", by=INGESTION_TASK,
                          content=TEXT, content_type="text/plain")
    submission = Submission.objects.get()
    assert submission.state == SubmissionState.PROCESSING and not Article.objects.exists()

    monkeypatch.undo()
    Submission.objects.update(requeue_at=timezone.now() - timedelta(seconds=1))
    with run_tasks() as callbacks:
        submissions_requeue()
        submission.refresh_from_db()  # before the queued task runs
        assert submission.state == SubmissionState.QUEUED and "did not finish" in submission.note
    assert len(callbacks) == 1
    submission.refresh_from_db()
    assert submission.state == SubmissionState.INGESTED and Article.objects.count() == 1


def test_an_extraction_defect_fails_the_submission_and_a_retry_does_not_register_again(
        seeded, run_tasks, monkeypatch, analyst):
    from ingestion.services.submissions import submission_retry

    def broken(*args, **kwargs):
        raise ValueError("a defect")

    monkeypatch.setattr("ingestion.services.articles.extract", broken)
    with run_tasks():
        submission_create(origin=SubmissionOrigin.UPLOAD, locator="yonhap.txt", by=INGESTION_TASK,
                          content=TEXT, content_type="text/plain")
    submission = Submission.objects.get()
    assert submission.state == SubmissionState.FAILED and "Extraction failed: ValueError" in submission.error
    assert submission.article.extraction_state == ExtractionState.FAILED

    monkeypatch.undo()
    with run_tasks():
        submission_retry(submission=submission, by=analyst)
    submission.refresh_from_db()
    assert submission.state == SubmissionState.INGESTED, submission.error
    assert Article.objects.count() == 1 and submission.article.revisions.count() == 1


# --------------------------------------------------------------------------- the sweep


def test_the_sweep_leaves_rows_that_are_not_due_and_finished_rows_alone(db):
    due = timezone.now() - timedelta(seconds=1)
    later = Submission.objects.create(origin=SubmissionOrigin.PASTE, locator="x", content=b"x",
                                      requeue_at=timezone.now() + timedelta(minutes=5))
    done = Submission.objects.create(origin=SubmissionOrigin.PASTE, locator="y", content=b"y",
                                     state=SubmissionState.INGESTED, requeue_at=due)
    assert submissions_requeue().queued == []
    assert submissions_requeue(everything=True).queued == [later.pk]
    done.refresh_from_db()
    assert done.state == SubmissionState.INGESTED


def test_a_claimed_row_is_not_queued_by_the_next_sweep(db, django_capture_on_commit_callbacks):
    row = Submission.objects.create(origin=SubmissionOrigin.PASTE, locator="x", content=b"x",
                                    requeue_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = submissions_requeue()
        second = submissions_requeue()
    assert first.queued == [row.pk] and second.queued == []
    assert len(callbacks) == 1
    row.refresh_from_db()
    assert row.requeue_at > timezone.now()


def test_the_sweep_gives_up_after_too_many_attempts(db, settings):
    settings.INGESTION_MAX_ATTEMPTS = 3
    row = Submission.objects.create(origin=SubmissionOrigin.PASTE, locator="x", content=b"x", attempts=3,
                                    state=SubmissionState.PROCESSING,
                                    requeue_at=timezone.now() - timedelta(seconds=1))
    assert submissions_requeue().failed == [row.pk]
    row.refresh_from_db()
    assert row.state == SubmissionState.FAILED and "Gave up after 3 attempts" in row.error
    assert row.requeue_at is None


def test_the_sweep_runs_on_the_beat_schedule_under_its_own_name(settings):
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["requeue-submissions"]
    assert entry["task"] == "ingestion.requeue_submissions"
    assert "ingestion.requeue_submissions" in app.tasks


def test_a_sweep_while_the_broker_is_still_down_keeps_the_rows_waiting_and_says_so(
        transactional_db, broker_down):
    submission = submission_create(origin=SubmissionOrigin.UPLOAD, locator="a.txt", by=INGESTION_TASK,
                                   content=TEXT, content_type="text/plain")
    out = io.StringIO()

    call_command("requeue_submissions", stdout=out)

    assert "Queued again: 0" in out.getvalue() and "Still waiting for the broker: 1" in out.getvalue()
    submission.refresh_from_db()
    assert submission.state == SubmissionState.QUEUED and submission.is_waiting_for_broker
    assert submission.requeue_at <= timezone.now()  # due again at the next sweep


def test_a_row_never_taken_by_a_worker_is_queued_again_less_and_less_often(db, settings):
    settings.INGESTION_REQUEUE_AFTER = 60
    row = Submission.objects.create(origin=SubmissionOrigin.PASTE, locator="x", content=b"x",
                                    queued_at=timezone.now(), requeue_at=timezone.now() - timedelta(seconds=1))
    Submission.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(hours=2))

    assert submissions_requeue().queued == [row.pk]

    row.refresh_from_db()
    assert row.requeue_at > timezone.now() + timedelta(hours=1, minutes=59)
