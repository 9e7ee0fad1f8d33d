"""Transfer details: supplier, recipient, items, quantity, period, route legs and the
status the sources claim.

A transfer sentence has a transfer cue (a verb such as "supplied", "shipped", "relying on",
"acquire", or a noun such as "deliveries", "arms deal") and something transferred (an item
word such as "munitions", "artillery shells", "refined petroleum", or a quantity). Its
parties are states (a capital or an epithet stands for its state: "Pyongyang has supplied
... to Russia"), the bodies of states (counted as their state) and armed groups; "from X"
makes X the supplier, "to/into X" the recipient, "for use by X" the end user, and the
subject supplies with an outgoing verb and receives with an incoming one. What goes the
other way is read from "in exchange for"/"in return for" ("shells in exchange for food":
food goes from the recipient to the supplier). A party that only reports the transfer
("South Korea's spy agency said ...", "according to Seoul") is never made a party of it.

Sentences that only add details ("the equipment was exported via sea and rail to a supply
depot near Tikhoretsk", "the Angara then sailed to Dunay", "the transfer took place
between September 7 and October 1") are attached to the transfer they continue. The route
is the places named with "from", "via", "to", "at" and their kin, in travel order, each
leg with the mode its words give (ship, train, trucks, flights) and the vessel named for it.

The status is what the source claims: a request ("is seeking", "asked for") is *sought*;
talks or a deal not yet made is *negotiating*; an agreement *agreed*; a possibility
("could supply", "may be preparing to send", "is likely to") is never *delivered*.
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

_OUT_WORDS = lexicon.TRANSFER_OUT_VERBS
_IN_WORDS = lexicon.TRANSFER_IN_VERBS
_NOUN_WORDS = lexicon.TRANSFER_NOUNS
_USE_WORDS = lexicon.TRANSFER_USE_VERBS
_IN_PAIRS = lexicon.TRANSFER_IN_PAIRS
_OUT_PAIRS = lexicon.TRANSFER_OUT_PAIRS
_NOUN_PAIRS = lexicon.TRANSFER_NOUN_PAIRS
_CUE_FIRST_WORDS = frozenset({*_OUT_WORDS, *_IN_WORDS, *_NOUN_WORDS, *_IN_PAIRS, *_OUT_PAIRS, *_NOUN_PAIRS,
                              *_USE_WORDS})
# Before a word that is both a verb and a noun ("transfers", "supplies"), these make it the noun.
_FIGURATIVE_AFTER = {w: frozenset({"towards", "toward", "closer", "ahead", "forward", "away"})
                     for w in ("move", "moves", "moved", "moving")}
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "each", "every", "one"})
_NOUN_BEFORE = frozenset({"the", "these", "those", "such", "its", "their", "his", "her", "of", "s", "arms",
                          "weapons", "military", "any", "further", "more", "new", "recent", "first", "initial"})


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    text: str
    kind: str  # "out" | "in" | "noun" | "use"


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
    surface = tokens.surface
    for i in [k for k in span if norm[k] in _CUE_FIRST_WORDS]:
        if i < consumed or (i > span.start and surface[i][:1].isupper() and not doc.headline[s_idx]):
            continue  # "Open Source Centre": a name, not a verb
        w = norm[i]
        nxt = norm[i + 1] if i + 1 < stop else ""
        prev = norm[i - 1] if i > span.start else ""
        kind = None
        width = 1
        if w in _NOUN_PAIRS and nxt in _NOUN_PAIRS[w]:
            kind, width = "noun", 2
        elif w in _IN_PAIRS and nxt == _IN_PAIRS[w]:
            kind, width = "in", 2
        elif w in _ASK_WORDS and "for" in norm[i + 2:min(stop, i + 7)]:
            kind = "in"  # "asked Russia for fighter jets"
        elif w in _OUT_PAIRS and nxt == _OUT_PAIRS[w]:
            kind, width = "out", 2
        elif w in _NOUN_WORDS and (w not in _OUT_WORDS or prev in _NOUN_BEFORE):
            kind = "noun"
        elif w in _OUT_WORDS or w in _IN_WORDS:
            if prev in _DETERMINERS:
                continue  # "the ship docked", "a transport": a noun
            if nxt in _FIGURATIVE_AFTER.get(w, ()):
                continue  # "moving towards an arms deal"
            kind = "out" if w in _OUT_WORDS else "in"
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
              r"self-propelled|[a-z]+-made|kn-\d+|hwasong-\d+\w*|surface-to-air|refined|crude|combat|fighter|"
              r"advanced|modern|sensitive|satellite|space|nuclear|missile|humanitarian|special|"
              r"mig-\d+\w*|su-\d+\w*|dual-use|precision|high-tech|sophisticated")
_HEAD_RE = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(h.lower()) for h in lexicon.ITEM_HEADS), key=len, reverse=True)) + r")\b",
)
# Words that must be in a sentence for it to name something transferred.
_ITEM_WORDS = frozenset(w.lower() for h in lexicon.ITEM_HEADS for w in h.split()) | {"containers"}
_DETAIL_WORDS = frozenset({
    "via", "by", "shipped", "transfer", "transfers", "shipment", "shipments", "equipment", "weapons", "munitions",
    "containers", "cargo", "arms", "deliveries", "ammunition", "shells", "missiles", "rockets", "consignment",
    "consignments", "aboard", "train", "trains", "ship", "vessel", "sailed", "docked", "loaded", "flown",
})


@dataclass(frozen=True, slots=True)
class _Item:
    """An item named in the text, with its modifiers ("Soviet-era ammunition")."""

    start: int
    end: int
    text: str


_MOD_WORD_RE = re.compile(rf"(?:{_ITEM_MODS})")
# "forces" and "fighters" name items only after these ("special forces", "fighter jets").


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
        if _QUALIFIES_RE.match(lower, m.end()) or (lower[m.end():m.end() + 1] == " "
                                                   and _HEAD_RE.match(lower, m.end() + 1, hi)):
            continue  # "oil tankers", "munitions factories", "artillery ammunition": a modifier
        if _CARRIER_BEFORE_RE.search(lower, max(lo, m.start() - 12), m.start()):
            continue  # "transport aircraft", "cargo planes": what carries, not what is carried
        out.append(_Item(start, m.end(), doc.plain[start:m.end()]))
    return out


_CARRIER_BEFORE_RE = re.compile(r"\b(?:transport|cargo|freight|passenger|rail|railway|train)\s+$")
_QUALIFIES_RE = re.compile(r"[ -](?:" + "|".join(lexicon.ITEM_QUALIFIED_NOUNS) + r")\b")


def _words_re(words, *, tail: str = "") -> re.Pattern:
    """A pattern for any of ``words`` (lower case, longest first), as whole words."""
    alternatives = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b{tail}")


# These patterns run on lower-case text.
_SOUGHT_RE = _words_re(lexicon.SOUGHT_WORDS)
_SPECULATION_RE = _words_re(lexicon.SPECULATION_WORDS)
_PROSPECT_RE = _words_re(lexicon.PROSPECT_ADJECTIVES)
_OFFER_RE = _words_re(lexicon.OFFER_WORDS)
_HEARSAY_RE = _words_re(lexicon.HEARSAY_WORDS)
_PROGRESSIVE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?$")
_UNCLEAR_RE = re.compile(r"\b(?:" + "|".join(lexicon.UNCONFIRMED_WORDS) + r")\b")
_NEGOTIATION_RE = re.compile(r"\b(?:" + "|".join(lexicon.NEGOTIATION_WORDS) + r")\b")
_AGREED_RE = re.compile(r"\b(?:" + "|".join(lexicon.AGREEMENT_WORDS) + r")\b")
# a plan or a wish before the cue: "to acquire", "in order to obtain" (not "continued to ship")
_TO_BEFORE_RE = re.compile(r"\bto\s+(?:\w+ly\s+)?$")
_ONGOING_TO_RE = re.compile(r"\b(?:continu\w+|began|begun|begin|begins|started|starts|start|kept|keeps|used|"
                            r"appears?|appeared|seems?|seemed|said|believed|thought|known|reported|"
                            r"alleged|claimed)\s+to\s+(?:have\s+)?(?:\w+ly\s+)?$")
_COMBAT_RE = re.compile(
    r"\b(?:used|fired|launched|deployed)\s+(?:\w+\s+){0,3}?(?:in|against|on|at|into)\s+(?:\w+\s+){0,2}?"
    r"(?:ukraine|ukrainian|battlefield|front|kharkiv|kursk|zaporizhzhia|kyiv)|\bstruck\b|(?<!use )\bon the battlefield\b|"
    r"\bengaged\s+(?:\w+\s+){0,2}?(?:forces|troops|units|soldiers)\b|"
    r"\b(?:troops|soldiers|they)\s+(?:\w+\s+){0,2}?(?:fighting|fought|killed|wounded)\b|\bcasualties\b",
)
_TRANSIT_RE = re.compile(r"\b(?:en route|in transit|on (?:its|their) way|being (?:shipped|transported|loaded|moved))\b")
_DETAIL_RE = re.compile(
    r"\b(?:the|these|those|such)\s+(?:transfers?|shipments?|equipment|weapons|munitions|containers|cargo|arms|"
    r"deliveries|ammunition|shells|missiles|rockets|consignments?|troops|soldiers)\b|\b(?:via|by)\s+(?:sea|rail|"
    r"train|ship|road|truck|air)\b|\bshipped\s+(?:between|from)\b",
)
_MODE_RE = re.compile("|".join(
    rf"\b(?P<{mode}>" + "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len,
                                       reverse=True)) + r")\b"
    for mode, words in lexicon.MODE_WORDS.items()))
_VIA_RE = re.compile(r"\b(?:via|by)\s+(sea|rail|train|road|air|ship|truck)(?:\s+and\s+(sea|rail|train|road|air|ship|"
                     r"truck))?")
_STATUS_ORDER = ("used_in_combat", "delivered", "in_transit", "agreed", "negotiating", "sought")
# A possibility ("could supply", "is likely to send") claims no transfer: it only adds to one
# claimed elsewhere in the article, and a transfer with nothing but possibilities is dropped.
_POSSIBLE = "possible"
_BLOCKING_PREPS = frozenset({"to", "into", "from", "with", "for", "of", "in", "by", "between", "on", "at", "against",
                             "about", "toward", "towards", "through", "via", "over", "near", "across"})
_ITEM_UNITS = frozenset({
    "containers", "rounds", "shells", "munitions", "missiles", "rockets", "soldiers", "troops", "workers",
    "tons", "vehicles", "tanks", "drones", "wagons", "railcars", "rail cars", "railway cars", "freight cars",
    "trucks", "shipments", "launchers", "howitzers", "guns", "rifles", "pieces", "crates", "boxes",
    "pallets", "personnel", "systems", "projectiles", "grenades", "mortars", "weapons", "cargoes", "barrels",
    "carriages", "boxcars", "flatcars", "train cars", "jets", "aircraft", "helicopters",
})
_EXCHANGE_RE = _words_re(lexicon.EXCHANGE_PHRASES)


_BETWEEN_RE = re.compile(r"\bbetween\s+")
# a party that only reports ("a senior U.S. official said")
_REPORTED_BY_RE = re.compile(r"(?:'s)?(?:\s+[a-z][\w-]*){0,3}\s+(?:" + "|".join(sorted(lexicon.REPORTED_BY_VERBS))
                             + r")\b")
# "according to South Korea's spy agency,", "South Korea's military said (that)", ", officials in Seoul said."
_ACCORDING_RE = re.compile(r"\baccording\s+to\b[^,;]*")
_SAID_THAT_RE = re.compile(
    r"(?:[^,;\"\u201c]{0,80}?)\b(?:said|says|told\s+(?:\w+\s+){0,3}?|added|noted|reported|announced|confirmed|"
    r"stated|claimed|warned|assessed|believes|estimated|estimates|accused|alleged|revealed|disclosed|determined|"
    r"found|concluded|judged|assesses|indicated|shows|showed|show)\b"
    r"(?:\s+(?:on|last|this)\s+\w+)?(?:\s+that)?\s")
_SAID_TAIL_RE = re.compile(r",\s*(?:[^,;]{0,80}?)\b(?:said|says|told|added|noted|reported|according\s+to)\b"
                           r"(?:,?\s+(?:on|in|at|to|last|this|after|during|citing)\b[^,;]{0,80}){0,2}"
                           r"[\s.!?\"'\u201d]*$")
_POSSESSIVE_RE = re.compile(r"['\u2019]s\b")
_OWNER_BEFORE_RE = re.compile(r"\b[\w-]+['\u2019]s\s+$")
_SAID_BETWEEN_RE = re.compile(r",\s*[^,;\"\u201c\u201d]{0,80}?\b(?:said|says|told\s+(?:\w+\s+){0,3}?|added|noted|"
                              r"reported)\b(?:\s+(?:on|in|at|last|this)\s+\w+)?\s*,")
_ROUTE_VERB_RE = _words_re(lexicon.ROUTE_VERBS)
_UNDIRECTED_NOUN_RE = re.compile(r"\b(?:" + "|".join(lexicon.UNDIRECTED_TRANSFER_NOUNS) + r")$")
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$")
_OBJECT_WITH_RE = re.compile(r"(?:'s)?\s+with\b")
# A title between a giving verb and the person given to ("has given North Korean leader Kim").
_OBJECT_TITLE_RE = re.compile(r"\s*(?:the\s+)?(?:[A-Z][\w.'-]*\s+){0,3}(?:" + "|".join(sorted(lexicon.TITLE_HEADS))
                              + r")\s+")
# Places named for a meeting, not a route ("the summit at Vostochny", "met in Vladivostok").
_MEETING_RE = re.compile(r"\b(?:visit\w*|summit|trip|met|meet|meeting|talks|held|hosted|travel\w*|"
                         r"speaking|spoke|conference|ceremony|signed|signing)\b[^.;]{0,60}$")
# Where weapons or troops are used or serve is no stop of their route ("deployed to the Kursk
# region", "used in the fighting in Russia's Kursk Oblast").
_DEPLOYED_RE = re.compile(r"\b(?:" + "|".join(lexicon.SERVICE_AREA_WORDS) + r")\b(?:\s+[\w'\u2019-]+){0,6}\s+$")
# "launched the satellite from the Sohae launching ground", "launched at the port of Nampo" (a ship): where a
# launch was made, no route place
_LAUNCH_SITE_RE = re.compile(r"\b(?:" + "|".join(lexicon.LAUNCH_VERBS) + r")\b[^.;,]{0,80}\b(?:from|at)\s+"
                             r"(?:[\w'\u2019-]+\s+){0,5}$")
_DENIAL_RE = re.compile(r"\b(?:den(?:y|ies|ied|ial)|reject\w*|dismiss\w*|" + "|".join(lexicon.DENIAL_WORDS) + r")\b")
# A count of troops followed by where they are ("11,000 North Korean soldiers are now in Russia").
_PRESENCE_RE = re.compile(r"\s+(?:are|were|is|was|have\s+been|had\s+been|remain|remained)\s+"
                          r"(?:(?:now|already|still|currently|reportedly)\s+)?(?:stationed\s+|deployed\s+|based\s+)?"
                          r"(?:in|inside)\s+")
# A relative clause after the items that says they were used in the war ("100 ballistic
# missiles, which Russia has fired at Ukrainian cities").
_USED_AFTER_RE = re.compile(
    r",\s+(?:which|that)\s+(?:[\w'\u2019]+\s+){0,3}?(?:fired|launched|used)\s+(?:\w+\s+){0,3}?"
    r"(?:at|against|on|in)\s+(?:\w+\s+){0,2}?(?:" + "|".join(lexicon.WAR_TARGET_WORDS) + r")\b")
# A sentence about a leader's trip or a meeting gives no route of a transfer.
_MEETING_SENTENCE_RE = re.compile(r"\b(?:summit|visit\w*|trip|travel\w*|talks|met|meeting)\b")


def _alternatives(words) -> str:
    return "|".join(sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True))


# What puts troops where their route ends: "deployed to", "moved to", "are now in", "fighting in"
# (the words of lexicon.DEPLOYMENT_WORDS), or the troops named before "to" ("sent about 11,000
# troops to Russia's Kursk region"), then up to three words naming the place's state or kind.
_DEPLOYMENT_BEFORE_RE = re.compile(
    r"(?:\b(?:" + "|".join(lexicon.DEPLOYMENT_WORDS) + r")\s+(?:(?:now|already|still|currently|reportedly|mostly|"
    r"mainly|largely|primarily|all|then|later)\s+)*(?:to|in|into|inside|at|near)"
    r"|\b(?:" + _alternatives(lexicon.DEPLOYED_PERSONNEL) + r"|them)\s+to)\s+(?:[\w'\u2019-]+\s+){0,3}$")


# Troops of a state named right after it ("North Korean soldiers", "DPRK special forces").
_DEPLOYED_NOUN_RE = re.compile(r"(?:\s+[a-z][\w-]*)?\s+(?P<noun>" + _alternatives(lexicon.DEPLOYED_PERSONNEL) + r")\b")
# What they do next: be somewhere, go back or arrive somewhere, fight ("who are now fighting").
_DEPLOYED_PREDICATE_RE = re.compile(
    r"(?:\s*,)?(?P<aux>(?:\s+(?:" + _alternatives(lexicon.DEPLOYED_AUXILIARIES) + r"))*)\s+(?:"
    r"(?P<fight>" + _alternatives(lexicon.DEPLOYED_COMBAT) + r")|(?P<back>" + _alternatives(lexicon.DEPLOYED_ARRIVAL)
    + r")|(?P<at>" + _alternatives(lexicon.DEPLOYED_PRESENCE) + r"))\b")
_BE_RE = re.compile(r"\b(?:are|were|is|was|been)\b")
# "the deployment of" right before the troops' state
_DEPLOYMENT_OF_RE = re.compile(r"\b(?:" + _alternatives(lexicon.DEPLOYMENT_NOUNS)
                               + r")\s+of\s+(?:the\s+)?(?:(?:some|about|more|several|thousands|of)\s+)*$")
_ALLY_BEFORE_RE = re.compile(r"\b(?:" + _alternatives(lexicon.DEPLOYED_ALLY_WORDS) + r")\s+(?:the\s+)?$")
_AGAINST_BEFORE_RE = re.compile(r"\bagainst\s+(?:the\s+)?$")
_FRONT_RE = re.compile(r"\b(?:" + _alternatives(lexicon.FRONT_WORDS) + r")\b")
_PAID_FOR_RE = re.compile(r"\s+for\b")
_PAID_WITH_RE = re.compile(r"[^,;]*?\bwith\b")  # in the same phrase (not ", a source with knowledge")
_TO_STATE_RE = re.compile(r"\s+(?:to|into)\s+(?:the\s+)?$")
_IN_STATE_RE = re.compile(r"\s+(?:in|inside)\s+(?:the\s+)?$")
# "North Korea's troop deployment to Russia": the state's own sending of its troops
_OWN_DEPLOYMENT_RE = re.compile(r"(?:'s|\u2019s)\s+(?:troops?|soldiers?|military|army)\s+(?:"
                                + _alternatives(lexicon.DEPLOYMENT_NOUNS) + r")\b")


def _object_then_item(text: str, end: int, items: list[_Item]) -> bool:
    """What follows a party right after a giving verb makes it the one given to: "with"
    ("supplying Russia with shells") or, within three words, the items ("sent Moscow
    millions of rounds", "had given Kim five kamikaze drones")."""
    if _OBJECT_WITH_RE.match(text, end):
        return True
    for m in items:
        between = text[end:m.start].lower()
        if m.start >= end and re.fullmatch(r"(?:'s)?(?:\s+[\w,'-]+){0,3}\s+", between) \
                and not (_BLOCKING_PREPS - {"of"}).intersection(between.replace(",", " ").split()):
            return True
    return False


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
    kind: str  # "state" | "forces" (a state's armed forces: "Russian forces") | "armed_group"


@dataclass(slots=True)
class _Stop:
    """A place of a route as one sentence names it: where a leg starts ("from"), passes
    ("via"), stops or ends ("at", "to"), with the mode and vessel of the leg that reaches it
    (or, for a start, leaves it)."""

    target: Target
    role: str  # "from" | "via" | "at" | "to"
    modes: list[str]
    vessel: Target | None
    sentence: int


@dataclass(slots=True)
class _Group:
    supplier: _Party
    recipient: _Party
    factual: bool
    kind: str = "materiel"  # "materiel" | "personnel": troops and shells are separate transfers
    statuses: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    quantity: Quantity | None = None
    periods: list[DateMention] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    stops: list[_Stop] = field(default_factory=list)
    trailing_modes: list[str] = field(default_factory=list)
    vessels: list[Target] = field(default_factory=list)
    last_sentence: int = -1
    batch: bool = False  # a further batch ("and about 3,000 more"): a transfer of its own


def transfer_sentences(doc: Doc) -> set[int]:
    """Sentences with a transfer cue and an item, for the statistical model."""
    found = set()
    for s_idx, _sent in enumerate(doc.sentences):
        if doc.headline[s_idx] or not doc.sentence_words[s_idx] & _ITEM_WORDS:
            continue
        if _cues_in(doc, s_idx):
            found.add(s_idx)
    return found


def find_transfers(doc: Doc, gaz: Gazetteer, founds: list[Found], dates: list[DateMention],
                   quantities: list[Quantity], statements: list[StatementCandidate],
                   parses=None) -> list[TransferCandidate]:
    """The transfers an article claims. ``parses`` (optional) gives the dependency parse of
    some sentences: ``parses.get(s_idx)`` is a spaCy ``Doc`` of the sentence (or None) and
    ``parses.start_of(s_idx)`` where its text starts in the article. Where a sentence has a
    parse, the subject of a transfer verb is read from it; elsewhere from the words."""
    return _Transfers(doc, gaz, founds, dates, quantities, statements, parses).run()


_PERSONNEL_CATEGORY = str(ItemCategory.PERSONNEL)
_DEPLOYED_WORDS = frozenset(w for p in lexicon.DEPLOYED_PERSONNEL for w in p.split()) | {"troop", "soldier"}
# How far (in sentences) a sentence that only adds details may be from the transfer it continues.
_DETAIL_REACH = 3


class _Transfers:
    def __init__(self, doc, gaz, founds, dates, quantities, statements, parses=None):
        self.doc: Doc = doc
        self.parses = parses
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
        self._borrowed: dict[int, tuple[_Party, _Party]] = {}  # sentence -> parties of the one before
        self._frames: dict[int, list[tuple[int, int]]] = {}
        self._clauses: dict[tuple[int, int], re.Match | None] = {}
        self._clause_party_cache: dict[tuple[int, int], list[tuple[_Party, Found]]] = {}
        self._near: dict = {}  # sentence index -> the DPRK is named near; "main" -> _main_counterpart()
        # the statements each sentence carries whole (their reported clauses frame it)
        self._sentence_statements: dict[int, list[StatementCandidate]] = {}
        for st in statements:
            if not st.direct:
                first, last = doc.sentence_at(st.start), doc.sentence_at(max(st.start, st.end - 1))
                for i in range(first, last + 1):
                    self._sentence_statements.setdefault(i, []).append(st)

    def run(self) -> list[TransferCandidate]:
        doc = self.doc
        qty_sentences = {doc.sentence_at(q.start) for q in self.quantities if q.unit in _ITEM_UNITS}
        pending: list[int] = []  # route sentences that no claim before them could take
        for s_idx, sent in enumerate(doc.sentences):
            if doc.headline[s_idx]:
                continue
            words = doc.sentence_words[s_idx]
            has_items = bool(words & _ITEM_WORDS) or s_idx in qty_sentences
            if not has_items and not (words & _DETAIL_WORDS or words & _DEPLOYED_WORDS or self._has_place(s_idx)):
                continue
            cues = _cues_in(doc, s_idx)
            if any(s <= sent.start < e or s < sent.end <= e for s, e in self.denials):
                # a denial claims nothing; a later clause that contradicts it may ("North Korea has
                # denied shipping arms, but officials say its weapons have been used in Ukraine")
                cues = [c for c in cues if self._beyond_denial(sent, c)]
                if not cues:
                    continue
            claimed: list[_Group] = []
            parties_here = has_items and any(
                self._party(f) is not None or (f.kind == "demonym" and f.target.country == SCOPE_COUNTRY)
                for f in self.by_sentence.get(s_idx, ()) if f.target is not None)
            if has_items and not parties_here and any(
                    _ANAPHOR_SUBJECT_RE.search(doc.lower[max(sent.start, c.start - 40):c.start]) for c in cues) \
                    and self._antecedent(s_idx) is not None:
                parties_here = True  # "In return, it has received oil": the state of the sentence before
            if has_items and not parties_here and any(
                    c.kind == "out" and _PASSIVE_BEFORE_RE.search(doc.lower, max(sent.start, c.start - 30), c.start)
                    for c in cues) \
                    and not any(f.target is not None and f.category in (COUNTRY, ORGANIZATION, PERSON)
                                for f in self.by_sentence.get(s_idx, ())) \
                    and (pair := self._previous_pair(s_idx)) is not None:
                # "... says North Korea has been arming Russia. About 13,000 containers of shells have
                # been shipped since August 2023": what was sent is the subject, so the states are
                # those of the sentence before (not "The official gave no details on the weapons")
                self._borrowed[s_idx] = pair
                parties_here = True
            if has_items and not parties_here and self._by_route(s_idx, sent.start, sent.end, None, None)[0]:
                parties_here = True  # "containers of munitions were shipped from Rajin to Dunay": the places' states
            if doc.plain[sent.start:sent.end].rstrip(" \"'\u201d\u2019").endswith("?"):
                parties_here = False  # "Has North Korea supplied weapons to Russia before?": a question
            for cue in cues if parties_here else ():
                for group in self._claim(s_idx, cue, cues):
                    if self._in_scope(group) and group not in claimed:
                        claimed.append(group)
            if not claimed and parties_here and s_idx in qty_sentences:
                claimed = self._presence(s_idx)
            if not doc.plain[sent.start:sent.end].rstrip(" \"'\u201d\u2019").endswith("?"):
                claimed += [g for g in self._deployment(s_idx) if g not in claimed]
            if claimed:
                # the route and dates of the sentence belong to the transfer it claims first
                # (what goes back "in exchange" has none of its own); so do those of the
                # sentences just before that told of the ships and trains without a claim
                for earlier in pending:
                    if s_idx - earlier <= _DETAIL_REACH:
                        self._details(claimed[0], earlier)
                pending.clear()
                self._details(claimed[0], s_idx, claimed=True)
                for group in claimed[1:]:
                    self._mark(group, s_idx)
            elif self._is_detail(s_idx, cues) and (target := self._detail_target(s_idx)) is not None:
                self._details(target, s_idx)
            elif self._route_like(s_idx, cues):
                pending.append(s_idx)
        return [self._candidate(g) for g in self.groups if self._in_scope(g) and set(g.statuses) != {_POSSIBLE}]

    # ------------------------------------------------------------- claims
    def _claim(self, s_idx: int, cue: _Cue, cues: list[_Cue]) -> list[_Group]:
        """The transfer a cue claims, and what goes the other way in exchange for it."""
        doc = self.doc
        sent = doc.sentences[s_idx]
        text = doc.plain
        lower = doc.lower
        # the dateline is no part of the claim ("SEOUL, May 29 (Reuters) -": "May" is no modal)
        claim_start = max(sent.start, doc.dateline_end(s_idx)) if doc.dateline_end(s_idx) <= cue.start else sent.start
        clause_start, clause_end = _clause(text, claim_start, sent.end, cue.start)
        exchange = self._exchange(clause_start, clause_end)
        # the law is read up to a reporter named after the cue ("has given Kim a car, state media
        # said, a gift Seoul said broke a U.N. ban": the ban is Seoul's reading, not the claim)
        legal_end = min((lo for lo, _ in self._attribution_frames(s_idx) if cue.end <= lo < clause_end),
                        default=clause_end)
        if self._legal(clause_start, legal_end):
            return []  # "bar North Korea from exporting arms", "would violate resolutions": the law, no claim
        # what is transferred follows the cue (or, for a noun, may precede it: "arms deliveries")
        window_start = max(clause_start, cue.start - 40) if cue.kind == "noun" else cue.start
        if cue.text.lower().split()[0] in _ITEMS_BEFORE_CUES:
            window_start = max(clause_start, cue.start - 80)  # "artillery shells bound for the front line"
        if cue.kind != "noun" and not cue.text.lower().endswith("ing") \
                and _PASSIVE_BEFORE_RE.search(text, max(clause_start, cue.start - 30), cue.start):
            window_start = max(clause_start, cue.start - 80)  # "troops have been deployed to ..."
        right_before = [m for m in _items(doc, max(clause_start, cue.start - 40), cue.start) if cue.start - m.end <= 2]
        if right_before and cue.kind != "noun":
            window_start = min(window_start, right_before[0].start)  # "some 11,000 soldiers deployed earlier"
        next_cue = next((c for c in cues if cue.end <= c.start < clause_end), None)
        window_end = next_cue.start if next_cue and cue.kind != "noun" and _HEAD_RE.search(
            lower, cue.end, next_cue.start) else clause_end
        # "shells in exchange for food and oil": what follows goes the other way
        back_items: list[_Item] = []
        back_given = False  # "in return for the rounds it has shipped": what went back was sent
        if exchange is not None and exchange.start() >= cue.end and " ".join(exchange.group().split()) in \
                lexicon.EXCHANGE_MARKERS and _INCLUDING_AFTER_RE.match(lower, exchange.end()):
            pass  # "is seeking military assistance from Russia in return, including fighter aircraft": examples
        elif exchange is not None and exchange.start() >= cue.end:
            back_items = _items(doc, exchange.end(), clause_end)
            window_end = min(window_end, exchange.start())
            back_given = any(c.kind == "out" and exchange.end() <= c.start and c.text.lower().endswith(("ed", "sent"))
                             for c in cues)
        elif exchange is not None and exchange.end() <= cue.start:
            marker = " ".join(exchange.group().split()) in lexicon.EXCHANGE_MARKERS
            if not marker and len(lower[clause_start:exchange.start()].split()) <= 2:
                # "In exchange for food, North Korea sent shells": the phrase before the cue
                back_end = _comma_after(text, exchange.end(), cue.start)
                back_items = _items(doc, exchange.end(), back_end)
                window_start = max(window_start, back_end)
            elif not marker:
                window_start = max(window_start, exchange.end())  # the cue is inside what goes back
        paid_for = None
        if cue.text.lower() in lexicon.PAYMENT_VERBS:
            # "pays for these supplies with oil and food": what is paid for went the other way;
            # what is paid is named after "with" (nothing, when no "with" follows)
            paid_for = _PAID_FOR_RE.search(lower, cue.end, window_end)
            if paid_for is not None:
                paid_with = _PAID_WITH_RE.match(lower, paid_for.end(), window_end)
                if paid_with is not None:
                    window_start = max(window_start, paid_with.end())
                else:  # "paid North Korea in hard currency for its munitions": what comes before "for"
                    window_end = paid_for.start()
        items = _items(doc, window_start, window_end)
        qty = [q for q in self.quantities if clause_start <= q.start < clause_end and q.unit in _ITEM_UNITS
               and not (exchange is not None and q.start >= exchange.end() and exchange.start() >= cue.end)
               and (paid_for is None or window_start <= q.start < window_end)]
        if not items and not qty and cue.kind == "out" and paid_for is None:
            # "loading fuel, which they then carry back to North Korea", "loading fuel ... and
            # carrying it back": the pronoun stands for the item named just before
            relative = re.search(r"\b(?:which|that)\s*$", lower[max(sent.start, clause_start - 8):clause_start]) \
                is not None or re.match(r"[\s,]*(?:which|that)\b", lower[clause_start:cue.start]) is not None
            if relative or _PRONOUN_OBJECT_RE.match(lower, cue.end):
                back_lo = max(sent.start, (clause_start if relative else cue.start) - 120)
                items = _items(doc, back_lo, clause_start if relative else cue.start)[-1:]
        if not items and not qty:
            return []
        parties = self._clause_parties(s_idx, clause_start, clause_end)
        if not self._may_concern_scope(parties, clause_start, clause_end):
            return []  # only transfers with the DPRK are kept: no need to read this one
        if cue.text.lower() in lexicon.TRANSFER_STATE_NEXT_VERBS and not any(
                cue.end < f.start <= cue.end + 5 for _, f in parties):
            return []  # "help" is a transfer only as "help <a state> build ...", "handed" as "handed <a state> ..."
        direction = "in" if cue.kind == "use" else cue.kind  # who fires the missiles received them
        # the parties of the cue's own part of the clause (not those of what goes back)
        role_lo, role_hi = clause_start, clause_end
        if back_items and exchange.start() >= cue.end:
            role_hi = exchange.start()
        elif exchange is not None and exchange.end() <= cue.start and not back_items \
                and len(lower[clause_start:exchange.start()].split()) <= 1:
            role_lo = exchange.end()  # "In exchange for shells, Russia sent" (not "Russia has in return provided")
        own = [(p, f) for p, f in parties if role_lo <= f.start < role_hi]
        supplier, recipient = self._roles(own, cue, direction, items, role_lo, role_hi, s_idx)
        if (supplier is None or recipient is None) and cue.kind != "use":
            supplier, recipient = self._by_route(s_idx, role_lo, role_hi, supplier, recipient)
        if supplier is None or recipient is None or supplier.name == recipient.name:
            return []
        if cue.kind == "use" and recipient.country == SCOPE_COUNTRY:
            return []  # the DPRK firing missiles is a test, not a transfer
        status = _status(lower[clause_start:clause_end], lower[clause_start:cue.start], cue)
        if status == _POSSIBLE and (_OFFER_RE.search(lower, sent.start, cue.start) or (
                exchange is not None and exchange.end() <= cue.start
                and " ".join(exchange.group().split()) in lexicon.EXCHANGE_MARKERS)):
            # an offer ("hinted that Moscow could help"), or the other side of a deal ("In
            # exchange, the DPRK would have received ..."): a matter of negotiation
            status = "negotiating"
        if cue.kind == "use" and status not in ("negotiating", "agreed", "sought", _POSSIBLE):
            status = "used_in_combat"
        elif status == "delivered" and _USED_AFTER_RE.search(lower, cue.end, sent.end):
            status = "used_in_combat"  # "transferred 100 ballistic missiles, which Russia has fired at Ukrainian cities"
        # troops and shells sent together are two transfers ("10,000 troops, in addition to
        # millions of artillery shells")
        out = []
        for kind, kind_items, kind_qty, batch in _by_count(_by_kind(items, qty)):
            if batch:  # "and about 3,000 more": a further batch, never merged with another claim
                group = _Group(supplier, recipient, status in _FACTUAL, kind, batch=True)
                self.groups.append(group)
            else:
                group = self._group(supplier, recipient, status, kind, kind_items, kind_qty, s_idx=s_idx)
            group.statuses.append(status)
            self._mark(group, s_idx)
            for m in kind_items:
                self._add_item(group, m.text)
            if kind_qty and (group.quantity is None or _counts_trips(group.quantity)):
                best = min(kind_qty, key=_counts_trips)  # "a million shells" says more than "10 shipments"
                if group.quantity is None or not _counts_trips(best):
                    group.quantity = best
            out.append(group)
        if back_items:
            back_status = "delivered" if back_given else _exchange_status(status)
            back = self._group(recipient, supplier, back_status, _kind_of(back_items, []), back_items, [])
            back.statuses.append(back_status)
            self._mark(back, s_idx)
            for m in back_items:
                self._add_item(back, m.text)
            out.append(back)
        return out

    def _beyond_denial(self, sent, cue: _Cue) -> bool:
        """The cue is in a clause after the first that denies nothing."""
        lo, hi = _clause(self.doc.plain, sent.start, sent.end, cue.start)
        return lo > sent.start and not _DENIAL_RE.search(self.doc.lower, lo, hi)

    def _passed_through(self, f: Found, lo: int) -> bool:
        """The place is a region (of no one state) named as what the cargo passed through: after
        "via" or "through", or after "and" following one so named ("through the Middle East
        and Africa")."""
        if f.target.place_kind != "region" or _WATER_WORD_RE.search(f.target.name):
            return False  # a bridge or a sea is crossed, not a stop
        lower = self.doc.lower
        if _role_before(lower[max(lo, f.start - 60):f.start]) == "via":
            return True
        earlier = [p for p in self.by_sentence.get(self.doc.sentence_at(f.start), ())
                   if p.category == PLACE and lo <= p.end <= f.start]
        return bool(earlier) and re.fullmatch(r"\s*(?:,|,?\s*(?:and|or))\s+(?:the\s+)?", lower[earlier[-1].end:f.start]) \
            is not None and self._passed_through(earlier[-1], lo)

    def _presence(self, s_idx: int) -> list[_Group]:
        """Troops of one state counted in another ("more than 11,000 North Korean soldiers are
        now in Russia's Kursk region"): a claim that they were sent there."""
        sent = self.doc.sentences[s_idx]
        here = self.by_sentence.get(s_idx, ())
        lower = self.doc.lower
        out = []
        for q in self.quantities:
            if not (sent.start <= q.start < sent.end) or q.unit not in _PERSONNEL_UNITS:
                continue
            at = _PRESENCE_RE.match(lower, q.end, sent.end)
            owner = next((f for f in here if f.kind == "demonym" and q.start <= f.start < q.end and f.target), None)
            host = next((f for f in here if at is not None and at.end() <= f.start <= at.end() + 30 and f.target
                         and f.target.country and f.category in (COUNTRY, PLACE)), None)
            if owner is None or host is None:
                continue
            supplier_state = self.gaz.root_state(owner.target)
            recipient_state = self.gaz.state(host.target.country)
            if supplier_state is None or recipient_state is None or supplier_state.name == recipient_state.name:
                continue
            supplier = _Party(supplier_state.name, supplier_state.key, supplier_state.country, owner.start, owner.end,
                              "state")
            recipient = _Party(recipient_state.name, recipient_state.key, recipient_state.country, host.start,
                               host.end, "state")
            group = self._group(supplier, recipient, "delivered", "personnel", [], [q], s_idx=s_idx)
            group.statuses.append("delivered")
            self._mark(group, s_idx)
            self._add_item(group, q.unit)
            if group.quantity is None:
                group.quantity = q
            if self._in_scope(group):
                out.append(group)
        return out

    def _deployment(self, s_idx: int) -> list[_Group]:
        """Troops of the DPRK reported where they serve, without a count or a verb of sending
        ("North Korean soldiers have returned to the front line in Russia's Kursk region", "are
        fighting alongside Russian forces", "the deployment of DPRK troops to Russia"): a claim
        that they were sent. They went to the state they fight beside or for, else to the state
        they are in or went back to; troops fighting with no such state named went to the state
        the article pairs with the DPRK (never to the one whose land they fight on: "fighting in
        Ukraine"). Troops in the front line or fighting were used in combat."""
        doc = self.doc
        sent = doc.sentences[s_idx]
        lower = doc.lower
        here = self.by_sentence.get(s_idx, ())
        start = max(sent.start, doc.dateline_end(s_idx))
        out: list[_Group] = []
        for owner in here:
            if owner.target is None or owner.start < start or owner.kind not in ("demonym", "name") \
                    or owner.category not in (COUNTRY, PLACE) and owner.kind != "demonym":
                continue
            state = self.gaz.root_state(owner.target)
            if state is None or state.country != SCOPE_COUNTRY:
                continue  # a state's own forces fighting at home or beside DPRK troops are sent nowhere
            noun = _DEPLOYED_NOUN_RE.match(lower, owner.end, sent.end)
            own = _OWN_DEPLOYMENT_RE.match(lower, owner.end, sent.end) if noun is None else None
            if noun is None and own is None:
                continue
            lo, hi = _clause(doc.plain, start, sent.end, owner.start)
            if _SPECULATION_RE.search(lower, lo, owner.start) or _UNCLEAR_RE.search(lower, lo, owner.start) \
                    or _HEARSAY_RE.search(lower, lo, owner.start):
                continue  # "whether North Korean troops are fighting", "could be sent": no claim
            sending = own is not None or _DEPLOYMENT_OF_RE.search(lower[max(lo, owner.start - 60):owner.start]) is not None
            if own is not None:
                noun = own
            predicate = _DEPLOYED_PREDICATE_RE.match(lower, noun.end(), hi) if own is None else None
            if predicate is not None and predicate.group("at") and not _BE_RE.search(predicate.group("aux")):
                predicate = None  # "North Korean troops in Russia" names them, it says nothing of them
            if predicate is None and not sending:
                continue
            tail_start = predicate.end() if predicate is not None else noun.end()
            fighting = predicate is not None and predicate.group("fight") is not None
            ally = host = None
            host_in = False  # "the presence of North Korean troops in ...": where they are, maybe the war
            for f in here:
                if f.target is None or not (tail_start <= f.start < hi) or f is owner:
                    continue
                before = lower[max(lo, f.start - 20):f.start]
                if _AGAINST_BEFORE_RE.search(before):
                    continue
                if _ALLY_BEFORE_RE.search(before):
                    party = self._party(f)
                    ally_state = self.gaz.root_state(f.target) if party is None and f.kind == "demonym" else None
                    if party is not None or ally_state is not None:
                        ally = party or _Party(ally_state.name, ally_state.key, ally_state.country, f.start, f.end,
                                               "state")
                        break
                if host is None and f.kind != "demonym" and f.category in (COUNTRY, PLACE) and f.start - tail_start <= 60:
                    by_in = predicate is None and _IN_STATE_RE.search(lower, max(lo, f.start - 12), f.start) is not None
                    if predicate is None and not by_in and not _TO_STATE_RE.search(lower, max(lo, f.start - 12), f.start):
                        continue
                    host_state = self.gaz.root_state(f.target) if f.category == COUNTRY else \
                        self.gaz.state(f.target.country) if f.target.country else None
                    if host_state is not None:
                        host = _Party(host_state.name, host_state.key, host_state.country, f.start, f.end, "state")
                        host_in = by_in
            # with no state named for them: the one the DPRK's last transfer went to, else the one the
            # article pairs with it, unless that one only speaks of them here ("Japan condemned the
            # deployment of North Korean soldiers to fight against Ukraine")
            main = next((g.recipient for g in reversed(self.groups)
                         if g.supplier.country == SCOPE_COUNTRY and self._in_scope(g)), None) or self._main_counterpart()
            if main is not None and any(
                    (p := self._party(f)) is not None and p.name == main.name for f in here if lo <= f.start < owner.start):
                main = None
            if ally is not None:
                recipient = ally
            elif fighting or (sending and (host is None or host_in)):
                recipient = host if host is not None and main is not None and host.name == main.name else main
            else:
                recipient = host
            if recipient is None or recipient.country == SCOPE_COUNTRY or (host is not None and host.country == SCOPE_COUNTRY):
                continue  # (troops fighting at home are sent nowhere)
            supplier = _Party(state.name, state.key, state.country, owner.start, owner.end, "state")
            combat = fighting or _FRONT_RE.search(lower, tail_start, hi) is not None and not sending
            status = "used_in_combat" if combat else "delivered"
            group = self._group(supplier, recipient, status, "personnel", [], [], s_idx=s_idx)
            group.statuses.append(status)
            self._mark(group, s_idx)
            self._add_item(group, "troops" if own is not None else " ".join(noun.group("noun").split()))
            if group not in out:
                out.append(group)
        return out

    def _exchange(self, start: int, end: int) -> re.Match | None:
        """The "in exchange for" of a clause (read once for all its cues)."""
        key = (start, end)
        if key not in self._clauses:
            self._clauses[key] = _EXCHANGE_RE.search(self.doc.lower, start, end)
        return self._clauses[key]

    def _legal(self, start: int, end: int) -> bool:
        return _LEGAL_RE.search(self.doc.lower, start, end) is not None

    def _clause_parties(self, s_idx: int, start: int, end: int) -> list[tuple[_Party, Found]]:
        parties = self._clause_party_cache.get((start, end))
        if parties is None:
            parties = self._clause_party_cache[(start, end)] = self._parties(s_idx, start, end)
        return parties

    def _mark(self, group: _Group, s_idx: int) -> None:
        sent = self.doc.sentences[s_idx]
        if (sent.start, sent.end) not in group.spans:
            group.spans.append((sent.start, sent.end))
        group.last_sentence = max(group.last_sentence, s_idx)

    def _group(self, supplier: _Party, recipient: _Party, status: str, kind: str, items: list[_Item],
               quantities: list[Quantity], *, s_idx: int | None = None) -> _Group:
        """The transfer a claim belongs to. Claims between the same parties are one transfer,
        except that a plan named before any delivery is a transfer of its own (talks, then a
        delivery, are two findings), and a delivery of other items in another quantity is
        another delivery ("missiles fired at Ukraine" and "1,000 containers of munitions"), as
        is a delivery from the same port to another destination, and a delivery of items of another kind ("a car" given, then "food and technology"
        sent; "shells", then "KN-23 missiles"). A plan named after a delivery ("it was planning
        to deliver more") is part of it, and so is a later mention of the same kind of items."""
        factual = status in _FACTUAL
        same = [g for g in self.groups if g.supplier.name == supplier.name and g.recipient.name == recipient.name
                and g.kind == kind and (not g.batch or (kind == "personnel" and not quantities))]
        if status == _POSSIBLE:
            same = [g for g in same if not _other_items_named(g, items)]
            same = [g for g in same if g.factual] or same
        elif kind == "personnel":
            # troops sent, then more sent or planned: one deployment; workers sent are another
            labour = _labour([m.text for m in items])
            if labour is not None:
                same = [g for g in same if _labour(g.items) in (None, labour)]
        elif factual:
            same = [g for g in same if g.factual]
            if same and quantities and _other_items(same[-1], items):
                same = []
            leg = self._leg_named(s_idx) if same and s_idx is not None else None
            if leg is not None:  # "from Rason to Vostochny" after "from Najin to Dunay": another run
                same = [g for g in same if not _other_destination(g, *leg)]
            lower = self.doc.lower  # "such vehicles", "these missiles": items already named, no new kind
            named = [m for m in items if not _REFERS_BACK_RE.search(lower, max(0, m.start - 12), m.start)]
            # a named model is a flow apart from a counted shipment of its kind ("13,000 containers
            # of shells and missiles", then "KN-23 missiles fired"), not from an uncounted mention
            strict, loose = _kinds_of(named, group=False), _kinds_of(named, group=True)
            if strict:
                same = [g for g in same if not _kinds_of_names(g.items, group=True)
                        or (strict if g.quantity is not None else loose) & _kinds_of_names(g.items, group=True)]
            if status == "used_in_combat":  # "weapons used in Ukraine" is not the count of a shipment
                same = [g for g in same if g.quantity is None or "used_in_combat" in g.statuses
                        or strict & _kinds_of_names(g.items, group=True)]
        else:
            delivered = [g for g in same if g.factual and not _other_items_named(g, items)]
            plans = [g for g in same if not g.factual]
            same = delivered or [g for g in plans if set(g.statuses) != {_POSSIBLE}] or plans
        if same:
            return same[-1]
        g = _Group(supplier, recipient, factual, kind)
        self.groups.append(g)
        return g

    def _leg_named(self, s_idx: int) -> tuple[Target, Target] | None:
        """The first leg a sentence names from one place to another ("shuttled munitions from
        Rason to Vostochny Port"), or None."""
        probe = _Group(*(_Party("", None, "", -1, -1, "state"),) * 2, factual=True)
        self._route(probe, s_idx)
        start = next((st for st in probe.stops if st.role == "from"), None)
        end = next((st for st in probe.stops if st.role in ("to", "at") and start is not None
                    and st.target != start.target), None)
        return (start.target, end.target) if end is not None else None

    def _add_item(self, group: _Group, item: str) -> None:
        item = " ".join(item.split())
        if all(w[:1].isupper() and w[1:].islower() for w in item.split()):
            item = item.lower()  # a headline's Title Case ("Military Equipment")
        elif item[:1].isupper() and item[1:].islower() and " " not in item:
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

    def _parties(self, s_idx: int, start: int, end: int) -> list[tuple[_Party, Found]]:
        """The parties named in a clause, leaving out those that only report it."""
        frames = self._attribution_frames(s_idx)
        doc_lower = self.doc.lower
        dateline = self.doc.dateline_end(s_idx)  # "KYIV, April 24 (Reuters) -": where it was filed
        out = []
        for f in self.by_sentence.get(s_idx, ()):
            if f.start < max(start, dateline) or f.end > end or f.target is None:
                continue
            if any(lo <= f.start < hi for lo, hi in frames) or _BASED_RE.match(doc_lower, f.end):
                continue  # a reporter, or "a UK-based research group"
            party = self._party(f)
            if party is not None:
                out.append((party, f))
        return out

    def _attribution_frames(self, s_idx: int) -> list[tuple[int, int]]:
        """The parts of a sentence that say who reports it ("South Korea's spy agency said",
        "according to Seoul", ", officials said."): their names are sources, not parties."""
        cached = self._frames.get(s_idx)
        if cached is not None:
            return cached
        doc = self.doc
        sent = doc.sentences[s_idx]
        lower = doc.lower
        frames: list[tuple[int, int]] = []
        for m in _ACCORDING_RE.finditer(lower, sent.start, sent.end):
            frames.append(m.span())
        head = _SAID_THAT_RE.match(lower, sent.start, sent.end)
        if head is not None and not _has_cue_word(lower[head.start():head.end()]):
            frames.append(head.span())
        tail = _SAID_TAIL_RE.search(lower, sent.start, sent.end)
        if tail is not None:
            frames.append(tail.span())
        for m in _SAID_BETWEEN_RE.finditer(lower, sent.start, sent.end):
            frames.append(m.span())  # "..., South Korea's Joint Chiefs of Staff said on Wednesday, after ..."
        # the words before the reported clause of a statement made in this sentence, back to
        # the start of their own clause ("..., as Washington warned that")
        for s in self._sentence_statements.get(s_idx, ()):
            if s.start > sent.start or s.end < sent.end:
                continue
            at = doc.plain.find(s.quote, sent.start, sent.end) if s.quote else -1
            if at > sent.start + 3:
                begin = sent.start
                for m in _CLAUSE_START_RE.finditer(lower, sent.start, at):
                    begin = m.end()
                if not _has_cue_word(lower[begin:at]):  # not "Russia has given Kim a car, media said, a move"
                    frames.append((begin, at))
        self._frames[s_idx] = frames
        return frames

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
            # "Russian forces fired ...", "the North Korean military": the state's armed forces
            if not _FORCES_AFTER_RE.match(self.doc.lower, f.end, f.end + 30):
                return None
            state = gaz.root_state(t)
            if state is None:
                return None
            return _Party(state.name, state.key, state.country, f.start, f.end, "forces")
        elif f.category == COUNTRY or (f.category == PLACE and f.kind == "metonym"):
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

    def _roles(self, parties, cue, direction, items, start, end, s_idx):
        text = self.doc.plain
        supplier = recipient = None
        end_user = None
        cue_start, cue_end = cue.start, cue.end
        # "were supplied by", or a participle right after what it supplied ("missiles supplied by")
        passive = cue.kind != "noun" and not cue.text.lower().endswith("ing") and (
            _PASSIVE_BEFORE_RE.search(text, max(start, cue_start - 30), cue_start) is not None
            or any(0 <= cue_start - m.end <= 2 for m in items))
        first_item = items[0].start if items else cue_end
        for party, f in parties:
            words = text[max(start, f.start - 40):f.start].lower().split()
            if words and words[-1] == "the":
                words.pop()
            last = words[-1] if words else ""
            if last == "from":
                supplier = supplier or party
            elif last in lexicon.FIGHT_FOR_PREPOSITIONS and len(words) > 2 and words[-2] in lexicon.FIGHT_VERBS \
                    and words[-3] == "to" and f.start > cue_end:
                recipient = recipient or party  # "sending troops to fight in Russia's war" (not "Wagner, fighting in Ukraine")
            elif last in ("to", "into"):
                if len(words) > 1 and words[-2] in ("turn", "turns", "turned", "turning"):
                    supplier = supplier or party
                elif len(words) > 1 and words[-2] in lexicon.NOT_RECIPIENT_BEFORE_TO:
                    pass  # "posing a greater threat to South Korea": no one receives a threat
                elif f.start > min(cue_start, first_item) and direction != "in":
                    # (the subject of an incoming verb receives: "received the car and conveyed
                    # thanks to Putin" names no recipient)
                    recipient = recipient or party
            elif last == "on" and len(words) > 1 and words[-2] in ("rely", "relies", "relied", "relying"):
                supplier = supplier or party
            elif cue.kind == "in" and cue_end <= f.start <= cue_end + 5 and cue.text.lower() in _ASK_WORDS:
                supplier = supplier or party  # "North Korea has asked Russia for fighter jets"
            elif _for_use_by(words):
                end_user = party
            elif last == "for" and f.start > cue_end + 5 and text[f.end:f.end + 2] in ("'s", "\u2019s") \
                    and direction != "in":
                recipient = recipient or party
            elif last == "for" and f.start > first_item and direction == "in" and cue.kind != "use":
                recipient = recipient or party  # "to obtain weapons and munitions for Russia"
            elif last == "by" and direction == "out" and f.start > cue_end and passive:
                supplier = supplier or party  # "shells were supplied by North Korea", "missiles supplied by"
        # the object of an outgoing verb: "supplying Russia with weapons", "help Pyongyang build"
        if direction == "out":
            helps = cue.text.lower() in lexicon.TRANSFER_HELP_VERBS
            for party, f in parties:
                if f.kind == "demonym" and any(m.start <= f.start < m.end or 0 <= m.start - f.end <= 1 for m in items):
                    continue  # "sending North Korean troops": the adjective of what is sent, not who gets it
                if f.start >= cue_end and (text[cue_end:f.start].strip() in ("", "the") or (
                        f.category == PERSON and _OBJECT_TITLE_RE.fullmatch(text, cue_end, f.start))) and (
                        helps or _object_then_item(text, f.end, items)):
                    recipient = recipient or party
        made_in = self._made_in(items, start, end)
        if made_in is not None and supplier is None and (recipient is None or recipient.name != made_in.name):
            supplier = made_in  # "North Korean munitions" come from the DPRK
        by_adjective = supplier is not None and supplier is made_in
        subject = self._subject(parties, cue_start, start, noun=direction == "noun", cue=cue, s_idx=s_idx)
        sent_start = self.doc.sentences[s_idx].start
        relative = _RELATIVE_SUBJECT_RE.search(text[max(sent_start, cue_start - 60):cue_start].lower()) \
            if subject is None and direction in ("out", "in") and not passive else None
        if relative is not None:
            # "..., Russia, which has been paying for ...": the party the relative clause follows
            at = max(sent_start, cue_start - 60) + relative.start()
            subject = next((p for f in self.by_sentence.get(s_idx, ()) if f.end == at and f.target is not None
                            and (p := self._party(f)) is not None), None)
        if subject is None and direction in ("out", "in") and not passive \
                and _ANAPHOR_SUBJECT_RE.search(text[max(start, cue_start - 40):cue_start].lower()):
            subject = self._antecedent(s_idx)
            if subject is not None and any(p.name == subject.name for p in (supplier, recipient) if p is not None):
                subject = None
        if passive and direction == "out":
            subject = None  # the subject of the sentence is not who gave "the missiles supplied by ..."
        if direction == "noun" and _UNDIRECTED_NOUN_RE.search(cue.text.lower()):
            subject = None  # "the arms trade", "arms deals": no direction without "from"/"to"/"between"
        if subject is not None:
            if direction == "in":
                if recipient is None and subject is not supplier and subject.name != (supplier and supplier.name):
                    recipient = subject
            elif supplier is None and subject is not recipient and subject.name != (recipient and recipient.name):
                supplier = subject
        # "arms negotiations between Russia and the DPRK": the DPRK supplies
        between = _BETWEEN_RE.search(text, start, end)
        if (supplier is None or recipient is None) and between and direction == "noun":
            pair = []
            for p, f in parties:
                if f.start >= between.end() and all(p.name != q.name for q in pair):
                    pair.append(p)
            pair = pair[:2]
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
            others = [p for p, f in parties if p.name != known.name and p.kind != "forces" and _last_word(
                text, start, f.start) not in (
                "against", "in", "on", "at", "over", "about", "like", *(("to", "into") if supplier is None else ()))
                and f.start > that
                and not _REPORTED_BY_RE.match(text, f.end, f.end + 40)
                # nor, for the DPRK, a state that is never its counterpart by default (a body of
                # Ukraine reporting: '"... to help the aggressor," a representative of HUR told')
                and not (known.country == SCOPE_COUNTRY and p.country in lexicon.NOT_DEFAULT_COUNTERPARTS)]
            names = {p.name for p in others}
            if len(names) == 1:
                if supplier is None:
                    supplier = others[0]
                else:
                    recipient = others[0]
        # weapons fired with no maker named are the user's own ("Russia launched 70 missiles and
        # 145 drones"), unless they refer back to those already named ("the missiles were fired")
        if cue.kind == "use" and supplier is None and not any(
                _FIRED_BACK_RE.search(text, max(start, m.start - 12), m.start) for m in items):
            return None, recipient
        # one party named: the other from a transfer already reported between the same parties,
        # else the state the article reports the DPRK's trade with
        if (supplier is None) != (recipient is None) and supplier is not None and supplier.country != SCOPE_COUNTRY \
                and ((by_adjective and (any(ItemCategory.of(m.text.lower()) == _PERSONNEL_CATEGORY for m in items)
                                        or _OWN_FORCES_RE.match(text, supplier.end)))
                     or supplier.kind == "forces") and not any(
                f.target is not None and f.target.country == SCOPE_COUNTRY for f in self.by_sentence.get(s_idx, ())):
            return supplier, None  # "Russian troops arrived in the village": their own, not sent to the DPRK
        if (supplier is None) != (recipient is None):
            known = supplier or recipient
            other = self._counterpart(known, as_supplier=supplier is not None, cue=cue, s_idx=s_idx)
            if other is not None:
                if supplier is None:
                    supplier = other
                else:
                    recipient = other
        # no party named for this verb: those of the transfer the sentence claimed just before
        # ("North Korea is preparing to send troops to Russia, ... after some 11,000 soldiers
        # deployed earlier suffered heavy casualties")
        if supplier is None and recipient is None and any(0 <= cue_start - m.end <= 2 for m in items):
            earlier = next((g for g in reversed(self.groups) if g.last_sentence == s_idx and self._in_scope(g)), None)
            if earlier is not None:
                supplier, recipient = earlier.supplier, earlier.recipient
        if supplier is None and recipient is None and s_idx in self._borrowed:
            supplier, recipient = self._borrowed[s_idx]
        if end_user is not None and end_user.kind == "armed_group":
            recipient = end_user
        return supplier, recipient

    def _previous_pair(self, s_idx: int) -> tuple[_Party, _Party] | None:
        """The two states of the sentence before, as the one that acts on the other ("North Korea
        has been arming Russia", "Pyongyang is supplying Moscow"): its first state named as a
        subject, then another after it; none when they are joined ("North Korea and Russia
        have ...", "talks between"), when one of them is the DPRK's own, or when it denies."""
        if s_idx == 0 or self.doc.headline[s_idx - 1]:
            return None
        prev = self.doc.sentences[s_idx - 1]
        if any(lo <= prev.start < hi or lo < prev.end <= hi for lo, hi in self.denials):
            return None
        subject = self._antecedent(s_idx)
        if subject is None:
            return None
        lower = self.doc.lower
        frames = self._attribution_frames(s_idx - 1)
        first = next((f for f in self.by_sentence.get(s_idx - 1, ()) if f.target is not None
                      and not any(lo <= f.start < hi for lo, hi in frames) and self._party(f) is not None), None)
        if first is None:
            return None
        for f in self.by_sentence.get(s_idx - 1, ()):
            if f.target is None or f.start <= first.end or any(lo <= f.start < hi for lo, hi in frames):
                continue
            party = self._party(f)
            if party is None or party.kind != "state":
                continue
            if party.name == subject.name or re.search(r"\b(?:and|with|between|or)\s+(?:the\s+)?$",
                                                        lower[first.end:f.start]):
                return None
            if SCOPE_COUNTRY not in (subject.country, party.country):
                return None
            return subject, party
        return None

    def _antecedent(self, s_idx: int) -> _Party | None:
        """The state "it" or "they" stands for at the start of a sentence: the first state the
        sentence before names as its subject (not after a preposition, not the one that reports
        it: "South Korea says North Korea is helping Russia's war. It has sent ..." is the DPRK)."""
        if s_idx == 0 or self.doc.headline[s_idx - 1]:
            return None
        frames = self._attribution_frames(s_idx - 1)
        text = self.doc.plain
        start = self.doc.sentences[s_idx - 1].start
        for f in self.by_sentence.get(s_idx - 1, ()):
            if f.target is None or any(lo <= f.start < hi for lo, hi in frames):
                continue
            party = self._party(f)
            if party is None or party.kind != "state":
                if f.kind == "demonym":
                    continue
                return None  # the sentence is about something else first ("The Angara left Rajin")
            if _last_word(text, start, f.start) in _BLOCKING_PREPS:
                return None
            return party
        return None

    def _counterpart(self, known: _Party, *, as_supplier: bool, cue: _Cue, s_idx: int) -> _Party | None:
        """The other party of a transfer whose sentence names only one: that of the last
        transfer with the same party in the same role; else, for another state, the DPRK when
        the sentence or the two before name it ("the North Korean port of Rajin ... RUSI said
        the shipments likely contain munitions for Russia's war"); else, for the DPRK, the
        state the article names most besides it (never a state that only reports)."""
        for g in reversed(self.groups):
            if not self._in_scope(g):
                continue
            if as_supplier and g.supplier.name == known.name:
                return g.recipient
            if not as_supplier and g.recipient.name == known.name:
                return g.supplier
        if cue.kind == "use":
            return None
        main = self._main_counterpart()
        if known.country != SCOPE_COUNTRY:
            # the state the article pairs with the DPRK, or one already in a transfer with it (what it
            # gives back: "Moscow pays for these supplies with oil" after the missiles it got),
            # named with the DPRK just before
            paired = (main is not None and main.name == known.name) or any(
                known.name in (g.supplier.name, g.recipient.name) for g in self.groups if self._in_scope(g))
            if not paired or not self._dprk_near(s_idx):
                return None
            state = self.gaz.state(SCOPE_COUNTRY)
            return _Party(state.name, state.key, state.country, -1, -1, "state") if state is not None else None
        return main

    def _main_counterpart(self) -> _Party | None:
        """The state the article names most besides the DPRK, outside attributions ("North
        Korea has sent about 13,000 containers of munitions": to Russia), when one stands out."""
        if "main" in self._near:
            return self._near["main"]
        counts: dict[str, tuple[int, _Party]] = {}
        lower = self.doc.lower
        for i, fs in self.by_sentence.items():
            if self.doc.headline[i]:
                continue
            frames = self._attribution_frames(i)
            for f in fs:
                if f.target is None or any(lo <= f.start < hi for lo, hi in frames) \
                        or _BASED_RE.match(lower, f.end) or _last_word(lower, 0, f.start) in _PLACE_PREPS \
                        or _REPORTED_BY_RE.match(lower, f.end, f.end + 40):
                    continue  # a reporter ("Washington believed"), "U.S.-sanctioned", "the war in Ukraine"
                party = self._party(f)
                if party is None and (f.kind == "demonym" or f.category == PLACE):
                    # "the Russian cargo vessel", "heading for Vostochny": the state they belong to
                    state = self.gaz.root_state(f.target) if f.kind == "demonym" else \
                        self.gaz.state(f.target.country) if f.target.country else None
                    party = _Party(state.name, state.key, state.country, f.start, f.end, "state") if state else None
                if party is None or party.kind not in ("state", "forces") or party.country == SCOPE_COUNTRY \
                        or party.country in lexicon.NOT_DEFAULT_COUNTERPARTS:
                    continue
                n, first = counts.get(party.name, (0, party))
                counts[party.name] = (n + 1, first)
        ranked = sorted(counts.values(), key=lambda c: -c[0])
        main = None
        if ranked and not (len(ranked) > 1 and ranked[1][0] * 2 > ranked[0][0]):  # one state stands out
            main = ranked[0][1]
        self._near["main"] = main
        return main

    def _dprk_near(self, s_idx: int) -> bool:
        """The DPRK (or a place, a body or a person of it) is named in this sentence or the two before."""
        near = self._near.get(s_idx)
        if near is None:
            near = self._near[s_idx] = any(
                f.target is not None and (f.target.country == SCOPE_COUNTRY or (
                    f.category != PLACE and (state := self.gaz.root_state(f.target)) is not None
                    and state.country == SCOPE_COUNTRY))
                for i in range(max(0, s_idx - 2), s_idx + 1) for f in self.by_sentence.get(i, ()))
        return near

    def _by_route(self, s_idx: int, start: int, end: int, supplier: _Party | None,
                  recipient: _Party | None) -> tuple[_Party | None, _Party | None]:
        """A party the clause does not name, from the places it gives the route by: "The Angara
        carried containers of munitions from Rajin to Dunay" goes from the DPRK to Russia. Only
        between two states, one of them the DPRK, and never against a party that is named."""
        lower = self.doc.lower
        origin = destination = None
        for f in self.by_sentence.get(s_idx, ()):
            if f.category != PLACE or f.kind == "metonym" or not (start <= f.start < end) or f.target is None \
                    or not f.target.country:
                continue
            word = _last_word(lower, start, f.start)
            if origin is None and word in lexicon.ROUTE_ORIGIN_WORDS:
                origin = f
            elif origin is not None and destination is None and word in lexicon.ROUTE_DESTINATION_WORDS \
                    and (word != "and" or _last_word(lower, start, origin.start) == "between"):
                destination = f
        if origin is None or destination is None or origin.target.country == destination.target.country \
                or SCOPE_COUNTRY not in (origin.target.country, destination.target.country):
            return supplier, recipient
        states = []
        for f in (origin, destination):
            state = self.gaz.state(f.target.country)
            if state is None:
                return supplier, recipient
            states.append(_Party(state.name, state.key, state.country, f.start, f.end, "state"))
        if (supplier is not None and supplier.name != states[0].name) or (
                recipient is not None and recipient.name != states[1].name):
            return supplier, recipient
        return states[0], states[1]

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
        return any(g.supplier.name in names or g.recipient.name in names for g in self.groups if self._in_scope(g)) \
            or self._dprk_near(self.doc.sentence_at(start))

    def _made_in(self, items: list[_Item], start: int, end: int) -> _Party | None:
        """The state whose adjective qualifies a transferred item ("North Korean munitions",
        "Russian help with satellite technology")."""
        text = self.doc.plain
        for f in self.by_sentence.get(self.doc.sentence_at(start), ()):
            if f.kind == "demonym" and start <= f.start < end and f.target is not None:
                # (the item may start inside the adjective: "North Korean-made" gives "Korean-made ...")
                if any(m.start <= f.start < m.end or f.start <= m.start < f.end or f.end <= m.start <= f.end + 60 and (
                        len(text[f.end:m.start].split()) <= 2 or _MADE_BY_RE.fullmatch(text, f.end, m.start)
                        or re.fullmatch(
                        r"\s+(?:help|assistance|aid|support|cooperation)\s+(?:with|on|in|for)\s+(?:\w+\s+)?",
                        text[f.end:m.start])) for m in items):
                    state = self.gaz.root_state(f.target)
                    if state is not None:
                        return _Party(state.name, state.key, state.country, f.start, f.end, "state")
        return None

    def _subject(self, parties, cue_start: int, start: int, *, noun: bool = False, cue: _Cue | None = None,
                 s_idx: int | None = None) -> _Party | None:
        parsed = self._parsed_subject(s_idx, cue) if cue is not None and cue.kind != "noun" else None
        if parsed is not None:
            lo, hi = parsed
            # the party the subject names ("Russia", "Moscow's defence ministry"); none when
            # the subject is a pronoun, a person who is no party or the items themselves
            return next((party for party, f in parties if lo <= f.start < hi and f.end <= cue_start), None)
        text = self.doc.plain
        if _PRONOUN_SUBJECT_RE.search(self.doc.lower, max(start, cue_start - 40), cue_start):
            return None  # "... after it fired more than 20 missiles": the subject is not named here
        best = None
        for party, f in parties:
            if f.end > cue_start:
                continue
            prev = _last_word(text, start, f.start)
            if prev in _BLOCKING_PREPS or (prev.endswith("ed") and len(prev) > 4 and prev not in lexicon.BELIEF_VERBS):
                continue  # "to Russia", "Moscow had approached Pyongyang": not the subject
                # ("Washington believed North Korea was supplying": the subject of what is believed)
            between = text[f.end:cue_start]
            if len(between) > 120 or _THAT_RE.search(between):
                continue
            if noun and (len(between) > 50 or "," in between) and not between.startswith(("'s", "\u2019s")):
                continue
            best = party
        return best

    def _parsed_subject(self, s_idx: int | None, cue: _Cue) -> tuple[int, int] | None:
        """The span (in the article) of the subject of a cue verb in the sentence's parse, or
        None without a parse. The subject of an infinitive or a verb joined to another is that
        of the verb it depends on ("Moscow had approached Pyongyang to request ammunition");
        a passive subject is the items ("the shells were sent"), so no party: (0, 0)."""
        if self.parses is None or s_idx is None:
            return None
        parsed = self.parses.get(s_idx)
        if parsed is None:
            return None
        base = self.parses.start_of(s_idx)
        token = next((t for t in parsed if t.idx + base == cue.start), None)
        if token is None:
            return None
        for _ in range(6):
            subjects = [c for c in token.children if c.dep_ in _PARSE_SUBJECTS]
            if not subjects and token.dep_ == "ccomp" and token.head.lower_ in lexicon.BELIEF_VERBS:
                # "Washington believed North Korea was supplying": the parse may hang the clause's
                # subject on the verb of believing as its object; the believer is no party to it
                subjects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
                if not subjects:
                    return (0, 0)
            if subjects:
                subject = subjects[0]
                if subject.dep_ in _PARSE_PASSIVE_SUBJECTS:
                    return (0, 0)
                words = list(subject.subtree)
                return words[0].idx + base, words[-1].idx + len(words[-1].text) + base
            if token.dep_ not in _PARSE_CLIMB or token.head is token:
                return (0, 0)
            token = token.head
        return (0, 0)

    def _has_place(self, s_idx: int) -> bool:
        return s_idx in self.place_sentences

    def _in_scope(self, g: _Group) -> bool:
        return SCOPE_COUNTRY in (g.supplier.country, g.recipient.country)

    # ------------------------------------------------------------- details
    def _is_detail(self, s_idx: int, cues: list[_Cue]) -> bool:
        """A sentence that adds to a transfer just claimed: where the cargo went, by what,
        aboard which ship, when ("The containers were then moved by rail to a depot near
        Tikhoretsk", "It then sailed to Dunay")."""
        doc = self.doc
        sent = doc.sentences[s_idx]
        lower = doc.lower
        if _MEETING_SENTENCE_RE.search(lower, sent.start, sent.end) and not cues:
            return False  # "Kim travelled to Russia by armoured train": a trip, not the cargo's route
        if _DETAIL_RE.search(lower, sent.start, sent.end):
            return True  # "the equipment", "the transfer": a reference back, at any distance
        if not any(self._reaches(g, s_idx) for g in self.groups if self._in_scope(g)):
            return False
        return self._route_like(s_idx, cues)

    def _route_like(self, s_idx: int, cues: list[_Cue]) -> bool:
        """Places named as where something went from, through or to, with a ship, a train or a
        verb of moving ("the Angara sailed from Rajin to Dunai")."""
        doc = self.doc
        sent = doc.sentences[s_idx]
        lower = doc.lower
        if _MEETING_SENTENCE_RE.search(lower, sent.start, sent.end) and not cues:
            return False
        here = self.by_sentence.get(s_idx, ())
        places = [f for f in here if f.category == PLACE and f.kind != "metonym" and f.target is not None
                  and f.target.country and _role_before(lower[max(sent.start, f.start - 60):f.start])]
        vessels = any(f.category == VESSEL for f in here)
        if not places and not vessels:
            return False
        return bool(cues) or vessels or bool(_ROUTE_VERB_RE.search(lower, sent.start, sent.end)) \
            or bool(_MODE_RE.search(lower, sent.start, sent.end))

    def _reaches(self, group: _Group, s_idx: int) -> bool:
        doc = self.doc
        if group.last_sentence < 0 or s_idx <= group.last_sentence:
            return group.last_sentence == s_idx
        return s_idx - group.last_sentence <= _DETAIL_REACH or \
            doc.sentence_paragraph[s_idx] == doc.sentence_paragraph[group.last_sentence]

    def _detail_target(self, s_idx: int) -> _Group | None:
        """The transfer a detail sentence continues: among those it may reach, the one whose
        items it names, a claim that it happened over a plan, the latest."""
        words = self.doc.sentence_words[s_idx]
        countries = {f.target.country for f in self.by_sentence.get(s_idx, ())
                     if f.category == PLACE and f.target is not None}
        best, best_score = None, None
        for g in self.groups:
            if not self._in_scope(g):
                continue
            score = 2 if self._reaches(g, s_idx) else 0
            if any(i.lower().split()[-1] in words for i in g.items):
                score += 3
            if g.quantity is not None and g.quantity.unit.split()[-1] in words:
                score += 2
            if g.factual:
                score += 2
            if g.supplier.country in countries:
                score += 1
            if (g.kind == "personnel") == bool(words & _PERSONNEL_WORDS):
                score += 1
            key = (score, g.last_sentence)
            if best_score is None or key > best_score:
                best, best_score = g, key
        return best

    def _details(self, group: _Group, s_idx: int, *, claimed: bool = False) -> None:
        """Add what a sentence says of the transfer: when, the route and (unless the sentence
        claims the transfer itself, whose quantity the claim took) how much."""
        doc = self.doc
        sent = doc.sentences[s_idx]
        self._mark(group, s_idx)
        self._period(group, s_idx)
        self._route(group, s_idx)
        if group.quantity is None and not claimed:
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
        """The places of one sentence as stops of the route, with their roles and modes."""
        doc = self.doc
        sent = doc.sentences[s_idx]
        lower = doc.lower
        here = self.by_sentence.get(s_idx, ())
        frames = self._attribution_frames(s_idx)
        vessels = [f.target for f in here if f.category == VESSEL and f.target is not None]
        for v in vessels:
            if v not in group.vessels:
                group.vessels.append(v)
        vessel = vessels[0] if vessels else None
        if group.kind == "personnel" and not vessels and not _MODE_RE.search(lower, sent.start, sent.end) \
                and self._leg_named(s_idx) is None:
            # troops "deployed to", "now in" or "fighting in" a region: where they were sent ends their
            # route; "carried from Chongjin to Vladivostok" names a leg of their journey
            self._deployed_to(group, s_idx)
            return
        dateline = doc.dateline_end(s_idx)  # "VOSTOCHNY COSMODROME, Russia, Sept 13 (Reuters) -"
        # a region of no one state is a stop only as what the cargo passed through ("funnelling
        # them through the Middle East and Africa"), never as a destination given as cover
        candidates = [f for f in here if f.category == PLACE and f.target is not None
                      and (f.target.country or self._passed_through(f, sent.start))
                      and f.start >= dateline and not any(lo <= f.start < hi for lo, hi in frames) and not _WATER_RE.search(f.target.name)
                      and not _RESIDENCE_RE.search(lower, max(sent.start, f.start - 60), f.start)]
        named = [f for f in candidates if f.kind != "metonym"]
        # a capital is a route place only beside another place ("flown from Pyongyang to Vladivostok")
        places = [f for k, f in enumerate(candidates) if f.kind != "metonym" or (named and (
            _role_before(lower[max(sent.start, f.start - 30):f.start]) in ("from", "via", "to")
            or (k > 0 and candidates[k - 1].kind != "metonym"
                and _pair(lower[max(sent.start, candidates[k - 1].start - 60):candidates[k - 1].start],
                          lower[candidates[k - 1].end:f.start]))
            or (k + 1 < len(candidates) and candidates[k + 1].kind != "metonym"
                and _pair(lower[max(sent.start, f.start - 60):f.start], lower[f.end:candidates[k + 1].start]))))
            and not _POSSESSIVE_RE.match(lower, f.end)]
        via = _VIA_RE.search(lower, sent.start, sent.end)
        via_modes = [_WORD_MODE[w] for w in via.groups() if w] if via else []
        # the one mode a sentence names, for the places it gives no mode of their own
        sentence_mode = {m.lastgroup for m in _MODE_RE.finditer(lower, sent.start, sent.end)}
        if len(sentence_mode) != 1:
            sentence_mode = set()
        stops: list[_Stop] = []
        prev_end = sent.start
        i = 0
        while i < len(places):
            p = places[i]
            if _MEETING_RE.search(lower, max(prev_end, p.start - 60), p.start) \
                    or _DEPLOYED_RE.search(lower, max(prev_end, p.start - 60), p.start) \
                    or _LAUNCH_SITE_RE.search(lower, max(prev_end, sent.start, p.start - 140), p.start):
                prev_end = p.end
                i += 1
                continue  # "the summit at Vostochny", "met in Vladivostok", "used in the fighting in Kursk"
            before = lower[max(prev_end, p.start - 60):p.start]
            nxt = places[i + 1] if i + 1 < len(places) else None
            after_end = nxt.start if nxt is not None else sent.end
            if nxt is not None and _pair(before, lower[p.end:nxt.start]):
                # "between A and B", "from A to B", "A-B": one leg
                mode = _mode_in(lower, prev_end, nxt.start) or _mode_in(lower, nxt.end, min(sent.end, nxt.end + 40))
                modes = [mode] if mode else list(via_modes[-1:]) or list(sentence_mode)
                stops.append(_Stop(p.target, "from", [], vessel, s_idx))
                stops.append(_Stop(nxt.target, "to", modes, vessel, s_idx))
                prev_end = nxt.end
                i += 2
                continue
            if stops and _within(lower[places[i - 1].end:p.start], p.target, places[i - 1].target):
                prev_end = p.end
                i += 1
                continue  # "Khasan in Primorsky Krai", "Dunay in Russia's Far East": where the last one is
            role = _role_before(before)
            owner = _OWNER_BEFORE_RE.search(before)
            if role is None and owner is not None:
                role = _role_before(before[:owner.start()])  # "landed at Pyongyang's Sunan airport"
            if role is None and stops and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", lower[places[i - 1].end:p.start]):
                role = stops[-1].role  # "from Chongjin, Hamhung and Musudan"
            if role is None:
                prev_end = p.end  # a place named for something else ("Rajin port was busy")
                i += 1
                continue
            if role == "from":
                mode = _mode_in(lower, p.end, min(after_end, p.end + 40)) or _mode_in(lower, prev_end, p.start)
            else:
                mode = _mode_in(lower, prev_end, p.start) or _mode_in(lower, p.end, min(after_end, p.end + 40))
            if role == "to" and via_modes and via is not None and via.end() <= p.start:
                modes = via_modes  # "via sea and rail to a depot": the last mode reaches it
            else:
                modes = [mode] if mode else list(sentence_mode)
            stops.append(_Stop(p.target, role, modes, vessel, s_idx))
            prev_end = p.end
            i += 1
        if not stops and via_modes and re.search(r"\b(?:moved|transported|taken|carried|sent|shipped|delivered)\s+"
                                                 r"(?:on\s+)?(?:via|by)\s+", lower[sent.start:sent.end]):
            # "moved via train to southwestern Russia": a last leg to an unnamed place
            if via_modes[-1] not in group.trailing_modes:
                group.trailing_modes.append(via_modes[-1])
        group.stops.extend(stops)

    def _deployed_to(self, group: _Group, s_idx: int) -> None:
        """Where troops were deployed, sent, stationed or fight ("most of whom have been deployed
        to the Kursk region", "11,000 North Korean troops were now in Russia's Kursk region"): the
        last stop of their route, reached by no mode the text names."""
        doc = self.doc
        sent = doc.sentences[s_idx]
        frames = self._attribution_frames(s_idx)
        dateline = doc.dateline_end(s_idx)
        prev_end = sent.start
        for f in self.by_sentence.get(s_idx, ()):
            if f.category != PLACE or f.target is None or f.kind == "metonym" or not f.target.country \
                    or f.start < dateline or any(lo <= f.start < hi for lo, hi in frames):
                continue
            if _DEPLOYMENT_BEFORE_RE.search(doc.lower, max(prev_end, f.start - 80), f.start):
                if not any(st.target == f.target for st in group.stops):
                    group.stops.append(_Stop(f.target, "to", [], None, s_idx))
                return
            prev_end = f.end

    # ------------------------------------------------------------- output
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
_PERSONNEL_WORDS = frozenset({"troops", "soldiers", "personnel", "workers", "forces", "laborers", "labourers",
                              "engineers", "servicemen"})
_PERSONNEL_UNITS = frozenset({"troops", "soldiers", "personnel", "workers", "people"})
_CUE_WORD_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _OUT_WORDS | _IN_WORDS), key=len, reverse=True))
                          + r")\b")
