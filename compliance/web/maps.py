"""Route maps for the staff pages: a transfer's legs drawn over country outlines, as inline SVG.

Pure and offline: no database, no JavaScript, nothing fetched. The outlines are Natural Earth 1:50m
(world-atlas 2.0.2, see compliance/data/README.md), decoded from TopoJSON once per process. The
Content-Security-Policy forbids inline styles, so the look comes from SVG presentation attributes
(sane defaults) and class names (compliance/static/compliance/charts.css). Every text is escaped.

The projection is Mercator: rhumb lines are straight, shapes keep their look at the latitudes
of the routes we draw (Korea to southern Russia), and north/west order is preserved.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from compliance.choices import TransportMode

COUNTRIES_PATH = Path(__file__).resolve().parent.parent / "data" / "countries-50m.json"


@dataclass(frozen=True)
class MapPoint:
    name: str
    latitude: float
    longitude: float
    kind: str = ""  # e.g. "port", "depot"
    url: str = ""  # link target for the place, may be ""

    def __post_init__(self) -> None:
        # A bad coordinate would otherwise move the whole view somewhere meaningless.
        if not (math.isfinite(self.latitude) and -90 <= self.latitude <= 90):
            raise ValueError(f"{self.name!r}: latitude {self.latitude} is not within -90..90.")
        if not (math.isfinite(self.longitude) and -180 <= self.longitude <= 180):
            raise ValueError(f"{self.name!r}: longitude {self.longitude} is not within -180..180.")


@dataclass(frozen=True)
class MapLeg:
    sequence: int
    origin: MapPoint
    destination: MapPoint
    mode: str  # compliance.choices.TransportMode values
    label: str = ""  # e.g. "1. Najin → Dunay (sea), vessel Angara"


# --- Shared helpers (the timeline uses them too) -------------------------------------------------


def safe_link_url(url: str) -> str:
    """The url if it may be a link in our pages (http, https, a path on this site or a fragment of
    the page, as the dossier's "#statement-3"), else "": never javascript:, data: and the like."""
    url = (url or "").strip()
    if not url:
        return ""
    if url.startswith("/") or url.startswith("#"):
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return ""


def css_modifier(value: str) -> str:
    """A value as a class-name modifier: "declines_to_comment" stays, "Sea / Rail" becomes "sea-rail"."""
    return slugify(value or "")


def text_width(text: str, font_size: float) -> float:
    """An estimate of rendered width (no font metrics on the server): average glyph ~0.6 em."""
    return 0.6 * font_size * len(text)


def svg_id_prefix(kind: str, *parts: object) -> str:
    """Ids derived from the content: stable output, and two different charts on a page never clash."""
    digest = hashlib.sha1(repr(parts).encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    return f"{kind}-{digest}"


def overlaps(box: tuple[float, float, float, float], boxes: Iterable[tuple[float, float, float, float]]) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in boxes)


# --- Outlines: TopoJSON decoded once per process ------------------------------------------------

MAX_LATITUDE = 85.0  # Mercator runs to infinity at the poles; Antarctica's -90 is clamped.
# Douglas-Peucker tolerances (degrees of the projected plane); the renderer picks the coarsest one
# below 0.6 pixel, so a continent-wide view does not carry a coastline at 5 km detail.
TOLERANCES = (0.0, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)
CHUNK = 32  # points per chunk of a ring; chunks outside the view are collapsed without visiting points


def mercator_y(latitude: float) -> float:
    """Mercator northing in degrees (same unit as longitude, so the plane is isotropic)."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, latitude))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


MAX_Y = mercator_y(MAX_LATITUDE)


@dataclass(frozen=True)
class _Ring:
    points: tuple[tuple[float, float], ...]  # (longitude, Mercator northing), not closed
    bbox: tuple[float, float, float, float]
    # (first index, last index, bbox) per chunk; consecutive chunks share their boundary point.
    chunks: tuple[tuple[int, int, float, float, float, float], ...]


@dataclass(frozen=True)
class _Country:
    name: str
    id: str
    bbox: tuple[float, float, float, float]
    rings: tuple[_Ring, ...]


Arc = tuple[tuple[float, float], ...]


@functools.lru_cache(maxsize=1)
def _outlines() -> tuple[tuple[Arc, ...], tuple[dict, ...]]:
    """The topology's arcs in (longitude, Mercator northing), delta-decoded then scaled, and its
    country geometries (arc indices, name, id). The raw JSON is not kept."""
    with COUNTRIES_PATH.open(encoding="utf-8") as handle:
        topology = json.load(handle)
    transform = topology.get("transform")
    (sx, sy), (tx, ty) = (transform["scale"], transform["translate"]) if transform else ((1, 1), (0, 0))
    arcs = []
    for arc in topology["arcs"]:
        qx = qy = 0
        points = []
        for position in arc:
            if transform:  # quantized: each position is a delta from the previous one
                qx += position[0]
                qy += position[1]
            else:
                qx, qy = position[0], position[1]
            points.append((qx * sx + tx, mercator_y(qy * sy + ty)))
        arcs.append(tuple(points))
    geometries = tuple(
        {
            "type": geometry["type"],
            "arcs": geometry["arcs"],
            "name": str((geometry.get("properties") or {}).get("name", "")),
            "id": str(geometry.get("id") or ""),
        }
        for geometry in topology["objects"]["countries"]["geometries"]
        if geometry.get("type") in ("Polygon", "MultiPolygon")
    )
    return tuple(arcs), geometries


@functools.lru_cache(maxsize=1)
def _arc_weights() -> tuple[tuple[float, ...], ...]:
    """Per point of each arc, the Douglas-Peucker tolerance up to which it is kept."""
    return tuple(_douglas_peucker_weights(arc) for arc in _outlines()[0])


def _douglas_peucker_weights(points: Sequence[tuple[float, float]]) -> tuple[float, ...]:
    # Each point gets the distance at which Douglas-Peucker would split there, capped by its
    # parent's, so that thinning at any tolerance is one comparison per point.
    weights = [math.inf] * len(points)
    stack = [(0, len(points) - 1, math.inf)]
    while stack:
        a, b, cap = stack.pop()
        if b - a < 2:
            continue
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, index = -1.0, a + 1
        for i in range(a + 1, b):
            x, y = points[i]
            # A closed arc (an island) has a = b: distance to that point instead of to a line.
            d = abs(dy * (x - ax) - dx * (y - ay)) if norm else abs(x - ax) + abs(y - ay)
            if d > best:
                best, index = d, i
        weight = min(best / norm if norm else best, cap)
        weights[index] = weight
        stack.append((a, index, weight))
        stack.append((index, b, weight))
    return tuple(weights)


@functools.lru_cache(maxsize=len(TOLERANCES))
def _countries(level: int) -> tuple[_Country, ...]:
    """The countries with their arcs thinned at TOLERANCES[level]. Arcs are thinned before rings
    are assembled, so a border shared by two countries stays the same line for both."""
    tolerance = TOLERANCES[level]
    decoded, geometries = _outlines()
    arcs = [
        [p for p, weight in zip(arc, weights) if weight >= tolerance] if tolerance else list(arc)
        for arc, weights in zip(decoded, _arc_weights())
    ]
    countries = []
    for geometry in geometries:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        rings = []
        for polygon in polygons:
            for arc_indices in polygon:
                ring = _ring(arcs, arc_indices)
                if ring is not None:
                    rings.append(ring)
        if not rings:
            continue
        countries.append(_Country(
            name=geometry["name"],
            id=geometry["id"],
            bbox=(min(r.bbox[0] for r in rings), min(r.bbox[1] for r in rings),
                  max(r.bbox[2] for r in rings), max(r.bbox[3] for r in rings)),
            rings=tuple(rings),
        ))
    return tuple(countries)


def _ring(arcs: list[list[tuple[float, float]]], arc_indices: list[int]) -> _Ring | None:
    points: list[tuple[float, float]] = []
    for index in arc_indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]  # ~i: arc i walked backwards
        points.extend(arc[1:] if points else arc)  # an arc starts where the previous one ended
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return None
    points = _unwrapped_ring(points)
    chunks = []
    for start in range(0, len(points) - 1, CHUNK):
        end = min(start + CHUNK, len(points) - 1)
        xs = [p[0] for p in points[start:end + 1]]
        ys = [p[1] for p in points[start:end + 1]]
        chunks.append((start, end, min(xs), min(ys), max(xs), max(ys)))
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return _Ring(points=tuple(points), bbox=(min(xs), min(ys), max(xs), max(ys)), chunks=tuple(chunks))


def _unwrapped_ring(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring made continuous across the antimeridian. The data is meant for a sphere, where
    Chukotka's step from 180° to -180° is no distance at all; on a plane it would be a line
    across the world. Past a jump the longitudes go on beyond ±180° instead; a ring that winds
    round a pole (Antarctica) is closed along the map's edge."""
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(points, points[1:] + points[:1])):
        return points
    out = [points[0]]
    offset = 0.0
    for x, y in points[1:]:
        step = x + offset - out[-1][0]
        if step > 180:
            offset -= 360
        elif step < -180:
            offset += 360
        out.append((x + offset, y))
    if abs(out[-1][0] - out[0][0]) > 180:
        pole = MAX_Y if sum(y for _, y in out) > 0 else -MAX_Y
        out += [(out[-1][0], pole), (out[0][0], pole)]
    return out


