"""What each stance means, written once.

A statement's stance says what its originator does with a claim. Every reader of the record
takes its meaning from :data:`STANCES`: the suggested status (what counts as support or as
contradiction), the bearing an accepted statement proposal gets by default, the column of
the dossier's evidence matrix, the STIX 2.1 and FollowTheMoney exports, and the README's
stance table. Nothing else may decide what a stance means.

The meanings, as an analyst would weigh them before a sanctions committee:

- **asserts**: the originator says the transfer happened (or is happening). It supports the
  claim. Linked as *contradicts*, an assertion of the contrary (e.g. "no shipment left
  Najin") speaks against it.
- **assesses**: a judgement with a probability. It supports the claim only when its band
  lies at or above "likely" (the band's lower bound is at least 55 %, the floor of "likely"
  in both the UK PHIA yardstick and US ICD 203); "a realistic possibility" (40-50 %) or
  "a roughly even chance" (45-55 %) do not put a claim forward, so such an assessment is
  context by default. Linked as *contradicts* (e.g. "unlikely"), it speaks against it.
- **condemns**: condemning a transfer presupposes that it happened; a government does not
  condemn what it believes did not take place. It supports the claim.
- **warns**: a warning about consequences ("will pay a price") looks forward: it neither
  establishes nor disputes that a transfer took place. It is context, never counted for or
  against, whatever bearing a link gives it.
- **denies**: the originator says the transfer did not happen. It contradicts the claim;
  a denial by a party to the transfer (or a body of that party) is noted, but is not enough
  on its own to dispute the claim (that rule is the suggested status's, on who denies).
- **declines_to_comment**: a refusal to say anything is neither for nor against; it is
  recorded, and shown, as context.

A link's bearing is a person's judgement of how a statement bears on one allegation; it can
only narrow what the stance allows (:func:`counted_bearing`): a statement linked as
*supports* whose stance cannot support (warns) or whose band is below the floor counts as
context, never as support.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.choices import Bearing, Stance

# The floor of "likely" (UK PHIA 55-75 %, US ICD 203 55-80 %): an assessment whose band
# starts lower does not put a claim forward.
LIKELY_PERCENT = 55
# A band that starts at or above this (highly likely, almost certain...) is a strong opinion.
STRONG_PERCENT = 80


@dataclass(frozen=True)
class MatrixColumn:
    """A column of the dossier's evidence matrix: what an originator did with the claim."""

    key: str
    label: str

    @property
    def stances(self) -> tuple[Stance, ...]:
        return tuple(rule.stance for rule in STANCES.values() if rule.matrix_column == self.key)

    @property
    def meaning(self) -> str:
        """What the column's stances mean, for the header's tooltip."""
        return " ".join(f"{STANCES[s].label}: {STANCES[s].meaning}" for s in self.stances)


# In the order the dossier shows them.
MATRIX_COLUMNS: tuple[MatrixColumn, ...] = (
    MatrixColumn("asserts", "Asserts or condemns"),
    MatrixColumn("assesses", "Assesses (probability band)"),
    MatrixColumn("denies", "Denies"),
    MatrixColumn("warns", "Warns (context)"),
    MatrixColumn("declines", "Declines to comment"),
)

_POSITION_WORDS = {
    Bearing.SUPPORTS: "supports the claim",
    Bearing.CONTRADICTS: "contradicts the claim",
    Bearing.CONTEXT: "neither supports nor contradicts the claim",
}


