"""Typed decisions: every field extraction found can be corrected (a statement's reporting
verb, probability words and excerpt; a transfer's items with category and quantity, its
legs with places, mode and vessel, its period with precision), each bad value is an error
on its field, and accepting writes exactly what was decided, in one transaction."""

import datetime as dt
from decimal import Decimal

import pytest

from compliance.errors import DomainError
from compliance.models import Allegation, AuditEntry, RouteLeg, Statement, Transfer, TransferItem
from ingestion.choices import ProposalKind, ProposalState
from ingestion.decisions import DecisionAction, DecisionInvalid, decision_data, decision_parse, item_decision
from ingestion.services.proposals import proposal_accept
from ingestion.suggestions import proposal_suggestions
from tests import factories as f

from .builders import KIRBY, _article, _finding, _statement_payload, known_route, transfer_finding


@pytest.fixture
def places(db):
    return known_route()


def suggested(proposal):
    return proposal_suggestions(proposals=[proposal])[proposal.pk].decision


# --------------------------------------------------------------------------- what is suggested
def test_a_transfer_is_suggested_with_its_legs_vessel_items_and_quantity(places):
    decision = suggested(transfer_finding(places))
    assert [(leg.from_place, leg.to_place, leg.mode, leg.vessel) for leg in decision.legs] == [
        (places["najin"], places["dunay"], "sea", places["angara"]),
        (places["dunay"], places["depot"], "rail", None)]
    first, second = decision.items
    assert (first.description, first.category, first.quantity_text, first.quantity_min, first.unit) == (
        "containers of munitions", "artillery_ammunition", "more than 1,000 containers", Decimal(1000), "containers")
    assert (second.description, second.category, second.quantity_text) == ("shells", "artillery_ammunition", "")
    assert decision.period_start_precision == decision.period_end_precision == "day"


def test_legs_that_do_not_join_up_are_a_problem_before_accepting(places):
    legs = [{"from_key": f"place:{places['najin'].pk}", "to_key": f"place:{places['dunay'].pk}", "mode": "sea"},
            {"from_key": f"place:{places['vostochny'].pk}", "to_key": f"place:{places['depot'].pk}", "mode": "rail"}]
    proposal = transfer_finding(places, legs=legs)
    suggestion = proposal_suggestions(proposals=[proposal])[proposal.pk]
    assert "Leg 2 starts at Vostochny port but leg 1 ends at Dunay" in suggestion.problem


def test_a_statement_is_suggested_with_its_reporting_verb_in_the_gist(db):
    us = f.StateFactory(name="United States")
    article = _article("The United States accused North Korea of supplying Russia with shells.")
    payload = {**_statement_payload(us, quote="North Korea of supplying Russia with shells."),
               "on_behalf_of": "United States", "cue": "accused"}
    decision = suggested(_finding(article, ProposalKind.STATEMENT, payload))
    assert decision.reporting_verb == "accused" and decision.stance == "asserts"
    assert decision.gist == "United States accused North Korea of supplying Russia with shells."
    assert decision.excerpt == article.current_revision.text


# --------------------------------------------------------------------------- parsing
def parse(proposal, data):
    return decision_parse(proposal=proposal, data=data, suggested=suggested(proposal))


def test_items_are_strings_or_objects_and_the_old_quantity_goes_with_the_first(places):
    proposal = transfer_finding(places)
    decision = parse(proposal, {"items": ["152 mm shells", {"description": "KN-23 missiles", "quantity_min": 40,
                                                             "quantity_max": "50", "unit": "missiles"}],
                                "quantity": "millions of rounds"})
    shells, missiles = decision.items
    assert (shells.category, shells.quantity_text) == ("artillery_ammunition", "millions of rounds")
    assert (missiles.category, missiles.quantity_min, missiles.quantity_max, missiles.unit) == (
        "ballistic_missiles", Decimal(40), Decimal(50), "missiles")


