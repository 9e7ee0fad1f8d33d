from django.db import models

from compliance.choices import ProvisionCategory

from .base import SourcedFact, TrackedModel


class Resolution(TrackedModel, SourcedFact):
    """A UN Security Council resolution imposing or shaping sanctions on the DPRK."""

    number = models.PositiveIntegerField(unique=True)
    adopted_on = models.DateField()
    vote = models.CharField(max_length=40, blank=True, help_text='e.g. "15-0", "unanimous".')
    title = models.CharField(max_length=300, blank=True)
    chapter_vii = models.BooleanField("adopted under Chapter VII", default=False)
    summary = models.TextField(blank=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"UNSCR {self.number} ({self.adopted_on.year})"


class Provision(TrackedModel, SourcedFact):
    """One operative paragraph of a resolution and the obligation it imposes."""

    resolution = models.ForeignKey(Resolution, on_delete=models.PROTECT, related_name="provisions")
    paragraph = models.CharField(max_length=20, help_text='Operative paragraph, e.g. "8(b)".')
    category = models.CharField(max_length=30, choices=ProvisionCategory.choices)
    obligation = models.TextField(help_text="Short summary of the obligation.")

    class Meta:
        ordering = ["resolution__number", "paragraph"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "paragraph"], name="provision_unique_paragraph"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resolution.number} OP{self.paragraph}"
