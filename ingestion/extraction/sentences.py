"""Paragraphs and sentences with offsets.

A line break ends a paragraph (cleaned text separates paragraphs by blank lines; plain
seeds by single line breaks), except where a line was merely wrapped (it ends without
punctuation and the next one starts in lower case). Inside a paragraph a sentence ends at
. ! or ? (after any closing quote or bracket) before a capital, a digit or an opening quote,
unless the word before the stop is an abbreviation ("Aug.", "Gen.", "U.S.", "N. Korea")."""

from __future__ import annotations

import re

from .types import Sentence

ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "rep", "sen", "gov",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "st",
    "no", "nos", "vs", "inc", "ltd", "co", "corp", "jr", "sr", "prof", "rev", "approx", "dept",
    "fig", "vol", "mt", "ft", "pp", "cf", "al", "gov", "cmdr", "cpl", "pvt", "gens", "sens", "reps",
    "brig", "cdr", "amb", "ret", "spc", "pfc", "hon", "lieut", "supt", "insp",
})
# After "U.S." / "U.K." / "U.N." a capital starts a new sentence only for these words.
SENTENCE_STARTERS = frozenset({
    "The", "It", "He", "She", "They", "We", "I", "But", "In", "On", "At", "A", "An", "This", "That",
    "These", "Those", "There", "And", "Meanwhile", "However", "His", "Her", "Its", "Their", "Our",
    "As", "When", "While", "After", "Before", "Since", "If", "According", "Asked", "Speaking",
})
# Abbreviated titles: always followed by a name, never the end of a sentence.
_TITLES = frozenset({"gen", "lt", "col", "dr", "mr", "mrs", "ms", "brig", "maj", "capt", "sgt", "adm", "cmdr", "cdr",
                     "rep", "sen", "gov", "amb", "prof", "lieut", "hon"})
_BOUNDARY_RE = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_WORD_BEFORE_RE = re.compile(r"((?:[A-Za-z]\.)+[A-Za-z]?|[A-Za-z]+)\.?$")
_TERMINAL = ".!?\"'\u201d\u2019:)"


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph, leading and trailing spaces left out."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\n", text):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, len(text)))
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            if current:
                _add_span(text, *current, spans)
            current = None
            continue
        if current is not None:
            previous = text[current[0]:current[1]].rstrip()
            if previous and previous[-1] not in _TERMINAL and line.lstrip()[:1].islower():
                current = (current[0], end)  # a wrapped line
                continue
            _add_span(text, *current, spans)
        current = (start, end)
    if current:
        _add_span(text, *current, spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def split_sentences(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Sentence]:
    if paragraphs is None:
        paragraphs = paragraphs_of(text)
    sentences: list[Sentence] = []
    for p_start, p_end in paragraphs:
        para = text[p_start:p_end]
        start = 0
        for m in _BOUNDARY_RE.finditer(para):
            if not _is_boundary(para, m):
                continue
            end = m.end()
            _add_sentence(p_start, para, start, end, sentences)
            start = end
        _add_sentence(p_start, para, start, len(para), sentences)
    return sentences


def _add_sentence(offset: int, para: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and para[start].isspace():
        start += 1
    while end > start and para[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(offset + start, offset + end))


def _is_boundary(para: str, m: re.Match) -> bool:
    stop = m.group()
    if stop[0] != ".":
        return True
    before = para[max(0, m.start() - 12):m.start() + 1]
    word = _WORD_BEFORE_RE.search(before)
    if not word:
        return True
    token = word.group(1)
    following = para[m.end():].lstrip()
    next_word = re.match(r"[\"'\u201c\u2018(\[]?([A-Za-z0-9]+)", following)
    nxt = next_word.group(1) if next_word else ""
    if "." in token or (len(token) == 1 and token.isupper()):
        # U.S., U.N., initials: only a usual sentence opener starts a new sentence.
        return nxt in SENTENCE_STARTERS
    if token.lower() in ABBREVIATIONS and stop == ".":
        return nxt in SENTENCE_STARTERS and token.lower() not in _TITLES
    return True