@pytest.mark.parametrize("data, field, words", [
    ({"items": [{"description": "shells", "category": "bananas"}]}, "items", "Item 1, category:"),
    ({"items": ["ok", {"description": "shells", "quantity_min": 9, "quantity_max": 3, "unit": "rounds"}]},
     "items", "Item 2, quantity_max: The maximum is below the minimum."),
    ({"items": [{"description": "shells", "quantity_min": 9}]}, "items", "Item 1, unit: Say what the quantity"),
    ({"items": [{"description": "shells", "quantity_min": -1, "unit": "rounds"}]}, "items", "Item 1, quantity_min:"),
    ({"items": "shells"}, "items", "Expected a list"),
    ({"legs": [{"from_place": 999999, "to_place": 1}]}, "legs", "Leg 1, from_place:"),
    ({"legs": [{"from_place": "x", "to_place": 1}]}, "legs", "Leg 1, from_place: Incorrect type"),
    ({"legs": [{"to_place": 1}]}, "legs", "Leg 1, from_place: This field is required."),
    ({"period_start_precision": "week"}, "period_start_precision", "not a valid choice"),
    ({"period_start": "2023-10-02", "period_end": "2023-10-01"}, "period_end", "ends before it starts"),
])
def test_a_bad_transfer_field_is_an_error_on_that_field(places, data, field, words):
    with pytest.raises(DecisionInvalid) as caught:
        parse(transfer_finding(places), data)
    assert any(words in message for message in caught.value.errors[field]), caught.value.errors


def test_legs_must_make_one_journey(places):
    w = places
    with pytest.raises(DecisionInvalid) as caught:
        parse(transfer_finding(w), {"legs": [
            {"from_place": w["najin"].pk, "to_place": w["dunay"].pk, "mode": "sea"},
            {"from_place": w["vostochny"].pk, "to_place": w["depot"].pk, "mode": "rail"},
            {"from_place": w["depot"].pk, "to_place": w["depot"].pk}]})
    assert caught.value.errors["legs"] == [
        "Leg 2 starts at Vostochny port but leg 1 ends at Dunay.",
        "Leg 3 starts and ends at Tikhoretsk depot."]


def test_legs_given_to_a_merge_need_add_route(places):
    transfer = f.TransferFactory(supplier=places["dprk"], recipient=places["russia"])
    legs = [{"from_place": places["najin"].pk, "to_place": places["dunay"].pk, "mode": "sea"}]
    proposal = transfer_finding(places)
    with pytest.raises(DecisionInvalid, match="add_route"):
        parse(proposal, {"action": "same_as", "same_as": transfer.pk, "add_route": False, "legs": legs})
    decision = parse(proposal, {"action": "same_as", "same_as": transfer.pk, "add_route": True, "legs": legs})
    assert [(leg.from_place, leg.to_place, leg.mode) for leg in decision.legs] == [
        (places["najin"], places["dunay"], "sea")]


def test_the_suggested_decision_round_trips_through_its_data(places):
    proposal = transfer_finding(places)
    decision = suggested(proposal)
    assert parse(proposal, decision_data(decision)) == decision


def test_a_statement_decision_corrects_verb_probability_words_and_excerpt(record):
    article = _article("Officials said " + KIRBY + ".")
    proposal = _finding(article, ProposalKind.STATEMENT, _statement_payload(record["uk"]))
    decision = parse(proposal, {"reporting_verb": " confirmed ", "estimative_phrase": "almost certain",
                                "excerpt": "Officials said so."})
    assert (decision.reporting_verb, decision.estimative_phrase, decision.excerpt) == (
        "confirmed", "almost certain", "Officials said so.")
    assert decision_data(decision)["reporting_verb"] == "confirmed"


