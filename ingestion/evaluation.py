"""Scoring extraction against hand annotations ("gold"), field by field.

Pure: gold dicts (the ``extract --format json`` schema, as described in the gold folders'
conventions), the article text, an ``Extraction`` or its JSON view, and the gazetteer in;
counts out. ``evaluate_extraction`` (the command) reads the files and runs extraction.

Every rule of the scoring lives in this module:

Names. Two names are the same when they resolve to the same key. A name resolves, in
order: through the gold file's ``aliases`` map (a gold spelling to the name the reference
data knows; applied to both sides); to ``resolution:<number>`` when it names one numbered
UN resolution ("UNSCR 2270", "resolution 2270 (2016)"); to the reference key (or the
built-in name) the gazetteer gives that spelling, so "North Korea" = "DPRK" and "Najin" =
"Rajin (Najin) port", and a state's government is the state ("Government of the Republic of
Korea" = "South Korea"); for a name of one state and a body type ("ministry of national
defense", "embassy"), to that state's body, wherever it sits: "Republic of Korea Ministry of
National Defense" = "South Korean Defense Ministry", "Russian Embassy in Washington" =
"Russian Embassy"; to a reference person by an unambiguous surname ("Lavrov"); else to
the name itself, normalised: case, a leading "the", possessives ("Russia's"), punctuation
and British spellings do not count.

Counts. Each field counts gold items, predicted items and matched items: precision =
matched / predicted, recall = matched / gold, F1 = 2 * matched / (gold + predicted).
A figure with nothing to divide by (no prediction, no gold) is None: not measured.
Figures over a folder add the counts of its articles (micro-average).

Entities. Per category (people, organizations, countries, places, vessels, resolutions),
the set of resolved names in the gold against the set predicted (a name listed twice counts
once); a name in the wrong category is a miss in one and a false positive in the other.
A resolution reference that names no numbered resolution ("the UN arms embargo", "Security
Council resolutions", a placeholder such as "UN Security Council resolutions (unresolved)")
counts as one item per article, "an unresolved reference": annotators and extraction word
such references differently, and what the record needs is that it is kept, not dropped.
``entities`` adds the six categories.

Statements. A gold statement is located by its ``quote`` in the text extraction read
(whitespace may differ; a quote the .txt does not contain is an error of the gold file; a
quote only in the headline or a line cleaning dropped is a statement extraction cannot find,
so a miss). A predicted statement can match a gold one when its span overlaps the quote.
Pairs are taken greedily, best first: right attribution and stance, then right attribution,
then the larger overlap, then the tighter predicted span, then text order; each gold and
each predicted statement is matched at most once.
  * statements: matched pairs (a statement found where the gold has one, whoever it is
    attributed to).
  * attribution: matched pairs whose originators are right. The originators are the
    ``on_behalf_of`` names (comma-joined for a joint statement: the sets must be equal; a
    known name with a comma in it is one name); when
    the gold names only a speaker, the speaker is compared (the prediction's speaker, or its
    ``on_behalf_of`` when it names no speaker); when the gold names a body, the prediction's
    ``on_behalf_of`` (or its speaker when it names no body). A gold list means "any of these".
  * stance: matched pairs with the right attribution AND the gold stance (one of the
    record's stances, ``compliance.choices.Stance``; any other is an error of the gold file).

Transfers. Each transfer has slots: its supplier (``from``), its recipient (``to``) and
each distinct place of its ``route`` (order and modes are not scored). A gold ``from`` or
``to`` may be a list: any of them fills the slot. Predicted transfers are aligned with gold
ones greedily, best first by the number of slots they share (then the same claimed status,
then the nearer in the two lists' order); each is aligned at most once, and a pair sharing no slot is not aligned.
Matched slots are the shared slots of aligned pairs; every slot of an unaligned transfer is a
miss (gold) or a false positive (predicted).

Floors. ``FIELD=VALUE`` or ``FIELD.MEASURE=VALUE`` (MEASURE: precision, recall, f1; f1 when
left out). A figure below its floor, or not measured, fails.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from compliance.choices import Stance
from ingestion.extraction import extraction_to_json
from ingestion.extraction.gazetteer import Gazetteer, Target, body_type
from ingestion.extraction.text import Tokens, name_key, plain
from ingestion.extraction.types import COUNTRY, Extraction

ENTITY_CATEGORIES = ("people", "organizations", "countries", "places", "vessels", "resolutions")
STATEMENT_FIELDS = ("statements", "attribution", "stance")
FIELDS = ("entities", *ENTITY_CATEGORIES, *STATEMENT_FIELDS, "transfers")
MEASURES = ("precision", "recall", "f1")
STANCES = frozenset(Stance.values)


class GoldError(ValueError):
    """A gold file that cannot be scored; the message names the file and what is wrong."""


# ---------------------------------------------------------------------------- counts
@dataclass(frozen=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.gold + other.gold, self.predicted + other.predicted, self.matched + other.matched)

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        total = self.gold + self.predicted
        return 2 * self.matched / total if total else None

    def measure(self, name: str) -> float | None:
        return getattr(self, name)

    def as_dict(self) -> dict:
        figures = {m: None if self.measure(m) is None else round(self.measure(m), 4) for m in MEASURES}
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched, **figures}


def counts_total(many: Iterable[Mapping[str, Counts]]) -> dict[str, Counts]:
    """Figures of a folder: the counts of its articles added up, field by field."""
    total = {f: Counts() for f in FIELDS}
    for counts in many:
        for f in FIELDS:
            total[f] = total[f] + counts[f]
    return total


# ---------------------------------------------------------------------------- names
_POSSESSIVE_RE = re.compile(r"(?<=\w)'s?\b", re.IGNORECASE)
_RESOLUTION_RE = re.compile(r"\b(?:unscr|resolutions?)\b", re.IGNORECASE)
_NUMBER_RE = re.compile(r"(?<![\d(])\d{3,4}(?![\d)])")


def _without_the(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tokens[1:] if len(tokens) > 1 and tokens[0] == "the" else tokens


def normal_name(name: str) -> str:
    """A name with case, a leading "the", possessives, punctuation and spelling variants
    taken out: "the Kremlin's" -> "kremlin"."""
    return " ".join(_without_the(name_key(_POSSESSIVE_RE.sub("", plain(name)))))


_LOCATION_RE = re.compile(r"\s+(?:in|at)\s+", re.IGNORECASE)


@dataclass
class Names:
    """Resolves names to comparable keys for one gold file (its ``aliases`` and the gazetteer)."""

    gazetteer: Gazetteer | None = None
    aliases: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._aliases = {normal_name(k): v for k, v in self.aliases.items()}
        self._cache: dict[str, str] = {}

    def key(self, name: str) -> str:
        found = self._cache.get(name)
        if found is None:
            found = self._cache[name] = self._resolve(name)
        return found

    def keys(self, names: Iterable[str]) -> frozenset[str]:
        return frozenset(self.key(n) for n in names)

    def originators(self, value: str) -> frozenset[str]:
        """The keys of everyone a statement is made for: one name, or a joint statement's
        names joined by commas. A name with a comma in it that the gold's aliases or the
        gazetteer know stays whole ("Foreign, Commonwealth and Development Office")."""
        if "," in value and normal_name(value) not in self._aliases and self._known(value) is None:
            return self.keys(part.strip() for part in value.split(",") if part.strip())
        return frozenset((self.key(value),))

    def _unaliased(self, name: str) -> str:
        seen = set()
        while normal_name(name) in self._aliases and normal_name(name) not in seen:
            seen.add(normal_name(name))
            name = self._aliases[normal_name(name)]
        return name

    def _known(self, name: str) -> str | None:
        """The key of a numbered resolution or of a spelling the gazetteer knows."""
        if _RESOLUTION_RE.search(name):
            numbers = _NUMBER_RE.findall(name)
            if len(numbers) == 1:
                return f"resolution:{numbers[0]}"
        if self.gazetteer is None:
            return None
        raw = name_key(plain(name))
        for tokens in dict.fromkeys((raw, _without_the(raw), tuple(normal_name(name).split()))):
            forms = self.gazetteer.index.get(tokens)
            if forms:
                return self._target_key(forms[0].target)
        return None

    def _resolve(self, name: str) -> str:
        name = self._unaliased(name)
        found = self._known(name)
        if found is None and self.gazetteer is not None:
            found = self._state_body(name)
            tokens = normal_name(name).split()
            if found is None and len(tokens) == 1 and tokens[0] in self.gazetteer.surnames:
                found = self._target_key(self.gazetteer.surnames[tokens[0]])
        return found or f"name:{normal_name(name)}"

    def _state_body(self, name: str) -> str | None:
        """The key of a state's body, for a name that names one state and contains a body
        type: the body the gazetteer knows, else the state and the type, as extraction names a
        body the record lacks ("Republic of Korea Ministry of National Defense" = "South Korean
        Defense Ministry"). Where the body sits is not whose it is: "Russian Embassy in
        Washington" = "Russian Embassy". None when the name names no state or several."""
        owner = _LOCATION_RE.split(plain(name), maxsplit=1)[0]
        kind = body_type(owner)
        if not kind:
            return None
        states = {state for hit in self.gazetteer.match(owner, Tokens.of(owner))
                  if (hit.target.category == COUNTRY or hit.kind == "metonym")
                  and (state := self.gazetteer.root_state(hit.target)) is not None}
        if len(states) != 1:
            return None
        state = states.pop()
        known = self.gazetteer.body_of(state, kind)
        if known is not None:
            return self._target_key(known)
        return self._target_key(state) if kind == "government" else f"body:{normal_name(state.name)}:{kind}"

    def _target_key(self, target: Target) -> str:
        """A state's government speaks for the state: "South Korean government" = "Republic of Korea"."""
        if target.body == "government" and target.state:
            state = self.gazetteer.states_by_name.get(target.state)
            if state is not None:
                target = state
        return target.key or f"name:{normal_name(target.name)}"


# ---------------------------------------------------------------------------- gold
@dataclass(frozen=True)
class GoldStatement:
    quote: str
    speaker: str | None
    on_behalf_of: tuple[str, ...]  # accepted answers, each a name or a joint statement's names
    stance: str


@dataclass(frozen=True)
class GoldTransfer:
    supplier: tuple[str, ...]  # accepted answers (empty: not given)
    recipient: tuple[str, ...]
    route: tuple[str, ...]
    status: str | None


@dataclass(frozen=True)
class Gold:
    source: str  # the gold file, for messages
    text: str  # the annotated .txt
    published: dt.date | None
    entities: Mapping[str, tuple[str, ...]]
    statements: tuple[GoldStatement, ...]
    transfers: tuple[GoldTransfer, ...]
    aliases: Mapping[str, str]


def _strings(value, what: str, source: str) -> tuple[str, ...]:
    """A name, or a list of names (any of them), as a tuple; None or "" as ()."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value.strip(),)
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    raise GoldError(f"{source}: {what} must be a name or a list of names, not {json.dumps(value)[:80]}.")


def gold_parse(data, *, text: str, source: str) -> Gold:
    """Check one gold annotation against its text. Raises GoldError naming ``source`` and
    the item at fault (a quote the text does not contain, an unknown stance, a malformed field)."""
    if not isinstance(data, dict):
        raise GoldError(f"{source}: expected a JSON object, found {type(data).__name__}.")
    published = None
    if data.get("published"):
        try:
            published = dt.date.fromisoformat(str(data["published"]))
        except ValueError:
            raise GoldError(f"{source}: published {data['published']!r} is not a date (YYYY-MM-DD).") from None

    raw_entities = data.get("entities") or {}
    if not isinstance(raw_entities, dict):
        raise GoldError(f"{source}: entities must be an object with the categories {', '.join(ENTITY_CATEGORIES)}.")
    unknown = sorted(set(raw_entities) - set(ENTITY_CATEGORIES))
    if unknown:
        raise GoldError(f"{source}: unknown entity categor{'ies' if len(unknown) > 1 else 'y'} "
                        f"{', '.join(unknown)} (expected {', '.join(ENTITY_CATEGORIES)}).")
    entities: dict[str, tuple[str, ...]] = {}
    for category in ENTITY_CATEGORIES:
        values = raw_entities.get(category) or []
        if not isinstance(values, list):
            raise GoldError(f"{source}: entities.{category} must be a list.")
        names = []
        for value in values:
            name = value.get("name") if isinstance(value, dict) else value
            if not isinstance(name, str) or not name.strip():
                raise GoldError(f"{source}: entities.{category} has an entry without a name: {json.dumps(value)[:80]}.")
            names.append(name.strip())
        entities[category] = tuple(names)

    statements = []
    for n, s in enumerate(data.get("statements") or [], start=1):
        where = f"{source}: statement {n}"
        if not isinstance(s, dict):
            raise GoldError(f"{where} is not an object.")
        quote = s.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            raise GoldError(f"{where} has no quote.")
        if quote not in text:
            raise GoldError(f"{where}: quote not found in the article text: {quote[:100]!r}.")
        stance = s.get("stance")
        if stance not in STANCES:
            raise GoldError(f"{where}: unknown stance {stance!r} (expected one of {', '.join(sorted(STANCES))}).")
        speaker = _strings(s.get("speaker"), "speaker", where)
        if len(speaker) > 1:
            raise GoldError(f"{where}: speaker must be one name.")
        behalf = _strings(s.get("on_behalf_of"), "on_behalf_of", where)
        if not behalf and not speaker:
            raise GoldError(f"{where} names neither a speaker nor on_behalf_of.")
        statements.append(GoldStatement(
            quote=quote, speaker=speaker[0] if speaker else None,
            on_behalf_of=behalf, stance=stance,
        ))

    transfers = []
    for n, t in enumerate(data.get("transfers") or [], start=1):
        where = f"{source}: transfer {n}"
        if not isinstance(t, dict):
            raise GoldError(f"{where} is not an object.")
        route = t.get("route") or []
        if not isinstance(route, list) or not all(isinstance(p, str) and p.strip() for p in route):
            raise GoldError(f"{where}: route must be a list of place names.")
        transfers.append(GoldTransfer(
            supplier=_strings(t.get("from"), "from", where), recipient=_strings(t.get("to"), "to", where),
            route=tuple(p.strip() for p in route), status=t.get("status_claimed"),
        ))

    aliases = data.get("aliases") or {}
    if not isinstance(aliases, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in aliases.items()):
        raise GoldError(f"{source}: aliases must map names to names.")
    return Gold(source, text, published, entities, tuple(statements), tuple(transfers), aliases)


def quote_locate(quote: str, text: str) -> tuple[int, int] | None:
    """Where a gold quote is in the text extraction read (first occurrence; runs of
    whitespace may differ, as cleaning collapses them)."""
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    found = re.search(pattern, text)
    return (found.start(), found.end()) if found else None


# ---------------------------------------------------------------------------- scoring
@dataclass(frozen=True)
class Finding:
    """One thing a developer should look at: a gold item ``missed``, a predicted item that is
    ``extra`` (a false positive), or a pair matched but ``wrong`` in the field's terms."""

    field: str
    kind: str  # "missed" | "extra" | "wrong"
    text: str


@dataclass(frozen=True)
class ArticleScore:
    name: str
    counts: Mapping[str, Counts]
    findings: tuple[Finding, ...] = ()


def _predicted_json(predicted: Extraction | Mapping) -> Mapping:
    return extraction_to_json(predicted, source="") if isinstance(predicted, Extraction) else predicted


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def article_score(gold: Gold, predicted: Extraction | Mapping, *, gazetteer: Gazetteer | None,
                  text: str | None = None, name: str = "") -> ArticleScore:
    """Score one article. ``text`` is the text the predicted spans point into (an
    Extraction's own text by default, else the gold's text)."""
    if text is None:
        text = predicted.text if isinstance(predicted, Extraction) else gold.text
    data = _predicted_json(predicted)
    names = Names(gazetteer, gold.aliases)
    counts: dict[str, Counts] = {}
    findings: list[Finding] = []
    _score_entities(gold, data.get("entities") or {}, names, counts, findings)
    _score_statements(gold, data.get("statements") or [], text, names, counts, findings)
    _score_transfers(gold, data.get("transfers") or [], names, counts, findings)
    return ArticleScore(name, counts, tuple(findings))


UNRESOLVED_RESOLUTION = "resolution:unresolved"


def _entity_key(names: Names, category: str, name: str) -> str:
    key = names.key(name)
    if category == "resolutions" and not key.startswith("resolution:"):
        return UNRESOLVED_RESOLUTION
    return key


def _score_entities(gold: Gold, predicted: Mapping, names: Names, counts: dict, findings: list) -> None:
    total = Counts()
    for category in ENTITY_CATEGORIES:
        gold_names: dict[str, str] = {}
        for name in gold.entities[category]:
            gold_names.setdefault(_entity_key(names, category, name), name)
        found: dict[str, str] = {}
        for value in predicted.get(category) or []:
            value = value.get("name") if isinstance(value, dict) else value
            if value:
                found.setdefault(_entity_key(names, category, value), value)
        both = gold_names.keys() & found.keys()
        counts[category] = Counts(len(gold_names), len(found), len(both))
        total = total + counts[category]
        findings += [Finding(category, "missed", gold_names[k]) for k in gold_names if k not in both]
        findings += [Finding(category, "extra", found[k]) for k in found if k not in both]
    counts["entities"] = total


def _attribution_ok(g: GoldStatement, p: Mapping, names: Names) -> bool:
    speaker, behalf = p.get("speaker"), p.get("on_behalf_of")
    said_for = (behalf or speaker) if g.on_behalf_of else (speaker or behalf)
    accepted = [names.originators(a) for a in g.on_behalf_of] or [names.originators(g.speaker)]
    return bool(said_for) and names.originators(said_for) in accepted


def _gold_who(g: GoldStatement) -> str:
    body = " or ".join(g.on_behalf_of)
    return f"{g.speaker} for {body}" if g.speaker and body else g.speaker or body


def _predicted_who(p: Mapping) -> str:
    speaker, body = p.get("speaker"), p.get("on_behalf_of")
    return f"{speaker} for {body}" if speaker and body else speaker or body or "(nobody)"


def _score_statements(gold: Gold, predicted: Sequence[Mapping], text: str, names: Names,
                      counts: dict, findings: list) -> None:
    located = [quote_locate(g.quote, text) for g in gold.statements]
    candidates = []
    for gi, (g, at) in enumerate(zip(gold.statements, located)):
        if at is None:
            continue
        for pi, p in enumerate(predicted):
            span = p.get("span")
            if not span or span[0] >= at[1] or at[0] >= span[1]:
                continue
            attribution = _attribution_ok(g, p, names)
            stance = attribution and p.get("stance") == g.stance
            overlap = min(at[1], span[1]) - max(at[0], span[0])
            candidates.append(((stance, attribution, overlap, -(span[1] - span[0]), -gi, -pi), gi, pi))
    pairs: dict[int, tuple[int, bool, bool]] = {}
    taken: set[int] = set()
    for (stance, attribution, *_), gi, pi in sorted(candidates, reverse=True):
        if gi in pairs or pi in taken:
            continue
        pairs[gi] = (pi, attribution, stance)
        taken.add(pi)

    n_gold, n_pred = len(gold.statements), len(predicted)
    counts["statements"] = Counts(n_gold, n_pred, len(pairs))
    counts["attribution"] = Counts(n_gold, n_pred, sum(a for _, a, _ in pairs.values()))
    counts["stance"] = Counts(n_gold, n_pred, sum(s for _, _, s in pairs.values()))

    for gi, g in enumerate(gold.statements):
        expected = f"{_gold_who(g)}, {g.stance}: “{_short(g.quote)}”"
        if gi not in pairs:
            where = "" if located[gi] is not None else " (not in the text extraction reads: headline or a dropped line)"
            findings.append(Finding("statements", "missed", expected + where))
            continue
        p = predicted[pairs[gi][0]]
        _, attribution, stance = pairs[gi]
        if not attribution:
            findings.append(Finding("attribution", "wrong",
                                    f"{expected} — found {_predicted_who(p)}, {p.get('stance')}"))
        elif not stance:
            findings.append(Finding("stance", "wrong", f"{expected} — found {p.get('stance')}"))
    for pi, p in enumerate(predicted):
        if pi not in taken:
            findings.append(Finding("statements", "extra",
                                    f"{_predicted_who(p)}, {p.get('stance')}: “{_short(p.get('quote') or '')}”"))


@dataclass(frozen=True)
class _Slots:
    supplier: frozenset[str]  # accepted keys; empty: slot not given
    recipient: frozenset[str]
    route: frozenset[str]

    @property
    def size(self) -> int:
        return bool(self.supplier) + bool(self.recipient) + len(self.route)


def _shared(g: _Slots, p: _Slots) -> int:
    """Slots a predicted transfer fills right: a predicted slot holds one key."""
    return (bool(p.supplier & g.supplier) + bool(p.recipient & g.recipient) + len(p.route & g.route))


def _transfer_text(supplier: Sequence[str], recipient: Sequence[str], route: Sequence[str],
                   status: str | None) -> str:
    via = f" via {' → '.join(route)}" if route else ""
    return f"{' or '.join(supplier) or '?'} → {' or '.join(recipient) or '?'}{via} ({status or 'no status'})"


def _score_transfers(gold: Gold, predicted: Sequence[Mapping], names: Names, counts: dict, findings: list) -> None:
    def one(value) -> tuple[str, ...]:
        return (value,) if value else ()

    gold_slots = [_Slots(names.keys(t.supplier), names.keys(t.recipient), names.keys(t.route)) for t in gold.transfers]
    pred_slots = [_Slots(names.keys(one(p.get("from"))), names.keys(one(p.get("to"))), names.keys(p.get("route") or ()))
                  for p in predicted]
    candidates = []
    for gi, g in enumerate(gold_slots):
        for pi, p in enumerate(pred_slots):
            shared = _shared(g, p)
            if shared:
                same_status = gold.transfers[gi].status == predicted[pi].get("status_claimed")
                candidates.append(((shared, same_status, -abs(gi - pi), -gi, -pi), gi, pi))
    pairs: dict[int, int] = {}
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi not in pairs and pi not in pairs.values():
            pairs[gi] = pi
    counts["transfers"] = Counts(sum(g.size for g in gold_slots), sum(p.size for p in pred_slots),
                                 sum(_shared(gold_slots[gi], pred_slots[pi]) for gi, pi in pairs.items()))

    for gi, t in enumerate(gold.transfers):
        expected = _transfer_text(t.supplier, t.recipient, t.route, t.status)
        if gi not in pairs:
            findings.append(Finding("transfers", "missed", expected))
            continue
        g, p, raw = gold_slots[gi], pred_slots[pairs[gi]], predicted[pairs[gi]]
        found = _transfer_text(one(raw.get("from")), one(raw.get("to")), raw.get("route") or (), raw.get("status_claimed"))
        wrong = []
        if g.supplier and not p.supplier & g.supplier:
            wrong.append("supplier")
        if g.recipient and not p.recipient & g.recipient:
            wrong.append("recipient")
        missing = [place for place in t.route if names.key(place) not in p.route]
        extra = [place for place in raw.get("route") or () if names.key(place) not in g.route]
        if missing:
            wrong.append("route missing " + ", ".join(missing))
        if extra:
            wrong.append("route extra " + ", ".join(extra))
        if (p.supplier and not g.supplier) or (p.recipient and not g.recipient):
            wrong.append("a party the gold leaves open")
        if wrong:
            findings.append(Finding("transfers", "wrong", f"{expected} — found {found}: {'; '.join(wrong)}"))
    aligned = set(pairs.values())
    for pi, raw in enumerate(predicted):
        if pi not in aligned:
            findings.append(Finding("transfers", "extra", _transfer_text(
                one(raw.get("from")), one(raw.get("to")), raw.get("route") or (), raw.get("status_claimed"))))


# ---------------------------------------------------------------------------- floors
@dataclass(frozen=True)
class Floor:
    field: str
    measure: str
    value: float

    @property
    def label(self) -> str:
        return self.field if self.measure == "f1" else f"{self.field}.{self.measure}"


def floor_parse(spec: str) -> Floor:
    """``attribution=0.85`` (F1) or ``transfers.recall=0.4``. Raises ValueError with a clear message."""
    target, sep, number = spec.partition("=")
    name, _, measure = target.strip().partition(".")
    measure = measure or "f1"
    if not sep or name not in FIELDS or measure not in MEASURES:
        raise ValueError(f"{spec!r}: expected FIELD=VALUE or FIELD.MEASURE=VALUE with FIELD one of "
                         f"{', '.join(FIELDS)} and MEASURE one of {', '.join(MEASURES)}.")
    try:
        value = float(number)
    except ValueError:
        raise ValueError(f"{spec!r}: {number.strip()!r} is not a number.") from None
    if not 0 <= value <= 1:
        raise ValueError(f"{spec!r}: a floor is between 0 and 1.")
    return Floor(name, measure, value)


def floors_failed(figures: Mapping[str, Counts], floors: Iterable[Floor]) -> list[str]:
    """What falls below its floor, one line each (empty: every floor is met)."""
    failed = []
    for floor in floors:
        value = figures[floor.field].measure(floor.measure)
        if value is None:
            failed.append(f"{floor.label} is not measured (no gold or predicted items), floor {floor.value:.2f}")
        elif value < floor.value:
            failed.append(f"{floor.label} = {value:.3f} is below its floor {floor.value:.2f}")
    return failed
