"""Attributed statements: who said what, for whom, with what stance.

Two readers find the acts of speech of a sentence. With the statistical model, the
dependency parse (``speech``): its frames give the cue, the phrase naming the source and
the words said, and the stance those words carry; this module decides which record the
source phrase names (below) and what a pronoun or a description stands for. Without the
model (not installed, or ``INGESTION_NER=0``), the token rules that follow, which the
parse path also falls back on when the parse gives a reporting verb no subject.

With the token rules, a statement hangs on an attribution cue outside quotation marks: a
reporting verb ("said", "told reporters", "denied", "warned"), "according to", or a refusal
("declined to comment", "did not respond to requests for comment"). Its source is found
around the cue:

- before it, as the subject: "Kirby said", "Britain's defense ministry has said", "the
  United States, United Kingdom, South Korea and Japan said", "a U.S. official said",
  after introductory phrases ("Speaking at a news conference on Friday, Kirby said");
- after it, inverted: "..., said Kirby", "..., said a spokesperson for the ministry";
- after "according to" and after a passive "by" ("were denied by North Korea's Defense
  Ministry");
- earlier in the text, for pronouns and references back ("he said", "it added", "they
  said", "the ministry said", "the official said"): the previous statement's source.

The words said are the quotation when there is one (quotations running on into the next
sentences and paragraphs are followed), else the reported clause. The stance comes from
the cue ("denied", "condemned", "warned", "declined to comment") and, after a neutral cue
("said"), from the words ("nothing to say", "groundless", an estimative term such as
"almost certain", which is mapped to its band on the scale of the speaker's state: which
scale a state writes on is reference data, ``TermEntry.used_by``)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from . import lexicon, speech
from .document import Doc
from .entities import Found
from .gazetteer import Gazetteer, Target, term_entries
from .speech import Frame
from .text import fold
from .types import COUNTRY, ORGANIZATION, PERSON, PLACE, DateMention, StatementCandidate

if TYPE_CHECKING:
    from .ner import SentenceParses

ASSERTS, ASSESSES, CONDEMNS, WARNS, DENIES, DECLINES = (
    "asserts", "assesses", "condemns", "warns", "denies", "declines_to_comment",
)
# Verbs that may come before their subject ("..., said Kirby"); the others take an object.
_INVERTIBLE = frozenset({
    "said", "says", "added", "adds", "noted", "notes", "wrote", "writes", "told", "continued", "explained",
    "stressed", "insisted", "warned", "argued", "declared", "stated", "claimed", "asserted", "cautioned",
    "tweeted", "posted", "maintained",
})
_CUE_WORDS = frozenset({*lexicon.REPORTING_VERBS, "according"})
# Words that send a sentence to the parse (ingestion.extraction.speech).
_PARSE_CUES = frozenset({
    *_CUE_WORDS, *lexicon.SPEECH_PARTICIPLES, *lexicon.CONSTRUCTION_VERBS, *lexicon.OBSERVING_FORMS,
    *lexicon.REFUSAL_VERBS, *lexicon.REFERRAL_VERBS, *lexicon.BRUSHING_VERBS, "lodged", "lodges", "summoned", "summons",
})
# Words of a refusal, which need a negation or a verb of refusing beside them ("did not
# respond", "had no information", "declined to discuss"); the tokens split "didn't".
_REFUSAL_WORDS = frozenset({
    *lexicon.UNANSWERED_VERBS, *lexicon.NOTHING_OBJECTS, *lexicon.CHECKING_VERBS, *lexicon.NO_ANSWER_NOUNS,
    "available", "aware", "position", "discuss", "nothing", *lexicon.WITHHELD_OBJECTS, "able",
})
_REFUSAL_MARKS = frozenset({
    *lexicon.REFUSAL_VERBS, "not", "no", "nothing", "neither", "never", "unable", "didn", "doesn", "wouldn", "couldn",
    "won", "don", "hasn", "haven", "isn", "wasn", "weren", "aren", "cannot", "yet",
})
_FINDING_CUES = frozenset(lexicon.FINDING_FORMS)
_FINDING_COMPANIONS = frozenset({*lexicon.EVIDENCE_NOUNS, "that"})
_DECLINE_ANCHORS = frozenset({
    "declined", "declines", "declining", "refused", "refuses", "comment", "respond", "reply", "reached",
    "nothing", "information", "neither", "position", "answer", "confirm", "discuss", "yet", "referred", "referring",
    "response", "reaction",
})
_DECLINE_RE = re.compile("|".join(f"(?:{p})" for p in lexicon.DECLINE_PATTERNS), re.IGNORECASE)
# The words said are searched in lower case (case-blind patterns are several times slower).
_DECLINE_LOWER_RE = re.compile("|".join(f"(?:{p})" for p in lexicon.DECLINE_PATTERNS))
_DENIAL_RE = re.compile(r"\b(?:" + "|".join(lexicon.DENIAL_WORDS) + r")\b")
_CONDEMN_RE = re.compile(r"\b(?:" + "|".join(lexicon.CONDEMN_WORDS) + r")\b")
_WARN_RE = re.compile(r"\b(?:" + "|".join(lexicon.WARN_WORDS) + r")\b")
_ASSESS_RE = re.compile(r"\b(?:" + "|".join(lexicon.ASSESS_CUES) + r")\b")
_PROBABLY_RE = re.compile(r"\bprobably\b", re.IGNORECASE)


# Stances that the words said may carry, strongest first (as speech reads them).
_STANCE_ORDER = (DECLINES, DENIES, CONDEMNS, WARNS)


def _without_quote_marks(words: str) -> str:
    """Quotation marks around single words ("had \"never\" supplied") must not hide a phrase."""
    for mark in ('"', "\u201c", "\u201d", "\u2018"):
        if mark in words:
            words = words.replace(mark, "")
    return words
# Substrings without which the patterns above cannot match: checked first, as they are
# far cheaper than the patterns.
_DECLINE_TRIGGERS = ("declin", "refus", "not ", "no comment", "no immediate", "nothing to ", "no information",
                     "refrain", "n't have", "aware", "confirmation",
                     "neither", "position")
_DENIAL_TRIGGERS = ("groundless", "baseless", "unfounded", "fabricat", "false", "untrue", "absurd", "nonsense", "lie",
                    " no ",
                    "slander", "not true", "no basis", "categorical", "smear", "fake", "hoax", "speculation",
                    "never ", " not ", "no such", "den", "reject", "nothing ", "mere ", "pure ", "sheer ", "wild ",
                    "idle ", "truth", "shred", "made", "invent")
_ASSESS_TRIGGERS = ("we ", "likely", "probab", "possib", "presum", "assess", "estimat", "plausib", "conceivab",
                    "believed to", "thought to", "suspected to", "likelihood", "sign", "view", "expected")
_CONDEMN_TRIGGERS = ("condemn", "denounc", "deplor", "outrageous", "reckless", "unacceptable", "violation", "accomplice",
                     "complicit", "fodder", "escalation")
_WARN_TRIGGERS = ("price", "consequence", "unanswered", "accountable", "warn", "retaliat", "concern", "closely", "pos",
                  "threat", "danger", "cost", "carefully", "hesitate", "sanction", "measures", "steps", "action",
                  "countermeasure", "penalt", "reprisal", "security", "tolerated", "rule out", "consider", "mistake",
                  "fuel to", "development", "alarm", "risk", "escalat", "reflect", " war", "red line", "fair game",
                  "response", "reaction")


def _found(pattern: re.Pattern, triggers: tuple[str, ...], words: str) -> bool:
    return any(map(words.__contains__, triggers)) and pattern.search(words) is not None
_PASSIVE_RE = re.compile(r"\b(?:was|were|is|are|been|be|being)\s+(?:\w+ly\s+)?$")
_AMBIGUOUS_FORMS = frozenset({
    "claims", "claim", "reports", "states", "notes", "say", "believe", "assess", "accuse", "confirm",
    "deny", "warn", "condemn", "reject", "dismiss", "allege", "estimates", "disputes", "protested",
    "posted", "called", "described", "informed", "briefed", "declared", "maintained", "maintains",
})
_NOT_BEFORE_VERB = frozenset({
    "to", "will", "would", "could", "should", "may", "might", "must", "not", "did", "does", "do", "can",
    "the", "a", "an", "media", "news", "these", "those", "such", "recent", "member", "of", "and", "its",
    "their", "his", "her", "our", "no", "any", "press", "unconfirmed", "earlier", "initial", "first",
    "new", "latest", "some", "many", "other", "u", "s", "without", "for", "in", "on", "with", "by",
})
# Tokens allowed before the source in its clause ("a spokesperson for", "senior", "the").
_PRE_SOURCE = frozenset({
    "a", "an", "the", "for", "of", "at", "in", "from", "senior", "top", "two", "three", "several",
    "unnamed", "anonymous", "government", "military", "defense", "intelligence", "security", "foreign",
    "ministry", "press", "also", "again", "later", "both", "then", "said", "first",
    # "according to imagery analysed by the Royal United Services Institute"
    "imagery", "data", "analysis", "report", "reports", "documents", "images", "satellite", "analysed", "analyzed",
    "compiled", "published", "released", "obtained", "reviewed", "by", "research", "estimates", "figures",
    "assessment", "intelligence", "new", "recent", "latest", "commercial",
    *lexicon.OFFICIAL_NOUNS, *lexicon.TITLE_HEADS,
})
_CLAUSE_BREAK_RE = re.compile(r"(?:,\s+(?:but|while|whereas|and|although|though|as)\s+|;\s+|:\s+|\s+but\s+|\s+while\s+)")
_SOURCE_CATEGORIES = (PERSON, ORGANIZATION, COUNTRY, PLACE)
_TITLE_IN_RE = re.compile(r"\b(?:" + "|".join(sorted(lexicon.TITLE_HEADS - lexicon.RELATION_HEADS, key=len,
                                                      reverse=True)) + r")\b", re.IGNORECASE)
_CALLED_IT_RE = re.compile(r"\s+(?:the|these|such|those|it|them|this)\b[^.;\"]{0,40}?(?:\"|\b(?:claims?|reports?|"
                           r"allegations?|accusations?|statements?)\b)")
_VERBISH_RE = re.compile(r"\b(?:was|is|were|are|had|has|have|would|will|could|can|may|might|should|did|does)\b")
_LISTENER_RE = re.compile(
    r"^\s*(?:(?:reporters|journalists|lawmakers|parliament|legislators|the media|the press|a (?:news|press) "
    r"(?:conference|briefing)|a briefing|an interview|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})\b[,.]?\s*)"
)
# "told South Korean broadcaster KBS that ...", "warned North Korea on Thursday that ..."
_THAT_RE = re.compile(
    r"(?:(?!\b(?:it|there|is|was|were|are|be|been|would|will|could|can|has|had|have|may|might)\b)"
    r"[^,.;:\"\u201c]){0,70}?\bthat\s+"
)
_LEAD_RE = re.compile(
    r"^\s*(?:(?:on|in|at|during|late|early|earlier|last)\s+(?:\w+\s+){0,4}?(?:statement|briefing|conference|"
    r"interview|post|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)[^,]*?,?\s+)?"
    r"(?:that\s+)?"
)


@dataclass(slots=True)
class _Source:
    speaker: Found | None = None
    bodies: list[Target] = field(default_factory=list)
    role: str | None = None

    @property
    def empty(self) -> bool:
        return self.speaker is None and not self.bodies


@dataclass(slots=True)
class _Draft:
    source: _Source
    stance: str
    cue: str
    quote_parts: list[str]
    clause: str
    direct: bool
    start: int
    end: int
    date: DateMention | None
    sentence: int
    paragraph: int
    open_quote: bool = False
    term: tuple | None = None  # (phrase as written, TermEntry)
    # how many of ``quote_parts`` come from a parsed sentence, whose stance the parse gave
    # (-1: none was parsed; the words are read by the token rules)
    parsed_parts: int = -1
    evidence: bool = False  # a finding read from a document or imagery
    relative: bool = False  # said in a relative clause of its source: a statement of its own


def attribution_sentences(doc: Doc) -> set[int]:
    """Sentences with a cue worth running the statistical model on: a reporting word, a
    word of refusal, or a verb of findings with a document or a clause to report."""
    out = set()
    for s, words in enumerate(doc.sentence_words):
        if doc.headline[s]:
            continue
        if not words.isdisjoint(_PARSE_CUES) or (
                not words.isdisjoint(_REFUSAL_WORDS) and not words.isdisjoint(_REFUSAL_MARKS)) or (
                not words.isdisjoint(_FINDING_CUES) and not words.isdisjoint(_FINDING_COMPANIONS)):
            out.add(s)
    return out


def find_statements(doc: Doc, gaz: Gazetteer, founds: list[Found], dates: list[DateMention],
                    parses: SentenceParses | None = None) -> tuple[list[StatementCandidate], set[int]]:
    """The statements, and the offsets of the dates that tell when they were made (those
    are not dates of what the statements are about). With ``parses`` (the statistical
    model's analysis of the ``attribution_sentences``) acts of speech are read from the
    dependency parse; without it, from the token rules below."""
    finder = _Finder(doc, gaz, founds, dates, parses)
    return finder.run(), finder.attribution_dates


class _Finder:
    def __init__(self, doc: Doc, gaz: Gazetteer, founds: list[Found], dates: list[DateMention],
                 parses: SentenceParses | None = None):
        self.doc = doc
        self.gaz = gaz
        self.parses = parses
        self._frame_cache: dict[int, list[Frame] | None] = {}
        self._release_first = -1  # the first sentence of an official release (set by _release_issuer)
        self._release_we = False  # the release speaks as "We, the ..." (set by _release_issuer)
        self._release_self = ""  # the institution's bare title standing for the issuer ("Council")
        # which scale each state writes its assessments on (reference data: TermEntry.used_by)
        self.scales = {code: term.scale for term in gaz.terms for code in term.used_by}
        self.founds = [f for f in founds if f.category in _SOURCE_CATEGORIES]
        self.dates = dates
        self.drafts: list[_Draft] = []
        self.attribution_dates: set[int] = set()
        self._cue_cache: dict[int, list] = {}
        self.person_bodies: dict[str, Target] = {}
        self._decline_cache: dict[int, list] = {}
        self._found_starts = [f.start for f in self.founds]
        self.person_roles: dict[str, Found] = {}
        self._joint_phrases: dict[str, list[Target]] = {}  # "participating states": the states listed
        for f in self.founds:
            if f.category == PERSON and (f.role or f.affiliation_target) and f.name not in self.person_roles:
                self.person_roles[f.name] = f

    # ------------------------------------------------------------- cues
    def _declines_in(self, s_idx: int) -> list[re.Match]:
        found = self._decline_cache.get(s_idx)
        if found is None:
            doc = self.doc
            found = []
            if not doc.sentence_words[s_idx].isdisjoint(_DECLINE_ANCHORS):
                sent = doc.sentences[s_idx]
                found = list(_DECLINE_RE.finditer(doc.plain, sent.start, sent.end))
            self._decline_cache[s_idx] = found
        return found

    def _cues(self, s_idx: int) -> list[tuple[int, int, str, str | None]]:
        """(start, end, cue, stance) of the cues of a sentence, outside quotations."""
        cached = self._cue_cache.get(s_idx)
        if cached is not None:
            return cached
        doc = self.doc
        words = doc.sentence_words[s_idx]
        if words.isdisjoint(_CUE_WORDS) and words.isdisjoint(_DECLINE_ANCHORS):
            self._cue_cache[s_idx] = []
            return []
        tokens = doc.tokens
        cues: list[tuple[int, int, str, str | None]] = []
        for m in self._declines_in(s_idx):
            if doc.quote_at(m.start()) is None:
                cues.append((m.start(), m.end(), m.group(), DECLINES))
        if not words.isdisjoint(_CUE_WORDS):
            surface = tokens.surface
            verbs = lexicon.REPORTING_VERBS
            for i in doc.sentence_tokens[s_idx]:
                word = surface[i]
                if word not in verbs and word != "according" and word != "According":
                    continue
                start = tokens.starts[i]
                if word in verbs:
                    if doc.quote_at(start) is not None or any(s <= start < e for s, e, _, _ in cues):
                        continue
                    if word in ("declined", "refused"):
                        continue  # only as part of a refusal ("declined to comment")
                    if not self._verb_ok(i):
                        continue
                    cues.append((start, tokens.ends[i], word, lexicon.REPORTING_VERBS[word]))
                elif word in ("according", "According") and i + 1 < len(tokens) and tokens.norm[i + 1] == "to":
                    if doc.quote_at(start) is None:
                        cues.append((start, tokens.ends[i + 1], "according to", None))
        cues.sort()
        self._cue_cache[s_idx] = cues
        return cues

    def _verb_ok(self, i: int) -> bool:
        tokens = self.doc.tokens
        word = tokens.surface[i]
        end = tokens.ends[i]
        prev = tokens.norm[i - 1] if i > 0 else ""
        if prev in ("who", "which") or (prev in ("also", "later", "had", "has") and i > 1
                                        and tokens.norm[i - 2] in ("who", "which")):
            return False  # "Rep. Yoo, who briefed reporters": background, not a new statement
        if word in _AMBIGUOUS_FORMS:
            if prev in _NOT_BEFORE_VERB:
                return False
            nxt = self.doc.plain[end:end + 2]
            if not nxt.strip() or nxt[:1] in ",.;:)":
                return False
        if prev in ("to", "not", "will", "would", "could", "may", "might", "should", "can", "must", "did", "does"):
            if prev != "not" or word not in ("comment",):
                return word in ("said",) and prev not in ("to",)
        if word == "called" and not (re.match(r"\s+(?:on|for)\b", self.doc.plain[end:end + 6]) or _CALLED_IT_RE.match(
                self.doc.plain, end, end + 60)):
            return False  # "called on", "called the claim 'absurd'", not "the so-called"
        if word == "pointed" and not self.doc.plain.startswith(" out", end):
            return False
        return True

    # ------------------------------------------------------------- main loop
    def run(self) -> list[StatementCandidate]:
        doc = self.doc
        last: _Draft | None = None
        n = len(doc.sentences)
        s_idx = 0
        while s_idx < n:
            if doc.headline[s_idx]:
                s_idx += 1
                continue
            drafts = self._sentence(s_idx, last)
            if drafts:
                self.drafts.extend(drafts)
                last = drafts[-1]
                s_idx = self._continue(last, s_idx + 1)
                continue
            s_idx += 1
        self._own_judgements()
        self._release_voice()
        self._transcript_voice()
        self._header_voice()
        self._same_week()
        return [self._candidate(d) for d in self.drafts if not d.source.empty]

    def _own_judgements(self) -> None:
        """A research group's own report judges and finds without a verb of saying ("North
        Korean personnel likely lack experience", "In our assessment, ...", "The imagery does
        not allow us to determine ..."): sentences with no cue and no quotation that carry an
        estimative word or speak in the first person are its author's statements. Only in a
        report that speaks in its own voice and names one research group."""
        author = self._own_voice_author()
        if author is None:
            return
        doc = self.doc
        # a sentence whose only statement is said in a relative clause ("We have not been
        # able to verify the figures given by officials, who say ...") is the author's too
        taken = {d.sentence for d in self.drafts if not d.relative}
        own = []
        for s_idx, sent in enumerate(doc.sentences):
            if doc.headline[s_idx] or s_idx in taken or doc.quotes_between(sent.start, sent.end):
                continue
            words = doc.plain[sent.start:sent.end]
            if _OWN_REFUSAL_RE.match(words):
                stance = DECLINES  # "We have not been able to independently verify the figures ..."
            elif self._cues(s_idx):
                continue
            elif _OWN_ASSESSMENT_RE.match(words) or _ESTIMATIVE_WORD_RE.search(words) \
                    or _found(_ASSESS_RE, _ASSESS_TRIGGERS, words.lower()):
                stance = ASSESSES  # ("..., but in our view they are plausible", "... remain possible")
            elif _FIRST_PERSON_RE.search(words):
                stance = ASSERTS
            else:
                continue
            own.append(self._draft(s_idx, "", stance, author, (sent.start, sent.end), sent.start, sent.start, None))
        self._add_drafts(own)

    def _add_drafts(self, own: list[_Draft]) -> None:
        """Statements found outside the sentence pass (a report's, a release's or a transcript's
        own voice), in text order among the others."""
        if own:
            self.drafts = sorted(self.drafts + own, key=lambda d: d.start)

    def _release_start(self, s_idx: int) -> int:
        """Where a release's sentence reaches its subject: after its dateline, a numbered point,
        "Today,", "The", "Government of"."""
        sent = self.doc.sentences[s_idx]
        start = max(sent.start, self.doc.dateline_end(s_idx))
        return _RELEASE_LEAD_RE.match(self.doc.plain, start, sent.end).end()

    def _release_voice(self) -> None:
        """An official release speaks in its own voice without a verb of saying ("The UK has
        today sanctioned North Korea's defence minister", "Today, the Government of Japan
        approved additional measures", "The designations also target ..."): in a text whose
        first sentence is its issuer acting today (no outlet credited), the sentences with no
        cue and no quotation whose subject is the issuer (or "the designations", "we") and that
        name the DPRK or Russia are the issuer's statements, their stance read from the words."""
        issuer = self._release_issuer()
        if issuer is None:
            return
        doc = self.doc
        taken = {d.sentence for d in self.drafts}
        own = []
        for s_idx, sent in enumerate(doc.sentences):
            we = self._release_we and _WE_RE.match(doc.plain, sent.start, sent.end) is not None
            start = self._release_start(s_idx) if not doc.headline[s_idx] else sent.start
            institution = _INSTITUTION_RE.match(doc.plain, start)
            itself = bool(self._release_self) and institution is not None \
                and institution.group(1) == self._release_self  # "The Council has found that ..."
            if doc.headline[s_idx] or s_idx in taken or doc.quotes_between(sent.start, sent.end) \
                    or (self._cues(s_idx) and not (we or itself)):
                continue  # ("We condemn ...": a cue whose "We" no other rule could place)
            listing = _RELEASE_SUBJECT_RE.match(doc.plain, start, sent.end) is not None
            if s_idx != self._release_first and not listing and not we and not itself:
                continue  # the act of the day, what it lists, a joint statement's "We"; not background
            here = self.founds[bisect.bisect_left(self._found_starts, sent.start):
                               bisect.bisect_left(self._found_starts, sent.end)]
            if not any(f.target is not None and f.category in (COUNTRY, ORGANIZATION, PERSON)
                       and getattr(self._source_state(_Source(None, [f.target])), "country", None)
                       in lexicon.RELEASE_SUBJECT_STATES for f in here):
                continue  # legal background, boilerplate
            subject = next((f for f in here if f.start >= start), None)
            own_subject = subject is not None and subject.start - start <= 4 and subject.target is not None and (
                subject.target == issuer or self.gaz.root_state(subject.target) == self.gaz.root_state(issuer))
            if not (own_subject or we or listing or itself):
                continue
            words = doc.plain[sent.start:sent.end]
            stance = self._words_stance([], words.lower(), False) or ASSERTS
            own.append(self._draft(s_idx, "", stance, _Source(None, [issuer]), (sent.start, sent.end), sent.start,
                                   sent.start, None))
        self._add_drafts(own)

    def _transcript_voice(self) -> None:
        """A transcript's answers ("MR MILLER: We are not in a position to confirm them at this
        time.", "Minister IWAYA: The Government of Japan is gravely concerned ..."): each sentence
        of a paragraph opened by a speaker's label that no other act of speech claims is that
        speaker's statement, its stance read from the words. Questions ("QUESTION:", "Reporter
        (NHK):") are nobody's statement."""
        doc = self.doc
        taken = {d.sentence for d in self.drafts}
        own = []
        for p_start, p_end in doc.paragraphs:
            label = _SPEAKER_LABEL_RE.match(doc.plain, p_start, p_end)
            if label is None or fold(label.group("name").split()[-1]) in lexicon.QUESTIONER_LABELS:
                continue
            speaker = self._labelled_speaker(label)
            if speaker is None:
                continue
            body = speaker.affiliation_target or self._role_org(speaker)
            source = _Source(speaker, [body] if body is not None else [])
            for s_idx in range(doc.sentence_at(p_start), len(doc.sentences)):
                sent = doc.sentences[s_idx]
                if sent.start >= p_end:
                    break
                start = max(sent.start, label.end())
                if s_idx in taken or doc.headline[s_idx] or len(doc.plain[start:sent.end].split()) < 3:
                    continue
                own.append(self._draft(s_idx, "", None, source, (start, sent.end), start, start, None))
        self._add_drafts(own)

    def _header_voice(self) -> None:
        """A release's quotations under a header that names whose they are ("Mélanie Joly,
        Minister of Foreign Affairs, today issued the following statement:", "Quotes
        attributable to Minister for Foreign Affairs, Senator the Hon Penny Wong:"): each
        paragraph opened by a quotation mark after it, up to the first that is not, is one
        statement of the person named (else of the body named), its stance read from its
        words. A header saying the statement follows ("issued the following press statement:")
        needs no quotation marks: its paragraphs run to the next header or the end."""
        doc = self.doc
        taken = {d.sentence for d in self.drafts}
        own = []
        source = None
        following = False  # "issued the following press statement:": its paragraphs need no quotation marks
        quoted: bool | None = None
        for p_start, p_end in doc.paragraphs:
            words = doc.plain[p_start:p_end].rstrip()
            if words.endswith(":"):
                source, following = self._header_source(p_start, p_end, words)
                quoted = None  # whether the statement under it is given in quotation marks
                continue
            opens_quoted = doc.text[p_start] in "\u201c\""
            if quoted is None:
                quoted = opens_quoted
            if source is None or not (opens_quoted or (following and not quoted)):
                source = None  # (a quoted statement ends with its quotation)
                continue
            first = doc.sentence_at(p_start)
            sentences = [k for k in range(first, len(doc.sentences)) if doc.sentences[k].start < p_end]
            if any(k in taken for k in sentences):
                continue  # another act of speech the statement reports ("The 'report' alleges that ...")
            draft = self._draft(first, "", None, source, (p_start, doc.sentences[first].end), p_start, p_start, None)
            for k in sentences[1:]:  # (the paragraph's first sentence gives its stance)
                sent = doc.sentences[k]
                draft.quote_parts.append(_tidy_quote(doc.text[sent.start:sent.end]))
                draft.end = sent.end
            own.append(draft)
        self._add_drafts(own)

    def _header_source(self, p_start: int, p_end: int, words: str) -> tuple[_Source | None, bool]:
        """Whose statement a header announces (the person it names, else the body: "A
        spokesperson for the Foreign Ministry of the DPRK issued the following press
        statement on Sunday:"), and whether it says the statement follows."""
        header_words = set(re.findall(r"[a-z]+", words.lower()))
        if header_words.isdisjoint(lexicon.STATEMENT_HEADER_WORDS):
            return None, False
        named = [f for f in self.founds if p_start <= f.start < p_end and f.target is not None]
        person = next((f for f in named if f.category == PERSON), None)
        if person is not None:
            body = person.affiliation_target or self._role_org(person)
            source = _Source(person, [body] if body is not None else [])
        else:
            body = next((f.target for f in named if f.category == ORGANIZATION
                         and f.target.actor_kind != "media_outlet"), None)
            source = _Source(None, [body]) if body is not None else None
        return source, "following" in header_words

    def _labelled_speaker(self, label: re.Match) -> Found | None:
        """The person a transcript's label names ("MR MILLER", "Minister IWAYA"): the one of
        that surname named in the text (its header), else the one on record."""
        surname = fold(label.group("name").split()[-1])
        for f in self.founds:
            if f.category == PERSON and f.target is not None and fold(f.name.split()[-1]) == surname:
                return f
        target = self.gaz.surnames.get(surname)
        if target is None:
            return None
        lo, hi = label.span("name")
        tokens = self.doc.tokens
        first = bisect.bisect_left(tokens.starts, lo)
        last = bisect.bisect_left(tokens.starts, hi)
        return Found(PERSON, lo, hi, first, max(first + 1, last), target.name, target.key, "gazetteer", target)

    def _release_issuer(self) -> Target | None:
        """Who issues the text when it is an official release: the body or state that acts
        "today" as the subject of its first sentence, with no news outlet in its first
        paragraph ("The UK has today sanctioned ...", "WASHINGTON -- Today, the U.S.
        Department of the Treasury's Office of Foreign Assets Control (OFAC) sanctioned ...")."""
        doc = self.doc
        first = next((k for k in range(len(doc.sentences)) if not doc.headline[k]
                      and len(doc.plain[doc.sentences[k].start:doc.sentences[k].end].split()) > 3), None)  # not "1."
        if first is None:
            return None
        self._release_first = first
        we = None
        for k in range(first, min(first + 3, len(doc.sentences))):  # after a dateline of its own
            we = _WE_THE_RE.match(doc.plain, doc.sentences[k].start, doc.sentences[k].end)
            if we is not None:
                first = self._release_first = k
                break
        sent = doc.sentences[first]
        if we is not None:
            # "We, the G7 Foreign Ministers of Canada, France, ...": a joint statement's voice
            self._release_we = True
            named = next((f for f in self.founds[bisect.bisect_left(self._found_starts, we.end()):]
                          if f.start < sent.end and f.category in (ORGANIZATION, COUNTRY) and f.target is not None), None)
            return named.target if named is not None and named.start - we.end() <= 4 else None
        if not re.search(r"\btoday\b", doc.plain[sent.start:sent.end], re.IGNORECASE) \
                or _MEETING_TODAY_RE.search(doc.plain, sent.start, sent.end):
            return None  # not an act of the day; "The General Assembly met today": a meeting reported
        p_start, p_end = doc.paragraphs[doc.sentence_paragraph[first]]
        if any(f.target is not None and f.target.actor_kind == "media_outlet" and p_start <= f.start < p_end
               for f in self.founds):
            return None  # wire copy: "(Reuters) - The White House today said ..."
        start = self._release_start(first)
        institution = self._release_institution(start)
        if institution is not None:
            return institution
        subject = next((f for f in self.founds[bisect.bisect_left(self._found_starts, start):]
                        if f.start < sent.end), None)
        if subject is None or subject.start - start > 4 or subject.target is None \
                or subject.category not in (ORGANIZATION, COUNTRY):
            return None
        return subject.target

    def _release_institution(self, start: int) -> Target | None:
        """The body whose institution a release names by its bare title ("The Council today
        adopted ..."): the body the release names (the EU), when no other council or
        commission is named before the title; "the Council" then stands for it as a subject."""
        m = _INSTITUTION_RE.match(self.doc.plain, start)
        if m is None:
            return None
        name = lexicon.RELEASE_INSTITUTIONS[m.group(1).lower()]
        title = m.group(1).lower()
        if any(f.start < start and f.target is not None and f.target.name != name
               and title in f.target.name.lower() for f in self.founds):
            return None  # "the UN Security Council ... The Council today": that council
        body = next((f.target for f in self.founds if f.target is not None and f.target.name == name), None)
        if body is not None:
            self._release_self = m.group(1)
        return body

    def _same_week(self) -> None:
        """"Last week, Kirby said ..." and "Speaking ... on Friday, Kirby said ...": one
        briefing; the vaguer date takes the exact day that falls inside it."""
        for d in self.drafts:
            if d.date is None or d.date.end_value is None or d.date.precision != "day":
                continue
            for other in self.drafts:
                od = other.date
                if other is d or od is None or od.end_value is not None or od.value is None:
                    continue
                if _same_source(other.source, d.source) and d.date.value <= od.value <= d.date.end_value:
                    d.date = od
                    break

    def _continue(self, draft: _Draft, s_idx: int) -> int:
        """Sentences that only carry on the quotation of the statement before them."""
        doc = self.doc
        n = len(doc.sentences)
        added = 0
        while s_idx < n and added < 6:
            sent = doc.sentences[s_idx]
            para = doc.sentence_paragraph[s_idx]
            if para - draft.paragraph > 1:
                break
            if para != draft.paragraph:
                # a new paragraph carries on only an open quotation or one announced with ":"
                previous_text = doc.text[draft.start:draft.end].rstrip()
                if not (draft.open_quote or previous_text.endswith(":")):
                    break
            first = doc.text[sent.start]
            quote = doc.quote_at(sent.start + 1)
            starts_quoted = first in "\u201c\"\u2018'" and quote is not None
            inside_open = quote is not None and quote.start <= sent.start
            if not (starts_quoted or inside_open):
                break
            if self._attributed(s_idx):
                break  # its own attribution: a statement of its own
            words = doc.text[max(sent.start, quote.start):min(sent.end, quote.end)].strip()
            if words:
                draft.quote_parts.append(_tidy_quote(words))
            draft.end = sent.end
            draft.open_quote = quote.open_ended and quote.end <= sent.end + 1
            draft.paragraph = para
            added += 1
            s_idx += 1
        if added:
            self._restance(draft)
        return s_idx

    # ------------------------------------------------------------- one sentence, parsed
    def _frames(self, s_idx: int) -> list[Frame] | None:
        """The acts of speech the parse finds in a sentence that attribute words to a
        source (not those quoted inside the words said), or None if it was not parsed."""
        if s_idx in self._frame_cache:
            return self._frame_cache[s_idx]
        parsed = self.parses.get(s_idx) if self.parses is not None else None
        frames = None
        if parsed is not None:
            doc = self.doc
            found = [f for f in speech.frames_in(parsed, self.parses.start_of(s_idx))
                     if doc.quote_at(f.cue_start) is None]
            # "According to a statement carried by KCNA, the ministry said": the act of
            # speech is the ministry's; "according to" only tells where it was published
            found = [f for f in found if f.pattern != "according" or not any(
                g is not f and _within(g.cue_start, f) for g in found)]
            # acts of speech reported inside the words of another are part of it (the
            # parse may hang a reporting verb under a verb of the quotation it follows)
            reporting = {f.cue_index for f in found}
            frames = [f for f in found if f.reported_by not in reporting]
        self._frame_cache[s_idx] = frames
        return frames

    def _attributed(self, s_idx: int) -> bool:
        frames = self._frames(s_idx)
        return bool(frames) if frames is not None else bool(self._cues(s_idx))

    def _parsed_sentence(self, s_idx: int, frames: list[Frame], last: _Draft | None) -> list[_Draft]:
        sent = self.doc.sentences[s_idx]
        out: list[_Draft] = []
        previous_end = sent.start
        resolved: dict[int, _Source | None] = {}  # one subject shared by two cues is one source
        prev_frame: Frame | None = None  # the act of speech of the last draft
        for f in frames:
            clause = f.content
            if f.pattern == "verb" and f.source is None:
                # the parse found no subject: the token rules look for it around the cue
                source, clause = self._source(s_idx, f.cue_start, f.cue_end, f.cue, previous_end, last, out)
            elif f.source_index in resolved:
                source = resolved[f.source_index]
            elif f.source_word in _COMPATIBLE and out and _COMPATIBLE[f.source_word](out[-1].source):
                # "..., which it said could hold ...": the source named before it in the sentence
                source = out[-1].source
            elif f.source_word in _TOGETHER and resolved:
                # "Neither Moscow nor Pyongyang has acknowledged ..., and both have denied"
                source = resolved[f.source_index] = next(reversed(resolved.values()))
            else:
                source = resolved[f.source_index] = self._frame_source(f, out)
            previous_end = f.cue_end
            if source is None or source.empty or f.negated:
                continue  # "has not said": no statement
            source = self._relaying(f, source)
            relayed = self._relayed(f, source)
            if relayed is not None:
                f, source = relayed  # "Kim said ..., KCNA reported": Kim's statement
                clause = f.content
            stance = self._frame_stance(f, source)
            # a subject of its own in another clause ("Both countries have denied it, although
            # Putin and Kim pledged closer cooperation"): another act of speech, whoever it is
            own_subject = out and not f.coordinated and f.source is not None and prev_frame is not None \
                and prev_frame.source is not None and f.source_index != prev_frame.source_index \
                and self.doc.plain[f.source[0]:f.source[1]].lower() not in lexicon.PRONOUNS | _TOGETHER \
                and self.doc.plain[f.source[0]:f.source[1]].lower() != self.doc.plain[
                    prev_frame.source[0]:prev_frame.source[1]].lower()
            separate = f.relative or (out and out[-1].relative) or own_subject or f.coordinated and out and (
                (stance is not None and stance != out[-1].stance)
                # "declined to comment on the shells, but has said its cooperation is lawful"
                or (out[-1].stance == DECLINES and stance != DECLINES)
                or (f.cue in lexicon.ACCUSING_FORMS and out[-1].cue not in lexicon.ACCUSING_FORMS))
            if out and _same_source(out[-1].source, source) and stance != DECLINES and not separate:
                # "confirmed ... and said": one statement; a stronger cue wins
                if out[-1].stance == ASSERTS and stance and stance != ASSERTS:
                    out[-1].stance = stance
                    out[-1].cue = f.cue
                continue
            clause = clause or (sent.start, sent.end)
            draft = self._draft(s_idx, f.cue, stance, source, clause, f.cue_start, f.cue_end, last, parsed=True)
            draft.evidence = f.author or f.source_word in lexicon.EVIDENCE_NOUNS
            # said in a relative clause, or inside the words of another act of speech in the
            # sentence ("..., where Ukrainian officials say ..."): not the sentence's main voice
            draft.relative = f.relative or any(
                g is not f and g.content is not None and g.content[0] <= f.cue_start < g.content[1]
                and g.cue_start < f.cue_start for g in frames)
            out.append(draft)
            prev_frame = f
        return out

    def _frame_source(self, frame: Frame, same_sentence: list[_Draft]) -> _Source | None:
        if frame.source is None:
            # a refusal without a subject of its own: the source named before it
            return same_sentence[-1].source if same_sentence else None
        joint = self._joint_reference(frame, same_sentence)
        if joint is not None:
            return joint
        if frame.source_word in lexicon.EVIDENCE_NOUNS and not frame.author:
            return self._owner_before_noun(frame) or self._unnamed_author(frame)
        if frame.source_word in lexicon.ORGANIZATION_DESCRIPTIONS and frame.source_definite is False:
            # "a Washington think tank said": the place only says where it is; the group is
            # the one named next (or last)
            return self._organization_near(frame.cue_start, noun=frame.source_word)
        if frame.source_word in lexicon.UNNAMED_FINDER_NOUNS and self.doc.plain[
                frame.source[0]:frame.source[1]].lower() == frame.source_word:
            group = self._organization_near(frame.cue_start)
            if group is not None:
                return group  # "..., investigators said": the research group named next
        if frame.source_word == "we" and self._own_voice_author() is not None and not self._quoted(frame.cue_start):
            return self._own_voice_author()  # "We judge that ..." in a research group's own report
        lo, hi = frame.source
        dateline = _DATELINE_DASH_RE.match(self.doc.plain, hi, frame.cue_start)
        if dateline is not None and lo == self.doc.paragraphs[self.doc.sentence_paragraph[
                self.doc.sentence_at(lo)]][0]:
            # "Seoul, October 16, 2024 -- The Ministry ... announces": the parse took the
            # dateline for the subject; the subject is what follows it
            lo, hi = dateline.end(), frame.cue_start
        if same_sentence and frame.source_word in lexicon.COREF_NOUNS and not any(
                lo <= f.start < hi for f in self.founds):
            # "Peskov declined to comment, referring questions to the defence ministry, which
            # did not respond": that body of the state of the source just before it
            own = self._body_of_source_state(lo, hi, same_sentence[-1].source)
            if own is not None:
                return _Source(None, [own])
        inside = bisect.bisect_left(self._found_starts, lo)
        for f in self.founds[inside:inside + 4]:
            if lo <= f.start < hi < f.end <= frame.cue_start and not frame.inverted:
                hi = f.end  # "Conflict Armament Research": the parse cut the name short
                break
        after = bisect.bisect_left(self._found_starts, hi)
        for f in self.founds[after:after + 2]:
            if f.category == PERSON and f.start - hi <= 1 and f.end <= frame.cue_start and not frame.inverted:
                hi = f.end  # "foreign policy chief Josep Borrell said": the parse left the name out
        if frame.source_word in lexicon.UNNAMED_OUTLET_NOUNS:
            outlets = _unnamed_group(self.doc.plain[lo:hi], frame.source_word)
            if outlets is not None:
                return outlets  # "Russian news agencies reported": the outlets, not Russia
        captive_noun = self._captive_noun(frame.source_word, lo, hi)
        if captive_noun is not None and not any(lo <= f.start < hi and f.category == PERSON for f in self.founds):
            # "One of the two North Korean soldiers captured by Ukrainian forces told ..."
            return self._non_representative(lo, hi, captive_noun)
        if frame.source_word in lexicon.UNNAMED_GROUP_NOUNS:
            inside_span = [f for f in self.founds if lo <= f.start < hi]
            if inside_span and all((f.category == PLACE or f.kind == "metonym") and _LOCATED_RE.search(
                    self.doc.plain, lo, f.start) for f in inside_span):
                # "Experts in Seoul said": where the experts are, not whom they speak for
                group = _unnamed_group(_LOCATED_RE.sub("", self.doc.plain[lo:inside_span[0].start]), frame.source_word)
                if group is not None:
                    return group
        source = None
        if frame.source_word in lexicon.OFFICIAL_NOUNS and not any(lo <= f.start < hi for f in self.founds):
            # "The Kremlin had nothing to add, a spokesperson said": an official named by no body
            # speaks for the body that refuses or denies in the words said, before any body
            # named earlier in the article
            source = self._spokesman_of(frame)
        source = source or self._joint_source(frame) or self._source_in(lo, hi, frame.cue_start, inverted=True,
                                                                        outlets=True)
        if (source is None or source.empty) and frame.medium is not None:
            source = self._quoted_by_state_media(frame)
        if (source is None or source.empty) and frame.content is not None and frame.cue.lower() in \
                lexicon.REPORTING_VERBS and " ".join(
                self.doc.plain[lo:hi].lower().split()).removeprefix("the ") in lexicon.UNNAMED_STATE_MEDIA:
            source = self._state_spoken_of(frame.content)  # "..., state media reported Friday"
        if (source is None or source.empty) and frame.source_word in lexicon.OFFICIAL_NOUNS:
            source = self._spokesman_of(frame)
        if (source is None or source.empty) and frame.source_word in lexicon.TITLE_HEADS:
            source = self._title_of_body(lo, hi, frame.cue_start)
        if (source is None or source.empty) and (frame.source_word in lexicon.UNNAMED_GROUP_NOUNS
                                                 or frame.source_word in lexicon.UNNAMED_BLOC_GROUP_NOUNS):
            source = _unnamed_group(self.doc.plain[lo:hi], frame.source_word)
        if source is None or source.empty:
            return None
        if frame.organization_only:
            # a research group or an outlet: not a state seen doing something, not a place
            if source.speaker is not None or any(b.category != ORGANIZATION for b in source.bodies):
                return None
        source.bodies = [self._standing_state(self._known_body(b, frame.cue_start)) for b in source.bodies]
        speaker = source.speaker
        if speaker is not None and speaker.affiliation_target is None and self._role_org(speaker) is None:
            # "Oleg Kozhemyako, governor of the Primorsky Krai region": the state of the place
            state = self._state_named_after(speaker, lo, hi)
            body = state or (None if source.bodies else self._body_in_title(speaker))
            if body is not None:
                source.bodies = [body]
        return source

    def _names_state_media(self, lo: int, hi: int) -> bool:
        """``lo:hi`` names state media by their kind only ("state media", "Russian state media")."""
        words = " ".join(self.doc.plain[lo:hi].lower().split())
        return any(words == m or words.endswith(" " + m) for m in lexicon.UNNAMED_STATE_MEDIA)

    def _state_spoken_of(self, content: tuple[int, int]) -> _Source | None:
        """The first state named in the words said, by its name, its adjective or its
        people ("North Korean leader Kim Jong Un has ordered ..."): whose state media these are."""
        lo = bisect.bisect_left(self._found_starts, content[0])
        for f in self.founds[lo:]:
            if f.start >= content[1]:
                break
            if f.target is None:
                continue
            if f.category == COUNTRY:
                state = self.gaz.root_state(f.target)
            elif f.category == PERSON and f.target.state:
                state = self.gaz.states_by_name.get(f.target.state)
            else:
                continue
            if state is not None:
                return _Source(None, [state])
        return None

    def _title_of_body(self, lo: int, hi: int, cue_start: int) -> _Source | None:
        """"the vice director of the general bureau of equipment of North Korea's defence
        ministry said": an unnamed holder of a title speaks for the body (or state) named
        last in the chain of "of" phrases after the title."""
        words = self.doc.plain[lo:hi]
        at = words.rfind(" of ")
        if at < 0:
            return None
        source = self._source_in(lo + at + 4, hi, cue_start)
        if source is None or source.empty or source.speaker is not None:
            return None
        source.role = words[:at].strip()  # an unnamed person, whom "he" may refer back to
        return source

    def _body_of_source_state(self, lo: int, hi: int, source: _Source) -> Target | None:
        """The body "the defence ministry" (``lo:hi``) names, of the state of ``source``."""
        tokens = self.doc.tokens
        phrase = " ".join(tokens.norm[k] for k in tokens.span(lo, hi))
        kind = next((b for p, b in lexicon.BODY_PHRASES.items() if phrase.endswith(p)), None)
        if kind is None or any(b.body == kind for b in source.bodies):
            return None
        state = next((self.gaz.root_state(b) for b in source.bodies if self.gaz.root_state(b)), None)
        return self.gaz.body_of(state, kind) if state is not None else None

    def _standing_state(self, body: Target) -> Target:
        """"Ukraine's military said": a body the record lacks that stands for its state as a
        whole (lexicon.STATE_STANDING_BODIES) speaks as that state."""
        if body.key is None and body.body in lexicon.STATE_STANDING_BODIES:
            return self.gaz.root_state(body) or body
        return body

    def _known_body(self, body: Target, pos: int) -> Target:
        """A body the record does not know under the words used ("The Ministry of Foreign
        Affairs of the Republic of Korea announces", "The Ministry notes"), when they name a
        kind of body: that body of the state it belongs to (named after it, else the
        dateline's), if the record knows it."""
        if body.key is not None or body.category != ORGANIZATION:
            return body
        name, state = body.name, None
        of_state = _OF_STATE_RE.match(name)
        if of_state is not None:  # "Ministry of Foreign Affairs of Japan", taken as one name
            state = self.gaz.states_by_name.get(of_state.group(2))
            name = of_state.group(1) if state is not None else name
        kind = lexicon.BODY_PHRASES.get(name.lower())
        if kind is None:
            return body
        state = state or self._state_after_name(name, pos) or self._dateline_state()
        if state is None:
            return body
        # a body the record lacks is named with its state, as analysts name it
        return self.gaz.body_of(state, kind) or replace(
            body, name=f"{state.name} {name}", country=state.country, state=state.name,
            state_key=state.key, actor_kind="government_body", body=kind)

    def _state_after_name(self, name: str, pos: int) -> Target | None:
        """The state named right after the first "<name> of" before ``pos``
        ("Ministry of Foreign Affairs of the Republic of Korea")."""
        at = self.doc.plain.find(name + " of ", 0, pos)
        if at < 0:
            return None
        after = at + len(name) + 4
        lo = bisect.bisect_left(self._found_starts, after)
        for f in self.founds[lo:lo + 1]:
            if f.category == COUNTRY and f.target is not None and f.start - after <= 4:
                return self.gaz.root_state(f.target)
        return None

    def _state_named_after(self, person: Found, start: int, end: int) -> Target | None:
        """The state of a place or state named after a person's name in the phrase
        ``start:end`` that names the source (an apposition)."""
        if not start <= person.start < end:
            return None
        lo = bisect.bisect_right(self._found_starts, person.start)
        for f in self.founds[lo:]:
            if f.start >= end:
                break
            if f.category in (PLACE, COUNTRY) and f.target is not None and f.start >= person.end:
                return self.gaz.root_state(f.target)
        return None

    def _relaying(self, frame: Frame, source: _Source) -> _Source:
        """A person of no body of their own who relays what a body said or judged ("Lee told
        reporters the NIS had said ...", "He said the NIS believed ..."): the person speaks
        for that body, as the relay of its findings."""
        if source.speaker is None or source.bodies:
            return source
        spans = [inner.source for inner in frame.inner if inner.source is not None] + frame.judged_by
        for lo, hi in spans:
            named = self._source_in(lo, hi, frame.cue_start, inverted=True)
            if named is None or named.speaker is not None or len(named.bodies) != 1:
                continue
            body = named.bodies[0]
            if body.category == ORGANIZATION and body.actor_kind != "media_outlet":
                self.person_bodies.setdefault(source.speaker.name, body)
                return _Source(source.speaker, [body], source.role)
        return source

    def _relayed(self, frame: Frame, source: _Source) -> tuple[Frame, _Source] | None:
        """An outlet reporting what someone said ("Kim said ..., KCNA reported"): the act of
        speech it reports, with its own source, if that is named. State media named by their
        state only ("Russian state media reported that the deputy minister accused ...") are
        such an outlet too, though they are filed under their state."""
        if source.speaker is not None:
            return None
        if not all(b.actor_kind == "media_outlet" for b in source.bodies) and not (
                frame.source is not None and self._names_state_media(*frame.source)):
            return None
        for inner in frame.inner:
            if inner.source is None:
                continue
            own = self._frame_source(inner, [])
            if own is not None and not own.empty and not all(b.actor_kind == "media_outlet" for b in own.bodies):
                return inner, own
        return None

    def _joint_source(self, frame: Frame) -> _Source | None:
        """Several states or bodies speaking together, each named in its own part of the
        subject; None unless every part names one and there are two at least. Officials of
        different states speaking together ("Blinken, Park and Kamikawa said in a joint
        statement") speak for their states; officials of one state are left to the rules
        for one speaker."""
        bodies: list[Target] = []
        people = False
        for lo, hi in frame.source_parts:
            part = self._source_in(lo, hi, frame.cue_start, inverted=True, outlets=True)
            if part is None or part.empty:
                continue  # "dozens of other countries"
            people = people or part.speaker is not None
            bodies += [b for b in part.bodies if b not in bodies]
        if people:
            return self._joint_officials(frame)
        return _Source(None, bodies) if len(bodies) > 1 else None

    def _joint_officials(self, frame: Frame) -> _Source | None:
        """The states of officials named together, each read with the title before the name
        ("U.S. Secretary of State Antony Blinken, South Korean Foreign Minister Park Jin");
        None unless each is of a different state."""
        states: list[Target] = []
        prev = frame.source[0]
        for lo, hi in frame.source_parts:
            part = self._source_in(prev, hi, frame.cue_start, inverted=True, outlets=True)
            prev = hi
            state = None
            if part is not None and len(part.bodies) == 1:
                state = self.gaz.root_state(part.bodies[0])
            if state is None or state in states:
                return None
            states.append(state)
        return _Source(None, states) if len(states) > 1 else None

    def _joint_reference(self, frame: Frame, same_sentence: list[_Draft]) -> _Source | None:
        """A subject that refers back to states speaking together: "the participating
        states", "the ministers", "according to the joint statement", or "they" right after
        one official of the group spoke. It stands for the last joint statement of the same
        or the previous paragraph, else for the last list of states the text names."""
        word = frame.source_word
        lo, hi = frame.source
        if word in lexicon.JOINT_DOCUMENT_NOUNS:
            if not frame.source_definite or not _joint_document(self.doc.plain, hi):
                return None  # "the statement" of one body, or "a joint statement by ..."
        elif word not in lexicon.JOINT_REFERENCE_NOUNS or (word != "they" and not frame.source_definite):
            return None
        if any(lo <= f.start < hi for f in self.founds):
            return None  # "The United States, South Korea and Japan": named here
        earlier = [d for d in self.drafts if d.start < frame.cue_start] + same_sentence
        if word == "they" and (not earlier or earlier[-1].source.speaker is None):
            return None  # "they" for the officials or bodies just quoted
        phrase = " ".join(w for w in self.doc.plain[lo:hi].lower().split() if w not in ("the", "these", "those"))
        if phrase in self._joint_phrases:
            return _Source(None, list(self._joint_phrases[phrase]))  # the same words, the same group
        para = self.doc.sentence_paragraph[self.doc.sentence_at(frame.cue_start)]
        met, met_at = self._people_met_before(lo) if word in lexicon.JOINT_PERSON_NOUNS else ([], -1)
        for d in reversed(earlier):
            if para - d.paragraph > 1:
                break
            if d.source.speaker is None and len(d.source.bodies) > 1 and d.start > met_at:
                return _Source(None, list(d.source.bodies))
            if word in lexicon.JOINT_PERSON_NOUNS and d.source.speaker is None and len(d.source.bodies) == 1 \
                    and d.source.bodies[0].actor_kind == "international_body" and d.start > met_at:
                # "Foreign ministers from the Group of Seven condemned ... The ministers also
                # said": the grouping whose ministers spoke last
                return _Source(None, list(d.source.bodies))
            break  # the last statement is another source's: the ministers are named elsewhere
        if word == "they":
            # "They said they would closely monitor ...", after the talks of two ministers of
            # different states: their states together, never one of the two
            states = self._people_met_before(lo)[0]
            return _Source(None, states) if states else None
        states = self._states_listed_before(lo) or met
        if not states and not lexicon.PAIR_WORDS.isdisjoint(phrase.split()):
            states = self._pair_named_before(lo)
        if not states:
            return None
        self._joint_phrases[phrase] = states
        return _Source(None, states)

    def _people_met_before(self, pos: int) -> tuple[list[Target], int]:
        """The states of the people of different states named together in the last sentence
        (of this paragraph or the one before) that names two or more: "Blinken met South
        Korean Foreign Minister Cho Tae-yul. The ministers condemned ..."."""
        doc = self.doc
        s_idx = doc.sentence_at(pos)
        para = doc.sentence_paragraph[s_idx]
        for k in range(s_idx, max(-1, s_idx - 6), -1):
            if para - doc.sentence_paragraph[k] > 1 or doc.headline[k]:
                break
            sent = doc.sentences[k]
            hi = min(sent.end, pos)
            states: list[Target] = []
            for f in self.founds[bisect.bisect_left(self._found_starts, sent.start):
                                 bisect.bisect_left(self._found_starts, hi)]:
                if f.category != PERSON or doc.quote_at(f.start) is not None:
                    continue
                state = next((self.gaz.root_state(b) for b in self._person_source(f).bodies
                              if self.gaz.root_state(b) is not None), None)
                if state is not None and state not in states:
                    states.append(state)
            if len(states) > 1:
                return states, sent.start
        return [], -1

    def _pair_named_before(self, pos: int) -> list[Target]:
        """"... claims that North Korea has supplied shells to Russia for its war in Ukraine.
        Both countries have denied the claims": the first two states named in the sentence
        before (or earlier in the same sentence, or in the two sentences before in the paragraph)."""
        doc = self.doc
        s_idx = doc.sentence_at(pos)
        sent = doc.sentences[s_idx]
        windows = [(sent.start, pos)]
        if s_idx:
            windows.append((doc.sentences[s_idx - 1].start, sent.start))
        if s_idx > 1 and doc.sentence_paragraph[s_idx - 2] == doc.sentence_paragraph[s_idx]:
            # "Russia's Defence Ministry did not respond ... North Korea's mission did not respond
            # ... Both countries have denied": one state in each of the two sentences before
            windows.append((doc.sentences[s_idx - 2].start, sent.start))
        for lo, hi in windows:
            named: list[Target] = []
            for f in self.founds[bisect.bisect_left(self._found_starts, lo):bisect.bisect_left(self._found_starts, hi)]:
                if f.category != COUNTRY or f.target is None:
                    continue
                state = self.gaz.root_state(f.target) or f.target
                if state not in named:
                    named.append(state)
            if len(named) > 2:
                # "Ukraine says North Korea sent shells to Russia. Both countries have denied it":
                # the two the claim is about, not the state that makes it
                claimants = {self._source_state(d.source) for d in self.drafts if lo <= d.start < hi}
                claimed = [st for st in named if st not in claimants]
                named = claimed if len(claimed) >= 2 else named
            if len(named) >= 2:
                return named[:2]
        return []

    def _states_listed_before(self, pos: int) -> list[Target]:
        """The states of the last list of two or more states before ``pos`` ("Australia,
        Canada, ... and the United States"), joined by commas and "and" only."""
        last: list[Target] = []
        run: list[Target] = []
        prev_end = -1
        for f in self.founds[:bisect.bisect_left(self._found_starts, pos)]:
            if f.category != COUNTRY or f.target is None:
                continue
            state = self.gaz.root_state(f.target) or f.target
            if run and _LIST_GAP_RE.fullmatch(self.doc.plain, prev_end, f.start):
                if state not in run:
                    run.append(state)
            else:
                run = [state]
            prev_end = f.end
            if len(run) > 1:
                last = run
        return list(last)

    def _quoted_by_state_media(self, frame: Frame) -> _Source | None:
        """"KCNA quoted a foreign ministry spokesperson as saying": a state's own media
        quote its officials; the title says which of its bodies speaks."""
        medium = self._source_in(*frame.medium, frame.cue_start, outlets=True)
        if medium is None or medium.speaker is not None or not medium.bodies:
            return None
        outlet = medium.bodies[0]
        state = self.gaz.root_state(outlet) if outlet.body == lexicon.STATE_MEDIA_BODY else None
        if state is None:
            return None
        body = _body_from_title(self.doc.plain[frame.source[0]:frame.source[1]])
        return _Source(None, [(self.gaz.body_of(state, body) if body else None) or state])

    def _spokesman_of(self, frame: Frame) -> _Source | None:
        """"The embassy had no information, a spokesman said": an official named by no
        body speaks for the body that refuses, denies or judges in the words said."""
        for inner in frame.inner:
            if inner.source is not None and inner.stance is not None:
                source = self._source_in(*inner.source, inner.cue_start, inverted=True)
                if source is not None and not source.empty and source.speaker is None:
                    return source
        return None

    def _body_in_title(self, person: Found) -> Target | None:
        """The body or state named at the head of the title before a name ("Pentagon press
        secretary Brig. Gen. Pat Ryder"), when the name finder did not join them."""
        tokens = self.doc.tokens
        lo = bisect.bisect_left(self._found_starts, person.start) - 1
        sent_start = self.doc.sentences[self.doc.sentence_at(person.start)].start
        while lo >= 0 and self.founds[lo].end > person.start:
            lo -= 1
        if lo < 0 or self.founds[lo].start < sent_start:
            return None
        before = self.founds[lo]
        between = [tokens.norm[k] for k in tokens.span(before.end, person.start)]
        if not between or len(between) > 6 or "," in self.doc.plain[before.end:person.start]:
            return None
        if not all(w in lexicon.TITLE_WORDS or w in lexicon.TITLE_HEADS or w in _ABBREVIATED_TITLES for w in between):
            return None
        if not any(w in lexicon.TITLE_HEADS for w in between):
            return None
        return self._body_for(before, tokens)

    def _owner_before_noun(self, frame: Frame) -> _Source | None:
        """The state or body named as a modifier of the document or estimate that speaks
        ("according to South Korean government estimates", "Pentagon data show"): its
        author, when only words such as "government" or "latest" stand between the two."""
        lo, hi = frame.source
        words = self.doc.plain[lo:hi]
        at = max((m.start() for m in re.finditer(rf"\b{re.escape(frame.source_word)}\b", words, re.I)), default=-1)
        if at <= 0:
            return None
        noun = lo + at
        first = bisect.bisect_left(self._found_starts, lo)
        names = [f for f in self.founds[first:] if f.start < noun and f.end <= noun
                 and f.category in (COUNTRY, ORGANIZATION) and f.target is not None]
        if not names:
            return None
        between = self.doc.plain[max(f.end for f in names):noun].lower().replace("'", " ' ").replace("\u2019", " \u2019 ")
        if any(w not in lexicon.EVIDENCE_OWNER_WORDS for w in between.split()):
            return None
        source = self._source_in(lo, noun, frame.cue_start)
        if source is None or source.empty or source.speaker is not None:
            return None
        return source

    def _captive_noun(self, head: str, lo: int, hi: int) -> str | None:
        """The noun of a soldier, prisoner or defector heading the source phrase, or counted in
        it ("One of the two North Korean soldiers captured ...")."""
        if head in lexicon.NON_REPRESENTATIVE_NOUNS:
            return head
        if head not in ("one", "two", "some", "several", "many", "both"):
            return None
        return next((w for w in re.findall(r"[a-z]+", self.doc.lower[lo:hi]) if w in lexicon.NON_REPRESENTATIVE_NOUNS),
                    None)

    def _non_representative(self, lo: int, hi: int, noun: str) -> _Source:
        """A soldier, prisoner or defector who speaks for no state ("One of the two North Korean
        soldiers captured by Ukrainian forces told the Chosun Ilbo"): a group of one, worded
        "captured North Korean soldier"; "the soldier" later is the one named before."""
        singular = noun.removesuffix("s") if noun not in ("pows",) else "POW"
        for d in reversed(self.drafts):
            if d.source.speaker is None and len(d.source.bodies) == 1 and not d.source.bodies[0].listed \
                    and d.source.bodies[0].name.split()[-1] == singular:
                return _Source(None, list(d.source.bodies))
        words = self.doc.plain[lo:hi].split()
        at = next((k for k, w in enumerate(words) if w.lower().strip(",.") == noun), len(words))
        k = at
        while k > 0 and words[k - 1][:1].isupper() and words[k - 1].lower() not in ("one", "the", "a", "an"):
            k -= 1  # the capitalised words right before it: "North Korean"
        adjective = " ".join(words[k:at])
        captive = any(w.lower().strip(",.") in lexicon.CAPTIVITY_WORDS for w in words)
        name = " ".join(p for p in ("captured" if captive else "", adjective, singular) if p)
        return _Source(None, [Target(ORGANIZATION, name, listed=False)])

    def _unnamed_author(self, frame: Frame) -> _Source | None:
        """Who made a document or imagery the text does not credit in the phrase: "the
        report" is the last one's publisher, "an analysis of satellite images" the group
        named next; imagery shown again is the previous finding's author."""
        if frame.source_definite is False:
            return self._organization_near(frame.cue_start)
        if frame.source_word in lexicon.DOCUMENT_NOUNS:
            return self._author_before(frame.cue_start, frame.source_word) or self._own_voice_author()
        para = self.doc.sentence_paragraph[self.doc.sentence_at(frame.cue_start)]
        last = self.drafts[-1] if self.drafts else None
        if last is not None and last.evidence and para - last.paragraph <= 1:
            return last.source
        return self._own_voice_author()

    def _quoted(self, pos: int) -> bool:
        """``pos`` is inside a quotation opened earlier in its sentence."""
        before = self.doc.text[self.doc.sentences[self.doc.sentence_at(pos)].start:pos]
        return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1

    def _own_voice_author(self) -> _Source | None:
        """The research group whose own report the text is, when it speaks in its own voice
        ("We judge that", "In our assessment", "This report assesses") and names one such
        group: uncredited imagery and "this report" are its findings. None for news copy."""
        cached = self.__dict__.get("_own_voice")
        if cached is None:
            cached = (None,)
            if any(self.doc.quote_at(m.end()) is None for m in _OWN_VOICE_RE.finditer(self.doc.plain)):
                # an armed group (Wagner) is written about, never the report's voice
                named = [f for f in self.founds if self._group(f) and f.target.actor_kind != "armed_group"]
                groups = {f.target for f in named}
                known = {g for g in groups if g.key is not None}
                groups = known or groups  # a name the record lacks is no rival to a known group
                if len(groups) == 1:
                    cached = (_Source(None, [groups.pop()]),)
                elif groups and len({self.doc.sentence_at(f.start) for f in named if f.target in groups}) == 1:
                    # "... those of 38 North or the Stimson Center": a publisher named with its
                    # parent in one line (a byline, a disclaimer); the first named is the voice
                    cached = (_Source(None, [next(f.target for f in named if f.target in groups)]),)
                elif groups:
                    # "..., Beyond Parallel, the Korea project of the Center for Strategic and
                    # International Studies (CSIS), has found.": the group the report opens with
                    # (with its parent, in one sentence) is its voice; others are cited in it
                    # (its byline above the first sentence: "Asan Institute for Policy Studies, Issue Brief")
                    first = next((k for k in range(len(self.doc.sentences)) if not self.doc.headline[k]), None)
                    opening = [f for f in named if f.target in groups and first is not None
                               and self.doc.sentence_at(f.start) <= first]
                    if opening:
                        cached = (_Source(None, [opening[0].target]),)
            self.__dict__["_own_voice"] = cached
        return cached[0]

    def _organization_near(self, cue_start: int, *, noun: str = "") -> _Source | None:
        """The research group or body named next in the paragraph or the one after (else the
        one named last before it): the one an indefinite description stands for. A body of
        several states fits a description its name carries ("a multinational team
        monitoring sanctions": the Multilateral Sanctions Monitoring Team)."""
        doc = self.doc
        international = noun in lexicon.INTERNATIONAL_DESCRIPTIONS

        def group(f: Found) -> bool:
            return self._group(f) or (international and f.target is not None and f.category == ORGANIZATION
                                      and f.target.actor_kind == "international_body"
                                      and re.search(rf"\b{noun}\b", f.target.name.lower()) is not None)

        para = doc.sentence_paragraph[doc.sentence_at(cue_start)]
        lo = bisect.bisect_left(self._found_starts, cue_start)
        for f in self.founds[lo:]:
            if doc.sentence_paragraph[doc.sentence_at(f.start)] - para > 1:
                break
            if group(f):
                return _Source(None, [f.target])
        for f in reversed(self.founds[:lo]):
            if para - doc.sentence_paragraph[doc.sentence_at(f.start)] > 1:
                break
            if group(f):
                return _Source(None, [f.target])
        return None

    @staticmethod
    def _group(found: Found) -> bool:
        """A research group, a company or another non-governmental organisation."""
        t = found.target
        return (found.category == ORGANIZATION and t is not None and t.actor_kind not in (
            "media_outlet", "government_body", "international_body", "state") and not t.state)

    def _frame_stance(self, frame: Frame, source: _Source) -> str | None:
        """The stance of the cue, else of the words said (a refusal or denial inside them
        counts when it is the speaker's own side that refuses or denies)."""
        if frame.pattern in lexicon.OWN_CHECK_PATTERNS and not _reporting_body(source):
            return DECLINES  # "the ministry could not independently confirm": a refusal
        if frame.cue.lower() in lexicon.CAVEAT_VERBS and frame.content and lexicon.LOOKING_AHEAD_WORDS.isdisjoint(
                self.doc.lower[frame.content[0]:frame.content[1]].split()):
            return frame.word_stance or ASSERTS  # "cautioned that there was no public evidence"
        if frame.stance and frame.stance != ASSESSES:
            return frame.stance
        words = frame.word_stance
        if words == DENIES and _analyst(source):
            words = None  # "an expert said there was no evidence yet of such a transfer": a caveat, not a denial
        state = self._source_state(source)
        # the words' own stance and the acts of the speaker's side inside them ("said the United
        # States was deeply concerned ... and condemned the transfers"): the strongest
        found = [words] if words and words != ASSESSES else []
        for inner in frame.inner:
            stance = inner.stance
            if inner.pattern in lexicon.WITHHELD_PATTERNS:
                continue  # details kept back beside the words said
            if inner.pattern in lexicon.OWN_CHECK_PATTERNS and not _reporting_body(source):
                stance = DECLINES  # "said the United Nations could not verify the reports"
            # "Hayashi said Tokyo \"strongly condemns\" the deployment": the speaker's side condemns
            if stance in _STANCE_ORDER and stance not in found and inner.source and self._same_side(
                    inner.source, source, state):
                found.append(stance)
        if found:
            return min(found, key=_STANCE_ORDER.index)
        if any(self._same_side(span, source, state) for span in frame.negated_supply):
            return DENIES
        for inner in frame.inner:
            if inner.stance == ASSESSES and inner.clausal and inner.source and self._same_side(
                    inner.source, source, state):
                return ASSESSES
        if any(self._same_side(span, source, state) for span in frame.judged_by):
            return ASSESSES
        return frame.stance or words

    def _same_side(self, span: tuple[int, int], source: _Source, state: Target | None) -> bool:
        """The names in ``span`` are the source itself or its state ("Moscow" for the Kremlin)."""
        lo = bisect.bisect_left(self._found_starts, span[0])
        named = [f for f in self.founds[lo:] if f.start < span[1]]
        for f in named:
            if f.target is None:
                continue
            if source.speaker is not None and f.name == source.speaker.name:
                return True
            if any(f.target.name == b.name for b in source.bodies):
                return True
            if state is not None:
                root = self.gaz.root_state(f.target)
                if root is not None and root.name == state.name:
                    return True
        return False

    # ------------------------------------------------------------- one sentence
    def _sentence(self, s_idx: int, last: _Draft | None) -> list[_Draft]:
        sent = self.doc.sentences[s_idx]
        if self.doc.plain[sent.end - 1] == "?" and self.doc.quote_at(sent.end - 1) is None:
            return []  # "What has Russia said?": a question, not a statement
        frames = self._frames(s_idx)
        if frames:
            return self._parsed_sentence(s_idx, frames, last)
        if frames is not None and not _MISPARSED_CUE_RE.search(self.doc.plain, sent.start, sent.end):
            return []
        # no parse, or a parse that lost a plain "..., a South Korean official who declined to
        # be named said on Monday" (the verb read as a participle): the token rules
        doc = self.doc
        sent = doc.sentences[s_idx]
        cues = self._cues(s_idx)
        if not cues:
            return []
        out: list[_Draft] = []
        previous_end = sent.start
        text = doc.plain
        if len(cues) > 1 and cues[0][2] == "according to" and cues[0][0] - sent.start < 3:
            # "According to a statement carried by KCNA, the foreign ministry said ...": the
            # attribution that follows names the source
            cues = cues[1:]
        for c_start, c_end, cue, stance in cues:
            if out and not _CLAUSE_BREAK_RE.search(text, previous_end, c_start) \
                    and not self._names_between(previous_end, c_start) and out[-1].cue != "according to":
                # "X said the military assessed that ...": a cue inside what X said
                if out[-1].stance == ASSERTS and stance and stance not in (ASSERTS, ASSESSES) \
                        and c_start - previous_end < 12:
                    out[-1].stance = stance  # "confirmed ... and denied"
                    out[-1].cue = cue
                previous_end = c_end
                continue
            source, clause_span = self._source(s_idx, c_start, c_end, cue, previous_end, last, out)
            previous_end = c_end
            if source is None or source.empty:
                continue
            if out and _same_source(out[-1].source, source) and stance != DECLINES:
                # "confirmed ... and said": one statement; a stronger cue wins
                if out[-1].stance == ASSERTS and stance and stance != ASSERTS:
                    out[-1].stance = stance
                    out[-1].cue = cue
                continue
            if stance == DECLINES:
                clause_span = (c_start, _next_break(text, c_end, sent.end, clause=True))
            draft = self._draft(s_idx, cue, stance, source, clause_span, c_start, c_end, last)
            out.append(draft)
        return out

    def _names_between(self, start: int, end: int) -> bool:
        """A person, body or state named between two cues: the second may have its own source."""
        lo = bisect.bisect_left(self._found_starts, start)
        hi = bisect.bisect_left(self._found_starts, end)
        return any(f.category in (PERSON, ORGANIZATION) or f.kind in ("name", "metonym")
                   for f in self.founds[lo:hi] if self.doc.quote_at(f.start) is None)

    def _draft(self, s_idx, cue, stance, source, clause_span, c_start, c_end, last, parsed=False) -> _Draft:
        doc = self.doc
        sent = doc.sentences[s_idx]
        quotes = [q for q in doc.quotes_between(sent.start, sent.end)]
        parts = []
        open_quote = False
        for q in quotes:
            lo, hi = max(q.start, sent.start), min(q.end, sent.end)
            words = doc.text[lo:hi].strip()
            if words and not _inside_source(lo, hi, source):
                parts.append(_tidy_quote(words))
                if q.open_ended and q.end >= sent.end - 1:
                    open_quote = True
        clause = _tidy_quote(doc.text[clause_span[0]:clause_span[1]]) if clause_span else ""
        if parts and sum(len(p.split()) for p in parts) < 6 and len(clause) > sum(len(p) for p in parts) + 10:
            parts = [clause]  # a few quoted words inside reported speech: the whole clause says more
        date = self._date(s_idx, c_start, c_end, clause_span)
        if date is not None:
            self.attribution_dates.add(date.start)
        if date is None and last is not None and _same_source(last.source, source) \
                and doc.sentence_paragraph[s_idx] - last.paragraph <= 1 \
                and (source.speaker is None or cue in ("added", "adds", "continued", "noted")):
            date = last.date
        if date is None and last is not None and last.date is not None \
                and _follows_up(last, source, doc.sentence_paragraph[s_idx] - last.paragraph):
            date = last.date
        draft = _Draft(source, stance or ASSERTS, cue, parts, clause, bool(parts), sent.start, sent.end, date,
                       s_idx, doc.sentence_paragraph[s_idx], open_quote, parsed_parts=len(parts) if parsed else -1)
        draft.stance = self._stance(stance, draft, s_idx)
        return draft

    # ------------------------------------------------------------- the source
    def _source(self, s_idx, c_start, c_end, cue, previous_end, last, same_sentence):
        """The source of the cue and the span of the reported clause."""
        doc = self.doc
        sent = doc.sentences[s_idx]
        text = doc.plain
        before = text[sent.start:c_start]
        # after "according to": the source follows, the words are the rest of the sentence
        if cue == "according to":
            end = _next_break(text, c_end, sent.end)
            source = self._source_in(c_end, end, c_start)
            if sent.start < c_start - 2:
                clause = (sent.start, c_start)
            else:
                clause = (end, sent.end)
            return source, clause
        # passive: "were denied by North Korea's Defense Ministry"
        if _PASSIVE_RE.search(before[-40:]):
            by = re.match(r"\s+(?:\w+ly\s+)?by\s+", text[c_end:c_end + 20])
            if not by:
                return None, None
            start = c_end + by.end()
            end = _next_break(text, start, sent.end, stop_words=True)
            return self._source_in(start, end, c_start), (end, sent.end)
        # inverted: "..., said Kirby" / "...," said the ministry
        if cue in _INVERTIBLE and re.search(r"[,\"\u201d']\s*$", before) \
                and not re.match(r"\s*(?:that|:)", text[c_end:c_end + 6]):
            end = _next_break(text, c_end, sent.end, stop_words=True)
            after_quote = bool(re.search(r"[\"\u201d']\s*$", before))
            phrase = text[c_end:end]
            closes = end >= sent.end - 1 or text[end:end + 1] in ",.;:!?" or re.match(
                r"\s(?:who|which|in a|on \w+day|at a|with a)\b", text[end:end + 12])
            if (after_quote or closes) and not _VERBISH_RE.search(phrase):
                source = self._source_in(c_end, end, c_start, inverted=True)
                if source is not None and not source.empty:
                    quote_end = before.rstrip().rstrip(",\"\u201d'").rstrip()
                    return source, (sent.start, sent.start + len(quote_end))
        # the subject before the cue
        seg_start = max(previous_end, sent.start)
        q_before = [q for q in doc.quotes_between(seg_start, c_start) if q.end <= c_start]
        if q_before:
            seg_start = max(seg_start, q_before[-1].end + 1)
        for m in _CLAUSE_BREAK_RE.finditer(text, seg_start, c_start):
            if doc.quote_at(m.start()) is None:
                seg_start = m.end()
        seg_start = max(seg_start, doc.dateline_end(s_idx))
        seg_start = self._skip_intro(seg_start, c_start)
        clause_start = _clause_after(text, c_end, sent.end, cue)
        source = None
        tail_used = None
        last_comma = _last_comma_outside(doc, seg_start, c_start)
        if last_comma is not None and text[last_comma + 1:c_start].strip():
            # "..., a U.S. official said": the words right before the cue are the subject,
            # unless they only end a list ("Seoul, Washington and Tokyo confirmed")
            tail = self._source_in(last_comma + 1, c_start, c_start)
            if tail is not None and not tail.empty and not self._list_end(seg_start, last_comma, c_start):
                source = tail
                tail_used = last_comma
        if source is None:
            source = self._source_in(seg_start, c_start, c_start)
        if source is None and same_sentence:
            source = same_sentence[-1].source
        clause = (clause_start, _next_break(text, clause_start, sent.end, clause=True))
        if tail_used is not None and tail_used - sent.start > 20:
            # "North Korea has shipped ..., the State Department said Friday, ...": the words
            # said come before the attribution
            clause = (max(sent.start, doc.dateline_end(s_idx)), tail_used)
        elif not text[clause[0]:clause[1]].strip(" .,;:!?\"'\u201d"):
            # "..., a U.S. official said.": what was said comes before the attribution
            cut = last_comma if last_comma is not None else seg_start
            clause = (sent.start, cut)
        return source, clause

    def _list_end(self, seg_start: int, comma: int, end: int) -> bool:
        """True when the words between the last comma and the cue only end a list of names
        ("Seoul, Washington and Tokyo confirmed"): names joined by "and", with a name
        right before the comma."""
        tokens = self.doc.tokens
        covered = set()
        before_comma = False
        lo = bisect.bisect_left(self._found_starts, seg_start)
        hi = bisect.bisect_left(self._found_starts, end)
        for f in self.founds[lo:hi]:
            if comma < f.start and f.end <= end:
                covered.update(range(f.first, f.last))
            elif seg_start <= f.start and f.end <= comma and not self.doc.plain[f.end:comma].strip(" '\u2019s"):
                before_comma = True
        words = [tokens.norm[k] for k in tokens.span(comma, end) if k not in covered]
        return bool(covered) and before_comma and "and" in words and all(
            w in ("and", "the", "s", "also", "have", "has", "had", "both") for w in words)

    def _skip_intro(self, start: int, end: int) -> int:
        """Past introductory phrases: "Speaking at a news conference on Friday, ",
        "In comments earlier this year, ", "At the United Nations, "."""
        text = self.doc.plain
        for _ in range(3):
            segment = text[start:end]
            stripped = segment.lstrip()
            first = re.match(r"[\"'\u201c]?([A-Za-z]+)", stripped)
            if not first or first.group(1).lower() not in lexicon.INTRO_WORDS:
                break
            comma = _comma_outside(self.doc, start, end)
            if comma is None:
                break
            start = comma + 1
        return start

    def _source_in(self, start: int, end: int, cue_start: int, *, inverted: bool = False,
                   outlets: bool = False) -> _Source | None:
        """The source named in ``start:end``. ``outlets``: a news outlet may be the source
        (the parse found it as the subject of the cue; the token rules cannot tell an
        outlet reporting from an outlet spoken to)."""
        doc = self.doc
        tokens = doc.tokens
        span = tokens.span(start, end)
        if not span:
            return None
        lo = bisect.bisect_left(self._found_starts, start)
        hi = bisect.bisect_left(self._found_starts, end)
        ents = [f for f in self.founds[lo:hi] if f.end <= end and doc.quote_at(f.start) is None]
        words = [tokens.norm[k] for k in span]
        # pronouns and references back
        lead = [w for w in words[:3] if w not in ("also", "then", "again", "later", "further")]
        if lead and lead[0] in lexicon.PRONOUNS:
            return self._carry_over(lead[0], cue_start)
        if len(lead) > 1 and lead[0] in lexicon.POSSESSIVE_PRONOUNS and (
                lead[1] in lexicon.COREF_NOUNS or lead[1] in lexicon.OFFICIAL_NOUNS) and not ents:
            # "His office warned", "her spokesman said": the body of the one last named
            carried = self._carry_over(lexicon.POSSESSIVE_PRONOUNS[lead[0]], cue_start)
            if carried is not None and not carried.empty:
                state = self._source_state(carried)
                return _Source(None, list(carried.bodies) or ([state] if state else []))
        if len(lead) > 1 and lead[0] in lexicon.STATE_POSSESSIVES and lead[1] in lexicon.COREF_NOUNS:
            owned = self._state_body_named_back(start, end, cue_start, span)
            if owned is not None:
                return owned
        ref = self._reference_back(span, ents, cue_start)
        if ref is not None:
            return ref
        if not ents:
            return None
        # of two readings of one name, the one that knows whose it is
        ents.sort(key=lambda f: (f.start, -f.end, f.target is None or not (f.target.key or f.target.state)))
        head = ents[0]
        persons = [f for f in ents if f.category == PERSON]
        for p in persons:
            if p is head:
                break
            if p.prefix_start is not None and p.prefix_start <= head.start:
                head = p
                break
        if len(persons) > 1 and head is persons[0] and _RELATIVE_OF_RE.fullmatch(doc.plain[head.end:persons[1].start]):
            head = persons[1]  # "Kim Jong Un's sister Kim Yo Jong": the sister speaks
        # only articles, titles and "officials"-like words may come before the source
        before_head = [tokens.norm[k] for k in tokens.span(start, head.start if head.prefix_start is None else head.prefix_start)
                       if tokens.norm[k] != "s"]
        if len(before_head) > 6 or any(w not in _PRE_SOURCE for w in before_head):
            if not inverted or len(before_head) > 8:
                return None
        if head.category in (COUNTRY, PLACE):
            # "the U.S. media outlet Voice of America", "South Korea's spy agency": the body named next
            for f in ents:
                if f.start <= head.start or f.category != ORGANIZATION:
                    continue
                between = [tokens.norm[k] for k in tokens.span(head.end, f.start)]
                if any(w in lexicon.TITLE_HEADS for w in between):
                    break  # "Russia's ambassador to the UN, Vassily Nebenzia,": the body is his posting
                if len(between) <= 4 and all(w.islower() or w == "s" for w in between):
                    state = self.gaz.root_state(head.target) if head.target else None
                    owner = self.gaz.root_state(f.target) if f.target else None
                    if state is not None and owner is not None and owner.name != state.name:
                        # "Russia's Ministry of Defence" is not the British one of that name
                        own = self.gaz.body_of(state, f.target.body) if f.target.body else None
                        return _Source(None, [own or state])
                    head = f
                break
        if head.category != PERSON:
            # "Moscow's ambassador in Seoul, Georgy Zinoviev, rejected": the person named after the title
            for p in persons:
                if p.start <= head.start:
                    continue
                between = doc.plain[head.end:p.start]
                # "Moscow's ambassador in Seoul, Georgy Zinoviev", "the European Union's foreign
                # policy chief Josep Borrell"
                # "The U.S. National Security Council's John Kirby": the body's person
                if re.fullmatch(r"['\u2019]s\s+", between) or _TITLE_IN_RE.search(between) and (
                        (between.rstrip().endswith(",") and between.count(",") == 1)
                        or _POSSESSIVE_TITLE_RE.fullmatch(between)):
                    source = self._person_source(p)
                    body = self._body_for(head, tokens)
                    if body is not None:
                        source.bodies = [body]
                    return source
                break
        if head.category == PERSON:
            return self._person_source(head)
        heads = [head]
        for f in ents:
            if f.start <= heads[-1].end or f in heads:
                continue
            between = doc.plain[heads[-1].end:f.start]
            if f.category != PERSON and re.fullmatch(r"'s?\s+", between):
                heads[-1] = f  # "the UN Security Council's panel of experts": the panel
            elif re.fullmatch(r"[\s,]*(?:and\s+|&\s+|n?or\s+)?(?:the\s+)?", between) and f.category != PERSON:
                heads.append(f)
            else:
                break
        bodies: list[Target] = []
        for h in heads:
            target = self._body_for(h, tokens, outlets=outlets)
            if target is None:
                continue
            if target not in bodies:
                bodies.append(target)
        if not bodies:
            return None
        return _Source(None, bodies)

    def _body_for(self, found: Found, tokens, *, outlets: bool = False) -> Target | None:
        """The government or body a non-person source speaks for."""
        target = found.target
        if target is None:
            return None
        gaz = self.gaz
        if found.category == ORGANIZATION:
            if not outlets and target.actor_kind == "media_outlet" and target.body != lexicon.STATE_MEDIA_BODY:
                return None
            # an outlet is the source of what it reports itself ("Reuters reported, citing
            # sources"); an embassy or a mission the record does not know speaks for its state
            if target.key is None and target.body in _STATE_VOICES:
                return gaz.root_state(target) or target
            return target
        if found.category == PLACE and found.kind != "metonym":
            return None
        # "South Korean officials", "a U.S. official": their state
        return gaz.root_state(target)

    def _person_source(self, person: Found) -> _Source:
        best = person
        if not (person.role or person.affiliation_target):
            best = self.person_roles.get(person.name, person)
        body = None
        if person.role and person.affiliation_target is None and self._role_org(person) is None:
            # "Deputy Secretary Campbell" after "U.S. Deputy Secretary of State Kurt Campbell":
            # the state named before the title of the fuller mention is the one he serves
            earlier = self.person_roles.get(person.name)
            if earlier is not None and earlier.start < person.start:
                served = earlier.affiliation_target
                if served is None:
                    body = self._state_before_title(earlier)
                elif served.category == COUNTRY:  # the names found it already: "U.S." before the title
                    body = self.gaz.root_state(served)
        body = body or self._speaks_for(person, best)
        if body is None:
            body = self.person_bodies.get(person.name)  # as for this person's earlier statements
        elif person.name not in self.person_bodies:
            self.person_bodies[person.name] = body
        return _Source(person, [body] if body else [], best.role)

    def _speaks_for(self, person: Found, described: Found) -> Target | None:
        gaz = self.gaz
        affil = described.affiliation_target
        if affil is not None and affil.category == ORGANIZATION and affil.key is None and described.role and \
                affil.name.lower() in described.role.lower() and _GOVERNMENT_TITLE_RE.search(described.role):
            # "Russian Minister of Natural Resources and Ecology Alexander Kozlov": words of the
            # title, not a body the record knows; the minister speaks for the state before it
            state = self._state_before_title(described)
            if state is not None:
                return state
        if affil is not None and affil.category == ORGANIZATION:
            return affil
        employer = self._employer_in_apposition(described) or self._body_named_back_in_apposition(person)
        if employer is not None:
            return employer
        role_org = self._role_org(person)
        if role_org is not None:
            role_state = gaz.root_state(role_org)
            if affil is None or role_state is None or role_state.name == affil.name:
                return role_org
        if affil is not None:
            body = _body_from_title(described.role or "")
            if body:
                return gaz.body_of(affil, body) or affil
            return affil
        if person.target is not None and person.target.key and person.target.state:
            return gaz.states_by_name.get(person.target.state)
        # "Chief Cabinet Secretary Yoshimasa Hayashi": an office only one state has;
        # "In Tokyo, Chief Cabinet Secretary ... said": the state of the place the sentence
        # opens with; else "Foreign ministry spokeswoman Maria Zakharova": the state the
        # paragraph is about
        state = self._title_state(described.role or "") or self._opening_place_state(person.start) \
            or self._context_state(person.start, same_paragraph=True)
        if state is None and described.role and _GOVERNMENT_TITLE_RE.search(described.role):
            # a minister introduced in a paragraph of his own: the wire names no state for
            # the officials of the country it is datelined in ("SEOUL -- First Vice Minister Kim")
            state = self._dateline_state()
        if state is None:
            state = self._context_state(person.start)
        if state is None and described.role and _GOVERNMENT_TITLE_RE.search(described.role):
            state = self._dateline_state()  # "Deputy Prime Minister Denis Manturov" in a Russian dateline
        if state is None:
            return None
        body = _body_from_title(described.role or "")
        return (gaz.body_of(state, body) if body else None) or state

    def _title_state(self, role: str) -> Target | None:
        """The state of an office only one state has (lexicon.SINGLE_STATE_TITLES)."""
        title = " ".join(role.lower().split())
        name = next((n for t, n in lexicon.SINGLE_STATE_TITLES.items() if title.endswith(t)), None)
        return self.gaz.states_by_name.get(name) if name else None

    def _opening_place_state(self, pos: int) -> Target | None:
        """The state of the place a sentence opens with ("In Tokyo, Chief Cabinet Secretary
        ... said"; "In Seoul, the presidential office said"), for a speaker it names no
        state for; None when the sentence opens otherwise."""
        sent = self.doc.sentences[self.doc.sentence_at(pos)]
        start = max(sent.start, self.doc.dateline_end(self.doc.sentence_at(pos)))
        m = re.match(r"\s*(?:Meanwhile,\s+|Separately,\s+)?In\s+", self.doc.plain[start:pos])
        if m is None:
            return None
        lo = bisect.bisect_left(self._found_starts, start + m.end())
        for f in self.founds[lo:lo + 1]:
            if f.start != start + m.end() or f.category != PLACE or f.target is None:
                return None
            if not re.match(r"\s*,", self.doc.plain[f.end:f.end + 3]):
                return None
            return self.gaz.root_state(f.target)
        return None

    def _body_named_back_in_apposition(self, person: Found) -> Target | None:
        """"Damien Spleeters, the group's deputy director of operations,": the body a
        possessive in the apposition refers back to (the group, institute or ministry named
        before) employs him."""
        m = _APPOSITION_BACK_RE.match(self.doc.plain, person.end)
        if m is None:
            return None
        noun = " ".join(m.group(1).lower().split())
        if noun not in lexicon.COREF_NOUNS:
            return None
        body = self._last_body(noun, None, person.start)
        if body is None and noun in lexicon.RESEARCH_COREF_NOUNS:
            group = self._last_research_group(person.start)
            body = group.bodies[0] if group is not None else None
        return body

    def _state_before_title(self, person: Found) -> Target | None:
        """The state named right before a person's title ("Russian" in "Russian Minister of
        Natural Resources Alexander Kozlov"), with no comma between."""
        plain = self.doc.plain
        sent_start = self.doc.sentences[self.doc.sentence_at(person.start)].start
        lo = bisect.bisect_left(self._found_starts, person.start) - 1
        for f in reversed(self.founds[:max(lo + 1, 0)]):
            if f.start < sent_start or f.end > person.start or "," in plain[f.end:person.start]:
                return None
            if f.category == COUNTRY and f.target is not None:
                return self.gaz.root_state(f.target)
        return None

    def _employer_in_apposition(self, person: Found) -> Target | None:
        """The institution named in the apposition right after a name, before any place
        ("Lim Eul-chul, a professor at Kyungnam University in Seoul,"): an analyst or scholar
        speaks for the institute or university employing him, not for the state of the city
        it sits in. Government titles keep their state ("X, a minister at ...")."""
        if person.role and _GOVERNMENT_TITLE_RE.search(person.role):
            return None
        plain = self.doc.plain
        sent = self.doc.sentences[self.doc.sentence_at(person.start)]
        lo = bisect.bisect_right(self._found_starts, person.start)
        for f in self.founds[lo:]:
            if f.start >= sent.end or f.category in (PLACE, COUNTRY, PERSON):
                return None
            if f.start < person.end:
                continue
            between = plain[person.end:f.start]
            if not between.startswith(",") or between.count(",") != 1 or len(between) > 60:
                return None
            if f.category == ORGANIZATION and f.target is not None:
                return self._body_for(f, self.doc.tokens)
        return None

    def _dateline_state(self) -> Target | None:
        """The state of the place the article is datelined ("SEOUL, April 2 (Yonhap) --")."""
        cached = self.__dict__.get("_dateline")
        if cached is None:
            doc = self.doc
            cached = (None,)
            first = next((i for i in range(len(doc.sentences)) if not doc.headline[i]), None)
            if first is not None:
                start, end = doc.sentences[first].start, doc.dateline_end(first)
                for f in self.founds:
                    if start <= f.start < end and f.target is not None and f.category in (PLACE, COUNTRY):
                        cached = (self.gaz.root_state(f.target),)
                        break
            self.__dict__["_dateline"] = cached
        return cached[0]

    def _drafts_before(self, pos: int, paragraphs: int):
        """The statements found before ``pos``, newest first, as far back as ``paragraphs``
        paragraphs before its own."""
        para = self.doc.sentence_paragraph[self.doc.sentence_at(pos)]
        for d in reversed(self.drafts):
            if d.start >= pos:
                continue
            if para - d.paragraph > paragraphs:
                return
            yield d

    def _context_state(self, pos: int, *, same_paragraph: bool = False) -> Target | None:
        """The state of the statement just before ``pos`` (same or previous paragraph)."""
        for d in self._drafts_before(pos, 0 if same_paragraph else 1):
            if len(d.source.bodies) > 1:
                continue  # states speaking together: not the state of one speaker
            state = self._source_state(d.source)
            if state is not None:
                return state
        return None

    def _role_org(self, person: Found) -> Target | None:
        if not person.key:
            return None
        roles = self.gaz.roles.get(person.key, ())
        when = self.doc.published
        chosen = None
        for role in roles:
            if when and ((role.start and role.start > when) or (role.end and role.end < when)):
                continue
            chosen = role
            break
        if chosen is None and roles and when is None:
            chosen = roles[0]
        if chosen is None or not chosen.organisation_key:
            return None
        return self.gaz.targets_by_key.get(chosen.organisation_key)

    def _state_body_named_back(self, start: int, end: int, cue_start: int, span: range) -> _Source | None:
        """"North Korea ... did not take part. Its mission to the United Nations did not
        respond": the body of that kind (``start:end`` after the possessive) of the state named
        last before it, in its paragraph or the one before."""
        doc = self.doc
        para = doc.sentence_paragraph[doc.sentence_at(cue_start)]
        state = None
        for f in reversed(self.founds[:bisect.bisect_left(self._found_starts, start)]):
            if para - doc.sentence_paragraph[doc.sentence_at(f.start)] > 1:
                break
            if f.category == COUNTRY and f.target is not None:
                state = self.gaz.root_state(f.target)
                break
        if state is None:
            return None
        phrase = " ".join(doc.tokens.norm[k] for k in list(span)[1:])
        kind = next((b for p, b in sorted(lexicon.BODY_PHRASES.items(), key=lambda kv: -len(kv[0]))
                     if phrase.startswith(p)), None)
        return _Source(None, [(self.gaz.body_of(state, kind) if kind else None) or state])

    def _reference_back(self, span: range, ents: list[Found], cue_start: int) -> _Source | None:
        """"the ministry", "the British ministry", "the official", "the spokesperson"."""
        tokens = self.doc.tokens
        idx = list(span)
        k = 0
        while k < len(idx) and tokens.norm[idx[k]] in ("the", "a", "an", "this", "that"):
            k += 1
        if k == 0 or k >= len(idx):
            return None
        if tokens.norm[idx[k]] in lexicon.MEMBER_NOUNS and k + 2 < len(idx) and tokens.norm[idx[k + 1]] == "of":
            # "A member of the panel, speaking on condition of anonymity, declined": the panel
            k += 2
            while k < len(idx) - 1 and tokens.norm[idx[k]] in ("the", "this", "that"):
                k += 1
        state: Target | None = None
        demonym = next((f for f in ents if f.first == idx[k]), None)
        if demonym is not None and demonym.category == COUNTRY:
            state = self.gaz.root_state(demonym.target) if demonym.target else None
            k = demonym.last - span.start
            if k >= len(idx):
                return None
        # "the independent experts", "the two officials": a few lower-case words before the noun
        for _ in range(2):
            word = tokens.norm[idx[k]]
            if (k + 1 < len(idx) and word not in lexicon.COREF_NOUNS and word not in lexicon.OFFICIAL_NOUNS
                    and f"{word} {tokens.norm[idx[k + 1]]}" not in lexicon.COREF_NOUNS  # "the think tank"
                    and tokens.surface[idx[k]].islower() and tokens.run[idx[k]] > 1):
                k += 1
        noun = tokens.norm[idx[k]]
        two = noun + " " + tokens.norm[idx[k + 1]] if k + 1 < len(idx) else ""
        # what follows the noun up to a comma ("The official, who spoke on condition of anonymity, said")
        rest = []
        for i in idx[k + 1:]:
            if tokens.gaps[i - 1].strip().startswith(","):
                break
            rest.append(tokens.norm[i])
        if noun in _DOCUMENT_NOUNS and not any(f.first > idx[k] for f in ents):
            return self._author_before(cue_start, noun)  # "the report said": the body that published it
        if noun in lexicon.OUTLET_NOUNS and not any(f.first > idx[k] for f in ents):
            return self._last_outlet(cue_start)  # "..., the newspaper said"
        if two in lexicon.COREF_NOUNS:
            noun = two
        elif noun not in lexicon.COREF_NOUNS and noun not in lexicon.OFFICIAL_NOUNS:
            if noun in _PERSON_TITLES and len(rest) <= 3 and not any(f.first > idx[k] for f in ents):
                return self._last_speaker(noun, cue_start)  # "according to the minister"
            return None
        if any(f.first > idx[k] for f in ents):
            return None  # "the spokesperson for the ministry": the name after it decides
        if any(f.first <= idx[k] <= f.last and f.category == ORGANIZATION and f.target is not None for f in ents):
            return None  # "no comment from the Kremlin": the noun is the body's own name
        if len(rest) > 3 and not all(w in ("s", "also", "has", "had", "have", "then", "later") for w in rest):
            return None
        if noun in lexicon.COREF_NOUNS:
            body = self._last_body(noun, state, cue_start)
            if body is not None:
                return _Source(None, [body])
            if noun in lexicon.RESEARCH_COREF_NOUNS and state is None:
                group = self._last_research_group(cue_start)
                if group is not None:
                    return group
        if state is not None:
            return _Source(None, [state])
        carried = self._carry_over(noun, cue_start)
        if carried is None and noun in lexicon.COREF_NOUNS:
            # "Russian Minister of Natural Resources Alexander Kozlov has handed over ..., the
            # ministry's press service said": the ministry of the minister named before it
            minister = self._minister_before(cue_start) if noun == "ministry" else None
            if minister is not None:
                return minister
            # "The foreign ministry said" with no ministry named before: the dateline's state's
            state = self._dateline_state()
            if state is not None:
                phrase = " ".join(tokens.norm[i] for i in idx[max(0, k - 2):k + 1])
                body = next((b for p, b in lexicon.BODY_PHRASES.items() if phrase.endswith(p)), None)
                return _Source(None, [(self.gaz.body_of(state, body) if body else None) or state])
        return carried

    def _minister_before(self, cue_start: int) -> _Source | None:
        """The state of the minister named last before ``cue_start`` in its paragraph, whose
        ministry "the ministry" is when no ministry is named."""
        doc = self.doc
        para = doc.sentence_paragraph[doc.sentence_at(cue_start)]
        for f in reversed(self.founds[:bisect.bisect_left(self._found_starts, cue_start)]):
            if doc.sentence_paragraph[doc.sentence_at(f.start)] != para:
                return None
            if f.category == PERSON and f.role and re.search(r"\bminister\b", f.role, re.I):
                state = self._source_state(self._person_source(f))
                return _Source(None, [state]) if state is not None else None
        return None

    def _author_before(self, cue_start: int, noun: str | None = None) -> _Source | None:
        """Who published "the report": the source of a statement made in one just before
        ("CSIS said in a report by its Beyond Parallel project"), else the organisation
        named last, within the paragraph before, other than a news outlet."""
        doc = self.doc
        para = doc.sentence_paragraph[doc.sentence_at(cue_start)]
        if noun:
            for d in self._drafts_before(cue_start, 3):
                # "the New York Times reported ...": "according to the report"; not one that
                # rejected or would not discuss the report ("Peskov dismissed the report")
                if d.stance not in (DENIES, DECLINES) and re.search(
                        rf"\b{noun}(?:s|ed|ing)?\b", doc.lower[d.start:d.end]):
                    return d.source
            published = self._publisher_before(cue_start, noun)
            if published is not None:
                return published
        for f in reversed(self.founds):
            if f.start >= cue_start or f.category != ORGANIZATION or f.target is None:
                continue
            if para - doc.sentence_paragraph[doc.sentence_at(f.start)] > 1:
                return None
            if f.target.actor_kind != "media_outlet":
                return _Source(None, [f.target])
        return None

    def _publisher_before(self, cue_start: int, noun: str) -> _Source | None:
        """The organisation named in the last sentence before (within three paragraphs) that
        mentions the document and is not a statement rejecting or not discussing it: "RUSI
        published a report on Tuesday ... Peskov dismissed the report ... According to the
        report": RUSI."""
        doc = self.doc
        s_idx = doc.sentence_at(cue_start)
        para = doc.sentence_paragraph[s_idx]
        refused = {d.sentence for d in self.drafts if d.stance in (DENIES, DECLINES)}
        pattern = re.compile(rf"\b{noun}s?\b")
        for k in range(s_idx - 1, -1, -1):
            if para - doc.sentence_paragraph[k] > 3:
                break
            sent = doc.sentences[k]
            if k in refused or doc.headline[k] or not pattern.search(doc.lower, sent.start, sent.end):
                continue
            state = None
            named = pattern.search(doc.lower, sent.start, sent.end)
            for f in self.founds[bisect.bisect_left(self._found_starts, sent.start):
                                 bisect.bisect_left(self._found_starts, sent.end)]:
                if f.category == ORGANIZATION and f.target is not None and f.target.actor_kind != "media_outlet":
                    return _Source(None, [f.target])
                if state is None and f.category == COUNTRY and f.target is not None and f.start < named.start():
                    state = self.gaz.root_state(f.target) or f.target
            if state is not None:
                # "Japan's government has approved its annual defense white paper": the state's own
                return _Source(None, [state])
            # a sentence naming no publisher ("The minister presented the white paper"): read on back
        return None

    def _last_research_group(self, cue_start: int) -> _Source | None:
        """The research group of the last statement within three paragraphs ("The Institute for
        the Study of War said ... The think tank wrote ...")."""
        for d in self._drafts_before(cue_start, 3):
            if d.source.speaker is None and len(d.source.bodies) == 1 and d.source.bodies[0].actor_kind == "organisation":
                return d.source
        return None

    def _last_outlet(self, cue_start: int) -> _Source | None:
        """The news outlet that "the newspaper" refers back to: the source of the last
        statement an outlet made (within three paragraphs), else the outlet named last in
        this paragraph or the one before (not the one in the dateline)."""
        doc = self.doc
        para = doc.sentence_paragraph[doc.sentence_at(cue_start)]
        for d in self._drafts_before(cue_start, 3):
            if d.source.speaker is None and d.source.bodies and all(
                    b.actor_kind == "media_outlet" for b in d.source.bodies):
                return d.source
        dateline = max((doc.dateline_end(s) for s in range(min(len(doc.sentences), 3))), default=0)
        for f in reversed(self.founds):
            if f.start >= cue_start or f.category != ORGANIZATION or f.target is None:
                continue
            if para - doc.sentence_paragraph[doc.sentence_at(f.start)] > 1 or f.end <= dateline:
                return None
            if f.target.actor_kind == "media_outlet":
                return _Source(None, [f.target])
        return None

    def _last_speaker(self, title: str, cue_start: int) -> _Source | None:
        """The person who spoke last (within the paragraph before), one with that title if
        any: "the minister", "the spokesman"."""
        para = self.doc.sentence_paragraph[self.doc.sentence_at(cue_start)]
        speakers = []
        for d in self._drafts_before(cue_start, 4):
            if d.source.speaker is not None:
                speakers.append((para - d.paragraph, d.source))
        # the last speaker with that title (a few paragraphs back: "Defense Minister Kim told
        # parliament ... [other sources] ... The minister warned"), else the last one nearby
        titled = [s for _, s in speakers if s.role and title in s.role.lower()]
        near = [s for distance, s in speakers if distance <= 1]
        if titled or near:
            return (titled or near)[0]
        # no one spoke yet: the person named with that title ("Defense Minister Kim Yong-hyun
        # told parliament ... The minister warned ...")
        for f in reversed(self.founds):
            if f.start >= cue_start or f.category != PERSON:
                continue
            if para - self.doc.sentence_paragraph[self.doc.sentence_at(f.start)] > 2:
                break
            if f.role and title in f.role.lower():
                return self._person_source(f)
        return None

    def _last_body(self, noun: str, state: Target | None, before: int) -> Target | None:
        bodies = lexicon.COREF_NOUNS[noun]
        for f in reversed(self.founds):
            if f.start >= before or f.category != ORGANIZATION or f.target is None:
                continue
            t = f.target
            if t.body in bodies or noun.split()[-1] in t.name.lower():
                if state is not None:
                    root = self.gaz.root_state(t)
                    if root is None or root.name != state.name:
                        continue
                return t
        return None

    def _carry_over(self, word: str, cue_start: int) -> _Source | None:
        doc = self.doc
        para = doc.sentence_paragraph[doc.sentence_at(cue_start)]
        recent = []
        for d in reversed(self.drafts):
            if para - d.paragraph > 3:
                break
            if d.start < cue_start:
                recent.append(d)
        last = recent[0] if recent else None
        # the last source a pronoun can stand for: a person for "he", a body or state for
        # "it" (not the spokesman who spoke in between), any for "they"
        if word in ("he", "she"):
            compatible = next((d for d in recent if d.source.speaker is not None), None)
        elif word == "it":
            # (not a voice heard inside another's words: "the JCS said ..., where Ukrainian
            # officials say ... . The troops were moved, it said.")
            compatible = next((d for d in recent if d.source.speaker is None and not d.relative), None)
        else:
            compatible = last
        if word in ("he", "she"):
            # the person named since the last statement ("Nebenzia vetoed ... He said ...")
            for f in reversed(self.founds):
                if f.start >= cue_start or f.category != PERSON:
                    continue
                if para - doc.sentence_paragraph[doc.sentence_at(f.start)] > 1:
                    break
                if last is not None and f.start < last.end:
                    break
                if doc.quote_at(f.start) is None:
                    return self._person_source(f)
            if last is not None and last.source.speaker is None and last.source.role and para - last.paragraph <= 1:
                return last.source  # "the vice director of the ministry said ... He warned ..."
        if compatible is not None:
            return compatible.source
        if word in ("he", "she"):
            for f in reversed(self.founds):
                if f.start >= cue_start or f.category != PERSON:
                    continue
                if para - doc.sentence_paragraph[doc.sentence_at(f.start)] > 1:
                    break
                if doc.quote_at(f.start) is None:
                    return self._person_source(f)
        if word == "it":
            for f in reversed(self.founds):
                if f.start >= cue_start or f.category != ORGANIZATION:
                    continue
                if para - doc.sentence_paragraph[doc.sentence_at(f.start)] > 1:
                    break
                body = self._body_for(f, doc.tokens)
                if body is not None:
                    return _Source(None, [body])
        if word in ("he", "she") and last is not None and last.source.speaker is None and para - last.paragraph <= 1:
            # no person named anywhere near: the unnamed official who just spoke ("a South
            # Korean official said ... He would not say how ...")
            return last.source
        return None

    # ------------------------------------------------------------- date, stance, term
    def _date(self, s_idx: int, c_start: int, c_end: int, clause: tuple[int, int] | None = None) -> DateMention | None:
        doc = self.doc
        sent = doc.sentences[s_idx]
        best = None
        # what was said comes before the cue ("..., sanctions monitors told ... on Thursday"): the
        # dates in it are not when it was said, and the whole rest of the sentence is attribution
        content_before = clause is not None and clause[1] <= c_start
        direct_before = content_before or any(q.end <= c_start for q in doc.quotes_between(sent.start, c_start))
        dateline = doc.dateline_end(s_idx)
        for d in self.dates:
            if d.start < sent.start or d.end > sent.end or d.start < dateline:
                continue
            if doc.quote_at(d.start) is not None:
                continue
            if (d.precision != "day" or d.end_value is not None) and _EVENT_DATED_RE.search(
                    doc.plain, max(sent.start, d.start - 120), d.start):
                continue  # "after Shoigu's visit last month, the ministry said": the visit's date
            if _PERIOD_BOUND_RE.search(doc.plain, max(sent.start, d.start - 12), d.start) \
                    or _PERIOD_BOUND_RE.match(d.text):
                continue  # "moored ... since Feb. 9": when what is said began, not when it was said
            if content_before and clause[0] <= d.start < clause[1]:
                continue
            if d.end <= c_start:
                # in the attribution before the cue (not in an earlier reported clause)
                between = doc.plain[d.end:c_start]
                if '"' in between or "\u201d" in doc.text[d.end:c_start] or len(between) > 160:
                    continue
                if re.search(r"\bthat\b", between):
                    continue
                best = d
            elif d.start >= c_end and direct_before and '"' not in doc.plain[c_end:d.start]:
                return d
            elif d.start >= c_end and d.start - c_end <= 30:
                gap = doc.plain[c_end:d.start]
                if re.fullmatch(r"\s*(?:(?:reporters|journalists|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+)?"
                                r"(?:in a (?:statement|briefing|post)\s+)?", gap):
                    return d
                if _OBJECT_THEN_DAY.fullmatch(gap) and _DATED_CUES.match(doc.lower, c_start):
                    return d  # "condemned the transfers on Thursday"
            if d.start >= c_end and d.start - c_end <= 200:
                # '... as "groundless" at a briefing in Moscow on Wednesday': the occasion of saying it
                tail = doc.plain[max(c_end, d.start - 80):d.start]
                if _OCCASION_THEN_DAY.search(tail):
                    return d
        return best

    def _stance(self, verb_stance: str | None, draft: _Draft, s_idx: int) -> str:
        stance = self._said_stance(verb_stance, draft, s_idx)
        if stance in (WARNS, CONDEMNS) and draft.cue.lower() in lexicon.ACCUSING_FORMS:
            return ASSERTS  # "accused the United States of threatening the North": an accusation
        if stance == ASSERTS and _analyst(draft.source) and _JUDGEMENT_RE.search(
                _without_relative_clauses(" ".join([*draft.quote_parts, draft.clause]).lower())):
            return ASSESSES  # an analyst's "would", "could", "is expected to": a judgement
        if stance == ASSERTS and _HEDGE_RE.search(
                _without_relative_clauses(_without_asides(" ".join([*draft.quote_parts, draft.clause]).lower()))):
            return ASSESSES  # "Shin said Russia might also give North Korea technology"
        if stance == ASSERTS and self._source_state(draft.source) is not None and _CONSEQUENCE_RE.match(
                _without_quote_marks(" ".join([*draft.quote_parts, draft.clause]).lower())):
            return WARNS  # an official's "If they deploy to fight against Ukraine, they are fair game"
        return stance

    def _said_stance(self, verb_stance: str | None, draft: _Draft, s_idx: int) -> str:
        self._term(draft)
        if verb_stance and verb_stance != ASSESSES:
            return verb_stance
        if draft.parsed_parts >= 0:
            # the parse read the sentence; the rules read only the quotation running on after it
            unread = draft.quote_parts[draft.parsed_parts:]
            stance = self._words_stance(unread, "", bool(unread)) if unread else None
            if stance is not None and stance != ASSESSES:
                return stance
            return ASSESSES if verb_stance == ASSESSES or draft.term or stance == ASSESSES else ASSERTS
        return self._words_stance(draft.quote_parts, draft.clause, draft.direct, verb_stance, draft.term) or ASSERTS

    def _words_stance(self, quote_parts: list[str], clause: str, direct: bool, verb_stance: str | None = None,
                      term=None) -> str | None:
        """The stance of the words said, by the token rules."""
        words = _without_quote_marks(" ".join([*quote_parts, clause]).lower())
        if _found(_DECLINE_LOWER_RE, _DECLINE_TRIGGERS, words):
            return DECLINES
        if _found(_DENIAL_RE, _DENIAL_TRIGGERS, words):
            return DENIES
        if direct and quote_parts:
            # the quoted words first: "'We will not let this go unanswered,' Kirby said, adding that
            # sanctions were likely" is a warning
            quoted = " ".join(quote_parts).lower()
            if _found(_CONDEMN_RE, _CONDEMN_TRIGGERS, quoted):
                return CONDEMNS
            if _found(_WARN_RE, _WARN_TRIGGERS, quoted):
                return WARNS
        if verb_stance == ASSESSES or term or _found(_ASSESS_RE, _ASSESS_TRIGGERS, _without_asides(words)):
            return ASSESSES
        if _found(_CONDEMN_RE, _CONDEMN_TRIGGERS, words):
            return CONDEMNS
        if _found(_WARN_RE, _WARN_TRIGGERS, words):
            return WARNS
        return None

    def _restance(self, draft: _Draft) -> None:
        if draft.stance == ASSERTS:
            draft.stance = self._stance(None, draft, draft.sentence)
        else:
            self._term(draft)

    def _term(self, draft: _Draft) -> None:
        gaz = self.gaz
        draft.term = None
        if gaz.term_re is None:
            return
        # a judgement in an aside on a noun ("paid about $2,000 a month, most of which was likely
        # to go to the state") qualifies that detail, not the claim said
        clause = _without_asides(draft.clause)
        words = _without_asides(" ".join(draft.quote_parts)) if draft.quote_parts else clause
        lowered = (words + " " + clause).lower()
        if not any(t in lowered for t in gaz.term_triggers) and "probabl" not in lowered:
            return
        m = gaz.term_re.search(words) or (gaz.term_re.search(clause) if draft.quote_parts else None)
        if m is not None and m.string is not words:
            words = clause
        phrase = m.group() if m else None
        entries = term_entries(gaz, phrase) if phrase else []
        if not entries:
            p = _PROBABLY_RE.search(words)
            if p:
                phrase = p.group()
                entries = gaz.terms_by_phrase.get("probable", []) or gaz.terms_by_phrase.get("likely", [])
        if not entries:
            return
        scale = self.scales.get(self._source_country(draft.source))
        chosen = next((e for e in entries if e.scale == scale), entries[0])
        draft.term = (phrase, chosen)

    def _source_country(self, source: _Source) -> str:
        """The country whose scale a source's estimative terms are read on: its state's, or
        that of a research group or outlet (the Institute for the Study of War: US)."""
        state = self._source_state(source)
        if state is not None:
            return state.country
        return next((b.country for b in source.bodies if b.country), "")

    def _source_state(self, source: _Source) -> Target | None:
        for body in source.bodies:
            state = self.gaz.root_state(body)
            if state is not None:
                return state
        if source.speaker is not None and source.speaker.target is not None:
            return self.gaz.root_state(source.speaker.target)
        return None

    # ------------------------------------------------------------- output
    def _candidate(self, d: _Draft) -> StatementCandidate:
        term = d.term
        source = d.source
        speaker = source.speaker
        bodies = source.bodies
        quote = " … ".join(p for p in d.quote_parts if p) if d.quote_parts else d.clause
        return StatementCandidate(
            speaker=speaker.name if speaker else None,
            speaker_key=speaker.key if speaker else None,
            speaker_role=source.role if speaker else None,
            on_behalf_of=", ".join(b.name for b in bodies) or None,
            on_behalf_of_key=bodies[0].key if len(bodies) == 1 else None,
            stance=d.stance,
            probability_term=term[0] if term else None,
            term_key=term[1].key if term else None,
            band=(term[1].low_percent, term[1].high_percent) if term else None,
            date=d.date.value if d.date else None,
            date_precision=d.date.precision if d.date else "day",
            quote=quote,
            direct=d.direct,
            start=d.start,
            end=d.end,
            cue=_finite(d.cue),
            on_behalf_of_names=tuple(b.name for b in bodies),
            on_behalf_of_keys=tuple(b.key for b in bodies),
        )


# Documents that speak for whoever published them ("the report said").
_DOCUMENT_NOUNS = lexicon.DOCUMENT_NOUNS
_ABBREVIATED_TITLES = frozenset({"brig", "gen", "lt", "col", "maj", "capt", "adm", "cmdr", "sgt", "rear", "vice"})
# Titles that refer back to the person who spoke ("according to the minister").
_PERSON_TITLES = lexicon.TITLE_HEADS - lexicon.RELATION_HEADS - lexicon.OFFICIAL_NOUNS
# Titles of a government's officials (their state may be the dateline's).
_GOVERNMENT_TITLE_RE = re.compile(r"\b(?:minister|governor|president|premier|secretary|chancellor|ambassador)\b",
                                  re.I)
# A dateline before the first words of a paragraph ("Seoul, October 16, 2024 -- ").
_DATELINE_DASH_RE = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:--|\u2014|\u2013|-)\s*")
# A body's name that ends with its state ("Ministry of Foreign Affairs of Japan").
_OF_STATE_RE = re.compile(r"(.+) of (?:the )?(.+)$")
# A sentence ending in its attribution, ", <who> said [day]." (the parse may take the verb for
# a participle): read by the token rules when the parse finds no act of speech in it
_MISPARSED_CUE_RE = re.compile(r",[^,\"“”]{3,90}\b(?:said|says|told reporters)\b(?: on \w+day| \w+day)?\.\s*$")
# A title after a possessive, right before the name: "'s foreign policy chief "
_POSSESSIVE_TITLE_RE = re.compile(r"['’]s?\s+(?:[a-z][\w-]*\s+){1,4}")
# What joins the states of a list ("Canada, France", "Japan and the United States").
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")
# Mentions of a joint document or of a document alone ("the joint statement", "The statement").
_DOCUMENT_MENTION_RE = re.compile(r"\b(joint\s+)?(?:statement|declaration|communique)\b", re.I)
# Pronouns and the sources they can stand for.
_COMPATIBLE = {
    "he": lambda source: source.speaker is not None, "she": lambda source: source.speaker is not None,
    "it": lambda source: source.speaker is None, "they": lambda source: True, "we": lambda source: True,
}
# Subjects that stand for the sources named just before them in the sentence.
_TOGETHER = frozenset({"both", "they", "all", "each"})
# Bodies that speak for their state rather than for themselves.
_STATE_VOICES = frozenset({"embassy", "un_mission"})

# A short object and "on <day>" after a verb of condemning or denying: when it was said.
# A date inside a phrase that places the statement relative to an event ("after Shoigu's
# trip last month", "ahead of the summit on Wednesday"): the event's date, not the statement's.
_EVENT_DATED_RE = re.compile(
    rf"\b(?:{'|'.join(lexicon.EVENT_RELATIVE_PREPOSITIONS)})\s+(?!(?:on|in|at|last|this|next)\b)[^\s,;:.]+"
    rf"(?:\s+[^\s,;:.]+){{0,7}}\s+(?:on\s+|in\s+|of\s+)?$", re.IGNORECASE)
_PERIOD_BOUND_RE = re.compile(r"\b(?:since|until|till|from|between)\s+$|^(?:since|until|till|from|between)\b",
                              re.IGNORECASE)
_OBJECT_THEN_DAY = re.compile(r"\s+(?:the|these|those|such|its|their|his|her)?\s*(?:[\w-]+\s+){0,3}(?:on\s+)?")
_DATED_CUES = re.compile(r"(?:condemn|denounc|den(?:y|ied|ies)|dismiss|reject|criticiz|criticis|warn|accus)")
_OCCASION_THEN_DAY = re.compile(
    r"\b(?:at|during|in)\s+(?:a|an|the|his|her|its)\s+(?:regular\s+|daily\s+|weekly\s+)?"
    r"(?:news\s+|press\s+)?(?:briefing|conference|statement|interview|post|meeting|speech)"
    r"(?:\s+(?:in|at)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s+(?:on\s+)?$")


# A report's own voice, outside quotations: first-person judgements, the report itself, or
# the group by its acronym ("ISW assesses that").
_OWN_VOICE_RE = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:We (?:assess|judge|estimate|believe|conclude)|In our (?:assessment|judgment|judgement|view)|"
    # after an opening phrase: "Based on the number of ship visits, we assess that"
    r"[A-Z][^.!?\n\"\u201c]{0,120}, we (?:assess|judge|estimate|conclude) that|"
    r"(?:[A-Z][^.!?\n\"\u201c]{0,60}, )?[Tt]his (?:report|analysis|assessment|study|paper|brief|note|article|commentary) "
    r"(?:assesses|finds|judges|concludes|estimates|argues)|"
    r"[A-Z]{2,6} (?:assesses|judges|continues to assess) that)\b")
