"""Open to charts drawn, in the real browser (Debian chromium through playwright, the browser
tests' harness): each page of the dashboard, and the bare one-chart page the benchmark
starts itself, each on its own local server (127.0.0.1, stopped by its process id). Then a
click to its view drawn: a presenter's Next and a filter change (interaction_ms).

A visit is a fresh browser context (no session, no cache) that opens the page and waits
until Streamlit has settled and every chart has drawn (tests/browser/harness.py: settle).
The first visit warms the server's caches and is not counted: the figure is the median of
the visits after it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from fitjp.settings import ROOT

sys.path.insert(0, str(ROOT / "tests" / "browser"))
import harness  # noqa: E402  (tests/browser/harness.py: one way to open and settle a page)

PAGE_PATHS = {"overview": "overview", "funding": "funding", "map": "map", "objectives": "objectives",
              "country": "country?country=KEN", "brief": "brief?country=KEN", "activities": "activities",
              "sources": "sources", "story": "story"}
BARE = ROOT / "bench" / "bare_page.py"


def visit_ms(browser, base: str, path: str) -> float:
    page = harness.new_page(browser, base)
    try:
        started = time.perf_counter()
        harness.open_page(page, path)
        return (time.perf_counter() - started) * 1000
    finally:
        page.context.close()


def median_visit_ms(browser, base: str, path: str, visits: int) -> float:
    visit_ms(browser, base, path)  # warms the server's caches
    return statistics.median(visit_ms(browser, base, path) for _ in range(visits))


def timed_rerun(page, action) -> float:
    started = time.perf_counter()
    harness.rerun(page, action)  # until the run has finished and every chart has drawn
    return (time.perf_counter() - started) * 1000


def interaction_ms(browser, base: str, clicks: int = 10) -> dict:
    """Median ms from a click to its view drawn: a presenter's Next or Previous (the story in
    presenter mode at 1080p, back and forth over its steps) and a filter change (the Overview's
    year slider moved by one year from the keyboard, as harness.set_years does)."""
    page = harness.new_page(browser, base, viewport=harness.PROJECTOR)
    try:
        harness.open_page(page, "story?present=1")
        steps, forward, stepping = [], True, page.get_by_role("button", name="Next")
        for _ in range(clicks):
            if stepping.is_disabled():
                forward = not forward
                stepping = page.get_by_role("button", name="Next" if forward else "Previous")
            steps.append(timed_rerun(page, stepping.click))
    finally:
        page.context.close()
    page = harness.new_page(browser, base)
    try:
        harness.open_page(page, "overview")
        handle = harness.sidebar(page).get_by_role("slider").first
        changes = [timed_rerun(page, lambda: handle.press("ArrowRight")) for _ in range(clicks)]
    finally:
        page.context.close()
    return {"next_ms": statistics.median(steps), "filter_ms": statistics.median(changes)}


def measure(data_dir: Path, pages: list[str], visits: int = 3) -> dict:
    """Median ms from opening each page to its charts drawn, the bare page's, and their ratio;
    and from a click to its view drawn (interaction_ms)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=harness.CHROMIUM, args=harness.BROWSER_ARGS)
        try:
            with harness.streamlit_server(script=str(BARE)) as base:
                bare = median_visit_ms(browser, base, "", visits)
            with harness.streamlit_server(env={"FITJP_DATA_DIR": str(data_dir)}) as base:
                shown = {page: median_visit_ms(browser, base, PAGE_PATHS[page], visits) for page in pages}
                interactions = interaction_ms(browser, base)
        finally:
            browser.close()
    return {"bare_ms": bare, "pages": {page: {"ms": ms, "ratio": ms / bare} for page, ms in shown.items()},
            "interactions": interactions}
