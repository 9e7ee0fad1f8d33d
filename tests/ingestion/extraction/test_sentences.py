"""Sentence splitting with offsets."""

from __future__ import annotations

from ingestion.extraction.sentences import paragraphs_of, split_sentences


def parts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences():
    text = ("The U.S. official met Gen. Kim on Oct. 5 in N. Korea. He left. "
            "The White House on Wednesday, Aug. 30, said so.")
    assert parts(text) == [
        "The U.S. official met Gen. Kim on Oct. 5 in N. Korea.",
        "He left.",
        "The White House on Wednesday, Aug. 30, said so.",
    ]


def test_an_abbreviation_at_the_end_of_a_sentence():
    assert parts("Shells went to the U.S. The ship left.") == ["Shells went to the U.S.", "The ship left."]


def test_closing_quotes_stay_with_their_sentence():
    text = "“We will act.” Kirby said it twice. “Really?” he asked."
    assert parts(text) == ["“We will act.”", "Kirby said it twice.", "“Really?” he asked."]


def test_line_breaks_end_paragraphs_and_sentences():
    text = "Headline without a stop\nFirst paragraph.\n\nSecond paragraph."
    assert parts(text) == ["Headline without a stop", "First paragraph.", "Second paragraph."]
    assert [text[a:b] for a, b in paragraphs_of(text)] == parts(text)


def test_wrapped_lines_are_joined():
    text = "A sentence that was\nwrapped in the source. Another."
    assert parts(text) == ["A sentence that was\nwrapped in the source.", "Another."]


def test_offsets_point_into_the_text():
    text = "  One.  Two!\n\n Three? "
    for s in split_sentences(text):
        assert text[s.start:s.end].strip() == text[s.start:s.end]
    assert parts(text) == ["One.", "Two!", "Three?"]