# --- The view ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _View:
    x0: float  # west edge, degrees of longitude (may run past ±180 when a route crosses the antimeridian)
    y1: float  # north edge, Mercator northing in degrees
    scale: float  # pixels per degree
    width: int
    height: int

    @property
    def x1(self) -> float:
        return self.x0 + self.width / self.scale

    @property
    def y0(self) -> float:
        return self.y1 - self.height / self.scale

    def project(self, longitude: float, northing: float) -> tuple[float, float]:
        return (longitude - self.x0) * self.scale, (self.y1 - northing) * self.scale


def _unwrapped_longitudes(longitudes: list[float]) -> list[float]:
    """Longitudes shifted by 360° where that makes the route shorter (e.g. Vladivostok → Alaska)."""
    if max(longitudes) - min(longitudes) <= 180:
        return longitudes
    shifted = [lon + 360 if lon < 0 else lon for lon in longitudes]
    return shifted if max(shifted) - min(shifted) < max(longitudes) - min(longitudes) else longitudes


def _fit_view(points: list[tuple[float, float]], width: int, height: int) -> _View:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    # A margin of 15% or at least 3°, so that a single port still shows its coast and neighbours.
    pad_x, pad_y = max(3.0, 0.15 * span_x), max(3.0, 0.15 * span_y)
    view_w, view_h = span_x + 2 * pad_x, span_y + 2 * pad_y
    if view_w / view_h < width / height:
        view_w = view_h * width / height
    else:
        view_h = view_w * height / width
    center_x, center_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    if view_h <= 2 * MAX_Y:  # keep the view within the Mercator band rather than show empty poles
        center_y = max(-MAX_Y + view_h / 2, min(MAX_Y - view_h / 2, center_y))
    return _View(x0=center_x - view_w / 2, y1=center_y + view_h / 2, scale=width / view_w,
                 width=width, height=height)


