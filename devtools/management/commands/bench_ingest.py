"""``manage.py bench_ingest --articles 2000``: ingestion speed through the real pipeline.

Builds realistic articles by recombining sentences of the seed corpus with varied names,
dates and quantities, ingests them through the same code the tasks run (submission, clean,
de-duplicate, register, extract, propose) and prints articles per second end to end and
per stage, with the floor: storing the same texts without cleaning or extraction.

It runs in a throwaway database created beside the configured one (``test_<name>``, as
the test runner does; ``devtools.volume.throwaway_database``), so the data of the tool is
never touched."""

from __future__ import annotations

import io
import logging
import os
import random
import re
import resource
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from devtools.volume import throwaway_database

SEEDS = Path(settings.BASE_DIR) / "seeds"
_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")

SPEAKERS = [
    ("US National Security Council spokesperson John Kirby", "Kirby"),
    ("State Department spokesperson Matthew Miller", "Miller"),
    ("National Security Council spokeswoman Adrienne Watson", "Watson"),
    ("Kremlin spokesman Dmitry Peskov", "Peskov"),
    ("South Korea's defence minister Shin Won-sik", "Shin"),
    ("Japan's chief cabinet secretary Hirokazu Matsuno", "Matsuno"),
    ("British Defence Secretary Grant Shapps", "Shapps"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _corpus() -> tuple[list[str], list[str]]:
    titles, sentences = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = [line.strip() for line in path.read_text().splitlines() if line.strip()]
        titles.append(lines[0])
        for line in lines[1:]:
            sentences.extend(s for s in _SENTENCE.split(line) if len(s.split()) >= 6)
    return titles, sentences


def _vary(sentence: str, rng: random.Random) -> str:
    speaker, surname = rng.choice(SPEAKERS)
    sentence = re.sub(r"(US )?National Security Council spokes(person|man|woman) John Kirby", speaker, sentence)
    sentence = re.sub(r"\bKirby\b", surname, sentence)
    sentence = re.sub(r"\b\d{1,3}(,\d{3})+\b", lambda m: f"{rng.randint(2, 90) * 1000:,}", sentence)
    sentence = re.sub(r"\b(September|October|August|December)\b", lambda m: rng.choice(MONTHS), sentence)
    sentence = re.sub(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday)\b",
                      lambda m: f"on {rng.choice(DAYS)}", sentence)
    return sentence


def build_articles(count: int, seed: int = 7) -> list[tuple[str, bytes]]:
    """(file name, text) pairs: a headline and 10-18 varied seed sentences in paragraphs."""
    rng = random.Random(seed)
    titles, sentences = _corpus()
    articles = []
    for index in range(count):
        picked = [_vary(s, rng) for s in rng.sample(sentences, rng.randint(10, 18))]
        paragraphs = [" ".join(picked[i:i + rng.randint(1, 3)]) for i in range(0, len(picked), 3)]
        day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = _vary(rng.choice(titles), rng) + f" ({index})"
        articles.append((f"{day}_bench-{index}.txt", ("\n\n".join([title, *paragraphs]) + "\n").encode()))
    return articles


class _Stages:
    """Wall time spent in each stage function during a run, by patching them in place."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def patched(self, targets: list[tuple[object, str, str]]):
        originals = []
        for module, name, label in targets:
            original = getattr(module, name)
            originals.append((module, name, original))

            def timed(*args, __original=original, __label=label, **kwargs):
                start = time.perf_counter()
                try:
                    return __original(*args, **kwargs)
                finally:
                    self.seconds[__label] += time.perf_counter() - start

            setattr(module, name, timed)
        try:
            yield self
        finally:
            for module, name, original in originals:
                setattr(module, name, original)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Benchmark ingestion end to end and per stage against storing the texts alone (the floor)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--no-ner", action="store_true", help="Without the statistical name finder.")
        parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                            help="Pipeline processes, as workers would run (default: one per core).")
        parser.add_argument("--keep-db", action="store_true", help="Keep the throwaway database afterwards.")

    def handle(self, *args, articles: int, no_ner: bool, keep_db: bool, processes: int, **options):

        settings.INGESTION_NER = not no_ner
        with throwaway_database(self, keep_db=keep_db):
            # The reference data extraction matches against; without it the figures mean nothing.
            call_command("load_seeds", verbosity=0, stdout=io.StringIO())
            self._run(articles, max(1, processes))

    def _run(self, count: int, processes: int) -> None:
        from ingestion import dedup
        from ingestion.choices import SubmissionState
        from ingestion.models import Article, Proposal, Submission
        from ingestion.services import articles as article_services

        current_app.conf.task_always_eager = True  # the tasks' code, in the bench's processes
        for name in ("celery.app.trace", "ingestion.services.submissions"):
            logging.getLogger(name).setLevel(logging.WARNING)  # a log line per task is not the work
        texts = build_articles(count)
        floor_texts = [(f"floor-{name}", text) for name, text in build_articles(count, seed=8)]
        rss_before = _peak_rss_mb()
        article_services.ner_get()  # loading the model is start-up cost, not per article
        _ingest([("warm-up.txt", b"Warm-up\n\nKirby said North Korea sent shells to Russia.")])

        self.stdout.write(f"Ingesting {count} generated articles through the pipeline "
                          f"in {processes} process(es)…")
        pipeline, stage_seconds, rss_after = _parallel(_ingest, texts, processes)
        floor, _, _ = _parallel(_store_only, floor_texts, processes)

        names = [name for name, _ in texts]
        ingested = Submission.objects.filter(locator__in=names, state=SubmissionState.INGESTED).count()
        near = Article.objects.filter(submissions__locator__in=names, near_duplicate_of__isnull=False).count()
        proposals = Proposal.objects.filter(article__submissions__locator__in=names).count()
        rate = count / pipeline
        floor_rate = count / floor
        write = self.stdout.write
        write("")
        write(f"Articles:                {count} ({ingested} ingested, {near} flagged as near duplicates, "
              f"{proposals} proposals)")
        write(f"Database:                {connection.vendor}; processes: {processes}; "
              f"NER (statistical model): {'on' if article_services.ner_get() else 'off'}")
        write(f"End to end:              {pipeline:8.2f} s  {rate:8.1f} articles/s")
        busy = pipeline * processes
        other = busy - sum(stage_seconds.values())
        write("Per stage (process-seconds, and articles/s one process would do at that stage alone):")
        for label, seconds in [*stage_seconds.items(), ("submit, queue, bookkeeping", other)]:
            per = count / seconds if seconds else float("inf")
            write(f"  {label:<26} {seconds:8.2f} s  {per:8.1f} articles/s  ({seconds / busy:5.1%})")
        write(f"Floor (store text only): {floor:8.2f} s  {floor_rate:8.1f} articles/s")
        write(f"Pipeline / floor:        {rate / floor_rate:8.3f} (pipeline speed as a share of the floor)")
        write(f"Peak memory (RSS):       {rss_after:8.1f} MB per process (parent before the run {rss_before:.1f} MB)")
        write(f"MinHash: {dedup.NUM_PERM} permutations, {dedup.BANDS} bands, "
              f"threshold {dedup.NEAR_DUPLICATE_THRESHOLD}")


STAGE_TARGETS = [
    ("ingestion.services.submissions", "clean_document", "clean"),
    ("ingestion.services.submissions", "article_register", "de-duplicate and store"),
    ("ingestion.services.articles", "extract", "extract"),
    ("ingestion.services.articles", "article_entities_replace", "link known names"),
    ("ingestion.services.articles", "proposals_replace", "propose"),
]


def _ingest(texts: list[tuple[str, bytes]]) -> None:
    """The real pipeline: a submission per text, its task run by Celery in this process."""
    from ingestion.choices import SubmissionOrigin
    from ingestion.services.submissions import INGESTION_TASK, submission_create

    for name, content in texts:
        submission_create(origin=SubmissionOrigin.UPLOAD, locator=name, by=INGESTION_TASK,
                          content=content, content_type="text/plain")


def _store_only(texts: list[tuple[str, bytes]]) -> None:
    """The floor: storing each text as a submission, an article and a revision, one
    transaction each, without cleaning, de-duplication, extraction or proposals."""
    from ingestion.choices import SubmissionOrigin, SubmissionState
    from ingestion.cleaning import content_hash
    from ingestion.models import Article, ArticleRevision, Submission

    for name, content in texts:
        with transaction.atomic():
            text = content.decode()
            article = Article.objects.create(title=name)
            revision = ArticleRevision.objects.create(
                article=article, number=1, content_hash=content_hash(text), text=text, minhash=b"")
            Submission.objects.create(origin=SubmissionOrigin.UPLOAD, locator=name, content=content,
                                      state=SubmissionState.INGESTED, article=article, revision=revision)


def _child(work, texts, results) -> None:
    import importlib

    connection.close()  # a connection of its own, not the parent's
    stages = _Stages()
    targets = [(importlib.import_module(module), name, label) for module, name, label in STAGE_TARGETS]
    with stages.patched(targets):
        work(texts)
    connection.close()
    results.put((dict(stages.seconds), _peak_rss_mb()))


def _parallel(work, texts: list[tuple[str, bytes]], processes: int) -> tuple[float, dict[str, float], float]:
    """Run ``work`` over the texts split across processes (as workers would share them);
    wall time, summed stage times and the largest peak memory of a process."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    results = context.Queue()
    connection.close()
    chunks = [texts[i::processes] for i in range(processes)]
    start = time.perf_counter()
    children = [context.Process(target=_child, args=(work, chunk, results)) for chunk in chunks]
    for child in children:
        child.start()
    collected = [results.get() for _ in children]
    for child in children:
        child.join()
    elapsed = time.perf_counter() - start
    if any(child.exitcode for child in children):
        raise RuntimeError("a benchmark process failed; see the output above")
    seconds: dict[str, float] = defaultdict(float)
    for stage_seconds, _ in collected:
        for label, value in stage_seconds.items():
            seconds[label] += value
    return elapsed, dict(seconds), max(rss for _, rss in collected)
