"""URLs and feeds through the guarded fetcher, against a local server (no network)."""

import pytest

from ingestion.choices import SubmissionOrigin, SubmissionOutcome, SubmissionState
from ingestion.models import Article, Feed, Submission
from ingestion.services.feeds import feed_poll
from ingestion.services.submissions import INGESTION_TASK, submission_create

from .conftest import SEEDS

STORY = (SEEDS / "2023-10-19_has-north-korea-started-sending-russia-military-equipment.txt").read_text()


def page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return (f"<html><head><title>{title}</title><script>var tracker = 'x';</script></head>"
            f"<body><nav>Home | World</nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>All rights reserved</footer></body></html>")


def submit_url(url: str, run_tasks) -> Submission:
    with run_tasks():
        submission = submission_create(origin=SubmissionOrigin.URL, locator=url, by=INGESTION_TASK)
    submission.refresh_from_db()
    return submission


def test_a_changed_page_at_a_known_url_is_a_new_revision_of_the_same_article(seeded, run_tasks, site):
    title, _, body = STORY.partition("\n")
    url = site.add("/story", page(title, body))
    first = submit_url(url, run_tasks)
    site.add("/story", page(title, body + "\nUpdated: the Kremlin did not respond to a request for comment."))

    second = submit_url(url, run_tasks)

    assert first.outcome == SubmissionOutcome.NEW_ARTICLE
    assert second.outcome == SubmissionOutcome.NEW_REVISION
    article = Article.objects.get()
    assert article.revisions.count() == 2
    assert article.current_revision.number == 2
    assert "did not respond" in article.current_revision.text
    assert "tracker" not in article.current_revision.text


def test_the_same_page_fetched_twice_is_one_revision(seeded, run_tasks, site):
    title, _, body = STORY.partition("\n")
    url = site.add("/story", page(title, body))
    submit_url(url, run_tasks)

    again = submit_url(url, run_tasks)

    assert again.state == SubmissionState.DUPLICATE
    assert Article.objects.get().revisions.count() == 1


def test_a_page_of_a_type_that_is_not_an_article_fails_with_the_reason(db, run_tasks, site):
    url = site.add("/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")

    submission = submit_url(url, run_tasks)

    assert submission.state == SubmissionState.FAILED
    assert "image/png" in submission.error


def test_a_transient_failure_ends_failed_and_a_person_can_retry_it(db, run_tasks, site, analyst):
    from ingestion.services.submissions import submission_retry

    url = site.add("/busy", "busy", status=503, content_type="text/plain")
    submission = submit_url(url, run_tasks)
    assert submission.state == SubmissionState.FAILED
    assert "503" in submission.error
    site.add("/busy", page("North Korea sends shells", STORY.partition("\n")[2]))

    with run_tasks():
        submission_retry(submission=submission, by=analyst)

    submission.refresh_from_db()
    assert submission.state == SubmissionState.INGESTED
    assert submission.attempts == 2


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test wire</title><link>{base}</link><description>d</description>
<item><title>North Korea sends shells</title><link>{base}/a</link><guid>{base}/a</guid></item>
<item><title>Second story</title><link>{base}/b</link><guid>{base}/b</guid></item>
</channel></rss>"""


def test_polling_a_feed_submits_each_new_entry_once(seeded, run_tasks, site):
    title, _, body = STORY.partition("\n")
    site.add("/a", page(title, body))
    site.add("/b", page("Seoul condemns arms deal", "South Korea's foreign ministry condemned the arms "
                        "transfers between North Korea and Russia on Monday, calling them a violation of "
                        "Security Council resolutions."))
    feed = Feed.objects.create(url=site.add("/feed.xml", RSS.format(base=site.base),
                                            content_type="application/rss+xml"))

    with run_tasks():
        first = feed_poll(feed_id=feed.pk)
    with run_tasks():
        second = feed_poll(feed_id=feed.pk)

    assert (first.entries, first.submitted) == (2, 2)
    assert (second.entries, second.submitted) == (2, 0)
    assert Submission.objects.filter(feed=feed, state=SubmissionState.INGESTED).count() == 2
    feed.refresh_from_db()
    assert feed.title == "Test wire" and feed.last_polled_at is not None and feed.last_error == ""


@pytest.mark.parametrize("body", ["<html><body>Not a feed</body></html>", "just text, no XML at all"])
def test_a_feed_that_is_not_xml_records_a_clear_error_and_submits_nothing(db, site, body):
    feed = Feed.objects.create(url=site.add("/feed.xml", body, content_type="application/xml"))

    result = feed_poll(feed_id=feed.pk)

    feed.refresh_from_db()
    assert result.submitted == 0
    assert "Not a valid RSS or Atom feed" in feed.last_error
    assert not Submission.objects.exists()


def test_the_periodic_task_polls_only_active_feeds(db, monkeypatch):
    from ingestion import tasks

    polled = []
    monkeypatch.setattr(tasks.poll_feed_task, "delay", lambda feed_id: polled.append(feed_id))
    active = Feed.objects.create(url="https://example.org/active.xml")
    Feed.objects.create(url="https://example.org/paused.xml", active=False)

    assert tasks.poll_feeds_task() == 1
    assert polled == [active.pk]


def test_beat_schedules_the_feed_poll(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["poll-feeds"]

    assert schedule["task"] == "ingestion.poll_feeds"
    assert schedule["schedule"] > 0
