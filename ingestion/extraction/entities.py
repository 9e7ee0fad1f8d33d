"""Names in the text: known ones from the gazetteer, unknown ones from patterns (a title
before a name, an apposition after it, a name next to a reporting verb, "<state>'s defence
ministry") and, optionally, from a statistical model. People get the role and the
affiliation the text gives them ("US National Security Council spokesperson John Kirby").

Unknown names are kept (``key=None``, method "pattern" or "model"): they become proposals
for new actors and places, never silent drops."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon
from .document import Doc
from .gazetteer import Gazetteer, Hit, ResolutionFact, Target
from .text import fold, name_key
from .types import COUNTRY, METONYM, ORGANIZATION, PERSON, PLACE, RESOLUTION, VESSEL, Mention

if TYPE_CHECKING:
    from .ner import SentenceParses

_SHIP_NOUN_RE = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in lexicon.SHIP_NOUNS), key=len,
                                reverse=True))
SHIP_CUES = re.compile(
    rf"\b(?:{_SHIP_NOUN_RE}|cargo|flagged|sail\w*|dock\w*|"
    r"port|shipping|voyage|shuttl\w*|berth\w*|moored|IMO|aboard|onboard)\b", re.IGNORECASE
)
_VESSEL_INTRO = re.compile(
    rf"\b(?:(?:cargo|container|merchant|transport|naval|missile|guided-missile|landing)\s+)?(?:{_SHIP_NOUN_RE})\s+"
    r"(?:named\s+|called\s+|dubbed\s+)?[\"'\u201c\u2018]?(?P<name>[A-Z][A-Za-z0-9]*(?:[- ][A-Z0-9][A-Za-z0-9]*){0,2})"
)
_RESOLUTION_RE = re.compile(
    r"(?:\bUNSCRs?|\bUNSC\s+[Rr]esolutions?|\bS/RES/?|"
    r"\b(?:(?:UN|U\.N\.|United\s+Nations)\s+)?(?:Security\s+Council\s+)?(?:sanctions\s+)?[Rr]esolutions?)"
    r"(?P<intro>,?\s+(?:" + "|".join(w.replace(" ", r"\s+") for w in lexicon.RESOLUTION_NUMBER_INTRODUCERS)
    + r"))?(?:(?<=/)|\s+)(?:No\.?\s*|Nos\.?\s*)?(?P<first>\d{3,4})(?:\s*\(\d{4}\))?"
    r"(?P<more>(?:\s*(?:,|and|or|&|/|" + "|".join(lexicon.RESOLUTION_RANGE_WORDS) + r")\s*(?:and\s+)?(?:No\.?\s*)?\d{3,4}"
    r"(?![\d,.]\d)(?:\s*\(\d{4}\))?)*)"
)
_NUMBER_RE = re.compile(r"\d{3,4}")
_RANGE_RE = re.compile(r"\s*(?:\(\d{4}\)\s*)?(?:" + "|".join(lexicon.RESOLUTION_RANGE_WORDS) + r")\s*$")
_SHIP_WORDS = frozenset(w for w in lexicon.SHIP_NOUNS if " " not in w)
_PERSON_NOT = lexicon.NOT_NAME_WORDS | lexicon.PORTFOLIO_WORDS


@dataclass(slots=True)
class Found:
    """A name found in the text, with what the later rules need to know about it."""

    category: str
    start: int
    end: int
    first: int
    last: int
    name: str
    key: str | None
    method: str
    target: Target | None
    kind: str = "name"  # name | demonym | metonym | epithet | body ("<state>'s <body noun>")
    role: str | None = None
    affiliation: str | None = None
    affiliation_target: Target | None = None
    prefix_start: int | None = None  # start of the title before a person's name
    listed: bool = True

    def mention(self, text: str) -> Mention:
        return Mention(
            category=self.category,
            text=text[self.start:self.end],
            start=self.start,
            end=self.end,
            name=self.name,
            key=self.key,
            method=self.method,
            role=self.role,
            affiliation=self.affiliation,
        )


def _found(hit: Hit) -> Found:
    t = hit.target
    return Found(t.category, hit.start, hit.end, hit.first, hit.last, t.name, t.key,
                 "gazetteer" if t.key else "pattern", t, hit.kind, listed=t.listed)


def find_entities(doc: Doc, gaz: Gazetteer, *, cue_sentences: set[int] | None = None, ner=None) -> list[Found]:
    """Every name in the text, in order. ``cue_sentences`` limit the statistical model to
    the sentences that carry attribution or transfer cues."""
    tokens = doc.tokens
    hits = gaz.match(doc.plain, tokens)
    kept = [_keep_hit(doc, h) for h in hits]
    # a ship named where the text speaks of ships is that ship wherever it is named again
    ships = {h.target.key for h, k in zip(hits, kept) if k and h.target.category == VESSEL}
    founds = [_found(h) for h, k in zip(hits, kept) if k or (h.target.category == VESSEL and h.target.key in ships)]
    founds += _parent_bodies(doc, gaz, founds)
    _attributive(doc, founds)
    numbered = _resolutions(doc, gaz, founds)
    numbered += _numbers_naming_measures(doc, gaz, founds + numbered)
    founds += numbered
    founds += _described_resolutions(doc, gaz, numbered, founds)
    taken = _taken(founds, len(tokens))
    founds += _legal_form_firms(doc, taken)
    founds += _unknown_orgs(doc, taken, founds)
    taken = _taken([f for f in founds if f.category != RESOLUTION], len(tokens))
    founds += _unknown_vessels(doc, gaz, taken)
    founds += _unknown_firms(doc, taken)
    founds = _regions(doc, founds, taken)
    founds += _settlements(doc, taken)
    founds += _sites(doc, taken)
    founds += _unknown_people(doc, taken)
    founds = _bodies(doc, gaz, founds)
    founds = _bodies_of_states(doc, gaz, founds)
    founds += _states_in_body_names(doc, gaz, founds)
    _owned_new_bodies(doc, gaz, founds)
    founds += _acronyms_of_new_names(doc, founds)
    founds.sort(key=lambda f: (f.start, -f.end))
    founds += _unowned_bodies(doc, gaz, founds)
    founds.sort(key=lambda f: (f.start, -f.end))
    founds += _surnames(doc, gaz, founds)
    if ner is not None and cue_sentences:
        # the model only adds names the rules did not find, and never splits one they found
        taken = _taken([f for f in founds if f.category != RESOLUTION], len(tokens))
        added = _model_entities(doc, gaz, ner, cue_sentences, taken, founds)
        if added:
            founds += added
            founds.sort(key=lambda f: (f.start, -f.end))
            founds += _surnames(doc, gaz, founds)
    founds.sort(key=lambda f: (f.start, -f.end))
    founds += _listed_places(doc, founds)
    founds.sort(key=lambda f: (f.start, -f.end))
    founds = _generic_bodies_follow(doc, founds)
    _roles(doc, gaz, founds)
    return founds


def _generic_bodies_follow(doc: Doc, founds: list[Found]) -> list[Found]:
    """A bare name that is one state's body only by convention ("the Foreign Office", the
    British one) stands for the body of that kind named before it in the text ("The German
    Foreign Office has summoned ... The Foreign Office wrote on X")."""
    out = []
    seen: dict[str, Found] = {}  # body type -> the last body of that type named with its state
    for f in founds:
        t = f.target
        if f.category == ORGANIZATION and t is not None and t.body:
            words = doc.plain[f.start:f.end].lower()
            earlier = seen.get(t.body)
            if words in lexicon.GENERIC_BODY_ALIASES and f.kind == "name" and earlier is not None \
                    and earlier.target.country != t.country:
                f = dataclasses.replace(f, name=earlier.name, key=earlier.key, target=earlier.target)
            elif words not in lexicon.GENERIC_BODY_ALIASES:
                seen[t.body] = f
        out.append(f)
    return out


def _listed_places(doc: Doc, founds: list[Found]) -> list[Found]:
    """Names listed with a place after a preposition of place are places: "assaults near
    Plekhovo, Vorozhba and Martynovka", "trained in Ussuriysk and Sergeevka", "to Vladivostok,
    Nakhodka and Bolshoy Kamen". Only a list closed by "and <Name>" that no verb follows, of
    capitalised words no rule explained ("in Seoul, Lee said" is no list; nor "in Seoul and
    Kim said")."""
    tokens = doc.tokens
    surface, norm, n = tokens.surface, tokens.norm, len(tokens)
    taken = _taken([f for f in founds if f.category != RESOLUTION], n)
    out: list[Found] = []
    places = {g.first: g for g in founds if g.category == PLACE}
    for f in founds:
        if f.category != PLACE or f.first == 0 or norm[f.first - 1] not in lexicon.PLACE_LIST_PREPOSITIONS \
                or f.last >= n or tokens.run[f.first - 1] <= 1:
            continue
        k, names = f.last, []
        while k < n and len(names) < 6:
            comma = tokens.gaps[k - 1].strip() == ","
            if norm[k] == "and" and (comma or tokens.run[k - 1] > 1) and k + 1 < n:
                last = _place_name_at(tokens, k + 1, taken)
                if last and not (last < n and tokens.run[last - 1] > 1 and (
                        surface[last][:1].isupper() or norm[last] in lexicon.REPORTING_VERBS
                        or norm[last] in lexicon.AUXILIARY_VERBS)):
                    names.append((k + 1, last))
                    out += [_new_place(doc, a, b) for a, b in names]
                break
            if not comma:
                break
            if k in places:
                k = places[k].last  # a known place in the list ("to Vladivostok, Nakhodka and ...")
                continue
            end = _place_name_at(tokens, k, taken)
            if not end:
                break
            names.append((k, end))
            k = end
    return out


def _new_name(doc: Doc, category: str, first: int, last: int) -> Found:
    """A place or person no rule knows, over tokens [first, last), under the words as written."""
    tokens = doc.tokens
    start, end = tokens.starts[first], tokens.ends[last - 1]
    name = _tidy(doc.text[start:end]) if category == PERSON else doc.text[start:end]  # a person's as people are named
    return Found(category, start, end, first, last, name, None, "pattern", Target(category, name))


def _new_place(doc: Doc, first: int, last: int) -> Found:
    return _new_name(doc, PLACE, first, last)


def _place_name_at(tokens, k: int, taken: bytearray) -> int:
    """The end of one or two listable words from ``k`` ("Sergeevka", "Bolshoy Kamen"), or 0."""
    if k >= len(tokens) or not _listable_place_word(tokens, k, taken):
        return 0
    if k + 1 < len(tokens) and tokens.run[k] > 1 and _listable_place_word(tokens, k + 1, taken):
        return k + 2
    return k + 1


def _listable_place_word(tokens, k: int, taken: bytearray) -> bool:
    word = tokens.surface[k]
    return word[:1].isupper() and not taken[k] and word.isalpha() and fold(word) not in _PERSON_NOT \
        and word not in lexicon.DEMONYMS


def _take(out: list[Found], found: Found, taken: bytearray) -> None:
    """Keep a name found and mark its tokens taken."""
    out.append(found)
    for k in range(found.first, found.last):
        taken[k] = 1


def _taken(founds: list[Found], n: int) -> bytearray:
    taken = bytearray(n)
    for f in founds:
        for i in range(f.first, f.last):
            if 0 <= i < n:
                taken[i] = 1
    return taken


# ----------------------------------------------------------------- known names
def _keep_hit(doc: Doc, hit: Hit) -> bool:
    t = hit.target
    surface = doc.text[hit.start:hit.end]
    if t.category == VESSEL:
        s = doc.sentences[doc.sentence_at(hit.start)]
        return bool(SHIP_CUES.search(doc.plain, s.start, s.end))
    if surface in lexicon.AMBIGUOUS_COUNTRY_NAMES:
        tokens = doc.tokens
        before = tokens.surface[hit.first - 1] if hit.first > 0 and tokens.run[hit.first - 1] > 1 else ""
        after = tokens.surface[hit.last] if hit.last < len(tokens) and tokens.run[hit.last - 1] > 1 else ""
        if before[:1].isupper() or after[:1].isupper():
            return False
        if surface == "America" and before.lower() in ("latin", "south", "north", "central"):
            return False
    return True


def _parent_bodies(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> list[Found]:
    """A body named as part of another ("the Central Military Commission of the ruling
    Workers' Party") is named too: the organisation after "of (the)" in a known
    organisation's name, past lower-case modifiers ("ruling")."""
    tokens = doc.tokens
    norm = tokens.norm
    out: list[Found] = []
    for f in founds:
        if f.category != ORGANIZATION or f.last - f.first < 4:
            continue
        for k in range(f.first + 1, f.last - 1):
            if norm[k] != "of":
                continue
            for j in range(k + 1, f.last):
                hit = gaz.match_at(tokens, j, f.last)
                if hit is not None and hit.target.category == ORGANIZATION and hit.target.key != f.key:
                    out.append(_found(hit))
                    break
                if norm[j] != "the" and not tokens.surface[j][:1].islower():
                    break
            break
    return out


def _attributive(doc: Doc, founds: list[Found]) -> None:
    """A bare "UN" that only modifies the next word ("UN sanctions", "U.N. Charter", "UN
    envoy", "United Nations sanctions") names no body of its own: it is kept for the rules
    but not listed."""
    tokens = doc.tokens
    for f in founds:
        if " ".join(tokens.surface[f.first:f.last]) in lexicon.ATTRIBUTIVE_ABBREVIATIONS \
                and f.last < len(tokens) and tokens.gaps[f.last - 1] == " " \
                and (tokens.surface[f.last][:1].isupper() or _qualified_head(tokens, f.last)):
            f.listed = False


def _qualified_head(tokens, k: int) -> bool:
    """A head noun the qualifier may stand before, right at ``k`` ("UN sanctions") or past one
    or two modifying words ("UN arms embargo", "UN human rights envoy")."""
    first = k
    while k < len(tokens):
        if tokens.norm[k] in lexicon.ATTRIBUTIVE_HEADS:
            return True
        if k - first >= 2 or tokens.norm[k] not in lexicon.ATTRIBUTIVE_MODIFIERS or tokens.gaps[k] != " ":
            return False
        k += 1
    return False


# ----------------------------------------------------------------- resolutions
def _resolutions(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> list[Found]:
    out: list[Found] = []
    text = doc.plain
    tokens = doc.tokens
    anchors = doc.positions(lexicon.RESOLUTION_WORDS)
    if not anchors:
        return out
    for m in _numbered_lists(text, doc.windows(anchors, 6, 12)):
        if m.group("intro") and _a_year(m.group("first")) and m.group("first") not in gaz.resolutions:
            continue  # "resolutions, including 2017's": a year, not a resolution
        numbers = [(m.start("first"), m.end("first"))]
        if m.group("more"):
            base = m.start("more")
            for n in _NUMBER_RE.finditer(m.group("more")):
                # skip years in brackets
                if text[base + n.start() - 1:base + n.start()] == "(":
                    continue
                numbers.append((base + n.start(), base + n.end()))
        for i, (number, s, e) in enumerate(_ranges_filled(text, numbers, gaz)):
            target = gaz.resolutions.get(number)
            start = m.start() if i == 0 else s
            span = tokens.span(start, e)
            out.append(Found(RESOLUTION, start, e, span.start, span.stop,
                             target.name if target else f"UNSCR {number}", target.key if target else None,
                             "gazetteer" if target else "pattern", target))
    return out


def _ranges_filled(text: str, numbers: list[tuple[int, int]], gaz: Gazetteer) -> list[tuple[str, int, int]]:
    """The numbers of a list (number, start, end), each range ("resolutions 1718 through 2397")
    filled in with the reference resolutions numbered inside it, found at the range's words. A
    number "to" a lower one is no resolution ("resolution 2375 to 2017 levels")."""
    out: list[tuple[str, int, int]] = []
    for i, (s, e) in enumerate(numbers):
        if i and _RANGE_RE.fullmatch(text, numbers[i - 1][1], s):
            low_start, low_end = numbers[i - 1]
            low, high = int(text[low_start:low_end]), int(text[s:e])
            if high <= low:
                continue
            out += [(k, low_start, e) for k in sorted(gaz.resolutions, key=int) if low < int(k) < high]
        out.append((text[s:e], s, e))
    return out


def _numbers_naming_measures(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> list[Found]:
    """A reference resolution's number right before the measures it imposed ("the 1718
    sanctions regime", "the 2397 cap") is that resolution; a year is not ("the 2017 cap")."""
    out: list[Found] = []
    tokens = doc.tokens
    taken = _taken(founds, len(tokens))
    for m in _NUMBER_MEASURE_RE.finditer(doc.plain):
        number = m.group("number")
        target = gaz.resolutions.get(number)
        span = tokens.span(m.start("number"), m.end("number"))
        if target is None or _a_year(number) or not span or any(taken[k] for k in span):
            continue
        out.append(Found(RESOLUTION, m.start("number"), m.end("number"), span.start, span.stop, target.name,
                         target.key, "gazetteer", target))
    return out


_NUMBER_MEASURE_RE = re.compile(
    r"\b(?P<number>\d{4})\s+(?:sanctions\s+)?(?:" + "|".join(sorted(lexicon.RESOLUTION_BINDING_NOUNS)) + r")\b")


def _a_year(number: str) -> bool:
    """A number a bare list could mean as a year of this era as well as a resolution."""
    return 1990 <= int(number) <= 2035


def _numbered_lists(text: str, windows: list[tuple[int, int]]):
    """Numbered references in the windows; a list running past its window ("resolutions
    1718 (2006), 1874 (2009), ... and 2397 (2017)") is read to its end."""
    for lo, hi in windows:
        pos = lo
        while (m := _RESOLUTION_RE.search(text, pos, hi)) is not None:
            if m.group("more") or m.end() >= hi - 1:
                m = _RESOLUTION_RE.match(text, m.start(), min(len(text), m.start() + 2000))
            yield m
            pos = m.end()


def _subject_phrases() -> dict[tuple[str, ...], frozenset[str]]:
    return {name_key(phrase): frozenset(subjects) for phrase, subjects in lexicon.RESOLUTION_SUBJECTS.items()}


_SUBJECTS = _subject_phrases()
_SUBJECT_MAX = max(len(k) for k in _SUBJECTS)
_SUBJECT_FIRST = frozenset(k[0] for k in _SUBJECTS)
_SUBJECT_LAST = frozenset(k[-1] for k in _SUBJECTS)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                         "september", "october", "november", "december"), start=1)}
_LIST_ITEM_REACH = 6  # words from "including" to the number of a described first item
_RELATIVE_REACH = 8  # words of a relative clause between a reference and the list that spells it out
_COUNCIL_NAMES = tuple(tuple(p.split()) for p in lexicon.RESOLUTION_COUNCIL_NAMES)


@dataclass(slots=True)
class _Description:
    """What the words around a resolution noun say about the measures they name."""

    first: int  # token span of the description
    last: int
    head: int
    un: bool = False
    when: tuple[tuple[int, int | None], ...] = ()  # (year, month or None)
    subjects: frozenset[str] = frozenset()
    left_subject: bool = False  # "the 2006 arms embargo": the subject is part of the name
    bans: bool = False  # the words prohibit what they name: "resolutions that ban arms trade"
    cap: bool = False  # the words cap what they name: "the 2017 resolution capping refined petroleum"


def _described_resolutions(doc: Doc, gaz: Gazetteer, numbered: list[Found], founds: list[Found]) -> list[Found]:
    """Resolutions named by what they are rather than by number: "the 2006 arms embargo"
    (UNSCR 1718), "the sanctions imposed in December 2017" (UNSCR 2397), "Security Council
    sanctions resolutions". A year (and month) of adoption links them to the reference
    resolutions adopted then; a description without one ("a UN arms embargo", "the
    resolution banning arms exports") names no particular resolution and is kept
    unresolved (key None) under its words. A reference to UN resolutions in general is
    dropped where the article names the resolutions it means."""
    tokens = doc.tokens
    norm = tokens.norm
    n = len(tokens)
    heads = doc.positions(lexicon.RESOLUTION_NOUNS)
    if not heads:
        return []
    covered = _taken(numbered, n)
    owner: dict[int, Found] = {}
    for f in founds:
        for k in range(f.first, f.last):
            owner[k] = f
    years = {f.adopted_on.year for f in gaz.resolution_facts if f.adopted_on}
    out: list[Found] = []
    regimes: set[int] = set()  # ids of general references by a regime noun ("UN sanctions")
    for h in heads:
        if covered[h] or (h + 1 < n and tokens.run[h] > 1 and not _ban_verb(doc, h + 1) and (
                norm[h + 1] in lexicon.RESOLUTION_NOUNS or norm[h + 1] in lexicon.RESOLUTION_NOT_HEAD)):
            continue  # a number follows ("resolution 2270"), the phrase goes on ("sanctions resolutions"),
            # or the noun only qualifies another ("the council's sanctions committee")
        if h + 1 < n and tokens.run[h] > 1 and (norm[h + 1].isdigit() or norm[h + 1] in ("no", "nos")):
            continue
        desc = _description(doc, h, owner, years)
        if desc is None:
            continue
        if not (desc.un or desc.when or (desc.subjects and norm[h] not in lexicon.RESOLUTION_NEEDS_UN)):
            continue  # "sanctions" or a cap alone may be any state's
        for k in range(desc.first, desc.last):
            covered[k] = 1
        start, end = tokens.starts[desc.first], tokens.ends[desc.last - 1]
        meant = _resolutions_meant(doc, gaz, desc, "last" if desc.cap else lexicon.RESOLUTION_NOUNS[norm[h]],
                                   norm[h] in lexicon.RESOLUTION_BINDING_NOUNS,
                                   standing=norm[h] in lexicon.RESOLUTION_STANDING_NOUNS)
        if meant:
            out += [Found(RESOLUTION, start, end, desc.first, desc.last, t.name, t.key, "gazetteer", t)
                    for t in meant]
        else:
            general = Found(RESOLUTION, start, end, desc.first, desc.last, _unresolved_name(doc, desc), None,
                            "pattern", None)
            if norm[h] in lexicon.RESOLUTION_BINDING_NOUNS:
                regimes.add(id(general))
            out.append(general)
    out = [f for f in out if f.key or not _introduces_numbers(doc, f.last, numbered)]
    if any(f.key for f in out):
        # "in breach of UN sanctions" refers back to the sanctions the article describes
        out = [f for f in out if f.key or f.name != lexicon.UN_RESOLUTIONS_NAME or id(f) not in regimes]
    return out


def _ban_verb(doc: Doc, k: int) -> bool:
    """"ban(s)" or "caps" at ``k`` is the verb of the measures before it ("UN sanctions ban
    North Korea from selling arms", "a 2017 resolution caps its oil imports"), not a noun ("the
    UN sanctions ban on arms")."""
    tokens = doc.tokens
    return (tokens.norm[k] in ("ban", "bans", "caps") and k + 1 < len(tokens) and tokens.run[k] > 1
            and tokens.norm[k + 1] not in lexicon.RESOLUTION_BAN_NOUN_NEXT)


def _introduces_numbers(doc: Doc, after: int, numbered: list[Found]) -> bool:
    """A general reference that a list of numbered resolutions spells out in the same
    sentence ("multiple Security Council resolutions -- resolutions 1718 (2006), ...")
    names those resolutions, not some others left unresolved; so does one whose list opens
    with the measure a numbered resolution imposed ("the relevant resolutions, including the
    arms embargo imposed by resolution 1718"). One that stands apart from the numbered ones
    ("violated U.N. Security Council resolutions", the numbers given in a background
    paragraph) stays an unresolved reference."""
    tokens = doc.tokens
    if after >= len(tokens):
        return False
    sentence = doc.sentence_at(tokens.starts[after - 1])
    if tokens.norm[after] in lexicon.RESOLUTION_RELATIVE_WORDS and tokens.gaps[after - 1] == " ":
        # "resolutions that Russia itself voted for, including resolution 2270": past the clause
        end = next((k + 1 for k in range(after, min(len(tokens) - 1, after + _RELATIVE_REACH))
                    if tokens.gaps[k].strip() == ","), None)
        if end is None or doc.sentence_at(tokens.starts[end]) != sentence:
            return False
        after = end
    gap = tokens.gaps[after - 1].strip()
    k = after
    while k < len(tokens) and k - after < 3 and tokens.norm[k] in lexicon.RESOLUTION_LIST_INTRODUCERS:
        k += 1
    if not (gap in lexicon.RESOLUTION_LIST_MARKS or k > after):
        return False
    reach = k + (_LIST_ITEM_REACH if k > after else 1)  # after "including", a described item may open the list
    return any(f.first <= reach and f.last > k and doc.sentence_at(f.start) == sentence
               and (f.first <= k + 1 or all(tokens.gaps[j].strip() == "" for j in range(k, f.first)))
               for f in numbered)


def _unresolved_name(doc: Doc, desc: _Description) -> str:
    """"UN arms embargo", "resolution banning arms exports"; "UN Security Council
    resolutions" when the words say no more than that."""
    tokens = doc.tokens
    if desc.left_subject or (desc.when and not desc.subjects):
        return _without_determiner(_tidy(doc.text[tokens.starts[desc.first]:tokens.ends[desc.head]]))
    if desc.subjects and (desc.when or not desc.un):
        return _without_determiner(_tidy(doc.text[tokens.starts[desc.first]:tokens.ends[desc.last - 1]]))
    return lexicon.UN_RESOLUTIONS_NAME


def _without_determiner(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in lexicon.RESOLUTION_DETERMINERS else name


def _description(doc: Doc, h: int, owner: dict[int, Found], years: set[int]) -> _Description | None:
    """The words qualifying the noun at ``h``: the Council, dates and subjects before it
    ("the 2006 arms embargo") and after it ("the resolution banning arms exports", "the
    sanctions imposed in December 2017"). None when they make it some state's own measures."""
    tokens = doc.tokens
    norm = tokens.norm
    desc = _Description(h, h + 1, h)
    when: list[tuple[int, int | None]] = []
    subjects: set[str] = set()
    k = h - 1
    while k >= 0 and tokens.run[k] > 1 and h - k <= 7:
        word = norm[k]
        f = owner.get(k)
        if word in lexicon.RESOLUTION_NOT_UN:
            return None
        if f is not None and f.category != RESOLUTION and not all(
                norm[j] in lexicon.RESOLUTION_UN_WORDS for j in range(f.first, f.last)):
            return None  # "US sanctions", "the EU's arms embargo", "Japan's own sanctions"
        phrase = _subject_ending_at(norm, k, h - k)
        if phrase:
            subjects |= _SUBJECTS[tuple(norm[k - phrase + 1:k + 1])]
            desc.left_subject = True
            k -= phrase
            desc.first = k + 1
            continue
        if word in lexicon.RESOLUTION_UN_WORDS:
            desc.un = desc.un or word != "s"
        elif word in lexicon.RESOLUTION_UN_QUALIFIERS and norm[h] not in lexicon.RESOLUTION_BINDING_NOUNS:
            desc.un = True  # "the sanctions resolutions": the Council's
        elif _YEAR_RE.fullmatch(word) and int(word) in years:
            month = _MONTHS.get(norm[k - 1]) if k > 0 and tokens.run[k - 1] > 1 else None
            when.append((int(word), month))
            if month:
                k -= 1
        elif word == "and" and when and k > 0 and _YEAR_RE.fullmatch(norm[k - 1]):
            pass  # "the 2016 and 2017 resolutions"
        elif word not in lexicon.RESOLUTION_MODIFIERS:
            if word in lexicon.RESOLUTION_NOT_ADOPTED:
                return None  # "Russia blocked a UN resolution": a draft
            break
        if word not in lexicon.RESOLUTION_DETERMINERS:
            desc.first = k
        k -= 1
    if k > 0 and norm[k] in lexicon.RESOLUTION_PASSIVE_LINKS and tokens.run[k] > 1:
        # "any arms trade with North Korea is banned under UN sanctions", "North Korea is barred from
        # selling arms under UN resolutions": what its sentence names before
        ban = next((b for b in range(k - 1, max(-1, k - 1 - _PASSIVE_REACH), -1)
                    if norm[b] in lexicon.RESOLUTION_PROHIBITING and tokens.run[b] > k - b), None)
        if ban is not None:
            desc.bans = True
            subjects |= _sentence_subjects(doc, desc, before=k)
    if any(norm[j] in lexicon.RESOLUTION_NOT_ADOPTED_AFTER
           for j in range(h + 1, h + min(tokens.run[h], _COUNCIL_REACH))):
        return None  # "the resolution that Russia vetoed", "a resolution vetoed by Russia"
    _after(doc, h, desc, when, subjects, years)
    desc.un = desc.un or _council_after(doc, h)
    desc.when = tuple(dict.fromkeys(when))
    desc.subjects = frozenset(subjects)
    return desc


def _after(doc: Doc, h: int, desc: _Description, when: list, subjects: set[str], years: set[int]) -> None:
    """Subjects and dates named after the noun, in the same phrase ("the ban on coal exports
    imposed in 2017")."""
    tokens = doc.tokens
    norm = tokens.norm
    n = len(tokens)
    j = h + 1
    if j < n and tokens.run[h] <= 1 and tokens.gaps[h].strip() == "," \
            and norm[j] in lexicon.RESOLUTION_DATE_PARTICIPLES:
        _year_after(doc, j, desc, when, years)  # "the latest UN resolution, adopted in December 2017,"
        return
    if j >= n or tokens.run[h] <= 1:
        return
    if norm[j] in lexicon.RESOLUTION_SUBJECT_LINKS:
        k = j + 1
        while k < n and k - j <= 8:
            phrase = _subject_starting_at(norm, k)
            if phrase:
                subjects |= _SUBJECTS[tuple(norm[k:k + phrase])]
                desc.last = k + phrase
                desc.bans = desc.bans or any(norm[w] in lexicon.RESOLUTION_PROHIBITING for w in range(j, k))
                desc.cap = any(norm[w] in lexicon.RESOLUTION_CAP_LINKS for w in range(j, k))
                break
            if tokens.run[k] <= 1 and not (tokens.gaps[k] == "," and norm[k].isdigit() and k + 1 < n
                                           and norm[k + 1].isdigit()):
                break  # the phrase ends, but not inside a figure ("a cap of 500,000 barrels of petroleum")
            k += 1
        if desc.last <= j and norm[j] in lexicon.RESOLUTION_YEAR_LINKS:
            _year_after(doc, j, desc, when, years)  # no subject: "sanctions on North Korea since 2006"
        elif desc.last > j and desc.last < n and tokens.gaps[desc.last - 1].strip() == "," \
                and norm[desc.last] in lexicon.RESOLUTION_DATE_PARTICIPLES:
            _year_after(doc, desc.last, desc, when, years)  # "the ban on workers abroad, imposed in 2017,"
        elif desc.last > j and tokens.run[desc.last - 1] > 1:
            # past a word or two of the subject ("coal exports") to a date: "imposed in 2017"
            k = next((k for k in range(desc.last, min(n, desc.last + 3)) if norm[k] in lexicon.RESOLUTION_YEAR_LINKS
                      and norm[k] not in lexicon.RESOLUTION_DETERMINERS and tokens.run[k - 1] > 1), None)
            if k is not None:
                _year_after(doc, k, desc, when, years)
        elif desc.last <= j and norm[j] in ("that", "which"):
            _year_after(doc, j + 1, desc, when, years)  # "the embargo that the Council imposed in 2006"
    elif norm[j] in lexicon.RESOLUTION_YEAR_LINKS:
        _year_after(doc, j, desc, when, years)


def _year_after(doc: Doc, j: int, desc: _Description, when: list, years: set[int]) -> None:
    """A year of adoption in the words of date from ``j`` on ("adopted by the Council in 2006")."""
    tokens = doc.tokens
    norm = tokens.norm
    n = len(tokens)
    k = j
    while k < n and k - j <= 8:
        word = norm[k]
        if _YEAR_RE.fullmatch(word) and int(word) in years and (norm[k - 1] in ("in", "of", "from", "since")
                                                                or norm[k - 1] in _MONTHS):
            when.append((int(word), _MONTHS.get(norm[k - 1])))
            desc.last = k + 1
            while True:  # "voted for in 2006 and 2009", "in 2006, 2009, 2016 and 2017"
                if k + 1 < n and tokens.gaps[k].strip() == "," and _YEAR_RE.fullmatch(norm[k + 1]) \
                        and int(norm[k + 1]) in years:
                    k += 1
                elif k + 2 < n and norm[k + 1] == "and" and tokens.run[k] > 1 and _YEAR_RE.fullmatch(norm[k + 2]) \
                        and int(norm[k + 2]) in years:
                    k += 2
                else:
                    break
                when.append((int(norm[k]), None))
                desc.last = k + 1
            break
        if (word not in lexicon.RESOLUTION_YEAR_LINKS and word not in _MONTHS) or tokens.run[k] <= 1:
            break
        k += 1


def _council_after(doc: Doc, h: int) -> bool:
    """The Council named later in the noun's clause: "the sanctions resolutions that Russia
    itself voted for in the UN Security Council"."""
    tokens = doc.tokens
    norm = tokens.norm
    end = h + min(tokens.run[h], _COUNCIL_REACH)
    for k in range(h + 2, end):
        link = k - 1 - (norm[k - 1] == "the")
        if norm[link] in lexicon.RESOLUTION_COUNCIL_LINKS and any(
                k + len(name) <= end and tuple(norm[k:k + len(name)]) == name for name in _COUNCIL_NAMES):
            return True  # "voted for in the UN Security Council", "imposed by the UN", not "after the UN report"
    return False


_COUNCIL_REACH = 12
_PASSIVE_REACH = 6  # words from "banned" to the "under" of the measures: "barred from selling arms under"


def _subject_ending_at(norm: list[str], k: int, room: int) -> int:
    if norm[k] not in _SUBJECT_LAST:
        return 0
    for size in range(min(_SUBJECT_MAX, k + 1, room), 0, -1):
        if tuple(norm[k - size + 1:k + 1]) in _SUBJECTS:
            return size
    return 0


def _subject_starting_at(norm: list[str], k: int) -> int:
    if norm[k] not in _SUBJECT_FIRST:
        return 0
    for size in range(min(_SUBJECT_MAX, len(norm) - k), 0, -1):
        if tuple(norm[k:k + size]) in _SUBJECTS:
            return size
    return 0


def _resolutions_meant(doc: Doc, gaz: Gazetteer, desc: _Description, which: str,
                       binding: bool, *, standing: bool = False) -> list[Target]:
    """The reference resolutions adopted when a description says, narrowed to those
    regulating what the description or its sentence names ("the ban on weapons exports
    imposed under the 2006 and 2009 resolutions": 1718 and 1874, not 1695). Every one left
    for a plural noun ("the 2017 sanctions"); for a singular one, the first sanctions
    resolution of that date. Sanctions and embargoes are binding (Chapter VII) measures.
    Without a date, a standing measure named by what it regulates ("the UN arms embargo") is
    every binding resolution whose provisions regulate all of it (the arms embargo on the
    DPRK: the bans on supplying arms to it and on buying them from it, 1718 and 1874); so is any
    undated prohibition of arms trade ("resolutions that bar North Korea from exporting arms",
    "the UN ban on arms sales"): the embargo, first of them for a singular noun. A cap ("which"
    is "last") is the last that fits: a later cap replaces an earlier one."""
    singular = which != "all"
    if not desc.when:
        if not desc.subjects:
            return []
        if (desc.bans or binding or standing) and desc.subjects <= lexicon.RESOLUTION_ARMS_EMBARGO:
            embargo = [f.target for f in gaz.resolution_facts
                       if f.chapter_vii and lexicon.RESOLUTION_ARMS_EMBARGO <= f.subjects]
            return embargo[:1] if which == "one" and not (binding or standing) else embargo
        if not standing:
            return []
        fitting = [f.target for f in gaz.resolution_facts if f.chapter_vii and _regulates(f, desc.subjects, every=True)]
        return fitting[-1:] if which == "last" else fitting
    facts = [f for f in gaz.resolution_facts if f.adopted_on is not None and any(
        f.adopted_on.year == year and (month is None or f.adopted_on.month == month) for year, month in desc.when)]
    subjects = desc.subjects or (_sentence_subjects(doc, desc) if len(facts) > len(desc.when) else frozenset())
    regulating = [f for f in facts if _regulates(f, subjects, every=False)]
    if which == "one" and subjects and not regulating and sum(f.chapter_vii for f in facts) > 1:
        return []  # "the ban on coal exports imposed in 2017": the record does not say which of that year's
    facts = regulating or facts  # a subject the record does not list for them: the date still says which
    if binding or (singular and len(facts) > 1):
        # sanctions and embargoes are Chapter VII measures; of two resolutions that year, the binding one
        facts = [f for f in facts if f.chapter_vii] or facts
    if which == "last":
        return [f.target for f in facts[-1:]]
    return [f.target for f in facts[:1]] if singular else [f.target for f in facts]


def _regulates(fact: ResolutionFact, subjects: frozenset[str], *, every: bool) -> bool:
    """Whether a resolution regulates what a description names: the goods it names, where it
    names some (the topics of the resolution's summary), else its provision categories; all
    of them (``every``) or any."""
    wanted = (subjects & lexicon.RESOLUTION_TOPICS) or subjects
    return wanted <= fact.subjects if every else bool(wanted & fact.subjects)


def _sentence_subjects(doc: Doc, desc: _Description, before: int | None = None) -> frozenset[str]:
    """What the sentence around a description (or its words before ``before``) says was
    banned ("barred from exporting ballistic missiles since a U.N. resolution in 2006")."""
    span = doc.sentence_tokens[doc.sentence_at(doc.tokens.starts[desc.head])]
    norm = doc.tokens.norm
    found: set[str] = set()
    for k in span if before is None else range(span.start, before):
        size = _subject_starting_at(norm, k)
        if size:
            found |= _SUBJECTS[tuple(norm[k:k + size])]
    return frozenset(found)


# ----------------------------------------------------------------- unknown organisations
def _unknown_orgs(doc: Doc, taken: bytearray, founds: list[Found]) -> list[Found]:
    """Capitalised sequences that contain an organisation noun ("Center for North Korean
    Studies", "Korea Institute for National Unification")."""
    n = len(doc.tokens)
    out: list[Found] = []
    by_first = {f.first: f for f in founds}
    for s_idx, span in enumerate(doc.sentence_tokens):
        if doc.headline[s_idx] or not doc.sentence_words[s_idx] & lexicon.ORG_HEADS:
            continue
        _orgs_in(doc, span.start, min(n, span.stop), taken, by_first, out)
    if out:
        # A known name inside an unknown one ("Center for North Korean Studies") is part of it.
        spans = [(f.start, f.end) for f in out]
        for f in list(founds):
            # A place opening one ("Pyongyang Central Zoo") is part of it too; the state a body
            # belongs to, named last ("the Missile General Bureau of the DPRK"), is still named.
            if any((s < f.start or (s == f.start and f.category == PLACE)) and f.end <= e and (s, e) != (f.start, f.end)
                   and not _state_it_belongs_to(doc, f, e)
                   for s, e in spans) and f.kind in ("demonym", "name", "metonym") and f.category in (COUNTRY, PLACE):
                founds.remove(f)
    return out


def _state_it_belongs_to(doc: Doc, f: Found, end: int) -> bool:
    """A state by name closing an organisation's name after "of" ("Embassy of the Russian
    Federation", "Missile General Bureau of the DPRK")."""
    norm = doc.tokens.norm
    k = f.first - 1 - (f.first > 0 and norm[f.first - 1] == "the")
    return f.category == COUNTRY and f.kind == "name" and f.end == end and k >= 0 and norm[k] == "of"


def _orgs_in(doc: Doc, i: int, n: int, taken: bytearray, by_first: dict, out: list[Found]) -> None:
    tokens = doc.tokens
    surface = tokens.surface
    norm = tokens.norm
    while i < n:
        if not surface[i][0].isupper() or (taken[i] and (by_first.get(i) is None
                                                         or by_first[i].category not in (COUNTRY, PLACE))):
            i += 1
            continue
        j = i
        has_head = False
        joined = False  # a connector since the last head: "Institute for National Unification"
        last_good = -1
        reach = 9
        while j < n:
            word = surface[j]
            known = getattr(by_first.get(j), "category", None) if j > i else None
            if known == PERSON or (known == ORGANIZATION and not has_head):
                # "Chief of Defence Intelligence of Ukraine Kyrylo Budanov": a title, then known names;
                # not "Council of the European Union", a body named after a known one
                break
            if word[0].isupper() or word[0].isdigit():
                if norm[j] in lexicon.ORG_HEADS:
                    has_head = True
                    joined = False
                    last_good = j
                elif has_head and not joined:
                    break  # "... Financial Intelligence Brian E. Nelson": the name ended at its head
                elif has_head and norm[j] in _PERSON_NOT and norm[j] not in ("korea", "korean", "north", "south"):
                    last_good = j
                else:
                    last_good = j if has_head else last_good
            elif norm[j] in lexicon.ORG_NAME_CONNECTORS and j + 1 < n and (surface[j + 1][0].isupper() or (
                    norm[j] == "of" and norm[j + 1] == "the" and j + 2 < n and surface[j + 2][0].isupper())):
                if has_head and norm[j] == "and" and getattr(by_first.get(j + 1), "category", None) in (
                        ORGANIZATION, COUNTRY, PERSON):
                    break  # "Foreign Ministry and Unification Ministry", "Security Service and Ukraine's ...": two
                if has_head and norm[j] == "and" and norm[j - 1] in lexicon.ORG_HEADS and _org_head_ahead(tokens, j + 1):
                    break  # "Japan's Foreign Ministry and Defense Ministry": two bodies, each with its head
                if has_head and _possessive_state_at(tokens, by_first, j + 1):
                    break  # "the National Security Office at South Korea's presidential office"
                if norm[j] == "and" and norm[j + 1] in lexicon.TITLE_HEADS:
                    break  # "the People Power Party and Rep. Park Sun-won": a person's title, no part of the name
                joined = joined or has_head
            else:
                break
            if tokens.run[j] <= 1 and _name_list_goes_on(doc, j, taken):
                reach += 5  # "Ministry of Economy, Trade and Industry": a comma inside the name
            elif tokens.run[j] <= 1 or j - i > reach:
                break
            j += 1
        if has_head and last_good >= i and (_in_title(tokens, i) or _title_of_body(tokens, i, last_good)):
            i = last_good + 1  # "Under Secretary of the Treasury for Terrorism and Financial Intelligence"
            continue  # "Chief of the General Staff Valery Gerasimov": a title naming its body
        if has_head and last_good >= i:
            first = i
            while first <= last_good and norm[first] in ("the", "a", "an"):
                first += 1
            person_end = _person_of_body(tokens, range(first, last_good + 1))
            if person_end is None and first + 1 <= last_good and norm[first + 1] == "of" \
                    and norm[first] in lexicon.MEMBER_NOUNS:
                person_end = first + 1  # "Officials of the Bank of Korea": the body is after "of"
            if person_end is not None:
                # "Artyom Lukin of Far Eastern Federal University": a person, then the body
                if norm[first] not in lexicon.MEMBER_NOUNS:
                    out.append(_new_name(doc, PERSON, first, person_end))
                first = person_end + 1
                while first <= last_good and norm[first] in ("the", "a", "an"):
                    first += 1
            # Drop a single generic word ("Ministry", "Group") and names already known.
            words = [w for w in surface[first:last_good + 1]]
            known_inside = all(taken[k] for k in range(first, last_good + 1))
            if len(words) >= 2 and not known_inside and not _only_generic(words) \
                    and norm[last_good] not in lexicon.LEGAL_TEXT_NOUNS:
                start, end = tokens.starts[first], tokens.ends[last_good]
                name = doc.text[start:end]
                _take(out, Found(ORGANIZATION, start, end, first, last_good + 1, _tidy(name), None,
                                 "pattern", Target(ORGANIZATION, _tidy(name))), taken)
                i = last_good + 1
                continue
        i += 1


def _org_head_ahead(tokens, k: int) -> bool:
    """An organisation noun among the capitalised words from ``k`` on ("and Defense Ministry")."""
    while k < len(tokens) and tokens.surface[k][:1].isupper():
        if tokens.norm[k] in lexicon.ORG_HEADS:
            return True
        if tokens.run[k] <= 1:
            break
        k += 1
    return False


def _possessive_state_at(tokens, by_first: dict, k: int) -> bool:
    """A state named at ``k`` in the possessive ("South Korea's"): the start of another name."""
    f = by_first.get(k)
    return f is not None and f.category == COUNTRY and f.last < len(tokens) \
        and tokens.gaps[f.last - 1] == "'" and tokens.norm[f.last] == "s"


def _name_list_goes_on(doc: Doc, j: int, taken: bytearray) -> bool:
    """A comma after a capitalised word of a name that a list of single capitalised words
    ending in "and <Word>" carries on: "Ministry of Economy, Trade and Industry", "Foreign,
    Commonwealth and Development Office". Not a list of names ("the Defense Ministry, Foreign
    Ministry and ...": an organisation noun or a known name in it)."""
    tokens = doc.tokens
    surface, norm, n = tokens.surface, tokens.norm, len(tokens)
    if tokens.gaps[j].strip() != "," or norm[j] in lexicon.ORG_HEADS:
        return False
    k = j + 1
    while k < n and k - j <= 4:
        if norm[k] == "and" and k > j + 1:
            return k + 1 < n and surface[k + 1][:1].isupper()
        if not surface[k][:1].isupper() or taken[k] or norm[k] in lexicon.ORG_HEADS:
            return False
        gap = tokens.gaps[k].strip()
        if gap == ",":
            k += 1
            continue
        return gap == "" and k + 2 < n and norm[k + 1] == "and" and surface[k + 2][:1].isupper()
    return False


def _title_of_body(tokens, i: int, last: int) -> bool:
    """A capitalised run that opens with a title and "of" ("Chief of the General Staff",
    "Director of the Defense Intelligence Agency") followed by a person's name: a title."""
    norm = tokens.norm
    return norm[i] in lexicon.TITLE_HEADS and i + 1 <= last and norm[i + 1] in ("of", "for") \
        and last + 2 < len(tokens) and tokens.run[last] > 2 and _is_name_word(tokens, last + 1) \
        and _is_name_word(tokens, last + 2)


def _in_title(tokens, i: int) -> bool:
    """A capitalised phrase right after "of" or "for" in a title ("Secretary ... for
    Terrorism and Financial Intelligence") belongs to the title."""
    if i == 0 or tokens.run[i - 1] <= 1 or tokens.norm[i - 1] not in ("of", "for"):
        return False
    k = i - 2
    while k >= 0 and i - k <= 8 and tokens.run[k] > 1:
        if tokens.norm[k] in lexicon.TITLE_HEADS:
            return True
        k -= 1
    return False


def _only_generic(words: list[str]) -> bool:
    """"Defense Ministry", "Security Council" alone name no particular body."""
    return all(fold(w) in lexicon.ORG_HEADS for w in words)


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("\u2019", "'")).strip(" ,.;:")
    if name.endswith("'s"):
        name = name[:-2]
    return name


# ----------------------------------------------------------------- unknown vessels
def _introduced(doc: Doc, taken: bytearray, words: frozenset[str], intro: re.Pattern, before: int, after: int):
    """The names an introducing phrase gives ("the cargo ship Angara", "shipping company
    Sovfracht"), read only near its anchor ``words``: each match with the tokens of its
    ``name`` group, where none is taken yet (read lazily: what the caller takes counts)."""
    anchors = doc.positions(words)
    for lo, hi in doc.windows(anchors, before, after) if anchors else ():
        for m in intro.finditer(doc.plain, lo, hi):
            span = doc.tokens.span(*m.span("name"))
            if span and not any(taken[k] for k in span):
                yield m, span


def _unknown_vessels(doc: Doc, gaz: Gazetteer, taken: bytearray) -> list[Found]:
    out: list[Found] = []
    for m, span in _introduced(doc, taken, _SHIP_WORDS, _VESSEL_INTRO, 3, 6):
        name = m.group("name")
        if fold(name.split()[0]) in _PERSON_NOT or name.split()[0] in lexicon.DEMONYMS:
            continue
        start, end = m.span("name")
        _take(out, Found(VESSEL, start, end, span.start, span.stop, name, None, "pattern", Target(VESSEL, name)),
              taken)
    return out


# ----------------------------------------------------------------- firms
_FIRM_INTRO = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in lexicon.ORG_INTRO_NOUNS), key=len,
                               reverse=True))
    + r")\s+(?:named\s+|called\s+)?[\"'\u201c\u2018]?"
    r"(?P<name>[A-Z][A-Za-z0-9]*(?:[- ][A-Z0-9][A-Za-z0-9]*){0,3})"
)
_FIRM_WORDS = frozenset(w.split()[-1].split("-")[-1] for w in lexicon.ORG_INTRO_NOUNS)


