"""Tasks are idempotent: a message delivered twice changes nothing the second time."""

from ingestion.choices import SubmissionOrigin, SubmissionState
from ingestion.models import Article, ArticleRevision, Proposal, Submission
from ingestion.services.submissions import INGESTION_TASK, submission_create
from ingestion.tasks import extract_article_task, ingest_submission_task

from .conftest import SEEDS

TEXT = (SEEDS / "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt").read_bytes()


def test_an_ingest_message_delivered_twice_ingests_once(seeded, run_tasks):
    with run_tasks():
        submission = submission_create(origin=SubmissionOrigin.UPLOAD, locator="yonhap.txt", by=INGESTION_TASK,
                                       content=TEXT, content_type="text/plain")
    state = (Article.objects.count(), ArticleRevision.objects.count(), Proposal.objects.count())

    with run_tasks():
        ingest_submission_task.delay(submission.pk)

    assert (Article.objects.count(), ArticleRevision.objects.count(), Proposal.objects.count()) == state
    submission.refresh_from_db()
    assert submission.state == SubmissionState.INGESTED and submission.attempts == 1


def test_an_extract_message_delivered_twice_changes_nothing(seeded, run_tasks):
    with run_tasks():
        submission_create(origin=SubmissionOrigin.UPLOAD, locator="yonhap.txt", by=INGESTION_TASK,
                          content=TEXT, content_type="text/plain")
    article = Article.objects.get()
    proposals = list(Proposal.objects.values_list("id", "updated_at"))

    result = extract_article_task.delay(article.pk).get()

    assert result is None
    assert list(Proposal.objects.values_list("id", "updated_at")) == proposals


def test_a_message_for_a_submission_that_does_not_exist_does_nothing(db):
    assert ingest_submission_task.delay(987654).get() is None
    assert not Submission.objects.exists()
