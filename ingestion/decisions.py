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
    PlaceKind,
    Stance,
    TransferStatus,
)
from compliance.errors import DomainError
from compliance.models import Actor, Allegation, EstimativeTerm, Statement, Transfer
from ingestion.choices import ProposalKind


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
    estimative_term: EstimativeTerm | None
    estimative_phrase: str
    stated_on: dt.date | None
    date_precision: str
    gist: str
    quote: str
    link: AllegationLink = field(default_factory=AllegationLink)
    candidates: tuple[dict, ...] = ()


@dataclass(frozen=True)
class TransferDecision:
    action: str
    same_as: Transfer | None
    supplier: Actor | None
    recipient: Actor | None
    title: str
    status_claimed: str
    period_start: dt.date | None
    period_end: dt.date | None
    items: tuple[str, ...]  # new: the items; same as: the items to add
    item_categories: tuple[str, ...]
    quantity: str
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
    estimative_term = RowField(queryset=EstimativeTerm.objects.all(), required=False,
                                                         allow_null=True)
    stated_on = serializers.DateField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    gist = serializers.CharField(required=False, max_length=2000)
    quote = serializers.CharField(required=False, allow_blank=True)
    bearing = serializers.ChoiceField(choices=Bearing.choices, required=False, allow_null=True, allow_blank=True,
                                      help_text="How it bears on the allegation; left out: from the stance.")

    def to_decision(self, proposal, suggested: StatementDecision) -> StatementDecision:
        data = self.validated_data
        action = _action(data, suggested, _STATEMENT_CONTENT, "statement")
        term = data["estimative_term"] if "estimative_term" in data else suggested.estimative_term
        return StatementDecision(
            action=action,
            same_as=(data.get("same_as") or suggested.same_as) if action == DecisionAction.SAME_AS else None,
            originators=tuple(data["on_behalf_of"]) if "on_behalf_of" in data else suggested.originators,
            speaker=data["speaker"] if "speaker" in data else suggested.speaker,
            speaker_title=data.get("speaker_title", suggested.speaker_title),
            stance=data.get("stance", suggested.stance),
            estimative_term=term,
            estimative_phrase=(term.term if term is not None and "estimative_term" in data
                               else suggested.estimative_phrase),
            stated_on=data["stated_on"] if "stated_on" in data else suggested.stated_on,
            date_precision=data.get("date_precision", suggested.date_precision),
            gist=data.get("gist", suggested.gist),
            quote=data.get("quote", suggested.quote),
            link=self._link(data, suggested.link, data.get("bearing") or None),
            candidates=suggested.candidates,
        )


_STATEMENT_CONTENT = ("on_behalf_of", "speaker", "speaker_title", "stance", "estimative_term", "stated_on",
                      "date_precision", "gist", "quote")
_TRANSFER_CONTENT = ("supplier", "recipient", "title", "status_claimed", "period_start", "period_end")


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


class TransferDecisionSerializer(_LinkFields):
    same_as = RowField(queryset=Transfer.objects.all(), required=False, allow_null=True,
                                                 help_text="The transfer these details describe (action same_as).")
    supplier = RowField(queryset=Actor.objects.all(), required=False)
    recipient = RowField(queryset=Actor.objects.all(), required=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    status_claimed = serializers.ChoiceField(choices=TransferStatus.choices, required=False)
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    items = serializers.ListField(child=serializers.CharField(max_length=300), required=False, max_length=50,
                                  help_text="New: the items. Same as: the items to add to the transfer.")
    quantity = serializers.CharField(required=False, allow_blank=True, max_length=100)
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
        return data

    def to_decision(self, proposal, suggested: TransferDecision) -> TransferDecision:
        data = self.validated_data
        action = _action(data, suggested, _TRANSFER_CONTENT, "transfer")
        items = tuple(data["items"]) if "items" in data else suggested.items
        if action == DecisionAction.NEW and "items" not in data and suggested.action == DecisionAction.SAME_AS:
            items = tuple(proposal.payload.get("items") or ())
        return TransferDecision(
            action=action,
            same_as=(data.get("same_as") or suggested.same_as) if action == DecisionAction.SAME_AS else None,
            supplier=data.get("supplier", suggested.supplier),
            recipient=data.get("recipient", suggested.recipient),
            title=data.get("title", suggested.title),
            status_claimed=data.get("status_claimed", suggested.status_claimed),
            period_start=data["period_start"] if "period_start" in data else suggested.period_start,
            period_end=data["period_end"] if "period_end" in data else suggested.period_end,
            items=items,
            item_categories=suggested.item_categories if items == suggested.items else (),
            quantity=data.get("quantity", suggested.quantity),
            add_route=data.get("add_route", suggested.add_route),
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


def _plain(errors: Any) -> dict[str, list[str]]:
    if isinstance(errors, dict):
        return {str(k): [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in errors.items()}
    return {"non_field_errors": [str(e) for e in errors]}


def decision_data(decision: Decision) -> dict:
    """A decision as the fields its serializer reads (ids for rows): what the API shows as
    the suggested decision, and what a client may send back, changed or not."""
    def pk(row):
        return row.pk if row is not None else None

    if isinstance(decision, StatementDecision):
        return {
            "action": decision.action, "same_as": pk(decision.same_as),
            "on_behalf_of": [a.pk for a in decision.originators], "speaker": pk(decision.speaker),
            "speaker_title": decision.speaker_title, "stance": decision.stance,
            "estimative_term": pk(decision.estimative_term),
            "stated_on": decision.stated_on.isoformat() if decision.stated_on else None,
            "date_precision": decision.date_precision, "gist": decision.gist, "quote": decision.quote,
            "allegation": pk(decision.link.allegation), "new_allegation_title": decision.link.new_title,
            "bearing": decision.link.bearing,
        }
    if isinstance(decision, TransferDecision):
        return {
            "action": decision.action, "same_as": pk(decision.same_as), "supplier": pk(decision.supplier),
            "recipient": pk(decision.recipient), "title": decision.title, "status_claimed": decision.status_claimed,
            "period_start": decision.period_start.isoformat() if decision.period_start else None,
            "period_end": decision.period_end.isoformat() if decision.period_end else None,
            "items": list(decision.items), "quantity": decision.quantity, "add_route": decision.add_route,
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
