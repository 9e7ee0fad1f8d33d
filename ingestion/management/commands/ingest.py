"""``manage.py ingest PATH_OR_URL ...``: submit files, folders and URLs for ingestion.

Every input is stored as a submission whatever happens to the others, and even when the
broker cannot be reached (those wait for the sweep). Exit status: 0 when every input was
stored and handed to a worker (or ingested here); 1 when an input failed (missing, unreadable,
refused, or its ingestion failed); 3 when none failed but some are stored and waiting for the
broker (the sweep, ``manage.py requeue_submissions``, queues them once it answers)."""

from __future__ import annotations

import logging
import time
from collections import Counter
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from compliance.choices import Role
from compliance.errors import DomainError
from compliance.roles import SystemActor
from ingestion.choices import ProposalState, SubmissionOrigin, SubmissionOutcome, SubmissionState
from ingestion.fetchers import FetchError
from ingestion.fetchers.files import CONTENT_TYPES, read_file
from ingestion.models import Proposal, Submission
from ingestion.services.submissions import submission_record_failure, submission_submit

COMMAND = SystemActor("ingest command", Role.ANALYST)

# Exit status when every input is stored but some could not be handed to the broker.
EXIT_WAITING_FOR_BROKER = 3


def _expand(inputs: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(kind, locator) for each file or URL, and (input, error) for those that do not exist."""
    items, missing = [], []
    for raw in inputs:
        if raw.startswith(("http://", "https://")):
            items.append(("url", raw))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in CONTENT_TYPES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                missing.append((raw, f"no {', '.join(sorted(CONTENT_TYPES))} files in this folder"))
            items.extend(("file", str(p)) for p in files)
        elif path.is_file():
            items.append(("file", str(path)))
        elif "://" in raw:
            missing.append((raw, "only http and https URLs are ingested"))
        else:
            missing.append((raw, "no such file or folder"))
    return items, missing


class Command(BaseCommand):
    help = (
        "Ingest articles from files, folders (.txt, .html, .md, .pdf) and http(s) URLs: clean, "
        "de-duplicate, extract and propose for review. Without a broker configured the work "
        "runs here; with one, workers do it (--wait follows them to the end). Every input is "
        "stored even when the broker is down. Exit status: 0 all stored and queued (or done), "
        "1 some input failed, 3 none failed but some wait for the broker."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--wait", action="store_true", help="Wait for the workers to finish.")
        parser.add_argument("--timeout", type=float, default=600, help="Seconds --wait waits at most.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, inputs, wait, timeout, no_progress, **options):
        items, missing = _expand(inputs)
        eager = current_app.conf.task_always_eager
        if eager:
            # Tasks run here: their per-task log lines would break up the progress bar.
            for name in ("celery.app.trace", "ingestion.services.submissions"):
                logging.getLogger(name).setLevel(logging.WARNING)
        submissions: list[int] = []
        bar = tqdm(items, desc="Ingesting" if eager else "Submitting", unit="doc",
                   disable=no_progress or not items, file=self.stderr._out)
        for kind, locator in bar:
            bar.set_postfix_str(Path(locator).name[:40] if kind == "file" else locator[:40], refresh=False)
            submissions.append(self._submit(kind, locator))
        bar.close()

        if not eager and wait:
            self._wait(submissions, timeout, no_progress)
        self._summary(submissions, missing, eager or wait)
        failed = Submission.objects.filter(pk__in=submissions, state=SubmissionState.FAILED).count()
        if failed or missing:
            raise CommandError(f"{failed + len(missing)} of {len(items) + len(missing)} inputs failed.")
        waiting = [s for s in Submission.objects.filter(pk__in=submissions) if s.is_waiting_for_broker]
        if waiting:
            raise CommandError(
                f"{len(waiting)} of {len(items)} inputs are stored but wait for the broker; they are queued "
                "when it answers (the sweep, or manage.py requeue_submissions).",
                returncode=EXIT_WAITING_FOR_BROKER,
            )

    def _submit(self, kind: str, locator: str) -> int:
        """Store one input as a submission; a refusal is stored as a failed one. Never raises
        for one input, so the inputs after it are submitted too."""
        origin = SubmissionOrigin.URL if kind == "url" else SubmissionOrigin.FILE
        try:
            if kind == "url":
                return submission_submit(origin=origin, locator=locator, by=COMMAND).submission.pk
            fetched = read_file(Path(locator), max_bytes=settings.INGESTION_MAX_BYTES)
            return submission_submit(origin=origin, locator=locator, by=COMMAND,
                                     content=fetched.content, content_type=fetched.content_type).submission.pk
        except FetchError as exc:
            return submission_record_failure(origin=origin, locator=locator, error=exc.message, by=COMMAND).pk
        except DomainError as exc:
            return submission_record_failure(origin=origin, locator=locator, error=exc.message, by=COMMAND).pk

    def _wait(self, ids: list[int], timeout: float, no_progress: bool) -> None:
        handed = list(Submission.objects.filter(pk__in=ids, broker_error="").values_list("pk", flat=True))
        deadline = time.monotonic() + timeout
        bar = tqdm(total=len(handed), desc="Waiting for workers", unit="doc", disable=no_progress,
                   file=self.stderr._out)
        done = 0
        while time.monotonic() < deadline:
            now = Submission.objects.filter(pk__in=handed, state__in=SubmissionState.finished()).count()
            bar.update(now - done)
            done = now
            if done >= len(handed):
                break
            time.sleep(0.5)
        bar.close()
        if done < len(handed):
            self.stderr.write(f"Stopped waiting after {timeout:.0f} s: {len(handed) - done} still in progress.")

    def _summary(self, ids: list[int], missing: list[tuple[str, str]], complete: bool) -> None:
        rows = list(
            Submission.objects.filter(pk__in=ids)
            .select_related("article", "article__near_duplicate_of")
            .order_by("id")
        )
        states = Counter(s.state for s in rows)
        outcomes = Counter(s.outcome for s in rows if s.state == SubmissionState.INGESTED)
        write = self.stdout.write
        write("")
        write(f"Inputs: {len(rows) + len(missing)}")
        write(f"  ingested:   {states[SubmissionState.INGESTED]} "
              f"({outcomes[SubmissionOutcome.NEW_ARTICLE]} new articles, "
              f"{outcomes[SubmissionOutcome.NEW_REVISION]} new revisions of known URLs)")
        write(f"  duplicates: {states[SubmissionState.DUPLICATE]} (text already ingested)")
        for s in rows:
            if s.state == SubmissionState.DUPLICATE:
                write(f"    {s.locator} = article #{s.article_id} “{s.article}”")
        near = [s for s in rows if s.state == SubmissionState.INGESTED and s.article.near_duplicate_of_id]
        write(f"  near duplicates flagged: {len(near)}")
        for s in near:
            a = s.article
            write(f"    {s.locator} ~ article #{a.near_duplicate_of_id} “{a.near_duplicate_of}” "
                  f"(similarity {a.similarity:.2f}, cluster #{a.cluster_id})")
        broker = [s for s in rows if s.is_waiting_for_broker]
        working = [s for s in rows if s.state in SubmissionState.pending() and not s.is_waiting_for_broker]
        if working:
            stored = sum(1 for s in working if s.state == SubmissionState.STORED)
            write(f"  in progress: {len(working)} (with the workers; {stored} stored, extraction pending; "
                  "--wait follows them)")
        if broker:
            write(f"  waiting for the broker: {len(broker)} (stored; queued once the broker answers, "
                  "by the sweep or manage.py requeue_submissions)")
            for s in broker:
                write(f"    #{s.pk} {s.locator}")
        write(f"  failed:     {states[SubmissionState.FAILED] + len(missing)}")
        for locator, error in missing:
            write(f"    {locator}: {error}")
        for s in rows:
            if s.state == SubmissionState.FAILED:
                write(f"    {s.locator}: {s.error}")
        articles = [s.article_id for s in rows if s.state == SubmissionState.INGESTED]
        if articles:
            proposals = Counter(
                Proposal.objects.filter(article_id__in=articles, state=ProposalState.PENDING)
                .values_list("kind", flat=True)
            )
            shown = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(proposals.items()))
            label = "Proposals for review" if complete else "Proposals so far"
            write(f"{label}: {sum(proposals.values())}" + (f" ({shown})" if shown else ""))
