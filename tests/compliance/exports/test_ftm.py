"""FollowTheMoney entities: every exported entity is valid by its schema (checked strictly,
since Schema.validate is lenient), references resolve, and the Najin record is all there."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.choices import DocumentKind
from compliance.exports.ftm import ftm_entities, ftm_id, ftm_ndjson, ftm_problems
from compliance.models import Actor, Allegation, Place, Statement, Transfer, Vessel
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def entities(seeded):
    return list(ftm_entities(Allegation.objects.all()))


def test_every_entity_is_valid_and_every_reference_resolves(entities):
    schemas = {e["id"]: e["schema"] for e in entities}
    assert len(schemas) == len(entities), "each entity is written once"
    problems = [p for e in entities for p in ftm_problems(e, schemas)]
    assert problems == []


def test_the_najin_record_is_exported(entities):
    by_id = {e["id"]: e for e in entities}
    event = by_id[ftm_id("transfer", Transfer.objects.get(ref="dprk-russia-najin-dunay-2023"))]
    assert event["schema"] == "Event"
    props = event["properties"]
    assert props["startDate"] == ["2023-09-07"] and props["endDate"] == ["2023-10-01"]
    assert set(props["involved"]) == {ftm_id("actor", Actor.objects.get(ref=r)) for r in ("dprk", "russia")}
    assert set(props["addressEntity"]) == {ftm_id("place", Place.objects.get(ref=r))
                                           for r in ("najin", "dunay", "tikhoretsk-depot")}
    angara = by_id[ftm_id("vessel", Vessel.objects.get(ref="angara"))]
    assert angara["properties"]["imoNumber"] == ["IMO9179842"] and angara["properties"]["flag"] == ["ru"]
    sanctions = [e for e in entities if e["schema"] == "Sanction" and e["properties"]["entity"] == [angara["id"]]]
    assert {s["properties"]["authority"][0] for s in sanctions} == {"United States", "EU", "Republic of Korea"}
    carrier = [e for e in entities if e["schema"] == "UnknownLink"]
    assert [(c["properties"]["subject"], c["properties"]["object"]) for c in carrier] == [([angara["id"]], [event["id"]])]
    assert by_id[ftm_id("actor", Actor.objects.get(ref="dprk"))]["schema"] == "PublicBody"
    assert by_id[ftm_id("actor", Actor.objects.get(ref="john-kirby"))]["schema"] == "Person"


def test_statements_are_documented_by_their_sources(entities):
    kirby = Statement.objects.get(ref="wh-2023-10-13-containers-najin-dunay")
    documentation = [e for e in entities if e["schema"] == "Documentation"
                     and e["properties"]["summary"] == [kirby.gist]]
    assert len(documentation) == kirby.source_links.count() == 3
    entity_ids = set(documentation[0]["properties"]["entity"])
    assert ftm_id("actor", Actor.objects.get(ref="john-kirby")) in entity_ids
    assert ftm_id("actor", Actor.objects.get(ref="white-house")) in entity_ids
    month = [e for e in entities if e["schema"] == "Documentation"
             and e["properties"]["summary"] == [Statement.objects.get(ref="russia-2023-10-rejection-of-reports").gist]]
    assert month[0]["properties"]["date"] == ["2023-10"]  # only the month is known


def test_ndjson_is_one_entity_per_line(seeded):
    lines = b"".join(ftm_ndjson(Allegation.objects.all())).decode().splitlines()
    assert lines and [json.loads(line)["id"] for line in lines] == [
        e["id"] for e in ftm_entities(Allegation.objects.all())]


def test_ftm_problems_catches_what_schema_validate_lets_through():
    bad = {"id": "x1", "schema": "Vessel",
           "properties": {"flag": ["Atlantis"], "colour": ["red"], "buildDate": ["yesterday"]}}
    problems = ftm_problems(bad)
    assert any("unknown property colour" in p for p in problems)
    assert any("flag value 'Atlantis'" in p for p in problems)
    assert any("buildDate" in p for p in problems)
    assert any("required property name" in p for p in problems)
    assert ftm_problems({"id": "x", "schema": "Nonsense"}) == ["Nonsense x: unknown schema"]
    dangling = {"id": "s1", "schema": "Sanction", "properties": {"entity": ["nowhere"]}}
    assert ftm_problems(dangling, {}) == ["Sanction s1: entity refers to nowhere, which is not exported"]
    wrong_range = {"id": "d1", "schema": "Documentation", "properties": {"document": ["v1"], "entity": ["v1"]}}
    assert ftm_problems(wrong_range, {"v1": "Vessel"}) == ["Documentation d1: document refers to a Vessel, not a Document"]


def test_a_statement_without_sources_is_a_note(db):
    allegation = factories.AllegationFactory()
    statement = factories.StatementFactory()
    factories.AllegationStatementFactory(allegation=allegation, statement=statement)
    entities = list(ftm_entities(Allegation.objects.all()))
    schemas = {e["id"]: e["schema"] for e in entities}
    assert schemas[ftm_id("statement", statement)] == "Note"
    assert [p for e in entities for p in ftm_problems(e, schemas)] == []


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_kind_of_source_document_is_a_valid_entity(db, kind):
    outlet = factories.ActorFactory(kind="media_outlet", parent=factories.StateFactory())
    document = factories.SourceDocumentFactory(kind=kind, outlet=outlet, url="https://news.example/a")
    statement = factories.StatementFactory(documents=[document])
    factories.AllegationStatementFactory(statement=statement)
    entities = list(ftm_entities(Allegation.objects.all()))
    schemas = {e["id"]: e["schema"] for e in entities}
    assert schemas[ftm_id("document", document)] == "Article"
    assert [p for e in entities for p in ftm_problems(e, schemas)] == []


def test_reads_do_not_grow_with_rows(db):
    def grow(n):
        for _ in range(n):
            allegation = factories.AllegationFactory()
            statement = factories.StatementFactory(speaker=factories.PersonFactory(),
                                                   documents=[factories.SourceDocumentFactory()])
            factories.AllegationStatementFactory(allegation=allegation, statement=statement)
            transfer = factories.TransferFactory()
            factories.RouteLegFactory(transfer=transfer, sequence=1, vessel=factories.VesselFactory())
            allegation.transfers.add(transfer)

    def queries():
        with CaptureQueriesContext(connection) as context:
            list(ftm_entities(Allegation.objects.all()))
        return len(context.captured_queries)

    grow(2)
    before = queries()
    grow(10)
    assert queries() == before


def test_a_statement_in_several_allegations_is_linked_to_all_their_events(seeded, monkeypatch):
    from compliance.exports import ftm

    monkeypatch.setattr(ftm, "CHUNK_SIZE", 1)  # each allegation in its own round of queries
    denial = Statement.objects.get(ref="dprk-mnd-2022-09-denial")
    entities = list(ftm_entities(Allegation.objects.all()))
    documentation = [e for e in entities if e["schema"] == "Documentation"
                     and e["properties"]["summary"] == [denial.gist]]
    assert len(documentation) == 1
    events = {ftm_id("transfer", t) for a in denial.allegations.all() for t in a.transfers.all()}
    assert len(events) == 3 and events <= set(documentation[0]["properties"]["entity"])


def test_withdrawn_statements_and_actors_say_so_with_their_reason(seeded, analyst):
    from compliance.services.records import record_withdraw

    statement = Statement.objects.get(ref="uk-mod-2023-10-26-munitions-reached-depots")
    record_withdraw(instance=statement, by=analyst, reason="The ministry withdrew the update.")
    uk_mod = Actor.objects.get(name="UK Ministry of Defence")
    record_withdraw(instance=uk_mod, by=analyst, reason="Merged into another entry.")
    entities = list(ftm_entities(Allegation.objects.all()))
    schemas = {e["id"]: e["schema"] for e in entities}
    assert [p for e in entities for p in ftm_problems(e, schemas)] == []
    by_id = {e["id"]: e for e in entities}
    roles = [e["properties"]["role"][0] for e in entities
             if e["schema"] == "Documentation" and statement.gist in e["properties"].get("summary", [])]
    assert roles and all("The ministry withdrew the update." in role for role in roles)
    assert "Merged into another entry." in by_id[ftm_id("actor", uk_mod)]["properties"]["description"][0]
