"""The evidentiary workflow: allowed and refused transitions, four eyes, rationale,
concurrent edits and the append-only history."""

import pytest

from compliance.choices import EvidentiaryStatus as S
from compliance.choices import RequestState
from compliance.errors import (
    ConcurrentEdit,
    DomainError,
    FourEyesRequired,
    RoleRequired,
    TransitionNotAllowed,
)
from compliance.models import Allegation, AuditEntry, StatusChangeRequest, StatusTransition
from compliance.roles import SystemActor
from compliance.services.workflow import (
    allegation_create,
    allegation_transition,
    allegation_transition_decide,
    allegation_transition_request,
    allegation_transition_withdraw,
)
from compliance.workflow import (
    FOUR_EYES_STATUSES,
    OPENING_STATUSES,
    OPENING_STATUSES_FOR_REVIEWERS,
    TRANSITIONS,
    opening_refusal,
    transition_for,
)
from tests.factories import AllegationFactory, StatementFactory

RATIONALE = "The UK Ministry of Defence independently assessed the deliveries."
ALL_PAIRS = [(a, b) for a in S.values for b in S.values if a != b]


def _allegation_at(status: str) -> Allegation:
    allegation = AllegationFactory()
    Allegation.objects.filter(pk=allegation.pk).update(status=status)
    allegation.refresh_from_db()
    return allegation


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_every_transition_is_applied_or_refused_as_the_table_says(
    source, target, reviewer, second_reviewer
):
    allegation = _allegation_at(source)
    rule = transition_for(source, target)
    if rule is None:
        with pytest.raises(TransitionNotAllowed, match="cannot move from"):
            allegation_transition(allegation=allegation, to_status=target, by=reviewer,
                                  rationale=RATIONALE, expected_version=allegation.version)
        assert StatusChangeRequest.objects.count() == 0
        allegation.refresh_from_db()
        assert allegation.status == source
        return

    request = allegation_transition(allegation=allegation, to_status=target, by=reviewer,
                                    rationale=RATIONALE, expected_version=allegation.version)
    allegation.refresh_from_db()
    if rule.needs_four_eyes:
        assert request.state == RequestState.PENDING
        assert allegation.status == source
        allegation_transition_decide(request=request, by=second_reviewer, approve=True)
        allegation.refresh_from_db()
    else:
        assert request.state == RequestState.APPROVED
    assert allegation.status == target
    history = StatusTransition.objects.get(allegation=allegation)
    assert (history.from_status, history.to_status, history.rationale) == (source, target, RATIONALE)


def test_the_transition_table_has_four_eyes_on_every_final_judgement():
    final = {S.CONFIRMED, S.REFUTED}
    for rule in TRANSITIONS:
        assert rule.needs_four_eyes == bool({rule.source, rule.target} & final)


@pytest.mark.django_db
def test_confirm_requires_a_second_reviewer(reviewer, second_reviewer):
    allegation = _allegation_at(S.CORROBORATED)
    request = allegation_transition(allegation=allegation, to_status=S.CONFIRMED, by=reviewer,
                                    rationale=RATIONALE, expected_version=allegation.version)
    with pytest.raises(FourEyesRequired, match="second reviewer must confirm"):
        allegation_transition_decide(request=request, by=reviewer, approve=True)
    allegation.refresh_from_db()
    assert allegation.status == S.CORROBORATED
    assert not StatusTransition.objects.filter(allegation=allegation).exists()

    transition = allegation_transition_decide(request=request, by=second_reviewer, approve=True,
                                              note="Imagery and two governments agree.")
    allegation.refresh_from_db()
    assert allegation.status == S.CONFIRMED
    assert transition.proposed_by == reviewer
    assert transition.decided_by == second_reviewer
    assert transition.decision_note == "Imagery and two governments agree."


@pytest.mark.django_db
def test_refute_also_requires_a_second_reviewer(reviewer, second_reviewer):
    allegation = _allegation_at(S.DISPUTED)
    request = allegation_transition_request(allegation=allegation, to_status=S.REFUTED, by=reviewer,
                                            rationale=RATIONALE, expected_version=allegation.version)
    with pytest.raises(FourEyesRequired):
        allegation_transition_decide(request=request, by=reviewer, approve=True)
    allegation_transition_decide(request=request, by=second_reviewer, approve=True)
    allegation.refresh_from_db()
    assert allegation.status == S.REFUTED


@pytest.mark.django_db
def test_analyst_proposes_but_cannot_decide(analyst, reviewer):
    allegation = _allegation_at(S.REPORTED)
    request = allegation_transition(allegation=allegation, to_status=S.CORROBORATED, by=analyst,
                                    rationale=RATIONALE, expected_version=allegation.version)
    assert request.state == RequestState.PENDING
    with pytest.raises(RoleRequired, match="reviewer role"):
        allegation_transition_decide(request=request, by=analyst, approve=True)
    allegation_transition_decide(request=request, by=reviewer, approve=True)
    allegation.refresh_from_db()
    assert allegation.status == S.CORROBORATED