# Judgements of a report without a verb of saying ("In our assessment, ...", "... likely lack").
_OWN_ASSESSMENT_RE = re.compile(r"\s*In our (?:assessment|judgment|judgement|view)\b")
# The report's own refusal to vouch for a claim ("We have not been able to independently verify").
_OWN_REFUSAL_RE = re.compile(
    r"\s*We (?:have not|haven't|had not|could not|cannot|can't|were not|are not) (?:yet )?(?:been )?(?:able to )?"
    r"(?:independently )?(?:verify|confirm|corroborate)\b")
_ESTIMATIVE_WORD_RE = re.compile(r"\b(?:likely|unlikely|probably|probable|almost certainly|very likely)\b")
_FIRST_PERSON_RE = re.compile(r"\b(?:we|us|our)\b")
# What may open a release's sentence before its subject: a numbered point, "Today,", "The",
# "Government of".
_RELEASE_LEAD_RE = re.compile(r"\s*(?:\d+\.\s+)?(?:Today,?\s+)?(?:[Tt]he\s+)?(?:Government\s+of\s+(?:the\s+)?)?")
# A transcript's speaker label opening a paragraph: "MR MILLER:", "MS JEAN-PIERRE:", "Minister
# IWAYA:", "FOREIGN MINISTER KAMIKAWA:", "QUESTION:", "Reporter (NHK):" (the name in capitals,
# its last word the surname, or a title then a name).
_SPEAKER_LABEL_RE = re.compile(
    r"\s*(?:(?:MR|MS|MRS|DR|Mr|Ms|Mrs|Dr)\.?\s+|(?:" + "|".join(lexicon.LABEL_TITLES) + r")\s+)?"
    r"(?P<name>[A-Z][A-Z'\-]+(?:\s+[A-Z][A-Z'\-]+){0,3}|[A-Z][a-z]+)(?:\s*\([^)]{1,40}\))?\s*:\s+")
