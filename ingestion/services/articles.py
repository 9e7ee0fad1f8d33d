"""Articles and their revisions: registering cleaned text once, finding near duplicates,
extracting proposals from the current revision."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from compliance.models import SourceDocument
from ingestion.choices import ExtractionState, SubmissionOutcome
from ingestion.cleaning import clean_document, content_hash, normalise_for_hash
from ingestion.cleaning_types import CleanedDocument
from ingestion.dedup import NEAR_DUPLICATE_THRESHOLD, Signature, signature
from ingestion.extraction import EXTRACTOR_VERSION, Gazetteer, extract
from ingestion.extraction.ner import load_ner
from ingestion.extraction.types import Extraction
from ingestion.fetchers.files import read_file
from ingestion.models import Article, ArticleRevision, Cluster, RevisionBand
from ingestion.reference import gazetteer_get

from .entities import article_entities_replace
from .proposals import RECORD_CACHE_SECONDS, ProposalCounts, proposals_replace

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Registered:
    article: Article
    revision: ArticleRevision
    duplicate: bool
    outcome: str | None


# Candidates compared in full: the revisions sharing the most LSH bands with the new one.
NEAR_DUPLICATE_CANDIDATES = 20


def _near_duplicate(revision: ArticleRevision, sig: Signature) -> tuple[int, float] | None:
    """The most similar earlier article (id, similarity), if it tells the same story.
    Candidates share LSH bands with this revision (one indexed query); the ones sharing
    most are compared on their full signatures."""
    candidates = list(
        RevisionBand.objects.filter(key__in=sig.band_keys())
        .exclude(revision__article_id=revision.article_id)
        .values("revision_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "revision_id")
        .values_list("revision_id", flat=True)[:NEAR_DUPLICATE_CANDIDATES]
    )
    best: tuple[int, float] | None = None
    for article_id, minhash in ArticleRevision.objects.filter(pk__in=candidates).values_list(
        "article_id", "minhash"
    ):
        similarity = sig.similarity(Signature.from_bytes(minhash))
        if similarity >= NEAR_DUPLICATE_THRESHOLD and (best is None or similarity > best[1]):
            best = (article_id, similarity)
    return best


def _link_near_duplicate(article: Article, revision: ArticleRevision, sig: Signature) -> None:
    found = _near_duplicate(revision, sig)
    if found is None:
        return
    original, similarity = Article.objects.get(pk=found[0]), found[1]
    if original.cluster_id is None:
        original.cluster = Cluster.objects.create()
        original.save(update_fields=["cluster", "updated_at"])
    article.cluster_id = original.cluster_id
    article.near_duplicate_of = original
    article.similarity = round(similarity, 3)


def _matching_source_document(*, url: str, cleaned: CleanedDocument) -> SourceDocument | None:
    """The record's document for this article, if the record already has it: by URL, else
    a document of the same date whose text contains the article's opening."""
    if url:
        found = SourceDocument.objects.filter(url=url).first()
        if found is not None:
            return found
    if cleaned.published is None:
        return None
    opening = normalise_for_hash(cleaned.text)[:200]
    if len(opening) < 40:
        return None
    for document in SourceDocument.objects.filter(published_on=cleaned.published).only("id", "text"):
        if opening in normalise_for_hash(document.text):
            return document
    return None


