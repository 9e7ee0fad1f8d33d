"""Read a document from a local file or an upload. No ORM here.

The type comes from the file's extension and is confirmed by looking at the bytes: a PDF must
start like one, and a text file must not look binary. The size is checked before anything is
read, so an oversized file never reaches memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from .types import BOMS, Fetched, FetchError

CONTENT_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".pdf": "application/pdf",
}
SUPPORTED = ".txt, .html, .htm, .md, .markdown or .pdf"
SNIFF_BYTES = 8192
# Share of control characters (other than tab, line feed, carriage return, form feed) above
# which a "text" file is taken for binary data.
MAX_CONTROL_SHARE = 0.05
BINARY_SIGNATURES = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
)


def read_file(path: Path, *, max_bytes: int = 5_000_000) -> Fetched:
    """Read a .txt, .html/.htm, .md/.markdown or .pdf file of at most ``max_bytes``."""
    path = Path(path)
    content_type = _content_type_for(path.name)
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise FetchError(f"{path} is not a regular file")
            check_size(info.st_size, name=path.name, max_bytes=max_bytes)
            # The file may have grown since fstat: read one byte past the cap to notice.
            content = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise FetchError(f"{path} does not exist") from exc
    except IsADirectoryError as exc:
        raise FetchError(f"{path} is a directory, not a file") from exc
    except PermissionError as exc:
        raise FetchError(f"{path} cannot be read (permission denied)") from exc
    except OSError as exc:
        raise FetchError(f"{path} cannot be read ({exc.strerror or exc})") from exc
    return _fetched(
        content, content_type=content_type, name=path.name, locator=str(path), max_bytes=max_bytes
    )


def read_upload(name: str, content: bytes, *, max_bytes: int = 5_000_000) -> Fetched:
    """Check uploaded or pasted content as if it were a file called ``name``."""
    base = _base_name(name)
    content_type = _content_type_for(base)
    check_size(len(content), name=base, max_bytes=max_bytes)
    return _fetched(bytes(content), content_type=content_type, name=base, locator=base, max_bytes=max_bytes)


def _base_name(name: str) -> str:
    # An upload's name is the client's word: keep only its last component, whatever the separator.
    return PurePosixPath(PureWindowsPath(name or "").name).name.strip()


def _content_type_for(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    try:
        return CONTENT_TYPES[suffix]
    except KeyError:
        shown = f"'{suffix}'" if suffix else "no extension"
        raise FetchError(f"{name or 'the file'} has {shown}: only {SUPPORTED} files can be read") from None


def check_size(size: int, *, name: str, max_bytes: int) -> None:
    """Refuse an empty document or one over the cap, from its size alone (before reading it)."""
    if size == 0:
        raise FetchError(f"{name} is empty")
    if size > max_bytes:
        raise FetchError(f"{name} is larger than the {max_bytes / 1_000_000:g} MB cap ({size:,} bytes)")


def _fetched(content: bytes, *, content_type: str, name: str, locator: str, max_bytes: int) -> Fetched:
    check_size(len(content), name=name, max_bytes=max_bytes)
    charset = None
    if content_type == "application/pdf":
        if b"%PDF-" not in content[:1024]:  # the header may follow a little junk, as readers allow
            raise FetchError(f"{name} is named .pdf but is not a PDF")
    else:
        charset = sniff_text(content, name=name)
    return Fetched(
        content=content, content_type=content_type, locator=locator, charset=charset, filename=name
    )


def sniff_text(content: bytes, *, name: str) -> str | None:
    """Refuse bytes that are not text; return the charset a byte-order mark or the byte
    pattern reveals (UTF-16 without a mark), else None."""
    for bom, charset in BOMS:
        if content.startswith(bom):
            return charset
    head = content[:SNIFF_BYTES]
    if head.startswith(BINARY_SIGNATURES):
        raise FetchError(f"{name} looks like a binary file, not text")
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16:
            return utf16
        raise FetchError(f"{name} looks like a binary file, not text (it contains NUL bytes)")
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13) or byte == 127)
    if controls > MAX_CONTROL_SHARE * len(head):
        raise FetchError(f"{name} looks like a binary file, not text (mostly control characters)")
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: NUL in every other byte for Latin-script text."""
    if len(head) < 4:
        return None
    head = head[: len(head) // 2 * 2]
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    if odd_nuls > 0.3 * half and even_nuls == 0:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = head.decode(encoding, errors="strict")
    except UnicodeDecodeError:
        # The sample may end in the middle of a surrogate pair.
        try:
            text = head[:-2].decode(encoding, errors="strict")
        except UnicodeDecodeError:
            return None
    printable = sum(1 for char in text if char.isprintable() or char in "\t\n\r\f")
    return encoding if printable >= 0.95 * len(text) else None
