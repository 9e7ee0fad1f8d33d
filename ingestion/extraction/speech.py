"""Speech and attribution read from the dependency parse of a sentence.

The statistical model parses the sentences that carry attribution cues
(``ner.SentenceParses``); here spaCy's ``DependencyMatcher`` runs the speech patterns of the
lexicon (``lexicon.SPEECH_PATTERNS``) over each parsed sentence and returns one ``Frame``
per act of speech: the cue ("said", "declined to comment", "according to"), the phrase
that names who speaks (the subject of the cue, the object of "according to", the agent of
a passive, the author of a report or of imagery analysis) and the words said (the clause
the cue governs). Which record the source phrase names, pronouns and references back
included, is decided by ``statements``; this module only reads the grammar.

The stance carried by the words said comes from the parse too: the token patterns of
``lexicon.STANCE_PATTERNS`` ("groundless", "pay a price"), a refusal or denial made by the
speaker inside its own words ("said it would not comment", "said it had never supplied
arms"), and an estimative term (matched by ``statements`` against the reference scales).

Pure: a parsed sentence in, frames out; spaCy is imported only to build the matchers for
the model's vocabulary, once."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from . import lexicon

DECLINES = "declines_to_comment"
DENIES = "denies"
# Relations through which a cue without a subject of its own shares its head's subject
# ("confirmed the shipments and said", "denied the claims, saying", "continued to deny").
_SHARED_SUBJECT = frozenset({"conj", "advcl", "xcomp", "pcomp", "acl"})
_SUBJECTS = ("nsubj", "nsubjpass")
# Parts of a subject phrase that say more about it than who it is.
_NOT_SOURCE = frozenset({"relcl", "advcl", "acl", "punct", "prep"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})


@dataclass(slots=True)
class Frame:
    """One act of speech found in a parsed sentence. Offsets are in the article."""

    pattern: str  # the lexicon pattern that found it
    cue: str  # the cue as written: "said", "declined to comment", "according to"
    cue_start: int
    cue_end: int
    stance: str | None  # the stance the cue carries by itself (None: the words decide)
    source: tuple[int, int] | None  # the phrase that names who speaks
    source_word: str  # its head word, lower case ("he", "ministry", "kirby")
    source_index: int  # its head token in the parsed sentence (-1: none)
    source_definite: bool | None  # "the report" True, "a think tank" False, "Kirby" None
    inverted: bool  # the source comes after the cue ("..., said Kirby")
    content: tuple[int, int] | None  # the words said, when the cue governs a clause
    author: bool = False  # the source is the author of a document or imagery
    organization_only: bool = False
    cue_index: int = -1  # the cue's token in the parsed sentence
    content_tokens: tuple[int, int] | None = None  # the words said, as token indexes
    word_stance: str | None = None  # the stance the words said carry (set by ``stance_of``)
    # names that a negated verb of supplying has as its subject in the words said
    # ("said Russia had never bought ..."): a denial when they are the speaker's side
    negated_supply: list[tuple[int, int]] = field(default_factory=list)
    # names that judge in the words said ("said the United States assessed that")
    judged_by: list[tuple[int, int]] = field(default_factory=list)
    # acts of speech reported inside the words said ("Peskov said the Kremlin had no
    # information"): their stance is the speaker's when their source is the speaker's side
    inner: list[Frame] = field(default_factory=list)
    cue_tokens: frozenset[int] = frozenset()
    # each of several sources named together ("South Korea, the United States, Japan ...,
    # along with the European Union"), or () for one
    source_parts: tuple[tuple[int, int], ...] = ()
    medium: tuple[int, int] | None = None  # the outlet that quotes the source ("KCNA quoted ...")
    # the cue of the act of speech whose words this one is part of ("Peskov said Moscow
    # would not comment": the refusal is reported by "said"), or -1
    reported_by: int = -1
    negated: bool = False  # "has not said": no act of speech, but its subject is named
    coordinated: bool = False  # a verb coordinated with another ("said ... and warned ...")
    clausal: bool = False  # the cue governs a clause ("assessed that ...", not "was assessing the impact")
    naming: bool = False  # "which North Korea calls Victory Day": a name given, unless it carries a stance
    relative: bool = False  # said in a relative clause of its source ("officials, who say ...")


class _Matchers:
    """spaCy's matchers for the lexicon's patterns, with the words their tokens must find
    in a sentence: a dependency matcher costs about 0.1 ms per sentence whatever it finds
    (measured), so only those that can match run, and patterns needing the same words
    share one matcher."""

    def __init__(self, vocab):
        from spacy.matcher import DependencyMatcher, Matcher

        strings = vocab.strings
        # words are compared by their hashes in the vocabulary (read from the parsed
        # sentence as one array, without making a Python object per token)
        hashes = lambda words: frozenset(strings.add(w) for w in words)  # noqa: E731
        groups: dict[tuple[frozenset[int], ...], object] = {}
        self.names: dict[int, str] = {}
        for name, pattern in lexicon.SPEECH_PATTERNS.items():
            anchors = tuple(hashes(_anchor_words(node["RIGHT_ATTRS"])) for node in pattern
                            if _names_words(node["RIGHT_ATTRS"]))
            matcher = groups.get(anchors)
            if matcher is None:
                matcher = groups[anchors] = DependencyMatcher(vocab)
            matcher.add(name, [pattern])
            self.names[vocab.strings[name]] = name
        self.speech = list(groups.items())
        self.roles = {name: [p["RIGHT_ID"] for p in pattern] for name, pattern in lexicon.SPEECH_PATTERNS.items()}
        self.stance = Matcher(vocab)
        for stance, patterns in lexicon.STANCE_PATTERNS.items():
            self.stance.add(stance, patterns)
        # the words each stance pattern needs (its tokens that are not optional)
        self.stance_needs = [[hashes(_anchor_words(token)) for token in pattern if "OP" not in token and _names_words(token)]
                             for patterns in lexicon.STANCE_PATTERNS.values() for pattern in patterns]
        self.verb_tags = hashes(lexicon.VERB_TAGS)

    def speech_matches(self, parsed, words: set[str]) -> list[tuple[str, list[int]]]:
        out = []
        for anchors, matcher in self.speech:
            if any(a.isdisjoint(words) for a in anchors):
                continue  # a word the patterns need is not in the sentence
            out.extend((self.names[match_id], token_ids) for match_id, token_ids in matcher(parsed))
        return out


def _names_words(attrs: dict) -> bool:
    """The token must be one of some words (not merely not one of them)."""
    lower = attrs.get("LOWER")
    return isinstance(lower, str) or (isinstance(lower, dict) and "IN" in lower)


def _anchor_words(attrs: dict) -> frozenset[str]:
    """The lower-case words a pattern token may be ("LOWER": word or {"IN": words})."""
    lower = attrs["LOWER"]
    return frozenset(lower["IN"]) if isinstance(lower, dict) else frozenset([lower])


_lock = threading.Lock()
_matchers: dict[int, _Matchers] = {}


def _matchers_for(vocab) -> _Matchers:
    key = id(vocab)
    found = _matchers.get(key)
    if found is None:
        with _lock:
            found = _matchers.get(key)
            if found is None:
                found = _matchers[key] = _Matchers(vocab)
    return found


def frames_in(parsed, base: int) -> list[Frame]:
    """The acts of speech of one parsed sentence (``base``: its offset in the article),
    in the order of their cues, one per cue word."""
    matchers = _matchers_for(parsed.vocab)
    by_cue: dict[int, Frame] = {}
    from spacy.attrs import LOWER, TAG

    words = set(parsed.to_array(LOWER).tolist())
    for name, token_ids in matchers.speech_matches(parsed, words):
        roles = dict(zip(matchers.roles[name], token_ids, strict=True))
        cue = parsed[roles["cue"]]
        if cue.i in by_cue and by_cue[cue.i].source is not None and by_cue[cue.i].stance is not None:
            continue
        frame = _frame(parsed, base, name, roles)
        if frame is None:
            continue
        kept = by_cue.get(cue.i)
        if kept is None or _better(frame, kept):
            by_cue[cue.i] = frame
    # "quoted as saying": one act of speech, not two
    parts = set().union(*(f.cue_tokens - {f.cue_index} for f in by_cue.values())) if by_cue else set()
    frames = sorted((f for f in by_cue.values() if f.cue_index not in parts), key=lambda f: f.cue_start)
    cues = {f.cue_index: f for f in frames}
    for frame in frames:
        frame.reported_by = _reporter(parsed[frame.cue_index], cues)
        if frame.reported_by >= 0 and _coordinated_with_reporter(parsed[frame.cue_index]):
            _share_source(parsed, base, frame, cues[frame.reported_by])
    for frame in frames:
        cue = parsed[frame.cue_index]
        if frame.pattern in lexicon.PATTERN_STANCE and cue.dep_ == "relcl":
            _cut_before(parsed, base, frames, frame, cue.left_edge.i)
        elif _own_coordinate_clause(cue):
            _cut_before(parsed, base, frames, frame, next(t for t in cue.children if t.dep_ in _SUBJECTS).left_edge.i)
    frames = _neither_nor(parsed, base, frames)
    _unconfirmed(parsed, frames)
    stances = _stance_matches(parsed, matchers, words) if frames else []
    verbs = [i for i, tag in enumerate(parsed.to_array(TAG).tolist()) if tag in matchers.verb_tags]
    quotes = _quotations(parsed)
    for frame in frames:
        stance_of(parsed, base, frame, stances, frames, verbs, quotes)
    # "Putin called Kim", "which North Korea calls Victory Day": no label, no act of speech
    return [f for f in frames if (f.pattern not in lexicon.EVALUATIVE_PATTERNS and not f.naming) or f.word_stance]


def _neither_nor(parsed, base: int, frames: list[Frame]) -> list[Frame]:
    """"could neither confirm nor deny", "have neither confirmed nor denied": one refusal, not a
    confirmation and a denial (a state reported as giving no confirmation is filed as declining
    to comment, as "has never publicly confirmed" is)."""
    dropped: set[int] = set()
    for frame in frames:
        cue = parsed[frame.cue_index]
        if not any(t.dep_ == "preconj" and t.lower_ == "neither" for t in cue.children):
            continue
        # the verb right after "nor" ("neither confirmed nor denied"), not a clause joined later
        # (", and Moscow has said ...")
        nors = [t.i for t in cue.children if t.lower_ == "nor"]
        pair = [f for f in frames if f is not frame and parsed[f.cue_index].dep_ == "conj"
                and parsed[f.cue_index].head.i == cue.i and any(0 < f.cue_index - k <= 2 for k in nors)]
        if not pair:
            continue
        dropped.update(id(f) for f in pair)
        frame.stance = DECLINES
        frame.pattern = "unanswered"
        # to the end of what was not confirmed, not a clause joined after it (", but have said ...")
        hi = max(max((t.right_edge.i for t in parsed[f.cue_index].children if t.dep_ not in ("conj", "cc", "punct")),
                     default=f.cue_index) for f in pair) + 1
        lo = min((t.i for t in cue.children if t.dep_ in ("aux", "preconj")), default=cue.i)
        frame.content_tokens = (lo, hi)
        frame.content = (base + parsed[lo].idx, base + _end(parsed[hi - 1]))
    return [f for f in frames if id(f) not in dropped]


def _unconfirmed(parsed, frames: list[Frame]) -> None:
    """"Pyongyang has never publicly confirmed that its troops are in Russia", "The ministry has
    not commented", "Moscow has not acknowledged the deployment", "Neither Moscow nor
    Pyongyang has acknowledged it": a perfect of confirming, commenting or acknowledging,
    negated, is no confirmation given (a refusal), not an act of speech denied."""
    for frame in frames:
        cue = parsed[frame.cue_index]
        if frame.stance is None and cue.lower_ in lexicon.UNCONFIRMED_VERBS and frame.source_index is not None \
                and frame.source_index >= 0 and any(t.lower_ == "neither" for t in parsed[frame.source_index].subtree):
            frame.stance = DECLINES  # "Neither Moscow nor Pyongyang has acknowledged the deployment"
            continue
        if not frame.negated or frame.stance is not None:
            continue
        if cue.lower_ in lexicon.UNCONFIRMED_VERBS and any(
                t.dep_ == "aux" and t.lower_ in ("has", "have", "had") for t in cue.children):
            frame.negated = False
            frame.stance = DECLINES


def _quotations(parsed) -> list[tuple[int, int]]:
    """Token ranges between quotation marks (the last one open to the end)."""
    marks = [t.i for t in parsed if t.is_quote]
    return [(marks[k] + 1, marks[k + 1] if k + 1 < len(marks) else len(parsed)) for k in range(0, len(marks), 2)]


# Relations that start a clause of its own: an act of speech below them is not part of
# the words said above them ("hinted that ..., as Washington warned that ...").
_OWN_CLAUSE = frozenset({"advcl", "conj", "parataxis", "relcl", "acl", "appos", "cc"})


def _reporter(cue, cues: dict[int, Frame]) -> int:
    """The cue of the act of speech that reports this one, or -1."""
    if _own_coordinate_clause(cue):
        return -1
    t = cue
    for _ in range(12):
        if t.head.i == t.i:
            return -1
        # a clause coordinated inside the words said is still part of them; one coordinated
        # with the reporting verb itself is an act of its own ("said ... and denied ...")
        if t.dep_ in _OWN_CLAUSE and (t.dep_ != "conj" or t.head.i in cues):
            return -1
        if t.dep_ == "pcomp" and t.head.lower_ == "with" and any(c.dep_ in _SUBJECTS for c in t.children):
            return -1  # "..., with Kim Yo Jong calling such claims absurd": a speaker of its own
        t = t.head
        if t.i in cues:
            return t.i
    return -1


def _cut_before(parsed, base: int, frames: list[Frame], own: Frame, cut: int) -> None:
    """The words said by others end before a clause that is an act of speech of its own, from
    token ``cut``: a refusal in a relative clause ("declined to comment, referring questions to
    the ministry, which did not respond ..."), a clause after ", and" ("..., and a U.S. official
    said ...")."""
    cut = _before_joints(parsed, cut)
    for f in frames:
        if f is not own:
            _end_words_at(parsed, base, f, cut)


def _before_joints(parsed, cut: int) -> int:
    """Back over the commas and conjunctions (not quotation marks) before token ``cut``."""
    while cut > 0 and (parsed[cut - 1].dep_ in ("punct", "cc") and not parsed[cut - 1].is_quote):
        cut -= 1
    return cut


def _end_words_at(parsed, base: int, frame: Frame, cut: int) -> None:
    """The frame's words said end before token ``cut`` when it falls inside them."""
    if frame.content_tokens is not None and frame.content_tokens[0] < cut < frame.content_tokens[1]:
        frame.content_tokens = (frame.content_tokens[0], cut)
        frame.content = (frame.content[0], base + _end(parsed[cut - 1]))


def _coordinated_with_reporter(cue) -> bool:
    """"said that Russia was using the soldiers and accused Moscow of ...", "has said that ...
    shipped ..., and has accused Moscow": the parse hangs the second reporting verb on the last
    verb of the words said, but a finite reporting verb coordinated with a verb in another
    tense or voice, with no subject of its own, is the speaker's second act of speech."""
    head = cue.head
    finite = cue.tag_ in lexicon.FINITE_TAGS or any(t.dep_ == "aux" for t in cue.children)
    return (cue.dep_ == "conj" and finite and cue.lower_ in lexicon.REPORTING_VERBS
            and head.tag_ in lexicon.VERB_TAGS and _verb_form(cue) != _verb_form(head)
            and not any(t.dep_ in _SUBJECTS for t in cue.children))


def _verb_form(verb) -> tuple:
    """The tense and voice a verb is written in: its tag and its auxiliaries ("has accused",
    "was using", "shipped")."""
    return verb.tag_, tuple(sorted(t.lower_ for t in verb.children if t.dep_ in ("aux", "auxpass", "neg")))


def _share_source(parsed, base: int, frame: Frame, reporter: Frame) -> None:
    """The second act of speech has the reporter's source; the reporter's words end before it."""
    cue = parsed[frame.cue_index]
    cut = min([t.i for t in cue.head.children if t.dep_ in ("cc", "punct") and t.i < cue.i] + [cue.i])
    _end_words_at(parsed, base, reporter, _before_joints(parsed, cut))
    frame.reported_by = -1
    frame.coordinated = True
    frame.source, frame.source_word, frame.source_index = reporter.source, reporter.source_word, reporter.source_index
    frame.source_definite, frame.source_parts, frame.inverted = (reporter.source_definite, reporter.source_parts,
                                                                 reporter.inverted)


def _own_coordinate_clause(cue) -> bool:
    """"The White House said that ..., and a U.S. military official said ...": a cue with a
    subject of its own after ", and" / ", but" starts a clause of its own, wherever the parse
    hangs it."""
    subject = next((t for t in cue.children if t.dep_ in _SUBJECTS), None)
    if subject is None:
        return False
    at = subject.left_edge.i
    doc = cue.doc
    return at >= 2 and doc[at - 1].lower_ in lexicon.CLAUSE_CONJUNCTIONS and doc[at - 2].text in (",", ";")


def _better(new: Frame, old: Frame) -> bool:
    """Of two readings of one cue, the one with a stance of its own, then with a source, then
    the more specific construction ("could not independently verify" over "could not verify")."""
    if (new.stance is not None) != (old.stance is not None):
        return new.stance is not None
    if (old.source is None) != (new.source is None):
        return new.source is not None
    return len(new.cue_tokens) > len(old.cue_tokens)


def _frame(parsed, base: int, name: str, roles: dict[str, int]) -> Frame | None:
    cue = parsed[roles["cue"]]
    # "the defence ministry, which did not respond to a request for comment": a refusal in a
    # relative clause is its antecedent's
    relative_refusal = cue.dep_ == "relcl" and lexicon.PATTERN_STANCE.get(name) == DECLINES
    # "Ukrainian officials, who say Russia has launched dozens of missiles, ...", "Wood, who
    # called the transfers a flagrant violation, warned ...": words said in a relative
    # clause are its antecedent's own statement
    relative_speech = cue.dep_ == "relcl" and _relative_subject(cue) and _says_something(name, cue)
    if cue.dep_ == "relcl" and _relative_subject(cue) and not (relative_refusal or relative_speech):
        return None  # "Rep. Yoo, who briefed reporters": background, not a new statement
    if cue.dep_ in ("amod", "compound"):
        return None  # "the reported shipments"
    if "source" in roles:
        source = parsed[roles["source"]]
    elif name not in lexicon.PATTERN_STANCE and any(t.dep_ == "auxpass" for t in cue.children):
        source = None  # "the allegations were denied": what was denied, not who (the "agent" pattern)
    else:
        source = _subject(cue)
    if source is not None and source.lower_ in _RELATIVE:
        if not (relative_refusal or relative_speech):
            return None
        source = cue.head
    trailing = source is None and "source" not in roles and name not in lexicon.PATTERN_STANCE
    if trailing:
        source = _trailing_name(parsed, cue)
    elif source is not None and cue.dep_ == "conj" and "source" not in roles \
            and name not in lexicon.PATTERN_STANCE and not any(t.dep_ in _SUBJECTS for t in cue.children):
        # "North Korea is now supplying ..., Vadym Skibitskyi, deputy head of ..., said": the
        # subject the cue would share with the clause before it is what was said about
        named = _trailing_name(parsed, cue)
        if named is not None:
            source, trailing = named, True
    cue_tokens = [parsed[i] for role, i in roles.items() if role == "cue" or role.startswith("cue_")]
    neg = [t for t in cue.children if t.dep_ == "neg"]
    if name in lexicon.PATTERN_STANCE:
        stance = lexicon.PATTERN_STANCE[name]
        aux = [t for t in cue.children if t.dep_ in ("aux", "auxpass") and t.i < cue.i]
        cue_tokens += neg + aux
    else:
        word = cue.lower_
        stance = lexicon.REPORTING_VERBS.get(word, lexicon.SPEECH_PARTICIPLES.get(word, lexicon.SPEECH_NOUNS.get(word)))
        if neg and stance == DENIES:
            stance = None  # "did not deny"
        if stance is None and word in lexicon.EXPRESSING_VERBS and not neg:
            # "expressed alarm at the shipments": what is expressed carries the stance
            what = next((t for t in cue.children if t.dep_ == "dobj"), None)
            stance = lexicon.EXPRESSED_STANCE.get(what.lower_) if what is not None else None
            if stance is None and word in lexicon.STANCE_ONLY_EXPRESSING_VERBS:
                return None
    lo = min(t.i for t in cue_tokens)
    hi = max(t.i for t in cue_tokens)
    cue_span = parsed[lo:hi + 1]
    author = False
    if source is not None:
        author_token = _author(source) if source.lower_ in lexicon.EVIDENCE_NOUNS else None
        if author_token is not None:
            source, author = author_token, True
    src = _phrase(source, cue) if source is not None else None
    content = _content(parsed, name, cue, source, roles)
    if content is not None:
        content = _without_asides(parsed, content)
    if name in lexicon.PATTERN_STANCE:
        content = (lo, max(hi, cue.right_edge.i) + 1)  # "declined to comment on the report"
    elif trailing and source is not None and content is not None:
        content = (content[0], min(content[1], source.left_edge.i - 1))  # the words, without their speaker
    return Frame(
        pattern=name,
        cue=_cue_text(cue_span, cue_tokens),
        cue_start=base + cue.idx,
        cue_end=base + cue.idx + len(cue.text),
        stance=stance,
        source=(base + src[0], base + src[1]) if src else None,
        source_word=source.lower_ if source is not None else "",
        source_index=source.i if source is not None else -1,
        source_definite=_definite(source),
        source_parts=tuple((base + lo, base + hi) for lo, hi in _parts(source)) if source is not None else (),
        inverted=source is not None and source.i > cue.i,
        content=(base + parsed[content[0]].idx, base + _end(parsed[content[1] - 1])) if content else None,
        author=author,
        organization_only=name in lexicon.ORGANIZATION_ONLY_PATTERNS,
        cue_index=cue.i,
        content_tokens=content,
        cue_tokens=frozenset(t.i for t in cue_tokens),
        negated=name not in lexicon.PATTERN_STANCE and _negated_cue(neg, source),
        clausal=_clausal(cue),
        coordinated=cue.dep_ == "conj",
        relative=relative_speech,
        naming=name in lexicon.NAMING_PATTERNS and any(
            t.dep_ == "dobj" and t.lower_ in lexicon.NAMED_RELATIVES for t in cue.children),
        medium=_offsets(base, _phrase(parsed[roles["medium"]], cue)) if "medium" in roles else None,
    )


_TRAILING_NAME_DEPS = frozenset({"conj", "appos", "npadvmod"})


def _trailing_name(parsed, cue):
    """The speaker's name the parser tied into the words said when they end in one
    ("... to Russia's Kursk region, Sergei Shoigu, secretary of Russia's Security Council,
    said": "Shoigu" read as a conjunct of "region", "said" left without a subject): a proper
    name set off by commas that ends right before the comma before the cue. None otherwise."""
    end = cue.i - 2
    if end < 1 or parsed[cue.i - 1].text != "," or not cue.tag_.startswith("VB"):
        return None
    for t in parsed[:end + 1]:
        if t.tag_ in ("NNP", "NNPS") and t.dep_ in _TRAILING_NAME_DEPS and t.right_edge.i in (end, end + 1) \
                and t.left_edge.i > 0 and parsed[t.left_edge.i - 1].text == ",":
            return t
    return None


def _cue_text(span, tokens: list) -> str:
    """The cue as written ("did not respond", "declined to comment"), without the words
    between its parts that are not the cue ("quoted [a spokesperson] as saying")."""
    if len(span) - len(tokens) <= 1:
        return span.text
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def _offsets(base: int, span: tuple[int, int]) -> tuple[int, int]:
    return base + span[0], base + span[1]


def _clausal(verb) -> bool:
    return any(t.dep_ in ("ccomp", "xcomp") for t in verb.children)


def _negated_cue(neg: list, source) -> bool:
    """"has not acknowledged", "Neither Moscow nor Pyongyang has acknowledged"."""
    if neg:
        return True
    return source is not None and any(t.dep_ == "preconj" and t.lower_ == "neither" for t in source.subtree)


def _parts(head) -> list[tuple[int, int]]:
    """Character spans (in the sentence) of the sources named together with ``head``: its
    conjuncts and what comes "along with" or "together with" it; [] for one source."""
    parts = [head, *head.conjuncts]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("along", "together"):
            parts += [o for w in prep.children if w.lower_ == "with" for o in w.children if o.dep_ == "pobj"]
    if len(parts) < 2:
        return []
    out = []
    for part in sorted(parts, key=lambda t: t.i):
        left = part.i
        while left > 0 and part.doc[left - 1].head.i == part.i and part.doc[left - 1].dep_ in (
                "compound", "det", "amod", "poss", "case", "nmod"):
            left -= 1
        # a possessive's own words ("South Korea's" in "South Korea's foreign minister")
        left = min(left, part.left_edge.i) if part.doc[part.left_edge.i].dep_ in ("compound", "det", "poss") else left
        out.append((part.doc[left].idx, _end(part)))
    return out


def _definite(noun) -> bool | None:
    if noun is None:
        return None
    for t in noun.children:
        if t.dep_ in ("det", "poss") and t.i < noun.i:
            return t.lower_ not in ("a", "an", "another", "some")
    return None


def _says_something(name: str, cue) -> bool:
    """A cue in a relative clause that reports words of its own: a reporting verb with the
    clause said ("who say Russia has ...") or a verb that labels ("who called the transfers a
    violation"); not one of background ("who briefed reporters", "who spoke to Reuters")."""
    if name in lexicon.NAMING_PATTERNS:
        return True
    return cue.lower_ in lexicon.REPORTING_VERBS and any(t.dep_ == "ccomp" for t in cue.children)


def _relative_subject(verb) -> bool:
    return any(t.dep_ in _SUBJECTS and t.lower_ in _RELATIVE for t in verb.children)


def _subject(cue):
    """The subject of the cue, or of the verb it depends on when it has none of its own."""
    verb = cue
    for _ in range(4):
        for t in verb.children:
            if t.dep_ in _SUBJECTS:
                return t
        if verb.dep_ not in _SHARED_SUBJECT or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _author(evidence):
    """Who made a document or imagery: "imagery analysed by CSIS", "a report by RUSI",
    "RUSI's report", "a RUSI report"."""
    for t in evidence.children:
        if t.dep_ == "poss" or (t.dep_ == "compound" and t.tag_.startswith("NNP")):
            return t
        if t.dep_ == "prep" and t.lower_ in lexicon.AUTHOR_PREPOSITIONS:
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is not None and (t.lower_ != "of" or obj.tag_.startswith("NNP")):
                return obj
        if t.dep_ == "acl" and t.lower_ in lexicon.AUTHOR_PARTICIPLES:
            for by in t.children:
                if by.dep_ == "agent":
                    obj = next((c for c in by.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
    return None


def _phrase(head, cue) -> tuple[int, int]:
    """Character offsets (in the sentence) of the phrase headed by ``head``, without the
    relative clauses and the other parts that follow what names it (an apposition stays:
    "Kirby, the White House spokesman")."""
    left = head.left_edge.i
    right = head.i
    for t in head.rights:
        if t.dep_ in _NOT_SOURCE and not (t.dep_ == "prep" and _keeps(t)):
            if t.dep_ == "punct":
                continue
            break
        if cue.i > head.i and t.i > cue.i:
            break
        right = t.right_edge.i
    doc = head.doc
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left].idx, _end(doc[right])


def _keeps(prep) -> bool:
    """A prepositional phrase that is part of a name or title ("spokesperson for the
    ministry", "mission to the UN", "panel of experts", "ambassador in Seoul")."""
    return prep.lower_ in ("for", "of", "to", "at", "in", "from")


def _end(token) -> int:
    return token.idx + len(token.text)


def _content(parsed, name: str, cue, source, roles) -> tuple[int, int] | None:
    """Token range of the words said: the clause the cue governs, else what follows it."""
    if name == "according":
        head = cue.head
        if head.i == cue.i:
            return None
        skip = set(t.i for t in cue.subtree)
        kept = [t.i for t in head.subtree if t.i not in skip and not t.is_punct]
        return (min(kept), max(kept) + 1) if kept else None
    if name == "agent":
        # "the reports were denied by ...": what was denied is the passive's subject
        subject = next((t for t in cue.children if t.dep_ == "nsubjpass"), None)
        if subject is not None:
            return subject.left_edge.i, subject.right_edge.i + 1
    verb = parsed[roles["cue_saying"]] if "cue_saying" in roles else cue
    lo, hi = len(parsed), -1
    deps = set()
    for child in verb.children:
        if child.i == roles.get("cue_what") or child.i == roles.get("cue_saying"):
            continue
        if child.dep_ == "dobj" and verb.lower_ in lexicon.LISTENER_VERBS:
            continue  # "told lawmakers": who heard it, not what was said
        if child.dep_ in _CONTENT_DEPS or (child.dep_ == "prep" and (
                child.lower_ in _CONTENT_PREPOSITIONS or _holds_clause(child))):
            lo, hi = min(lo, child.left_edge.i), max(hi, child.right_edge.i)
            deps.add(child.dep_)
    if deps == {"dobj"}:
        hi = _object_complements(verb, hi)
    if hi < 0 and verb.dep_ == "advcl" and verb.head.dep_ == "ccomp":
        lo, hi = verb.head.left_edge.i, verb.i - 1  # '"...", he said, adding ...'
    while lo <= hi and (parsed[lo].is_punct or (parsed[lo].dep_ == "mark" and parsed[lo].lower_ == "that")):
        lo += 1  # the words said start after "that"
    while hi >= lo and parsed[hi].is_punct:
        hi -= 1
    return (lo, hi + 1) if lo <= hi else None


def _without_asides(parsed, content: tuple[int, int]) -> tuple[int, int]:
    """The words said without the writer's asides that end them, outside quotation marks:
    a framing phrase ("... arrived in western Russia amid persistent speculation over their
    arms transfers") and a description of a name set off by a comma ("through the Wagner
    group, headed by the late Yevgeny Prigozhin")."""
    lo, hi = content
    quotes = _quotations(parsed)
    quoted = lambda i: any(a <= i < b for a, b in quotes)  # noqa: E731
    for t in parsed[lo + 1:hi]:
        if t.right_edge.i < hi - 1 or quoted(t.i) or any(quoted(k) for k in range(t.i, hi)):
            continue
        if t.dep_ == "prep" and t.lower_ in lexicon.FRAMING_PREPOSITIONS:
            end = t.i
        elif t.dep_ in ("acl", "appos") and parsed[t.i - 1].text == "," and _named(t.head) and (
                t.dep_ == "appos" and t.tag_.startswith("NN") and not t.tag_.startswith("NNP")
                or t.dep_ == "acl" and t.tag_ == "VBN" and any(c.dep_ == "agent" for c in t.children)):
            end = t.i - 1
        else:
            continue
        while end > lo and parsed[end - 1].is_punct:
            end -= 1
        return (lo, end) if end > lo else content
    return content


def _named(noun) -> bool:
    """A proper name, or a noun a name qualifies ("the Wagner mercenary group")."""
    return noun.tag_.startswith("NNP") or any(
        c.dep_ in ("compound", "amod") and c.text[:1].isupper() and c.i > 0 for c in noun.children)


def _object_complements(verb, hi: int) -> int:
    """The end of the words said when the verb has only an object: what it says of the
    object comes after it ("thanked North Korea for its strong support", "criticized the US
    and blamed it for the invasion", "confirming the leader's train entering Russia"); the
    object alone ("North Korea") says nothing."""
    for child in verb.children:
        if child.i <= hi:
            continue
        if child.dep_ == "prep" and child.lower_ in lexicon.OBJECT_COMPLEMENT_PREPOSITIONS:
            hi = max(hi, child.right_edge.i)
        elif child.dep_ == "conj" and child.tag_.startswith("VB") and not any(
                t.dep_ in _SUBJECTS for t in child.children):
            hi = max(hi, child.right_edge.i)  # a second predicate of the same subject
        elif child.dep_ in ("advcl", "acl", "xcomp") and child.tag_ == "VBG" and child.i == hi + 1:
            hi = max(hi, child.right_edge.i)  # the object doing something, with no comma between
    return hi


# What a reporting verb says: its clause, its object ("denied the reports", "accused
# Pyongyang of ..."), what it calls it ("dismissed them as fake").
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "pcomp", "dative"})
_CONTENT_PREPOSITIONS = frozenset({"as", "of", "about", "that"})