_WE_THE_RE = re.compile(r"\s*We,\s+the\s+")
_WE_RE = re.compile(r"\s*We\s+(?:also\s+|further\s+|again\s+|strongly\s+|firmly\s+)?[a-z]")
_MEETING_TODAY_RE = re.compile(r"\b(?:met|meets|convened|gathered)\b")
# Subjects that stand for a release's issuer ("We", "The designations", "Today's package").
# A consequence set out on a condition ("If Seoul went ahead, Russia would make decisions", "If
# North Korean soldiers are sent ..., it would be a further escalation"): a state's warning. Not
# a fact supposed ("If there are photos, then they reflect something", "if such a deployment
# existed, it would be lawful"): an acknowledgement, not a threat.
_CONSEQUENCE_RE = re.compile(r"\W*(?:and |but )?if\b(?! there\b| such\b| so\b)[^.;]{3,160}?,\s*(?:[\w'-]+\s+){0,6}?"
                             r"(?:would|will|'ll|could)\b")
_INSTITUTION_RE = re.compile(r"(" + "|".join(w.title() for w in lexicon.RELEASE_INSTITUTIONS) + r")\b")
_RELEASE_SUBJECT_RE = re.compile(r"(?:" + "|".join(lexicon.RELEASE_SUBJECTS) + r")\b", re.IGNORECASE)