# The words before a place that give its role on the route, nearest first.
_ROLE_OF: dict[tuple[str, ...], str] = {
    **{tuple(w.split()): "from" for w in lexicon.ROUTE_FROM_WORDS},
    **{tuple(w.split()): "via" for w in lexicon.ROUTE_VIA_WORDS},
    **{tuple(w.split()): "to" for w in lexicon.ROUTE_TO_WORDS},
}
_ROLE_LENGTHS = sorted({len(k) for k in _ROLE_OF}, reverse=True)
# Words that may stand between a role word and its place ("to a supply depot near", "from the
# Russian port of"); anything else ends the search.
_ROLE_STOPS = frozenset({"and", "or", "but", "which", "where", "while", "after", "before", "then", "when", "as",
                         "said", "says", "with"})
_THAT_RE = re.compile(r"\bthat\b")
_CLAUSE_START_RE = re.compile(r",\s+(?:as|while|and|but|whereas|after|when|because|although|even\s+as)\s+|;\s+")
# Dependency labels (spaCy's English scheme): subjects, and the links through which a verb
# takes the subject of the verb it depends on.
_PARSE_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_PARSE_PASSIVE_SUBJECTS = frozenset({"nsubjpass"})
_PARSE_CLIMB = frozenset({"xcomp", "advcl", "pcomp", "prep", "pobj", "conj", "acomp", "dobj"})
_ASK_WORDS = frozenset({"ask", "asks", "asked", "asking", "request", "requests", "requested", "requesting",
                        "urge", "urged", "urges", "pressed", "press", "presses", "pressing"})
