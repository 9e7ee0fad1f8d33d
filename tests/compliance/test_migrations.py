"""The migrations of issue 10 (deletes) keep the rows: the automatic many-to-many tables
become the explicit, protected link tables without a row lost."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("compliance", "0003_dossier_visit")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_links_made_before_the_link_tables_existed_are_kept_and_protected():
    # every app's latest migration: going back unapplies the other apps' migrations that depend on
    # later compliance ones (ingestion's name links), and the tests after this one need them all
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate(BEFORE)
    Actor, Statement = old.get_model("compliance", "Actor"), old.get_model("compliance", "Statement")
    Allegation, Transfer = old.get_model("compliance", "Allegation"), old.get_model("compliance", "Transfer")
    Transition = old.get_model("compliance", "StatusTransition")
    Document = old.get_model("compliance", "SourceDocument")
    us = Actor.objects.create(name="United States", kind="state")
    ru = Actor.objects.create(name="Russia", kind="state")
    statement = Statement.objects.create(stance="asserts", gist="Containers moved by rail.")
    statement.on_behalf_of.add(us)
    transfer = Transfer.objects.create(title="Shells", supplier=us, recipient=ru, status_claimed="delivered")
    allegation = Allegation.objects.create(title="Shells by rail")
    allegation.transfers.add(transfer)
    transition = Transition.objects.create(allegation=allegation, to_status="reported", rationale="Opened.")
    document = Document.objects.create(title="Briefing")
    transition.cited_statements.add(statement)
    transition.cited_documents.add(document)

    _migrate(leaf)

    from compliance.errors import RecordProtected
    from compliance.models import (
        AllegationTransfer,
        StatementOriginator,
        StatusTransitionCitedDocument,
        StatusTransitionCitedStatement,
    )
    from compliance.models import Actor as NewActor
    from compliance.models import SourceDocument as NewDocument
    from compliance.roles import SystemActor
    from compliance.services.records import record_delete

    assert list(StatementOriginator.objects.values_list("statement_id", "actor_id")) == [(statement.pk, us.pk)]
    assert list(AllegationTransfer.objects.values_list("allegation_id", "transfer_id")) == [
        (allegation.pk, transfer.pk)]
    assert list(StatusTransitionCitedStatement.objects.values_list("transition_id", "statement_id")) == [
        (transition.pk, statement.pk)]
    assert StatusTransitionCitedDocument.objects.filter(document_id=document.pk).exists()
    with pytest.raises(RecordProtected):
        record_delete(instance=NewActor.objects.get(pk=us.pk), by=SystemActor("test"))
    with pytest.raises(RecordProtected):
        record_delete(instance=NewDocument.objects.get(pk=document.pk), by=SystemActor("test"))
