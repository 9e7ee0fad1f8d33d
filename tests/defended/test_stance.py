"""Issue 10, case 5 ("Rules that disagree"): each test replays what was found and fails on
5b9f4d2. What a stance means is one table (compliance/stances.py) that the suggested status,
accepted proposals, the dossier and the STIX/FtM exports all read; the opening statuses sit
beside the four-eyes ones and hold at every door; an actor's state is one function; item
categories are one vocabulary."""

from __future__ import annotations

import hashlib
import itertools

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.choices import Bearing, EvidentiaryStatus, ItemCategory, Stance
from compliance.errors import RoleRequired
from compliance.exports.ftm import ftm_entities, ftm_id
from compliance.exports.stix import stix_bundle, stix_id
from compliance.models import Allegation, AllegationStatement, EstimativeTerm
from compliance.selectors.allegations import allegation_suggested_status
from compliance.selectors.dossier import MATRIX_COLUMNS, allegation_dossier
from compliance.services.workflow import allegation_create
from ingestion.choices import ProposalKind
from ingestion.models import Article, ArticleRevision, Proposal
from ingestion.services.proposals import proposal_accept
from tests.factories import (
    ActorFactory,
    AllegationFactory,
    AllegationStatementFactory,
    SourceDocumentFactory,
    StateFactory,
    StatementFactory,
    TransferFactory,
)

# What each stance means, as an analyst reads it (the decisions): whether a statement
# linked as support counts as support, the bearing it gets when nobody chooses one, the
# dossier column it is filed under, its STIX object and opinion, and its FtM role's meaning.
EXPECTED = {
    Stance.ASSERTS: (True, Bearing.SUPPORTS, "Asserts or condemns", "agree", "supports the claim"),
    Stance.ASSESSES: (True, Bearing.SUPPORTS, "Assesses (probability band)", "agree", "supports the claim"),
    Stance.CONDEMNS: (True, Bearing.SUPPORTS, "Asserts or condemns", "agree", "supports the claim"),
    Stance.WARNS: (False, Bearing.CONTEXT, "Warns (context)", None, "neither supports nor contradicts"),
    Stance.DENIES: (False, Bearing.CONTRADICTS, "Denies", "disagree", "contradicts the claim"),
    Stance.DECLINES_TO_COMMENT: (False, Bearing.CONTEXT, "Declines to comment", "neutral",
                                 "neither supports nor contradicts"),
}
_numbers = itertools.count(1)


def _statement_proposal(stance: str, originator, allegation) -> Proposal:
    """A pending statement proposal from an article, as extraction leaves it."""
    n = next(_numbers)
    text = f"Officials said on Friday that the shipments of shells had taken place ({stance} {n})."
    article = Article.objects.create(url=f"https://news.example/case5/{n}", title=f"Article {n}")
    revision = ArticleRevision.objects.create(
        article=article, number=1, title=article.title, text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest())
    return Proposal.objects.create(
        article=article, revision=revision, kind=ProposalKind.STATEMENT, fingerprint=f"case5-{n}",
        summary=f"{originator.name} {stance}", start=0, end=len(text), excerpt=text, extractor_version="1",
        payload={"stance": stance, "on_behalf_of_key": f"actor:{originator.pk}", "gist": text},
        suggested_allegation=allegation,
    )


@pytest.fixture
def world(db):
    dprk, russia = StateFactory(name="DPRK"), StateFactory(name="Russia")
    allegation = AllegationFactory()
    allegation.transfers.add(TransferFactory(supplier=dprk, recipient=russia))
    return allegation


def test_case5_every_stance_means_the_same_to_the_status_the_proposals_the_dossier_stix_and_ftm(world, analyst):
    """Case 5: condemns and warns counted as support by the suggested status, given the bearing
    context on acceptance, filed under "Asserts" and exported as STIX notes. Now every consumer
    agrees with the analyst's reading and with the one table."""
    columns = {column.key: column.label for column in MATRIX_COLUMNS}
    disagreements = []

    def check(stance, consumer, found, expected):
        if found != expected:
            disagreements.append(f"{stance}: {consumer} gives {found!r}, the table {expected!r}")

    for stance, (supports, bearing, column, opinion, role) in EXPECTED.items():
        allegation = AllegationFactory(title=f"Claim for {stance}")
        allegation.transfers.set(world.transfers.all())
        originator = StateFactory(name=f"Originator of {stance}")
        # A person linked it as support: only a stance that can support counts.
        statement = StatementFactory(stance=stance, on_behalf_of=[originator],
                                     documents=[SourceDocumentFactory()])
        AllegationStatementFactory(allegation=allegation, statement=statement, bearing=Bearing.SUPPORTS)
        suggestion = allegation_suggested_status(allegation=allegation)
        check(stance, "the suggested status (counts as support)",
              originator.name in suggestion.supporting_originators, supports)

        # Accepted from an article with no bearing chosen: the stance's default.
        proposal = proposal_accept(proposal=_statement_proposal(stance, originator, allegation), by=analyst,
                                   edits={"action": "new", "allegation": allegation.pk})
        link = AllegationStatement.objects.get(allegation=allegation, statement=proposal.statement)
        check(stance, "an accepted proposal (bearing)", link.bearing, bearing)

        dossier = allegation_dossier(allegation=allegation)
        row = next(r for r in dossier.matrix if r.root == originator)
        filed = [columns[key] for key, entries in row.cells.items()
                 if any(e.statement.pk == statement.pk for e in entries)]
        check(stance, "the dossier (column)", filed, [column])

        objects = {o["id"]: o for o in stix_bundle(Allegation.objects.filter(pk=allegation.pk)).objects}
        note = objects.get(stix_id("note", "statement", statement))
        found = objects.get(stix_id("opinion", "statement", statement), {}).get("opinion")
        check(stance, "STIX (opinion, None for a note)", None if note else found, opinion)

        entities = {e["id"]: e for e in ftm_entities(Allegation.objects.filter(pk=allegation.pk))}
        documentation = next(e for e in entities.values() if e["schema"] == "Documentation"
                             and ftm_id("document", statement.source_links.get().document)
                             in e["properties"]["document"])
        check(stance, "FtM (role says)", role in documentation["properties"]["role"][0], True)

    assert not disagreements, "\n".join(disagreements)

    from compliance.stances import STANCES

    for stance, (supports, bearing, column, opinion, _role) in EXPECTED.items():
        rule = STANCES[stance]
        assert (rule.counted_bearing(Bearing.SUPPORTS) == Bearing.SUPPORTS) is supports
        assert rule.default_bearing() == bearing and columns[rule.matrix_column] == column
        assert rule.opinion() == opinion


