"""What ingestion stores: feeds, arrivals of documents, articles with their revisions,
near-duplicate clusters, and the proposals that extraction puts before a person.

Nothing here is evidence. A proposal becomes part of the record only when a person
accepts it, through the same services (compliance.services) a person uses by hand."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from compliance.models import Actor, Allegation, Place, Resolution, SourceDocument, Statement, Transfer, Vessel

from .choices import (
    EntityCategory,
    ExtractionState,
    ProposalKind,
    ProposalState,
    SubmissionOrigin,
    SubmissionOutcome,
    SubmissionState,
)


class Feed(models.Model):
    """An RSS or Atom feed polled periodically; each new entry becomes a submission."""

    url = models.URLField(max_length=1000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    entries_seen = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "url"]

    def __str__(self) -> str:
        return self.title or self.url


class Cluster(models.Model):
    """Articles that tell the same story: syndicated copies or lightly edited versions."""

    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Near-duplicate cluster #{self.pk}"


class Article(models.Model):
    """A news article or official release as the tool read it. Its text lives in revisions:
    a changed version of a known URL is a new revision of the same article."""

    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_on_inferred = models.BooleanField(default=False)
    language = models.CharField(max_length=8, blank=True)
    current_revision = models.ForeignKey(
        "ArticleRevision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    near_duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="near_duplicates",
        help_text="The earlier article this one most resembles (same story, edited or syndicated).",
    )
    similarity = models.FloatField(null=True, blank=True, help_text="Estimated Jaccard similarity.")
    source_document = models.ForeignKey(
        SourceDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="articles",
        help_text="The record's source document for this article, once linked.",
    )
    extraction_state = models.CharField(
        max_length=16, choices=ExtractionState.choices, default=ExtractionState.PENDING
    )
    extraction_error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=20, blank=True)
    extracted_revision = models.ForeignKey(
        "ArticleRevision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extracted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="article_unique_url"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article #{self.pk}"


class ArticleRevision(models.Model):
    """One version of an article's cleaned text. Its hash is unique: the same text arriving
    again, by whatever door, is the same revision."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the normalised text.")
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    removed_lines = models.JSONField(default=list, blank=True, help_text="Boilerplate lines dropped.")
    minhash = models.BinaryField(help_text="MinHash signature of the text's shingles.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.article} (revision {self.number})"


class RevisionBand(models.Model):
    """Locality-sensitive hashing index of the MinHash signatures: revisions that share a
    band are candidates for near duplicates, found with one indexed query."""

    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField(db_index=True, help_text="Hash of the band's index and rows.")


class Submission(models.Model):
    """One arrival of a document (a file, URL, upload, pasted text or feed entry): the unit
    of work of the ingestion task. Kept whatever happens, so failures stay visible."""

    origin = models.CharField(max_length=8, choices=SubmissionOrigin.choices)
    locator = models.CharField(max_length=1000, help_text="File path, file name or URL.")
    content = models.BinaryField(null=True, blank=True, help_text="The raw bytes, once read or fetched.")
    content_type = models.CharField(max_length=100, blank=True)
    feed = models.ForeignKey(Feed, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions")
    feed_entry = models.CharField(max_length=1000, blank=True, help_text="The entry's id in its feed.")
    state = models.CharField(max_length=12, choices=SubmissionState.choices, default=SubmissionState.QUEUED)
    outcome = models.CharField(max_length=12, choices=SubmissionOutcome.choices, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    revision = models.ForeignKey(
        ArticleRevision, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_via = models.CharField(max_length=100, blank=True, help_text="Command or task, when not a user.")
    idempotency_key = models.CharField(
        max_length=200, blank=True,
        help_text="The client's Idempotency-Key: a retry with the same key returns this submission.",
    )
    content_hash = models.CharField(
        max_length=64, blank=True,
        help_text="SHA-256 of the bytes or the URL submitted: the same input still pending is not taken twice.",
    )
    note = models.CharField(
        max_length=300, blank=True,
        help_text="Where it stands when that is not plain: waiting for the broker, queued again, retrying.",
    )
    broker_error = models.CharField(
        max_length=300, blank=True,
        help_text="Why it could not be handed to the broker; empty once it was.",
    )
    queued_at = models.DateTimeField(null=True, blank=True, help_text="Last handed to the broker.")
    requeue_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When the sweep queues it again if it has not finished by then.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "feed_entry"], condition=~Q(feed_entry=""), name="submission_unique_feed_entry"
            ),
            models.UniqueConstraint(
                fields=["submitted_by", "idempotency_key"], condition=~Q(idempotency_key=""),
                name="submission_unique_idempotency_key",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "created_at"]),
            models.Index(fields=["state", "requeue_at"], name="submission_requeue_idx"),
            models.Index(fields=["content_hash"], name="submission_content_hash_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_origin_display()}: {self.locator}"

    @property
    def is_finished(self) -> bool:
        return self.state in SubmissionState.finished()

    @property
    def is_waiting_for_broker(self) -> bool:
        return bool(self.broker_error) and not self.is_finished


class Proposal(models.Model):
    """Something extraction found in an article, waiting for a person: a statement, transfer
    details, a link to a known entity, or a new actor or place. Accepting calls the same
    services a person uses; a rejected proposal is kept so re-extraction never proposes it again."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="proposals")
    revision = models.ForeignKey(ArticleRevision, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(max_length=12, choices=ProposalKind.choices)
    state = models.CharField(max_length=12, choices=ProposalState.choices, default=ProposalState.PENDING)
    fingerprint = models.CharField(max_length=64, help_text="Identifies the same finding across runs.")
    summary = models.CharField(max_length=300)
    payload = models.JSONField(default=dict, help_text="What extraction found, as data.")
    start = models.PositiveIntegerField(help_text="Span in the revision's text.")
    end = models.PositiveIntegerField()
    excerpt = models.TextField(help_text="The sentence(s) it came from.")
    extractor_version = models.CharField(max_length=20)
    suggested_allegation = models.ForeignKey(
        Allegation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The allegation this finding seems to bear on (matched actors, places, period).",
    )
    matching_statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="A statement already in the record that this one repeats.",
    )
    matching_transfer = models.ForeignKey(
        Transfer, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="A transfer already in the record that these details describe.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    decision = models.JSONField(
        default=dict, blank=True,
        help_text="What accepting did: the action (same as / new), the candidates it was chosen among, what it "
                  "added (so a merge can be undone), and earlier decisions undone.",
    )
    earlier = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="repeats",
        help_text="The earlier decision of the same finding (same text in a near duplicate or revision).",
    )
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "start", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "kind", "fingerprint"], name="proposal_unique_finding"),
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="proposal_span_valid"),
        ]
        indexes = [models.Index(fields=["state", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary}"


class ArticleEntity(models.Model):
    """A known actor, place, vessel or resolution named in one revision of an article: the
    name as written, where, and the row of the reference data it resolved to.

    Recorded without asking anyone: linking a name the record already holds decides nothing,
    and asking it filled half the review queue. It is an index of the text, not part of the
    reviewed record (nothing in compliance points at it, and accepting a finding never reads
    it): extracting the revision again replaces its rows, and a wrong link is put right in
    the reference data (an alias, a new actor), which the next extraction follows.

    One row per occurrence (revision, span), not one per name with a count: the reader marks
    every occurrence in the text and the queue marks those inside a card's sentences, both
    by offset; the count per name is a GROUP BY. A span names one thing, so the span is
    unique within its revision whatever the target. Rows go with the revision and with the
    target row (CASCADE): they are derived and extraction makes them again."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="entities")
    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="entities")
    category = models.CharField(max_length=12, choices=EntityCategory.choices)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    vessel = models.ForeignKey(Vessel, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    text = models.CharField(max_length=300, help_text="The name as written in the article.")
    start = models.PositiveIntegerField(help_text="Span in the revision's text.")
    end = models.PositiveIntegerField()
    method = models.CharField(max_length=12, blank=True, help_text="How it was found: gazetteer, pattern, model.")
    extractor_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["revision", "start", "id"]
        verbose_name = "name found in an article"
        verbose_name_plural = "names found in articles"
        constraints = [
            models.UniqueConstraint(fields=["revision", "start", "end"], name="article_entity_unique_span"),
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="article_entity_span_valid"),
            models.CheckConstraint(
                condition=(
                    Q(actor__isnull=False, place__isnull=True, vessel__isnull=True, resolution__isnull=True)
                    | Q(actor__isnull=True, place__isnull=False, vessel__isnull=True, resolution__isnull=True)
                    | Q(actor__isnull=True, place__isnull=True, vessel__isnull=False, resolution__isnull=True)
                    | Q(actor__isnull=True, place__isnull=True, vessel__isnull=True, resolution__isnull=False)
                ),
                name="article_entity_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.target}"

    @property
    def target(self):
        """The reference row the name resolved to."""
        return self.actor or self.place or self.vessel or self.resolution
