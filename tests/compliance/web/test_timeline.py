"""The allegation timeline: lanes in the asked order, imprecise dates shown as imprecise, no mark
hiding another, an axis that frames the data; escaping, links and no inline styles. Pure: no
database."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils.safestring import SafeString

from compliance.web.timeline import TimelineEvent, TimelineSpan, timeline_svg
from tests.compliance.web.svg import SVG, classes, parse, with_class

EVIL = "<script>alert(1)</script>"
LANES = ("Transfers", "Statements", "Articles", "Evidence", "Decisions")


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def record():
    events = [
        TimelineEvent(day("2023-09-13"), "Statements", "United States asserts: munitions by rail", "asserts",
                      url="#statement-1"),
        TimelineEvent(day("2023-09-13"), "Statements", "Russia denies", "denies", url="#statement-2"),
        TimelineEvent(day("2023-09-13"), "Statements", "DPRK declines to comment", "declines_to_comment"),
        TimelineEvent(day("2023-10-01"), "Statements", "UK assesses: almost certain", "assesses",
                      precision="month"),
        TimelineEvent(day("2023-10-13"), "Evidence", "Satellite imagery of Dunay", "supports"),
        TimelineEvent(day("2023-11-02"), "Articles", "[1] Reuters: containers at Tikhoretsk", "article"),
        TimelineEvent(day("2024-03-02"), "Decisions", "Reported → Corroborated", "transition"),
    ]
    spans = [TimelineSpan(day("2023-08-15"), day("2023-12-31"), "Transfers", "Najin → Tikhoretsk",
                          url="/transfers/1/")]
    return events, spans


def events_of(root: ET.Element, date: str | None = None) -> list[ET.Element]:
    found = with_class(root, "timeline__event")
    return [e for e in found if date is None or e.get("data-date") == date]


def test_the_timeline_is_an_accessible_svg_image(record):
    events, spans = record
    svg = timeline_svg(events, spans=spans, lanes=LANES, title="Timeline of the allegation")
    root = parse(svg)

    assert isinstance(svg, SafeString)
    assert root.get("role") == "img"
    assert "timeline" in classes(root)
    assert root.get("viewBox").startswith("0 0 900 ")
    title = root.find(f"{SVG}title")
    assert root.get("aria-labelledby") == title.get("id")
    assert title.text == "Timeline of the allegation"


def test_lanes_follow_the_order_asked_for_with_their_labels(record):
    events, spans = record
    root = parse(timeline_svg(events, spans=spans, lanes=LANES))

    lanes = with_class(root, "timeline__lane")
    assert [lane.get("data-lane") for lane in lanes] == list(LANES)
    labels = [with_class(lane, "timeline__lane-label")[0] for lane in lanes]
    assert [label.find(f"{SVG}title").text for label in labels] == list(LANES)
    tops = [float(with_class(lane, "timeline__band")[0].get("y")) for lane in lanes]
    assert tops == sorted(tops)


def test_without_a_lane_order_lanes_come_in_order_of_first_appearance(record):
    events, _ = record
    root = parse(timeline_svg(events))

    lanes = [lane.get("data-lane") for lane in with_class(root, "timeline__lane")]
    assert lanes == ["Statements", "Evidence", "Articles", "Decisions"]


def test_a_lane_used_by_the_data_but_not_listed_is_still_drawn(record):
    events, spans = record
    root = parse(timeline_svg(events, spans=spans, lanes=("Decisions", "Statements")))

    lanes = [lane.get("data-lane") for lane in with_class(root, "timeline__lane")]
    assert lanes == ["Decisions", "Statements", "Transfers", "Evidence", "Articles"]


def test_the_chart_grows_with_its_lanes(record):
    events, _ = record
    one = parse(timeline_svg(events[:1]))
    four = parse(timeline_svg(events))

    assert float(four.get("height")) > float(one.get("height"))


def test_an_event_known_to_the_month_is_a_bar_over_the_month_not_a_point(record):
    events, _ = record
    root = parse(timeline_svg(events))

    (month,) = events_of(root, "2023-10-01")
    (point,) = events_of(root, "2023-10-13")
    assert month.tag == f"{SVG}rect"
    assert "timeline__event--precision-month" in classes(month)
    assert point.tag == f"{SVG}circle"
    assert "timeline__event--precision-day" in classes(point)
    # The bar covers October: the 13th lies inside it, and it is much wider than a point.
    left, width = float(month.get("x")), float(month.get("width"))
    assert left < float(point.get("cx")) < left + width
    assert width > 3 * 2 * float(point.get("r"))
    assert month.find(f"{SVG}title").text == "Oct 2023: UK assesses: almost certain"


def test_year_precision_covers_the_year():
    events = [
        TimelineEvent(day("2023-01-01"), "Articles", "Annual report", precision="year"),
        TimelineEvent(day("2023-06-30"), "Articles", "Mid-year note"),
    ]
    root = parse(timeline_svg(events))

    (year,) = events_of(root, "2023-01-01")
    (mid,) = events_of(root, "2023-06-30")
    left, width = float(year.get("x")), float(year.get("width"))
    assert float(mid.get("cx")) == pytest.approx(left + width / 2, rel=0.02)
    assert year.find(f"{SVG}title").text == "2023: Annual report"


def test_events_on_the_same_day_in_the_same_lane_do_not_hide_each_other(record):
    events, _ = record
    root = parse(timeline_svg(events))

    same_day = events_of(root, "2023-09-13")
    assert len(same_day) == 3
    assert len({e.get("cx") for e in same_day}) == 1  # still on their day
    assert len({e.get("cy") for e in same_day}) == 3  # but each on its own row
    ys = sorted(float(e.get("cy")) for e in same_day)
    radius = float(same_day[0].get("r"))
    assert all(b - a >= 2 * radius for a, b in zip(ys, ys[1:]))


def test_the_same_day_in_different_lanes_lines_up():
    events = [
        TimelineEvent(day("2023-09-13"), "Statements", "a"),
        TimelineEvent(day("2023-09-13"), "Evidence", "b"),
        TimelineEvent(day("2023-12-01"), "Evidence", "c"),
    ]
    root = parse(timeline_svg(events))

    first, second = events_of(root, "2023-09-13")
    assert first.get("cx") == second.get("cx")
    assert first.get("cy") != second.get("cy")


def ticks(root: ET.Element) -> list[tuple[datetime.date, str]]:
    return [
        (day(tick.get("data-date")), with_class(tick, "timeline__tick-label")[0].text)
        for tick in with_class(root, "timeline__tick")
    ]


def test_month_ticks_frame_the_data_and_read_like_sep_2023(record):
    events, spans = record
    root = parse(timeline_svg(events, spans=spans))

    found = ticks(root)
    dates = [d for d, _ in found]
    assert dates[0] <= day("2023-08-15")
    assert dates[-1] >= day("2024-03-02")
    assert all(d.day == 1 for d in dates)
    labels = [label for _, label in found]
    assert labels[0] == "Aug 2023"
    assert labels[-1] == "Apr 2024"
    assert "Sep 2023" in labels


def test_a_few_weeks_get_day_ticks_and_decades_get_year_ticks():
    weeks = parse(timeline_svg([TimelineEvent(day("2023-09-13"), "S", "a"),
                                TimelineEvent(day("2023-09-20"), "S", "b")]))
    decades = parse(timeline_svg([TimelineEvent(day("1995-09-13"), "S", "a"),
                                  TimelineEvent(day("2024-10-02"), "S", "b", precision="month")]))

    week_ticks = ticks(weeks)
    assert week_ticks[0][0] <= day("2023-09-13") and week_ticks[-1][0] >= day("2023-09-20")
    assert week_ticks[0][1].endswith("Sep 2023")  # the first tick carries the year
    year_ticks = ticks(decades)
    assert all(label.isdigit() for _, label in year_ticks)
    assert year_ticks[0][0] <= day("1995-09-13") and year_ticks[-1][0] >= day("2024-11-01")


def test_a_single_date_gets_a_few_days_either_side():
    root = parse(timeline_svg([TimelineEvent(day("2023-09-13"), "Statements", "alone", "asserts")]))

    found = [d for d, _ in ticks(root)]
    assert found[0] < day("2023-09-13") < found[-1]
    assert (found[-1] - found[0]).days <= 14
    (event,) = events_of(root)
    axis = with_class(root, "timeline__axis-line")[0]
    assert float(axis.get("x1")) < float(event.get("cx")) < float(axis.get("x2"))


def test_spans_are_bars_with_their_period_and_link(record):
    events, spans = record
    root = parse(timeline_svg(events, spans=spans, lanes=LANES))

    (bar,) = with_class(root, "timeline__span")
    assert bar.find(f"{SVG}title").text == "15 Aug 2023 – 31 Dec 2023: Najin → Tikhoretsk"
    links = [a for a in root.iter(f"{SVG}a") if with_class(a, "timeline__span")]
    assert [a.get("href") for a in links] == ["/transfers/1/"]
    transfers = with_class(root, "timeline__lane")[0]
    assert bar in list(transfers.iter())


def test_a_span_given_backwards_is_drawn_forwards():
    root = parse(timeline_svg([], spans=[TimelineSpan(day("2023-12-31"), day("2023-08-15"), "T", "x")]))

    (bar,) = with_class(root, "timeline__span")
    assert bar.get("data-start") == "2023-08-15"
    assert float(bar.get("width")) > 0


def test_kinds_become_class_modifiers(record):
    events, _ = record
    odd = TimelineEvent(day("2023-09-20"), "Statements", "odd", kind="Foo Bar!")
    root = parse(timeline_svg([*events, odd]))

    by_date = {e.get("data-date") + e.find(f"{SVG}title").text: classes(e) for e in events_of(root)}
    assert "timeline__event--asserts" in by_date["2023-09-1313 Sep 2023: United States asserts: munitions by rail"]
    assert "timeline__event--declines_to_comment" in by_date["2023-09-1313 Sep 2023: DPRK declines to comment"]
    assert "timeline__event--foo-bar" in by_date["2023-09-2020 Sep 2023: odd"]


def test_labels_and_lane_names_are_escaped():
    svg = timeline_svg([TimelineEvent(day("2023-09-13"), EVIL, f"Reuters: {EVIL}", kind=EVIL)], title=EVIL)
    root = parse(svg)

    assert "<script" not in svg
    (event,) = events_of(root)
    assert event.find(f"{SVG}title").text == f"13 Sep 2023: Reuters: {EVIL}"
    assert with_class(root, "timeline__lane")[0].get("data-lane") == EVIL
    assert root.find(f"{SVG}title").text == EVIL


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("#statement-1", True),
        ("/allegations/3/", True),
        ("https://www.reuters.com/world/", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,x", False),
    ],
)
def test_only_web_and_site_urls_become_links(url, linked):
    root = parse(timeline_svg([TimelineEvent(day("2023-09-13"), "Statements", "x", url=url)]))

    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ([url] if linked else [])


def test_no_inline_style_for_the_content_security_policy(record):
    events, spans = record
    svg = timeline_svg(events, spans=spans, lanes=LANES)

    assert "style=" not in svg
    assert "<style" not in svg


def test_nothing_dated_gives_an_empty_string():
    svg = timeline_svg([], spans=[], lanes=LANES)

    assert svg == ""
    assert isinstance(svg, SafeString)


def test_a_timestamp_is_placed_on_its_day():
    at = datetime.datetime(2023, 9, 13, 17, 45, tzinfo=datetime.timezone.utc)
    root = parse(timeline_svg([TimelineEvent(at, "Decisions", "Reported → Corroborated", "transition"),
                               TimelineEvent(day("2023-09-13"), "Statements", "same day")]))

    first, second = events_of(root)
    assert first.get("data-date") == "2023-09-13"
    assert first.get("cx") == second.get("cx")
