"""The deployment in which the application's PostgreSQL role does not own the tables:
`db_grant_app_role`, `migrate` as the owner (MIGRATION_DATABASE_URL), and the deploy check."""

import io
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from compliance.checks import check_history_not_owned_by_app_role
from compliance.management.owner import app_role

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="roles and grants are PostgreSQL's (CI runs it)")


def test_the_app_role_is_the_database_user_only_when_migrations_run_as_another(settings, monkeypatch):
    monkeypatch.setitem(settings.DATABASES["default"], "USER", "compliance_app")
    settings.MIGRATION_DATABASE_URL = ""
    assert app_role() is None
    settings.MIGRATION_DATABASE_URL = "postgres://compliance_owner:pw@db:5432/compliance"
    assert app_role() == "compliance_app"
    settings.MIGRATION_DATABASE_URL = "postgres://compliance_app:pw@db:5432/compliance"
    assert app_role() is None


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the refusal on SQLite")
@pytest.mark.django_db
def test_on_sqlite_the_grant_command_says_it_is_for_postgresql_and_the_check_is_silent():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("db_grant_app_role", role="compliance_app")
    assert check_history_not_owned_by_app_role() == []


@pytest.mark.django_db
def test_a_role_name_that_is_not_plain_is_refused():
    with pytest.raises(CommandError, match="not a plain role name"):
        call_command("db_grant_app_role", role="app; DROP TABLE x")


@postgres_only
@pytest.mark.django_db
def test_grants_are_refused_for_a_missing_role_a_superuser_or_the_owner_itself():
    with pytest.raises(CommandError, match="There is no role"):
        call_command("db_grant_app_role", role=f"missing_{uuid.uuid4().hex[:8]}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
    with pytest.raises(CommandError, match="superuser|is \\(or is a member of\\)"):
        call_command("db_grant_app_role", role=owner)


@postgres_only
def test_migrate_as_the_owner_grants_the_application_role(transactional_db, settings):
    """The documented deployment: DATABASE_URL names the application's role,
    MIGRATION_DATABASE_URL the owner; `migrate` runs as the owner and grants the role."""
    import psycopg

    name, password = f"compliance_app_{uuid.uuid4().hex[:10]}", uuid.uuid4().hex
    s = connection.settings_dict
    owner = dict(s)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} LOGIN PASSWORD %s", [password])
    try:
        settings.MIGRATION_DATABASE_URL = (
            f"postgres://{owner['USER']}:{owner['PASSWORD'] or ''}@{owner['HOST'] or '127.0.0.1'}:"
            f"{owner['PORT'] or 5432}/{owner['NAME']}")
        connection.close()
        s.update(USER=name, PASSWORD=password)
        try:
            out = io.StringIO()
            call_command("migrate", verbosity=0, stdout=out)
            assert f"Granted {name}" in out.getvalue()
            assert s["USER"] == name  # the application's credentials are back after the command
        finally:
            connection.close()
            s.update(USER=owner["USER"], PASSWORD=owner["PASSWORD"])
        with psycopg.connect(dbname=s["NAME"], user=name, password=password, host=s["HOST"] or None,
                             port=s["PORT"] or None, autocommit=True) as app:
            app.execute("SELECT count(*) FROM compliance_actor")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute("DELETE FROM compliance_auditentry")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {name}")
            cursor.execute(f"DROP ROLE {name}")
