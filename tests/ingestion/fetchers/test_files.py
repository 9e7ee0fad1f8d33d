"""Reading documents from files and uploads: type by extension, confirmed by the bytes."""

from __future__ import annotations

import pytest

from ingestion.cleaning import clean_document
from ingestion.fetchers.files import read_file, read_upload
from ingestion.fetchers.types import FetchError

TEXT = "Pyongyang’s envoy met reporters at a café in Moscow.\nThe talks went on for hours.\n"


def test_text_file_is_read_with_its_name(tmp_path):
    path = tmp_path / "2023-10-27_envoy.txt"
    path.write_text(TEXT, encoding="utf-8")
    fetched = read_file(path)
    assert fetched.content == TEXT.encode()
    assert fetched.content_type == "text/plain"
    assert fetched.filename == "2023-10-27_envoy.txt"
    assert fetched.locator == str(path)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(FetchError, match="empty") as caught:
        read_file(path)
    assert not caught.value.transient


def test_text_file_with_nul_bytes_is_refused_as_binary(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(FetchError, match="binary"):
        read_file(path)


def test_text_file_of_control_characters_is_refused_as_binary(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08 abc" * 100)
    with pytest.raises(FetchError, match="binary"):
        read_file(path)


def test_image_renamed_to_txt_is_refused_as_binary(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"A" * 100)
    with pytest.raises(FetchError, match="binary"):
        read_file(path)


def test_fifty_megabyte_file_is_refused_by_the_cap_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written or read
    reads = []
    real_open = type(path).open

    def spying_open(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        real_read = handle.read
        handle.read = lambda *a: reads.append(a) or real_read(*a)
        return handle

    monkeypatch.setattr(type(path), "open", spying_open)
    with pytest.raises(FetchError, match="larger than the 5 MB cap") as caught:
        read_file(path)
    assert not caught.value.transient
    assert reads == []


def test_cap_is_configurable(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x" * 2000)
    with pytest.raises(FetchError, match="larger than the 0.001 MB cap"):
        read_file(path, max_bytes=1000)


def test_latin1_text_file_comes_out_right(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(TEXT.encode("cp1252"))  # "Latin-1" as Windows writes it, curly quote included
    cleaned = clean_document(read_file(path))
    assert cleaned.title == "Pyongyang’s envoy met reporters at a café in Moscow."
    assert cleaned.text == "The talks went on for hours."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_file_comes_out_right(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    path.write_bytes(TEXT.encode(encoding))  # "utf-16" writes a byte-order mark, the others do not
    cleaned = clean_document(read_file(path))
    assert cleaned.title == "Pyongyang’s envoy met reporters at a café in Moscow."


@pytest.mark.parametrize("name", ["report.docx", "image.png", "archive.zip", "noextension"])
def test_unsupported_extension_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_text("text")
    with pytest.raises(FetchError, match=r"only \.txt, \.html, \.htm, \.md, \.markdown or \.pdf"):
        read_file(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(FetchError, match="does not exist"):
        read_file(tmp_path / "nowhere.txt")


def test_directory_is_refused(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(FetchError, match="directory|not a regular file"):
        read_file(folder)


def test_markdown_file_is_read_as_markdown(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Kim meets Putin\n\nThe **two leaders** met in [Vostochny](https://example.com).\n")
    fetched = read_file(path)
    assert fetched.content_type == "text/markdown"
    cleaned = clean_document(fetched)
    assert cleaned.title == "Kim meets Putin"
    assert cleaned.text == "The two leaders met in Vostochny."


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_file_is_read_as_html(tmp_path, suffix):
    path = tmp_path / f"page{suffix}"
    path.write_text(
        "<html><head><title>Kim meets Putin</title><script>var x = 'SCRIPT';</script></head>"
        "<body><p>North Korean leader Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on "
        "Wednesday, the Kremlin said.</p></body></html>"
    )
    fetched = read_file(path)
    assert fetched.content_type == "text/html"
    cleaned = clean_document(fetched)
    assert "Vostochny Cosmodrome" in cleaned.text
    assert "SCRIPT" not in cleaned.text


def test_pdf_must_start_like_a_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("just text pretending")
    with pytest.raises(FetchError, match="not a PDF"):
        read_file(path)


def test_upload_is_checked_like_a_file():
    fetched = read_upload("C:\\Users\\anna\\2023-10-19_story.txt", TEXT.encode())
    assert fetched.filename == "2023-10-19_story.txt"
    assert fetched.content_type == "text/plain"
    with pytest.raises(FetchError, match="empty"):
        read_upload("pasted.txt", b"")
    with pytest.raises(FetchError, match="binary"):
        read_upload("pasted.txt", b"\x00\x01\x02\x03" * 50)
    with pytest.raises(FetchError, match="only"):
        read_upload("../../etc/passwd", b"root:x:0:0")
    with pytest.raises(FetchError, match="larger than the 0.01 MB cap"):
        read_upload("big.txt", b"a" * 20_000, max_bytes=10_000)
