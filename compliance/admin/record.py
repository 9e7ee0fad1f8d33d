"""The record: source documents, statements, evidence items and transfers."""

from collections import defaultdict

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Count, Prefetch

from compliance.choices import DatePrecision
from compliance.models import (
    EvidenceItem,
    RouteLeg,
    SourceDocument,
    Statement,
    StatementSource,
    TransferSource,
    Transfer,
    TransferItem,
)
from compliance.selectors.allegations import allegation_statement_links, allegation_suggested_status
from compliance.services.transfers import LegData, transfer_set_route

from .base import (
    ServiceInlineForm,
    ServiceModelAdmin,
    TabularInline,
    WithdrawableAdmin,
    order_key,
    refused_as,
    status_label,
)
from .reference import READONLY_RECORD_FIELDS, RECORD


@admin.register(SourceDocument)
class SourceDocumentAdmin(WithdrawableAdmin, ServiceModelAdmin):
    list_display = ["title", "kind", "outlet", "published_on", "grade_column", "url"]
    list_filter = ["kind", "reliability", "credibility", "published_on_inferred"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "ref", "outlet__name"]
    autocomplete_fields = ["outlet"]
    date_hierarchy = "published_on"
    readonly_fields = READONLY_RECORD_FIELDS
    fieldsets = [
        (None, {"fields": ["title", "kind", "outlet", "url", "published_on", "published_on_inferred"]}),
        ("Grading (NATO Admiralty code)", {"fields": ["reliability", "credibility", "grading_note"]}),
        ("Text", {"classes": ["collapse"], "fields": ["text"]}),
        RECORD,
    ]

    @admin.display(description="Grade", ordering="reliability")
    def grade_column(self, obj):
        return obj.grade


class _SourceInline(TabularInline):
    """Where a row is reported: the document and the excerpt that carries it."""

    fields = ["document", "excerpt"]
    autocomplete_fields = ["document"]
    verbose_name = "source"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "excerpt":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 60})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class TransferSourceInline(_SourceInline):
    model = TransferSource
    verbose_name_plural = "sources (where the transfer is reported)"


class StatementSourceInline(_SourceInline):
    model = StatementSource
    verbose_name_plural = "sources (where the statement is reported)"