# Rivers and seas are crossed, not stops of a route; where troops stay is not where they went.
_WATER_RE = re.compile(r"\b(?:River|Sea|Strait|Bay|Ocean)$")
_WATER_WORD_RE = re.compile(r"\b(?:River|Sea|Strait|Bay|Ocean|Gulf)\b")
_RESIDENCE_RE = re.compile(r"\b(?:staying|stay|housed|quartered|billeted|accommodated)\b")
_PLACE_PREPS = frozenset({"in", "against", "at", "on", "inside", "across", "over", "under", "by"})
_ITEMS_BEFORE_CUES = lexicon.ITEMS_BEFORE_CUES
# "Iranian-made Mohajer-6 and Shahed-series drones": the state that made the items
_MADE_BY_RE = re.compile(r"-(?:made|built|produced|manufactured|supplied|designed)\s+(?:(?!of\b|to\b|from\b|for\b|in\b)"
                         r"[\w-]+\s+){0,5}")
_PRONOUN_SUBJECT_RE = re.compile(r"\b(?:it|he|she|they|which|who)\s+(?:(?:has|have|had|was|were|is|are|been|"
                                 r"also|already|reportedly|then|later|\w+ly)\s+){0,3}$")
# "it"/"they" as the subject of a cue, at the start of its clause ("In return, it has received
# oil"; "It has sent more than 10,000 troops"): the state the sentence before was about
_ANAPHOR_SUBJECT_RE = re.compile(r"(?:^|[,;]\s*|\band\s+)(?:it|they)\s+(?:(?:has|have|had|was|were|is|are|been|"
                                 r"also|already|reportedly|then|later|since|\w+ly)\s+){0,3}$")