def _joint_document(text: str, end: int) -> bool:
    """The document named just before ``end`` is a joint one ("the joint statement"), or
    refers back to one ("The statement added", after "the joint statement")."""
    mentions = list(_DOCUMENT_MENTION_RE.finditer(text, 0, end))
    return any(m.group(1) for m in mentions[-2:])


def _reporting_body(source: _Source) -> bool:
    """The source is an outlet or a research group (not a state, its body or a person)."""
    return source.speaker is None and bool(source.bodies) and all(
        b.actor_kind in ("media_outlet", "organisation") and not b.body for b in source.bodies)


_HEDGE_RE = re.compile(r"\b(?:" + "|".join(lexicon.HEDGE_CUES) + r")\b")
_JUDGEMENT_RE = re.compile(r"\b(?:" + "|".join(lexicon.JUDGEMENT_WORDS) + r")\b")


_RELATIVE_RE = re.compile(r"\b(?:that|which|who|whom)\b[^,;.]*")
# (a bare ", which" may stand for the whole clause before it: "..., which likely indicates that
# Pyongyang is supplying arms" judges the finding itself, so it stays)
_ASIDE_RE = re.compile(r",\s+(?:(?:most|some|all|many|much|part|half|none|one|each)\s+of\s+(?:which|whom)|who|whom|whose)\b"
                       r"[^,;]*")


