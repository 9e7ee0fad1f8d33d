"""The dossier's timeline and the transfers' route maps, from the record to the renderers."""

from __future__ import annotations

from django.urls import reverse
from django.utils.safestring import SafeString

from compliance.choices import EvidentiaryStatus
from compliance.models import Transfer

from .maps import MapLeg, MapPoint, route_map_svg
from .timeline import TimelineEvent, TimelineSpan, timeline_svg

# What happened in the world, and what staff decided about it, are drawn on two axes: the
# decisions come years after the events, and one axis would squeeze the events together.
TIMELINE_LANES = ("Transfers", "Statements", "Articles", "Evidence")
DECISION_LANES = ("Decisions",)


def _point(place) -> MapPoint | None:
    if place.latitude is None or place.longitude is None:
        return None
    return MapPoint(name=place.name, latitude=float(place.latitude), longitude=float(place.longitude),
                    kind=place.kind)


def transfer_route_map(transfer: Transfer) -> dict:
    """The map of a transfer's legs (prefetched), and the places it cannot draw."""
    legs, missing = [], []
    for leg in transfer.legs.all():
        origin, destination = _point(leg.from_place), _point(leg.to_place)
        for place, point in ((leg.from_place, origin), (leg.to_place, destination)):
            if point is None and place.name not in missing:
                missing.append(place.name)
        if origin is None or destination is None:
            continue
        vessel = f", vessel {leg.vessel.name}" if leg.vessel_id else ""
        legs.append(MapLeg(
            sequence=leg.sequence, origin=origin, destination=destination, mode=leg.mode,
            label=f"{leg.sequence}. {leg.from_place.name} → {leg.to_place.name} "
                  f"({leg.get_mode_display().lower()}{vessel})",
        ))
    svg = route_map_svg(legs, title=f"Route of {transfer.title}") if legs else SafeString("")
    return {"svg": svg, "missing": missing, "legs": list(transfer.legs.all())}


def dossier_timeline(dossier) -> dict:
    """Statements, articles, evidence and decisions on one time axis; undated ones listed apart."""
    events, undated = [], []
    for link in dossier.statement_links:
        statement = link.statement
        who = statement.originator_names
        label = f"{who} {statement.get_stance_display().lower()}: {statement.gist[:140]}"
        if statement.stated_on is None:
            undated.append(label)
            continue
        events.append(TimelineEvent(date=statement.stated_on, lane="Statements", label=label,
                                    kind=statement.stance, url=f"#statement-{statement.pk}",
                                    precision=statement.stated_on_precision))
    for ref in dossier.documents:
        document = ref.document
        label = f"[{ref.number}] {ref.outlet + ': ' if ref.outlet else ''}{document.title} ({document.grade})"
        if document.published_on is None:
            undated.append(label)
            continue
        events.append(TimelineEvent(date=document.published_on, lane="Articles", label=label,
                                    kind="article", url=f"#document-{ref.number}"))
    for link in dossier.evidence_links:
        item = link.evidence
        label = f"{item.get_kind_display()}: {item.description[:140]}"
        if item.captured_on is None:
            undated.append(label)
            continue
        events.append(TimelineEvent(date=item.captured_on, lane="Evidence", label=label,
                                    kind=link.bearing, url=f"#evidence-{item.pk}"))
    for transition in dossier.history:
        source = EvidentiaryStatus.short_label(transition.from_status) if transition.from_status else "opened"
        label = f"{source} → {EvidentiaryStatus.short_label(transition.to_status)}: {transition.rationale[:140]}"
        events.append(TimelineEvent(date=transition.at.date(), lane="Decisions", label=label,
                                    kind="transition", url=f"#transition-{transition.pk}"))
    for request in dossier.requests:
        if request.state == "pending":
            label = (f"Proposed {EvidentiaryStatus.short_label(request.from_status)} → "
                     f"{EvidentiaryStatus.short_label(request.to_status)} (waiting for a reviewer)")
            events.append(TimelineEvent(date=request.proposed_at.date(), lane="Decisions", label=label,
                                        kind="pending", url="#status"))
    spans = []
    for transfer in dossier.transfers:
        start, end = transfer.period_start or transfer.period_end, transfer.period_end or transfer.period_start
        if start is None:
            continue
        spans.append(TimelineSpan(start=start, end=end, lane="Transfers", label=f"{transfer.title}",
                                  url=reverse("transfer-detail", args=[transfer.pk])))
    world = [e for e in events if e.lane != "Decisions"]
    decisions = [e for e in events if e.lane == "Decisions"]
    return {
        "svg": timeline_svg(world, spans=spans, lanes=TIMELINE_LANES, title="What was reported, and when"),
        "decisions_svg": timeline_svg(decisions, lanes=DECISION_LANES, title="What staff decided, and when"),
        "undated": undated,
    }
