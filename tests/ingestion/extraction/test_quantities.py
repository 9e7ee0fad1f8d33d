"""Quantities with units and their bounds."""

from __future__ import annotations

import pytest

from ingestion.extraction.quantities import find_quantities


@pytest.mark.parametrize(("text", "low", "high", "unit", "qualifier"), [
    ("up to 1,000 containers", None, 1000, "containers", "up to"),
    ("more than 10,000 containers", 10000, None, "containers", "more than"),
    ("over 1,000 containers of equipment", 1000, None, "containers", "over"),
    ("millions of rounds", 2_000_000, None, "rounds", "millions of"),
    ("up to 50,000 Wagner soldiers", None, 50000, "soldiers", "up to"),
    ("about 9 million artillery rounds", 9_000_000, 9_000_000, "rounds", "about"),
    ("at least 100 ballistic missiles", 100, None, "missiles", "at least"),
    ("tens of thousands of troops", 20_000, None, "troops", "tens of thousands of"),
    ("290 km from the border", 290, 290, "km", ""),
])
def test_quantity_forms(text, low, high, unit, qualifier):
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert (q.low, q.high, q.unit, q.qualifier) == (low, high, unit, qualifier)
    assert text.startswith(q.text)


def test_years_and_model_numbers_are_not_quantities():
    assert find_quantities("In 2022 missiles flew; KN-23 missiles too; a two-day summit.") == []


@pytest.mark.parametrize(("text", "quantity", "unit"), [
    ("some 30 of their 122-millimeter howitzers were sent", "some 30 of their 122-millimeter howitzers", "howitzers"),
    ("nearly 500,000 152mm shells", "nearly 500,000 152mm shells", "shells"),
    ("about 60 Type-63 towed multiple rocket launchers", "about 60 Type-63 towed multiple rocket launchers", "launchers"),
])
def test_calibres_models_and_an_owner_before_the_unit(text, quantity, unit):
    found = find_quantities(text)
    assert [(q.text, q.unit) for q in found] == [(quantity, unit)]


def test_n_more_counts_in_the_unit_just_counted():
    found = find_quantities("Pyongyang sent 2,500 workers in May and another 1,500 more in July.")
    assert [(q.text, q.unit, q.low) for q in found] == [("2,500 workers", "workers", 2500),
                                                         ("1,500 more", "workers", 1500)]
    # not across a sentence, and not without a count before it
    assert [q.text for q in find_quantities("It sent 40 tanks. Then 10 more arrived.")] == ["40 tanks"]
    assert find_quantities("About 10 more were expected.") == []


def test_two_models_joined_by_and_are_one_count():
    found = find_quantities("North Korea had supplied Russia with about 148 KN-23 and KN-24 ballistic missiles.")
    assert [(q.text, q.unit) for q in found] == [("about 148 KN-23 and KN-24 ballistic missiles", "missiles")]
