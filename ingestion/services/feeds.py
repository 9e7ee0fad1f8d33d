"""Feeds: polling an RSS or Atom feed and submitting its new entries."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import feedparser
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from compliance.choices import Role
from compliance.errors import DomainError
from compliance.roles import SystemActor
from ingestion.choices import SubmissionOrigin
from ingestion.fetchers import FetchError
from ingestion.fetchers.http import fetch_url
from ingestion.models import Feed, Submission

from .submissions import TransientIngestionError, submission_create

logger = logging.getLogger(__name__)

FEED_POLLER = SystemActor("feed poller", Role.ANALYST)
# An entry whose own content is at least this long is ingested from the feed itself;
# shorter ones (a teaser) are fetched from their link.
FULL_TEXT_MIN_CHARS = 500


@dataclass(frozen=True)
class FeedPollResult:
    entries: int
    submitted: int
    error: str = ""


def _entry_content(entry) -> str:
    for content in entry.get("content") or []:
        if len(content.get("value", "")) >= FULL_TEXT_MIN_CHARS:
            return content["value"]
    summary = entry.get("summary", "")
    return summary if len(summary) >= FULL_TEXT_MIN_CHARS else ""


def _record_poll(feed: Feed, *, error: str, seen: int = 0, title: str = "") -> None:
    values = {"last_polled_at": timezone.now(), "last_error": error, "entries_seen": F("entries_seen") + seen}
    if title and not feed.title:
        values["title"] = title[:300]
    Feed.objects.filter(pk=feed.pk).update(**values)


def feed_poll(*, feed_id: int) -> FeedPollResult:
    """Fetch a feed (through the same guarded fetcher as articles) and submit each entry not
    seen before. An entry is known by its id (or link); polling twice submits nothing twice."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return FeedPollResult(0, 0, f"Feed #{feed_id} does not exist.")
    try:
        fetched = fetch_url(
            feed.url,
            timeout=settings.INGESTION_FETCH_TIMEOUT,
            max_bytes=settings.INGESTION_MAX_BYTES,
            allowed_hosts=settings.INGESTION_ALLOWED_HOSTS,
            accept_feeds=True,
        )
    except FetchError as exc:
        if exc.transient:
            raise TransientIngestionError(exc.message) from exc
        _record_poll(feed, error=exc.message)
        return FeedPollResult(0, 0, exc.message)
    parsed = feedparser.parse(fetched.content)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        reason = str(parsed.get("bozo_exception") or "no RSS or Atom elements")
        message = f"Not a valid RSS or Atom feed ({reason[:200]})."
        _record_poll(feed, error=message)
        return FeedPollResult(0, 0, message)

    submitted = 0
    for entry in parsed.entries:
        link = entry.get("link", "")
        ident = entry.get("id") or link
        if not ident or Submission.objects.filter(feed=feed, feed_entry=ident[:1000]).exists():
            continue
        content = _entry_content(entry)
        try:
            with transaction.atomic():
                submission_create(
                    origin=SubmissionOrigin.FEED,
                    locator=link or ident,
                    by=FEED_POLLER,
                    content=content.encode() if content else None,
                    content_type="text/html" if content else "",
                    feed=feed,
                    feed_entry=ident,
                )
        except IntegrityError:
            continue  # another poll of the same feed submitted it a moment ago
        except DomainError as exc:
            logger.info("Feed %s entry %s skipped: %s", feed.pk, ident, exc)
            continue
        submitted += 1
    _record_poll(feed, error="", seen=submitted, title=parsed.feed.get("title", ""))
    return FeedPollResult(len(parsed.entries), submitted)


def feed_poll_failed(*, feed_id: int, error: str) -> None:
    """A poll that failed after its retries: the error shows on the feed."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is not None:
        _record_poll(feed, error=error)


def feeds_due() -> list[int]:
    """The active feeds, to be polled by the periodic task."""
    return list(Feed.objects.filter(active=True).values_list("id", flat=True))
