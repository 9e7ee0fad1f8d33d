"""Dataclasses in and out of extraction. Pure: no Django, no database.

Reference data comes in as a ``ReferenceData`` (built from the database by
``ingestion.reference``); results go out as an ``Extraction``. Every extracted item
carries character offsets into the cleaned text, so a reviewer sees the sentence it came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Mention categories, as in the JSON view of extraction.
PERSON = "person"
ORGANIZATION = "organization"  # governments, government bodies, international bodies, outlets, firms, armed groups
COUNTRY = "country"  # states
PLACE = "place"  # ports, depots, cities, regions (not states)
VESSEL = "vessel"
RESOLUTION = "resolution"
# How a mention was found, when it names its target only through another name: "Seoul said"
# is the Republic of Korea, linked to it, but not a state the text names.
METONYM = "metonym"
CATEGORIES = (PERSON, ORGANIZATION, COUNTRY, PLACE, VESSEL, RESOLUTION)


# ----------------------------------------------------------------- reference data (in)
@dataclass(frozen=True)
class ReferenceEntry:
    """One known name from the reference data and its aliases.

    ``key`` is a stable reference back to the row ("actor:12", "place:3", "vessel:4",
    "resolution:2270"), carried into proposals so that accepting one links the right row."""

    key: str
    category: str  # one of CATEGORIES
    name: str  # canonical name
    aliases: tuple[str, ...] = ()
    country: str = ""  # ISO 3166 alpha-2, where known
    parent_key: str | None = None  # government bodies: the body or state they belong to
    actor_kind: str = ""  # compliance ActorKind value for actors ("state", "government_body", "person", ...)
    place_kind: str = ""  # compliance PlaceKind value for places
    # Resolutions: when adopted and what their provisions regulate (compliance
    # ProvisionCategory values), so that "the 2006 arms embargo" finds UNSCR 1718.
    adopted_on: dt.date | None = None
    subjects: tuple[str, ...] = ()
    chapter_vii: bool = False  # binding measures: what "the 2006 sanctions" means
    summary: str = ""  # what it does, in a line: the goods it names are topics ("petroleum caps")


@dataclass(frozen=True)
class PersonRole:
    """A person's title in an organisation over a period (from compliance ActorRole)."""

    person_key: str
    title: str
    organisation_key: str | None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class TermEntry:
    """An estimative-language term and its probability band."""

    key: str  # "term:5"
    term: str
    synonyms: tuple[str, ...]
    scale: str  # "uk_phia" | "us_icd_203"
    low_percent: int
    high_percent: int
    used_by: tuple[str, ...] = ()  # ISO codes of the states whose assessments use this scale


@dataclass(frozen=True)
class ReferenceData:
    entries: tuple[ReferenceEntry, ...] = ()
    roles: tuple[PersonRole, ...] = ()
    terms: tuple[TermEntry, ...] = ()
    fingerprint: str = ""  # changes whenever the reference data changes (cache key)


# ----------------------------------------------------------------- results (out)
@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A name found in the text: matched to the reference data (``key``) or not (``key`` None)."""

    category: str
    text: str  # as written
    start: int
    end: int
    name: str  # canonical name if matched, else the surface form tidied
    key: str | None = None
    method: str = "gazetteer"  # "gazetteer" | "model" | "pattern" | "metonym" (a capital standing for its state)
    role: str | None = None  # people: "spokesperson", "Foreign Minister", when the text gives it
    affiliation: str | None = None  # people: the organisation or state named with them


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    value: dt.date | None  # start of the period
    end_value: dt.date | None = None  # end of a range ("between September 7 and October 1")
    precision: str = "day"  # "day" | "month" | "year" (compliance DatePrecision values)
    relative: bool = False  # resolved against the article's date


@dataclass(frozen=True)
class Quantity:
    text: str  # "up to 1,000 containers"
    start: int
    end: int
    low: float | None  # 1000.0; "millions of" -> 2_000_000 lower bound
    high: float | None  # "up to 1,000" -> high 1000, low None
    unit: str  # "containers", "rounds", "soldiers"
    qualifier: str = ""  # "up to", "more than", "about", "millions of"


@dataclass(frozen=True)
class StatementCandidate:
    """An attributed statement: who said what, for whom, with what stance."""

    speaker: str | None  # a named person ("John Kirby") or None
    speaker_key: str | None
    speaker_role: str | None  # "National Security Council spokesperson"
    on_behalf_of: str | None  # the government or body whose position it is ("White House")
    on_behalf_of_key: str | None
    stance: str  # asserts | denies | condemns | warns | declines_to_comment | assesses
    probability_term: str | None  # "almost certain", as written
    term_key: str | None  # matched TermEntry key
    band: tuple[int, int] | None  # (low_percent, high_percent)
    date: dt.date | None  # when it was said, if the text tells
    date_precision: str
    quote: str  # the words said: the quotation if direct, else the reported clause
    direct: bool  # direct (quoted) or reported speech
    start: int  # span of the sentence(s) carrying the statement
    end: int
    cue: str = ""  # the reporting verb or phrase ("said", "denied", "nothing to say")
    # Every originator when several speak together ("the United States, United Kingdom, South
    # Korea and Japan said in a joint statement"); ``on_behalf_of`` then lists them all.
    on_behalf_of_names: tuple[str, ...] = ()
    on_behalf_of_keys: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class LegCandidate:
    from_place: str | None
    from_key: str | None
    to_place: str | None
    to_key: str | None
    mode: str  # compliance TransportMode value: sea | rail | road | air | unknown
    vessel: str | None = None  # a ship named for this leg
    vessel_key: str | None = None


@dataclass(frozen=True)
class TransferCandidate:
    supplier: str | None
    supplier_key: str | None
    recipient: str | None
    recipient_key: str | None
    items: tuple[str, ...]  # "equipment and munitions", "artillery shells"
    item_categories: tuple[str, ...]  # compliance ItemCategory values
    quantity: str | None  # "up to 1,000 containers"
    period_start: dt.date | None
    period_end: dt.date | None
    route: tuple[str, ...]  # place names in order
    legs: tuple[LegCandidate, ...]
    status_claimed: str | None  # compliance TransferStatus value
    start: int  # span of the sentence(s) the details came from
    end: int
    spans: tuple[tuple[int, int], ...] = ()  # every sentence that contributed


@dataclass(frozen=True)
class Extraction:
    version: str
    text: str
    title: str | None
    published: dt.date | None
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    statements: tuple[StatementCandidate, ...] = ()
    transfers: tuple[TransferCandidate, ...] = ()
    relevant: bool = True  # False when nothing in the text concerns the subject
    notes: tuple[str, ...] = field(default_factory=tuple)
