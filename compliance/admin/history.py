"""The record's own history: the audit trail, the status history and the status change
requests. Read-only for everyone: only the services write these rows."""

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from compliance.choices import RequestState, Role
from compliance.errors import DomainError
from compliance.models import AuditEntry, StatusChangeRequest, StatusTransition
from compliance.roles import has_role
from compliance.services.workflow import allegation_transition_decide, allegation_transition_withdraw

from .audit import audit_row
from .base import HistoryAdmin


def _names(objects) -> str:
    return "; ".join(str(o) for o in objects) or "—"


def change_link(model_label: str, object_id: str, text: str) -> str:
    app_label, _, model_name = model_label.partition(".")
    try:
        url = reverse(f"admin:{app_label}_{model_name.lower()}_change", args=[object_id])
    except NoReverseMatch:
        return text
    return format_html('<a href="{}">{}</a>', url, text)


@admin.register(AuditEntry)
class AuditEntryAdmin(HistoryAdmin):
    list_display = ["at", "who_column", "action", "model", "object_column", "change_summary", "short_reason"]
    list_filter = ["action", "model", ("user", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["object_repr", "object_id", "reason", "actor_label", "user__username", "model"]
    date_hierarchy = "at"
    fields = ["at", "who_column", "action", "model", "object_id", "object_column", "reason", "changes_table"]
    readonly_fields = fields

    @admin.display(description="Who", ordering="user__username")
    def who_column(self, obj):
        return obj.who

    @admin.display(description="Object")
    def object_column(self, obj):
        return change_link(obj.model, obj.object_id, obj.object_repr)

    @admin.display(description="Reason")
    def short_reason(self, obj):
        return obj.reason[:120] or "—"

    @admin.display(description="Fields changed")
    def change_summary(self, obj):
        changes = obj.changes if isinstance(obj.changes, dict) else {}
        return ", ".join(sorted(changes))[:120] or "—"

    @admin.display(description="Before / after")
    def changes_table(self, obj):
        return render_to_string("admin/compliance/includes/audit_changes.html", {"row": audit_row(obj)})


@admin.register(StatusTransition)
class StatusTransitionAdmin(HistoryAdmin):
    list_display = ["at", "allegation", "from_status", "to_status", "proposed_by", "decided_by",
                    "actor_label", "short_rationale"]
    list_filter = ["to_status", "from_status"]
    list_select_related = ["allegation", "proposed_by", "decided_by"]
    search_fields = ["allegation__title", "rationale", "decision_note", "actor_label"]
    date_hierarchy = "at"
    fields = ["allegation", "from_status", "to_status", "at", "proposed_by", "decided_by", "actor_label",
              "request", "rationale", "decision_note", "cited"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("allegation", "request__allegation")

    @admin.display(description="Rationale")
    def short_rationale(self, obj):
        return obj.rationale[:100]

    @admin.display(description="Cited")
    def cited(self, obj):
        return format_html(
            "Statements: {}<br>Documents: {}<br>Evidence: {}",
            _names(obj.cited_statements.select_related("speaker")),
            _names(obj.cited_documents.all()),
            _names(obj.cited_evidence.all()),
        )


@admin.register(StatusChangeRequest)
class StatusChangeRequestAdmin(HistoryAdmin):
    list_display = ["proposed_at", "allegation", "from_status", "to_status", "four_eyes", "state",
                    "proposed_by", "decided_by", "decided_at"]
    list_filter = ["state", "to_status", "from_status"]
    list_select_related = ["allegation", "proposed_by", "decided_by"]
    search_fields = ["allegation__title", "rationale", "decision_note"]
    date_hierarchy = "proposed_at"
    fields = ["allegation", "from_status", "to_status", "four_eyes", "allegation_version", "state",
              "proposed_by", "proposed_at", "rationale", "decided_by", "decided_at", "decision_note",
              "cited"]
    readonly_fields = fields
    actions = ["approve_selected", "withdraw_selected"]

    @admin.display(description="Four eyes", boolean=True)
    def four_eyes(self, obj):
        return obj.needs_four_eyes

    @admin.display(description="Cited")
    def cited(self, obj):
        return StatusTransitionAdmin.cited(self, obj)

    # Actions: each request is decided through the workflow service, which enforces the
    # reviewer role and four eyes; refusals are shown per request.

    def has_decide_permission(self, request):
        return has_role(request.user, Role.REVIEWER)

    def has_withdraw_permission(self, request):
        return has_role(request.user, Role.ANALYST)

    def _each_pending(self, request, queryset, apply, done: str):
        count = 0
        for item in queryset.select_related("allegation"):
            if item.state != RequestState.PENDING:
                self.message_user(request, f"{item}: not pending, skipped.", messages.WARNING)
                continue
            try:
                apply(item)
            except DomainError as exc:
                self.message_user(request, f"{item.allegation}: {exc}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, f"{done} {count} status change request(s).", messages.SUCCESS)

    @admin.action(description="Approve the selected pending requests", permissions=["decide"])
    def approve_selected(self, request, queryset):
        self._each_pending(
            request, queryset,
            lambda item: allegation_transition_decide(request=item, by=request.user, approve=True),
            "Approved",
        )

    @admin.action(description="Withdraw the selected pending requests (your own)", permissions=["withdraw"])
    def withdraw_selected(self, request, queryset):
        self._each_pending(
            request, queryset,
            lambda item: allegation_transition_withdraw(request=item, by=request.user),
            "Withdrew",
        )
