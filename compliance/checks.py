"""System checks of the deployment (``manage.py check --deploy``)."""

from __future__ import annotations

from django.core.checks import Warning, register
from django.db import DatabaseError, connection


@register(deploy=True)
def check_history_not_owned_by_app_role(app_configs=None, **kwargs):
    """On PostgreSQL, warn when the application's role owns the history tables (or is a
    superuser): it could then ALTER TABLE … DISABLE TRIGGER and rewrite the history."""
    if connection.vendor != "postgresql":
        return []
    from compliance.dbroles import owned_history_tables

    try:
        with connection.cursor() as cursor:
            owned = owned_history_tables(cursor)
            cursor.execute("SELECT current_user")
            user = cursor.fetchone()[0]
    except DatabaseError as exc:
        return [Warning(f"Could not check who owns the history tables: {exc}", id="compliance.W002")]
    if not owned:
        return []
    return [
        Warning(
            f"The application connects as {user}, which owns (or may act as the owner of) the history "
            f"tables {', '.join(owned)}: it could disable their append-only triggers.",
            hint="Run migrations as the owner (MIGRATION_DATABASE_URL) and the application as a role "
            "granted with `manage.py db_grant_app_role --role <role>` (see README, the evidentiary workflow).",
            id="compliance.W001",
        )
    ]
