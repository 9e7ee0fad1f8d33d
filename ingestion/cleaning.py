"""Turn fetched bytes into the cleaned text that de-duplication and extraction work on.

Pure functions, no ORM. The order of work: decode the bytes, take the text out of its format
(HTML, Markdown, PDF or plain text) as a list of paragraphs, drop boilerplate lines
conservatively (whole lines that match known widgets; never part of a sentence of the story),
then find the title, the publication date and the language.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import re
import struct
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import charset_normalizer
import lxml.html
import pypdf
import trafilatura
from lxml import etree
from pypdf.errors import PyPdfError

from .cleaning_types import CleanedDocument, CleaningError
from .fetchers.types import BOMS, Fetched

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MARKDOWN_TYPES = frozenset({"text/markdown", "text/x-markdown"})
PDF_TYPES = frozenset({"application/pdf"})

# ---------------------------------------------------------------------------------------------
# Public API


def clean_document(fetched: Fetched) -> CleanedDocument:
    """Cleaned text, title, publication date and language of one fetched document.

    Raises CleaningError when there is no usable text (empty, binary, undecodable, an
    encrypted or broken PDF, an HTML page without article text).
    """
    content_type = (fetched.content_type or "").lower()
    if content_type in PDF_TYPES:
        extracted = _from_pdf(fetched.content)
    else:
        text = decode_bytes(fetched.content, declared=fetched.charset, html=content_type in HTML_TYPES)
        if content_type in HTML_TYPES:
            extracted = _from_html(text)
        elif content_type in MARKDOWN_TYPES:
            extracted = _from_markdown(text)
        else:
            extracted = _from_plain(text)

    paragraphs, removed = strip_boilerplate(extracted.paragraphs, keep_first=extracted.title is None)
    title = extracted.title
    if title is None and extracted.first_paragraph_is_title and paragraphs:
        title = paragraphs[0]
        # A text without a headline opens with its first sentence, and a one-line paste is all
        # body: the line names the document but stays in the text, where extraction needs it.
        if not _reads_as_lede(title) and len(paragraphs) > 1:
            paragraphs = paragraphs[1:]
    elif title is not None and paragraphs and _same_line(paragraphs[0], title):
        paragraphs = paragraphs[1:]  # the page repeats its headline above the story
    if not paragraphs:
        raise CleaningError("no article text found (only boilerplate)")

    body = "\n\n".join(paragraphs)
    published, inferred = _published(extracted.published, fetched.filename, paragraphs)
    return CleanedDocument(
        text=body,
        title=title,
        published=published,
        published_inferred=inferred,
        language=detect_language(f"{title or ''}\n{body}"),
        removed_lines=tuple(removed),
    )


QUOTE_TRANSLATION = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´ʼ", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    }
)


def normalise_for_hash(text: str) -> str:
    """The text reduced to what makes two copies of an article the same: Unicode NFKC,
    lower case, one kind of quote and dash, single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(QUOTE_TRANSLATION)
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text, for exact-duplicate detection."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------
# Decoding

# Browsers read pages labelled Latin-1 or ASCII as Windows-1252 (curly quotes live in 0x80-0x9F).
CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01


