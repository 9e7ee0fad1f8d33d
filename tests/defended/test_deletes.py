"""Issue 10, cases 2 and 3: nothing reviewed disappears.

Case 2 ("Deletes strip the record"): deleting an actor that only originates statements, or a
statement, document or evidence item cited by a status transition or a change request, used
to succeed and silently remove the link; only some deletes were audited with what was lost.
Case 3 ("Append-only can be bypassed on PostgreSQL"): TRUNCATE of the history succeeded, and
the application's role owned the tables, so it could ALTER TABLE … DISABLE TRIGGER."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.choices import EvidentiaryStatus as S
from compliance.models import Actor, AuditEntry, EvidenceItem, SourceDocument, Statement, StatusTransition
from compliance.services.workflow import allegation_transition, allegation_transition_request
from tests.factories import (
    AllegationFactory,
    EvidenceItemFactory,
    SourceDocumentFactory,
    StateFactory,
    StatementFactory,
)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="TRUNCATE triggers, table ownership and roles exist on PostgreSQL only (CI runs it)",
)


def _api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _etag(row) -> str:
    return f'"{row.pk}-{row.version}"'


def _admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:compliance_{model._meta.model_name}_{view}", args=args)


def _errors(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def _cited_everything(reviewer):
    """A statement, a document and an evidence item cited by a transition only (not linked to
    the allegation), and another three cited by a pending change request only."""
    allegation = AllegationFactory()
    statement, document, evidence = StatementFactory(), SourceDocumentFactory(), EvidenceItemFactory()
    allegation_transition(
        allegation=allegation, to_status=S.CORROBORATED, by=reviewer, expected_version=allegation.version,
        rationale="A second government confirms the shipments independently.",
        statements=[statement], documents=[document], evidence=[evidence],
    )
    transition = StatusTransition.objects.get(allegation=allegation, to_status=S.CORROBORATED)
    allegation.refresh_from_db()
    asked = (StatementFactory(), SourceDocumentFactory(), EvidenceItemFactory())
    request = allegation_transition_request(
        allegation=allegation, to_status=S.CONFIRMED, by=reviewer, expected_version=allegation.version,
        rationale="Imagery and two governments establish the claim.",
        statements=[asked[0]], documents=[asked[1]], evidence=[asked[2]],
    )
    return transition, (statement, document, evidence), request, asked


# --------------------------------------------------------------------------- case 2


@pytest.mark.django_db
def test_case_2_api_delete_of_an_actor_that_originates_a_statement_is_409_and_the_statement_keeps_it(analyst):
    actor = StateFactory(name="Republic of Example")
    statement = StatementFactory(on_behalf_of=[actor])
    response = _api(analyst).delete(f"/api/v1/actors/{actor.pk}/", HTTP_IF_MATCH=_etag(actor))
    assert response.status_code == 409, response.content
    body = response.json()
    assert {"model": "compliance.statement", "id": statement.pk} in [
        {"model": u["model"], "id": u["id"]} for u in body["uses"]]
    assert f"statement #{statement.pk}" in body["detail"]
    assert list(statement.on_behalf_of.all()) == [actor]
    assert not AuditEntry.objects.filter(action="delete").exists()


@pytest.mark.django_db
def test_case_2_admin_delete_of_an_actor_that_originates_a_statement_is_refused_naming_it(client, analyst):
    actor = StateFactory(name="Republic of Example")
    statement = StatementFactory(on_behalf_of=[actor])
    client.force_login(analyst)

    response = client.post(_admin_url(Actor, "delete", actor.pk), {"post": "yes", "reason": "dup"}, follow=True)
    assert any(f"statement #{statement.pk}" in m for m in _errors(response)), _errors(response)
    response = client.post(_admin_url(Actor, "changelist"), {
        "action": "delete_selected", "_selected_action": [actor.pk], "post": "yes",
    }, follow=True)
    assert any(f"statement #{statement.pk}" in m for m in _errors(response)), _errors(response)

    assert Actor.objects.filter(pk=actor.pk).exists()
    assert list(Statement.objects.get(pk=statement.pk).on_behalf_of.all()) == [actor]


@pytest.mark.django_db
def test_case_2_deleting_what_a_transition_or_a_request_cites_is_refused_and_the_citation_stays(
        analyst, reviewer):
    transition, cited, request, asked = _cited_everything(reviewer)
    client = _api(analyst)
    endpoints = {Statement: "statements", SourceDocument: "documents", EvidenceItem: "evidence"}
    for row in (*cited, *asked):
        response = client.delete(f"/api/v1/{endpoints[type(row)]}/{row.pk}/", HTTP_IF_MATCH=_etag(row))
        assert response.status_code == 409, (row, response.content)
        uses = {(u["model"], u["id"]) for u in response.json()["uses"]}
        owner = ("compliance.statustransition", transition.pk) if row in cited else (
            "compliance.statuschangerequest", request.pk)
        assert owner in uses
        assert type(row).objects.filter(pk=row.pk).exists()
    transition = StatusTransition.objects.get(pk=transition.pk)
    assert list(transition.cited_statements.all()) == [cited[0]]
    assert list(transition.cited_documents.all()) == [cited[1]]
    assert list(transition.cited_evidence.all()) == [cited[2]]
    request.refresh_from_db()
    assert (list(request.cited_statements.all()), list(request.cited_documents.all()),
            list(request.cited_evidence.all())) == ([asked[0]], [asked[1]], [asked[2]])


@pytest.mark.django_db
def test_case_2_deleting_a_cited_row_in_the_admin_is_refused(client, analyst, reviewer):
    transition, (statement, document, evidence), _, _ = _cited_everything(reviewer)
    client.force_login(analyst)
    for row in (statement, document, evidence):
        response = client.post(_admin_url(type(row), "delete", row.pk), {"post": "yes"}, follow=True)
        assert any(f"status transition #{transition.pk}" in m for m in _errors(response)), _errors(response)
        assert type(row).objects.filter(pk=row.pk).exists()
    assert transition.cited_statements.count() == 1


@pytest.mark.django_db
def test_case_2_every_delete_is_audited_with_who_why_and_everything_before(client, analyst):
    """Through the API and the admin (one row and the bulk action): the audit entry names the
    user and the reason, and keeps the row's values and its links (its originators)."""
    us, uk, fr = StateFactory(name="Us"), StateFactory(name="Uk"), StateFactory(name="Fr")
    by_api = StatementFactory(on_behalf_of=[us, uk], gist="Entered twice by the API")
    by_page = StatementFactory(on_behalf_of=[fr], gist="Entered twice in the admin")
    by_bulk = StatementFactory(on_behalf_of=[us], gist="Entered twice, bulk")

    response = _api(analyst).delete(f"/api/v1/statements/{by_api.pk}/", HTTP_IF_MATCH=_etag(by_api),
                                    HTTP_X_CHANGE_REASON="Duplicate of another statement.")
    assert response.status_code == 204
    client.force_login(analyst)
    response = client.post(_admin_url(Statement, "delete", by_page.pk),
                           {"post": "yes", "reason": "Typed twice."})
    assert response.status_code == 302
    response = client.post(_admin_url(Statement, "changelist"), {
        "action": "delete_selected", "_selected_action": [by_bulk.pk], "post": "yes", "reason": "Bulk clean-up.",
    })
    assert response.status_code == 302

    entries = {e.object_id: e for e in AuditEntry.objects.filter(action="delete", model="compliance.Statement")}
    assert set(entries) == {str(by_api.pk), str(by_page.pk), str(by_bulk.pk)}
    for row, reason, originators in ((by_api, "Duplicate of another statement.", [us, uk]),
                                     (by_page, "Typed twice.", [fr]), (by_bulk, "Bulk clean-up.", [us])):
        entry = entries[str(row.pk)]
        assert (entry.user, entry.reason) == (analyst, reason)
        assert entry.changes["gist"] == [row.gist, None]
        assert entry.changes["on_behalf_of"] == [sorted(a.pk for a in originators), None]
    assert Actor.objects.filter(pk__in=[us.pk, uk.pk, fr.pk]).count() == 3


