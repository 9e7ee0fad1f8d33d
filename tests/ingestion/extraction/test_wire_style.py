"""A wire-style article written for these tests, unlike the seeds: determiners before
bodies, a reported clause nested in an attribution, a route named with "between"."""

import datetime as dt

from ingestion.extraction import extract

import pytest

from .reference_fixture import model_or_skip, seed_gazetteer

_model = None


@pytest.fixture(autouse=True, params=["rules", "model"])
def mode(request):
    """Every case by the rules alone and with the statistical model (the parse)."""
    global _model
    _model = model_or_skip() if request.param == "model" else None
    yield request.param
    _model = None

TEXT = (
    "SEOUL, Feb 27 (Reuters) - North Korea has shipped around 6,700 containers of munitions to Russia "
    "since July, South Korean Defence Minister Shin Won-sik said on Tuesday.\n\n"
    "The Kremlin has repeatedly denied receiving weapons from Pyongyang. Asked about the report, Kremlin "
    "spokesman Dmitry Peskov said Moscow would not comment on \"such speculation\".\n\n"
    "A U.S. State Department spokesperson said Washington was \"deeply concerned\" and that the transfers "
    "violated U.N. Security Council resolutions, including resolution 2270."
)


def run():
    return extract(TEXT, reference=seed_gazetteer(), published=dt.date(2024, 2, 27), ner=_model)


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

    # the defence minister speaks for his ministry where the record has it (its root is the ROK)
    assert {("Republic of Korea", "asserts"), ("South Korean Defense Ministry", "asserts")} & found
    assert ("Kremlin", "denies") in found
    # "deeply concerned": concern voiced is a warning, as the gold annotates it
    assert ("US State Department", "warns") in found


ROUTE_TEXT = (
    "WASHINGTON (AP) — A sharp increase in rail traffic suggests Pyongyang is supplying Moscow with munitions, "
    "according to a report released Friday by a Washington-based think tank.\n\n"
    "The White House said last month that North Korea had delivered more than 1,000 containers of military "
    "equipment and munitions to Russia. National Security Council spokesman John Kirby said the shipments were "
    "carried by the vessel Angara between the port of Rajin and the Russian port of Dunai, and then by rail to "
    "an ammunition depot near Tikhoretsk.\n\n"
    "Japan's Chief Cabinet Secretary Hirokazu Matsuno condemned the transfers on Thursday."
)


def test_a_route_between_described_ports_has_its_legs_in_order_with_their_modes():
    extraction = extract(ROUTE_TEXT, reference=seed_gazetteer(), published=dt.date(2023, 11, 10), ner=_model)

    transfer = next(t for t in extraction.transfers if len(t.legs) >= 2)
    legs = [(leg.from_place, leg.to_place, leg.mode) for leg in transfer.legs]
    assert legs[0][2] == "sea" and "Rajin" in legs[0][0] and "Dunay" in legs[0][1]
    assert legs[1][2] == "rail" and "Tikhoretsk" in legs[1][1]


def test_the_day_a_report_came_out_or_a_condemnation_was_made_is_not_the_transfer_period():
    extraction = extract(ROUTE_TEXT, reference=seed_gazetteer(), published=dt.date(2023, 11, 10), ner=_model)

    starts = {t.period_start for t in extraction.transfers}
    assert dt.date(2023, 11, 10) not in starts  # "released Friday"
    assert dt.date(2023, 11, 9) not in starts  # "condemned ... on Thursday"


def test_the_day_of_a_condemnation_or_a_briefing_is_when_the_statement_was_made():
    text = ROUTE_TEXT + (
        "\n\nRussian Foreign Ministry spokeswoman Maria Zakharova dismissed the allegations as \"groundless\" "
        "at a briefing in Moscow on Wednesday."
    )
    extraction = extract(text, reference=seed_gazetteer(), published=dt.date(2023, 11, 10), ner=_model)

    dates = {s.speaker: s.date for s in extraction.statements}
    assert dates["Hirokazu Matsuno"] == dt.date(2023, 11, 9)
    assert dates["Maria Zakharova"] == dt.date(2023, 11, 8)


def test_the_report_said_speaks_for_the_body_that_published_it():
    text = (
        "The Center for Strategic and International Studies said satellite imagery showed 73 rail cars at the "
        "Tumangang rail facility.\n\n"
        "\"This likely indicates North Korea's provision of arms and munitions to Russia,\" the report said."
    )
    extraction = extract(text, reference=seed_gazetteer(), published=dt.date(2023, 11, 10), ner=_model)

    assessment = next(s for s in extraction.statements if s.stance == "assesses")
    assert assessment.on_behalf_of == "Center for Strategic and International Studies"
    assert assessment.probability_term == "likely"
