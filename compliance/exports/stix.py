"""The record as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP...).

What each row becomes:

- Actor: an ``identity`` (persons ``individual``, every other kind ``organization``; states
  and government bodies in the ``government-national`` sector, international bodies
  ``government``, outlets ``communications``, armed groups ``defense``), with a
  ``related-to`` relationship ("part of") to its parent body.
- Place: a ``location`` (latitude/longitude, ISO country). A place with neither coordinates
  nor a country cannot be a STIX location and is left out.
- Transfer: a ``related-to`` relationship from the supplier's identity to the recipient's,
  described ("Alleged transfer ...: items, route, claimed status"), with ``start_time`` and
  ``stop_time`` spanning the period as precisely as it is known.
- Statement: an ``opinion`` or a ``note`` as the stance table says (compliance/stances.py:
  a warning is a ``note``, every other stance an ``opinion``), authored by the speaker and
  the originators, referring to the claim: the
  transfer relationships and their parties (or, for an allegation without transfers, its
  report); a ``related-to`` relationship to each originator ("on behalf of") and to the
  speaker ("spoken by"); the source documents as external references.
- Allegation: a ``report`` whose ``object_refs`` hold its statements' notes and opinions,
  the identities, locations and relationships above; the status is in the description and
  the labels, the provisions it would breach in the external references.

Stance to ``opinion`` (the band is the estimative term's probability band, low..high, its
midpoint m; the rule is :meth:`compliance.stances.StanceRule.opinion`):

==========================  ======================================================
asserts, assesses,          no term: agree; low >= 80: strongly-agree; low >= 55
condemns (support)          ("likely" and up, counts as support): agree; below that
                            by m: m >= 40: neutral; 15 < m < 40: disagree;
                            m <= 15: strongly-disagree
denies                      no term or low < 80: disagree; low >= 80: strongly-disagree
declines_to_comment         neutral
warns                       (a note, not an opinion: context, neither for nor against)
==========================  ======================================================

An assertion without estimative words is "agree", not "strongly-agree": certainty is read
only from words that state it.

Admiralty grade to STIX ``confidence`` (the best grade among a statement's sources): the
information credibility sets the base, per the STIX 2.1 appendix on the Admiralty scale
(1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: no confidence given), and the source's reliability
shifts it (A +5, B 0, C -5, D -10, E -15, F -10; bounded to 0..100):

====  ===  ===  ===  ===  ===  ====
      1    2    3    4    5    6
====  ===  ===  ===  ===  ===  ====
A     95   75   55   35   15   none
B     90   70   50   30   10   none
C     85   65   45   25   5    none
D     80   60   40   20   0    none
E     75   55   35   15   0    none
F     80   60   40   20   0    none
====  ===  ===  ===  ===  ===  ====

Ids are UUIDv5 of the row's model and ref (or primary key when it has none), so a re-export
gives every object the same id. The OASIS validator accepts them and warns (uuid-check) that
it recommends UUIDv4 for domain objects; stable ids are worth the warning. Timestamps are
the rows' own (``created_at``/``updated_at``).

:func:`stix_objects` builds every object with the stix2 library, reading allegations in
chunks (a fixed number of queries per chunk of 200, plus one per new level of the actors'
parent chains) and writing each object once; :func:`stix_bundle_json` streams them as one
bundle in bounded memory (the whole record), :func:`stix_bundle` returns a ``stix2.Bundle``
(for a filtered set: it holds every object in memory).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterator

import stix2
from django.db.models import Prefetch, QuerySet

from compliance.choices import (
    ActorKind,
    DatePrecision,
    EvidentiaryStatus,
    InformationCredibility,
    SourceReliability,
)
from compliance.models import (
    Actor,
    Allegation,
    AllegationProvision,
    AllegationStatement,
    Place,
    RouteLeg,
    Statement,
    StatementSource,
    Transfer,
)
from compliance.selectors.actors import actor_lineage, actors_with_ancestors
from compliance.stances import stance_rule

# Every id is a UUIDv5 in this namespace (itself uuid5(NAMESPACE_URL, "urn:dprk-russia-compliance:stix")).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:dprk-russia-compliance:stix")
PRODUCER_NAME = "DPRK–Russia arms transfers: sanctions compliance record"
_PRODUCER_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_TLP = stix2.TLP_WHITE  # public sources only

_CREDIBILITY_BASE = {"1": 90, "2": 70, "3": 50, "4": 30, "5": 10}
_RELIABILITY_SHIFT = {"A": 5, "B": 0, "C": -5, "D": -10, "E": -15, "F": -10}

_SECTORS = {
    ActorKind.STATE: ["government-national"],
    ActorKind.GOVERNMENT_BODY: ["government-national"],
    ActorKind.INTERNATIONAL_BODY: ["government"],
    ActorKind.MEDIA_OUTLET: ["communications"],
    ActorKind.ARMED_GROUP: ["defense"],
}


def grade_confidence(reliability: str, credibility: str) -> int | None:
    """STIX ``confidence`` (0-100) of an Admiralty grade such as B2; None when the truth
    cannot be judged (credibility 6). The table is in this module's docstring."""
    base = _CREDIBILITY_BASE.get(credibility)
    if base is None:
        return None
    return max(0, min(100, base + _RELIABILITY_SHIFT[reliability]))


