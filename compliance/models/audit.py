from django.conf import settings
from django.db import models

from compliance.choices import AuditAction

from .allegations import AppendOnlyQuerySet


class AuditEntry(models.Model):
    """Who changed what, when and why, with the values before and after. Written by the
    services explicitly (not by signals) so background work is recorded too."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=100, blank=True, help_text="Task or command, when not a user.")
    action = models.CharField(max_length=12, choices=AuditAction.choices)
    model = models.CharField(max_length=60, db_index=True)
    object_id = models.CharField(max_length=40, db_index=True)
    object_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True, help_text="{field: [before, after]}")
    reason = models.TextField(blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["model", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.who} {self.action} {self.model} {self.object_repr}"

    @property
    def who(self) -> str:
        return self.user.get_username() if self.user_id else (self.actor_label or "system")

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit trail is append-only.")
