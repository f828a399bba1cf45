"""The Streamlit-aware helpers: caching, the shared sidebar, headers, captions, charts.

Pages compose these with queries and chart builders; nothing here computes figures.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from babel.numbers import format_decimal

from fitjp import db
from fitjp.countries import localized_region, localized_territory
from fitjp.charts import Style
from fitjp.filters import CHOICES, DEFAULT, Filters, URL_NAMES, active_filters, current_year, from_query_params
from fitjp.i18n import LANGUAGE_NAMES, LANGUAGES, label, t
from fitjp.schema import CURRENCIES, FIRST_FISCAL_YEAR
from fitjp.settings import ROOT

# A file of our own: a Material icon name makes every page fetch the symbol from a Google host.
PAGE_ICON = str(ROOT / "static" / "icon.png")
STATE_KEY = "filters"
WIDGET_PREFIX = "filter_"
PLOT_CONFIG = {
    "topojsonURL": "/app/static/",  # the offline world map: see static/ and .streamlit/config.toml
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 3},
}
LIST_FILTERS = ("regions", "countries", "objectives", "areas", "types", "funds")  # multiselects, in sidebar order
LIST_LABELS = {"regions": "region", "objectives": "objective", "areas": "area", "types": "type", "funds": "fund"}


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


def leave_pages_folder_mode() -> None:
    """Streamlit treats a folder named pages/ as old-style pages until the entry script has
    called st.navigation once. In that mode a deep link (/country?country=KEN) opened first
    on a fresh server runs the page file alone, and widgets made in the first run get other
    ids than in later runs, so a first change of a filter is lost. Switch the mode off and run
    again: dashboard.py then resolves the same URL to the same page, with stable widgets."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def filters() -> Filters:
    """The filters dashboard.py resolved for this run. Every page calls this first."""
    leave_pages_folder_mode()
    return st.session_state.get(STATE_KEY, DEFAULT)


def style() -> Style:
    current = filters()
    return Style.presenter(current.lang) if current.present else Style(lang=current.lang)


def lang() -> str:
    return filters().lang


@st.cache_data(show_spinner=False)
def country_names(language: str) -> dict[str, str]:
    """ISO-3 code -> country name in `language` (CLDR through babel; English as in the data)."""
    countries = query("countries_list")
    return {row.iso3: localized_territory(row.iso2, language, row.name_en) for row in countries.itertuples()}


def country_name(iso3: str, fallback: str = "") -> str:
    return country_names(lang()).get(iso3, fallback or iso3)


