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

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pycountry
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models import CheckConstraint
from stdnum import imo as stdnum_imo
from stdnum.exceptions import ValidationError as StdnumError

from compliance.choices import (
    ActorKind,
    Bearing,
    DatePrecision,
    DocumentKind,
    EstimativeScale,
    EvidenceKind,
    EvidentiaryStatus,
    ItemCategory,
    PlaceKind,
    ProvisionCategory,
    Stance,
    TransferStatus,
    TransportMode,
)
from compliance.errors import DomainError
from compliance.models import (
    Actor,
    ActorRole,
    Allegation,
    AllegationEvidence,
    AllegationProvision,
    AllegationStatement,
    EstimativeTerm,
    EvidenceItem,
    Place,
    Provision,
    Resolution,
    SourceDocument,
    Statement,
    StatementSource,
    Transfer,
    TransferItem,
    Vessel,
    VesselDesignation,
)
from compliance.models.base import Verification
from compliance.roles import SystemActor
from compliance.workflow import OPENING_STATUSES

from .records import record_delete, record_save, record_set_related
from .transfers import LegData, transfer_set_route
from .workflow import MIN_RATIONALE_LENGTH, allegation_create

# Top-level sections a seed file may hold, in the order they are written (each may only
# refer to sections before it, except actors, which may refer to one another).
SECTIONS = (
    "estimative_terms",
    "resolutions",
    "actors",
    "places",
    "vessels",
    "documents",
    "transfers",
    "statements",
    "evidence",
    "allegations",
)
# Kinds counted in the report: the sections, plus provisions (nested under resolutions).
KINDS = (
    "estimative_terms",
    "resolutions",
    "provisions",
    "actors",
    "places",
    "vessels",
    "documents",
    "transfers",
    "statements",
    "evidence",
    "allegations",
)
_MODELS: dict[str, type[models.Model]] = {
    "estimative_terms": EstimativeTerm,
    "resolutions": Resolution,
    "provisions": Provision,
    "actors": Actor,
    "places": Place,
    "vessels": Vessel,
    "documents": SourceDocument,
    "transfers": Transfer,
    "statements": Statement,
    "evidence": EvidenceItem,
    "allegations": Allegation,
}
_SINGULAR = {
    "estimative_terms": "estimative term",
    "resolutions": "resolution",
    "provisions": "provision",
    "actors": "actor",
    "places": "place",
    "vessels": "vessel",
    "documents": "document",
    "transfers": "transfer",
    "statements": "statement",
    "evidence": "evidence item",
    "allegations": "allegation",
}
_REF_RE = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
_PROVISION_RE = re.compile(r"^\s*(\d+)\s+OP\s*(\S+)\s*$", re.IGNORECASE)
_GRADE_RE = re.compile(r"^([A-F])([1-6])$")
_OPEN_STATUSES = [str(s) for s in OPENING_STATUSES]
# Joins the parts of an excerpt or quote given as a list in the file.
PART_SEPARATOR = " […] "


