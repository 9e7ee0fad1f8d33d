"""Celery tasks: thin wrappers that take an id, call one service, retry only transient
errors with backoff, and leave a visible failed state when the retries run out.

Late acknowledgement (settings) means a message whose worker dies mid-task is delivered
again (at once if only the pool process died, after the visibility timeout if the whole
worker did); the sweep (requeue_submissions_task) queues such a submission again sooner,
after INGESTION_REQUEUE_AFTER. Every service here is idempotent, so a second delivery
changes nothing that the first one finished."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError, IntegrityError

from .choices import SubmissionState
from .services.articles import article_extract
from .services.feeds import feed_poll, feed_poll_failed, feeds_due
from .services.submissions import (
    TransientIngestionError,
    submission_extract,
    submission_fail,
    submission_process,
    submission_retry_later,
    submissions_requeue,
)

logger = logging.getLogger(__name__)

# Network hiccups, and two workers racing to register the same text (the loser's unique
# constraint fails; on retry it finds the winner's row and records a duplicate).
TRANSIENT = (TransientIngestionError, IntegrityError)


def _backoff(retries: int) -> int:
    return min(600, 5 * 2**retries)


def _retry_or_give_up(task, exc: Exception, *, max_retries: int, give_up, on_retry=None) -> None:
    """Retry a transient failure with backoff; after the last retry (or at once when running
    eagerly, where nobody would wait for a retry) record the failure where people see it."""
    if task.request.retries >= max_retries or task.request.is_eager:
        give_up(f"Gave up after {task.request.retries + 1} attempts: {exc}")
        return
    countdown = _backoff(task.request.retries)
    if on_retry is not None:
        on_retry(str(exc), countdown)
    raise task.retry(exc=exc, countdown=countdown) from exc


@shared_task(name="ingestion.ingest_submission", bind=True, acks_late=True, ignore_result=True)
def ingest_submission_task(self, submission_id: int) -> str | None:
    """Register the submission, then extract its article in the same task: one message per
    article rather than two (Celery's round trip costs as much as the work itself). The two
    steps commit separately and each is idempotent, so a re-delivery resumes where it stopped.
    No result is stored: the submission row is the record (and publishing needs no result
    backend, which would retry for long when Redis is down)."""
    submission_id = int(submission_id)
    try:
        submission = submission_process(submission_id=submission_id)
        if submission is not None and submission.state == SubmissionState.STORED:
            submission = submission_extract(submission_id=submission_id)
    except TRANSIENT as exc:
        _retry_or_give_up(
            self, exc, max_retries=settings.INGESTION_TASK_MAX_RETRIES,
            give_up=lambda error: submission_fail(submission_id=submission_id, error=error),
            on_retry=lambda error, countdown: submission_retry_later(
                submission_id=submission_id, error=error, countdown=countdown),
        )
        return "failed"
    return submission.state if submission is not None else None


@shared_task(name="ingestion.requeue_submissions", ignore_result=True)
def requeue_submissions_task() -> dict:
    """Periodic (Celery beat, INGESTION_SWEEP_SECONDS): queue again the submissions left
    unfinished past their time (never queued, worker died, message lost)."""
    result = submissions_requeue()
    return {"queued": len(result.queued), "waiting": len(result.waiting), "failed": len(result.failed)}


@shared_task(name="ingestion.extract_article", bind=True, acks_late=True,
             autoretry_for=(DatabaseError,), retry_backoff=5, max_retries=3)
def extract_article_task(self, article_id: int, force: bool = False) -> dict | None:
    counts = article_extract(article_id=int(article_id), force=bool(force))
    return counts.__dict__ if counts else None


@shared_task(name="ingestion.poll_feed", bind=True, acks_late=True)
def poll_feed_task(self, feed_id: int) -> dict:
    feed_id = int(feed_id)
    try:
        result = feed_poll(feed_id=feed_id)
    except TransientIngestionError as exc:
        _retry_or_give_up(self, exc, max_retries=3,
                          give_up=lambda error: feed_poll_failed(feed_id=feed_id, error=error))
        return {"error": str(exc)}
    return result.__dict__


@shared_task(name="ingestion.poll_feeds")
def poll_feeds_task() -> int:
    """Periodic (Celery beat): queue a poll of every active feed."""
    ids = feeds_due()
    for feed_id in ids:
        poll_feed_task.delay(feed_id)
    return len(ids)
