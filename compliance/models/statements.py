from django.db import models
from django.db.models import F, Q

from compliance.choices import DatePrecision, EstimativeScale, Stance

from .actors import Actor
from .base import NameListField, SourcedFact, TrackedModel, Withdrawable
from .sources import SourceDocument


class EstimativeTerm(SourcedFact):
    """A term of an estimative-language scale and the probability band it stands for."""

    scale = models.CharField(max_length=12, choices=EstimativeScale.choices)
    term = models.CharField(max_length=60)
    synonyms = NameListField()
    low_percent = models.PositiveSmallIntegerField()
    high_percent = models.PositiveSmallIntegerField()
    # The states (ISO 3166 alpha-2) whose assessments are written on this term's scale:
    # extraction reads "likely" in a British statement on the PHIA yardstick.
    used_by = NameListField()

    class Meta:
        ordering = ["scale", "low_percent"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "term"], name="estimative_term_unique"),
            models.CheckConstraint(
                condition=Q(low_percent__lte=F("high_percent"), high_percent__lte=100),
                name="estimative_term_band_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.low_percent}–{self.high_percent}%, {self.get_scale_display()})"


class Statement(TrackedModel, Withdrawable):
    """A public statement by a government, body or official about an alleged transfer.

    One statement repeated by several articles is one row with several sources; its
    originators (``on_behalf_of``) are what corroboration counts, not the articles."""

    speaker = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements_spoken",
        help_text="The person who spoke, when named.",
    )
    speaker_title = models.CharField(
        max_length=200, blank=True, help_text="The speaker's title as given at the time."
    )
    on_behalf_of = models.ManyToManyField(
        Actor,
        through="StatementOriginator",
        related_name="statements_originated",
        help_text="The government(s) or body(ies) whose position this is: the originator(s).",
    )
    stated_on = models.DateField(null=True, blank=True)
    stated_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    venue = models.CharField(max_length=200, blank=True)
    stance = models.CharField(max_length=20, choices=Stance.choices)
    reporting_verb = models.CharField(
        max_length=60, blank=True,
        help_text='The verb or phrase the source used ("accused", "confirmed", "warned"). Descriptive only: '
                  "the stance says what the statement does with the claim.",
    )
    estimative_phrase = models.CharField(
        max_length=80, blank=True, help_text='The words used, e.g. "almost certain".'
    )
    estimative_term = models.ForeignKey(
        EstimativeTerm, on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    quote = models.TextField(blank=True, help_text="Verbatim words, when quoted.")
    gist = models.TextField(help_text="What was said, in a sentence.")
    sources = models.ManyToManyField(
        SourceDocument, through="StatementSource", related_name="statements"
    )

    class Meta:
        ordering = ["-stated_on", "id"]

    def __str__(self) -> str:
        if self.speaker_id:
            who = self.speaker.name
        elif "on_behalf_of" in getattr(self, "_prefetched_objects_cache", {}):
            # Named by its originators when the caller fetched them; never a query per row.
            who = ", ".join(a.name for a in self.on_behalf_of.all()) or "Unnamed official"
        else:
            who = "Unnamed official"
        return f"{who} {self.get_stance_display().lower()}: {self.gist[:80]}"

    @property
    def stated_on_label(self) -> str:
        """The date as precisely as it is known, or "undated"."""
        return DatePrecision.format(self.stated_on, self.stated_on_precision) if self.stated_on else "undated"


class StatementSource(models.Model):
    """Where a statement is reported: the document and the excerpt that carries it."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="source_links")
    document = models.ForeignKey(
        SourceDocument, on_delete=models.PROTECT, related_name="statement_links"
    )
    excerpt = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "document"], name="statement_source_unique")
        ]

    def __str__(self) -> str:
        return str(self.document)


class StatementOriginator(models.Model):
    """An originator of a statement. The actor cannot be deleted while it originates a
    statement: corroboration counts originators, so removing one would change the count
    silently (withdraw the actor instead)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="originator_links")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="originator_links")

    class Meta:
        # The table Django created for the automatic many-to-many, kept with its rows.
        db_table = "compliance_statement_on_behalf_of"
        unique_together = [("statement", "actor")]
        verbose_name = "statement originator"

    def __str__(self) -> str:
        return f"originator of statement #{self.statement_id}"
