from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Verification(models.TextChoices):
    VERIFIED = "verified", "Verified in a primary source"
    SECONDARY = "secondary", "From a secondary source"
    UNVERIFIED = "unverified", "Unverified"


class TrackedModel(models.Model):
    """A row of the record: timestamps and a version that services check before writing,
    so that two people editing the same row cannot overwrite each other silently."""

    ref = models.SlugField(
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text="Stable identifier for imports, seeds and exports (e.g. wh-2023-10-13-containers).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Withdrawable(models.Model):
    """A row that can be retired instead of deleted: it stays in the record, its history and
    the exports, marked withdrawn with who, when and why (compliance.services.records.
    record_withdraw). Deleting it would strip what cites it."""

    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False,
        related_name="+",
    )
    withdrawal_reason = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def withdrawal_note(self) -> str:
        """"Withdrawn on 2024-03-01: <reason>", as the exports write it; empty when it is not."""
        if self.withdrawn_at is None:
            return ""
        return f"Withdrawn on {self.withdrawn_at:%Y-%m-%d}: {self.withdrawal_reason}".rstrip(": ")


class SourcedFact(models.Model):
    """Reference data that says where it comes from and how far it was checked.

    ``verification`` defaults to unverified: a row is "verified in a primary source" only
    when whoever enters it (a person, the API, the seed loader) says so explicitly."""

    source = models.TextField(
        blank=True, help_text="Where this fact comes from: citation or URL."
    )
    verification = models.CharField(
        max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED,
        help_text="How far the fact was checked. Choose \"verified\" only after checking it in "
                  "the primary source cited.",
    )

    class Meta:
        abstract = True


def validate_country_code(value: str) -> None:
    import pycountry

    if value and pycountry.countries.get(alpha_2=value) is None:
        raise ValidationError(
            "%(value)s is not an ISO 3166-1 alpha-2 country code.", params={"value": value}
        )


def validate_string_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError("Enter a list of non-empty names.")


class CountryField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 2)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_country_code])
        kwargs.setdefault("help_text", "ISO 3166-1 alpha-2 code, e.g. KP, RU, US.")
        super().__init__(*args, **kwargs)


class NameListField(models.JSONField):
    """A list of alternative names (aliases, former names)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_string_list])
        super().__init__(*args, **kwargs)