def decode_bytes(content: bytes, *, declared: str | None = None, html: bool = False) -> str:
    """Bytes to text: a byte-order mark, else the declared charset (and for HTML a <meta>
    charset), else strict UTF-8, else Windows-1252 where it reads as well as any other
    single-byte page, else charset-normalizer's best guess."""
    if not content or not content.strip():
        raise CleaningError("the document is empty")
    text = _decode(content, declared=declared, html=html)
    if text is None:
        raise CleaningError("the document is not text in any character set that could be recognised")
    if len(CONTROL_CHARS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise CleaningError("the document looks like binary data, not text")
    text = CONTROL_CHARS.sub("", text)
    if not text.strip():
        raise CleaningError("the document is empty")
    return text


def _decode(content: bytes, *, declared: str | None, html: bool) -> str | None:
    for bom, encoding in BOMS:
        if content.startswith(bom):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError:
                break
    candidates = []
    if declared:
        candidates.append(declared)
    if html:
        match = META_CHARSET.search(content[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii", "ignore"))
    for charset in candidates:
        text = _try_decode(content, charset)
        if text is not None:
            return text
    if b"\x00" not in content[:4096]:  # NUL bytes are valid UTF-8 but mean UTF-16 (or binary)
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(content).best()
    western = _western_reading(content, best)
    if western is not None:
        return western
    if best is None:
        return None
    return str(best)


# How much less coherent (charset-normalizer's language fit, 0..1) Windows-1252 may read than the
# detector's favourite and still be preferred.
WESTERN_COHERENCE_MARGIN = 0.05


def _western_reading(content: bytes, best) -> str | None:
    """Undeclared single-byte text that Windows-1252 reads about as well as the detector's pick.

    Latin-1 and Windows-1252 text (French, German, Spanish, English with curly quotes) decodes
    without error in most Latin code pages, and charset-normalizer then often names Central
    European cp1250 or Baltic cp1257 by a tie, which turns "à" into "ŕ". Western text is what
    this tool mostly reads, so a tie goes to Windows-1252; text that only a Central European or
    Cyrillic page reads well (Polish "ż", Russian) keeps the detector's answer."""
    if best is not None and (best.encoding == "cp1252" or "cp1252" in best.could_be_from_charset):
        return content.decode("cp1252")
    try:
        content.decode("cp1252")
    except UnicodeDecodeError:
        return None
    # None when Windows-1252 reads as noise (too many unlikely characters for any language).
    western = charset_normalizer.from_bytes(content, cp_isolation=["cp1252"]).best()
    if western is None:
        return None
    if best is None or western.coherence >= best.coherence - WESTERN_COHERENCE_MARGIN:
        return str(western)
    return None


def _try_decode(content: bytes, charset: str) -> str | None:
    name = charset.strip().strip("\"'").lower()
    name = CHARSET_ALIASES.get(name, name)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    for encoding in (name, "latin-1") if name == "cp1252" else (name,):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None  # the declaration was wrong; fall through to the next guess


# ---------------------------------------------------------------------------------------------
# Formats


@dataclass
class _Extracted:
    paragraphs: list[str]
    title: str | None = None
    published: dt.date | None = None  # from metadata
    first_paragraph_is_title: bool = False


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n\n").replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    return text.split("\n")


def _collapse(line: str) -> str:
    return " ".join(line.split())


def _blocks(text: str) -> list[list[str]]:
    """Runs of non-empty lines separated by blank lines, whitespace collapsed in each line."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in _lines(text):
        line = _collapse(raw)
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_hard_wrapped(blocks: list[list[str]]) -> bool:
    """Text wrapped at a fixed width (e-mail, some wire copy): join lines within a block.

    Otherwise (the usual case for pasted articles) each line is a paragraph of its own.
    """
    lines = [line for block in blocks for line in block]
    if len(lines) < 4 or max(len(line) for line in lines) > 100:
        return False
    inner = [line for block in blocks for line in block[:-1]]  # lines that are not last in a block
    if len(inner) < 3:
        return False
    width = max(len(line) for line in lines)
    near_width = sum(1 for line in inner if len(line) >= max(40, width - 25))
    return near_width >= 0.75 * len(inner)


def _from_plain(text: str) -> _Extracted:
    blocks = _blocks(text)
    if _is_hard_wrapped(blocks):
        paragraphs = [" ".join(block) for block in blocks]
        # The title stands on its own line even in wrapped text.
        if blocks and len(blocks[0]) > 1:
            paragraphs = [blocks[0][0], " ".join(blocks[0][1:]), *paragraphs[1:]]
    else:
        paragraphs = [line for block in blocks for line in block]
    return _Extracted(paragraphs=paragraphs, first_paragraph_is_title=True)


MD_FENCE = re.compile(r"^\s*(```|~~~)")
MD_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
MD_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
MD_REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
MD_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
MD_EMPTY_LINK = re.compile(r"\[\s*\]\([^)]*\)")
MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
MD_CODE = re.compile(r"`+([^`]+)`+")
MD_EMPHASIS = (
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
)
MD_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def _markdown_inline(line: str) -> str:
    line = MD_IMAGE.sub("", line)
    line = MD_EMPTY_LINK.sub("", line)  # what is left of a linked image
    line = MD_LINK.sub(r"\1", line)
    line = MD_REF_LINK.sub(r"\1", line)
    line = MD_AUTOLINK.sub(r"\1", line)
    line = MD_CODE.sub(r"\1", line)
    for pattern in MD_EMPHASIS:
        line = pattern.sub(lambda match: match.group(match.lastindex), line)
    line = MD_HTML_TAG.sub("", line)
    return _collapse(line)


def _from_markdown(text: str) -> _Extracted:
    paragraphs: list[str] = []
    title: str | None = None
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            paragraph = _markdown_inline(" ".join(current))
            if paragraph:
                paragraphs.append(paragraph)
            current.clear()

    def heading(words: str) -> None:
        nonlocal title
        flush()
        words = _markdown_inline(words)
        if not words:
            return
        if title is None and not paragraphs:
            title = words  # the document opens with a heading: that is its title
        else:
            paragraphs.append(words)

    for raw in _lines(text):
        if MD_FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if raw.strip():
                paragraphs.append(_collapse(raw))
            continue
        if not raw.strip():
            flush()
            continue
        atx = MD_ATX_HEADING.match(raw)
        if atx:
            heading(atx.group(2))
            continue
        if MD_SETEXT_UNDERLINE.match(raw) and len(current) == 1:
            words = current.pop()
            heading(words)
            continue
        if MD_RULE.match(raw) or MD_REFERENCE_DEF.match(raw):
            flush()
            continue
        line = MD_QUOTE.sub("", raw)
        if MD_LIST_ITEM.match(line):
            flush()
            current.append(MD_LIST_ITEM.sub("", line, count=1))
            continue
        current.append(line.strip())
    flush()
    if title is None:
        return _Extracted(paragraphs=paragraphs, first_paragraph_is_title=False)
    return _Extracted(paragraphs=paragraphs, title=title)


XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def _from_html(text: str) -> _Extracted:
    document = trafilatura.bare_extraction(
        text,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        # Only dates the page states as metadata; a date guessed from the body text would be
        # no better than the dateline rule below, and must not pass for metadata.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    title = _collapse(document.title) if document is not None and document.title else None
    published = _parse_iso_date(document.date) if document is not None and document.date else None
    paragraphs = (
        [_collapse(line) for line in (document.text or "").split("\n")] if document is not None else []
    )
    paragraphs = [line for line in paragraphs if line]
    if not paragraphs:
        fallback_title, paragraphs = _html_paragraphs(text)
        title = title or fallback_title
    if not paragraphs:
        raise CleaningError("no article text found")
    return _Extracted(paragraphs=paragraphs, title=title or None, published=published)


def _html_paragraphs(text: str) -> tuple[str | None, list[str]]:
    """The text of the <p> elements, when trafilatura finds no article."""
    try:
        tree = lxml.html.fromstring(XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError):
        return None, []
    for element in tree.xpath("//script|//style|//noscript|//template|//svg|//iframe"):
        element.drop_tree()
    paragraphs = [_collapse(p.text_content()) for p in tree.xpath("//p")]
    titles = [_collapse(t.text_content()) for t in tree.xpath("//title|//h1")]
    return next((t for t in titles if t), None), [p for p in paragraphs if p]


# What pypdf lets escape from a damaged file besides its own errors.
PDF_ERRORS = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    OSError,
    RecursionError,
    zlib.error,
    struct.error,
)
PDF_SHORT_LINE = 0.8


def _from_pdf(content: bytes) -> _Extracted:
    try:
        reader = pypdf.PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # an owner password alone still lets anyone read
            except (PyPdfError, NotImplementedError, ValueError) as exc:
                raise CleaningError(f"the PDF is encrypted and cannot be opened ({exc})") from exc
            if not opened:
                raise CleaningError("the PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata_title = reader.metadata.title if reader.metadata else None
    except CleaningError:
        raise
    except PDF_ERRORS as exc:
        raise CleaningError(f"the PDF could not be read ({exc})") from exc
    paragraphs: list[str] = []
    for page in pages:
        paragraphs.extend(_pdf_paragraphs(page))
    if not paragraphs:
        raise CleaningError("the PDF has no text (it may be scanned images)")
    title = _collapse(str(metadata_title)) if metadata_title and str(metadata_title).strip() else None
    first_is_title = title is None and len(paragraphs[0]) <= 200
    return _Extracted(paragraphs=paragraphs, title=title, first_paragraph_is_title=first_is_title)


def _pdf_paragraphs(page: str) -> list[str]:
    """PDF text comes as lines wrapped at the column width: join them into paragraphs. A line
    clearly shorter than the column (the end of a paragraph, or a heading) ends a paragraph,
    as does a blank line."""
    paragraphs: list[str] = []
    for block in _blocks(page):
        lengths = sorted(len(line) for line in block)
        # The column width: the longest line, or in a long block a high quantile (one stray long line).
        width = lengths[int(0.9 * (len(lengths) - 1))] if len(lengths) >= 10 else lengths[-1]
        current = ""
        for line in block:
            if current.endswith("-") and line[:1].islower() and current[-2:-1].isalpha():
                current = current[:-1] + line  # a word hyphenated at the line end
            else:
                current = f"{current} {line}" if current else line
            if len(line) < PDF_SHORT_LINE * width:
                paragraphs.append(current)
                current = ""
        if current:
            paragraphs.append(current)
    return paragraphs


# ---------------------------------------------------------------------------------------------
# Boilerplate

# Whole lines (compared case-insensitively, trailing ":", "|", "»" etc. ignored) that are page
# furniture, never a sentence of a story.
BOILERPLATE_LINES = re.compile(
    "|".join(
        (
            r"advertisements?|advertising|ad|sponsored( content)?|paid (content|post)",
            r"(story|article) continues (below|after) (the )?(advertisement|ad)|advertisement - scroll to continue",
            r"continue reading( (below|the (main )?story))?|keep reading|read more|read (the )?full (story|article)",
            r"related( (posts?|articles?|stories|content|coverage|news|topics|links|reading))?",
            r"other topics of interest|more (on|about) this (story|topic)|you (may|might) also (like|be interested in)",
            r"recommended( for you)?|most (read|popular|viewed)|trending( now)?|top stories|latest news",
            r"more stories|editor'?s picks",
            r"to suggest a correction or clarification,? write to us here",
            r"share|share this( (article|story|page|post))?|share on [a-z]+( [a-z]+)?|share via [a-z]+",
            r"tweet|copy link|copy (the )?url|link copied|e-?mail|print|facebook|twitter|x|linkedin|whatsapp",
            r"telegram|reddit|pinterest|flipboard|messenger",
            r"send to|from|listen( to this article)?|save( article)?|bookmark|comments?|\d+ comments?",
            r"sign (up|in)|log ?in|subscribe( now)?|follow us|skip to (main )?content|back to top",
        )
    ),
    re.IGNORECASE,
)
# Longer widget lines recognised by how they start or what they say; only short lines qualify.
BOILERPLATE_PATTERNS = (
    re.compile(r"(sign up|subscribe)\b.{0,80}\b(newsletters?|updates|alerts|briefing|digest|inbox)\b", re.I),
    re.compile(r"click here\b", re.I),
    re.compile(r"(©|\(c\)\s*(19|20)\d{2}\b|copyright\s*(©|\(c\))?\s*(19|20)\d{2}\b)", re.I),
    re.compile(r".{0,120}\ball rights reserved\b\.?$", re.I),
    re.compile(r".{0,80}\bctrl\s*\+\s*enter\b", re.I),
    re.compile(
        r"follow (us|[a-z ]{1,40}) on (twitter|x|facebook|instagram|telegram|linkedin|youtube)\b", re.I
    ),
)
BOILERPLATE_PATTERN_MAX_LENGTH = 200
# "Read more from Yahoo News:" opens a list of other outlets' headlines ("AP: Kim Jong Un's ...").
RELATED_LIST_HEADER = re.compile(
    r"(read|see|watch) (more|also)( from [^:]{1,60})?:?|(related|also read|more from [^:]{1,60}|see also):",
    re.IGNORECASE,
)
SOURCE_HEADLINE = re.compile(r"[A-Z][\w.&'’ -]{0,40}: \S.{3,200}")
TRAILING_NOISE = " \t:|»›>•·-–—…"
# Widget words glued to the last sentence of a story by a careless copy ("...across the globe.From").
GLUED_TAIL = re.compile(
    r"^(?P<keep>.*[.!?\"”’)])(?P<drop>From|Send to|Advertisement|Share|Tweet|Copy link|Email|Print|Related Posts"
    r"|Keep Reading|Read more)$"
)
GLUED_HEAD = re.compile(r"^(?P<drop>Advertisement)(?P<keep>[A-Z“\"].*)$")
SENTENCE_END = re.compile(r"[.!?\"”’)]$")


def is_boilerplate(line: str) -> bool:
    """A line that is a page widget or a publisher's notice, never a sentence of the story."""
    key = line.strip().rstrip(TRAILING_NOISE).strip()
    if not key:
        return False
    if BOILERPLATE_LINES.fullmatch(key):
        return True
    if len(line) <= BOILERPLATE_PATTERN_MAX_LENGTH:
        return any(pattern.match(key) for pattern in BOILERPLATE_PATTERNS)
    return False


def strip_boilerplate(paragraphs: Sequence[str], *, keep_first: bool = False) -> tuple[list[str], list[str]]:
    """Drop boilerplate lines; return (kept, removed). ``keep_first`` protects the first kept
    line from the duplicate rule: in plain text it is the title, which pages often repeat."""
    kept: list[str] = []
    removed: list[str] = []
    in_related_list = False
    for paragraph in _unglue(paragraphs, removed):
        if in_related_list and SOURCE_HEADLINE.fullmatch(paragraph) and not SENTENCE_END.search(paragraph):
            removed.append(paragraph)
            continue
        in_related_list = False
        if RELATED_LIST_HEADER.fullmatch(paragraph.strip()):
            removed.append(paragraph)
            in_related_list = True
            continue
        if is_boilerplate(paragraph):
            removed.append(paragraph)
            continue
        kept.append(paragraph)
    return _drop_repeats(kept, removed, keep_first=keep_first)


def _unglue(paragraphs: Iterable[str], removed: list[str]) -> Iterable[str]:
    for paragraph in paragraphs:
        tail = GLUED_TAIL.match(paragraph)
        if tail:
            removed.append(tail.group("drop"))
            paragraph = tail.group("keep")
        head = GLUED_HEAD.match(paragraph)
        if head:
            removed.append(head.group("drop"))
            paragraph = head.group("keep")
        yield paragraph


def _is_headline_like(line: str) -> bool:
    """Title Case, no closing punctuation: how links to other articles look."""
    if len(line) > 150 or SENTENCE_END.search(line):
        return False
    words = [word for word in re.findall(r"[^\W\d_][\w'’-]*", line) if len(word) > 3]
    if len(words) < 3:
        return False
    return sum(1 for word in words if word[0].isupper()) >= 0.7 * len(words)


def _drop_repeats(lines: list[str], removed: list[str], *, keep_first: bool) -> tuple[list[str], list[str]]:
    """A line that appears twice is a widget (a related-article link) or a copy: drop repeats,
    and every copy of a repeated headline-like line."""
    keys = [_collapse(line).casefold() for line in lines]
    counts = Counter(keys)
    kept: list[str] = []
    seen: set[str] = set()
    for index, (line, key) in enumerate(zip(lines, keys, strict=True)):
        protected = keep_first and index == 0
        repeated = counts[key] > 1 and len(key) >= 15
        if repeated and not protected and (key in seen or _is_headline_like(line)):
            removed.append(line)
        else:
            kept.append(line)
        seen.add(key)
    return kept, removed


LEDE_END = re.compile(r"[.!][\"”’)]*$")
LEDE_MIN_WORDS = 12


def _reads_as_lede(line: str) -> bool:
    """A full sentence (long, ending with a full stop), not a headline."""
    return bool(LEDE_END.search(line)) and len(line.split()) >= LEDE_MIN_WORDS


def _same_line(a: str, b: str) -> bool:
    return normalise_for_hash(a) == normalise_for_hash(b)


# ---------------------------------------------------------------------------------------------
# Dates

FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[_ .]|$)")
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
DATELINE = (
    re.compile(
        rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)
DATELINE_LINES = 5  # look in the first few paragraphs only
DATELINE_MAX_LENGTH = 160  # a dateline is a short line, or the start of the first paragraph
DATELINE_MAX_OFFSET = 60


def _published(
    metadata_date: dt.date | None, filename: str | None, paragraphs: Sequence[str]
) -> tuple[dt.date | None, bool]:
    if metadata_date is not None:
        return metadata_date, False
    from_name = date_from_filename(filename)
    if from_name is not None:
        return from_name, True
    from_text = dateline_date(paragraphs)
    if from_text is not None:
        return from_text, True
    return None, False


def date_from_filename(filename: str | None) -> dt.date | None:
    """The date in a name such as ``2023-10-27_yonhap-arrival.txt``."""
    match = FILENAME_DATE.match(filename or "")
    if not match:
        return None
    return _date(*match.groups())


def dateline_date(paragraphs: Sequence[str]) -> dt.date | None:
    """A date in a dateline near the top ("Oct. 27, 2023 - 11:19 By Yonhap")."""
    for paragraph in paragraphs[:DATELINE_LINES]:
        head = paragraph[:DATELINE_MAX_LENGTH]
        for pattern in DATELINE:
            match = pattern.search(head)
            if match and match.start() <= DATELINE_MAX_OFFSET:
                found = _date(match.group("year"), match.group("month"), match.group("day"))
                if found is not None:
                    return found
    return None


def _date(year: str, month: str, day: str) -> dt.date | None:
    month_number = int(month) if month.isdigit() else MONTHS.get(month.lower()[:3], 0)
    try:
        return dt.date(int(year), month_number, int(day))
    except ValueError:
        return None


def _parse_iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Language

# The commonest function words of each language: in running text they make up a third or more
# of the words, so their share tells the languages apart cheaply and without a model.
FUNCTION_WORDS = {
    "en": "the of and to a in that is was for on with as by at from it he she his her its they their "
    "this be are were has have had will would not but or an which who said been also than",
    "fr": "le la les de des du un une et est en que qui dans pour par sur au aux il elle ne pas se ce "
    "sont ont avec plus son sa ses été cette",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an als "
    "wie wird sind bei nach",
    "es": "el la los las de del y en que un una es por con para se no su al lo como más pero sus le ha "
    "fue este esta",
    "it": "il la di che e è un una per non del della con sono le gli da al si ha nel dei anche come "
    "più alla questo",
    "pt": "o a os as de do da dos das e que um uma em no na para com não por se foi mais ao ele seu sua como",
    "nl": "de het een en van is dat in op te zijn niet met voor die er ook als aan door maar om wordt",
}
FUNCTION_WORD_SETS = {language: frozenset(words.split()) for language, words in FUNCTION_WORDS.items()}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SCRIPTS = (  # (language, first code point, last code point); checked before the Latin-script vote
    ("ko", 0xAC00, 0xD7AF), ("ko", 0x1100, 0x11FF), ("ko", 0x3130, 0x318F),
    ("ja", 0x3040, 0x30FF),
    ("zh", 0x4E00, 0x9FFF),
    ("ru", 0x0400, 0x04FF),
    ("ar", 0x0600, 0x06FF),
    ("he", 0x0590, 0x05FF),
    ("el", 0x0370, 0x03FF),
    ("th", 0x0E00, 0x0E7F),
)  # fmt: skip
NON_LATIN_LETTER = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for _, first, last in SCRIPTS) + "]")
LETTER = re.compile(r"[^\W\d_]")
UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
LANGUAGE_SAMPLE = 5_000  # characters: plenty to tell a language by
MIN_WORDS = 5
MIN_SHARE = 0.10


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language when it can be told cheaply, else None.

    Non-Latin scripts are told by their letters (Hangul: "ko", Cyrillic: "ru" or "uk", ...);
    Latin-script text by the share of each language's commonest function words.
    """
    sample = text[:LANGUAGE_SAMPLE]
    by_script: Counter[str] = Counter()
    for char in NON_LATIN_LETTER.findall(sample):  # few or none in Latin-script text
        point = ord(char)
        for language, first, last in SCRIPTS:
            if first <= point <= last:
                by_script[language] += 1
                break
    if by_script:
        letters = len(LETTER.findall(sample))
        language, count = by_script.most_common(1)[0]
        if language == "zh" and by_script["ja"]:
            language, count = "ja", count + by_script["ja"]  # Japanese mixes kanji with kana
        if count >= 0.3 * letters:
            if language == "ru" and any(char in UKRAINIAN_LETTERS for char in sample):
                return "uk"
            return language
    words = [word.casefold().replace("’", "'") for word in WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    shares = {
        language: sum(1 for word in words if word in vocabulary) / len(words)
        for language, vocabulary in FUNCTION_WORD_SETS.items()
    }
    best = max(shares, key=shares.__getitem__)
    return best if shares[best] >= MIN_SHARE else None