def _without_asides(words: str) -> str:
    """The words without the asides on a noun set off by a comma (", most of which ...",
    ", who ..."), to the next comma or the end of the sentence."""
    return _ASIDE_RE.sub(" ", words) if "," in words else words


def _without_relative_clauses(words: str) -> str:
    """The words said without the relative clauses inside them ("oil that it could not
    obtain"): a modal there qualifies a noun, not the speaker's claim. A "that" opening the
    words is the complementizer and stays."""
    return _RELATIVE_RE.sub(lambda m: m.group() if m.start() == 0 else " ", words)


def _analyst(source: _Source) -> bool:
    """The source judges rather than reports: analysts or experts the text leaves unnamed, or
    a person titled as an analyst, scholar or researcher who speaks for no government."""
    if source.speaker is None:
        return len(source.bodies) == 1 and not source.bodies[0].listed and \
            source.bodies[0].name.split()[-1].lower() in lexicon.ANALYST_GROUPS
    role = (source.role or source.speaker.role or "").lower().split()
    if not role or role[-1] not in lexicon.ANALYST_TITLES:
        return False
    return all(b.actor_kind not in ("state", "government_body") and not b.body for b in source.bodies)


# Where an unnamed group is ("experts in Seoul", "analysts based in Tokyo"), up to the place.
_LOCATED_RE = re.compile(r"\s+(?:based\s+)?(?:in|from)\s+(?:the\s+)?$", re.IGNORECASE)


