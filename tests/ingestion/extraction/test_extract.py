"""The extract() entry point: the JSON view, relevance, robustness and the optional model.

Speed is measured, not tested: run ``python -m tests.ingestion.extraction.test_extract``
to print articles per second with and without the statistical name finder."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from ingestion.extraction import EXTRACTOR_VERSION, extract, extraction_to_json
from ingestion.extraction.ner import load_ner

from .annotations import SEED_ARTICLES
from .reference_fixture import extract_file, seed_gazetteer


def test_json_view_has_exactly_the_documented_shape():
    article = SEED_ARTICLES[2]
    data = extraction_to_json(extract_file(article.path), source="seeds/x.txt")
    assert set(data) == {"source", "title", "published", "entities", "statements", "transfers"}
    assert data["source"] == "seeds/x.txt"
    assert data["published"] == "2023-10-19"
    assert set(data["entities"]) == {"people", "organizations", "countries", "places", "vessels", "resolutions"}
    for person in data["entities"]["people"]:
        assert set(person) == {"name", "role", "affiliation"}
    for key in ("organizations", "countries", "places", "vessels", "resolutions"):
        values = data["entities"][key]
        assert all(isinstance(v, str) for v in values) and len(values) == len(set(values))
    stances = {"asserts", "denies", "condemns", "warns", "declines_to_comment", "assesses"}
    for s in data["statements"]:
        assert set(s) == {"speaker", "on_behalf_of", "stance", "reporting_verb", "probability_term", "date", "quote",
                          "span"}
        assert s["stance"] in stances
        assert s["date"] is None or dt.date.fromisoformat(s["date"])
        start, end = s["span"]
        assert 0 <= start < end
    for t in data["transfers"]:
        assert set(t) == {"from", "to", "route", "modes", "vessels", "items", "quantity", "period", "status_claimed"}
        assert all(mode in ("sea", "rail", "road", "air", "unknown") for mode in t["modes"])
        assert isinstance(t["from"], str) and isinstance(t["to"], str)
        assert t["period"] is None or set(t["period"]) == {"start", "end"}


def test_version_is_exported():
    assert extract("North Korea.", reference=seed_gazetteer()).version == EXTRACTOR_VERSION


@pytest.mark.parametrize("text", [
    "",
    "   \n\n ",
    "The weather in Paris was mild on Sunday, and the museums were busy, officials said.",
    "La Corée du Nord a livré des obus à la Russie, selon les services de renseignement de Séoul, "
    "qui ont affirmé que les livraisons se poursuivent depuis le mois d'août dernier.",
    "북한이 러시아에 포탄을 보냈다고 국가정보원이 밝혔다.",
])
def test_nothing_relevant_gives_no_statements_or_transfers(text):
    extraction = extract(text, reference=seed_gazetteer(), published=dt.date(2024, 1, 1))
    assert extraction.relevant is False
    assert extraction.statements == () and extraction.transfers == ()


def test_odd_input_never_raises():
    pieces = ["North Korea", " said", "“", "”", "\"", "'", "’s", ",", ".", "\n", "\n\n", "Kirby", " on Friday",
              "1,000 containers", " between", " and", " Najin", "—", "(", ")", "Gen.", "U.S.", "é", "\u00a0",
              "according to", " declined to comment", "KN-23", "Pyongyang has supplied", " to Russia", " ", "İ"]
    rng = random.Random(1718)
    gaz = seed_gazetteer()
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        extraction = extract(text, reference=gaz, published=rng.choice([None, dt.date(2023, 10, 19)]))
        for item in (*extraction.mentions, *extraction.statements, *extraction.transfers, *extraction.dates):
            assert 0 <= item.start <= item.end <= len(text)
        extraction_to_json(extraction, source="fuzz")


def test_reference_data_may_be_given_directly():
    from .reference_fixture import seed_reference

    reference = seed_reference()
    kirby = next(e.key for e in reference.entries if e.name == "John Kirby")
    extraction = extract("Kirby said North Korea sent shells to Russia.", reference=reference)
    assert extraction.statements[0].speaker_key == kirby


@pytest.fixture(scope="module")
def ner():
    model = load_ner()
    if model is None:
        pytest.skip("the statistical name finder is not installed")
    return model


def test_the_model_adds_names_the_rules_miss(ner):
    text = ("North Korean arms shipments to Russia were discussed when Lee Sang-min met Russian diplomats in "
            "Seoul, officials said.")
    gaz = seed_gazetteer()
    without = [m.name for m in extract(text, reference=gaz).mentions if m.category == "person"]
    found = [m for m in extract(text, reference=gaz, ner=ner).mentions if m.category == "person"]
    assert "Lee Sang-min" not in without
    assert [(m.name, m.key, m.method) for m in found] == [("Lee Sang-min", None, "model")]


def test_the_model_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("INGESTION_NER", "0")
    assert load_ner() is None


if __name__ == "__main__":  # pragma: no cover - a measurement, not a test
    import sys
    import time
    from pathlib import Path

    from ingestion.cleaning import clean_document
    from ingestion.fetchers.files import read_file

    from .annotations import ALL_ARTICLES

    gazetteer = seed_gazetteer()
    seeds = [clean_document(read_file(Path(a.path), max_bytes=5_000_000)) for a in SEED_ARTICLES]
    everything = [clean_document(read_file(Path(a.path), max_bytes=5_000_000)) for a in ALL_ARTICLES]

    def rate(documents, model=None, seconds: float = 0.5, rounds: int = 6) -> float:
        """Articles per second, the best of a few rounds (other processes share the machine)."""
        best = 0.0
        for _ in range(rounds):
            count, start = 0, time.perf_counter()
            while time.perf_counter() - start < seconds:
                for d in documents:
                    extract(d.text, reference=gazetteer, published=d.published, title=d.title, ner=model)
                    count += 1
            best = max(best, count / (time.perf_counter() - start))
        return best

    for label, documents in (("seed articles", seeds), ("all annotated articles", everything)):
        words = sum(len(d.text.split()) for d in documents) / len(documents)
        rules = rate(documents)
        print(f"{label} ({len(documents)}, {words:.0f} words on average): rules and reference data only "
              f"{rules:.0f} articles/s ({1000 / rules:.2f} ms each)")
    model = load_ner()
    if model is not None and "--no-ner" not in sys.argv:
        with_model = rate(seeds, model, seconds=2.0, rounds=2)
        print(f"seed articles with the statistical name finder on cue sentences: {with_model:.1f} articles/s "
              f"({1000 / with_model:.1f} ms each)")