_RELATIVE_SUBJECT_RE = re.compile(r",\s+(?:which|who)\s+(?:(?:has|have|had|was|were|is|are|been|also|already|"
                                  r"reportedly|then|later|\w+ly)\s+){0,3}$")
_LEGAL_RE = re.compile(
    r"\b(?:bar|bars|barred|barring|ban|bans|banned|banning|prohibit\w*|forbid\w*|outlaw\w*|would\s+(?:violate|breach|"
    r"be\s+a\s+(?:serious\s+)?(?:violation|breach))|under\s+(?:the\s+)?(?:un\s+|u\.n\.\s+)?(?:sanctions|resolutions?))\b")
_BASED_RE = re.compile(r"-(?:based|backed|led|flagged|made|built|owned|registered|sanctioned|designated)\b")
_FORCES_AFTER_RE = re.compile(r"\s+(?:armed\s+)?(?:forces|military|army|navy|troops|units|regime|government|"
                              r"authorities)\b")
_LOADING_RE = re.compile(r"\b(?:loaded|loading|load|picked\s+up|took\s+on|taking\s+on)\b")
_PAIR_FROM_RE = re.compile(r"\b(?:between|from|out\s+of|" + "|".join(lexicon.LINK_VERBS)
                           + r")\s+(?:the\s+)?(?:(?!and\b|to\b|from\b)[\w'-]+\s+){0,4}$")


