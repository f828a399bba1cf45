"""Journeys of the open data work in a real browser: a policymaker compares their country
with neighbours, starting from its profile; a researcher takes the whole dataset, an aid
portal's analyst the IATI file and a presenter the deck, each read back by the tool it is for."""

from __future__ import annotations

import io
import re
import zipfile

from frictionless import validate
from pptx import Presentation

from harness import (main, assert_no_error, assert_offline, metric, new_page, open_page, pick, rerun, screenshot, sidebar,
                     wait_for_url, whole_number)

COUNTED = "Activities involving it"


def compared(page, counted: str = COUNTED) -> dict[str, int]:
    """Each compared country's name (its column's heading) and the count written under it."""
    names = main(page).locator("h3").all_inner_texts()
    counts = [whole_number(card.get_by_test_id("stMetricValue").inner_text())
              for card in main(page).get_by_test_id("stMetric").filter(has_text=counted).all()]
    assert len(names) == len(counts), (names, counts)
    return dict(zip(names, counts))


def profile_count(page, iso3: str) -> int:
    open_page(page, f"country?country={iso3}")
    return whole_number(metric(page, COUNTED))


def test_compare_a_country_with_two_neighbours_from_its_profile(page):
    open_page(page, "country?country=KEN")
    rerun(page, lambda: main(page).get_by_role("link", name="Compare with…").click())
    wait_for_url(page, "/compare")
    assert "country=KEN" in page.url
    pick(page, "Countries", "United Republic of Tanzania", scope=sidebar(page))
    pick(page, "Countries", "Uganda", scope=sidebar(page))
    wait_for_url(page, "country=KEN,TZA,UGA")
    main(page).locator("h3", has_text="Uganda").wait_for()
    shown = compared(page)
    screenshot(page, "journey_compare_KEN_TZA_UGA")
    assert list(shown) == ["Kenya", "United Republic of Tanzania", "Uganda"]
    assert_no_error(page)
    assert_offline(page)
    profiles = {name: profile_count(page, iso3) for name, iso3 in
                (("Kenya", "KEN"), ("United Republic of Tanzania", "TZA"), ("Uganda", "UGA"))}
    assert shown == profiles


def test_compare_in_presenter_mode_and_japanese(browser, server):
    page = new_page(browser, server, viewport={"width": 1920, "height": 2200})  # tall: every chart in the shot
    open_page(page, "compare?country=KEN,TZA,UGA&present=1&lang=ja")
    assert list(compared(page, counted="関係する活動")) == ["ケニア", "タンザニア", "ウガンダ"]
    assert page.locator(".js-plotly-plot").count() == 3
    screenshot(page, "journey_compare_present_ja")
    assert_no_error(page)
    page.context.close()


def download(page, button: str) -> bytes:
    with page.expect_download() as caught:
        main(page).get_by_role("button", name=button).click()
    return open(caught.value.path(), "rb").read()


def test_the_whole_dataset_downloads_and_validates(page, tmp_path):
    open_page(page, "sources")
    zipfile.ZipFile(io.BytesIO(download(page, "Download the whole dataset"))).extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_the_activities_of_a_country_download_as_iati_xml(page):
    open_page(page, "activities?country=KEN")
    listed = whole_number(main(page).get_by_text(re.compile(r"^[\d,]+ activities$")).first.inner_text())
    xml = download(page, "Download IATI XML")
    assert xml.count(b"<iati-activity ") == listed


def test_the_story_downloads_as_a_deck_in_the_readers_language(page):
    open_page(page, "story?lang=fr")
    deck = Presentation(io.BytesIO(download(page, "Télécharger le récit en diapositives (PowerPoint)")))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[0] == "1987 : les débuts" and all(any(s.has_chart for s in slide.shapes) for slide in deck.slides)
