"""The pickers of the decision form: rows of the record found by what a person types (a name,
an alias, a number, words of a title). The same reads serve the autocomplete endpoints and
the form fields, so a name typed without the script resolves to the row the script would
have offered."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Case, Exists, IntegerField, Model, OuterRef, Q, QuerySet, Value, When

from compliance.choices import ActorKind
from compliance.models import Actor, Allegation, AllegationStatement, AllegationTransfer, Place, Vessel

LIMIT = 10
MAX_WORDS = 8  # each word is a condition on every searched column: a query stays small
_NUMBER = re.compile(r"^#?(\d{1,18})$|\(#(\d{1,18})\)\s*$")


@dataclass(frozen=True)
class Lookup:
    """One picker: its rows, how a word of the query matches them, and how a row is shown."""

    noun: str
    rows: Callable[[], QuerySet]
    word: Callable[[str], Q]  # one word of the query
    names: Callable[[Model], list[str]]  # the names typed in full that pick the row
    detail: Callable[[Model], str]
    order: str = "name"

    def label(self, row: Model) -> str:
        return self.names(row)[0]


def _actor_word(word: str) -> Q:
    return Q(name__icontains=word) | Q(aliases__icontains=word)


def _actor_detail(actor: Actor) -> str:
    return ", ".join(p for p in (actor.get_kind_display(), actor.country) if p)


def _actors(*, people: bool | None) -> Callable[[], QuerySet]:
    def rows() -> QuerySet:
        queryset = Actor.objects.filter(withdrawn_at__isnull=True)
        if people is True:
            queryset = queryset.filter(kind=ActorKind.PERSON)
        elif people is False:
            queryset = queryset.exclude(kind=ActorKind.PERSON)
        return queryset.only("id", "name", "aliases", "kind", "country")

    return rows


def _allegation_word(word: str) -> Q:
    """A word of an allegation's title, or of the name of a party to its transfers or of an
    originator of its statements."""
    party = Q(transfer__supplier__name__icontains=word) | Q(transfer__supplier__aliases__icontains=word) | Q(
        transfer__recipient__name__icontains=word) | Q(transfer__recipient__aliases__icontains=word)
    originator = Q(statement__on_behalf_of__name__icontains=word) | Q(
        statement__on_behalf_of__aliases__icontains=word)
    return (Q(title__icontains=word) | Q(ref__icontains=word)
            | Exists(AllegationTransfer.objects.filter(party, allegation=OuterRef("pk")))
            | Exists(AllegationStatement.objects.filter(originator, allegation=OuterRef("pk"))))


LOOKUPS: dict[str, Lookup] = {
    "actors": Lookup("actor", _actors(people=None), _actor_word, lambda a: [a.name, *a.aliases], _actor_detail),
    "people": Lookup("person", _actors(people=True), _actor_word, lambda a: [a.name, *a.aliases], _actor_detail),
    "bodies": Lookup("government or body", _actors(people=False), _actor_word, lambda a: [a.name, *a.aliases],
                     _actor_detail),
    "places": Lookup(
        "place", lambda: Place.objects.only("id", "name", "aliases", "kind", "country"),
        lambda w: Q(name__icontains=w) | Q(aliases__icontains=w), lambda p: [p.name, *p.aliases],
        lambda p: ", ".join(x for x in (p.get_kind_display(), p.country) if x)),
    "vessels": Lookup(
        "vessel", lambda: Vessel.objects.only("id", "name", "former_names", "imo_number", "flag"),
        lambda w: Q(name__icontains=w) | Q(former_names__icontains=w) | Q(imo_number__icontains=w),
        lambda v: [v.name, *v.former_names, *([v.imo_number] if v.imo_number else [])],
        lambda v: ", ".join(x for x in (f"IMO {v.imo_number}" if v.imo_number else "", v.flag) if x)),
    "allegations": Lookup(
        "allegation", lambda: Allegation.objects.only("id", "title", "status"), _allegation_word,
        lambda a: [a.title], lambda a: f"#{a.pk}, {a.get_status_display().lower()}", order="title"),
}


def lookup_value(kind: str, row: Model) -> str:
    """What the field holds for a chosen row: its name and number ("Najin (#3)"), read back
    by :func:`lookup_resolve` whatever the name has become."""
    return f"{LOOKUPS[kind].label(row)} (#{row.pk})"


def _number(text: str) -> int | None:
    match = _NUMBER.search(text.strip())
    return int(match.group(1) or match.group(2)) if match else None


def lookup_search(kind: str, text: str, *, limit: int = LIMIT) -> list[Model]:
    """The rows of ``kind`` matching every word of ``text``, or numbered ``#text``: the row
    with that number, then names equal to the text, then names starting with it. One query."""
    lookup = LOOKUPS[kind]
    text = " ".join((text or "").split())[:100]
    if not text:
        return []
    number = _number(text)
    condition = Q()
    for word in text.split()[:MAX_WORDS]:
        condition &= lookup.word(word)
    if number is not None:
        condition |= Q(pk=number)
    name = lookup.order
    rank = Case(When(pk=number or 0, then=Value(0)), When(**{f"{name}__iexact": text}, then=Value(1)),
                When(**{f"{name}__istartswith": text}, then=Value(2)), default=Value(3), output_field=IntegerField())
    return list(lookup.rows().filter(condition).annotate(rank=rank).order_by("rank", name, "pk")[:limit])


def lookup_resolve(kind: str, text: str) -> Model:
    """The one row that ``text`` names: "#3", "Najin (#3)", a name or alias typed in full, or
    the only row the words match. Raises ValidationError saying what matched otherwise."""
    lookup = LOOKUPS[kind]
    text = " ".join((text or "").split())
    number = _number(text)
    if number is not None:
        row = lookup.rows().filter(pk=number).first()
        if row is None:
            raise ValidationError(f"There is no {lookup.noun} #{number}.")
        return row
    found = lookup_search(kind, text)
    exact = [row for row in found if text.casefold() in (n.casefold() for n in lookup.names(row))]
    if len(exact) == 1 or len(found) == 1:
        return exact[0] if exact else found[0]
    if not found:
        raise ValidationError(f"No {lookup.noun} in the record matches “{text}”.")
    listed = "; ".join(lookup_value(kind, row) for row in (exact or found)[:5])
    raise ValidationError(f"Several match “{text}”: {listed}. Type one as shown.")


def lookup_json(kind: str, row: Model) -> dict:
    lookup = LOOKUPS[kind]
    return {"id": row.pk, "value": lookup_value(kind, row), "label": lookup.label(row), "detail": lookup.detail(row)}
