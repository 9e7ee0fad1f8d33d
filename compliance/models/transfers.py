from django.db import models
from django.db.models import F, Q

from compliance.choices import DatePrecision, ItemCategory, TransferStatus, TransportMode

from .actors import Actor
from .base import TrackedModel
from .places import Place, Vessel
from .sources import SourceDocument


class Transfer(TrackedModel):
    """An alleged movement of arms or related materiel: who supplied what to whom, when,
    and by which route."""

    title = models.CharField(max_length=300)
    supplier = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="transfers_supplied")
    recipient = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="transfers_received")
    period_start = models.DateField(null=True, blank=True)
    period_start_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    period_end = models.DateField(null=True, blank=True)
    period_end_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    status_claimed = models.CharField(max_length=20, choices=TransferStatus.choices)
    description = models.TextField(blank=True)
    sources = models.ManyToManyField(
        SourceDocument, through="TransferSource", related_name="transfers"
    )

    class Meta:
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="transfer_period_start_before_end",
            ),
            models.CheckConstraint(
                condition=~Q(supplier=F("recipient")), name="transfer_supplier_is_not_recipient"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("transfer-detail", args=[self.pk])


class TransferSource(models.Model):
    """Where a transfer is reported: the document and the excerpt that carries it. One
    transfer reported by several articles is one row with several sources."""

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="source_links")
    document = models.ForeignKey(
        SourceDocument, on_delete=models.PROTECT, related_name="transfer_links"
    )
    excerpt = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["transfer", "document"], name="transfer_source_unique")
        ]

    def __str__(self) -> str:
        return str(self.document)


class TransferItem(models.Model):
    """What was transferred, with a quantity that may be a number or a range ("1,000
    containers", "millions of rounds")."""

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(max_length=24, choices=ItemCategory.choices)
    description = models.CharField(max_length=300, blank=True)
    quantity_min = models.DecimalField(max_digits=14, decimal_places=0, null=True, blank=True)
    quantity_max = models.DecimalField(max_digits=14, decimal_places=0, null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True, help_text='e.g. "containers", "rounds".')
    quantity_text = models.CharField(
        max_length=120, blank=True, help_text='As the source put it, e.g. "over 1,000 containers".'
    )

    class Meta:
        ordering = ["transfer", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity_min__isnull=True)
                | Q(quantity_max__isnull=True)
                | Q(quantity_min__lte=F("quantity_max")),
                name="transfer_item_quantity_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(quantity_min__isnull=True) | Q(quantity_min__gte=0),
                name="transfer_item_quantity_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.quantity_text or self.get_category_display()


class RouteLeg(models.Model):
    """One ordered leg of a transfer's route (e.g. Najin to Dunay by sea)."""

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="legs")
    sequence = models.PositiveSmallIntegerField()
    from_place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="legs_from")
    to_place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="legs_to")
    mode = models.CharField(max_length=8, choices=TransportMode.choices)
    vessel = models.ForeignKey(
        Vessel, on_delete=models.PROTECT, null=True, blank=True, related_name="legs"
    )
    departed_on = models.DateField(null=True, blank=True)
    arrived_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["transfer", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["transfer", "sequence"], name="route_leg_unique_sequence"),
            models.CheckConstraint(
                condition=~Q(from_place=F("to_place")), name="route_leg_moves_somewhere"
            ),
            models.CheckConstraint(
                condition=Q(departed_on__isnull=True)
                | Q(arrived_on__isnull=True)
                | Q(departed_on__lte=F("arrived_on")),
                name="route_leg_departs_before_arrival",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sequence}. {self.from_place} → {self.to_place} ({self.get_mode_display()})"
