"""PostgreSQL roles for a deployment in which the application cannot rewrite its history.

Migrations run as the role that owns the tables (``MIGRATION_DATABASE_URL``); the application
connects as another role (``DATABASE_URL``) that may read and write the record but may only
read and append to the history: no UPDATE, DELETE or TRUNCATE there, and, not being the
owner, no ``ALTER TABLE … DISABLE TRIGGER`` and no ``DROP TRIGGER``. The triggers
(compliance/migrations/0002 and 0007_history_triggers) hold even for the owner;
the grants hold even if a trigger were dropped."""

from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql


def history_tables() -> list[str]:
    """The append-only tables: the status history, its citations and the audit trail."""
    from compliance.models import (
        AuditEntry,
        StatusTransition,
        StatusTransitionCitedDocument,
        StatusTransitionCitedEvidence,
        StatusTransitionCitedStatement,
    )

    return [m._meta.db_table for m in (StatusTransition, StatusTransitionCitedStatement,
                                       StatusTransitionCitedDocument, StatusTransitionCitedEvidence,
                                       AuditEntry)]


class RoleError(Exception):
    """The role cannot be set up as the application's role; the message says why."""


@dataclass
class GrantReport:
    role: str
    schema: str
    tables: int
    history: list[str]


def owned_history_tables(cursor) -> list[str]:
    """The history tables the connected role owns or may act as the owner of (a member of the
    owning role, or a superuser): that role could disable the triggers."""
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY(%s) "
        "AND pg_has_role(current_user, tableowner, 'USAGE') ORDER BY tablename",
        [history_tables()],
    )
    return [row[0] for row in cursor.fetchall()]


def grant_app_role(cursor, *, role: str) -> GrantReport:
    """Grant ``role`` what the application needs, run as the tables' owner: read and write on
    the record's tables and sequences, only SELECT and INSERT on the history tables, and the
    same by default on tables the owner creates later (run again after each migration: the
    migrate command does it when MIGRATION_DATABASE_URL is set)."""
    cursor.execute(
        "SELECT r.rolsuper, pg_has_role(%s, current_user, 'USAGE'), current_user, current_schema() "
        "FROM pg_roles r WHERE r.rolname = %s",
        [role, role],
    )
    row = cursor.fetchone()
    if row is None:
        raise RoleError(f"There is no role {role!r}: create it first (CREATE ROLE {role} LOGIN PASSWORD …).")
    is_super, shares_owner, owner, schema = row
    if is_super:
        raise RoleError(f"{role} is a superuser: it could bypass every trigger and grant. Use a plain LOGIN role.")
    if shares_owner:
        raise RoleError(
            f"{role} is (or is a member of) {owner}, the role running this command: it would own the "
            "tables and could disable their triggers. Run this as the owner, for another role."
        )
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
        "AND pg_has_role(%s, tableowner, 'USAGE')",
        [role],
    )
    owned = [r[0] for r in cursor.fetchall()]
    if owned:
        raise RoleError(f"{role} owns {', '.join(sorted(owned))}: the application's role must own no table.")
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tableowner = current_user"
    )
    tables = [r[0] for r in cursor.fetchall()]
    history = [t for t in history_tables() if t in tables]
    missing = sorted(set(history_tables()) - set(tables))
    if missing:
        raise RoleError(f"{owner} does not own {', '.join(missing)}: run this as the owner, after migrate.")

    r, s = sql.Identifier(role), sql.Identifier(schema)
    statements = [
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, r),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(s, r),
        sql.SQL("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(s, r),
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}")
        .format(s, r),
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {}").format(s, r),
    ]
    for table in history:
        t = sql.Identifier(schema, table)
        statements.append(sql.SQL("REVOKE ALL ON {} FROM {}").format(t, r))
        statements.append(sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(t, r))
    raw = getattr(cursor, "cursor", cursor)  # a Django cursor wraps psycopg's
    for statement in statements:
        cursor.execute(statement.as_string(raw))
    return GrantReport(role=role, schema=schema, tables=len(tables), history=history)
