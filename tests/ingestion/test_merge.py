"""Matching and merging in review: "same as #N" adds the article as a source (and, for a
transfer, its new details) instead of a second row; accept-as-new lists the candidates; a
merge is audited and a reviewer can undo it; a repeat in a near duplicate is not asked
again. Findings are built by hand here so each rule is tested on its own."""

import datetime as dt

import pytest

from compliance.errors import DomainError, RoleRequired
from compliance.models import AllegationStatement, AuditEntry, Statement, StatementSource, TransferItem
from ingestion.choices import ProposalKind, ProposalState
from ingestion.decisions import DecisionAction, DecisionInvalid
from ingestion.models import Cluster, Proposal
from ingestion.services.proposals import proposal_accept, proposal_undo, proposals_replace
from ingestion.suggestions import proposal_suggestions
from tests import factories as f

from .builders import KIRBY, _article, _finding, _statement_payload

def test_a_repeat_is_suggested_as_same_as_and_adds_a_source_not_a_row(record, analyst):
    article = _article("Officials said " + KIRBY + ".", f.SourceDocumentFactory(title="Second report"))
    finding = _finding(article, ProposalKind.STATEMENT, _statement_payload(record["white_house"]))
    suggestion = proposal_suggestions(proposals=[finding])[finding.pk]
    assert suggestion.decision.action == DecisionAction.SAME_AS
    assert suggestion.effect == f"adds source to statement #{record['statement'].pk}"
    best = suggestion.candidates[0]
    assert best.strong and best.id == record["statement"].pk
    assert any("same originators" in r for r in best.reasons) and any("wording" in r for r in best.reasons)
    statements, version = Statement.objects.count(), record["statement"].version

    proposal_accept(proposal=finding, by=analyst)

    finding.refresh_from_db()
    record["statement"].refresh_from_db()
    assert Statement.objects.count() == statements
    assert finding.statement == record["statement"]
    assert record["statement"].sources.filter(pk=article.source_document_id).exists()
    assert record["statement"].version == version + 1
    assert finding.decision["action"] == "same_as" and finding.decision["candidates"][0]["id"] == best.id
    assert AuditEntry.objects.filter(model="compliance.Statement", object_id=str(record["statement"].pk),
                                     action="update", user=analyst).exists()
    assert AuditEntry.objects.filter(model="compliance.StatementSource", action="create", user=analyst).exists()


def test_same_as_links_the_statement_to_an_allegation_only_when_asked(record, analyst):
    article = _article(KIRBY, f.SourceDocumentFactory())
    finding = _finding(article, ProposalKind.STATEMENT, _statement_payload(record["white_house"]))

    proposal_accept(proposal=finding, by=analyst, edits={"allegation": record["allegation"].pk})

    link = AllegationStatement.objects.get(allegation=record["allegation"], statement=record["statement"])
    assert link.bearing == "supports"  # the stance's default bearing, when a person links it


def test_a_different_occasion_is_a_candidate_but_not_a_merge(record, analyst):
    article = _article(KIRBY, f.SourceDocumentFactory())
    finding = _finding(article, ProposalKind.STATEMENT,
                       _statement_payload(record["white_house"], date="2024-03-01"))
    suggestion = proposal_suggestions(proposals=[finding])[finding.pk]
    assert suggestion.decision.action == DecisionAction.NEW
    assert suggestion.candidates and not suggestion.candidates[0].strong
    assert any("days apart" in r for r in suggestion.candidates[0].reasons)

    proposal_accept(proposal=finding, by=analyst)

    finding.refresh_from_db()
    assert finding.statement != record["statement"]
    assert finding.decision["action"] == "new"
    assert [c["id"] for c in finding.decision["candidates"]] == [record["statement"].pk]


def test_another_originator_is_no_candidate(record):
    article = _article(KIRBY, f.SourceDocumentFactory())
    finding = _finding(article, ProposalKind.STATEMENT, _statement_payload(record["uk"]))
    assert proposal_suggestions(proposals=[finding])[finding.pk].candidates == ()


def test_accept_as_new_over_a_strong_candidate_keeps_it_listed(record, analyst):
    article = _article(KIRBY, f.SourceDocumentFactory())
    finding = _finding(article, ProposalKind.STATEMENT, _statement_payload(record["white_house"]))

    proposal_accept(proposal=finding, by=analyst, edits={"action": "new"})

    finding.refresh_from_db()
    assert finding.statement != record["statement"]
    assert finding.decision["action"] == "new"
    assert finding.decision["candidates"][0]["id"] == record["statement"].pk
    assert finding.decision["candidates"][0]["strong"] is True


