"""``manage.py requeue_submissions``: the sweep that Celery beat runs every
INGESTION_SWEEP_SECONDS, run by hand (after the broker came back, or without beat)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ingestion.services.submissions import submissions_requeue


class Command(BaseCommand):
    help = (
        "Queue again the unfinished submissions that are due: never handed to the broker (it was "
        "down), or left queued, processing or stored past INGESTION_REQUEUE_AFTER seconds (a worker "
        "died). Safe to run beside beat: rows are claimed in the database, and the task is idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", dest="everything",
                            help="Queue every unfinished submission now, whatever its due time.")
        parser.add_argument("--limit", type=int, default=500, help="At most this many rows (default 500).")

    def handle(self, *args, everything, limit, **options):
        result = submissions_requeue(limit=limit, everything=everything)
        self.stdout.write(f"Queued again: {len(result.queued) - len(result.waiting)}")
        if result.waiting:
            self.stdout.write(f"Still waiting for the broker: {len(result.waiting)}")
        if result.failed:
            self.stdout.write(f"Given up after too many attempts: {len(result.failed)} "
                              f"(#{', #'.join(map(str, result.failed))})")
