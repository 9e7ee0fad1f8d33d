"""Arrivals of documents: recording them, processing them once, failing them visibly."""

from __future__ import annotations

import ipaddress

import logging
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from compliance.choices import Role
from compliance.errors import DomainError
from compliance.roles import Actor, SystemActor, require_role
from ingestion.choices import SubmissionOrigin, SubmissionState
from ingestion.cleaning import clean_document
from ingestion.cleaning_types import CleaningError
from ingestion.fetchers import FetchError, Fetched
from ingestion.fetchers.http import fetch_url, host_allowed, parse_url, refusal_reason
from ingestion.models import Feed, Submission

from .articles import article_register

logger = logging.getLogger(__name__)

INGESTION_TASK = SystemActor("ingestion task", Role.ANALYST)


class TransientIngestionError(Exception):
    """A failure worth retrying later (network, timeouts, a busy database)."""


def _submitter_fields(by: Actor | None) -> dict:
    if isinstance(by, SystemActor):
        return {"submitted_via": by.label[:100]}
    if by is not None and getattr(by, "is_authenticated", False):
        return {"submitted_by": by}
    return {}


def url_check(url: str) -> str:
    """The URL's form, checked before anything is stored (the fetcher's own rules). The
    address it resolves to is checked when it is fetched, and again after every redirect."""
    url = (url or "").strip()
    if len(url) > 1000:
        raise DomainError("The URL is longer than 1,000 characters.")
    try:
        parts, port = parse_url(url)
    except FetchError as exc:
        raise DomainError(exc.message) from exc
    # An address written in the URL is refused at once, not after a worker tried it.
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        literal = None
    if literal is not None and not host_allowed(parts.hostname, port, scheme=parts.scheme.lower(),
                                                allowed_hosts=settings.INGESTION_ALLOWED_HOSTS):
        reason = refusal_reason(literal)
        if reason:
            raise DomainError(f"{url} is refused: {literal} is {reason}.")
    return url


def submission_task_id(submission: Submission) -> str:
    """The id of the task queued for the submission's latest attempt: clients may follow it,
    though the submission's own state is what counts."""
    return f"ingest-submission-{submission.pk}-{submission.attempts}"


def _enqueue(submission: Submission) -> None:
    from ingestion.tasks import ingest_submission_task

    task_id = submission_task_id(submission)
    transaction.on_commit(lambda: ingest_submission_task.apply_async(args=[submission.pk], task_id=task_id))


@transaction.atomic
def submission_create(
    *,
    origin: str,
    locator: str,
    by: Actor | None,
    content: bytes | None = None,
    content_type: str = "",
    feed: Feed | None = None,
    feed_entry: str = "",
) -> Submission:
    """Record one arrival of a document and queue it for ingestion once the row is committed."""
    require_role(by, Role.ANALYST, "submit articles")
    if origin not in SubmissionOrigin.values:
        raise DomainError(f"Unknown origin “{origin}”.")
    if content is None:
        if origin not in (SubmissionOrigin.URL, SubmissionOrigin.FEED):
            raise DomainError("A file, upload or pasted text needs its content.")
        locator = url_check(locator)
    elif not content:
        raise DomainError(f"“{locator}” is empty.")
    submission = Submission.objects.create(
        origin=origin,
        locator=locator[:1000],
        content=content,
        content_type=content_type,
        feed=feed,
        feed_entry=feed_entry[:1000],
        **_submitter_fields(by),
    )
    _enqueue(submission)
    return submission


@transaction.atomic
def submission_record_failure(*, origin: str, locator: str, error: str, by: Actor | None) -> Submission:
    """An arrival that could not even be read (a file over the size cap, a binary file):
    kept as a failed submission so the failure is visible beside the others."""
    require_role(by, Role.ANALYST, "submit articles")
    return Submission.objects.create(
        origin=origin,
        locator=locator[:1000],
        state=SubmissionState.FAILED,
        error=error,
        finished_at=timezone.now(),
        **_submitter_fields(by),
    )