@admin.register(Statement)
class StatementAdmin(WithdrawableAdmin, ServiceModelAdmin):
    list_display = [
        "short_gist", "speaker", "originators", "stance", "reporting_verb", "estimative", "stated_on", "source_count",
    ]
    list_display_links = ["short_gist"]
    list_filter = ["stance", "stated_on_precision", ("on_behalf_of", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["speaker", "estimative_term"]
    search_fields = ["gist", "quote", "reporting_verb", "speaker__name", "on_behalf_of__name", "venue", "ref"]
    autocomplete_fields = ["speaker", "on_behalf_of", "estimative_term"]
    date_hierarchy = "stated_on"
    readonly_fields = READONLY_RECORD_FIELDS
    inlines = [StatementSourceInline]

    def declared_fieldsets(self, request, obj=None):
        # A method, not the `fieldsets` attribute: Django's admin check refuses a many-to-many
        # with its own table there (admin.E013), though ServiceModelAdmin edits this one
        # (originators are protected links, saved by record_set_related).
        return [
            (None, {"fields": ["speaker", "speaker_title", "on_behalf_of", "stated_on",
                               "stated_on_precision", "venue"]}),
            ("What was said", {"fields": ["stance", "reporting_verb", "gist", "quote", "estimative_phrase", "estimative_term"]}),
            RECORD,
        ]

    def get_queryset(self, request):
        # __str__ reads the speaker (also in autocomplete results); the list shows the
        # originators and counts the sources without a query per row.
        return (
            super().get_queryset(request)
            .select_related("speaker")
            .prefetch_related("on_behalf_of")
            .annotate(_sources=Count("source_links", distinct=True))
        )

    @admin.display(description="Statement", ordering="gist")
    def short_gist(self, obj):
        return obj.gist[:100]

    @admin.display(description="Estimative term", ordering="estimative_term__low_percent")
    def estimative(self, obj):
        term = obj.estimative_term
        if term is not None:
            return f"{term.term} ({term.low_percent}–{term.high_percent}%)"
        return obj.estimative_phrase or "—"

    @admin.display(description="On behalf of")
    def originators(self, obj):
        return ", ".join(a.name for a in obj.on_behalf_of.all()) or "—"

    @admin.display(description="Sources", ordering="_sources")
    def source_count(self, obj):
        return obj._sources


@admin.register(EvidenceItem)
class EvidenceItemAdmin(ServiceModelAdmin):
    list_display = ["short_description", "kind", "provider", "captured_on", "place", "document"]
    list_filter = ["kind"]
    list_select_related = ["provider", "place", "document"]
    search_fields = ["description", "url", "ref", "provider__name"]
    autocomplete_fields = ["provider", "document", "place"]
    date_hierarchy = "captured_on"
    readonly_fields = READONLY_RECORD_FIELDS
    fieldsets = [
        (None, {"fields": ["kind", "description", "provider", "captured_on", "url", "document", "place"]}),
        RECORD,
    ]

    @admin.display(description="Description", ordering="description")
    def short_description(self, obj):
        return obj.description[:100]


class TransferItemInline(TabularInline):
    model = TransferItem
    fields = ["category", "description", "quantity_min", "quantity_max", "unit", "quantity_text"]
    verbose_name = "item"


class RouteLegForm(ServiceInlineForm):
    position = forms.IntegerField(
        label="Order",
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"style": "width: 4em"}),
        help_text="Position of the leg on the route; rows without one follow in page order.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["position"].initial = self.instance.sequence


class RouteLegInline(TabularInline):
    """The route is replaced as a whole through ``transfer_set_route``, which checks that
    each leg starts where the previous one ended and numbers the legs 1..n."""

    model = RouteLeg
    form = RouteLegForm
    ordering = ["sequence"]
    autocomplete_fields = ["from_place", "to_place", "vessel"]
    verbose_name = "route leg"
    verbose_name_plural = "route (legs in order; each leg starts where the previous one ended)"
    # transfer_set_route audits the route on the transfer itself.
    in_parent_audit_trail = False

    leg_fields = ["from_place", "to_place", "mode", "vessel", "departed_on", "arrived_on", "note"]

    def get_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return ["position", *self.leg_fields]
        return ["sequence", *self.leg_fields]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("from_place", "to_place", "vessel")

    def save_through_services(self, request, parent, formset, reason):
        # Read by the admin's LogEntry change message.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if not formset.has_changed():
            return
        rows = []
        for index, form in enumerate(formset.forms):
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            leg = LegData(
                from_place=data["from_place"],
                to_place=data["to_place"],
                mode=data["mode"],
                vessel=data.get("vessel"),
                departed_on=data.get("departed_on"),
                arrived_on=data.get("arrived_on"),
                note=data.get("note", ""),
            )
            rows.append((order_key(data.get("position"), index), leg))
        rows.sort(key=lambda row: row[0])
        before = set(parent.legs.values_list("pk", flat=True)) if parent.pk else set()
        with refused_as(self.model):
            legs = transfer_set_route(
                transfer=parent, legs=[leg for _, leg in rows], by=request.user, reason=reason
            )
        if {leg.pk for leg in legs} != before:
            formset.new_objects = legs


@admin.register(Transfer)
class TransferAdmin(ServiceModelAdmin):
    list_display = ["title", "supplier", "recipient", "period", "status_claimed", "route_summary"]
    list_filter = ["status_claimed", ("supplier", admin.RelatedOnlyFieldListFilter),
                   ("recipient", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["supplier", "recipient"]
    search_fields = ["title", "description", "ref", "supplier__name", "recipient__name"]
    autocomplete_fields = ["supplier", "recipient"]
    readonly_fields = READONLY_RECORD_FIELDS
    fieldsets = [
        (None, {"fields": ["title", "supplier", "recipient", "status_claimed", "description"]}),
        ("Period", {"fields": [("period_start", "period_start_precision"),
                               ("period_end", "period_end_precision")]}),
        RECORD,
    ]
    inlines = [TransferItemInline, RouteLegInline, TransferSourceInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        transfer = self.get_object(request, unquote(object_id))
        if transfer is not None and request.method == "GET":
            allegations = list(transfer.allegations.order_by("title"))
            links = defaultdict(list)
            for link in allegation_statement_links(allegations=allegations):
                links[link.allegation_id].append(link)
            items = []
            for allegation in allegations:
                suggestion = allegation_suggested_status(allegation=allegation)
                items.append({
                    "allegation": allegation,
                    "status_label": status_label(allegation.status),
                    "suggestion": suggestion,
                    "suggestion_label": status_label(suggestion.status),
                    "links": links[allegation.pk],
                })
            extra_context = {**(extra_context or {}), "allegations": items}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(
            Prefetch(
                "legs",
                queryset=RouteLeg.objects.select_related("from_place", "to_place").order_by("sequence"),
            )
        )

    @admin.display(description="Period", ordering="period_start")
    def period(self, obj):
        if obj.period_start is None and obj.period_end is None:
            return "—"
        start = DatePrecision.format(obj.period_start, obj.period_start_precision)
        end = DatePrecision.format(obj.period_end, obj.period_end_precision)
        return start if start == end else f"{start} – {end}"

    @admin.display(description="Route")
    def route_summary(self, obj):
        legs = list(obj.legs.all())
        if not legs:
            return "—"
        stops = [legs[0].from_place.name] + [leg.to_place.name for leg in legs]
        return " → ".join(stops)
