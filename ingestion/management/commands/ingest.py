"""``manage.py ingest PATH_OR_URL ...``: submit files, folders and URLs for ingestion."""

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
from ingestion.choices import ExtractionState, ProposalState, SubmissionOrigin, SubmissionOutcome, SubmissionState
from ingestion.fetchers import FetchError
from ingestion.fetchers.files import CONTENT_TYPES, read_file
from ingestion.models import Proposal, Submission
from ingestion.services.submissions import submission_create, submission_record_failure

COMMAND = SystemActor("ingest command", Role.ANALYST)


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
        "runs here; with one, workers do it (--wait follows them to the end)."
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

    def _submit(self, kind: str, locator: str) -> int:
        if kind == "url":
            try:
                return submission_create(origin=SubmissionOrigin.URL, locator=locator, by=COMMAND).pk
            except DomainError as exc:
                return submission_record_failure(
                    origin=SubmissionOrigin.URL, locator=locator, error=exc.message, by=COMMAND
                ).pk
        try:
            fetched = read_file(Path(locator), max_bytes=settings.INGESTION_MAX_BYTES)
        except FetchError as exc:
            return submission_record_failure(
                origin=SubmissionOrigin.FILE, locator=locator, error=exc.message, by=COMMAND
            ).pk
        return submission_create(
            origin=SubmissionOrigin.FILE, locator=locator, by=COMMAND,
            content=fetched.content, content_type=fetched.content_type,
        ).pk

    def _wait(self, ids: list[int], timeout: float, no_progress: bool) -> None:
        deadline = time.monotonic() + timeout
        bar = tqdm(total=len(ids), desc="Waiting for workers", unit="doc", disable=no_progress,
                   file=self.stderr._out)
        done = 0
        while time.monotonic() < deadline:
            finished = Submission.objects.filter(pk__in=ids, state__in=SubmissionState.finished())
            pending_extraction = finished.filter(
                state=SubmissionState.INGESTED, article__extraction_state=ExtractionState.PENDING
            ).count()
            now = finished.count() - pending_extraction
            bar.update(now - done)
            done = now
            if done >= len(ids):
                break
            time.sleep(0.5)
        bar.close()
        if done < len(ids):
            self.stderr.write(f"Stopped waiting after {timeout:.0f} s: {len(ids) - done} still in progress.")

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
        waiting = states[SubmissionState.QUEUED] + states[SubmissionState.PROCESSING]
        if waiting:
            write(f"  in progress: {waiting} (workers are processing them; --wait follows them)")
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
