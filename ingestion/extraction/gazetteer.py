"""The compiled matcher: every known name, its aliases and the built-in vocabulary,
indexed by folded token sequences, built once per version of the reference data.

Matching walks the tokens once and looks the longest candidate name up in a dict, which
is far cheaper than a regular expression with hundreds of alternatives. Case rules keep
short all-capital aliases ("US", "UK", "NSC", "AP") from matching ordinary words ("us",
"ap"), and a capitalised alias ("Planet", "Wagner") from matching a lower-case word."""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass

import pycountry

from compliance.hierarchy import chain_root

from . import lexicon
from .text import Tokens, fold, name_key, plain
from .types import (
    COUNTRY,
    ORGANIZATION,
    PERSON,
    PLACE,
    RESOLUTION,
    VESSEL,
    PersonRole,
    ReferenceData,
    ReferenceEntry,
    TermEntry,
)

KOREAN_COUNTRIES = frozenset({"KP", "KR"})


@dataclass(frozen=True, slots=True)
class Target:
    """What a name refers to. ``state``/``state_key`` name the state it belongs to (a body,
    a person through their role) or stands for (a capital, a demonym)."""

    category: str
    name: str
    key: str | None = None
    country: str = ""
    state: str | None = None
    state_key: str | None = None
    actor_kind: str = ""
    place_kind: str = ""
    body: str = ""  # body type of a government body ("defense_ministry")
    listed: bool = True  # False for epithets such as "the North"


@dataclass(frozen=True, slots=True)
class Form:
    """One written form of a name and how strictly its case must match."""

    target: Target
    alias: str
    rule: str  # "acronym" | "mixed" | "capital" | "any"
    kind: str = "name"  # "name" | "demonym" | "metonym" | "epithet"


@dataclass(frozen=True, slots=True)
class Hit:
    """A name found in the text (before it becomes a ``Mention``)."""

    target: Target
    start: int
    end: int
    first: int  # token indexes [first, last)
    last: int
    kind: str = "name"
    method: str = "gazetteer"


@dataclass(frozen=True, slots=True)
class ResolutionFact:
    """A resolution as a description names it: when it was adopted, what its provisions
    regulate (compliance ProvisionCategory values) and whether it binds (Chapter VII)."""

    target: Target
    adopted_on: dt.date | None
    subjects: frozenset[str]
    chapter_vii: bool = False


def _topics(summary: str) -> frozenset[str]:
    """The goods a resolution's summary names ("Caps petroleum supplies to the DPRK; bans its
    textile exports" -> petroleum, textiles), as lexicon.RESOLUTION_SUBJECTS topics."""
    if not summary:
        return frozenset()
    words = f" {' '.join(re.findall(r'[a-z]+', fold(summary)))} "
    return frozenset(
        topic for phrase, subjects in lexicon.RESOLUTION_SUBJECTS.items() if f" {phrase} " in words
        for topic in subjects if topic in lexicon.RESOLUTION_TOPICS
    )


