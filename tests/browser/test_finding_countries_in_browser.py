"""A reader types a country's name, as they know it, into each picker (the sidebar's filter,
the profile's and the map's) and the search, in the page's language, and gets that country.
The cases are drawn from the shipped data and the catalogs with a fixed seed
(tests/matrix.py): country, language, and one of its names or spellings
(tests/test_finding_countries.py checks every one of them against the index the pickers use;
here the browser shows that typing one and pressing Enter reaches it)."""

from __future__ import annotations

import itertools

import pytest

from fitjp import db
from fitjp.countries import folded, localized_name, names_of
from fitjp.filters import Filters
from fitjp.i18n import LANGUAGES, t
from harness import main, open_page, rerun, sample, screenshot, sidebar, wait_for_url


def with_activities() -> list[str]:
    connection = db.connect()
    try:
        return sorted(db.run_best(connection, "activities_by_country", **Filters().activity_params()).iso3)
    finally:
        connection.close()


def cases(size: int, seed: int) -> list[tuple[str, str, str]]:
    """(iso3, language, what the reader types): a name of the country, without its accents."""
    every = [(iso3, lang, typed) for iso3, lang in itertools.product(with_activities(), LANGUAGES)
             for typed in sorted({*names_of(iso3), *map(folded, names_of(iso3))})]
    return sample(every, size, seed=seed)


def type_and_enter(page, box, text: str) -> None:
    def act():
        box.click()
        box.fill(text)
        page.keyboard.press("Enter")
    rerun(page, act)
    page.keyboard.press("Escape")


@pytest.mark.parametrize("iso3, lang, typed", cases(3, seed=1))
def test_the_sidebar_filter_takes_any_name_of_a_country(page, iso3, lang, typed):
    open_page(page, f"compare?lang={lang}")  # the compare page's countries are the sidebar's
    type_and_enter(page, sidebar(page).get_by_label(t("filter.country", lang), exact=True), typed)
    wait_for_url(page, f"country={iso3}")
    chips = sidebar(page).get_by_test_id("stMultiSelect").filter(has_text=t("filter.country", lang))
    assert localized_name(iso3, lang) in chips.inner_text()


@pytest.mark.parametrize("iso3, lang, typed", cases(3, seed=2))
def test_the_profile_picker_takes_any_name_of_a_country(page, iso3, lang, typed):
    open_page(page, f"country?lang={lang}&country=JPN")  # a profile shown: its picker opens another
    type_and_enter(page, main(page).get_by_label(t("country.pick", lang), exact=True), typed)
    wait_for_url(page, f"country={iso3}")
    main(page).get_by_role("heading", name=localized_name(iso3, lang)).first.wait_for()


@pytest.mark.parametrize("iso3, lang, typed", cases(1, seed=4))
def test_the_map_picker_takes_any_name_of_a_country(page, iso3, lang, typed):
    open_page(page, f"map?lang={lang}")
    type_and_enter(page, main(page).get_by_label(t("map.pick", lang), exact=True), typed)
    wait_for_url(page, f"country={iso3}")
    main(page).get_by_role("heading", name=localized_name(iso3, lang)).first.wait_for()
    # and back on the map, its picker is empty: it does not open that profile again
    rerun(page, lambda: sidebar(page).get_by_role("link", name=t("page.map", lang), exact=True).click())
    main(page).get_by_label(t("map.pick", lang), exact=True).wait_for()
    assert "/map" in page.url


@pytest.mark.parametrize("iso3, lang, typed", cases(2, seed=3))
def test_the_search_finds_a_countrys_activities_by_any_of_its_names(page, iso3, lang, typed):
    connection = db.connect()
    params = Filters().activity_params()
    profile = db.run_best(connection, "activity_totals", **params | {"countries": [iso3]}).activity_count.item()
    connection.close()
    open_page(page, f"activities?lang={lang}")
    type_and_enter(page, main(page).get_by_label(t("activities.search", lang), exact=True), typed)
    rows = t("activities.rows", lang, first=1, last=min(profile, 50), total=profile)  # counts below 1,000
    assert main(page).get_by_test_id("stCaptionContainer").filter(has_text=rows).count() == 1, (typed, rows)


def test_a_french_reader_gets_laos_alone_and_french_words_for_what_is_not_found(page):
    open_page(page, "overview?lang=fr")
    box = sidebar(page).get_by_label(t("filter.country", "fr"), exact=True)
    type_and_enter(page, box, "Laos")  # the review: Laos, Palaos and Îles Malouines were added
    wait_for_url(page, "country=LAO")
    chips = sidebar(page).get_by_test_id("stMultiSelect").filter(has_text=t("filter.country", "fr"))
    assert "Laos" in chips.inner_text() and "Palaos" not in chips.inner_text()
    box.click()
    box.fill("zzz")
    menu = page.get_by_role("option").first
    assert menu.inner_text() == t("picker.find", "fr", name="zzz")  # not Streamlit's "Add: zzz"
    screenshot(page, "find_country_fr", full_page=False)
    shown = page.locator("body").inner_text()
    assert "Add:" not in shown and "No results" not in shown
    page.keyboard.press("Escape")
    type_and_enter(page, box, "zzz")
    assert page.get_by_text(t("picker.unknown", "fr", name="zzz")).count() == 1


def test_the_profile_picker_speaks_french_and_keeps_its_country_on_unknown_text(page):
    open_page(page, "country?lang=fr&country=KEN")
    box = main(page).get_by_label(t("country.pick", "fr"), exact=True)
    box.click()
    box.fill("zzz")
    assert page.get_by_role("option").first.inner_text() == t("picker.find", "fr", name="zzz")
    screenshot(page, "find_country_profile_fr", full_page=False)
    shown = page.locator("body").inner_text()
    assert "Add:" not in shown and "No results" not in shown
    page.keyboard.press("Escape")
    type_and_enter(page, box, "zzz")
    assert page.get_by_text(t("picker.unknown", "fr", name="zzz")).count() == 1
    assert "country=KEN" in page.url
    # the box shows its country again, not the text
    assert main(page).get_by_test_id("stSelectbox").locator("input").input_value() == localized_name("KEN", "fr")
