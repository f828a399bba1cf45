"""Every country with activities opens its profile from the map: by a click at 1440 px and by a
tap on a 390 px phone (touch). The countries come from the shipped data (activities_by_country),
not a hand-picked list; where to click comes from what the browser drew (map_targets.js): a small
state's marker, or a point deep inside the country's shape that no marker reaches.

A reader on a desktop starts from the world; a reader on a phone zooms to their region
(/map?zoom=africa), where a country is several times larger. When a country cannot be reached in
the first view (too small, or under a neighbour's marker) the test tries the others, and reports
which view it used.

CI runs a fixed-seed sample of SAMPLE countries at each width, half of them small states drawn
as markers (every marker and 12 more at both widths, 54 opens, took 11 minutes on a busy
machine). The whole matrix: FULL_MATRIX=1 ./test.sh tests/browser/test_map_clicks.py -s
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from fitjp import charts, db
from fitjp.filters import DEFAULT, MAP_ZOOMS
from harness import FULL, DESKTOP, PHONE, TIMEOUT, assert_no_error, new_page, open_page, rerun, screenshot, wait_for_url

SAMPLE, SEED = 4, 14
TARGETS = (Path(__file__).parent / "map_targets.js").read_text(encoding="utf-8")
# A reader needs a spot, not a pixel: at least this many px inside the shape around the point
# (a marker's own radius counts as its clearance).
MIN_CLEARANCE = 1.0
WIDTHS = {"desktop": (DESKTOP, {}), "phone": (PHONE, {"has_touch": True, "is_mobile": True})}


def countries_with_activities() -> list[tuple[str, str, str | None]]:
    """(iso3, English name as the profile heads it, WIPO region) of every country with activities."""
    frame = db.run(db.connect(), "activities_by_country", **DEFAULT.activity_params())
    return [(row.iso3, row.name_en, row.wipo_region if isinstance(row.wipo_region, str) else None)
            for row in frame.itertuples()]


def chosen(width: str) -> list[tuple[str, str, str | None]]:
    every = sorted(countries_with_activities())
    if FULL:
        return every
    small = [c for c in every if c[0] in charts.SMALL_STATES]
    rest = [c for c in every if c[0] not in charts.SMALL_STATES]
    draw = random.Random(f"{SEED}-{width}")
    half = SAMPLE // 2  # always small states (markers) as well as shapes
    return sorted(draw.sample(small, min(half, len(small))) + draw.sample(rest, min(SAMPLE - half, len(rest))))


def views(width: str, region: str | None) -> list[str]:
    """The map views to try, the reader's first: the world on a desktop, the region on a phone."""
    own = [f"map?zoom={region}"] if region in MAP_ZOOMS else []
    others = [f"map?zoom={r}" for r in MAP_ZOOMS if r != region]
    return (["map", *own] if width == "desktop" else [*own, "map"]) + others


REACHED: dict[str, dict[str, str]] = {"desktop": {}, "phone": {}}  # width -> iso3 -> the view used


@pytest.fixture(scope="module")
def pages(browser, server):
    """One page per width, reused country after country (going back to /map by page.goto).
    At the end, prints how many countries opened and in which view (pytest -s shows it)."""
    opened = {width: new_page(browser, server, viewport=viewport, **options)
              for width, (viewport, options) in WIDTHS.items()}
    yield opened
    for page in opened.values():
        page.context.close()
    for width, reached in REACHED.items():
        first = [iso3 for iso3, view in reached.items() if view == views(width, region_of(iso3))[0]]
        later = {iso3: view for iso3, view in reached.items() if iso3 not in first}
        print(f"\nmap clicks, {width}: {len(reached)} countries opened their profile, "
              f"{len(first)} in the reader's first view; in another view: {later}")


def region_of(iso3: str) -> str | None:
    return next((region for code, _, region in countries_with_activities() if code == iso3), None)


def target(page, iso3: str, width: str, region: str | None):
    """The first view (from `views`) in which the country is drawn where a reader can reach it."""
    for view in views(width, region):
        open_page(page, view)
        # plotly may draw the map once more after the run settles: measure a drawn map
        page.wait_for_function("() => document.querySelector('.js-plotly-plot .choroplethlocation')",
                               timeout=TIMEOUT)
        found = page.evaluate(TARGETS, [iso3, charts.MARKER_REACH])
        if found and found["clearance"] >= MIN_CLEARANCE:
            return view, found
    return None, None


@pytest.mark.parametrize(("width", "country"), [pytest.param(width, c, id=f"{width}-{c[0]}")
                                                for width in WIDTHS for c in chosen(width)])
