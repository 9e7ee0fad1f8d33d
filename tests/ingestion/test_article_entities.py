"""Links to known names are recorded on the article when a revision is extracted, never
proposed: one row per occurrence, replaced when that revision is extracted again, shown on
the article page and in the admin; the entity proposals made before are turned into links
and the pending ones superseded by a migration, never deleted."""

import hashlib
import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from compliance.models import Actor, Place, Resolution
from ingestion.choices import ProposalKind, ProposalState
from ingestion.extraction.types import Extraction, Mention
from ingestion.models import Article, ArticleEntity, ArticleRevision, Proposal
from ingestion.services.articles import article_extract
from ingestion.services.entities import article_entities_replace
from tests import factories as f

from .builders import _article, _finding
from .conftest import SEEDS

NAJIN_TEXT = "North Korea sent munitions from Najin to Russia, the White House said."


@pytest.fixture
def ingested(seeded, run_tasks):
    with run_tasks():
        call_command("ingest", str(SEEDS), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


def _extraction(text: str, *mentions: Mention) -> Extraction:
    return Extraction(version="test", text=text, title=None, published=None, mentions=mentions)


def _mention(text: str, word: str, key: str | None, category="country", method="gazetteer") -> Mention:
    start = text.index(word)
    return Mention(category=category, text=word, start=start, end=start + len(word), name=word, key=key,
                   method=method)


def test_the_seeds_give_links_to_known_names_and_no_entity_proposals(ingested):
    assert not Proposal.objects.filter(kind=ProposalKind.ENTITY).exists()
    for article in Article.objects.select_related("current_revision"):
        links = list(ArticleEntity.objects.filter(article=article).select_related("actor", "place"))
        assert links, article
        text = article.current_revision.text
        for link in links:
            assert link.revision_id == article.current_revision_id
            assert text[link.start:link.end] == link.text
            assert link.target is not None and link.extractor_version
    dprk = Actor.objects.get(name="DPRK")
    assert ArticleEntity.objects.filter(actor=dprk).values("article").distinct().count() == 5


def test_known_names_are_one_row_per_occurrence_resolved_to_their_rows(db):
    dprk, russia = f.StateFactory(name="DPRK"), f.StateFactory(name="Russia")
    najin = f.PlaceFactory(name="Najin")
    resolution = f.ResolutionFactory(number=2270)
    text = "North Korea sent munitions from Najin to Russia, breaching resolution 2270; North Korea denied it."
    article = _article(text)
    first = _mention(text, "North Korea", f"actor:{dprk.pk}")
    second_at = text.rindex("North Korea")
    second = Mention(category="country", text="North Korea", start=second_at, end=second_at + 11,
                     name="DPRK", key=f"actor:{dprk.pk}")
    mentions = (first, second, _mention(text, "Najin", f"place:{najin.pk}", "place"),
                _mention(text, "Russia", f"actor:{russia.pk}"),
                _mention(text, "resolution 2270", "resolution:2270", "resolution"),
                _mention(text, "munitions", None, "organization"),  # a new name: a proposal, not a link
                _mention(text, "denied", "actor:999999"))  # gone from the record since the gazetteer was built

    written = article_entities_replace(article=article, revision=article.current_revision,
                                       extraction=_extraction(text, *mentions))

    assert written == 5
    rows = list(ArticleEntity.objects.filter(article=article).order_by("start"))
    assert [(r.text, r.target) for r in rows] == [
        ("North Korea", dprk), ("Najin", najin), ("Russia", russia), ("resolution 2270", resolution),
        ("North Korea", dprk)]
    assert rows[3].resolution == resolution and rows[0].category == "country"


def test_extracting_a_revision_again_replaces_its_links_and_keeps_other_revisions(db):
    dprk = f.StateFactory(name="DPRK")
    text = NAJIN_TEXT
    article = _article(text)
    old = article.current_revision
    article_entities_replace(article=article, revision=old,
                             extraction=_extraction(text, _mention(text, "North Korea", f"actor:{dprk.pk}")))
    newer_text = text + " North Korea did not comment."
    newer = ArticleRevision.objects.create(article=article, number=2, text=newer_text, minhash=b"",
                                           content_hash=hashlib.sha256(newer_text.encode()).hexdigest())
    article_entities_replace(article=article, revision=newer,
                             extraction=_extraction(newer_text, _mention(newer_text, "North Korea", f"actor:{dprk.pk}")))
    kept = ArticleEntity.objects.get(revision=old)

    article_entities_replace(article=article, revision=newer, extraction=_extraction(newer_text))

    assert not ArticleEntity.objects.filter(revision=newer).exists()
    assert ArticleEntity.objects.filter(revision=old).get() == kept


def test_re_extraction_through_the_pipeline_gives_the_same_links(ingested):
    article = Article.objects.order_by("pk").first()
    before = sorted(ArticleEntity.objects.filter(article=article).values_list("start", "end", "text"))
    article_extract(article_id=article.pk, force=True)
    assert sorted(ArticleEntity.objects.filter(article=article).values_list("start", "end", "text")) == before


def test_the_article_page_lists_the_names_it_holds_and_marks_them(client, viewer, ingested):
    article = Article.objects.order_by("pk").first()
    client.force_login(viewer)
    html = client.get(reverse("article-detail", args=[article.pk])).content.decode()
    assert "Named in this article" in html
    named = html[html.index('id="named"'):]
    assert "DPRK" in named and "Russia" in named
    assert 'class="hl hl--entity"' in html
    assert f'href="{reverse("actor-list")}?q=DPRK"' in html


def test_the_admin_shows_the_links_read_only(admin_client, ingested):
    article = Article.objects.order_by("pk").first()
    html = admin_client.get(reverse("admin:ingestion_article_change", args=[article.pk])).content.decode()
    assert "Named in this article" in html and "DPRK" in html
    listing = admin_client.get(reverse("admin:ingestion_articleentity_changelist"), {"q": "North Korea"})
    assert listing.status_code == 200 and b"North Korea" in listing.content
    assert admin_client.get(reverse("admin:ingestion_articleentity_add")).status_code == 403


def test_the_migration_turns_entity_proposals_into_links_and_supersedes_the_pending_ones(db):
    migration = importlib.import_module("ingestion.migrations.0004_article_entities")
    dprk = f.StateFactory(name="DPRK")
    najin = f.PlaceFactory(name="Najin")
    text = NAJIN_TEXT
    article = _article(text)
    at = text.index("Najin")
    pending = _finding(article, ProposalKind.ENTITY, {
        "category": "country", "name": "DPRK", "key": f"actor:{dprk.pk}", "method": "gazetteer",
        "mentions": [[0, 11, "North Korea"]]})
    accepted = _finding(article, ProposalKind.ENTITY, {
        "category": "place", "name": "Najin", "key": f"place:{najin.pk}", "method": "gazetteer",
        "mentions": [[at, at + 5, "Najin"]]})
    Proposal.objects.filter(pk=accepted.pk).update(state=ProposalState.ACCEPTED)
    gone = _finding(article, ProposalKind.ENTITY, {"category": "place", "name": "Dunay", "key": "place:999999",
                                                   "mentions": [[0, 5, "North"]]})

    migration.entity_proposals_to_links(apps, None)

    links = {(link.text, link.target) for link in ArticleEntity.objects.filter(article=article)}
    assert links == {("North Korea", dprk), ("Najin", najin)}
    pending.refresh_from_db()
    accepted.refresh_from_db()
    gone.refresh_from_db()
    assert pending.state == ProposalState.SUPERSEDED and "recorded on the article" in pending.decision_note
    assert accepted.state == ProposalState.ACCEPTED
    assert Proposal.objects.filter(pk__in=[pending.pk, accepted.pk, gone.pk]).count() == 3  # none deleted
    migration.entity_proposals_to_links(apps, None)  # twice: nothing more
    assert ArticleEntity.objects.filter(article=article).count() == 2
    assert not Place.objects.filter(name="Dunay").exists() and Resolution.objects.count() == 0