@dataclass(frozen=True)
class StanceRule:
    """The meaning of one stance.

    ``position`` is what the stance does with a claim (supports, contradicts, or context:
    neither); ``can_count_as`` the bearings a link may give it that count in the suggested
    status; ``min_band_percent`` the lowest band (its lower bound) at which a statement with
    an estimative term still counts as support (None: a band is not weighed);
    ``stix_object`` "opinion" or "note" and ``stix_opinion`` the opinion without a band."""

    stance: Stance
    position: Bearing
    can_count_as: frozenset[Bearing]
    matrix_column: str
    stix_object: str
    stix_opinion: str | None
    min_band_percent: int | None
    meaning: str

    @property
    def label(self) -> str:
        return Stance(self.stance).label

    def band_counts(self, low_percent: int | None) -> bool:
        """Whether a band starting at ``low_percent`` (None: no estimative term) is high
        enough for this stance to count as support."""
        return self.min_band_percent is None or low_percent is None or low_percent >= self.min_band_percent

    def default_bearing(self, low_percent: int | None = None) -> Bearing:
        """The bearing a statement of this stance gets when nobody chose one."""
        if self.position == Bearing.SUPPORTS and not self.band_counts(low_percent):
            return Bearing.CONTEXT
        return self.position

    def counted_bearing(self, bearing: str, low_percent: int | None = None) -> Bearing:
        """What a link with ``bearing`` counts as in the suggested status."""
        if bearing not in self.can_count_as:
            return Bearing.CONTEXT
        if bearing == Bearing.SUPPORTS and not self.band_counts(low_percent):
            return Bearing.CONTEXT
        return Bearing(bearing)

    def opinion(self, low_percent: int | None = None, high_percent: int | None = None) -> str | None:
        """The STIX 2.1 ``opinion`` value, weighed by the probability band; None for a note.

        A stance that supports: no band "agree"; a band that counts, "strongly-agree" from
        80 %, else "agree"; a band below the floor by its midpoint m: 40 <= m "neutral",
        15 < m < 40 "disagree", m <= 15 "strongly-disagree". A denial: "strongly-disagree"
        with a band from 80 %, else "disagree". Context: "neutral" (or a note)."""
        if self.stix_object != "opinion":
            return None
        banded = low_percent is not None and high_percent is not None
        if self.position == Bearing.SUPPORTS:
            if not banded:
                return "agree"
            if self.band_counts(low_percent):
                return "strongly-agree" if low_percent >= STRONG_PERCENT else "agree"
            middle = (low_percent + high_percent) / 2
            if middle >= 40:
                return "neutral"
            return "disagree" if middle > 15 else "strongly-disagree"
        if self.position == Bearing.CONTRADICTS:
            return "strongly-disagree" if banded and low_percent >= STRONG_PERCENT else "disagree"
        return self.stix_opinion

    def ftm_role(self, phrase: str = "", low_percent: int | None = None) -> str:
        """The FollowTheMoney ``Documentation.role``: the stance, its estimative words, and
        what it does with the claim ("Condemns: supports the claim")."""
        words = f" ({phrase})" if phrase else ""
        return f"{self.label}{words}: {_POSITION_WORDS[self.default_bearing(low_percent)]}"


_FOR = frozenset({Bearing.SUPPORTS, Bearing.CONTRADICTS})

STANCES: dict[str, StanceRule] = {
    rule.stance: rule
    for rule in (
        StanceRule(
            Stance.ASSERTS, Bearing.SUPPORTS, _FOR, "asserts", "opinion", "agree", LIKELY_PERCENT,
            "Says the transfer happened: supports the claim (linked as contradicting, asserts the contrary).",
        ),
        StanceRule(
            Stance.ASSESSES, Bearing.SUPPORTS, _FOR, "assesses", "opinion", "agree", LIKELY_PERCENT,
            "Judges it probable: supports the claim only from “likely” (55 %) up; below that, context.",
        ),
        StanceRule(
            Stance.CONDEMNS, Bearing.SUPPORTS, frozenset({Bearing.SUPPORTS}), "asserts", "opinion", "agree",
            LIKELY_PERCENT,
            "Condemns the transfer, which presupposes it happened: supports the claim.",
        ),
        StanceRule(
            Stance.WARNS, Bearing.CONTEXT, frozenset(), "warns", "note", None, None,
            "Warns of consequences: context, neither for nor against the claim.",
        ),
        StanceRule(
            Stance.DENIES, Bearing.CONTRADICTS, frozenset({Bearing.CONTRADICTS}), "denies", "opinion",
            "disagree", None,
            "Says it did not happen: contradicts the claim (a party's own denial alone does not dispute it).",
        ),
        StanceRule(
            Stance.DECLINES_TO_COMMENT, Bearing.CONTEXT, frozenset(), "declines", "opinion", "neutral", None,
            "Declines to comment: context, neither for nor against the claim.",
        ),
    )
}

assert set(STANCES) == set(Stance.values), "every stance needs a rule"
assert {rule.matrix_column for rule in STANCES.values()} <= {c.key for c in MATRIX_COLUMNS}


def stance_rule(stance: str) -> StanceRule:
    """The rule of a stance; a clear error for an unknown one."""
    try:
        return STANCES[stance]
    except KeyError:
        raise ValueError(f"Unknown stance “{stance}”.") from None


def _low(term) -> int | None:
    return None if term is None else term.low_percent


def default_bearing(stance: str, term=None) -> Bearing:
    """The bearing a statement gets on an allegation when nobody chose one (``term``: its
    estimative term, or None)."""
    return stance_rule(stance).default_bearing(_low(term))