def _unnamed_group(phrase: str, head: str) -> _Source | None:
    """"Analysts say", "experts here said", "Western governments say": a group the text
    does not name speaks as such, worded as the text words it (without "some", "here"), so
    that an analysts' judgement is not lost nor given to the state last named. None when
    the phrase names more than the group ("analysts at the institute") or a group that needs
    a qualifier has none."""
    words = [w for w in phrase.split() if w.lower() not in lexicon.UNNAMED_GROUP_FILLERS]
    if not words or words[-1].lower() != head or len(words) > 3:
        return None
    if head in lexicon.UNNAMED_GROUP_QUALIFIED and len(words) < 2:
        return None
    if head in lexicon.UNNAMED_BLOC_GROUP_NOUNS and head not in lexicon.UNNAMED_GROUP_NOUNS and (
            len(words) < 2 or words[0].lower() not in lexicon.BLOC_ADJECTIVES):
        return None  # "senior officials": no group named
    if words[0].islower() is False and len(words) == 1:
        words[0] = words[0].lower()  # "Experts said" at the start of a sentence
    name = " ".join(words)
    return _Source(None, [Target(ORGANIZATION, name, listed=False)])


def _within(offset: int, frame: Frame) -> bool:
    """``offset`` falls in the words said of ``frame``."""
    return frame.content is not None and frame.content[0] <= offset < frame.content[1]