def localized_countries(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a `name` column: each row's country (iso3) in the reader's language."""
    names = country_names(lang())
    return frame.assign(name=frame.iso3.map(names))


def region_name(name: str | None) -> str | None:
    """A UN M49 region or sub-region in the reader's language."""
    return localized_region(name, lang()) if isinstance(name, str) else None


def number(value) -> str:
    """A whole number formatted for the reader's language."""
    return format_decimal(int(value), locale=lang())


def today() -> str:
    return date.today().isoformat()


def data_as_of() -> str:
    info = query("release_info")
    return dict(zip(info.key, info.value)).get("data_as_of", "")


# ---- filters in the URL and the sidebar -------------------------------------------------

def current_filters() -> Filters:
    """The filters of this run: from the URL when it names any, else those this session had
    (Streamlit drops query parameters when the page changes), else the defaults."""
    url = {key: st.query_params.get_all(key) for key in st.query_params}
    named = any(key in url for key in URL_NAMES.values())
    remembered = st.session_state.get(STATE_KEY, DEFAULT)
    if named and _is_stale(url):
        # The browser sent the URL of an earlier run of ours (quick changes overtake the
        # URL's update): the session's filters are newer. Taking the URL would undo a change.
        filters = remembered
    elif named:
        filters, ignored = from_query_params(url)
        if ignored:
            st.toast(t("filter.ignored", filters.lang, items=", ".join(f"{k}={v}" for k, v in ignored)))
    else:
        filters = remembered
    if filters != remembered or WIDGET_PREFIX + "years" not in st.session_state:
        _set_widgets(filters)
    st.session_state[STATE_KEY] = filters
    _write_url(filters)
    return filters


def _set_widgets(filters: Filters) -> None:
    st.session_state[WIDGET_PREFIX + "years"] = (filters.year_from, min(filters.last_year, current_year()))
    for name in LIST_FILTERS:
        st.session_state[WIDGET_PREFIX + name] = list(getattr(filters, name))
    st.session_state[WIDGET_PREFIX + "currency"] = filters.currency
    st.session_state[WIDGET_PREFIX + "include_unclear"] = filters.include_unclear
    st.session_state[WIDGET_PREFIX + "lang"] = filters.lang
    st.session_state[WIDGET_PREFIX + "present"] = filters.present


WRITTEN_KEY = "urls_written"  # the filter part of each URL this session wrote, newest last
OPENING_KEY = "url_opening"  # the filter part of the URL open_country sends the session to


def _url_filters(params: dict) -> tuple:
    """The filter parameters of a URL, comparable whatever their form (str or list)."""
    return tuple(sorted((key, value[-1] if isinstance(value, list) else value)
                        for key, value in params.items() if key in URL_NAMES.values()))


def _is_stale(url: dict) -> bool:
    if _url_filters(url) == st.session_state.pop(OPENING_KEY, None):
        return False  # the app itself navigated there (open_country): new, however it looks
    written = st.session_state.get(WRITTEN_KEY, [])
    return _url_filters(url) in written[:-1] and _url_filters(url) != written[-1]


def _write_url(filters: Filters) -> None:
    """Put the filters in the URL, keeping parameters that are not filters (e.g. a page's own)."""
    wanted = filters.to_query_params()
    written = [w for w in st.session_state.get(WRITTEN_KEY, []) if w != _url_filters(wanted)]
    st.session_state[WRITTEN_KEY] = (written + [_url_filters(wanted)])[-20:]
    for key in URL_NAMES.values():
        if key in st.query_params and key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def shown_country(filters: Filters) -> str | None:
    """The country a profile or brief shows: the one picked last, when the filter names several."""
    return filters.countries[-1] if filters.countries else None


def country_picker(filters: Filters, page: str, key: str) -> str | None:
    """The country shown (see shown_country), with a picker that opens `page` for another
    one, keeping the other filters. The widget's key names the country shown, so the picker
    starts anew on each country rather than remembering a pick the URL no longer says."""
    names = country_names(filters.lang)
    options = sorted(names, key=names.get)
    current = shown_country(filters)
    picked = st.selectbox(t("country.pick", filters.lang), options, format_func=names.get,
                          index=options.index(current) if current in names else None,
                          placeholder=t("country.prompt", filters.lang), key=f"{key}_{current}")
    if picked and picked != current:
        open_country(filters, picked, page)
    return current


def open_country(filters: Filters, iso3: str, page: str = "pages/country.py") -> None:
    """Go to a country's profile (or brief), keeping the other filters."""
    chosen = replace(filters, countries=(iso3,))
    # Only the URL changes here: the next run sees filters that differ from the session's
    # and moves the sidebar's widgets to them before drawing them. Setting the session's
    # filters too would leave the sidebar holding the old country, which then won.
    st.session_state[OPENING_KEY] = _url_filters(chosen.to_query_params())
    st.switch_page(page, query_params=chosen.to_query_params())


PRESENTER_CSS = """<style>
[data-testid="stMainBlockContainer"] { font-size: 1.25rem; max-width: 100%; padding-top: 2rem; }
[data-testid="stMetricValue"] { font-size: 3.2rem; }
[data-testid="stCaptionContainer"] { font-size: 1.05rem; }
h1 { font-size: 3.2rem !important; } h3 { font-size: 2rem !important; }
</style>"""
PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], .st-key-brief_actions, .st-key-brief_picker {
    display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  @page { size: A4; margin: 12mm; }
}
</style>"""


def is_embedded() -> bool:
    """Whether the page is shown inside another site (?embed=true). Streamlit keeps its embed
    parameters out of st.query_params, so this reads the run's own query string."""
    from urllib.parse import parse_qs

    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    context = get_script_run_ctx()
    query = parse_qs(context.query_string if context else "")
    return any(value.lower() == "true" for value in query.get("embed", []))


def presenter_css() -> None:
    """Bigger type everywhere for a shared screen (fixed CSS; no data in it)."""
    st.html(PRESENTER_CSS)


def print_css() -> None:
    """Printing shows the page's content only: no sidebar, menus or buttons."""
    st.html(PRINT_CSS)


def _reset() -> None:
    """Back to no filters, in the same language and mode."""
    kept = st.session_state.get(STATE_KEY, DEFAULT).reset()
    _set_widgets(kept)
    st.session_state[STATE_KEY] = kept
    _write_url(kept)


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
            options = sorted(countries.iso3, key=names.get) if name == "countries" else list(CHOICES[name])
            show = names.get if name == "countries" else (lambda v, n=name: label(LIST_LABELS[n], v, language))
            chosen[name] = st.multiselect(t(f"filter.{'country' if name == 'countries' else LIST_LABELS[name]}", language),
                                          options, format_func=show, key=WIDGET_PREFIX + name,
                                          placeholder=t("filter.all", language))
        include_unclear = st.toggle(t("filter.unclear", language), key=WIDGET_PREFIX + "include_unclear",
                                    help=t("filter.unclear_help", language))
        currency = st.segmented_control(t("filter.currency", language), list(CURRENCIES),
                                        key=WIDGET_PREFIX + "currency") or filters.currency
        st.button(t("filter.reset", language), on_click=_reset, width="stretch")
    year_to = 0 if years[1] == current_year() else years[1]
    updated = replace(filters, year_from=years[0], year_to=year_to, currency=currency,
                      include_unclear=include_unclear, lang=chosen_lang, present=present,
                      **{k: tuple(v) for k, v in chosen.items()})
    if updated != filters:
        st.session_state[STATE_KEY] = updated
        _write_url(updated)
    return updated


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


# ---- page furniture ------------------------------------------------------------------------

