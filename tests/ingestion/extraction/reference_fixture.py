"""Reference data for the pure extraction tests, read from seeds/*.yaml without a database.

It mirrors what ``ingestion.reference.reference_data_load`` builds from the tables after
``load_seeds``: the same names, aliases, kinds, countries, parents, roles and terms. Keys
number the rows in file order ("actor:1" is the first actor of actors.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ingestion.extraction.types import (
    COUNTRY,
    ORGANIZATION,
    PERSON,
    PLACE,
    RESOLUTION,
    VESSEL,
    PersonRole,
    ReferenceData,
    ReferenceEntry,
    TermEntry,
)

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def _load(name: str) -> dict:
    return yaml.safe_load((SEEDS / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def seed_reference() -> ReferenceData:
    entries: list[ReferenceEntry] = []
    roles: list[PersonRole] = []
    actors = _load("actors.yaml")["actors"]
    actor_keys = {a["ref"]: f"actor:{i}" for i, a in enumerate(actors, start=1)}
    for a in actors:
        kind = a["kind"]
        category = PERSON if kind == "person" else COUNTRY if kind == "state" else ORGANIZATION
        entries.append(ReferenceEntry(
            key=actor_keys[a["ref"]], category=category, name=a["name"], aliases=tuple(a.get("aliases") or ()),
            country=a.get("country") or "", parent_key=actor_keys.get(a.get("parent")), actor_kind=kind,
        ))
        for role in a.get("roles") or ():
            roles.append(PersonRole(
                person_key=actor_keys[a["ref"]], title=role["title"],
                organisation_key=actor_keys.get(role.get("organisation")),
                start=role.get("start_date"), end=role.get("end_date"),
            ))
    for i, p in enumerate(_load("places.yaml")["places"], start=1):
        entries.append(ReferenceEntry(
            key=f"place:{i}", category=PLACE, name=p["name"], aliases=tuple(p.get("aliases") or ()),
            country=p.get("country") or "", place_kind=p["kind"],
        ))
    for i, v in enumerate(_load("vessels.yaml")["vessels"], start=1):
        entries.append(ReferenceEntry(
            key=f"vessel:{i}", category=VESSEL, name=v["name"], aliases=tuple(v.get("former_names") or ()),
            country=v.get("flag") or "",
        ))
    for r in _load("resolutions.yaml")["resolutions"]:
        number = r["number"]
        entries.append(ReferenceEntry(
            key=f"resolution:{number}", category=RESOLUTION, name=f"UNSCR {number}",
            aliases=(f"resolution {number}", f"UNSC resolution {number}"),
            adopted_on=r["adopted_on"],
            subjects=tuple(sorted({p["category"] for p in r.get("provisions") or ()})),
            chapter_vii=r["chapter_vii"],
            summary=r.get("summary") or "",
        ))
    terms = sorted(_load("estimative_terms.yaml")["estimative_terms"],
                   key=lambda t: (t["scale"], t["low_percent"]))
    term_entries = tuple(
        TermEntry(key=f"term:{i}", term=t["term"], synonyms=tuple(t.get("synonyms") or ()), scale=t["scale"],
                  low_percent=t["low_percent"], high_percent=t["high_percent"],
                  used_by=tuple(t.get("used_by") or ()))
        for i, t in enumerate(terms, start=1)
    )
    return ReferenceData(entries=tuple(entries), roles=tuple(roles), terms=term_entries,
                         fingerprint="seeds-fixture")


@lru_cache(maxsize=1)
def seed_gazetteer():
    from ingestion.extraction.gazetteer import Gazetteer

    return Gazetteer.build(seed_reference())


@lru_cache(maxsize=64)
def extract_file(path, published=None, model=False):
    """Extraction of a test article: the whole file is the text (its first line, the
    headline, is read as a heading), dated by its file name. ``model``: with the
    statistical model (names and the parse), else by the rules alone."""
    import datetime as dt

    from ingestion.extraction import extract
    from ingestion.extraction.ner import load_ner

    text = path.read_text(encoding="utf-8")
    if published is None:
        published = dt.date.fromisoformat(path.name[:10])
    return extract(text, reference=seed_gazetteer(), published=published, title=text.split("\n", 1)[0],
                   ner=load_ner() if model else None)


def model_or_skip():
    """The statistical model, or skip the test when it is not installed."""
    import pytest

    from ingestion.extraction.ner import load_ner

    model = load_ner()
    if model is None:
        pytest.skip("the statistical model is not installed")
    return model
