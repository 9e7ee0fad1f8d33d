"""Ingestion in the admin: submitting by upload, URL or pasted text; following submissions
and articles; deciding proposals. Roles hold on the server; lists do not query per row."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ingestion.choices import ProposalKind, ProposalState, SubmissionOrigin, SubmissionState
from ingestion.models import Article, Proposal, Submission

from .conftest import SEEDS

YONHAP = SEEDS / "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt"


@pytest.fixture
def ingested(seeded, run_tasks):
    with run_tasks():
        call_command("ingest", str(SEEDS), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


def test_an_analyst_pastes_text_and_it_is_ingested(seeded, client, analyst, run_tasks):
    client.force_login(analyst)

    with run_tasks():
        response = client.post(reverse("admin:ingestion_submission_add"), {
            "pasted_title": "UK says arms almost certainly arrived",
            "pasted_text": YONHAP.read_text().partition("\n")[2],
        })

    assert response.status_code == 302, response.content[:2000]
    submission = Submission.objects.get()
    assert submission.origin == SubmissionOrigin.PASTE and submission.submitted_by == analyst
    assert submission.state == SubmissionState.INGESTED
    assert submission.article.proposals.filter(kind=ProposalKind.STATEMENT).exists()


def test_an_upload_over_the_cap_is_refused_on_the_form(db, client, analyst, settings):
    settings.INGESTION_MAX_BYTES = 1000
    client.force_login(analyst)

    response = client.post(reverse("admin:ingestion_submission_add"), {
        "upload": SimpleUploadedFile("big.txt", b"North Korea " * 200, content_type="text/plain"),
    })

    assert response.status_code == 200
    assert "cap" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_url_and_pasted_text_together_are_refused(db, client, analyst):
    client.force_login(analyst)

    response = client.post(reverse("admin:ingestion_submission_add"),
                           {"url": "https://example.org/a", "pasted_text": "text"})

    assert "exactly one" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_viewer_cannot_submit(db, client, viewer):
    client.force_login(viewer)

    response = client.post(reverse("admin:ingestion_submission_add"), {"pasted_text": "North Korea"})

    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_the_lists_render_with_a_fixed_number_of_queries(ingested, client, analyst):
    client.force_login(analyst)
    for name in ("submission", "article", "proposal"):
        url = reverse(f"admin:ingestion_{name}_changelist")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert len(queries) <= 12, (name, [q["sql"][:150] for q in queries])


def test_article_and_proposal_pages_show_the_text_and_the_sentence(ingested, client, analyst):
    client.force_login(analyst)
    proposal = Proposal.objects.filter(kind=ProposalKind.STATEMENT).first()

    article_page = client.get(reverse("admin:ingestion_article_change", args=[proposal.article_id]))
    proposal_page = client.get(reverse("admin:ingestion_proposal_change", args=[proposal.pk]))

    assert article_page.status_code == 200 and proposal_page.status_code == 200
    assert "<mark>" in proposal_page.content.decode()


def test_rejecting_from_the_admin_asks_for_a_reason_then_keeps_the_proposal(ingested, client, analyst):
    client.force_login(analyst)
    proposal = Proposal.objects.filter(kind=ProposalKind.STATEMENT).first()
    url = reverse("admin:ingestion_proposal_changelist")

    asked = client.post(url, {"action": "reject", "_selected_action": [proposal.pk]})
    done = client.post(url, {"action": "reject", "_selected_action": [proposal.pk],
                             "note": "Commentary, not a statement about a transfer."})

    assert "Why are these proposals rejected" in asked.content.decode()
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED and proposal.decided_by == analyst


def test_accepting_a_statement_without_an_originator_reports_why(ingested, client, analyst):
    client.force_login(analyst)
    proposal = Proposal.objects.filter(kind=ProposalKind.STATEMENT, matching_statement=None).first()
    # As extraction leaves it when the originator is not in the reference data.
    proposal.payload = {**proposal.payload, "on_behalf_of_key": None, "on_behalf_of_keys": [],
                        "on_behalf_of": "Ministry of Unknown Affairs"}
    proposal.save()

    response = client.post(reverse("admin:ingestion_proposal_changelist"),
                           {"action": "accept", "_selected_action": [proposal.pk]}, follow=True)

    assert any("on behalf of" in str(m) for m in get_messages(response.wsgi_request))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING


def test_re_running_extraction_from_the_admin_keeps_decisions(ingested, client, analyst, run_tasks):
    client.force_login(analyst)
    proposal = Proposal.objects.filter(kind=ProposalKind.STATEMENT).first()
    proposal.state = ProposalState.REJECTED
    proposal.save()
    count = Proposal.objects.count()

    with run_tasks():
        client.post(reverse("admin:ingestion_article_changelist"),
                    {"action": "reextract", "_selected_action": list(Article.objects.values_list("id", flat=True))})

    assert Proposal.objects.count() == count
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED


def test_an_analyst_adds_a_feed_and_the_change_is_audited(db, client, analyst):
    from compliance.models import AuditEntry
    from ingestion.models import Feed

    client.force_login(analyst)

    response = client.post(reverse("admin:ingestion_feed_add"),
                           {"url": "https://example.org/world/rss.xml", "title": "World news", "active": "on"})

    assert response.status_code == 302, response.content[:3000]
    feed = Feed.objects.get()
    assert AuditEntry.objects.filter(model="ingestion.Feed", object_id=str(feed.pk), user=analyst).exists()