def _role_before(before: str) -> str | None:
    """The role the words before a place give it: "from", "via" or "to" (stops and ends),
    looking back over at most four filler words ("to a supply depot near"). Where the cargo
    was loaded is where it left from ("loaded onto freight trains at Tumangang")."""
    words = re.findall(r"[\w'-]+|[,;:()]", before)
    fillers = 0
    j = len(words)
    while j > 0 and fillers <= 4:
        for size in _ROLE_LENGTHS:
            if size <= j:
                phrase = tuple(words[j - size:j])
                role = _ROLE_OF.get(phrase)
                if role is not None:
                    if phrase in (("at",), ("in",)) and _LOADING_RE.search(" ".join(words[max(0, j - 8):j])):
                        return "from"
                    return role
        word = words[j - 1]
        if word in _ROLE_STOPS or not word[0].isalnum():
            return None
        if word not in ("the", "a", "an"):
            fillers += 1
        j -= 1
    return None


def _within(between: str, place: Target, previous: Target) -> bool:
    """A place named right after another to say where that one is ("Khasan in Primorsky
    Krai", "Dunay, a small military port in Russia's Far East", "Vostochny near Nakhodka")."""
    if place.country not in (previous.country, ""):
        return False
    if re.fullmatch(r"\s*,?\s*(?:near|outside|close\s+to|next\s+to)\s+(?:the\s+)?(?:(?:city|town|port)\s+of\s+)?",
                    between):
        return True
    return place.place_kind == "region" and re.fullmatch(
        r"\s*(?:,\s*)?(?:(?:a|an|the)\s+(?:[\w'-]+\s+){0,4})?(?:in|of|on)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,2}",
        between) is not None