def test_case5_an_assessment_below_likely_is_not_support_in_any_consumer(world, analyst):
    """Case 5 (the minimum band): "a roughly even chance" (45-55 %) was counted as support by the
    suggested status (its upper bound reaches 55) while STIX called it neutral."""
    term = EstimativeTerm.objects.create(scale="us_icd_203", term="roughly even chance", low_percent=45,
                                         high_percent=55)
    us, uk = StateFactory(name="United States"), StateFactory(name="United Kingdom")
    AllegationStatementFactory(allegation=world, statement=StatementFactory(on_behalf_of=[us]))
    even = StatementFactory(stance=Stance.ASSESSES, estimative_term=term, on_behalf_of=[uk])
    AllegationStatementFactory(allegation=world, statement=even, bearing=Bearing.SUPPORTS)
    suggestion = allegation_suggested_status(allegation=world)
    assert suggestion.supporting_originators == ["United States"]
    assert suggestion.status == EvidentiaryStatus.REPORTED
    objects = {o["id"]: o for o in stix_bundle(Allegation.objects.filter(pk=world.pk)).objects}
    assert objects[stix_id("opinion", "statement", even)]["opinion"] == "neutral"


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_case5_an_analyst_cannot_open_an_allegation_as_corroborated_through_the_api(analyst):
    """Case 5: an analyst opened an allegation directly as corroborated through the API, a status
    that otherwise needs a reviewer's decision."""
    response = _api(analyst).post("/api/v1/allegations/", {
        "title": "Shells via Rajin", "initial_status": "corroborated",
        "rationale": "Two governments say so in their statements.",
    }, format="json", HTTP_X_CHANGE_REASON="Opening it.")
    assert response.status_code == 403, response.content
    assert response["Content-Type"].startswith("application/json")
    assert "reviewer" in response.json()["detail"]
    assert not Allegation.objects.filter(title="Shells via Rajin").exists()


def test_case5_the_service_refuses_an_analyst_opening_beyond_reported(analyst, reviewer):
    """Case 5: allegation_create let any role open an allegation as corroborated or disputed."""
    for status in (EvidentiaryStatus.CORROBORATED, EvidentiaryStatus.DISPUTED):
        with pytest.raises(RoleRequired):
            allegation_create(allegation=Allegation(title=f"Opened as {status}"), by=analyst,
                              initial_status=status, rationale="Two governments say so in statements.")
    assert not Allegation.objects.exists()
    opened = allegation_create(allegation=Allegation(title="By a reviewer"), by=reviewer,
                               initial_status=EvidentiaryStatus.CORROBORATED,
                               rationale="Two governments say so in statements.")
    assert opened.status == EvidentiaryStatus.CORROBORATED


def test_case5_the_state_at_the_top_of_a_chain_is_one_rule(db):
    """Case 5: "the state at the top of an actor's parent chain" was written four times, and the
    suggested status walked past a state to an international body above it: two member states
    of a union counted as one originator, while extraction stopped at the state."""
    union = ActorFactory(name="European Union", kind="international_body")
    france = StateFactory(name="France", parent=union)
    germany = StateFactory(name="Germany", parent=union)
    quai = ActorFactory(name="French Foreign Ministry", parent=france)
    dprk, russia = StateFactory(name="DPRK"), StateFactory(name="Russia")
    allegation = AllegationFactory()
    allegation.transfers.add(TransferFactory(supplier=dprk, recipient=russia))
    for originator in (quai, germany):
        AllegationStatementFactory(allegation=allegation, statement=StatementFactory(on_behalf_of=[originator]))

    suggestion = allegation_suggested_status(allegation=allegation)
    assert suggestion.supporting_originators == ["France", "Germany"]
    assert suggestion.status == EvidentiaryStatus.CORROBORATED
    assert {row.root.name for row in allegation_dossier(allegation=allegation).matrix} == {"France", "Germany"}

    from ingestion.selectors import ActorRoots

    roots = ActorRoots()  # what review's matching compares
    assert roots.root(quai.pk) == france.pk and roots.root(germany.pk) == germany.pk


def test_case5_item_categories_are_one_vocabulary(db):
    """Case 5: accepted proposals filed items by their own keyword list, in other words than
    extraction's ("fuel" was military equipment on acceptance, raw materials in extraction)."""
    from ingestion.services.proposals import _item_category

    for words, category in [("fuel", ItemCategory.RAW_MATERIALS), ("oil", ItemCategory.RAW_MATERIALS),
                            ("military technology", ItemCategory.TECHNOLOGY),
                            ("grenades", ItemCategory.SMALL_ARMS), ("workers", ItemCategory.PERSONNEL),
                            ("152 mm artillery shells", ItemCategory.ARTILLERY_AMMUNITION)]:
        assert _item_category(words, [], 0) == category, words
