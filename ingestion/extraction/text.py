"""Tokens and quotation marks of a cleaned text, computed once and shared by the rules.

Offsets always point into the text as given: the "plain" copy only swaps typographic
quotes and apostrophes for their ASCII forms, one character for one, so a match in it is a
match at the same offsets in the original."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from dataclasses import dataclass

from .lexicon import FOLD

# One character for one, so offsets survive.
_PLAIN = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u2011": "-", "\u2010": "-",
})
TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+")
_SPLIT_RE = re.compile(r"((?:[A-Za-z]\.){2,}|[^\W_]+)")


_PLAIN_PAIRS = tuple((chr(k), v) for k, v in _PLAIN.items())


def plain(text: str) -> str:
    # str.replace per character is much faster than str.translate with a mapping
    for old, new in _PLAIN_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


_FOLDED: dict[str, str] = {}


def fold(word: str) -> str:
    """The matching form of a word: lower case, no dots, British spellings folded."""
    folded = _FOLDED.get(word)
    if folded is None:
        folded = word.lower().replace(".", "")
        folded = FOLD.get(folded, folded)
        if len(_FOLDED) < 200_000:
            _FOLDED[word] = folded
    return folded


def name_key(name: str) -> tuple[str, ...]:
    """The matching form of a name, as the tuple of its folded tokens."""
    return tuple(fold(m.group()) for m in TOKEN_RE.finditer(plain(name)))


@dataclass(slots=True)
class Tokens:
    """Word tokens of a text with their offsets and folded forms. ``run[i]`` is how many
    tokens from ``i`` on are joined only by a space, a hyphen or a possessive, i.e. how long
    a name starting at ``i`` can be."""

    starts: list[int]
    ends: list[int]
    surface: list[str]
    norm: list[str]
    run: list[int]
    gaps: list[str]  # the characters between token i and i + 1

    @classmethod
    def of(cls, text: str) -> Tokens:
        parts = _SPLIT_RE.split(text)  # gap, token, gap, token, ..., gap
        surface = parts[1::2]
        n = len(surface)
        offsets = list(accumulate(map(len, parts)))
        starts = offsets[0:2 * n:2]  # where each gap ends, its token starts
        ends = offsets[1:2 * n:2]
        folded = _FOLDED
        get = folded.get
        norm = [get(w) or fold(w) for w in surface]
        gaps = parts[2:2 * n:2]  # the gaps between tokens
        gaps.append("")
        run = [1] * n
        count = 1
        for i in range(n - 2, -1, -1):
            gap = gaps[i]
            if gap == " " or gap == "-" or _joinable(gap, surface[i], norm[i + 1], surface[i + 1]):
                count += 1
            else:
                count = 1
            run[i] = count
        return cls(starts, ends, surface, norm, run, gaps)

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, lo: int, hi: int) -> range:
        """Indexes of the tokens inside [lo, hi)."""
        return range(bisect.bisect_left(self.starts, lo), bisect.bisect_right(self.ends, hi))


def _joinable(gap: str, left: str, right_norm: str, right: str) -> bool:
    if gap in (" ", "-"):
        return True
    if gap in ("'", "\u2019") and right_norm == "s":
        return True
    if gap in ("' ", "\u2019 ") and left[-1:] == "s" and left[:1].isupper() and right[:1].isupper():
        return True  # a plural possessive inside a name: "Workers' Party of Korea"
    if gap == ". " and len(left) == 1 and left.isupper():  # "N. Korea"
        return True
    if gap == " & ":
        return True
    return gap.isspace() and "\n" not in gap


@dataclass(frozen=True, slots=True)
class Quote:
    """Words between quotation marks: ``start``/``end`` are the inner text's offsets."""

    start: int
    end: int
    open_ended: bool = False  # runs to the end of its paragraph (continued in the next one)


_DOUBLE_RE = re.compile(r'["\u201c\u201d\u201e\u00ab\u00bb]')
_SINGLE_OPEN_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))['\u2018](?=[A-Za-z0-9])", re.MULTILINE)


def quotes_in(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Quotations, paragraph by paragraph. Typographic quotes pair by direction; straight
    ones by order. A quotation still open at the end of a paragraph is "open-ended" (news
    style: the next paragraph reopens it). Single quotes count when they clearly open after a
    space and close before punctuation or a space ('almost certain')."""
    found: list[Quote] = []
    marks = [(m.start(), m.group()) for m in _DOUBLE_RE.finditer(text)]
    singles = [m.end() for m in _SINGLE_OPEN_RE.finditer(text)] if ("'" in text or "\u2018" in text) else []
    if not marks and not singles:
        return found
    starts = [p[0] for p in paragraphs]
    by_para: dict[int, list[tuple[int, str]]] = {}
    for pos, ch in marks:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < paragraphs[i][1]:
            by_para.setdefault(i, []).append((pos, ch))
    for i, para_marks in by_para.items():
        p_start, p_end = paragraphs[i]
        opened: int | None = None
        for pos, ch in para_marks:
            if ch in "\u201c\u201e\u00ab":
                if opened is None:
                    opened = pos + 1
            elif ch in "\u201d\u00bb":
                if opened is not None:
                    found.append(Quote(opened, pos))
                    opened = None
            else:  # straight quote: opens after a space or at the start, else closes
                before = text[pos - 1] if pos > p_start else " "
                if opened is None and (before.isspace() or before in "([:—–-" or pos == p_start):
                    opened = pos + 1
                elif opened is not None:
                    found.append(Quote(opened, pos))
                    opened = None
        if opened is not None and opened < p_end:
            found.append(Quote(opened, p_end, open_ended=True))
    for start in singles:
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or start >= paragraphs[i][1]:
            continue
        p_start, p_end = paragraphs[i]
        close = _single_close(text[p_start:p_end], start - p_start)
        if close is not None:
            found.append(Quote(start, p_start + close))
    found.sort(key=lambda q: q.start)
    return found


def _single_close(para: str, start: int) -> int | None:
    limit = min(len(para), start + 300)
    for i in range(start, limit):
        ch = para[i]
        if ch in "'\u2019":
            after = para[i + 1] if i + 1 < len(para) else " "
            if not after.isalpha() and i > start and para[i - 1] != " ":
                return i
        if ch in "\u201c\u201d\"":
            return None
    return None