def counted_bearing(*, stance: str, bearing: str, term=None) -> Bearing:
    """What a statement linked to an allegation with ``bearing`` counts as when the record
    suggests a status."""
    return stance_rule(stance).counted_bearing(bearing, _low(term))


# Irregular verbs of saying and finding: the base form and the past. A cue written as a
# participle ("..., blaming the US", "with South Korea confirming") is given as its past in
# a statement's gist ("DPRK blamed ..."); the gist keeps a past form as it is (no "saids").
IRREGULAR_PAST: dict[str, str] = {
    "say": "said", "tell": "told", "write": "wrote", "speak": "spoke", "think": "thought", "find": "found",
    "hold": "held", "make": "made", "give": "gave", "put": "put", "take": "took", "see": "saw", "know": "knew",
    "understand": "understood", "feel": "felt", "read": "read", "set": "set", "meet": "met", "bring": "brought",
}
_IRREGULAR_PASTS = frozenset(IRREGULAR_PAST.values())


_QUOTE_MARKS = frozenset('"“”«»„')


# Verbs that need the person told.
_NEEDS_LISTENER = frozenset({"told", "tells", "tell", "informed", "briefed", "assured"})


def _agreeing(verb: str, *, plural: bool) -> str:
    """The reporting verb as the gist's subject takes it: extraction keeps the article's form,
    whose subject may differ ("officials claim" -> "Republic of Korea claims"); "told" without
    the person told reads "said"."""
    if not verb:
        return verb
    first, _, rest = verb.partition(" ")
    word = first.casefold()
    if word in _NEEDS_LISTENER and not rest:
        return "said"
    if plural or not word.isalpha() or word.endswith(("ed", "s", "ing")) or word in _IRREGULAR_PASTS \
            or word == "according":
        return verb
    third = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else \
        word + "es" if word.endswith(("sh", "ch", "x", "o")) else word + "s"
    return " ".join(filter(None, (third, rest)))


def statement_gist(*, speaker: str | None, on_behalf_of: str | None, reporting_verb: str, stance: str,
                   words: str, quoted: bool) -> str:
    """A statement in one sentence that keeps how it was put: "United States accused North
    Korea of supplying Russia…" (the reported clause after its verb, as written), "John Kirby
    (White House) said: “…”" (a quotation), "According to Reuters, …". The reporting verb is
    descriptive: an accusation is asserted, and only the stance says so. Without a verb the
    stance's label stands in ("Russia denies: …")."""
    speaker, on_behalf_of = " ".join((speaker or "").split()), " ".join((on_behalf_of or "").split())
    who = f"{speaker} ({on_behalf_of})" if speaker and on_behalf_of else (speaker or on_behalf_of or "Unnamed source")
    words = " ".join((words or "").split())
    verb = _agreeing(" ".join((reporting_verb or "").split()), plural="," in on_behalf_of and not speaker)
    if not verb:
        label = STANCES[stance].label.lower() if stance in STANCES else "says"
        return f"{who} {label}: {words}" if words else f"{who} {label}."
    if not words or words.casefold() == verb.casefold():
        return f"{who} {verb}."  # the verb is all there is: "declined to comment"
    if verb.casefold() == "according to":
        return f"According to {who}, {words}"
    # A quotation stands in quotation marks; words that carry their own (a phrase quoted inside
    # reported speech: would “pay a price”) are reported speech.
    if quoted and not _QUOTE_MARKS.intersection(words):
        return f"{who} {verb}: “{words}”"
    return f"{who} {verb} {words}"


def stance_table_markdown() -> str:
    """The stance table of the README, from :data:`STANCES` (a test keeps the two equal)."""
    lines = [
        "| Stance | Can count as | Default bearing | Dossier column | STIX 2.1 | FtM role | Meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    columns = {c.key: c.label for c in MATRIX_COLUMNS}
    for rule in STANCES.values():
        counts = " or ".join(b.label.lower() for b in (Bearing.SUPPORTS, Bearing.CONTRADICTS)
                             if b in rule.can_count_as) or "nothing (context)"
        stix = f"opinion “{rule.stix_opinion}”" if rule.stix_object == "opinion" else "note"
        lines.append(
            f"| {rule.stance} | {counts} | {Bearing(rule.position).label.lower()} | "
            f"{columns[rule.matrix_column]} | {stix} | {rule.ftm_role()} | {rule.meaning} |"
        )
    return "\n".join(lines)
