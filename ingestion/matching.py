"""Whether a finding repeats a row of the record, and why. Pure: facts in, a scored
candidate with its reasons out; the selector (ingestion.selectors.proposal_candidates)
reads the rows, and the review queue, the API and the admin show the same reasons.

A candidate is *strong* when accepting the finding as new would put the same thing in the
record twice: then the suggested decision is "same as #N" (add the article as a source),
never a second row."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

# A statement restated within this many days is taken to be the same occasion; beyond
# it, the same words are a new occasion (Kirby restated the Wagner delivery months later).
STATEMENT_WINDOW_DAYS = 7
# Wording similarity (0-100, rapidfuzz) from which two texts say the same thing.
SAME_WORDS = 85
SIMILAR_WORDS = 60
MIN_TEXT = 15

_SPACE = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _SPACE.sub(" ", text).strip()


def wording(texts: Iterable[str], others: Iterable[str]) -> int:
    """The best similarity (0-100) between any text and any other: a quote found inside a
    longer excerpt counts as the same words (partial ratio), reworded sentences by tokens."""
    best = 0
    others = [o for o in others if len(o) >= MIN_TEXT]
    for text in texts:
        if len(text) < MIN_TEXT:
            continue
        for other in others:
            score = max(fuzz.partial_ratio(text, other), fuzz.token_set_ratio(text, other))
            best = max(best, int(score))
            if best == 100:
                return best
    return best


@dataclass(frozen=True)
class Candidate:
    """A row of the record that a finding may repeat: its score (0-100), whether it is
    strong enough to suggest "same as", and why."""

    kind: str  # "statement" | "transfer"
    id: int
    label: str
    score: int
    strong: bool
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "label": self.label, "score": self.score,
                "strong": self.strong, "reasons": list(self.reasons)}


# --------------------------------------------------------------------------- statements
@dataclass(frozen=True)
class StatementFacts:
    """What is compared of a statement, found or recorded."""

    originators: frozenset[int]
    roots: frozenset[int]
    speaker: int | None
    stance: str
    date: dt.date | None
    precision: str
    texts: tuple[str, ...]  # normalised quote, gist (and, recorded, the sources' excerpts)
    documents: frozenset[int] = frozenset()  # recorded: its sources; found: the article's document
    excerpts: tuple[str, ...] = ()  # normalised: the sentence(s) found / the sources' excerpts


def _date_gap(a: dt.date | None, pa: str, b: dt.date | None, pb: str) -> int | None:
    """Days between two dates as precisely as both are known (0 when one period holds the
    other), or None when either is unknown."""
    if a is None or b is None:
        return None
    coarse = "year" if "year" in (pa, pb) else "month" if "month" in (pa, pb) else "day"
    if coarse == "year":
        return 0 if a.year == b.year else abs(a.year - b.year) * 365
    if coarse == "month":
        return 0 if (a.year, a.month) == (b.year, b.month) else abs((a - b).days)
    return abs((a - b).days)


def statement_score(found: StatementFacts, recorded: StatementFacts, *, record_id: int, label: str,
                    names: dict[int, str]) -> Candidate | None:
    """Score a recorded statement against a found one; None when they cannot be the same
    (no originator or speaker in common)."""
    reasons: list[str] = []
    score = 0
    same_roots = bool(found.roots) and found.roots == recorded.roots
    shared = found.roots & recorded.roots
    if found.originators and found.originators == recorded.originators:
        score += 30
        reasons.append("same originators (" + ", ".join(sorted(names.get(r, f"#{r}") for r in found.roots)) + ")")
    elif same_roots:
        score += 25
        reasons.append("same independent originators ("
                       + ", ".join(sorted(names.get(r, f"#{r}") for r in shared)) + ")")
    elif shared:
        score += 10
        reasons.append("shares originator(s) " + ", ".join(sorted(names.get(r, f"#{r}") for r in shared))
                       + " but not all")
    elif not found.roots and found.speaker is not None and found.speaker == recorded.speaker:
        score += 20
        reasons.append("same speaker (originator not matched)")
    else:
        return None
    same_stance = found.stance == recorded.stance
    if same_stance:
        score += 20
        reasons.append(f"same stance ({found.stance.replace('_', ' ')})")
    else:
        reasons.append(f"stance differs (found {found.stance.replace('_', ' ')}, "
                       f"recorded {recorded.stance.replace('_', ' ')})")
    gap = _date_gap(found.date, found.precision, recorded.date, recorded.precision)
    date_conflict = gap is not None and gap > STATEMENT_WINDOW_DAYS
    if gap is None:
        reasons.append("date unknown on one side")
    elif date_conflict:
        score -= 20
        reasons.append(f"stated {gap} days apart")
    else:
        score += 15
        reasons.append("stated the same day" if gap == 0 else f"stated within {gap} days")
    words = wording(found.texts, recorded.texts + recorded.excerpts)
    score += int(words * 0.35)
    reasons.append(f"wording {words}% similar")
    same_sentence = bool(found.documents & recorded.documents) and wording(found.excerpts, recorded.excerpts) >= 90
    same_document = bool(found.documents & recorded.documents)
    if same_sentence:
        score += 30
        reasons.append("this article is already a source of it, with the same sentence")
    elif same_document:
        score += 10
        reasons.append("this article is already a source of it")
    strong = (bool(shared) or (not found.roots and score >= 20)) and not date_conflict and (
        same_sentence
        or (same_roots and same_stance and (
            words >= SAME_WORDS
            or (words >= SIMILAR_WORDS and (same_document or gap is not None)))))
    return Candidate("statement", record_id, label, max(0, min(100, score)), strong, tuple(reasons))


# --------------------------------------------------------------------------- transfers
@dataclass(frozen=True)
class TransferFacts:
    supplier_root: int | None
    recipient_root: int | None
    period_start: dt.date | None
    period_end: dt.date | None
    categories: frozenset[str]
    items: tuple[str, ...]  # normalised descriptions
    places: frozenset[int]
    documents: frozenset[int] = frozenset()
    published: dt.date | None = None  # found: when the article was published
    place_names: dict[int, str] = field(default_factory=dict, compare=False)


def transfer_score(found: TransferFacts, recorded: TransferFacts, *, record_id: int, label: str,
                   names: dict[int, str]) -> Candidate | None:
    """Score a recorded transfer against found details; None unless both parties match
    (by their independent originators: the DPRK's ministries are the DPRK)."""
    if found.supplier_root is None or found.recipient_root is None:
        return None
    if (found.supplier_root, found.recipient_root) != (recorded.supplier_root, recorded.recipient_root):
        return None
    reasons = [f"same supplier and recipient ({names.get(found.supplier_root, '?')} → "
               f"{names.get(found.recipient_root, '?')})"]
    score = 40
    conflict = False
    evidence = False
    if found.period_start and recorded.period_start:
        found_end = found.period_end or found.period_start
        recorded_end = recorded.period_end or recorded.period_start
        if found.period_start <= recorded_end and found_end >= recorded.period_start:
            score += 15
            evidence = True
            reasons.append("periods overlap")
        else:
            score -= 30
            conflict = True
            reasons.append("periods do not overlap")
    else:
        reasons.append("period unknown on one side")
    if found.published and recorded.period_start and found.published < recorded.period_start:
        conflict = True
        score -= 30
        reasons.append(f"the article ({found.published:%d %b %Y}) predates the transfer")
    shared_places = found.places & recorded.places
    if shared_places:
        score += min(20, 10 * len(shared_places))
        evidence = True
        reasons.append("route shares " + ", ".join(sorted(found.place_names.get(p, f"#{p}")
                                                           for p in shared_places)))
    elif found.places and recorded.places:
        score -= 10
        reasons.append("no route place in common")
    shared_categories = found.categories & recorded.categories
    if shared_categories:
        score += 10
        evidence = evidence or not found.period_start
        reasons.append("same kind of items (" + ", ".join(sorted(c.replace("_", " ") for c in shared_categories))
                       + ")")
    words = wording(found.items, recorded.items) if found.items and recorded.items else 0
    if words >= SIMILAR_WORDS:
        score += 5
        reasons.append(f"items {words}% similar")
    if found.documents & recorded.documents:
        score += 20
        evidence = True
        reasons.append("this article is already a source of it")
    strong = evidence and not conflict
    return Candidate("transfer", record_id, label, max(0, min(100, score)), strong, tuple(reasons))


def best(candidates: list[Candidate]) -> Candidate | None:
    """The strong candidate to suggest, if any (the highest score)."""
    strong = [c for c in candidates if c.strong]
    return max(strong, key=lambda c: (c.score, -c.id)) if strong else None


def route_additions(route: list[tuple[int, int]], legs: list[tuple[int, int, str]]
                    ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """Legs an article gives that the recorded route lacks, as (legs to put before the
    route, legs to put after it, legs that join it nowhere). ``route`` is the recorded
    (from, to) in order; ``legs`` the article's (from, to, mode)."""
    known = set(route)
    before: list[tuple[int, int, str]] = []
    after: list[tuple[int, int, str]] = []
    unjoined: list[tuple[int, int, str]] = []
    first = route[0][0] if route else None
    last = route[-1][1] if route else None
    for leg in legs:
        origin, destination, _ = leg
        if (origin, destination) in known or origin == destination:
            continue
        if not route and not after:
            after.append(leg)
            last = destination
        elif origin == last:
            after.append(leg)
            last = destination
        elif destination == first:
            before.insert(0, leg)
            first = origin
        else:
            unjoined.append(leg)
    return before, after, unjoined