def stance_opinion(stance: str, low_percent: int | None = None, high_percent: int | None = None) -> str | None:
    """The STIX opinion of a stance with its probability band, or None for stances that are
    recorded as notes (warns). The rule is the stance table's (compliance/stances.py)."""
    return stance_rule(stance).opinion(low_percent, high_percent)


def _key(row=None, *, ref: str | None = None, pk: int | None = None) -> str:
    if row is not None:
        ref, pk = getattr(row, "ref", None), row.pk
    return f"ref:{ref}" if ref else f"pk:{pk}"


def stix_id(kind: str, model: str, row=None, *, key: str | None = None) -> str:
    """A deterministic STIX id: ``kind--uuid5(model:ref)`` (the primary key without a ref)."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{model}:{key or _key(row)}')}"


def _times(row) -> dict:
    created = row.created_at
    return {"created": created, "modified": max(created, row.updated_at)}


_PRODUCER_ID = stix_id("identity", "producer", key="record")
_COMMON = {"created_by_ref": _PRODUCER_ID, "object_marking_refs": [_TLP.id]}


def _producer() -> stix2.Identity:
    return stix2.Identity(
        id=_PRODUCER_ID, name=PRODUCER_NAME, identity_class="system",
        description="The sanctions-compliance record that compiled these objects from public statements.",
        created=_PRODUCER_TIME, modified=_PRODUCER_TIME, object_marking_refs=[_TLP.id],
    )


def _period_end(value: dt.date, precision: str) -> dt.date:
    """The first day after a period known to the day, month or year."""
    if precision == DatePrecision.YEAR:
        return value.replace(year=value.year + 1, month=1, day=1)
    if precision == DatePrecision.MONTH:
        return (value.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return value + dt.timedelta(days=1)


def _midnight(value: dt.date) -> dt.datetime:
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


def _prefetched(queryset: QuerySet[Allegation]) -> QuerySet[Allegation]:
    """The allegations with everything the bundle shows: a fixed number of queries per chunk."""
    links = AllegationStatement.objects.select_related(
        "statement__speaker", "statement__estimative_term"
    ).prefetch_related(
        Prefetch("statement__on_behalf_of", queryset=Actor.objects.order_by("name", "id")),
        Prefetch("statement__source_links",
                 queryset=StatementSource.objects.select_related("document__outlet").order_by("id")),
    ).order_by("id")
    legs = RouteLeg.objects.select_related("from_place", "to_place", "vessel").order_by("sequence")
    transfers = Transfer.objects.select_related("supplier", "recipient").prefetch_related(
        "items", Prefetch("legs", queryset=legs)
    ).order_by("pk")
    return queryset.prefetch_related(
        Prefetch("statement_links", queryset=links),
        Prefetch("transfers", queryset=transfers),
        Prefetch("provision_links",
                 queryset=AllegationProvision.objects.select_related("provision__resolution").order_by("id")),
    ).order_by("pk")


def _chunks(iterable, size: int):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _claims(queryset: QuerySet[Allegation]) -> tuple[dict[int, list[str]], dict[int, list[int]]]:
    """What each allegation claims (its transfers' relationships and parties, or its own
    report when it has no transfer) and which exported allegations each statement is in: a
    statement in several allegations refers to all their claims, whichever chunk it is in."""
    chosen = queryset.order_by().values("pk")
    claims: dict[int, list[str]] = {
        pk: [] for pk, in Allegation.objects.filter(pk__in=chosen).values_list("pk")}
    rows = Allegation.transfers.through.objects.filter(allegation__in=chosen).values_list(
        "allegation_id", "transfer_id", "transfer__ref", "transfer__supplier_id", "transfer__supplier__ref",
        "transfer__recipient_id", "transfer__recipient__ref",
    ).order_by("allegation_id", "transfer_id")
    for allegation, transfer, ref, supplier, supplier_ref, recipient, recipient_ref in rows:
        claims[allegation] += [
            stix_id("relationship", "relationship", key="transfer:" + _key(ref=ref, pk=transfer)),
            stix_id("identity", "actor", key=_key(ref=supplier_ref, pk=supplier)),
            stix_id("identity", "actor", key=_key(ref=recipient_ref, pk=recipient)),
        ]
    refs = dict(Allegation.objects.filter(pk__in=chosen).values_list("pk", "ref"))
    for pk, subjects in claims.items():
        if not subjects:
            subjects.append(stix_id("report", "allegation", key=_key(ref=refs[pk], pk=pk)))
    allegations_of: dict[int, list[int]] = {}
    for statement, allegation in AllegationStatement.objects.filter(allegation__in=chosen).values_list(
            "statement_id", "allegation_id").order_by("allegation_id", "id"):
        allegations_of.setdefault(statement, []).append(allegation)
    return claims, allegations_of


def _with_ancestors(actors: dict[int, Actor]) -> None:
    """Add every actor's parent chain to ``actors`` (one query per level)."""
    actors_with_ancestors(actors)


