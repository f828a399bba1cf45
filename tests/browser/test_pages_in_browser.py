"""Every page in a real browser, offline: Debian's chromium driven by Playwright.

The app runs as `streamlit run dashboard.py` on 127.0.0.1; every request to another host
is blocked, so the world map must come from static/. Screenshots go to tests/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from harness import SHOTS, assert_no_error, new_page, open_page, screenshot

PAGES = ["overview", "funding", "map", "objectives", "results", "country?country=KEN", "activities", "sources"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_offline_without_error(page, path):
    open_page(page, path)
    page.wait_for_selector(".js-plotly-plot, [data-testid='stDataFrame']", timeout=30_000)
    assert_no_error(page)
    screenshot(page, re.sub(r"\W+", "_", path))


def test_the_map_draws_country_shapes_from_static_files(page):
    open_page(page, "map")
    page.wait_for_selector(".choroplethlocation", timeout=30_000)
    shapes = page.locator(".choroplethlocation").count()
    assert shapes >= 50, f"only {shapes} country shapes drawn"
    assert not [u for u in page.blocked if "topojson" in u or "cdn.plot.ly" in u], page.blocked


def test_a_country_deep_link_shows_that_country(page):
    open_page(page, "country?country=KEN")
    page.wait_for_selector("h2:has-text('Kenya')", timeout=30_000)
    assert "Kenya" in page.locator("[data-testid='stCaptionContainer']").first.inner_text()


def activity_count(page) -> int:
    text = page.locator("p:has-text(' activities')").filter(has_text=re.compile(r"^\d+ activities$")).first
    return int(text.inner_text().split()[0])


def test_changing_a_filter_updates_the_url_and_the_view(page):
    open_page(page, "activities")
    before = activity_count(page)
    page.get_by_text("Include activities whose source names only the JPO").click()
    # Streamlit rewrites the URL with history.replaceState, which fires no navigation event.
    page.wait_for_function("() => location.search.includes('unclear=1')", timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_function(f"() => !document.body.innerText.includes('{before} activities')", timeout=30_000)
    assert activity_count(page) > before
    assert "unclear=1" in page.url


def test_story_in_presenter_mode_steps_forward(page):
    open_page(page, "story?step=1&present=1&lang=ja")
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert_no_error(page)
    screenshot(page, "story_present_ja_step1")
    page.get_by_role("button", name=re.compile("次へ")).click()
    page.wait_for_function("() => location.search.includes('step=2')", timeout=30_000)
    page.wait_for_selector("h1:has-text('2008')", timeout=30_000)
    open_page(page, "story?step=4&present=1")
    page.wait_for_selector(".choroplethlocation", timeout=30_000)
    screenshot(page, "story_present_step4_map")


def test_a_page_in_japanese(page):
    open_page(page, "funding?lang=ja")
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert_no_error(page)
    assert "資金" in page.locator("h1").first.inner_text() or page.locator("h1").first.inner_text() != "Funding history"
    screenshot(page, "funding_ja")


def test_an_embedded_view_keeps_its_filters_without_the_sidebar(page):
    open_page(page, "map?embed=true&region=africa")
    page.wait_for_selector(".choroplethlocation", timeout=30_000)
    sidebar = page.locator("[data-testid='stSidebar']").bounding_box()
    assert sidebar is None or sidebar["x"] + sidebar["width"] <= 0 or sidebar["width"] < 5, sidebar
    assert "Africa" in page.locator("[data-testid='stCaptionContainer']").first.inner_text()
    screenshot(page, "map_embedded_africa")


def test_country_brief_prints_on_one_page(page):
    open_page(page, "brief?country=KEN")
    page.wait_for_selector(".brief img.inset", timeout=30_000)
    assert_no_error(page)
    screenshot(page, "brief_KEN")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1, "the brief does not fit one A4 page"


def test_dark_theme_keeps_charts_readable(browser, server):
    page = new_page(browser, server, dark=True)
    open_page(page, "funding")
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    screenshot(page, "funding_dark")
    page.context.close()


def test_a_reader_copies_the_views_citation_and_finds_the_report_link_filled_in(browser, server):
    """The citation under a filtered French view: copied with its button, it is what the page
    shows, with the view's own address; the report link carries that address too."""
    from fitjp.i18n import t

    page = new_page(browser, server, permissions=["clipboard-read", "clipboard-write"])
    try:
        open_page(page, "funding?from=2010&lang=fr")
        cited = page.locator(".st-key-cite_this_view")
        cited.scroll_into_view_if_needed()
        shown = cited.locator(".fitjp-cite code").inner_text().strip()
        assert shown.startswith(t("app.title", "fr")) and f"{server}/funding?from=2010&lang=fr" in shown
        cited.get_by_role("button", name=t("cite.copy", "fr"), exact=True).click()
        expect(cited.get_by_role("button", name=t("cite.copied", "fr"), exact=True)).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()").strip() == shown
        link = cited.get_by_role("link", name=t("report.link", "fr")).get_attribute("href")
        assert link.startswith("mailto:?subject=") and "from%3D2010%26lang%3Dfr" in link
        screenshot(page, "citation_fr")
    finally:
        page.context.close()


@pytest.mark.parametrize("path, lang", [("funding?lang=ja", "ja"), ("map?present=true", "en"), ("objectives?lang=fr", "fr")])
def test_a_chart_saved_as_png_carries_its_caption(browser, server, tmp_path, path, lang):
    """The camera button's PNG is the chart and, in a strip under it, the lines the page shows
    under the chart (filters, data date, source), wrapped to the image's width, Japanese
    included; the chart on the screen is left as it was. On a presenter's screen too."""
    from PIL import Image

    from fitjp.i18n import t

    page = new_page(browser, server)
    try:
        open_page(page, path)
        chart = page.locator(".js-plotly-plot").first
        chart.hover()
        width, height, notes = chart.evaluate("g => [g._fullLayout.width, g._fullLayout.height, (g.layout.annotations || []).length]")
        with page.expect_download() as download:
            chart.locator(".modebar-btn[data-title^='Download plot']").click()
        saved = tmp_path / "chart.png"
        download.value.save_as(saved)
        picture = Image.open(saved)
        image = picture.convert("L")
        scale = image.width / width
        assert scale == 3  # PLOT_CONFIG's toImageButtonOptions
        assert image.height > height * scale  # the caption's strip

        caption = chart.evaluate("g => g.dataset.savedCaption")
        key = chart.evaluate("g => [...g.closest('[class*=st-key-]').classList].find(c => c.startsWith('st-key-'))")
        shown = page.locator(f".st-key-caption_{key.removeprefix('st-key-')}").inner_text().strip()
        assert caption == shown and t("caption.public_record", lang) in caption
        strip = image.crop((0, int(height * scale), image.width, image.height))
        assert strip.getextrema()[0] < 160, "no text drawn in the caption's strip"
        # the chart on the screen is as it was
        assert chart.evaluate("g => [g._fullLayout.width, g._fullLayout.height, (g.layout.annotations || []).length]") == [width, height, notes]
        picture.save(SHOTS / f"saved_png_{path.split('?')[0]}_{lang}.png")
    finally:
        page.context.close()