# --------------------------------------------------------------------------- accepting
def test_a_transfer_accepted_with_corrected_legs_items_and_period_has_exactly_those_rows(places, analyst):
    w = places
    proposal = transfer_finding(w)
    proposal_accept(proposal=proposal, by=analyst, edits={
        "supplier": w["dprk"].pk, "recipient": w["russia"].pk, "status_claimed": "in_transit",
        "period_start": "2023-09-01", "period_start_precision": "month",
        "period_end": "2023-10-01", "period_end_precision": "day",
        "items": [{"description": "containers of equipment and munitions", "category": "military_equipment",
                   "quantity_min": 1000, "unit": "containers", "quantity_text": "over 1,000 containers"}],
        "legs": [{"from_place": w["najin"].pk, "to_place": w["dunay"].pk, "mode": "sea", "vessel": w["angara"].pk},
                 {"from_place": w["dunay"].pk, "to_place": w["depot"].pk, "mode": "rail", "vessel": None}],
        "excerpt": "Containers went by sea and rail.",
    })
    proposal.refresh_from_db()
    transfer = proposal.transfer
    assert proposal.state == ProposalState.ACCEPTED
    assert (transfer.status_claimed, transfer.period_start, transfer.period_start_precision, transfer.period_end,
            transfer.period_end_precision) == ("in_transit", dt.date(2023, 9, 1), "month", dt.date(2023, 10, 1), "day")
    assert list(transfer.items.values_list("description", "category", "quantity_min", "quantity_max", "unit",
                                           "quantity_text")) == [
        ("containers of equipment and munitions", "military_equipment", Decimal(1000), None, "containers",
         "over 1,000 containers")]
    assert list(RouteLeg.objects.filter(transfer=transfer).values_list(
        "sequence", "from_place__name", "to_place__name", "mode", "vessel__name")) == [
        (1, "Najin", "Dunay", "sea", "Angara"), (2, "Dunay", "Tikhoretsk depot", "rail", None)]
    assert list(transfer.source_links.values_list("excerpt", flat=True)) == ["Containers went by sea and rail."]
    assert AuditEntry.objects.filter(object_id=str(transfer.pk), changes__has_key="route").exists()


def test_accepted_as_suggested_the_transfer_keeps_the_article_route_and_vessel(places, analyst):
    proposal = proposal_accept(proposal=transfer_finding(places), by=analyst)
    assert [(leg.from_place.name, leg.to_place.name, leg.mode, leg.vessel_id) for leg in proposal.transfer.legs.all()
            ] == [("Najin", "Dunay", "sea", places["angara"].pk), ("Dunay", "Tikhoretsk depot", "rail", None)]
    assert proposal.transfer.items.get(description="containers of munitions").quantity_min == Decimal(1000)


def test_accepting_is_atomic_a_refusal_after_the_transfer_leaves_nothing(places, analyst):
    taken = f.AllegationFactory(title="Najin to Dunay")
    proposal = transfer_finding(places)
    transfers, items, legs = Transfer.objects.count(), TransferItem.objects.count(), RouteLeg.objects.count()
    with pytest.raises(DomainError, match="already exists"):
        proposal_accept(proposal=proposal, by=analyst, edits={"new_allegation_title": taken.title})
    assert (Transfer.objects.count(), TransferItem.objects.count(), RouteLeg.objects.count()) == (
        transfers, items, legs)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING and Allegation.objects.count() == 1


def test_switching_a_merge_to_new_takes_all_the_article_items_and_its_route(places, analyst):
    w = places
    transfer = f.TransferFactory(supplier=w["dprk"], recipient=w["russia"], period_start=dt.date(2023, 9, 7),
                                 period_end=dt.date(2023, 10, 1))
    f.TransferItemFactory(transfer=transfer, description="containers of munitions",
                          quantity_text="more than 1,000 containers")
    f.RouteLegFactory(transfer=transfer, sequence=1, from_place=w["najin"], to_place=w["dunay"])
    proposal = transfer_finding(w)
    assert suggested(proposal).action == DecisionAction.SAME_AS
    accepted = proposal_accept(proposal=proposal, by=analyst, edits={"action": "new"})
    assert accepted.transfer != transfer
    assert sorted(accepted.transfer.items.values_list("description", flat=True)) == [
        "containers of munitions", "shells"]
    assert accepted.transfer.legs.count() == 2


