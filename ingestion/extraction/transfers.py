"""Transfer details: supplier, recipient, items, quantity, period, route legs and the
status the sources claim.

A transfer sentence has a transfer cue (a verb such as "supplied", "shipped", "relying on",
"acquire", or a noun such as "deliveries", "arms deal") and something transferred (an item
word such as "munitions", "artillery shells", or a quantity). Its parties are states (a
capital or an epithet stands for its state: "Pyongyang has supplied ... to Russia"), the
bodies of states (counted as their state) and armed groups; "from X" makes X the supplier,
"to/into X" the recipient, "for use by X" the end user, and the subject supplies with an
outgoing verb and receives with an incoming one. Sentences that only add details ("the
equipment was exported via sea and rail to a supply depot near Tikhoretsk", "the transfer
took place between September 7 and October 1") are attached to the transfer before them.
Denials are not claims of transfer and are skipped.

The record tracks sanctions on the DPRK: a transfer is kept when the DPRK is a party."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compliance.choices import Bearing, ItemCategory
from compliance.stances import STANCES

from . import lexicon
from .document import Doc
from .entities import Found
from .gazetteer import Gazetteer, Target
from .types import (
    COUNTRY,
    ORGANIZATION,
    PERSON,
    PLACE,
    VESSEL,
    DateMention,
    LegCandidate,
    Quantity,
    StatementCandidate,
    TransferCandidate,
)

SCOPE_COUNTRY = "KP"

# Transfer cues, as words (and the word after them, for "arms deals", "rely on", "hand over").
_OUT_WORDS = frozenset("""
supply supplies supplied supplying provide provides provided providing send sends sent sending shipped shipping
deliver delivers delivered delivering export exports exported exporting transfer transfers transferred
transferring sell sells selling sold funnel funnels funneled funnelled funneling funnelling smuggle smuggles
smuggled smuggling give gives gave given moved moving transport transports transported transporting dispatch
dispatches dispatched dispatching deploy deploys deployed deploying
""".split())
_IN_WORDS = frozenset("""
receive receives received receiving acquire acquires acquired acquiring buy buys buying bought purchase purchases
purchased purchasing obtain obtains obtained obtaining import imports imported importing procure procures procured
procuring seek seeks seeking sought negotiate negotiates negotiated negotiating source sources sourced reach reaches
reached arrive arrives arrived arriving
""".split())
_NOUN_WORDS = frozenset({"delivery", "deliveries", "shipment", "shipments", "deal", "deals"})
# Items used in combat ("missiles had been fired at Ukrainian cities"): a claim that they were delivered and used.
_USE_WORDS = frozenset({"fired", "launched", "used"})
_IN_PAIRS = {
    **{w: "on" for w in ("rely", "relies", "relied", "relying")},
    **{w: "to" for w in ("turn", "turns", "turned", "turning")},
    **{w: "for" for w in ("ask", "asks", "asked", "asking")},
}
_OUT_PAIRS = {w: "over" for w in ("hand", "hands", "handed", "handing")}
_NOUN_PAIRS = {
    "arms": frozenset("deal deals sale sales trade negotiations transfer transfers purchases supplies shipment "
                      "shipments export exports import imports".split()),
    "weapons": frozenset("deal deals transfer transfers shipment shipments supplies export exports".split()),
    "supply": frozenset({"of"}),
    "provision": frozenset({"of"}),
}


_CUE_FIRST_WORDS = frozenset({*_OUT_WORDS, *_IN_WORDS, *_NOUN_WORDS, *_IN_PAIRS, *_OUT_PAIRS, *_NOUN_PAIRS,
                              "fired", "launched", "used"})


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    text: str
    kind: str  # "out" | "in" | "noun"


def _cues_in(doc: Doc, s_idx: int) -> list[_Cue]:
    """The transfer cues of a sentence, in order."""
    out: list[_Cue] = []
    if doc.sentence_words[s_idx].isdisjoint(_CUE_FIRST_WORDS):
        return out
    tokens = doc.tokens
    norm = tokens.norm
    span = doc.sentence_tokens[s_idx]
    stop = span.stop
    consumed = span.start
    for i in [k for k in span if norm[k] in _CUE_FIRST_WORDS]:
        if i < consumed:
            continue
        w = norm[i]
        nxt = norm[i + 1] if i + 1 < stop else ""
        kind = None
        width = 1
        if w in _NOUN_PAIRS and nxt in _NOUN_PAIRS[w]:
            kind, width = "noun", 2
        elif w in _IN_PAIRS and nxt == _IN_PAIRS[w]:
            kind, width = "in", 2
        elif w in _OUT_PAIRS and nxt == _OUT_PAIRS[w]:
            kind, width = "out", 2
        elif w in _OUT_WORDS:
            kind = "out"
        elif w in _IN_WORDS:
            kind = "in"
        elif w in _NOUN_WORDS:
            kind = "noun"
        elif w in _USE_WORDS:
            kind = "use"
        if kind is not None:
            start, end = tokens.starts[i], tokens.ends[i + width - 1]
            out.append(_Cue(start, end, doc.plain[start:end], kind))
            consumed = i + width
    return out


_ITEM_MODS = (r"military|infantry|artillery|ballistic|cruise|short-range|long-range|close-range|conventional|"
              r"soviet-era|soviet-made|anti-tank|anti-aircraft|air-defen[cs]e|small|light|heavy|large-calib(?:re|er)|"
              r"\d+\s?mm|\d+-millimet(?:er|re)|multiple|rocket|mortar|guided|unguided|raw|spare|tank|assault|"
              r"self-propelled|[a-z]+-made|kn-\d+|hwasong-\d+\w*|surface-to-air|"
              r"advanced|modern|sensitive|satellite|space|nuclear|missile")
_HEAD_RE = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(h.lower()) for h in lexicon.ITEM_HEADS), key=len, reverse=True)) + r")\b",
)
# Words that must be in a sentence for it to name something transferred.
_ITEM_WORDS = frozenset(w.lower() for h in lexicon.ITEM_HEADS for w in h.split()) | {"containers"}
_DETAIL_WORDS = frozenset({
    "via", "by", "shipped", "transfer", "transfers", "shipment", "shipments", "equipment", "weapons", "munitions",
    "containers", "cargo", "arms", "deliveries", "ammunition", "shells", "missiles", "rockets", "consignment",
    "consignments",
})


@dataclass(frozen=True, slots=True)
class _Item:
    """An item named in the text, with its modifiers ("Soviet-era ammunition")."""

    start: int
    end: int
    text: str



_MOD_WORD_RE = re.compile(rf"(?:{_ITEM_MODS})")


def _items(doc: Doc, lo: int, hi: int) -> list[_Item]:
    out = []
    lower = doc.lower
    for m in _HEAD_RE.finditer(lower, lo, hi):
        start = m.start()
        # up to two modifiers before the head ("Soviet-era ammunition", "infantry rockets")
        for _ in range(2):
            gap_start = start
            while gap_start > lo and lower[gap_start - 1] == " ":
                gap_start -= 1
            if gap_start == start:
                break
            word_start = lower.rfind(" ", lo, gap_start) + 1
            word_start = max(word_start, lo)
            if not _MOD_WORD_RE.fullmatch(lower, word_start, gap_start):
                break
            start = word_start
        out.append(_Item(start, m.end(), doc.plain[start:m.end()]))
    return out
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:would|could|may|might|possible|possibly|potential(?:ly)?|plans?|planning|planned|seeks?|seeking|"
    r"consider(?:s|ing)?|expected|negotiat\w+|talks|discuss\w*|deals?|ask(?:s|ed|ing)?|offer\w*|intend\w*|"
    r"aims?|if|whether|prepared|willing|want(?:s|ed)?|hopes?|reportedly\s+seeking|to\s+(?:acquire|buy|"
    r"obtain|supply|provide|send|sell|purchase|procure|receive|deliver|export))\b",
)  # this and the patterns below run on lower-case text
_AGREED_RE = re.compile(r"\b(?:agreed\s+to|agreement\s+to|signed|deal\s+(?:was|has\s+been)\s+reached)\b")
_COMBAT_RE = re.compile(
    r"\b(?:used|fired|launched|deployed)\s+(?:\w+\s+){0,3}?(?:in|against|on|at|into)\s+(?:\w+\s+){0,2}?"
    r"(?:ukraine|ukrainian|battlefield|front|kharkiv|kursk|zaporizhzhia|kyiv)|\bstruck\b|\bon the battlefield\b|"
    r"\bengaged\s+(?:\w+\s+){0,2}?(?:forces|troops|units|soldiers)\b|\bfighting\s+(?:in|against|alongside)\b",
)
_TRANSIT_RE = re.compile(r"\b(?:en route|in transit|on (?:its|their) way|being (?:shipped|transported|loaded))\b")
_DETAIL_RE = re.compile(
    r"\b(?:the|these|those|such)\s+(?:transfers?|shipments?|equipment|weapons|munitions|containers|cargo|arms|"
    r"deliveries|ammunition|shells|missiles|rockets|consignments?)\b|\b(?:via|by)\s+(?:sea|rail|train|ship|road|"
    r"truck|air)\b|\bshipped\s+(?:between|from)\b",
)
_MODE_RE = re.compile(  # on lower-case text
    r"\b(?P<sea>sea|ship|ships|shipped|shipping|vessels?|freighters?|cargo ships?|maritime|naval|port|ports|"
    r"sailed|docked)\b|\b(?P<rail>rail|railway|railroad|train|trains|freight cars|railcars|rail cars|wagons)\b|"
    r"\b(?P<road>road|trucks?|lorries|lorry|convoys?)\b|\b(?P<air>air|plane|planes|aircraft|flights?|flown|airlift\w*)\b",
)
_VIA_RE = re.compile(r"\b(?:via|by)\s+(sea|rail|train|road|air|ship|truck)(?:\s+and\s+(sea|rail|train|road|air|ship|"
                     r"truck))?")
_STATUS_ORDER = ("used_in_combat", "delivered", "in_transit", "agreed", "negotiating")
_BLOCKING_PREPS = frozenset({"to", "into", "from", "with", "for", "of", "in", "by", "between", "on", "at", "against",
                             "about", "toward", "towards", "through", "via", "over", "near", "across"})
_ITEM_UNITS = frozenset({
    "containers", "rounds", "shells", "munitions", "missiles", "rockets", "soldiers", "troops", "workers",
    "tons", "vehicles", "tanks", "drones", "wagons", "railcars", "rail cars", "railway cars", "freight cars",
    "trucks", "shipments", "launchers", "howitzers", "guns", "rifles", "pieces", "crates", "boxes",
    "pallets", "personnel", "systems", "projectiles", "grenades", "mortars", "weapons", "cargoes",
})


_BETWEEN_RE = re.compile(r"\bbetween\s+")
# Words before a place that say what it is ("the Russian port of"), at most three of them.
_FILLER = r"(?:the\s+)?(?:(?!and\b|to\b|from\b)[\w-]+\s+){0,3}"
# a party that only reports ("a senior U.S. official said")
_REPORTED_BY_RE = re.compile(r"(?:'s)?(?:\s+[a-z][\w-]*){0,3}\s+(?:said|says|told|added|noted|reported|announced|"
                             r"confirmed|stated|claimed|warned)\b")
_ROUTE_VERB_RE = re.compile(r"\b(?:sailed|sailing|docked|carrying|carried|loaded|unloaded|departed|arrived|"
                            r"shuttl\w+|crossed|transited)\b")
_UNDIRECTED_NOUN_RE = re.compile(r"\b(?:deals?|trade|negotiations|sales?)$")
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$")
_OBJECT_THEN_ITEM_RE = re.compile(
    r"(?:'s)?\s+(?:with\b|(?:\w+\s+){0,3}?(?:munitions|weapons|arms|shells|missiles|rockets|ammunition|equipment))"
)


def _last_word(text: str, start: int, pos: int) -> str:
    """The word before ``pos`` (skipping "the"), in lower case."""
    words = text[max(start, pos - 24):pos].lower().split()
    if words and words[-1] == "the":
        words.pop()
    return words[-1] if words else ""


def _for_use_by(words: list[str]) -> bool:
    """"... for use by (the privately controlled) <party>"."""
    tail = words[-6:]
    for i in range(len(tail) - 2):
        if tail[i] == "for" and tail[i + 1] == "use" and tail[i + 2] == "by":
            return True
    return False


@dataclass(slots=True)
class _Party:
    name: str
    key: str | None
    country: str
    start: int
    end: int
    kind: str  # "state" | "armed_group" | "organisation"


@dataclass(slots=True)
class _Group:
    supplier: _Party
    recipient: _Party
    factual: bool
    statuses: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    quantity: Quantity | None = None
    periods: list[DateMention] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    legs: list[tuple[Target | None, Target | None, str]] = field(default_factory=list)
    origins: list[Target] = field(default_factory=list)
    vias: list[Target] = field(default_factory=list)
    destinations: list[tuple[Target, list[str]]] = field(default_factory=list)
    loose_places: list[Target] = field(default_factory=list)
    trailing_modes: list[str] = field(default_factory=list)
    vessels: list[Target] = field(default_factory=list)


def transfer_sentences(doc: Doc) -> set[int]:
    """Sentences with a transfer cue and an item, for the statistical model."""
    found = set()
    for s_idx, sent in enumerate(doc.sentences):
        if doc.headline[s_idx] or not doc.sentence_words[s_idx] & _ITEM_WORDS:
            continue
        if _cues_in(doc, s_idx):
            found.add(s_idx)
    return found


def find_transfers(doc: Doc, gaz: Gazetteer, founds: list[Found], dates: list[DateMention],
                   quantities: list[Quantity], statements: list[StatementCandidate]) -> list[TransferCandidate]:
    return _Transfers(doc, gaz, founds, dates, quantities, statements).run()


class _Transfers:
    def __init__(self, doc, gaz, founds, dates, quantities, statements):
        self.doc: Doc = doc
        self.gaz: Gazetteer = gaz
        self.founds: list[Found] = founds
        self.dates: list[DateMention] = dates
        self.quantities: list[Quantity] = quantities
        # Statements that contradict a claim (compliance/stances.py): a transfer they mention
        # is denied, not claimed.
        self.denials = [(s.start, s.end) for s in statements
                        if s.stance in STANCES and STANCES[s.stance].position == Bearing.CONTRADICTS]
        self.groups: list[_Group] = []
        self.by_sentence: dict[int, list[Found]] = {}
        starts = [s.start for s in doc.sentences]
        s_idx = 0
        last = len(starts) - 1
        for f in founds:  # in text order: walk the sentences alongside
            while s_idx < last and starts[s_idx + 1] <= f.start:
                s_idx += 1
            self.by_sentence.setdefault(s_idx, []).append(f)
        self.place_sentences = {i for i, fs in self.by_sentence.items()
                                if any(f.category in (PLACE, VESSEL) and f.kind != "metonym" for f in fs)}
        self._party_cache: dict[int, _Party | None] = {}

    def run(self) -> list[TransferCandidate]:
        doc = self.doc
        qty_sentences = {doc.sentence_at(q.start) for q in self.quantities if q.unit in _ITEM_UNITS}
        last: _Group | None = None
        for s_idx, sent in enumerate(doc.sentences):
            if doc.headline[s_idx]:
                continue
            words = doc.sentence_words[s_idx]
            has_items = bool(words & _ITEM_WORDS) or s_idx in qty_sentences
            if not has_items and (last is None or not (words & _DETAIL_WORDS or self._has_place(s_idx))):
                continue
            if any(s <= sent.start < e or s < sent.end <= e for s, e in self.denials):
                continue
            cues = _cues_in(doc, s_idx)
            group = None
            parties_here = has_items and any(
                self._party(f) is not None or (f.kind == "demonym" and f.target.country == SCOPE_COUNTRY)
                for f in self.by_sentence.get(s_idx, ()) if f.target is not None)
            for cue in cues if parties_here else ():
                found = self._claim(s_idx, cue, cues)
                if found is not None:
                    group = found
            if group is not None and not self._in_scope(group):
                group = None
            if group is not None:
                last = group
                self._details(group, s_idx)
            elif last is not None and self._is_detail(s_idx, cues):
                target = self._last_factual() or last
                self._details(target, s_idx)
        return [self._candidate(g) for g in self.groups if self._in_scope(g)]

    # ------------------------------------------------------------- claims
    def _claim(self, s_idx: int, cue: _Cue, cues: list[_Cue]) -> _Group | None:
        doc = self.doc
        sent = doc.sentences[s_idx]
        text = doc.plain
        clause_start, clause_end = _clause(text, sent.start, sent.end, cue.start)
        parties = self._parties(clause_start, clause_end)
        if not self._may_concern_scope(parties, clause_start, clause_end):
            return None  # only transfers with the DPRK are kept: no need to read this one
        # what is transferred follows the cue (or, for a noun, may precede it: "arms deliveries")
        window_start = max(clause_start, cue.start - 40) if cue.kind == "noun" else cue.start
        if cue.kind != "noun" and _PASSIVE_BEFORE_RE.search(text, max(clause_start, cue.start - 30), cue.start):
            window_start = max(clause_start, cue.start - 80)  # "troops have been deployed to ..."
        next_cue = next((c for c in cues if cue.end <= c.start < clause_end), None)
        window_end = next_cue.start if next_cue and cue.kind != "noun" and _HEAD_RE.search(
            doc.lower, cue.end, next_cue.start) else clause_end
        items = _items(doc, window_start, window_end)
        qty = [q for q in self.quantities if clause_start <= q.start < clause_end and q.unit in _ITEM_UNITS]
        if not items and not qty:
            return None
        direction = "in" if cue.kind == "use" else cue.kind  # who fires the missiles received them
        supplier, recipient = self._roles(parties, cue, direction, items, clause_start, clause_end)
        if supplier is None or recipient is None or supplier.name == recipient.name:
            return None
        status = self._status(doc.lower[clause_start:clause_end], doc.lower[clause_start:cue.start],
                              cue.text.lower())
        if cue.kind == "use" and status not in ("negotiating", "agreed"):
            status = "used_in_combat"
        factual = status in ("used_in_combat", "delivered", "in_transit")
        group = self._group(supplier, recipient, factual)
        group.statuses.append(status)
        group.spans.append((sent.start, sent.end))
        for m in items:
            self._add_item(group, m.text)
        if qty and (group.quantity is None or _counts_trips(group.quantity)):
            best = min(qty, key=_counts_trips)  # "a million shells" says more than "10 shipments"
            if group.quantity is None or not _counts_trips(best):
                group.quantity = best
        return group

    def _group(self, supplier: _Party, recipient: _Party, factual: bool) -> _Group:
        for g in self.groups:
            if g.supplier.name == supplier.name and g.recipient.name == recipient.name and g.factual == factual:
                return g
        g = _Group(supplier, recipient, factual)
        self.groups.append(g)
        return g

    def _last_factual(self) -> _Group | None:
        for g in reversed(self.groups):
            if g.factual and self._in_scope(g):
                return g
        return None

    def _add_item(self, group: _Group, item: str) -> None:
        item = " ".join(item.split())
        if item[:1].isupper() and item[1:].islower() and " " not in item:
            item = item.lower()  # "Arms negotiations ..." at the start of a sentence
        elif item[:1].isupper() and item.split()[0][1:].islower() and item.split()[0].lower() in (
                "military", "artillery", "infantry", "ballistic", "arms", "weapons", "munitions"):
            item = item[0].lower() + item[1:]
        low = item.lower()
        if low in ("arms", "weapons") and any(i.lower() not in ("arms", "weapons") for i in group.items):
            return
        if any(i.lower() == low or i.lower().endswith(" " + low) for i in group.items):
            return  # "shells" after "artillery shells"
        longer = [i for i in group.items if low.endswith(" " + i.lower())]
        for shorter in longer:
            group.items.remove(shorter)  # "artillery shells" after "shells"
        category = ItemCategory.of(low)
        group.items.append(item)
        if category not in group.categories:
            group.categories.append(category)

    def _parties(self, start: int, end: int) -> list[tuple[_Party, Found]]:
        out = []
        for f in self.by_sentence.get(self.doc.sentence_at(start), ()):
            if f.start < start or f.end > end or f.target is None:
                continue
            party = self._party(f)
            if party is not None:
                out.append((party, f))
        return out

    def _party(self, f: Found) -> _Party | None:
        key = id(f)
        if key in self._party_cache:
            return self._party_cache[key]
        party = self._party_cache[key] = self._find_party(f)
        return party

    def _find_party(self, f: Found) -> _Party | None:
        t = f.target
        gaz = self.gaz
        if f.kind == "demonym":
            return None
        if f.category == COUNTRY or (f.category == PLACE and f.kind == "metonym"):
            state = gaz.root_state(t)
        elif f.category == ORGANIZATION:
            if t.actor_kind in ("armed_group",):
                return _Party(t.name, t.key, t.country, f.start, f.end, "armed_group")
            if t.actor_kind != "government_body":
                return None
            state = gaz.root_state(t)
        elif f.category == PERSON and t.key:
            # a head of state or government stands for the state ("Kim", "Putin")
            state = None
            for role in gaz.roles.get(t.key, ()):
                org = gaz.targets_by_key.get(role.organisation_key) if role.organisation_key else None
                if org is not None and org.category == COUNTRY:
                    state = org
                    break
        else:
            return None
        if state is None:
            return None
        return _Party(state.name, state.key, state.country, f.start, f.end, "state")

    def _roles(self, parties, cue, direction, items, start, end):
        text = self.doc.plain
        supplier = recipient = None
        end_user = None
        cue_start, cue_end = cue.start, cue.end
        first_item = items[0].start if items else cue_end
        for party, f in parties:
            words = text[max(start, f.start - 40):f.start].lower().split()
            if words and words[-1] == "the":
                words.pop()
            last = words[-1] if words else ""
            if last == "from":
                supplier = supplier or party
            elif last in ("to", "into"):
                if len(words) > 1 and words[-2] in ("turn", "turns", "turned", "turning"):
                    supplier = supplier or party
                elif f.start > min(cue_start, first_item):
                    recipient = recipient or party
            elif last == "on" and len(words) > 1 and words[-2] in ("rely", "relies", "relied", "relying"):
                supplier = supplier or party
            elif _for_use_by(words):
                end_user = party
            elif last == "for" and f.start > cue_end + 5 and text[f.end:f.end + 2] == "'s" and direction != "in":
                recipient = recipient or party
        # the object of an outgoing verb: "supplying Russia with weapons"
        if direction == "out":
            for party, f in parties:
                if f.start >= cue_end and text[cue_end:f.start].strip() in ("", "the") and \
                        _OBJECT_THEN_ITEM_RE.match(text, f.end, f.end + 60):
                    recipient = recipient or party
        made_in = self._made_in(items, start, end)
        if made_in is not None and supplier is None and (recipient is None or recipient.name != made_in.name):
            supplier = made_in  # "North Korean munitions" come from the DPRK
        subject = self._subject(parties, cue_start, start, noun=direction == "noun")
        if direction == "noun" and _UNDIRECTED_NOUN_RE.search(cue.text.lower()):
            subject = None  # "the arms trade", "arms deals": no direction without "from"/"to"/"between"
        if subject is not None:
            if direction == "in":
                if recipient is None and subject is not supplier:
                    recipient = subject
            elif supplier is None and subject is not recipient:
                supplier = subject
        # "arms negotiations between Russia and the DPRK": the DPRK supplies
        between = _BETWEEN_RE.search(text, start, end)
        if (supplier is None or recipient is None) and between and direction == "noun":
            pair = [p for p, f in parties if f.start >= between.end()][:2]
            if len(pair) == 2:
                dprk = next((p for p in pair if p.country == SCOPE_COUNTRY), None)
                if dprk is not None:
                    supplier = dprk
                    recipient = next(p for p in pair if p is not dprk)
        # "its supply of missiles to Russia": "its" is the party named before
        if supplier is None and direction == "noun" and _last_word(text, start, cue_start) in ("its", "their"):
            before = [p for p, f in parties if f.end <= cue_start and (recipient is None or p.name != recipient.name)]
            if before:
                supplier = before[-1]
        # one party missing: the only other party of the clause ("talks with North Korea to acquire")
        if (supplier is None) != (recipient is None):
            known = supplier or recipient
            # not a party of the clause that reports this one ("Kyiv had intelligence that ...")
            that = text.rfind(" that ", start, cue_start)
            others = [p for p, f in parties if p.name != known.name and _last_word(text, start, f.start) not in (
                "against", "in", "on", "at", "over", "about") and f.start > that
                and not _REPORTED_BY_RE.match(text, f.end, f.end + 40)]
            names = {p.name for p in others}
            if len(names) == 1:
                if supplier is None:
                    supplier = others[0]
                else:
                    recipient = others[0]
        # one party named: the other from a transfer already reported between the same parties
        if (supplier is None) != (recipient is None):
            known = supplier or recipient
            for g in reversed(self.groups):
                if not self._in_scope(g):
                    continue
                if supplier is not None and g.supplier.name == known.name:
                    recipient = g.recipient
                    break
                if recipient is not None and g.recipient.name == known.name:
                    supplier = g.supplier
                    break
        if end_user is not None and end_user.kind == "armed_group":
            recipient = end_user
        return supplier, recipient

    def _may_concern_scope(self, parties, start: int, end: int) -> bool:
        """The DPRK is named in the clause (as a party or by its adjective), or one of the
        parties is already in a transfer with it (the other party then comes from there)."""
        if any(p.country == SCOPE_COUNTRY for p, _ in parties):
            return True
        for f in self.by_sentence.get(self.doc.sentence_at(start), ()):
            if f.kind == "demonym" and start <= f.start < end and f.target is not None \
                    and f.target.country == SCOPE_COUNTRY:
                return True
        names = {p.name for p, _ in parties}
        return any(g.supplier.name in names or g.recipient.name in names for g in self.groups if self._in_scope(g))

    def _made_in(self, items: list[_Item], start: int, end: int) -> _Party | None:
        """The state whose adjective qualifies a transferred item ("North Korean munitions")."""
        text = self.doc.plain
        for f in self.by_sentence.get(self.doc.sentence_at(start), ()):
            if f.kind == "demonym" and start <= f.start < end and f.target is not None:
                if any(f.end <= m.start <= f.end + 30 and len(text[f.end:m.start].split()) <= 2 for m in items):
                    state = self.gaz.root_state(f.target)
                    if state is not None:
                        return _Party(state.name, state.key, state.country, f.start, f.end, "state")
        return None

    def _subject(self, parties, cue_start: int, start: int, *, noun: bool = False) -> _Party | None:
        text = self.doc.plain
        best = None
        for party, f in parties:
            if f.end > cue_start:
                continue
            prev = _last_word(text, start, f.start)
            if prev in _BLOCKING_PREPS:
                continue
            between = text[f.end:cue_start]
            if len(between) > 120 or " that " in between:
                continue
            if noun and (len(between) > 50 or "," in between) and not between.startswith("'s"):
                continue
            best = party
        return best

    def _status(self, clause: str, before: str, cue: str) -> str:
        hypothetical = (_HYPOTHETICAL_RE.search(before) or re.search(r"(?i)negotiat|seek|sought|ask|deals?$|talks", cue)
                        or (re.search(r"\bto\s+$", before) and not re.search(
                            r"\b(?:continu\w+|began|begun|started|kept|keeps)\s+to\s+$", before)))
        if hypothetical:
            return "agreed" if _AGREED_RE.search(before) else "negotiating"
        combat = _COMBAT_RE.search(clause)
        if combat and not re.search(r"\bto\s+be\s+$", clause[:combat.start()]):
            return "used_in_combat"
        if _TRANSIT_RE.search(clause):
            return "in_transit"
        return "delivered"

    def _has_place(self, s_idx: int) -> bool:
        return s_idx in self.place_sentences

    # ------------------------------------------------------------- details
    def _is_detail(self, s_idx: int, cues: list[_Cue]) -> bool:
        doc = self.doc
        sent = doc.sentences[s_idx]
        if _DETAIL_RE.search(doc.lower, sent.start, sent.end):
            return True
        here = self.by_sentence.get(s_idx, ())
        places = [f for f in here if f.category == PLACE and f.kind != "metonym" and f.key]
        if not places:
            return False
        return bool(cues) or any(f.category == VESSEL for f in here) or bool(_ROUTE_VERB_RE.search(
            doc.lower, sent.start, sent.end))

    def _details(self, group: _Group, s_idx: int) -> None:
        doc = self.doc
        sent = doc.sentences[s_idx]
        if (sent.start, sent.end) not in group.spans:
            group.spans.append((sent.start, sent.end))
        self._period(group, s_idx)
        self._route(group, s_idx)
        if group.quantity is None:
            for q in self.quantities:
                if sent.start <= q.start < sent.end and q.unit in _ITEM_UNITS:
                    group.quantity = q
                    break

    def _period(self, group: _Group, s_idx: int) -> None:
        doc = self.doc
        sent = doc.sentences[s_idx]
        text = doc.plain
        # (the dates of attributions, "Last week, Kirby said", were left out by the caller)
        dateline = doc.dateline_end(s_idx)
        for d in self.dates:
            if not (sent.start <= d.start < sent.end) or d.value is None or d.start < dateline:
                continue
            if re.search(r"\b(?:said|says|told|reported|announced|stated|added|released|published|issued)\s+"
                         r"(?:on\s+)?$", text[sent.start:d.start]):
                continue  # "reported Friday", "a report released Friday": when it was said
            if re.search(r"\b(?:condemn|denounc|dismiss|denied|denies|deny|warn|criticiz|criticis|accus|reject)\w*"
                         r"\b[^.;]{0,60}$", text[sent.start:d.start]):
                continue  # "condemned the transfers on Thursday": when they were condemned
            if d.relative and doc.quote_at(d.start) is not None:
                continue  # "last month" inside a quotation is relative to when it was said
            if re.search(r"\b(?:visit|summit|trip|met|meeting|talks)\b", text[max(sent.start, d.start - 40):d.start]):
                continue
            group.periods.append(d)

    def _route(self, group: _Group, s_idx: int) -> None:
        doc = self.doc
        sent = doc.sentences[s_idx]
        text = doc.plain
        here = self.by_sentence.get(s_idx, ())
        places = [f for f in here if f.category == PLACE and f.kind != "metonym" and f.target is not None
                  and f.target.country]
        vessels = [f for f in here if f.category == VESSEL]
        for v in vessels:
            if v.target and v.target not in group.vessels:
                group.vessels.append(v.target)
        modes = [_mode_of(m) for m in _MODE_RE.finditer(doc.lower, sent.start, sent.end)]
        via = _VIA_RE.search(doc.lower, sent.start, sent.end)
        mode_list = [_WORD_MODE[w.lower()] for w in via.groups() if w] if via else []
        sentence_mode = mode_list[-1] if mode_list else (modes[0] if modes else "unknown")
        used: set[int] = set()
        # "between A and B", "from A to B", "A-B"
        for i, a in enumerate(places):
            if i + 1 >= len(places):
                break
            b = places[i + 1]
            between = text[a.end:b.start]
            before = text[max(sent.start, a.start - 40):a.start]
            # up to three words naming what the place is: "the port of Rajin and the Russian port of Dunai"
            if (re.search(r"\bbetween\s+" + _FILLER + "$", before) and re.fullmatch(r"\s+and\s+" + _FILLER, between)) \
                    or (re.search(r"\bfrom\s+" + _FILLER + "$", before) and re.fullmatch(r"\s+to\s+" + _FILLER, between)) \
                    or re.fullmatch(r"\s*[-–—]\s*", between):
                mode = _mode_near(doc.lower, a.start, sent) or sentence_mode
                if mode == "unknown" and re.search(r"\bshipp", text[sent.start:sent.end]):
                    mode = "sea"
                self._add_leg(group, a.target, b.target, mode)
                used.update((i, i + 1))
        for i, p in enumerate(places):
            if i in used:
                continue
            before = text[max(sent.start, p.start - 40):p.start]
            if re.search(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", before):
                if p.target not in group.origins:
                    group.origins.append(p.target)
            elif re.search(r"\b(?:via|through|across)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$|\band\s+$", before) and (
                    re.search(r"\b(?:via|through|across)\b", before) or (i > 0 and p.start - places[i - 1].end < 8
                                                                         and places[i - 1].target in group.vias)):
                if p.target not in group.vias:
                    group.vias.append(p.target)
            elif re.search(r"\b(?:to|toward|towards|into|at|near|reach(?:ed)?|arriv\w+\s+(?:at|in))\s+(?:the\s+|a\s+)?"
                           r"(?:[\w-]+\s+){0,3}$", before):
                group.destinations.append((p.target, mode_list or ([sentence_mode] if sentence_mode != "unknown"
                                                                   else [])))
            elif p.target not in group.loose_places:
                group.loose_places.append(p.target)
        if not places and mode_list and re.search(r"\b(?:moved|transported|taken|carried|sent|shipped|delivered)\s+"
                                                  r"(?:on\s+)?(?:via|by)\s+", text[sent.start:sent.end]):
            # "moved via train to southwestern Russia": a last leg to an unnamed place
            if mode_list[-1] not in group.trailing_modes:
                group.trailing_modes.append(mode_list[-1])

    def _add_leg(self, group: _Group, a: Target, b: Target, mode: str) -> None:
        for i, (x, y, m) in enumerate(group.legs):
            if x == a and y == b:
                if m == "unknown" and mode != "unknown":
                    group.legs[i] = (x, y, mode)
                return
        group.legs.append((a, b, mode))

    # ------------------------------------------------------------- output
    def _in_scope(self, g: _Group) -> bool:
        return SCOPE_COUNTRY in (g.supplier.country, g.recipient.country)

    def _candidate(self, g: _Group) -> TransferCandidate:
        route, legs = _assemble(g)
        status = next((s for s in _STATUS_ORDER if s in g.statuses), None)
        start, end = _period_of(g.periods)
        spans = tuple(sorted(set(g.spans)))
        return TransferCandidate(
            supplier=g.supplier.name,
            supplier_key=g.supplier.key,
            recipient=g.recipient.name,
            recipient_key=g.recipient.key,
            items=tuple(g.items),
            item_categories=tuple(g.categories),
            quantity=g.quantity.text if g.quantity else None,
            period_start=start,
            period_end=end,
            route=tuple(t.name for t in route),
            legs=legs,
            status_claimed=status,
            start=spans[0][0],
            end=spans[-1][1],
            spans=spans,
        )


_WORD_MODE = {"sea": "sea", "ship": "sea", "rail": "rail", "train": "rail", "road": "road", "truck": "road",
              "air": "air"}


def _mode_of(m: re.Match) -> str:
    for mode in ("sea", "rail", "road", "air"):
        if m.group(mode):
            return mode
    return "unknown"


def _mode_near(text: str, pos: int, sent) -> str | None:
    window = text[max(sent.start, pos - 60):pos]
    found = [_mode_of(m) for m in _MODE_RE.finditer(window)]
    return found[-1] if found else None


_CLAUSE_SPLIT_RE = re.compile(
    r";\s|,\s+(?:but|while|whereas)\s+|,\s+and\s+(?=(?:[\w'\u2019-]+\s+){1,4}?(?:is|are|was|were|has|have|had|"
    r"will|would|could|may|might)\b)"
)


def _counts_trips(q: Quantity) -> bool:
    return q.unit in ("shipments", "trips", "deliveries", "voyages", "ships", "vessels", "trucks", "wagons")


def _clause(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The clause around a cue: split at "; ", ", but", ", while" and ", and" before a new
    subject and verb."""
    lo, hi = start, end
    for m in _CLAUSE_SPLIT_RE.finditer(text[start:end]):
        cut = start + m.start()
        if cut < pos:
            lo = start + m.end()
        else:
            hi = cut
            break
    return lo, hi


