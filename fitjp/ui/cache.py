"""The cache between pages and the database: one connection per process, query results
kept per query name and parameter values, and the lookups every page repeats."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from fitjp import db, releases, settings
from fitjp.countries import localized_territory


@st.cache_resource(max_entries=2)
def connection(version: str = ""):
    """One connection per data version (settings.data_version): a new release gets its own."""
    return db.connect()


@st.cache_data(show_spinner=False)
def _cached(name: str, params: tuple, version: str) -> pd.DataFrame:
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return db.run(connection(version), name, **values)


def query(name: str, **params) -> pd.DataFrame:
    """A named query's result, cached by name, parameter values and the data's version, so a
    release made live is read without a restart."""
    hashable = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, hashable, settings.data_version()).copy()


@st.cache_data(show_spinner=False)
def country_names(language: str) -> dict[str, str]:
    """ISO-3 code -> country name in `language` (CLDR through babel; English as in the data)."""
    countries = query("countries_list")
    return {row.iso3: localized_territory(row.iso2, language, row.name_en) for row in countries.itertuples()}


def today() -> str:
    return date.today().isoformat()


def data_as_of() -> str:
    info = query("release_info")
    return dict(zip(info.key, info.value)).get("data_as_of", "")


@st.cache_data(show_spinner=False, max_entries=4)
def _release_history(version: str) -> list[dict]:
    return releases.history()


def release_history() -> list[dict]:
    """Every release's manifest, newest first, `live` marking the one read (fitjp/releases.py)."""
    return _release_history(settings.data_version())


def live_release() -> dict | None:
    return next((m for m in release_history() if m["live"]), None)