def _pair(before: str, between: str) -> bool:
    """Two places that are the two ends of one leg: "between A and B", "from A to B", "A-B"."""
    if re.fullmatch(r"\s*[-\u2013\u2014/]\s*", between):
        return True
    m = _PAIR_FROM_RE.search(before)
    if m is None:
        return False
    first = m.group().split()[0]
    if first in lexicon.LINK_VERBS:  # "the bridge that links Tumangang in North Korea with Khasan"
        joiner = r"with|to|and"
        between = re.sub(r"^\s+in\s+(?:[\w'-]+\s+){0,2}?[\w'-]+(?=\s+(?:with|to|and)\s)", "", between)
    else:
        joiner = r"and" if first == "between" else r"to|into|towards?|and\s+(?:then\s+)?(?:on\s+)?to"
    # the far end may be one of several named as a group ("between Rajin and Russian ports,
    # including a naval facility at Dunay")
    return re.fullmatch(rf"\s+(?:{joiner})\s+{_PAIR_FILLER}(?:[\w'-]+,\s+(?:{_INCLUDING})\s+{_PAIR_FILLER})?",
                        between) is not None


_PAIR_FILLER = r"(?:(?:the|a|an)\s+)?(?:(?!and\b|to\b|from\b)[\w'-]+\s+){0,4}"
_INCLUDING = "|".join(w.replace(" ", r"\s+") for w in lexicon.INCLUDING_WORDS)
# A list of examples right after a bare "in return" ("..., in return, including fighter aircraft").
_INCLUDING_AFTER_RE = re.compile(r"\s*,?\s*(?:" + _INCLUDING + r")\b")


