from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ComplianceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "compliance"
    verbose_name = "Sanctions compliance"

    def ready(self) -> None:
        from compliance import checks  # noqa: F401 - registers the deployment checks
        from compliance.permissions import sync_role_groups

        # Groups and their permissions are derived from the roles after every migrate,
        # so a fresh database has them and a changed role table is applied everywhere.
        post_migrate.connect(sync_role_groups, sender=self)
