"""The download buttons of the open data exports: the whole dataset (Sources page), the
filtered activities as IATI XML (Activities page) and the story as slides (Story page).
Each file is built only when its button is clicked (the button's data is a function), so a
page that shows a button pays nothing for it. The builders are pure: fitjp/opendata.py,
fitjp/iati.py, fitjp/deck.py."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from fitjp import deck, iati, opendata, settings
from fitjp.filters import Filters
from fitjp.i18n import t
from fitjp.story import Step
from fitjp.ui.cache import connection, data_as_of, query, today, uncached_query
from fitjp.ui.sidebar import describe
from fitjp.ui.state import lang

ACTIVITY_SEARCH_KEY = "activity_search"  # the Activities page's search box: the file lists what the page lists


def whole_dataset() -> None:
    """The zip of one CSV per table with its Frictionless datapackage.json (docs/opendata.md)."""
    language, database = lang(), connection()
    st.download_button(t("opendata.download", language), lambda: opendata.data_package_zip(database),
                       file_name=f"fit-japan-ip-global-data-{data_as_of()}.zip", mime="application/zip",
                       icon=":material/folder_zip:", on_click="ignore", help=t("opendata.help", language),
                       key="download_whole_dataset")


def iati_activities(filters: Filters) -> None:
    """The activities the page lists (its filters and search) as IATI 2.03 activity XML."""
    language = lang()
    search = str(st.session_state.get(ACTIVITY_SEARCH_KEY, "")).strip()
    params = filters.activity_params() | {"search": search, "limit": 100_000}
    countries = query("countries_list")
    iso2, publisher, as_of = dict(zip(countries.iso3, countries.iso2)), settings.iati_reporting_org(), data_as_of()
    # The rows are read when the button is clicked, not on every rerun (100,000 at most).
    st.download_button(t("iati.download", language),
                       lambda: iati.activities_xml(uncached_query("activity_list", **params), iso2, publisher, as_of),
                       file_name=f"fit-japan-activities-iati-{today()}.xml", mime="application/xml",
                       icon=":material/download:", on_click="ignore", help=t("iati.help", language),
                       key="download_iati")
    st.caption(t("iati.undated_note", language))


def story_deck(steps: list[Step]) -> None:
    """Every step of the story as a slide in the reader's language, with editable charts."""
    language, database, as_of = lang(), connection(), data_as_of()
    # the words for each step's filters, written now: the button's function runs outside this run
    described = {replace(s.filters, lang=language, present=False): describe(replace(s.filters, lang=language),
                                                                            language) for s in steps}
    st.download_button(t("deck.download", language),
                       lambda: deck.deck(deck.story_slides(database, steps, language, described.get, as_of)),
                       file_name=f"fit-japan-story-{language}.pptx", icon=":material/slideshow:",
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       on_click="ignore", help=t("deck.help", language), key="download_story_deck")