# --------------------------------------------------------------------------- case 3


@postgres_only
@pytest.mark.django_db
def test_case_3_truncate_of_the_history_is_refused_even_for_the_owner(reviewer):
    allegation = AllegationFactory()
    allegation_transition(allegation=allegation, to_status=S.CORROBORATED, by=reviewer,
                          expected_version=allegation.version, statements=[StatementFactory()],
                          rationale="A second government confirms the shipments independently.")
    with connection.cursor() as cursor:
        # Check the deferred foreign keys now: PostgreSQL refuses TRUNCATE while they wait.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for table in ("compliance_statustransition", "compliance_auditentry",
                  "compliance_statustransition_cited_statements"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table} CASCADE")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM compliance_statustransition_cited_statements")
    assert StatusTransition.objects.filter(allegation=allegation).count() == 1


@pytest.fixture
def app_role(transactional_db):
    """A LOGIN role of the test cluster granted as the application's role, dropped at the end."""
    import psycopg

    name = f"compliance_app_{uuid.uuid4().hex[:10]}"
    password = uuid.uuid4().hex
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} LOGIN PASSWORD %s", [password])
    try:
        call_command("db_grant_app_role", role=name, stdout=open("/dev/null", "w"))
        s = connection.settings_dict
        conn = psycopg.connect(dbname=s["NAME"], user=name, password=password, host=s["HOST"] or None,
                               port=s["PORT"] or None, autocommit=True)
        try:
            yield conn
        finally:
            conn.close()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {name}")
            cursor.execute(f"DROP ROLE {name}")


