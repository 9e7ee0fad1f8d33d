"""Audited writes of the domain's rows. The admin, the seed loader, the API and
ingestion all write through these functions, so every rule and every audit row holds
whichever door the change came in by."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.apps import apps
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from compliance.choices import AuditAction, Role
from compliance.errors import ConcurrentEdit, DomainError, RecordProtected, RecordUse
from compliance.models import Allegation, AuditEntry, Statement, StatusChangeRequest, StatusTransition
from compliance.models.base import Withdrawable
from compliance.roles import Actor, SystemActor, require_role

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


@cache
def _link_models() -> frozenset[type[models.Model]]:
    """Every model that is the table of a many-to-many field (automatic or explicit)."""
    return frozenset(
        field.remote_field.through
        for model in apps.get_models()
        for field in model._meta.local_many_to_many
    )


def is_plain_link(field: models.ManyToManyField) -> bool:
    """Whether a many-to-many field's rows are only the pair of ids (an automatic table, or
    an explicit one that exists to protect its rows), so it can be set as a list of members."""
    through = field.remote_field.through
    own = [f for f in through._meta.concrete_fields if not f.primary_key]
    return len(own) == 2 and all(f.many_to_one for f in own)


def _use_of(obj: models.Model, deleted: models.Model) -> RecordUse:
    """Where ``obj`` (a row that blocks the delete) uses the deleted row. A link row
    (a statement's originator, a transition's citation) is reported as the row on its
    other side: the statement, the transition."""
    if type(obj) in _link_models():
        for field in obj._meta.concrete_fields:
            if not field.many_to_one:
                continue
            if isinstance(deleted, field.related_model) and getattr(obj, field.attname) == deleted.pk:
                continue
            obj = getattr(obj, field.name)
            break
    return RecordUse(model=obj._meta.label_lower, id=obj.pk, label=f"{obj._meta.verbose_name} #{obj.pk}: {obj}"[:300])


def record_uses(*, instance: models.Model, limit: int = 100) -> list[RecordUse]:
    """The rows that would stop ``instance`` from being deleted (nothing is deleted)."""
    collector = models.deletion.Collector(using=instance._state.db or "default")
    try:
        collector.collect([instance])
    except ProtectedError as exc:
        objs = exc.protected_objects
    except RestrictedError as exc:
        objs = exc.restricted_objects
    else:
        return []
    return _uses(objs, instance, limit)


def _uses(objs, instance: models.Model, limit: int) -> list[RecordUse]:
    uses = {(u.model, u.id): u for u in (_use_of(obj, instance) for obj in list(objs)[: limit * 3])}
    return sorted(uses.values(), key=lambda u: (u.model, u.id))[:limit]


@transaction.atomic
def record_delete(*, instance: models.Model, by: Actor | None, reason: str = "") -> None:
    """Delete a row nothing depends on, audited with its values (and its many-to-many
    members) before. A row that anything cites (a statement's originator, a transition's
    or a request's citation, an allegation's statement...) is refused with the list of
    its uses: nothing is cascaded out of the record. Withdraw it instead."""
    require_role(by, Role.ANALYST, f"delete {instance._meta.verbose_name_plural}")
    _check_writable(instance)
    before = snapshot(instance)
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            before[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    label = str(instance)
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as exc:
        objs = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        uses = _uses(objs, instance, limit=100)
        shown = "; ".join(u.label for u in uses[:10])
        more = f" and {len(uses) - 10} more" if len(uses) > 10 else ""
        instead = (
            " Withdraw it instead, which keeps it in the history and the exports."
            if isinstance(instance, Withdrawable) else ""
        )
        raise RecordProtected(
            f"“{label}” cannot be deleted: the record uses it ({shown}{more}). Nothing was deleted.{instead}",
            uses=uses,
        ) from exc
    instance.pk = before.get("id")
    audit_record(by=by, action=AuditAction.DELETE, instance=instance,
                 changes=diff(before, {}), reason=reason)


_WITHDRAWN_FIELDS = ("withdrawn_at", "withdrawn_by", "withdrawal_reason")


def _check_withdrawable(instance: models.Model) -> None:
    if not isinstance(instance, Withdrawable):
        raise DomainError(f"{instance._meta.verbose_name_plural.capitalize()} cannot be withdrawn.")


@transaction.atomic
def record_withdraw(
    *, instance: models.Model, by: Actor | None, reason: str, expected_version: int | None = None
) -> models.Model:
    """Retire an actor, a statement or a source document instead of deleting it: it stays in
    the record, its history and the exports, marked withdrawn (who, when, why). A withdrawn
    statement no longer counts toward the suggested status. The reason is required."""
    require_role(by, Role.ANALYST, f"withdraw {instance._meta.verbose_name_plural}")
    _check_withdrawable(instance)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why it is withdrawn: a reason is required.")
    current = _locked(instance, expected_version)
    if current.is_withdrawn:
        raise DomainError(
            f"“{current}” was already withdrawn on {current.withdrawn_at:%Y-%m-%d %H:%M} UTC."
        )
    return _set_withdrawn(current, by=by, at=timezone.now(), reason=reason)


@transaction.atomic
def record_reinstate(
    *, instance: models.Model, by: Actor | None, reason: str, expected_version: int | None = None
) -> models.Model:
    """Undo a withdrawal: the row counts again. The reason is required and audited."""
    require_role(by, Role.ANALYST, f"reinstate {instance._meta.verbose_name_plural}")
    _check_withdrawable(instance)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why it is reinstated: a reason is required.")
    current = _locked(instance, expected_version)
    if not current.is_withdrawn:
        raise DomainError(f"“{current}” is not withdrawn.")
    return _set_withdrawn(current, by=by, at=None, reason=reason)


def _locked(instance: models.Model, expected_version: int | None) -> models.Model:
    """The row, locked until the transaction ends, if it is still at the version the editor read."""
    record_lock_version(instance=instance, expected_version=expected_version)
    return type(instance)._default_manager.get(pk=instance.pk)


def _set_withdrawn(current: models.Model, *, by: Actor | None, at, reason: str) -> models.Model:
    before = snapshot(current)
    user = None if by is None or isinstance(by, SystemActor) or not by.is_authenticated else by
    current.withdrawn_at = at
    current.withdrawn_by = user if at is not None else None
    current.withdrawal_reason = reason if at is not None else ""
    current.version += 1
    current.save(update_fields=[*_WITHDRAWN_FIELDS, "version", "updated_at"])
    changes = diff(before, snapshot(current))
    changes.pop("version", None)
    audit_record(by=by, action=AuditAction.UPDATE, instance=current, changes=changes, reason=reason)
    return current


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
    """Replace the members of a plain many-to-many field (its rows only a pair of ids),
    audited. Members removed this way must not be cited elsewhere; links with their own
    data (an allegation's statements and their bearing) are written as rows instead. The row
    must still be at ``expected_version`` (default: the instance's own version); a change bumps it."""
    require_role(by, Role.ANALYST, f"edit {instance._meta.verbose_name_plural}")
    _check_writable(instance)
    if not is_plain_link(instance._meta.get_field(field)):
        raise DomainError(f"{field} links carry their own data: write them as rows.")
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