# --- Drawing --------------------------------------------------------------------------------------

# Default look per mode (presentation attributes; charts.css may override them by class).
MODE_STYLE = {
    TransportMode.SEA: {"stroke": "#1f6fb2", "stroke-width": "2.2", "stroke-dasharray": "7 4"},
    TransportMode.RAIL: {"stroke": "#2b2b2b", "stroke-width": "3.5"},
    TransportMode.ROAD: {"stroke": "#b35806", "stroke-width": "2.5"},
    TransportMode.AIR: {"stroke": "#6a3d9a", "stroke-width": "2.2", "stroke-dasharray": "1 4",
                        "stroke-linecap": "round"},
    TransportMode.UNKNOWN: {"stroke": "#7a7a7a", "stroke-width": "2", "stroke-dasharray": "8 3 2 3"},
}
COUNTRY_FILL, COUNTRY_STROKE, SEA_FILL = "#ece8df", "#a49d8f", "#dbe9f4"
PLACE_FONT, COUNTRY_FONT = 11.0, 10.0
EDGE = 3.0  # pixels kept free at the border for labels; also how far outlines run past the view


def _attrs(style: dict[str, str]) -> str:
    return " ".join(f'{name}="{value}"' for name, value in style.items())


def _f(value: float) -> str:
    return f"{value:.1f}"