class SeedError(DomainError):
    """The seeds were refused; nothing was written. ``errors`` names each file and entry."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(
            f"The seeds were not loaded ({len(errors)} error{'s' if len(errors) != 1 else ''}); "
            "nothing was written:\n" + "\n".join(f"  - {e}" for e in errors)
        )


@dataclass
class KindCounts:
    created: int = 0
    unchanged: int = 0
    kept: int = 0
    updated: int = 0


@dataclass
class SeedReport:
    """What a load did (or, in a dry run, would do), per kind of entry."""

    directory: Path
    files: list[str] = field(default_factory=list)
    dry_run: bool = False
    update: bool = False
    counts: dict[str, KindCounts] = field(default_factory=lambda: {k: KindCounts() for k in KINDS})
    kept: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())

    def lines(self) -> list[str]:
        head = f"{'kind':<18}{'created':>9}{'unchanged':>11}{'kept':>7}{'updated':>9}"
        out = [head, "-" * len(head)]
        for kind in KINDS:
            c = self.counts[kind]
            out.append(f"{kind.replace('_', ' '):<18}{c.created:>9}{c.unchanged:>11}{c.kept:>7}{c.updated:>9}")
        return out


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class _Ref:
    """A reference from one entry to another: a ref, or (number, paragraph) for provisions."""

    section: str
    key: Any

    def __str__(self) -> str:
        if self.section == "provisions":
            return f"{self.key[0]} OP{self.key[1]}"
        return str(self.key)


@dataclass
class _Row:
    """A nested row (a role, a designation, an item, a leg, a source, a link)."""

    where: str
    fields: dict[str, Any]
    fks: dict[str, _Ref | None] = field(default_factory=dict)


@dataclass
class _Entry:
    section: str
    ref: str
    where: str
    fields: dict[str, Any]
    fks: dict[str, _Ref | None] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.section}/{self.ref}"


_MISSING = object()


class _Reader:
    """Reads one mapping of a seed file, collecting every problem with where it is."""

    def __init__(self, data: Any, where: str, loader: _Loader):
        self.where = where
        self.loader = loader
        self.used: set[str] = set()
        if not isinstance(data, dict):
            self.error(f"expected a mapping of keys to values, got {_kind(data)}")
            data = {}
        self.data = data

    def error(self, message: str) -> None:
        self.loader.errors.append(f"{self.where}: {message}")

    def _get(self, key: str, required: bool) -> Any:
        self.used.add(key)
        value = self.data.get(key)
        if value is None or value == "" or value == []:
            if required:
                self.error(f"{key} is required")
            return _MISSING
        return value

    def finish(self) -> None:
        unknown = sorted(str(k) for k in self.data if k not in self.used)
        for key in unknown:
            self.error(f'unknown key "{key}" (expected one of: {", ".join(sorted(self.used))})')

    def str(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(f"{key} must be text, got {_kind(value)}")
            return default
        return str(value).strip()

    def parts(self, key: str, *, required: bool = False) -> list[str]:
        """Text given as one string or a list of strings (the parts of an excerpt)."""
        value = self._get(key, required)
        if value is _MISSING:
            return []
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) and v.strip() for v in values):
            self.error(f"{key} must be text or a list of texts")
            return []
        return [v.strip() for v in values]

    def str_list(self, key: str) -> list[str]:
        value = self._get(key, False)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(f"{key} must be a list of names")
            return []
        return [v.strip() for v in value]

    def bool(self, key: str, *, required: bool = False, default: bool = False) -> bool:
        self.used.add(key)
        if key not in self.data or self.data[key] is None:
            if required:
                self.error(f"{key} is required (true or false)")
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            self.error(f"{key} must be true or false, got {value!r}")
            return default
        return value

    def int(self, key: str, *, required: bool = False, lo: int | None = None, hi: int | None = None):
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"{key} must be a whole number, got {value!r}")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.error(f"{key} {value} is out of range {lo}..{hi}")
            return None
        return value

    def decimal(self, key: str, *, lo: Decimal | None = None, hi: Decimal | None = None,
                required: bool = False) -> Decimal | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.error(f"{key} must be a number, got {_kind(value)}")
            return None
        try:
            number = Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            self.error(f"{key} must be a number, got {value!r}")
            return None
        if not number.is_finite():
            self.error(f"{key} must be a finite number")
            return None
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            self.error(f"{key} {value} is out of range {lo}..{hi}")
            return None
        return number

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, dt.datetime):
            self.error(f"{key} must be a date (YYYY-MM-DD), not a date and time")
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(f"{key} {value!r} is not a date (YYYY-MM-DD)")
        return None

    def partial_date(self, key: str) -> tuple[dt.date | None, str]:
        """A date written as YYYY-MM-DD, YYYY-MM or YYYY; its precision follows the form."""
        value = self._get(key, False)
        if value is _MISSING:
            return None, DatePrecision.DAY
        if isinstance(value, dt.datetime):
            self.error(f"{key} must be a date, not a date and time")
            return None, DatePrecision.DAY
        if isinstance(value, dt.date):
            return value, DatePrecision.DAY
        text = str(value).strip()
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return dt.date.fromisoformat(text), DatePrecision.DAY
            if re.fullmatch(r"\d{4}-\d{2}", text):
                return dt.date.fromisoformat(f"{text}-01"), DatePrecision.MONTH
            if re.fullmatch(r"\d{4}", text):
                return dt.date(int(text), 1, 1), DatePrecision.YEAR
        except ValueError:
            pass
        self.error(f"{key} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
        return None, DatePrecision.DAY

    def enum(self, key: str, choices: Iterable[str], *, required: bool = False, default: str = "") -> str:
        value = self._get(key, required)
        if value is _MISSING:
            return default
        allowed = list(choices)
        if not isinstance(value, str) or value not in allowed:
            self.error(f'{key} "{value}" is not one of: {", ".join(allowed)}')
            return default
        return value

    def country(self, key: str) -> str:
        value = self.str(key)
        if value and pycountry.countries.get(alpha_2=value) is None:
            self.error(f'{key} "{value}" is not an ISO 3166-1 alpha-2 country code')
            return ""
        return value

    def ref(self, key: str, section: str, *, required: bool = False) -> _Ref | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str) or not _REF_RE.match(value):
            self.error(f"{key} must be the ref of a {_SINGULAR[section]}, got {value!r}")
            return None
        ref = _Ref(section, value)
        self.loader.references.append((self.where, key, ref))
        return ref

    def refs(self, key: str, section: str, *, required: bool = False) -> list[_Ref]:
        value = self._get(key, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.error(f"{key} must be a list of refs")
            return []
        out = []
        for item in value:
            if not isinstance(item, str) or not _REF_RE.match(item):
                self.error(f"{key} must be a list of {_SINGULAR[section]} refs, got {item!r}")
                continue
            ref = _Ref(section, item)
            if ref in out:
                self.error(f'{key} lists "{item}" twice')
                continue
            self.loader.references.append((self.where, key, ref))
            out.append(ref)
        return out

    def provision(self, key: str) -> _Ref | None:
        value = self._get(key, True)
        if value is _MISSING:
            return None
        match = _PROVISION_RE.match(str(value))
        if not match:
            self.error(f'{key} "{value}" must read like "1718 OP8(b)" (resolution number, OP, paragraph)')
            return None
        ref = _Ref("provisions", (int(match.group(1)), match.group(2)))
        self.loader.references.append((self.where, key, ref))
        return ref

    def rows(self, key: str, *, required: bool = False) -> list[_Reader]:
        value = self._get(key, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.error(f"{key} must be a list")
            return []
        return [_Reader(item, f"{self.where}: {key}[{i}]", self.loader) for i, item in enumerate(value)]

    def sourced(self) -> dict[str, Any]:
        return {
            "source": self.str("source", required=True),
            "verification": self.enum("verification", Verification.values, default=Verification.VERIFIED),
        }


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )


class _StrictLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys silently; a seed file must not."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, f'the key "{key}" appears twice',
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _yaml_position(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    context = getattr(exc, "context", None)
    return f"{where}: {problem}" + (f" ({context})" if context else "")


def _display_path(path: Path) -> str:
    for base in (Path.cwd(), Path(settings.BASE_DIR)):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def _normalise_text(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


class _Loader:
    """Phase one: read and validate. Holds the parsed entries for phase two."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.errors: list[str] = []
        self.references: list[tuple[str, str, _Ref]] = []
        self.entries: dict[str, list[_Entry]] = {s: [] for s in SECTIONS}
        self.provisions: list[_Entry] = []
        self.files: list[str] = []
        self.texts: dict[str, str] = {}  # document ref -> text, for checking excerpts
        self.unreadable = False

    # -- files

    def read(self) -> None:
        if not self.directory.is_dir():
            self.errors.append(f"{self.directory}: not a directory")
            return
        paths = sorted(self.directory.glob("*.yaml")) + sorted(self.directory.glob("*.yml"))
        if not paths:
            self.errors.append(f"{_display_path(self.directory)}: no *.yaml seed files")
            return
        section_files: dict[str, str] = {}
        for path in paths:
            shown = _display_path(path)
            self.files.append(shown)
            try:
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
            except UnicodeDecodeError as exc:
                self.errors.append(f"{shown}: not UTF-8 text ({exc.reason})")
                self.unreadable = True
                continue
            except yaml.YAMLError as exc:
                self.errors.append(f"{shown}: YAML syntax error{_yaml_position(exc)}")
                self.unreadable = True
                continue
            if data is None:
                continue
            if not isinstance(data, dict):
                self.errors.append(f"{shown}: expected sections ({', '.join(SECTIONS)}) at the top level")
                continue
            for section, items in data.items():
                if section not in SECTIONS:
                    self.errors.append(
                        f'{shown}: unknown section "{section}" (expected one of: {", ".join(SECTIONS)})'
                    )
                    continue
                if section in section_files:
                    self.errors.append(
                        f'{shown}: section "{section}" is already in {section_files[section]}'
                    )
                    continue
                section_files[section] = shown
                if items is None:
                    continue
                if not isinstance(items, list):
                    self.errors.append(f"{shown}: {section} must be a list of entries")
                    continue
                for i, item in enumerate(items):
                    self._parse(section, i, item, shown)

    def _parse(self, section: str, index: int, item: Any, shown: str) -> None:
        ref = item.get("ref") if isinstance(item, dict) else None
        ref_text = f' (ref "{ref}")' if isinstance(ref, str) else ""
        r = _Reader(item, f"{shown}: {section}[{index}]{ref_text}", self)
        ref = r.str("ref", required=True)
        if ref and not _REF_RE.match(ref):
            r.error(f'ref "{ref}" must be a slug (letters, digits, "-" and "_", at most 100)')
            ref = ""
        entry = _Entry(section, ref, r.where, {})
        getattr(self, f"_parse_{section}")(r, entry)
        r.finish()
        self.entries[section].append(entry)

    # -- sections

    def _parse_estimative_terms(self, r: _Reader, e: _Entry) -> None:
        e.fields = {
            "scale": r.enum("scale", EstimativeScale.values, required=True),
            "term": r.str("term", required=True),
            "synonyms": r.str_list("synonyms"),
            "low_percent": r.int("low_percent", required=True, lo=0, hi=100),
            "high_percent": r.int("high_percent", required=True, lo=0, hi=100),
            **r.sourced(),
        }
        low, high = e.fields["low_percent"], e.fields["high_percent"]
        if low is not None and high is not None and low > high:
            r.error(f"low_percent {low} is above high_percent {high}")

    def _parse_resolutions(self, r: _Reader, e: _Entry) -> None:
        e.fields = {
            "number": r.int("number", required=True, lo=1),
            "adopted_on": r.date("adopted_on", required=True),
            "vote": r.str("vote", required=True),
            "title": r.str("title"),
            "chapter_vii": r.bool("chapter_vii", required=True),
            "summary": r.str("summary", required=True),
            "url": r.str("url"),
            **r.sourced(),
        }
        for pr in r.rows("provisions"):
            ref = pr.str("ref", required=True)
            if ref and not _REF_RE.match(ref):
                pr.error(f'ref "{ref}" must be a slug')
                ref = ""
            if ref:
                pr.where = f'{pr.where} (ref "{ref}")'
            paragraph = pr.str("paragraph", required=True)
            if paragraph.upper().startswith("OP"):
                pr.error(f'paragraph "{paragraph}" should be written without "OP", e.g. "8(b)"')
            provision = _Entry("provisions", ref, pr.where, {
                "paragraph": paragraph,
                "category": pr.enum("category", ProvisionCategory.values, required=True),
                "obligation": pr.str("obligation", required=True),
                **pr.sourced(),
            }, fks={"resolution": _Ref("resolutions", e.ref)})
            provision.extra["number"] = e.fields["number"]
            pr.finish()
            self.provisions.append(provision)

    def _parse_actors(self, r: _Reader, e: _Entry) -> None:
        e.fields = {
            "name": r.str("name", required=True),
            "kind": r.enum("kind", ActorKind.values, required=True),
            "aliases": r.str_list("aliases"),
            "country": r.country("country"),
            "description": r.str("description"),
        }
        e.fks = {"parent": r.ref("parent", "actors")}
        if e.fks["parent"] is not None and e.fks["parent"].key == e.ref:
            r.error("parent is the actor itself")
            e.fks["parent"] = None
        roles = []
        for rr in r.rows("roles"):
            start, end = rr.date("start_date"), rr.date("end_date")
            if start and end and start > end:
                rr.error(f"start_date {start} is after end_date {end}")
            roles.append(_Row(rr.where, {
                "title": rr.str("title", required=True),
                "start_date": start,
                "end_date": end,
                **rr.sourced(),
            }, {"organisation": rr.ref("organisation", "actors")}))
            rr.finish()
        if roles and e.fields["kind"] != ActorKind.PERSON:
            r.error(f'roles are for people: kind is "{e.fields["kind"]}"')
        e.extra["roles"] = roles

    def _parse_places(self, r: _Reader, e: _Entry) -> None:
        lat = r.decimal("latitude", lo=Decimal(-90), hi=Decimal(90))
        lon = r.decimal("longitude", lo=Decimal(-180), hi=Decimal(180))
        if ("latitude" in r.data) != ("longitude" in r.data):
            r.error("give both latitude and longitude, or neither")
        e.fields = {
            "name": r.str("name", required=True),
            "aliases": r.str_list("aliases"),
            "kind": r.enum("kind", PlaceKind.values, required=True),
            "country": r.country("country"),
            "latitude": lat,
            "longitude": lon,
            "note": r.str("note"),
            **r.sourced(),
        }

    def _parse_vessels(self, r: _Reader, e: _Entry) -> None:
        imo = r.str("imo_number") or None
        if imo is not None:
            try:
                imo = stdnum_imo.validate(imo)
            except StdnumError as exc:
                r.error(f"imo_number {imo} is not a valid IMO number ({str(exc).rstrip('.')})")
                imo = None
        e.fields = {
            "name": r.str("name", required=True),
            "former_names": r.str_list("former_names"),
            "imo_number": imo,
            "flag": r.country("flag"),
            "note": r.str("note"),
            **r.sourced(),
        }
        designations = []
        for dr in r.rows("designations"):
            designations.append(_Row(dr.where, {
                "authority": dr.str("authority", required=True),
                "designated_on": dr.date("designated_on"),
                "reference": dr.str("reference"),
                **dr.sourced(),
            }))
            dr.finish()
        e.extra["designations"] = designations

    def _parse_documents(self, r: _Reader, e: _Entry) -> None:
        grade = r.str("grade", required=True)
        reliability, credibility = "", ""
        if grade:
            match = _GRADE_RE.match(grade)
            if match:
                reliability, credibility = match.groups()
            else:
                r.error(f'grade "{grade}" is not an Admiralty grade (A-F and 1-6, e.g. "B2")')
        text = r.str("text")
        name = r.str("file")
        if name and text:
            r.error("give either file or text, not both")
        elif name:
            path = (self.directory / name).resolve()
            if not path.is_relative_to(self.directory.resolve()):
                r.error(f'file "{name}" is outside the seeds directory')
            elif not path.is_file():
                r.error(f'file "{name}" does not exist in {_display_path(self.directory)}')
            else:
                try:
                    text = path.read_text(encoding="utf-8")
                except UnicodeDecodeError as exc:
                    r.error(f'file "{name}" is not UTF-8 text ({exc.reason})')
        e.fields = {
            "title": r.str("title", required=True),
            "kind": r.enum("kind", DocumentKind.values, default=DocumentKind.NEWS_ARTICLE),
            "url": r.str("url"),
            "published_on": r.date("published_on"),
            "published_on_inferred": r.bool("published_on_inferred"),
            "text": text,
            "reliability": reliability,
            "credibility": credibility,
            "grading_note": r.str("grading_note", required=True),
        }
        e.fks = {"outlet": r.ref("outlet", "actors")}
        if e.ref:
            self.texts[e.ref] = text

    def _parse_transfers(self, r: _Reader, e: _Entry) -> None:
        start, start_precision = r.partial_date("period_start")
        end, end_precision = r.partial_date("period_end")
        if start and end and start > end:
            r.error(f"period_start {start} is after period_end {end}")
        e.fields = {
            "title": r.str("title", required=True),
            "period_start": start,
            "period_start_precision": start_precision,
            "period_end": end,
            "period_end_precision": end_precision,
            "status_claimed": r.enum("status_claimed", TransferStatus.values, required=True),
            "description": r.str("description"),
        }
        e.fks = {"supplier": r.ref("supplier", "actors", required=True),
                 "recipient": r.ref("recipient", "actors", required=True)}
        if e.fks["supplier"] and e.fks["supplier"] == e.fks["recipient"]:
            r.error("supplier and recipient are the same actor")
        items = []
        for ir in r.rows("items"):
            low = ir.decimal("quantity_min", lo=Decimal(0))
            high = ir.decimal("quantity_max", lo=Decimal(0))
            if low is not None and high is not None and low > high:
                ir.error(f"quantity_min {low} is above quantity_max {high}")
            items.append(_Row(ir.where, {
                "category": ir.enum("category", ItemCategory.values, required=True),
                "description": ir.str("description"),
                "quantity_min": low,
                "quantity_max": high,
                "unit": ir.str("unit"),
                "quantity_text": ir.str("quantity_text"),
            }))
            ir.finish()
        legs = []
        for i, lr in enumerate(r.rows("route")):
            departed, arrived = lr.date("departed_on"), lr.date("arrived_on")
            if departed and arrived and departed > arrived:
                lr.error(f"departed_on {departed} is after arrived_on {arrived}")
            leg = _Row(lr.where, {
                "mode": lr.enum("mode", TransportMode.values, required=True),
                "departed_on": departed,
                "arrived_on": arrived,
                "note": lr.str("note"),
            }, {
                "from_place": lr.ref("from", "places", required=True),
                "to_place": lr.ref("to", "places", required=True),
                "vessel": lr.ref("vessel", "vessels"),
            })
            lr.finish()
            if leg.fks["from_place"] and leg.fks["from_place"] == leg.fks["to_place"]:
                lr.error(f'the leg starts and ends at "{leg.fks["from_place"]}"')
            if legs and legs[-1].fks["to_place"] and leg.fks["from_place"] \
                    and legs[-1].fks["to_place"] != leg.fks["from_place"]:
                lr.error(f'the leg starts at "{leg.fks["from_place"]}" but route[{i - 1}] ends at '
                         f'"{legs[-1].fks["to_place"]}"')
            legs.append(leg)
        e.extra["items"] = items
        e.extra["route"] = legs

    def _parse_statements(self, r: _Reader, e: _Entry) -> None:
        stated_on, precision = r.partial_date("stated_on")
        quote = r.parts("quote")
        e.fields = {
            "speaker_title": r.str("speaker_title"),
            "stated_on": stated_on,
            "stated_on_precision": precision,
            "venue": r.str("venue"),
            "stance": r.enum("stance", Stance.values, required=True),
            "estimative_phrase": r.str("estimative_phrase"),
            "quote": PART_SEPARATOR.join(quote),
            "gist": r.str("gist", required=True),
        }
        e.fks = {"speaker": r.ref("speaker", "actors"),
                 "estimative_term": r.ref("estimative_term", "estimative_terms")}
        if e.fks["estimative_term"] and not e.fields["estimative_phrase"]:
            r.error("estimative_term needs the estimative_phrase the speaker used")
        e.extra["on_behalf_of"] = r.refs("on_behalf_of", "actors", required=True)
        e.extra["quote_parts"] = quote
        sources = []
        for sr in r.rows("sources", required=True):
            parts = sr.parts("excerpt", required=True)
            row = _Row(sr.where, {"excerpt": PART_SEPARATOR.join(parts)},
                       {"document": sr.ref("document", "documents", required=True)})
            row.fields["_parts"] = parts
            sr.finish()
            if row.fks["document"] and any(row.fks["document"] == s.fks["document"] for s in sources):
                sr.error(f'document "{row.fks["document"]}" is already a source of this statement')
                continue
            sources.append(row)
        e.extra["sources"] = sources

    def _parse_evidence(self, r: _Reader, e: _Entry) -> None:
        e.fields = {
            "kind": r.enum("kind", EvidenceKind.values, required=True),
            "description": r.str("description", required=True),
            "captured_on": r.date("captured_on"),
            "url": r.str("url"),
        }
        e.fks = {"provider": r.ref("provider", "actors"),
                 "document": r.ref("document", "documents"),
                 "place": r.ref("place", "places")}

    def _parse_allegations(self, r: _Reader, e: _Entry) -> None:
        e.fields = {"title": r.str("title", required=True), "summary": r.str("summary")}
        status = r.enum("initial_status", _OPEN_STATUSES, default=EvidentiaryStatus.REPORTED)
        rationale = r.str("rationale")
        if status != EvidentiaryStatus.REPORTED and len(rationale) < MIN_RATIONALE_LENGTH:
            r.error(f'initial_status "{status}" needs a rationale of at least {MIN_RATIONALE_LENGTH} '
                    "characters")
        e.extra["initial_status"] = status
        e.extra["rationale"] = rationale
        e.extra["transfers"] = r.refs("transfers", "transfers")
        links: dict[str, list[_Row]] = {}
        for key, section, model_field in (("provisions", "provisions", "provision"),
                                          ("statements", "statements", "statement"),
                                          ("evidence", "evidence", "evidence")):
            rows = []
            for lr in r.rows(key):
                if section == "provisions":
                    target = lr.provision("provision")
                    row = _Row(lr.where, {"note": lr.str("note")}, {"provision": target})
                else:
                    target = lr.ref(model_field, section, required=True)
                    row = _Row(lr.where, {
                        "bearing": lr.enum("bearing", Bearing.values, required=True),
                        "note": lr.str("note"),
                    }, {model_field: target})
                lr.finish()
                if target is not None and any(x.fks[model_field] == target for x in rows):
                    lr.error(f'{model_field} "{target}" is linked twice')
                    continue
                rows.append(row)
            links[key] = rows
        e.extra["links"] = links

    # -- cross-checks

    def check(self) -> None:
        self._check_duplicates()
        known = {s: {e.ref for e in self.entries[s] if e.ref} for s in SECTIONS}
        known_provisions = {(p.extra["number"], p.fields["paragraph"]) for p in self.provisions}
        numbers = {e.fields["number"] for e in self.entries["resolutions"] if e.fields.get("number")}
        for where, key, ref in self.references:
            if ref.section == "provisions":
                number, paragraph = ref.key
                if ref.key in known_provisions:
                    continue
                if Provision.objects.filter(resolution__number=number, paragraph=paragraph).exists():
                    continue
                if number not in numbers and not Resolution.objects.filter(number=number).exists():
                    self.errors.append(f'{where}: {key} "{ref}": unknown resolution {number} '
                                       "(in neither the seeds nor the database)")
                else:
                    self.errors.append(f'{where}: {key} "{ref}": resolution {number} has no provision '
                                       f"OP{paragraph} (in neither the seeds nor the database)")
                continue
            if ref.key in known[ref.section]:
                continue
            model = _MODELS[ref.section]
            has_ref = any(f.name == "ref" for f in model._meta.fields)
            if has_ref and model._default_manager.filter(ref=ref.key).exists():
                continue
            self.errors.append(f'{where}: {key} "{ref.key}" is not a known {_SINGULAR[ref.section]} '
                               "(in neither the seeds nor the database)")
        self._check_parent_loops()
        self._check_excerpts()
        self._check_models()

    def _check_duplicates(self) -> None:
        def dupes(entries: list[_Entry], key: Callable[[_Entry], Any], label: Callable[[Any], str]):
            first: dict[Any, str] = {}
            for e in entries:
                k = key(e)
                if k is None or k == "" or (isinstance(k, tuple) and None in k):
                    continue
                if k in first:
                    self.errors.append(f"{e.where}: duplicate {label(k)} (also at {first[k]})")
                else:
                    first[k] = e.where

        for section in SECTIONS:
            dupes(self.entries[section], lambda e: e.ref, lambda k: f'ref "{k}"')
        dupes(self.provisions, lambda e: e.ref, lambda k: f'ref "{k}"')
        dupes(self.entries["resolutions"], lambda e: e.fields.get("number"), lambda k: f"resolution {k}")
        dupes(self.provisions, lambda e: (e.extra["number"], e.fields["paragraph"]),
              lambda k: f"provision {k[0]} OP{k[1]}")
        dupes(self.entries["estimative_terms"], lambda e: (e.fields["scale"], e.fields["term"]),
              lambda k: f'estimative term "{k[1]}" on the {k[0]} scale')
        dupes(self.entries["actors"], lambda e: (e.fields["name"], e.fields["kind"]),
              lambda k: f'actor "{k[0]}" ({k[1]})')
        for section, key in (("places", "name"), ("allegations", "title"), ("vessels", "imo_number")):
            dupes(self.entries[section], lambda e, key=key: e.fields.get(key), lambda k, key=key: f"{key} {k}")

    def _check_parent_loops(self) -> None:
        parents = {e.ref: e.fks["parent"].key for e in self.entries["actors"] if e.fks.get("parent")}
        for e in self.entries["actors"]:
            chain, current = [e.ref], parents.get(e.ref)
            while current is not None:
                if current in chain:
                    self.errors.append(f"{e.where}: parent chain loops ({' → '.join(chain + [current])})")
                    break
                chain.append(current)
                current = parents.get(current)

    def _document_text(self, ref: _Ref) -> str | None:
        if ref.key in self.texts:
            return self.texts[ref.key]
        return SourceDocument.objects.filter(ref=ref.key).values_list("text", flat=True).first()

    def _check_excerpts(self) -> None:
        """Excerpts and quotes are the sources' own words: check that they are."""
        for e in self.entries["statements"]:
            texts = []
            for row in e.extra["sources"]:
                doc = row.fks.get("document")
                text = self._document_text(doc) if doc else None
                if not text:
                    continue
                texts.append(_normalise_text(text))
                for part in row.fields["_parts"]:
                    if _normalise_text(part) not in texts[-1]:
                        self.errors.append(f'{row.where}: excerpt "{_short(part)}" is not in the text of '
                                           f'document "{doc}"')
            for part in e.extra["quote_parts"]:
                if texts and not any(_normalise_text(part) in t for t in texts):
                    self.errors.append(f'{e.where}: quote "{_short(part)}" is not in the text of any of '
                                       "its sources")

    def _check_models(self) -> None:
        """The models' own field and check-constraint rules, before anything is written.
        Entries with errors already reported are skipped: their values are incomplete."""
        flawed = {error.split(": ", 2)[1] for error in self.errors if error.count(": ") >= 2}
        for section in SECTIONS:
            for e in self.entries[section]:
                if e.where.split(": ", 1)[1] in flawed:
                    continue
                fields = dict(e.fields)
                if section != "estimative_terms":
                    fields["ref"] = e.ref or None
                _validate_instance(self.errors, e.where, _MODELS[section], fields, e.fks)
                for key, model in (("roles", ActorRole), ("designations", VesselDesignation),
                                   ("items", TransferItem), ("sources", StatementSource)):
                    for row in e.extra.get(key, []):
                        _validate_instance(self.errors, row.where, model, row.fields, row.fks)
        for p in self.provisions:
            _validate_instance(self.errors, p.where, Provision, {**p.fields, "ref": p.ref or None}, p.fks)