@dataclass
class Gazetteer:
    fingerprint: str
    index: dict[tuple[str, ...], list[Form]]
    first_len: dict[str, int]
    surnames: dict[str, Target]  # reference people by unambiguous surname
    roles: dict[str, tuple[PersonRole, ...]]
    targets_by_key: dict[str, Target]
    states_by_country: dict[str, Target]
    bodies: dict[tuple[str, str], Target]  # (state name, body type) -> body
    resolutions: dict[str, Target]  # "2270" -> resolution
    terms: tuple[TermEntry, ...]
    term_re: re.Pattern | None
    terms_by_phrase: dict[str, list[TermEntry]]
    term_triggers: tuple[str, ...] = ()  # substrings every estimative phrase contains
    first_lengths: dict[str, tuple[int, ...]] | None = None  # name lengths (in tokens) by first word, longest first
    states_by_name: dict[str, Target] | None = None
    resolution_facts: tuple[ResolutionFact, ...] = ()  # in order of adoption

    # ------------------------------------------------------------- building
    @classmethod
    def build(cls, reference: ReferenceData) -> Gazetteer:
        """The matcher for ``reference``; cached by its fingerprint, so callers may call
        this for every article."""
        if reference.fingerprint:
            with _LOCK:
                cached = _CACHE.get(reference.fingerprint)
            if cached is not None:
                return cached
        built = _build(reference)
        if reference.fingerprint:
            with _LOCK:
                _CACHE.clear()  # one version of the reference data at a time
                _CACHE[reference.fingerprint] = built
        return built

    # ------------------------------------------------------------- lookups
    def state(self, country: str) -> Target | None:
        return self.states_by_country.get(country)

    def root_state(self, target: Target) -> Target | None:
        """The state a target is or belongs to."""
        if target.category == COUNTRY:
            return target
        if target.state_key and target.state_key in self.targets_by_key:
            return self.targets_by_key[target.state_key]
        if target.state:
            return self.states_by_name.get(target.state)
        return None

    def body_of(self, state: Target, body: str) -> Target | None:
        return self.bodies.get((state.name, body))

    # ------------------------------------------------------------- matching
    def match(self, text: str, tokens: Tokens) -> list[Hit]:
        """Longest known names, left to right, never overlapping."""
        hits: list[Hit] = []
        consumed = 0
        for i in [i for i, w in enumerate(tokens.norm) if w in self.first_len]:
            if i < consumed:
                continue
            hit = self.match_at(tokens, i)
            if hit is not None:
                hits.append(hit)
                consumed = hit.last
        return hits

    def match_at(self, tokens: Tokens, i: int, limit: int | None = None) -> Hit | None:
        """The longest known name starting at token ``i`` (ending before ``limit``)."""
        norm = tokens.norm
        surface = tokens.surface
        run = tokens.run
        n = len(norm)
        if norm[i] not in self.first_len:
            return None
        found = None
        room = run[i] if limit is None else min(run[i], limit - i)
        for k in self.first_lengths[norm[i]]:
            if k > room:
                continue
            forms = self.index.get(tuple(norm[i:i + k]))
            if not forms:
                continue
            for form in forms:
                if form.kind == "epithet" and i + k < n and run[i + k - 1] > 1 and surface[i + k][0].isupper():
                    continue  # "the North Atlantic", "the South China Sea"
                if _case_ok(form, surface, i, k):
                    found = (form, k)
                    break
            if found:
                break
        if not found:
            return None
        form, k = found
        end = tokens.ends[i + k - 1]
        if k > 1 and norm[i + k - 1] == "s":  # a trailing possessive is not part of the name
            end = tokens.ends[i + k - 2]
        return Hit(form.target, tokens.starts[i], end, i, i + k, kind=form.kind)


_CACHE: dict[str, Gazetteer] = {}
_LOCK = threading.Lock()


def _case_ok(form: Form, surface: list[str], i: int, k: int) -> bool:
    rule = form.rule
    if rule == "any":
        return True
    first = surface[i]
    if rule == "epithet":
        return all(surface[j][0].isupper() for j in range(i + 1, i + k))
    if rule == "acronym":
        return all(not any(c.islower() for c in surface[j]) for j in range(i, i + k) if surface[j] != "s")
    if rule == "mixed":
        return first[0].isupper() and not all(not c.isupper() for c in "".join(surface[i:i + k]))
    return first[0].isupper() or first[0].isdigit()


def _rule_for(alias: str) -> str:
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return "any"
    if len(letters) <= 6 and all(c.isupper() for c in letters):
        return "acronym"
    if " " not in alias and any(c.isupper() for c in letters[1:]) and not alias.isupper():
        return "mixed"
    if letters[0].isupper():
        return "capital"
    return "any"


class _Builder:
    def __init__(self) -> None:
        self.index: dict[tuple[str, ...], list[Form]] = {}

    def add(self, alias: str, target: Target, kind: str = "name", rule: str | None = None) -> None:
        alias = plain(alias).strip()
        if alias.lower().startswith("the ") and kind != "epithet":
            alias = alias[4:]
        key = name_key(alias)
        if not key:
            return
        form = Form(target, alias, rule or _rule_for(alias), kind)
        forms = self.index.setdefault(key, [])
        if any(f.target == target and f.rule == form.rule for f in forms):
            return
        forms.append(form)


def _country_name(code: str) -> str:
    if code in lexicon.COMMON_COUNTRY_NAMES:
        return lexicon.COMMON_COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return {"XK": "Kosovo"}.get(code, code)
    return getattr(country, "common_name", None) or country.name


_BODY_RES = sorted(
    ((re.compile(rf"\b{re.escape(phrase)}\b"), body, len(phrase)) for phrase, body in lexicon.BODY_PHRASES.items()),
    key=lambda item: -item[2],
)


def body_type(name: str) -> str:
    """The body type a name contains ("UK Ministry of Defence" -> "defense_ministry")."""
    key = " ".join(name_key(name))
    for pattern, body, _length in _BODY_RES:
        if pattern.search(key):
            return body
    return ""


# The body type the built-in vocabulary gives an organisation ("state_media" for KCNA), by
# each of its names: a recorded outlet keeps it, so that state media still speak for their state.
_BUILTIN_BODIES = {name_key(alias): body for name, aliases, _code, _kind, body in lexicon.KNOWN_ORGANIZATIONS
                   if body for alias in (name, *aliases)}


# ISO 3166 entries that are territories rather than states: never matched as countries.
_TERRITORIES = frozenset(
    "JE GG IM MF SX BL UM TF HM BV AQ CX CC NF PN GS IO TK NU WF YT RE GP MQ GF PM SH FK FO GI AX SJ BQ CW AW "
    "KY BM VG VI AI MS TC AS GU MP PR NC PF CK EH HK MO".split()
)


