"""Back and Forward walk exactly the views this reader visited.

What a reader expects, and what these journeys pin: every view they saw is one entry of the
browser's history, a change of filter as much as a change of page (Streamlit 1.67 pushes an
entry when the URL's query changes, and one when the page changes). Back and Forward then
show, at each position, that view whole: its page, its URL and what the sidebar's widgets
and the line under the title say. A filter is never carried into a view that was not
visited, and no half-written URL becomes an entry.

The journeys are drawn with a fixed seed over the filter catalog (currencies, regions,
countries with activities, the year slider) and the sidebar's pages. A few run by default;
FULL_MATRIX=1 runs more and longer ones (README, "Tests").
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlsplit

import pytest

from harness import FULL, TIMEOUT, assert_no_error, main, open_page, pick, rerun, screenshot, settle, sidebar

from fitjp.filters import CHOICES, DEFAULT, Filters, current_year
from fitjp.i18n import label, t
from fitjp.record.schema import CURRENCIES

PAGES = {"funding": "page.funding", "map": "page.map", "overview": "page.overview",
         "objectives": "page.objectives", "activities": "page.activities"}
COUNTRIES = {"KEN": "Kenya", "CIV": "Côte d'Ivoire", "BRA": "Brazil", "VNM": "Viet Nam", "TON": "Tonga"}
JOURNEYS = 12 if FULL else 2
STEPS = 12 if FULL else 6


@dataclass(frozen=True)
class View:
    page: str
    filters: Filters


def actions(view: View, rng: random.Random) -> tuple[str, object]:
    """One thing a reader does next: a filter or a page, drawn from what the sidebar offers."""
    kind = rng.choice(["currency", "region", "country", "from", "to", "page", "page"])
    f = view.filters
    if kind == "currency":
        return kind, rng.choice([c for c in CURRENCIES if c != f.currency])
    if kind == "region":
        return kind, rng.choice([r for r in CHOICES["regions"] if r not in f.regions])
    if kind == "country":
        return kind, rng.choice([c for c in COUNTRIES if c not in f.countries])
    if kind == "page":
        return kind, rng.choice([p for p in PAGES if p != view.page])
    return kind, None


def after(view: View, kind: str, value) -> View:
    f = view.filters
    if kind == "currency":
        return replace(view, filters=replace(f, currency=value))
    if kind == "region":
        return replace(view, filters=replace(f, regions=f.regions + (value,)))
    if kind == "country":
        return replace(view, filters=replace(f, countries=f.countries + (value,)))
    if kind == "from":
        return replace(view, filters=replace(f, year_from=f.year_from + 1))
    if kind == "to":
        last = f.last_year - 1
        return replace(view, filters=replace(f, year_to=last, year_from=min(f.year_from, last)))
    return View(value, f)


def act(page, kind: str, value, view: View) -> None:
    """Do it as a reader does: click, type and pick, press a key on the slider."""
    panel = sidebar(page)
    if kind == "currency":
        rerun(page, lambda: panel.get_by_role("radio", name=value).click())
    elif kind == "region":
        pick(page, "Region", label("region", value, "en"), scope=panel)
    elif kind == "country":
        pick(page, "Countries", COUNTRIES[value], scope=panel)
    elif kind == "from":
        rerun(page, lambda: panel.get_by_role("slider").first.press("ArrowRight"))
    elif kind == "to":
        rerun(page, lambda: panel.get_by_role("slider").last.press("ArrowLeft"))
    else:
        rerun(page, lambda: panel.get_by_role("link", name=t(PAGES[value], "en"), exact=True).click())


def shown(page) -> dict:
    """What the reader sees: the page's title, the URL and the sidebar's widgets."""
    panel = sidebar(page)
    url = urlsplit(page.url)
    tags = {name: panel.get_by_test_id("stMultiSelect").filter(has=page.get_by_text(name, exact=True))
            .locator("[data-tag] [title]").all_inner_texts() for name in ("Region", "Countries")}
    return {"title": page.get_by_test_id("stMain").locator("h1").first.inner_text(),
            "path": url.path.strip("/") or "overview",  # the sidebar's Overview is "/"
            "query": {k: v[-1] for k, v in parse_qs(url.query).items()},
            "currency": panel.get_by_role("radio", checked=True).inner_text(),
            "years": [int(s.input_value()) for s in panel.get_by_role("slider").all()],
            "regions": tags["Region"], "countries": tags["Countries"],
            "line": page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first.inner_text()}


def expected(view: View) -> dict:
    from fitjp.ui.sidebar import describe

    f = view.filters
    line = (t("filter.none", "en", first=DEFAULT.year_from, last=current_year()) if f.is_default
            else t("filter.active", "en", filters=describe(f, "en")))
    return {"title": t(PAGES[view.page], "en"), "path": view.page, "query": f.to_query_params(),
            "currency": f.currency, "years": [f.year_from, f.last_year],
            "regions": [label("region", r, "en") for r in f.regions],
            "countries": [COUNTRIES[c] for c in f.countries], "line": line}


def assert_at(page, history: list[View], position: int, step: str) -> None:
    seen, wanted = shown(page), expected(history[position])
    assert seen == wanted, f"after {step}, at history position {position}: shows {seen}, visited {wanted}"


@pytest.mark.parametrize("seed", range(JOURNEYS))
def test_back_and_forward_walk_exactly_the_views_visited(page, seed):
    rng = random.Random(1400 + seed)
    start = rng.choice(list(PAGES))
    open_page(page, start)
    history, position = [View(start, DEFAULT)], 0
    steps = []
    for _ in range(STEPS):
        kind, value = actions(history[position], rng)
        view = after(history[position], kind, value)
        act(page, kind, value, history[position])
        history, position = history[:position + 1] + [view], position + 1
        steps.append(f"{kind} {value or ''}".strip())
        assert_at(page, history, position, steps[-1])
    # Back most of the way, Forward part of it, one more change (which drops the views ahead),
    # then Back again past it.
    for go, times in (("back", rng.randint(2, len(history) - 1)), ("forward", rng.randint(1, 2))):
        for _ in range(times):
            if (go == "back" and position == 0) or (go == "forward" and position == len(history) - 1):
                break
            rerun(page, page.go_back if go == "back" else page.go_forward)
            position += -1 if go == "back" else 1
            steps.append(go)
            assert_at(page, history, position, " > ".join(steps))
    kind, value = actions(history[position], rng)
    act(page, kind, value, history[position])
    history, position = history[:position + 1] + [after(history[position], kind, value)], position + 1
    steps.append(f"{kind} {value or ''}".strip())
    assert_at(page, history, position, " > ".join(steps))
    for _ in range(2):
        rerun(page, page.go_back)
        position -= 1
        steps.append("back")
        assert_at(page, history, position, " > ".join(steps))
    assert_no_error(page)


def test_the_reported_journey(page):
    """Issue 14, item 5: /funding, JPY, Africa, the map, then Back twice shows Africa in CHF."""
    open_page(page, "funding")
    history = [View("funding", DEFAULT)]
    for kind, value in (("currency", "JPY"), ("region", "africa"), ("page", "map")):
        act(page, kind, value, history[-1])
        history.append(after(history[-1], kind, value))
        assert_at(page, history, len(history) - 1, kind)
    for position in (2, 1, 0):
        rerun(page, page.go_back)
        assert_at(page, history, position, "back")
    for position in (1, 2, 3):
        rerun(page, page.go_forward)
        assert_at(page, history, position, "forward")


# ---- the Activities page's search, which lives in the URL as ?q= ------------------------------

SEARCH = "Search titles and countries"


def search_view(page) -> dict:
    """What the Activities page shows: its URL's query, the search box and the count above the list."""
    from test_journeys import activity_count

    return {"query": {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()},
            "search": main(page).get_by_label(SEARCH).input_value(), "count": activity_count(page)}


