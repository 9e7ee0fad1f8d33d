"""Load the curated reference data in seeds/*.yaml (resolutions, actors, places, vessels,
documents, statements, allegations) through the audited services.

Safe to run again: what is already loaded is left alone, and rows someone edited since are
kept and reported unless --update is given."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from compliance.choices import Role
from compliance.roles import SystemActor
from compliance.services.seeds import SeedError, seeds_load

ACTOR_LABEL = "load_seeds"
# The seed files are a curated record, reviewed in the repository before they are merged: the
# loader acts as a reviewer, so a seeded allegation may open as corroborated (with its rationale).
LOADER = SystemActor(ACTOR_LABEL, Role.REVIEWER)


class Command(BaseCommand):
    help = (
        "Validate and load the seed files (one transaction, audited as 'load_seeds'). "
        "Existing rows that differ from the files are kept and reported unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", dest="directory", type=Path, default=Path(settings.BASE_DIR) / "seeds",
            help="Directory of the *.yaml seed files (default: the project's seeds/).",
        )
        parser.add_argument(
            "--update", action="store_true",
            help="Overwrite rows that differ from the files (audited), instead of keeping them.",
        )
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Validate and report what would change; write nothing.",
        )

    def handle(self, *args, directory: Path, update: bool, dry_run: bool, **options):
        try:
            report = seeds_load(directory=directory, by=LOADER, update=update,
                                dry_run=dry_run)
        except SeedError as exc:
            raise CommandError(exc.message) from exc

        out = self.stdout
        mode = " (dry run: nothing was written)" if dry_run else ""
        out.write(f"Seeds from {directory} ({len(report.files)} files){mode}:")
        for line in report.lines():
            out.write(f"  {line}")
        if report.updated:
            out.write("")
            out.write("Updated to match the files:" if not dry_run else "Would update to match the files:")
            for line in report.updated:
                out.write(f"  {line}")
        if report.kept:
            out.write("")
            out.write(self.style.WARNING(
                "Kept as in the database (differs from the files; run with --update to overwrite):"
            ))
            for line in report.kept:
                out.write(f"  {line}")
        out.write("")
        created = sum(c.created for c in report.counts.values())
        updated = sum(c.updated for c in report.counts.values())
        kept = sum(c.kept for c in report.counts.values())
        if dry_run:
            out.write(self.style.SUCCESS(
                f"Dry run: would create {created}, update {updated}, keep {kept}. "
                "Nothing was written; run without --dry-run to apply."
            ))
        elif report.changed:
            out.write(self.style.SUCCESS(
                f"Seeds loaded: {created} created, {updated} updated"
                + (f", {kept} kept as in the database." if kept else ".")
            ))
        elif kept:
            out.write(self.style.WARNING(
                f"Nothing written: {kept} entr{'y differs' if kept == 1 else 'ies differ'} from the "
                f"files and {'was' if kept == 1 else 'were'} kept (see above)."
            ))
        else:
            out.write(self.style.SUCCESS("Nothing to do: the database already matches the seed files."))