def _identity(actor: Actor, identity_id: str) -> stix2.Identity:
    description = actor.description
    if actor.aliases:
        description = (description + "\n\n" if description else "") + "Also known as: " + "; ".join(actor.aliases)
    extra = {"sectors": _SECTORS[actor.kind]} if actor.kind in _SECTORS else {}
    if actor.is_withdrawn:
        extra["revoked"] = True
        description = (description + "\n\n" if description else "") + actor.withdrawal_note
    return stix2.Identity(
        id=identity_id, name=actor.name,
        identity_class="individual" if actor.kind == ActorKind.PERSON else "organization",
        description=description or None, **extra, **_times(actor), **_COMMON,
    )


def _location(place: Place, location_id: str) -> stix2.Location | None:
    extra = {}
    if place.latitude is not None and place.longitude is not None:
        extra.update(latitude=float(place.latitude), longitude=float(place.longitude))
    if place.country:
        extra["country"] = place.country
    if not extra:
        return None
    return stix2.Location(
        id=location_id, name=place.name, description=place.note or None, **extra, **_times(place), **_COMMON,
    )


def _related(source: str, target: str, description: str, row, relationship_id: str,
             **extra) -> stix2.Relationship:
    return stix2.Relationship(
        id=relationship_id, relationship_type="related-to", source_ref=source, target_ref=target,
        description=description, **extra, **_times(row), **_COMMON,
    )


def _transfer_relationship(transfer: Transfer, relationship_id: str) -> stix2.Relationship:
    legs = list(transfer.legs.all())
    parts = [f"Alleged transfer from {transfer.supplier.name} to {transfer.recipient.name}: {transfer.title}."]
    items = "; ".join(str(i) + (f" ({i.description})" if i.description else "") for i in transfer.items.all())
    if items:
        parts.append(f"Items: {items}.")
    if legs:
        route = [legs[0].from_place.name] + [
            f"{leg.to_place.name} ({leg.get_mode_display().lower()}"
            + (f", {leg.vessel.name}" if leg.vessel_id else "") + ")"
            for leg in legs
        ]
        parts.append("Route: " + " → ".join(route) + ".")
    parts.append(f"Claimed status: {transfer.get_status_claimed_display().lower()}.")
    if transfer.description:
        parts.append(transfer.description)
    extra = {}
    if transfer.period_start:
        extra["start_time"] = _midnight(transfer.period_start)
    if transfer.period_end:
        extra["stop_time"] = _midnight(_period_end(transfer.period_end, transfer.period_end_precision))
    source = stix_id("identity", "actor", transfer.supplier)
    target = stix_id("identity", "actor", transfer.recipient)
    return _related(source, target, " ".join(parts), transfer, relationship_id, **extra)


