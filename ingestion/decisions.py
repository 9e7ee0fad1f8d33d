"""Typed decisions on proposals: one dataclass per kind, read from input by one serializer
per kind. The review queue, the edit form, the API and the admin all turn what a person
chose into one of these, and ``proposal_accept`` executes it: a bad value (a list where a
name is expected, an unknown id, a date that is not one) is a field error, never a crash.

What a field leaves out is taken from what extraction found, so the same decision can be
written in full (the edit form) or as the one change a person made (the API)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from rest_framework import serializers

from compliance.choices import (
    ActorKind,
    Bearing,
    DatePrecision,
    ItemCategory,
    PlaceKind,
    Stance,
    TransferStatus,
    TransportMode,
)
from compliance.errors import DomainError
from compliance.services.sources import ItemData
from compliance.models import Actor, Allegation, EstimativeTerm, Place, Statement, Transfer, Vessel
from ingestion.choices import ProposalKind
from ingestion.extraction.quantities import find_quantities
from ingestion.selectors import key_id


# An excerpt is the sentence or two that carry a finding, with their neighbours at most.
EXCERPT_CHARS = 20000


class DecisionAction(models.TextChoices):
    SAME_AS = "same_as", "Same as a row already in the record (add this article as its source)"
    NEW = "new", "New row in the record"


class DecisionInvalid(DomainError):
    """The decision's input is not valid: ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]] | list | str):
        if not isinstance(errors, dict):
            errors = {"non_field_errors": errors if isinstance(errors, list) else [errors]}
        self.errors = {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in errors.items()}
        super().__init__("; ".join(f"{k}: {' '.join(v)}" if k != "non_field_errors" else " ".join(v)
                                   for k, v in self.errors.items()))


@dataclass(frozen=True)
class AllegationLink:
    """Which allegation a statement or transfer goes to: an existing one, a new one opened
    with this title, or none. ``bearing`` None means: from the statement's stance."""

    allegation: Allegation | None = None
    new_title: str = ""
    bearing: str | None = None
    inherited: bool = False  # suggested only because the article's transfer matched it


@dataclass(frozen=True)
class StatementDecision:
    action: str
    same_as: Statement | None
    originators: tuple[Actor, ...]
    speaker: Actor | None
    speaker_title: str
    stance: str
    reporting_verb: str  # as the source put it ("accused"): descriptive, the stance is what counts
    estimative_term: EstimativeTerm | None
    estimative_phrase: str
    stated_on: dt.date | None
    date_precision: str
    gist: str
    quote: str
    excerpt: str  # kept with the article as the statement's source
    link: AllegationLink = field(default_factory=AllegationLink)
    candidates: tuple[dict, ...] = ()


# One item of a transfer: what it is, its category, and how many (as the source put it, and
# as bounds with their unit where it gives a number). The service that adds items to a
# transfer reads the same type, so a decision's items are passed on as they are.
ItemDecision = ItemData


@dataclass(frozen=True)
class LegDecision:
    """One leg of a new transfer's route, in order."""

    from_place: Place
    to_place: Place
    mode: str
    vessel: Vessel | None = None


@dataclass(frozen=True)
class TransferDecision:
    action: str
    same_as: Transfer | None
    supplier: Actor | None
    recipient: Actor | None
    title: str
    status_claimed: str
    period_start: dt.date | None
    period_start_precision: str
    period_end: dt.date | None
    period_end_precision: str
    items: tuple[ItemDecision, ...]  # new: the items; same as: the items to add
    legs: tuple[LegDecision, ...]  # new: the route; same as with add_route: the article's legs as corrected
    excerpt: str  # kept with the article as the transfer's source
    add_route: bool  # same as: extend the route with the places the article adds
    link: AllegationLink = field(default_factory=AllegationLink)
    candidates: tuple[dict, ...] = ()


@dataclass(frozen=True)
class EntityDecision:
    pass


@dataclass(frozen=True)
class NewActorDecision:
    name: str
    kind: str
    country: str
    description: str