def _follows_up(body: _Draft, source: _Source, paragraphs: int) -> bool:
    """A named official's words right after a dated statement of the body they speak for
    ("The White House on Wednesday said it was concerned ... "...," spokesman John Kirby
    said"): the same occasion. The official's body is the body that spoke (in the next
    paragraph at most), or one of the same state in the same paragraph ("in December, the
    White House accused ... "...," NSC spokesperson John Kirby said")."""
    if body.source.speaker is not None or source.speaker is None or not body.source.bodies or not source.bodies:
        return False
    mine, theirs = source.bodies[0], body.source.bodies[0]
    if mine.name == theirs.name:
        return paragraphs <= 1
    state = lambda t: t.state_key or t.key  # noqa: E731
    return paragraphs == 0 and len(body.source.bodies) == 1 and state(mine) is not None \
        and state(mine) == state(theirs) and mine.category == theirs.category == ORGANIZATION


def _same_source(a: _Source, b: _Source) -> bool:
    if (a.speaker is None) != (b.speaker is None):
        return False
    if a.speaker is not None and b.speaker is not None:
        return a.speaker.name == b.speaker.name
    return [t.name for t in a.bodies] == [t.name for t in b.bodies]


def _inside_source(lo: int, hi: int, source: _Source) -> bool:
    s = source.speaker
    return s is not None and s.start <= lo and hi <= s.end