def _best_confidence(statement: Statement) -> int | None:
    grades = [(SourceReliability.values.index(s.document.reliability),
               InformationCredibility.values.index(s.document.credibility), s.document)
              for s in statement.source_links.all()]
    if not grades:
        return None
    document = min(grades, key=lambda g: g[:2])[2]
    return grade_confidence(document.reliability, document.credibility)


def _external_references(statement: Statement) -> list[dict]:
    references = []
    for link in statement.source_links.all():
        document = link.document
        reference = {
            "source_name": document.outlet.name if document.outlet_id else document.title,
            "description": f"{document.title} (Admiralty grade {document.grade}"
            + (f", published {document.published_on.isoformat()}" if document.published_on else "") + ")",
        }
        if document.url:
            reference["url"] = document.url
        if document.ref:
            reference["external_id"] = document.ref
        references.append(reference)
    return references


def _statement_object(statement: Statement, subjects: list[str], object_id: str):
    who = [f"{statement.speaker.name}" + (f", {statement.speaker_title}" if statement.speaker_title else "")
           ] if statement.speaker_id else []
    who += [a.name for a in statement.on_behalf_of.all()]
    text = statement.gist.strip()
    if statement.quote:
        text += f"\n\nQuote: “{statement.quote.strip()}”"
    dated = f"{statement.stated_on_label}" + (f", {statement.venue}" if statement.venue else "")
    term = statement.estimative_term
    extra = {}
    confidence = _best_confidence(statement)
    if confidence is not None:
        extra["confidence"] = confidence
    references = _external_references(statement)
    if references:
        extra["external_references"] = references
    labels = [statement.stance.replace("_", "-")]
    if statement.is_withdrawn:
        # Retired from the record, not deleted: STIX's own word for an object its producer no
        # longer stands by is "revoked"; the reason travels with it.
        extra["revoked"] = True
        labels.append("withdrawn")
        text = f"[{statement.withdrawal_note}]\n\n{text}"
    common = dict(
        object_refs=subjects, authors=who or None, labels=labels,
        **extra, **_times(statement), **_COMMON,
    )
    opinion = stance_opinion(statement.stance, term.low_percent if term else None,
                             term.high_percent if term else None)
    # The reporting verb ("accused", "confirmed") says how the originator put it.
    said = f", “{statement.reporting_verb}”" if statement.reporting_verb else ""
    if opinion is not None:
        phrase = f" (“{statement.estimative_phrase}”)" if statement.estimative_phrase else ""
        return stix2.Opinion(
            id=object_id, opinion=opinion,
            explanation=f"{statement.get_stance_display()}{phrase} ({dated}{said}): {text}", **common,
        )
    return stix2.Note(
        id=object_id, abstract=f"{statement.get_stance_display()} ({dated}{said})",
        content=text, **common,
    )


CHUNK_SIZE = 200  # allegations per round of queries