def _mode_in(lower: str, lo: int, hi: int) -> str | None:
    """The transport mode named last in lower[lo:hi] ("by rail", "aboard", "flown")."""
    found = None
    for m in _MODE_RE.finditer(lower, lo, hi):
        found = m.lastgroup
    return found


def _status(clause: str, before: str, cue: _Cue) -> str:
    """What a clause claims of its transfer (``before``: the clause up to the cue; both lower case)."""
    cue_text = cue.text.lower()
    near = before[-70:]
    if _HEARSAY_RE.search(before):
        return _POSSIBLE  # "triggered speculation that he seeks Russian technologies"
    if _SPECULATION_RE.search(near[-25:]) and not _NEGOTIATION_RE.search(near[-25:]):
        return _POSSIBLE  # "the deals could also help North Korea ...": the modal right before the cue
    if re.match(r"negotiat|talks|discuss", cue_text) or _NEGOTIATION_RE.search(near) or (
            cue.kind == "noun" and _UNDIRECTED_NOUN_RE.search(cue_text)):
        return "agreed" if _AGREED_RE.search(before) else "negotiating"
    if _SPECULATION_RE.search(near[-45:]):
        # "could supply", "is expected to ask for", "may have supplied": a possibility, not a claim
        return _POSSIBLE
    if _SOUGHT_RE.search(near) or _SOUGHT_RE.fullmatch(cue_text) or cue_text.split()[0] in ("ask", "asks",
                                                                                          "asked", "asking"):
        return "agreed" if _AGREED_RE.search(near) else "sought"
    if _UNCLEAR_RE.search(before):
        return _POSSIBLE  # "it is unclear what Moscow has agreed to provide"
    if _AGREED_RE.search(near):
        return "agreed"
    if _FUTURE_RE.search(before):
        return "agreed"  # "North Korea will send 1,000 deminers": announced, not yet done
    if _PROSPECT_RE.search(near[-25:]):
        return _POSSIBLE  # "a possible transfer"
    if _TO_BEFORE_RE.search(before) and not _ONGOING_TO_RE.search(before):
        return "negotiating"  # "talks with North Korea to acquire"
    combat = _COMBAT_RE.search(clause)
    if combat and not re.search(r"\bto\s+be\s+$", clause[:combat.start()]):
        return "used_in_combat"
    if _TRANSIT_RE.search(clause) or (cue.kind == "out" and cue_text.endswith("ing")
                                      and _PROGRESSIVE_BEFORE_RE.search(before)):
        return "in_transit"  # "is covertly supplying": under way, receipt not confirmed
    return "delivered"


def _exchange_status(status: str) -> str:
    """What goes back "in exchange" for a transfer that happened was agreed on, unless the
    text says it was given ("in return for the rounds it has shipped")."""
    if status in ("used_in_combat", "in_transit", "delivered"):
        return "agreed"
    return status


