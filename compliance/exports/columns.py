"""The columns of each exported table: one definition for the staff lists' export buttons,
the API's exports and the nightly files. Each column reads only what the table's queryset
fetched (compliance.exports.tables.prepare_queryset says what that is) and returns a typed
value (int, str, date, datetime, bool, float or None); each format writes it its own way:
text in CSV, a typed cell in XLSX and Parquet, a JSON value."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from compliance.choices import EvidentiaryStatus

# The value types a column may declare; Parquet and XLSX type their cells by them.
INT, STR, DATE, DATETIME, BOOL, FLOAT = "int", "str", "date", "datetime", "bool", "float"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    type: str = STR


def _names(manager) -> str:
    return "; ".join(str(x) for x in manager.all())


def _float(value) -> float | None:
    return None if value is None else float(value)


ALLEGATION_COLUMNS = (
    Column("id", lambda a: a.pk, INT),
    Column("ref", lambda a: a.ref or ""),
    Column("title", lambda a: a.title),
    Column("status", lambda a: a.status),
    Column("status_label", lambda a: EvidentiaryStatus.short_label(a.status)),
    Column("status_change_pending", lambda a: bool(getattr(a, "pending", False)), BOOL),
    Column("statements", lambda a: getattr(a, "n_statements", None), INT),
    Column("transfers", lambda a: getattr(a, "n_transfers", None), INT),
    Column("assigned_reviewer", lambda a: a.assigned_reviewer.get_username() if a.assigned_reviewer_id else ""),
    Column("updated_at", lambda a: a.updated_at, DATETIME),
    Column("summary", lambda a: a.summary),
)

TRANSFER_COLUMNS = (
    Column("id", lambda t: t.pk, INT),
    Column("ref", lambda t: t.ref or ""),
    Column("title", lambda t: t.title),
    Column("supplier", lambda t: t.supplier.name),
    Column("recipient", lambda t: t.recipient.name),
    Column("period_start", lambda t: t.period_start, DATE),
    Column("period_end", lambda t: t.period_end, DATE),
    Column("status_claimed", lambda t: t.status_claimed),
    Column("items", lambda t: "; ".join(str(i) + (f" ({i.description})" if i.description else "")
                                        for i in t.items.all())),
    Column("route", lambda t: " → ".join(
        [legs[0].from_place.name] + [f"{leg.to_place.name} ({leg.mode})" for leg in legs]
    ) if (legs := list(t.legs.all())) else ""),
    Column("sources", lambda t: getattr(t, "n_sources", None), INT),
)

# One row per route leg (a RouteLeg with its transfer, places and vessel).
TRANSFER_LEG_COLUMNS = (
    Column("transfer_id", lambda leg: leg.transfer_id, INT),
    Column("transfer_ref", lambda leg: leg.transfer.ref or ""),
    Column("transfer_title", lambda leg: leg.transfer.title),
    Column("sequence", lambda leg: leg.sequence, INT),
    Column("from_place", lambda leg: leg.from_place.name),
    Column("from_country", lambda leg: leg.from_place.country),
    Column("from_latitude", lambda leg: _float(leg.from_place.latitude), FLOAT),
    Column("from_longitude", lambda leg: _float(leg.from_place.longitude), FLOAT),
    Column("to_place", lambda leg: leg.to_place.name),
    Column("to_country", lambda leg: leg.to_place.country),
    Column("to_latitude", lambda leg: _float(leg.to_place.latitude), FLOAT),
    Column("to_longitude", lambda leg: _float(leg.to_place.longitude), FLOAT),
    Column("mode", lambda leg: leg.mode),
    Column("vessel", lambda leg: leg.vessel.name if leg.vessel_id else ""),
    Column("vessel_imo", lambda leg: (leg.vessel.imo_number or "") if leg.vessel_id else ""),
    Column("departed_on", lambda leg: leg.departed_on, DATE),
    Column("arrived_on", lambda leg: leg.arrived_on, DATE),
    Column("note", lambda leg: leg.note),
)

# compliance.exports.tables.statement_sql() writes these same columns in SQL for COPY on
# PostgreSQL: a column added here needs its SQL twin there (a test compares the two).
STATEMENT_COLUMNS = (
    Column("id", lambda s: s.pk, INT),
    Column("ref", lambda s: s.ref or ""),
    Column("stated_on", lambda s: s.stated_on, DATE),
    Column("stated_on_precision", lambda s: s.stated_on_precision if s.stated_on else ""),
    Column("on_behalf_of", lambda s: _names(s.on_behalf_of)),
    Column("speaker", lambda s: s.speaker.name if s.speaker_id else ""),
    Column("speaker_title", lambda s: s.speaker_title),
    Column("venue", lambda s: s.venue),
    Column("stance", lambda s: s.stance),
    Column("reporting_verb", lambda s: s.reporting_verb),
    Column("estimative_phrase", lambda s: s.estimative_phrase),
    Column("probability_band", lambda s: f"{s.estimative_term.low_percent}-{s.estimative_term.high_percent}%"
           if s.estimative_term_id else ""),
    Column("sources", lambda s: getattr(s, "n_sources", None), INT),
    Column("gist", lambda s: s.gist),
    Column("quote", lambda s: s.quote),
    # Withdrawn statements stay in the export, marked: they no longer count.
    Column("withdrawn", lambda s: s.withdrawn_at is not None, BOOL),
    Column("withdrawal_reason", lambda s: s.withdrawal_reason),
)

ACTOR_COLUMNS = (
    Column("id", lambda a: a.pk, INT),
    Column("ref", lambda a: a.ref or ""),
    Column("name", lambda a: a.name),
    Column("kind", lambda a: a.kind),
    Column("country", lambda a: a.country),
    Column("belongs_to", lambda a: a.parent.name if a.parent_id else ""),
    Column("aliases", lambda a: "; ".join(a.aliases)),
    Column("withdrawn", lambda a: a.withdrawn_at is not None, BOOL),
)

VESSEL_COLUMNS = (
    Column("id", lambda v: v.pk, INT),
    Column("ref", lambda v: v.ref or ""),
    Column("name", lambda v: v.name),
    Column("imo_number", lambda v: v.imo_number or ""),
    Column("flag", lambda v: v.flag),
    Column("former_names", lambda v: "; ".join(v.former_names)),
    Column("designations", lambda v: _names(v.designations)),
)
