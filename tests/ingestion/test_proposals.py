"""Deciding proposals: accepting writes the record through the same services as a person,
with the audit trail; rejecting keeps the proposal; roles are enforced."""

import io

import pytest
from django.core.management import call_command

from compliance.errors import DomainError, RoleRequired
from compliance.models import AllegationStatement, AuditEntry, Statement, StatementSource, Transfer
from ingestion.choices import ProposalKind, ProposalState
from ingestion.models import Proposal
from ingestion.services.proposals import proposal_accept, proposal_reject

from .conftest import SEEDS


@pytest.fixture
def ingested(seeded, run_tasks):
    with run_tasks():
        call_command("ingest", str(SEEDS), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


def statement_proposal(stance: str, words: str) -> Proposal:
    for proposal in Proposal.objects.filter(kind=ProposalKind.STATEMENT, payload__stance=stance):
        if words in proposal.excerpt:
            return proposal
    raise AssertionError(f"no {stance} proposal with “{words}”")


def test_a_viewer_cannot_accept_or_reject(ingested, viewer):
    proposal = Proposal.objects.filter(kind=ProposalKind.STATEMENT).first()

    with pytest.raises(RoleRequired):
        proposal_accept(proposal=proposal, by=viewer)
    with pytest.raises(RoleRequired):
        proposal_reject(proposal=proposal, by=viewer, note="no")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING


def test_a_statement_already_in_the_record_gains_the_article_as_a_source(ingested, analyst):
    proposal = statement_proposal("declines_to_comment", "nothing to say")
    assert proposal.matching_statement is not None
    statements = Statement.objects.count()

    proposal_accept(proposal=proposal, by=analyst)

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED and proposal.decided_by == analyst
    assert Statement.objects.count() == statements
    assert proposal.statement == proposal.matching_statement
    assert StatementSource.objects.filter(statement=proposal.statement,
                                          document=proposal.article.source_document).exists()
    assert AuditEntry.objects.filter(model="ingestion.Proposal", object_id=str(proposal.pk),
                                     user=analyst).exists()


def test_accepting_as_new_creates_an_audited_statement_linked_to_the_allegation(ingested, analyst):
    proposal = statement_proposal("asserts", "1,000 containers")
    allegation = proposal.suggested_allegation
    assert allegation is not None, "the Najin-Dunay-Tikhoretsk allegation is suggested"

    proposal_accept(proposal=proposal, by=analyst, edits={"action": "new", "allegation": allegation.pk},
                    note="Kirby's briefing as reported.")

    proposal.refresh_from_db()
    statement = proposal.statement
    assert statement.stance == "asserts"
    assert statement.on_behalf_of.exists()
    assert AuditEntry.objects.filter(model="compliance.Statement", object_id=str(statement.pk),
                                     action="create", user=analyst).exists()
    link = AllegationStatement.objects.get(allegation=allegation, statement=statement)
    assert link.bearing == "supports"


def test_an_accepted_or_rejected_proposal_cannot_be_decided_again(ingested, analyst):
    proposal = statement_proposal("declines_to_comment", "nothing to say")
    proposal_reject(proposal=proposal, by=analyst, note="Already in the record.")

    with pytest.raises(DomainError, match="already rejected"):
        proposal_accept(proposal=proposal, by=analyst)


def test_rejecting_needs_a_reason(ingested, analyst):
    proposal = Proposal.objects.filter(kind=ProposalKind.STATEMENT).first()

    with pytest.raises(DomainError, match="why"):
        proposal_reject(proposal=proposal, by=analyst, note="  ")


def test_a_new_transfer_is_created_with_its_route_through_the_services(ingested, analyst):
    proposal = next(
        p for p in Proposal.objects.filter(kind=ProposalKind.TRANSFER)
        if p.payload.get("supplier_key") and p.payload.get("recipient_key")
    )
    transfers = Transfer.objects.count()

    proposal_accept(proposal=proposal, by=analyst, edits={"action": "new"})

    proposal.refresh_from_db()
    assert Transfer.objects.count() == transfers + 1
    assert proposal.transfer.supplier.name == "DPRK"
    assert proposal.transfer.recipient.name == "Russia"
    assert AuditEntry.objects.filter(model="compliance.Transfer", object_id=str(proposal.transfer.pk)).exists()


def test_a_new_place_needs_coordinates(ingested, analyst):
    proposal = Proposal.objects.filter(kind=ProposalKind.NEW_PLACE).first()
    if proposal is None:
        pytest.skip("extraction proposed no new place in the seeds")

    with pytest.raises(DomainError, match="coordinates"):
        proposal_accept(proposal=proposal, by=analyst)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING


# On the five seeds, before links to known names were recorded on the article: 167 proposals,
# 85 of them entity links and 20 new names (Moscow four times, Washington three, Seoul, Tokyo,
# Minsk...). Statements and transfers are extraction's to count.
SEED_NEW_NAMES_AT_MOST = {ProposalKind.NEW_ACTOR: 5, ProposalKind.NEW_PLACE: 5, ProposalKind.NEW_VESSEL: 0}
CAPITALS = {"Moscow", "Washington", "Pyongyang", "Seoul", "Kyiv", "Beijing", "Tokyo", "Minsk"}


def test_the_seeds_ask_no_entity_link_and_few_new_names(ingested):
    from django.db.models import Count

    from ingestion.models import ArticleEntity

    by_kind = dict(Proposal.objects.values_list("kind").annotate(n=Count("pk")))
    assert ProposalKind.ENTITY not in by_kind
    for kind, most in SEED_NEW_NAMES_AT_MOST.items():
        assert by_kind.get(kind, 0) <= most, (kind, by_kind)
    names = set(Proposal.objects.filter(kind__in=SEED_NEW_NAMES_AT_MOST).values_list("payload__name", flat=True))
    assert not names & CAPITALS
    assert {"Center for North Korean Studies", "Bakhmut"} <= names  # real names stay
    # a person the record knows (Donald Trump, since the fourth round of issue 11) is linked, not asked
    assert "Donald Trump" not in names
    assert by_kind[ProposalKind.STATEMENT] and by_kind[ProposalKind.TRANSFER]
    assert ArticleEntity.objects.count() > 200  # the links are recorded instead (297 today)


def test_the_seeds_ask_fewer_than_sixty_decisions(ingested):
    """Issue 11's acceptance: fewer than 60 proposals need a decision on the five seeds."""
    assert Proposal.objects.filter(state=ProposalState.PENDING).count() < 60


def test_passages_of_one_recorded_statement_are_one_card_citing_the_article_once(ingested, analyst):
    """Kirby's briefing is in the record; the article quoting it in several sentences asks
    once, with every passage on the card, and accepting it cites the article once."""
    grouped = [p for p in Proposal.objects.filter(kind=ProposalKind.STATEMENT, state=ProposalState.PENDING)
               if len(p.payload.get("passages") or []) > 1]
    assert len(grouped) >= 3  # the White House's, the joint statement's and the UK ministry's
    proposal = grouped[0]
    text = proposal.revision.text
    assert all(text[start:end].strip() in proposal.excerpt for start, end in proposal.payload["passages"])
    assert "more passage" in proposal.summary
    same = Proposal.objects.filter(article=proposal.article, kind=ProposalKind.STATEMENT,
                                   matching_statement=proposal.matching_statement)
    assert list(same) == [proposal]
    accepted = proposal_accept(proposal=proposal, by=analyst)
    assert accepted.state == ProposalState.ACCEPTED
    document = proposal.article.__class__.objects.get(pk=proposal.article_id).source_document
    assert StatementSource.objects.filter(statement=proposal.matching_statement, document=document).count() == 1
