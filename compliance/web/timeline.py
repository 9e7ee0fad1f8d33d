"""Timelines for the staff pages: an allegation's statements, articles, evidence and decisions on
one date axis, as inline SVG.

Pure: no database, no JavaScript. The Content-Security-Policy forbids inline styles, so the look
comes from SVG presentation attributes (defaults) and class names (compliance/static/compliance/
charts.css). Every text is escaped; only http(s) and same-site links are emitted.

A date known only to the month or year is drawn as a bar over that month or year, not as a point
on its first day: an analyst must see that "September 2023" is not "1 September 2023".
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from compliance.choices import DatePrecision

from .maps import css_modifier, safe_link_url, svg_id_prefix, text_width


@dataclass(frozen=True)
class TimelineEvent:
    date: datetime.date
    lane: str  # e.g. "Statements", "Evidence", "Decisions", "Articles"
    label: str  # tooltip text, e.g. "United States asserts: …"
    kind: str = ""  # a css modifier, e.g. a stance ("asserts", "denies"), "approved"
    url: str = ""
    precision: str = "day"  # compliance.choices.DatePrecision values


@dataclass(frozen=True)
class TimelineSpan:
    """A period, e.g. a transfer's alleged period (both ends included)."""

    start: datetime.date
    end: datetime.date
    lane: str
    label: str
    url: str = ""


# Default colours (presentation attributes; charts.css overrides them by class).
KIND_FILL = {
    "asserts": "#c0392b",
    "assesses": "#d35400",
    "condemns": "#922b21",
    "warns": "#e67e22",
    "denies": "#2e6db4",
    "declines_to_comment": "#8c8c8c",
    "supports": "#2e7d32",
    "contradicts": "#c62828",
    "context": "#8c8c8c",
    "article": "#5d6d7e",
    "transition": "#4a235a",
    "pending": "#b7950b",
    "approved": "#2e7d32",
    "rejected": "#8c8c8c",
}
DEFAULT_FILL, SPAN_FILL = "#555555", "#7e6bb0"

LABEL_FONT, TICK_FONT = 12.0, 10.5
ROW, LANE_PAD, MIN_LANE = 14, 9, 32  # pixels: one row of marks, above/below them, least lane height
RADIUS, BAR_HEIGHT, SPAN_HEIGHT = 5.0, 8.0, 10.0
TOP, AXIS, RIGHT = 6, 30, 28
MIN_TICK_SPACING = 72  # pixels; "Sep 2023" at 10.5 px is about 50
MAX_LANE_LABEL = 190  # pixels; a longer lane name is shortened, the whole of it in its tooltip


def timeline_svg(
    events: Sequence[TimelineEvent],
    *,
    spans: Sequence[TimelineSpan] = (),
    lanes: Sequence[str] | None = None,
    width: int = 900,
    title: str = "Timeline",
) -> SafeString:
    """Events and spans in horizontal lanes over a date axis, as an inline <svg>; "" when there is
    nothing dated to show."""
    if not events and not spans:
        return SafeString("")
    # A timestamp counts as its day; a span given backwards is still the same period.
    events = [replace(e, date=_day(e.date)) for e in events]
    spans = [
        replace(s, start=min(_day(s.start), _day(s.end)), end=max(_day(s.start), _day(s.end))) for s in spans
    ]
    lane_names = _lane_order(events, spans, lanes)

    label_width = min(MAX_LANE_LABEL, max(text_width(name, LABEL_FONT) for name in lane_names)) + 16
    plot_x0 = max(90.0, label_width)
    plot_x1 = width - RIGHT
    scale = _Scale.fit(events, spans, plot_x0, plot_x1)

    items_by_lane: dict[str, list[_Item]] = {name: [] for name in lane_names}
    for span in spans:
        items_by_lane[span.lane].append(_span_item(span, scale))
    for event in events:
        items_by_lane[event.lane].append(_event_item(event, scale))

    prefix = svg_id_prefix("timeline", events, spans, lane_names, width, title)
    body, y = [], float(TOP)
    for index, name in enumerate(lane_names):
        lane_svg, lane_height = _lane(name, index, items_by_lane[name], y, width, plot_x0, scale)
        body.append(lane_svg)
        y += lane_height
    height = int(y + AXIS)
    body.append(_axis(scale, y))

    first, last = scale.first, scale.last
    description = (f"{len(events)} events and {len(spans)} periods in {len(lane_names)} lanes, "
                   f"axis from {DatePrecision.format(first, 'day')} to {DatePrecision.format(last, 'day')}")
    title_id = f"{prefix}-title"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
        f'aria-labelledby="{title_id}" aria-describedby="{prefix}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="sans-serif">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
        *body,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # every interpolated text above went through escape()


