"""A wire-style article written for these tests, unlike the seeds: determiners before
bodies, a reported clause nested in an attribution, a route named with "between"."""

import datetime as dt

from ingestion.extraction import extract

from .reference_fixture import seed_gazetteer

TEXT = (
    "SEOUL, Feb 27 (Reuters) - North Korea has shipped around 6,700 containers of munitions to Russia "
    "since July, South Korean Defence Minister Shin Won-sik said on Tuesday.\n\n"
    "The Kremlin has repeatedly denied receiving weapons from Pyongyang. Asked about the report, Kremlin "
    "spokesman Dmitry Peskov said Moscow would not comment on \"such speculation\".\n\n"
    "A U.S. State Department spokesperson said Washington was \"deeply concerned\" and that the transfers "
    "violated U.N. Security Council resolutions, including resolution 2270."
)


def run():
    return extract(TEXT, reference=seed_gazetteer(), published=dt.date(2024, 2, 27))


def test_a_body_named_after_an_article_is_the_known_body():
    organisations = {m.name for m in run().mentions if m.category == "organization"}

    assert "US State Department" in organisations
    assert not any(name.startswith(("A ", "An ")) for name in organisations)


def test_a_clause_reported_inside_an_attribution_is_one_statement():
    declines = [s for s in run().statements if s.stance == "declines_to_comment"]

    assert len(declines) == 1
    assert declines[0].speaker == "Dmitry Peskov"


def test_the_wire_statements_have_their_originators_and_stances():
    found = {(s.on_behalf_of, s.stance) for s in run().statements}

    assert ("Republic of Korea", "asserts") in found
    assert ("Kremlin", "denies") in found
    assert ("US State Department", "asserts") in found