def _legal_form_firms(doc: Doc, taken: bytearray) -> list[Found]:
    """A name with a company's legal form before or after it is a firm, legal form and all:
    "Limited Liability Company Defense Engineering", "Verus s.r.o.", "Sovfracht Ltd"."""
    out: list[Found] = []
    tokens = doc.tokens
    for m in _LEGAL_FORM_RE.finditer(doc.plain):
        start, end = m.span()
        span = tokens.span(start, end)
        if not span or any(taken[k] for k in span) or m.group("bare") in lexicon.DEMONYMS:
            continue
        name = _tidy(doc.text[start:end]) if not m.group("suffix") or not m.group("suffix").endswith(".") \
            else re.sub(r"\s+", " ", doc.text[start:end]).strip()
        _take(out, Found(ORGANIZATION, start, end, span.start, span.stop, name, None, "pattern",
                         Target(ORGANIZATION, name)), taken)
    return out


_LEGAL_FORM_WORD = r"[A-Z][A-Za-z0-9&]*(?:-[A-Z0-9][A-Za-z0-9]*)*"  # not "Slovakia-based"
_LEGAL_FORM_NAME = _LEGAL_FORM_WORD + r"(?:\s+" + _LEGAL_FORM_WORD + r"){0,3}"
_LEGAL_FORM_RE = re.compile(
    r"\b(?:(?:" + "|".join(p.replace(" ", r"[\s-]+") for p in lexicon.FIRM_LEGAL_FORMS_BEFORE)
    + r")\s+[\"\u201c]?(?P<named>" + _LEGAL_FORM_NAME + r")[\"\u201d]?"
    r"|(?P<bare>" + _LEGAL_FORM_NAME + r"),?\s+(?P<suffix>" + "|".join(lexicon.FIRM_LEGAL_FORMS_AFTER) + r")(?![\w]))"
)


