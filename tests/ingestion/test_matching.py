"""Scoring a finding against a row of the record: pure, no database."""

import datetime as dt

from ingestion.matching import (
    StatementFacts,
    TransferFacts,
    best,
    normalise,
    route_additions,
    statement_score,
    transfer_score,
)

NAMES = {1: "United States", 2: "United Kingdom", 10: "DPRK", 11: "Russia"}
CLAIM = normalise("North Korea delivered more than 1,000 containers of munitions to Russia")


def facts(**changes) -> StatementFacts:
    base = dict(originators=frozenset({5}), roots=frozenset({1}), speaker=None, stance="asserts",
                date=dt.date(2023, 10, 13), precision="day", texts=(CLAIM,))
    return StatementFacts(**{**base, **changes})


def score(found, recorded):
    return statement_score(found, recorded, record_id=7, label="statement #7", names=NAMES)


def test_same_originators_stance_day_and_words_is_strong():
    candidate = score(facts(), facts())
    assert candidate.strong and candidate.score >= 90
    assert candidate.reasons[:2] == ("same originators (United States)", "same stance (asserts)")


def test_the_same_words_weeks_apart_are_another_occasion():
    candidate = score(facts(date=dt.date(2023, 12, 22)), facts())
    assert not candidate.strong and "stated 70 days apart" in candidate.reasons


def test_a_month_precise_date_holds_a_day_in_it():
    candidate = score(facts(date=dt.date(2023, 10, 1), precision="month"), facts())
    assert candidate.strong and "stated the same day" in candidate.reasons


def test_another_originator_is_no_candidate():
    assert score(facts(originators=frozenset({6}), roots=frozenset({2})), facts()) is None


def test_another_stance_merges_only_on_the_same_sentence_of_the_same_document():
    sentence = (normalise("Seoul, Washington and Tokyo confirmed part of such weapons deliveries"),)
    found = facts(stance="asserts", documents=frozenset({3}), excerpts=sentence)
    recorded = facts(stance="condemns", documents=frozenset({3}), excerpts=sentence)
    assert score(found, recorded).strong
    assert not score(facts(stance="asserts"), facts(stance="condemns")).strong


def test_best_takes_the_highest_strong_candidate():
    weak = score(facts(date=dt.date(2024, 1, 1)), facts())
    strong = score(facts(), facts())
    assert best([weak, strong]) is strong and best([weak]) is None


def transfer(**changes) -> TransferFacts:
    base = dict(supplier_root=10, recipient_root=11, period_start=dt.date(2023, 9, 7),
                period_end=dt.date(2023, 10, 1), categories=frozenset({"military_equipment"}),
                items=("military equipment and munitions",), places=frozenset({1, 2}))
    return TransferFacts(**{**base, **changes})


def tscore(found, recorded):
    return transfer_score(found, recorded, record_id=3, label="transfer #3", names=NAMES)


def test_a_transfer_between_the_same_parties_over_the_same_route_is_strong():
    candidate = tscore(transfer(place_names={1: "Najin", 2: "Dunay"}), transfer())
    assert candidate.strong and "route shares Dunay, Najin" in candidate.reasons


def test_other_parties_or_disjoint_periods_do_not_merge():
    assert tscore(transfer(recipient_root=1), transfer()) is None
    late = tscore(transfer(period_start=dt.date(2024, 6, 1), period_end=dt.date(2024, 7, 1)), transfer())
    assert not late.strong and "periods do not overlap" in late.reasons


def test_an_article_cannot_report_a_transfer_that_began_after_it():
    candidate = tscore(transfer(period_start=None, period_end=None, places=frozenset(),
                                published=dt.date(2023, 9, 1)), transfer())
    assert not candidate.strong and any("predates" in r for r in candidate.reasons)


def test_route_additions_join_the_route_at_either_end_or_not_at_all():
    route = [(1, 2)]
    assert route_additions(route, [(1, 2, "sea"), (2, 3, "rail")]) == ([], [(2, 3, "rail")], [])
    assert route_additions(route, [(0, 1, "road")]) == ([(0, 1, "road")], [], [])
    assert route_additions(route, [(5, 6, "air")]) == ([], [], [(5, 6, "air")])
    assert route_additions([], [(1, 2, "sea"), (2, 3, "rail")]) == ([], [(1, 2, "sea"), (2, 3, "rail")], [])