def _validate_instance(errors: list[str], where: str, model: type[models.Model], values: dict,
                       fks: dict) -> None:
    plain = {k: v for k, v in values.items() if not k.startswith("_")}
    instance = model(**plain)
    exclude = {f.name for f in model._meta.fields if f.name not in plain}
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as exc:
        errors.append(f"{where}: {_validation_text(exc)}")
        return
    for constraint in model._meta.constraints:
        if isinstance(constraint, CheckConstraint):
            try:
                constraint.validate(model, instance, exclude=exclude | set(fks))
            except ValidationError as exc:
                errors.append(f"{where}: {_validation_text(exc)}")


def _validation_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- writing


class _DependencyFailed(Exception):
    """An entry this one refers to failed to load; its error is already reported."""


def _show(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return getattr(value, "ref", None) or str(value)
    if isinstance(value, (list, tuple)):
        return _short(json.dumps(value, ensure_ascii=False, default=str), 80)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return f'"{_short(value)}"'


def _show_pair(have: Any, want: Any) -> tuple[str, str]:
    """Both values for a report line; long texts are shown around their first difference."""
    if isinstance(have, str) and isinstance(want, str) and max(len(have), len(want)) > 60:
        at = next((i for i, (a, b) in enumerate(zip(have, want)) if a != b), min(len(have), len(want)))
        start = max(0, at - 20)

        def window(text: str) -> str:
            return ('"…' if start else '"') + _short(text[start:], 50).rstrip('"') + '"'

        return window(have), window(want)
    return _show(have), _show(want)


@dataclass
class _Difference:
    text: str
    apply: Callable[[], None]


class _Writer:
    """Phase two: create what is missing, compare what exists, report the differences."""

    def __init__(self, loader: _Loader, *, by: SystemActor, update: bool, report: SeedReport):
        self.loader = loader
        self.by = by
        self.update = update
        self.report = report
        self.errors: list[str] = []
        self.objects: dict[_Ref, models.Model] = {}
        self.failed: set[_Ref] = set()
        self.pending_actors: dict[str, tuple[bool, list[_Difference]]] = {}

    # -- lookups

    def get(self, ref: _Ref | None) -> models.Model | None:
        if ref is None:
            return None
        if ref in self.objects:
            return self.objects[ref]
        if ref in self.failed:
            raise _DependencyFailed(str(ref))
        if ref.section == "provisions":
            obj = Provision.objects.filter(resolution__number=ref.key[0], paragraph=ref.key[1]).first()
        else:
            obj = _MODELS[ref.section]._default_manager.filter(ref=ref.key).first()
        if obj is None:
            raise _DependencyFailed(str(ref))
        self.objects[ref] = obj
        return obj

    def resolved(self, fields: dict, fks: dict) -> dict:
        values = {k: v for k, v in fields.items() if not k.startswith("_")}
        values.update({name: self.get(ref) for name, ref in fks.items()})
        return values

    # -- one entry

    def run(self) -> None:
        entries = self.loader.entries
        steps: list[tuple[Callable[[_Entry], Any], list[_Entry]]] = [
            (self._estimative_term, entries["estimative_terms"]),
            (self._plain, entries["resolutions"]),
            (self._plain, self.loader.provisions),
            (self._actor, self._actors_in_order()),
            (self._roles, entries["actors"]),  # once every actor exists: roles name organisations
            (self._plain, entries["places"]),
            (self._vessel, entries["vessels"]),
            (self._plain, entries["documents"]),
            (self._transfer, entries["transfers"]),
            (self._statement, entries["statements"]),
            (self._plain, entries["evidence"]),
            (self._allegation, entries["allegations"]),
        ]
        for handler, section_entries in steps:
            for entry in section_entries:
                self._guarded(entry, handler)

    def _guarded(self, entry: _Entry, handler: Callable[[_Entry], Any]) -> None:
        ref = _Ref(entry.section, entry.ref)
        if ref in self.failed:
            return
        try:
            with transaction.atomic():
                obj = handler(entry)
        except _DependencyFailed:
            self.failed.add(ref)
            return
        except ValidationError as exc:
            self.errors.append(f"{entry.where}: {_validation_text(exc)}")
        except (DomainError, DatabaseError) as exc:
            self.errors.append(f"{entry.where}: {' '.join(str(exc).split())}")
        else:
            if obj is not None:
                self.objects[ref] = obj
            return
        self.failed.add(ref)
        self.objects.pop(ref, None)

    def _actors_in_order(self) -> list[_Entry]:
        """Parents before children, so each parent exists when its children are saved."""
        entries = {e.ref: e for e in self.loader.entries["actors"]}
        ordered: list[_Entry] = []
        placed: set[str] = set()

        def place(e: _Entry) -> None:
            if e.ref in placed:
                return
            placed.add(e.ref)
            parent = e.fks.get("parent")
            if parent is not None and parent.key in entries:
                place(entries[parent.key])
            ordered.append(e)

        for e in self.loader.entries["actors"]:
            place(e)
        return ordered

    def _settle(self, kind: str, label: str, differences: list[_Difference], created: bool) -> None:
        counts = self.report.counts[kind]
        if created:
            counts.created += 1
        elif not differences:
            counts.unchanged += 1
        elif self.update:
            for d in differences:
                d.apply()
                self.report.updated.append(f"updated: {label} {d.text}")
            counts.updated += 1
        else:
            counts.kept += 1
            self.report.kept.extend(f"kept: {label} {d.text}" for d in differences)

    def _field_differences(self, obj: models.Model, values: dict[str, Any], label: str) -> list[_Difference]:
        changed: dict[str, Any] = {}
        texts = []
        for name, want in values.items():
            model_field = obj._meta.get_field(name)
            have = getattr(obj, model_field.attname)
            if model_field.is_relation:
                same = have == (want.pk if want is not None else None)
                shown_have = getattr(obj, name)
            else:
                same = have == want
                shown_have = have
            if not same:
                changed[name] = want
                shown_db, shown_file = _show_pair(shown_have, want)
                texts.append(f"{name} {shown_db} in the database, {shown_file} in the file")
        if not changed:
            return []

        def apply() -> None:
            for name, want in changed.items():
                setattr(obj, name, want)
            record_save(instance=obj, by=self.by, reason=f"load_seeds --update: {label} as in the seed file")

        # One save for all fields of the row; the other differences apply nothing further.
        return [_Difference(texts[0], apply)] + [_Difference(t, lambda: None) for t in texts[1:]]

    def _row(self, entry: _Entry, model: type[models.Model], lookup: dict, values: dict,
             extra: Callable[[models.Model, bool], list[_Difference]] | None = None,
             create: Callable[[models.Model], models.Model] | None = None, *, settle: bool = True):
        """Create the row if it is missing, else compare it with the file. Returns the row, or
        (row, created, differences) when ``settle`` is False and the caller settles it."""
        label = entry.label
        kind = "provisions" if model is Provision else entry.section
        obj = model._default_manager.filter(**lookup).first()
        created = obj is None
        differences: list[_Difference] = []
        if created:
            obj = model(**values)
            if create is not None:
                obj = create(obj)
            else:
                record_save(instance=obj, by=self.by, reason=f"load_seeds: {label}")
            if extra is not None:
                for d in extra(obj, True):
                    d.apply()
        else:
            differences = self._field_differences(obj, values, label)
            if extra is not None:
                differences += extra(obj, False)
        if not settle:
            return obj, created, differences
        self._settle(kind, label, differences, created)
        return obj

    # -- sections

    def _plain(self, entry: _Entry) -> models.Model:
        model = _MODELS[entry.section]
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        return self._row(entry, model, {"ref": entry.ref}, values)

    def _estimative_term(self, entry: _Entry) -> models.Model:
        values = self.resolved(entry.fields, entry.fks)
        lookup = {"scale": values["scale"], "term": values["term"]}
        return self._row(entry, EstimativeTerm, lookup, values)

    def _actor(self, entry: _Entry) -> models.Model:
        """The actor's own fields now; settled with its roles once every actor exists."""
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        obj, created, differences = self._row(entry, Actor, {"ref": entry.ref}, values, settle=False)
        self.pending_actors[entry.ref] = (created, differences)
        return obj

    def _roles(self, entry: _Entry) -> None:
        actor = self.get(_Ref("actors", entry.ref))
        created, differences = self.pending_actors.pop(entry.ref)
        desired = [self.resolved(r.fields, r.fks) for r in entry.extra["roles"]]
        difference = self._rows_difference(
            label="roles", current=list(actor.roles.all()), desired=desired,
            make=lambda values: ActorRole(person=actor, **values), describe=("title", "organisation"),
        )
        if difference is not None:
            if created:
                difference.apply()
            else:
                differences.append(difference)
        self._settle("actors", entry.label, differences, created)

    def _related_difference(self, *, entry: _Entry, instance: models.Model, field: str,
                            desired: list[models.Model], created: bool) -> _Difference | None:
        """A many-to-many set that differs from the file, e.g. a statement's originators."""
        manager = getattr(instance, field)
        have = sorted(manager.values_list("pk", flat=True)) if not created else []
        if have == sorted(row.pk for row in desired):
            return None
        names = dict(manager.model.objects.filter(pk__in=have).values_list("pk", "ref"))
        return _Difference(
            f"{field} {_show([names[p] or p for p in have])} in the database, "
            f"{_show([row.ref for row in desired])} in the file",
            lambda: record_set_related(instance=instance, field=field, values=desired,
                                       by=self.by, reason=f"load_seeds: {entry.label}"),
        )

    def _rows_difference(self, *, label: str, current: list[models.Model], desired: list[dict],
                         make: Callable[[dict], models.Model],
                         describe: tuple[str, ...]) -> _Difference | None:
        """Compare nested rows as a whole (as a multiset of their values): None when they are
        the same, else the rows only in the database and only in the file, described by the
        ``describe`` fields. Applying removes the one and adds the other, each audited."""
        names = list(desired[0]) if desired else []

        def key_of_row(obj: models.Model) -> tuple:
            return tuple(getattr(obj, obj._meta.get_field(n).attname) for n in names)

        def key_of_values(values: dict) -> tuple:
            return tuple(v.pk if isinstance(v, models.Model) else v for v in values.values())

        unmatched = Counter(key_of_values(v) for v in desired)
        to_remove = []
        for obj in current:
            key = key_of_row(obj) if names else None
            if names and unmatched[key] > 0:
                unmatched[key] -= 1
            else:
                to_remove.append(obj)
        to_add = []
        for values in desired:
            key = key_of_values(values)
            if unmatched[key] > 0:
                unmatched[key] -= 1
                to_add.append(values)
        if not to_remove and not to_add:
            return None

        def shown(values: dict) -> str:
            parts = [_show(values[n]).strip('"') for n in describe if values.get(n) not in (None, "")]
            return f"{parts[0]} ({', '.join(parts[1:])})" if len(parts) > 1 else (parts[0] if parts else "?")

        def apply() -> None:
            for obj in to_remove:
                record_delete(instance=obj, by=self.by, reason=f"load_seeds --update: {label} as in the seed file")
            for values in to_add:
                record_save(instance=make(values), by=self.by, reason=f"load_seeds: {label}")

        only_db = "; ".join(shown({n: getattr(o, n) for n in describe}) for o in to_remove)
        only_file = "; ".join(shown(v) for v in to_add)
        text = f"{label}: {len(current)} in the database, {len(desired)} in the file"
        if only_db:
            text += f"; only in the database: {only_db}"
        if only_file:
            text += f"; only in the file: {only_file}"
        return _Difference(text, apply)

    def _vessel(self, entry: _Entry) -> models.Model:
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        desired = [self.resolved(r.fields, r.fks) for r in entry.extra["designations"]]

        def extra(vessel: Vessel, created: bool) -> list[_Difference]:
            d = self._rows_difference(label="designations", current=list(vessel.designations.all()),
                                      desired=desired, make=lambda v: VesselDesignation(vessel=vessel, **v),
                                      describe=("authority", "designated_on", "reference"))
            return [d] if d else []

        return self._row(entry, Vessel, {"ref": entry.ref}, values, extra)

    def _transfer(self, entry: _Entry) -> models.Model:
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        items = [self.resolved(r.fields, r.fks) for r in entry.extra["items"]]
        legs = [LegData(**self.resolved(r.fields, r.fks)) for r in entry.extra["route"]]

        def extra(transfer: Transfer, created: bool) -> list[_Difference]:
            out = []
            d = self._rows_difference(label="items", current=list(transfer.items.all()), desired=items,
                                      make=lambda v: TransferItem(transfer=transfer, **v),
                                      describe=("description", "quantity_text"))
            if d:
                out.append(d)
            current = [(leg.from_place_id, leg.to_place_id, leg.mode, leg.vessel_id, leg.departed_on,
                        leg.arrived_on, leg.note) for leg in transfer.legs.order_by("sequence")]
            wanted = [(leg.from_place.pk, leg.to_place.pk, leg.mode, leg.vessel.pk if leg.vessel else None,
                       leg.departed_on, leg.arrived_on, leg.note) for leg in legs]
            if current != wanted:
                def route_text(rows):
                    names = {p.pk: p.ref or p.name for p in Place.objects.filter(
                        pk__in={r[0] for r in rows} | {r[1] for r in rows})}
                    if not rows:
                        return "(none)"
                    return " → ".join([names[rows[0][0]]] + [f"{names[r[1]]} ({r[2]})" for r in rows])

                out.append(_Difference(
                    f"route {route_text(current)} in the database, {route_text(wanted)} in the file",
                    lambda: transfer_set_route(transfer=transfer, legs=legs, by=self.by,
                                               reason=f"load_seeds: route of {entry.label}"),
                ))
            return out

        return self._row(entry, Transfer, {"ref": entry.ref}, values, extra)

    def _statement(self, entry: _Entry) -> models.Model:
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        originators = [self.get(r) for r in entry.extra["on_behalf_of"]]
        sources = [self.resolved(r.fields, r.fks) for r in entry.extra["sources"]]

        def extra(statement: Statement, created: bool) -> list[_Difference]:
            out = []
            d = self._related_difference(entry=entry, instance=statement, field="on_behalf_of",
                                         desired=originators, created=created)
            if d:
                out.append(d)
            d = self._rows_difference(label="sources", current=list(statement.source_links.all()),
                                      desired=sources, make=lambda v: StatementSource(statement=statement, **v),
                                      describe=("document", "excerpt"))
            if d:
                out.append(d)
            return out

        return self._row(entry, Statement, {"ref": entry.ref}, values, extra)

    def _allegation(self, entry: _Entry) -> models.Model:
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        transfers = [self.get(r) for r in entry.extra["transfers"]]
        link_specs = (
            ("provisions", AllegationProvision, "provision_links", "provision"),
            ("statements", AllegationStatement, "statement_links", "statement"),
            ("evidence", AllegationEvidence, "evidence_links", "evidence"),
        )
        links = {key: [self.resolved(r.fields, r.fks) for r in entry.extra["links"][key]]
                 for key, _, _, _ in link_specs}

        def extra(allegation: Allegation, created: bool) -> list[_Difference]:
            out = []
            d = self._related_difference(entry=entry, instance=allegation, field="transfers",
                                         desired=transfers, created=created)
            if d:
                out.append(d)
            for key, model, related, target in link_specs:
                d = self._rows_difference(
                    label=key, current=list(getattr(allegation, related).all()), desired=links[key],
                    make=lambda v, model=model: model(allegation=allegation, **v),
                    describe=(target, "bearing", "note"),
                )
                if d:
                    out.append(d)
            return out

        def create(allegation: Allegation) -> Allegation:
            return allegation_create(allegation=allegation, by=self.by,
                                     initial_status=entry.extra["initial_status"],
                                     rationale=entry.extra["rationale"])

        return self._row(entry, Allegation, {"ref": entry.ref}, values, extra, create)


# --------------------------------------------------------------------------- entry point


def seeds_validate(*, directory: Path) -> _Loader:
    """Read and check every seed file; raise SeedError listing every problem found."""
    loader = _Loader(Path(directory))
    loader.read()
    if not loader.unreadable:
        # Cross-checks run even after entry errors, so one run lists every problem; not
        # after a file failed to parse, when every reference into it would look unknown.
        loader.check()
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
        writer = _Writer(loader, by=by, update=update, report=report)
        writer.run()
        if writer.errors:
            raise SeedError(writer.errors)
        if dry_run:
            transaction.set_rollback(True)
    return report
