"""``manage.py export_record --to FOLDER``: write the record's exports into a folder, for a
nightly job to pick up.

Each file is written under a temporary name in the folder and renamed into place when
complete, so a reader never sees half a file; names carry the date
(``allegations-2026-11-23.csv``, ``record-2026-11-23.stix.json``...), and a second run on
the same day replaces them. All files of one run are read in one read-only transaction
(repeatable read on PostgreSQL), so they agree with each other.

Filters (``--status``, ``--resolution``) select allegations, through the same FilterSet as
the staff list; the statement and transfer tables then hold those allegations' statements
and transfers. Without filters the tables hold every row, including statements and
transfers not yet in any allegation (STIX, FtM and the allegations table start from the
allegations either way; GeoJSON from the transfers).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from compliance.choices import EvidentiaryStatus
from compliance.exports import tables
from compliance.filters import AllegationFilterSet
from compliance.models import Allegation, AllegationStatement, Resolution, Statement, Transfer

TABLE_FORMATS = ["csv", "xlsx", "parquet", "json"]
OTHER_FORMATS = ["stix", "ftm", "geojson"]
FORMATS = TABLE_FORMATS + OTHER_FORMATS
TABLE_FILES = {"allegations": "allegations", "statements": "statements", "transfers": "transfers",
               "transfer_legs": "transfer-legs"}


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"  # pragma: no cover


class Command(BaseCommand):
    help = (
        "Write the record's exports (tables as CSV/XLSX/Parquet/JSON, a STIX 2.1 bundle, "
        "FollowTheMoney entities, GeoJSON routes) into a folder, each file written atomically "
        "and named with the date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", dest="folder", type=Path, required=True,
                            help="An existing, writable folder.")
        parser.add_argument("--format", dest="formats", nargs="+", choices=FORMATS, default=FORMATS,
                            metavar="FORMAT", help=f"One or more of {', '.join(FORMATS)} (default: all).")
        parser.add_argument("--status", dest="statuses", nargs="+", choices=EvidentiaryStatus.values,
                            metavar="STATUS",
                            help=f"Only allegations with these statuses ({', '.join(EvidentiaryStatus.values)}).")
        parser.add_argument("--resolution", type=int, metavar="N",
                            help="Only allegations citing a provision of UNSCR N (e.g. 1718).")

    def handle(self, *args, folder: Path, formats: list[str], statuses: list[str] | None,
               resolution: int | None, **options):
        folder = self._check_folder(folder)
        allegations, statements, transfers = self._querysets(statuses, resolution)
        day = timezone.localdate().isoformat()
        started = time.monotonic()
        # One snapshot for every file; a caller already inside a transaction keeps its own.
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic():
            if snapshot:
                connection.cursor().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            for fmt in dict.fromkeys(formats):
                self._export(fmt, folder, day, allegations, statements, transfers)
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")

    # ------------------------------------------------------------------ input

    def _check_folder(self, folder: Path) -> Path:
        if not folder.exists():
            raise CommandError(f"The folder {folder} does not exist: create it first.")
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise CommandError(f"The folder {folder} is not writable by this user.")
        return folder.resolve()

    def _querysets(self, statuses, resolution):
        data: dict = {}
        if statuses:
            data["status"] = statuses
        if resolution is not None:
            found = Resolution.objects.filter(number=resolution).first()
            if found is None:
                raise CommandError(f"No resolution {resolution} in the record.")
            data["resolution"] = found.pk
        filterset = AllegationFilterSet(data or None, queryset=Allegation.objects.all())
        if filterset.is_bound and not filterset.is_valid():
            raise CommandError(f"Invalid filters: {filterset.errors.as_text()}")
        allegations = filterset.qs
        if not data:
            return allegations, Statement.objects.all(), Transfer.objects.all()
        chosen = allegations.order_by().values("pk")
        statements = Statement.objects.filter(
            pk__in=AllegationStatement.objects.filter(allegation__in=chosen).values("statement_id"))
        transfers = Transfer.objects.filter(
            pk__in=Allegation.transfers.through.objects.filter(allegation__in=chosen).values("transfer_id"))
        return allegations, statements, transfers

    # ------------------------------------------------------------------ output

    def _export(self, fmt, folder, day, allegations, statements, transfers):
        if fmt in TABLE_FORMATS:
            for kind, stem in TABLE_FILES.items():
                queryset = {"allegations": allegations, "statements": statements}.get(kind, transfers)
                export = tables.export_kind(kind, queryset, fmt)
                self._write(folder, f"{stem}-{day}{export.suffix}", export, lambda e=export: f"{e.rows:,} rows")
        elif fmt == "stix":
            from compliance.exports.stix import stix_bundle_json

            counts: dict = {}
            self._write(folder, f"record-{day}.stix.json", stix_bundle_json(allegations, counts=counts),
                        lambda: f"{counts['objects']:,} STIX objects")
        elif fmt == "ftm":
            from compliance.exports.ftm import ftm_ndjson

            entities = _Counter(ftm_ndjson(allegations), b"\n")
            self._write(folder, f"record-{day}.ftm.ndjson", entities, lambda: f"{entities.count:,} entities")
        elif fmt == "geojson":
            import json

            from compliance.exports.geojson import routes_geojson

            collection: dict = {}

            def geojson() -> Iterable[bytes]:
                collection.update(routes_geojson(transfers))
                yield json.dumps(collection, ensure_ascii=False).encode()

            self._write(folder, f"routes-{day}.geojson", geojson(),
                        lambda: f"{len(collection['features']):,} features, "
                                f"{len(collection['skipped']):,} legs skipped (no coordinates)")

    def _write(self, folder: Path, name: str, chunks: Iterable[bytes], describe) -> None:
        started = time.monotonic()
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
        except OSError as exc:
            raise CommandError(f"Cannot write in {folder}: {exc.strerror}.") from exc
        try:
            size = 0
            with os.fdopen(handle, "wb") as file:
                for chunk in chunks:
                    file.write(chunk)
                    size += len(chunk)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, 0o644)  # mkstemp makes it private; the exports are for sharing
            os.replace(temporary, folder / name)
        except BaseException as exc:
            Path(temporary).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise CommandError(f"Writing {folder / name} failed: {exc}") from exc
            raise
        _fsync_folder(folder)
        self.stdout.write(f"Wrote {name}: {describe()}, {_size(size)} ({time.monotonic() - started:.1f} s)")


class _Counter:
    """Chunks passed through, counting a marker that occurs once per item."""

    def __init__(self, chunks: Iterable[bytes], marker: bytes):
        self.chunks, self.marker, self.count = chunks, marker, 0

    def __iter__(self):
        for chunk in self.chunks:
            self.count += chunk.count(self.marker)
            yield chunk


def _fsync_folder(folder: Path) -> None:
    # The rename is durable once the folder's entry is on disk.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory descriptors
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
