"""User journeys in a real browser: what a policymaker, a presenter and a donor do, and
what they then see. Each step acts as a user does (type, pick, click, download, print) and
waits for Streamlit's rerun, never for a fixed time."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from harness import (main, PROJECTOR, assert_no_error, assert_offline, metric, new_page, open_page, pick, rerun,
                     sample, screenshot, settle, sidebar, wait_for_url, whole_number)


def shown_country(page) -> str:
    """The country a profile shows: its name as the page's second-level heading."""
    return main(page).locator("h2").first.inner_text()


def activity_count(page) -> int:
    """The count the Activities page writes above its table ("120 activities")."""
    line = main(page).get_by_text(re.compile(r"^[\d,]+ activities$")).first
    return whole_number(line.inner_text())


# ---- policymaker ---------------------------------------------------------------------------

def test_picking_a_country_in_the_profile_shows_that_country(page):
    open_page(page, "country?country=KEN")
    assert shown_country(page) == "Kenya"
    pick(page, "Country", "Ghana", scope=main(page))
    wait_for_url(page, "country=GHA")
    main(page).locator("h2", has_text="Ghana").wait_for()
    assert "Ghana" in main(page).get_by_test_id("stCaptionContainer").first.inner_text()
    pick(page, "Country", "Kenya", scope=main(page))  # and back: the picker works every time
    main(page).locator("h2", has_text="Kenya").wait_for()
    assert_no_error(page)
    assert_offline(page)


def test_picking_a_country_in_the_brief_shows_its_brief(page):
    open_page(page, "brief")
    pick(page, "Country", "Kenya", scope=main(page))
    page.locator(".brief h1", has_text="Kenya").wait_for()
    pick(page, "Country", "Ghana", scope=main(page))
    page.locator(".brief h1", has_text="Ghana").wait_for()
    assert "country=GHA" in page.url
    screenshot(page, "journey_brief_GHA")


def test_picking_a_country_in_the_sidebar_shows_it_on_the_profile(page):
    open_page(page, "country?country=KEN")
    pick(page, "Countries", "Ghana", scope=sidebar(page))
    main(page).locator("h2", has_text="Ghana").wait_for()
    wait_for_url(page, "country=KEN,GHA")
    assert_no_error(page)


def click_map_country(page, iso3: str) -> None:
    """Click the middle of a country's shape on the first world map of the page."""
    # Plotly may redraw the map once more after the run settles: wait for the shape itself.
    shape = page.wait_for_function("""iso3 => {
        const shape = [...document.querySelectorAll('.choroplethlocation')].find(p => p.__data__ && p.__data__.loc === iso3);
        if (!shape) return null;
        const r = shape.getBoundingClientRect();
        return r.width > 0 ? {x: r.x + r.width / 2, y: r.y + r.height / 2} : null;
    }""", arg=iso3, timeout=30_000)
    box = shape.json_value()
    rerun(page, lambda: page.mouse.click(box["x"], box["y"]))


def test_clicking_a_country_on_the_map_opens_its_profile(page):
    open_page(page, "map")
    click_map_country(page, "BRA")
    main(page).locator("h2", has_text="Brazil").wait_for()
    wait_for_url(page, "/country")
    assert "country=BRA" in page.url
    assert_no_error(page)


def test_a_small_island_state_is_reachable_from_the_map_page(page):
    open_page(page, "map")
    pick(page, "Open a country profile", "Tonga", scope=main(page))
    main(page).locator("h2", has_text="Tonga").wait_for()
    assert "country=TON" in page.url


def test_a_shared_link_opens_the_same_view_in_a_fresh_browser(browser, server):
    first = new_page(browser, server)
    open_page(first, "country?country=KEN")
    rerun(first, lambda: sidebar(first).get_by_role("radio", name="JPY").click())
    pick(first, "Activity type", "Training course", scope=sidebar(first))
    wait_for_url(first, "type=training_course")
    link, expected = first.url, first.get_by_test_id("stMetricValue").all_inner_texts()
    first.context.close()
    second = new_page(browser, server)  # no cookies, no session: only the link
    second.goto(link)
    settle(second)
    second.wait_for_selector("h1")
    settle(second)
    assert shown_country(second) == "Kenya"
    assert second.get_by_test_id("stMetricValue").all_inner_texts() == expected
    assert "Training course" in second.get_by_test_id("stCaptionContainer").first.inner_text()
    second.context.close()


def countries_with_activities() -> dict[str, str]:
    """ISO-3 -> English name of every country with a documented activity."""
    from fitjp import db
    from fitjp.filters import Filters

    connection = db.connect()
    names = dict(db.run(connection, "countries_list").set_index("iso3").name_en)
    return {iso3: names[iso3] for iso3 in
            db.run(connection, "activities_by_country", **Filters().activity_params()).iso3}


