"""Extraction: pure functions from cleaned text and reference data to dataclasses.

``extract(text, reference=..., published=..., title=..., ner=...)`` finds the names
(people, governments and bodies, organisations, states, places, vessels, UN resolutions),
dates, quantities, attributed statements and transfer details of one article.
``extraction_to_json`` is the JSON view the ``extract`` command prints.

EXTRACTOR_VERSION: bump it whenever the output for some input changes (a rule, the
vocabulary in ``lexicon``, the JSON view), so that stored extractions made by an older
version are redone. Changes in the reference data do not need a bump: callers re-extract
when the reference fingerprint changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from . import lexicon
from .dates import date_anchors, find_dates
from .document import Doc
from .entities import find_entities, mentions_of
from .gazetteer import Gazetteer
from .ner import SentenceParses
from .quantities import find_quantities, quantity_anchors
from .statements import attribution_sentences, find_statements
from .transfers import find_transfers, transfer_sentences
from .types import (
    COUNTRY,
    METONYM,
    ORGANIZATION,
    PERSON,
    PLACE,
    RESOLUTION,
    VESSEL,
    Extraction,
    ReferenceData,
)

EXTRACTOR_VERSION = "6"

__all__ = ["EXTRACTOR_VERSION", "Gazetteer", "extract", "extraction_to_json"]

_ENGLISH = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "said", "by", "as",
    "has", "have", "it", "at", "from", "its", "were", "be", "are", "this", "an", "which", "not", "but",
})
# The subject: the DPRK and arms, munitions or sanctions.
_SUBJECT_RE = re.compile(
    r"\b(?:arms|weapons?|weaponry|munitions?|ammunition|shells|rounds|missiles?|rockets?|artillery|military|"
    r"sanctions?|troops|soldiers|containers|resolutions?|embargo|shipments?|deliver\w*|equipment|materiel|"
    r"defen[cs]e|war)\b",
    re.IGNORECASE,
)


def _is_english(words: list[str]) -> bool:
    """English prose has its short function words; a short text only needs Latin letters."""
    words = [w for w in words[:400] if w.isalpha()]
    if len(words) < 20:
        return bool(words) and sum(w.isascii() for w in words) >= len(words) / 2
    common = sum(1 for w in words if w in _ENGLISH)
    return common / len(words) >= 0.08


def extract(
    text: str,
    *,
    reference: Gazetteer | ReferenceData,
    published: dt.date | None = None,
    title: str | None = None,
    ner=None,
) -> Extraction:
    """Everything extraction finds in one article. ``ner`` is the statistical model
    (``ner.load_ner()``) or None for the rules alone. Never raises on odd input: an empty,
    foreign-language or off-subject text gives ``relevant=False`` and no statements or
    transfers."""
    gaz = reference if isinstance(reference, Gazetteer) else Gazetteer.build(reference)
    text = text or ""
    notes: list[str] = []
    if not text.strip():
        return Extraction(EXTRACTOR_VERSION, text, title, published, relevant=False, notes=("Empty text.",))
    doc = Doc.of(text, published)
    if not _is_english(doc.tokens.norm):
        return Extraction(EXTRACTOR_VERSION, text, title, published, sentences=tuple(doc.sentences), relevant=False,
                          notes=("The text does not read as English; nothing was extracted.",))
    parses = cue_sentences = None
    if ner is not None:
        # one pass of the model: the parse of the attribution sentences for the speech
        # finder, and the names of those and of the transfer sentences for the name finder
        speech_sentences = attribution_sentences(doc)
        parses = SentenceParses.of(ner, doc, wanted=speech_sentences)
        cue_sentences = speech_sentences | transfer_sentences(doc)
    founds = find_entities(doc, gaz, cue_sentences=cue_sentences, ner=parses)
    norm = doc.tokens.norm
    dates = find_dates(doc.plain, published, doc.windows(date_anchors(norm), 3, 7))
    quantities = find_quantities(doc.plain, doc.windows(quantity_anchors(norm), 3, 6))
    mentions = mentions_of(doc, founds)
    relevant = _relevant(doc, founds, gaz)
    statements, transfers = (), ()
    if relevant:
        found_statements, attribution_dates = find_statements(doc, gaz, founds, dates, parses)
        statements = _dates_carried(_without_nested(found_statements, gaz), text, dates)
        statements = _lede_dated(statements, text, dates, published)
        statements = tuple(_when_dated(statements, text, dates))
        content_dates = [d for d in dates if d.start not in attribution_dates]
        transfers = tuple(find_transfers(doc, gaz, founds, content_dates, quantities, found_statements, parses))
    else:
        notes.append("Nothing in the text concerns the DPRK's arms trade or its sanctions.")
    if published is None:
        notes.append("No publication date: relative dates are left unresolved.")
    return Extraction(
        version=EXTRACTOR_VERSION,
        text=text,
        title=title,
        published=published,
        sentences=tuple(doc.sentences),
        mentions=mentions,
        dates=tuple(dates),
        quantities=tuple(quantities),
        statements=statements,
        transfers=transfers,
        relevant=relevant,
        notes=tuple(notes),
    )


def _without_nested(statements: list, gaz: Gazetteer) -> list:
    """A reported clause inside another statement with the same stance ("Peskov said Moscow
    would not comment") is that statement, not a second one; not when another side speaks in
    it ("the JCS said the troops went to Kursk, where Ukrainian officials say ...")."""
    def side(s) -> str | None:
        target = gaz.targets_by_key.get(s.on_behalf_of_key or s.speaker_key or "")
        state = gaz.root_state(target) if target is not None else None
        return state.name if state is not None else s.on_behalf_of

    kept = []
    for b in statements:
        inner = b.quote.strip().rstrip(".").casefold()
        if not any(
            a is not b and a.stance == b.stance and a.start <= b.start and b.end <= a.end
            and inner and inner in a.quote.casefold() and len(a.quote) > len(b.quote)
            and (b.speaker is None or b.speaker == a.speaker)
            and (side(a) is None or side(b) is None or side(a) == side(b))
            for a in statements
        ):
            kept.append(b)
    return kept


# Words that put a statement before the occasion the article dates ("had said", "earlier").
_EARLIER_RE = re.compile(r"\b(?:had\s+(?:said|told|stated|warned|accused|claimed|denied|noted|added)|earlier|"
                         r"previously|(?:days|weeks|months|years)\s+after)\b", re.IGNORECASE)


def _originators(statement) -> tuple:
    return (statement.speaker_key or statement.speaker,) if statement.speaker else \
        tuple(statement.on_behalf_of_keys or (statement.on_behalf_of_key or statement.on_behalf_of,))


def _dates_carried(statements: list, text: str, dates) -> list:
    """A statement whose sentence gives no date was made on the occasion the article last
    dated for the same source: the briefing "Kirby told reporters on Wednesday" goes on
    "He added…", "Kirby also said…". The date is carried from the nearest earlier dated
    statement with the same speaker (or, for a body speaking without one, the same
    originators), unless its sentence names a date of its own or says earlier ("had said
    in July")."""
    dated_at = [d.start for d in dates]
    dated: dict[tuple, object] = {}
    out = []
    for statement in sorted(statements, key=lambda s: s.start):
        who = _originators(statement)
        if statement.date is None and who in dated and not _EARLIER_RE.search(text[statement.start:statement.end]) \
                and not _occasion_dated(statement, text, dated_at):
            source = dated[who]
            statement = dataclasses.replace(statement, date=source.date, date_precision=source.date_precision)
        elif statement.date is not None and all(who):
            dated[who] = statement
        if statement.speaker and statement.date is not None:
            # a person speaking for a body dates the body's statements of the same occasion
            body = tuple(statement.on_behalf_of_keys or (statement.on_behalf_of_key or statement.on_behalf_of,))
            if all(body):
                dated.setdefault(body, statement)
        out.append(statement)
    return out


_EVENT_RES = {event: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for event, words in lexicon.DATED_EVENTS.items()}


def _when_dated(statements: list, text: str, dates) -> list:
    """A statement made "when" an event happened ("When Russia invaded Ukraine, North Korea
    ... blaming the US") is dated by the date the article gives that event elsewhere ("since
    the invasion began, in February 2022"), if it gives one date for it."""
    out = list(statements)
    for k, statement in enumerate(out):
        if statement.date is not None:
            continue
        said = _quote_span(statement, text)
        lead = text[statement.start:said[0] if said[0] > statement.start else statement.end]
        for event, pattern in _EVENT_RES.items():
            when = re.search(r"(?i)\bwhen\s+[^,.;]{0,40}$", lead[:m.start()]) if (m := pattern.search(lead)) else None
            if when is None:
                continue
            found = {(d.value, d.precision) for d in dates if d.value is not None and d.precision != "year"
                     and pattern.search(text, max(0, d.start - 40), d.start)
                     and not re.search(r"[.;]", text[max(0, d.start - 40):d.start])}
            if len(found) == 1:
                value, precision = next(iter(found))
                out[k] = dataclasses.replace(statement, date=value, date_precision=precision)
            break
    return out


def _lede_dated(statements: list, text: str, dates, published: dt.date | None) -> list:
    """A source's first statement, undated, tells what the article dates further on: "Britain's
    defence ministry has said it is almost certain ..." then "..., the ministry said in a post
    on Thursday". It takes the one recent day on which the article dates that source's
    other statements: only when they are all dated that day, within a week before the
    article (the news it reports, not background from earlier months)."""
    if published is None:
        return statements
    dated_at = [d.start for d in dates]
    out = list(statements)
    seen: set[tuple] = set()
    for k, statement in enumerate(out):
        who = _originators(statement)
        if who in seen or not all(who):
            continue
        seen.add(who)
        if statement.date is not None or _EARLIER_RE.search(text[statement.start:statement.end]):
            continue
        if _occasion_dated(statement, text, dated_at):
            continue
        days = {(s.date, s.date_precision) for s in out[k + 1:] if _originators(s) == who and s.date is not None}
        if len(days) != 1:
            continue
        day, precision = next(iter(days))
        if precision == "day" and dt.timedelta(0) <= published - day <= dt.timedelta(days=7):
            out[k] = dataclasses.replace(statement, date=day, date_precision=precision)
    return out


def _occasion_dated(statement, text: str, dated_at: list[int]) -> bool:
    """A date stands in the statement's sentences outside the words said: the article dates
    this act of speech itself, so none is carried to it."""
    said = _quote_span(statement, text)
    return any(statement.start <= at < statement.end and not said[0] <= at < said[1] for at in dated_at)


def _quote_span(statement, text: str) -> tuple[int, int]:
    """Where the words said are in the statement's sentences ((0, 0) if not found as
    written): a date inside them is what they are about ("supplied rockets last year"),
    not an occasion of saying them."""
    head = statement.quote.split(" … ")[0][:60]
    at = text.find(head, statement.start, statement.end) if head else -1
    if at < 0:
        return 0, 0
    tail = statement.quote.split(" … ")[-1][-60:]
    end = text.find(tail, at, statement.end)
    return at, (end + len(tail)) if end >= 0 else at + len(head)


def _relevant(doc: Doc, founds, gaz: Gazetteer) -> bool:
    dprk = any(
        (f.target is not None and (f.target.country == "KP" or f.target.state_key and
                                   gaz.targets_by_key.get(f.target.state_key, None) is not None and
                                   gaz.targets_by_key[f.target.state_key].country == "KP"))
        or f.category == RESOLUTION
        for f in founds
    )
    return dprk and bool(_SUBJECT_RE.search(doc.plain))


def _unique(values) -> list:
    seen = set()
    out = []
    for v in values:
        if v is not None and v not in seen:
            seen.add(v)
            out.append(v)
    return out


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def extraction_to_json(extraction: Extraction, *, source: str) -> dict:
    """The JSON view of one extraction (the ``extract`` command's output)."""
    people: dict[str, dict] = {}
    for m in extraction.mentions:
        if m.category != PERSON:
            continue
        entry = people.setdefault(m.name, {"name": m.name, "role": None, "affiliation": None})
        if entry["role"] is None and m.role:
            entry["role"] = m.role
        if entry["affiliation"] is None and m.affiliation:
            entry["affiliation"] = m.affiliation

    def names(category: str) -> list[str]:
        # A capital standing for its state ("Seoul warned") links the state but does not name it.
        return _unique(m.name for m in extraction.mentions if m.category == category and m.method != METONYM)

    statements = []
    for s in extraction.statements:
        statements.append({
            "speaker": s.speaker,
            "on_behalf_of": s.on_behalf_of,
            "stance": s.stance,
            "reporting_verb": s.cue,
            "probability_term": s.probability_term,
            "date": _day(s.date),
            "quote": s.quote,
            "span": [s.start, s.end],
        })
    transfers = []
    for t in extraction.transfers:
        period = None
        if t.period_start or t.period_end:
            period = {"start": _day(t.period_start), "end": _day(t.period_end)}
        transfers.append({
            "from": t.supplier,
            "to": t.recipient,
            "route": list(t.route),
            "modes": [leg.mode for leg in t.legs],
            "vessels": _unique(leg.vessel for leg in t.legs),
            "items": list(t.items),
            "quantity": t.quantity,
            "period": period,
            "status_claimed": t.status_claimed,
        })
    return {
        "source": source,
        "title": extraction.title,
        "published": _day(extraction.published),
        "entities": {
            "people": list(people.values()),
            "organizations": names(ORGANIZATION),
            "countries": names(COUNTRY),
            "places": names(PLACE),
            "vessels": names(VESSEL),
            "resolutions": names(RESOLUTION),
        },
        "statements": statements,
        "transfers": transfers,
    }
