"""Where statements and transfers are reported: adding a document as a source of a row
already in the record (instead of a second row), adding the details a new report gives,
and taking either back. Each change is audited on the row it changes and bumps its
version, so an editor holding the old version is told the row changed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from compliance.choices import AuditAction, ItemCategory, Role
from compliance.errors import ConcurrentEdit, DomainError
from compliance.models import (
    SourceDocument,
    Statement,
    StatementSource,
    Transfer,
    TransferItem,
    TransferSource,
)
from compliance.roles import Actor, require_role

from .audit import audit_record, diff, snapshot


def _lock(model, instance, expected_version: int | None):
    current = model.objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConcurrentEdit(
            f"{model._meta.verbose_name.capitalize()} “{current}” was changed by someone else since you "
            f"loaded it (version {expected_version}, now {current.version}). Nothing was saved."
        )
    return current


def _bump(model, instance) -> None:
    model.objects.filter(pk=instance.pk).update(version=F("version") + 1)
    instance.version = model.objects.values_list("version", flat=True).get(pk=instance.pk)


@transaction.atomic
def statement_source_add(*, statement: Statement, document: SourceDocument, excerpt: str, by: Actor | None,
                         reason: str = "", expected_version: int | None = None) -> StatementSource | None:
    """Record that ``document`` reports ``statement`` (with the excerpt that carries it).
    Returns the new link, or None when the document was already one of its sources."""
    require_role(by, Role.ANALYST, "add sources to statements")
    current = _lock(Statement, statement, expected_version)
    if StatementSource.objects.filter(statement=current, document=document).exists():
        return None
    link = StatementSource(statement=current, document=document, excerpt=excerpt)
    link.full_clean()
    link.save()
    _bump(Statement, statement)
    audit_record(by=by, action=AuditAction.CREATE, instance=link, changes=diff({}, snapshot(link)), reason=reason)
    audit_record(by=by, action=AuditAction.UPDATE, instance=statement,
                 changes={"sources": [None, {"id": document.pk, "repr": str(document)}]}, reason=reason)
    return link


@transaction.atomic
def statement_source_remove(*, link: StatementSource, by: Actor | None, reason: str) -> None:
    """Take back a source added by mistake (e.g. a merge undone). The statement keeps at
    least one source: a statement nobody reported is not part of the record."""
    require_role(by, Role.ANALYST, "remove sources of statements")
    statement = _lock(Statement, link.statement, None)
    if not StatementSource.objects.filter(statement=statement).exclude(pk=link.pk).exists():
        raise DomainError(f"“{link.document}” is the only source of statement #{statement.pk}: it stays.")
    before = snapshot(link)
    document = link.document
    link.delete()
    _bump(Statement, statement)
    link.pk = before["id"]
    audit_record(by=by, action=AuditAction.DELETE, instance=link, changes=diff(before, {}), reason=reason)
    audit_record(by=by, action=AuditAction.UPDATE, instance=statement,
                 changes={"sources": [{"id": document.pk, "repr": str(document)}, None]}, reason=reason)


@dataclass(frozen=True)
class ItemData:
    category: str
    description: str
    quantity_text: str = ""
    quantity_min: Decimal | None = None
    quantity_max: Decimal | None = None
    unit: str = ""


@dataclass(frozen=True)
class TransferAdditions:
    """What one change added to a transfer, so that it can be taken back exactly."""

    source_id: int | None
    item_ids: tuple[int, ...]


@transaction.atomic
def transfer_details_add(*, transfer: Transfer, document: SourceDocument | None, excerpt: str = "",
                         items: list[ItemData] = (), by: Actor | None, reason: str = "",
                         expected_version: int | None = None) -> TransferAdditions:
    """Add a document as a source of the transfer and the items it names that the record
    lacks. One version bump and one audit row on the transfer for the whole change. (The
    route is changed through ``transfer_set_route``, which audits it likewise.)"""
    require_role(by, Role.ANALYST, "add details to transfers")
    current = _lock(Transfer, transfer, expected_version)
    source = None
    if document is not None and not TransferSource.objects.filter(transfer=current, document=document).exists():
        source = TransferSource(transfer=current, document=document, excerpt=excerpt)
        source.full_clean()
        source.save()
        audit_record(by=by, action=AuditAction.CREATE, instance=source, changes=diff({}, snapshot(source)),
                     reason=reason)
    created = []
    for item in items:
        if item.category not in ItemCategory.values:
            raise DomainError(f"Unknown item category “{item.category}”.")
        row = TransferItem(transfer=current, category=item.category, description=item.description[:300],
                           quantity_text=item.quantity_text[:120], quantity_min=item.quantity_min,
                           quantity_max=item.quantity_max, unit=item.unit[:40])
        row.full_clean()
        row.save()
        created.append(row)
    if source is None and not created:
        return TransferAdditions(source_id=None, item_ids=())
    _bump(Transfer, transfer)
    changes = {}
    if source is not None:
        changes["sources"] = [None, {"id": document.pk, "repr": str(document)}]
    if created:
        changes["items"] = [None, [f"{i.get_category_display()}: {i.description}"
                                   + (f" ({i.quantity_text})" if i.quantity_text else "") for i in created]]
    audit_record(by=by, action=AuditAction.UPDATE, instance=transfer, changes=changes, reason=reason)
    return TransferAdditions(source_id=source.pk if source else None, item_ids=tuple(i.pk for i in created))


@transaction.atomic
def transfer_details_remove(*, transfer: Transfer, additions: TransferAdditions, by: Actor | None,
                            reason: str) -> None:
    """Take back what ``transfer_details_add`` added (a merge undone), audited."""
    require_role(by, Role.ANALYST, "remove details of transfers")
    current = _lock(Transfer, transfer, None)
    changes = {}
    source = TransferSource.objects.filter(pk=additions.source_id, transfer=current).select_related(
        "document").first() if additions.source_id else None
    if source is not None:
        before = snapshot(source)
        changes["sources"] = [{"id": source.document_id, "repr": str(source.document)}, None]
        source.delete()
        source.pk = before["id"]
        audit_record(by=by, action=AuditAction.DELETE, instance=source, changes=diff(before, {}), reason=reason)
    items = list(TransferItem.objects.filter(pk__in=additions.item_ids, transfer=current))
    if items:
        changes["items"] = [[f"{i.get_category_display()}: {i.description}" for i in items], None]
        TransferItem.objects.filter(pk__in=[i.pk for i in items]).delete()
    if changes:
        _bump(Transfer, transfer)
        audit_record(by=by, action=AuditAction.UPDATE, instance=transfer, changes=changes, reason=reason)