def _mode(value: str) -> TransportMode:
    try:
        return TransportMode(value)
    except ValueError:
        return TransportMode.UNKNOWN


def _coordinates(point: MapPoint) -> str:
    lat, lon = point.latitude, point.longitude
    return f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.2f}° {'E' if lon >= 0 else 'W'}"


def route_map_svg(
    legs: Sequence[MapLeg], *, width: int = 720, height: int = 440, title: str = "Route map"
) -> SafeString:
    """The legs over the countries around them, as an inline <svg>; "" when there is no leg."""
    if not legs:
        return SafeString("")
    if width <= 0 or height <= 0:
        raise ValueError(f"A route map needs a positive size, not {width}×{height}.")
    legs = sorted(legs, key=lambda leg: leg.sequence)
    prefix = svg_id_prefix("route-map", legs, width, height, title)

    # Places once each, in the order the route reaches them.
    places: dict[tuple, MapPoint] = {}
    for leg in legs:
        for point in (leg.origin, leg.destination):
            places.setdefault(_place_key(point), point)
    longitudes = _unwrapped_longitudes([float(p.longitude) for p in places.values()])
    plane = {key: (lon, mercator_y(float(p.latitude))) for (key, p), lon in zip(places.items(), longitudes)}
    view = _fit_view(list(plane.values()), width, height)
    at = {key: view.project(*xy) for key, xy in plane.items()}

    occupied: list[tuple[float, float, float, float]] = [
        (x - 6, y - 6, x + 6, y + 6) for x, y in at.values()
    ]
    legs_svg, markers = _legs(legs, at, prefix, occupied)
    modes = [mode for mode in TransportMode if any(_mode(leg.mode) == mode for leg in legs)]
    legend_svg = _legend(modes, width, height, occupied)
    places_svg = _places(places, at, width, height, occupied)
    countries_svg, labels_svg = _countries_layer(view, occupied)

    title_id = f"{prefix}-title"
    description = "; ".join(_leg_label(leg) for leg in legs)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="route-map" role="img" '
        f'aria-labelledby="{title_id}" aria-describedby="{prefix}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="sans-serif">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
        f'<defs><clipPath id="{prefix}-clip"><rect width="{width}" height="{height}"/></clipPath>',
        *markers,
        "</defs>",
        f'<g clip-path="url(#{prefix}-clip)">',
        f'<rect class="route-map__sea" width="{width}" height="{height}" fill="{SEA_FILL}"/>',
        f'<g class="route-map__countries" fill="{COUNTRY_FILL}" stroke="{COUNTRY_STROKE}" '
        f'stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">',
        *countries_svg,
        "</g>",
        f'<g class="route-map__country-labels" fill="#8c8576" font-size="{COUNTRY_FONT:g}" '
        f'text-anchor="middle">',
        *labels_svg,
        "</g>",
        '<g class="route-map__legs" fill="none" stroke-linejoin="round">',
        *legs_svg,
        "</g>",
        f'<g class="route-map__places" font-size="{PLACE_FONT:g}">',
        *places_svg,
        "</g>",
        *legend_svg,
        "</g></svg>",
    ]
    return mark_safe("".join(parts))  # every interpolated text above went through escape()


