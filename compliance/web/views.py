"""Staff pages of the record: dashboard, lists, the allegation dossier and its decisions."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from compliance.choices import EvidentiaryStatus, RequestState, Role
from compliance.exports.columns import (
    ACTOR_COLUMNS,
    ALLEGATION_COLUMNS,
    STATEMENT_COLUMNS,
    TRANSFER_COLUMNS,
    VESSEL_COLUMNS,
)
from compliance.filters import (
    ActorFilterSet,
    AllegationFilterSet,
    StatementFilterSet,
    TransferFilterSet,
    VesselFilterSet,
)
from compliance.forms import StatusChangeForm
from compliance.models import (
    Actor,
    Allegation,
    AllegationStatement,
    RouteLeg,
    Statement,
    StatementSource,
    TransferSource,
    StatusChangeRequest,
    StatusTransition,
    Transfer,
    Vessel,
)
from compliance.roles import has_role
from compliance.selectors.dossier import MATRIX_COLUMNS, allegation_dossier
from compliance.stances import STANCES
from compliance.services.visits import dossier_visit_record
from compliance.workflow import transitions_from

from .charts import dossier_timeline, transfer_route_map
from .mixins import FilteredListView, RoleRequiredMixin
from .status import status_decide, status_propose

S = EvidentiaryStatus


def _count(model, field: str, **filters):
    """A correlated count, evaluated only for the rows of the page shown."""
    rows = model.objects.filter(**{field: OuterRef("pk")}, **filters).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()), 0)


# --------------------------------------------------------------------------- dashboard


class DashboardView(RoleRequiredMixin, TemplateView):
    template_name = "web/dashboard.html"

    def get_context_data(self, **kwargs):
        from ingestion.selectors import ingestion_overview

        context = super().get_context_data(**kwargs)
        counts = dict(Allegation.objects.order_by().values_list("status").annotate(n=Count("pk")))
        pending = list(
            StatusChangeRequest.objects.filter(state=RequestState.PENDING)
            .select_related("allegation", "proposed_by").order_by("proposed_at", "id")[:20]
        )
        for item in pending:
            item.proposed_by_me = item.proposed_by_id == self.request.user.pk
        context.update(
            status_counts=[(status, counts.get(status.value, 0)) for status in S],
            total_allegations=sum(counts.values()),
            pending_requests=pending,
            pending_total=StatusChangeRequest.objects.filter(state=RequestState.PENDING).count(),
            recent_transitions=StatusTransition.objects.select_related("allegation", "proposed_by", "decided_by")
            .order_by("-at", "-id")[:10],
            ingestion=ingestion_overview(),
        )
        return context


# --------------------------------------------------------------------------- lists


class AllegationListView(FilteredListView):
    model = Allegation
    filterset_class = AllegationFilterSet
    template_name = "web/allegation_list.html"
    export_url_name = "allegation-export"
    export_columns = ALLEGATION_COLUMNS
    export_filename = "allegations.csv"
    export_kind = "allegations"

    def base_queryset(self):
        pending = StatusChangeRequest.objects.filter(allegation=OuterRef("pk"), state=RequestState.PENDING)
        return Allegation.objects.select_related("assigned_reviewer").annotate(
            pending=Exists(pending),
            n_statements=_count(AllegationStatement, "allegation"),
            n_transfers=_count(Allegation.transfers.through, "allegation"),
        ).order_by("title")


class TransferListView(FilteredListView):
    model = Transfer
    filterset_class = TransferFilterSet
    template_name = "web/transfer_list.html"
    export_url_name = "transfer-export"
    export_columns = TRANSFER_COLUMNS
    export_filename = "transfers.csv"
    export_kind = "transfers"

    def base_queryset(self):
        legs = RouteLeg.objects.select_related("from_place", "to_place").order_by("sequence")
        return (
            Transfer.objects.select_related("supplier", "recipient")
            .prefetch_related("items", Prefetch("legs", queryset=legs))
            .order_by("-period_start", "title", "id")
        )


class StatementListView(FilteredListView):
    model = Statement
    filterset_class = StatementFilterSet
    template_name = "web/statement_list.html"
    export_url_name = "statement-export"
    export_columns = STATEMENT_COLUMNS
    export_filename = "statements.csv"
    export_kind = "statements"

    def base_queryset(self):
        return (
            Statement.objects.select_related("speaker", "estimative_term")
            .prefetch_related("on_behalf_of")
            .annotate(n_sources=_count(StatementSource, "statement"))
            .order_by("-stated_on", "-id")
        )


class ActorListView(FilteredListView):
    model = Actor
    filterset_class = ActorFilterSet
    template_name = "web/actor_list.html"
    export_url_name = "actor-export"
    export_columns = ACTOR_COLUMNS
    export_filename = "actors.csv"

    def base_queryset(self):
        return Actor.objects.select_related("parent").order_by("name", "id")


class VesselListView(FilteredListView):
    model = Vessel
    filterset_class = VesselFilterSet
    template_name = "web/vessel_list.html"
    export_url_name = "vessel-export"
    export_columns = VESSEL_COLUMNS
    export_filename = "vessels.csv"

    def base_queryset(self):
        return Vessel.objects.prefetch_related("designations").order_by("name", "id")


# --------------------------------------------------------------------------- transfer


class TransferDetailView(RoleRequiredMixin, DetailView):
    template_name = "web/transfer_detail.html"
    context_object_name = "transfer"

    def get_queryset(self):
        legs = RouteLeg.objects.select_related("from_place", "to_place", "vessel").order_by("sequence")
        sources = TransferSource.objects.select_related("document").defer("document__text").order_by("id")
        return Transfer.objects.select_related("supplier", "recipient").prefetch_related(
            "items", Prefetch("legs", queryset=legs), "allegations", Prefetch("source_links", queryset=sources)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["route_map"] = transfer_route_map(self.object)
        return context


# --------------------------------------------------------------------------- dossier


class AllegationDetailView(RoleRequiredMixin, DetailView):
    """The dossier, and the door through which its status changes (POST)."""

    template_name = "web/allegation_detail.html"
    context_object_name = "allegation"
    queryset = Allegation.objects.select_related("assigned_reviewer", "created_by")

    since = None

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.since = dossier_visit_record(user=request.user, allegation=self.object)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        allegation = self.object
        dossier = allegation_dossier(allegation=allegation)
        context.update(since=self.since, new_counts=dossier.mark_new_since(self.since))
        user = self.request.user
        for item in dossier.requests:
            item.proposed_by_me = item.proposed_by_id == user.pk
            item.blocked_by_four_eyes = item.proposed_by_me and item.needs_four_eyes
        context.update(
            dossier=dossier,
            matrix_columns=MATRIX_COLUMNS,
            stance_rules=list(STANCES.values()),
            status_label=S.short_label(allegation.status),
            suggestion_label=S.short_label(dossier.suggestion.status),
            transitions=transitions_from(allegation.status),
            form=form or (StatusChangeForm(allegation) if has_role(user, Role.ANALYST) else None),
            timeline=dossier_timeline(dossier),
            route_maps=[(t, transfer_route_map(t)) for t in dossier.transfers],
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = allegation = self.get_object()
        url = reverse("allegation-detail", args=[allegation.pk])
        action = request.POST.get("action")
        if action == "propose":
            form = StatusChangeForm(allegation, request.POST)
            if form.is_valid() and status_propose(request, allegation, form):
                return HttpResponseRedirect(url + "#status")
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if action in {"approve", "reject", "withdraw"}:
            status_decide(request, allegation, action)
            return HttpResponseRedirect(url + "#status")
        messages.error(request, "Unknown action: nothing was changed.")
        return HttpResponseRedirect(url)