def _day(value: datetime.date) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _lane_order(events, spans, lanes) -> list[str]:
    """The lanes asked for, in that order, then any other lane the data uses (never dropped)."""
    names = list(dict.fromkeys(lanes or ()))
    for item in (*spans, *events):
        if item.lane not in names:
            names.append(item.lane)
    return names


# --- Dates to pixels and ticks -----------------------------------------------------------------


def _month_start(day: datetime.date, step: int = 1) -> datetime.date:
    month = (day.month - 1) // step * step + 1
    return day.replace(month=month, day=1)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _period(day: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    """The first day of the period a date stands for, and the first day after it."""
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1), datetime.date(day.year + 1, 1, 1)
    if precision == DatePrecision.MONTH:
        start = day.replace(day=1)
        return start, _add_months(start, 1)
    return day, day + datetime.timedelta(days=1)


# (unit, step): the finest that leaves room between tick labels wins.
TICK_STEPS = (("day", 1), ("day", 2), ("week", 1), ("week", 2), ("month", 1), ("month", 2),
              ("month", 3), ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10),
              ("year", 25), ("year", 50), ("year", 100))
MONDAY = datetime.date(1970, 1, 5)


def _tick_floor(day: datetime.date, unit: str, step: int) -> datetime.date:
    if unit == "day":
        return day - datetime.timedelta(days=day.toordinal() % step)
    if unit == "week":
        weeks = (day - MONDAY).days // 7
        return MONDAY + datetime.timedelta(weeks=weeks - weeks % step)
    if unit == "month":
        return _month_start(day, step)
    return datetime.date(max(1, day.year - day.year % step), 1, 1)


def _tick_next(day: datetime.date, unit: str, step: int) -> datetime.date:
    if unit == "day":
        return day + datetime.timedelta(days=step)
    if unit == "week":
        return day + datetime.timedelta(weeks=step)
    if unit == "month":
        return _add_months(day, step)
    return datetime.date(day.year + step, 1, 1)


def _ticks(first: datetime.date, last: datetime.date, unit: str, step: int) -> list[datetime.date]:
    ticks = [_tick_floor(first, unit, step)]
    while ticks[-1] < last:
        ticks.append(_tick_next(ticks[-1], unit, step))
    return ticks