def test_a_statement_accepted_keeps_the_reporting_verb(record, analyst):
    article = _article("The UK accused North Korea of it.")
    payload = {**_statement_payload(record["uk"], quote="North Korea of it."), "cue": "accused"}
    proposal = proposal_accept(proposal=_finding(article, ProposalKind.STATEMENT, payload), by=analyst,
                               edits={"action": "new"})
    statement = Statement.objects.get(pk=proposal.statement_id)
    assert statement.reporting_verb == "accused" and statement.stance == "asserts"


def test_item_decision_reads_the_bounds_and_unit_of_its_words():
    assert item_decision("shells", quantity_text="up to 1,000 containers").quantity_max == Decimal(1000)
    assert item_decision("shells", quantity_text="millions").quantity_min is None
    assert item_decision("shells", category="nonsense").category == "artillery_ammunition"


# --------------------------------------------------------------------------- the gist keeps the verb
def test_the_proposal_summary_and_the_extract_view_keep_the_reporting_verb(db):
    from ingestion.extraction import extract, extraction_to_json
    from ingestion.extraction.types import ReferenceData
    from ingestion.services.proposals import proposals_replace

    text = ("US accuses North Korea\n\nThe United States accuses North Korea of providing Soviet-era ammunition, "
            "shells, and rockets to Russia through containers shipped between Najin and Dunay.")
    extraction = extract(text, reference=ReferenceData(), published=dt.date(2023, 10, 19))
    assert [s["reporting_verb"] for s in extraction_to_json(extraction, source="t")["statements"]] == ["accuses"]
    article = _article(text)
    proposals_replace(article=article, revision=article.current_revision, extraction=extraction)
    proposal = article.proposals.get(kind=ProposalKind.STATEMENT)
    assert proposal.summary.startswith("United States accuses North Korea of providing Soviet-era ammunition")
    assert proposal.payload["reporting_verb"] == "accuses"


# --------------------------------------------------------------------------- through the API
def _api(user):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_the_api_suggests_and_accepts_items_legs_and_precision(places, analyst):
    w = places
    proposal = transfer_finding(w)
    body = _api(analyst).get(f"/api/v1/proposals/{proposal.pk}/").json()
    decision = body["suggested_decision"]
    assert decision["legs"] == [
        {"from_place": w["najin"].pk, "to_place": w["dunay"].pk, "mode": "sea", "vessel": w["angara"].pk},
        {"from_place": w["dunay"].pk, "to_place": w["depot"].pk, "mode": "rail", "vessel": None}]
    assert decision["items"][0] == {"description": "containers of munitions", "category": "artillery_ammunition",
                                    "quantity_text": "more than 1,000 containers", "quantity_min": "1000",
                                    "quantity_max": None, "unit": "containers"}
    decision.update(period_end_precision="month", legs=decision["legs"][:1], items=["artillery shells"])
    response = _api(analyst).post(f"/api/v1/proposals/{proposal.pk}/accept/", {"decision": decision}, format="json")
    assert response.status_code == 200, response.json()
    transfer = Transfer.objects.get(pk=response.json()["transfer"])
    assert transfer.period_end_precision == "month" and transfer.legs.get().vessel == w["angara"]
    assert list(transfer.items.values_list("description", flat=True)) == ["artillery shells"]


def test_the_api_says_which_row_and_field_is_wrong(places, analyst):
    proposal = transfer_finding(places)
    accept = f"/api/v1/proposals/{proposal.pk}/accept/"
    response = _api(analyst).post(accept, {"decision": {
        "items": ["shells", {"description": "x", "category": "bananas"}],
        "legs": [{"from_place": places["najin"].pk, "to_place": "Dunay"}]}}, format="json")
    assert response.status_code == 400
    assert response.json()["decision"] == {
        "items": ['Item 2, category: "bananas" is not a valid choice.'],
        "legs": ["Leg 1, to_place: Incorrect type. Expected pk value, received str."]}
    response = _api(analyst).post(accept, {"decision": {
        "legs": [{"from_place": places["najin"].pk, "to_place": places["najin"].pk}]}}, format="json")
    assert response.json()["decision"] == {"legs": ["Leg 1 starts and ends at Najin."]}
