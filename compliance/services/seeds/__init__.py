"""Load the curated reference data in ``seeds/*.yaml`` through the audited services.

The loader reads and validates every file before it writes anything, then writes in one
transaction through ``record_save``, ``record_set_related``, ``transfer_set_route`` and
``allegation_create``, so each row it creates or changes has an audit entry naming the
loader. Entries are matched by their ``ref`` (estimative terms, which have no ``ref``
column, by scale and term; nested rows such as a person's roles or a transfer's route as
a whole, within their parent entry):

- an entry whose ref is not in the database is created;
- an entry that matches the database exactly is left alone (no write, no audit row);
- an entry that differs from the database (someone edited the row after loading, or the
  file changed) is kept as it is in the database and reported, unless ``update`` is
  given, in which case the database is brought in line with the file, audited.

An allegation's evidentiary status is set once, when the loader opens it; afterwards it
changes only through the workflow, never through the loader.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from compliance.roles import SystemActor

from .check import seeds_check
from .parse import SeedFiles
from .report import KindCounts, SeedReport
from .schema import KINDS, PART_SEPARATOR, SECTIONS, SeedError
from .write import Writer

__all__ = [
    "KINDS",
    "PART_SEPARATOR",
    "SECTIONS",
    "KindCounts",
    "SeedError",
    "SeedReport",
    "seeds_load",
    "seeds_validate",
]


def seeds_validate(*, directory: Path) -> SeedFiles:
    """Read and check every seed file; raise SeedError listing every problem found."""
    loader = SeedFiles(Path(directory))
    loader.read()
    if not loader.unreadable:
        # Cross-checks run even after entry errors, so one run lists every problem; not
        # after a file failed to parse, when every reference into it would look unknown.
        seeds_check(loader)
    if loader.errors:
        raise SeedError(loader.errors)
    return loader


def seeds_load(
    *, directory: Path, by: SystemActor, update: bool = False, dry_run: bool = False
) -> SeedReport:
    """Validate all seed files, then create or compare every entry in one transaction.

    Nothing is written if any file or entry is invalid, or if any write fails (all of it is
    rolled back and every failing entry is named). With ``dry_run`` the writes are made and
    rolled back, so the report says exactly what a real run would do; no row or audit entry
    remains (on PostgreSQL the id sequences still advance, as with any rolled-back insert)."""
    loader = seeds_validate(directory=directory)
    report = SeedReport(directory=Path(directory), files=loader.files, dry_run=dry_run, update=update)
    with transaction.atomic():
        writer = Writer(loader, by=by, update=update, report=report)
        writer.run()
        if writer.errors:
            raise SeedError(writer.errors)
        if dry_run:
            transaction.set_rollback(True)
    return report
