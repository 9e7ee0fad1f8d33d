"""The record's endpoints. Every write goes through the audited services; status changes only
through /transition/ and /decide/ (the workflow, four eyes included)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from compliance.choices import RequestState, Role
from compliance.filters import (
    ActorFilterSet,
    AllegationFilterSet,
    StatementFilterSet,
    TransferFilterSet,
    VesselFilterSet,
)
from compliance.models import (
    Actor,
    Allegation,
    AllegationEvidence,
    AllegationProvision,
    AllegationStatement,
    EvidenceItem,
    Place,
    Resolution,
    RouteLeg,
    SourceDocument,
    Statement,
    StatementSource,
    StatusChangeRequest,
    StatusTransition,
    Transfer,
    TransferSource,
    Vessel,
)
from compliance.selectors.allegations import allegation_suggested_status
from compliance.services.records import (
    record_delete,
    record_reinstate,
    record_save,
    record_set_related,
    record_withdraw,
)
from compliance.services.transfers import LegData, transfer_set_route
from compliance.services.workflow import (
    allegation_create,
    allegation_transition,
    allegation_transition_decide,
)

from compliance.exports.ftm import ftm_ndjson
from compliance.exports.geojson import routes_geojson
from compliance.exports.stix import stix_bundle_json

from . import serializers as s
from .exports import export_action, json_response
from .base import (
    FILTER_BACKENDS,
    ETagMixin,
    IdCursorPagination,
    PreconditionFailed,
    RolePermission,
    api_filterset,
    etag_of,
    expected_version,
)

REASON_HEADER = "X-Change-Reason"
REASON_PARAMETER = OpenApiParameter(
    REASON_HEADER, str, OpenApiParameter.HEADER, required=False,
    description="Why the change is made: kept in the audit trail.",
)


def _reason(request) -> str:
    return request.headers.get(REASON_HEADER, "")[:1000]


class RecordViewSet(ETagMixin, viewsets.ModelViewSet):
    """Create, read, update (with If-Match) and delete rows of the record through
    record_save / record_set_related / record_delete: validated, versioned and audited."""

    permission_classes = [RolePermission]
    pagination_class = IdCursorPagination
    filter_backends = FILTER_BACKENDS
    ordering_fields = ["id", "updated_at"]
    m2m_fields: tuple[str, ...] = ()
    required_role = None  # an action may ask for more than the method's default role
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def _split(self, serializer) -> tuple[dict, dict]:
        data = dict(serializer.validated_data)
        return data, {name: data.pop(name) for name in self.m2m_fields if name in data}

    def _relate(self, instance, m2m: dict) -> None:
        for name, values in m2m.items():
            record_set_related(instance=instance, field=name, values=values, by=self.request.user,
                               reason=_reason(self.request))

    @transaction.atomic
    def perform_create(self, serializer):
        data, m2m = self._split(serializer)
        instance = self.get_queryset().model(**data)
        record_save(instance=instance, by=self.request.user, reason=_reason(self.request))
        self._relate(instance, m2m)
        serializer.instance = instance

    @transaction.atomic
    def perform_update(self, serializer):
        data, m2m = self._split(serializer)
        instance = serializer.instance
        for name, value in data.items():
            setattr(instance, name, value)
        record_save(instance=instance, by=self.request.user, expected_version=self.expected,
                    reason=_reason(self.request))
        self._relate(instance, m2m)

    def perform_destroy(self, instance):
        record_delete(instance=instance, by=self.request.user, reason=_reason(self.request))

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        instance = self.get_queryset().model.objects.get(pk=response.data["id"])
        response["ETag"] = etag_of(instance)
        return response

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        if expected_version(request, instance) != instance.version:
            raise PreconditionFailed(f"“{instance}” changed since you read it: nothing was deleted.")
        return super().destroy(request, *args, **kwargs)


_WRITE_DOCS = {
    "create": extend_schema(parameters=[REASON_PARAMETER]),
    "update": extend_schema(parameters=[REASON_PARAMETER]),
    "partial_update": extend_schema(parameters=[REASON_PARAMETER]),
    "destroy": extend_schema(parameters=[REASON_PARAMETER],
                             responses={204: None, 409: s.RecordProtectedSerializer}),
}


class WithdrawMixin:
    """POST …/withdraw/ and …/reinstate/ with a reason (and If-Match): retire a row instead of
    deleting it. It stays in the record, the history and the exports, marked withdrawn."""

    def _withdrawal(self, request, service):
        instance = self.get_object()
        seen = expected_version(request, instance)
        payload = s.WithdrawalInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        service(instance=instance, by=request.user, reason=payload.validated_data["reason"],
                expected_version=seen)
        fresh = self.get_queryset().get(pk=instance.pk)
        response = Response(self.get_serializer(fresh).data)
        response["ETag"] = etag_of(fresh)
        return response

    @extend_schema(request=s.WithdrawalInputSerializer, summary="Withdraw (retire) instead of deleting")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._withdrawal(request, record_withdraw)

    @extend_schema(request=s.WithdrawalInputSerializer, summary="Undo a withdrawal")
    @action(detail=True, methods=["post"])
    def reinstate(self, request, pk=None):
        return self._withdrawal(request, record_reinstate)


# --------------------------------------------------------------------------- reference data


class ResolutionViewSet(viewsets.ReadOnlyModelViewSet):
    """UN Security Council resolutions and their operative paragraphs (curated reference data:
    changed through the seed files or the admin)."""

    permission_classes = [RolePermission]
    pagination_class = IdCursorPagination
    serializer_class = s.ResolutionSerializer
    queryset = Resolution.objects.prefetch_related("provisions__resolution")
    filter_backends = FILTER_BACKENDS
    filterset_fields = ["number", "chapter_vii"]
    ordering_fields = ["id", "number", "adopted_on"]


@extend_schema_view(**_WRITE_DOCS)
class ActorViewSet(WithdrawMixin, RecordViewSet):
    serializer_class = s.ActorSerializer
    queryset = Actor.objects.all()
    filterset_class = api_filterset(ActorFilterSet)
    ordering_fields = ["id", "name", "updated_at"]


@extend_schema_view(**_WRITE_DOCS)
class PlaceViewSet(RecordViewSet):
    serializer_class = s.PlaceSerializer
    queryset = Place.objects.all()
    filterset_fields = ["kind", "country"]
    ordering_fields = ["id", "name", "updated_at"]


@extend_schema_view(**_WRITE_DOCS)
class VesselViewSet(RecordViewSet):
    serializer_class = s.VesselSerializer
    queryset = Vessel.objects.prefetch_related("designations")
    filterset_class = api_filterset(VesselFilterSet)
    ordering_fields = ["id", "name", "updated_at"]


@extend_schema_view(**_WRITE_DOCS)
class SourceDocumentViewSet(WithdrawMixin, RecordViewSet):
    queryset = SourceDocument.objects.all()
    filterset_fields = ["kind", "outlet", "reliability", "credibility", "published_on"]
    ordering_fields = ["id", "published_on", "updated_at"]

    def get_serializer_class(self):
        return s.SourceDocumentSerializer if self.action == "list" else s.SourceDocumentDetailSerializer


@extend_schema_view(**_WRITE_DOCS)
class EvidenceViewSet(RecordViewSet):
    serializer_class = s.EvidenceItemSerializer
    queryset = EvidenceItem.objects.all()
    filterset_fields = ["kind", "provider", "place", "document"]
    ordering_fields = ["id", "captured_on", "updated_at"]


# --------------------------------------------------------------------------- transfers


def _transfers():
    legs = RouteLeg.objects.select_related("from_place", "to_place", "vessel").order_by("sequence")
    sources = TransferSource.objects.select_related("document").defer("document__text").order_by("id")
    return Transfer.objects.select_related("supplier", "recipient").prefetch_related(
        "items", Prefetch("legs", queryset=legs), Prefetch("source_links", queryset=sources))


@extend_schema_view(**_WRITE_DOCS)
class TransferViewSet(RecordViewSet):
    """Alleged transfers with their items and route legs. The route is replaced as a whole
    through PUT /route/."""

    serializer_class = s.TransferSerializer
    filterset_class = api_filterset(TransferFilterSet)
    ordering_fields = ["id", "period_start", "updated_at"]

    def get_queryset(self):
        return _transfers()

    export = export_action("transfers")
    export_legs = export_action("transfer_legs", name="export_legs")

    @extend_schema(summary="The routes of the filtered transfers as GeoJSON",
                   responses={(200, "application/geo+json"): OpenApiTypes.OBJECT})
    @action(detail=False, methods=["get"], url_path="routes.geojson", pagination_class=None)
    def geojson(self, request):
        return json_response(routes_geojson(self.filter_queryset(self.get_queryset())),
                             "routes.geojson", content_type="application/geo+json")

    @extend_schema(request=s.RouteInputSerializer, responses=s.TransferSerializer)
    @action(detail=True, methods=["put"], required_role=Role.ANALYST)
    def route(self, request, pk=None):
        transfer = self.get_object()
        seen = expected_version(request, transfer)
        if seen != transfer.version:
            raise PreconditionFailed(f"“{transfer}” changed since you read it: the route was not replaced.")
        payload = s.RouteInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        legs = [LegData(**leg) for leg in payload.validated_data["legs"]]
        # Checked again under the row's lock: of two clients holding the same ETag, one wins.
        transfer_set_route(transfer=transfer, legs=legs, by=request.user, expected_version=seen,
                           reason=payload.validated_data.get("reason") or _reason(request))
        fresh = _transfers().get(pk=transfer.pk)
        response = Response(s.TransferSerializer(fresh).data)
        response["ETag"] = etag_of(fresh)
        return response


# --------------------------------------------------------------------------- statements


@extend_schema_view(**_WRITE_DOCS)
class StatementViewSet(WithdrawMixin, RecordViewSet):
    serializer_class = s.StatementSerializer
    filterset_class = api_filterset(StatementFilterSet)
    ordering_fields = ["id", "stated_on", "updated_at"]
    m2m_fields = ("on_behalf_of",)

    export = export_action("statements")

    def get_queryset(self):
        sources = StatementSource.objects.select_related("document").defer("document__text")
        return Statement.objects.select_related("estimative_term").prefetch_related(
            "on_behalf_of", Prefetch("source_links", queryset=sources))


# --------------------------------------------------------------------------- allegations


def _allegation_prefetches() -> list[Prefetch]:
    sources = StatementSource.objects.select_related("document").defer("document__text")
    statement_links = AllegationStatement.objects.select_related("statement__estimative_term").prefetch_related(
        "statement__on_behalf_of", Prefetch("statement__source_links", queryset=sources))
    return [
        Prefetch("statement_links", queryset=statement_links),
        Prefetch("evidence_links", queryset=AllegationEvidence.objects.select_related("evidence")),
        Prefetch("provision_links", queryset=AllegationProvision.objects.select_related("provision__resolution")),
        Prefetch("transfers", queryset=_transfers()),
        Prefetch("transitions", queryset=StatusTransition.objects.select_related("proposed_by", "decided_by")
                 .order_by("at", "id")),
        Prefetch("status_requests", queryset=StatusChangeRequest.objects.select_related(
            "proposed_by", "decided_by").order_by("-proposed_at", "-id")),
    ]


@extend_schema_view(**_WRITE_DOCS)
class AllegationViewSet(RecordViewSet):
    """Allegations. `status` is never written here: propose a change with POST /transition/
    (analysts; reviewers apply it at once where four eyes are not needed) and decide a
    pending one with POST /decide/ (reviewers; the proposer cannot approve a four-eyes change)."""

    filterset_class = api_filterset(AllegationFilterSet)
    ordering_fields = ["id", "title", "updated_at"]
    m2m_fields = ("transfers",)

    export = export_action("allegations")

    @extend_schema(summary="The filtered allegations as a STIX 2.1 bundle (valid by the OASIS validator)",
                   responses={(200, "application/stix+json"): OpenApiTypes.OBJECT})
    @action(detail=False, methods=["get"], url_path="stix", pagination_class=None)
    def stix(self, request):
        # Streamed: the whole record's bundle would not fit in memory as one object.
        response = StreamingHttpResponse(stix_bundle_json(self.filter_queryset(Allegation.objects.all())),
                                         content_type="application/stix+json;version=2.1")
        response["Content-Disposition"] = 'attachment; filename="allegations.stix.json"'
        return response

    @extend_schema(summary="The filtered allegations and what they involve as FollowTheMoney entities "
                           "(line-delimited JSON)",
                   responses={(200, "application/x-ndjson"): OpenApiTypes.STR})
    @action(detail=False, methods=["get"], url_path="ftm", pagination_class=None)
    def ftm(self, request):
        response = StreamingHttpResponse(ftm_ndjson(self.filter_queryset(Allegation.objects.all())),
                                         content_type="application/x-ndjson")
        response["Content-Disposition"] = 'attachment; filename="allegations.ftm.ndjson"'
        return response

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.AllegationDetailSerializer
        return s.AllegationSerializer

    def get_queryset(self):
        pending = StatusChangeRequest.objects.filter(allegation=OuterRef("pk"), state=RequestState.PENDING)
        queryset = Allegation.objects.annotate(pending=Exists(pending))
        if self.action == "retrieve":
            return queryset.prefetch_related(*_allegation_prefetches())
        return queryset.prefetch_related(Prefetch("transfers", queryset=Transfer.objects.only("id")))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve":
            allegation = self.get_object()
            context["suggestion"] = allegation_suggested_status(
                allegation=allegation, links=list(allegation.statement_links.all()),
                transfers=list(allegation.transfers.all()), evidence_links=list(allegation.evidence_links.all()),
            )
        return context

    @transaction.atomic
    def perform_create(self, serializer):
        data, m2m = self._split(serializer)
        initial = data.pop("initial_status", None) or "reported"
        rationale = data.pop("rationale", "") or _reason(self.request)
        instance = Allegation(**data)
        allegation_create(allegation=instance, by=self.request.user, initial_status=initial, rationale=rationale)
        self._relate(instance, m2m)
        serializer.instance = instance

    @transaction.atomic
    def perform_update(self, serializer):
        serializer.validated_data.pop("initial_status", None)
        serializer.validated_data.pop("rationale", None)
        super().perform_update(serializer)

    @extend_schema(request=s.TransitionInputSerializer, responses={201: s.StatusChangeRequestSerializer,
                                                                   200: s.StatusChangeRequestSerializer})
    @action(detail=True, methods=["post"], required_role=Role.ANALYST)
    def transition(self, request, pk=None):
        """Propose a change of status (applied at once when a reviewer may decide it alone)."""
        allegation = self.get_object()
        payload = s.TransitionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        version = data.get("expected_version")
        if version is None:
            version = expected_version(request, allegation)
        outcome = allegation_transition(
            allegation=allegation, to_status=data["to_status"], by=request.user, rationale=data["rationale"],
            expected_version=version, statements=data.get("statements", []),
            documents=data.get("documents", []), evidence=data.get("evidence", []),
        )
        if outcome is None:
            return Response({"detail": f"The allegation is already {data['to_status']}: nothing changed."},
                            status=status.HTTP_200_OK)
        return Response(s.StatusChangeRequestSerializer(outcome).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.DecisionInputSerializer, responses=s.StatusChangeRequestSerializer)
    @action(detail=True, methods=["post"], required_role=Role.REVIEWER)
    def decide(self, request, pk=None):
        """Approve or reject a pending change (a note is required to reject)."""
        allegation = self.get_object()
        payload = s.DecisionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        pending = StatusChangeRequest.objects.filter(pk=data["request"], allegation=allegation).first()
        if pending is None:
            return Response({"request": [f"No status change request #{data['request']} on this allegation."]},
                            status=status.HTTP_400_BAD_REQUEST)
        allegation_transition_decide(request=pending, by=request.user, approve=data["approve"],
                                     note=data.get("note", ""))
        pending.refresh_from_db()
        return Response(s.StatusChangeRequestSerializer(pending).data)

