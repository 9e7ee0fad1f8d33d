from django.db import models
from django.db.models import Q

from compliance.choices import DocumentKind, InformationCredibility, SourceReliability

from .actors import Actor
from .base import TrackedModel, Withdrawable


class SourceDocument(TrackedModel, Withdrawable):
    """A published article or official release that the record relies on, graded with
    the NATO Admiralty code (reliability of the source, credibility of the information)."""

    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, default=DocumentKind.NEWS_ARTICLE)
    outlet = models.ForeignKey(
        Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_on_inferred = models.BooleanField(
        default=False, help_text="The date was inferred from the text, not printed by the outlet."
    )
    text = models.TextField(blank=True)
    reliability = models.CharField(
        max_length=1, choices=SourceReliability.choices, default=SourceReliability.F
    )
    credibility = models.CharField(
        max_length=1,
        choices=InformationCredibility.choices,
        default=InformationCredibility.CANNOT_BE_JUDGED,
    )
    grading_note = models.TextField(blank=True, help_text="Why this grade.")

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="source_document_unique_url"
            ),
            models.CheckConstraint(
                condition=Q(reliability__in=SourceReliability.values),
                name="source_document_reliability_valid",
            ),
            models.CheckConstraint(
                condition=Q(credibility__in=InformationCredibility.values),
                name="source_document_credibility_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def grade(self) -> str:
        """The Admiralty code written together, e.g. "B2"."""
        return f"{self.reliability}{self.credibility}"
