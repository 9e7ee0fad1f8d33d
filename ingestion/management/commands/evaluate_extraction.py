"""``manage.py evaluate_extraction GOLD_DIR [GOLD_DIR ...]``: run extraction over folders of
hand-annotated articles and print precision, recall and F1 per field. Writes nothing.

A gold folder holds pairs ``<stem>.json`` (the annotation, in the ``extract --format json``
schema) and ``<stem>.txt`` (the article); a gold file may name its text with ``"text_path"``,
relative to itself, instead. Extraction runs as ingestion runs it (the reference data in the
database, the statistical name finder unless ``--no-ner``), with the gold's ``published``
standing in for a page's metadata when the file gives no date; the scoring rules are those
of ``ingestion.evaluation``.

The text report ends with the time extraction took per article (reading and cleaning the file,
the model's parse and the rules): a figure on real news beside ``bench_ingest``'s generated
articles; the JSON report gives it as ``extract_seconds`` per folder.

Exit codes: 0; 1 when a figure is below a ``--min`` floor (in any folder); 2 for bad input
(a missing folder, unreadable or malformed gold, a quote its text does not contain)."""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingestion.cleaning_types import CleaningError
from ingestion.evaluation import (
    ENTITY_CATEGORIES,
    FIELDS,
    ArticleScore,
    Counts,
    Floor,
    Gold,
    GoldError,
    article_score,
    counts_total,
    floor_parse,
    floors_failed,
    gold_parse,
)
from ingestion.fetchers import FetchError
from ingestion.reference import gazetteer_get
from ingestion.services.articles import file_extract, ner_get

BAD_INPUT = 2
BELOW_FLOOR = 1


@dataclass(frozen=True)
class _Annotated:
    name: str
    text_path: Path
    gold: Gold


def _floor(spec: str) -> Floor:
    try:
        return floor_parse(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _read_folder(folder: Path, errors: list[str]) -> list[_Annotated]:
    """The gold annotations of one folder, checked; every problem is added to ``errors``."""
    if not folder.is_dir():
        errors.append(f"{folder}: no such folder.")
        return []
    files = sorted(folder.glob("*.json"))
    if not files:
        errors.append(f"{folder}: no gold annotations (*.json) in this folder.")
    annotated = []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            errors.append(f"{path}: not readable JSON ({exc}).")
            continue
        relative = data.get("text_path") if isinstance(data, dict) else None
        text_path = (path.parent / relative) if relative else path.with_suffix(".txt")
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"{path}: its article text {text_path} cannot be read ({exc.__class__.__name__}: {exc}).")
            continue
        try:
            annotated.append(_Annotated(path.stem, text_path, gold_parse(data, text=text, source=str(path))))
        except GoldError as exc:
            errors.append(str(exc))
    return annotated


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _table(figures: dict[str, Counts]) -> list[str]:
    lines = [f"   {'field':<16}{'gold':>6}{'found':>7}{'right':>7}{'precision':>11}{'recall':>8}{'F1':>8}"]
    for name in FIELDS:
        c = figures[name]
        label = f"  {name}" if name in ENTITY_CATEGORIES else name
        lines.append(f"   {label:<16}{c.gold:>6}{c.predicted:>7}{c.matched:>7}"
                     f"{_figure(c.precision):>11}{_figure(c.recall):>8}{_figure(c.f1):>8}")
    return lines


def _article_lines(score: ArticleScore) -> list[str]:
    headline = "  ".join(f"{f} {_figure(score.counts[f].f1)}"
                         for f in ("entities", "statements", "attribution", "stance", "transfers"))
    lines = [f"-- {score.name}: {headline}"]
    for field in FIELDS:
        for kind in ("missed", "extra", "wrong"):
            found = [f.text for f in score.findings if f.field == field and f.kind == kind]
            if not found:
                continue
            if field in ENTITY_CATEGORIES:
                lines.append(f"   {field} {kind}: {'; '.join(found)}")
            else:
                lines += [f"   {field} {kind}: {text}" for text in found]
    return lines


def _article_json(score: ArticleScore) -> dict:
    return {
        "article": score.name,
        "figures": {f: score.counts[f].as_dict() for f in FIELDS},
        "findings": [{"field": f.field, "kind": f.kind, "text": f.text} for f in score.findings],
    }


