"""The review queue of ingestion's proposals and the article reader."""

import pytest
from django.urls import reverse

from compliance.models import Allegation, AllegationStatement, Statement, StatementSource
from ingestion.choices import ProposalKind, ProposalState, SubmissionOrigin
from ingestion.models import Article, Proposal
from ingestion.services.submissions import submission_create
from tests.ingestion.conftest import SEEDS

NAJIN = "dprk-russia-najin-dunay-2023"


@pytest.fixture
def ingested(seeded, analyst, run_tasks):
    """The five seed articles ingested, as after `manage.py ingest seeds/`."""
    for path in sorted(SEEDS.glob("*.txt")):
        with run_tasks():
            submission_create(origin=SubmissionOrigin.FILE, locator=str(path), by=analyst,
                              content=path.read_bytes(), content_type="text/plain")
    assert Article.objects.count() == 5


def _statement_proposal(**filters) -> Proposal:
    return (Proposal.objects.filter(kind=ProposalKind.STATEMENT, state=ProposalState.PENDING, **filters)
            .exclude(payload__on_behalf_of_key=None).order_by("id").first())


def _ingest_text(user, text: str, run_tasks, name="evil.txt") -> Article:
    with run_tasks():
        submission = submission_create(origin=SubmissionOrigin.PASTE, locator=name, by=user,
                                       content=text.encode(), content_type="text/plain")
    submission.refresh_from_db()
    return submission.article


