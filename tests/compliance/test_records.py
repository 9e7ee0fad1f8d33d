"""Audited writes: who, when, before/after; stale edits refused; evidence never cascaded."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from compliance.choices import EvidentiaryStatus, TransportMode
from compliance.errors import ConcurrentEdit, DomainError, RecordProtected, RoleRequired
from compliance.models import Actor, AuditEntry, Place, RouteLeg, SourceDocument, Statement, StatementOriginator
from compliance.services.records import (
    record_delete,
    record_reinstate,
    record_save,
    record_set_related,
    record_uses,
    record_withdraw,
)
from compliance.services.transfers import LegData, transfer_set_route
from tests.factories import (
    AllegationFactory,
    AllegationStatementFactory,
    EvidenceItemFactory,
    PlaceFactory,
    SourceDocumentFactory,
    StateFactory,
    StatementFactory,
    TransferFactory,
)


@pytest.mark.django_db
def test_create_and_update_are_audited_with_before_and_after(analyst):
    doc = record_save(instance=SourceDocument(title="Kirby briefing", reliability="B", credibility="2"),
                      by=analyst)
    doc.credibility = "3"
    record_save(instance=doc, by=analyst, reason="Second-hand report of the briefing.")
    created, updated = AuditEntry.objects.filter(object_id=str(doc.pk)).order_by("id")
    assert created.action == "create" and created.user == analyst
    assert updated.changes == {"credibility": ["2", "3"]}
    assert updated.reason == "Second-hand report of the briefing."
    doc.refresh_from_db()
    assert doc.version == 2


@pytest.mark.django_db
def test_a_save_without_changes_writes_nothing(analyst):
    doc = SourceDocumentFactory()
    record_save(instance=doc, by=analyst)
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_a_stale_edit_is_refused_and_the_newer_value_kept(analyst, reviewer):
    doc = SourceDocumentFactory(title="Original")
    mine = SourceDocument.objects.get(pk=doc.pk)
    theirs = SourceDocument.objects.get(pk=doc.pk)
    theirs.title = "Their fix"
    record_save(instance=theirs, by=reviewer)
    mine.title = "My fix"
    with pytest.raises(ConcurrentEdit, match="changed by someone else"):
        record_save(instance=mine, by=analyst)
    assert SourceDocument.objects.get(pk=doc.pk).title == "Their fix"


@pytest.mark.django_db
def test_viewers_cannot_write(viewer):
    with pytest.raises(RoleRequired):
        record_save(instance=SourceDocument(title="x"), by=viewer)
    assert SourceDocument.objects.count() == 0


@pytest.mark.django_db
def test_invalid_values_are_refused_with_field_messages(analyst):
    place = Place(name="Nowhere", kind="port", latitude=142.88, longitude=132.3)
    with pytest.raises(ValidationError) as excinfo:
        record_save(instance=place, by=analyst)
    assert "latitude" in excinfo.value.message_dict
    assert Place.objects.count() == 0


@pytest.mark.django_db
def test_status_cannot_be_saved_outside_the_workflow(reviewer):
    allegation = AllegationFactory()
    allegation.status = EvidentiaryStatus.CONFIRMED
    with pytest.raises(DomainError, match="only through the workflow"):
        record_save(instance=allegation, by=reviewer)
    allegation.refresh_from_db()
    assert allegation.status == EvidentiaryStatus.REPORTED


@pytest.mark.django_db
def test_deleting_a_cited_source_is_refused_not_cascaded(administrator):
    doc = SourceDocumentFactory()
    statement = StatementFactory(documents=[doc])
    with pytest.raises(RecordProtected, match="cannot be deleted"):
        record_delete(instance=doc, by=administrator)
    assert SourceDocument.objects.filter(pk=doc.pk).exists()
    assert statement.source_links.count() == 1


@pytest.mark.django_db
def test_deleting_a_statement_or_evidence_in_an_allegation_is_refused(administrator):
    link = AllegationStatementFactory()
    with pytest.raises(RecordProtected):
        record_delete(instance=link.statement, by=administrator)
    evidence = EvidenceItemFactory(document=SourceDocumentFactory())
    with pytest.raises(RecordProtected):
        record_delete(instance=evidence.document, by=administrator)
    assert Statement.objects.filter(pk=link.statement_id).exists()


@pytest.mark.django_db
def test_an_unreferenced_row_is_deleted_and_the_deletion_audited(analyst):
    doc = SourceDocumentFactory(title="Duplicate entry")
    record_delete(instance=doc, by=analyst, reason="Entered twice.")
    entry = AuditEntry.objects.get(action="delete")
    assert entry.object_repr == "Duplicate entry" and entry.reason == "Entered twice."
    assert entry.changes["title"] == ["Duplicate entry", None]


@pytest.mark.django_db
def test_history_rows_cannot_be_written_through_records(administrator):
    entry = AuditEntry.objects.create(action="create", model="x", object_id="1", object_repr="x")
    with pytest.raises(DomainError):
        record_delete(instance=entry, by=administrator)


@pytest.mark.django_db
def test_many_to_many_changes_are_audited(analyst):
    statement = StatementFactory()
    us, uk = StateFactory(), StateFactory()
    record_set_related(instance=statement, field="on_behalf_of", values=[us, uk], by=analyst)
    entry = AuditEntry.objects.get()
    assert entry.changes["on_behalf_of"][1] == sorted([us.pk, uk.pk])


@pytest.mark.django_db
def test_a_route_is_replaced_as_a_whole_in_order(analyst):
    najin, dunay, tikhoretsk = PlaceFactory(name="Najin"), PlaceFactory(name="Dunay"), PlaceFactory(
        name="Tikhoretsk")
    transfer = TransferFactory()
    transfer_set_route(transfer=transfer, by=analyst, legs=[
        LegData(najin, dunay, TransportMode.SEA, departed_on=datetime.date(2023, 9, 7)),
        LegData(dunay, tikhoretsk, TransportMode.RAIL),
    ])
    legs = list(transfer.legs.order_by("sequence").values_list("sequence", "from_place__name",
                                                               "to_place__name", "mode"))
    assert legs == [(1, "Najin", "Dunay", "sea"), (2, "Dunay", "Tikhoretsk", "rail")]
    assert AuditEntry.objects.get().changes["route"][0] == []

    transfer_set_route(transfer=transfer, by=analyst, legs=[LegData(najin, tikhoretsk, "unknown")])
    assert transfer.legs.count() == 1


@pytest.mark.django_db
def test_a_broken_route_is_refused_and_the_old_one_kept(analyst):
    a, b, c = PlaceFactory(), PlaceFactory(), PlaceFactory()
    transfer = TransferFactory()
    transfer_set_route(transfer=transfer, by=analyst, legs=[LegData(a, b, "sea")])
    with pytest.raises(ValidationError, match="starts at"):
        transfer_set_route(transfer=transfer, by=analyst,
                           legs=[LegData(a, b, "sea"), LegData(c, a, "rail")])
    assert list(RouteLeg.objects.values_list("from_place", "to_place")) == [(a.pk, b.pk)]


# --------------------------------------------------------------------------- where a row is used


@pytest.mark.django_db
def test_a_refused_delete_lists_every_use_by_the_row_that_uses_it(administrator):
    actor = StateFactory(name="Republic of Example")
    first, second = StatementFactory(on_behalf_of=[actor]), StatementFactory(on_behalf_of=[actor])
    with pytest.raises(RecordProtected) as refused:
        record_delete(instance=actor, by=administrator)
    uses = [(u.model, u.id) for u in refused.value.uses]
    assert uses == [("compliance.statement", first.pk), ("compliance.statement", second.pk)]
    assert record_uses(instance=actor) == refused.value.uses
    assert "Withdraw it instead" in str(refused.value)


@pytest.mark.django_db
def test_a_transfer_in_an_allegation_cannot_be_deleted(administrator):
    allegation, transfer = AllegationFactory(), TransferFactory()
    allegation.transfers.add(transfer)
    with pytest.raises(RecordProtected) as refused:
        record_delete(instance=transfer, by=administrator)
    assert [(u.model, u.id) for u in refused.value.uses] == [("compliance.allegation", allegation.pk)]
    assert list(allegation.transfers.all()) == [transfer]


@pytest.mark.django_db
def test_an_unused_row_has_no_uses_and_deleting_it_keeps_its_links_in_the_audit(analyst):
    us = StateFactory()
    statement = StatementFactory(on_behalf_of=[us])
    assert record_uses(instance=statement) == []
    record_delete(instance=statement, by=analyst, reason="Entered twice.")
    entry = AuditEntry.objects.get(action="delete")
    assert entry.changes["on_behalf_of"] == [[us.pk], None]
    assert not StatementOriginator.objects.filter(statement_id=statement.pk).exists()


@pytest.mark.django_db
def test_links_that_carry_their_own_data_are_not_set_as_members(analyst):
    allegation = AllegationFactory()
    with pytest.raises(DomainError, match="carry their own data"):
        record_set_related(instance=allegation, field="statements", values=[StatementFactory()], by=analyst)


# --------------------------------------------------------------------------- withdrawal


@pytest.mark.django_db
@pytest.mark.parametrize("make", [StateFactory, StatementFactory, SourceDocumentFactory])
def test_withdrawal_keeps_the_row_marked_with_who_when_and_why_and_is_audited(analyst, make):
    row = make()
    withdrawn = record_withdraw(instance=row, by=analyst, reason="  The ministry retracted it.  ")
    row.refresh_from_db()
    assert row.is_withdrawn and row.withdrawn_by == analyst and row.withdrawal_reason == "The ministry retracted it."
    assert row.version == 2 == withdrawn.version
    entry = AuditEntry.objects.get(object_id=str(row.pk), model=type(row)._meta.label)
    assert (entry.action, entry.user, entry.reason) == ("update", analyst, "The ministry retracted it.")
    assert entry.changes["withdrawn_at"][0] is None and entry.changes["withdrawn_at"][1]
    assert entry.changes["withdrawn_by_id"] == [None, analyst.pk]


@pytest.mark.django_db
def test_withdrawal_needs_a_reason_and_happens_once(analyst):
    statement = StatementFactory()
    with pytest.raises(DomainError, match="reason is required"):
        record_withdraw(instance=statement, by=analyst, reason="  ")
    record_withdraw(instance=statement, by=analyst, reason="Retracted.")
    with pytest.raises(DomainError, match="already withdrawn"):
        record_withdraw(instance=Statement.objects.get(pk=statement.pk), by=analyst, reason="Again.")
@pytest.mark.django_db
def test_a_link_change_bumps_the_version_and_a_stale_one_is_refused(analyst):
    statement = StatementFactory()
    read = statement.version
    us, uk = StateFactory(), StateFactory()
    record_set_related(instance=statement, field="on_behalf_of", values=[us], by=analyst, expected_version=read)
    assert statement.version == read + 1 == Statement.objects.get(pk=statement.pk).version
    with pytest.raises(ConcurrentEdit, match="changed by someone else"):
        record_set_related(instance=statement, field="on_behalf_of", values=[uk], by=analyst,
                           expected_version=read)
    assert list(statement.on_behalf_of.all()) == [us]
    # The same members again is no change: no new version, no audit row.
    record_set_related(instance=statement, field="on_behalf_of", values=[us], by=analyst)
    assert Statement.objects.get(pk=statement.pk).version == read + 1
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_withdrawal_is_refused_to_viewers_to_stale_editors_and_for_other_rows(viewer, analyst):
    statement = StatementFactory()
    with pytest.raises(RoleRequired):
        record_withdraw(instance=statement, by=viewer, reason="No.")
    with pytest.raises(ConcurrentEdit):
        record_withdraw(instance=statement, by=analyst, reason="Stale.", expected_version=7)
    with pytest.raises(DomainError, match="cannot be withdrawn"):
        record_withdraw(instance=EvidenceItemFactory(), by=analyst, reason="Not withdrawable.")
    statement.refresh_from_db()
    assert not statement.is_withdrawn


@pytest.mark.django_db
def test_a_withdrawn_row_can_be_reinstated_with_a_reason(analyst):
    actor = StateFactory()
    record_withdraw(instance=actor, by=analyst, reason="Merged into another entry.")
    with pytest.raises(DomainError, match="reason is required"):
        record_reinstate(instance=Actor.objects.get(pk=actor.pk), by=analyst, reason="")
    record_reinstate(instance=Actor.objects.get(pk=actor.pk), by=analyst, reason="The merge was wrong.")
    actor.refresh_from_db()
    assert not actor.is_withdrawn and actor.withdrawn_by is None and actor.withdrawal_reason == ""
    assert [e.reason for e in AuditEntry.objects.order_by("id")] == ["Merged into another entry.",
                                                                       "The merge was wrong."]
    with pytest.raises(DomainError, match="not withdrawn"):
        record_reinstate(instance=actor, by=analyst, reason="Twice.")


@pytest.mark.django_db
def test_withdrawal_fields_are_not_written_by_an_ordinary_save(analyst):
    statement = StatementFactory()
    record_withdraw(instance=statement, by=analyst, reason="Retracted.")
    stale = Statement.objects.get(pk=statement.pk)
    stale.gist = "Corrected wording"
    record_save(instance=stale, by=analyst)
    statement.refresh_from_db()
    assert statement.is_withdrawn and statement.gist == "Corrected wording"
def test_a_statement_keeps_at_least_one_originator(analyst):
    statement = StatementFactory()
    with pytest.raises(DomainError, match="at least one originator"):
        record_set_related(instance=statement, field="on_behalf_of", values=[], by=analyst)
    assert statement.on_behalf_of.count() == 1 and not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_a_new_route_bumps_the_transfer_version_and_a_stale_one_is_refused(analyst):
    a, b, c = PlaceFactory(), PlaceFactory(), PlaceFactory()
    transfer = TransferFactory()
    read = transfer.version
    transfer_set_route(transfer=transfer, by=analyst, legs=[LegData(a, b, "sea")], expected_version=read)
    assert transfer.version == read + 1
    with pytest.raises(ConcurrentEdit):
        transfer_set_route(transfer=transfer, by=analyst, legs=[LegData(a, c, "sea")], expected_version=read)
    assert list(RouteLeg.objects.values_list("from_place", "to_place")) == [(a.pk, b.pk)]
    # The same route again changes nothing, not even the version.
    transfer_set_route(transfer=transfer, by=analyst, legs=[LegData(a, b, "sea")])
    assert transfer.version == read + 1


@pytest.mark.django_db
def test_only_a_reviewer_can_be_an_allegations_assigned_reviewer(analyst, viewer, reviewer, administrator):
    allegation = AllegationFactory()
    for user in (viewer, analyst):
        allegation.assigned_reviewer = user
        with pytest.raises(ValidationError) as refused:
            record_save(instance=allegation, by=analyst)
        assert "assigned_reviewer" in refused.value.message_dict
        assert "needs the reviewer or administrator role" in refused.value.message_dict["assigned_reviewer"][0]
    for user in (reviewer, administrator):
        allegation.assigned_reviewer = user
        record_save(instance=allegation, by=analyst)
    reviewer.is_active = False
    reviewer.save()
    allegation.assigned_reviewer = reviewer
    with pytest.raises(ValidationError, match="inactive"):
        record_save(instance=allegation, by=analyst)