def _build(reference: ReferenceData) -> Gazetteer:
    b = _Builder()
    entries = {e.key: e for e in reference.entries}
    roles: dict[str, list[PersonRole]] = {}
    for role in reference.roles:
        roles.setdefault(role.person_key, []).append(role)

    # States first: everything else hangs from them.
    states_by_country: dict[str, Target] = {}
    for e in reference.entries:
        if e.category == COUNTRY or e.actor_kind == "state":
            if e.country and e.country not in states_by_country:
                states_by_country[e.country] = Target(COUNTRY, e.name, e.key, e.country, e.name, e.key,
                                                      actor_kind="state")

    def state_target(code: str) -> Target | None:
        if not code:
            return None
        if code not in states_by_country:
            states_by_country[code] = Target(COUNTRY, _country_name(code), None, code, _country_name(code),
                                             None, actor_kind="state")
        return states_by_country[code]

    def is_state(entry: ReferenceEntry) -> bool:
        return entry.actor_kind == "state" or entry.category == COUNTRY

    def root_of(entry: ReferenceEntry) -> Target | None:
        # The state at the top of the parent chain: the record's one rule (compliance/hierarchy.py).
        root = chain_root(entry, lambda e: entries.get(e.parent_key) if e.parent_key else None, is_state)
        if root is not None and is_state(root):
            return state_target(root.country) if root.country else None
        return state_target(entry.country) if entry.country and entry.actor_kind == "government_body" else None

    targets_by_key: dict[str, Target] = {}
    bodies: dict[tuple[str, str], Target] = {}
    resolutions: dict[str, Target] = {}
    facts: list[ResolutionFact] = []
    person_entries: list[ReferenceEntry] = []
    for e in reference.entries:
        root = None
        if e.category == PERSON:
            person_entries.append(e)
            for role in roles.get(e.key, ()):
                org = entries.get(role.organisation_key) if role.organisation_key else None
                if org is not None:
                    root = root_of(org)
                    if root:
                        break
            root = root or state_target(e.country)
        elif e.category in (ORGANIZATION, COUNTRY):
            root = root_of(e)
        elif e.category in (PLACE, VESSEL):
            root = state_target(e.country)
        if e.category == COUNTRY or e.actor_kind == "state":
            target = states_by_country.get(e.country) or Target(COUNTRY, e.name, e.key, e.country, e.name, e.key,
                                                               actor_kind="state")
        else:
            body = body_type(" ; ".join((e.name, *e.aliases))) if e.actor_kind == "government_body" \
                else _BUILTIN_BODIES.get(name_key(e.name), "")
            target = Target(e.category, e.name, e.key, e.country, root.name if root else None,
                            root.key if root else None, e.actor_kind, e.place_kind, body)
            if body and root and (root.name, body) not in bodies:
                bodies[(root.name, body)] = target
        targets_by_key[e.key] = target
        if e.category == RESOLUTION:
            number = re.sub(r"\D", "", e.key.split(":", 1)[-1]) or re.sub(r"\D", "", e.name)
            resolutions[number] = target
            facts.append(ResolutionFact(target, e.adopted_on, frozenset(e.subjects) | _topics(e.summary),
                                        e.chapter_vii))
            continue
        for alias in (e.name, *e.aliases):
            b.add(alias, target)

    # Built-in states, demonyms, capitals, epithets, places and bodies (reference first).
    for country in pycountry.countries:
        code = country.alpha_2
        if code in _TERRITORIES:
            continue
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name and "," not in name:
                b.add(name, state_target(code))
    for code, name in lexicon.COMMON_COUNTRY_NAMES.items():
        b.add(name, state_target(code))
    for name, code in lexicon.EXTRA_COUNTRY_NAMES.items():
        b.add(name, state_target(code))
    for name, code in lexicon.DEMONYMS.items():
        b.add(name, state_target(code), kind="demonym")
    known_place_names = {fold(e.name): e for e in reference.entries if e.category == PLACE}
    for name, code in lexicon.METONYMS.items():
        state = state_target(code)
        ref_place = known_place_names.get(fold(name))
        place = Target(PLACE, ref_place.name if ref_place else name, ref_place.key if ref_place else None,
                       code, state.name, state.key, place_kind="city")
        b.add(name, place, kind="metonym")
    for name, code in lexicon.EPITHETS.items():
        state = state_target(code)
        rule = "epithet" if name.startswith("the ") else "capital"
        b.add(name, Target(COUNTRY, state.name, state.key, code, state.name, state.key, "state", listed=False),
              kind="epithet", rule=rule)
    known_places: dict[str, Target] = {}
    for name, (code, kind) in lexicon.KNOWN_PLACES.items():
        state = state_target(code)
        known_places[name] = Target(PLACE, name, None, code, state.name if state else None,
                                    state.key if state else None, place_kind=kind)
    for name, target in known_places.items():
        b.add(name, known_places.get(lexicon.PLACE_ALIASES.get(name, ""), target))
    for alias, name in lexicon.PLACE_ALIASES.items():
        b.add(alias, known_places[name])
    for name, aliases, code, kind, body in lexicon.KNOWN_ORGANIZATIONS:
        state = state_target(code)
        # a body the reference data knows under one of these names: the other names join it
        recorded = next((f.target for alias in (name, *aliases) for f in b.index.get(name_key(alias), ())
                         if f.target.key and f.target.category == ORGANIZATION), None)
        target = recorded or Target(
            ORGANIZATION, name, None, code,
            state.name if state and kind == "government_body" or body == lexicon.STATE_MEDIA_BODY else None,
            state.key if state and (kind == "government_body" or body == lexicon.STATE_MEDIA_BODY) else None,
            kind, body=body)
        if body and state and kind == "government_body" and (state.name, body) not in bodies:
            bodies[(state.name, body)] = target
        for alias in (name, *aliases):
            b.add(alias, target)

    # A capital is written like a place but used for its state: every form of it is a metonym.
    metonym_keys = {name_key(name) for name in lexicon.METONYMS}
    for key, forms in b.index.items():
        if key in metonym_keys:
            forms[:] = [
                Form(f.target, f.alias, f.rule, "metonym") if f.target.category == PLACE else f for f in forms
            ]
        # Reference forms win over built-in ones with the same spelling.
        forms.sort(key=lambda f: (f.target.key is None, f.kind not in ("name", "metonym")))

    # Surnames of reference people, when only one person has them.
    by_surname: dict[str, list[Target]] = {}
    for e in person_entries:
        for name in (e.name, *e.aliases):
            parts = name_key(name)
            if len(parts) < 2:
                continue
            surname = parts[0] if e.country in KOREAN_COUNTRIES else parts[-1]
            if surname in lexicon.TITLE_ABBREVIATIONS:
                continue  # "Nakatani Gen" (family name first): "Gen." alone is a general's title
            people = by_surname.setdefault(surname, [])
            if targets_by_key[e.key] not in people:
                people.append(targets_by_key[e.key])
    surnames = {s: people[0] for s, people in by_surname.items() if len(people) == 1}

    terms = tuple(reference.terms)
    terms_by_phrase: dict[str, list[TermEntry]] = {}
    for term in terms:
        for phrase in (term.term, *term.synonyms):
            terms_by_phrase.setdefault(phrase.lower(), []).append(term)
    term_re = None
    if terms_by_phrase:
        phrases = sorted(terms_by_phrase, key=len, reverse=True)
        term_re = re.compile(
            r"\b(" + "|".join(_term_pattern(p) for p in phrases) + r")\b", re.IGNORECASE
        )

    first_len: dict[str, int] = {}
    lengths: dict[str, set[int]] = {}
    for key in b.index:
        first_len[key[0]] = max(first_len.get(key[0], 0), len(key))
        lengths.setdefault(key[0], set()).add(len(key))
    return Gazetteer(
        fingerprint=reference.fingerprint,
        index=b.index,
        first_len=first_len,
        surnames=surnames,
        roles={k: tuple(v) for k, v in roles.items()},
        targets_by_key=targets_by_key,
        states_by_country=states_by_country,
        bodies=bodies,
        resolutions=resolutions,
        terms=terms,
        term_re=term_re,
        terms_by_phrase=terms_by_phrase,
        term_triggers=tuple(sorted({p.split()[0][:6] for p in terms_by_phrase})),
        first_lengths={w: tuple(sorted(ks, reverse=True)) for w, ks in lengths.items()},
        states_by_name={t.name: t for t in states_by_country.values()},
        resolution_facts=tuple(sorted(facts, key=lambda f: (f.adopted_on or dt.date.max, f.target.name))),
    )


def _term_pattern(phrase: str) -> str:
    # "almost certain" also reads "almost certainly"; "likely" already is an adverb.
    words = [re.escape(w) for w in phrase.split()]
    last = words[-1]
    if not last.endswith("ly"):
        last += "(?:ly)?"
    return r"\s+".join([*words[:-1], last])


def term_entries(gazetteer: Gazetteer, matched: str) -> list[TermEntry]:
    """The reference terms a matched estimative phrase stands for ("almost certainly" ->
    "almost certain")."""
    phrase = " ".join(matched.lower().split())
    found = gazetteer.terms_by_phrase.get(phrase)
    if found is None and phrase.endswith("ly"):
        found = gazetteer.terms_by_phrase.get(phrase[:-2])
    return found or []
