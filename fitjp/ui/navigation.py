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

# (file, title key, URL path). The default page is served at "/" and answers no other path,
# so /overview (the path the README and shared links use) is a hidden second entry for the
# same file.
PAGES = [
    ("pages/overview.py", "page.overview", "home"),
    ("pages/overview.py", "page.overview", "overview"),
    ("pages/story.py", "page.story", "story"),
    ("pages/funding.py", "page.funding", "funding"),
    ("pages/map.py", "page.map", "map"),
    ("pages/objectives.py", "page.objectives", "objectives"),
    ("pages/country.py", "page.country", "country"),
    ("pages/brief.py", "page.brief", "brief"),
    ("pages/activities.py", "page.activities", "activities"),
    ("pages/sources.py", "page.sources", "sources"),
    ("pages/compare.py", "page.compare", "compare"),
]

_made: dict[tuple, list[st.Page]] = {}  # by the app's folder (a test may run a copy) and language
_lock = threading.Lock()


def _make(lang: str) -> list[st.Page]:
    return [st.Page(file, title=t(title, lang), url_path=url_path, default=url_path == "home",
                    visibility="hidden" if url_path == "overview" else "visible")
            for file, title, url_path in PAGES]


def pages(lang: str) -> list[st.Page]:
    """This run's own copies of the pages, titled in the reader's language."""
    key = (str(get_script_run_ctx().pages_manager.main_script_parent), lang)
    with _lock:
        if key not in _made:
            _made[key] = _make(lang)
        return [copy.copy(page) for page in _made[key]]
