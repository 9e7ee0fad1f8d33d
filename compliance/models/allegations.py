from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from compliance.choices import Bearing, EvidentiaryStatus, RequestState
from compliance.workflow import transition_for

from .base import TrackedModel
from .evidence import EvidenceItem
from .resolutions import Provision
from .sources import SourceDocument
from .statements import Statement
from .transfers import Transfer


class Allegation(TrackedModel):
    """A claim under review, e.g. "DPRK delivered munitions to Russia via Najin–Dunay–
    Tikhoretsk, Sep–Oct 2023", with its evidentiary status. The status changes only
    through the workflow service (compliance.services.workflow)."""

    title = models.CharField(max_length=300, unique=True)
    summary = models.TextField(blank=True)
    status = models.CharField(
        max_length=14,
        choices=EvidentiaryStatus.choices,
        default=EvidentiaryStatus.REPORTED,
        editable=False,
    )
    transfers = models.ManyToManyField(
        Transfer, through="AllegationTransfer", blank=True, related_name="allegations"
    )
    provisions = models.ManyToManyField(
        Provision, through="AllegationProvision", blank=True, related_name="allegations"
    )
    statements = models.ManyToManyField(
        Statement, through="AllegationStatement", blank=True, related_name="allegations"
    )
    evidence = models.ManyToManyField(
        EvidenceItem, through="AllegationEvidence", blank=True, related_name="allegations"
    )
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allegations_to_review",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EvidentiaryStatus.values), name="allegation_status_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("allegation-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.assigned_reviewer_id is not None:
            # Imported here: the roles module reads the auth models, loaded after this one's module.
            from compliance.choices import Role
            from compliance.roles import has_role, role_of

            reviewer = self.assigned_reviewer
            if not has_role(reviewer, Role.REVIEWER):
                held = role_of(reviewer)
                raise ValidationError({"assigned_reviewer": (
                    f"{reviewer.get_username()} cannot review allegations: the assigned reviewer needs "
                    f"the reviewer or administrator role (theirs: {held.label.lower() if held else 'none'}"
                    f"{'' if reviewer.is_active else ', inactive'}).")})


class AllegationTransfer(models.Model):
    """A transfer the allegation is about. The transfer cannot be deleted while an
    allegation rests on it."""

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="transfer_links")
    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, related_name="allegation_links")

    class Meta:
        # The table Django created for the automatic many-to-many, kept with its rows.
        db_table = "compliance_allegation_transfers"
        unique_together = [("allegation", "transfer")]
        verbose_name = "allegation transfer"

    def __str__(self) -> str:
        return f"transfer #{self.transfer_id} of allegation #{self.allegation_id}"


class AllegationProvision(models.Model):
    """A provision the alleged conduct would breach, and why."""

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="provision_links")
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="allegation_links")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["allegation", "provision"], name="allegation_provision_unique")
        ]

    def __str__(self) -> str:
        return f"Breach of {self.provision}"