_HISTORY = ("compliance_statustransition", "compliance_statustransition_cited_statements",
            "compliance_statustransition_cited_documents", "compliance_statustransition_cited_evidence",
            "compliance_auditentry")


@postgres_only
def test_case_3_the_application_role_cannot_rewrite_truncate_or_untrigger_the_history(app_role):
    import psycopg

    cursor = app_role.cursor()
    cursor.execute(
        "INSERT INTO compliance_auditentry (at, actor_label, action, model, object_id, object_repr, changes, "
        "reason) VALUES (now(), 'test', 'create', 'compliance.Actor', '1', 'x', '{}', '') RETURNING id")
    entry_id = cursor.fetchone()[0]
    cursor.execute("INSERT INTO compliance_actor (name, kind, aliases, country, description, created_at, "
                   "updated_at, version, withdrawal_reason) VALUES ('A', 'state', '[]', '', '', now(), now(), 1, '') "
                   "RETURNING id")
    actor_id = cursor.fetchone()[0]
    cursor.execute("UPDATE compliance_actor SET name = 'B' WHERE id = %s", [actor_id])  # the record: writable
    cursor.execute("DELETE FROM compliance_actor WHERE id = %s", [actor_id])
    for table in _HISTORY:
        for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}", f"TRUNCATE {table} CASCADE",
                          f"ALTER TABLE {table} DISABLE TRIGGER ALL",
                          f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only",
                          f"DROP TRIGGER {table}_no_truncate ON {table}"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                cursor.execute(statement)
    cursor.execute("SELECT count(*) FROM compliance_auditentry WHERE id = %s", [entry_id])
    assert cursor.fetchone()[0] == 1


@postgres_only
def test_case_3_check_deploy_warns_when_the_application_connects_as_the_owner(app_role):
    from compliance.checks import check_history_not_owned_by_app_role
    from compliance.dbroles import owned_history_tables

    warnings = check_history_not_owned_by_app_role()
    assert [w.id for w in warnings] == ["compliance.W001"]
    assert "compliance_statustransition" in warnings[0].msg
    assert owned_history_tables(app_role.cursor()) == []