def _holds_clause(prep) -> bool:
    """A prepositional phrase the parse hung a clause on ("in a briefing that it is
    likely ..."): the clause is what was said."""
    return any(t.dep_ in ("relcl", "ccomp", "acl") for t in prep.subtree)


# ----------------------------------------------------------------- stance of the words said
def _stance_matches(parsed, matchers: _Matchers, words: set[str]) -> list[tuple[str, int, int]]:
    if not any(all(not need.isdisjoint(words) for need in needs) for needs in matchers.stance_needs):
        return []
    strings = parsed.vocab.strings
    return [(strings[m], s, e) for m, s, e in matchers.stance(parsed)]


_ORDER = (DECLINES, DENIES, "condemns", "warns", "assesses")


def stance_of(parsed, base: int, frame: Frame, stances: list[tuple[str, int, int]], frames: list[Frame],
              verbs: list[int], quotes: list[tuple[int, int]]) -> None:
    """The stance the words said carry (the clause the cue governs and the quotations of
    the sentence that are not the source's name): a refusal, denial or judgement the
    speaker makes inside them, then stance words (refusal, denial, condemnation, warning,
    assessment, in that order)."""
    ranges = [r for r in quotes if not (r[0] <= frame.cue_index < r[1] or r[0] <= frame.source_index < r[1])]
    if frame.content_tokens is not None:
        ranges.insert(0, frame.content_tokens)
    if not ranges:
        return
    found: set[str] = set()
    for other in frames:
        if other.reported_by != frame.cue_index:
            continue
        if other.pattern in lexicon.WITHHELD_PATTERNS:
            # "said Washington would respond, but did not give details": details kept back do
            # not make what was said a refusal
            frame.inner.append(other)
            continue
        if other.stance in _ORDER and _speaker_itself(parsed[other.cue_index], _source_words(parsed, frame)) and (
                other.stance != "assesses" or other.clausal):
            found.add(other.stance)
        else:
            frame.inner.append(other)
    # the cue words of other acts of speech carry their own stance, not this one's; a phrase
    # that only ends on one ("concerned that the cooperation threatened peace") is still this one's
    others = set().union(*(f.cue_tokens for f in frames if f is not frame))
    for stance, s, e in stances:
        within = next(((lo, hi) for lo, hi in ranges if lo <= s and e <= hi), None)
        if within is None or not others.isdisjoint(range(s, e - 1 if e - s > 2 else e)):
            continue
        if stance == DENIES and _in_relative_clause(parsed[s], *within):
            continue  # "opposed sanctions that had no basis in law": not a denial of the claim
        found.add(stance)
    if frame.pattern in lexicon.NAMING_PATTERNS and frame.content_tokens is not None:
        labels = {t.lower_ for t in parsed[slice(*frame.content_tokens)]}
        if frame.pattern != "described" and not labels.isdisjoint(lexicon.CONDEMNING_LABELS):
            found.add("condemns")  # "called the transfer a concerning escalation"
        if not labels.isdisjoint(lexicon.DENYING_LABELS):
            found.add(DENIES)  # "called the U.S. reports \"fake\""
    for i in verbs:
        within = next((r for r in ranges if r[0] <= i < r[1]), None)
        if within is None:
            continue
        t = parsed[i]
        if not _main_clause(t, *within):
            continue
        if t.lower_ in lexicon.ESTIMATIVE_VERBS and _clausal(t):
            # "the United States assessed that", "Washington did not believe"
            _by_speaker(t, base, "assesses", found, frame.judged_by, passive=False)
        elif t.lower_ not in lexicon.NEGATION_REVERSERS and t.lower_ not in _CHECKING \
                and t.lower_ not in lexicon.UNDENYING_VERBS and _negated(t) and (
                t.lower_ in lexicon.SUPPLY_FORMS or _trade_object(t)) and not any(
                c.dep_ == "dobj" and c.lower_ in lexicon.INFORMATION_NOUNS for c in t.children):
            # (not "gave no details": information withheld, no supply denied)
            # "we have never had arms dealings", "it had received no weapons"
            _by_speaker(t, base, DENIES, found, frame.negated_supply, passive=True)
    frame.word_stance = next((s for s in _ORDER if s in found), None)


