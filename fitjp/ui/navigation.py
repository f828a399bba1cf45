"""The app's pages, as st.navigation takes them.

Each st.Page resolves its file's path through the file system when it is made, a few
milliseconds on every click (bench/clicks.py). So each language's pages are made once and
each run is handed copies: st.navigation and Page.run mark the page a run may call on the
page object itself, and a run must never see the mark another session's run set.
"""

from __future__ import annotations

import copy
import threading

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from fitjp.i18n import t

_made: dict[tuple, list[st.Page]] = {}  # by the app's folder (a test may run a copy) and language
_lock = threading.Lock()


def _make(lang: str) -> list[st.Page]:
    return [
        # The default page is served at "/" and answers no other path, so /overview (the path
        # the README and shared links use) is a hidden second entry for the same file.
        st.Page("pages/overview.py", title=t("page.overview", lang), url_path="home", default=True),
        st.Page("pages/overview.py", title=t("page.overview", lang), url_path="overview", visibility="hidden"),
        st.Page("pages/story.py", title=t("page.story", lang), url_path="story"),
        st.Page("pages/funding.py", title=t("page.funding", lang), url_path="funding"),
        st.Page("pages/map.py", title=t("page.map", lang), url_path="map"),
        st.Page("pages/objectives.py", title=t("page.objectives", lang), url_path="objectives"),
        st.Page("pages/results.py", title=t("page.results", lang), url_path="results"),
        st.Page("pages/country.py", title=t("page.country", lang), url_path="country"),
        st.Page("pages/brief.py", title=t("page.brief", lang), url_path="brief"),
        st.Page("pages/activities.py", title=t("page.activities", lang), url_path="activities"),
        st.Page("pages/sources.py", title=t("page.sources", lang), url_path="sources"),
        st.Page("pages/compare.py", title=t("page.compare", lang), url_path="compare"),
        st.Page("pages/glossary.py", title=t("page.glossary", lang), url_path="glossary"),
    ]


def pages(lang: str) -> list[st.Page]:
    """This run's own copies of the pages, titled in the reader's language."""
    key = (str(get_script_run_ctx().pages_manager.main_script_parent), lang)
    with _lock:
        if key not in _made:
            _made[key] = _make(lang)
        return [copy.copy(page) for page in _made[key]]
