"""Audited writes of the domain's rows. The admin, the seed loader, the API and
ingestion all write through these functions, so every rule and every audit row holds
whichever door the change came in by."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from compliance.choices import AuditAction, Role
from compliance.errors import ConcurrentEdit, DomainError, RecordProtected
from compliance.models import Allegation, AuditEntry, Statement, StatusChangeRequest, StatusTransition
from compliance.roles import Actor, require_role

from .audit import audit_record, diff, snapshot

# Rows that are the record's own history: never written or removed through these doors.
_IMMUTABLE = (AuditEntry, StatusTransition, StatusChangeRequest)


def _check_writable(instance: models.Model) -> None:
    if isinstance(instance, _IMMUTABLE):
        raise DomainError(f"{instance._meta.verbose_name} rows are written only by the workflow.")


@transaction.atomic
def record_save(
    *,
    instance: models.Model,
    by: Actor | None,
    expected_version: int | None = None,
    reason: str = "",
) -> models.Model:
    """Validate and save a new or changed row, and audit it with the values before and after.

    ``expected_version`` is the version the editor loaded; if the row changed since, the
    save is refused rather than overwriting someone else's change."""
    require_role(by, Role.ANALYST, f"edit {instance._meta.verbose_name_plural}")
    _check_writable(instance)
    model = type(instance)
    has_version = _has_version(model)

    if instance.pk is None or instance._state.adding:
        instance.full_clean()
        instance.save()
        audit_record(by=by, action=AuditAction.CREATE, instance=instance,
                     changes=diff({}, snapshot(instance)), reason=reason)
        return instance

    current = model._default_manager.select_for_update().get(pk=instance.pk)
    if has_version:
        seen = instance.version if expected_version is None else expected_version
        if current.version != seen:
            raise ConcurrentEdit(
                f"{model._meta.verbose_name.capitalize()} “{current}” was changed by someone else "
                f"since you loaded it (version {seen}, now {current.version}). Nothing was saved: "
                "reload it and apply your change again."
            )
    if isinstance(instance, Allegation) and instance.status != current.status:
        raise DomainError(
            "The evidentiary status changes only through the workflow (propose a status change)."
        )
    changes = diff(snapshot(current), snapshot(instance))
    changes.pop("version", None)
    if not changes:
        return instance
    instance.full_clean()
    if has_version:
        instance.version = current.version + 1
    instance.save()
    audit_record(by=by, action=AuditAction.UPDATE, instance=instance, changes=changes, reason=reason)
    return instance


@transaction.atomic
def record_delete(*, instance: models.Model, by: Actor | None, reason: str = "") -> None:
    """Delete a row nothing depends on. Rows that evidence or history depend on are refused."""
    require_role(by, Role.ANALYST, f"delete {instance._meta.verbose_name_plural}")
    _check_writable(instance)
    before = snapshot(instance)
    label = str(instance)
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as exc:
        objs = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        blockers = sorted({f"{obj._meta.verbose_name} “{obj}”" for obj in list(objs)[:5]})
        raise RecordProtected(
            f"“{label}” cannot be deleted: the record depends on it ({'; '.join(blockers)}). "
            "Unlink it first, or mark it as withdrawn instead."
        ) from exc
    instance.pk = before.get("id")
    audit_record(by=by, action=AuditAction.DELETE, instance=instance,
                 changes=diff(before, {}), reason=reason)


def _has_version(model: type[models.Model]) -> bool:
    return any(f.name == "version" for f in model._meta.concrete_fields)


def record_lock_version(*, instance: models.Model, expected_version: int | None = None) -> int | None:
    """Lock the row (until the transaction ends) and check that it is still at the version the
    editor read (``expected_version``, else the instance's own). Returns the current version, or
    None for a model without one. Raises ConcurrentEdit, and nothing is written, when it moved."""
    model = type(instance)
    if not _has_version(model):
        return None
    current = model._default_manager.select_for_update().only("pk", "version").get(pk=instance.pk)
    seen = instance.version if expected_version is None else expected_version
    if current.version != seen:
        raise ConcurrentEdit(
            f"{model._meta.verbose_name.capitalize()} “{instance}” was changed by someone else "
            f"since you loaded it (version {seen}, now {current.version}). Nothing was saved: "
            "reload it and apply your change again."
        )
    return current.version


def record_bump_version(*, instance: models.Model, current: int | None) -> None:
    """A change that is not a column of the row (its links, its route) is still a change of the
    row: the version moves on, so a client holding the old ETag is refused (412)."""
    if current is None:
        return
    type(instance)._default_manager.filter(pk=instance.pk).update(
        version=current + 1, updated_at=timezone.now())
    instance.version = current + 1


# Links a row cannot be without: (model, field) → why.
_REQUIRED_LINKS = {
    (Statement, "on_behalf_of"): "A statement needs at least one originator (on behalf of): the government "
                                 "or body whose position it is. It is what corroboration counts.",
}


@transaction.atomic
def record_set_related(
    *,
    instance: models.Model,
    field: str,
    values: Iterable[models.Model],
    by: Actor | None,
    reason: str = "",
    expected_version: int | None = None,
) -> None:
    """Replace the members of a plain many-to-many field, audited. The row must still be at
    ``expected_version`` (default: the instance's own version); a change bumps it."""
    require_role(by, Role.ANALYST, f"edit {instance._meta.verbose_name_plural}")
    values = list(values)
    required = _REQUIRED_LINKS.get((type(instance), field))
    if required and not values:
        raise DomainError(required)
    current = record_lock_version(instance=instance, expected_version=expected_version)
    manager = getattr(instance, field)
    before = sorted(manager.values_list("pk", flat=True))
    after = sorted(v.pk for v in values)
    if before == after:
        return
    manager.set(values)
    record_bump_version(instance=instance, current=current)
    audit_record(by=by, action=AuditAction.UPDATE, instance=instance,
                 changes={field: [before, after]}, reason=reason)
