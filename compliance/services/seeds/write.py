"""Phase two: create what is missing through the audited services, compare what exists, and
report the differences (applied only with ``update``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction

from compliance.errors import DomainError
from compliance.models import (
    Actor,
    ActorRole,
    Allegation,
    AllegationEvidence,
    AllegationProvision,
    AllegationStatement,
    EstimativeTerm,
    Place,
    Provision,
    Statement,
    StatementSource,
    Transfer,
    TransferItem,
    Vessel,
    VesselDesignation,
)
from compliance.roles import SystemActor

from ..records import record_delete, record_save, record_set_related
from ..transfers import LegData, transfer_set_route
from ..workflow import allegation_create
from .check import validation_text
from .parse import SeedFiles
from .report import SeedReport, show, show_pair
from .schema import MODELS, Entry, Ref

class _DependencyFailed(Exception):
    """An entry this one refers to failed to load; its error is already reported."""



@dataclass
class Difference:
    text: str
    apply: Callable[[], None]


class Writer:
    """Phase two: create what is missing, compare what exists, report the differences."""

    def __init__(self, loader: SeedFiles, *, by: SystemActor, update: bool, report: SeedReport):
        self.loader = loader
        self.by = by
        self.update = update
        self.report = report
        self.errors: list[str] = []
        self.objects: dict[Ref, models.Model] = {}
        self.failed: set[Ref] = set()
        self.pending_actors: dict[str, tuple[bool, list[Difference]]] = {}

    # -- lookups

    def get(self, ref: Ref | None) -> models.Model | None:
        if ref is None:
            return None
        if ref in self.objects:
            return self.objects[ref]
        if ref in self.failed:
            raise _DependencyFailed(str(ref))
        if ref.section == "provisions":
            obj = Provision.objects.filter(resolution__number=ref.key[0], paragraph=ref.key[1]).first()
        else:
            obj = MODELS[ref.section]._default_manager.filter(ref=ref.key).first()
        if obj is None:
            raise _DependencyFailed(str(ref))
        self.objects[ref] = obj
        return obj

    def resolved(self, fields: dict, fks: dict) -> dict:
        values = {k: v for k, v in fields.items() if not k.startswith("_")}
        values.update({name: self.get(ref) for name, ref in fks.items()})
        return values

    # -- one entry

    def run(self) -> None:
        entries = self.loader.entries
        steps: list[tuple[Callable[[Entry], Any], list[Entry]]] = [
            (self._estimative_term, entries["estimative_terms"]),
            (self._plain, entries["resolutions"]),
            (self._plain, self.loader.provisions),
            (self._actor, self._actors_in_order()),
            (self._roles, entries["actors"]),  # once every actor exists: roles name organisations
            (self._plain, entries["places"]),
            (self._vessel, entries["vessels"]),
            (self._plain, entries["documents"]),
            (self._transfer, entries["transfers"]),
            (self._statement, entries["statements"]),
            (self._plain, entries["evidence"]),
            (self._allegation, entries["allegations"]),
        ]
        for handler, section_entries in steps:
            for entry in section_entries:
                self._guarded(entry, handler)

    def _guarded(self, entry: Entry, handler: Callable[[Entry], Any]) -> None:
        ref = Ref(entry.section, entry.ref)
        if ref in self.failed:
            return
        try:
            with transaction.atomic():
                obj = handler(entry)
        except _DependencyFailed:
            self.failed.add(ref)
            return
        except ValidationError as exc:
            self.errors.append(f"{entry.where}: {validation_text(exc)}")
        except (DomainError, DatabaseError) as exc:
            self.errors.append(f"{entry.where}: {' '.join(str(exc).split())}")
        else:
            if obj is not None:
                self.objects[ref] = obj
            return
        self.failed.add(ref)
        self.objects.pop(ref, None)

    def _actors_in_order(self) -> list[Entry]:
        """Parents before children, so each parent exists when its children are saved."""
        entries = {e.ref: e for e in self.loader.entries["actors"]}
        ordered: list[Entry] = []
        placed: set[str] = set()

        def place(e: Entry) -> None:
            if e.ref in placed:
                return
            placed.add(e.ref)
            parent = e.fks.get("parent")
            if parent is not None and parent.key in entries:
                place(entries[parent.key])
            ordered.append(e)

        for e in self.loader.entries["actors"]:
            place(e)
        return ordered

    def _settle(self, kind: str, label: str, differences: list[Difference], created: bool) -> None:
        counts = self.report.counts[kind]
        if created:
            counts.created += 1
        elif not differences:
            counts.unchanged += 1
        elif self.update:
            for d in differences:
                d.apply()
                self.report.updated.append(f"updated: {label} {d.text}")
            counts.updated += 1
        else:
            counts.kept += 1
            self.report.kept.extend(f"kept: {label} {d.text}" for d in differences)

    def _field_differences(self, obj: models.Model, values: dict[str, Any], label: str) -> list[Difference]:
        changed: dict[str, Any] = {}
        texts = []
        for name, want in values.items():
            model_field = obj._meta.get_field(name)
            have = getattr(obj, model_field.attname)
            if model_field.is_relation:
                same = have == (want.pk if want is not None else None)
                shown_have = getattr(obj, name)
            else:
                same = have == want
                shown_have = have
            if not same:
                changed[name] = want
                shown_db, shown_file = show_pair(shown_have, want)
                texts.append(f"{name} {shown_db} in the database, {shown_file} in the file")
        if not changed:
            return []

        def apply() -> None:
            for name, want in changed.items():
                setattr(obj, name, want)
            record_save(instance=obj, by=self.by, reason=f"load_seeds --update: {label} as in the seed file")

        # One save for all fields of the row; the other differences apply nothing further.
        return [Difference(texts[0], apply)] + [Difference(t, lambda: None) for t in texts[1:]]

    def _row(self, entry: Entry, model: type[models.Model], lookup: dict, values: dict,
             extra: Callable[[models.Model, bool], list[Difference]] | None = None,
             create: Callable[[models.Model], models.Model] | None = None, *, settle: bool = True):
        """Create the row if it is missing, else compare it with the file. Returns the row, or
        (row, created, differences) when ``settle`` is False and the caller settles it."""
        label = entry.label
        kind = "provisions" if model is Provision else entry.section
        obj = model._default_manager.filter(**lookup).first()
        created = obj is None
        differences: list[Difference] = []
        if created:
            obj = model(**values)
            if create is not None:
                obj = create(obj)
            else:
                record_save(instance=obj, by=self.by, reason=f"load_seeds: {label}")
            if extra is not None:
                for d in extra(obj, True):
                    d.apply()
        else:
            differences = self._field_differences(obj, values, label)
            if extra is not None:
                differences += extra(obj, False)
        if not settle:
            return obj, created, differences
        self._settle(kind, label, differences, created)
        return obj

    # -- sections

    def _plain(self, entry: Entry) -> models.Model:
        model = MODELS[entry.section]
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        return self._row(entry, model, {"ref": entry.ref}, values)

    def _estimative_term(self, entry: Entry) -> models.Model:
        values = self.resolved(entry.fields, entry.fks)
        lookup = {"scale": values["scale"], "term": values["term"]}
        return self._row(entry, EstimativeTerm, lookup, values)

    def _actor(self, entry: Entry) -> models.Model:
        """The actor's own fields now; settled with its roles once every actor exists."""
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        obj, created, differences = self._row(entry, Actor, {"ref": entry.ref}, values, settle=False)
        self.pending_actors[entry.ref] = (created, differences)
        return obj

    def _roles(self, entry: Entry) -> None:
        actor = self.get(Ref("actors", entry.ref))
        created, differences = self.pending_actors.pop(entry.ref)
        desired = [self.resolved(r.fields, r.fks) for r in entry.extra["roles"]]
        difference = self._rows_difference(
            label="roles", current=list(actor.roles.all()), desired=desired,
            make=lambda values: ActorRole(person=actor, **values), describe=("title", "organisation"),
        )
        if difference is not None:
            if created:
                difference.apply()
            else:
                differences.append(difference)
        self._settle("actors", entry.label, differences, created)

    def _related_difference(self, *, entry: Entry, instance: models.Model, field: str,
                            desired: list[models.Model], created: bool) -> Difference | None:
        """A many-to-many set that differs from the file, e.g. a statement's originators."""
        manager = getattr(instance, field)
        have = sorted(manager.values_list("pk", flat=True)) if not created else []
        if have == sorted(row.pk for row in desired):
            return None
        names = dict(manager.model.objects.filter(pk__in=have).values_list("pk", "ref"))
        return Difference(
            f"{field} {show([names[p] or p for p in have])} in the database, "
            f"{show([row.ref for row in desired])} in the file",
            lambda: record_set_related(instance=instance, field=field, values=desired,
                                       by=self.by, reason=f"load_seeds: {entry.label}"),
        )

    def _rows_difference(self, *, label: str, current: list[models.Model], desired: list[dict],
                         make: Callable[[dict], models.Model],
                         describe: tuple[str, ...]) -> Difference | None:
        """Compare nested rows as a whole (as a multiset of their values): None when they are
        the same, else the rows only in the database and only in the file, described by the
        ``describe`` fields. Applying removes the one and adds the other, each audited."""
        names = list(desired[0]) if desired else []

        def key_of_row(obj: models.Model) -> tuple:
            return tuple(getattr(obj, obj._meta.get_field(n).attname) for n in names)

        def key_of_values(values: dict) -> tuple:
            return tuple(v.pk if isinstance(v, models.Model) else v for v in values.values())

        unmatched = Counter(key_of_values(v) for v in desired)
        to_remove = []
        for obj in current:
            key = key_of_row(obj) if names else None
            if names and unmatched[key] > 0:
                unmatched[key] -= 1
            else:
                to_remove.append(obj)
        to_add = []
        for values in desired:
            key = key_of_values(values)
            if unmatched[key] > 0:
                unmatched[key] -= 1
                to_add.append(values)
        if not to_remove and not to_add:
            return None

        def shown(values: dict) -> str:
            parts = [show(values[n]).strip('"') for n in describe if values.get(n) not in (None, "")]
            return f"{parts[0]} ({', '.join(parts[1:])})" if len(parts) > 1 else (parts[0] if parts else "?")

        def apply() -> None:
            for obj in to_remove:
                record_delete(instance=obj, by=self.by, reason=f"load_seeds --update: {label} as in the seed file")
            for values in to_add:
                record_save(instance=make(values), by=self.by, reason=f"load_seeds: {label}")

        only_db = "; ".join(shown({n: getattr(o, n) for n in describe}) for o in to_remove)
        only_file = "; ".join(shown(v) for v in to_add)
        text = f"{label}: {len(current)} in the database, {len(desired)} in the file"
        if only_db:
            text += f"; only in the database: {only_db}"
        if only_file:
            text += f"; only in the file: {only_file}"
        return Difference(text, apply)

    def _vessel(self, entry: Entry) -> models.Model:
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        desired = [self.resolved(r.fields, r.fks) for r in entry.extra["designations"]]

        def extra(vessel: Vessel, created: bool) -> list[Difference]:
            d = self._rows_difference(label="designations", current=list(vessel.designations.all()),
                                      desired=desired, make=lambda v: VesselDesignation(vessel=vessel, **v),
                                      describe=("authority", "designated_on", "reference"))
            return [d] if d else []

        return self._row(entry, Vessel, {"ref": entry.ref}, values, extra)

    def _transfer(self, entry: Entry) -> models.Model:
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        items = [self.resolved(r.fields, r.fks) for r in entry.extra["items"]]
        legs = [LegData(**self.resolved(r.fields, r.fks)) for r in entry.extra["route"]]

        def extra(transfer: Transfer, created: bool) -> list[Difference]:
            out = []
            d = self._rows_difference(label="items", current=list(transfer.items.all()), desired=items,
                                      make=lambda v: TransferItem(transfer=transfer, **v),
                                      describe=("description", "quantity_text"))
            if d:
                out.append(d)
            current = [(leg.from_place_id, leg.to_place_id, leg.mode, leg.vessel_id, leg.departed_on,
                        leg.arrived_on, leg.note) for leg in transfer.legs.order_by("sequence")]
            wanted = [(leg.from_place.pk, leg.to_place.pk, leg.mode, leg.vessel.pk if leg.vessel else None,
                       leg.departed_on, leg.arrived_on, leg.note) for leg in legs]
            if current != wanted:
                def route_text(rows):
                    names = {p.pk: p.ref or p.name for p in Place.objects.filter(
                        pk__in={r[0] for r in rows} | {r[1] for r in rows})}
                    if not rows:
                        return "(none)"
                    return " → ".join([names[rows[0][0]]] + [f"{names[r[1]]} ({r[2]})" for r in rows])

                out.append(Difference(
                    f"route {route_text(current)} in the database, {route_text(wanted)} in the file",
                    lambda: transfer_set_route(transfer=transfer, legs=legs, by=self.by,
                                               reason=f"load_seeds: route of {entry.label}"),
                ))
            return out

        return self._row(entry, Transfer, {"ref": entry.ref}, values, extra)

    def _statement(self, entry: Entry) -> models.Model:
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        originators = [self.get(r) for r in entry.extra["on_behalf_of"]]
        sources = [self.resolved(r.fields, r.fks) for r in entry.extra["sources"]]

        def extra(statement: Statement, created: bool) -> list[Difference]:
            out = []
            d = self._related_difference(entry=entry, instance=statement, field="on_behalf_of",
                                         desired=originators, created=created)
            if d:
                out.append(d)
            d = self._rows_difference(label="sources", current=list(statement.source_links.all()),
                                      desired=sources, make=lambda v: StatementSource(statement=statement, **v),
                                      describe=("document", "excerpt"))
            if d:
                out.append(d)
            return out

        return self._row(entry, Statement, {"ref": entry.ref}, values, extra)

    def _allegation(self, entry: Entry) -> models.Model:
        values = self.resolved(entry.fields, entry.fks)
        values["ref"] = entry.ref
        transfers = [self.get(r) for r in entry.extra["transfers"]]
        link_specs = (
            ("provisions", AllegationProvision, "provision_links", "provision"),
            ("statements", AllegationStatement, "statement_links", "statement"),
            ("evidence", AllegationEvidence, "evidence_links", "evidence"),
        )
        links = {key: [self.resolved(r.fields, r.fks) for r in entry.extra["links"][key]]
                 for key, _, _, _ in link_specs}

        def extra(allegation: Allegation, created: bool) -> list[Difference]:
            out = []
            d = self._related_difference(entry=entry, instance=allegation, field="transfers",
                                         desired=transfers, created=created)
            if d:
                out.append(d)
            for key, model, related, target in link_specs:
                d = self._rows_difference(
                    label=key, current=list(getattr(allegation, related).all()), desired=links[key],
                    make=lambda v, model=model: model(allegation=allegation, **v),
                    describe=(target, "bearing", "note"),
                )
                if d:
                    out.append(d)
            return out

        def create(allegation: Allegation) -> Allegation:
            return allegation_create(allegation=allegation, by=self.by,
                                     initial_status=entry.extra["initial_status"],
                                     rationale=entry.extra["rationale"])

        return self._row(entry, Allegation, {"ref": entry.ref}, values, extra, create)