def _fetched_from(submission: Submission) -> Fetched:
    if submission.content is not None:
        named = submission.origin in (SubmissionOrigin.FILE, SubmissionOrigin.UPLOAD)
        name = PurePath(submission.locator).name if named else None
        return Fetched(
            content=bytes(submission.content),
            content_type=submission.content_type or "text/plain",
            locator=submission.locator,
            filename=name,
        )
    try:
        return fetch_url(
            submission.locator,
            timeout=settings.INGESTION_FETCH_TIMEOUT,
            max_bytes=settings.INGESTION_MAX_BYTES,
            allowed_hosts=settings.INGESTION_ALLOWED_HOSTS,
        )
    except FetchError as exc:
        if exc.transient:
            raise TransientIngestionError(exc.message) from exc
        raise


def _fail(submission: Submission, message: str) -> Submission:
    submission.state = SubmissionState.FAILED
    submission.error = message
    submission.finished_at = timezone.now()
    submission.save(update_fields=["state", "error", "finished_at"])
    logger.info("Submission %s failed: %s", submission.pk, message)
    return submission


def submission_process(*, submission_id: int) -> Submission | None:
    """Fetch, clean, de-duplicate and register one submission. Running it again for the same
    submission changes nothing: a finished submission is left as it is, and the registering
    step runs in one transaction under a row lock, so a worker killed mid-way leaves nothing
    half-written for the re-delivered message to trip over."""
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is None:
        logger.warning("Submission %s does not exist; nothing to do.", submission_id)
        return None
    if submission.is_finished:
        return submission
    Submission.objects.filter(pk=submission_id).update(
        state=SubmissionState.PROCESSING, attempts=F("attempts") + 1
    )
    try:
        fetched = _fetched_from(submission)  # network, outside any transaction
    except FetchError as exc:
        with transaction.atomic():
            locked = Submission.objects.select_for_update().get(pk=submission_id)
            return locked if locked.is_finished else _fail(locked, exc.message)

    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        if submission.is_finished:
            return submission
        fields = ["article", "revision", "outcome", "state", "error", "finished_at"]
        if submission.content is None:  # fetched just now: keep the bytes as they were read
            submission.content = fetched.content
            submission.content_type = fetched.content_type
            fields += ["content", "content_type"]
        try:
            cleaned = clean_document(fetched)
        except CleaningError as exc:
            return _fail(submission, str(exc))
        url = ""
        if submission.origin in (SubmissionOrigin.URL, SubmissionOrigin.FEED):
            url = fetched.final_url or submission.locator
        registered = article_register(cleaned=cleaned, url=url)
        submission.article = registered.article
        submission.revision = registered.revision
        submission.outcome = registered.outcome or ""
        submission.state = SubmissionState.DUPLICATE if registered.duplicate else SubmissionState.INGESTED
        submission.error = ""
        submission.finished_at = timezone.now()
        submission.save(update_fields=fields)
        return submission


@transaction.atomic
def submission_fail(*, submission_id: int, error: str) -> Submission | None:
    """The final failure of a submission after its retries: visible, with the error."""
    submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
    if submission is None or submission.is_finished:
        return submission
    return _fail(submission, error)


@transaction.atomic
def submission_retry(*, submission: Submission, by: Actor | None) -> Submission:
    """Queue a failed submission again, e.g. after a site came back or a cap was raised."""
    require_role(by, Role.ANALYST, "retry submissions")
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.state != SubmissionState.FAILED:
        raise DomainError(f"Only failed submissions can be retried (this one is {locked.get_state_display()}).")
    if locked.content is None and locked.origin not in (SubmissionOrigin.URL, SubmissionOrigin.FEED):
        raise DomainError(
            f"“{locked.locator}” could not be read when it was submitted; submit the file again."
        )
    locked.state = SubmissionState.QUEUED
    locked.error = ""
    locked.finished_at = None
    locked.save(update_fields=["state", "error", "finished_at"])
    _enqueue(locked)
    return locked