_GENERIC_ITEMS = frozenset({"weapons", "arms", "equipment", "materiel", "hardware", "weaponry", "munitions",
                            "ammunition", "containers"})


def _other_items(group: _Group, items: list[_Item]) -> bool:
    """The group names specific items and the claim names none of them."""
    specific = {i.lower().split()[-1] for i in group.items} - _GENERIC_ITEMS
    return bool(specific) and bool(items) and not specific & {m.text.lower().split()[-1] for m in items}


def _other_items_named(group: _Group, items: list[_Item]) -> bool:
    """The claim names specific items the group does not have ("may be preparing to transfer
    satellite technology" after "provided anti-aircraft missiles")."""
    mine = {i.lower().split()[-1] for i in group.items}
    return bool({m.text.lower().split()[-1] for m in items} - mine - _GENERIC_ITEMS)


_GENERIC_CATEGORIES = frozenset({str(ItemCategory.MILITARY_EQUIPMENT), str(ItemCategory.OTHER)})
_REFERS_BACK_RE = re.compile(r"\b(?:such|these|those|same)\s+$")
_FUTURE_RE = re.compile(r"\b(?:" + "|".join(lexicon.FUTURE_WORDS) + r")\s+(?:(?:also|soon|then|now)\s+)?$")
_OWN_FORCES_RE = re.compile(r"\s+(?:armed\s+)?(?:forces|military|army|navy|troops|units|soldiers)\b")
_PRONOUN_OBJECT_RE = re.compile(r"\s+(?:it|them)\b")
_FIRED_BACK_RE = re.compile(r"\b(?:the|such|these|those|same|its|their)\s+$", re.IGNORECASE)
_AMMUNITION_HEADS = frozenset({"munitions", "ammunition"})  # bare, no kind; "artillery ammunition" is one
_KINDLESS_HEADS = frozenset({"launchers", "launcher", "parts", "components", "systems"})
_MODEL_RE = re.compile(r"\b[a-z]+-\d+[a-z]*\b")


def _kinds_of(items: list[_Item], *, group: bool) -> frozenset[str]:
    return _kinds_of_names([m.text for m in items], group=group)


def _kinds_of_names(names: list[str], *, group: bool) -> frozenset[str]:
    """The kinds of items a claim names, to tell one flow from another: a named model
    ("KN-23 missiles") is its own kind; otherwise the item's category, or for the wide
    categories (equipment, other goods) its head word ("car", "food"); generic words
    ("weapons", "equipment") name no kind, nor do launchers and parts in a claim (they go
    with what they launch: "launchers for the missiles"). A transfer already found
    (``group``) counts its models' categories and its launchers too, so "the missiles" still
    joins the KN-23 transfer and shells do not join one of rocket launchers.""" 
    kinds = set()
    for name in names:
        low = name.lower()
        model = _MODEL_RE.search(low)
        head = low.split()[-1] if low.split() else ""
        if low in _GENERIC_ITEMS or head in _GENERIC_ITEMS - _AMMUNITION_HEADS \
                or (head in _KINDLESS_HEADS and not group):
            continue
        category = ItemCategory.of(low)
        if model is not None:
            kinds.add(model.group())
            if not group:
                continue
        kinds.add(head if category in _GENERIC_CATEGORIES else category)
    return frozenset(kinds)


def _by_kind(items: list[_Item], quantities: list[Quantity]) -> list[tuple[str, list[_Item], list[Quantity]]]:
    """Items and quantities parted into personnel and materiel (the kinds present, materiel first)."""
    people = [m for m in items if ItemCategory.of(m.text.lower()) == _PERSONNEL_CATEGORY]
    things = [m for m in items if m not in people]
    people_qty = [q for q in quantities if q.unit in _PERSONNEL_UNITS]
    things_qty = [q for q in quantities if q not in people_qty]
    parts = []
    if things or (things_qty and not people):
        parts.append(("materiel", things, things_qty))
    if people or (people_qty and not things):
        parts.append(("personnel", people, people_qty))
    return parts


_FACTUAL = frozenset({"used_in_combat", "delivered", "in_transit"})
# Units that count packages or loads, not the items: "6,700 containers" and "3 million shells"
# may count one flow.
_LOAD_UNITS = frozenset({"containers", "wagons", "railcars", "rail cars", "railway cars", "freight cars", "trucks",
                         "shipments", "crates", "boxes", "pallets", "cargoes", "barrels", "tons", "carriages",
                         "boxcars", "flatcars", "train cars", "pieces", "ships", "vessels", "trips", "voyages",
                         "deliveries", "units", "systems"})


def _other_destination(group: _Group, origin: Target, destination: Target) -> bool:
    """The group's route leaves from ``origin`` for somewhere that is not ``destination``."""
    starts = {st.target for st in group.stops if st.role == "from"}
    ends = {st.target for st in group.stops if st.role in ("to", "at")}
    return origin in starts and bool(ends) and destination not in ends and destination not in starts


def _by_count(parts: list[tuple[str, list[_Item], list[Quantity]]]) -> list[tuple[str, list[_Item], list[Quantity],
                                                                               bool]]:
    """Each part parted again where the claim counts items of different kinds separately
    ("about 50 guns and about 20 rocket launchers": two transfers) or a further batch ("about
    11,000 troops last fall and about 3,000 more"): each count with the items named from it
    to the next count (the first also those before it), and whether it is a further batch."""
    out = []
    for kind, items, quantities in parts:
        counted = [q for q in quantities if q.unit not in _LOAD_UNITS]
        more = [_further(q) for q in counted]
        if len(counted) < 2 or (len({ItemCategory.of(q.unit) for q in counted}) < 2 and not any(more)):
            out.append((kind, items, quantities, False))
            continue
        for n, q in enumerate(counted):
            nxt = counted[n + 1].start if n + 1 < len(counted) else None
            mine = [m for m in items if (n == 0 or m.start >= q.start) and (nxt is None or m.start < nxt)]
            # a count marked as further is a batch of its own, and so is any count after it
            out.append((kind, mine, [q], more[n] or (n > 0 and any(more))))
    return out


_FURTHER_WORDS_RE = re.compile(r"\b(?:" + "|".join(lexicon.FURTHER_BATCH_WORDS) + r")\b")


def _further(q: Quantity) -> bool:
    low = q.text.lower()
    return low.endswith(" more") or _FURTHER_WORDS_RE.search(low) is not None


def _labour(names) -> bool | None:
    """Whether personnel named are sent to work (True) or to fight (False); None when the
    names say neither."""
    heads = {" ".join(n.lower().split()[-2:]) for n in names} | {n.lower().split()[-1] for n in names if n.split()}
    if heads & lexicon.LABOUR_PERSONNEL_WORDS:
        return True
    return False if heads & _PERSONNEL_WORDS else None


def _kind_of(items: list[_Item], quantities: list[Quantity]) -> str:
    categories = {ItemCategory.of(m.text.lower()) for m in items}
    units = {q.unit for q in quantities}
    if (categories and categories <= {_PERSONNEL_CATEGORY}) or (not categories and units and units <= _PERSONNEL_UNITS):
        return "personnel"
    return "materiel"


def _comma_after(text: str, start: int, end: int) -> int:
    at = text.find(",", start, end)
    return at if at >= 0 else end


def _has_cue_word(words: str) -> bool:
    return _CUE_WORD_RE.search(words) is not None


_CLAUSE_SPLIT_RE = re.compile(
    r";\s|,\s+(?:but|while|whereas|which|who)\s+|,\s+and\s+(?=that\s|(?:[\w'\u2019-]+\s+){1,4}?(?:is|are|was|were|has|"
    r"have|had|will|would|could|may|might)\b)"
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
    opened = [d for d in periods if d.end_value is None and d.precision != "day"]
    if opened:
        # "selling weapons since the invasion began, in February 2022. Last September, it was
        # reported ...": the transfers run from then on; a later month is not their whole span
        return opened[0].value, None
    for precision in ("day", "month"):
        ranged = [d for d in periods if d.end_value is not None and d.precision == precision
                  and d.end_value != d.value]
        if ranged:
            return ranged[0].value, ranged[0].end_value
    chosen = periods[0]
    return chosen.value, chosen.end_value


def _assemble(g: _Group) -> tuple[list[Target], tuple[LegCandidate, ...]]:
    """The route in travel order and its legs: each sentence's stops in its order (where a
    leg starts before where it ends), a later sentence carrying on from the place it names
    again ("It then sailed to Dunay"); places in the supplier's country before the others and
    those in the recipient's country last; each leg with the mode and vessel named for it."""
    chain: list[Target] = []
    inbound: dict[Target, list[str]] = {}
    outbound: dict[Target, list[str]] = {}
    vessel_of: dict[Target, Target] = {}
    ends = {g.supplier.country, g.recipient.country}
    by_sentence: dict[int, list[_Stop]] = {}
    for stop in g.stops:
        if stop.role == "via" or stop.target.country in ends or not stop.target.country:
            by_sentence.setdefault(stop.sentence, []).append(stop)
    for s_idx in sorted(by_sentence):
        stops = by_sentence[s_idx]
        ordered = [s for s in stops if s.role == "from"] + [s for s in stops if s.role != "from"]
        cursor: int | None = None
        for stop in ordered:
            t = stop.target
            if t in chain:
                cursor = chain.index(t)
            elif cursor is not None:
                chain.insert(cursor + 1, t)
                cursor += 1
            elif stop.role == "from" and chain and t.country == g.supplier.country:
                chain.insert(0, t)
                cursor = 0
            else:
                chain.append(t)
                cursor = len(chain) - 1
            if stop.modes:
                target_modes = outbound if stop.role == "from" else inbound
                target_modes.setdefault(t, list(stop.modes))
            if stop.vessel is not None:
                vessel_of.setdefault(t, stop.vessel)
    if g.supplier.country != g.recipient.country:
        rank = {g.supplier.country: 0, g.recipient.country: 2}
        chain.sort(key=lambda t: rank.get(t.country, 1))
    # places only passed through ("funnelling them through the Middle East and Africa"): the
    # text gives no leg between two of them, only that the cargo went through both
    passed = {s.target for s in g.stops if s.role == "via"} - {s.target for s in g.stops if s.role != "via"}
    legs: list[LegCandidate] = []
    for a, b in zip(chain, chain[1:], strict=False):
        modes = inbound.get(b) or outbound.get(a) or []
        mode = modes[-1] if modes else "unknown"
        if a in passed and b in passed and mode == "unknown" and not (vessel_of.get(b) or vessel_of.get(a)):
            continue
        legs.append(_leg(a, b, mode, vessel_of.get(b) or vessel_of.get(a)))
    # "via sea and rail to X" with X the only place: legs of unknown ends, in order
    if len(chain) == 1 and len(inbound.get(chain[0], [])) > 1:
        modes = inbound[chain[0]]
        for mode in modes[:-1]:
            legs.append(_leg(None, None, mode, vessel_of.get(chain[0])))
        legs.append(_leg(None, chain[0], modes[-1], vessel_of.get(chain[0])))
    elif chain and len(inbound.get(chain[-1], [])) > 1 and legs:
        # the earlier modes belong to the legs before the last one, if those have none
        modes = inbound[chain[-1]]
        for i, mode in enumerate(reversed(modes[:-1]), start=2):
            if len(legs) >= i and legs[-i].mode == "unknown":
                legs[-i] = _leg_with_mode(legs[-i], mode)
    elif len(chain) == 1 and inbound.get(chain[0]):
        legs.append(_leg(None, chain[0], inbound[chain[0]][-1], vessel_of.get(chain[0])))
    for mode in g.trailing_modes:
        if chain and legs and legs[-1].to_place == chain[-1].name and legs[-1].mode != mode:
            legs.append(_leg(chain[-1], None, mode, None))
    if g.vessels and not any(leg.vessel for leg in legs):
        # a ship named for the transfer but not for a leg: the first leg by sea (or one of its own)
        sea = next((i for i, leg in enumerate(legs) if leg.mode in ("sea", "unknown")), None)
        if sea is not None:
            legs[sea] = _leg_with_vessel(legs[sea], g.vessels[0])
        elif not legs:
            legs.append(_leg(None, None, "sea", g.vessels[0]))
    return chain, tuple(legs)


def _leg(a: Target | None, b: Target | None, mode: str, vessel: Target | None) -> LegCandidate:
    if vessel is not None and mode == "unknown":
        mode = "sea"  # a leg with a ship named for it goes by sea
    return LegCandidate(
        from_place=a.name if a else None,
        from_key=a.key if a else None,
        to_place=b.name if b else None,
        to_key=b.key if b else None,
        mode=mode,
        vessel=vessel.name if vessel is not None and mode == "sea" else None,
        vessel_key=vessel.key if vessel is not None and mode == "sea" else None,
    )


def _leg_with_mode(leg: LegCandidate, mode: str) -> LegCandidate:
    return LegCandidate(leg.from_place, leg.from_key, leg.to_place, leg.to_key, mode, leg.vessel, leg.vessel_key)


def _leg_with_vessel(leg: LegCandidate, vessel: Target) -> LegCandidate:
    return LegCandidate(leg.from_place, leg.from_key, leg.to_place, leg.to_key, "sea", vessel.name, vessel.key)