class AllegationStatement(models.Model):
    """A statement in an allegation's record and how it bears on the claim."""

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="statement_links")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="allegation_links")
    bearing = models.CharField(max_length=12, choices=Bearing.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["allegation", "statement"], name="allegation_statement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_bearing_display()}: {self.statement}"


class AllegationEvidence(models.Model):
    """An evidence item in an allegation's record and how it bears on the claim."""

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="evidence_links")
    evidence = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="allegation_links")
    bearing = models.CharField(max_length=12, choices=Bearing.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["allegation", "evidence"], name="allegation_evidence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_bearing_display()}: {self.evidence}"


class StatusChangeRequest(models.Model):
    """A proposed change of evidentiary status, waiting for a reviewer's decision.
    Changes that need four eyes are decided by a reviewer other than the proposer."""

    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="status_requests")
    from_status = models.CharField(max_length=14, choices=EvidentiaryStatus.choices)
    to_status = models.CharField(max_length=14, choices=EvidentiaryStatus.choices)
    allegation_version = models.PositiveIntegerField(
        help_text="The allegation's version the proposer saw."
    )
    rationale = models.TextField()
    cited_statements = models.ManyToManyField(
        Statement, through="StatusChangeRequestCitedStatement", blank=True, related_name="+"
    )
    cited_documents = models.ManyToManyField(
        SourceDocument, through="StatusChangeRequestCitedDocument", blank=True, related_name="+"
    )
    cited_evidence = models.ManyToManyField(
        EvidenceItem, through="StatusChangeRequestCitedEvidence", blank=True, related_name="+"
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=12, choices=RequestState.choices, default=RequestState.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["allegation"],
                condition=Q(state=RequestState.PENDING),
                name="one_pending_status_request_per_allegation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.allegation}: {self.from_status} → {self.to_status} ({self.state})"

    @property
    def needs_four_eyes(self) -> bool:
        """Whether a reviewer other than the proposer must decide it (the workflow table says)."""
        rule = transition_for(self.from_status, self.to_status)
        return bool(rule and rule.needs_four_eyes)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(f"{self.model.__name__} rows are append-only.")

    def delete(self):
        raise TypeError(f"{self.model.__name__} rows are append-only.")


class StatusTransition(models.Model):
    """One change of an allegation's evidentiary status: the append-only history."""

    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=14, choices=EvidentiaryStatus.choices, blank=True)
    to_status = models.CharField(max_length=14, choices=EvidentiaryStatus.choices)
    request = models.OneToOneField(
        StatusChangeRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="transition"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(
        max_length=100, blank=True, help_text="Who, when not a user (e.g. the seed loader)."
    )
    rationale = models.TextField()
    decision_note = models.TextField(blank=True)
    cited_statements = models.ManyToManyField(
        Statement, through="StatusTransitionCitedStatement", blank=True, related_name="+"
    )
    cited_documents = models.ManyToManyField(
        SourceDocument, through="StatusTransitionCitedDocument", blank=True, related_name="+"
    )
    cited_evidence = models.ManyToManyField(
        EvidenceItem, through="StatusTransitionCitedEvidence", blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("Status history is append-only: a transition cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Status history is append-only: a transition cannot be deleted.")


# ----------------------------------------------------------------------- citations
# What a status change or a request for one cites. Each is the table Django created for
# the automatic many-to-many (kept with its rows); the cited row is protected, so the
# history never loses a citation. A transition's citations are append-only like the
# transition itself (PostgreSQL triggers, compliance/migrations/0007_history_triggers).


class _Citation(models.Model):
    class Meta:
        abstract = True

    def __str__(self) -> str:
        owner = getattr(self, "transition_id", None) or getattr(self, "request_id", None)
        return f"citation in {self.owner_label} #{owner}"


def _cited_by(model: str, column: str, related_name: str):
    return models.ForeignKey(model, on_delete=models.PROTECT, db_column=f"{column}_id",
                             related_name=related_name)


class StatusTransitionCitedStatement(_Citation):
    """A statement a status change cited."""

    owner_label = "status transition"
    objects = AppendOnlyQuerySet.as_manager()
    transition = _cited_by("StatusTransition", "statustransition", "statement_citations")
    statement = _cited_by(Statement, "statement", "transition_citations")

    class Meta:
        db_table = "compliance_statustransition_cited_statements"
        unique_together = [("transition", "statement")]


class StatusTransitionCitedDocument(_Citation):
    """A source document a status change cited."""

    owner_label = "status transition"
    objects = AppendOnlyQuerySet.as_manager()
    transition = _cited_by("StatusTransition", "statustransition", "document_citations")
    document = _cited_by(SourceDocument, "sourcedocument", "transition_citations")

    class Meta:
        db_table = "compliance_statustransition_cited_documents"
        unique_together = [("transition", "document")]


class StatusTransitionCitedEvidence(_Citation):
    """An evidence item a status change cited."""

    owner_label = "status transition"
    objects = AppendOnlyQuerySet.as_manager()
    transition = _cited_by("StatusTransition", "statustransition", "evidence_citations")
    evidence = _cited_by(EvidenceItem, "evidenceitem", "transition_citations")

    class Meta:
        db_table = "compliance_statustransition_cited_evidence"
        unique_together = [("transition", "evidence")]


class StatusChangeRequestCitedStatement(_Citation):
    """A statement a request for a status change cites."""

    owner_label = "status change request"
    request = _cited_by("StatusChangeRequest", "statuschangerequest", "statement_citations")
    statement = _cited_by(Statement, "statement", "request_citations")

    class Meta:
        db_table = "compliance_statuschangerequest_cited_statements"
        unique_together = [("request", "statement")]


class StatusChangeRequestCitedDocument(_Citation):
    """A source document a request for a status change cites."""

    owner_label = "status change request"
    request = _cited_by("StatusChangeRequest", "statuschangerequest", "document_citations")
    document = _cited_by(SourceDocument, "sourcedocument", "request_citations")

    class Meta:
        db_table = "compliance_statuschangerequest_cited_documents"
        unique_together = [("request", "document")]


class StatusChangeRequestCitedEvidence(_Citation):
    """An evidence item a request for a status change cites."""

    owner_label = "status change request"
    request = _cited_by("StatusChangeRequest", "statuschangerequest", "evidence_citations")
    evidence = _cited_by(EvidenceItem, "evidenceitem", "request_citations")

    class Meta:
        db_table = "compliance_statuschangerequest_cited_evidence"
        unique_together = [("request", "evidence")]


class DossierVisit(models.Model):
    """When a person last opened an allegation's dossier, so that the next visit can mark
    what is new to them. Not part of the evidentiary record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "allegation"], name="dossier_visit_unique")
        ]
