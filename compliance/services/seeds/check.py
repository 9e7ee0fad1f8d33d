"""Cross-checks over all parsed seed files, before anything is written."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import CheckConstraint

from compliance.models import (
    ActorRole,
    Provision,
    Resolution,
    SourceDocument,
    StatementSource,
    TransferItem,
    VesselDesignation,
)

from .parse import SeedFiles, normalise_text
from .report import short
from .schema import MODELS, SECTIONS, SINGULAR, Entry, Ref

def seeds_check(files: SeedFiles) -> None:
    """Cross-checks over all parsed files: references, duplicates, parent loops, excerpts,
    public sources and the models' own rules. Problems are added to ``files.errors``."""
    _check_duplicates(files)
    known = {s: {e.ref for e in files.entries[s] if e.ref} for s in SECTIONS}
    known_provisions = {(p.extra["number"], p.fields["paragraph"]) for p in files.provisions}
    numbers = {e.fields["number"] for e in files.entries["resolutions"] if e.fields.get("number")}
    for where, key, ref in files.references:
        if ref.section == "provisions":
            number, paragraph = ref.key
            if ref.key in known_provisions:
                continue
            if Provision.objects.filter(resolution__number=number, paragraph=paragraph).exists():
                continue
            if number not in numbers and not Resolution.objects.filter(number=number).exists():
                files.errors.append(f'{where}: {key} "{ref}": unknown resolution {number} '
                                   "(in neither the seeds nor the database)")
            else:
                files.errors.append(f'{where}: {key} "{ref}": resolution {number} has no provision '
                                   f"OP{paragraph} (in neither the seeds nor the database)")
            continue
        if ref.key in known[ref.section]:
            continue
        model = MODELS[ref.section]
        has_ref = any(f.name == "ref" for f in model._meta.fields)
        if has_ref and model._default_manager.filter(ref=ref.key).exists():
            continue
        files.errors.append(f'{where}: {key} "{ref.key}" is not a known {SINGULAR[ref.section]} '
                           "(in neither the seeds nor the database)")
    _check_parent_loops(files)
    _check_excerpts(files)
    _check_sources(files)
    _check_models(files)

def _check_duplicates(files: SeedFiles) -> None:
    def dupes(entries: list[Entry], key: Callable[[Entry], Any], label: Callable[[Any], str]):
        first: dict[Any, str] = {}
        for e in entries:
            k = key(e)
            if k is None or k == "" or (isinstance(k, tuple) and None in k):
                continue
            if k in first:
                files.errors.append(f"{e.where}: duplicate {label(k)} (also at {first[k]})")
            else:
                first[k] = e.where

    for section in SECTIONS:
        dupes(files.entries[section], lambda e: e.ref, lambda k: f'ref "{k}"')
    dupes(files.provisions, lambda e: e.ref, lambda k: f'ref "{k}"')
    dupes(files.entries["resolutions"], lambda e: e.fields.get("number"), lambda k: f"resolution {k}")
    dupes(files.provisions, lambda e: (e.extra["number"], e.fields["paragraph"]),
          lambda k: f"provision {k[0]} OP{k[1]}")
    dupes(files.entries["estimative_terms"], lambda e: (e.fields["scale"], e.fields["term"]),
          lambda k: f'estimative term "{k[1]}" on the {k[0]} scale')
    dupes(files.entries["actors"], lambda e: (e.fields["name"], e.fields["kind"]),
          lambda k: f'actor "{k[0]}" ({k[1]})')
    for section, key in (("places", "name"), ("allegations", "title"), ("vessels", "imo_number")):
        dupes(files.entries[section], lambda e, key=key: e.fields.get(key), lambda k, key=key: f"{key} {k}")

def _check_parent_loops(files: SeedFiles) -> None:
    parents = {e.ref: e.fks["parent"].key for e in files.entries["actors"] if e.fks.get("parent")}
    for e in files.entries["actors"]:
        chain, current = [e.ref], parents.get(e.ref)
        while current is not None:
            if current in chain:
                files.errors.append(f"{e.where}: parent chain loops ({' → '.join(chain + [current])})")
                break
            chain.append(current)
            current = parents.get(current)

def _document_text(files: SeedFiles, ref: Ref) -> str | None:
    if ref.key in files.texts:
        return files.texts[ref.key]
    return SourceDocument.objects.filter(ref=ref.key).values_list("text", flat=True).first()