@pytest.mark.django_db
def test_viewer_cannot_propose(viewer):
    allegation = _allegation_at(S.REPORTED)
    with pytest.raises(RoleRequired, match="analyst role"):
        allegation_transition(allegation=allegation, to_status=S.CORROBORATED, by=viewer,
                              rationale=RATIONALE, expected_version=allegation.version)


@pytest.mark.django_db
def test_automated_tasks_cannot_propose_status_changes():
    allegation = _allegation_at(S.REPORTED)
    with pytest.raises(DomainError, match="proposed by people"):
        allegation_transition(allegation=allegation, to_status=S.CORROBORATED,
                              by=SystemActor("task:extract"), rationale=RATIONALE,
                              expected_version=allegation.version)


@pytest.mark.django_db
@pytest.mark.parametrize("rationale", ["", "   ", "because"])
def test_rationale_is_required(reviewer, rationale):
    allegation = _allegation_at(S.REPORTED)
    with pytest.raises(DomainError, match="rationale is required"):
        allegation_transition(allegation=allegation, to_status=S.CORROBORATED, by=reviewer,
                              rationale=rationale, expected_version=allegation.version)
    allegation.refresh_from_db()
    assert allegation.status == S.REPORTED
    assert StatusChangeRequest.objects.count() == 0


@pytest.mark.django_db
def test_a_stale_version_is_refused_and_nothing_is_overwritten(reviewer, second_reviewer):
    allegation = _allegation_at(S.REPORTED)
    seen_version = allegation.version
    allegation_transition(allegation=allegation, to_status=S.CORROBORATED, by=second_reviewer,
                          rationale=RATIONALE, expected_version=seen_version)
    with pytest.raises(ConcurrentEdit, match="changed by someone else"):
        allegation_transition(allegation=allegation, to_status=S.DISPUTED, by=reviewer,
                              rationale=RATIONALE, expected_version=seen_version)
    allegation.refresh_from_db()
    assert allegation.status == S.CORROBORATED
    assert StatusTransition.objects.filter(allegation=allegation).count() == 1


@pytest.mark.django_db
def test_a_proposal_overtaken_by_another_change_is_superseded(analyst, reviewer, second_reviewer):
    allegation = _allegation_at(S.CORROBORATED)
    request = allegation_transition_request(allegation=allegation, to_status=S.CONFIRMED, by=analyst,
                                            rationale=RATIONALE, expected_version=allegation.version)
    # Meanwhile the allegation is edited, so the proposer's view of it is out of date.
    Allegation.objects.filter(pk=allegation.pk).update(version=allegation.version + 1)
    with pytest.raises(ConcurrentEdit, match="superseded"):
        allegation_transition_decide(request=request, by=reviewer, approve=True)
    request.refresh_from_db()
    assert request.state == RequestState.SUPERSEDED
    allegation.refresh_from_db()
    assert allegation.status == S.CORROBORATED


@pytest.mark.django_db
def test_repeating_the_current_status_is_a_no_op(reviewer):
    allegation = _allegation_at(S.CORROBORATED)
    assert allegation_transition(allegation=allegation, to_status=S.CORROBORATED, by=reviewer,
                                 rationale=RATIONALE, expected_version=allegation.version) is None
    assert StatusTransition.objects.count() == 0
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_only_one_pending_proposal_per_allegation(analyst):
    allegation = _allegation_at(S.REPORTED)
    allegation_transition_request(allegation=allegation, to_status=S.CORROBORATED, by=analyst,
                                  rationale=RATIONALE, expected_version=allegation.version)
    with pytest.raises(DomainError, match="already waiting for a decision"):
        allegation_transition_request(allegation=allegation, to_status=S.DISPUTED, by=analyst,
                                      rationale=RATIONALE, expected_version=allegation.version)


@pytest.mark.django_db
def test_rejection_needs_a_reason_and_leaves_status(analyst, reviewer):
    allegation = _allegation_at(S.REPORTED)
    request = allegation_transition_request(allegation=allegation, to_status=S.CORROBORATED,
                                            by=analyst, rationale=RATIONALE,
                                            expected_version=allegation.version)
    with pytest.raises(DomainError, match="why you reject"):
        allegation_transition_decide(request=request, by=reviewer, approve=False)
    allegation_transition_decide(request=request, by=reviewer, approve=False,
                                 note="Both sources quote the same White House briefing.")
    request.refresh_from_db()
    allegation.refresh_from_db()
    assert request.state == RequestState.REJECTED
    assert allegation.status == S.REPORTED
    with pytest.raises(DomainError, match="already rejected"):
        allegation_transition_decide(request=request, by=reviewer, approve=True)


@pytest.mark.django_db
def test_only_the_proposer_withdraws(analyst, reviewer):
    allegation = _allegation_at(S.REPORTED)
    request = allegation_transition_request(allegation=allegation, to_status=S.CORROBORATED,
                                            by=analyst, rationale=RATIONALE,
                                            expected_version=allegation.version)
    with pytest.raises(DomainError, match="Only the proposer"):
        allegation_transition_withdraw(request=request, by=reviewer)
    allegation_transition_withdraw(request=request, by=analyst, note="Wrong allegation.")
    request.refresh_from_db()
    assert request.state == RequestState.WITHDRAWN