def header(title_key: str, filters: Filters) -> None:
    """Page title, and under it the active filters with a reset."""
    language = lang()
    st.title(t(title_key, language))
    line, button = st.columns([6, 1], vertical_alignment="center")
    if filters.is_default:
        line.caption(t("filter.none", language, first=FIRST_FISCAL_YEAR, last=filters.last_year))
    else:
        line.caption(t("filter.active", language, filters=describe(filters, language)))
        button.button(t("filter.reset", language), on_click=_reset, key="reset_under_title")


def caption(filters: Filters, source: str | None = None) -> str:
    """What every chart says under itself: filters, data date, source."""
    language = lang()
    parts = [t("caption.filters", language, filters=describe(filters, language)),
             t("caption.data", language, date=data_as_of()),
             t("caption.source", language, source=source or t("caption.public_record", language))]
    return " · ".join(parts)


def chart(fig, filters: Filters, alt: str, source: str | None = None, key: str | None = None, **kwargs):
    """A Plotly chart with the offline map config, alt text and its caption."""
    event = st.plotly_chart(fig, config=PLOT_CONFIG, alt=alt, key=key, **kwargs)
    st.caption(caption(filters, source))
    return event


def empty_state() -> None:
    language = lang()
    st.info(f"**{t('empty.title', language)}** {t('empty.hint', language)}")


def labelled(frame: pd.DataFrame, **kinds: str) -> pd.DataFrame:
    """A copy with enumerated columns shown by name: labelled(rows, fund="fund", status="status")."""
    language = lang()
    return frame.assign(**{column: frame[column].map(lambda v, k=kind: label(k, v, language) if pd.notna(v) else "")
                           for column, kind in kinds.items()})


def activity_table(rows: pd.DataFrame, height: int | None = 420) -> None:
    """Activities as a table a reader can scan: labelled values, a link to each source."""
    language = lang()
    names = country_names(language)
    in_words = lambda codes: "; ".join(sorted(names.get(c, c) for c in codes)) if isinstance(codes, list) else ""
    shown = pd.DataFrame({
        t("label.year", language): rows.year,
        t("label.title", language): rows.title,
        t("label.type", language): rows.activity_type.map(lambda v: label("type", v, language)),
        t("label.hosts", language): rows.host_iso3.map(in_words),
        # The source's own words when it names a group ("ARIPO member states"), else the countries.
        t("label.beneficiaries", language): rows.beneficiaries_as_stated.fillna(rows.beneficiary_iso3.map(in_words)),
        t("label.fund", language): rows.fund.map(lambda v: label("fund", v, language)),
        t("label.source", language): rows.source_url,
    })
    st.dataframe(shown, hide_index=True, height=height or "auto", width="stretch", column_config={
        t("label.year", language): st.column_config.NumberColumn(format="%d", width="small"),
        t("label.title", language): st.column_config.TextColumn(width="large"),
        t("label.source", language): st.column_config.LinkColumn(display_text=t("label.open_source", language)),
    })


# ---- tables: labels, not codes; empty cells, not "None" ------------------------------------
# The Sources, Funding history and Map tables are built from these. Kept in one block at the
# end of the file so the helpers above can change independently.

def label_or_value(kind: str, value, language: str) -> str:
    """An enumerated value's label in `language`; "" for a missing value. A value with no
    label yet (say, a metric an import brought) shows as it is rather than stopping the page."""
    if value is None or (not pd.api.types.is_list_like(value) and pd.isna(value)):
        return ""
    try:
        return t(f"{kind}.{value}", language)
    except KeyError:
        return str(value)


def labelled_values(frame: pd.DataFrame, **kinds: str) -> pd.DataFrame:
    """A copy with enumerated columns shown by their labels; a cell holding a list of codes
    (coverage_by_year's fund_list) reads as their labels, comma-separated."""
    language = lang()

    def shown(value, kind):
        if pd.api.types.is_list_like(value):
            return ", ".join(label_or_value(kind, v, language) for v in value)
        return label_or_value(kind, value, language)

    return frame.assign(**{column: frame[column].map(lambda v, k=kind: shown(v, k))
                           for column, kind in kinds.items()})


def whole_number_column(title: str) -> st.column_config.NumberColumn:
    """Amounts in whole currency units with the reader's thousands separators. The format
    "localized" alone shows decimals; a step of 1 sets its precision to none."""
    return st.column_config.NumberColumn(title, format="localized", step=1)


def source_columns(language: str) -> dict:
    """A source as two columns: its name as text, its URL as a link that reads "open"."""
    return {"source_name": st.column_config.TextColumn(t("label.source", language)),
            "source_url": st.column_config.LinkColumn(t("label.link", language),
                                                      display_text=t("label.open_source", language))}


def table(frame: pd.DataFrame, columns: dict, **options) -> None:
    """A read-only table of `columns` (column name -> column config), in that order. A missing
    value is an empty cell: st.dataframe otherwise writes "None" in it."""
    st.dataframe(frame[list(columns)], hide_index=True, width="stretch", column_config=columns,
                 placeholder="", **options)