_BODY_TITLES = (
    (re.compile(r"\bforeign\b", re.I), "foreign_ministry"),
    (re.compile(r"\bdefen[cs]e\b", re.I), "defense_ministry"),
    (re.compile(r"\bunification\b", re.I), "unification_ministry"),
    (re.compile(r"\bintelligence\b|\bspy\b", re.I), "intelligence"),
)


def _body_from_title(title: str) -> str | None:
    """The body a title speaks for ("Foreign Ministry spokeswoman", "Deputy Foreign
    Minister"); a minister or secretary of the cabinet speaks for the state itself."""
    if not re.search(r"\b(?:minister|ministry|spokes\w+|chief|secretary)\b", title, re.I):
        return None
    if _CABINET_TITLE_RE.search(title) and not _DEPUTY_RE.search(title):
        return None
    for pattern, body in _BODY_TITLES:
        if pattern.search(title):
            return body
    return None


_APPOSITION_BACK_RE = re.compile(r",\s+the\s+([a-z]+(?: [a-z]+)?)['\u2019]s?\s+[a-z]")
_RELATIVE_OF_RE = re.compile(r"['\u2019]s?\s+(?:(?:younger|older|elder|powerful|influential)\s+)?(?:"
                             + "|".join(sorted(lexicon.RELATION_HEADS)) + r")\s+")
_CABINET_TITLE_RE = re.compile(r"\b(?:minister|secretary)$", re.I)
_DEPUTY_RE = re.compile(r"\b(?:deputy|vice|under|assistant|spokes\w+|press|permanent)\b", re.I)


def _comma_outside(doc: Doc, start: int, end: int) -> int | None:
    pos = start
    while True:
        comma = doc.plain.find(",", pos, end)
        if comma == -1:
            return None
        if doc.quote_at(comma) is None:
            return comma
        pos = comma + 1


def _last_comma_outside(doc: Doc, start: int, end: int) -> int | None:
    pos = end
    while True:
        comma = doc.plain.rfind(",", start, pos)
        if comma == -1:
            return None
        if doc.quote_at(comma) is None:
            return comma
        pos = comma


def _next_break(text: str, start: int, end: int, *, stop_words: bool = False, clause: bool = False) -> int:
    """End of the phrase starting at ``start``: a comma, a stop, or (``stop_words``) a verb
    or relative pronoun that ends a noun phrase."""
    if clause:
        m = re.search(r",\s+(?:but|while|whereas|although|though)\s+|;\s", text[start:end])
        return start + m.start() if m else end
    m = re.search(r"[,;:.!?\"\u201d\u201c(]|\s[-–—]\s", text[start:end])
    stop = start + m.start() if m else end
    if stop_words:
        w = re.search(r"\s(?:who|which|that|said|says|told|added|in a|on \w+day|at a|with a)\b", text[start:stop])
        if w:
            stop = start + w.start()
    return stop


def _clause_after(text: str, cue_end: int, end: int, cue: str) -> int:
    pos = cue_end
    rest = text[pos:end]
    if cue in ("told", "tells", "briefed", "informed"):
        m = _LISTENER_RE.match(rest)
        if m:
            pos += m.end()
            rest = text[pos:end]
    that = _THAT_RE.match(rest) if "that" in rest[:90] else None
    if that:
        return pos + that.end()
    m = _LEAD_RE.match(rest)
    if m:
        pos += m.end()
    return pos


_SPEECH_FORMS = frozenset(lexicon.REPORTING_VERBS) | frozenset(lexicon.SPEECH_PARTICIPLES)


def _finite(cue: str) -> str:
    """A cue written as a participle in its past form, as a gist reads it ("blaming" ->
    "blamed", "confirming" -> "confirmed", "saying" -> "said"); other cues as written."""
    first, sep, rest = cue.partition(" ")
    word = first.lower()
    if not word.endswith("ing") or word not in lexicon.SPEECH_PARTICIPLES:
        return cue
    stem = word[:-3]
    bases = [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    for base in bases:
        for past in (lexicon.IRREGULAR_PAST.get(base), base + "ed", base + "d",
                     base[:-1] + "ied" if base.endswith("y") else None):
            if past and (past in _SPEECH_FORMS or past in lexicon.IRREGULAR_PAST.values()):
                return past + sep + rest
    return cue


def _tidy_quote(words: str) -> str:
    words = words.strip().lstrip(",;:-\u2014\u2013 ").strip("\"\u201c\u201d'\u2018\u2019").strip()
    words = words.rstrip(" \t\n,")
    # a phrase quoted at the end of reported words keeps its closing mark ("guilty of “abuse of power”")
    if words.count("\u201c") > words.count("\u201d"):
        words += "\u201d"
    elif words.count('"') % 2:
        words += '"'
    return words