def article_register(*, cleaned: CleanedDocument, url: str = "") -> Registered:
    """Store cleaned text once. The same text is the same revision however it arrives; a
    changed text at a known URL is a new revision of that article; anything else is a new
    article, linked to its near duplicates if it has any. Runs inside the caller's transaction."""
    digest = content_hash(cleaned.text)
    existing = ArticleRevision.objects.select_related("article").filter(content_hash=digest).first()
    if existing is not None:
        return Registered(existing.article, existing, duplicate=True, outcome=SubmissionOutcome.SAME_TEXT)

    article = Article.objects.select_for_update().filter(url=url).first() if url else None
    outcome = SubmissionOutcome.NEW_REVISION if article is not None else SubmissionOutcome.NEW_ARTICLE
    if article is None:
        article = Article(url=url)
    article.title = (cleaned.title or "")[:500]
    article.published_on = cleaned.published
    article.published_on_inferred = cleaned.published_inferred
    article.language = cleaned.language or ""
    article.extraction_state = ExtractionState.PENDING
    article.extraction_error = ""
    if article.source_document_id is None:
        article.source_document = _matching_source_document(url=url, cleaned=cleaned)
    article.save()

    number = 1 if outcome == SubmissionOutcome.NEW_ARTICLE else (
        article.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    sig = signature(cleaned.text)
    revision = ArticleRevision.objects.create(
        article=article,
        number=number,
        content_hash=digest,
        title=(cleaned.title or "")[:500],
        text=cleaned.text,
        removed_lines=list(cleaned.removed_lines),
        minhash=sig.to_bytes(),
    )
    RevisionBand.objects.bulk_create(
        RevisionBand(revision=revision, key=key) for key in sig.band_keys()
    )
    article.current_revision = revision
    if article.near_duplicate_of_id is None:
        _link_near_duplicate(article, revision, sig)
    article.save()
    return Registered(article, revision, duplicate=False, outcome=outcome)


def ner_get():
    """The statistical name finder (loaded once per process by load_ner), or None when it
    is not installed or turned off with INGESTION_NER."""
    return load_ner() if settings.INGESTION_NER else None


def file_extract(path: Path, *, reference: Gazetteer, ner, published: dt.date | None = None) -> Extraction:
    """Read, clean and extract one article file as ingestion extracts an article, writing
    nothing (the ``extract`` and ``evaluate_extraction`` commands). ``published`` stands in
    for the date a page's metadata would give when the file itself gives none. Raises
    FetchError or CleaningError when the file has no usable text."""
    cleaned = clean_document(read_file(path, max_bytes=settings.INGESTION_MAX_BYTES))
    return extract(cleaned.text, reference=reference, published=cleaned.published or published,
                   title=cleaned.title, ner=ner)


def _set_state(article_id: int, state: str, error: str = "", **extra) -> None:
    Article.objects.filter(pk=article_id).update(
        extraction_state=state, extraction_error=error, updated_at=timezone.now(), **extra
    )


def _extracted(article: Article, revision: ArticleRevision) -> bool:
    return (
        article.extracted_revision_id == revision.pk
        and article.extractor_version == EXTRACTOR_VERSION
        and article.extraction_state not in (ExtractionState.PENDING, ExtractionState.FAILED)
    )


def article_extract(*, article_id: int, force: bool = False) -> ProposalCounts | None:
    """Extract the current revision, record the known names it holds and replace the
    article's pending proposals with what was found. Idempotent: an article already extracted by this extractor version from its
    current revision is left alone unless ``force`` (after the reference data changed)."""
    article = Article.objects.select_related("current_revision").filter(pk=article_id).first()
    if article is None or article.current_revision is None:
        logger.warning("Article %s does not exist or has no text; nothing to extract.", article_id)
        return None
    revision = article.current_revision
    if _extracted(article, revision) and not force:
        return None
    if article.language and article.language != "en":
        _set_state(article.pk, ExtractionState.OTHER_LANGUAGE,
                   f"The text is in “{article.language}”; extraction reads English only.",
                   extracted_revision=revision, extractor_version=EXTRACTOR_VERSION,
                   extracted_at=timezone.now())
        return None
    try:
        extraction = extract(
            revision.text,
            reference=gazetteer_get(max_age=0 if force else RECORD_CACHE_SECONDS),
            published=article.published_on,
            title=revision.title or None,
            ner=ner_get(),
        )
    except Exception as exc:  # a defect in extraction: shown on the article, never swallowed
        logger.exception("Extraction of article %s failed", article_id)
        _set_state(article.pk, ExtractionState.FAILED, f"{type(exc).__name__}: {exc}")
        raise

    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article_id)
        if locked.current_revision_id != revision.pk:
            return None  # a newer revision arrived meanwhile; its own task extracts it
        if _extracted(locked, revision) and not force:
            return None  # a second delivery of the same task finished it meanwhile
        article_entities_replace(article=locked, revision=revision, extraction=extraction)
        counts = proposals_replace(article=locked, revision=revision, extraction=extraction)
        locked.extraction_state = ExtractionState.EXTRACTED if extraction.relevant else ExtractionState.NOT_RELEVANT
        locked.extraction_error = ""
        locked.extractor_version = EXTRACTOR_VERSION
        locked.extracted_revision = revision
        locked.extracted_at = timezone.now()
        locked.save(update_fields=["extraction_state", "extraction_error", "extractor_version",
                                   "extracted_revision", "extracted_at", "updated_at"])
        return counts
