"""Text with spans marked: article text and excerpts shown with what extraction found in them.
Every character of the text is escaped; only the marks are markup."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    css: str  # e.g. "quote", "speaker", "entity"
    title: str = ""
    url: str = ""


def highlight(text: str, spans: list[Span], *, offset: int = 0) -> SafeString:
    """``text`` with each span wrapped in <mark> (linked when it has a url). ``offset`` is the
    position of ``text`` in the document the spans refer to. Overlapping spans are cut at
    their boundaries, so a quote with a name inside shows both."""
    length = len(text)
    inside = [
        Span(max(0, s.start - offset), min(length, s.end - offset), s.css, s.title, s.url)
        for s in spans
        if s.end - offset > 0 and s.start - offset < length and s.end > s.start
    ]
    if not inside:
        return mark_safe(escape(text))
    cuts = sorted({0, length, *(s.start for s in inside), *(s.end for s in inside)})
    parts: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        segment = escape(text[left:right])
        covering = [s for s in inside if s.start <= left and right <= s.end]
        if not covering:
            parts.append(segment)
            continue
        classes = " ".join(dict.fromkeys(f"hl hl--{s.css}" for s in covering))
        title = " · ".join(dict.fromkeys(s.title for s in covering if s.title))
        url = next((s.url for s in reversed(covering) if s.url), "")
        mark = format_html('<mark class="{}" title="{}">{}</mark>', classes, title, mark_safe(segment))
        if url:
            mark = format_html('<a class="hl-link" href="{}">{}</a>', url, mark)
        parts.append(mark)
    return mark_safe("".join(parts))


def find_all(text: str, needle: str, css: str, title: str = "", *, offset: int = 0) -> list[Span]:
    """Spans of every case-insensitive occurrence of ``needle`` in ``text``."""
    if not needle or len(needle) < 2:
        return []
    spans, lowered, target, start = [], text.lower(), needle.lower(), 0
    while (found := lowered.find(target, start)) != -1:
        spans.append(Span(found + offset, found + offset + len(needle), css, title))
        start = found + len(needle)
    return spans
