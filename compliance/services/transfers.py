from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from compliance.choices import AuditAction, Role, TransportMode
from compliance.models import Place, RouteLeg, Transfer, Vessel
from compliance.roles import Actor, require_role

from .audit import audit_record
from .records import record_bump_version, record_lock_version


@dataclass(frozen=True)
class LegData:
    from_place: Place
    to_place: Place
    mode: TransportMode | str
    vessel: Vessel | None = None
    departed_on: date | None = None
    arrived_on: date | None = None
    note: str = ""


def _leg_repr(leg: RouteLeg | LegData) -> dict:
    return {
        "from": str(leg.from_place),
        "to": str(leg.to_place),
        "mode": str(leg.mode),
        "vessel": str(leg.vessel) if leg.vessel else None,
        "departed_on": leg.departed_on.isoformat() if leg.departed_on else None,
        "arrived_on": leg.arrived_on.isoformat() if leg.arrived_on else None,
        "note": leg.note,
    }


@transaction.atomic
def transfer_set_route(
    *, transfer: Transfer, legs: list[LegData], by: Actor | None, reason: str = "",
    expected_version: int | None = None,
) -> list[RouteLeg]:
    """Replace a transfer's route as a whole, in order. Each leg must start where the
    previous one ended, so the route reads as one journey. The transfer must still be at
    ``expected_version`` (default: the instance's own version); a new route bumps it."""
    require_role(by, Role.ANALYST, "edit transfer routes")
    errors = []
    for i, leg in enumerate(legs, start=1):
        if leg.from_place == leg.to_place:
            errors.append(f"Leg {i} starts and ends at {leg.from_place}.")
        if i > 1 and legs[i - 2].to_place != leg.from_place:
            errors.append(
                f"Leg {i} starts at {leg.from_place} but leg {i - 1} ends at {legs[i - 2].to_place}."
            )
        if leg.mode not in TransportMode.values:
            errors.append(f"Leg {i}: unknown mode “{leg.mode}”.")
    if errors:
        raise ValidationError(errors)

    current = record_lock_version(instance=transfer, expected_version=expected_version)
    existing = list(transfer.legs.select_related("from_place", "to_place", "vessel"))
    before = [_leg_repr(leg) for leg in existing]
    after = [_leg_repr(leg) for leg in legs]
    if before == after:
        return existing
    transfer.legs.all().delete()
    created = []
    for sequence, leg in enumerate(legs, start=1):
        row = RouteLeg(
            transfer=transfer,
            sequence=sequence,
            from_place=leg.from_place,
            to_place=leg.to_place,
            mode=leg.mode,
            vessel=leg.vessel,
            departed_on=leg.departed_on,
            arrived_on=leg.arrived_on,
            note=leg.note,
        )
        row.full_clean(exclude=["transfer"])
        row.save()
        created.append(row)
    record_bump_version(instance=transfer, current=current)
    audit_record(by=by, action=AuditAction.UPDATE, instance=transfer,
                 changes={"route": [before, after]}, reason=reason)
    return created
