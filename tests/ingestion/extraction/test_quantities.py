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
