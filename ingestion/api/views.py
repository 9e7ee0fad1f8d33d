"""Ingestion's endpoints: submit an article (202 with the task and a status URL), read the
articles and their proposals, accept or reject a proposal."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from compliance.api.base import FILTER_BACKENDS, IdCursorPagination, RolePermission, api_filterset
from compliance.choices import Role
from compliance.errors import DomainError
from ingestion.choices import ProposalState, SubmissionOrigin
from ingestion.fetchers import FetchError
from ingestion.fetchers.files import check_size, read_upload
from ingestion.filters import ArticleFilterSet, ProposalFilterSet
from ingestion.models import Article, Proposal, Submission
from ingestion.decisions import DecisionInvalid, decision_data
from ingestion.services.proposals import proposal_accept, proposal_reject, proposal_undo
from ingestion.services.submissions import (
    IdempotencyKeyReused,
    submission_submit,
    submission_task_id,
    url_check,
)
from ingestion.selectors import article_entity_list, named_entities
from ingestion.suggestions import proposal_suggestions


class ArticleSerializer(serializers.ModelSerializer):
    pending_proposals = serializers.IntegerField(read_only=True, source="n_pending", default=0)

    class Meta:
        model = Article
        fields = ["id", "url", "title", "published_on", "published_on_inferred", "language", "cluster",
                  "near_duplicate_of", "similarity", "source_document", "extraction_state", "extractor_version",
                  "pending_proposals", "created_at", "updated_at"]


class NamedEntitySerializer(serializers.Serializer):
    """A known record named in the article's current revision: which one, how it was written
    there, how often, and where first (an offset in `text`)."""

    category = serializers.CharField()
    record = serializers.SerializerMethodField(help_text="The record's kind, id and name in the reference data.")
    written = serializers.ListField(child=serializers.CharField())
    count = serializers.IntegerField()
    first = serializers.IntegerField(help_text="Offset of the first mention in `text`.")

    def get_record(self, named) -> dict:
        target = named.target
        return {"kind": target._meta.model_name, "id": target.pk, "name": str(target)}


class ArticleDetailSerializer(ArticleSerializer):
    text = serializers.CharField(source="current_revision.text", default="", read_only=True)
    revision = serializers.IntegerField(source="current_revision.number",
        default=None, allow_null=True, read_only=True)
    entities = serializers.SerializerMethodField(help_text=(
        "Known actors, places, vessels and resolutions named in the current revision, linked without "
        "review (ArticleEntity), grouped by record in order of first mention."))

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "revision", "text", "entities"]

    @extend_schema_field(NamedEntitySerializer(many=True))
    def get_entities(self, article) -> list[dict]:
        if article.current_revision_id is None:
            return []
        rows = article_entity_list(revision_ids=[article.current_revision_id])
        return NamedEntitySerializer(named_entities(rows), many=True).data


class ProposalSerializer(serializers.ModelSerializer):
    decision = serializers.JSONField(read_only=True, help_text=(
        "Once accepted: what was done (effect), the action (same_as / new), the candidates it was chosen "
        "among and what it added; earlier decisions undone under history."))

    class Meta:
        model = Proposal
        fields = ["id", "article", "revision", "kind", "state", "summary", "payload", "start", "end", "excerpt",
                  "extractor_version", "suggested_allegation", "matching_statement", "matching_transfer",
                  "decided_by", "decided_at", "decision_note", "decision", "earlier", "statement", "transfer",
                  "actor", "place", "created_at"]


class CandidateSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField()
    label = serializers.CharField()
    score = serializers.IntegerField()
    strong = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())


class ProposalDetailSerializer(ProposalSerializer):
    """One proposal with, while pending, the rows it may repeat (with why), the suggested
    decision (the fields /accept/ reads) and what accepting it will do."""

    candidates = serializers.SerializerMethodField()
    suggested_decision = serializers.SerializerMethodField()
    effect = serializers.SerializerMethodField(help_text="What accepting as suggested will do.")
    problem = serializers.SerializerMethodField(help_text="Why it cannot be accepted as suggested, if so.")

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "candidates", "suggested_decision", "effect", "problem"]

    def _suggestion(self, obj):
        return self.context.get("suggestion")

    @extend_schema_field(CandidateSerializer(many=True))
    def get_candidates(self, obj) -> list[dict]:
        suggestion = self._suggestion(obj)
        return [c.as_dict() for c in suggestion.candidates] if suggestion else []

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_suggested_decision(self, obj) -> dict | None:
        suggestion = self._suggestion(obj)
        return decision_data(suggestion.decision) if suggestion else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_effect(self, obj) -> str | None:
        suggestion = self._suggestion(obj)
        return suggestion.effect if suggestion else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_problem(self, obj) -> str | None:
        suggestion = self._suggestion(obj)
        return (suggestion.problem or None) if suggestion else None


class AcceptSerializer(serializers.Serializer):
    decision = serializers.JSONField(required=False, help_text=(
        "The decision's fields, over the suggested decision (see the proposal's suggested_decision); left out: "
        "accept as suggested. Statements: action (same_as | new), same_as, on_behalf_of [ids], speaker, "
        "speaker_title, stance, reporting_verb, estimative_term, estimative_phrase, stated_on, date_precision, "
        "gist, quote, excerpt, allegation, new_allegation_title, bearing. Transfers: action, same_as, supplier, "
        "recipient, title, status_claimed, period_start, period_start_precision, period_end, period_end_precision, "
        "items [{description, category, quantity_min, quantity_max, unit, quantity_text} or a description], "
        "legs [{from_place, to_place, mode, vessel} in order, new transfers], excerpt, add_route, allegation, "
        "new_allegation_title. "
        "New actor: name, kind, country, description. New place: name, kind, country, latitude, longitude, "
        "note. New vessel: name, imo_number, note."))
    edits = serializers.JSONField(required=False, help_text="Deprecated name of `decision`.")
    note = serializers.CharField(required=False, allow_blank=True)

    def validate(self, data):
        if "decision" in data and "edits" in data:
            raise serializers.ValidationError({"edits": ["Give the decision once, as `decision`."]})
        for name in ("decision", "edits"):
            if name in data and data[name] is not None and not isinstance(data[name], dict):
                raise serializers.ValidationError({name: ["Expected an object of the decision's fields."]})
        return data


class UndoSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the merge is undone (required).")


class RejectSerializer(serializers.Serializer):
    note = serializers.CharField(help_text="Why it is rejected (required).")


class SubmissionSerializer(serializers.ModelSerializer):
    status_url = serializers.SerializerMethodField()
    task_id = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = ["id", "origin", "locator", "state", "outcome", "error", "note", "attempts", "article",
                  "created_at", "queued_at", "finished_at", "task_id", "status_url"]

    def get_status_url(self, obj) -> str:
        path = reverse("api:submission-detail", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_task_id(self, obj) -> str:
        return submission_task_id(obj)


class SubmitSerializer(serializers.Serializer):
    url = serializers.CharField(required=False, max_length=1000, help_text="An http(s) URL to fetch.")
    file = serializers.FileField(required=False, help_text="A .txt, .html, .md or .pdf file (multipart).")
    text = serializers.CharField(required=False, trim_whitespace=True, help_text="Pasted article text.")
    title = serializers.CharField(required=False, max_length=500, allow_blank=True)

    def validate(self, data):
        given = [name for name in ("url", "file", "text") if data.get(name)]
        if len(given) != 1:
            raise serializers.ValidationError("Give exactly one of: url, file or text.")
        cap = settings.INGESTION_MAX_BYTES
        try:
            if data.get("url"):
                data["url"] = url_check(data["url"])
            elif data.get("file"):
                upload = data["file"]
                check_size(upload.size, name=upload.name, max_bytes=cap)
                data["fetched"] = read_upload(upload.name, upload.read(), max_bytes=cap)
            else:
                title = (data.get("title") or "").strip()
                body = f"{title}\n\n{data['text']}" if title else data["text"]
                data["fetched"] = read_upload("pasted.txt", body.encode("utf-8"), max_bytes=cap)
        except FetchError as exc:
            raise serializers.ValidationError({given[0]: exc.message}) from exc
        except DomainError as exc:
            raise serializers.ValidationError({given[0]: exc.message}) from exc
        return data


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [RolePermission]
    pagination_class = IdCursorPagination
    filter_backends = FILTER_BACKENDS
    filterset_class = api_filterset(ArticleFilterSet)
    ordering_fields = ["id", "published_on", "created_at"]

    def get_queryset(self):
        queryset = Article.objects.annotate(
            n_pending=Count("proposals", filter=Q(proposals__state=ProposalState.PENDING)))
        if self.action == "retrieve":
            queryset = queryset.select_related("current_revision")
        return queryset

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer


class _ProposalFilterSet(api_filterset(ProposalFilterSet)):
    def __init__(self, data=None, *args, **kwargs):
        # The API lists what it is asked for: no default to pending statements as the page has.
        super(ProposalFilterSet, self).__init__(data, *args, **kwargs)


class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [RolePermission]
    pagination_class = IdCursorPagination
    filter_backends = FILTER_BACKENDS
    filterset_class = _ProposalFilterSet
    serializer_class = ProposalSerializer
    queryset = Proposal.objects.all()
    ordering_fields = ["id", "created_at"]
    required_role = None

    def get_serializer_class(self):
        return ProposalDetailSerializer if self.action == "retrieve" else ProposalSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and self.kwargs.get("pk"):
            proposal = self.get_object()
            if proposal.state == ProposalState.PENDING:
                context["suggestion"] = proposal_suggestions(proposals=[proposal])[proposal.pk]
        return context

    @extend_schema(request=AcceptSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"], required_role=Role.ANALYST)
    def accept(self, request, pk=None):
        proposal = self.get_object()
        payload = AcceptSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        name = "edits" if "edits" in data else "decision"
        try:
            accepted = proposal_accept(proposal=proposal, by=request.user, edits=data.get(name) or None,
                                       note=data.get("note", ""))
        except DecisionInvalid as exc:
            raise serializers.ValidationError({name: exc.errors}) from exc
        return Response(ProposalSerializer(accepted).data)

    @extend_schema(request=UndoSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"], required_role=Role.REVIEWER)
    def undo(self, request, pk=None):
        """Undo a merge (an accepted "same as #N"): the added source, links and details are
        taken back, audited with the reason, and the proposal is pending again."""
        proposal = self.get_object()
        payload = UndoSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        undone = proposal_undo(proposal=proposal, by=request.user, reason=payload.validated_data["reason"])
        return Response(ProposalSerializer(undone).data)

    @extend_schema(request=RejectSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"], required_role=Role.ANALYST)
    def reject(self, request, pk=None):
        proposal = self.get_object()
        payload = RejectSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        rejected = proposal_reject(proposal=proposal, by=request.user, note=payload.validated_data["note"])
        return Response(ProposalSerializer(rejected).data)


class SubmissionWaitingSerializer(serializers.Serializer):
    detail = serializers.CharField()
    id = serializers.IntegerField()
    state = serializers.CharField()
    status_url = serializers.CharField()


class SubmissionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Submit an article to ingest: 202 Accepted with the submission, its task id and the URL
    to follow it at. Its `state` goes queued → processing → stored (extraction pending) →
    ingested, or ends duplicate or failed. A retry with the same `Idempotency-Key` header (or
    the same text, file or URL while the first is unfinished) answers 200 with the first
    submission. When the queue's broker cannot be reached the submission is still stored:
    503 with its id, `status_url` and `Retry-After`; it is queued once the broker is back,
    without a new request."""

    permission_classes = [RolePermission]
    pagination_class = IdCursorPagination
    filter_backends = FILTER_BACKENDS
    filterset_fields = ["state", "origin", "outcome"]
    ordering_fields = ["id", "created_at"]
    serializer_class = SubmissionSerializer
    queryset = Submission.objects.defer("content")
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @transaction.non_atomic_requests
    def dispatch(self, request, *args, **kwargs):
        # Not one transaction per request: the submission commits in its service, and the
        # hand-over to the broker (on commit) happens before the answer, which reports it.
        return super().dispatch(request, *args, **kwargs)

    def handle_exception(self, exc):
        # DRF marks the request's transaction for rollback on an error; give it a block of its
        # own to mark, as an atomic request would have, rather than an enclosing one.
        with transaction.atomic():
            return super().handle_exception(exc)

    @extend_schema(
        request=SubmitSerializer,
        parameters=[OpenApiParameter(
            "Idempotency-Key", str, OpenApiParameter.HEADER, required=False,
            description="Any unique string (≤ 200 characters) per document: a retry with the same key "
                        "returns the first submission (200) instead of creating a second.")],
        responses={202: SubmissionSerializer, 200: SubmissionSerializer, 503: SubmissionWaitingSerializer},
    )
    def create(self, request, *args, **kwargs):
        payload = SubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        key = request.headers.get("Idempotency-Key", "")
        if data.get("url"):
            submit = {"origin": SubmissionOrigin.URL, "locator": data["url"]}
        else:
            fetched = data["fetched"]
            submit = {
                "origin": SubmissionOrigin.UPLOAD if data.get("file") else SubmissionOrigin.PASTE,
                "locator": data["file"].name if data.get("file") else (data.get("title") or "Pasted text"),
                "content": fetched.content,
                "content_type": fetched.content_type,
            }
        try:
            submitted = submission_submit(by=request.user, idempotency_key=key, **submit)
        except IdempotencyKeyReused as exc:
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        submission = self.get_queryset().get(pk=submitted.submission.pk)  # as it is now (eager runs)
        body = SubmissionSerializer(submission, context={"request": request}).data
        headers = {"Location": body["status_url"]}
        if submission.is_waiting_for_broker:
            return Response({
                "detail": "The submission is stored, but the task queue cannot be reached. It is queued "
                          "automatically once the queue is back; you need not send it again (a retry with "
                          "the same Idempotency-Key returns this submission).",
                "id": submission.pk,
                "state": submission.state,
                "status_url": body["status_url"],
            }, status=status.HTTP_503_SERVICE_UNAVAILABLE,
                headers={**headers, "Retry-After": str(settings.INGESTION_RETRY_AFTER)})
        if not submitted.created:
            headers["Idempotent-Replayed"] = "true"
        return Response(body, status=status.HTTP_202_ACCEPTED if submitted.created else status.HTTP_200_OK,
                        headers=headers)