def test_a_new_statement_from_an_inherited_allegation_is_context(record, analyst):
    article = _article("The UK said the shipments continue at pace.", f.SourceDocumentFactory())
    finding = _finding(article, ProposalKind.STATEMENT,
                       _statement_payload(record["uk"], quote="the shipments continue at the current pace"))
    Proposal.objects.filter(pk=finding.pk).update(suggested_allegation=record["allegation"])
    finding.refresh_from_db()
    suggestion = proposal_suggestions(proposals=[finding])[finding.pk]
    assert suggestion.effect == f"new statement, context only for allegation #{record['allegation'].pk}"

    proposal_accept(proposal=finding, by=analyst)

    finding.refresh_from_db()
    assert AllegationStatement.objects.get(statement=finding.statement).bearing == "context"


def test_the_edit_choice_of_supports_counts(record, analyst):
    article = _article("The UK said the shipments continue at pace.", f.SourceDocumentFactory())
    finding = _finding(article, ProposalKind.STATEMENT,
                       _statement_payload(record["uk"], quote="the shipments continue at the current pace"))
    proposal_accept(proposal=finding, by=analyst, edits={"action": "new", "allegation": record["allegation"].pk,
                                                         "bearing": "supports"})
    finding.refresh_from_db()
    assert AllegationStatement.objects.get(statement=finding.statement).bearing == "supports"


def test_a_reviewer_undoes_a_merge_and_the_finding_is_pending_again(record, analyst, reviewer):
    article = _article(KIRBY, f.SourceDocumentFactory())
    finding = _finding(article, ProposalKind.STATEMENT, _statement_payload(record["white_house"]))
    proposal_accept(proposal=finding, by=analyst, edits={"allegation": record["allegation"].pk})
    finding.refresh_from_db()

    with pytest.raises(RoleRequired):
        proposal_undo(proposal=finding, by=analyst, reason="Not the same briefing.")
    with pytest.raises(DomainError, match="why"):
        proposal_undo(proposal=finding, by=reviewer, reason=" ")

    proposal_undo(proposal=finding, by=reviewer, reason="Not the same briefing.")

    finding.refresh_from_db()
    assert finding.state == ProposalState.PENDING and finding.statement is None
    assert finding.decision["history"][0]["undo_reason"] == "Not the same briefing."
    assert not StatementSource.objects.filter(statement=record["statement"], document=article.source_document).exists()
    assert not AllegationStatement.objects.filter(statement=record["statement"]).exists()
    assert record["statement"].source_links.count() == 1  # the first report stays
    assert AuditEntry.objects.filter(model="compliance.StatementSource", action="delete", user=reviewer,
                                     reason__contains="Not the same briefing.").exists()
    assert AuditEntry.objects.filter(model="ingestion.Proposal", object_id=str(finding.pk), user=reviewer).exists()
    # Decided again, as new this time.
    proposal_accept(proposal=finding, by=analyst, edits={"action": "new"})


def test_only_a_merge_can_be_undone(record, analyst, reviewer):
    article = _article(KIRBY, f.SourceDocumentFactory())
    finding = _finding(article, ProposalKind.STATEMENT, _statement_payload(record["uk"]))
    proposal_accept(proposal=finding, by=analyst)
    with pytest.raises(DomainError, match="same as"):
        proposal_undo(proposal=finding, by=reviewer, reason="Wrong.")


# --------------------------------------------------------------------------- transfers
@pytest.fixture
def route(db):
    dprk, russia = f.StateFactory(name="DPRK"), f.StateFactory(name="Russia")
    najin, dunay, depot = (f.PlaceFactory(name="Najin"), f.PlaceFactory(name="Dunay"),
                           f.PlaceFactory(name="Tikhoretsk depot"))
    transfer = f.TransferFactory(supplier=dprk, recipient=russia, period_start=dt.date(2023, 9, 7),
                                 period_end=dt.date(2023, 10, 1), title="Najin to Dunay")
    f.TransferItemFactory(transfer=transfer, category="military_equipment",
                          description="Military equipment and munitions", quantity_text="over 1,000 containers")
    f.RouteLegFactory(transfer=transfer, sequence=1, from_place=najin, to_place=dunay, mode="sea")
    return {"dprk": dprk, "russia": russia, "najin": najin, "dunay": dunay, "depot": depot, "transfer": transfer}