@dataclass(frozen=True)
class _Scale:
    first: datetime.date  # the axis runs from the start of this day...
    last: datetime.date  # ...to the start of this one (both on ticks)
    x0: float
    x1: float
    unit: str
    ticks: tuple[datetime.date, ...]

    @classmethod
    def fit(cls, events, spans, x0: float, x1: float) -> _Scale:
        starts, ends = [], []
        for event in events:
            start, end = _period(event.date, event.precision)
            starts.append(start)
            ends.append(end)
        for span in spans:
            starts.append(span.start)
            ends.append(span.end + datetime.timedelta(days=1))
        first, last = min(starts), max(ends)
        # Some air at both ends (a mark on the axis's edge would be cut), a few days when everything
        # falls on one day; then out to whole ticks, so that the tick labels frame the data.
        pad = max(3 if (last - first).days <= 1 else 1, (last - first).days // 30)
        first, last = first - datetime.timedelta(days=pad), last + datetime.timedelta(days=pad)
        most = max(2, int((x1 - x0) // MIN_TICK_SPACING))
        for unit, step in TICK_STEPS:
            ticks = _ticks(first, last, unit, step)
            if len(ticks) - 1 <= most:
                break
        return cls(first=ticks[0], last=ticks[-1], x0=x0, x1=x1, unit=unit, ticks=tuple(ticks))

    def x(self, day: datetime.date, fraction: float = 0.0) -> float:
        """The x of the start of a day (plus a fraction of the day)."""
        days = (self.last - self.first).days or 1
        return self.x0 + ((day - self.first).days + fraction) / days * (self.x1 - self.x0)

    def tick_label(self, index: int) -> str:
        day = self.ticks[index]
        if self.unit == "year":
            return str(day.year)
        if self.unit == "month":
            return day.strftime("%b %Y")
        # Days and weeks: the year on the first tick and wherever it changes.
        previous = self.ticks[index - 1] if index else None
        with_year = previous is None or previous.year != day.year
        return f"{day.day} {day:%b}" + (f" {day.year}" if with_year else "")


# --- Marks -----------------------------------------------------------------------------------


@dataclass
class _Item:
    left: float  # horizontal extent, pixels, for stacking
    right: float
    draw: object  # (row centre y) -> svg
    row: int = 0


def _link(element: str, url: str, css_class: str) -> str:
    url = safe_link_url(url)
    return f'<a class="{css_class}" href="{escape(url)}">{element}</a>' if url else element


def _event_item(event: TimelineEvent, scale: _Scale) -> _Item:
    precision = event.precision if event.precision in DatePrecision.values else DatePrecision.DAY
    kind = css_modifier(event.kind)
    classes = "timeline__event" + (f" timeline__event--{kind}" if kind else "")
    classes += f" timeline__event--precision-{precision}"
    fill = KIND_FILL.get(event.kind, DEFAULT_FILL)
    tooltip = f"<title>{escape(DatePrecision.format(event.date, precision))}: {escape(event.label)}</title>"
    data = f'data-date="{event.date.isoformat()}" data-precision="{precision}" data-kind="{escape(event.kind)}"'

    if precision == DatePrecision.DAY:
        x = scale.x(event.date, 0.5)

        def draw(y: float) -> str:
            return _link(
                f'<circle class="{classes}" cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS:g}" fill="{fill}" '
                f'stroke="#ffffff" stroke-width="1.2" {data}>{tooltip}</circle>',
                event.url, "timeline__link",
            )

        return _Item(left=x - RADIUS - 1, right=x + RADIUS + 1, draw=draw)

    start, end = _period(event.date, precision)
    left, right = scale.x(start), scale.x(end)
    if right - left < 2 * RADIUS:  # a month on a decades-long axis: still wide enough to see
        middle = (left + right) / 2
        left, right = middle - RADIUS, middle + RADIUS

    def draw_bar(y: float) -> str:
        return _link(
            f'<rect class="{classes}" x="{left:.1f}" y="{y - BAR_HEIGHT / 2:.1f}" '
            f'width="{right - left:.1f}" height="{BAR_HEIGHT:g}" rx="{BAR_HEIGHT / 2:g}" fill="{fill}" '
            f'fill-opacity="0.75" stroke="{fill}" stroke-width="1" {data}>{tooltip}</rect>',
            event.url, "timeline__link",
        )

    return _Item(left=left - 1, right=right + 1, draw=draw_bar)


def _span_item(span: TimelineSpan, scale: _Scale) -> _Item:
    left, right = scale.x(span.start), scale.x(span.end + datetime.timedelta(days=1))
    right = max(right, left + 4)
    when = f"{DatePrecision.format(span.start, 'day')} – {DatePrecision.format(span.end, 'day')}"
    tooltip = f"<title>{escape(when)}: {escape(span.label)}</title>"

    def draw(y: float) -> str:
        return _link(
            f'<rect class="timeline__span" x="{left:.1f}" y="{y - SPAN_HEIGHT / 2:.1f}" '
            f'width="{right - left:.1f}" height="{SPAN_HEIGHT:g}" rx="2" fill="{SPAN_FILL}" '
            f'fill-opacity="0.55" stroke="{SPAN_FILL}" stroke-width="1" '
            f'data-start="{span.start.isoformat()}" data-end="{span.end.isoformat()}">{tooltip}</rect>',
            span.url, "timeline__link",
        )

    return _Item(left=left - 1, right=right + 1, draw=draw)


def _stack(items: list[_Item]) -> int:
    """Rows for marks that would touch: each goes in the first row free at its left edge (interval
    colouring, so no mark hides another, same day or not). Returns how many rows there are."""
    row_ends: list[float] = []
    for item in sorted(items, key=lambda i: (i.left, i.right)):
        for row, end in enumerate(row_ends):
            if end <= item.left:
                item.row = row
                row_ends[row] = item.right
                break
        else:
            item.row = len(row_ends)
            row_ends.append(item.right)
    return max(1, len(row_ends))


def _lane(name, index, items, top, width, plot_x0, scale) -> tuple[str, float]:
    rows = _stack(items)
    height = max(MIN_LANE, rows * ROW + 2 * LANE_PAD)
    band = "#f6f5f1" if index % 2 == 0 else "#ffffff"
    shown = name
    while text_width(shown, LABEL_FONT) > MAX_LANE_LABEL and len(shown) > 4:
        shown = shown[:-2] + "…"
    grid = "".join(
        f'<line x1="{scale.x(day):.1f}" x2="{scale.x(day):.1f}" y1="{top:.1f}" y2="{top + height:.1f}"/>'
        for day in scale.ticks
    )
    # Rows fill from the middle of the lane when there is one, from the top otherwise.
    first_row = top + (height - rows * ROW) / 2 + ROW / 2
    marks = "".join(item.draw(first_row + item.row * ROW) for item in items)
    svg = (
        f'<g class="timeline__lane timeline__lane--{css_modifier(name) or "unnamed"}" '
        f'data-lane="{escape(name)}">'
        f'<rect class="timeline__band" x="0" y="{top:.1f}" width="{width}" height="{height:g}" fill="{band}"/>'
        f'<g class="timeline__grid" stroke="#e2dfd8" stroke-width="1">{grid}</g>'
        f'<text class="timeline__lane-label" x="8" y="{top + height / 2 + LABEL_FONT * 0.35:.1f}" '
        f'font-size="{LABEL_FONT:g}" fill="#333333"><title>{escape(name)}</title>{escape(shown)}</text>'
        f'<line class="timeline__lane-rule" x1="{plot_x0:.1f}" x2="{scale.x1:.1f}" '
        f'y1="{top + height / 2:.1f}" y2="{top + height / 2:.1f}" stroke="#d5d1c8" stroke-width="1"/>'
        f"{marks}</g>"
    )
    return svg, height


def _axis(scale: _Scale, top: float) -> str:
    parts = [
        f'<g class="timeline__axis" font-size="{TICK_FONT:g}" fill="#444444" text-anchor="middle">'
        f'<line class="timeline__axis-line" x1="{scale.x0:.1f}" x2="{scale.x1:.1f}" y1="{top:.1f}" '
        f'y2="{top:.1f}" stroke="#888888" stroke-width="1"/>'
    ]
    for index, day in enumerate(scale.ticks):
        x = scale.x(day)
        parts.append(
            f'<g class="timeline__tick" data-date="{day.isoformat()}">'
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:.1f}" y2="{top + 5:.1f}" stroke="#888888"/>'
            f'<text class="timeline__tick-label" x="{x:.1f}" y="{top + 17:.1f}">'
            f"{escape(scale.tick_label(index))}</text></g>"
        )
    parts.append("</g>")
    return "".join(parts)