# Verbs of checking and answering: negated ("could not verify the reports of arms transfers")
# they refuse or doubt, they do not deny the trade.
_CHECKING = frozenset({*lexicon.CHECKING_VERBS, *lexicon.CHECKED_CLAIM_VERBS, *lexicon.UNANSWERED_VERBS})

# Relations along which a clause still says what the words said say ("we make clear that
# we have never had ...").
_SPINE = frozenset({"conj", "ccomp", "xcomp", "ROOT", "oprd", "acomp", "csubj"})


def _in_relative_clause(token, lo: int, hi: int) -> bool:
    """The token is part of a relative clause inside the words said ("sanctions that had no
    basis"): it describes a thing named there, it does not say what the words say."""
    t = token
    while lo <= t.head.i < hi and t.head.i != t.i:
        if t.dep_ == "relcl":
            return True
        t = t.head
    return False


def _main_clause(verb, lo: int, hi: int) -> bool:
    """The verb says what the words said say, not what a relative or adverbial clause
    inside them does ("a war it expected would be over")."""
    t = verb
    while lo <= t.head.i < hi and t.head.i != t.i:
        if _complement_read_as_relative(t):
            return True  # the clause is what was said, whatever the noun it was hung on
        if t.dep_ not in _SPINE:
            return False
        t = t.head
    return True


