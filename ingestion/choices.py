"""Enumerated values of ingestion, defined once."""

from django.db import models


class SubmissionOrigin(models.TextChoices):
    FILE = "file", "File (command line)"
    URL = "url", "URL"
    UPLOAD = "upload", "Uploaded file"
    PASTE = "paste", "Pasted text"
    FEED = "feed", "Feed entry"


class SubmissionState(models.TextChoices):
    """Where one arrival of a document stands, never claiming more than has happened:
    queued (stored, waiting for a worker) → processing (being fetched, cleaned, registered)
    → stored (its article is stored; extraction has not finished) → ingested (the article's
    proposals are written). Duplicate (the text was already known) is final too; failed
    waits for a person to retry it. A worker that dies leaves queued, processing or stored,
    which the sweep (submissions_requeue) queues again."""

    QUEUED = "queued", "Queued"
    PROCESSING = "processing", "Processing"
    STORED = "stored", "Stored, extraction pending"
    INGESTED = "ingested", "Ingested"
    DUPLICATE = "duplicate", "Duplicate (already known)"
    FAILED = "failed", "Failed"

    @classmethod
    def finished(cls) -> set[str]:
        return {cls.INGESTED, cls.DUPLICATE, cls.FAILED}

    @classmethod
    def pending(cls) -> set[str]:
        """Unfinished: a worker still has something to do."""
        return {cls.QUEUED, cls.PROCESSING, cls.STORED}


class SubmissionOutcome(models.TextChoices):
    """What an ingested submission added."""

    NEW_ARTICLE = "new_article", "New article"
    NEW_REVISION = "new_revision", "New revision of a known URL"
    SAME_TEXT = "same_text", "Same text as a known article"


class ExtractionState(models.TextChoices):
    PENDING = "pending", "Waiting for extraction"
    EXTRACTED = "extracted", "Extracted"
    NOT_RELEVANT = "not_relevant", "Nothing relevant found"
    OTHER_LANGUAGE = "other_language", "Not in English: not extracted"
    FAILED = "failed", "Extraction failed"


class ProposalKind(models.TextChoices):
    """What a proposal asks a person to decide. ENTITY is no longer proposed (a link to a
    known name is recorded on the article as an ArticleEntity); it stays for the proposals
    made before, which are kept with their decisions."""

    STATEMENT = "statement", "Statement"
    TRANSFER = "transfer", "Transfer details"
    ENTITY = "entity", "Link to a known entity"
    NEW_ACTOR = "new_actor", "New actor"
    NEW_PLACE = "new_place", "New place"
    NEW_VESSEL = "new_vessel", "New vessel"


class EntityCategory(models.TextChoices):
    """What a known name found in an article is, as extraction categorises it
    (ingestion.extraction.types)."""

    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organisation"
    COUNTRY = "country", "State"
    PLACE = "place", "Place"
    VESSEL = "vessel", "Vessel"
    RESOLUTION = "resolution", "Resolution"


class ProposalState(models.TextChoices):
    PENDING = "pending", "Pending review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    SUPERSEDED = "superseded", "Superseded (no longer extracted)"
    REPEATED = "repeated", "Already decided (same text in a near duplicate)"
