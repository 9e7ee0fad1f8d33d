"""Case 9 of issue 10, "Seed facts that are wrong or overstated", replayed.

Each test fails on 5b9f4d2 and passes once the seed facts cite their public sources and
carry the corrected values. Self-contained on purpose: they use only what both versions
of the code have (the seed loader, the models, the API, the route map)."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.forms import modelform_factory
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.models import (
    ActorRole,
    Allegation,
    EstimativeTerm,
    Place,
    Provision,
    Resolution,
    Vessel,
    VesselDesignation,
)
from compliance.choices import Role
from compliance.roles import SystemActor
from compliance.services.seeds import seeds_load

SEEDS = Path(settings.BASE_DIR) / "seeds"
SOURCED = (ActorRole, EstimativeTerm, Place, Provision, Resolution, Vessel, VesselDesignation)
# What a reader can look up: a web address, or a UN document symbol (S/RES/1718 (2006)).
PUBLIC = re.compile(r"https?://\S+|\bS/(?:RES/\d+\s?\(\d{4}\)|\d{4}/\d+)")
# A file name outside a web address, e.g. "REFERENCE.md" or "/work/shared/notes.txt".
FILE = re.compile(r"(?<![\w/.~-])(?:~?/)?(?:[\w.-]+/)*[\w-]+\.(?:md|txt|ya?ml|csv|json|pdf|docx?)\b")


@pytest.fixture
def seeded(db):
    seeds_load(directory=SEEDS, by=SystemActor("load_seeds", Role.REVIEWER))


def test_case_9_the_route_map_shows_najin_at_rajin_port_not_at_the_sonbong_terminal(seeded):
    from compliance.web.charts import transfer_route_map

    transfer = Allegation.objects.get(ref="dprk-russia-najin-dunay-2023").transfers.get()
    najin = transfer.legs.get(sequence=1).from_place
    svg = str(transfer_route_map(transfer)["svg"])
    drawn = re.search(rf'data-name="{re.escape(najin.name)}"[^>]*'
                      r'data-latitude="([^"]+)" data-longitude="([^"]+)"', svg)
    assert drawn, "Najin is not drawn on the route map"
    assert (float(drawn[1]), float(drawn[2])) == pytest.approx((42.245, 130.295), abs=0.01)


def test_case_9_every_seeded_source_is_a_public_citation_not_a_file_outside_the_repository(seeded):
    for model in SOURCED:
        for row in model.objects.all():
            where = f"{model.__name__} #{row.pk} ({row})"
            assert PUBLIC.search(row.source), f"{where}: no web address or UN symbol in {row.source!r}"
            for name in FILE.findall(PUBLIC.sub(" ", row.source)):
                assert not name.startswith(("/", "~")) and (SEEDS.parent / name).is_file(), (
                    f"{where}: cites {name}, which is not in the repository")


@pytest.mark.django_db
def test_case_9_new_rows_default_to_unverified_not_verified_in_a_primary_source(tmp_path, analyst):
    for model in SOURCED:
        assert model._meta.get_field("verification").default == "unverified", model.__name__
    # The admin's and the API's forms start from the model's default.
    assert modelform_factory(Place, fields=["verification"])().fields["verification"].initial == "unverified"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=analyst).key}")
    response = client.post("/api/v1/places/", {"name": "Rason rail yard", "kind": "depot", "country": "KP"},
                           format="json", HTTP_X_CHANGE_REASON="Seen in imagery.")
    assert response.status_code == 201, response.content
    assert Place.objects.get(name="Rason rail yard").verification == "unverified"
    # A seed entry that does not state its verification is not loaded as verified.
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    places = seeds / "places.yaml"
    text = places.read_text(encoding="utf-8")
    start = text.index("  - ref: pyongyang")
    end = text.index("\n  - ref:", start + 1)
    entry = re.sub(r"\n    verification: \w+", "", text[start:end])
    places.write_text(text[:start] + entry + text[end:], encoding="utf-8")
    seeds_load(directory=seeds, by=SystemActor("load_seeds", Role.REVIEWER))
    assert Place.objects.get(ref="pyongyang").verification == "unverified"


def test_case_9_resolutions_2371_and_2397_were_adopted_15_0_not_by_consensus(seeded):
    assert Resolution.objects.get(number=2371).vote == "15-0"
    assert Resolution.objects.get(number=2397).vote == "15-0"
    assert not Resolution.objects.filter(vote__icontains="consensus").exists()


def test_case_9_1718_op8c_technical_training_and_assistance_is_in_the_record(seeded):
    op8c = Provision.objects.get(resolution__number=1718, paragraph="8(c)")
    assert "technical training, advice, services or assistance" in op8c.obligation
    assert op8c.category not in ("", "other")
    assert "S/RES/1718 (2006)" in op8c.source and "8(c)" in op8c.source


def test_case_9_1874_op9_and_2270_op6_are_verified_with_their_resolution_citation(seeded):
    for number, year, paragraph in ((1874, 2009, "9"), (2270, 2016, "6")):
        provision = Provision.objects.get(resolution__number=number, paragraph=paragraph)
        assert provision.verification == "verified", (number, paragraph)
        assert f"S/RES/{number} ({year}), operative paragraph {paragraph}" in provision.source


def test_case_9_maia_1_reported_eu_listing_is_recorded_as_unverified_not_as_fact(seeded):
    maia = Vessel.objects.get(ref="maia-1")
    eu = maia.designations.get(authority="EU")
    assert eu.verification == "unverified"
    assert eu.designated_on is None
    assert "Maya-1" in eu.reference
