"""Arrivals of documents: recording them, processing them once, failing them visibly."""

from __future__ import annotations

import hashlib
import ipaddress
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnreachable

from compliance.choices import Role
from compliance.errors import DomainError
from compliance.roles import Actor, SystemActor, require_role
from ingestion.choices import ExtractionState, SubmissionOrigin, SubmissionState
from ingestion.cleaning import clean_document
from ingestion.cleaning_types import CleaningError
from ingestion.fetchers import FetchError, Fetched
from ingestion.fetchers.http import fetch_url, host_allowed, parse_url, refusal_reason
from ingestion.models import Feed, Submission

from .articles import article_extract, article_register

logger = logging.getLogger(__name__)

INGESTION_TASK = SystemActor("ingestion task", Role.ANALYST)

# What a publish raises when the broker cannot be reached (Celery re-raises the transport's
# connection errors as kombu's OperationalError).
BROKER_ERRORS = (BrokerUnreachable,)
WAITING_FOR_BROKER = "Waiting for the broker: queued by the sweep once it answers."


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
    """The id of the task queued for the submission's latest attempt, derived from the row:
    clients may follow it, though the submission's own state is what counts."""
    return f"ingest-submission-{submission.pk}-{submission.attempts}"


def _requeue_due(now: datetime) -> datetime:
    return now + timedelta(seconds=settings.INGESTION_REQUEUE_AFTER)


def _publish(submissions: list[Submission]) -> None:
    """Hand the committed rows to the broker. A broker that cannot be reached fails fast
    (settings: CELERY_TASK_PUBLISH_RETRY_POLICY, CELERY_BROKER_CONNECTION_TIMEOUT); the rows
    then say so, are due for the sweep at once, and the caller reads it on the instances.
    The first failure stops the batch: the broker is not asked again for each row."""
    from ingestion.tasks import ingest_submission_task

    for position, submission in enumerate(submissions):
        now = timezone.now()
        try:
            ingest_submission_task.apply_async(args=[submission.pk], task_id=submission_task_id(submission))
        except BROKER_ERRORS as exc:
            error = f"The broker could not be reached ({exc})."[:300]
            waiting = [s.pk for s in submissions[position:]]
            logger.warning("Submissions %s wait for the broker: %s", waiting, exc)
            Submission.objects.filter(pk__in=waiting, state__in=SubmissionState.pending()).update(
                broker_error=error, note=WAITING_FOR_BROKER, requeue_at=now
            )
            for waiting_submission in submissions[position:]:
                waiting_submission.broker_error = error
                waiting_submission.note = WAITING_FOR_BROKER
                waiting_submission.requeue_at = now
            return
        Submission.objects.filter(pk=submission.pk).update(queued_at=now, broker_error="")
        if submission.note == WAITING_FOR_BROKER:
            Submission.objects.filter(pk=submission.pk, note=WAITING_FOR_BROKER).update(note="")
            submission.note = ""
        submission.queued_at = now
        submission.broker_error = ""


def _enqueue(*submissions: Submission) -> None:
    """Queue the rows once the transaction that wrote them commits, so no worker runs
    before they exist (immediately when no transaction is open)."""
    batch = list(submissions)
    transaction.on_commit(lambda: _publish(batch))


def _content_hash(*, content: bytes | None, locator: str) -> str:
    return hashlib.sha256(content if content is not None else f"url:{locator}".encode()).hexdigest()


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
    idempotency_key: str = "",
) -> Submission:
    """Record one arrival of a document and queue it for ingestion once the row is committed.
    The row is the unit of work: if the broker cannot be reached it is kept, marked as
    waiting for the broker, and the sweep queues it when the broker is back."""
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
        idempotency_key=idempotency_key,
        content_hash=_content_hash(content=content, locator=locator),
        requeue_at=_requeue_due(timezone.now()),
        **_submitter_fields(by),
    )
    _enqueue(submission)
    return submission


class IdempotencyKeyReused(DomainError):
    """An Idempotency-Key sent again with a different document."""


@dataclass(frozen=True)
class Submitted:
    submission: Submission
    created: bool  # False: a retry, answered with the first submission


def _pending_same_input(*, by: Actor | None, digest: str) -> Submission | None:
    submitter = _submitter_fields(by)
    if not submitter:
        return None
    return (Submission.objects.filter(content_hash=digest, state__in=SubmissionState.pending(), **submitter)
            .order_by("pk").first())


