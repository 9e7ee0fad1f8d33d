"""The audit trail of one object as the admin shows it: its own AuditEntry rows and
those of the rows edited with it (inlines), with before/after values made readable."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

from compliance.models import AuditEntry


@dataclass(frozen=True)
class ChangeLine:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    subject: str
    lines: list[ChangeLine]


def _display(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        if "repr" in value:
            return str(value["repr"])
        if "from" in value and "to" in value:
            leg = f"{value['from']} → {value['to']}"
            return f"{leg} ({value['mode']})" if value.get("mode") else leg
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list):
        if all(isinstance(v, dict) and "from" in v for v in value):
            return "; ".join(f"{i}. {_display(v)}" for i, v in enumerate(value, start=1))
        return ", ".join(_display(v) for v in value)
    return str(value)


def _field_label(model: type[models.Model] | None, key: str) -> str:
    if model is not None:
        for field in model._meta.get_fields():
            if getattr(field, "attname", None) == key or field.name == key:
                return str(getattr(field, "verbose_name", key))
        try:
            return str(model._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:
            pass
    return key.replace("_", " ")


def _model_for(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _foreign_keys(model: type[models.Model] | None) -> dict[str, type[models.Model]]:
    """attname -> related model, for the foreign keys whose ids an audit row stores."""
    if model is None:
        return {}
    return {f.attname: f.related_model for f in model._meta.concrete_fields if f.many_to_one}


def _changes(entry: AuditEntry):
    changes = entry.changes if isinstance(entry.changes, dict) else {"change": entry.changes}
    for key, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            yield key, value[0], value[1]
        else:
            yield key, None, value


def related_names(entries: list[AuditEntry]) -> dict[tuple[type[models.Model], Any], str]:
    """The names of the rows that audit entries point at by id (a transfer's supplier, a
    link's statement), fetched with one query per related model."""
    wanted: dict[type[models.Model], set] = {}
    for entry in entries:
        fks = _foreign_keys(_model_for(entry.model))
        for key, before, after in _changes(entry):
            if key in fks:
                wanted.setdefault(fks[key], set()).update(
                    v for v in (before, after) if isinstance(v, (int, str)) and v != ""
                )
    names = {}
    for model, ids in wanted.items():
        for pk, row in model._default_manager.in_bulk(list(ids)).items():
            names[(model, pk)] = str(row)
    return names


def audit_row(
    entry: AuditEntry,
    *,
    own_label: str | None = None,
    names: dict[tuple[type[models.Model], Any], str] | None = None,
) -> AuditRow:
    model = _model_for(entry.model)
    fks = _foreign_keys(model)
    if names is None:
        names = related_names([entry])

    def shown(key: str, value: Any) -> str:
        if key in fks and value not in (None, ""):
            name = names.get((fks[key], value))
            return f"{name} (#{value})" if name else f"#{value} (no longer exists)"
        return _display(value)

    lines = [
        ChangeLine(_field_label(model, key), shown(key, before), shown(key, after))
        for key, before, after in _changes(entry)
    ]
    subject = ""
    if own_label is not None and entry.model != own_label:
        name = model._meta.verbose_name if model is not None else entry.model
        subject = f"{str(name).capitalize()}: {entry.object_repr}"
    return AuditRow(entry=entry, subject=subject, lines=lines)


class AuditTrail:
    """Lazy: the queries run only when a template reads ``rows``."""

    def __init__(
        self,
        *,
        model: type[models.Model],
        pk: Any,
        children: list[tuple[type[models.Model], str]] = (),
        limit: int | None = None,
        history_url: str | None = None,
    ):
        self.model = model
        self.pk = pk
        self.children = list(children)
        self.limit = limit
        self.history_url = history_url

    def _filter(self) -> Q:
        condition = Q(model=self.model._meta.label, object_id=str(self.pk))
        for child, fk_attname in self.children:
            label = child._meta.label
            ids = {str(i) for i in child._default_manager.filter(**{fk_attname: self.pk})
                   .values_list("pk", flat=True)}
            # Rows since deleted or moved: their create/delete entries name this object.
            ids |= set(
                AuditEntry.objects.filter(model=label)
                .filter(Q(**{f"changes__{fk_attname}__0": self.pk})
                        | Q(**{f"changes__{fk_attname}__1": self.pk}))
                .values_list("object_id", flat=True)
            )
            if ids:
                condition |= Q(model=label, object_id__in=ids)
        return condition

    @cached_property
    def queryset(self):
        return AuditEntry.objects.filter(self._filter()).select_related("user").order_by("-at", "-id")

    @cached_property
    def total(self) -> int:
        return self.queryset.count()

    @cached_property
    def rows(self) -> list[AuditRow]:
        entries = list(self.queryset if self.limit is None else self.queryset[: self.limit])
        names = related_names(entries)
        return [audit_row(e, own_label=self.model._meta.label, names=names) for e in entries]

    @property
    def truncated(self) -> bool:
        return self.limit is not None and self.total > len(self.rows)
