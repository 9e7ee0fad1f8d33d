"""Recall and precision on the hand-annotated articles: the five seeds and the test corpus."""

from __future__ import annotations

import pytest

from ingestion.extraction import extraction_to_json

from .annotations import ALL_ARTICLES, Article, Moved, Said
from .reference_fixture import extract_file, model_or_skip

STATEMENT_CASES = [(a, s) for a in ALL_ARTICLES for s in a.statements]
TRANSFER_CASES = [(a, t) for a in ALL_ARTICLES for t in a.transfers]


@pytest.fixture(params=["rules", "model"])
def extracted(request):
    """Extraction of an article by the rules alone, and with the statistical model."""
    if request.param == "model":
        model_or_skip()
    return lambda path: extract_file(path, model=request.param == "model")


def _ids(case) -> str:
    article, item = case
    label = item.anchor if isinstance(item, Said) else f"{item.supplier}->{item.recipient}"
    return f"{article.name[:10]}:{label[:40]}"


def _originators(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _matching(extraction, article: Article, said: Said):
    text = extraction.text
    at = text.find(said.anchor)
    assert at >= 0, f"anchor not in the text: {said.anchor!r}"
    candidates = [s for s in extraction.statements if s.start <= at < s.end]
    assert candidates, f"no statement covers {said.anchor!r}"
    return candidates


def _explain(candidates) -> str:
    return "; ".join(f"{s.stance} by {s.speaker}/{s.on_behalf_of} ({s.quote[:40]!r})" for s in candidates)


@pytest.mark.parametrize("case", STATEMENT_CASES, ids=[_ids(c) for c in STATEMENT_CASES])
def test_annotated_statement_is_found_with_its_source_and_stance(case, extracted):
    article, said = case
    extraction = extracted(article.path)
    candidates = _matching(extraction, article, said)
    stances = (said.stance,) if isinstance(said.stance, str) else said.stance
    good = [s for s in candidates if s.stance in stances]
    assert good, f"stance {stances} not among: {_explain(candidates)}"
    if said.speaker is not None:
        good = [s for s in good if s.speaker == said.speaker]
        assert good, f"speaker {said.speaker} not among: {_explain(candidates)}"
    if said.on_behalf_of:
        good = [s for s in good if set(_originators(s.on_behalf_of)) & set(said.on_behalf_of)]
        assert good, f"originator {said.on_behalf_of} not among: {_explain(candidates)}"
    statement = good[0]
    if said.term is not None:
        assert statement.probability_term and statement.probability_term.lower().startswith(said.term)
    if said.band is not None:
        assert statement.band == said.band
    if said.date is not None:
        assert statement.date is not None and statement.date.isoformat() == said.date
    if said.quote is not None:
        assert said.quote in statement.quote.replace("\u2019", "'") or said.quote in statement.quote
    # the span is the carrying sentence, in the text
    assert 0 <= statement.start < statement.end <= len(extraction.text)


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=[a.name[:10] for a in ALL_ARTICLES])
def test_no_statement_is_attributed_to_a_bystander(article, extracted):
    extraction = extracted(article.path)
    for s in extraction.statements:
        assert s.speaker not in article.not_speakers, s
        assert not set(_originators(s.on_behalf_of)) & set(article.not_originators), s
        assert s.speaker or s.on_behalf_of, s
        assert s.quote.strip(), s


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=[a.name[:10] for a in ALL_ARTICLES])
def test_annotated_names_are_found(article, extracted):
    data = extraction_to_json(extracted(article.path), source=str(article.path))
    entities = data["entities"]
    people = {p["name"]: p for p in entities["people"]}
    for person in article.people:
        assert person.name in people, f"{person.name} not in {sorted(people)}"
        found = people[person.name]
        if person.role:
            assert found["role"] and person.role.lower() in found["role"].lower(), found
        if person.affiliation:
            assert found["affiliation"] == person.affiliation, found
    for key, expected in (("organizations", article.organizations), ("countries", article.countries),
                          ("places", article.places), ("vessels", article.vessels),
                          ("resolutions", article.resolutions)):
        missing = set(expected) - set(entities[key])
        assert not missing, f"{key}: {sorted(missing)} not in {entities[key]}"
    assert not set(article.not_countries) & set(entities["countries"])
    assert not set(article.not_people) & set(people)
    assert not set(article.not_organizations) & set(entities["organizations"])


@pytest.mark.parametrize("case", TRANSFER_CASES, ids=[_ids(c) for c in TRANSFER_CASES])
def test_annotated_transfer_is_found(case, extracted):
    article, moved = case
    extraction = extracted(article.path)
    candidates = [t for t in extraction.transfers if (t.supplier, t.recipient) == (moved.supplier, moved.recipient)]
    assert candidates, f"no {moved.supplier} -> {moved.recipient} among {[(t.supplier, t.recipient) for t in extraction.transfers]}"
    statuses = (moved.status,) if isinstance(moved.status, str) else moved.status
    if statuses:
        candidates = [t for t in candidates if t.status_claimed in statuses] or candidates
    transfer = next((t for t in candidates if _items_ok(t, moved)), candidates[0])
    assert _items_ok(transfer, moved), transfer.items
    if statuses:
        assert transfer.status_claimed in statuses
    if moved.route:
        assert transfer.route == moved.route
    if moved.modes:
        assert tuple(leg.mode for leg in transfer.legs) == moved.modes
    if moved.vessel:
        assert any(leg.vessel == moved.vessel for leg in transfer.legs)
    if moved.quantity:
        assert transfer.quantity == moved.quantity
    if moved.period_start:
        assert transfer.period_start is not None and transfer.period_start.isoformat() == moved.period_start
    if moved.period_end:
        assert transfer.period_end is not None and transfer.period_end.isoformat() == moved.period_end


def _items_ok(transfer, moved: Moved) -> bool:
    found = [i.lower() for i in transfer.items]
    return all(any(item.lower() in f for f in found) for item in moved.items)