def _transfer_payload(route, **changes) -> dict:
    payload = {
        "supplier_key": f"actor:{route['dprk'].pk}", "recipient_key": f"actor:{route['russia'].pk}",
        "supplier": "DPRK", "recipient": "Russia", "items": ["munitions", "shells", "rockets"],
        "item_categories": [], "quantity": "more than 1,000 containers", "period_start": "2023-09-01",
        "period_end": "2023-10-31", "status_claimed": "delivered", "route": ["Najin", "Dunay", "Tikhoretsk depot"],
        "legs": [{"from_key": f"place:{route['najin'].pk}", "to_key": f"place:{route['dunay'].pk}", "mode": "sea"},
                 {"from_key": f"place:{route['dunay'].pk}", "to_key": f"place:{route['depot'].pk}", "mode": "rail"}],
    }
    return {**payload, **changes}


def test_matching_transfer_details_add_the_article_items_and_route_leg(route, analyst, reviewer):
    article = _article("Containers went from Najin to Dunay and by rail to a depot.",
                       f.SourceDocumentFactory(), published_on=dt.date(2023, 10, 20))
    finding = _finding(article, ProposalKind.TRANSFER, _transfer_payload(route))
    suggestion = proposal_suggestions(proposals=[finding])[finding.pk]
    transfer = route["transfer"]
    assert suggestion.decision.same_as == transfer
    assert [i.description for i in suggestion.decision.items] == ["shells", "rockets"]  # "munitions" it lists
    assert suggestion.decision.add_route is True
    assert suggestion.effect.startswith(f"adds source to transfer #{transfer.pk}; adds items: shells, rockets")
    reasons = " ".join(suggestion.candidates[0].reasons)
    assert "periods overlap" in reasons and "route shares" in reasons
    version = transfer.version

    proposal_accept(proposal=finding, by=analyst)

    transfer.refresh_from_db()
    assert transfer.sources.filter(pk=article.source_document_id).exists()
    assert sorted(i.description for i in transfer.items.all()) == [
        "Military equipment and munitions", "rockets", "shells"]
    assert [(leg.from_place, leg.to_place, leg.mode) for leg in transfer.legs.all()] == [
        (route["najin"], route["dunay"], "sea"), (route["dunay"], route["depot"], "rail")]
    assert transfer.version > version
    assert AuditEntry.objects.filter(model="compliance.Transfer", object_id=str(transfer.pk), user=analyst,
                                     changes__has_key="items").exists()

    finding.refresh_from_db()
    proposal_undo(proposal=finding, by=reviewer, reason="A different shipment.")

    transfer.refresh_from_db()
    assert not transfer.sources.exists()
    assert list(transfer.items.values_list("description", flat=True)) == ["Military equipment and munitions"]
    assert [(leg.from_place, leg.to_place) for leg in transfer.legs.all()] == [(route["najin"], route["dunay"])]
    assert not TransferItem.objects.filter(description="shells").exists()


def test_a_merge_extends_the_route_with_the_legs_as_the_reviewer_corrected_them(route, analyst):
    article = _article("Containers went from Najin to Dunay and by rail to a depot.",
                       f.SourceDocumentFactory(), published_on=dt.date(2023, 10, 20))
    # Extraction took the last leg for one by sea; the reviewer corrects it to rail.
    legs = [{"from_key": f"place:{route['najin'].pk}", "to_key": f"place:{route['dunay'].pk}", "mode": "sea"},
            {"from_key": f"place:{route['dunay'].pk}", "to_key": f"place:{route['depot'].pk}", "mode": "sea"}]
    finding = _finding(article, ProposalKind.TRANSFER, _transfer_payload(route, legs=legs))
    transfer = route["transfer"]
    edits = {"action": "same_as", "same_as": transfer.pk, "add_route": True, "legs": [
        {"from_place": route["najin"].pk, "to_place": route["dunay"].pk, "mode": "sea"},
        {"from_place": route["dunay"].pk, "to_place": route["depot"].pk, "mode": "rail"}]}

    proposal_accept(proposal=finding, by=analyst, edits=edits)

    assert [(leg.from_place, leg.to_place, leg.mode) for leg in transfer.legs.order_by("sequence")] == [
        (route["najin"], route["dunay"], "sea"), (route["dunay"], route["depot"], "rail")]