def _unknown_firms(doc: Doc, taken: bytearray) -> list[Found]:
    """A name right after a firm noun is an organisation: "the sanctioned Russian firm
    MG-Flot", "shipping company Sovfracht"."""
    out: list[Found] = []
    for m, _span in _introduced(doc, taken, _FIRM_WORDS, _FIRM_INTRO, 2, 6):
        start = m.start("name")
        words = m.group("name").split()
        while words and (fold(words[-1]) in _PERSON_NOT or fold(words[-1]) in lexicon.REPORTING_VERBS):
            words.pop()  # "... firm Rosoboronexport said"
        titled = len(words) > 1 and words[0] == "The"  # "the outlet The War Zone": a title, "The" and all
        if not words or (not titled and fold(words[0]) in _PERSON_NOT) or words[titled] in lexicon.DEMONYMS:
            continue
        name = " ".join(words)
        end = start + len(name)
        span = doc.tokens.span(start, end)
        _take(out, Found(ORGANIZATION, start, end, span.start, span.stop, name, None, "pattern",
                         Target(ORGANIZATION, name)), taken)
    return out


# ----------------------------------------------------------------- settlements
def _settlements(doc: Doc, taken: bytearray) -> list[Found]:
    """A name after "the village of", "the town of", "the villages of" is a place:
    "near the village of Makhnovka", "the villages of Plekhovo and Vorozhba"."""
    tokens = doc.tokens
    surface, norm, n = tokens.surface, tokens.norm, len(tokens)
    out: list[Found] = []
    for i in doc.positions(lexicon.SETTLEMENT_NOUNS):
        k = i + 1
        if k + 1 >= n or norm[k] != "of" or tokens.run[i] <= 2:
            continue
        k += 1
        while k < n:
            j = k
            while j < n and surface[j][:1].isupper() and not taken[j] and j - k < 3 \
                    and fold(surface[j]) not in _PERSON_NOT and (j == k or tokens.run[j - 1] > 1):
                j += 1
            if j == k:
                break
            _take(out, _new_place(doc, k, j), taken)
            if j + 1 < n and (norm[j] == "and" or tokens.gaps[j - 1].strip() == ",") and norm[i].endswith("s"):
                k = j + 1 if norm[j] == "and" else j  # "the villages of Plekhovo, Vorozhba and Martynovka"
                if norm[k] == "and":
                    k += 1
                continue
            break
    return out


