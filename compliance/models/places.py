from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from stdnum import imo as stdnum_imo
from stdnum.exceptions import ValidationError as StdnumError

from compliance.choices import PlaceKind

from .base import CountryField, NameListField, SourcedFact, TrackedModel


class Place(TrackedModel, SourcedFact):
    """A port, facility, depot, crossing or city on a reported route or in a statement."""

    name = models.CharField(max_length=200, unique=True)
    aliases = NameListField()
    kind = models.CharField(max_length=20, choices=PlaceKind.choices)
    country = CountryField()
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_coordinates_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return self.name


def validate_imo(value: str) -> None:
    try:
        stdnum_imo.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            "%(value)s is not a valid IMO number (%(reason)s).",
            params={"value": value, "reason": str(exc).rstrip(".")},
        ) from exc


class Vessel(TrackedModel, SourcedFact):
    """A ship named in reports of transfers."""

    name = models.CharField(max_length=120)
    former_names = NameListField()
    imo_number = models.CharField(
        "IMO number",
        max_length=7,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_imo],
        help_text="Seven digits with a valid check digit; leave empty when unknown.",
    )
    flag = CountryField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(imo_number__isnull=True) | Q(imo_number__regex=r"^[0-9]{7}$"),
                name="vessel_imo_seven_digits",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (IMO {self.imo_number})" if self.imo_number else self.name

    def _compact_imo(self) -> None:
        # "IMO 9179842" and "9179842" are the same number; store the seven digits.
        self.imo_number = stdnum_imo.compact(self.imo_number) if self.imo_number else None

    def clean_fields(self, exclude=None):
        self._compact_imo()
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        self._compact_imo()
        super().save(*args, **kwargs)


class VesselDesignation(SourcedFact):
    """A sanctions designation of a vessel by an authority (OFAC, EU, UK, ROK, UN)."""

    vessel = models.ForeignKey(Vessel, on_delete=models.CASCADE, related_name="designations")
    authority = models.CharField(max_length=120, help_text='e.g. "US OFAC", "EU", "UN 1718 Committee".')
    designated_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["vessel__name", "designated_on"]

    def __str__(self) -> str:
        return f"{self.authority} {self.designated_on or ''}".strip()
