"""The record as FollowTheMoney entities (line-delimited JSON), for Aleph, OpenSanctions-style
tooling and other investigative platforms.

What each row becomes:

- Actor: ``PublicBody`` (states, government and international bodies), ``Organization``
  (organisations, armed groups, media outlets) or ``Person``, with aliases, country and the
  parent body (``parent``).
- Place: ``Address`` (full = the place's name, country, latitude, longitude).
- Vessel: ``Vessel`` (imoNumber, flag, previousName; topic ``sanction`` when designated);
  each designation a ``Sanction`` (entity, authority, startDate, summary = reference).
- Transfer: ``Event`` (name, startDate/endDate as precisely as known, involved = supplier
  and recipient, location and addressEntity = the route's places, country), and for each
  leg with a named vessel an ``UnknownLink`` from the vessel to the event (role: the leg).
- Source document: ``Article`` whatever its kind (FtM's ``Document`` is a file and requires
  a fileName), with title, publishedAt, sourceUrl, publisher = the outlet, the kind in
  keywords and the Admiralty grade in the summary.
- Statement: one ``Documentation`` per source document (document = the article, entity =
  the speaker, the originators and the transfers' events, role = the stance and what it does with the claim (compliance/stances.py:
  "Condemns: supports the claim") and the reporting verb ("; reported as “accused”"), date = when
  said, summary = the gist, description = the quote, the excerpt in indexText); a statement
  without a source is a ``Note`` with the same links.
- Allegation: a ``Note`` (name = title, summary = evidentiary status, description = summary,
  entity = the transfers' events).

Ids are ``make_entity_id`` hashes of the row's model and ref (or primary key), so a
re-export gives the same ids. Entities are read allegation by allegation in chunks, each
entity written once (the set of ids written is all that is kept between chunks).

``Schema.validate`` accepts entities with bad values, so :func:`ftm_problems` checks what a
consumer relies on: known schema and properties, values that their type can clean, the
schema's required properties, and (given the other entities) that references point at
entities of the property's range.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping

from django.db.models import Prefetch, QuerySet
from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from followthemoney.util import make_entity_id

from compliance.choices import ActorKind, EvidentiaryStatus
from compliance.models import (
    Actor,
    Allegation,
    AllegationStatement,
    Place,
    RouteLeg,
    SourceDocument,
    Statement,
    StatementSource,
    Transfer,
    Vessel,
)
from compliance.hierarchy import lineage
from compliance.stances import stance_rule

CHUNK_SIZE = 200  # allegations per round of queries
ID_PREFIX = "dprk-russia-compliance"

_SCHEMA_OF_KIND = {
    ActorKind.STATE: "PublicBody",
    ActorKind.GOVERNMENT_BODY: "PublicBody",
    ActorKind.INTERNATIONAL_BODY: "PublicBody",
    ActorKind.ORGANISATION: "Organization",
    ActorKind.ARMED_GROUP: "Organization",
    ActorKind.MEDIA_OUTLET: "Organization",
    ActorKind.PERSON: "Person",
}
_PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}


def _key(ref: str | None, pk: int) -> str:
    return f"ref:{ref}" if ref else f"pk:{pk}"


def ftm_id(model_name: str, row=None, *, key: str | None = None) -> str:
    """A deterministic entity id: a hash of the row's model and ref (or primary key)."""
    return make_entity_id(ID_PREFIX, model_name, key or _key(getattr(row, "ref", None), row.pk))


def _statement_key(statement: Statement) -> str:
    """The id of the first entity a statement becomes (its note, or its first source's documentation)."""
    sources = list(statement.source_links.all())
    if not sources:
        return ftm_id("statement", statement)
    return ftm_id("statement-source", key=f"pk:{sources[0].pk}")


def _date(value, precision: str = "day") -> str | None:
    """An ISO date cut to what is known: "2023-09-07", "2022-11" or "2023"."""
    return value.isoformat()[: _PRECISION_LENGTH.get(precision, 10)] if value else None


def _entity(schema: str, entity_id: str) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = entity_id
    return entity


def _actor(actor: Actor) -> EntityProxy:
    entity = _entity(_SCHEMA_OF_KIND[actor.kind], ftm_id("actor", actor))
    entity.add("name", actor.name)
    entity.add("alias", actor.aliases)
    entity.add("country", actor.country or None)
    entity.add("description", "\n\n".join(t for t in (actor.description, actor.withdrawal_note) if t) or None)
    entity.add("createdAt", actor.created_at.date())
    entity.add("modifiedAt", actor.updated_at.date())
    if actor.parent_id and entity.schema.name != "Person":
        entity.add("parent", ftm_id("actor", actor.parent))
    return entity


