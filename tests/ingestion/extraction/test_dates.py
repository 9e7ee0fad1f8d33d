"""Absolute and relative dates, resolved against the article's date."""

from __future__ import annotations

import datetime as dt

import pytest

from ingestion.extraction.dates import find_dates

THURSDAY = dt.date(2023, 10, 19)


def one(text: str, published: dt.date | None = THURSDAY):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value", "end", "precision"), [
    ("on Friday", "2023-10-13", None, "day"),
    ("on Thursday (local time)", "2023-10-19", None, "day"),
    ("last week", "2023-10-09", "2023-10-15", "day"),
    ("last month", "2023-09-01", "2023-09-30", "month"),
    ("last year", "2022-01-01", "2022-12-31", "year"),
    ("earlier this year", "2023-01-01", "2023-10-19", "year"),
    ("in December", "2022-12-01", "2022-12-31", "month"),
    ("in September", "2023-09-01", "2023-09-30", "month"),
    ("Last September", "2023-09-01", "2023-09-30", "month"),
    ("Last November", "2022-11-01", "2022-11-30", "month"),
    ("between September 7 and October 1", "2023-09-07", "2023-10-01", "day"),
    ("between September and October", "2023-09-01", "2023-10-31", "month"),
    ("from Sept. 7 to Oct. 1, 2023", "2023-09-07", "2023-10-01", "day"),
    ("on Wednesday, Aug. 30,", "2023-08-30", None, "day"),
    ("Oct. 27, 2023", "2023-10-27", None, "day"),
    ("13 September 2023", "2023-09-13", None, "day"),
    ("in February 2022", "2022-02-01", "2022-02-28", "month"),
    ("since September", "2023-09-01", None, "month"),
    ("in 2022", "2022-01-01", "2022-12-31", "year"),
    ("two weeks ago", "2023-10-05", None, "day"),
    ("yesterday", "2023-10-18", None, "day"),
    ("2023-10-13", "2023-10-13", None, "day"),
])
def test_date_forms(text, value, end, precision):
    d = one(text)
    assert d.value.isoformat() == value
    assert (d.end_value.isoformat() if d.end_value else None) == end
    assert d.precision == precision


def test_offsets_cover_the_words():
    text = "It happened last week, officials said."
    d = one(text)
    assert text[d.start:d.end] == "last week"
    assert d.relative


def test_words_that_only_look_like_dates():
    assert find_dates("He may travel. The march went on. Resolution 1718 (2006).", THURSDAY) == []


def test_relative_dates_without_an_article_date_stay_unresolved():
    d = one("on Friday", None)
    assert d.value is None and d.relative


def test_a_named_day_the_lexicon_knows_is_its_day_and_an_unknown_one_gives_no_date():
    d = one("In a letter on North Korea's liberation day in 2022, Putin wrote")
    assert (d.value, d.precision) == (dt.date(2022, 8, 15), "day")
    assert find_dates("In a speech on Army Day in 2022, Kim said", THURSDAY) == []


def test_a_date_set_after_a_since_clause_opens_the_period():
    d = one("selling weapons to Russia since the invasion began, in February 2022.")
    assert (d.value, d.end_value, d.precision) == (dt.date(2022, 2, 1), None, "month")