_SITE_NOUNS = tuple(tuple(p.split()) for p in lexicon.SITE_NOUNS)
_SITE_FIRST_WORDS = frozenset(p[0] for p in _SITE_NOUNS)


def _sites(doc: Doc, taken: bytearray) -> list[Found]:
    """A name no rule knows right before a site noun is a place, under the name alone: "the
    Knevichi airbase" (Knevichi), "the Zvezda shipyard" (Zvezda), "Vanino port"."""
    tokens = doc.tokens
    norm, n = tokens.norm, len(tokens)
    out: list[Found] = []
    for i in doc.positions(_SITE_FIRST_WORDS):
        if i == 0 or taken[i] or tokens.run[i - 1] <= 1:
            continue
        size = next((len(p) for p in _SITE_NOUNS if tuple(norm[i:i + len(p)]) == p), 0)
        if not size or (i + size < n and norm[i + size] == "of" and tokens.run[i + size - 1] > 1):
            continue  # "the Pacific port of Vladivostok": the place is named after "of"
        first = i
        while first > 0 and i - first < 2 and tokens.run[first - 1] > 1 and not taken[first - 1] \
                and _is_name_word(tokens, first - 1) and norm[first - 1] not in lexicon.ORG_HEADS:
            first -= 1
        if first == i or first in doc.sentence_tokens[doc.sentence_at(tokens.starts[first])][:1]:
            continue  # no name, or a capital that only starts the sentence ("Naval base ...")
        _take(out, _new_place(doc, first, i), taken)
    return out


