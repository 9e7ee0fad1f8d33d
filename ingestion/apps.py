from django.apps import AppConfig
from django.db.models.signals import post_migrate


class IngestionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ingestion"
    verbose_name = "Ingestion"

    def ready(self) -> None:
        from compliance.permissions import sync_role_groups

        # Ingestion's permissions exist only after its own migrate: derive the groups again.
        post_migrate.connect(sync_role_groups, sender=self)