@dataclass(frozen=True)
class NewPlaceDecision:
    name: str
    kind: str
    country: str
    latitude: Decimal
    longitude: Decimal
    note: str


@dataclass(frozen=True)
class NewVesselDecision:
    name: str
    imo_number: str
    note: str


Decision = (StatementDecision | TransferDecision | EntityDecision | NewActorDecision | NewPlaceDecision
            | NewVesselDecision)


# --------------------------------------------------------------------------- from extraction
def item_decision(description: str, *, category: str = "", quantity_text: str = "") -> ItemDecision:
    """An item as extraction gives it: the category from its words unless one is given, and
    the quantity's bounds and unit read from its words ("more than 1,000 containers")."""
    found = find_quantities(quantity_text)[:1]
    low, high, unit = (found[0].low, found[0].high, found[0].unit) if found else (None, None, "")
    return ItemDecision(
        description=description[:300],
        category=category if category in ItemCategory.values else ItemCategory.of(description),
        quantity_text=quantity_text[:120],
        quantity_min=Decimal(int(low)) if low is not None else None,
        quantity_max=Decimal(int(high)) if high is not None else None,
        unit=(unit or "")[:40],
    )


def payload_items(payload: dict, descriptions: list[str] | None = None) -> tuple[ItemDecision, ...]:
    """The items of a transfer proposal (or those of ``descriptions``, a part of them), the
    quantity it found going with the first."""
    categories = [c if isinstance(c, str) else "" for c in payload.get("item_categories") or []]
    pairs = [(item, categories[n] if n < len(categories) else "")
             for n, item in enumerate(payload.get("items") or []) if isinstance(item, str) and item.strip()]
    if descriptions is not None:
        pairs = [(item, category) for item, category in pairs if item in descriptions]
    quantity = payload.get("quantity") if isinstance(payload.get("quantity"), str) else ""
    return tuple(item_decision(item, category=category, quantity_text=quantity if n == 0 else "")
                 for n, (item, category) in enumerate(pairs))


def payload_leg_rows(payloads: list[dict]) -> tuple[set[int], set[int]]:
    """The places and vessels that the legs of ``payloads`` name (to read them in bulk)."""
    places, vessels = set(), set()
    for payload in payloads:
        for leg in payload.get("legs") or []:
            if isinstance(leg, dict):
                places |= {i for i in (key_id(leg.get("from_key"), "place"), key_id(leg.get("to_key"), "place"))
                           if i is not None}
                vessel = key_id(leg.get("vessel_key"), "vessel")
                if vessel is not None:
                    vessels.add(vessel)
    return places, vessels


def payload_legs(payload: dict, places: dict[int, Place], vessels: dict[int, Vessel]) -> tuple[LegDecision, ...]:
    """The legs of a transfer proposal whose two places the record knows, with their mode
    and the vessel named for them (a leg with an unknown place is left for a person)."""
    legs = []
    for leg in payload.get("legs") or []:
        if not isinstance(leg, dict):
            continue
        origin = places.get(key_id(leg.get("from_key"), "place"))
        destination = places.get(key_id(leg.get("to_key"), "place"))
        if origin is None or destination is None:
            continue
        mode = leg.get("mode") if leg.get("mode") in TransportMode.values else TransportMode.UNKNOWN
        legs.append(LegDecision(from_place=origin, to_place=destination, mode=mode,
                                vessel=vessels.get(key_id(leg.get("vessel_key"), "vessel"))))
    return tuple(legs)


def article_legs(payload: dict) -> tuple[LegDecision, ...]:
    """The legs of one transfer proposal, its places and vessels read from the record."""
    places, vessels = payload_leg_rows([payload])
    return payload_legs(payload, Place.objects.in_bulk(places) if places else {},
                        Vessel.objects.in_bulk(vessels) if vessels else {})


