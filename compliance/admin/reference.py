"""Reference data: resolutions and their provisions, actors, places, vessels and the
estimative-language scales."""

from django.contrib import admin
from django.db.models import Count

from compliance.models import (
    Actor,
    ActorRole,
    EstimativeTerm,
    Place,
    Provision,
    Resolution,
    Vessel,
    VesselDesignation,
)

from .base import ServiceModelAdmin, TabularInline, WithdrawableAdmin

RECORD_FIELDS = ("ref", "created_at", "updated_at", "version")
READONLY_RECORD_FIELDS = ("created_at", "updated_at", "version")
SOURCING = ("Sourcing", {"fields": ["source", "verification"]})
RECORD = ("Record", {"classes": ["collapse"], "fields": list(RECORD_FIELDS)})


def names(values) -> str:
    return ", ".join(values or []) or "—"


class ProvisionInline(TabularInline):
    model = Provision
    fields = ["paragraph", "category", "obligation", "ref", "source", "verification"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("resolution")


@admin.register(Resolution)
class ResolutionAdmin(ServiceModelAdmin):
    list_display = ["__str__", "adopted_on", "vote", "chapter_vii", "title", "provision_count"]
    list_filter = ["chapter_vii", "verification"]
    search_fields = ["number", "title", "summary", "ref"]
    date_hierarchy = "adopted_on"
    readonly_fields = READONLY_RECORD_FIELDS
    fieldsets = [
        (None, {"fields": ["number", "adopted_on", "vote", "chapter_vii", "title", "summary", "url"]}),
        SOURCING,
        RECORD,
    ]
    inlines = [ProvisionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_provisions=Count("provisions"))

    @admin.display(description="Provisions", ordering="_provisions")
    def provision_count(self, obj):
        return obj._provisions


@admin.register(Provision)
class ProvisionAdmin(ServiceModelAdmin):
    list_display = ["__str__", "resolution", "paragraph", "category", "short_obligation"]
    list_filter = ["category", "resolution"]
    list_select_related = ["resolution"]
    search_fields = ["resolution__number", "paragraph", "obligation", "ref"]
    autocomplete_fields = ["resolution"]
    readonly_fields = READONLY_RECORD_FIELDS
    fieldsets = [
        (None, {"fields": ["resolution", "paragraph", "category", "obligation"]}),
        SOURCING,
        RECORD,
    ]

    def get_queryset(self, request):
        # __str__ reads the resolution's number (also in autocomplete results).
        return super().get_queryset(request).select_related("resolution")

    @admin.display(description="Obligation")
    def short_obligation(self, obj):
        return obj.obligation[:120]


class ActorRoleInline(TabularInline):
    model = ActorRole
    fk_name = "person"
    fields = ["title", "organisation", "start_date", "end_date", "source", "verification"]
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


@admin.register(Actor)
class ActorAdmin(WithdrawableAdmin, ServiceModelAdmin):
    list_display = ["name", "kind", "country", "parent", "alias_list"]
    list_filter = ["kind", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases", "ref"]
    autocomplete_fields = ["parent"]
    readonly_fields = READONLY_RECORD_FIELDS
    fieldsets = [
        (None, {"fields": ["name", "kind", "aliases", "country", "parent", "description"]}),
        RECORD,
    ]
    inlines = [ActorRoleInline]

    @admin.display(description="Aliases")
    def alias_list(self, obj):
        return names(obj.aliases)


@admin.register(Place)
class PlaceAdmin(ServiceModelAdmin):
    list_display = ["name", "kind", "country", "latitude", "longitude", "alias_list"]
    list_filter = ["kind", "country", "verification"]
    search_fields = ["name", "aliases", "ref"]
    readonly_fields = READONLY_RECORD_FIELDS
    fieldsets = [
        (None, {"fields": ["name", "aliases", "kind", "country", "latitude", "longitude", "note"]}),
        SOURCING,
        RECORD,
    ]

    @admin.display(description="Aliases")
    def alias_list(self, obj):
        return names(obj.aliases)


class VesselDesignationInline(TabularInline):
    model = VesselDesignation
    fields = ["authority", "designated_on", "reference", "source", "verification"]


@admin.register(Vessel)
class VesselAdmin(ServiceModelAdmin):
    list_display = ["name", "imo_number", "flag", "former_name_list", "designation_count"]
    list_filter = ["flag", "verification"]
    search_fields = ["name", "imo_number", "former_names", "ref"]
    readonly_fields = READONLY_RECORD_FIELDS
    fieldsets = [
        (None, {"fields": ["name", "imo_number", "former_names", "flag", "note"]}),
        SOURCING,
        RECORD,
    ]
    inlines = [VesselDesignationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_designations=Count("designations"))

    @admin.display(description="Former names")
    def former_name_list(self, obj):
        return names(obj.former_names)

    @admin.display(description="Designations", ordering="_designations")
    def designation_count(self, obj):
        return obj._designations


@admin.register(EstimativeTerm)
class EstimativeTermAdmin(ServiceModelAdmin):
    list_display = ["term", "scale", "band", "synonym_list"]
    list_filter = ["scale"]
    search_fields = ["term", "synonyms"]
    ordering = ["scale", "low_percent"]
    fieldsets = [
        (None, {"fields": ["scale", "term", "synonyms", "low_percent", "high_percent"]}),
        SOURCING,
    ]

    @admin.display(description="Probability", ordering="low_percent")
    def band(self, obj):
        return f"{obj.low_percent}–{obj.high_percent}%"

    @admin.display(description="Synonyms")
    def synonym_list(self, obj):
        return names(obj.synonyms)