def submission_submit(
    *,
    origin: str,
    locator: str,
    by: Actor | None,
    content: bytes | None = None,
    content_type: str = "",
    idempotency_key: str = "",
) -> Submitted:
    """A person's or a command's submission, safe to retry: the same Idempotency-Key (per
    user), or the same bytes or URL from the same submitter while the first is still pending,
    returns the first submission instead of creating a second. A first submission still
    waiting for the broker is handed to it again."""
    require_role(by, Role.ANALYST, "submit articles")
    idempotency_key = (idempotency_key or "").strip()
    if len(idempotency_key) > 200:
        raise DomainError("The Idempotency-Key is longer than 200 characters.")
    if idempotency_key and not isinstance(by, SystemActor) and not getattr(by, "is_authenticated", False):
        raise DomainError("An Idempotency-Key needs a signed-in user.")
    if content is None:
        locator = url_check(locator)
    digest = _content_hash(content=content, locator=locator)

    def earlier() -> Submission | None:
        if idempotency_key and "submitted_by" in _submitter_fields(by):
            first = Submission.objects.filter(submitted_by=by, idempotency_key=idempotency_key).first()
            if first is not None:
                if first.content_hash != digest:
                    raise IdempotencyKeyReused(
                        f"The Idempotency-Key “{idempotency_key}” was used for submission #{first.pk}, "
                        "with a different document; use a new key for a new document."
                    )
                return first
        return _pending_same_input(by=by, digest=digest)

    for _ in range(2):  # a concurrent request with the same key may win the unique constraint once
        with transaction.atomic():
            first = earlier()
            if first is not None:
                first = Submission.objects.select_for_update().get(pk=first.pk)
                if first.is_waiting_for_broker:
                    _enqueue(first)
                return Submitted(first, created=False)
            try:
                with transaction.atomic():
                    created = submission_create(
                        origin=origin, locator=locator, by=by, content=content, content_type=content_type,
                        idempotency_key=idempotency_key if "submitted_by" in _submitter_fields(by) else "",
                    )
            except IntegrityError:
                if not idempotency_key:
                    raise
                continue
            return Submitted(created, created=True)
    raise DomainError("The submission could not be recorded; try again.")


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
    submission.note = ""
    submission.requeue_at = None
    submission.finished_at = timezone.now()
    submission.save(update_fields=["state", "error", "note", "requeue_at", "finished_at"])
    logger.info("Submission %s failed: %s", submission.pk, message)
    return submission


def submission_process(*, submission_id: int) -> Submission | None:
    """Fetch, clean, de-duplicate and register one submission; it then reads *stored* until
    its article's extraction has finished (submission_extract). Running it again for the
    same submission changes nothing: a finished submission is left as it is, one whose
    article is already stored goes straight to extraction, and the registering step runs in
    one transaction under a row lock, so a worker killed mid-way leaves nothing half-written
    for the next delivery to trip over."""
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is None:
        logger.warning("Submission %s does not exist; nothing to do.", submission_id)
        return None
    if submission.is_finished:
        return submission
    due = _requeue_due(timezone.now())
    if submission.article_id is not None:  # stored by an earlier attempt: only extraction is left
        Submission.objects.filter(pk=submission_id, state__in=SubmissionState.pending()).update(
            state=SubmissionState.STORED, attempts=F("attempts") + 1, requeue_at=due, note=""
        )
        submission.refresh_from_db()
        return submission
    started = Submission.objects.filter(
        pk=submission_id, state__in=[SubmissionState.QUEUED, SubmissionState.PROCESSING]
    ).update(state=SubmissionState.PROCESSING, attempts=F("attempts") + 1, requeue_at=due, note="")
    if not started:  # another delivery got further meanwhile
        submission.refresh_from_db()
        return submission
    try:
        fetched = _fetched_from(submission)  # network, outside any transaction
    except FetchError as exc:
        with transaction.atomic():
            locked = Submission.objects.select_for_update().get(pk=submission_id)
            return locked if locked.is_finished else _fail(locked, exc.message)

    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        if submission.is_finished or submission.article_id is not None:
            return submission
        fields = ["article", "revision", "outcome", "state", "error", "note", "requeue_at", "finished_at"]
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
        submission.error = ""
        submission.note = ""
        if registered.duplicate:
            submission.state = SubmissionState.DUPLICATE
            submission.requeue_at = None
            submission.finished_at = timezone.now()
        else:
            submission.state = SubmissionState.STORED
            submission.requeue_at = due
            submission.finished_at = None
        submission.save(update_fields=fields)
        return submission