class Command(BaseCommand):
    help = (
        "Run extraction over folders of hand-annotated articles (<stem>.json + <stem>.txt) and print "
        "precision, recall and F1 per field. Uses the reference data in the database; writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("folders", nargs="+", type=Path, metavar="GOLD_DIR", help="Folders of gold annotations.")
        parser.add_argument("--format", choices=("text", "json"), default="text",
                            help="text: tables (default); json: the figures as one JSON object.")
        parser.add_argument("--verbose", action="store_true",
                            help="Per article: its figures, and what was missed, found in excess or wrong.")
        parser.add_argument("--min", type=_floor, action="append", default=[], metavar="FIELD[.MEASURE]=VALUE",
                            dest="floors", help="Exit 1 when a figure of any folder is below this floor "
                            f"(F1 unless MEASURE is precision or recall). FIELD: {', '.join(FIELDS)}.")
        parser.add_argument("--no-ner", action="store_true",
                            help="Rules and reference data only, without the statistical name finder.")

    def handle(self, *args, folders: list[Path], format: str, verbose: bool, floors: list[Floor],
               no_ner: bool, **options):
        errors: list[str] = []
        annotated = {folder: _read_folder(folder, errors) for folder in folders}
        if errors:
            raise CommandError("Bad gold input:\n  " + "\n  ".join(errors), returncode=BAD_INPUT)

        reference = gazetteer_get()
        ner = None if no_ner else ner_get()
        scores: dict[Path, list[ArticleScore]] = {}
        seconds: dict[Path, float] = {}
        for folder, articles in annotated.items():
            scores[folder] = []
            seconds[folder] = 0.0
            for article in articles:
                started = time.perf_counter()
                try:
                    extraction = file_extract(article.text_path, reference=reference, ner=ner,
                                              published=article.gold.published)
                    seconds[folder] += time.perf_counter() - started
                except (FetchError, CleaningError) as exc:
                    errors.append(f"{article.text_path}: {getattr(exc, 'message', None) or exc}")
                    continue
                scores[folder].append(article_score(article.gold, extraction, gazetteer=reference, name=article.name))
        if errors:
            raise CommandError("Bad gold input:\n  " + "\n  ".join(errors), returncode=BAD_INPUT)

        figures = {folder: counts_total(s.counts for s in found) for folder, found in scores.items()}
        failed = [f"{folder}: {line}" for folder, f in figures.items() for line in floors_failed(f, floors)]
        if format == "json":
            self._print_json(scores, figures, failed, verbose, seconds)
        else:
            self._print_text(scores, figures, verbose, seconds)
        if failed:
            raise CommandError("Below the floors:\n  " + "\n  ".join(failed), returncode=BELOW_FLOOR)

    def _print_text(self, scores, figures, verbose: bool, seconds: dict[Path, float]) -> None:
        for folder, found in scores.items():
            self.stdout.write(f"{folder}: {len(found)} article{'s' if len(found) != 1 else ''}")
            if verbose:
                for score in found:
                    self.stdout.write("\n".join(_article_lines(score)))
            self.stdout.write("\n".join(_table(figures[folder])))
        if len(scores) > 1:
            total = sum(len(found) for found in scores.values())
            self.stdout.write(f"All folders: {total} articles")
            self.stdout.write("\n".join(_table(counts_total(figures.values()))))
        count = sum(len(found) for found in scores.values())
        if count:
            spent = sum(seconds.values())
            self.stdout.write(f"Extraction: {count} article{'s' if count != 1 else ''} in {spent:.2f} s, {spent / count * 1000:.1f} ms per article "
                              "(reading, cleaning, the model's parse and the rules)")

    def _print_json(self, scores, figures, failed: list[str], verbose: bool, seconds: dict[Path, float]) -> None:
        out = {"folders": [], "floors_failed": failed}
        for folder, found in scores.items():
            entry = {"folder": str(folder), "articles": len(found), "extract_seconds": round(seconds[folder], 3),
                     "figures": {f: figures[folder][f].as_dict() for f in FIELDS}}
            if verbose:
                entry["per_article"] = [_article_json(s) for s in found]
            out["folders"].append(entry)
        if len(scores) > 1:
            out["all"] = {f: c.as_dict() for f, c in counts_total(figures.values()).items()}
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