def test_back_and_forward_show_each_views_search(page):
    """Issue 14: a search, a filter, another search; Back shows each view's own search (box,
    URL and list), and Forward returns to each in turn."""
    open_page(page, "activities")
    views = [search_view(page)]

    def search_for(text):
        box = main(page).get_by_label(SEARCH)
        rerun(page, lambda: (box.fill(text), box.press("Enter")))

    for step in (lambda: search_for("Kenya"), lambda: rerun(page, sidebar(page).get_by_role("radio", name="JPY").click),
                 lambda: search_for("Ghana")):
        step()
        views.append(search_view(page))
    assert [v["query"] for v in views] == [{}, {"q": "Kenya"}, {"currency": "JPY", "q": "Kenya"},
                                           {"currency": "JPY", "q": "Ghana"}]
    assert len({v["count"] for v in views}) == 3  # Kenya's and Ghana's lists are not the whole list
    screenshot(page, "history_search_ghana")
    for position in (2, 1, 0):
        rerun(page, page.go_back)
        assert search_view(page) == views[position], f"Back to position {position}"
        if position == 2:
            screenshot(page, "history_search_back_to_kenya_jpy")
    for position in (1, 2, 3):
        rerun(page, page.go_forward)
        assert search_view(page) == views[position], f"Forward to position {position}"
    assert_no_error(page)


def test_back_and_forward_show_each_views_map_choices(page):
    """The map's own choices (?metric=, ?zoom=) are part of the view like the filters: Back and
    Forward show each view's, in the URL and on the map's buttons."""
    def map_view():
        return {"query": {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()},
                "chosen": main(page).get_by_role("radio", checked=True).all_inner_texts()[:2]}

    open_page(page, "map")
    views = [map_view()]
    for choice in ("Participants (national activities)", "Africa"):
        rerun(page, main(page).get_by_role("radio", name=choice, exact=True).click)
        views.append(map_view())
    assert [v["query"] for v in views] == [{}, {"metric": "participants"}, {"metric": "participants", "zoom": "africa"}]
    for position in (1, 0):
        rerun(page, page.go_back)
        assert map_view() == views[position], f"Back to position {position}"
    for position in (1, 2):
        rerun(page, page.go_forward)
        assert map_view() == views[position], f"Forward to position {position}"
    assert_no_error(page)


# ---- a link with values the app ignores: cleaned in place, not as a second entry -----------------

@pytest.mark.parametrize("link, ignored", [("funding?currency=XYZ", "currency=XYZ"), ("map?metric=bogus", "metric=bogus"),
                                           ("activities?region=atlantis&q=Kenya", "region=atlantis")])
def test_back_from_a_cleaned_bad_link_goes_to_the_page_before_it(page, link, ignored):
    open_page(page, "overview")
    before = page.evaluate("history.length")
    page.goto(f"{page.base}/{link}")
    name = ignored.split("=")[0]
    page.wait_for_function("name => !new URLSearchParams(location.search).has(name)", arg=name, timeout=TIMEOUT)
    settle(page)
    main(page).get_by_text(f"Ignored from the link: {ignored}").wait_for(timeout=TIMEOUT)  # the notice stays
    assert urlsplit(page.url).path == "/" + link.split("?")[0]
    assert page.evaluate("history.length") == before + 1, "cleaning the link added a history entry"
    screenshot(page, f"history_cleaned_{name}")
    page.go_back()
    page.wait_for_selector("h1", timeout=TIMEOUT)
    settle(page)
    assert urlsplit(page.url).path in ("/", "/overview")
    assert main(page).locator("h1").first.inner_text() == t("page.overview", "en")
    assert_no_error(page)
