"""The reference data extraction matches against, read from the compliance tables.

``reference_data_load()`` reads actors (with their aliases, kinds, countries and parents),
people's roles, places, vessels, resolutions (with their adoption dates, Chapter VII flag
and what their provisions regulate) and estimative terms into a ``ReferenceData``.
``gazetteer_get()`` returns the compiled matcher, rebuilt only when the reference data
changed: a cheap fingerprint (row counts, highest ids, last edit times, and a digest of the
two small tables without timestamps) is compared on every call.

Keys: actors "actor:<id>", places "place:<id>", vessels "vessel:<id>", resolutions
"resolution:<number>", estimative terms "term:<id>"."""

from __future__ import annotations

import hashlib
import threading
import time

from django.db.models import Count, Max

from compliance.choices import ActorKind
from compliance.models import Actor, ActorRole, EstimativeTerm, Place, Provision, Resolution, Vessel
from ingestion.extraction.gazetteer import Gazetteer
from ingestion.extraction.types import (
    COUNTRY,
    ORGANIZATION,
    PERSON,
    PLACE,
    RESOLUTION,
    VESSEL,
    PersonRole,
    ReferenceData,
    ReferenceEntry,
    TermEntry,
)

_lock = threading.Lock()
_current: Gazetteer | None = None
_checked_at = 0.0


def reference_fingerprint() -> str:
    """Changes whenever a row that extraction reads is added, edited or removed."""
    parts: list[str] = []
    for model in (Actor, Place, Vessel, Resolution, Provision):
        agg = model.objects.aggregate(n=Count("id"), top=Max("id"), edited=Max("updated_at"), version=Max("version"))
        parts.append(f"{model.__name__}:{agg['n']}:{agg['top']}:{agg['edited']}:{agg['version']}")
    digest = hashlib.sha256()
    for row in ActorRole.objects.order_by("id").values_list(
        "id", "person_id", "title", "organisation_id", "start_date", "end_date"
    ):
        digest.update(repr(row).encode())
    for row in EstimativeTerm.objects.order_by("id").values_list(
        "id", "scale", "term", "synonyms", "low_percent", "high_percent", "used_by"
    ):
        digest.update(repr(row).encode())
    parts.append(digest.hexdigest()[:16])
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def _actor_category(kind: str) -> str:
    if kind == ActorKind.PERSON:
        return PERSON
    if kind == ActorKind.STATE:
        return COUNTRY
    return ORGANIZATION


def reference_data_load() -> ReferenceData:
    """Everything extraction matches against, in one read."""
    fingerprint = reference_fingerprint()
    entries: list[ReferenceEntry] = []
    for actor in Actor.objects.order_by("id").only("id", "name", "kind", "aliases", "country", "parent_id"):
        entries.append(ReferenceEntry(
            key=f"actor:{actor.pk}",
            category=_actor_category(actor.kind),
            name=actor.name,
            aliases=tuple(actor.aliases or ()),
            country=actor.country or "",
            parent_key=f"actor:{actor.parent_id}" if actor.parent_id else None,
            actor_kind=actor.kind,
        ))
    for place in Place.objects.order_by("id").only("id", "name", "aliases", "kind", "country"):
        entries.append(ReferenceEntry(
            key=f"place:{place.pk}",
            category=PLACE,
            name=place.name,
            aliases=tuple(place.aliases or ()),
            country=place.country or "",
            place_kind=place.kind,
        ))
    for vessel in Vessel.objects.order_by("id").only("id", "name", "former_names", "flag"):
        entries.append(ReferenceEntry(
            key=f"vessel:{vessel.pk}",
            category=VESSEL,
            name=vessel.name,
            aliases=tuple(vessel.former_names or ()),
            country=vessel.flag or "",
        ))
    subjects: dict[int, set[str]] = {}
    for resolution_id, category in Provision.objects.values_list("resolution_id", "category"):
        subjects.setdefault(resolution_id, set()).add(category)
    for resolution in Resolution.objects.order_by("number").only("id", "number", "title", "adopted_on",
                                                                   "chapter_vii", "summary"):
        aliases = [f"resolution {resolution.number}", f"UNSC resolution {resolution.number}"]
        if resolution.title:
            aliases.append(resolution.title)
        entries.append(ReferenceEntry(
            key=f"resolution:{resolution.number}",
            category=RESOLUTION,
            name=f"UNSCR {resolution.number}",
            aliases=tuple(aliases),
            adopted_on=resolution.adopted_on,
            subjects=tuple(sorted(subjects.get(resolution.pk, ()))),
            chapter_vii=resolution.chapter_vii,
            summary=resolution.summary,
        ))
    roles = tuple(
        PersonRole(
            person_key=f"actor:{role.person_id}",
            title=role.title,
            organisation_key=f"actor:{role.organisation_id}" if role.organisation_id else None,
            start=role.start_date,
            end=role.end_date,
        )
        for role in ActorRole.objects.order_by("id")
    )
    terms = tuple(
        TermEntry(
            key=f"term:{term.pk}",
            term=term.term,
            synonyms=tuple(term.synonyms or ()),
            scale=term.scale,
            low_percent=term.low_percent,
            high_percent=term.high_percent,
            used_by=tuple(term.used_by or ()),
        )
        for term in EstimativeTerm.objects.order_by("scale", "low_percent", "id")
    )
    return ReferenceData(entries=tuple(entries), roles=roles, terms=terms, fingerprint=fingerprint)


def gazetteer_expire() -> None:
    """Make the next gazetteer_get check the reference data whatever its max_age."""
    global _checked_at
    with _lock:
        _checked_at = 0.0


def gazetteer_get(*, max_age: float = 0.0) -> Gazetteer:
    """The matcher for the reference data as it is now; rebuilt only after a change.

    Checking for a change costs a few queries; ``max_age`` (seconds) lets a caller that
    extracts many articles skip the check when it was made that recently."""
    global _current, _checked_at
    now = time.monotonic()
    with _lock:
        if _current is not None and max_age and now - _checked_at < max_age:
            return _current
    fingerprint = reference_fingerprint()
    with _lock:
        if _current is not None and _current.fingerprint == fingerprint:
            _checked_at = now
            return _current
    built = Gazetteer.build(reference_data_load())
    with _lock:
        _current = built
        _checked_at = now
    return built
