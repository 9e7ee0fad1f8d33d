"""What a fetcher hands to cleaning: raw bytes and what is known about them. No ORM here."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# The byte-order marks and the encoding each one means, longest first (UTF-32 LE starts with
# UTF-16 LE's mark). The file reader and the decoder in cleaning read them from here.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class FetchError(Exception):
    """A document could not be read. ``transient`` errors (timeouts, connection resets,
    HTTP 5xx/429) are worth retrying; the others (refused address, too large, wrong type,
    404) never succeed on retry."""

    def __init__(self, message: str, *, transient: bool = False):
        super().__init__(message)
        self.message = message
        self.transient = transient


@dataclass(frozen=True)
class Fetched:
    """Raw bytes of one document and where they came from."""

    content: bytes
    content_type: str  # a media type without parameters: "text/html", "text/plain", "text/markdown", "application/pdf"
    locator: str  # the URL (after redirects) or the file path it was read from
    charset: str | None = None  # declared by the server or a BOM, if any
    filename: str | None = None  # base name of a file, used for a date in names such as 2023-10-27_title.txt
    final_url: str | None = None  # for URLs: where the redirects ended
