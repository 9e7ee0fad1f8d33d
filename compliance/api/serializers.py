"""What the API reads and accepts. Serializers validate shapes; the viewsets hand the data to
the services (record_save, allegation_transition, transfer_set_route ...). Nested fields read
only what the viewsets prefetched, so no serializer queries per row."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from compliance.choices import EvidentiaryStatus, TransportMode
from compliance.workflow import OPENING_STATUSES
from compliance.models import (
    Actor,
    Allegation,
    AllegationEvidence,
    AllegationProvision,
    AllegationStatement,
    EvidenceItem,
    Place,
    Provision,
    Resolution,
    RouteLeg,
    SourceDocument,
    Statement,
    StatementSource,
    StatusChangeRequest,
    StatusTransition,
    Transfer,
    TransferItem,
    TransferSource,
    Vessel,
    VesselDesignation,
)

RECORD_FIELDS = ["ref", "version", "created_at", "updated_at"]
# Read-only: rows are withdrawn and reinstated through POST …/withdraw/ and …/reinstate/.
WITHDRAWAL_FIELDS = ["withdrawn", "withdrawn_at", "withdrawn_by", "withdrawal_reason"]


class WithdrawalFieldsMixin(serializers.Serializer):
    withdrawn = serializers.BooleanField(source="is_withdrawn", read_only=True)


class WithdrawalInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, help_text="Why (required): kept on the row and in the audit trail."
    )


class RecordUseSerializer(serializers.Serializer):
    model = serializers.CharField()
    id = serializers.CharField()
    label = serializers.CharField()


class RecordProtectedSerializer(serializers.Serializer):
    """409: the row is used by the record, nothing was deleted."""

    detail = serializers.CharField()
    uses = RecordUseSerializer(many=True)


class ProvisionSerializer(serializers.ModelSerializer):
    resolution_number = serializers.IntegerField(source="resolution.number", read_only=True)

    class Meta:
        model = Provision
        fields = ["id", "resolution", "resolution_number", "paragraph", "category", "obligation", "source",
                  "verification", *RECORD_FIELDS]


class ResolutionSerializer(serializers.ModelSerializer):
    provisions = ProvisionSerializer(many=True, read_only=True)

    class Meta:
        model = Resolution
        fields = ["id", "number", "adopted_on", "vote", "title", "chapter_vii", "summary", "url", "source",
                  "verification", "provisions", *RECORD_FIELDS]


class ActorSerializer(WithdrawalFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "name", "kind", "aliases", "country", "parent", "description", *WITHDRAWAL_FIELDS,
                  *RECORD_FIELDS]
        read_only_fields = ["version", "created_at", "updated_at"]


class PlaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["id", "name", "aliases", "kind", "country", "latitude", "longitude", "note", "source",
                  "verification", *RECORD_FIELDS]
        read_only_fields = ["version", "created_at", "updated_at"]


class VesselDesignationSerializer(serializers.ModelSerializer):
    class Meta:
        model = VesselDesignation
        fields = ["id", "authority", "designated_on", "reference", "source", "verification"]


class VesselSerializer(serializers.ModelSerializer):
    designations = VesselDesignationSerializer(many=True, read_only=True)

    class Meta:
        model = Vessel
        fields = ["id", "name", "former_names", "imo_number", "flag", "note", "source", "verification",
                  "designations", *RECORD_FIELDS]
        read_only_fields = ["version", "created_at", "updated_at"]


class SourceDocumentSerializer(WithdrawalFieldsMixin, serializers.ModelSerializer):
    grade = serializers.CharField(read_only=True)

    class Meta:
        model = SourceDocument
        fields = ["id", "title", "kind", "outlet", "url", "published_on", "published_on_inferred", "reliability",
                  "credibility", "grade", "grading_note", *WITHDRAWAL_FIELDS, *RECORD_FIELDS]
        read_only_fields = ["version", "created_at", "updated_at"]


class SourceDocumentDetailSerializer(SourceDocumentSerializer):
    class Meta(SourceDocumentSerializer.Meta):
        fields = [*SourceDocumentSerializer.Meta.fields, "text"]


class EvidenceItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceItem
        fields = ["id", "kind", "description", "provider", "captured_on", "url", "document", "place",
                  *RECORD_FIELDS]
        read_only_fields = ["version", "created_at", "updated_at"]


# --------------------------------------------------------------------------- transfers


class TransferItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = TransferItem
        fields = ["id", "category", "description", "quantity_min", "quantity_max", "unit", "quantity_text"]


class PlaceBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["id", "name", "kind", "country", "latitude", "longitude"]


class RouteLegSerializer(serializers.ModelSerializer):
    from_place = PlaceBriefSerializer(read_only=True)
    to_place = PlaceBriefSerializer(read_only=True)
    vessel_name = serializers.CharField(source="vessel.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = RouteLeg
        fields = ["sequence", "from_place", "to_place", "mode", "vessel", "vessel_name", "departed_on",
                  "arrived_on", "note"]


class TransferSourceSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="document.title", read_only=True)
    url = serializers.CharField(source="document.url", read_only=True)
    published_on = serializers.DateField(source="document.published_on", read_only=True)
    grade = serializers.CharField(source="document.grade", read_only=True)

    class Meta:
        model = TransferSource
        fields = ["document", "title", "url", "published_on", "grade", "excerpt"]


class TransferSerializer(serializers.ModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    recipient_name = serializers.CharField(source="recipient.name", read_only=True)
    items = TransferItemSerializer(many=True, read_only=True)
    legs = RouteLegSerializer(many=True, read_only=True)
    sources = TransferSourceSerializer(source="source_links", many=True, read_only=True)

    class Meta:
        model = Transfer
        fields = ["id", "title", "supplier", "supplier_name", "recipient", "recipient_name", "period_start",
                  "period_start_precision", "period_end", "period_end_precision", "status_claimed",
                  "description", "items", "legs", "sources", *RECORD_FIELDS]
        read_only_fields = ["version", "created_at", "updated_at"]


class LegInputSerializer(serializers.Serializer):
    from_place = serializers.PrimaryKeyRelatedField(queryset=Place.objects.all())
    to_place = serializers.PrimaryKeyRelatedField(queryset=Place.objects.all())
    mode = serializers.ChoiceField(choices=TransportMode.choices)
    vessel = serializers.PrimaryKeyRelatedField(queryset=Vessel.objects.all(), required=False, allow_null=True)
    departed_on = serializers.DateField(required=False, allow_null=True)
    arrived_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class RouteInputSerializer(serializers.Serializer):
    legs = LegInputSerializer(many=True, help_text="The whole route, in order: it replaces the legs.")
    reason = serializers.CharField(required=False, allow_blank=True)


# --------------------------------------------------------------------------- statements


class StatementSourceSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="document.title", read_only=True)
    url = serializers.CharField(source="document.url", read_only=True)
    published_on = serializers.DateField(source="document.published_on", read_only=True)
    grade = serializers.CharField(source="document.grade", read_only=True)

    class Meta:
        model = StatementSource
        fields = ["document", "title", "url", "published_on", "grade", "excerpt"]


class EstimativeBandSerializer(serializers.Serializer):
    term = serializers.CharField()
    scale = serializers.CharField()
    low_percent = serializers.IntegerField()
    high_percent = serializers.IntegerField()


class StatementSerializer(WithdrawalFieldsMixin, serializers.ModelSerializer):
    on_behalf_of = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(), many=True, allow_empty=False,
        help_text="The originator(s): the government(s) or body(ies) whose position this is (at least one).")
    on_behalf_of_names = serializers.SerializerMethodField()
    estimative_band = serializers.SerializerMethodField()
    sources = StatementSourceSerializer(source="source_links", many=True, read_only=True)

    class Meta:
        model = Statement
        fields = ["id", "speaker", "speaker_title", "on_behalf_of", "on_behalf_of_names", "stated_on",
                  "stated_on_precision", "venue", "stance", "reporting_verb", "estimative_phrase", "estimative_term",
                  "estimative_band", "quote", "gist", "sources", *WITHDRAWAL_FIELDS, *RECORD_FIELDS]
        read_only_fields = ["version", "created_at", "updated_at"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_on_behalf_of_names(self, obj) -> list[str]:
        return [a.name for a in obj.on_behalf_of.all()]  # prefetched by the viewset

    @extend_schema_field(EstimativeBandSerializer(allow_null=True))
    def get_estimative_band(self, obj) -> dict | None:
        term = obj.estimative_term  # select_related by the viewset
        if term is None:
            return None
        return {"term": term.term, "scale": term.scale, "low_percent": term.low_percent,
                "high_percent": term.high_percent}


# --------------------------------------------------------------------------- allegations


class AllegationSerializer(serializers.ModelSerializer):
    """An allegation as listed. `status` is read-only: it changes only through the
    transition endpoint (the workflow, four eyes included)."""

    status = serializers.ChoiceField(choices=EvidentiaryStatus.choices, read_only=True)
    initial_status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in OPENING_STATUSES],
        write_only=True, required=False, help_text="On creation only: reported (default); corroborated, "
        "disputed or retracted by a reviewer (an analyst gets 403). Confirmed and refuted need four eyes: "
        "propose them with /transition/.",
    )
    rationale = serializers.CharField(write_only=True, required=False, allow_blank=True,
                                      help_text="On creation: why the opening status (unless reported).")
    pending_change = serializers.BooleanField(read_only=True, source="pending", default=False)
    # Written as members (record_set_related); the link table protects the transfers.
    transfers = serializers.PrimaryKeyRelatedField(queryset=Transfer.objects.all(), many=True, required=False)

    class Meta:
        model = Allegation
        fields = ["id", "title", "summary", "status", "initial_status", "rationale", "pending_change",
                  "assigned_reviewer", "transfers", *RECORD_FIELDS]
        read_only_fields = ["version", "created_at", "updated_at"]


class AllegationStatementSerializer(serializers.ModelSerializer):
    statement = StatementSerializer(read_only=True)

    class Meta:
        model = AllegationStatement
        fields = ["bearing", "note", "statement"]


class AllegationEvidenceSerializer(serializers.ModelSerializer):
    evidence = EvidenceItemSerializer(read_only=True)

    class Meta:
        model = AllegationEvidence
        fields = ["bearing", "note", "evidence"]


class AllegationProvisionSerializer(serializers.ModelSerializer):
    provision = ProvisionSerializer(read_only=True)

    class Meta:
        model = AllegationProvision
        fields = ["provision", "note"]


class StatusTransitionSerializer(serializers.ModelSerializer):
    proposed_by = serializers.CharField(source="proposed_by.username", 
        default=None, allow_null=True, read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", 
        default=None, allow_null=True, read_only=True)

    class Meta:
        model = StatusTransition
        fields = ["id", "from_status", "to_status", "proposed_by", "decided_by", "actor_label", "rationale",
                  "decision_note", "at"]


class StatusChangeRequestSerializer(serializers.ModelSerializer):
    proposed_by = serializers.CharField(source="proposed_by.username", read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", 
        default=None, allow_null=True, read_only=True)
    needs_four_eyes = serializers.BooleanField(read_only=True)

    class Meta:
        model = StatusChangeRequest
        fields = ["id", "from_status", "to_status", "state", "needs_four_eyes", "rationale", "proposed_by",
                  "proposed_at", "decided_by", "decided_at", "decision_note", "allegation_version"]


class SuggestedStatusSerializer(serializers.Serializer):
    status = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    supporting_originators = serializers.ListField(child=serializers.CharField())
    contradicting_originators = serializers.ListField(child=serializers.CharField())
    interested_denials = serializers.ListField(child=serializers.CharField())
    declined_to_comment = serializers.ListField(child=serializers.CharField())
    best_grade = serializers.CharField(allow_null=True)


class AllegationDetailSerializer(AllegationSerializer):
    """One allegation with what a reviewer weighs: provisions, statements (with sources),
    transfers (with route), evidence, the suggested status, the history and proposals."""

    provisions = AllegationProvisionSerializer(source="provision_links", many=True, read_only=True)
    statements = AllegationStatementSerializer(source="statement_links", many=True, read_only=True)
    evidence = AllegationEvidenceSerializer(source="evidence_links", many=True, read_only=True)
    transfer_details = TransferSerializer(source="transfers", many=True, read_only=True)
    suggested_status = serializers.SerializerMethodField()
    history = StatusTransitionSerializer(source="transitions", many=True, read_only=True)
    status_requests = StatusChangeRequestSerializer(many=True, read_only=True)

    class Meta(AllegationSerializer.Meta):
        fields = [*AllegationSerializer.Meta.fields, "provisions", "statements", "evidence", "transfer_details",
                  "suggested_status", "history", "status_requests"]

    @extend_schema_field(SuggestedStatusSerializer)
    def get_suggested_status(self, obj) -> dict:
        suggestion = self.context["suggestion"]
        return SuggestedStatusSerializer({**suggestion.__dict__, "status": suggestion.status.value}).data


class TransitionInputSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=EvidentiaryStatus.choices)
    rationale = serializers.CharField()
    expected_version = serializers.IntegerField(
        required=False, help_text="The allegation's version you read (or send If-Match with its ETag)."
    )
    statements = serializers.PrimaryKeyRelatedField(queryset=Statement.objects.all(), many=True, required=False)
    documents = serializers.PrimaryKeyRelatedField(queryset=SourceDocument.objects.all(), many=True,
                                                   required=False)
    evidence = serializers.PrimaryKeyRelatedField(queryset=EvidenceItem.objects.all(), many=True, required=False)


class DecisionInputSerializer(serializers.Serializer):
    request = serializers.IntegerField(help_text="The pending status change request's id.")
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, help_text="Required to reject.")
