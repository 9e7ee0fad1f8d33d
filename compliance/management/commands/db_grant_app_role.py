"""Grant the application's PostgreSQL role what it needs and no more (see compliance.dbroles)."""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from compliance.dbroles import RoleError, grant_app_role
from compliance.management.owner import as_owner

ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]{0,62}$")


class Command(BaseCommand):
    help = (
        "PostgreSQL: grant ROLE (the role the application connects as) SELECT, INSERT, UPDATE and "
        "DELETE on the record's tables and sequences, only SELECT and INSERT on the history tables, "
        "and the same by default on future tables. Run as the tables' owner (MIGRATION_DATABASE_URL "
        "when set, else DATABASE_URL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, help="e.g. compliance_app (it must exist and own no table)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, role: str, database: str, **options):
        if not ROLE_NAME.match(role):
            raise CommandError(f"{role!r} is not a plain role name.")
        with as_owner(database):
            connection = connections[database]
            if connection.vendor != "postgresql":
                raise CommandError("Roles and grants are for PostgreSQL; this database is "
                                   f"{connection.vendor}.")
            try:
                with transaction.atomic(using=database), connection.cursor() as cursor:
                    report = grant_app_role(cursor, role=role)
            except RoleError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Granted {report.role} read and write on {report.tables - len(report.history)} tables of "
            f"schema {report.schema}, and only SELECT and INSERT on the history: "
            f"{', '.join(report.history)}."
        )
