"""Cleaning: decoding, text out of HTML/Markdown/PDF/plain text, boilerplate, title, date, language."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest

from ingestion import cleaning
from ingestion.cleaning import clean_document, content_hash, detect_language, normalise_for_hash
from ingestion.cleaning_types import CleaningError
from ingestion.fetchers.files import read_file
from ingestion.fetchers.types import Fetched

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# What each seed loses to cleaning, and nothing else.
SEED_BOILERPLATE = {
    "2023-08-31_white-house-says-russia-dprk-arms-talks-advancing.txt": {
        "Advertisement",
        "Other Topics of Interest",
        "Estonia Moves to Ban Russian, Belarusian Residents From Voting in Local Elections",
        "To suggest a correction or clarification, write to us here",
        "You can also highlight the text and press Ctrl + Enter",
    },
    "2023-09-06_north-korea-remains-russias-key-ally.txt": {
        "Read more from Yahoo News:",
        "AP: Kim Jong Un's possible trip to Russia could be like his 2019 journey. 20 hours on his armored train",
        "Yahoo News: The souring of U.S.-North Korea relations",
        "USA Today: Is Putin getting desperate in Ukraine? Outreach to North Korea puts spotlight on weapons "
        "shortages",
        "Time: Why China, Russia, and North Korea joining forces in the Indo-Pacific isn’t a prelude to war",
        "The Telegraph: Putin is developing a sinister new plan for victory",
    },
    "2023-10-19_has-north-korea-started-sending-russia-military-equipment.txt": {"Keep Reading"},
    "2023-10-20_russian-and-north-korean-foreign-ministers-hold-talks.txt": {"Related Posts"},
    "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt": {"From", "Send to"},
}
SEED_TITLES = {
    "2023-08-31_white-house-says-russia-dprk-arms-talks-advancing.txt": "The White House on Wednesday, Aug. 30, "
    "said it was “concerned” that Russia is in secret and active talks with North Korea to acquire a range of "
    "munitions and supplies for Moscow’s fight in Ukraine.",
    "2023-09-06_north-korea-remains-russias-key-ally.txt": "North Korea remains Russia's key ally in Ukraine invasion",
    "2023-10-19_has-north-korea-started-sending-russia-military-equipment.txt": "Has North Korea Started Sending "
    "Russia Military Equipment For Use In Ukraine War?",
    "2023-10-20_russian-and-north-korean-foreign-ministers-hold-talks.txt": "Russian and North Korean Foreign "
    "Ministers Hold Talks Amidst Heightened Western Concerns over Alleged Weapons Transfers",
    "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt": "Arrival of N. Korean arms in Russia "
    "'almost certain': British defense ministry",
}


def _text(
    content: str, *, content_type: str = "text/plain", filename: str | None = None, charset=None
) -> Fetched:
    return Fetched(
        content=content.encode("utf-8"),
        content_type=content_type,
        locator=filename or "test",
        charset=charset,
        filename=filename,
    )


def _seed(name: str):
    return clean_document(read_file(SEEDS / name))


# --- the seed articles


def test_every_seed_has_an_expectation():
    assert {path.name for path in SEEDS.glob("*.txt")} == set(SEED_BOILERPLATE)


@pytest.mark.parametrize("name", sorted(SEED_TITLES))
def test_seed_title_is_its_first_line_after_boilerplate(name):
    assert _seed(name).title == SEED_TITLES[name]


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_seed_loses_only_its_boilerplate_lines(name):
    cleaned = _seed(name)
    assert set(cleaned.removed_lines) == SEED_BOILERPLATE[name]
    for line in cleaned.removed_lines:
        assert line not in cleaned.text.split("\n\n")


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_seed_keeps_every_other_line_verbatim(name):
    cleaned = _seed(name)
    paragraphs = set(cleaned.text.split("\n\n"))
    for raw in (SEEDS / name).read_text(encoding="utf-8").splitlines():
        line = " ".join(raw.split())
        if line and line not in SEED_BOILERPLATE[name] and line != cleaned.title:
            assert line in paragraphs, line


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_seed_date_comes_from_the_file_name_and_language_is_english(name):
    cleaned = _seed(name)
    assert cleaned.published == dt.date.fromisoformat(name[:10])
    assert cleaned.published_inferred is True
    assert cleaned.language == "en"


def test_peskov_nothing_to_say_sentence_survives():
    cleaned = _seed("2023-09-06_north-korea-remains-russias-key-ally.txt")
    assert (
        "Dmitry Peskov, spokesman for the Kremlin, said there was “nothing to say” about the reports speculating "
        "on possible military cooperation between the two countries." in cleaned.text
    )
    assert "Kremlin’s response" in cleaned.text  # a sub-headline, not boilerplate


def test_uk_ministry_of_defence_almost_certain_quote_survives():
    cleaned = _seed("2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt")
    assert (
        "\"Despite Russia's official rejection of recent reports, it is almost certain that North Korean munitions "
        'have now reached ammunition depots in western Russia," the British ministry said' in cleaned.text
    )
    assert cleaned.text.startswith("Oct. 27, 2023 - 11:19 By Yonhap\n\n")  # the dateline stays


def test_question_sub_headlines_are_kept():
    cleaned = _seed("2023-08-31_white-house-says-russia-dprk-arms-talks-advancing.txt")
    for question in ("What makes them think that?", "Will Russia and North Korea listen to them?"):
        assert f"\n\n{question}\n\n" in cleaned.text


def test_a_lede_without_headline_stays_in_the_body():
    cleaned = _seed("2023-08-31_white-house-says-russia-dprk-arms-talks-advancing.txt")
    assert cleaned.text.startswith(cleaned.title)


def test_paragraphs_are_separated_by_blank_lines_with_whitespace_collapsed():
    cleaned = clean_document(
        _text("Title\n\nFirst   paragraph\there.\nSecond paragraph.\n\n\n\nThird one.\n")
    )
    assert cleaned.text == "First paragraph here.\n\nSecond paragraph.\n\nThird one."


def test_one_line_text_is_both_title_and_body():
    cleaned = clean_document(_text("Kim met Putin in Vostochny.\n"))
    assert (cleaned.title, cleaned.text) == ("Kim met Putin in Vostochny.", "Kim met Putin in Vostochny.")


def test_text_of_boilerplate_only_is_refused():
    with pytest.raises(CleaningError, match="no article text found"):
        clean_document(_text("Advertisement\nShare on Facebook\nRelated Posts\n"))


# --- boilerplate rules


def test_glued_widget_word_is_split_off_the_last_sentence():
    cleaned = clean_document(
        _text("A title\nHis visit is being closely monitored by leaders across the globe.From\nSend to\n")
    )
    assert cleaned.text == "His visit is being closely monitored by leaders across the globe."
    assert cleaned.removed_lines == ("From", "Send to")


@pytest.mark.parametrize(
    "line",
    [
        "Share on Facebook",
        "Tweet",
        "Copy link",
        "Email",
        "Sign up for our newsletter",
        "Sign up for our daily newsletter to get the latest on the war",
        "Click here to read the full report",
        "© 2023 Korea Herald. All rights reserved.",
        "Copyright 2023 The Associated Press. All rights reserved.",
        "All rights reserved.",
        "Advertisement",
        "ADVERTISEMENT",
        "Related Articles:",
        "Read more",
    ],
)
def test_widget_line_is_removed(line):
    cleaned = clean_document(
        _text(f"A title\nKim met Putin in Vostochny.\n{line}\nThe talks lasted hours.\n")
    )
    assert cleaned.text == "Kim met Putin in Vostochny.\n\nThe talks lasted hours."
    assert cleaned.removed_lines == (line,)


@pytest.mark.parametrize(
    "line",
    [
        "Russia’s share of the arms market has grown since 2022.",
        "From Pyongyang, the armoured train travelled north for two days.",
        "Email records reviewed by Reuters show the shipments were planned in July.",
        "Click, the sound of a shutter, was all reporters heard.",
        "(c) the Committee shall designate additional vessels;",
        "The ministry said all rights were reserved for a later decision.",
        "Why does Moscow need shells?",
    ],
)
def test_story_sentence_that_resembles_a_widget_is_kept(line):
    cleaned = clean_document(_text(f"A title\nKim met Putin.\n{line}\n"))
    assert line in cleaned.text.split("\n\n")
    assert cleaned.removed_lines == ()


def test_repeated_line_is_dropped_but_its_first_copy_kept():
    sentence = "The ministry said the depots support Russian operations."
    cleaned = clean_document(_text(f"A title\n{sentence}\nAnother sentence.\n{sentence}\n"))
    assert cleaned.text == f"{sentence}\n\nAnother sentence."
    assert cleaned.removed_lines == (sentence,)


def test_title_repeated_in_the_body_is_dropped_from_the_body():
    cleaned = clean_document(
        _text("Kim Visits Russia Again\nKim Visits Russia Again\nKim arrived on Tuesday.\n")
    )
    assert cleaned.title == "Kim Visits Russia Again"
    assert cleaned.text == "Kim arrived on Tuesday."


def test_hard_wrapped_text_is_joined_into_paragraphs():
    wrapped = (
        "Wire copy\n\n"
        "North Korea has sent more than one thousand containers of military\n"
        "equipment and munitions to Russia, the White House said on Friday,\n"
        "citing images of the shipments.\n\n"
        "Officials said the containers were moved by ship from Najin to Dunay\n"
        "and then by rail to a depot near Tikhoretsk close to the border.\n"
    )
    cleaned = clean_document(_text(wrapped))
    assert cleaned.title == "Wire copy"
    assert cleaned.text.split("\n\n") == [
        "North Korea has sent more than one thousand containers of military equipment and munitions to Russia, "
        "the White House said on Friday, citing images of the shipments.",
        "Officials said the containers were moved by ship from Najin to Dunay and then by rail to a depot near "
        "Tikhoretsk close to the border.",
    ]


# --- HTML


def test_script_and_style_text_never_reaches_the_text():
    scripts = "".join(
        f"<script>var tracker{i} = 'SCRIPTTEXT{i}'; document.write('x');</script>" for i in range(50)
    )
    html = (
        f"<html><head><title>Kim visits Russia</title><style>.STYLETEXT {{ color: red }}</style>{scripts}</head>"
        f"<body>{scripts}<article><p>North Korean leader Kim Jong Un met Russian President Vladimir Putin at the "
        f"Vostochny Cosmodrome on Wednesday, according to state media.</p>{scripts}"
        "<p>The two leaders discussed military cooperation, the Kremlin said in a statement after the talks.</p>"
        f"<noscript>NOSCRIPTTEXT</noscript></article>{scripts}</body></html>"
    )
    cleaned = clean_document(_text(html, content_type="text/html"))
    assert "Vostochny Cosmodrome" in cleaned.text
    for marker in ("SCRIPTTEXT", "STYLETEXT", "NOSCRIPTTEXT", "document.write", "var tracker"):
        assert marker not in cleaned.text


def test_html_navigation_footer_and_widgets_are_dropped():
    html = """<!doctype html><html lang="en"><head><meta charset="utf-8">
    <title>Kim visits Russia | News Site</title>
    <meta property="og:title" content="Kim visits Russia">
    <meta property="article:published_time" content="2023-09-13T08:00:00Z"></head>
    <body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
    <li><a href="/subscribe">Subscribe today</a></li></ul></nav>
    <header><h1>Kim visits Russia</h1></header>
    <article>
    <p>North Korean leader Kim Jong Un met Russian President Vladimir Putin at the Vostochny Cosmodrome
    on Wednesday, according to state media.</p>
    <p>Advertisement</p>
    <p>The two leaders discussed military cooperation, the Kremlin said in a statement released after the talks.</p>
    <p>Share on Facebook</p>
    <p>US officials have warned that any arms transfer would violate Security Council resolutions.</p>
    </article>
    <footer><p>© 2023 News Site. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
    </body></html>"""
    cleaned = clean_document(_text(html, content_type="text/html"))
    assert cleaned.title == "Kim visits Russia"
    assert cleaned.published == dt.date(2023, 9, 13)
    assert cleaned.published_inferred is False
    assert cleaned.language == "en"
    assert cleaned.text.split("\n\n") == [
        "North Korean leader Kim Jong Un met Russian President Vladimir Putin at the Vostochny Cosmodrome "
        "on Wednesday, according to state media.",
        "The two leaders discussed military cooperation, the Kremlin said in a statement released after the talks.",
        "US officials have warned that any arms transfer would violate Security Council resolutions.",
    ]
    for furniture in ("Home", "Subscribe today", "Privacy policy", "All rights reserved"):
        assert furniture not in cleaned.text


def test_html_without_metadata_date_falls_back_to_the_file_name():
    html = "<html><body><article><p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome, state media said.</p>"
    cleaned = clean_document(_text(html, content_type="text/html", filename="2023-09-13_summit.html"))
    assert (cleaned.published, cleaned.published_inferred) == (dt.date(2023, 9, 13), True)


def test_paragraphs_of_the_page_are_used_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(cleaning.trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    html = (
        "<html><head><title>Fallback title</title><script>SCRIPTTEXT</script></head>"
        "<body><div>menu</div><p>First paragraph.</p><p>Second <b>paragraph</b>.</p></body></html>"
    )
    cleaned = clean_document(_text(html, content_type="text/html"))
    assert cleaned.title == "Fallback title"
    assert cleaned.text == "First paragraph.\n\nSecond paragraph."


def test_html_without_article_text_is_refused():
    with pytest.raises(CleaningError, match="no article text found"):
        clean_document(
            _text("<html><body><script>var a = 1;</script></body></html>", content_type="text/html")
        )


def test_html_charset_from_meta_is_used():
    html = '<html><head><meta charset="windows-1252"></head><body><p>Le café de Pyongyang’s envoy.</p></body></html>'
    fetched = Fetched(content=html.encode("cp1252"), content_type="text/html", locator="x")
    assert "café de Pyongyang’s" in clean_document(fetched).text


# --- Markdown and PDF


def test_markdown_markup_is_stripped_and_first_heading_is_the_title():
    markdown = (
        "# Kim *meets* Putin\n\n"
        "![satellite image](https://example.com/najin.png)\n\n"
        'The **two leaders** met at the [Vostochny Cosmodrome](https://example.com/v "site") on _Wednesday_.\n'
        "They spoke for `four` hours.\n\n"
        "## What was agreed\n\n"
        "- Military cooperation\n"
        "- Satellite technology\n\n"
        "> Nothing to say, said Peskov.\n\n"
        "---\n"
    )
    cleaned = clean_document(_text(markdown, content_type="text/markdown"))
    assert cleaned.title == "Kim meets Putin"
    assert cleaned.text.split("\n\n") == [
        "The two leaders met at the Vostochny Cosmodrome on Wednesday. They spoke for four hours.",
        "What was agreed",
        "Military cooperation",
        "Satellite technology",
        "Nothing to say, said Peskov.",
    ]


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the given lines of text in Helvetica."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


PDF_LINES = [
    "Kim meets Putin",
    "North Korean leader Kim Jong Un met Russian President Vladimir Putin at the",
    "Vostochny Cosmodrome on Wednesday, the Kremlin said.",
    "The two leaders discussed military cooperation.",
]


def test_pdf_text_is_extracted_into_paragraphs():
    cleaned = clean_document(
        Fetched(content=_pdf(PDF_LINES), content_type="application/pdf", locator="a.pdf")
    )
    assert cleaned.title == "Kim meets Putin"
    assert cleaned.text == (
        "North Korean leader Kim Jong Un met Russian President Vladimir Putin at the Vostochny Cosmodrome on "
        "Wednesday, the Kremlin said.\n\nThe two leaders discussed military cooperation."
    )


def test_encrypted_pdf_is_refused():
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_pdf(PDF_LINES)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(CleaningError, match="encrypted"):
        clean_document(Fetched(content=out.getvalue(), content_type="application/pdf", locator="a.pdf"))


def test_broken_pdf_is_refused():
    with pytest.raises(CleaningError, match="PDF"):
        clean_document(
            Fetched(content=b"%PDF-1.4\n garbage \x00\x01", content_type="application/pdf", locator="a")
        )


# --- decoding


def test_utf8_bom_is_removed():
    fetched = Fetched(
        content="\ufeffTitle\nPyongyang’s café.".encode(), content_type="text/plain", locator="x"
    )
    cleaned = clean_document(fetched)
    assert (cleaned.title, cleaned.text) == ("Title", "Pyongyang’s café.")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_pyongyangs_cafe_round_trips_without_a_declared_charset(encoding):
    text = "A title\nPyongyang’s envoy drank coffee at a café in Moscow with the delegation.\n"
    cleaned = clean_document(Fetched(content=text.encode(encoding), content_type="text/plain", locator="x"))
    assert cleaned.text == "Pyongyang’s envoy drank coffee at a café in Moscow with the delegation."


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
@pytest.mark.parametrize("sentence", [
    "Le ministre a déclaré à la presse que les munitions étaient arrivées à Rajin, où les navires attendaient.",
    "Voilà à la fin.",
    "Der Außenminister äußerte sich über die Lieferungen über Rajin.",
    "El ministro habló de la munición que llegó a Rajin en otoño.",
])
def test_undeclared_western_text_is_read_as_windows_1252_not_central_european(encoding, sentence):
    """Detection ties between cp1250 and cp1252 for such text; "à" must not become "ŕ"."""
    fetched = Fetched(content=f"A title\n{sentence}\n".encode(encoding), content_type="text/plain", locator="x")
    assert clean_document(fetched).text == sentence


@pytest.mark.parametrize("encoding,sentence", [
    ("cp1250", "Zażółć gęślą jaźń: minister spraw zagranicznych powiedział, że dostawy amunicji z Korei "
               "Północnej przez port Rajin trwają."),
    ("cp1251", "Министр заявил, что поставки боеприпасов из Северной Кореи через порт Раджин продолжаются."),
])
def test_text_only_another_code_page_reads_well_keeps_the_detected_one(encoding, sentence):
    fetched = Fetched(content=f"A title\n{sentence}\n".encode(encoding), content_type="text/plain", locator="x")
    assert clean_document(fetched).text == sentence


def test_declared_latin1_is_read_as_windows_1252():
    text = "A title\nPyongyang’s café.\n"
    fetched = Fetched(
        content=text.encode("cp1252"), content_type="text/plain", locator="x", charset="iso-8859-1"
    )
    assert clean_document(fetched).text == "Pyongyang’s café."


def test_wrong_declared_charset_falls_back_to_utf8():
    fetched = _text("A title\nPyongyang’s café.\n", charset="utf-16")
    assert clean_document(fetched).text == "Pyongyang’s café."


@pytest.mark.parametrize(
    "content", [b"", b"   \n\n  ", bytes(range(256)) * 20, b"\x00\x01\x02\x03\x04" * 500]
)
def test_empty_or_binary_content_is_refused(content):
    with pytest.raises(CleaningError, match="empty|binary|not text"):
        clean_document(Fetched(content=content, content_type="text/plain", locator="x"))


# --- dates


def test_date_comes_from_the_file_name_prefix():
    cleaned = clean_document(_text("A title\nKim met Putin.\n", filename="2023-10-19_story.txt"))
    assert (cleaned.published, cleaned.published_inferred) == (dt.date(2023, 10, 19), True)


def test_yonhap_dateline_gives_the_date():
    text = (SEEDS / "2023-10-27_yonhap-arrival-of-north-korean-arms-almost-certain.txt").read_text()
    cleaned = clean_document(_text(text, filename="yonhap.txt"))
    assert (cleaned.published, cleaned.published_inferred) == (dt.date(2023, 10, 27), True)


@pytest.mark.parametrize(
    "dateline, expected",
    [
        ("September 6, 2023", dt.date(2023, 9, 6)),
        ("Sept. 6, 2023 5:00 PM EDT", dt.date(2023, 9, 6)),
        ("6 September 2023", dt.date(2023, 9, 6)),
        ("Published 2023-09-06", dt.date(2023, 9, 6)),
    ],
)
def test_dateline_near_the_top_gives_the_date(dateline, expected):
    cleaned = clean_document(_text(f"A title\n{dateline}\nKim met Putin.\n"))
    assert (cleaned.published, cleaned.published_inferred) == (expected, True)


def test_date_deep_in_the_story_is_not_a_dateline():
    body = "\n".join(f"Paragraph {i} about the talks." for i in range(8))
    cleaned = clean_document(_text(f"A title\n{body}\nOn September 6, 2023 the talks ended.\n"))
    assert cleaned.published is None
    assert cleaned.published_inferred is False


# --- language


def test_french_article_is_not_english():
    text = (
        "La Corée du Nord livre des munitions à la Russie\n"
        "Selon la Maison Blanche, Pyongyang a envoyé plus de mille conteneurs d'équipements militaires et de "
        "munitions à la Russie, qui les utilise dans sa guerre contre l'Ukraine. Le Kremlin n'a pas commenté."
    )
    cleaned = clean_document(_text(text))
    assert cleaned.language == "fr"


def test_korean_article_is_not_english():
    text = "북한, 러시아에 무기 공급\n미국 백악관은 북한이 러시아에 컨테이너 1천 개 이상의 군사 장비와 탄약을 보냈다고 밝혔다."
    assert clean_document(_text(text)).language == "ko"


def test_russian_article_is_not_english():
    text = "Песков: нечего сказать\nВ Кремле заявили, что им нечего сказать о сообщениях о поставках оружия."
    assert clean_document(_text(text)).language == "ru"


def test_too_little_text_has_no_language():
    assert detect_language("Kim Jong Un") is None


# --- hashing


def test_hash_is_equal_for_the_same_text_with_different_whitespace_quotes_and_case():
    a = "Peskov said there was “nothing to say” — about the reports.\n\nKim’s train   left."
    b = 'PESKOV said there was "nothing to say" - about the reports. Kim\'s train left.  '
    assert normalise_for_hash(a) == normalise_for_hash(b)
    assert content_hash(a) == content_hash(b)
    assert len(content_hash(a)) == 64


def test_hash_differs_for_different_text():
    assert content_hash("Kim met Putin.") != content_hash("Kim met Xi.")


def test_normalise_for_hash_applies_nfkc():
    assert normalise_for_hash("ﬁve\u00a0ｍｉｓｓｉｌｅｓ\u200b") == "five missiles"
