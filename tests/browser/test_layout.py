"""The layout check: every page at a phone's, a laptop's and a projector's width, light and
dark, measured in the browser from what is drawn (layout.py):
- no two chart texts overlap;
- no text in a metric card is truncated;
- every value written on a bar reads against its bar (WCAG contrast at least 3:1);
and, in presenter mode, every text is at least 16 px and every bar carries its value.

The whole matrix takes several minutes, so the default run draws a fixed-seed sample of it;
`FULL_MATRIX=1 ./test.sh tests/browser/test_layout.py` runs every case (see README).
"""

from __future__ import annotations

import itertools

import pytest

from harness import FULL, assert_no_error, new_page, open_page, sample, screenshot
from layout import (CHART_BOTTOMS, faint_bar_values, overlapping_texts, small_texts, truncated_cards,
                    unnamed_tiles)

PAGES = ("overview", "story", "funding", "map", "objectives", "country?country=KEN", "brief?country=KEN",
         "compare?country=KEN,TZA,UGA", "activities", "sources")
VIEWPORTS = {390: {"width": 390, "height": 844}, 768: {"width": 768, "height": 1024},
             1024: {"width": 1024, "height": 768}, 1440: {"width": 1440, "height": 1000},
             1920: {"width": 1920, "height": 1080}}
WIDTHS = (390, 768, 1024, 1440, 1920) if FULL else (390, 1024, 1920)
THEMES = ("light", "dark")
STORY_STEPS = range(1, 7)  # data/story.csv


READING = sample(list(itertools.product(PAGES, WIDTHS, THEMES)), 6)
PRESENTING = sample([(p, theme) for p in PAGES + tuple(f"story?step={s}" for s in STORY_STEPS)
                     for theme in THEMES], 4)


def case_id(case) -> str:
    return "-".join(str(part) for part in case)


def opened(browser, server, path: str, width: int, theme: str):
    page = new_page(browser, server, viewport=VIEWPORTS[width], dark=theme == "dark")
    open_page(page, path)
    assert_no_error(page)
    return page


def report(what: str, where: str, findings: list[str]) -> str:
    return f"{where}: {len(findings)} {what}:\n  " + "\n  ".join(findings)


@pytest.mark.parametrize("path,width,theme", READING, ids=[case_id(c) for c in READING])
def test_every_page_reads_at_every_width_and_theme(browser, server, path, width, theme):
    page = opened(browser, server, path, width, theme)
    try:
        where = f"/{path} at {width} px, {theme}"
        screenshot(page, f"layout_{path}_{width}_{theme}")
        findings = {"overlapping chart texts": overlapping_texts(page),
                    "truncated card texts": truncated_cards(page),
                    "faint bar values": faint_bar_values(page),
                    "unnamed treemap tiles": unnamed_tiles(page)}
        problems = [report(what, where, found) for what, found in findings.items() if found]
        assert not problems, "\n".join(problems)
    finally:
        page.context.close()


# Known and left to the world map's own change (fitjp/charts.py world_map, another part of issue
# 14): in presenter type the colour bar's title prints over its top tick. Not strict, so the
# case reports XPASS once that lands.
MAP_COLOUR_BAR = pytest.mark.xfail(reason="the map's colour bar title overlaps its top tick (world_map)", strict=False)
PRESENTING_CASES = [pytest.param(*case, id=case_id(case), marks=[MAP_COLOUR_BAR] if case[0] == "map" else [])
                    for case in PRESENTING]


@pytest.mark.parametrize("path,theme", PRESENTING_CASES)
def test_presenter_mode_reads_from_the_back_of_the_room(browser, server, path, theme):
    """At 1920x1080: no text under 16 px, every bar with its value, legible, nothing overlapping,
    every tile named, and a story step's chart whole above the fold."""
    joiner = "&" if "?" in path else "?"
    page = opened(browser, server, f"{path}{joiner}present=1", 1920, theme)
    try:
        where = f"/{path} presenting at 1920x1080, {theme}"
        screenshot(page, f"layout_present_{path}_{theme}", full_page=False)
        findings = {"texts under 16 px": small_texts(page, 16),
                    "bars without a readable value": faint_bar_values(page, every_bar=True),
                    "overlapping chart texts": overlapping_texts(page),
                    "truncated card texts": truncated_cards(page),
                    "unnamed treemap tiles": unnamed_tiles(page)}
        if path.startswith("story"):
            findings["charts below the fold"] = [f"a chart ends at {round(bottom)} px"
                                                 for bottom in page.evaluate(CHART_BOTTOMS) if bottom > 1080]
        problems = [report(what, where, found) for what, found in findings.items() if found]
        assert not problems, "\n".join(problems)
    finally:
        page.context.close()