def _complement_read_as_relative(token) -> bool:
    """A clause the parse hung on a noun as a relative clause though "that" only introduces
    it ("told reporters after the session that the NIS believed ..."): in a true relative
    clause "that" is its subject or object, not its marker."""
    return token.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _trade_object(verb) -> bool:
    """The trade is what the verb is about: in its object or complement, not its subject."""
    return any(c.dep_ in _OBJECTS and any(d.lower_ in lexicon.TRADE_WORDS for d in c.subtree) for c in verb.children)


_OBJECTS = frozenset({"dobj", "xcomp", "ccomp", "prep", "attr", "acomp", "pobj"})


def _by_speaker(verb, base: int, stance: str, found: set[str], named: list, *, passive: bool) -> None:
    """``stance`` when the speaker itself is the subject of ``verb`` in its words ("we",
    "it", none for a finite verb); a named subject is kept for ``statements`` to compare
    with the speaker."""
    subject = _subject(verb)
    if subject is None:
        if any(t.dep_ in ("csubj", "csubjpass", "expl") for t in verb.children):
            return  # "Providing weapons ... would not reflect well": not the speaker
        if verb.tag_ in ("VBD", "VBZ", "VBP") or any(t.dep_ in ("aux", "auxpass") for t in verb.children):
            if verb.dep_ not in ("pcomp", "acl", "relcl", "amod", "advcl"):
                found.add(stance)
        return
    if not passive and subject.dep_ == "nsubjpass":
        return
    if subject.lower_ in lexicon.SELF_WORDS:
        found.add(stance)
    elif subject.tag_.startswith("NNP"):
        named.append(_offsets(base, _phrase(subject, verb)))


