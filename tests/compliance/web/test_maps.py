"""The route map: what an analyst relies on when reading a transfer's route (places, legs in order,
the countries around them, directions kept), and what the page's security relies on (escaping,
links, no inline styles). Pure: no database."""

import re
import statistics
import time
import xml.etree.ElementTree as ET

import pytest
from django.utils.safestring import SafeString

from compliance.web import maps
from compliance.web.maps import MapLeg, MapPoint, route_map_svg
from tests.compliance.web.svg import SVG, classes, parse, with_class

NAJIN = MapPoint("Najin", 42.24, 130.30, kind="port")
DUNAY = MapPoint("Dunay", 42.89, 132.34, kind="port")
TIKHORETSK = MapPoint("Tikhoretsk", 45.85, 40.13, kind="depot", url="/places/7/")
EVIL = "<script>alert(1)</script>"


@pytest.fixture
def route():
    # Given out of order on purpose: the map draws by sequence.
    return [
        MapLeg(2, DUNAY, TIKHORETSK, "rail", label="2. Dunay → Tikhoretsk (rail)"),
        MapLeg(1, NAJIN, DUNAY, "sea", label="1. Najin → Dunay (sea), vessel Angara"),
    ]


def places(root: ET.Element) -> dict[str, ET.Element]:
    found = with_class(root, "route-map__place")
    names = [element.get("data-name") for element in found]
    assert len(names) == len(set(names)), f"a place is drawn twice: {names}"
    return dict(zip(names, found))


def centre(place: ET.Element) -> tuple[float, float]:
    circle = place.find(f"{SVG}circle")
    return float(circle.get("cx")), float(circle.get("cy"))


def country_names(root: ET.Element) -> set[str]:
    return {element.get("data-name") for element in with_class(root, "route-map__country")}


def test_the_map_is_an_accessible_svg_image(route):
    svg = route_map_svg(route, title="Route of the September shipments")
    root = parse(svg)

    assert isinstance(svg, SafeString)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert "route-map" in classes(root)
    assert root.get("viewBox") == "0 0 720 440"
    title = root.find(f"{SVG}title")
    assert root.get("aria-labelledby") == title.get("id")
    assert title.text == "Route of the September shipments"


def test_each_place_appears_once_with_its_name_as_label(route):
    root = parse(route_map_svg(route))

    found = places(root)
    assert list(found) == ["Najin", "Dunay", "Tikhoretsk"]  # Dunay ends leg 1 and starts leg 2
    for name, place in found.items():
        label = [t for t in place.iter(f"{SVG}text") if "route-map__label" in classes(t)]
        assert [t.text for t in label] == [name]
        assert name in place.find(f"{SVG}title").text
    assert "42.24° N, 130.30° E" in found["Najin"].find(f"{SVG}title").text
    assert "route-map__place--port" in classes(found["Najin"])


def test_legs_are_drawn_in_sequence_with_their_mode_and_label(route):
    root = parse(route_map_svg(route))

    legs = with_class(root, "route-map__leg")
    assert [leg.get("data-sequence") for leg in legs] == ["1", "2"]
    assert "route-map__leg--sea" in classes(legs[0])
    assert "route-map__leg--rail" in classes(legs[1])
    assert legs[0].find(f"{SVG}title").text == "1. Najin → Dunay (sea), vessel Angara"
    # The sea leg is dashed, the rail leg is not: the mode shows without the stylesheet too.
    assert legs[0].find(f"{SVG}path").get("stroke-dasharray")
    assert legs[1].find(f"{SVG}path").get("stroke-dasharray") is None
    legend = [item for item in with_class(root, "route-map__legend-item")]
    assert [item.find(f"{SVG}text").text for item in legend] == ["Sea", "Rail"]


def test_a_leg_without_a_label_gets_one_from_its_places_and_mode():
    root = parse(route_map_svg([MapLeg(1, NAJIN, DUNAY, "sea")]))

    assert with_class(root, "route-map__leg")[0].find(f"{SVG}title").text == "1. Najin → Dunay (sea)"


def test_legs_to_long_distances_carry_a_direction_arrow(route):
    svg = route_map_svg(route)
    root = parse(svg)

    rail = with_class(root, "route-map__leg--rail")[0].find(f"{SVG}path")
    marker_id = re.fullmatch(r"url\(#(.+)\)", rail.get("marker-mid")).group(1)
    assert any(marker.get("id") == marker_id for marker in root.iter(f"{SVG}marker"))


def test_the_countries_around_the_route_are_drawn_and_far_ones_are_not(route):
    root = parse(route_map_svg(route))

    names = country_names(root)
    assert {"Russia", "North Korea", "China", "Kazakhstan", "Mongolia"} <= names
    assert "Brazil" not in names
    assert "Australia" not in names
    russia = next(c for c in with_class(root, "route-map__country") if c.get("data-name") == "Russia")
    assert russia.get("data-id") == "643"
    assert russia.find(f"{SVG}title").text == "Russia"


def test_the_projection_keeps_west_east_and_north_south(route):
    found = places(parse(route_map_svg(route)))
    najin, dunay, tikhoretsk = (centre(found[name]) for name in ("Najin", "Dunay", "Tikhoretsk"))

    assert tikhoretsk[0] < najin[0] < dunay[0]  # west to east
    assert tikhoretsk[1] < dunay[1] < najin[1]  # north is up: smaller y


