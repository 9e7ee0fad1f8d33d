"""Phase one: read every seed file and turn each entry into typed fields, collecting every
problem with the file and entry it is in. Nothing here writes to the database."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pycountry
import yaml
from django.conf import settings
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
from compliance.models.base import Verification

from ..workflow import MIN_RATIONALE_LENGTH
from .schema import (
    GRADE_RE,
    OPEN_STATUSES,
    PART_SEPARATOR,
    PROVISION_RE,
    REF_RE,
    SECTIONS,
    SINGULAR,
    Entry,
    Ref,
    Row,
)

_MISSING = object()


class Reader:
    """Reads one mapping of a seed file, collecting every problem with where it is."""

    def __init__(self, data: Any, where: str, loader: SeedFiles):
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

    def ref(self, key: str, section: str, *, required: bool = False) -> Ref | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str) or not REF_RE.match(value):
            self.error(f"{key} must be the ref of a {SINGULAR[section]}, got {value!r}")
            return None
        ref = Ref(section, value)
        self.loader.references.append((self.where, key, ref))
        return ref

    def refs(self, key: str, section: str, *, required: bool = False) -> list[Ref]:
        value = self._get(key, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.error(f"{key} must be a list of refs")
            return []
        out = []
        for item in value:
            if not isinstance(item, str) or not REF_RE.match(item):
                self.error(f"{key} must be a list of {SINGULAR[section]} refs, got {item!r}")
                continue
            ref = Ref(section, item)
            if ref in out:
                self.error(f'{key} lists "{item}" twice')
                continue
            self.loader.references.append((self.where, key, ref))
            out.append(ref)
        return out

    def provision(self, key: str) -> Ref | None:
        value = self._get(key, True)
        if value is _MISSING:
            return None
        match = PROVISION_RE.match(str(value))
        if not match:
            self.error(f'{key} "{value}" must read like "1718 OP8(b)" (resolution number, OP, paragraph)')
            return None
        ref = Ref("provisions", (int(match.group(1)), match.group(2)))
        self.loader.references.append((self.where, key, ref))
        return ref

    def rows(self, key: str, *, required: bool = False) -> list[Reader]:
        value = self._get(key, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.error(f"{key} must be a list")
            return []
        return [Reader(item, f"{self.where}: {key}[{i}]", self.loader) for i, item in enumerate(value)]

    def sourced(self) -> dict[str, Any]:
        return {
            "source": self.str("source", required=True),
            "verification": self.enum("verification", Verification.values, default=Verification.UNVERIFIED),
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


def display_path(path: Path) -> str:
    for base in (Path.cwd(), Path(settings.BASE_DIR)):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def normalise_text(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


class SeedFiles:
    """Phase one: read and validate. Holds the parsed entries for phase two."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.errors: list[str] = []
        self.references: list[tuple[str, str, Ref]] = []
        self.entries: dict[str, list[Entry]] = {s: [] for s in SECTIONS}
        self.provisions: list[Entry] = []
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
            self.errors.append(f"{display_path(self.directory)}: no *.yaml seed files")
            return
        section_files: dict[str, str] = {}
        for path in paths:
            shown = display_path(path)
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
        r = Reader(item, f"{shown}: {section}[{index}]{ref_text}", self)
        ref = r.str("ref", required=True)
        if ref and not REF_RE.match(ref):
            r.error(f'ref "{ref}" must be a slug (letters, digits, "-" and "_", at most 100)')
            ref = ""
        entry = Entry(section, ref, r.where, {})
        getattr(self, f"_parse_{section}")(r, entry)
        r.finish()
        self.entries[section].append(entry)

    # -- sections

    def _parse_estimative_terms(self, r: Reader, e: Entry) -> None:
        e.fields = {
            "scale": r.enum("scale", EstimativeScale.values, required=True),
            "term": r.str("term", required=True),
            "synonyms": r.str_list("synonyms"),
            "low_percent": r.int("low_percent", required=True, lo=0, hi=100),
            "high_percent": r.int("high_percent", required=True, lo=0, hi=100),
            "used_by": r.str_list("used_by"),
            **r.sourced(),
        }
        for code in e.fields["used_by"]:
            if not re.fullmatch(r"[A-Z]{2}", code):
                r.error(f"used_by {code!r} must be an ISO 3166 alpha-2 code")
        low, high = e.fields["low_percent"], e.fields["high_percent"]
        if low is not None and high is not None and low > high:
            r.error(f"low_percent {low} is above high_percent {high}")

    def _parse_resolutions(self, r: Reader, e: Entry) -> None:
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
            if ref and not REF_RE.match(ref):
                pr.error(f'ref "{ref}" must be a slug')
                ref = ""
            if ref:
                pr.where = f'{pr.where} (ref "{ref}")'
            paragraph = pr.str("paragraph", required=True)
            if paragraph.upper().startswith("OP"):
                pr.error(f'paragraph "{paragraph}" should be written without "OP", e.g. "8(b)"')
            provision = Entry("provisions", ref, pr.where, {
                "paragraph": paragraph,
                "category": pr.enum("category", ProvisionCategory.values, required=True),
                "obligation": pr.str("obligation", required=True),
                **pr.sourced(),
            }, fks={"resolution": Ref("resolutions", e.ref)})
            provision.extra["number"] = e.fields["number"]
            pr.finish()
            self.provisions.append(provision)

    def _parse_actors(self, r: Reader, e: Entry) -> None:
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
            roles.append(Row(rr.where, {
                "title": rr.str("title", required=True),
                "start_date": start,
                "end_date": end,
                **rr.sourced(),
            }, {"organisation": rr.ref("organisation", "actors")}))
            rr.finish()
        if roles and e.fields["kind"] != ActorKind.PERSON:
            r.error(f'roles are for people: kind is "{e.fields["kind"]}"')
        e.extra["roles"] = roles

    def _parse_places(self, r: Reader, e: Entry) -> None:
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

    def _parse_vessels(self, r: Reader, e: Entry) -> None:
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
            designations.append(Row(dr.where, {
                "authority": dr.str("authority", required=True),
                "designated_on": dr.date("designated_on"),
                "reference": dr.str("reference"),
                **dr.sourced(),
            }))
            dr.finish()
        e.extra["designations"] = designations

    def _parse_documents(self, r: Reader, e: Entry) -> None:
        grade = r.str("grade", required=True)
        reliability, credibility = "", ""
        if grade:
            match = GRADE_RE.match(grade)
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
                r.error(f'file "{name}" does not exist in {display_path(self.directory)}')
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

    def _parse_transfers(self, r: Reader, e: Entry) -> None:
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
            items.append(Row(ir.where, {
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
            leg = Row(lr.where, {
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

    def _parse_statements(self, r: Reader, e: Entry) -> None:
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
            row = Row(sr.where, {"excerpt": PART_SEPARATOR.join(parts)},
                       {"document": sr.ref("document", "documents", required=True)})
            row.fields["_parts"] = parts
            sr.finish()
            if row.fks["document"] and any(row.fks["document"] == s.fks["document"] for s in sources):
                sr.error(f'document "{row.fks["document"]}" is already a source of this statement')
                continue
            sources.append(row)
        e.extra["sources"] = sources

    def _parse_evidence(self, r: Reader, e: Entry) -> None:
        e.fields = {
            "kind": r.enum("kind", EvidenceKind.values, required=True),
            "description": r.str("description", required=True),
            "captured_on": r.date("captured_on"),
            "url": r.str("url"),
        }
        e.fks = {"provider": r.ref("provider", "actors"),
                 "document": r.ref("document", "documents"),
                 "place": r.ref("place", "places")}

    def _parse_allegations(self, r: Reader, e: Entry) -> None:
        e.fields = {"title": r.str("title", required=True), "summary": r.str("summary")}
        status = r.enum("initial_status", OPEN_STATUSES, default=EvidentiaryStatus.REPORTED)
        rationale = r.str("rationale")
        if status != EvidentiaryStatus.REPORTED and len(rationale) < MIN_RATIONALE_LENGTH:
            r.error(f'initial_status "{status}" needs a rationale of at least {MIN_RATIONALE_LENGTH} '
                    "characters")
        e.extra["initial_status"] = status
        e.extra["rationale"] = rationale
        e.extra["transfers"] = r.refs("transfers", "transfers")
        links: dict[str, list[Row]] = {}
        for key, section, model_field in (("provisions", "provisions", "provision"),
                                          ("statements", "statements", "statement"),
                                          ("evidence", "evidence", "evidence")):
            rows = []
            for lr in r.rows(key):
                if section == "provisions":
                    target = lr.provision("provision")
                    row = Row(lr.where, {"note": lr.str("note")}, {"provision": target})
                else:
                    target = lr.ref(model_field, section, required=True)
                    row = Row(lr.where, {
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

