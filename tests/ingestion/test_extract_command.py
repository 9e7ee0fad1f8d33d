"""``manage.py extract``: JSON Lines of the seed articles against the seeded reference data."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from ingestion.cleaning import clean_document
from ingestion.fetchers.files import read_file
from ingestion.reference import gazetteer_get, reference_data_load

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLES = sorted(SEEDS.glob("*.txt"))


def run(*args: str) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("extract", *args, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()], err.getvalue()


def row_counts() -> dict[str, int]:
    counted = {}
    for app in ("compliance", "ingestion"):
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            counted[model._meta.label] = model._default_manager.count()
    return counted


def cleaned_text(path: Path) -> str:
    return clean_document(read_file(path, max_bytes=5_000_000)).text


def by_source(objects: list[dict]) -> dict[str, dict]:
    return {Path(o["source"]).name[:10]: o for o in objects}


def statement(obj: dict, anchor: str, path: Path) -> list[dict]:
    text = cleaned_text(path)
    at = text.index(anchor)
    return [s for s in obj["statements"] if s["span"][0] <= at < s["span"][1]]


@pytest.fixture
def seed_output(seeded):
    before = row_counts()
    objects, err = run(*map(str, ARTICLES), "--format", "json", "--no-ner")
    assert row_counts() == before  # writes nothing
    assert err == ""
    return objects


def test_one_json_object_per_file_in_argument_order(seed_output):
    assert [o["source"] for o in seed_output] == [str(p) for p in ARTICLES]
    for o in seed_output:
        assert set(o) == {"source", "title", "published", "entities", "statements", "transfers"}
        assert o["published"] == Path(o["source"]).name[:10]
        assert o["title"]


def test_key_statements_of_the_seeds(seed_output):
    objects = by_source(seed_output)
    paths = {p.name[:10]: p for p in ARTICLES}

    found = statement(objects["2023-10-27"], "the British ministry said in a post", paths["2023-10-27"])
    assert any(s["stance"] == "assesses" and s["on_behalf_of"] == "UK Ministry of Defence"
               and s["probability_term"] == "almost certain" and s["date"] == "2023-10-26" for s in found), found

    found = statement(objects["2023-09-06"], "never exported weapons", paths["2023-09-06"])
    assert any(s["stance"] == "denies" and s["on_behalf_of"] == "DPRK Ministry of National Defence"
               and "never exported weapons or ammunition to Russia" in s["quote"] for s in found), found

    found = statement(objects["2023-09-06"], "Dmitry Peskov, spokesman for the Kremlin", paths["2023-09-06"])
    assert any(s["stance"] == "declines_to_comment" and s["speaker"] == "Dmitry Peskov"
               and s["on_behalf_of"] == "Kremlin" and "nothing to say" in s["quote"] for s in found), found

    found = statement(objects["2023-08-31"], "Arms negotiations between Russia", paths["2023-08-31"])
    assert any(s["stance"] == "asserts" and s["speaker"] == "John Kirby" and s["on_behalf_of"] == "White House"
               for s in found), found

    found = statement(objects["2023-10-19"], "Last week, US National Security Council", paths["2023-10-19"])
    assert any(s["speaker"] == "John Kirby" and s["stance"] == "asserts" for s in found), found


def test_spans_point_at_the_sentence_in_the_cleaned_text(seed_output):
    for o in seed_output:
        text = cleaned_text(Path(o["source"]))
        for s in o["statements"]:
            start, end = s["span"]
            sentence = text[start:end]
            assert sentence.strip() == sentence and sentence
            words = s["quote"].split()[:3]
            assert " ".join(words).strip("“”\"'") in sentence.replace("“", "").replace("”", "") or \
                s["quote"][:15] in sentence, (s, sentence)


def test_the_najin_dunay_tikhoretsk_transfer(seed_output):
    objects = by_source(seed_output)
    [najin_dunay] = [t for t in objects["2023-10-20"]["transfers"] if t["route"]]
    assert (najin_dunay["from"], najin_dunay["to"]) == ("DPRK", "Russia")
    assert najin_dunay["route"] == ["Rajin (Najin) port", "Dunay naval facility"]
    assert najin_dunay["modes"] == ["sea", "rail"]  # "shipped between Najin and Dunay", "moved via train"
    assert najin_dunay["status_claimed"] == "delivered"
    [tikhoretsk] = objects["2023-10-19"]["transfers"]
    assert (tikhoretsk["from"], tikhoretsk["to"]) == ("DPRK", "Russia")
    assert tikhoretsk["route"] == ["Ammunition depot near Tikhoretsk"]
    assert tikhoretsk["modes"] == ["sea", "rail"]  # "exported via sea and rail to a supply depot near Tikhoretsk"
    assert tikhoretsk["period"] == {"start": "2023-09-07", "end": "2023-10-01"}
    assert tikhoretsk["quantity"] == "up to 1,000 containers"


def test_reference_keys_and_names_come_from_the_database(seeded):
    from compliance.models import Actor, Place

    reference = reference_data_load()
    keys = {e.key: e for e in reference.entries}
    uk_mod = Actor.objects.get(name="UK Ministry of Defence")
    assert keys[f"actor:{uk_mod.pk}"].parent_key == f"actor:{uk_mod.parent_id}"
    najin = Place.objects.get(name="Rajin (Najin) port")
    assert "Najin" in keys[f"place:{najin.pk}"].aliases
    assert keys["resolution:1718"].name == "UNSCR 1718"
    assert any(t.term == "almost certain" and t.scale == "uk_phia" for t in reference.terms)
    assert reference.roles and reference.fingerprint


def test_resolutions_come_with_their_adoption_date_and_what_their_provisions_regulate(seeded):
    import datetime as dt

    from compliance.models import Provision

    keys = {e.key: e for e in reference_data_load().entries}
    assert keys["resolution:1718"].adopted_on == dt.date(2006, 10, 14)
    assert {"arms_import_ban", "arms_export_ban"} <= set(keys["resolution:1718"].subjects)
    before = reference_data_load().fingerprint
    provision = Provision.objects.filter(resolution__number=1718).first()
    provision.obligation += " (edited)"
    provision.save()
    assert reference_data_load().fingerprint != before  # a description may now mean another resolution


def test_gazetteer_is_rebuilt_only_when_the_reference_data_changes(seeded):
    from compliance.models import Place

    first = gazetteer_get()
    assert gazetteer_get() is first
    place = Place.objects.get(name="Vladivostok")
    place.aliases = ["Vladik"]
    place.save()
    assert gazetteer_get() is not first


def test_an_unreadable_file_is_reported_and_the_others_are_still_extracted(seeded, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("extract", str(tmp_path / "missing.txt"), str(ARTICLES[0]), str(empty), "--no-ner",
                     stdout=out, stderr=err)
    assert failure.value.returncode == 1
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    assert [o["source"] for o in lines] == [str(ARTICLES[0])]
    assert "missing.txt" in err.getvalue() and "empty.txt" in err.getvalue()


def test_text_format_is_a_readable_summary(seeded):
    out = io.StringIO()
    call_command("extract", str(ARTICLES[-1]), "--format", "text", "--no-ner", stdout=out)
    summary = out.getvalue()
    assert "UK Ministry of Defence assesses [almost certain]" in summary
    assert "DPRK → Russia" in summary


def test_with_the_statistical_name_finder(seeded):
    from ingestion.extraction.ner import load_ner

    if load_ner() is None:
        pytest.skip("the statistical name finder is not installed")
    objects, _ = run(str(ARTICLES[0]))
    assert any(p["name"] == "John Kirby" for p in objects[0]["entities"]["people"])
