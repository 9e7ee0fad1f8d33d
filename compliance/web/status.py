"""Proposing and deciding a change of status from a page: the staff dossier and the admin's
status page share these, so both say the same thing and call the same workflow services."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404

from compliance.choices import EvidentiaryStatus, RequestState
from compliance.errors import DomainError
from compliance.forms import DecisionForm, StatusChangeForm
from compliance.models import Allegation, StatusChangeRequest
from compliance.services.workflow import (
    allegation_transition,
    allegation_transition_decide,
    allegation_transition_withdraw,
)

S = EvidentiaryStatus


def status_propose(request, allegation: Allegation, form: StatusChangeForm) -> bool:
    """Propose (or apply, where the reviewer may decide alone) the change in a valid form.
    False when the workflow refused it: the reason is on the form and nothing was written."""
    data = form.cleaned_data
    try:
        outcome = allegation_transition(
            allegation=allegation, to_status=data["to_status"], by=request.user,
            rationale=data["rationale"], expected_version=data["expected_version"],
            statements=data["statements"], documents=data["documents"], evidence=data["evidence"],
        )
    except DomainError as exc:
        form.add_error(None, str(exc))
        return False
    target = S.short_label(data["to_status"]).lower()
    if outcome is None:
        messages.info(request, f"The allegation is already {target}: nothing changed.")
    elif outcome.state == RequestState.APPROVED:
        messages.success(request, f"Status changed to {target}.")
    else:
        who = "a second reviewer" if outcome.needs_four_eyes else "a reviewer"
        messages.success(
            request,
            f"Proposed: {S.short_label(outcome.from_status).lower()} → {target}. "
            f"The status changes when {who} approves it.",
        )
    return True


def status_decide(request, allegation: Allegation, action: str) -> None:
    """Approve, reject or withdraw a pending change; the outcome or the refusal is a message."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The decision form was incomplete; nothing was decided.")
        return
    status_request = StatusChangeRequest.objects.filter(
        pk=form.cleaned_data["request"], allegation=allegation
    ).first()
    if status_request is None:
        raise Http404("That status change request does not exist.")
    note = form.cleaned_data["note"]
    try:
        if action == "withdraw":
            allegation_transition_withdraw(request=status_request, by=request.user, note=note)
            messages.success(request, "The proposed status change was withdrawn.")
            return
        allegation_transition_decide(request=status_request, by=request.user, approve=action == "approve",
                                     note=note)
    except DomainError as exc:
        messages.error(request, str(exc))
        return
    if action == "approve":
        messages.success(request, f"Approved: the status is now {S.short_label(status_request.to_status).lower()}.")
    else:
        messages.success(request, "The proposed status change was rejected.")
