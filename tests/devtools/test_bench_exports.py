"""manage.py bench_exports: its measuring steps (the child processes of a run, called here in
this process on a handful of statements), its refusal of SQLite, and the bench-only URLconf.
No full run: it builds a database of a million statements and puts wrk on gunicorn."""

import json
from io import StringIO

import environ
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import NoReverseMatch, reverse

from devtools.management.commands.bench_exports import STEPS, _database_url
from compliance.models import Statement
from tests import factories

pytestmark = pytest.mark.django_db

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="bench_exports measures COPY: run with DATABASE_URL=postgres://... for its steps",
)


@pytest.fixture
def statements():
    uk, us = factories.StateFactory(name="United Kingdom"), factories.StateFactory(name="United States")
    document = factories.SourceDocumentFactory()
    for n in range(5):
        factories.StatementFactory(gist=f'Claim {n}, "quoted"', on_behalf_of=[uk, us][: n % 3],
                                   documents=[document] if n % 2 else [])


def _step(name: str, table_rows: int = 3) -> dict:
    out = StringIO()
    call_command("bench_exports", "--step", name, "--table-rows", str(table_rows), stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1, lines
    return json.loads(lines[0])


@needs_postgres
def test_every_step_prints_one_json_line_with_its_figures(statements):
    total = Statement.objects.count()
    figures = {name: _step(name) for name in STEPS}

    for name, result in figures.items():
        assert set(result) == {"seconds", "rows", "bytes", "max_rss_mb", "setup_rss_mb"}, name
        assert result["seconds"] >= 0 and result["bytes"] > 0, name
        assert result["max_rss_mb"] >= result["setup_rss_mb"] > 0, name
    assert figures["csv-export"]["rows"] == figures["csv-iterator"]["rows"] == total == 5
    assert figures["copy-floor"]["rows"] == figures["copy-table"]["rows"] == total
    assert figures["xlsx"]["rows"] == figures["parquet"]["rows"] == 3  # --table-rows


@needs_postgres
def test_the_floor_reads_the_very_rows_the_export_writes(statements):
    export, row_by_row, floor = _step("csv-export"), _step("csv-iterator"), _step("copy-floor")

    assert export["bytes"] == row_by_row["bytes"]
    # The export adds only its header line (a BOM and the column names) to COPY's output.
    header = export["bytes"] - floor["bytes"]
    assert 0 < header < 300


@needs_postgres
def test_table_rows_beyond_the_statements_export_them_all(statements):
    assert _step("parquet", table_rows=1_000)["rows"] == Statement.objects.count()


@needs_postgres
def test_the_database_url_for_the_children_names_the_same_database():
    parsed = environ.Env.db_url_config(_database_url(connection.settings_dict))

    for key in ("NAME", "USER", "HOST"):
        assert parsed[key] == connection.settings_dict[key]
    assert str(parsed["PORT"] or "") == str(connection.settings_dict["PORT"] or "")


def test_sqlite_is_refused_with_a_clear_error(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")

    for arguments in (["--step", "csv-export"], ["--use-current-db"], []):
        with pytest.raises(CommandError, match="needs PostgreSQL.*COPY.*DATABASE_URL=postgres://"):
            call_command("bench_exports", *arguments, stdout=StringIO())


def test_the_bare_view_is_not_in_the_normal_urlconf(client):
    with pytest.raises(NoReverseMatch):
        reverse("bench-statement-list")
    assert client.get("/bench/statements/").status_code == 404


def test_the_bare_view_serves_the_api_page_rows_and_fields(client, viewer, statements, settings):
    api = client.get("/api/v1/statements/?page_size=3", HTTP_AUTHORIZATION="")
    assert api.status_code in (401, 403)  # the API asks who is asking
    client.force_login(viewer)
    api_rows = client.get("/api/v1/statements/?page_size=3").json()["results"]
    client.logout()
    settings.ROOT_URLCONF = "devtools.bench_urls"

    bare = client.get("/bench/statements/?page_size=3")  # nobody logged in: bench-only, refuses no one

    assert bare.status_code == 200
    bare_rows = bare.json()["results"]
    assert [r["id"] for r in bare_rows] == [r["id"] for r in api_rows] and len(bare_rows) == 3
    assert {key for row in bare_rows for key in row} == {key for row in api_rows for key in row}
    for bare_row, api_row in zip(bare_rows, api_rows, strict=True):
        assert bare_row["on_behalf_of_names"] == api_row["on_behalf_of_names"]
        assert [s["document"] for s in bare_row["sources"]] == [s["document"] for s in api_row["sources"]]
