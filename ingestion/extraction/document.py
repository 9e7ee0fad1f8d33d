"""One text prepared for the rules: tokens, paragraphs, sentences and quotations."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from .sentences import paragraphs_of, split_sentences
from .text import Quote, Tokens, plain, quotes_in
from .types import Sentence



@dataclass
class Doc:
    text: str
    plain: str
    published: dt.date | None
    tokens: Tokens
    paragraphs: list[tuple[int, int]]
    sentences: list[Sentence]
    sentence_paragraph: list[int]
    headline: list[bool]
    quotes: list[Quote]
    sentence_tokens: list[range] = field(default_factory=list)  # token indexes of each sentence
    sentence_words: list[frozenset[str]] = field(default_factory=list)  # folded words of each sentence
    _sentence_starts: list[int] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, published: dt.date | None = None) -> Doc:
        paragraphs = paragraphs_of(text)
        sentences = split_sentences(text, paragraphs)
        para_starts = [p[0] for p in paragraphs]
        sentence_paragraph = [bisect.bisect_right(para_starts, s.start) - 1 for s in sentences]
        doc = cls(
            text=text,
            plain=plain(text),
            published=published,
            tokens=Tokens.of(text),
            paragraphs=paragraphs,
            sentences=sentences,
            sentence_paragraph=sentence_paragraph,
            headline=[_is_headline(text[s.start:s.end]) for s in sentences],
            quotes=quotes_in(text, paragraphs),
        )
        doc._sentence_starts = [s.start for s in sentences]
        doc._quote_starts = [q.start for q in doc.quotes]
        tokens = doc.tokens
        norm = tokens.norm
        starts = tokens.starts
        n = len(starts)
        k = 0
        for s in sentences:  # sentences and tokens are both in text order
            while k < n and starts[k] < s.start:
                k += 1
            first = k
            while k < n and starts[k] < s.end:
                k += 1
            doc.sentence_tokens.append(range(first, k))
            doc.sentence_words.append(frozenset(norm[first:k]))
        return doc

    def windows(self, anchors: list[int], before: int, after: int) -> list[tuple[int, int]]:
        """Character ranges around the given tokens (``before``/``after`` tokens on each
        side), merged where they overlap: the only places a pattern needs to look."""
        tokens = self.tokens
        n = len(tokens)
        out: list[tuple[int, int]] = []
        for i in anchors:
            lo = tokens.starts[max(0, i - before)]
            hi = tokens.ends[min(n - 1, i + after)]
            if out and lo <= out[-1][1] + 1:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        return out

    def positions(self, words) -> list[int]:
        """Token indexes, in order, of the tokens whose folded form is one of ``words``. One
        pass over the text builds the index; every rule looking for its anchor words then
        costs a few lookups instead of a pass of its own."""
        index = self.__dict__.get("_positions")
        if index is None:
            index = {}
            for i, w in enumerate(self.tokens.norm):
                found = index.get(w)
                if found is None:
                    index[w] = [i]
                else:
                    found.append(i)
            self.__dict__["_positions"] = index
        present = [index[w] for w in (words if len(words) < len(index) else index.keys() & words) if w in index]
        if len(present) == 1:
            return present[0]
        return sorted(i for found in present for i in found)

    @property
    def lower(self) -> str:
        """The plain text in lower case, offset for offset (for case-blind patterns, which
        are several times faster written in lower case than with re.IGNORECASE)."""
        cached = self.__dict__.get("_lower")
        if cached is None:
            cached = self.plain.lower()
            if len(cached) != len(self.plain):  # a few characters lower-case to two
                cached = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.plain)
            self.__dict__["_lower"] = cached
        return cached

    def dateline_end(self, s_idx: int) -> int:
        """Where the dateline ends in the sentence's paragraph ("SEOUL, Jan. 10 (Yonhap) --"),
        or the paragraph's start when it has none."""
        para = self.sentence_paragraph[s_idx]
        cache = self.__dict__.setdefault("_datelines", {})
        end = cache.get(para)
        if end is None:
            p_start, p_end = self.paragraphs[para]
            m = _DATELINE_RE.match(self.plain, p_start, p_end) if para < 3 else None
            end = cache[para] = m.end() if m else p_start
        return end

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the previous one between sentences)."""
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def quote_at(self, offset: int) -> Quote | None:
        i = bisect.bisect_right(self._quote_starts, offset) - 1
        while i >= 0:
            q = self.quotes[i]
            if q.start <= offset < q.end:
                return q
            if q.end < offset - 2000:
                break
            i -= 1
        return None

    def quotes_between(self, start: int, end: int) -> list[Quote]:
        i = bisect.bisect_left(self._quote_starts, start)
        out = []
        # a quotation opened before ``start`` that runs into the span
        if i > 0 and self.quotes[i - 1].end > start:
            out.append(self.quotes[i - 1])
        while i < len(self.quotes) and self.quotes[i].start < end:
            out.append(self.quotes[i])
            i += 1
        return out


# A dateline: the city (with its state), the date, the agency, then a dash: "SEOUL, Jan. 10
# (Yonhap) --", "WASHINGTON (AP) -", "Seoul, October 16, 2024 --" (an official release),
# "United Nations (United States) (AFP) -", Kyodo's "TOKYO, Nov. 8 Kyodo -", or TASS's
# "PYONGYANG, November 20. /TASS/.". A
# city in title case counts only with a date or an agency, so that a sentence opening on a
# name and a dash is not taken for one.
_DL_STATE = r"(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
_DL_DATE = r"(?:,\s+[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s+\d{4})?)"
_DL_AGENCY = r"(?:\([A-Za-z][\w .&-]{1,30}\)\s*)"
_DL_DASH = r"(?:--|[-\u2014\u2013])\s+"
_DATELINE_RE = re.compile(
    rf"(?:[A-Z][A-Z.'\- ]{{1,30}}{_DL_STATE}{_DL_DATE}?\s*)?{_DL_AGENCY}*{_DL_DASH}"
    rf"|[A-Z][a-z][A-Za-z.'\-]*(?:\s[A-Z][A-Za-z.'\-]+){{0,2}}{_DL_STATE}(?:{_DL_DATE}\s*{_DL_AGENCY}*|\s*{_DL_AGENCY}+)"
    rf"{_DL_DASH}"
    rf"|[A-Z][A-Za-z.'\- ]{{1,30}},\s+[A-Z][a-z]{{2,}}\.?\s+\d{{1,2}}\.\s+/[A-Za-z][\w .&-]{{1,30}}/\.\s+"
    # Kyodo's "TOKYO, Nov. 8 Kyodo -": the agency after the date without brackets
    rf"|[A-Z][A-Z.'\- ]{{1,30}}{_DL_STATE}{_DL_DATE}\s+[A-Z][a-z]{{2,15}}\s*{_DL_DASH}"
)
_CLOSED_RE = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")


def _is_headline(sentence: str) -> bool:
    """A title, a heading or a caption line: body sentences of news prose end with a stop;
    these do not. Names are not guessed from such lines and statements are not taken from
    them (they repeat the body)."""
    return not _CLOSED_RE.search(sentence.rstrip())