def test_an_article_older_than_the_transfer_does_not_merge_into_it(route):
    article = _article("Weapons go from the DPRK to Russia.", f.SourceDocumentFactory(),
                       published_on=dt.date(2023, 9, 1))
    finding = _finding(article, ProposalKind.TRANSFER, _transfer_payload(route, period_start=None, period_end=None,
                                                                          legs=[]))
    suggestion = proposal_suggestions(proposals=[finding])[finding.pk]
    assert suggestion.decision.action == DecisionAction.NEW
    assert any("predates" in r for r in suggestion.candidates[0].reasons)


def test_same_as_with_details_of_the_api_shape(route, analyst):
    article = _article("Shells went to Russia.", f.SourceDocumentFactory(), published_on=dt.date(2023, 10, 20))
    finding = _finding(article, ProposalKind.TRANSFER, _transfer_payload(route, legs=[]))
    proposal_accept(proposal=finding, by=analyst, edits={"action": "same_as", "same_as": route["transfer"].pk,
                                                         "items": ["152 mm shells"], "quantity": "millions"})
    item = route["transfer"].items.get(description="152 mm shells")
    assert (item.category, item.quantity_text) == ("artillery_ammunition", "millions")


# --------------------------------------------------------------------------- repeats
def test_a_finding_repeated_by_a_near_duplicate_is_not_asked_again(record, analyst):
    from ingestion.extraction.types import Extraction, StatementCandidate

    text = "Officials said " + KIRBY + "."
    cluster = Cluster.objects.create()
    first = _article(text, f.SourceDocumentFactory(), url="https://a.example/1", cluster=cluster)
    candidate = StatementCandidate(
        speaker=None, speaker_key=None, speaker_role=None, on_behalf_of="White House",
        on_behalf_of_key=f"actor:{record['uk'].pk}", stance="asserts", probability_term=None, term_key=None,
        band=None, date=None, date_precision="day", quote=KIRBY, direct=False, start=15, end=len(text) - 1,
        on_behalf_of_keys=(f"actor:{record['uk'].pk}",))
    extraction = Extraction(version="t", text=text, title=None, published=None, statements=(candidate,))
    proposals_replace(article=first, revision=first.current_revision, extraction=extraction)
    earlier = first.proposals.get(kind=ProposalKind.STATEMENT)
    proposal_accept(proposal=earlier, by=analyst)

    copy = _article(text + " ", f.SourceDocumentFactory(), url="https://b.example/1", cluster=cluster,
                    near_duplicate_of=first)
    counts = proposals_replace(article=copy, revision=copy.current_revision, extraction=extraction)

    repeat = copy.proposals.get(kind=ProposalKind.STATEMENT)
    assert counts.repeated == 1
    assert repeat.state == ProposalState.REPEATED and repeat.earlier == earlier
    assert f"Already decided in proposal #{earlier.pk}" in repeat.decision_note
    with pytest.raises(DomainError, match="already"):
        proposal_accept(proposal=repeat, by=analyst)


# --------------------------------------------------------------------------- typed decisions
@pytest.mark.parametrize("edits, field", [
    ({"new_allegation_title": ["a", "b"]}, "new_allegation_title"),
    ({"stance": ["asserts"]}, "stance"),
    ({"gist": {"text": "x"}}, "gist"),
    ({"allegation": 99999999}, "allegation"),
    ({"allegation": 2**70}, "allegation"),
    ({"allegation": True}, "allegation"),
    ({"on_behalf_of": "3"}, "on_behalf_of"),
    ({"stated_on": "last Friday"}, "stated_on"),
    ({"as_new": True}, "as_new"),
    ({"action": "same_as"}, "same_as"),
])
def test_bad_decision_values_are_field_errors(record, analyst, edits, field):
    article = _article(KIRBY, f.SourceDocumentFactory())
    finding = _finding(article, ProposalKind.STATEMENT, _statement_payload(record["uk"]))
    with pytest.raises(DecisionInvalid) as raised:
        proposal_accept(proposal=finding, by=analyst, edits=edits)
    assert field in raised.value.errors
    finding.refresh_from_db()
    assert finding.state == ProposalState.PENDING


def test_correcting_a_repeat_without_choosing_is_refused(record, analyst):
    article = _article(KIRBY, f.SourceDocumentFactory())
    finding = _finding(article, ProposalKind.STATEMENT, _statement_payload(record["white_house"]))
    with pytest.raises(DecisionInvalid, match="same_as.*or “new”"):
        proposal_accept(proposal=finding, by=analyst, edits={"stance": "warns"})