def _place(place: Place) -> EntityProxy:
    entity = _entity("Address", ftm_id("place", place))
    entity.add("full", place.name)
    entity.add("name", place.name)
    entity.add("alias", place.aliases)
    entity.add("country", place.country or None)
    if place.latitude is not None:
        entity.add("latitude", str(place.latitude))
        entity.add("longitude", str(place.longitude))
    entity.add("summary", place.get_kind_display())
    entity.add("description", place.note or None)
    return entity


def _vessel(vessel: Vessel) -> Iterator[EntityProxy]:
    entity = _entity("Vessel", ftm_id("vessel", vessel))
    entity.add("name", vessel.name)
    entity.add("previousName", vessel.former_names)
    entity.add("imoNumber", vessel.imo_number or None)
    entity.add("flag", vessel.flag or None)
    entity.add("description", vessel.note or None)
    designations = list(vessel.designations.all())
    if designations:
        entity.add("topics", "sanction")
    yield entity
    for designation in designations:
        sanction = _entity("Sanction", ftm_id("vessel-designation", key=f"pk:{designation.pk}"))
        sanction.add("entity", entity.id)
        sanction.add("authority", designation.authority)
        sanction.add("startDate", designation.designated_on)
        sanction.add("summary", designation.reference or None)
        sanction.add("description", designation.source or None)
        yield sanction


def _route(transfer: Transfer) -> list[RouteLeg]:
    return list(transfer.legs.all())


def _transfer(transfer: Transfer) -> EntityProxy:
    legs = _route(transfer)
    entity = _entity("Event", ftm_id("transfer", transfer))
    entity.add("name", transfer.title)
    entity.add("startDate", _date(transfer.period_start, transfer.period_start_precision))
    entity.add("endDate", _date(transfer.period_end, transfer.period_end_precision))
    entity.add("involved", [ftm_id("actor", transfer.supplier), ftm_id("actor", transfer.recipient)])
    places = list({p.pk: p for leg in legs for p in (leg.from_place, leg.to_place)}.values())
    entity.add("location", [p.name for p in places])
    entity.add("addressEntity", [ftm_id("place", p) for p in places])
    countries = [transfer.supplier.country, transfer.recipient.country] + [p.country for p in places]
    entity.add("country", [c for c in countries if c])
    items = "; ".join(str(i) + (f" ({i.description})" if i.description else "") for i in transfer.items.all())
    entity.add("summary", f"Claimed status: {transfer.get_status_claimed_display().lower()}."
               + (f" Items: {items}." if items else ""))
    entity.add("description", transfer.description or None)
    return entity


def _carrier(leg: RouteLeg) -> EntityProxy:
    link = _entity("UnknownLink", ftm_id("route-leg", key=f"pk:{leg.pk}"))
    link.add("subject", ftm_id("vessel", leg.vessel))
    link.add("object", ftm_id("transfer", leg.transfer))
    link.add("role", f"Carrier, leg {leg.sequence}: {leg.from_place.name} to {leg.to_place.name} "
                     f"({leg.get_mode_display().lower()})")
    link.add("startDate", leg.departed_on)
    link.add("endDate", leg.arrived_on)
    return link


def _document(document: SourceDocument) -> EntityProxy:
    # Every kind is an Article ("a piece of media reporting about a subject"): FtM's plain
    # Document is a file and requires a fileName, which a web page or release does not have.
    entity = _entity("Article", ftm_id("document", document))
    entity.add("title", document.title)
    entity.add("keywords", document.get_kind_display())
    entity.add("name", document.title)
    entity.add("publishedAt", document.published_on)
    entity.add("sourceUrl", document.url or None)
    entity.add("publisher", document.outlet.name if document.outlet_id else None)
    entity.add("summary", f"Admiralty grade {document.grade}: {document.get_reliability_display()}; "
                          f"{document.get_credibility_display()}")
    return entity