def submission_extract(*, submission_id: int) -> Submission | None:
    """Extract a stored submission's article and only then call the submission ingested:
    its proposals are written. Idempotent like article_extract. A defect in extraction fails
    the submission (visible, retryable); a database error is transient and retried."""
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is None or submission.state != SubmissionState.STORED:
        return submission
    try:
        article_extract(article_id=submission.article_id)
    except DatabaseError as exc:
        raise TransientIngestionError(f"The database failed during extraction: {exc}") from exc
    except Exception as exc:  # a defect in extraction: article_extract logged it on the article
        return submission_fail(submission_id=submission_id,
                               error=f"Extraction failed: {type(exc).__name__}: {exc}")
    with transaction.atomic():
        locked = Submission.objects.select_for_update(of=("self",)).select_related("article").get(pk=submission_id)
        if locked.state != SubmissionState.STORED:
            return locked
        article = locked.article
        superseded = article.current_revision_id != locked.revision_id
        if article.extraction_state == ExtractionState.PENDING and not superseded:
            return locked  # not extracted after all: the sweep tries again
        locked.state = SubmissionState.INGESTED
        locked.note = "A newer revision of the article replaced this text before it was extracted." \
            if superseded else ""
        locked.requeue_at = None
        locked.finished_at = timezone.now()
        locked.save(update_fields=["state", "note", "requeue_at", "finished_at"])
        return locked


@transaction.atomic
def submission_retry_later(*, submission_id: int, error: str, countdown: float) -> Submission | None:
    """A transient failure (network, a busy database): the task retries after ``countdown``
    seconds; meanwhile the row says so, and the sweep leaves it alone until well after."""
    submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
    if submission is None or submission.is_finished:
        return submission
    if submission.state == SubmissionState.PROCESSING:
        submission.state = SubmissionState.QUEUED
    submission.note = f"Retrying in {countdown:.0f} s after: {error}"[:300]
    submission.requeue_at = _requeue_due(timezone.now() + timedelta(seconds=countdown))
    submission.save(update_fields=["state", "note", "requeue_at"])
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
    locked.note = ""
    locked.finished_at = None
    locked.requeue_at = _requeue_due(timezone.now())
    locked.save(update_fields=["state", "error", "note", "finished_at", "requeue_at"])
    _enqueue(locked)
    return locked


@dataclass(frozen=True)
class Requeued:
    queued: list[int] = field(default_factory=list)  # queued again (on commit, when called in a transaction)
    failed: list[int] = field(default_factory=list)  # given up after too many attempts
    waiting: list[int] = field(default_factory=list)  # of the queued, those the broker still did not take


def submissions_requeue(*, limit: int = 500, everything: bool = False) -> Requeued:
    """The sweep (Celery beat, ``manage.py requeue_submissions``): queue again the unfinished
    submissions whose ``requeue_at`` has passed: never handed to the broker, or taken by a
    worker that died, or lost. Rows are claimed with SELECT … FOR UPDATE SKIP LOCKED and
    their ``requeue_at`` pushed forward in the same transaction, so two sweeps never queue
    the same row twice; the task is idempotent besides. After INGESTION_MAX_ATTEMPTS
    attempts a submission is failed instead, with the reason. ``everything`` ignores
    ``requeue_at`` (an operator's "queue all unfinished now")."""
    now = timezone.now()
    claimed = Submission.objects.select_for_update(skip_locked=True).filter(state__in=SubmissionState.pending())
    if not everything:
        claimed = claimed.filter(requeue_at__lte=now)
    queued, failed = [], []
    with transaction.atomic():
        rows = list(claimed.defer("content").order_by("requeue_at", "pk")[:limit])
        for row in rows:
            if row.attempts >= settings.INGESTION_MAX_ATTEMPTS:
                _fail(row, f"Gave up after {row.attempts} attempts that did not finish "
                           "(the worker stopped or the task was lost each time).")
                failed.append(row.pk)
                continue
            interrupted = row.attempts > 0 and row.state != SubmissionState.QUEUED
            if row.state == SubmissionState.PROCESSING:
                row.state = SubmissionState.QUEUED  # nobody is processing it any more
            if row.broker_error:
                row.note = WAITING_FOR_BROKER
            elif interrupted:
                row.note = f"Queued again at {now:%Y-%m-%d %H:%M:%S} UTC: attempt {row.attempts} did not finish."
            else:
                row.note = f"Queued again at {now:%Y-%m-%d %H:%M:%S} UTC: no worker had taken it."
            row.requeue_at = _requeue_due(now)
            if row.attempts == 0 and not row.broker_error:
                # Handed to the broker but never taken: most likely behind a long queue, not
                # lost. Wait as long again as it has waited, so a backlog is not doubled.
                row.requeue_at = max(row.requeue_at, now + (now - row.created_at))
            row.save(update_fields=["state", "note", "requeue_at"])
            row.broker_error = ""  # on this instance only: set again by _publish if the broker still fails
            queued.append(row)
        if queued:
            _enqueue(*queued)
    waiting = [row.pk for row in queued if row.broker_error]
    if queued or failed:
        logger.info("Sweep: queued %s submission(s) again (%s still waiting for the broker), failed %s.",
                    len(queued), len(waiting), len(failed))
    return Requeued(queued=[row.pk for row in queued], failed=failed, waiting=waiting)
