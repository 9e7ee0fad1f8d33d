"""A token client exports the filtered set in every format (issue 5's acceptance)."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from compliance.exports.ftm import ftm_problems
from compliance.models import Allegation, Statement
from tests.compliance.api.test_api import NAJIN, api_for


@pytest.fixture
def najin(db):
    call_command("load_seeds", stdout=io.StringIO())
    return Allegation.objects.get(ref=NAJIN)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_export_the_filtered_allegations_as_csv_xlsx_parquet_and_json(viewer, najin):
    import openpyxl
    import pyarrow.parquet as pq

    client = api_for(viewer)
    query = {"status": najin.status, "q": "Najin"}
    rows = {}
    for fmt in ("csv", "xlsx", "parquet", "json"):
        response = client.get(f"/api/v1/allegations/export.{fmt}/", query)
        assert response.status_code == 200, fmt
        body = _body(response)
        if fmt == "csv":
            table = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
            rows[fmt] = [r["ref"] for r in table]
        elif fmt == "xlsx":
            sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
            values = list(sheet.iter_rows(values_only=True))
            rows[fmt] = [dict(zip(values[0], r, strict=False))["ref"] for r in values[1:]]
        elif fmt == "parquet":
            rows[fmt] = pq.read_table(io.BytesIO(body)).column("ref").to_pylist()
        else:
            rows[fmt] = [r["ref"] for r in json.loads(body)]
    assert rows["csv"] == [NAJIN]
    assert rows["xlsx"] == rows["parquet"] == rows["json"] == rows["csv"]


def test_export_statements_and_transfer_legs(viewer, najin):
    client = api_for(viewer)
    body = _body(client.get("/api/v1/statements/export.csv/", {"stance": "denies"})).decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(body)))
    assert len(table) == Statement.objects.filter(stance="denies").count() > 0
    legs = _body(client.get("/api/v1/transfers/export-legs.json/", {"allegation": najin.pk}))
    assert len(json.loads(legs)) == 2


def test_stix_export_is_a_valid_bundle(viewer, najin):
    from stix2validator import ValidationOptions, validate_instance

    response = api_for(viewer).get("/api/v1/allegations/stix/", {"q": "Najin"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/stix+json")
    bundle = json.loads(_body(response))
    result = validate_instance(bundle, ValidationOptions(version="2.1", enforce_refs=True))
    assert result.is_valid, [str(e) for e in result.errors]
    names = {o.get("name") for o in bundle["objects"]}
    assert any("Najin" in (n or "") for n in names)


def test_ftm_export_entities_are_valid(viewer, najin):
    response = api_for(viewer).get("/api/v1/allegations/ftm/", {"q": "Najin"})
    lines = [json.loads(line) for line in _body(response).decode().splitlines() if line.strip()]
    assert {e["schema"] for e in lines} >= {"Vessel", "Event"}
    assert all(ftm_problems(e) == [] for e in lines)


def test_geojson_of_the_filtered_routes(viewer, najin):
    response = api_for(viewer).get("/api/v1/transfers/routes.geojson/", {"allegation": najin.pk})
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    kinds = [f["geometry"]["type"] for f in data["features"]]
    assert kinds.count("LineString") == 2 and kinds.count("Point") == 3


def test_an_unknown_format_is_404_and_anonymous_is_refused(viewer, najin):
    from rest_framework.test import APIClient

    assert api_for(viewer).get("/api/v1/allegations/export.doc/").status_code == 404
    assert APIClient().get("/api/v1/allegations/export.csv/").status_code == 401
