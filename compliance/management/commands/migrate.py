"""Django's migrate, run as the tables' owner when MIGRATION_DATABASE_URL is set, followed by
the grants of the application's role (the user of DATABASE_URL): a migration that creates a
history table never leaves the application able to rewrite it (compliance.dbroles)."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.commands.migrate import Command as DjangoMigrate

from compliance.management.owner import app_role, as_owner


class Command(DjangoMigrate):
    help = DjangoMigrate.help + (
        " With MIGRATION_DATABASE_URL set, runs as that role (the owner) and then grants the "
        "application's role (DATABASE_URL's user) with db_grant_app_role."
    )

    def handle(self, *args, **options):
        database = options["database"]
        with as_owner(database) as owner:
            super().handle(*args, **options)
        role = app_role() if owner else None
        if role:
            call_command("db_grant_app_role", role=role, database=database, stdout=self.stdout)