def pages_in(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def test_the_brief_prints_on_one_a4_page_for_every_country(page):
    """Every country's brief, picked in the brief's own picker and printed as the browser
    prints it: a long name or many activities could spill onto a second sheet."""
    open_page(page, "brief")
    too_long = {}
    for iso3, name in countries_with_activities().items():
        pick(page, "Country", name, scope=main(page))
        page.locator(".brief h1", has_text=name).wait_for()
        page.emulate_media(media="print")
        sheets = pages_in(page.pdf(format="A4", print_background=True))
        page.emulate_media(media="screen")
        if sheets != 1:
            too_long[iso3] = sheets
    assert not too_long, f"these briefs do not fit one A4 page: {too_long}"


BRIEF_LANGUAGES = ("fr", "es", "ja")  # English: every country above, through the picker
# Spanish writes the longest status ("No es un país menos adelantado (PMA)"): Indonesia's brief
# in Spanish once ran onto a second sheet
BRIEFS_ELSEWHERE = sample([(iso3, lang) for iso3 in countries_with_activities() for lang in BRIEF_LANGUAGES], 9)
BRIEFS_ELSEWHERE += [case for case in [("IDN", "es"), ("ZWE", "es")] if case not in BRIEFS_ELSEWHERE]


def test_the_brief_prints_on_one_a4_page_in_every_language(page):
    """Every country in French, Spanish and Japanese under FULL_MATRIX=1, else a sample of
    them and the briefs that once spilled over."""
    too_long = {}
    for iso3, lang in BRIEFS_ELSEWHERE:
        open_page(page, f"brief?country={iso3}&lang={lang}")
        page.emulate_media(media="print")
        sheets = pages_in(page.pdf(format="A4", print_background=True))
        page.emulate_media(media="screen")
        if sheets != 1:
            too_long[(iso3, lang)] = sheets
    assert not too_long, f"these briefs do not fit one A4 page: {too_long}"


# ---- presenter -----------------------------------------------------------------------------

FONT_SIZES = """() => [...document.querySelectorAll(
    '.xtick text, .ytick text, .legendtext, .bartext, .textpoint text, .slicetext,'
    + '[data-testid="stMain"] button p, [data-testid="stMain"] [data-testid="stMarkdown"] p')]
    .filter(e => e.getBoundingClientRect().width > 0)
    .map(e => [e.textContent, parseFloat(getComputedStyle(e).fontSize)])"""


def assert_fully_visible(page, button) -> None:
    box, view = button.bounding_box(), page.viewport_size
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= view["width"], box
    clipped = button.evaluate("b => [...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1)")
    assert not clipped, f"{button.inner_text()!r} is cut off"


@pytest.mark.parametrize("lang, next_label, previous_label", [("en", "Next", "Previous"), ("ja", "次へ", "前へ")])
def test_presenter_steps_the_story_at_1080p(browser, server, lang, next_label, previous_label):
    page = new_page(browser, server, viewport=PROJECTOR)
    open_page(page, f"story?present=1&lang={lang}")
    steps = int(re.search(r"(\d+)\s*$", main(page).get_by_text(re.compile(r"\d+\s*/\s*\d+")).first.inner_text())[1])
    small = []
    for step in range(1, steps + 1):
        assert f"step={step}" in page.url or step == 1
        forward = page.get_by_role("button", name=next_label)
        assert_fully_visible(page, forward)
        assert_fully_visible(page, page.get_by_role("button", name=previous_label))
        small += [(step, text, size) for text, size in page.evaluate(FONT_SIZES) if size < 16]
        screenshot(page, f"journey_story_present_{lang}_{step}", full_page=False)
        if step < steps:
            rerun(page, forward.click)
            wait_for_url(page, f"step={step + 1}")
    rerun(page, page.get_by_role("button", name=previous_label).click)
    wait_for_url(page, f"step={steps - 1}")
    assert_no_error(page)
    assert not small, f"type under 16 px on a 1080p screen: {small[:10]}"
    page.context.close()


# ---- donor ---------------------------------------------------------------------------------

def set_years(page, first: int) -> None:
    """Move the year slider's left handle to `first` with the keyboard, as a user can."""
    handle = sidebar(page).get_by_role("slider").first
    now = int(handle.input_value())

    def move():
        for _ in range(first - now):
            handle.press("ArrowRight")  # focuses the handle each time: a rerun may redraw it

    rerun(page, move)
    wait_for_url(page, f"from={first}")


def test_counts_agree_across_pages_and_downloads_read_back(page):
    open_page(page, "overview")
    set_years(page, 2010)
    pick(page, "Region", "Africa", scope=sidebar(page))
    rerun(page, lambda: sidebar(page).get_by_role("radio", name="JPY").click())
    wait_for_url(page, "currency=JPY")
    overview_count = whole_number(metric(page, "Documented activities"))
    assert metric(page, "Cumulative contributions (as stated)")
    screenshot(page, "journey_overview_africa_2010_jpy")

    rerun(page, lambda: sidebar(page).get_by_role("link", name="Activities").click())
    assert "region=africa" in page.url and "from=2010" in page.url
    listed = activity_count(page)
    assert listed == overview_count

    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download CSV", exact=True).click()
    csv_rows = pd.read_csv(csv_download.value.path(), encoding="utf-8-sig")
    assert len(csv_rows) == listed
    with page.expect_download() as excel_download:
        page.get_by_role("button", name="Download Excel", exact=True).click()
    sheets = pd.read_excel(excel_download.value.path(), sheet_name=None)
    assert len(next(iter(sheets.values()))) == listed

    pick(page, "Countries", "Kenya", scope=sidebar(page))
    kenya_listed = activity_count(page)
    rerun(page, lambda: sidebar(page).get_by_role("link", name="Country profile").click())
    main(page).locator("h2", has_text="Kenya").wait_for()
    assert whole_number(metric(page, "Activities involving it")) == kenya_listed
    assert_no_error(page)
    assert_offline(page)


# ---- every chart as a table and as data ----------------------------------------------------

def test_a_reader_reads_a_chart_as_a_table_reaches_it_by_keyboard_and_downloads_its_data(page):
    """The Map page filtered to Africa: the Table tab shows the chart's countries and counts; the
    keyboard reaches the tab and the table; the CSV downloaded reads back as the same rows,
    under lines naming the filters, the licence and the view's address."""
    from fitjp.chartdata import read_csv

    open_page(page, "map?region=africa")
    charted = main(page).get_by_test_id("stTabs").first
    tab = charted.get_by_role("tab", name="Table and data")
    tab.focus()
    page.keyboard.press("Enter")  # a keyboard user opens the table as a mouse user would
    table = charted.locator(".chart-table").first
    table.wait_for()
    assert table.locator("caption").inner_text() == "Activities per country"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('chart-table')")  # the table, next
    shown = table.locator("tbody tr").all_inner_texts()
    kenya = next(row for row in shown if row.startswith("Kenya"))
    assert kenya.split("\t")[1:3] == ["KEN", "Africa"]
    with page.expect_download() as download:
        charted.get_by_role("button", name="Download this chart's data (CSV)").click()
    assert download.value.suggested_filename == "map-activity-count.csv"
    content = open(download.value.path(), "rb").read()
    head = content.decode("utf-8-sig").splitlines()[:7]
    assert head[1].startswith("Filters,") and "Africa" in head[1]
    assert "CC BY 4.0" in head[5] and f"{page.base}/map?region=africa" in head[6]
    rows = read_csv(content)
    assert len(rows) == len(shown)
    assert rows.set_index("ISO 3166-1").loc["KEN", "Activities"] == int(kenya.split("\t")[-1])
    screenshot(page, "chart_table_map_africa")
    assert_no_error(page)
    assert_offline(page)


def test_a_donor_reads_what_the_money_achieved_with_each_figures_source_and_quote(page):
    """Results in French: people trained as points, their table naming each figure's source and
    quote; the sources that disagree on the countries supported in 2022 both shown."""
    open_page(page, "results?lang=fr")
    section = main(page).get_by_test_id("stTabs").first
    assert section.locator(".js-plotly-plot .scatterlayer .point").count() >= 10
    section.get_by_role("tab", name="Tableau et données").click()
    table = section.locator(".chart-table")
    table.wait_for()
    rows = table.locator("tbody tr").all_inner_texts()
    row = next(r for r in rows if "7\u202f987" in r)
    assert row.startswith("2024\t") and "Stagiaires du programme du JPO" in row and "1996" in row
    warning = main(page).get_by_test_id("stAlertContentWarning").first.inner_text()
    assert "2022" in warning and "100" in warning and "80" in warning
    screenshot(page, "results_fr")
    assert_no_error(page)
    assert_offline(page)


def test_a_reader_follows_a_caption_to_the_glossary_in_their_language(page):
    """Funding in Japanese: the caption's link to the fiscal year opens the glossary in Japanese,
    at that term."""
    open_page(page, "funding?lang=ja")
    link = main(page).get_by_role("link", name="日本の会計年度（年度）")
    assert link.get_attribute("href").endswith("/glossary?lang=ja#fiscal-year")
    with page.context.expect_page() as opened:
        link.click()
    glossary = opened.value
    glossary.wait_for_selector("h1", timeout=30_000)
    settle(glossary)
    assert glossary.locator("h1").first.inner_text() == "用語集とよくある質問"
    term = glossary.locator("#fiscal-year")
    assert "4月から翌年3月" in glossary.get_by_test_id("stMain").inner_text()
    assert term.is_visible() and term.bounding_box()["y"] < 400  # scrolled to the term
    screenshot(glossary, "glossary_ja_fiscal_year")