def test_a_country_opens_its_profile_from_the_map(pages, width, country):
    iso3, name, region = country
    page = pages[width]
    view, spot = target(page, iso3, width, region)
    assert spot, f"{name} ({iso3}) cannot be reached on the {width} map in any view"
    act = page.touchscreen.tap if width == "phone" else page.mouse.click
    rerun(page, lambda: act(spot["x"], spot["y"]))
    page.get_by_test_id("stMain").locator("h2", has_text=name).first.wait_for(timeout=TIMEOUT)
    wait_for_url(page, f"country={iso3}")
    assert "/country" in page.url
    assert page.get_by_test_id("stMain").locator("h2").first.inner_text() == name
    assert_no_error(page)
    REACHED[width][iso3] = view


def test_a_phone_reader_zooms_to_their_region(pages):
    """What a phone reader taps in: Africa, zoomed, its countries several times larger than in
    the world view (the screenshot is for looking at)."""
    page = pages["phone"]
    sizes = {}
    for view in ("map", "map?zoom=africa"):
        open_page(page, view)
        # plotly may draw the map once more after the run settles: wait for the shape itself
        sizes[view] = page.wait_for_function("""() => { const shape = [...document.querySelectorAll('.choroplethlocation')]
            .find(p => p.__data__ && p.__data__.loc === 'RWA'); return shape && shape.getBoundingClientRect().width; }""",
                                             timeout=TIMEOUT).json_value()
    assert sizes["map?zoom=africa"] >= 3 * sizes["map"], sizes
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    screenshot(page, "phone_map_africa", full_page=False)


def test_every_country_with_activities_is_drawn_where_a_reader_can_reach_it(pages):
    """The whole matrix, measured without clicking: every country in every view at both widths
    (12 page loads). The clicks above show that such a spot opens the profile."""
    every = countries_with_activities()
    for width, page in pages.items():
        spots = {}
        for view in ["map", *(f"map?zoom={r}" for r in MAP_ZOOMS)]:
            open_page(page, view)
            page.wait_for_function("() => document.querySelector('.js-plotly-plot .choroplethlocation')",
                                   timeout=TIMEOUT)
            found = page.evaluate(f"pairs => pairs.map(pair => ({TARGETS})(pair))",
                                  [[iso3, charts.MARKER_REACH] for iso3, _, _ in every])
            spots[view] = {iso3: spot for (iso3, _, _), spot in zip(every, found)
                           if spot and spot["clearance"] >= MIN_CLEARANCE}
        reached = {iso3: next((v for v in views(width, region) if iso3 in spots[v]), None)
                   for iso3, _, region in every}
        later = {iso3: reached[iso3] for iso3, _, region in every if reached[iso3] != views(width, region)[0]}
        print(f"\nmap reach, {width}: {sum(1 for v in reached.values() if v)} of {len(every)} countries reachable, "
              f"{len(every) - len(later)} in the reader's first view, {len(spots['map'])} in the world view; "
              f"in another view: {later}")
        assert all(reached.values()), f"{width}: not reachable in any view: {[c for c, v in reached.items() if not v]}"


BACKGROUNDS = """() => {
  const gd = document.querySelector('.js-plotly-plot'), area = gd.getBoundingClientRect();
  const large = [...gd.querySelectorAll('rect')].filter(r => {
    const b = r.getBoundingClientRect(); return b.width * b.height > 0.25 * area.width * area.height; });
  return [...large.map(r => [r.getAttribute('class'), getComputedStyle(r).fill, getComputedStyle(r).fillOpacity]),
          ...[...gd.querySelectorAll('.main-svg')].map(s => ['svg', getComputedStyle(s).backgroundColor, '1'])];
}"""


def test_in_dark_mode_the_map_sits_on_the_page_not_on_a_white_box(browser, server):
    page = new_page(browser, server, dark=True)  # the dark colour scheme before the page loads
    open_page(page, "map")
    page.wait_for_function("() => document.querySelector('.js-plotly-plot .choroplethlocation')", timeout=TIMEOUT)
    painted = []
    for kind, colour, opacity in page.evaluate(BACKGROUNDS):
        channels = [float(v) for v in colour[colour.index("(") + 1:-1].split(",")] if "(" in colour else [0, 0, 0, 0]
        alpha = (channels[3] if len(channels) == 4 else 1) * float(opacity)
        if alpha > 0 and min(channels[:3]) > 200:  # a light fill over a quarter of the chart or more
            painted.append((kind, colour, opacity))
    assert not painted, f"the dark page's map is drawn on a light box: {painted}"
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    screenshot(page, "dark_map_background", full_page=False)
    page.context.close()