def legs_problems(legs: tuple[LegDecision, ...] | list) -> list[str]:
    """Why the legs do not make one journey (each leg starts where the previous one ended)."""
    problems = []
    for number, leg in enumerate(legs, start=1):
        if leg.from_place == leg.to_place:
            problems.append(f"Leg {number} starts and ends at {leg.from_place.name}.")
        if number > 1 and legs[number - 2].to_place != leg.from_place:
            problems.append(f"Leg {number} starts at {leg.from_place.name} but leg {number - 1} ends at "
                            f"{legs[number - 2].to_place.name}.")
    return problems


# --------------------------------------------------------------------------- serializers
class RowField(serializers.PrimaryKeyRelatedField):
    """A row by its id: anything but a positive integer in the database's range is a field
    error, not an overflow."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (int, str)) or not str(data).isdigit() \
                or not 0 < int(data) < 2**63:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(int(data))


class _LinkFields(serializers.Serializer):
    action = serializers.ChoiceField(choices=DecisionAction.choices, required=False)
    allegation = RowField(queryset=Allegation.objects.all(), required=False,
                                                    allow_null=True)
    new_allegation_title = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def validate(self, data):
        if data.get("allegation") and (data.get("new_allegation_title") or "").strip():
            raise serializers.ValidationError(
                {"new_allegation_title": ["Give either an allegation or a new allegation's title, not both."]})
        if data.get("action") == DecisionAction.SAME_AS and not data.get("same_as"):
            raise serializers.ValidationError({"same_as": ["Say which row it is the same as."]})
        if data.get("same_as") and data.get("action") == DecisionAction.NEW:
            raise serializers.ValidationError({"same_as": ["A new row is not the same as another: drop same_as."]})
        return data

    def _link(self, data, suggested: AllegationLink, bearing: str | None = None) -> AllegationLink:
        if "allegation" in data or "new_allegation_title" in data:
            title = (data.get("new_allegation_title") or "").strip()
            return AllegationLink(allegation=data.get("allegation"), new_title=title, bearing=bearing)
        if bearing is not None:
            return AllegationLink(allegation=suggested.allegation, new_title=suggested.new_title, bearing=bearing)
        return suggested


class StatementDecisionSerializer(_LinkFields):
    same_as = RowField(queryset=Statement.objects.all(), required=False, allow_null=True,
                                                 help_text="The statement this one repeats (action same_as).")
    on_behalf_of = RowField(queryset=Actor.objects.all(), many=True, required=False,
                                                      allow_empty=False, help_text="Originator ids.")
    speaker = RowField(queryset=Actor.objects.all(), required=False, allow_null=True)
    speaker_title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    stance = serializers.ChoiceField(choices=Stance.choices, required=False)
    reporting_verb = serializers.CharField(required=False, allow_blank=True, max_length=60, help_text=(
        "The verb the source used (accused, confirmed, warned): descriptive; the stance is what counts."))
    estimative_term = RowField(queryset=EstimativeTerm.objects.all(), required=False,
                                                         allow_null=True)
    estimative_phrase = serializers.CharField(required=False, allow_blank=True, max_length=80,
                                              help_text="The probability words as written (“almost certain”).")
    stated_on = serializers.DateField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    gist = serializers.CharField(required=False, max_length=2000)
    quote = serializers.CharField(required=False, allow_blank=True)
    excerpt = serializers.CharField(required=False, allow_blank=True, max_length=EXCERPT_CHARS,
                                    help_text="The article's words kept with the statement's source.")
    bearing = serializers.ChoiceField(choices=Bearing.choices, required=False, allow_null=True, allow_blank=True,
                                      help_text="How it bears on the allegation; left out: from the stance.")

    def to_decision(self, proposal, suggested: StatementDecision) -> StatementDecision:
        data = self.validated_data
        action = _action(data, suggested, _STATEMENT_CONTENT, "statement")
        term = data["estimative_term"] if "estimative_term" in data else suggested.estimative_term
        if "estimative_phrase" in data:
            phrase = data["estimative_phrase"].strip()
        else:
            phrase = term.term if term is not None and "estimative_term" in data else suggested.estimative_phrase
        return StatementDecision(
            action=action,
            same_as=(data.get("same_as") or suggested.same_as) if action == DecisionAction.SAME_AS else None,
            originators=tuple(data["on_behalf_of"]) if "on_behalf_of" in data else suggested.originators,
            speaker=data["speaker"] if "speaker" in data else suggested.speaker,
            speaker_title=data.get("speaker_title", suggested.speaker_title),
            stance=data.get("stance", suggested.stance),
            reporting_verb=data.get("reporting_verb", suggested.reporting_verb).strip(),
            estimative_term=term,
            estimative_phrase=phrase,
            stated_on=data["stated_on"] if "stated_on" in data else suggested.stated_on,
            date_precision=data.get("date_precision", suggested.date_precision),
            gist=data.get("gist", suggested.gist),
            quote=data.get("quote", suggested.quote),
            excerpt=data.get("excerpt", suggested.excerpt),
            link=self._link(data, suggested.link, data.get("bearing") or None),
            candidates=suggested.candidates,
        )


_STATEMENT_CONTENT = ("on_behalf_of", "speaker", "speaker_title", "stance", "reporting_verb", "estimative_term",
                      "estimative_phrase", "stated_on", "date_precision", "gist", "quote")
_TRANSFER_CONTENT = ("supplier", "recipient", "title", "status_claimed", "period_start", "period_start_precision",
                     "period_end", "period_end_precision", "legs")


def _action(data: dict, suggested, content: tuple[str, ...], noun: str) -> str:
    """The action asked for; left out, the suggested one, unless the input corrects what a
    new row would say while the suggestion is "same as": then the person must choose."""
    if data.get("action"):
        return data["action"]
    if data.get("same_as"):
        return DecisionAction.SAME_AS
    changed = sorted(name for name in content if name in data)
    if suggested.action == DecisionAction.SAME_AS and changed:
        raise DecisionInvalid({"action": [
            f"A {noun} already in the record matches (#{suggested.same_as.pk}): say “same_as” to add this "
            f"article as its source (then {', '.join(changed)} are not used), or “new” to record another one."]})
    return suggested.action


class ItemDecisionSerializer(serializers.Serializer):
    """An item: an object of these fields, or just its description (a string)."""

    description = serializers.CharField(max_length=300)
    category = serializers.ChoiceField(choices=ItemCategory.choices, required=False, allow_blank=True,
                                       help_text="Left out: from the description's words.")
    quantity_text = serializers.CharField(required=False, allow_blank=True, max_length=120,
                                          help_text="As the source put it (“more than 1,000 containers”).")
    quantity_min = serializers.DecimalField(max_digits=14, decimal_places=0, min_value=0, required=False,
                                            allow_null=True)
    quantity_max = serializers.DecimalField(max_digits=14, decimal_places=0, min_value=0, required=False,
                                            allow_null=True)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=40,
                                 help_text="What the quantity counts (containers, rounds).")

    def to_internal_value(self, data):
        return super().to_internal_value({"description": data} if isinstance(data, str) else data)

    def validate(self, data):
        low, high = data.get("quantity_min"), data.get("quantity_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"quantity_max": ["The maximum is below the minimum."]})
        if (low is not None or high is not None) and not (data.get("unit") or "").strip():
            raise serializers.ValidationError({"unit": ["Say what the quantity counts (containers, rounds…)."]})
        return data

    @staticmethod
    def item(data: dict, quantity_text: str = "") -> ItemDecision:
        description = data["description"].strip()
        return ItemDecision(
            description=description,
            category=data.get("category") or ItemCategory.of(description),
            quantity_text=(data.get("quantity_text") or quantity_text).strip(),
            quantity_min=data.get("quantity_min"), quantity_max=data.get("quantity_max"),
            unit=(data.get("unit") or "").strip(),
        )


class LegDecisionSerializer(serializers.Serializer):
    from_place = RowField(queryset=Place.objects.all(), help_text="Place id.")
    to_place = RowField(queryset=Place.objects.all(), help_text="Place id.")
    mode = serializers.ChoiceField(choices=TransportMode.choices, required=False, default=TransportMode.UNKNOWN)
    vessel = RowField(queryset=Vessel.objects.all(), required=False, allow_null=True, help_text="Vessel id.")


class TransferDecisionSerializer(_LinkFields):
    same_as = RowField(queryset=Transfer.objects.all(), required=False, allow_null=True,
                                                 help_text="The transfer these details describe (action same_as).")
    supplier = RowField(queryset=Actor.objects.all(), required=False)
    recipient = RowField(queryset=Actor.objects.all(), required=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    status_claimed = serializers.ChoiceField(choices=TransferStatus.choices, required=False)
    period_start = serializers.DateField(required=False, allow_null=True)
    period_start_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    period_end = serializers.DateField(required=False, allow_null=True)
    period_end_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    items = ItemDecisionSerializer(many=True, required=False, max_length=50,
                                   help_text="New: the items. Same as: the items to add to the transfer.")
    quantity = serializers.CharField(required=False, allow_blank=True, max_length=120,
                                     help_text="The first item's quantity as the source put it, when the items "
                                               "are given as strings.")
    legs = LegDecisionSerializer(many=True, required=False, max_length=20,
                                 help_text="New: the route, leg by leg in order (each starts where the previous "
                                           "one ends). Same as, with add_route: the article's legs as corrected, "
                                           "which extend the recorded route.")
    excerpt = serializers.CharField(required=False, allow_blank=True, max_length=EXCERPT_CHARS,
                                    help_text="The article's words kept with the transfer's source.")
    add_route = serializers.BooleanField(required=False,
                                         help_text="Same as: add the route places this article gives.")

    def validate(self, data):
        data = super().validate(data)
        supplier, recipient = data.get("supplier"), data.get("recipient")
        if supplier is not None and supplier == recipient:
            raise serializers.ValidationError({"recipient": ["The recipient must differ from the supplier."]})
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            raise serializers.ValidationError({"period_end": ["The period ends before it starts."]})
        problems = legs_problems([LegDecision(from_place=leg["from_place"], to_place=leg["to_place"],
                                              mode=leg["mode"]) for leg in data.get("legs") or []])
        if problems:
            raise serializers.ValidationError({"legs": problems})
        return data

    def to_decision(self, proposal, suggested: TransferDecision) -> TransferDecision:
        data = self.validated_data
        action = _action(data, suggested, _TRANSFER_CONTENT, "transfer")
        add_route = data.get("add_route", suggested.add_route)
        if action == DecisionAction.SAME_AS and data.get("legs") and not add_route:
            raise DecisionInvalid({"legs": ["Legs were given for a transfer that is the same as a recorded one. "
                                            "To extend its route with them, set add_route."]})
        switched = action == DecisionAction.NEW and suggested.action == DecisionAction.SAME_AS
        if "items" in data:
            items = tuple(ItemDecisionSerializer.item(item, data.get("quantity", "") if n == 0 else "")
                          for n, item in enumerate(data["items"]))
        elif switched:  # the suggestion listed only what the matching transfer lacks
            items = payload_items(proposal.payload)
        else:
            items = suggested.items
        if "quantity" in data and "items" not in data and items:
            items = (item_decision(items[0].description, category=items[0].category,
                                   quantity_text=data["quantity"]), *items[1:])
        if "legs" in data:
            legs = tuple(LegDecision(**leg) for leg in data["legs"])
        elif switched:
            legs = article_legs(proposal.payload)
        else:
            legs = suggested.legs
        return TransferDecision(
            action=action,
            same_as=(data.get("same_as") or suggested.same_as) if action == DecisionAction.SAME_AS else None,
            supplier=data.get("supplier", suggested.supplier),
            recipient=data.get("recipient", suggested.recipient),
            title=data.get("title", suggested.title),
            status_claimed=data.get("status_claimed", suggested.status_claimed),
            period_start=data["period_start"] if "period_start" in data else suggested.period_start,
            period_start_precision=data.get("period_start_precision", suggested.period_start_precision),
            period_end=data["period_end"] if "period_end" in data else suggested.period_end,
            period_end_precision=data.get("period_end_precision", suggested.period_end_precision),
            items=items,
            # Same as: legs only where the reviewer corrected the article's route to extend it.
            legs=legs if action == DecisionAction.NEW else (
                tuple(LegDecision(**leg) for leg in data["legs"]) if add_route and data.get("legs") else ()),
            excerpt=data.get("excerpt", suggested.excerpt),
            add_route=add_route,
            link=self._link(data, suggested.link),
            candidates=suggested.candidates,
        )


class EntityDecisionSerializer(serializers.Serializer):
    def to_decision(self, proposal, suggested: EntityDecision) -> EntityDecision:
        return EntityDecision()


class NewActorDecisionSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=200)
    kind = serializers.ChoiceField(choices=ActorKind.choices, required=False)
    country = serializers.CharField(required=False, allow_blank=True, max_length=2)
    description = serializers.CharField(required=False, allow_blank=True)

    def to_decision(self, proposal, suggested: NewActorDecision) -> NewActorDecision:
        data = self.validated_data
        return NewActorDecision(name=data.get("name", suggested.name).strip(), kind=data.get("kind", suggested.kind),
                                country=data.get("country", suggested.country).upper(),
                                description=data.get("description", suggested.description))


class NewPlaceDecisionSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=200)
    kind = serializers.ChoiceField(choices=PlaceKind.choices, required=False)
    country = serializers.CharField(required=False, allow_blank=True, max_length=2)
    latitude = serializers.DecimalField(max_digits=8, decimal_places=5, min_value=-90, max_value=90)
    longitude = serializers.DecimalField(max_digits=8, decimal_places=5, min_value=-180, max_value=180)
    note = serializers.CharField(required=False, allow_blank=True)

    def to_decision(self, proposal, suggested: NewPlaceDecision) -> NewPlaceDecision:
        data = self.validated_data
        return NewPlaceDecision(name=data.get("name", suggested.name).strip(), kind=data.get("kind", suggested.kind),
                                country=data.get("country", suggested.country).upper(),
                                latitude=data["latitude"], longitude=data["longitude"],
                                note=data.get("note", suggested.note))


class NewVesselDecisionSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=120)
    imo_number = serializers.CharField(required=False, allow_blank=True, max_length=12)
    note = serializers.CharField(required=False, allow_blank=True)

    def to_decision(self, proposal, suggested: NewVesselDecision) -> NewVesselDecision:
        data = self.validated_data
        return NewVesselDecision(name=data.get("name", suggested.name).strip(),
                                 imo_number=data.get("imo_number", suggested.imo_number),
                                 note=data.get("note", suggested.note))


DECISION_SERIALIZERS: dict[str, type[serializers.Serializer]] = {
    ProposalKind.STATEMENT: StatementDecisionSerializer,
    ProposalKind.TRANSFER: TransferDecisionSerializer,
    ProposalKind.ENTITY: EntityDecisionSerializer,
    ProposalKind.NEW_ACTOR: NewActorDecisionSerializer,
    ProposalKind.NEW_PLACE: NewPlaceDecisionSerializer,
    ProposalKind.NEW_VESSEL: NewVesselDecisionSerializer,
}


def decision_parse(*, proposal, data: Any, suggested: Decision) -> Decision:
    """Read a person's decision (a mapping of the kind's fields) over the suggested one.
    Raises DecisionInvalid with the field errors."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DecisionInvalid("The decision must be an object of fields.")
    serializer = DECISION_SERIALIZERS[proposal.kind](data=data)
    unknown = sorted(set(data) - set(serializer.fields))
    if unknown:
        known = ", ".join(serializer.fields) or "none"
        raise DecisionInvalid({name: [f"Not a field of a {proposal.get_kind_display().lower()} decision "
                                      f"(its fields: {known})."] for name in unknown})
    if not serializer.is_valid():
        raise DecisionInvalid(_plain(serializer.errors))
    return serializer.to_decision(proposal, suggested)


