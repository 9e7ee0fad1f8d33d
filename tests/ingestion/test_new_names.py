"""Which unresolved names become new-actor, new-place and new-vessel proposals: not capitals
standing for their governments, not datelines, not capitalised words that are not names.
Pure: an extraction built by hand, no database."""

import pytest

from ingestion.extraction.sentences import split_sentences
from ingestion.extraction.types import Extraction, LegCandidate, Mention, TransferCandidate
from ingestion.services.proposals import _lower_case_words, _route_names, new_name_refusal


def _refusal(text: str, written: str, category: str = "place", *, occurrence: int = 0, name: str | None = None,
             route: tuple[str, ...] = ()) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(written, start + 1)
    mention = Mention(category=category, text=written, start=start, end=start + len(written),
                      name=name or written, key=None, method="pattern")
    transfers = ()
    if route:
        transfers = (TransferCandidate(
            supplier="DPRK", supplier_key=None, recipient="Russia", recipient_key=None, items=("shells",),
            item_categories=(), quantity=None, period_start=None, period_end=None, route=route,
            legs=(LegCandidate(from_place=route[0], from_key=None, to_place=route[-1], to_key=None, mode="rail"),),
            status_claimed=None, start=0, end=len(text)),)
    extraction = Extraction(version="test", text=text, title=None, published=None,
                            sentences=tuple(split_sentences(text)), mentions=(mention,), transfers=transfers)
    return new_name_refusal(mention, extraction, route=_route_names(extraction),
                            lower=_lower_case_words(text))


@pytest.mark.parametrize("text, written", [
    ("Moscow has denied receiving any shells.", "Moscow"),
    ("Washington's revelation followed a report.", "Washington's"),
    ("Officials in Washington have accused Kim of selling weapons.", "Washington"),
    ("Seoul, Washington and Tokyo confirmed part of the shipments.", "Tokyo"),
    ("Pyongyang and Moscow are building an unbreakable alliance.", "Pyongyang"),
    ("Kyiv had intelligence that troops were sent.", "Kyiv"),
    ("Beijing declined to comment.", "Beijing"),
])
def test_a_capital_standing_for_its_government_is_not_a_new_place(text, written):
    assert _refusal(text, written, name=written.removesuffix("'s")) == "a capital standing for its government"


def test_a_capital_on_a_transfers_route_is_a_new_place():
    text = "The shells went by rail from Moscow to Belgorod."
    assert _refusal(text, "Moscow", route=("Moscow", "Belgorod")) == ""


def test_a_dateline_is_not_a_new_place():
    text = "BRUSSELS, June 20 (AP) - The European Union warned North Korea."
    assert _refusal(text, "BRUSSELS", name="Brussels") == "a dateline"
    assert _refusal("Ministers met in Brussels on Friday.", "Brussels") == ""


@pytest.mark.parametrize("text, written, category", [
    ("Western Officials said the shells arrived.", "Western Officials", "organization"),
    ("The deliveries began in September.", "September", "place"),
    ("The Foreign Minister said nothing.", "Foreign Minister", "person"),
    ("The Vice-President said nothing.", "Vice-President", "person"),
    ("Analysts said the trade would grow.", "Analysts", "organization"),
])
def test_capitalised_words_that_are_not_names_are_not_proposed(text, written, category):
    assert _refusal(text, written, category) == "not a name"


@pytest.mark.parametrize("text, written, category", [
    ("Russian arms dealers said the shells arrived.", "Russian arms dealers", "organization"),
    ("Shells reached the front lines near Kursk.", "front lines", "place"),
])
def test_a_description_is_not_a_name(text, written, category):
    assert _refusal(text, written, category) == "a description, not a name"


def test_a_common_word_opening_a_sentence_is_not_a_name():
    text = "Shipments rose. Experts think the shipments will continue."
    assert _refusal(text, "Shipments", "organization") == "a common word opening a sentence"


@pytest.mark.parametrize("text, written, category", [
    ("Putin met then-President Donald Trump.", "Donald Trump", "person"),
    ("Cheong, director of the Center for North Korean Studies, said so.", "Center for North Korean Studies",
     "organization"),
    ("Troops were deployed to Russia's Kursk region last month.", "Kursk region", "place"),
    ("Shells were unloaded at Rostov-on-Don.", "Rostov-on-Don", "place"),
    ("The talks with Kim Jong-un went on.", "Kim Jong-un", "person"),
    ("The envoy met Bashar al-Assad in Damascus.", "Bashar al-Assad", "person"),
    # A state's body as extraction names it is a body the record may add.
    ("The Russian military is believed to be burning through shells.", "Russian military", "organization"),
    ("North Korea's mission to the United Nations did not respond.", "North Korea's mission to the United Nations",
     "organization"),
    ("Bakhmut saw heavy fighting.", "Bakhmut", "place"),
])
def test_names_are_still_proposed(text, written, category):
    assert _refusal(text, written, category) == ""
