"""A phone (390 px) and the dark theme: what a reader there sees. Chart toolbars and legends
clear of titles, activities as a list, whole card labels, and text that reads in dark.
Screenshots of each view land in tests/screenshots/ to be looked at."""

from __future__ import annotations

import re

import pytest

from harness import DESKTOP, PHONE, PROJECTOR, assert_no_error, new_page, open_page, screenshot

# The colour of an element's text, its opacity, and the first opaque background behind it.
COLOURS = """e => {
  let node = e, bg = 'rgba(0, 0, 0, 0)';
  while (node && /rgba\\(.*, 0\\)$|transparent/.test(bg)) { bg = getComputedStyle(node).backgroundColor; node = node.parentElement; }
  return [getComputedStyle(e).color, bg, parseFloat(getComputedStyle(e).opacity)];
}"""


def rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", css)[:3])


def luminance(colour: tuple[float, ...]) -> float:
    linear = [(v / 255) / 12.92 if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in colour]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(page, locator) -> float:
    """WCAG 2.1 contrast of the text as drawn: its colour blended by its opacity over the background."""
    fg, bg, opacity = locator.evaluate(COLOURS)
    back = rgb(bg)
    drawn = tuple(f * opacity + b * (1 - opacity) for f, b in zip(rgb(fg), back))
    high, low = sorted((luminance(drawn), luminance(back)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_of_known_colours():
    assert round((luminance((255, 255, 255)) + 0.05) / (luminance((0x82, 0x81, 0x80)) + 0.05), 2) == 3.89


def overlaps(a: dict | None, b: dict | None) -> bool:
    if not a or not b:
        return False
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def test_overlaps_is_geometry():
    box = {"x": 0, "y": 0, "width": 10, "height": 10}
    assert overlaps(box, {"x": 5, "y": 5, "width": 10, "height": 10})
    assert not overlaps(box, {"x": 10, "y": 0, "width": 10, "height": 10})


# ---- phone ---------------------------------------------------------------------------------

@pytest.fixture
def phone(browser, server):
    page = new_page(browser, server, viewport=PHONE)
    yield page
    page.context.close()


def test_on_a_phone_the_funding_toolbar_and_legend_clear_the_title(phone):
    open_page(phone, "funding")
    chart = phone.locator(".stPlotlyChart").first
    chart.hover()  # the toolbar shows on hover (a tap on a phone)
    title = chart.locator(".gtitle").bounding_box()
    toolbar = chart.locator(".modebar").bounding_box()
    legend = chart.locator(".legend").bounding_box()
    assert title and toolbar and legend
    assert toolbar["width"] > 0 and toolbar["x"] + toolbar["width"] <= PHONE["width"]
    assert not overlaps(toolbar, title), (toolbar, title)
    assert not overlaps(legend, title), (legend, title)
    screenshot(phone, "phone_funding")


def test_on_a_phone_a_countrys_activities_are_a_readable_list(phone):
    open_page(phone, "country?country=KEN")
    items = phone.locator(".activity-list li")
    assert items.count() > 0 and items.first.is_visible()
    box = items.first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    overflowing = items.evaluate_all("els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)")
    assert not overflowing, f"text runs off the screen: {overflowing[:2]}"  # e.g. "Egypt;Ghana;..." unbroken
    assert float(items.first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 14
    screenshot(phone, "phone_country_KEN")


def test_the_activities_page_is_a_list_on_a_phone_and_a_grid_on_a_desktop(browser, server):
    for viewport, list_shown, grid_shown in ((PHONE, True, False), (DESKTOP, False, True)):
        page = new_page(browser, server, viewport=viewport)
        open_page(page, "activities")
        assert page.locator(".activity-list li").first.is_visible() is list_shown
        assert page.get_by_test_id("stDataFrame").first.is_visible() is grid_shown
        screenshot(page, f"activities_{viewport['width']}")
        page.context.close()


CUT_LABELS = """() => [...document.querySelectorAll('[data-testid="stMetricLabel"] p')]
    .filter(p => p.scrollWidth > p.clientWidth + 1 || p.scrollHeight > p.clientHeight + 1)
    .map(p => p.innerText)"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP, PROJECTOR], ids=["phone", "desktop", "1080p"])
def test_overview_card_labels_are_never_cut_off(browser, server, viewport):
    page = new_page(browser, server, viewport=viewport)
    open_page(page, "overview?present=1" if viewport is PROJECTOR else "overview")
    label = page.get_by_test_id("stMetricLabel").filter(has_text="Cumulative contributions (as stated)")
    assert label.is_visible()
    assert page.evaluate(CUT_LABELS) == []
    card = page.locator(".st-key-cumulative_card")
    assert "June 2022" in card.inner_text()  # the stated total's date, in the card
    screenshot(page, f"overview_{viewport['width']}", full_page=viewport is not PROJECTOR)
    page.context.close()


# ---- dark ----------------------------------------------------------------------------------

@pytest.fixture
def dark(browser, server):
    page = new_page(browser, server, dark=True)
    yield page
    page.context.close()


def test_in_dark_the_brief_reads_as_a_light_sheet(dark):
    open_page(dark, "brief?country=KEN")
    for part in (".brief h1", ".brief .sub", ".brief td", ".brief .k"):
        ratio = contrast(dark, dark.locator(part).first)
        assert ratio >= 4.5, f"{part} reads {ratio:.2f}:1 in dark"
    screenshot(dark, "dark_brief_KEN")


@pytest.mark.parametrize("dark_theme", [False, True], ids=["light", "dark"])
def test_chip_text_has_enough_contrast_in_both_themes(browser, server, dark_theme):
    page = new_page(browser, server, dark=dark_theme)
    open_page(page, "country?country=KEN")
    chip = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelectTagsContainer").locator("[data-tag]").first
    ratio = contrast(page, chip.locator("span").first)
    assert ratio >= 4.5, f"white chip text reads {ratio:.2f}:1"
    page.context.close()


def test_in_dark_the_maps_and_captions_read(dark):
    open_page(dark, "map")
    dark.locator(".choroplethlocation").first.wait_for()
    caption = dark.get_by_test_id("stCaptionContainer").first
    assert contrast(dark, caption) >= 4.5
    assert_no_error(dark)
    screenshot(dark, "dark_map")
