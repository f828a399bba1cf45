"""The cache between pages and the database: one connection per process, query results
kept per query name and parameter values, and the lookups every page repeats."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from fitjp import db
from fitjp.countries import localized_territory


@st.cache_resource
def connection():
    return db.connect()


@st.cache_data(show_spinner=False)
def _cached(name: str, params: tuple) -> pd.DataFrame:
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return db.run(connection(), name, **values)


def query(name: str, **params) -> pd.DataFrame:
    """A named query's result, cached by name and parameter values."""
    hashable = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, hashable).copy()


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
