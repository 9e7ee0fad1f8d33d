"""GeoJSON routes: one LineString per leg and one Point per place, [lon, lat], and legs
that cannot be drawn listed rather than dropped silently."""

import json

import pytest

from compliance.exports.geojson import routes_geojson
from compliance.models import Place, Transfer
from tests import factories

pytestmark = pytest.mark.django_db


def _valid_position(position):
    longitude, latitude = position
    return -180 <= longitude <= 180 and -90 <= latitude <= 90


def test_the_najin_route_is_two_lines_through_three_points(seeded):
    collection = routes_geojson(Transfer.objects.filter(ref="dprk-russia-najin-dunay-2023"))
    json.dumps(collection)  # serialisable as is
    assert collection["type"] == "FeatureCollection" and collection["skipped"] == []
    lines = [f for f in collection["features"] if f["geometry"]["type"] == "LineString"]
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    assert len(lines) == 2 and len(points) == 3
    assert [(f["properties"]["sequence"], f["properties"]["mode"], f["properties"]["vessel"]) for f in lines] == [
        (1, "sea", "Angara"), (2, "rail", None)]
    najin = Place.objects.get(ref="najin")
    assert lines[0]["geometry"]["coordinates"][0] == [130.295, 42.245] == [float(najin.longitude), float(najin.latitude)]
    assert lines[0]["geometry"]["coordinates"][1] == lines[1]["geometry"]["coordinates"][0]  # Dunay joins them
    assert {p["properties"]["name"] for p in points} == {
        "Rajin (Najin) port", "Dunay naval facility", "Ammunition depot near Tikhoretsk"}
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        coordinates = feature["geometry"]["coordinates"]
        assert all(_valid_position(p) for p in (coordinates if feature["geometry"]["type"] == "LineString"
                                                else [coordinates]))
    west, south, east, north = collection["bbox"]
    assert (west, south, east, north) == (40.125, 42.245, 132.338, 45.855)


def test_legs_without_coordinates_are_listed_as_skipped(db):
    nowhere = factories.PlaceFactory(name="Unlocated depot", latitude=None, longitude=None)
    transfer = factories.TransferFactory(title="Partly mapped")
    first = factories.RouteLegFactory(transfer=transfer, sequence=1)
    factories.RouteLegFactory(transfer=transfer, sequence=2, from_place=first.to_place, to_place=nowhere)
    collection = routes_geojson(Transfer.objects.all())
    assert [f["geometry"]["type"] for f in collection["features"]] == ["LineString", "Point", "Point"]
    assert collection["skipped"] == [{
        "transfer_id": transfer.pk, "transfer_title": "Partly mapped", "sequence": 2,
        "from": first.to_place.name, "to": "Unlocated depot", "reason": "no coordinates for Unlocated depot",
    }]


def test_an_empty_queryset_is_an_empty_collection(db):
    assert routes_geojson(Transfer.objects.none()) == {"type": "FeatureCollection", "features": [], "skipped": []}


def test_only_the_filtered_transfers_are_drawn(seeded):
    wagner = Transfer.objects.filter(ref="dprk-wagner-2022-11")  # no route in the sources
    assert routes_geojson(wagner)["features"] == []
    everything = routes_geojson(Transfer.objects.all())
    assert {f["properties"]["transfer_id"] for f in everything["features"] if "transfer_id" in f["properties"]} == {
        Transfer.objects.get(ref="dprk-russia-najin-dunay-2023").pk}