def _statement(statement: Statement, events: list[str]) -> Iterator[EntityProxy]:
    entities = [ftm_id("actor", a) for a in statement.on_behalf_of.all()]
    if statement.speaker_id:
        entities.insert(0, ftm_id("actor", statement.speaker))
    term = statement.estimative_term
    role = stance_rule(statement.stance).ftm_role(statement.estimative_phrase,
                                                  term.low_percent if term is not None else None)
    if statement.reporting_verb:
        role = f"{role}; reported as “{statement.reporting_verb}”"
    if statement.is_withdrawn:
        role = f"{role} ({statement.withdrawal_note})"
    sources = list(statement.source_links.all())
    if not sources:
        note = _entity("Note", ftm_id("statement", statement))
        note.add("name", f"{role}: {statement.gist}"[:200])
        note.add("entity", entities + events)
        note.add("summary", statement.gist)
        note.add("description", statement.quote or None)
        yield note
        return
    for link in sources:
        documentation = _entity("Documentation", ftm_id("statement-source", key=f"pk:{link.pk}"))
        documentation.add("document", ftm_id("document", link.document))
        documentation.add("entity", entities + events)
        documentation.add("role", role)
        documentation.add("date", _date(statement.stated_on, statement.stated_on_precision))
        documentation.add("summary", statement.gist)
        documentation.add("description", statement.quote or None)
        documentation.add("indexText", link.excerpt or None)
        yield documentation


def _allegation(allegation: Allegation, events: list[str]) -> EntityProxy:
    note = _entity("Note", ftm_id("allegation", allegation))
    note.add("name", allegation.title)
    note.add("summary", f"Evidentiary status: {EvidentiaryStatus(allegation.status).label}")
    note.add("description", allegation.summary or None)
    note.add("entity", events)
    note.add("createdAt", allegation.created_at.date())
    note.add("modifiedAt", allegation.updated_at.date())
    return note


def _prefetched(queryset: QuerySet[Allegation]) -> QuerySet[Allegation]:
    actors = Actor.objects.select_related("parent__parent__parent")
    links = AllegationStatement.objects.select_related(
        "statement__speaker__parent", "statement__estimative_term").prefetch_related(
        Prefetch("statement__on_behalf_of", queryset=actors.order_by("name", "id")),
        Prefetch("statement__source_links",
                 queryset=StatementSource.objects.select_related("document__outlet__parent").order_by("id")),
    ).order_by("id")
    vessels = Vessel.objects.prefetch_related("designations")
    legs = RouteLeg.objects.select_related("from_place", "to_place", "transfer").prefetch_related(
        Prefetch("vessel", queryset=vessels)).order_by("sequence")
    transfers = Transfer.objects.select_related("supplier__parent__parent", "recipient__parent__parent")
    transfers = transfers.prefetch_related("items", Prefetch("legs", queryset=legs)).order_by("pk")
    return queryset.prefetch_related(
        Prefetch("statement_links", queryset=links), Prefetch("transfers", queryset=transfers)
    ).order_by("pk")


def _with_parents(actor: Actor | None) -> Iterator[Actor]:
    return lineage(actor, lambda a: a.parent if a.parent_id else None)


def _events_of_statements(queryset: QuerySet[Allegation]) -> dict[int, list[str]]:
    """The transfer events of every exported allegation each statement is in, so a statement
    in several allegations is linked to all their events, whichever chunk it is written in."""
    chosen = queryset.order_by().values("pk")
    events: dict[int, list[str]] = {}
    for allegation, transfer, ref in Allegation.transfers.through.objects.filter(allegation__in=chosen).values_list(
            "allegation_id", "transfer_id", "transfer__ref").order_by("allegation_id", "transfer_id"):
        events.setdefault(allegation, []).append(ftm_id("transfer", key=_key(ref, transfer)))
    of_statement: dict[int, list[str]] = {}
    for statement, allegation in AllegationStatement.objects.filter(allegation__in=chosen).values_list(
            "statement_id", "allegation_id").order_by("allegation_id", "id"):
        linked = of_statement.setdefault(statement, [])
        linked += [e for e in events.get(allegation, []) if e not in linked]
    return of_statement


