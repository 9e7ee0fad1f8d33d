"""On PostgreSQL, the history refuses TRUNCATE too, and a transition's citations are as
append-only as the transition.

Row triggers (0002) do not fire on TRUNCATE, so ``TRUNCATE compliance_statustransition``
emptied the history. A statement-level BEFORE TRUNCATE trigger refuses it. (A superuser doing
maintenance can still bypass triggers deliberately with ``SET session_replication_role =
replica``; the application's role cannot, see ``manage.py db_grant_app_role``.)"""

from django.db import migrations

# compliance.models.history_tables() lists the same tables for the grants and the deploy check.
HISTORY_TABLES = ["compliance_statustransition", "compliance_auditentry"]
CITATION_TABLES = [
    "compliance_statustransition_cited_statements",
    "compliance_statustransition_cited_documents",
    "compliance_statustransition_cited_evidence",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in CITATION_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION compliance_refuse_history_change();"
        )
    for table in HISTORY_TABLES + CITATION_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION compliance_refuse_history_change();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in HISTORY_TABLES + CITATION_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")
    for table in CITATION_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")


class Migration(migrations.Migration):
    dependencies = [("compliance", "0006_withdrawal")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
