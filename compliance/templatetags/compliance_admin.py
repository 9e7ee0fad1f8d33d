"""What the admin's index shows beside the models: what waits for a decision."""

from django import template
from django.apps import apps
from django.utils.text import capfirst

from compliance.admin.history import change_link
from compliance.choices import RequestState
from compliance.models import AuditEntry, StatusChangeRequest

register = template.Library()


@register.inclusion_tag("admin/compliance/includes/waiting.html", takes_context=True)
def waiting_for_decision(context, limit: int = 10):
    """Pending status changes, oldest first, with whether four eyes apply and whether the
    user looking may decide them (a proposer never approves their own four-eyes request)."""
    user = context["request"].user
    pending = StatusChangeRequest.objects.filter(state=RequestState.PENDING)
    items = list(
        pending.select_related("allegation", "proposed_by").order_by("proposed_at", "id")[:limit]
    )
    for item in items:
        item.proposed_by_me = item.proposed_by_id == user.pk
    return {"items": items, "total": pending.count()}


@register.inclusion_tag("admin/compliance/includes/recent_changes.html")
def recent_changes(limit: int = 10):
    """The latest changes to the record by anyone (people, commands and tasks)."""
    entries = AuditEntry.objects.select_related("user").order_by("-at", "-id")[:limit]
    return {"entries": [
        (entry, change_link(entry.model, entry.object_id, entry.object_repr), _kind(entry.model))
        for entry in entries
    ]}


def _kind(model_label: str) -> str:
    try:
        return capfirst(apps.get_model(model_label)._meta.verbose_name)
    except (LookupError, ValueError):
        return model_label