def _speaker_itself(verb, source_words: frozenset[str] = frozenset()) -> bool:
    """The subject of a verb inside the words said is the speaker ("it", "we", none), or
    its body named back ("a spokesperson for the defence ministry said the ministry could
    not confirm")."""
    subject = _subject(verb)
    if subject is None or subject.lower_ in lexicon.SELF_WORDS:
        return True
    if not any(t.lower_ == "the" for t in subject.children):
        return False
    noun = subject.lower_
    if noun in lexicon.BODY_DESCRIPTORS:
        return not lexicon.BODY_DESCRIPTORS[noun].isdisjoint(source_words)  # "NATO's chief said the alliance"
    return noun in lexicon.COREF_NOUNS and noun in source_words


def _source_words(parsed, frame: Frame) -> frozenset[str]:
    """The lower-case words of the phrase naming the frame's source."""
    if frame.source_index is None or frame.source_index < 0:
        return frozenset()
    return frozenset(t.lower_ for t in parsed[frame.source_index].subtree)


def _negated(verb) -> bool:
    if any(t.dep_ == "neg" or (t.dep_ == "advmod" and t.lower_ == "never") for t in verb.children):
        return not any(t.lower_ == "yet" for t in verb.children)
    # "received no weapons"
    return any(t.dep_ == "dobj" and any(d.lower_ == "no" for d in t.children) for t in verb.children)
