"""``manage.py extract FILE [FILE ...] [--format json|text]``: run extraction on files and
print what it finds, using the reference data in the database. Writes nothing.

JSON (the default) is JSON Lines: one object per file, in the order given. A file that
cannot be read or has no usable text is reported on stderr; the others are still
extracted, and the command ends with exit code 1."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingestion.cleaning_types import CleaningError
from ingestion.extraction import extraction_to_json
from ingestion.fetchers import FetchError
from ingestion.reference import gazetteer_get
from ingestion.services.articles import file_extract, ner_get


class Command(BaseCommand):
    help = (
        "Extract entities, dates, statements and transfers from article files and print them "
        "(JSON Lines by default). Uses the reference data in the database; writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="Article files (.txt, .html, .md, .pdf).")
        parser.add_argument("--format", choices=("json", "text"), default="json",
                            help="json: one JSON object per file (JSON Lines); text: a readable summary.")
        parser.add_argument("--no-ner", action="store_true",
                            help="Rules and reference data only, without the statistical name finder.")

    def handle(self, *args, files: list[Path], format: str, no_ner: bool, **options):
        reference = gazetteer_get()
        ner = None if no_ner else ner_get()
        failed = 0
        for path in files:
            try:
                extraction = file_extract(path, reference=reference, ner=ner)
            except (FetchError, CleaningError) as exc:
                failed += 1
                self.stderr.write(f"{path}: {getattr(exc, 'message', None) or exc}")
                continue
            data = extraction_to_json(extraction, source=str(path))
            if format == "json":
                self.stdout.write(json.dumps(data, ensure_ascii=False))
            else:
                self.stdout.write(_text(data, extraction.relevant))
            self.stdout.flush()
        if failed:
            sys.stdout.flush()
            raise CommandError(f"{failed} of {len(files)} file{'s' if len(files) != 1 else ''} could not be read.",
                               returncode=1)


def _text(data: dict, relevant: bool) -> str:
    lines = [f"== {data['source']}", f"   {data['title'] or '(no title)'} ({data['published'] or 'undated'})"]
    if not relevant:
        lines.append("   Not about the DPRK's arms trade or its sanctions: no statements or transfers.")
    ents = data["entities"]
    people = [p["name"] + (f" ({', '.join(x for x in (p['role'], p['affiliation']) if x)})"
                           if p["role"] or p["affiliation"] else "") for p in ents["people"]]
    for label, values in (("People", people), ("Organizations", ents["organizations"]),
                          ("Countries", ents["countries"]), ("Places", ents["places"]),
                          ("Vessels", ents["vessels"]), ("Resolutions", ents["resolutions"])):
        if values:
            lines.append(f"   {label}: {'; '.join(values)}")
    if data["statements"]:
        lines.append("   Statements:")
    for s in data["statements"]:
        who = s["speaker"] or "(unnamed)"
        if s["on_behalf_of"]:
            who += f" for {s['on_behalf_of']}"
        term = f" [{s['probability_term']}]" if s["probability_term"] else ""
        when = f" on {s['date']}" if s["date"] else ""
        quote = s["quote"] if len(s["quote"]) <= 160 else s["quote"][:157] + "..."
        lines.append(f"   - {who} {s['stance']}{term}{when}: {quote}")
    if data["transfers"]:
        lines.append("   Transfers:")
    for t in data["transfers"]:
        route = " → ".join(t["route"]) or "route not given"
        period = ""
        if t["period"]:
            period = f", {t['period']['start'] or '?'} to {t['period']['end'] or '?'}"
        qty = f", {t['quantity']}" if t["quantity"] else ""
        lines.append(f"   - {t['from']} → {t['to']}: {', '.join(t['items']) or 'items not given'}{qty}{period}; "
                     f"{route}; {t['status_claimed'] or 'status not given'}")
    return "\n".join(lines)
