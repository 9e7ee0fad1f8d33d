"""One FilterSet per listable model of the record (django-filter). The staff lists, their
exports and the API use these same classes, so the three never disagree about what a
filter means."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from compliance.choices import (
    ActorKind,
    EvidentiaryStatus,
    RequestState,
    Stance,
    TransferStatus,
    TransportMode,
)
from compliance.models import (
    Actor,
    Allegation,
    Place,
    Provision,
    Resolution,
    Statement,
    StatusChangeRequest,
    Transfer,
    Vessel,
)


def _search(queryset: QuerySet, fields: list[str], value: str) -> QuerySet:
    """Every word must appear in one of the fields (case-insensitive)."""
    for word in value.split()[:8]:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


class IdFilter(filters.NumberFilter):
    """A row's number: a whole number within the database's range (a larger one is a 400,
    not an overflow in the database driver)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


def _actors():
    return Actor.objects.only("id", "name", "kind").order_by("name")


class AllegationFilterSet(filters.FilterSet):
    q = filters.CharFilter(label="Search", method="search", help_text="Words in the title or summary.")
    status = filters.MultipleChoiceFilter(choices=EvidentiaryStatus.choices)
    resolution = filters.ModelChoiceFilter(
        queryset=Resolution.objects.order_by("number"), field_name="provisions__resolution",
        distinct=True, label="Resolution",
    )
    provision = filters.ModelChoiceFilter(
        queryset=Provision.objects.select_related("resolution"), field_name="provisions",
        distinct=True, label="Provision",
    )
    party = filters.ModelChoiceFilter(
        queryset=_actors(), method="filter_party", label="Party (supplier or recipient)"
    )
    originator = filters.ModelChoiceFilter(
        queryset=_actors(), field_name="statements__on_behalf_of", distinct=True,
        label="Statement by (originator)",
    )
    pending = filters.BooleanFilter(method="filter_pending", label="Status change waiting for a decision")
    assigned_reviewer = filters.ModelChoiceFilter(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        label="Assigned reviewer",
    )
    ordering = filters.OrderingFilter(
        fields=(("title", "title"), ("status", "status"), ("updated_at", "updated")),
        field_labels={"title": "Title", "status": "Status", "updated_at": "Last change"},
    )

    class Meta:
        model = Allegation
        fields = ["q", "status", "resolution", "provision", "party", "originator", "pending",
                  "assigned_reviewer"]

    def search(self, queryset, name, value):
        return _search(queryset, ["title", "summary", "ref"], value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_party(self, queryset, name, value):
        return queryset.filter(Q(transfers__supplier=value) | Q(transfers__recipient=value)).distinct()

    def filter_pending(self, queryset, name, value):
        pending = StatusChangeRequest.objects.filter(allegation=OuterRef("pk"), state=RequestState.PENDING)
        return queryset.filter(Exists(pending)) if value else queryset.exclude(Exists(pending))


class TransferFilterSet(filters.FilterSet):
    q = filters.CharFilter(label="Search", method="search", help_text="Words in the title or description.")
    supplier = filters.ModelChoiceFilter(queryset=_actors())
    recipient = filters.ModelChoiceFilter(queryset=_actors())
    status_claimed = filters.MultipleChoiceFilter(choices=TransferStatus.choices, label="Claimed status")
    mode = filters.ChoiceFilter(
        choices=TransportMode.choices, field_name="legs__mode", distinct=True, label="Route leg by"
    )
    place = filters.ModelChoiceFilter(
        queryset=Place.objects.order_by("name"), method="filter_place", label="Route through"
    )
    vessel = filters.ModelChoiceFilter(
        queryset=Vessel.objects.order_by("name"), field_name="legs__vessel", distinct=True
    )
    period_after = filters.DateFilter(field_name="period_end", lookup_expr="gte", label="Period ends on or after")
    period_before = filters.DateFilter(
        field_name="period_start", lookup_expr="lte", label="Period starts on or before"
    )
    allegation = IdFilter(field_name="allegations", distinct=True, label="Allegation number")
    ordering = filters.OrderingFilter(
        fields=(("period_start", "period"), ("title", "title"), ("updated_at", "updated")),
        field_labels={"period_start": "Period", "title": "Title", "updated_at": "Last change"},
    )

    class Meta:
        model = Transfer
        fields = ["q", "supplier", "recipient", "status_claimed", "mode", "place", "vessel",
                  "period_after", "period_before", "allegation"]

    def search(self, queryset, name, value):
        return _search(queryset, ["title", "description", "ref"], value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_place(self, queryset, name, value):
        return queryset.filter(Q(legs__from_place=value) | Q(legs__to_place=value)).distinct()


class StatementFilterSet(filters.FilterSet):
    q = filters.CharFilter(label="Search", method="search", help_text="Words in the gist, quote or speaker.")
    stance = filters.MultipleChoiceFilter(choices=Stance.choices)
    originator = filters.ModelChoiceFilter(
        queryset=_actors(), field_name="on_behalf_of", distinct=True, label="On behalf of"
    )
    speaker = filters.ModelChoiceFilter(queryset=Actor.objects.filter(kind=ActorKind.PERSON).order_by("name"))
    stated_after = filters.DateFilter(field_name="stated_on", lookup_expr="gte", label="Stated on or after")
    stated_before = filters.DateFilter(field_name="stated_on", lookup_expr="lte", label="Stated on or before")
    allegation = IdFilter(field_name="allegations", distinct=True, label="Allegation number")
    ordering = filters.OrderingFilter(
        fields=(("stated_on", "date"), ("stance", "stance"), ("updated_at", "updated")),
        field_labels={"stated_on": "Date", "stance": "Stance", "updated_at": "Last change"},
    )

    class Meta:
        model = Statement
        fields = ["q", "stance", "originator", "speaker", "stated_after", "stated_before", "allegation"]

    def search(self, queryset, name, value):
        return _search(queryset, ["gist", "quote", "speaker_title", "speaker__name"], value)


class ActorFilterSet(filters.FilterSet):
    q = filters.CharFilter(label="Search", method="search", help_text="Words in the name or description.")
    kind = filters.MultipleChoiceFilter(choices=ActorKind.choices)
    country = filters.CharFilter(lookup_expr="iexact", help_text="ISO 3166-1 alpha-2, e.g. KP.")
    parent = filters.ModelChoiceFilter(queryset=_actors(), label="Belongs to")
    ordering = filters.OrderingFilter(fields=(("name", "name"), ("kind", "kind")))

    class Meta:
        model = Actor
        fields = ["q", "kind", "country", "parent"]

    def search(self, queryset, name, value):
        return _search(queryset, ["name", "description", "ref"], value)


class VesselFilterSet(filters.FilterSet):
    q = filters.CharFilter(label="Search", method="search", help_text="Name, IMO number or note.")
    flag = filters.CharFilter(lookup_expr="iexact", help_text="ISO 3166-1 alpha-2, e.g. RU.")
    designated = filters.BooleanFilter(method="filter_designated", label="Under a sanctions designation")
    ordering = filters.OrderingFilter(fields=(("name", "name"), ("flag", "flag")))

    class Meta:
        model = Vessel
        fields = ["q", "flag", "designated"]

    def search(self, queryset, name, value):
        return _search(queryset, ["name", "imo_number", "note", "ref"], value)

    def filter_designated(self, queryset, name, value):
        from compliance.models import VesselDesignation

        designated = Exists(VesselDesignation.objects.filter(vessel=OuterRef("pk")))
        return queryset.filter(designated) if value else queryset.exclude(designated)
