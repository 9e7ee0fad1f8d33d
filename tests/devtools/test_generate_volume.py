"""manage.py generate_volume: synthetic record data at volume (small numbers here), its
ingestion side (articles, revisions, proposals), and a smoke run of bench_pages over the test
database."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from compliance.choices import Bearing, EvidentiaryStatus, RequestState, Stance
from devtools.management.commands import generate_volume
from devtools.management.commands.generate_volume import (
    BEARING_OF_STANCE,
    PROPOSALS_PER_ARTICLE,
    STATUS_PATHS,
)
from compliance.models import (
    Actor,
    Allegation,
    AllegationStatement,
    EvidenceItem,
    Place,
    RouteLeg,
    SourceDocument,
    Statement,
    StatementSource,
    StatusChangeRequest,
    StatusTransition,
    Transfer,
    Vessel,
)
from compliance.workflow import transition_for
from ingestion.extraction import EXTRACTOR_VERSION
from ingestion.choices import ExtractionState, ProposalKind, ProposalState, SubmissionOutcome, SubmissionState
from ingestion.extraction.types import COUNTRY, ORGANIZATION, PERSON, PLACE
from ingestion.models import Article, ArticleEntity, ArticleRevision, Cluster, Proposal, Submission
from tests.factories import AllegationFactory

pytestmark = pytest.mark.django_db

ALLEGATIONS = 20
STATEMENTS = 200
ARTICLES = 5
NAME_KINDS = {ProposalKind.NEW_ACTOR, ProposalKind.NEW_PLACE}


def _generate(**options) -> str:
    out = StringIO()
    options = {"allegations": ALLEGATIONS, "statements": STATEMENTS, "articles": ARTICLES, "batch": 60,
               **options}
    call_command("generate_volume", stdout=out, **options)
    return out.getvalue()


def test_generates_the_requested_numbers_and_reports_them():
    output = _generate()

    assert Allegation.objects.count() == ALLEGATIONS
    assert Statement.objects.count() == STATEMENTS
    assert AllegationStatement.objects.count() == STATEMENTS
    assert Statement.on_behalf_of.through.objects.count() == STATEMENTS
    assert STATEMENTS <= StatementSource.objects.count() <= 3 * STATEMENTS
    assert SourceDocument.objects.count() == 2 * ALLEGATIONS
    assert Actor.objects.count() == 200
    assert Place.objects.filter(latitude__isnull=False, longitude__isnull=False).count() == 300
    assert Vessel.objects.filter(imo_number__isnull=True).count() == 150
    assert EvidenceItem.objects.exists()
    assert "compliance_statement " in output and "Generated 20 allegations and 200 statements" in output
    assert Article.objects.count() == ARTICLES
    assert "ingestion_proposal " in output and f"{ARTICLES} articles with {Proposal.objects.count()} proposals" in output


def test_every_generated_row_with_a_ref_is_recognisable():
    _generate()

    for model in (Actor, Place, Vessel, SourceDocument, Transfer, Allegation, Statement, EvidenceItem):
        refs = list(model.objects.values_list("ref", flat=True))
        assert refs and all(ref.startswith(f"vol-{model._meta.model_name}-") for ref in refs), model


def test_every_allegation_has_a_statement_and_a_history_that_ends_at_its_status():
    _generate()

    assert not Allegation.objects.annotate(n=Count("statement_links")).filter(n=0).exists()
    assert not Allegation.objects.annotate(n=Count("transfers")).filter(n=0).exists()
    assert not Allegation.objects.annotate(n=Count("provision_links")).filter(n=0).exists()
    for allegation in Allegation.objects.prefetch_related("transitions"):
        history = list(allegation.transitions.all())
        assert history[0].from_status == "" and history[0].rationale == "Opened."
        assert history[-1].to_status == allegation.status
        assert allegation.version == len(history)
        for transition in history[1:]:
            assert transition_for(transition.from_status, transition.to_status) is not None


def test_status_paths_follow_the_workflow():
    for status, path in STATUS_PATHS.items():
        assert path[-1] == status
        assert path[0] not in (EvidentiaryStatus.CONFIRMED, EvidentiaryStatus.REFUTED)
        assert all(transition_for(a, b) for a, b in zip(path, path[1:]))


def test_statements_are_skewed_across_allegations():
    _generate()

    counts = sorted(Allegation.objects.annotate(n=Count("statement_links")).values_list("n", flat=True))
    assert counts[0] >= 1
    assert counts[-1] >= 5 * (STATEMENTS // ALLEGATIONS) // 2  # one allegation carries far more


def test_bearing_follows_the_statement_stance():
    _generate()

    for stance, bearing in AllegationStatement.objects.values_list("statement__stance", "bearing"):
        assert bearing == BEARING_OF_STANCE[Stance(stance)]
    assert set(AllegationStatement.objects.values_list("bearing", flat=True)) <= set(Bearing.values)


def test_route_legs_are_consecutive_and_numbered_from_one():
    _generate()

    legs: dict[int, list[RouteLeg]] = {}
    for leg in RouteLeg.objects.order_by("transfer", "sequence"):
        legs.setdefault(leg.transfer_id, []).append(leg)
    assert set(legs) == set(Transfer.objects.values_list("pk", flat=True))
    for route in legs.values():
        assert [leg.sequence for leg in route] == list(range(1, len(route) + 1))
        assert 1 <= len(route) <= 3
        for leg in route:
            assert leg.from_place_id != leg.to_place_id
        for before, after in zip(route, route[1:]):
            assert after.from_place_id == before.to_place_id


def test_transfers_have_items_and_two_different_parties():
    _generate()

    assert not Transfer.objects.annotate(n=Count("items")).filter(n=0).exists()
    assert not Transfer.objects.annotate(n=Count("items")).filter(n__gt=3).exists()
    assert all(s != r for s, r in Transfer.objects.values_list("supplier", "recipient"))


def test_a_few_pending_proposals_start_from_the_current_status():
    _generate()

    pending = StatusChangeRequest.objects.filter(state=RequestState.PENDING).select_related("allegation")
    assert pending.exists()
    assert max(Counter(r.allegation_id for r in pending).values()) == 1
    for request in pending:
        assert request.from_status == request.allegation.status
        assert request.allegation_version == request.allegation.version
        assert transition_for(request.from_status, request.to_status) is not None


def test_a_second_run_numbers_on():
    _generate()
    _generate(allegations=5, statements=10, seed=2)

    assert Allegation.objects.count() == ALLEGATIONS + 5
    assert Allegation.objects.filter(ref=f"vol-allegation-{ALLEGATIONS + 5}").exists()
    assert StatusTransition.objects.values("allegation").distinct().count() == ALLEGATIONS + 5
    assert Article.objects.count() == 2 * ARTICLES
    assert Article.objects.filter(url__endswith=f"/vol-article-{2 * ARTICLES}").exists()


def test_refuses_beside_an_allegation_it_did_not_generate():
    AllegationFactory(ref="wh-2023-10-13-containers")

    with pytest.raises(CommandError, match="1 allegation.*not generated.*--allow-existing"):
        _generate()
    assert Statement.objects.count() == 0


def test_refuses_beside_an_allegation_without_a_ref():
    AllegationFactory(ref=None)

    with pytest.raises(CommandError, match="not generated"):
        _generate()


def test_allow_existing_generates_beside_it_without_touching_it():
    real = AllegationFactory(ref="wh-2023-10-13-containers")

    _generate(allow_existing=True)

    assert Allegation.objects.count() == ALLEGATIONS + 1
    assert not real.statement_links.exists() and not real.transitions.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"allegations": 0}, "--allegations must be a positive whole number"),
        ({"statements": -5}, "--statements must be a positive whole number"),
        ({"batch": 0}, "--batch must be a positive whole number"),
        ({"articles": -1}, "--articles must be zero or a positive whole number"),
        ({"allegations": 30, "statements": 10}, r"--statements \(10\) must be at least --allegations \(30\)"),
    ],
)
def test_rejects_bad_arguments(options, message):
    with pytest.raises(CommandError, match=message):
        _generate(**options)
    assert not Allegation.objects.exists()


def test_rejects_a_non_number_on_the_command_line():
    with pytest.raises(CommandError, match="invalid int value"):
        call_command("generate_volume", "--allegations", "many", stdout=StringIO())


def test_bench_pages_smoke_run_over_the_current_database():
    _generate(allegations=5, statements=10)
    out = StringIO()

    # Two pages keep it quick; either is reported as "(not routed)" if its URL is not there.
    call_command("bench_pages", "--use-current-db", "--repeat", "1", "--page", "dashboard",
                 "--page", "allegation-detail", "--page", "article-detail", stdout=out)

    output = out.getvalue()
    assert "Target: the median of 1 requests under 300 ms" in output
    assert "dashboard" in output and "allegation-detail (most statements" in output
    assert "article-detail (most proposals" in output
    assert "vessel-list" not in output
    assert "Data: 5 allegations, 10 statements" in output and f"{ARTICLES} articles" in output
    assert "Summary:" in output
    assert not get_bench_admin_left_behind()


def get_bench_admin_left_behind() -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username="bench-admin").exists()


# --------------------------------------------------------------------------- ingestion


def test_each_article_has_one_extracted_revision_and_its_submission():
    _generate()

    articles = list(Article.objects.select_related("current_revision"))
    assert len(articles) == ARTICLES
    assert ArticleRevision.objects.count() == ARTICLES
    for article in articles:
        revision = article.current_revision
        assert revision is not None and revision.article_id == article.pk and revision.number == 1
        assert article.extracted_revision_id == revision.pk
        assert article.extraction_state == ExtractionState.EXTRACTED and article.extractor_version == EXTRACTOR_VERSION
        assert article.language == "en" and article.title
        assert ".example/" in article.url and article.url.split("/")[2].endswith(".example")
        assert 2_000 <= len(revision.text) <= 5_000
    assert len({a.url for a in articles}) == ARTICLES
    assert len(set(ArticleRevision.objects.values_list("content_hash", flat=True))) == ARTICLES
    submissions = list(Submission.objects.all())
    assert sorted(s.article_id for s in submissions) == sorted(a.pk for a in articles)
    for submission in submissions:
        assert submission.state == SubmissionState.INGESTED and submission.outcome == SubmissionOutcome.NEW_ARTICLE
        assert submission.revision.article_id == submission.article_id


def test_about_ten_proposals_per_article_with_unique_fingerprints():
    _generate()

    counts = dict(Article.objects.annotate(n=Count("proposals")).values_list("pk", "n"))
    low, high = PROPOSALS_PER_ARTICLE
    assert all(low - 1 <= n <= high for n in counts.values()), counts
    rows = list(Proposal.objects.values_list("article", "kind", "fingerprint", "revision__article"))
    assert len({row[:3] for row in rows}) == len(rows)
    assert all(article == revision_article for article, _, _, revision_article in rows)
    kinds = Counter(kind for _, kind, _, _ in rows)
    assert kinds[ProposalKind.STATEMENT] > kinds[ProposalKind.TRANSFER] > 0 and ProposalKind.ENTITY not in kinds
    assert ProposalState.PENDING in set(Proposal.objects.values_list("state", flat=True))


def test_proposal_spans_are_offsets_into_the_revision_text():
    _generate()

    for proposal in Proposal.objects.select_related("revision"):
        text, payload = proposal.revision.text, proposal.payload
        assert 0 <= proposal.start < proposal.end <= len(text)
        assert proposal.excerpt and proposal.excerpt in text
        if proposal.kind in NAME_KINDS:
            # As the extractor stores them: the first mention, within the sentence quoted.
            assert text[proposal.start:proposal.end] in proposal.excerpt
            assert [proposal.start, proposal.end] == payload["mentions"][0][:2]
            for start, end, written in payload["mentions"]:
                assert text[start:end] == written and written.casefold() == payload["name"].casefold()
        else:
            assert text[proposal.start:proposal.end] == proposal.excerpt
        if proposal.kind == ProposalKind.STATEMENT:
            assert proposal.start <= payload["start"] < payload["end"] <= proposal.end
            assert text[payload["start"]:payload["end"]] == payload["quote"]
            assert payload["on_behalf_of"] in proposal.excerpt
        if proposal.kind == ProposalKind.TRANSFER:
            assert payload["spans"][0][0] == proposal.start and payload["spans"][-1][1] == proposal.end
            assert payload["supplier"] in proposal.excerpt and payload["recipient"] in proposal.excerpt


def test_known_names_are_linked_on_the_articles_at_every_occurrence():
    _generate()

    links = list(ArticleEntity.objects.select_related("revision", "actor", "place"))
    assert links and {link.article_id for link in links} == set(Article.objects.values_list("pk", flat=True))
    for link in links:
        assert link.revision.article_id == link.article_id
        assert link.revision.text[link.start:link.end] == link.text == str(link.target)
    assert {link.category for link in links} <= {COUNTRY, ORGANIZATION, PERSON, PLACE}


def test_proposals_suggest_and_link_only_generated_rows():
    _generate()

    suggested = Proposal.objects.filter(suggested_allegation__isnull=False)
    assert suggested.exists()
    assert set(suggested.values_list("kind", flat=True)) <= {ProposalKind.STATEMENT, ProposalKind.TRANSFER}
    assert all(ref.startswith("vol-allegation-") for ref in suggested.values_list("suggested_allegation__ref",
                                                                                     flat=True))
    for proposal in Proposal.objects.exclude(state=ProposalState.PENDING):
        decided = proposal.state in (ProposalState.ACCEPTED, ProposalState.REJECTED)
        assert (proposal.decided_at is not None) == decided
    for proposal in Proposal.objects.filter(state=ProposalState.ACCEPTED):
        if proposal.kind == ProposalKind.STATEMENT:
            assert proposal.statement_id is not None
        else:
            assert proposal.kind == ProposalKind.TRANSFER and proposal.transfer_id is not None


def test_near_duplicates_point_at_an_earlier_article_of_their_cluster(monkeypatch):
    monkeypatch.setattr(generate_volume, "NEAR_DUPLICATE_SHARE", 0.5)

    _generate(articles=8)

    copies = list(Article.objects.filter(near_duplicate_of__isnull=False).select_related("near_duplicate_of"))
    assert copies
    for copy in copies:
        original = copy.near_duplicate_of
        assert original.pk < copy.pk and original.near_duplicate_of_id is None
        assert copy.cluster_id is not None and copy.cluster_id == original.cluster_id
        assert 0.5 <= copy.similarity <= 1
    assert Cluster.objects.count() == len({copy.cluster_id for copy in copies})


def test_no_articles_with_zero():
    _generate(articles=0)

    assert not Article.objects.exists() and not Proposal.objects.exists()


def test_refuses_beside_an_article_it_did_not_generate():
    Article.objects.create(url="https://news.example/2024/01/02/real-story", title="A real story")

    with pytest.raises(CommandError, match="1 article.*not generated.*--allow-existing"):
        _generate()
    _generate(articles=0)  # the allegations alone do not touch ingestion
    _generate(allow_existing=True)
    assert Article.objects.count() == 1 + ARTICLES


def test_queue_and_article_pages_render_on_the_generated_data(client):
    _generate()
    client.force_login(get_user_model().objects.create_superuser("volume-reader", password=None))

    queue = client.get(reverse("proposal-queue"))
    assert queue.status_code == 200
    shown = list(queue.context["object_list"])
    assert shown and all(p.state == ProposalState.PENDING and p.kind != ProposalKind.ENTITY for p in shown)
    assert b'class="hl hl--quote"' in queue.content or b'class="hl hl--transfer"' in queue.content

    article = Article.objects.annotate(n=Count("proposals")).order_by("-n", "pk").first()
    page = client.get(reverse("article-detail", args=[article.pk]))
    assert page.status_code == 200
    assert page.context["revision"].pk == article.current_revision_id
    assert len(page.context["findings"]) + len(page.context["new_names"]) == article.n
    assert page.context["named"] and b"hl--entity" in page.content
