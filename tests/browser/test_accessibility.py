"""Accessibility and privacy in a real browser: axe-core's WCAG 2.1 A and AA rules on every
page in both themes, headings in order, the page's language on <html>, activities as text a
screen reader and the browser's find reach, and no request to another host."""

from __future__ import annotations

import pytest

from harness import assert_no_error, assert_offline, new_page, open_page, pick, sidebar

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

PAGES = ["overview", "story", "funding", "map", "objectives", "results", "glossary", "country?country=KEN", "brief?country=KEN",
         "activities", "sources", "country?country=KEN&region=africa&lang=ja"]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
# Nothing is excluded: Plotly's SVG charts and Streamlit's widgets pass these rules as the app
# draws them. Should a rule fire on markup the app cannot change (Plotly's or Streamlit's own),
# exclude that node here with its reason, never a whole rule or page.
EXCLUDED: list[list[str]] = []
BLOCKING = {"critical", "serious"}


@pytest.fixture(scope="module")
def axe():
    return axe_sync.Axe()


def violations(axe, page) -> list[dict]:
    context = {"exclude": EXCLUDED} if EXCLUDED else None
    return axe.run(page, context=context, options=WCAG).response["violations"]


def described(found: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}; e.g. {v['nodes'][0]['html'][:160]}"
                     for v in found)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_no_serious_wcag_violation_and_stays_offline(browser, server, axe, path, dark):
    page = new_page(browser, server, dark=dark)
    open_page(page, path)
    assert_no_error(page)
    blocking = [v for v in violations(axe, page) if v["impact"] in BLOCKING]
    assert not blocking, described(blocking)
    assert_offline(page)
    page.context.close()


def test_axe_reports_a_contrast_failure_it_is_shown(browser, server, axe):
    """The check can fail: grey text of 2.8:1 planted on a page is reported as serious."""
    page = new_page(browser, server)
    open_page(page, "overview")
    page.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'faint text';
        p.style.color = '#999999'; p.style.background = '#ffffff';
        document.querySelector('h1').after(p); }""")  # in view: axe leaves text scrolled away unjudged
    assert "color-contrast" in {v["id"] for v in violations(axe, page) if v["impact"] in BLOCKING}
    page.context.close()


HEADINGS = """() => [...document.querySelectorAll(
    '[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6)')]
    .filter(h => h.getClientRects().length)
    .map(h => [Number(h.tagName[1]), h.innerText.trim()])"""


def skipped_levels(headings: list[list]) -> list[str]:
    """Each heading that goes more than one level deeper than the one before it."""
    skips, level = [], 0
    for depth, text in headings:
        if depth > level + 1:
            skips.append(f"h{depth} {text!r} after h{level}")
        level = depth
    return skips


def test_skipped_levels_are_found():
    assert skipped_levels([[1, "Overview"], [3, "Funding"]]) == ["h3 'Funding' after h1"]
    assert skipped_levels([[1, "A"], [2, "B"], [3, "C"], [2, "D"]]) == []


@pytest.mark.parametrize("path", PAGES)
def test_headings_go_down_one_level_at_a_time(page, path):
    """Inside the main area. The sidebar is a landmark of its own (<section> with its 'Filters'
    h2): screen readers list it apart, so its heading is not part of the page's outline."""
    open_page(page, path)
    headings = page.evaluate(HEADINGS)
    assert headings and headings[0][0] == 1, f"the page does not start with its h1: {headings}"
    assert not skipped_levels(headings), skipped_levels(headings)


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


@pytest.mark.parametrize("lang", ["ja", "fr", "es", "en"])
def test_the_page_language_is_on_the_html_element(page, lang):
    open_page(page, f"funding?lang={lang}")
    page.wait_for_function("l => document.documentElement.lang === l", arg=lang)
    assert html_lang(page) == lang


def test_choosing_a_language_in_the_sidebar_changes_the_html_language(page):
    open_page(page, "overview")
    assert html_lang(page) == "en"
    pick(page, "Language", "日本語", scope=sidebar(page))
    page.wait_for_function("() => document.documentElement.lang === 'ja'")
    assert html_lang(page) == "ja"


def kenya_titles() -> list[str]:
    from fitjp import db
    from fitjp.filters import Filters

    params = Filters(countries=("KEN",)).activity_params()
    return db.run(db.connect(), "activity_list", **params, search="", limit=1000).title.tolist()


def test_a_countrys_activities_are_text_find_and_screen_readers_reach(page):
    titles = kenya_titles()
    assert titles
    open_page(page, "country?country=KEN")
    text = page.evaluate("document.body.innerText")  # what Ctrl+F searches: rendered text
    missing = [title for title in titles if title not in text]
    assert not missing, f"not on the page as text: {missing[:3]}"
    first = page.get_by_text(titles[0], exact=False).first
    assert first.is_visible()
    assert first.evaluate("e => !e.closest('canvas')")
    assert page.locator("[data-testid='stMain'] canvas").count() == 0, "the activities are painted on a canvas"


def test_the_latest_activities_on_overview_are_text(page):
    open_page(page, "overview")
    items = page.locator(".activity-list li")
    assert items.count() == 8
    assert items.first.is_visible()