_ROW = {"items": "Item", "legs": "Leg"}


def _plain(errors: Any) -> dict[str, list[str]]:
    """DRF's errors as one list of plain messages per field; a row's error names the row and
    its field ("Leg 2, to_place: …")."""
    if isinstance(errors, dict):
        return {str(k): _messages(_ROW.get(str(k), "Row"), v) for k, v in errors.items()}
    return {"non_field_errors": [str(e) for e in errors]}


def _messages(row: str, errors: Any) -> list[str]:
    if isinstance(errors, dict):
        return [m if name == "non_field_errors" else (f"{row} {name + 1}, {m}" if isinstance(name, int)
                                                       else f"{name}: {m}")
                for name, value in errors.items() for m in _messages(row, value)]
    if isinstance(errors, list) and any(isinstance(e, (dict, list)) for e in errors):
        return [f"{row} {n}, {m}" for n, e in enumerate(errors, start=1) if e for m in _messages(row, e)]
    if isinstance(errors, list):
        return [str(e) for e in errors]
    return [str(errors)]


def decision_data(decision: Decision) -> dict:
    """A decision as the fields its serializer reads (ids for rows): what the API shows as
    the suggested decision, and what a client may send back, changed or not."""
    def pk(row):
        return row.pk if row is not None else None

    def day(value):
        return value.isoformat() if value else None

    def number(value):
        return str(value) if value is not None else None

    if isinstance(decision, StatementDecision):
        return {
            "action": decision.action, "same_as": pk(decision.same_as),
            "on_behalf_of": [a.pk for a in decision.originators], "speaker": pk(decision.speaker),
            "speaker_title": decision.speaker_title, "stance": decision.stance,
            "reporting_verb": decision.reporting_verb, "estimative_term": pk(decision.estimative_term),
            "estimative_phrase": decision.estimative_phrase, "stated_on": day(decision.stated_on),
            "date_precision": decision.date_precision, "gist": decision.gist, "quote": decision.quote,
            "excerpt": decision.excerpt,
            "allegation": pk(decision.link.allegation), "new_allegation_title": decision.link.new_title,
            "bearing": decision.link.bearing,
        }
    if isinstance(decision, TransferDecision):
        return {
            "action": decision.action, "same_as": pk(decision.same_as), "supplier": pk(decision.supplier),
            "recipient": pk(decision.recipient), "title": decision.title, "status_claimed": decision.status_claimed,
            "period_start": day(decision.period_start), "period_start_precision": decision.period_start_precision,
            "period_end": day(decision.period_end), "period_end_precision": decision.period_end_precision,
            "items": [{"description": i.description, "category": i.category, "quantity_text": i.quantity_text,
                       "quantity_min": number(i.quantity_min), "quantity_max": number(i.quantity_max),
                       "unit": i.unit} for i in decision.items],
            "legs": [{"from_place": leg.from_place.pk, "to_place": leg.to_place.pk, "mode": leg.mode,
                      "vessel": pk(leg.vessel)} for leg in decision.legs],
            "excerpt": decision.excerpt, "add_route": decision.add_route,
            "allegation": pk(decision.link.allegation), "new_allegation_title": decision.link.new_title,
        }
    if isinstance(decision, NewActorDecision):
        return {"name": decision.name, "kind": decision.kind, "country": decision.country,
                "description": decision.description}
    if isinstance(decision, NewPlaceDecision):
        return {"name": decision.name, "kind": decision.kind, "country": decision.country,
                "latitude": str(decision.latitude) if decision.latitude is not None else None,
                "longitude": str(decision.longitude) if decision.longitude is not None else None,
                "note": decision.note}
    if isinstance(decision, NewVesselDecision):
        return {"name": decision.name, "imo_number": decision.imo_number, "note": decision.note}
    return {}
