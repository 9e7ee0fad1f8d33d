from django.db import models
from django.db.models import F, Q

from compliance.choices import ActorKind

from .base import CountryField, NameListField, SourcedFact, TrackedModel, Withdrawable


class Actor(TrackedModel, Withdrawable):
    """A state, government body, organisation, outlet or person that acts or speaks in the record."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=ActorKind.choices)
    aliases = NameListField(help_text='Other names, e.g. ["DPRK", "North Korea"].')
    country = CountryField()
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The state or body this one belongs to (e.g. the NSC belongs to the "
        "United States). Corroboration counts statements by the same root as one originator.",
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="actor_unique_name_kind"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="actor_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class ActorRole(SourcedFact):
    """A person's title in an organisation over a period, e.g. John Kirby, NSC coordinator."""

    person = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="members", null=True, blank=True
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person__name", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=F("end_date")),
                name="actor_role_start_before_end",
            ),
        ]

    def __str__(self) -> str:
        org = f", {self.organisation}" if self.organisation_id else ""
        return f"{self.title}{org}"
