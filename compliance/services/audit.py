from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models

from compliance.choices import AuditAction
from compliance.models import AuditEntry
from compliance.roles import Actor, SystemActor


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of a row, JSON-ready (foreign keys as ids)."""
    return {
        field.attname: _jsonable(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name not in {"created_at", "updated_at"}
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def audit_record(
    *,
    by: Actor | None,
    action: AuditAction,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    user = None if by is None or isinstance(by, SystemActor) else by
    return AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        actor_label=by.label if isinstance(by, SystemActor) else "",
        action=action,
        model=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=_jsonable(changes or {}),
        reason=reason,
    )