# ----------------------------------------------------------------- regions
def _regions(doc: Doc, founds: list[Found], taken: bytearray) -> list[Found]:
    """A name followed by a region noun is a region: "the Amur region" (new), "Donetsk
    Oblast" (the built-in city's region, named as written). A recorded place keeps its
    name ("Kursk region" may be on record)."""
    tokens = doc.tokens
    nouns = doc.positions(lexicon.REGION_NOUNS)
    if not nouns:
        return founds
    ends = {f.last: f for f in founds if f.category != RESOLUTION}
    out = list(founds)
    for i in nouns:
        if i == 0 or tokens.run[i - 1] <= 1 or taken[i]:
            continue
        known = ends.get(i)
        if known is not None:
            if known.category != PLACE or known.key is not None or known.kind != "name" \
                    or known.target.place_kind != "city":
                continue  # a recorded place or a region keeps its name ("Donetsk region" is Donetsk)
            first = known.first
            out.remove(known)
        else:
            first = i
            while first > 0 and tokens.run[first - 1] > 1 and i - first < 2 and not taken[first - 1] \
                    and _is_name_word(tokens, first - 1):
                first -= 1
            if first == i or first in doc.sentence_tokens[doc.sentence_at(tokens.starts[first])][:1]:
                continue  # no name, or a capital that only starts the sentence ("Border regions")
            if first > 0 and tokens.run[first - 1] > 1 and not taken[first - 1] \
                    and tokens.norm[first - 1] in lexicon.COMPASS_NAME_WORDS and tokens.surface[first - 1][:1].isupper():
                first -= 1  # "South Hamgyong Province": the compass point is part of its name
        start, end = tokens.starts[first], tokens.ends[i]
        name = _tidy(doc.text[start:end])
        _take(out, Found(PLACE, start, end, first, i + 1, name, None, "pattern",
                         Target(PLACE, name, place_kind="region")), taken)
    return out


# ----------------------------------------------------------------- unknown people
def _is_name_word(tokens, i: int) -> bool:
    word = tokens.surface[i]
    if tokens.norm[i] in lexicon.NAME_SURNAME_WORDS and word == word.capitalize() and i > 0 \
            and not tokens.gaps[i - 1].rstrip(" ").endswith((".", "\n", "?", "!")) \
            and i + 2 < len(tokens) and tokens.gaps[i] == " " and tokens.gaps[i + 1] == " " \
            and tokens.norm[i + 1] not in lexicon.NAME_SURNAME_WORDS \
            and _is_name_word(tokens, i + 1) and _is_name_word(tokens, i + 2):
        return True  # "No Kwang Chol": a Korean surname that is also an English word
    if not word[0].isupper() or len(word) < 2 or word.isupper():
        return False
    if not word.isalpha():
        return False
    if i + 1 < len(tokens) and tokens.gaps[i] == "-" and tokens.surface[i + 1][:1].isdigit():
        return False  # "Su-57", "Tu-160": a model's designation
    return (tokens.norm[i] not in _PERSON_NOT or _name_syllable(word, tokens.norm[i])) \
        and tokens.norm[i] not in lexicon.TITLE_HEADS


def _name_syllable(word: str, norm: str) -> bool:
    """"Uk" in "Yang Uk", "Un" in "Kim Jong Un": an abbreviation's letters in title case."""
    return norm in lexicon.CAPITALS_ONLY_NOT_NAME_WORDS and word[:1].isupper() and word[1:].islower()


def _name_at(tokens, i: int, taken: bytearray) -> int:
    """End index (exclusive) of a run of name words starting at ``i``; ``i`` if none.
    Hyphenated given names ("Seong-chang", "Jong-un") count as one word."""
    n = len(tokens)
    j = i
    words = 0
    while j < n and not taken[j] and (_is_name_word(tokens, j) or (words and _later_name_word(tokens, j))):
        words += 1
        j += 1
        # hyphenated continuation in lower case ("Seong-chang")
        while j < n and tokens.run[j - 1] > 1 and tokens.surface[j][:1].islower() \
                and _gap(tokens, j - 1) == "-":
            j += 1
        # a middle initial ("Brian E. Nelson")
        if j + 1 < n and _gap(tokens, j - 1) == " " and len(tokens.surface[j]) == 1 and tokens.surface[j].isupper() \
                and _gap(tokens, j) == ". " and not taken[j + 1] and _is_name_word(tokens, j + 1):
            j += 1
            continue
        if j >= n or tokens.run[j - 1] <= 1 or _gap(tokens, j - 1) not in (" ", "-"):
            break
        if words >= 4:
            break
    return j if words >= 1 else i


def _later_name_word(tokens, j: int) -> bool:
    """A month's abbreviation after a given name is a name ("Zhang Jun"), not a date ("Jun 3")."""
    follows = tokens.surface[j + 1] if j + 1 < len(tokens) else ""
    return tokens.norm[j] in lexicon.MONTH_ABBREVIATIONS and tokens.surface[j].istitle() \
        and _gap(tokens, j - 1) == " " and _gap(tokens, j) != ". " and not follows[:1].isdigit()


def _gap(tokens, i: int) -> str:
    return tokens.gaps[i] if 0 <= i < len(tokens.gaps) else ""


def _unknown_people(doc: Doc, taken: bytearray) -> list[Found]:
    tokens = doc.tokens
    n = len(tokens)
    out: list[Found] = []
    for s_idx, span in enumerate(doc.sentence_tokens):
        if doc.headline[s_idx] or not doc.sentence_words[s_idx] & _PERSON_CUE_WORDS:
            continue
        _people_in(doc, span.start, min(n, span.stop), taken, out)
    return out


_PERSON_CUE_WORDS = frozenset({*lexicon.TITLE_HEADS, *lexicon.RELATION_HEADS, *lexicon.REPORTING_VERBS,
                               *lexicon.PERSON_APPOSITION_HEADS, "according"})


def _people_in(doc: Doc, lo: int, n: int, taken: bytearray, out: list[Found]) -> None:
    tokens = doc.tokens
    text = doc.text
    surface = tokens.surface
    skip_to = lo
    # candidate first words: capitalised, not all capitals, not known words
    for i in [k for k in range(lo, n) if surface[k][0].isupper() and not taken[k]]:
        if i < skip_to or not _is_name_word(tokens, i):
            continue
        if i > 0 and tokens.run[i - 1] > 1 and _is_name_word(tokens, i - 1):
            continue
        j = _name_at(tokens, i, taken)
        skip_to = max(j, i + 1)
        # "... Financial Intelligence Brian E. Nelson": the name starts after the body's head
        i = max((k + 1 for k in range(i, j) if tokens.norm[k] in lexicon.ORG_HEADS), default=i)
        i, j = _without_honorifics(tokens, i, j, keep=0)
        words = sum(1 for k in range(i, j) if not (k > i and _gap(tokens, k - 1) == "-")
                    and not (len(tokens.surface[k]) == 1 and _gap(tokens, k) == ". "))
        if words < 2 or words > 4:
            continue
        if j < n and tokens.run[j - 1] > 1 and tokens.surface[j][:1].isupper() \
                and tokens.norm[j] not in lexicon.REPORTING_VERBS:
            continue  # part of a longer capitalised phrase (an organisation, a title): not a name
        if _person_cue(doc, i, j):
            start, end = tokens.starts[i], tokens.ends[j - 1]
            name = _tidy(text[start:end])
            _take(out, Found(PERSON, start, end, i, j, name, None, "pattern", Target(PERSON, name)), taken)


def _without_honorifics(tokens, i: int, j: int, *, keep: int) -> tuple[int, int]:
    """The bounds of a name without the honorifics before it and the letters after it ("the
    Hon Penny Wong", "Richard Marles MP"), leaving at least ``keep`` words."""
    while j - i > keep and tokens.norm[i] in lexicon.HONORIFICS | {"the"}:
        i += 1
    while j - i > keep and tokens.norm[j - 1] in lexicon.POST_NOMINALS and tokens.surface[j - 1].isupper():
        j -= 1
    return i, j


_SAID_AFTER = re.compile(r"\s*(?:,\s*(?:who|a|an|the|[a-z]+\s)|(?:also\s+|has\s+|had\s+|have\s+|then\s+)?"
                         r"(?:said|says|told|added|noted|stated|warned|denied|wrote|claimed|insisted|"
                         r"stressed|confirmed|accused|argued|explained|declined|dismissed|rejected|"
                         r"condemned|posted|tweeted|announced|asserted)\b)")
# A name's body after it, then its verb of saying ("Ankit Panda of the Carnegie Endowment said").
_OF_BODY_SAID = re.compile(r"\s+(?:of|at|from)\s+(?:the\s+)?[A-Z][\w'&.-]*(?:\s+(?:[A-Z][\w'&.-]*|of|for|and|the|on))"
                           r"{0,8}\s*(?:\([A-Z]{2,8}\))?\s*,?\s+(?:also\s+)?(?:said|says|told|added|noted|wrote|"
                           r"argued|warned|cautioned|explained)\b")
_SAID_BEFORE = re.compile(r"(?:\b(?:said|says|told|added|according\s+to|wrote|noted|warned)\s*)$")


_TITLE_REACH = 8  # words from a title's head, over its portfolio, to the name


def _person_cue(doc: Doc, i: int, j: int) -> bool:
    tokens = doc.tokens
    text = doc.plain
    if i > 0 and tokens.norm[i - 1] in lexicon.TITLE_HEADS and (
            tokens.run[i - 1] > 1 or (tokens.gaps[i - 1] == ". " and tokens.norm[i - 1] in lexicon.TITLE_ABBREVIATIONS)):
        return True
    # "Deputy Secretary of State Kurt Campbell", "Minister of Foreign Affairs Cho Tae-yul": a
    # title with its portfolio right before the name
    k = i - 1
    while k >= max(0, i - _TITLE_REACH) and tokens.gaps[k] == " " \
            and (tokens.surface[k][:1].isupper() or tokens.norm[k] in lexicon.TITLE_CONNECTORS):
        if tokens.norm[k] in lexicon.TITLE_HEADS and tokens.surface[k][:1].isupper() and k < i - 1 \
                and tokens.norm[k + 1] in lexicon.TITLE_CONNECTORS:
            return True
        k -= 1
    after = text[tokens.ends[j - 1]:tokens.ends[j - 1] + 60]
    if _SAID_AFTER.match(after):
        if not after.lstrip().startswith(","):
            return True
        if _apposition_has_title(doc, j):
            return True
    before = text[max(0, tokens.starts[i] - 25):tokens.starts[i]]
    if _SAID_BEFORE.search(before):
        return True
    if _OF_BODY_SAID.match(text, tokens.ends[j - 1]):
        return True  # "Ankit Panda of the Carnegie Endowment said"
    # "Moscow's ambassador in Seoul, Georgy Zinoviev, rejected ...": a title in the phrase before
    if i > 0 and tokens.gaps[i - 1].strip() == "," and after.startswith(","):
        k = i - 1
        while k >= 0 and k >= i - 9:
            if tokens.norm[k] in lexicon.TITLE_HEADS and tokens.norm[k] not in lexicon.RELATION_HEADS:
                return True
            if k > 0 and (tokens.gaps[k - 1].strip() in (",", ".", ";", ":") or "\n" in tokens.gaps[k - 1]):
                break
            k -= 1
    return False


def _apposition_has_title(doc: Doc, j: int) -> bool:
    tokens = doc.tokens
    k = j
    limit = min(len(tokens), j + 10)
    comma_end = doc.plain.find(",", tokens.ends[j - 1] + 1)
    while k < limit:
        if comma_end != -1 and tokens.starts[k] > comma_end:
            break
        if tokens.norm[k] in lexicon.TITLE_HEADS or tokens.norm[k] in lexicon.RELATION_HEADS \
                or tokens.norm[k] in lexicon.PERSON_APPOSITION_HEADS:
            return True
        k += 1
    return False


# ----------------------------------------------------------------- statistical model
_MODEL_LABELS = {"PERSON": PERSON, "ORG": ORGANIZATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}


def _model_entities(doc: Doc, gaz: Gazetteer, ner: SentenceParses, cue_sentences: set[int], taken: bytearray,
                    founds: list[Found]) -> list[Found]:
    tokens = doc.tokens
    # a sentence whose capitalised words the rules all explained has no name left to find
    order = [s for s in cue_sentences if _unexplained_capital(doc, s, taken)]
    out: list[Found] = []
    for _s_idx, ents in ner.entities(order):
        for start, end, label in ents:
            category = _MODEL_LABELS.get(label)
            if category is None:
                continue
            span = tokens.span(start, end)
            if not span or any(taken[k] for k in span):
                continue
            if any(tokens.run[k] <= 1 for k in span[:-1]):
                continue  # broken by punctuation ("[Vladimir] Putin")
            if category != PERSON and span.stop < len(tokens) and tokens.run[span.stop - 1] > 1 \
                    and tokens.norm[span.stop] in lexicon.TITLE_HEADS:
                continue  # part of a title ("Chief Cabinet Secretary")
            if category == ORGANIZATION and tokens.norm[span.stop - 1] in lexicon.LEGAL_TEXT_NOUNS:
                continue  # "the Foreign Exchange and Foreign Trade Act", "the Partnership Treaty": a text
            if category == ORGANIZATION and len(span) == 1 and _is_name_word(tokens, span.start) \
                    and not tokens.surface[span.start].isupper():
                continue  # a lone capitalised word is more often a surname than a body
            # hyphenated parts ("Sang-min") belong to the word before them
            words = [tokens.surface[k] for k in span if k == span.start or tokens.gaps[k - 1] != "-"]
            while tokens.norm[span.start] in ("the", "a", "an") and len(span) > 1:
                span = range(span.start + 1, span.stop)
            if category == PERSON:
                lo, hi = _without_honorifics(tokens, span.start, span.stop, keep=2)
                words = words[lo - span.start:len(words) - (span.stop - hi)]
                span = range(lo, hi)
            name = _tidy(doc.text[tokens.starts[span.start]:tokens.ends[span.stop - 1]])
            if not _model_name_ok(category, words, tokens, span):
                continue
            if category == PERSON and any(any(c.isdigit() for c in tokens.surface[k]) for k in span):
                continue  # "Kim Tu-160", "Koksan 170-millimeter": a model number, not a person's name
            if category == PLACE and _qualifies_a_place(tokens, span.stop, founds):
                continue
            if category == ORGANIZATION:
                person_end = _person_of_body(tokens, span)
                if person_end is not None:
                    # "Artyom Lukin of Far Eastern Federal University": a person and the body
                    # the model read as one name
                    body = range(person_end + 1, span.stop)
                    for cat, part in ((PERSON, range(span.start, person_end)), (ORGANIZATION, body)):
                        part_name = _tidy(doc.text[tokens.starts[part.start]:tokens.ends[part.stop - 1]])
                        _take(out, Found(cat, tokens.starts[part.start], tokens.ends[part.stop - 1], part.start,
                                         part.stop, part_name, None, "model", Target(cat, part_name)), taken)
                    continue
            if category == PLACE and label == "GPE":
                # a state the gazetteer does not spell this way is still a place, not a state
                pass
            _take(out, Found(category, tokens.starts[span.start], tokens.ends[span.stop - 1], span.start,
                             span.stop, name, None, "model", Target(category, name)), taken)
    return out


