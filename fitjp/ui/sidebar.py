"""The shared sidebar: view settings and every filter, and the filters in words."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from fitjp.filters import CHOICES, Filters, URL_NAMES, active_filters, current_year
from fitjp.i18n import LANGUAGE_NAMES, LANGUAGES, label, t
from fitjp.record.schema import CURRENCIES, FIRST_FISCAL_YEAR
from fitjp.ui.cache import country_names, query
from fitjp.ui.pickers import country_multiselect, country_selectbox
from fitjp.ui.state import (LIST_FILTERS, STATE_KEY, WIDGET_PREFIX, reset_filters, write_url, lang, open_country,
                            shown_country)


LIST_LABELS = {"regions": "region", "objectives": "objective", "areas": "area", "types": "type", "funds": "fund"}


def sidebar(filters: Filters) -> Filters:
    """Draw the shared filters; return what they now say and put it in the URL."""
    language = filters.lang
    countries = query("countries_list")
    names = country_names(language)
    with st.sidebar:
        chosen_lang = st.selectbox(t("view.language", language), list(LANGUAGES), key=WIDGET_PREFIX + "lang",
                                   format_func=LANGUAGE_NAMES.get)
        present = st.toggle(t("view.present", language), key=WIDGET_PREFIX + "present",
                            help=t("view.present_help", language))
        st.header(t("filter.header", language))
        years = st.slider(t("filter.years", language), FIRST_FISCAL_YEAR, current_year(),
                          key=WIDGET_PREFIX + "years")
        chosen = {}
        for name in LIST_FILTERS:
            if name == "countries":
                chosen[name] = country_multiselect(t("filter.country", language), sorted(countries.iso3, key=names.get),
                                                   names, language, key=WIDGET_PREFIX + name,
                                                   placeholder=t("filter.all", language))
                continue
            chosen[name] = st.multiselect(t(f"filter.{LIST_LABELS[name]}", language), list(CHOICES[name]),
                                          format_func=lambda v, n=name: label(LIST_LABELS[n], v, language),
                                          key=WIDGET_PREFIX + name, placeholder=t("filter.all", language),
                                          select_all=False)  # Streamlit's "Select all" is English only, and all is no filter
        include_unclear = st.toggle(t("filter.unclear", language), key=WIDGET_PREFIX + "include_unclear",
                                    help=t("filter.unclear_help", language))
        currency = st.segmented_control(t("filter.currency", language), list(CURRENCIES),
                                        key=WIDGET_PREFIX + "currency") or filters.currency
        st.button(t("filter.reset", language), on_click=reset_filters, width="stretch")
    year_to = 0 if years[1] == current_year() else years[1]
    updated = replace(filters, year_from=years[0], year_to=year_to, currency=currency,
                      include_unclear=include_unclear, lang=chosen_lang, present=present,
                      **{k: tuple(v) for k, v in chosen.items()})
    if updated != filters:
        st.session_state[STATE_KEY] = updated
        write_url(updated)
    return updated


def country_picker(filters: Filters, page: str, key: str) -> str | None:
    """The country shown (see shown_country), with a picker that opens `page` for another
    one, keeping the other filters. The widget's key names the country shown, so the picker
    starts anew on each country rather than remembering a pick the URL no longer says."""
    names = country_names(filters.lang)
    options = sorted(names, key=names.get)
    current = shown_country(filters)
    picked = country_selectbox(t("country.pick", filters.lang), options, names, filters.lang, key=f"{key}_{current}",
                               shown=current, placeholder=t("country.prompt", filters.lang))
    if picked and picked != current:
        open_country(filters, picked, page)
    return current


def active_filter_values(filters: Filters) -> dict[str, str]:
    """Each filter by its URL name with its value in words; every filter, defaults included."""
    language = lang()
    names = country_names(language)
    values = {"from": str(filters.year_from), "to": str(filters.last_year), "currency": filters.currency,
              "unclear": t("label.yes", language) if filters.include_unclear else t("label.no", language),
              "country": ", ".join(names.get(c, c) for c in filters.countries)}
    for name, kind in LIST_LABELS.items():
        values[URL_NAMES[name]] = ", ".join(label(kind, v, language) for v in getattr(filters, name))
    return {key: value or t("filter.all", language) for key, value in values.items()}


def describe(filters: Filters, language: str = "en") -> str:
    """The active filters in words, for the line under a title and for captions."""
    parts = []
    names = None
    for name, value in active_filters(filters):
        if name in ("year_from", "year_to"):
            continue
        if name == "countries":
            names = names or country_names(language)
            parts.append(", ".join(names.get(c, c) for c in value))
        elif name in LIST_LABELS:
            parts.append(", ".join(label(LIST_LABELS[name], v, language) for v in value))
        elif name == "include_unclear":
            parts.append(t("filter.unclear", language).lower())
        elif name == "currency":
            parts.append(value)
    years = f"{filters.year_from}-{filters.last_year}"
    return "; ".join([years] + parts)