def stix_objects(queryset: QuerySet[Allegation]) -> Iterator:
    """Every STIX object of the allegations in ``queryset``, each once, built with the stix2
    library: allegations are read in chunks (a fixed number of queries per chunk), so memory
    holds one chunk and the set of ids already written, whatever the record's size."""
    claims, allegations_of = _claims(queryset)
    written: set[str] = set()
    actors: dict[int, Actor] = {}  # every actor seen so far, with its ancestors (a few hundred)

    def new(object_id: str) -> bool:
        if object_id in written:
            return False
        written.add(object_id)
        return True

    yield _producer()
    yield _TLP
    written.update({_PRODUCER_ID, _TLP.id})

    def identity(actor_id: int) -> str:
        return stix_id("identity", "actor", actors[actor_id])

    def lineage(actor_id: int) -> list[str]:
        """The actor's identity, its ancestors' and the "part of" relationships between them."""
        refs = []
        for actor in actor_lineage(actor_id, actors):
            refs.append(identity(actor.pk))
            if actor.parent_id:
                refs.append(_part_of_id(actor, actors[actor.parent_id]))
        return refs

    for chunk in _chunks(_prefetched(queryset).iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        for allegation in chunk:
            for transfer in allegation.transfers.all():
                actors.setdefault(transfer.supplier_id, transfer.supplier)
                actors.setdefault(transfer.recipient_id, transfer.recipient)
            for link in allegation.statement_links.all():
                actors.update((a.pk, a) for a in link.statement.on_behalf_of.all())
                if link.statement.speaker_id:
                    actors.setdefault(link.statement.speaker_id, link.statement.speaker)
        _with_ancestors(actors)

        for allegation in chunk:
            refs: list[str] = []
            for transfer in allegation.transfers.all():
                for party in (transfer.supplier_id, transfer.recipient_id):
                    yield from _lineage_objects(party, actors, new)
                    refs += lineage(party)
                relationship_id = stix_id("relationship", "relationship", key="transfer:" + _key(transfer))
                if new(relationship_id):
                    yield _transfer_relationship(transfer, relationship_id)
                refs.append(relationship_id)
                for leg in transfer.legs.all():
                    for place in (leg.from_place, leg.to_place):
                        location_id = stix_id("location", "place", place)
                        if location_id in written:
                            refs.append(location_id)
                        elif (location := _location(place, location_id)) is not None:
                            written.add(location_id)
                            refs.append(location_id)
                            yield location
            for link in allegation.statement_links.all():
                statement = link.statement
                people = [a.pk for a in statement.on_behalf_of.all()]
                if statement.speaker_id:
                    people.append(statement.speaker_id)
                for actor_id in people:
                    yield from _lineage_objects(actor_id, actors, new)
                    refs += lineage(actor_id)
                object_id = _statement_id(statement)
                relationships = _statement_relationship_ids(statement, actors)
                if new(object_id):
                    subjects = list(dict.fromkeys(
                        s for a in allegations_of[statement.pk] for s in claims[a]))
                    yield _statement_object(statement, subjects, object_id)
                    yield from _statement_relationships(statement, actors, relationships)
                refs += [object_id, *relationships.values()]
            refs = [r for r in dict.fromkeys(refs) if r != stix_id("report", "allegation", allegation)]
            yield _report(allegation, refs)


def _lineage_objects(actor_id: int, actors: dict[int, Actor], new) -> Iterator:
    """The identities of an actor and its ancestors, and the "part of" relationships, not yet written."""
    for actor in actor_lineage(actor_id, actors):
        identity_id = stix_id("identity", "actor", actor)
        if new(identity_id):
            yield _identity(actor, identity_id)
        if actor.parent_id:
            parent = actors[actor.parent_id]
            relationship_id = _part_of_id(actor, parent)
            if new(relationship_id):
                yield _related(identity_id, stix_id("identity", "actor", parent),
                               f"{actor.name} is part of {parent.name}.", actor, relationship_id)


def _part_of_id(actor: Actor, parent: Actor) -> str:
    return stix_id("relationship", "relationship", key=f"part-of:{_key(actor)}:{_key(parent)}")


def _statement_id(statement: Statement) -> str:
    term = statement.estimative_term
    opinion = stance_opinion(statement.stance, term.low_percent if term else None,
                             term.high_percent if term else None)
    return stix_id("opinion" if opinion else "note", "statement", statement)


def _statement_relationship_ids(statement: Statement, actors: dict[int, Actor]) -> dict[tuple, str]:
    ids = {("on-behalf-of", a.pk): stix_id("relationship", "relationship",
                                           key=f"on-behalf-of:{_key(statement)}:{_key(a)}")
           for a in statement.on_behalf_of.all()}
    if statement.speaker_id:
        ids["spoken-by", statement.speaker_id] = stix_id(
            "relationship", "relationship", key=f"spoken-by:{_key(statement)}:{_key(actors[statement.speaker_id])}")
    return ids


def _statement_relationships(statement: Statement, actors: dict[int, Actor], ids: dict[tuple, str]) -> Iterator:
    source = _statement_id(statement)
    for (kind, actor_id), relationship_id in ids.items():
        actor = actors[actor_id]
        description = f"Stated on behalf of {actor.name}." if kind == "on-behalf-of" else f"Spoken by {actor.name}."
        yield _related(source, stix_id("identity", "actor", actor), description, statement, relationship_id)


def stix_bundle(queryset: QuerySet[Allegation]) -> stix2.Bundle:
    """The allegations of ``queryset`` (filtered as the caller likes) with their statements,
    transfers, actors and places, as one STIX 2.1 bundle object; see the module's docstring.
    For the whole record use :func:`stix_bundle_json`, which streams the same bytes."""
    return stix2.Bundle(objects=list(stix_objects(queryset)), id=bundle_id(queryset))


def stix_bundle_json(queryset: QuerySet[Allegation], *, counts: dict | None = None) -> Iterator[bytes]:
    """``stix_bundle(queryset).serialize()``, byte for byte, written object by object in
    chunks of bytes, so that the whole record never sits in memory. ``counts["objects"]``,
    when given, counts the objects written."""
    counts = {} if counts is None else counts
    counts["objects"] = 0
    yield f'{{"type": "bundle", "id": "{bundle_id(queryset)}", "objects": ['.encode()
    buffer, size = [], 0
    for obj in stix_objects(queryset):
        text = (", " if counts["objects"] else "") + obj.serialize()
        counts["objects"] += 1
        buffer.append(text)
        size += len(text)
        if size >= 64 * 1024:
            yield "".join(buffer).encode()
            buffer, size = [], 0
    buffer.append("]}")
    yield "".join(buffer).encode()


def bundle_id(queryset: QuerySet[Allegation]) -> str:
    """The same allegations at the same versions give the same bundle id."""
    digest = hashlib.sha256()
    rows = queryset.order_by().values_list("pk", "ref", "updated_at").distinct()
    for pk, ref, updated_at in sorted(rows, key=lambda r: r[0]):
        digest.update(f"{_key(ref=ref, pk=pk)}|{updated_at.isoformat()}\n".encode())
    return f"bundle--{uuid.uuid5(NAMESPACE, 'bundle:' + digest.hexdigest())}"


def _report(allegation: Allegation, object_refs: list[str]) -> stix2.Report:
    if not object_refs:  # a report must refer to something: an empty allegation names its compiler
        object_refs = [_PRODUCER_ID]
    status = EvidentiaryStatus(allegation.status)
    description = (allegation.summary.strip() + "\n\n" if allegation.summary else "") + (
        f"Evidentiary status: {status.label}.")
    references = [{"source_name": "dprk-russia-compliance-record",
                   "external_id": allegation.ref or f"allegation-{allegation.pk}",
                   "description": "The allegation in the compliance record."}]
    for link in allegation.provision_links.all():
        provision = link.provision
        reference = {"source_name": "UN Security Council",
                     "external_id": f"S/RES/{provision.resolution.number} OP{provision.paragraph}",
                     "description": link.note or provision.obligation}
        if provision.resolution.url:
            reference["url"] = provision.resolution.url
        references.append(reference)
    return stix2.Report(
        id=stix_id("report", "allegation", allegation), name=allegation.title, description=description,
        report_types=["threat-report"], published=allegation.updated_at, object_refs=object_refs,
        labels=[f"evidentiary-status-{status.value}"], external_references=references,
        **_times(allegation), **_COMMON,
    )


def stix_problems(bundle: stix2.Bundle) -> list[str]:
    """References in the bundle that point outside it (``*_ref`` and ``*_refs`` of every
    object); the validator's --enforce-refs checks only relationships."""
    ids = {obj.id for obj in bundle.objects}
    problems = []
    for obj in bundle.objects:
        for name in obj:
            value = obj[name]
            if name.endswith("_ref"):
                value = [value]
            elif not name.endswith("_refs"):
                continue
            problems += [f"{obj.id}.{name} -> {ref} is not in the bundle" for ref in value if ref not in ids]
    return problems
