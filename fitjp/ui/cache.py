"""The cache between pages and the database: one connection per process and data version,
query results kept per data version, query name and parameter values (bounded in number
and age, fitjp/settings.py), and the lookups every page repeats.

Every key includes the data version (settings.data_version()), so a rebuilt data folder or
a new release is read on the next rerun without a restart: the old connection and results
age out of their bounded caches. The version is read once a run (begin_run), so one run never
mixes two releases and the folder is looked at once, not for every query.
"""

from __future__ import annotations

import threading
from datetime import date

import pandas as pd
import streamlit as st

from fitjp import db, settings
from fitjp.record import releases
from fitjp.countries import localized_territory
from fitjp.ui.memo import SharedCache


_this_run = threading.local()  # Streamlit runs each script run in a thread of its own


def begin_run() -> None:
    """Read the data version for the run starting (dashboard.py calls this first)."""
    _this_run.version = settings.data_version()


def data_version() -> str:
    """The data version of this run; outside a begun run (a test, the staff app), read now."""
    return getattr(_this_run, "version", None) or settings.data_version()


@st.cache_resource(max_entries=2, show_spinner=False)  # the current version, and the one before while it drains
def _connection(version: str):
    return db.connect()


def connection():
    """The connection to the data as it is now."""
    return _connection(data_version())


def forget_connections() -> None:
    """Drop every open connection: one made while a file was broken lacks that table."""
    _connection.clear()


# Query results and built views (figures, list entries, tables), shared by every session.
_results = SharedCache(settings.cache_entries(), settings.cache_ttl())
_built = SharedCache(settings.cache_entries(), settings.cache_ttl())


def forget_shared() -> None:
    """Drop every kept result and view (tests that point the app at another folder)."""
    _results.clear()
    _built.clear()


def hashable(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def query(name: str, **params) -> pd.DataFrame:
    """A named query's result (from the rollups when they answer it), kept per data version,
    name and parameter values, and shared by every session. Each caller gets a shallow copy:
    with pandas' copy-on-write, a column it adds or a value it changes stays in its copy, and
    nothing is pickled and unpickled per call as st.cache_data would."""
    version = data_version()
    return _results.get((version, name, hashable(params)),
                        lambda: db.run_best(_connection(version), name, **params)).copy(deep=False)


def uncached_query(name: str, **params) -> pd.DataFrame:
    """A named query run now, kept nowhere: for a file a reader asked for, which may hold
    100,000 rows that no other rerun needs."""
    return db.run_best(connection(), name, **params)


@st.cache_data(show_spinner=False, max_entries=16)
def _country_names(version: str, language: str) -> dict[str, str]:
    countries = query("countries_list")
    return {row.iso3: localized_territory(row.iso2, language, row.name_en) for row in countries.itertuples()}


def country_names(language: str) -> dict[str, str]:
    """ISO-3 code -> country name in `language` (CLDR through babel; English as in the data)."""
    return _country_names(data_version(), language)


def shared(key: tuple, build):
    """What `build()` makes (a view's figure, its list entries), built once per data version
    and `key` (everything it depends on: query parameters, style, language, title) and shared
    by every session. Never changed once built: pages only draw it."""
    return _built.get((data_version(), *key), build)


def today() -> str:
    return date.today().isoformat()


def data_as_of() -> str:
    info = query("release_info")
    return dict(zip(info.key, info.value)).get("data_as_of", "")


@st.cache_data(show_spinner=False, max_entries=4)
def _release_history(version: str) -> list[dict]:
    return releases.history()


def release_history() -> list[dict]:
    """Every release's manifest, newest first, `live` marking the one read (fitjp/record/releases.py)."""
    return _release_history(data_version())


def live_release() -> dict | None:
    return next((m for m in release_history() if m["live"]), None)
