"""The cleaned form of a document that extraction and de-duplication work on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class CleaningError(Exception):
    """The document has no usable text (empty, binary, undecodable). Never transient."""


@dataclass(frozen=True)
class CleanedDocument:
    text: str  # the article body, boilerplate removed, paragraphs separated by "\n\n"; offsets point here
    title: str | None
    published: dt.date | None
    published_inferred: bool  # True when the date came from a file name or the text, not metadata
    language: str | None  # ISO 639-1 code when it could be told ("en"), else None
    removed_lines: tuple[str, ...] = field(default_factory=tuple)  # boilerplate lines dropped, for the reader
