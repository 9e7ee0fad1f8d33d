"""Allegations: the record of each claim, and the status page through which its
evidentiary status changes (compliance.services.workflow). Status is never a form field."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from compliance.choices import EvidentiaryStatus, RequestState, Role
from compliance.models import (
    Allegation,
    AllegationEvidence,
    AllegationProvision,
    AllegationStatement,
    Statement,
    StatusChangeRequest,
    StatusTransition,
)
from compliance.roles import has_role
from compliance.forms import StatusChangeForm
from compliance.web.status import status_decide, status_propose
from compliance.selectors.allegations import allegation_statement_links, allegation_suggested_status
from compliance.services.workflow import (
    allegation_create,
)
from compliance.workflow import OPENING_STATUSES, OPENING_STATUSES_FOR_REVIEWERS, transitions_from

from .base import ServiceModelAdmin, ServiceModelForm, TabularInline, refused_as, status_label
from .reference import READONLY_RECORD_FIELDS

S = EvidentiaryStatus


# --------------------------------------------------------------------------- forms


class AllegationAddForm(ServiceModelForm):
    """Opening an allegation: ``allegation_create`` records the first status."""

    initial_status = forms.ChoiceField(
        label="Opening status",
        choices=[(s.value, s.label) for s in OPENING_STATUSES],
        initial=S.REPORTED,
        help_text="Confirmed and refuted are never opening statuses, and only a reviewer may open "
        "an allegation beyond reported: open it, then propose the change on its status page.",
    )
    opening_rationale = forms.CharField(
        label="Why this opening status",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Required unless the allegation opens as reported.",
    )


# --------------------------------------------------------------------------- inlines


class AllegationStatementInline(TabularInline):
    model = AllegationStatement
    fields = ["statement", "bearing", "note"]
    autocomplete_fields = ["statement"]
    verbose_name = "linked statement"
    verbose_name_plural = "statements in the record (and how each bears on the claim)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("statement__speaker")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "statement":
            # The chosen statement is shown by speaker or originators, read in one query.
            kwargs["queryset"] = Statement.objects.select_related("speaker").prefetch_related("on_behalf_of")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AllegationEvidenceInline(TabularInline):
    model = AllegationEvidence
    fields = ["evidence", "bearing", "note"]
    autocomplete_fields = ["evidence"]
    verbose_name = "linked evidence item"
    verbose_name_plural = "evidence in the record (and how each item bears on the claim)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("evidence")


class AllegationProvisionInline(TabularInline):
    model = AllegationProvision
    fields = ["provision", "note"]
    autocomplete_fields = ["provision"]
    verbose_name = "provision"
    verbose_name_plural = "provisions the alleged conduct would breach"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("provision__resolution")


# --------------------------------------------------------------------------- filters


class PendingRequestFilter(admin.SimpleListFilter):
    title = "status change pending"
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", "Waiting for a decision"), ("no", "None pending")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(_pending=True)
        if self.value() == "no":
            return queryset.filter(_pending=False)
        return queryset


# --------------------------------------------------------------------------- admin


@admin.register(Allegation)
class AllegationAdmin(ServiceModelAdmin):
    list_display = [
        "title", "status_column", "pending_column", "transfer_count", "statement_count",
        "evidence_count", "assigned_reviewer", "updated_at",
    ]
    list_filter = ["status", PendingRequestFilter, ("assigned_reviewer", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["assigned_reviewer"]
    search_fields = ["title", "summary", "ref"]
    autocomplete_fields = ["transfers"]
    readonly_fields = ["status_column", "created_by", *READONLY_RECORD_FIELDS]
    inlines = [AllegationStatementInline, AllegationEvidenceInline, AllegationProvisionInline]
    actions = ["change_status"]

    def declared_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (None, {"fields": ["title", "summary", "assigned_reviewer", "transfers"]}),
                ("Opening status", {"fields": ["initial_status", "opening_rationale"]}),
                ("Record", {"fields": ["ref"]}),
            ]
        return [
            (None, {"fields": ["title", "summary", "status_column", "assigned_reviewer", "transfers"]}),
            ("Record", {"classes": ["collapse"], "fields": ["ref", "created_by", *READONLY_RECORD_FIELDS]}),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = AllegationAddForm
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None and not has_role(request.user, Role.REVIEWER):
            # Offer only what allegation_create lets this user choose (it refuses the rest).
            class AnalystAddForm(form):
                def __init__(self, *args, **kwargs):
                    super().__init__(*args, **kwargs)
                    self.fields["initial_status"].choices = [
                        (s.value, s.label) for s in OPENING_STATUSES if s not in OPENING_STATUSES_FOR_REVIEWERS]

            return AnalystAddForm
        return form

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return super().get_readonly_fields(request, obj)

    def get_queryset(self, request):
        pending = StatusChangeRequest.objects.filter(allegation=OuterRef("pk"), state=RequestState.PENDING)
        return super().get_queryset(request).annotate(
            _pending=Exists(pending),
            _transfers=Count("transfers", distinct=True),
            _statements=Count("statement_links", distinct=True),
            _evidence=Count("evidence_links", distinct=True),
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_reviewer":
            kwargs["queryset"] = (
                get_user_model().objects.filter(is_active=True)
                .filter(Q(groups__name__in=[Role.REVIEWER, Role.ADMINISTRATOR]) | Q(is_superuser=True))
                .distinct().order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # ---- columns

    @admin.display(description="Status", ordering="status")
    def status_column(self, obj):
        return status_label(obj.status)

    @admin.display(description="Pending change", boolean=True, ordering="_pending")
    def pending_column(self, obj):
        return getattr(obj, "_pending", None)

    @admin.display(description="Transfers", ordering="_transfers")
    def transfer_count(self, obj):
        return obj._transfers

    @admin.display(description="Statements", ordering="_statements")
    def statement_count(self, obj):
        return obj._statements

    @admin.display(description="Evidence", ordering="_evidence")
    def evidence_count(self, obj):
        return obj._evidence

    # ---- writes

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        with refused_as():
            allegation_create(
                allegation=obj,
                by=request.user,
                initial_status=form.cleaned_data.get("initial_status") or S.REPORTED,
                rationale=form.cleaned_data.get("opening_rationale") or self.change_reason(form),
            )

    # ---- actions

    @admin.action(description="Change the status of the selected allegation…", permissions=["view"])
    def change_status(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True)[:2])
        if len(ids) != 1:
            self.message_user(request, "Select exactly one allegation to change its status.",
                              messages.WARNING)
            return None
        return HttpResponseRedirect(self.status_url(ids[0]))

    # ---- pages

    def status_url(self, pk) -> str:
        return reverse(f"{self.admin_site.name}:compliance_allegation_status", args=[pk])

    def get_urls(self):
        return [
            path(
                "<path:object_id>/status/",
                self.admin_site.admin_view(self.status_view),
                name="compliance_allegation_status",
            ),
            *super().get_urls(),
        ]

    def status_context(self, request, allegation: Allegation, *, full: bool) -> dict:
        history = (
            StatusTransition.objects.filter(allegation=allegation)
            .select_related("proposed_by", "decided_by")
            .prefetch_related("cited_statements__speaker", "cited_statements__on_behalf_of", "cited_documents",
                              "cited_evidence")
            .order_by("-at", "-id")
        )
        status_requests = list(
            StatusChangeRequest.objects.filter(allegation=allegation)
            .select_related("proposed_by", "decided_by")
            .prefetch_related("cited_statements__speaker", "cited_statements__on_behalf_of", "cited_documents",
                              "cited_evidence")
            .order_by("-proposed_at", "-id")
        )
        for item in status_requests:
            item.proposed_by_me = item.proposed_by_id == request.user.pk
        pending = [r for r in status_requests if r.state == RequestState.PENDING]
        suggestion = allegation_suggested_status(allegation=allegation)
        return {
            "statement_links": allegation_statement_links(allegations=[allegation]),
            "allegation": allegation,
            "status_label": status_label(allegation.status),
            "suggestion": suggestion,
            "suggestion_label": status_label(suggestion.status),
            "history": history,
            "status_requests": status_requests if full else pending,
            "pending_requests": pending,
            "status_url": self.status_url(allegation.pk),
            "can_propose": has_role(request.user, Role.ANALYST)
            and self.has_change_permission(request, allegation),
            "can_decide": has_role(request.user, Role.REVIEWER)
            and self.has_change_permission(request, allegation),
            "status_label_of": status_label,
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        allegation = self.get_object(request, unquote(object_id))
        if allegation is not None and request.method == "GET":
            context = self.status_context(request, allegation, full=False)
            extra_context = {**(extra_context or {}), **context}
        elif allegation is not None:
            extra_context = {**(extra_context or {}), "status_url": self.status_url(allegation.pk),
                             "allegation": allegation}
        return super().change_view(request, object_id, form_url, extra_context)

    def status_view(self, request, object_id):
        allegation = self.get_object(request, unquote(object_id))
        if allegation is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, allegation):
            raise PermissionDenied
        form = StatusChangeForm(allegation)
        if request.method == "POST":
            if not self.has_change_permission(request, allegation):
                raise PermissionDenied
            action = request.POST.get("action")
            if action == "propose":
                form = StatusChangeForm(allegation, request.POST)
                if form.is_valid() and status_propose(request, allegation, form):
                    return HttpResponseRedirect(self.status_url(allegation.pk))
            elif action in {"approve", "reject", "withdraw"}:
                status_decide(request, allegation, action)
                return HttpResponseRedirect(self.status_url(allegation.pk))
            else:
                self.message_user(request, "Unknown action.", messages.ERROR)
                return HttpResponseRedirect(self.status_url(allegation.pk))

        context = {
            **self.admin_site.each_context(request),
            **self.status_context(request, allegation, full=True),
            "title": f"Evidentiary status: {allegation}",
            "subtitle": None,
            "opts": self.opts,
            "original": allegation,
            "form": form,
            "transitions": [
                {"rule": rule, "label": status_label(rule.target)}
                for rule in transitions_from(allegation.status)
            ],
            "change_url": reverse(f"{self.admin_site.name}:compliance_allegation_change",
                                  args=[allegation.pk]),
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/compliance/allegation/status.html", context)