@pytest.mark.django_db
def test_cited_evidence_is_kept_in_the_history(reviewer, second_reviewer):
    allegation = _allegation_at(S.CORROBORATED)
    statement = StatementFactory()
    request = allegation_transition(allegation=allegation, to_status=S.CONFIRMED, by=reviewer,
                                    rationale=RATIONALE, expected_version=allegation.version,
                                    statements=[statement])
    transition = allegation_transition_decide(request=request, by=second_reviewer, approve=True)
    assert list(transition.cited_statements.all()) == [statement]


@pytest.mark.django_db
def test_every_step_is_audited_with_who_and_why(analyst, reviewer):
    allegation = _allegation_at(S.REPORTED)
    request = allegation_transition_request(allegation=allegation, to_status=S.CORROBORATED,
                                            by=analyst, rationale=RATIONALE,
                                            expected_version=allegation.version)
    allegation_transition_decide(request=request, by=reviewer, approve=True, note="Agreed.")
    entries = list(AuditEntry.objects.filter(object_id=str(allegation.pk)).order_by("id"))
    assert [(e.action, e.user) for e in entries] == [
        ("request", analyst), ("decision", reviewer), ("transition", reviewer),
    ]
    assert entries[-1].changes == {"status": [S.REPORTED, S.CORROBORATED]}
    assert entries[-1].reason == RATIONALE


@pytest.mark.django_db
def test_history_is_append_only(reviewer):
    allegation = _allegation_at(S.REPORTED)
    allegation_transition(allegation=allegation, to_status=S.CORROBORATED, by=reviewer,
                          rationale=RATIONALE, expected_version=allegation.version)
    row = StatusTransition.objects.get()
    row.rationale = "rewritten"
    with pytest.raises(TypeError, match="append-only"):
        row.save()
    with pytest.raises(TypeError, match="append-only"):
        row.delete()
    with pytest.raises(TypeError, match="append-only"):
        StatusTransition.objects.update(rationale="rewritten")
    with pytest.raises(TypeError, match="append-only"):
        AuditEntry.objects.all().delete()
    assert StatusTransition.objects.get().rationale == RATIONALE


@pytest.mark.django_db
def test_an_allegation_opens_with_a_history_row_and_never_as_a_final_judgement(reviewer):
    allegation = allegation_create(allegation=Allegation(title="New claim"), by=reviewer)
    assert allegation.status == S.REPORTED
    assert StatusTransition.objects.get(allegation=allegation).to_status == S.REPORTED
    with pytest.raises(TransitionNotAllowed, match="cannot start as confirmed"):
        allegation_create(allegation=Allegation(title="Other"), by=reviewer,
                          initial_status=S.CONFIRMED, rationale=RATIONALE)
    assert not Allegation.objects.filter(title="Other").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", sorted(OPENING_STATUSES_FOR_REVIEWERS))
def test_only_a_reviewer_opens_an_allegation_beyond_reported(analyst, reviewer, status):
    with pytest.raises(RoleRequired, match="Only a reviewer can open an allegation"):
        allegation_create(allegation=Allegation(title="By an analyst"), by=analyst,
                          initial_status=status, rationale=RATIONALE)
    with pytest.raises(RoleRequired):
        allegation_create(allegation=Allegation(title="By a task"), by=SystemActor("task:extract"),
                          initial_status=status, rationale=RATIONALE)
    assert not Allegation.objects.exists()
    opened = allegation_create(allegation=Allegation(title="By a reviewer"), by=reviewer,
                               initial_status=status, rationale=RATIONALE)
    assert opened.status == status
    assert allegation_create(allegation=Allegation(title="Reported"), by=analyst).status == S.REPORTED


def test_the_opening_statuses_sit_beside_the_four_eyes_ones():
    assert set(OPENING_STATUSES) == set(S) - FOUR_EYES_STATUSES
    assert OPENING_STATUSES_FOR_REVIEWERS == set(OPENING_STATUSES) - {S.REPORTED}
    # Every opening status a reviewer may choose is one a reported allegation reaches by a
    # reviewer's decision (not four eyes).
    for status in OPENING_STATUSES_FOR_REVIEWERS:
        assert not transition_for(S.REPORTED, status).needs_four_eyes
    assert opening_refusal("confirmed", is_reviewer=True).startswith("A new allegation cannot start")
    assert opening_refusal("corroborated", is_reviewer=True) is None
    assert opening_refusal("bogus", is_reviewer=True) == "Unknown status “bogus”."


@pytest.mark.django_db
def test_the_database_itself_refuses_to_rewrite_history_on_postgresql(reviewer):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the database trigger exists on PostgreSQL only")
    allegation = _allegation_at(S.REPORTED)
    allegation_transition(allegation=allegation, to_status=S.CORROBORATED, by=reviewer,
                          rationale=RATIONALE, expected_version=allegation.version)
    for sql in ("UPDATE compliance_statustransition SET rationale = 'x'",
                "DELETE FROM compliance_auditentry"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert StatusTransition.objects.get().rationale == RATIONALE
