"""Transfer routes as GeoJSON (RFC 7946) for map tools: one LineString per route leg and one
Point per place the legs use. Positions are [longitude, latitude] in WGS 84 decimal degrees.

A leg whose place has no coordinates cannot be drawn: it is left out of the features and
listed in the collection's top-level ``skipped`` member (a foreign member, which RFC 7946
allows and map tools ignore), with the reason, so that a map never silently shows less
than the record holds.
"""

from __future__ import annotations

from django.db.models import QuerySet

from compliance.models import Place, RouteLeg, Transfer


def _position(place: Place) -> list[float] | None:
    if place.latitude is None or place.longitude is None:
        return None
    return [float(place.longitude), float(place.latitude)]


def _date(value) -> str | None:
    return value.isoformat() if value else None


def routes_geojson(queryset: QuerySet[Transfer]) -> dict:
    """The route legs of the transfers in ``queryset`` (filtered as the caller likes) as a
    FeatureCollection; read in one query."""
    legs = (
        RouteLeg.objects.filter(transfer__in=queryset.order_by().values("pk"))
        .select_related("transfer", "from_place", "to_place", "vessel")
        .order_by("transfer_id", "sequence")
    )
    features: list[dict] = []
    places: dict[int, tuple[Place, set[int]]] = {}
    skipped: list[dict] = []
    for leg in legs:
        start, end = _position(leg.from_place), _position(leg.to_place)
        transfer = leg.transfer
        if start is None or end is None:
            missing = [p.name for p, pos in ((leg.from_place, start), (leg.to_place, end)) if pos is None]
            skipped.append({
                "transfer_id": transfer.pk, "transfer_title": transfer.title, "sequence": leg.sequence,
                "from": leg.from_place.name, "to": leg.to_place.name,
                "reason": "no coordinates for " + " and ".join(missing),
            })
            continue
        features.append({
            "type": "Feature",
            "id": f"leg-{leg.pk}",
            "geometry": {"type": "LineString", "coordinates": [start, end]},
            "properties": {
                "kind": "route_leg",
                "transfer_id": transfer.pk,
                "transfer_ref": transfer.ref,
                "transfer_title": transfer.title,
                "sequence": leg.sequence,
                "mode": leg.mode,
                "vessel": leg.vessel.name if leg.vessel_id else None,
                "vessel_imo": leg.vessel.imo_number if leg.vessel_id else None,
                "from": leg.from_place.name,
                "to": leg.to_place.name,
                "departed_on": _date(leg.departed_on),
                "arrived_on": _date(leg.arrived_on),
                "period_start": _date(transfer.period_start),
                "period_end": _date(transfer.period_end),
                "status_claimed": transfer.status_claimed,
            },
        })
        for place in (leg.from_place, leg.to_place):
            places.setdefault(place.pk, (place, set()))[1].add(transfer.pk)
    for place, transfer_ids in sorted(places.values(), key=lambda p: p[0].name):
        features.append({
            "type": "Feature",
            "id": f"place-{place.pk}",
            "geometry": {"type": "Point", "coordinates": _position(place)},
            "properties": {
                "kind": "place",
                "place_id": place.pk,
                "ref": place.ref,
                "name": place.name,
                "place_kind": place.kind,
                "country": place.country or None,
                "verification": place.verification,
                "note": place.note or None,
                "transfer_ids": sorted(transfer_ids),
            },
        })
    collection: dict = {"type": "FeatureCollection", "features": features}
    if features:
        positions = [pos for f in features if f["geometry"]["type"] == "Point"
                     for pos in [f["geometry"]["coordinates"]]]
        lons, lats = [p[0] for p in positions], [p[1] for p in positions]
        collection["bbox"] = [min(lons), min(lats), max(lons), max(lats)]
    collection["skipped"] = skipped
    return collection