def _place_key(point: MapPoint) -> tuple:
    return (point.name, round(float(point.latitude), 4), round(float(point.longitude), 4))


def _leg_label(leg: MapLeg) -> str:
    if leg.label:
        return leg.label
    return (f"{leg.sequence}. {leg.origin.name} → {leg.destination.name} "
            f"({_mode(leg.mode).label.lower()})")


def _legs(legs, at, prefix, occupied) -> tuple[list[str], list[str]]:
    """Each leg as a line with an arrow halfway and its sequence number beside it. Legs between
    the same two places bend apart (to the right of travel), so a return trip stays visible."""
    between: dict[frozenset, int] = {}
    for leg in legs:
        pair = frozenset((_place_key(leg.origin), _place_key(leg.destination)))
        between[pair] = between.get(pair, 0) + 1
    seen: dict[tuple, int] = {}
    out, markers_used = [], set()
    for leg in legs:
        mode = _mode(leg.mode)
        style = MODE_STYLE[mode]
        origin, destination = _place_key(leg.origin), _place_key(leg.destination)
        (x0, y0), (x2, y2) = at[origin], at[destination]
        dx, dy = x2 - x0, y2 - y0
        length = math.hypot(dx, dy)
        classes = f"route-map__leg route-map__leg--{mode.value}"
        sequence = escape(str(leg.sequence))
        title = f"<title>{escape(_leg_label(leg))}</title>"
        if length < 1:  # both ends in the same spot: nothing to draw but the number
            badge_x, badge_y = x0 + 10, y0 - 10
            body = ""
        else:
            ux, uy = dx / length, dy / length
            repeat = seen.get((origin, destination), 0)
            seen[(origin, destination)] = repeat + 1
            bend = 0.0 if between[frozenset((origin, destination))] == 1 else (0.15 + 0.1 * repeat) * length
            cx, cy = (x0 + x2) / 2 - uy * bend, (y0 + y2) / 2 + ux * bend
            # The quadratic split at t=0.5, so that the arrow (marker-mid) sits on a vertex.
            mx, my = (x0 + 2 * cx + x2) / 4, (y0 + 2 * cy + y2) / 4
            if bend:
                d = (f"M{_f(x0)},{_f(y0)}Q{_f((x0 + cx) / 2)},{_f((y0 + cy) / 2)} {_f(mx)},{_f(my)}"
                     f"Q{_f((cx + x2) / 2)},{_f((cy + y2) / 2)} {_f(x2)},{_f(y2)}")
                side = -1.0  # the number goes on the outside of the bend
            else:
                d = f"M{_f(x0)},{_f(y0)}L{_f(mx)},{_f(my)}L{_f(x2)},{_f(y2)}"
                side = 1.0
            badge_x, badge_y = mx + side * uy * 11, my - side * ux * 11
            marker = ""
            if length >= 20:  # on a very short leg the arrow would hide the line
                marker = f' marker-mid="url(#{prefix}-arrow-{mode.value})"'
                markers_used.add(mode)
            # Labels placed later keep off the line: it is sampled as small boxes.
            steps = max(2, int(length // 8))
            for step in range(1, steps):
                t = step / steps
                sx = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t * t * x2
                sy = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t * t * y2
                occupied.append((sx - 2.5, sy - 2.5, sx + 2.5, sy + 2.5))
            body = f'<path class="route-map__line" d="{d}" {_attrs(style)}{marker}/>'
            if mode == TransportMode.RAIL:  # the railway symbol: white ties over a dark line
                body += (f'<path class="route-map__ties" d="{d}" stroke="#ffffff" stroke-width="1.4" '
                         f'stroke-dasharray="4 4"/>')
        occupied.append((badge_x - 8, badge_y - 8, badge_x + 8, badge_y + 8))
        badge = (f'<g class="route-map__sequence"><circle cx="{_f(badge_x)}" cy="{_f(badge_y)}" r="7" '
                 f'fill="#ffffff" stroke="{style["stroke"]}" stroke-width="1.2"/>'
                 f'<text x="{_f(badge_x)}" y="{_f(badge_y + 3.3)}" font-size="9" text-anchor="middle" '
                 f'fill="#222222" stroke="none">{sequence}</text></g>')
        out.append(f'<g class="{classes}" data-sequence="{sequence}" data-mode="{mode.value}">'
                   f"{title}{body}{badge}</g>")
    markers = [
        f'<marker id="{prefix}-arrow-{mode.value}" class="route-map__arrow route-map__arrow--{mode.value}" '
        f'viewBox="0 0 10 10" refX="5" refY="5" markerWidth="10" markerHeight="10" '
        f'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" '
        f'fill="{MODE_STYLE[mode]["stroke"]}"/></marker>'
        for mode in TransportMode if mode in markers_used
    ]
    return out, markers


def _label_candidates(x: float, y: float, w: float, h: float):
    """(anchor, text x, baseline y, box) around a place, preferred positions first."""
    gap = 7
    base = h * 0.35  # from the middle of the box to the baseline
    yield "start", x + gap, y + base, (x + gap, y - h / 2, x + gap + w, y + h / 2)
    yield "end", x - gap, y + base, (x - gap - w, y - h / 2, x - gap, y + h / 2)
    yield "middle", x, y - gap - h / 2 + base, (x - w / 2, y - gap - h, x + w / 2, y - gap)
    yield "middle", x, y + gap + h / 2 + base, (x - w / 2, y + gap, x + w / 2, y + gap + h)
    for dy in (-1, 1):
        yield "start", x + gap - 2, y + dy * (h * 0.8) + base, \
            (x + gap - 2, y + dy * h * 0.8 - h / 2, x + gap - 2 + w, y + dy * h * 0.8 + h / 2)
        yield "end", x - gap + 2, y + dy * (h * 0.8) + base, \
            (x - gap + 2 - w, y + dy * h * 0.8 - h / 2, x - gap + 2, y + dy * h * 0.8 + h / 2)


def _inside(box, width, height) -> bool:
    return box[0] >= EDGE and box[1] >= EDGE and box[2] <= width - EDGE and box[3] <= height - EDGE


def _places(places, at, width, height, occupied) -> list[str]:
    out = []
    for key, point in places.items():
        x, y = at[key]
        w, h = text_width(point.name, PLACE_FONT), PLACE_FONT + 2
        candidates = list(_label_candidates(x, y, w, h))
        anchor, tx, ty, box = next(
            (c for c in candidates if _inside(c[3], width, height) and not overlaps(c[3], occupied)),
            next((c for c in candidates if _inside(c[3], width, height)), candidates[0]),
        )
        occupied.append(box)
        kind = css_modifier(point.kind)
        classes = "route-map__place" + (f" route-map__place--{kind}" if kind else "")
        tooltip = f"{point.name}{f' ({point.kind})' if point.kind else ''}: {_coordinates(point)}"
        element = (
            f'<g class="{classes}" data-name="{escape(point.name)}" '
            f'data-latitude="{point.latitude}" data-longitude="{point.longitude}">'
            f"<title>{escape(tooltip)}</title>"
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="4.5" fill="#c0392b" stroke="#ffffff" stroke-width="1.5"/>'
            f'<text class="route-map__label" x="{_f(tx)}" y="{_f(ty)}" text-anchor="{anchor}" '
            f'fill="#1d1d1d" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" '
            f'paint-order="stroke">{escape(point.name)}</text></g>'
        )
        url = safe_link_url(point.url)
        if url:
            element = f'<a class="route-map__link" href="{escape(url)}">{element}</a>'
        out.append(element)
    return out


def _legend(modes, width, height, occupied) -> list[str]:
    """The modes on this map, in a corner that hides no place (bottom-left if none is free)."""
    row, sample, pad = 16, 26, 6
    labels = [mode.label for mode in modes]
    box_w = pad * 2 + sample + 6 + max(text_width(label, 10) for label in labels)
    box_h = pad * 2 + row * len(modes) - 4
    corners = [
        (EDGE + 2, height - EDGE - 2 - box_h),
        (width - EDGE - 2 - box_w, height - EDGE - 2 - box_h),
        (EDGE + 2, EDGE + 2),
        (width - EDGE - 2 - box_w, EDGE + 2),
    ]
    x, y = next(
        ((cx, cy) for cx, cy in corners if not overlaps((cx, cy, cx + box_w, cy + box_h), occupied)),
        corners[0],
    )
    occupied.append((x, y, x + box_w, y + box_h))
    out = [
        f'<g class="route-map__legend" font-size="10">'
        f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(box_w)}" height="{_f(box_h)}" rx="3" '
        f'fill="#ffffff" fill-opacity="0.88" stroke="#b5b0a5" stroke-width="0.6"/>'
    ]
    for index, mode in enumerate(modes):
        line_y = y + pad + index * row + 6
        d = f"M{_f(x + pad)},{_f(line_y)}h{sample}"
        ties = (f'<path d="{d}" stroke="#ffffff" stroke-width="1.4" stroke-dasharray="4 4" fill="none"/>'
                if mode == TransportMode.RAIL else "")
        out.append(
            f'<g class="route-map__legend-item route-map__legend-item--{mode.value}">'
            f'<path class="route-map__line" d="{d}" fill="none" {_attrs(MODE_STYLE[mode])}/>{ties}'
            f'<text x="{_f(x + pad + sample + 6)}" y="{_f(line_y + 3.5)}" fill="#222222">'
            f"{escape(mode.label)}</text></g>"
        )
    out.append("</g>")
    return out


def _countries_layer(view: _View, occupied) -> tuple[list[str], list[str]]:
    """One <path> per country in view (rings outside it dropped, far parts of rings collapsed),
    and the names of the countries with room for them."""
    tolerance = 0.6 / view.scale
    level = max(i for i, t in enumerate(TOLERANCES) if t <= tolerance)
    margin = EDGE / view.scale
    vx0, vy0, vx1, vy1 = view.x0 - margin, view.y0 - margin, view.x1 + margin, view.y1 + margin
    shifts = [s for s in (-360.0, 0.0, 360.0) if vx0 < 180 + s and vx1 > -180 + s]
    paths, shown = [], []
    for country in _countries(level):
        bx0, by0, bx1, by1 = country.bbox
        for shift in shifts:
            if bx1 + shift < vx0 or bx0 + shift > vx1 or by1 < vy0 or by0 > vy1:
                continue
            bounds = (vx0 - shift, vy0, vx1 - shift, vy1)
            rings = [
                ring for ring in country.rings
                if not (ring.bbox[2] < bounds[0] or ring.bbox[0] > bounds[2] or ring.bbox[3] < vy0
                        or ring.bbox[1] > vy1)
            ]
            d = "".join(_ring_path(ring, view, shift, bounds) for ring in rings)
            if not d:
                continue
            name = escape(country.name)
            paths.append(f'<path class="route-map__country" data-name="{name}" data-id="{escape(country.id)}" '
                         f'd="{d}"><title>{name}</title></path>')
            shown.append((country, shift, rings))
    labels = []
    # Largest first: when two names would collide, the bigger country keeps its name.
    shown.sort(key=lambda item: -(item[0].bbox[2] - item[0].bbox[0]) * (item[0].bbox[3] - item[0].bbox[1]))
    for country, shift, rings in shown:
        label = _country_label(country.name, rings, view, shift, occupied)
        if label:
            labels.append(label)
    return paths, labels


def _ring_path(ring: _Ring, view: _View, shift: float, bounds) -> str:
    """The ring as path data, in pixels rounded to 0.1, consecutive repeats skipped; "" if it
    shrinks below a triangle. A chunk lying wholly beyond one edge of the view keeps only its
    ends: the part of the polygon that changes is all beyond that edge, so what shows inside
    the view is exactly the same, and the path stays small."""
    bx0, by0, bx1, by1 = bounds
    points = ring.points
    x0, y1, k = view.x0 - shift, view.y1, view.scale
    out: list[str] = []
    last = ""
    for start, end, cx0, cy0, cx1, cy1 in ring.chunks:
        if cx1 < bx0 or cx0 > bx1 or cy1 < by0 or cy0 > by1:
            selected: Iterable = (points[start], points[end])
        else:
            selected = points[start:end + 1]
        for x, y in selected:
            p = f"{(x - x0) * k:.1f},{(y1 - y) * k:.1f}"
            if p != last:
                out.append(p)
                last = p
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return "M" + " ".join(out) + "Z" if len(out) >= 3 else ""


def _country_label(name: str, rings: list[_Ring], view: _View, shift: float, occupied) -> str:
    """The name on the widest stretch of the country inside the view, if the name fits there
    (worked out on the unprojected rings: the view is a linear map of them)."""
    k = view.scale
    w, h = text_width(name, COUNTRY_FONT) / k, COUNTRY_FONT / k  # in degrees
    left = max(min(r.bbox[0] for r in rings) + shift, view.x0 + EDGE / k)
    right = min(max(r.bbox[2] for r in rings) + shift, view.x1 - EDGE / k)
    bottom = max(min(r.bbox[1] for r in rings), view.y0 + EDGE / k)
    top = min(max(r.bbox[3] for r in rings), view.y1 - EDGE / k)
    room = w + 16 / k
    if right - left < room or top - bottom < 2 * h:
        return ""
    best = None
    for fraction in (0.5, 0.35, 0.65, 0.2, 0.8):
        y = top - (top - bottom) * fraction
        for a, b in _crossings(rings, y, horizontal=True):
            a, b = max(a + shift, left), min(b + shift, right)
            if b - a >= room and (best is None or b - a > best[0]):
                best = (b - a, (a + b) / 2, y)
    if best is None:
        return ""
    _, x, y = best
    # The name must also fit vertically there (not on a thin peninsula).
    if not any(a <= y - h and y + h <= b for a, b in _crossings(rings, x - shift, horizontal=False)):
        return ""
    px, py = view.project(x, y)
    pw, ph = w * k, h * k
    box = (px - pw / 2, py - ph / 2, px + pw / 2, py + ph / 2)
    if overlaps(box, occupied):
        return ""
    occupied.append(box)
    return (f'<text class="route-map__country-label" x="{_f(px)}" y="{_f(py + ph * 0.35)}">'
            f"{escape(name)}</text>")


def _crossings(rings: list[_Ring], at: float, *, horizontal: bool) -> list[tuple[float, float]]:
    """Inside stretches of the rings (even-odd) along the line northing=at (or longitude=at)."""
    axis = 1 if horizontal else 0
    hits = []
    for ring in rings:
        if not ring.bbox[axis] <= at <= ring.bbox[axis + 2]:
            continue
        points = ring.points
        previous = points[-1]
        for point in points:
            (u0, v0), (u1, v1) = (previous, point) if horizontal else (previous[::-1], point[::-1])
            if (v0 > at) != (v1 > at):
                hits.append(u0 + (at - v0) * (u1 - u0) / (v1 - v0))
            previous = point
    hits.sort()
    return list(zip(hits[0::2], hits[1::2]))
