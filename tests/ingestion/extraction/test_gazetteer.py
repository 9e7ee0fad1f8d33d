"""Matching names against the reference data and the built-in vocabulary."""

from __future__ import annotations

import dataclasses

from ingestion.extraction import extract
from ingestion.extraction.gazetteer import Gazetteer
from ingestion.extraction.types import ReferenceEntry

from .reference_fixture import seed_gazetteer, seed_reference


def mentions(text: str):
    return extract(text, reference=seed_gazetteer()).mentions


def names(text: str, category: str) -> list[str]:
    return [m.name for m in mentions(text) if m.category == category]


def test_short_all_capital_aliases_match_only_in_capitals():
    assert names("The US and the UK said North Korea's missiles were shipped to us.", "country") == [
        "United States", "United Kingdom", "DPRK",
    ]
    assert names("The U.S. and NSC officials met.", "organization") == ["US National Security Council"]


def test_possessives_and_typographic_apostrophes():
    assert names("North Korea’s leader and Russia's army.", "country") == ["DPRK", "Russia"]


def test_aliases_of_places_and_hyphenated_names():
    assert names("Ships left Najin, then Rajin again, for Dunay.", "place") == [
        "Rajin (Najin) port", "Rajin (Najin) port", "Dunay naval facility",
    ]
    assert names("Kim Jong-un met Kim Jong Un.", "person") == ["Kim Jong Un", "Kim Jong Un"]


def test_state_adjective_with_a_body_noun_resolves_to_the_recorded_body():
    for text in ("Britain's defence ministry said.", "The British defense ministry said.",
                 "The UK's Ministry of Defence said."):
        assert "UK Ministry of Defence" in names(text, "organization"), text


def test_body_of_a_state_without_one_on_record_is_a_new_organisation():
    found = [m for m in mentions("Japan's foreign ministry said.") if m.category == "organization"]
    assert [(m.name, m.key, m.method) for m in found] == [("Japanese Foreign Ministry", None, "pattern")]


def test_capitals_are_never_listed_as_states_by_their_own_names():
    # standing for their governments they are mentions of their states (test_entities.py)
    found = mentions("Pyongyang and Moscow talked while Washington watched.")
    assert [(m.category, m.text, m.name) for m in found] == [
        ("country", "Pyongyang", "DPRK"), ("country", "Moscow", "Russia"), ("country", "Washington", "United States"),
    ]


def test_states_not_on_record_come_from_iso_3166_with_common_names():
    found = [m for m in mentions("Brazil, Iran and Syria abstained.") if m.category == "country"]
    assert [(m.name, m.key) for m in found] == [("Brazil", None), ("Iran", "actor:7"), ("Syria", None)]


def test_vessel_names_need_a_shipping_context():
    assert names("The cargo ship Angara docked at Rajin.", "vessel") == ["Angara"]
    assert names("Maria Zakharova spoke.", "vessel") == []


def test_resolutions_by_number_and_in_general():
    assert names("It breached resolution 1718 (2006), UNSCR 2270 and resolutions 2321 and 2397, and "
                 "other Security Council resolutions.", "resolution") == [
        "UNSCR 1718", "UNSCR 2270", "UNSCR 2321", "UNSCR 2397", "UN Security Council resolutions",
    ]  # "other" resolutions are not the ones numbered: an unresolved reference
    # In general, when the article names none (a general reference spelled out by the list
    # after it is those: "multiple U.N. Security Council resolutions -- resolutions 1718 (2006), ...")
    assert names("It breached Security Council resolutions.", "resolution") == ["UN Security Council resolutions"]


def test_unknown_people_are_kept_as_proposals():
    found = [m for m in mentions("North Korean arms were sold, Russian Deputy Foreign Minister Sergei Ryabkov said.")
             if m.category == "person"]
    assert [(m.name, m.key, m.method, m.role, m.affiliation) for m in found] == [
        ("Sergei Ryabkov", None, "pattern", "Deputy Foreign Minister", "Russia"),
    ]


def test_surname_alone_refers_to_the_person_named_before():
    found = [m.name for m in mentions("Defense Minister Andrei Belousov spoke. Belousov said more.")
             if m.category == "person"]
    assert found == ["Andrei Belousov", "Andrei Belousov"]


def test_build_is_cached_by_fingerprint():
    reference = seed_reference()
    assert Gazetteer.build(reference) is Gazetteer.build(reference)
    changed = dataclasses.replace(
        reference,
        entries=(*reference.entries, ReferenceEntry(key="place:99", category="place", name="Chongjin port",
                                                    aliases=("Chongjin",), country="KP")),
        fingerprint="changed",
    )
    rebuilt = Gazetteer.build(changed)
    assert rebuilt is not Gazetteer.build(reference)
    assert [m.key for m in extract("Ships left Chongjin.", reference=rebuilt).mentions] == ["place:99"]


def test_a_given_name_written_last_is_no_surname_of_its_own():
    """The record knows Gen Nakatani also as "Nakatani Gen" (family name first): "Gen."
    alone is a general's title, not him; "Nakatani" alone is."""
    found = [m.name for m in mentions("Pentagon press secretary Brig. Gen. Pat Ryder said North Korean troops were "
                                      "in Russia. Japan's Defense Minister Nakatani Gen agreed. Nakatani said more.")
             if m.category == "person"]
    assert found == ["Pat Ryder", "Gen Nakatani", "Gen Nakatani"]