def test_the_queue_shows_the_sentence_in_context_with_highlights(client, analyst, ingested):
    client.force_login(analyst)
    response = client.get(reverse("proposal-queue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="hl hl--quote' in html
    assert "hl--originator" in html or "hl--speaker" in html
    kinds = {p.kind for p in response.context["object_list"]}
    assert ProposalKind.ENTITY not in kinds  # links to known names are recorded, never asked
    assert kinds <= {ProposalKind.STATEMENT, ProposalKind.TRANSFER, ProposalKind.NEW_ACTOR,
                     ProposalKind.NEW_PLACE, ProposalKind.NEW_VESSEL}


def test_the_queue_filters_by_kind_and_state(client, viewer, ingested):
    client.force_login(viewer)
    response = client.get(reverse("proposal-queue"), {"kind": "new_actor", "state": "pending"})
    items = list(response.context["object_list"])
    assert items and all(p.kind == ProposalKind.NEW_ACTOR for p in items)


def test_accepting_from_the_queue_links_to_the_suggested_allegation(client, analyst, ingested):
    proposal = _statement_proposal(suggested_allegation__isnull=False, matching_statement__isnull=True)
    assert proposal is not None
    client.force_login(analyst)
    response = client.post(reverse("proposal-decide", args=[proposal.pk]),
                           {"action": "accept", "link": "suggested"}, follow=True)
    assert b"Accepted" in response.content
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED and proposal.decided_by == analyst
    assert AllegationStatement.objects.filter(allegation=proposal.suggested_allegation,
                                              statement=proposal.statement).exists()


def test_a_viewer_cannot_decide_proposals(client, viewer, ingested):
    proposal = _statement_proposal()
    client.force_login(viewer)
    response = client.post(reverse("proposal-decide", args=[proposal.pk]), {"action": "accept"})
    assert response.status_code == 403
    response = client.post(reverse("proposal-bulk"), {"ids": [proposal.pk], "action": "reject", "note": "no"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING
    html = client.get(reverse("proposal-queue")).content.decode()
    assert 'value="accept"' not in html


def test_rejecting_needs_a_reason_and_keeps_the_proposal(client, analyst, ingested):
    proposal = _statement_proposal()
    client.force_login(analyst)
    response = client.post(reverse("proposal-decide", args=[proposal.pk]), {"action": "reject", "note": " "},
                           follow=True)
    assert b"Say why" in response.content
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING
    client.post(reverse("proposal-decide", args=[proposal.pk]), {"action": "reject", "note": "Not about arms."})
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decision_note) == (ProposalState.REJECTED, "Not about arms.")


def test_edit_then_accept_records_the_corrections(client, analyst, ingested):
    from compliance.models import Actor

    proposal = _statement_proposal(matching_statement__isnull=True)
    japan = Actor.objects.get(ref="japan")
    client.force_login(analyst)
    page = client.get(reverse("proposal-detail", args=[proposal.pk]))
    assert page.status_code == 200 and b"Correct, then accept" in page.content
    response = client.post(reverse("proposal-detail", args=[proposal.pk]), {
        "on_behalf_of": [japan.pk], "stance": "warns", "stated_on": "2023-10-20", "date_precision": "day",
        "gist": "Japan warned about the shipments.", "link": "new",
        "new_allegation_title": "A new allegation opened from the queue", "note": "Corrected originator.",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal.refresh_from_db()
    statement = proposal.statement
    assert list(statement.on_behalf_of.all()) == [japan]
    assert statement.stance == "warns" and str(statement.stated_on) == "2023-10-20"
    allegation = Allegation.objects.get(title="A new allegation opened from the queue")
    assert allegation.statement_links.filter(statement=statement).exists()
    assert allegation.transitions.count() == 1  # opened, with its history row


def test_edit_form_errors_keep_the_proposal_pending(client, analyst, ingested):
    proposal = _statement_proposal()
    client.force_login(analyst)
    response = client.post(reverse("proposal-detail", args=[proposal.pk]), {
        "stance": "nonsense", "gist": "", "link": "existing", "allegation": 999999,
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no allegation #999999" in html and "Select a valid choice" in html
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING


def test_bulk_accept_decides_each_and_leaves_what_needs_input_pending(client, analyst, ingested):
    # the seeds' one new name the record lacks (the Center for North Korean Studies)
    good = list(Proposal.objects.filter(kind=ProposalKind.NEW_ACTOR, state=ProposalState.PENDING)[:2])
    assert good
    place = Proposal.objects.filter(kind=ProposalKind.NEW_PLACE, state=ProposalState.PENDING).first()
    client.force_login(analyst)
    response = client.post(reverse("proposal-bulk"), {"ids": [p.pk for p in good] + [place.pk],
                                                      "action": "accept"}, follow=True)
    html = response.content.decode()
    assert f"Accepted {len(good)} proposal{'s' if len(good) > 1 else ''}." in html
    # A new place needs coordinates: left pending for a person to complete, not a failure.
    assert f"Left 1 pending for you to complete first (open each): #{place.pk}: Give the coordinates" in html
    assert "message--error" not in html
    assert Proposal.objects.filter(pk__in=[p.pk for p in good], state=ProposalState.ACCEPTED).count() == len(good)
    place.refresh_from_db()
    assert place.state == ProposalState.PENDING


def test_bulk_reject_needs_a_reason(client, analyst, ingested):
    ids = list(Proposal.objects.filter(state=ProposalState.PENDING).values_list("pk", flat=True)[:3])
    client.force_login(analyst)
    response = client.post(reverse("proposal-bulk"), {"ids": ids, "action": "reject"}, follow=True)
    assert b"Say why" in response.content
    assert Proposal.objects.filter(pk__in=ids, state=ProposalState.PENDING).count() == 3
    client.post(reverse("proposal-bulk"), {"ids": ids, "action": "reject", "note": "Duplicates."})
    assert Proposal.objects.filter(pk__in=ids, state=ProposalState.REJECTED).count() == 3


def test_the_queue_ignores_an_offsite_next(client, analyst, ingested):
    proposal = _statement_proposal()
    client.force_login(analyst)
    response = client.post(reverse("proposal-decide", args=[proposal.pk]),
                           {"action": "reject", "note": "x", "next": "https://evil.example/"})
    assert response["Location"] == reverse("proposal-queue")


def test_queue_query_count_is_pinned(client, analyst, ingested, django_assert_max_num_queries):
    client.force_login(analyst)
    client.get(reverse("proposal-queue"), {"state": "pending", "kind": "statement"})
    with django_assert_max_num_queries(21) as few:
        client.get(reverse("proposal-queue"), {"state": "pending", "kind": "statement", "page": 1})
    # With transfer and new-name findings on the page, the queue also reads the transfers they
    # may repeat (the transfers, their items, legs and sources) and the known places their legs
    # name: five queries, whatever the rows.
    with django_assert_max_num_queries(len(few.captured_queries) + 5):
        client.get(reverse("proposal-queue"), {"state": "pending"})


def test_article_reader_marks_spans_and_links_them(client, viewer, ingested):
    article = Article.objects.filter(proposals__kind=ProposalKind.STATEMENT).distinct().first()
    client.force_login(viewer)
    response = client.get(reverse("article-detail", args=[article.pk]))
    html = response.content.decode()
    assert 'class="hl hl--quote' in html and 'class="hl-link" href="/review/' in html
    assert "Revisions (1)" in html


def test_article_reader_shows_a_script_tag_as_text(client, analyst, seeded, run_tasks):
    text = ("North Korea sent shells to Russia, officials said.\n\n<script>alert('x')</script> "
            "The White House said on Friday that North Korea had delivered more than 1,000 containers "
            "of military equipment and munitions to Russia.")
    article = _ingest_text(analyst, text, run_tasks)
    client.force_login(analyst)
    html = client.get(reverse("article-detail", args=[article.pk])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html
    queue = client.get(reverse("proposal-queue"), {"article": article.pk, "state": "pending"}).content.decode()
    assert "<script>alert" not in queue


def test_article_reader_lists_the_near_duplicate_cluster(client, analyst, seeded, run_tasks):
    base = ("The White House said North Korea had delivered more than 1,000 containers of military "
            "equipment and munitions to Russia by rail and sea, the spokesman said on Friday. " * 4)
    first = _ingest_text(analyst, base, run_tasks, "one.txt")
    second = _ingest_text(analyst, base + " An extra closing sentence was added by an editor.", run_tasks,
                          "two.txt")
    assert second.near_duplicate_of_id == first.pk
    client.force_login(analyst)
    html = client.get(reverse("article-detail", args=[second.pk])).content.decode()
    assert "Near duplicate of" in html and reverse("article-detail", args=[first.pk]) in html


def test_accepting_a_repeat_adds_the_article_as_a_source_not_a_new_statement(client, analyst, ingested):
    proposal = Proposal.objects.filter(kind=ProposalKind.STATEMENT, state=ProposalState.PENDING,
                                       matching_statement__isnull=False).first()
    assert proposal is not None, "the seed articles repeat statements already in the curated record"
    before = Statement.objects.count()
    client.force_login(analyst)
    client.post(reverse("proposal-decide", args=[proposal.pk]), {"action": "accept", "link": "none"})
    assert Statement.objects.count() == before
    assert StatementSource.objects.filter(statement=proposal.matching_statement,
                                          document__articles=proposal.article).exists()


def test_a_viewer_cannot_accept_through_the_edit_page(client, viewer, ingested):
    proposal = _statement_proposal()
    client.force_login(viewer)
    page = client.get(reverse("proposal-detail", args=[proposal.pk]))
    assert page.status_code == 200 and b"Correct, then accept" not in page.content
    response = client.post(reverse("proposal-detail", args=[proposal.pk]), {
        "on_behalf_of": [], "stance": "asserts", "gist": "x", "link": "none", "date_precision": "day"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING


def test_the_queue_can_show_every_state(client, analyst, ingested):
    proposal = _statement_proposal()
    client.force_login(analyst)
    client.post(reverse("proposal-decide", args=[proposal.pk]), {"action": "reject", "note": "Off topic."})
    response = client.get(reverse("proposal-queue"), {"state": "", "kind": "statement"})
    states = {p.state for p in response.context["page_obj"].paginator.object_list}
    assert {ProposalState.PENDING, ProposalState.REJECTED} <= states


def test_forbidden_pages_explain_the_role_needed(client, viewer, ingested):
    proposal = _statement_proposal()
    client.force_login(viewer)
    response = client.post(reverse("proposal-decide", args=[proposal.pk]), {"action": "accept"})
    assert response.status_code == 403
    assert b"analyst role" in response.content and b"Log out" in response.content


def test_article_pages_query_counts_do_not_grow_with_the_articles(client, analyst, ingested, run_tasks,
                                                                  django_assert_max_num_queries):
    client.force_login(analyst)
    article = Article.objects.order_by("pk").first()
    with django_assert_max_num_queries(20) as list_before:
        client.get(reverse("article-list"))
    with django_assert_max_num_queries(25) as reader_before:
        client.get(reverse("article-detail", args=[article.pk]))
    for n in range(3):
        _ingest_text(analyst, f"Story {n}: the White House said North Korea sent {n + 2},000 shells to Russia "
                              f"by rail, a spokesman said on Friday. Pyongyang denied it.", run_tasks, f"s{n}.txt")
    with django_assert_max_num_queries(len(list_before.captured_queries)):
        client.get(reverse("article-list"))
    with django_assert_max_num_queries(len(reader_before.captured_queries)):
        client.get(reverse("article-detail", args=[article.pk]))
