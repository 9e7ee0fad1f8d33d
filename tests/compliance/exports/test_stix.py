"""The STIX 2.1 bundle: valid for the OASIS validator, complete for the Najin allegation,
stable across exports, and read in a fixed number of queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from stix2validator import ValidationOptions, validate_instance

from compliance.choices import Stance
from compliance.exports.stix import (
    grade_confidence,
    stance_opinion,
    stix_bundle,
    stix_bundle_json,
    stix_id,
    stix_problems,
)
from compliance.models import Actor, Allegation, Place, Statement
from tests import factories

pytestmark = pytest.mark.django_db

NAJIN = "dprk-russia-najin-dunay-2023"


@pytest.fixture
def bundle(seeded):
    return json.loads(stix_bundle(Allegation.objects.all()).serialize())


def _by_id(bundle):
    return {obj["id"]: obj for obj in bundle["objects"]}


def test_the_seeded_record_passes_the_oasis_validator(bundle):
    result = validate_instance(bundle, ValidationOptions(version="2.1", enforce_refs=True))
    assert result.is_valid, [str(e) for e in result.errors]
    # Warnings too, as errors, but for the two this export accepts on purpose: deterministic
    # UUIDv5 ids (uuid-check) and links to pages whose hash nobody has (extref-hashes).
    strict = validate_instance(bundle, ValidationOptions(version="2.1", enforce_refs=True, strict=True,
                                                         disabled="uuid-check,extref-hashes"))
    assert strict.is_valid, [str(e) for e in strict.errors]


def test_every_reference_points_inside_the_bundle(seeded):
    assert stix_problems(stix_bundle(Allegation.objects.all())) == []


def test_the_najin_report_holds_its_statements_parties_and_route(bundle):
    objects = _by_id(bundle)
    najin = Allegation.objects.get(ref=NAJIN)
    report = objects[stix_id("report", "allegation", najin)]
    assert report["type"] == "report" and report["name"] == najin.title
    assert f"evidentiary-status-{najin.status}" in report["labels"]
    refs = set(report["object_refs"])
    states = {"dprk", "russia", "united-states", "united-kingdom"}
    for ref in states:
        identity = objects[stix_id("identity", "actor", Actor.objects.get(ref=ref))]
        assert identity["identity_class"] == "organization" and identity["id"] in refs
        assert identity["sectors"] == ["government-national"]
    for ref in ("najin", "dunay", "tikhoretsk-depot"):
        place = Place.objects.get(ref=ref)
        location = objects[stix_id("location", "place", place)]
        assert location["id"] in refs
        assert (location["latitude"], location["longitude"]) == (float(place.latitude), float(place.longitude))
    statements = {link.statement for link in najin.statement_links.select_related("statement")}
    shown = {ref for ref in refs if ref.split("--")[0] in ("note", "opinion")}
    assert len(shown) == len(statements) == 9
    transfer = next(objects[r] for r in refs if r.startswith("relationship--")
                    and objects[r]["description"].startswith("Alleged transfer"))
    assert transfer["source_ref"] == stix_id("identity", "actor", Actor.objects.get(ref="dprk"))
    assert transfer["target_ref"] == stix_id("identity", "actor", Actor.objects.get(ref="russia"))
    assert "Najin" in transfer["description"] and "Angara" in transfer["description"]
    assert transfer["start_time"].startswith("2023-09-07") and transfer["stop_time"].startswith("2023-10-02")
    provisions = [r["external_id"] for r in report["external_references"] if r["source_name"] == "UN Security Council"]
    assert "S/RES/1718 OP8(b)" in provisions


def test_statements_become_opinions_or_notes_by_stance(bundle):
    objects = _by_id(bundle)
    uk = objects[stix_id("opinion", "statement", Statement.objects.get(ref="uk-mod-2023-10-26-munitions-reached-depots"))]
    assert uk["opinion"] == "strongly-agree"  # "almost certain"
    assert uk["authors"] == ["UK Ministry of Defence"]
    kirby = objects[stix_id("opinion", "statement", Statement.objects.get(ref="wh-2023-10-13-containers-najin-dunay"))]
    assert kirby["opinion"] == "agree" and kirby["authors"][0].startswith("John Kirby")
    assert len(kirby["external_references"]) == 3 and 0 <= kirby["confidence"] <= 100
    denial = objects[stix_id("opinion", "statement", Statement.objects.get(ref="dprk-mnd-2022-09-denial"))]
    assert denial["opinion"] == "disagree"
    kremlin = objects[stix_id("opinion", "statement", Statement.objects.get(ref="kremlin-2023-09-nothing-to-say"))]
    assert kremlin["opinion"] == "neutral"
    # Condemning a transfer presupposes it: an opinion that agrees (compliance/stances.py).
    condemned = Statement.objects.get(ref="us-rok-jp-2023-10-joint-statement-deliveries")
    opinion = objects[stix_id("opinion", "statement", condemned)]
    assert opinion["opinion"] == "agree" and "condemned" in opinion["explanation"]
    assert set(opinion["authors"]) == {"Japan", "Republic of Korea", "United States"}
    originators = [o for o in bundle["objects"] if o["type"] == "relationship" and o["source_ref"] == opinion["id"]]
    assert {o["target_ref"] for o in originators} == {
        stix_id("identity", "actor", a) for a in condemned.on_behalf_of.all()}
    # A warning of consequences is context: a note, neither for nor against.
    warning = objects[stix_id("note", "statement", Statement.objects.get(ref="wh-2023-09-05-pay-a-price"))]
    assert "pay a price" in warning["content"] and warning["labels"] == ["warns"]


@pytest.mark.parametrize("stance,band,opinion", [
    (Stance.ASSERTS, None, "agree"),
    (Stance.ASSESSES, (95, 100), "strongly-agree"),
    (Stance.ASSESSES, (55, 75), "agree"),
    (Stance.ASSESSES, (40, 50), "neutral"),
    (Stance.ASSESSES, (25, 35), "disagree"),
    (Stance.ASSESSES, (0, 5), "strongly-disagree"),
    (Stance.DENIES, None, "disagree"),
    (Stance.DENIES, (95, 100), "strongly-disagree"),
    (Stance.ASSESSES, (45, 55), "neutral"),  # "roughly even chance" is below "likely": not support
    (Stance.ASSESSES, (80, 90), "strongly-agree"),
    (Stance.DECLINES_TO_COMMENT, None, "neutral"),
    (Stance.CONDEMNS, None, "agree"),
    (Stance.WARNS, None, None),
])
def test_stance_to_opinion(stance, band, opinion):
    assert stance_opinion(stance, *(band or (None, None))) == opinion


def test_admiralty_grades_to_confidence():
    assert grade_confidence("A", "1") == 95
    assert grade_confidence("B", "2") == 70  # the STIX appendix's value for "probably true"
    assert grade_confidence("C", "3") == 45
    assert grade_confidence("E", "5") == 0
    assert grade_confidence("F", "6") is None and grade_confidence("A", "6") is None


def test_a_reexport_gives_the_same_ids_and_bytes(seeded):
    first = stix_bundle(Allegation.objects.all()).serialize()
    assert stix_bundle(Allegation.objects.order_by("-title")).serialize() == first


def test_the_streamed_bundle_is_the_same_bytes(seeded, monkeypatch):
    from compliance.exports import stix

    whole = stix_bundle(Allegation.objects.all()).serialize()
    # In chunks of two allegations, the denial in all three is still written once, referring
    # to the claims of all three.
    monkeypatch.setattr(stix, "CHUNK_SIZE", 2)
    streamed = b"".join(stix_bundle_json(Allegation.objects.all()))
    assert streamed.decode() == whole
    objects = json.loads(streamed)["objects"]
    assert len(objects) == len({o["id"] for o in objects})
    denial = next(o for o in objects if o["id"] == stix_id(
        "opinion", "statement", Statement.objects.get(ref="dprk-mnd-2022-09-denial")))
    transfers = {stix_id("relationship", "relationship", key=f"transfer:ref:{t.ref}")
                 for a in Allegation.objects.all() for t in a.transfers.all()}
    assert len(transfers) == 3 and transfers <= set(denial["object_refs"])


def test_a_filtered_queryset_exports_only_its_allegations(bundle):
    najin = Allegation.objects.filter(ref=NAJIN)
    reports = [o for o in json.loads(stix_bundle(najin).serialize())["objects"] if o["type"] == "report"]
    assert [r["name"] for r in reports] == [najin.get().title]


def test_an_allegation_without_transfers_or_statements_is_still_valid(db):
    allegation = factories.AllegationFactory()
    statement = factories.StatementFactory(stance=Stance.WARNS)
    other = factories.AllegationFactory()
    factories.AllegationStatementFactory(allegation=other, statement=statement)
    bundle = stix_bundle(Allegation.objects.all())
    data = json.loads(bundle.serialize())
    assert validate_instance(data, ValidationOptions(version="2.1", enforce_refs=True)).is_valid
    assert stix_problems(bundle) == []
    objects = _by_id(data)
    assert objects[stix_id("note", "statement", statement)]["object_refs"] == [stix_id("report", "allegation", other)]
    assert objects[stix_id("report", "allegation", allegation)]["object_refs"]


def test_reads_do_not_grow_with_rows(db):
    def grow(n):
        state = factories.StateFactory()
        body = factories.ActorFactory(parent=state)
        for _ in range(n):
            allegation = factories.AllegationFactory()
            statement = factories.StatementFactory(on_behalf_of=[body], speaker=factories.PersonFactory(),
                                                   documents=[factories.SourceDocumentFactory()])
            factories.AllegationStatementFactory(allegation=allegation, statement=statement)
            transfer = factories.TransferFactory()
            factories.RouteLegFactory(transfer=transfer, sequence=1, vessel=factories.VesselFactory())
            allegation.transfers.add(transfer)

    def queries():
        with CaptureQueriesContext(connection) as context:
            stix_bundle(Allegation.objects.all())
        return len(context.captured_queries)

    grow(2)
    before = queries()
    grow(10)
    assert queries() == before


def test_withdrawn_statements_and_actors_travel_as_revoked_with_their_reason(seeded, analyst):
    """Withdrawn rows stay in the export (nothing reviewed disappears), marked as STIX marks an
    object its producer no longer stands by, and still valid for the OASIS validator."""
    from compliance.services.records import record_withdraw

    statement = Statement.objects.get(ref="uk-mod-2023-10-26-munitions-reached-depots")
    record_withdraw(instance=statement, by=analyst, reason="The ministry withdrew the update.")
    actor = factories.StateFactory(name="Republic of Example")
    factories.AllegationStatementFactory(
        allegation=Allegation.objects.get(ref=NAJIN), statement=factories.StatementFactory(on_behalf_of=[actor]))
    record_withdraw(instance=actor, by=analyst, reason="Entered by mistake.")

    bundle = json.loads(stix_bundle(Allegation.objects.all()).serialize())
    assert validate_instance(bundle, ValidationOptions(version="2.1", enforce_refs=True)).is_valid
    objects = _by_id(bundle)
    opinion = objects[stix_id("opinion", "statement", statement)]
    assert opinion["revoked"] is True and "withdrawn" in opinion["labels"]
    assert "The ministry withdrew the update." in opinion["explanation"]
    identity = objects[stix_id("identity", "actor", Actor.objects.get(pk=actor.pk))]
    assert identity["revoked"] is True and "Entered by mistake." in identity["description"]
    kirby = objects[stix_id("opinion", "statement", Statement.objects.get(ref="wh-2023-10-13-containers-najin-dunay"))]
    assert "revoked" not in kirby