def _person_of_body(tokens, span: range) -> int | None:
    """Where "of" splits a name the model read as one body into a person and the body ("Artyom
    Lukin of Far Eastern Federal University"): two or three name words before it, a body's
    head word last. None otherwise ("Ministry of Foreign Affairs", "Bank of Korea")."""
    of = next((k for k in span if tokens.norm[k] == "of"), None)
    if of is None or not 2 <= of - span.start <= 3 or tokens.norm[span.stop - 1] not in lexicon.ORG_HEADS:
        return None
    if any(not _is_name_word(tokens, k) or tokens.norm[k] in lexicon.ORG_HEADS or tokens.norm[k] in _PERSON_NOT
           for k in range(span.start, of)):
        return None
    return of


def _unexplained_capital(doc: Doc, s_idx: int, taken: bytearray) -> bool:
    """A capitalised word that no name found covers and that a name the model finds must
    hold (``_model_name_ok`` turns down names made only of title, body and common words):
    without one the model has nothing to add, and its names cost most of its time."""
    tokens = doc.tokens
    return any(not taken[k] and tokens.surface[k][:1].isupper() and tokens.norm[k] not in _PERSON_NOT
               and tokens.norm[k] not in lexicon.ORG_HEADS for k in doc.sentence_tokens[s_idx])


def _qualifies_a_place(tokens, after: int, founds: list[Found]) -> bool:
    """"the Pacific port of Vladivostok": a word before a place noun that an "of" phrase
    names is an adjective of that place, not a place of its own."""
    n = len(tokens)
    if after + 2 >= n or tokens.run[after - 1] <= 1 or tokens.run[after] <= 1:
        return False
    if tokens.surface[after][:1].isupper() or tokens.norm[after] not in lexicon.CITY_NOUNS \
            or tokens.norm[after + 1] != "of":
        return False
    start = tokens.starts[after + 2]
    return tokens.surface[after + 2][:1].isupper() or any(f.start == start and f.category == PLACE for f in founds)


def _model_name_ok(category: str, words: list[str], tokens, span: range) -> bool:
    if not words or not all(w[:1].isupper() or w[:1].isdigit() or fold(w) in lexicon.ORG_NAME_CONNECTORS or w == "s"
                            for w in words):
        return False
    folded = [fold(w) for w in words]
    if folded[0] in ("the",):
        folded = folded[1:]
    if not folded:
        return False
    if category == PERSON:
        # a title's abbreviation last is a given name written after the family name ("Nakatani
        # Gen"): a title comes before a name
        last = len(folded) - 1
        return 2 <= len(folded) <= 4 and not any(
            ((w in _PERSON_NOT and not _name_syllable(word, w)) or w in lexicon.TITLE_HEADS)
            and not (k == last and w in lexicon.TITLE_ABBREVIATIONS)
            for k, (word, w) in enumerate(zip(words[len(words) - len(folded):], folded, strict=True)))
    if category == PLACE and span.stop < len(tokens) and tokens.run[span.stop - 1] > 1 \
            and tokens.norm[span.stop] in lexicon.STATE_GROUP_NOUNS:
        return False  # "the Baltic states": states, not a place
    if all(w in _PERSON_NOT or w in lexicon.ORG_HEADS for w in folded):
        return False
    if category == ORGANIZATION:
        if "and" in folded and not any(w in lexicon.ORG_HEADS for w in folded):
            return False  # "Vorozhba and Martynovka": two names joined, no body
        if folded[-1] in lexicon.TITLE_HEADS:
            return False  # "High Representative": a title
        before = span.start - 1
        if before > 0 and tokens.norm[before] in ("of", "for") and tokens.run[before - 1] > 1 \
                and tokens.norm[before - 1] in lexicon.TITLE_HEADS:
            return False  # "Minister of Natural Resources": the portfolio of a title
        if len(words) == 1 and words[0].isupper() and before >= 0 and tokens.norm[before] in ("a", "an") \
                and tokens.run[before] > 1:
            return False  # "destroying a CCTV", "an ICBM": an acronym of a thing, not a body
    return not (len(folded) == 1 and len(folded[0]) < 3)


# ----------------------------------------------------------------- "<state>'s defence ministry"
_BODY_MAX = max(len(p.split()) for p in lexicon.BODY_PHRASES)


