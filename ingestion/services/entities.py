"""Names of known records found in an article, recorded on the article without review.

A name that extraction resolved to a row of the reference data (an actor, a place, a
vessel, a resolution) is a fact about the text, not a claim to weigh: it is written as an
ArticleEntity when the revision is extracted, never proposed. New names, which would add
a row to the reference data, stay proposals (ingestion.services.proposals)."""

from __future__ import annotations

from compliance.models import Actor, Place, Resolution, Vessel
from ingestion.extraction.types import Extraction, Mention
from ingestion.models import Article, ArticleEntity, ArticleRevision
from ingestion.selectors import key_id

# The reference key's prefix (ingestion.reference) and the ArticleEntity field it fills.
_TARGET_FIELD = {"actor": "actor_id", "place": "place_id", "vessel": "vessel_id", "resolution": "resolution_id"}


def _split_key(key: str | None) -> tuple[str, int] | None:
    prefix = key.split(":", 1)[0] if isinstance(key, str) else ""
    number = key_id(key, prefix) if prefix in _TARGET_FIELD else None
    return (prefix, number) if number is not None else None


def _existing_targets(mentions: list[tuple[Mention, str, int]]) -> dict[str, dict[int, int]]:
    """For each kind of target, the key's number → the row's id, for the rows that exist
    now. The gazetteer may be a few seconds older than the tables; a row removed meanwhile
    is skipped rather than written as a dangling link. Resolutions are keyed by number."""
    wanted: dict[str, set[int]] = {}
    for _, prefix, number in mentions:
        wanted.setdefault(prefix, set()).add(number)
    found: dict[str, dict[int, int]] = {}
    for prefix, model in (("actor", Actor), ("place", Place), ("vessel", Vessel)):
        if wanted.get(prefix):
            found[prefix] = {pk: pk for pk in model.objects.filter(pk__in=wanted[prefix]).values_list("pk", flat=True)}
    if wanted.get("resolution"):
        found["resolution"] = dict(Resolution.objects.filter(number__in=wanted["resolution"])
                                   .values_list("number", "pk"))
    return found


def article_entities_replace(*, article: Article, revision: ArticleRevision, extraction: Extraction) -> int:
    """Record the known names that this extraction of ``revision`` found, in place of what
    an earlier extraction of the same revision recorded. Other revisions keep theirs (they
    describe their own text). Runs in the caller's transaction; returns the rows written."""
    resolved = []
    for mention in extraction.mentions:
        split = _split_key(mention.key)
        if split is not None:
            resolved.append((mention, *split))
    targets = _existing_targets(resolved)
    rows: dict[tuple[int, int], ArticleEntity] = {}
    for mention, prefix, number in sorted(resolved, key=lambda r: (r[0].start, r[0].end)):
        target = targets.get(prefix, {}).get(number)
        if target is None or (mention.start, mention.end) in rows:
            continue
        rows[(mention.start, mention.end)] = ArticleEntity(
            article=article, revision=revision, category=mention.category, text=mention.text[:300],
            start=mention.start, end=mention.end, method=mention.method[:12],
            extractor_version=extraction.version, **{_TARGET_FIELD[prefix]: target},
        )
    ArticleEntity.objects.filter(revision=revision).delete()
    ArticleEntity.objects.bulk_create(rows.values())
    return len(rows)
