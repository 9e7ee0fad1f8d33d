"""The columns of each exported table: one definition for the list's export button and
(later) the API's exports. Each column reads only what the list's queryset prefetched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from compliance.choices import EvidentiaryStatus


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


def _names(manager) -> str:
    return "; ".join(str(x) for x in manager.all())


ALLEGATION_COLUMNS = (
    Column("id", lambda a: a.pk),
    Column("ref", lambda a: a.ref or ""),
    Column("title", lambda a: a.title),
    Column("status", lambda a: a.status),
    Column("status_label", lambda a: EvidentiaryStatus.short_label(a.status)),
    Column("status_change_pending", lambda a: "yes" if getattr(a, "pending", False) else "no"),
    Column("statements", lambda a: getattr(a, "n_statements", "")),
    Column("transfers", lambda a: getattr(a, "n_transfers", "")),
    Column("assigned_reviewer", lambda a: a.assigned_reviewer.get_username() if a.assigned_reviewer_id else ""),
    Column("updated_at", lambda a: a.updated_at.isoformat()),
    Column("summary", lambda a: a.summary),
)

TRANSFER_COLUMNS = (
    Column("id", lambda t: t.pk),
    Column("ref", lambda t: t.ref or ""),
    Column("title", lambda t: t.title),
    Column("supplier", lambda t: t.supplier.name),
    Column("recipient", lambda t: t.recipient.name),
    Column("period_start", lambda t: t.period_start.isoformat() if t.period_start else ""),
    Column("period_end", lambda t: t.period_end.isoformat() if t.period_end else ""),
    Column("status_claimed", lambda t: t.status_claimed),
    Column("items", lambda t: "; ".join(str(i) + (f" ({i.description})" if i.description else "")
                                        for i in t.items.all())),
    Column("route", lambda t: " → ".join(
        [legs[0].from_place.name] + [f"{leg.to_place.name} ({leg.mode})" for leg in legs]
    ) if (legs := list(t.legs.all())) else ""),
)

STATEMENT_COLUMNS = (
    Column("id", lambda s: s.pk),
    Column("stated_on", lambda s: s.stated_on.isoformat() if s.stated_on else ""),
    Column("stated_on_precision", lambda s: s.stated_on_precision if s.stated_on else ""),
    Column("on_behalf_of", lambda s: _names(s.on_behalf_of)),
    Column("speaker", lambda s: s.speaker.name if s.speaker_id else ""),
    Column("speaker_title", lambda s: s.speaker_title),
    Column("stance", lambda s: s.stance),
    Column("estimative_phrase", lambda s: s.estimative_phrase),
    Column("probability_band", lambda s: f"{s.estimative_term.low_percent}-{s.estimative_term.high_percent}%"
           if s.estimative_term_id else ""),
    Column("sources", lambda s: getattr(s, "n_sources", "")),
    Column("gist", lambda s: s.gist),
    Column("quote", lambda s: s.quote),
)

ACTOR_COLUMNS = (
    Column("id", lambda a: a.pk),
    Column("ref", lambda a: a.ref or ""),
    Column("name", lambda a: a.name),
    Column("kind", lambda a: a.kind),
    Column("country", lambda a: a.country),
    Column("belongs_to", lambda a: a.parent.name if a.parent_id else ""),
    Column("aliases", lambda a: "; ".join(a.aliases)),
)

VESSEL_COLUMNS = (
    Column("id", lambda v: v.pk),
    Column("ref", lambda v: v.ref or ""),
    Column("name", lambda v: v.name),
    Column("imo_number", lambda v: v.imo_number or ""),
    Column("flag", lambda v: v.flag),
    Column("former_names", lambda v: "; ".join(v.former_names)),
    Column("designations", lambda v: _names(v.designations)),
)
