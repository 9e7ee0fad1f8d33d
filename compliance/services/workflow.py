"""The one way an allegation's evidentiary status changes."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from compliance.choices import AuditAction, EvidentiaryStatus, RequestState, Role
from compliance.errors import (
    ConcurrentEdit,
    DomainError,
    FourEyesRequired,
    RoleRequired,
    TransitionNotAllowed,
)
from compliance.models import (
    Allegation,
    EvidenceItem,
    SourceDocument,
    Statement,
    StatusChangeRequest,
    StatusTransition,
)
from compliance.roles import Actor, SystemActor, has_role, require_role
from compliance.workflow import OPENING_STATUSES, opening_refusal, transition_for, transitions_from

from .audit import audit_record

MIN_RATIONALE_LENGTH = 15


def _user(by: Actor):
    return None if isinstance(by, SystemActor) else by


def _check_rationale(rationale: str) -> str:
    rationale = (rationale or "").strip()
    if len(rationale) < MIN_RATIONALE_LENGTH:
        raise DomainError(
            "A written rationale is required: say in at least "
            f"{MIN_RATIONALE_LENGTH} characters why the status should change."
        )
    return rationale


def _status_label(value: str) -> str:
    return EvidentiaryStatus.short_label(value).lower()


def _check_allowed(source: str, target: str):
    rule = transition_for(source, target)
    if rule is None:
        allowed = ", ".join(_status_label(t.target) for t in transitions_from(source)) or "none"
        raise TransitionNotAllowed(
            f"An allegation cannot move from {_status_label(source)} to {_status_label(target)}. "
            f"From {_status_label(source)} it can move to: {allowed}."
        )
    return rule


def _lock(allegation: Allegation, expected_version: int) -> Allegation:
    current = Allegation.objects.select_for_update().get(pk=allegation.pk)
    if current.version != expected_version:
        raise ConcurrentEdit(
            f"“{current}” was changed by someone else since you loaded it (version "
            f"{expected_version}, now {current.version}; status now {_status_label(current.status)}). "
            "Nothing was saved: reload it and decide again."
        )
    return current


def _cite(obj, statements, documents, evidence) -> None:
    obj.cited_statements.set(statements)
    obj.cited_documents.set(documents)
    obj.cited_evidence.set(evidence)


@transaction.atomic
def allegation_transition_request(
    *,
    allegation: Allegation,
    to_status: str,
    by: Actor,
    rationale: str,
    expected_version: int,
    statements: Iterable[Statement] = (),
    documents: Iterable[SourceDocument] = (),
    evidence: Iterable[EvidenceItem] = (),
) -> StatusChangeRequest | None:
    """Propose a change of status for a reviewer to decide. Returns None when the
    allegation already has that status (a repeat is a no-op)."""
    require_role(by, Role.ANALYST, "propose a status change")
    current = _lock(allegation, expected_version)
    if current.status == to_status:
        return None
    _check_allowed(current.status, to_status)
    rationale = _check_rationale(rationale)
    if isinstance(by, SystemActor):
        raise DomainError("Status changes are proposed by people, not by automated tasks.")
    try:
        with transaction.atomic():
            request = StatusChangeRequest.objects.create(
                allegation=current,
                from_status=current.status,
                to_status=to_status,
                allegation_version=current.version,
                rationale=rationale,
                proposed_by=by,
            )
    except IntegrityError as exc:
        pending = current.status_requests.filter(state=RequestState.PENDING).first()
        raise DomainError(
            f"A status change is already waiting for a decision on “{current}” "
            f"({pending.from_status} → {pending.to_status}, proposed by "
            f"{pending.proposed_by.get_username()}). Decide or withdraw it first."
        ) from exc
    _cite(request, statements, documents, evidence)
    audit_record(by=by, action=AuditAction.REQUEST, instance=current,
                 changes={"status": [current.status, to_status]}, reason=rationale)
    return request


def allegation_transition_decide(
    *, request: StatusChangeRequest, by: Actor, approve: bool, note: str = ""
) -> StatusTransition | None:
    """A reviewer approves or rejects a proposed status change. Approving writes the
    status and an append-only history row in the same transaction.

    A proposal overtaken by another change of the allegation is marked superseded (that
    mark is kept) and ConcurrentEdit is raised."""
    with transaction.atomic():
        outcome = _decide(request=request, by=by, approve=approve, note=note)
    if isinstance(outcome, ConcurrentEdit):
        raise outcome
    return outcome


def _decide(
    *, request: StatusChangeRequest, by: Actor, approve: bool, note: str
) -> StatusTransition | ConcurrentEdit | None:
    require_role(by, Role.REVIEWER, "decide a status change")
    request = StatusChangeRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != RequestState.PENDING:
        raise DomainError(f"This status change was already {request.get_state_display().lower()}.")
    rule = _check_allowed(request.from_status, request.to_status)
    user = _user(by)
    if approve and rule.needs_four_eyes and user is not None and user.pk == request.proposed_by_id:
        raise FourEyesRequired(
            f"A move to or from {_status_label(EvidentiaryStatus.CONFIRMED)} or "
            f"{_status_label(EvidentiaryStatus.REFUTED)} needs four eyes: you proposed this change, "
            "so a second reviewer must confirm it."
        )
    if not approve and not (note or "").strip():
        raise DomainError("Say why you reject the proposed status change.")

    allegation = Allegation.objects.select_for_update().get(pk=request.allegation_id)
    now = timezone.now()
    if approve and (
        allegation.status != request.from_status or allegation.version != request.allegation_version
    ):
        request.state = RequestState.SUPERSEDED
        request.decided_by = user
        request.decided_at = now
        request.save(update_fields=["state", "decided_by", "decided_at"])
        return ConcurrentEdit(
            f"“{allegation}” changed since this was proposed (status now "
            f"{_status_label(allegation.status)}). The proposal is superseded; propose again."
        )
    request.state = RequestState.APPROVED if approve else RequestState.REJECTED
    request.decided_by = user
    request.decided_at = now
    request.decision_note = (note or "").strip()
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    audit_record(by=by, action=AuditAction.DECISION, instance=allegation,
                 changes={"request": request.pk, "state": request.state}, reason=request.decision_note)
    if not approve:
        return None

    transition = StatusTransition.objects.create(
        allegation=allegation,
        from_status=request.from_status,
        to_status=request.to_status,
        request=request,
        proposed_by=request.proposed_by,
        decided_by=user,
        actor_label=by.label if isinstance(by, SystemActor) else "",
        rationale=request.rationale,
        decision_note=request.decision_note,
    )
    _cite(transition, request.cited_statements.all(), request.cited_documents.all(),
          request.cited_evidence.all())
    allegation.status = request.to_status
    allegation.version += 1
    allegation.save(update_fields=["status", "version", "updated_at"])
    audit_record(by=by, action=AuditAction.TRANSITION, instance=allegation,
                 changes={"status": [request.from_status, request.to_status]}, reason=request.rationale)
    return transition


@transaction.atomic
def allegation_transition(
    *,
    allegation: Allegation,
    to_status: str,
    by: Actor,
    rationale: str,
    expected_version: int,
    statements: Iterable[Statement] = (),
    documents: Iterable[SourceDocument] = (),
    evidence: Iterable[EvidenceItem] = (),
) -> StatusChangeRequest | None:
    """Propose a change and, where the acting reviewer may decide it alone, apply it.

    Returns the request: approved when applied, pending when it waits for a second
    reviewer (four eyes) or for a reviewer (the actor is an analyst)."""
    request = allegation_transition_request(
        allegation=allegation, to_status=to_status, by=by, rationale=rationale,
        expected_version=expected_version, statements=statements, documents=documents,
        evidence=evidence,
    )
    if request is None:
        return None
    rule = transition_for(request.from_status, request.to_status)
    if has_role(by, Role.REVIEWER) and not rule.needs_four_eyes:
        allegation_transition_decide(request=request, by=by, approve=True, note="Decided by the proposer.")
        request.refresh_from_db()
    return request


@transaction.atomic
def allegation_transition_withdraw(*, request: StatusChangeRequest, by: Actor, note: str = "") -> None:
    """The proposer (or an administrator) withdraws a pending proposal."""
    request = StatusChangeRequest.objects.select_for_update().get(pk=request.pk)
    user = _user(by)
    if request.state != RequestState.PENDING:
        raise DomainError(f"This status change was already {request.get_state_display().lower()}.")
    if user is None or (user.pk != request.proposed_by_id and not user.is_superuser):
        raise DomainError("Only the proposer can withdraw a proposed status change.")
    request.state = RequestState.WITHDRAWN
    request.decided_by = user
    request.decided_at = timezone.now()
    request.decision_note = (note or "").strip()
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    audit_record(by=by, action=AuditAction.DECISION, instance=request.allegation,
                 changes={"request": request.pk, "state": request.state}, reason=request.decision_note)


@transaction.atomic
def allegation_create(
    *,
    allegation: Allegation,
    by: Actor,
    initial_status: str = EvidentiaryStatus.REPORTED,
    rationale: str = "",
) -> Allegation:
    """Open an allegation at an initial status, recorded as the first history row.
    The statuses it may open in, and which of them only a reviewer may choose, are
    compliance/workflow.py's (OPENING_STATUSES): a final judgement (confirmed, refuted)
    never, since it needs four eyes; corroborated, disputed or retracted only by a reviewer,
    since moving a reported allegation there is a reviewer's decision."""
    from .records import record_save

    if initial_status not in EvidentiaryStatus.values:
        raise DomainError(f"Unknown status “{initial_status}”.")
    refusal = opening_refusal(initial_status, is_reviewer=has_role(by, Role.REVIEWER))
    if refusal is not None:
        if initial_status in OPENING_STATUSES:
            raise RoleRequired(refusal)
        raise TransitionNotAllowed(refusal)
    if initial_status != EvidentiaryStatus.REPORTED:
        rationale = _check_rationale(rationale)
    allegation.status = initial_status
    user = _user(by)
    if user is not None and user.is_authenticated:
        allegation.created_by = user
    record_save(instance=allegation, by=by, reason=rationale)
    StatusTransition.objects.create(
        allegation=allegation,
        from_status="",
        to_status=initial_status,
        proposed_by=_user(by),
        decided_by=_user(by),
        actor_label=by.label if isinstance(by, SystemActor) else "",
        rationale=rationale or "Opened.",
    )
    return allegation
