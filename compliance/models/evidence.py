from django.db import models

from compliance.choices import EvidenceKind

from .actors import Actor
from .base import TrackedModel
from .places import Place
from .sources import SourceDocument


class EvidenceItem(TrackedModel):
    """Material other than words: satellite imagery, photographs, official documents."""

    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    description = models.TextField()
    provider = models.ForeignKey(
        Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence_provided",
        help_text="Who produced it, e.g. Planet Labs, the White House.",
    )
    captured_on = models.DateField(null=True, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    document = models.ForeignKey(
        SourceDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence_items",
        help_text="The document in which it appears.",
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence_items"
    )

    class Meta:
        ordering = ["-captured_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:80]}"