def _period_of(periods: list[DateMention]):
    """The most precise period given: a range of days, else a range of months, else the first."""
    if not periods:
        return None, None
    for precision in ("day", "month"):
        ranged = [d for d in periods if d.end_value is not None and d.precision == precision
                  and d.end_value != d.value]
        if ranged:
            return ranged[0].value, ranged[0].end_value
    chosen = periods[0]
    return chosen.value, chosen.end_value


def _assemble(g: _Group) -> tuple[list[Target], tuple[LegCandidate, ...]]:
    """Order the places: origins, then the explicit legs chained, then destinations; give
    each leg its mode ("via sea and rail to X": the last mode reaches X)."""
    chain: list[Target] = []
    for a, b, _mode in g.legs:
        if a in chain and b not in chain:
            chain.insert(chain.index(a) + 1, b)
        elif b in chain and a not in chain:
            chain.insert(chain.index(b), a)
        elif a not in chain and b not in chain:
            chain.extend([a, b])
    for o in g.origins:
        if o not in chain:
            chain.insert(0, o)
    supplier_country = g.supplier.country
    for p in g.loose_places:
        if p in chain or any(p == d for d, _ in g.destinations):
            continue
        if p.country == supplier_country and not chain:
            chain.append(p)
        elif p.country == supplier_country and chain and chain[0].country != supplier_country:
            chain.insert(0, p)
    for v in g.vias:
        if v not in chain:
            chain.append(v)
    dest_modes: dict[str, list[str]] = {}
    for d, modes in g.destinations:
        if d not in chain:
            chain.append(d)
        if modes:
            dest_modes[d.name] = modes
    explicit = {(a.name, b.name): m for a, b, m in g.legs}
    legs: list[LegCandidate] = []
    vessel = g.vessels[0] if g.vessels else None
    for a, b in zip(chain, chain[1:], strict=False):
        mode = explicit.get((a.name, b.name))
        if mode is None:
            modes = dest_modes.get(b.name) or []
            mode = modes[-1] if modes else "unknown"
        legs.append(_leg(a, b, mode, vessel))
    # "via sea and rail to X" with X the only place: legs of unknown ends, in order
    if len(chain) == 1 and chain[0].name in dest_modes:
        modes = dest_modes[chain[0].name]
        for mode in modes[:-1]:
            legs.append(_leg(None, None, mode, vessel))
        legs.append(_leg(None, chain[0], modes[-1], vessel))
    elif chain and chain[-1].name in dest_modes and len(dest_modes[chain[-1].name]) > 1 and legs:
        # the earlier modes belong to the legs before the last one, if those have none
        modes = dest_modes[chain[-1].name]
        for i, mode in enumerate(reversed(modes[:-1]), start=2):
            if len(legs) >= i and legs[-i].mode == "unknown":
                legs[-i] = LegCandidate(legs[-i].from_place, legs[-i].from_key, legs[-i].to_place,
                                        legs[-i].to_key, mode, legs[-i].vessel, legs[-i].vessel_key)
    for mode in g.trailing_modes:
        if chain and legs and legs[-1].to_place == chain[-1].name and legs[-1].mode != mode:
            legs.append(_leg(chain[-1], None, mode, None))
    return chain, tuple(legs)


def _leg(a: Target | None, b: Target | None, mode: str, vessel: Target | None) -> LegCandidate:
    return LegCandidate(
        from_place=a.name if a else None,
        from_key=a.key if a else None,
        to_place=b.name if b else None,
        to_key=b.key if b else None,
        mode=mode,
        vessel=vessel.name if vessel is not None and mode == "sea" else None,
        vessel_key=vessel.key if vessel is not None and mode == "sea" else None,
    )