def ftm_entities(queryset: QuerySet[Allegation]) -> Iterator[dict]:
    """Every entity the allegations of ``queryset`` involve, each once, as FtM dicts."""
    written: set[str] = set()
    events_of = _events_of_statements(queryset)

    def once(entity_id: str, build: Callable[[], EntityProxy | Iterable[EntityProxy]]) -> Iterator[dict]:
        # Shared rows (actors, places, vessels, documents) come up again and again: build
        # each entity only the first time.
        if entity_id in written:
            return
        built = build()
        for entity in [built] if isinstance(built, EntityProxy) else built:
            written.add(entity.id)
            yield entity.to_dict()

    def actors(*people: Actor) -> Iterator[dict]:
        for person in people:
            for actor in _with_parents(person):
                yield from once(ftm_id("actor", actor), lambda a=actor: _actor(a))

    for allegation in _prefetched(queryset).iterator(chunk_size=CHUNK_SIZE):
        events = []
        for transfer in allegation.transfers.all():
            yield from actors(transfer.supplier, transfer.recipient)
            for leg in _route(transfer):
                for place in (leg.from_place, leg.to_place):
                    yield from once(ftm_id("place", place), lambda p=place: _place(p))
            event_id = ftm_id("transfer", transfer)
            events.append(event_id)
            yield from once(event_id, lambda t=transfer: _transfer(t))
            for leg in _route(transfer):
                if leg.vessel_id:
                    yield from once(ftm_id("vessel", leg.vessel), lambda v=leg.vessel: _vessel(v))
                    yield from once(ftm_id("route-leg", key=f"pk:{leg.pk}"), lambda leg=leg: _carrier(leg))
        for link in allegation.statement_links.all():
            statement = link.statement
            yield from actors(*statement.on_behalf_of.all(), *([statement.speaker] if statement.speaker_id else []))
            for source in statement.source_links.all():
                document = source.document
                if document.outlet_id:
                    yield from actors(document.outlet)
                yield from once(ftm_id("document", document), lambda d=document: _document(d))
        for link in allegation.statement_links.all():
            statement = link.statement
            yield from once(_statement_key(statement),
                            lambda s=statement: _statement(s, events_of.get(s.pk, [])))
        yield from once(ftm_id("allegation", allegation), lambda a=allegation, e=events: _allegation(a, e))


def ftm_ndjson(queryset: QuerySet[Allegation]) -> Iterator[bytes]:
    """:func:`ftm_entities` as line-delimited JSON, in chunks of bytes."""
    buffer: list[str] = []
    for entity in ftm_entities(queryset):
        buffer.append(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        if len(buffer) >= 500:
            yield "".join(buffer).encode()
            buffer = []
    if buffer:
        yield "".join(buffer).encode()


def ftm_problems(entity: Mapping, schemas: Mapping[str, str] | None = None) -> list[str]:
    """What is wrong with one FtM entity dict: an unknown or abstract schema, a bad id,
    unknown or reverse-only properties, values their type cannot clean or too long, missing
    required properties; and, when ``schemas`` maps the ids of the other entities to their
    schema names, references to missing entities or to entities outside the property's range."""
    problems: list[str] = []
    schema = model.get(entity.get("schema") or "")
    entity_id = entity.get("id")
    label = f"{entity.get('schema')} {entity_id}"
    if schema is None:
        return [f"{label}: unknown schema"]
    if schema.abstract:
        problems.append(f"{label}: abstract schema")
    if not isinstance(entity_id, str) or registry.entity.clean(entity_id) is None:
        problems.append(f"{label}: invalid id")
    properties = entity.get("properties") or {}
    for name, values in properties.items():
        prop = schema.get(name)
        if prop is None:
            problems.append(f"{label}: unknown property {name}")
            continue
        if prop.stub:
            problems.append(f"{label}: {name} is only the reverse of another property")
        if not isinstance(values, list) or not values:
            problems.append(f"{label}: {name} must be a non-empty list")
            continue
        for value in values:
            if not isinstance(value, str):
                problems.append(f"{label}: {name} value {value!r} is not a string")
                continue
            if prop.type.clean(value, format=prop.format, proxy=None) is None:
                problems.append(f"{label}: {name} value {value!r} is not a valid {prop.type.name}")
            if prop.max_length and len(value) > prop.max_length:
                problems.append(f"{label}: {name} value longer than {prop.max_length} characters")
            if prop.type == registry.entity and schemas is not None:
                target = schemas.get(value)
                if target is None:
                    problems.append(f"{label}: {name} refers to {value}, which is not exported")
                elif prop.range is not None and not model.get(target).is_a(prop.range):
                    problems.append(f"{label}: {name} refers to a {target}, not a {prop.range.name}")
    for name in schema.required:
        if not properties.get(name):
            problems.append(f"{label}: required property {name} is missing")
    return problems