def test_every_place_is_inside_the_view_with_a_margin(route):
    found = places(parse(route_map_svg(route, width=600, height=400)))

    for x, y in map(centre, found.values()):
        assert 20 < x < 580
        assert 20 < y < 380


def test_one_place_alone_still_gives_a_sane_view():
    root = parse(route_map_svg([MapLeg(1, NAJIN, NAJIN, "road")]))

    x, y = centre(places(root)["Najin"])
    assert (x, y) == pytest.approx((360, 220), abs=1)
    assert "North Korea" in country_names(root)
    assert "Brazil" not in country_names(root)


def test_a_route_across_the_date_line_is_drawn_the_short_way():
    vladivostok = MapPoint("Vladivostok", 43.12, 131.89)
    anchorage = MapPoint("Anchorage", 61.22, -149.90)
    root = parse(route_map_svg([MapLeg(1, vladivostok, anchorage, "air")]))

    found = places(root)
    (x0, _), (x1, _) = centre(found["Vladivostok"]), centre(found["Anchorage"])
    assert 0 < x0 < x1 < 720  # Anchorage east of Vladivostok, both in view
    assert {"Russia", "United States of America"} <= country_names(root)


def test_place_names_and_labels_are_escaped():
    evil = MapPoint(EVIL, 42.0, 130.0, kind='"><script>')
    svg = route_map_svg([MapLeg(1, NAJIN, evil, "sea", label=f"1. {EVIL}")], title=EVIL)
    root = parse(svg)

    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert EVIL in places(root)
    label = with_class(places(root)[EVIL], "route-map__label")[0]
    assert label.text == EVIL
    assert with_class(root, "route-map__leg")[0].find(f"{SVG}title").text == f"1. {EVIL}"
    assert root.find(f"{SVG}title").text == EVIL


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("/places/7/", True),
        ("https://example.org/najin", True),
        ("http://example.org/najin", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("", False),
    ],
)
def test_only_web_and_site_urls_become_links(url, linked):
    place = MapPoint("Najin", 42.24, 130.30, url=url)
    root = parse(route_map_svg([MapLeg(1, place, DUNAY, "sea")]))

    hrefs = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert hrefs == ([url.strip()] if linked else [])


def test_a_linked_place_wraps_its_mark_in_a_link(route):
    root = parse(route_map_svg(route))

    (link,) = root.iter(f"{SVG}a")
    assert link.get("href") == "/places/7/"
    assert [p.get("data-name") for p in with_class(link, "route-map__place")] == ["Tikhoretsk"]


def test_no_inline_style_for_the_content_security_policy(route):
    svg = route_map_svg(route + [MapLeg(3, TIKHORETSK, NAJIN, "air"), MapLeg(4, NAJIN, DUNAY, "road")])

    assert "style=" not in svg
    assert "<style" not in svg


def test_no_legs_gives_an_empty_string():
    svg = route_map_svg([])

    assert svg == ""
    assert isinstance(svg, SafeString)


def test_legs_between_the_same_places_are_kept_apart():
    root = parse(route_map_svg([MapLeg(1, NAJIN, DUNAY, "sea"), MapLeg(2, DUNAY, NAJIN, "sea")]))

    there, back = (leg.find(f"{SVG}path").get("d") for leg in with_class(root, "route-map__leg"))
    assert "Q" in there and "Q" in back  # bent, not one line drawn over the other
    assert there != back


def test_coordinates_are_rounded_to_a_tenth_of_a_pixel(route):
    svg = route_map_svg(route)

    assert not re.search(r"\d\.\d{2,}", " ".join(re.findall(r' d="([^"]*)"', svg)))


def test_the_najin_route_is_small_and_quick_once_the_outlines_are_loaded(route):
    route_map_svg(route)  # the first call decodes the outlines
    timings, svg = [], ""
    for _ in range(5):
        start = time.perf_counter()
        svg = route_map_svg(route)
        timings.append(time.perf_counter() - start)

    assert len(svg.encode()) < 300_000
    assert statistics.median(timings) < 0.05
    assert maps._outlines.cache_info().currsize == 1  # decoded once per process, not per request


def test_outlines_decode_to_where_the_countries_are():
    # Delta decoding, scale/translate and reversed arcs: the bounding boxes land on the map.
    countries = {country.name: country for country in maps._countries(0)}
    west, south, east, north = countries["North Korea"].bbox
    assert west == pytest.approx(124.2, abs=0.3)
    assert east == pytest.approx(130.7, abs=0.3)
    assert south == pytest.approx(maps.mercator_y(37.7), abs=0.5)
    assert north == pytest.approx(maps.mercator_y(43.0), abs=0.5)
    assert countries["North Korea"].id == "408"
    # Rings crossing the date line are made continuous: no edge spans half the world.
    for ring in countries["Russia"].rings:
        assert all(abs(b[0] - a[0]) < 180 for a, b in zip(ring.points, ring.points[1:]))


def test_an_impossible_coordinate_is_refused_when_the_point_is_made():
    with pytest.raises(ValueError, match="latitude"):
        MapPoint("Nowhere", 91.0, 10.0)
    with pytest.raises(ValueError, match="longitude"):
        MapPoint("Nowhere", 10.0, float("nan"))