def _bodies(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> list[Found]:
    """A state, its adjective or its capital followed by a body noun names that state's
    body: the reference body when the record has one, else a new organisation."""
    tokens = doc.tokens
    norm = tokens.norm
    n = len(tokens)
    by_first = {f.first: f for f in founds}
    out: list[Found] = []
    skip: set[int] = set()
    replaced: set[int] = set()
    for idx, f in enumerate(founds):
        if f.category != COUNTRY and f.kind != "metonym":
            continue
        state = gaz.root_state(f.target) if f.target else None
        if state is None:
            continue
        j = f.last
        if j < n and norm[j] == "s" and tokens.run[j - 1] > 1:
            j += 1
        if j >= n or tokens.run[j - 1] <= 1:
            continue
        while j < n and norm[j] in ("new", "top", "own") and tokens.run[j] > 1:
            j += 1
        best = _body_phrase_at(tokens, j)
        if not best:
            continue
        k, body = best
        if j in by_first:
            existing = by_first[j]
            longer = existing.last < j + k  # "Russia's U.N. mission": more than the name found
            same = existing.method == "pattern" and existing.category == ORGANIZATION and existing.last == j + k
            # "Russia's Security Council": the words also name an international body, but the
            # state before them makes them the state's own
            international = existing.target is not None and existing.target.actor_kind == "international_body" \
                and existing.last == j + k
            # "Japan's Ministry of Defense", "Ukraine's Defence Intelligence agency": the words also
            # name another state's body (on record or built in); the state before them says whose
            other_state = existing.target is not None and existing.target.state_key not in (None, state.key) \
                and existing.category == ORGANIZATION and existing.last >= j + k
            if not (longer or same or international or other_state):
                continue  # the words after the state are already a known name
            if other_state:
                k = existing.last - j
            replaced.add(id(existing))  # "Defense Ministry" found alone: the state's ministry
        after = j + k
        if body == "military" and after < n and tokens.run[after - 1] > 1 and tokens.norm[after] not in lexicon.AFTER_BODY_WORDS:
            continue  # "military ties", "military forces": an adjective, not the armed forces
        if body in ("government",) and norm[j] != "government":
            continue
        if body == "security_council" and fold(tokens.surface[j]) == "security" and f.kind == "metonym":
            continue
        start, end = f.start, tokens.ends[j + k - 1]
        last = j + k
        target = gaz.body_of(state, body)
        seat = _seat(tokens, last, by_first) if body in lexicon.SEATED_BODIES else None
        if seat is not None:
            # "Russia's embassy in Washington": one of the state's embassies, named by its seat
            last, end = seat.last, seat.end
            target = None
        if target is None:
            if body in ("prosecutors",):
                continue
            surface = " ".join(w if (w.isupper() and len(w) > 1) or w in ("to", "the", "of", "for", "and")
                               else w[:1].upper() + w[1:] for w in tokens.surface[j:j + k])
            target = _new_body(state, surface + (f" in {doc.text[seat.start:seat.end]}" if seat is not None else ""),
                               body)
        out.append(_body_found(tokens, f.first, last, target, start=start, end=end))
        # "Russian Embassy" read as a capitalised name is this body, or part of it
        replaced.update(id(g) for g in founds if g.method == "pattern" and g.category == ORGANIZATION
                        and f.first <= g.first and g.last <= last)
        if f.kind in ("metonym", "epithet"):
            skip.add(idx)
    kept = [f for i, f in enumerate(founds) if i not in skip and id(f) not in replaced]
    return _coordinated_bodies(doc, gaz, kept + out)


def _coordinated_bodies(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> list[Found]:
    """A body noun joined to a state's body by "and" is that state's too: "Japan's Foreign
    Ministry and Defense Ministry", "Russia's defence ministry and foreign ministry"."""
    tokens = doc.tokens
    norm = tokens.norm
    n = len(tokens)
    out = list(founds)
    for f in founds:
        if f.category != ORGANIZATION or f.target is None or f.target.actor_kind != "government_body" \
                or not f.target.body or f.last >= n or norm[f.last] != "and" or tokens.run[f.last - 1] <= 1:
            continue
        state = gaz.root_state(f.target)
        j = f.last + 1 + (f.last + 1 < n and norm[f.last + 1] == "the")
        also = _body_phrase_at(tokens, j) if state is not None and j < n else None
        if not also or also[1] == f.target.body:
            continue
        k, body = also
        inside = [g for g in out if g.first < j + k and g.last > j]
        if any(g.method != "pattern" or g.category != ORGANIZATION for g in inside):
            continue  # "the Foreign Ministry and Ukraine's ...": a name of its own
        target = gaz.body_of(state, body) or _new_body(state, _capitalised(tokens.surface[j:j + k]), body)
        out = [g for g in out if g not in inside]
        out.append(_body_found(tokens, j, j + k, target))
    return out


def _body_phrase_at(tokens, j: int) -> tuple[int, str] | None:
    """The longest body noun phrase at ``j`` ("defense ministry", "foreign office"): its length
    and the body it names."""
    for k in range(min(_BODY_MAX, len(tokens) - j), 0, -1):
        if tokens.run[j] < k:
            continue
        body = lexicon.BODY_PHRASES.get(" ".join(tokens.norm[j:j + k]))
        if body:
            return k, body
    return None


def _bodies_of_states(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> list[Found]:
    """A body noun followed by "of" and a state names that state's body, as the state before
    it does: "The Ministry of Foreign Affairs of the Republic of Korea" (an official release
    naming itself in full) is South Korea's foreign ministry, not some ministry of no state
    nor another state's body of that generic name, and "the Security Council of Russia" is
    Russia's, not the UN's."""
    tokens = doc.tokens
    norm = tokens.norm
    n = len(tokens)
    out: list[Found] = []
    replaced: set[int] = set()
    for of in doc.positions(("of",)):
        c = of + 1 + (of + 1 < n and norm[of + 1] == "the")
        hit = gaz.match_at(tokens, c) if of > 0 and c < n and tokens.run[of] > c - of else None
        state = gaz.root_state(hit.target) if hit is not None and hit.target.category == COUNTRY \
            and hit.kind not in ("metonym", "epithet") else None
        if state is None:
            continue
        best = next(((k, lexicon.BODY_PHRASES[" ".join(norm[of - k:of])]) for k in range(min(_BODY_MAX, of), 0, -1)
                     if tokens.run[of - k] > k and " ".join(norm[of - k:of]) in lexicon.BODY_PHRASES
                     and tokens.surface[of - k][:1].isupper()), None)
        if best is None or best[1] in lexicon.STATE_BODY_TYPES_NOT_NAMED_AFTER:
            continue
        k, body = best
        first, last = of - k, hit.last
        # "the General Staff of the Ukrainian Armed Forces": the name read as one runs on past the state
        last = max([last] + [g.last for g in founds if g.category == ORGANIZATION and g.method == "pattern"
                             and g.first == first and g.last > last])
        target = gaz.body_of(state, body) or _new_body(state, " ".join(tokens.surface[first:of]), body)
        out.append(_body_found(tokens, first, last, target))
        if not any(g.category == COUNTRY and g.first < hit.last and g.last > hit.first for g in founds):
            out.append(_found(hit))  # the state, taken for part of an unknown name, is named too
        # the words read alone ("Ministry of Foreign Affairs", "Security Council", a capitalised
        # run taken for an unknown name): this body
        replaced.update(id(g) for g in founds if g.category == ORGANIZATION and first <= g.first and g.last <= last
                        and (g.method == "pattern" or g.target is None or g.target.state != state.name))
    return [f for f in founds if id(f) not in replaced] + out


def _states_in_body_names(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> list[Found]:
    """A state body's recorded name that names its state ("South Korea's National Intelligence
    Service", "US State Department", "Main Intelligence Directorate of Ukraine") names the
    state too, as "<state>'s <body>" does; a mission "to the United Nations" names the UN. Not a capital or epithet in it, nor a state in an
    outlet's or a research group's proper name ("Korean Central News Agency")."""
    tokens = doc.tokens
    out: list[Found] = []
    states_at = {k for f in founds if f.category == COUNTRY for k in range(f.first, f.last)}
    for f in founds:
        t = f.target
        if f.category == ORGANIZATION and t is not None and t.body in lexicon.BODIES_ACCREDITED_TO:
            # "North Korea's mission to the United Nations" names the United Nations too
            k = next((k for k in range(f.first + 1, f.last) if (h := gaz.match_at(tokens, k, f.last)) is not None
                      and h.last == f.last and h.target.category == ORGANIZATION
                      and h.target.actor_kind == "international_body"), None)
            if k is not None and not any(g.first == k and g.last == f.last for g in founds):
                out.append(_found(gaz.match_at(tokens, k, f.last)))
        if f.category != ORGANIZATION or t is None or t.actor_kind != "government_body" or not t.state_key \
                or f.kind == "body":
            continue
        k = f.first
        while k < f.last:
            hit = next((h for end in range(f.last - (k == f.first), k, -1)
                        if (h := gaz.match_at(tokens, k, end)) is not None and h.target.category == COUNTRY), None)
            if hit is None or hit.kind in ("metonym", "epithet") \
                    or any(j in states_at for j in range(hit.first, hit.last)):
                k += 1
                continue
            state = gaz.root_state(hit.target)
            if state is not None and state.key == t.state_key:
                out.append(_found(hit))
            k = hit.last
    return out


def _owned_new_bodies(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> None:
    """A new government body after a state's possessive is that state's, named with the
    state's adjective as the gold names such bodies: "Lithuania's State Security Department"
    is the Lithuanian State Security Department (the state is still named on its own)."""
    tokens = doc.tokens
    by_last = {f.last: f for f in founds if f.category == COUNTRY or f.kind == "metonym"}
    for f in founds:
        if f.category != ORGANIZATION or f.key is not None or f.kind == "body" or f.first < 2 \
                or tokens.norm[f.first - 1] != "s" or tokens.gaps[f.first - 2] not in ("'", "\u2019") \
                or not any(tokens.norm[k] in lexicon.GOVERNMENT_BODY_WORDS for k in range(f.first, f.last)):
            continue
        owner = by_last.get(f.first - 1)
        state = gaz.root_state(owner.target) if owner is not None and owner.target is not None else None
        if state is None or (f.target is not None and f.target.state_key not in (None, state.key)):
            continue
        old, name = f.name, f"{_state_adjective(state)} {f.name}"
        target = Target(ORGANIZATION, name, None, state.country, state.name, state.key, "government_body")
        for g in founds:  # its other mentions ("the FSB") with it
            if g.category == ORGANIZATION and g.key is None and g.name == old:
                g.name, g.target = name, target


def _state_adjective(state: Target) -> str:
    return lexicon.STATE_PREFIX.get(state.country) or next(
        (d for d, code in lexicon.DEMONYMS.items() if code == state.country), state.name)


def _acronyms_of_new_names(doc: Doc, founds: list[Found]) -> list[Found]:
    """An acronym in brackets right after an organisation ("the Security Service of Ukraine
    (SBU)", "South Korea's Ministry of National Defense (MND)") is that organisation, there
    and wherever the article uses it again ("the SBU said"), where no other name took it."""
    tokens = doc.tokens
    n = len(tokens)
    taken = _taken([f for f in founds if f.category != RESOLUTION], n)
    meant: dict[str, Found] = {}
    for f in founds:
        k = f.last
        if f.category == ORGANIZATION and k + 1 < n and tokens.gaps[k - 1].strip() == "(" \
                and tokens.gaps[k].strip().startswith(")") and not taken[k] \
                and _ACRONYM_RE.fullmatch(tokens.surface[k]) and tokens.surface[k] not in meant:
            meant[tokens.surface[k]] = f
    out: list[Found] = []
    if not meant:
        return out
    for k in range(n):
        f = meant.get(tokens.surface[k])
        if f is not None and not taken[k] and k >= f.last:
            out.append(Found(ORGANIZATION, tokens.starts[k], tokens.ends[k], k, k + 1, f.name, f.key, f.method,
                             f.target))
    return out


_ACRONYM_RE = re.compile(r"[A-Z][A-Z&]{1,6}")


def _unowned_bodies(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> list[Found]:
    """"The foreign ministry said", with no state before it: the same kind of body named
    with its state earlier in the article ("South Korea's foreign ministry ... the
    ministry's spokesman"), else the body of the state the story is filed from (a Seoul
    dateline's "the foreign ministry" is South Korea's, a Moscow one's is Russia's)."""
    tokens = doc.tokens
    norm = tokens.norm
    n = len(tokens)
    taken = _taken([f for f in founds if f.category != RESOLUTION], n)
    dateline = _dateline_state(doc, gaz, founds)
    named = [f for f in founds if f.category == ORGANIZATION and f.target is not None and f.target.body
             and f.target.state_key]
    starts = {s.start for s in doc.sentence_tokens}
    # "The Foreign Ministry said": the capitalised words read as a name of no state
    bare = {f.first: f for f in founds if f.category == ORGANIZATION and f.method == "pattern" and f.key is None
            and (f.target is None or not f.target.state)}
    places = {f.first: f for f in founds if f.category == PLACE}
    persons = {f.first: f for f in founds if f.category == PERSON}
    out: list[Found] = []
    for i in doc.positions(lexicon.UNOWNED_BODY_FIRST_WORDS):
        named_as = bare.get(i)
        if taken[i] and named_as is None:
            continue
        free = (lambda a, b: True) if named_as is not None else (lambda a, b: not any(taken[a:b]))
        size, body = next(((k, lexicon.BODY_PHRASES[" ".join(norm[i:i + k])]) for k in range(
            min(_BODY_MAX, n - i), 0, -1) if tokens.run[i] >= k and " ".join(norm[i:i + k]) in lexicon.BODY_PHRASES
            and free(i, i + k)), (0, None))
        # "Foreign Ministry spokeswoman Maria Zakharova": the body before a title
        titled = size and i + size < n and tokens.run[i + size - 1] > 1 and norm[i + size] in lexicon.TITLE_HEADS
        if not (i > 0 and norm[i - 1] == "the" and tokens.run[i - 1] > 1) and not titled and not (
                i in starts and tokens.surface[i][:1].isupper() and named):
            continue  # "the foreign ministry said"; "Military intelligence also noted", a body named before
        if body not in lexicon.UNOWNED_BODY_TYPES or (named_as is not None and named_as.last != i + size):
            continue
        # "the Foreign Ministry in Tokyo": the capital's state
        seat = places.get(i + size + 1) if i + size + 1 < n and norm[i + size] == "in" \
            and tokens.run[i + size - 1] > 1 else None
        seated = gaz.root_state(seat.target) if seat is not None and seat.kind == "metonym" \
            and seat.target is not None else None
        earlier = [f.target for f in named if f.target.body == body and f.start < tokens.starts[i]]
        if titled:
            # "Foreign Ministry spokeswoman Maria Zakharova": the state of the body the record puts her in
            seated = seated or _state_of_titled_person(gaz, persons.get(i + size + 1))
        if seated is not None:
            earlier = []
        elif not earlier and norm[i - 1] != "the" and not titled:
            continue
        state = None if earlier else (seated or dateline)
        target = earlier[-1] if earlier else (gaz.body_of(state, body) if state is not None else None)
        if target is None and state is not None:
            target = _new_body(state, _capitalised(tokens.surface[i:i + size]), body)
        if target is None:
            continue
        if named_as is not None:
            named_as.name, named_as.key, named_as.target, named_as.kind = target.name, target.key, target, "body"
            named_as.method = "gazetteer" if target.key else "pattern"
            continue
        start, end = tokens.starts[i], tokens.ends[i + size - 1]
        out.append(Found(ORGANIZATION, start, end, i, i + size, target.name, target.key,
                         "gazetteer" if target.key else "pattern", target, kind="body"))
    return out


def _state_of_titled_person(gaz: Gazetteer, person: Found | None) -> Target | None:
    """The state of a recorded person (the gazetteer ties him to the state of the body he
    holds a title in)."""
    return gaz.root_state(person.target) if person is not None and person.key and person.target else None


def _new_body(state: Target, words: str, body: str) -> Target:
    """A body of a state that the record lacks, named with the state's prefix ("Japanese
    Defense Ministry")."""
    name = f"{lexicon.STATE_PREFIX.get(state.country) or state.name} {words}"
    return Target(ORGANIZATION, name, None, state.country, state.name, state.key, "government_body", body=body)


def _body_found(tokens, first: int, last: int, target: Target, *, start: int | None = None,
                end: int | None = None) -> Found:
    """A state's body found over tokens [first, last)."""
    return Found(ORGANIZATION, tokens.starts[first] if start is None else start,
                 tokens.ends[last - 1] if end is None else end, first, last, target.name, target.key,
                 "gazetteer" if target.key else "pattern", target, kind="body")


def _capitalised(words) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _dateline_state(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> Target | None:
    """The state of the city in the article's dateline ("SEOUL, April 2 (Yonhap) --")."""
    for f in founds:
        if f.category == PLACE and f.target is not None and f.start < doc.dateline_end(doc.sentence_at(f.start)):
            return gaz.root_state(f.target)
        if f.start > 200:
            break
    return None


def _seat(tokens, after: int, by_first: dict[int, Found]) -> Found | None:
    """The city named right after a body ("embassy in Washington")."""
    if after + 1 >= len(tokens) or tokens.run[after - 1] <= 1 or tokens.norm[after] != "in":
        return None
    place = by_first.get(after + 1)
    return place if place is not None and place.category == PLACE else None


# ----------------------------------------------------------------- surnames
def _surnames(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> list[Found]:
    """A surname alone refers to the person named in full earlier in the article, or to
    the one reference person with that surname ("Kirby", "Lavrov", "Choe")."""
    tokens = doc.tokens
    n = len(tokens)
    taken = _taken([f for f in founds if f.category != RESOLUTION], n)
    article: dict[str, list[Found]] = {}
    for f in founds:
        if f.category != PERSON or f.last - f.first < 2:
            continue
        words = [tokens.norm[k] for k in range(f.first, f.last) if tokens.norm[k] != "s"]
        korean = (f.target is not None and f.target.country in ("KP", "KR")) or any(
            _gap_text(doc, k) == "-" for k in range(f.first, f.last - 1)
        )
        surname = words[0] if korean else words[-1]
        if not korean and f.target is not None and f.target.key is not None and len(f.target.name.split()) > 1:
            surname = fold(f.target.name.split()[-1])  # "Nakatani Gen" written family name first: Nakatani
        if surname in lexicon.TITLE_ABBREVIATIONS:
            continue  # "Gen." alone is a general's title
        article.setdefault(surname, []).append(f)
    out: list[Found] = []
    keys = article.keys() | gaz.surnames.keys()
    for i in doc.positions(keys):
        if taken[i]:
            continue
        word = tokens.surface[i]
        if not word[:1].isupper() or not word.isalpha():
            continue
        key = tokens.norm[i]
        if key in lexicon.MONTH_ABBREVIATIONS and i + 1 < n and tokens.surface[i + 1][:1].isdigit():
            continue  # "Jun 3" is a date
        candidates = article.get(key)
        target: Target | None = None
        if candidates:
            before = [c for c in candidates if c.start < tokens.starts[i]] or candidates
            counts: dict[str, int] = {}
            for c in before:
                counts[c.name] = counts.get(c.name, 0) + 1
            name = max(counts, key=lambda nm: (counts[nm], -min(c.start for c in before if c.name == nm)))
            chosen = next(c for c in before if c.name == name)
            target = chosen.target or Target(PERSON, chosen.name, chosen.key)
            method = chosen.method
        elif key in gaz.surnames:
            target = gaz.surnames[key]
            method = "gazetteer"
        if target is None:
            continue
        if i > 0 and tokens.run[i - 1] > 1 and _is_name_word(tokens, i - 1) and tokens.norm[i - 1] != "s":
            continue
        if i + 1 < n and tokens.run[i] > 1 and _is_name_word(tokens, i + 1) and _gap_text(doc, i) == " ":
            continue
        out.append(Found(PERSON, tokens.starts[i], tokens.ends[i], i, i + 1, target.name, target.key,
                         method, target))
    return out


def _gap_text(doc: Doc, i: int) -> str:
    return _gap(doc.tokens, i)


# ----------------------------------------------------------------- roles
def _roles(doc: Doc, gaz: Gazetteer, founds: list[Found]) -> None:
    by_token: dict[int, Found] = {}
    for f in founds:
        if f.category == RESOLUTION:
            continue
        for k in range(f.first, f.last):
            by_token.setdefault(k, f)
    for f in founds:
        if f.category != PERSON:
            continue
        role, affil, prefix_start = _title_before(doc, gaz, f, by_token)
        if role is None or affil is None or role.lower().rstrip(".") in lexicon.TITLE_ABBREVIATIONS:
            # "Col. Lee Sung-jun, spokesperson for the Joint Chiefs of Staff": the apposition says more
            role2, affil2 = _apposition(doc, gaz, f, by_token)
            if role2 is not None and (role is None or role.lower().rstrip(".") in lexicon.TITLE_ABBREVIATIONS):
                role = role2
            if affil is None and affil2 is not None:
                affil = affil2
        if affil is None:
            affil = _body_after_of(doc, f, by_token)  # "Artyom Lukin of Far Eastern Federal University"
        f.role = role
        if affil is not None:
            f.affiliation_target = affil
            f.affiliation = affil.name
        f.prefix_start = prefix_start


def _body_after_of(doc: Doc, person: Found, by_token: dict[int, Found]) -> Target | None:
    """The organisation a person is "of", named right after the name ("Artyom Lukin of Far
    Eastern Federal University", "Victor Cha of the Center for Strategic and International
    Studies"); None otherwise."""
    tokens = doc.tokens
    k = person.last
    if k + 1 >= len(tokens) or tokens.norm[k] != "of" or tokens.run[k - 1] <= 1 or tokens.run[k] <= 1:
        return None
    k += 1
    if tokens.norm[k] == "the" and k + 1 < len(tokens):
        k += 1
    body = by_token.get(k)
    if body is None or body.first != k or body.category != ORGANIZATION or body.target is None:
        return None
    return body.target


def _affiliation_of(gaz: Gazetteer, found: Found) -> Target | None:
    if found.category == ORGANIZATION and found.target is not None:
        return found.target if found.listed else None  # "Russia's U.N. Ambassador": Russia's, not the UN's
    if found.category in (COUNTRY, PLACE) and found.target is not None:
        return gaz.root_state(found.target) if found.kind in ("metonym", "epithet", "demonym", "name") \
            and (found.category == COUNTRY or found.kind == "metonym") else None
    return None


def _title_before(doc: Doc, gaz: Gazetteer, person: Found, by_token: dict[int, Found]):
    tokens = doc.tokens
    i = person.first - 1
    if i < 0:
        return None, None, None
    gap = _gap_text(doc, i)
    comma = False
    if gap.strip() == ",":
        # "the Kremlin's defense minister, Sergei Shoigu,"
        comma = True
    elif gap == ". " and tokens.norm[i] in lexicon.TITLE_ABBREVIATIONS:
        pass  # "Gen. Pat Ryder", "Rep. Yoo Sang-bum"
    elif tokens.run[i] <= 1 or "\n" in gap:
        return None, None, None
    head = tokens.norm[i]
    owner = by_token.get(i)
    if owner is not None and owner is not person and owner.category in (ORGANIZATION, COUNTRY) and not comma:
        # "Ambassador to the United Nations Vassily Nebenzia": the title ends with its body
        k = owner.first - 1
        if k > 0 and tokens.norm[k] == "the":
            k -= 1
        if k > 0 and tokens.norm[k] in ("to", "of", "at", "for") and tokens.norm[k - 1] in lexicon.TITLE_HEADS:
            role_end = owner.end
            start_k = k - 1
            while start_k > 0 and tokens.run[start_k - 1] > 1 and (
                    tokens.norm[start_k - 1] in lexicon.TITLE_WORDS or tokens.norm[start_k - 1] in lexicon.TITLE_HEADS):
                start_k -= 1
            state = None
            prev = by_token.get(start_k - 1)
            if prev is not None and prev.category == COUNTRY and tokens.run[start_k - 1] > 1:
                state = gaz.root_state(prev.target) if prev.target else None
            role = doc.text[tokens.starts[start_k]:role_end]
            return _clean_role(role), state or _affiliation_of(gaz, owner), tokens.starts[
                prev.first if prev is not None and state is not None else start_k]
    if head not in lexicon.TITLE_HEADS and not comma and tokens.surface[i][:1].isupper():
        return _title_with_portfolio(doc, gaz, i, by_token, person)
    if head not in lexicon.TITLE_HEADS or head in lexicon.RELATION_HEADS:
        # "then-President Donald Trump" keeps its head after the hyphen
        return None, None, None
    k = i
    affil: Target | None = None
    first_role_token = i
    while k >= 0:
        word = tokens.norm[k]
        owner = by_token.get(k)
        if owner is not None and owner is not person and owner.category in (ORGANIZATION, COUNTRY, PLACE):
            target = _affiliation_of(gaz, owner)
            if target is not None and affil is None:
                affil = target
            k = owner.first - 1
            if k >= 0 and tokens.run[k] <= 1:
                break
            continue
        if owner is not None and owner.category == PERSON:
            break
        if word == "s" and k > 0 and by_token.get(k - 1) is not None:
            k -= 1
            continue
        if word in lexicon.TITLE_HEADS or word in lexicon.TITLE_WORDS:
            if word in ("of", "for", "the") and not (k + 1 <= i and tokens.norm[k + 1] not in ("the",)):
                break
            if affil is None:
                first_role_token = k
            k -= 1
            if k >= 0 and (tokens.run[k] <= 1 or "\n" in _gap_text(doc, k)) and not (
                    tokens.gaps[k] == ". " and tokens.norm[k] in lexicon.TITLE_ABBREVIATIONS):
                break
            continue
        break
    # the role is the words between the affiliation (if any) and the name
    while first_role_token <= i and tokens.norm[first_role_token] in ("of", "for", "the", "s"):
        first_role_token += 1
    if first_role_token > i:
        return None, affil, None
    if comma and not (k >= 0 and tokens.norm[k] in ("the", "s")) and affil is None:
        return None, None, None
    start = tokens.starts[first_role_token]
    role = doc.text[start:tokens.ends[i]]
    role = role.replace("\u2019", "'")
    prefix_start = tokens.starts[k + 1] if k + 1 <= i else start
    return _clean_role(role), affil, prefix_start


def _title_with_portfolio(doc: Doc, gaz: Gazetteer, i: int, by_token: dict[int, Found], person: Found):
    """A title whose portfolio ends it: "Under Secretary of the Treasury for Terrorism and
    Financial Intelligence Brian E. Nelson". The title head is found by walking back over
    the capitalised words and their connectors; the body named inside is the affiliation."""
    tokens = doc.tokens
    k = i
    while k > 0 and i - k < 12 and tokens.run[k - 1] > 1 and (
            tokens.surface[k - 1][:1].isupper() or tokens.norm[k - 1] in lexicon.ORG_NAME_CONNECTORS):
        k -= 1
        if tokens.norm[k] in lexicon.TITLE_HEADS and tokens.surface[k][:1].isupper():
            first = k
            while first > 0 and tokens.run[first - 1] > 1 and tokens.surface[first - 1][:1].isupper() \
                    and tokens.norm[first - 1] in lexicon.TITLE_WORDS:
                first -= 1
            affil = next((_affiliation_of(gaz, f) for f in (by_token.get(t) for t in range(first, i + 1))
                          if f is not None and f is not person and f.category in (ORGANIZATION, COUNTRY)
                          and _affiliation_of(gaz, f) is not None), None)
            role = doc.text[tokens.starts[first]:tokens.ends[i]].replace("\u2019", "'")
            state = _state_before(doc, gaz, first, by_token) if affil is None else None
            if state is not None:
                # "U.S. Deputy Secretary of State Kurt Campbell": the state before the title is his
                return _clean_role(role), state, by_token[first - 1 - (tokens.norm[first - 1] == "s")].start
            return _clean_role(role), affil, tokens.starts[first]
    return None, None, None


def _state_before(doc: Doc, gaz: Gazetteer, first: int, by_token: dict[int, Found]) -> Target | None:
    """The state named right before the token ``first`` ("U.S.", "Japanese", "Russia's"), in
    the same run of words."""
    tokens = doc.tokens
    k = first - 1
    if k > 0 and tokens.norm[k] == "s":
        k -= 1
    prev = by_token.get(k)
    if prev is None or prev.category != COUNTRY or prev.target is None or tokens.run[k] <= first - k:
        return None
    return gaz.root_state(prev.target)


def _clean_role(role: str) -> str | None:
    role = re.sub(r"\s+", " ", role).strip(" ,")
    if role.lower() in ("mr", "ms", "mrs", "dr"):
        return None
    return role or None




def _apposition(doc: Doc, gaz: Gazetteer, person: Found, by_token: dict[int, Found]):
    tokens = doc.tokens
    j = person.last
    if j >= len(tokens) or _gap_text(doc, j - 1).strip() != ",":
        return None, None
    s = doc.sentences[doc.sentence_at(person.start)]
    text = doc.plain
    end = text.find(",", tokens.ends[j - 1] + 1, s.end)
    if end == -1:
        end = s.end
    verb = re.search(r"\b(?:said|says|told|added|warned|denied|wrote|noted|who|has|had|is|was)\b",
                     text[tokens.starts[j]:end])
    if verb:
        end = tokens.starts[j] + verb.start()
    span = tokens.span(tokens.starts[j], end)
    if not span:
        return None, None
    words = [tokens.norm[k] for k in span]
    head_at = None
    for k in span:
        owner = by_token.get(k)
        if owner is not None and owner.category == PERSON:
            break
        if tokens.norm[k] in lexicon.TITLE_HEADS or tokens.norm[k] in lexicon.RELATION_HEADS:
            head_at = k
        elif tokens.norm[k] in ("of", "for", "at", "to", "in", "with") and head_at is not None:
            break
    if words[0] not in ("a", "an", "the") and any(
            (o := by_token.get(k)) is not None and o is not person and o.category == PERSON for k in span):
        # "Kim Hong-kyun, U.S. Deputy Secretary of State Kurt Campbell and ...": a list of
        # people each with a title of his own, not this one's apposition ("X, an aide to
        # President Putin," is one)
        return None, None
    if head_at is None or words[0] in lexicon.RELATION_HEADS or words[0] in lexicon.NOT_APPOSITION_WORDS:
        return None, None  # "Lavrov, on an official trip to Pyongyang,": a circumstance, not a title
    if tokens.norm[head_at] in lexicon.RELATION_HEADS:
        return None, None
    first = span.start
    while first < head_at and tokens.norm[first] in ("a", "an", "the"):
        first += 1
    affil: Target | None = None
    keyed: Target | None = None
    for k in span:
        owner = by_token.get(k)
        if owner is None or owner is person:
            continue
        target = _affiliation_of(gaz, owner)
        if target is not None:
            before = owner.first - 1
            if before > 0 and tokens.norm[before] == "the":
                before -= 1
            if affil is not None and before > head_at and tokens.norm[before] in ("to", "in"):
                continue  # "Russia's ambassador to North Korea": where the post is, not whom it serves
            if owner.kind == "demonym" and owner.last < len(tokens) and tokens.norm[owner.last] in lexicon.PORTFOLIO_NOUNS:
                continue  # "the vice minister in charge of Russian affairs": the portfolio, not whom it serves
            affil = target
            if target.key:
                keyed = target
    # the role is the title words, without an organisation inside it
    role_first = first
    for k in range(first, head_at + 1):
        owner = by_token.get(k)
        if owner is not None:
            role_first = owner.last
    if role_first > head_at:
        role_first = head_at
    role = doc.text[tokens.starts[role_first]:tokens.ends[head_at]]
    return _clean_role(role.replace("\u2019", "'")), keyed or affil


def mentions_of(doc: Doc, founds: list[Found]) -> tuple[Mention, ...]:
    """The names to list. A capital standing for its government ("Moscow has denied",
    "arms to Pyongyang") is a mention of its state, not of a place; it is a place where it
    is used as one (a dateline, "in Seoul", "visited Pyongyang")."""
    out = []
    places_at: set[int] = set()  # last tokens of capitals used as places
    states_at = {f.start for f in founds if f.category == COUNTRY and f.listed}
    for f in founds:
        if not f.listed:
            continue
        mention = f.mention(doc.text)
        if f.category == ORGANIZATION and f.target is not None and f.target.state \
                and f.target.body in lexicon.STATE_STANDING_BODIES and (f.kind == "body" or f.target.body == "government"):
            # "the South Korean government", "the Russian military": the state itself, no body of its own
            if f.start in states_at:
                continue  # listed by its state's name already
            mention = dataclasses.replace(mention, category=COUNTRY, name=f.target.state, key=f.target.state_key,
                                          method="gazetteer" if f.target.state_key else "pattern")
        elif f.kind == "metonym" and f.category == PLACE and f.target is not None and f.target.state:
            if _used_as_place(doc, f, places_at):
                places_at.add(f.last - 1)
            else:  # "Seoul warned": the state, found through its capital (not listed among the states named)
                mention = dataclasses.replace(mention, category=COUNTRY, name=f.target.state,
                                              key=f.target.state_key, method=METONYM)
        out.append(mention)
    return tuple(out)


_TITLE_CASE_DATELINE = re.compile(r"(?:,[^()\n]{0,25})?\s*\([A-Za-z][\w .&-]{1,30}\)\s*(?:--|[-\u2014\u2013])")


def _used_as_place(doc: Doc, f: Found, places_at: set[int]) -> bool:
    tokens = doc.tokens
    norm = tokens.norm
    surface = tokens.surface[f.first]
    if (surface.isupper() and len(surface) > 2) or f.end <= doc.dateline_end(doc.sentence_at(f.start)) \
            or _TITLE_CASE_DATELINE.match(doc.plain, f.end, f.end + 60) \
            and doc.paragraphs[doc.sentence_paragraph[doc.sentence_at(f.start)]][0] == f.start:
        return True  # a dateline: "SEOUL, Nov 8 (Reuters) -", "Seoul (AFP) -"
    before = norm[f.first - 1] if f.first > 0 and tokens.run[f.first - 1] > 1 else ""
    if before in lexicon.PLACE_PREPOSITIONS or before in lexicon.TRAVEL_WORDS:
        return True  # "in Seoul", "visited Pyongyang"
    if before in ("and", "or") and f.first - 2 in places_at:
        return True  # "officials in Seoul and Kyiv"
    if before == "between" and f.first > 1 and tokens.run[f.first - 2] > 1 \
            and norm[f.first - 2] in lexicon.CONNECTION_NOUNS:
        return True  # "rail links between Moscow and Pyongyang", but "relations between Moscow and ..."
    if f.first > 0 and tokens.gaps[f.first - 1].strip() == "," and norm[f.first - 1] in lexicon.CAPITAL_NOUNS:
        return True  # "the North Korean capital, Pyongyang,"
    if before in ("to", "from", "of") and f.first > 1 and tokens.run[f.first - 2] > 1 \
            and (norm[f.first - 2] in lexicon.TRAVEL_WORDS or (before == "of" and norm[f.first - 2] == "out")):
        return True  # "travelled to Pyongyang", "flights out of Pyongyang", but "arms to Moscow"
    after = f.last
    if after < len(tokens) and tokens.run[after - 1] > 1:
        if tokens.gaps[after - 1] == "-" and norm[after] == "based":
            return True  # "a Washington-based think tank"
        noun = after + 1 if norm[after] == "s" and after + 1 < len(tokens) else after
        if noun + 1 < len(tokens) and tokens.surface[noun][:1].isupper() and tokens.run[noun] > 1:
            noun += 1  # "Pyongyang's Sunan airport"
        if norm[noun] in lexicon.CITY_NOUNS:
            return True  # "Pyongyang's airport", "Moscow residents"
        if before in ("a", "an") and tokens.surface[after][:1].islower():
            return True  # "a Washington think tank"
    return False
