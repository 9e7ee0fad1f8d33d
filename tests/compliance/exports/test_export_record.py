"""``manage.py export_record``: dated files written atomically into a folder, filters applied,
and bad input refused with a clear message."""

import csv
import io
import json
import os

import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from compliance.choices import EvidentiaryStatus
from compliance.exports import tables
from compliance.models import Allegation, Statement
from tests import factories

pytestmark = pytest.mark.django_db

COMMAND = "compliance.management.commands.export_record"


def _run(*args) -> str:
    out = io.StringIO()
    call_command("export_record", *args, stdout=out)
    return out.getvalue()


def test_writes_every_format_named_with_the_date(seeded, tmp_path):
    output = _run("--to", str(tmp_path))
    day = timezone.localdate().isoformat()
    names = sorted(p.name for p in tmp_path.iterdir())
    tables_ = ["allegations", "statements", "transfers", "transfer-legs"]
    assert names == sorted(
        [f"{t}-{day}.{ext}" for t in tables_ for ext in ("csv", "xlsx", "parquet", "json")]
        + [f"record-{day}.stix.json", f"record-{day}.ftm.ndjson", f"routes-{day}.geojson"]
    )
    with open(tmp_path / f"allegations-{day}.csv", encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    assert rows[0][:4] == ["id", "ref", "title", "status"] and len(rows) - 1 == Allegation.objects.count()
    assert pq.read_table(tmp_path / f"statements-{day}.parquet").num_rows == Statement.objects.count()
    bundle = json.loads((tmp_path / f"record-{day}.stix.json").read_text())
    assert bundle["type"] == "bundle" and f"{len(bundle['objects']):,} STIX objects" in output
    entities = (tmp_path / f"record-{day}.ftm.ndjson").read_text().splitlines()
    assert f"{len(entities):,} entities" in output
    assert json.loads((tmp_path / f"routes-{day}.geojson").read_text())["type"] == "FeatureCollection"
    assert f"Wrote allegations-{day}.csv: 3 rows" in output
    assert f"Wrote statements-{day}.csv: {Statement.objects.count()} rows" in output
    assert "STIX objects" in output and "entities" in output and "features" in output
    assert oct((tmp_path / f"allegations-{day}.csv").stat().st_mode & 0o777) == "0o644"


def test_filters_select_allegations_and_their_statements(seeded, tmp_path):
    _run("--to", str(tmp_path), "--format", "json", "--status", EvidentiaryStatus.CORROBORATED,
         "--resolution", "1718")
    day = timezone.localdate().isoformat()
    allegations = json.loads((tmp_path / f"allegations-{day}.json").read_text())
    wanted = Allegation.objects.filter(status=EvidentiaryStatus.CORROBORATED)
    assert sorted(a["id"] for a in allegations) == sorted(wanted.values_list("pk", flat=True))
    statements = json.loads((tmp_path / f"statements-{day}.json").read_text())
    assert sorted(s["id"] for s in statements) == sorted(
        Statement.objects.filter(allegations__in=wanted).distinct().values_list("pk", flat=True))
    assert len(statements) < Statement.objects.count()


def test_a_failed_export_leaves_the_previous_file_and_no_partial_one(seeded, tmp_path, monkeypatch):
    _run("--to", str(tmp_path), "--format", "csv")
    day = timezone.localdate().isoformat()
    target = tmp_path / f"allegations-{day}.csv"
    before = target.read_bytes()
    factories.AllegationFactory(title="Added after the first export")

    real = tables.export_kind

    def failing(kind, queryset, fmt):
        export = real(kind, queryset, fmt)
        produce = export._produce

        def broken(e):
            iterator = produce(e)
            yield next(iterator)
            raise RuntimeError("database went away")

        export._produce = broken
        return export

    monkeypatch.setattr(tables, "export_kind", failing)
    with pytest.raises(RuntimeError, match="went away"):
        _run("--to", str(tmp_path), "--format", "csv")
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_refuses_a_missing_folder(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        _run("--to", str(tmp_path / "nope"))


def test_refuses_a_file_as_folder(db, tmp_path):
    path = tmp_path / "file.txt"
    path.write_text("x")
    with pytest.raises(CommandError, match="is not a folder"):
        _run("--to", str(path))


def test_refuses_an_unwritable_folder(db, tmp_path, monkeypatch):
    # The tests may run as root, who can write anywhere: ask the permission check to say no.
    monkeypatch.setattr(f"{COMMAND}.os.access", lambda path, mode: False)
    with pytest.raises(CommandError, match="not writable"):
        _run("--to", str(tmp_path))


def test_reports_a_folder_it_cannot_create_files_in(db, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(f"{COMMAND}.tempfile.mkstemp", refuse)
    with pytest.raises(CommandError, match="Cannot write in .*Permission denied"):
        _run("--to", str(tmp_path), "--format", "geojson")


def test_refuses_an_unknown_format(db, tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'pdf'"):
        _run("--to", str(tmp_path), "--format", "pdf")
    assert list(tmp_path.iterdir()) == []


def test_refuses_an_unknown_status_or_resolution(db, tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'rumoured'"):
        _run("--to", str(tmp_path), "--status", "rumoured")
    with pytest.raises(CommandError, match="No resolution 9999"):
        _run("--to", str(tmp_path), "--resolution", "9999")
    assert list(tmp_path.iterdir()) == []


def test_a_second_run_on_the_same_day_replaces_the_files(seeded, tmp_path):
    _run("--to", str(tmp_path), "--format", "geojson")
    _run("--to", str(tmp_path), "--format", "geojson")
    assert len(list(tmp_path.iterdir())) == 1
    assert os.access(next(tmp_path.iterdir()), os.R_OK)