def _check_excerpts(files: SeedFiles) -> None:
    """Excerpts and quotes are the sources' own words: check that they are."""
    for e in files.entries["statements"]:
        texts = []
        for row in e.extra["sources"]:
            doc = row.fks.get("document")
            text = _document_text(files, doc) if doc else None
            if not text:
                continue
            texts.append(normalise_text(text))
            for part in row.fields["_parts"]:
                if normalise_text(part) not in texts[-1]:
                    files.errors.append(f'{row.where}: excerpt "{short(part)}" is not in the text of '
                                       f'document "{doc}"')
        for part in e.extra["quote_parts"]:
            if texts and not any(normalise_text(part) in t for t in texts):
                files.errors.append(f'{e.where}: quote "{short(part)}" is not in the text of any of '
                                   "its sources")

# A public citation: a web address, or a UN document symbol such as "S/RES/1718 (2006)",
# "S/RES/1718(2006)" or "S/2024/255" (resolvable at https://undocs.org/<symbol>).
_URL_RE = re.compile(r"https?://[^\s<>\"')\]]*[^\s<>\"')\].,;:]", re.IGNORECASE)
_UN_SYMBOL_RE = re.compile(r"\bS/(?:RES/\d+\s?\(\d{4}\)|\d{4}/\d+)")
# Something that reads as a file name or path, outside a web address.
_FILE_RE = re.compile(r"(?<![\w/.~-])(?:~?/)?(?:[\w.-]+/)*[\w-]+\.(?:md|txt|ya?ml|csv|json|pdf|docx?|xlsx?|html?)\b",
                      re.IGNORECASE)


def public_source_problem(source: str, *, roots: tuple[Path, ...] = ()) -> str | None:
    """Why ``source`` is not a citation of a public source, or None when it is.

    A seeded fact must cite where anyone can check it: the document itself (a web address,
    or a UN document symbol), not a note or file that only its author has. A file name is
    accepted only when the file is in the repository (one of ``roots``)."""
    without_urls = _URL_RE.sub(" ", source)
    for match in _FILE_RE.finditer(without_urls):
        name = match.group(0)
        if not _in_repository(name, roots):
            return (f'source cites "{name}", a file that is not in the repository: cite the public '
                    "source itself (its web address or UN document symbol)")
    if not _URL_RE.search(source) and not _UN_SYMBOL_RE.search(source):
        return ("source must cite a public source: a web address (https://...) or a UN document "
                'symbol such as "S/RES/1718 (2006)"')
    return None


def _in_repository(name: str, roots: tuple[Path, ...]) -> bool:
    if name.startswith(("/", "~")):
        return False
    for root in roots:
        path = (root / name).resolve()
        if path.is_relative_to(root.resolve()) and path.is_file():
            return True
    return False


def _check_sources(files: SeedFiles) -> None:
    roots = (Path(settings.BASE_DIR), files.directory)
    entries = [e for section in SECTIONS for e in files.entries[section]] + files.provisions
    rows = [row for e in entries for key in ("roles", "designations") for row in e.extra.get(key, [])]
    for item in [*entries, *rows]:
        source = item.fields.get("source")
        if not source:
            continue  # a missing source is reported where the field is read
        problem = public_source_problem(source, roots=roots)
        if problem:
            files.errors.append(f"{item.where}: {problem}")


def _check_models(files: SeedFiles) -> None:
    """The models' own field and check-constraint rules, before anything is written.
    Entries with errors already reported are skipped: their values are incomplete."""
    flawed = {error.split(": ", 2)[1] for error in files.errors if error.count(": ") >= 2}
    for section in SECTIONS:
        for e in files.entries[section]:
            if e.where.split(": ", 1)[1] in flawed:
                continue
            fields = dict(e.fields)
            if section != "estimative_terms":
                fields["ref"] = e.ref or None
            _validate_instance(files.errors, e.where, MODELS[section], fields, e.fks)
            for key, model in (("roles", ActorRole), ("designations", VesselDesignation),
                               ("items", TransferItem), ("sources", StatementSource)):
                for row in e.extra.get(key, []):
                    _validate_instance(files.errors, row.where, model, row.fields, row.fks)
    for p in files.provisions:
        _validate_instance(files.errors, p.where, Provision, {**p.fields, "ref": p.ref or None}, p.fks)



def _validate_instance(errors: list[str], where: str, model: type[models.Model], values: dict,
                       fks: dict) -> None:
    plain = {k: v for k, v in values.items() if not k.startswith("_")}
    instance = model(**plain)
    exclude = {f.name for f in model._meta.fields if f.name not in plain}
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as exc:
        errors.append(f"{where}: {validation_text(exc)}")
        return
    for constraint in model._meta.constraints:
        if isinstance(constraint, CheckConstraint):
            try:
                constraint.validate(model, instance, exclude=exclude | set(fks))
            except ValidationError as exc:
                errors.append(f"{where}: {validation_text(exc)}")


def validation_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)

