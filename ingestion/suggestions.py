"""What the queue suggests for each proposal: a typed decision, the candidates it was
drawn from, and in words what accepting it will do. The queue's "Accept", the bulk
accept, the admin's actions and an API accept without a decision all execute exactly this
decision, so accepting the queue as suggested never writes a row the record already has."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapidfuzz import fuzz

from compliance.choices import Bearing, DatePrecision, ItemCategory, Stance, TransferStatus
from compliance.models import Actor, Allegation, EstimativeTerm, Place, Transfer, Vessel
from compliance.stances import statement_gist
from ingestion.choices import ProposalKind
from ingestion.decisions import (
    AllegationLink,
    Decision,
    DecisionAction,
    EntityDecision,
    ItemDecision,
    NewActorDecision,
    NewPlaceDecision,
    NewVesselDecision,
    StatementDecision,
    TransferDecision,
    legs_problems,
    payload_items,
    payload_leg_rows,
    payload_legs,
)
from ingestion.matching import Candidate, best, normalise, route_additions, wording
from ingestion.models import Proposal
from ingestion.selectors import ActorRoots, key_id, proposal_candidates, statement_originator_ids

_ACTOR_KIND = {"person": "person", "organization": "organisation", "country": "state"}


@dataclass(frozen=True)
class Suggestion:
    decision: Decision
    candidates: tuple[Candidate, ...]
    effect: str  # what accepting the suggested decision will do, in words
    problem: str = ""  # why it cannot be accepted as it stands (then: edit first)


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _text(value, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def new_items(transfer: Transfer, items: list[str]) -> list[str]:
    """The items an article names that the transfer does not list yet: of a kind it lacks,
    or of its kinds but in other words. A generic word ("arms", "weapons") adds nothing to a
    transfer that lists any item."""
    from ingestion.services.proposals import _item_category

    known = [(i.category, normalise(i.description)) for i in transfer.items.all()]
    found: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip() or item in found:
            continue
        category = _item_category(item, (), index)
        text = normalise(item)
        if known and category == ItemCategory.MILITARY_EQUIPMENT:
            continue
        if any(_similar(text, description) for _, description in known):
            continue
        found.append(item)
    return found


def _similar(text: str, other: str) -> bool:
    if not text or not other:
        return False
    return fuzz.partial_ratio(text, other) >= 80 or fuzz.token_set_ratio(text, other) >= 60


def route_legs_of(payload: dict) -> list[tuple[int, int, str]]:
    legs = []
    for leg in payload.get("legs") or []:
        if isinstance(leg, dict):
            origin, destination = key_id(leg.get("from_key"), "place"), key_id(leg.get("to_key"), "place")
            if origin is not None and destination is not None:
                legs.append((origin, destination, leg.get("mode") if isinstance(leg.get("mode"), str) else ""))
    return legs


def route_extension(transfer: Transfer, payload: dict):
    route = [(leg.from_place_id, leg.to_place_id) for leg in transfer.legs.all()]
    return route_additions(route, route_legs_of(payload))


def _precision(value) -> str:
    return value if value in DatePrecision.values else DatePrecision.DAY


def _item_words(item: ItemDecision) -> str:
    return item.description + (f" ({item.quantity_text})" if item.quantity_text else "")


def _bearing_label(bearing: str) -> str:
    return "counts as SUPPORTS" if bearing == Bearing.SUPPORTS else (
        "counts as CONTRADICTS" if bearing == Bearing.CONTRADICTS else "context only")


def link_effect(link: AllegationLink, bearing: str | None = None) -> str:
    if link.new_title:
        target = f"a new allegation “{link.new_title}”"
    elif link.allegation is not None:
        target = f"allegation #{link.allegation.pk}"
    else:
        return "not linked to an allegation"
    return f"{_bearing_label(bearing)} for {target}" if bearing else f"linked to {target}"


def decision_effect(decision: Decision, *, proposal: Proposal) -> str:
    """What executing the decision writes, in the words the card and the API show."""
    from ingestion.services.proposals import statement_link_bearing

    if isinstance(decision, StatementDecision):
        if decision.action == DecisionAction.SAME_AS and decision.same_as is not None:
            text = f"adds source to statement #{decision.same_as.pk}"
            if decision.link.allegation is not None or decision.link.new_title:
                text += " and " + link_effect(decision.link, statement_link_bearing(decision))
            return text
        text = "new statement, " + link_effect(decision.link, statement_link_bearing(decision))
        if decision.candidates:
            text += f" (candidate {', '.join('#' + str(c['id']) for c in decision.candidates[:3])} listed)"
        return text
    if isinstance(decision, TransferDecision):
        if decision.action == DecisionAction.SAME_AS and decision.same_as is not None:
            parts = [f"adds source to transfer #{decision.same_as.pk}"]
            if decision.items:
                parts.append("adds items: " + ", ".join(_item_words(i) for i in decision.items))
            if decision.add_route:
                parts.append("extends its route")
            if decision.link.allegation is not None or decision.link.new_title:
                parts.append(link_effect(decision.link))
            return "; ".join(parts)
        who = f"{decision.supplier or '?'} → {decision.recipient or '?'}"
        return f"new transfer {who}, {link_effect(decision.link)}"
    if isinstance(decision, NewActorDecision):
        return f"new actor “{decision.name}”"
    if isinstance(decision, NewPlaceDecision):
        return f"new place “{decision.name}”"
    if isinstance(decision, NewVesselDecision):
        return f"new vessel “{decision.name}”"
    key = proposal.payload.get("key") or ""
    return f"confirms the link to {proposal.payload.get('name') or key}" if key else "nothing to write"


def proposal_suggestions(*, proposals: list[Proposal], roots: ActorRoots | None = None) -> dict[int, Suggestion]:
    """The suggested decision of each proposal (by pk), from the record as it is now. A
    fixed number of queries for any number of proposals."""
    roots = roots or ActorRoots()
    loaded: dict = {}
    candidates = proposal_candidates(proposals=proposals, roots=roots, loaded=loaded)
    chosen = {p.pk: best(candidates.get(p.pk, [])) for p in proposals}
    actor_ids: set[int] = set()
    term_ids: set[int] = set()
    for p in proposals:
        payload = p.payload or {}
        if p.kind == ProposalKind.STATEMENT:
            actor_ids |= set(statement_originator_ids(payload))
            actor_ids |= {i for i in [key_id(payload.get("speaker_key"), "actor")] if i is not None}
            term_ids |= {i for i in [key_id(payload.get("term_key"), "term")] if i is not None}
        elif p.kind == ProposalKind.TRANSFER:
            actor_ids |= {i for i in (key_id(payload.get("supplier_key"), "actor"),
                                      key_id(payload.get("recipient_key"), "actor")) if i is not None}
    actors = Actor.objects.in_bulk(actor_ids) if actor_ids else {}
    terms = EstimativeTerm.objects.in_bulk(term_ids) if term_ids else {}
    place_ids, vessel_ids = payload_leg_rows([p.payload or {} for p in proposals if p.kind == ProposalKind.TRANSFER])
    places = Place.objects.in_bulk(place_ids) if place_ids else {}
    vessels = Vessel.objects.in_bulk(vessel_ids) if vessel_ids else {}
    statements = {pk: row for (kind, pk), row in loaded.items() if kind == "statement"}
    transfers = {pk: row for (kind, pk), row in loaded.items() if kind == "transfer"}
    allegation_ids = {p.suggested_allegation_id for p in proposals if p.suggested_allegation_id}
    if allegation_ids and not all(Proposal.suggested_allegation.is_cached(p) for p in proposals
                                  if p.suggested_allegation_id):
        allegations = Allegation.objects.only("id", "title").in_bulk(allegation_ids)
    else:
        allegations = {p.suggested_allegation_id: p.suggested_allegation for p in proposals
                       if p.suggested_allegation_id}

    result = {}
    for p in proposals:
        listed = tuple(candidates.get(p.pk, []))
        pick = chosen[p.pk]
        allegation = allegations.get(p.suggested_allegation_id)
        decision, problem = _suggest(p, pick, listed, actors, terms, statements, transfers, allegation,
                                     places, vessels)
        result[p.pk] = Suggestion(decision=decision, candidates=listed,
                                  effect=decision_effect(decision, proposal=p), problem=problem)
    return result


def _suggest(p, pick, listed, actors, terms, statements, transfers, allegation, places, vessels):
    payload = p.payload or {}
    listed_dicts = tuple(c.as_dict() for c in listed)
    if p.kind == ProposalKind.STATEMENT:
        originators = tuple(actors[i] for i in statement_originator_ids(payload) if i in actors)
        speaker = actors.get(key_id(payload.get("speaker_key"), "actor"))
        title = _text(payload.get("speaker_role"), 200)
        if speaker is None and isinstance(payload.get("speaker"), str) and payload.get("speaker"):
            title = f"{title} {payload['speaker']}".strip()[:200]
        stance = payload.get("stance") if payload.get("stance") in Stance.values else ""
        precision = payload.get("date_precision") if payload.get("date_precision") in DatePrecision.values \
            else DatePrecision.DAY
        same = statements.get(pick.id) if pick else None
        # The cue extraction found ("accused") is the reporting verb unless the payload names one.
        verb = _text(payload.get("reporting_verb") or payload.get("cue"), 60)
        gist = _text(payload.get("gist"), 2000) or statement_gist(
            speaker=_text(payload.get("speaker"), 200), on_behalf_of=_text(payload.get("on_behalf_of"), 300),
            reporting_verb=verb, stance=stance, words=_text(payload.get("quote"), 2000),
            quoted=bool(payload.get("direct")))
        decision = StatementDecision(
            action=DecisionAction.SAME_AS if same else DecisionAction.NEW, same_as=same,
            originators=originators, speaker=speaker, speaker_title=title, stance=stance, reporting_verb=verb,
            estimative_term=terms.get(key_id(payload.get("term_key"), "term")),
            estimative_phrase=_text(payload.get("probability_term"), 80),
            stated_on=_date(payload.get("date")), date_precision=precision,
            gist=gist[:2000],
            quote=_text(payload.get("quote"), 5000) if payload.get("direct") else "",
            excerpt=p.excerpt,
            # A new statement is linked to the allegation the article's transfer matched as
            # context: what it says about that claim is for a person to judge.
            link=(AllegationLink() if same or allegation is None
                  else AllegationLink(allegation=allegation, bearing=Bearing.CONTEXT, inherited=True)),
            candidates=listed_dicts,
        )
        problem = ""
        if not same and not originators:
            problem = ("Name the government or body whose position this is (on behalf of): extraction did not "
                       "match one in the reference data.")
        elif not same and not stance:
            problem = "Choose the stance: extraction gave none the record knows."
        return decision, problem
    if p.kind == ProposalKind.TRANSFER:
        same = transfers.get(pick.id) if pick else None
        items = payload_items(payload)
        legs = ()
        add_route = False
        if same is not None:
            added = new_items(same, [i.description for i in items])
            quantity = _text(payload.get("quantity"), 120)
            known_quantities = [normalise(i.quantity_text) for i in same.items.all() if i.quantity_text]
            if quantity and known_quantities and wording([normalise(quantity)], known_quantities) >= 80:
                payload = {**payload, "quantity": ""}  # the transfer has it already
            items = payload_items(payload, added)
            before, after, _ = route_extension(same, payload)
            add_route = bool(before or after)
        else:
            legs = payload_legs(payload, places, vessels)
        status = payload.get("status_claimed") if payload.get("status_claimed") in TransferStatus.values \
            else TransferStatus.AGREED
        decision = TransferDecision(
            action=DecisionAction.SAME_AS if same else DecisionAction.NEW, same_as=same,
            supplier=actors.get(key_id(payload.get("supplier_key"), "actor")),
            recipient=actors.get(key_id(payload.get("recipient_key"), "actor")),
            title="", status_claimed=status,
            period_start=_date(payload.get("period_start")),
            period_start_precision=_precision(payload.get("period_start_precision")),
            period_end=_date(payload.get("period_end")),
            period_end_precision=_precision(payload.get("period_end_precision")),
            items=items, legs=legs, excerpt=p.excerpt, add_route=add_route,
            link=AllegationLink() if same or allegation is None else AllegationLink(allegation=allegation),
            candidates=listed_dicts,
        )
        problem = ""
        if not same and (decision.supplier is None or decision.recipient is None):
            problem = "Name the supplier and the recipient: extraction did not match both in the reference data."
        elif not same and legs_problems(legs):
            problem = "Correct the route first: " + " ".join(legs_problems(legs))
        return decision, problem
    name = (payload.get("name") or "").strip() if isinstance(payload.get("name"), str) else ""
    if p.kind == ProposalKind.NEW_ACTOR:
        kind = _ACTOR_KIND.get(payload.get("category"), "organisation")
        return NewActorDecision(name=name, kind=kind, country="",
                                description=f"First seen in ingested article #{p.article_id}."), ""
    if p.kind == ProposalKind.NEW_PLACE:
        return NewPlaceDecision(name=name, kind="other", country="", latitude=None, longitude=None,
                                note=f"First seen in ingested article #{p.article_id}."), (
            f"Give the coordinates of “{name}” (latitude and longitude) to add it as a place.")
    if p.kind == ProposalKind.NEW_VESSEL:
        return NewVesselDecision(name=name, imo_number="", note=f"First seen in ingested article #{p.article_id}."), ""
    return EntityDecision(), ""
