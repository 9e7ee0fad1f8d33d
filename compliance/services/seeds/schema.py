"""What a seed file may hold: its sections, the models they load into, and the parsed
entries passed from parsing to checking to writing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from compliance.errors import DomainError
from compliance.workflow import OPENING_STATUSES
from compliance.models import (
    Actor,
    Allegation,
    EstimativeTerm,
    EvidenceItem,
    Place,
    Provision,
    Resolution,
    SourceDocument,
    Statement,
    Transfer,
    Vessel,
)

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
MODELS: dict[str, type[models.Model]] = {
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
SINGULAR = {
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
REF_RE = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
PROVISION_RE = re.compile(r"^\s*(\d+)\s+OP\s*(\S+)\s*$", re.IGNORECASE)
GRADE_RE = re.compile(r"^([A-F])([1-6])$")
OPEN_STATUSES = [str(s) for s in OPENING_STATUSES]
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


@dataclass(frozen=True)
class Ref:
    """A reference from one entry to another: a ref, or (number, paragraph) for provisions."""

    section: str
    key: Any

    def __str__(self) -> str:
        if self.section == "provisions":
            return f"{self.key[0]} OP{self.key[1]}"
        return str(self.key)


@dataclass
class Row:
    """A nested row (a role, a designation, an item, a leg, a source, a link)."""

    where: str
    fields: dict[str, Any]
    fks: dict[str, Ref | None] = field(default_factory=dict)


@dataclass
class Entry:
    section: str
    ref: str
    where: str
    fields: dict[str, Any]
    fks: dict[str, Ref | None] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.section}/{self.ref}"


