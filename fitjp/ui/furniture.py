"""Page furniture: titles with the active filters, captions, empty states, the page icon,
the page's language and the CSS of every page, presenter mode and printing."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st
from babel.numbers import format_decimal

from fitjp.countries import localized_region
from fitjp.filters import Filters
from fitjp.i18n import label, t
from fitjp.record.schema import FIRST_FISCAL_YEAR
from fitjp.settings import ROOT
from fitjp.text import inert
from fitjp.ui.cache import country_names, data_as_of, live_release, release_history
from fitjp.ui.image_caption import IMAGE_CAPTION_SCRIPT
from fitjp.ui.pickers import widget_text_script
from fitjp.ui.sidebar import describe
from fitjp.ui.state import is_embedded, lang, reset_filters, style


# A file of our own: a Material icon name makes every page fetch the symbol from a Google host.
PAGE_ICON = str(ROOT / "static" / "icon.png")
PLOT_CONFIG = {
    "topojsonURL": "/app/static/",  # the offline world map: see static/ and .streamlit/config.toml
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 3},
}


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


PRESENTER_CSS = """<style>
[data-testid="stMainBlockContainer"] { font-size: 1.25rem; max-width: 100%; padding-top: 2rem; }
/* No text under 16 px (metric and widget labels, tabs, help were 14 px): every element of the
   page takes at least its parent's size; charts (svg) size their own text (charts.Style). */
[data-testid="stMain"] :not(svg, svg *) { font-size: max(16px, 1em); }
[data-testid="stMain"] [data-testid="stMetricValue"] { font-size: 3.2rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 1.05rem; }
h1 { font-size: 3.2rem !important; } h2 { font-size: 2.2rem !important; line-height: 1.2; padding: 0 !important; } h3 { font-size: 2rem !important; }
/* Streamlit sizes paragraphs and button labels in rem, so the container's size alone leaves them at 16 px */
[data-testid="stMain"] [data-testid="stMarkdown"] p, [data-testid="stMain"] [data-testid="stMarkdown"] li,
[data-testid="stMain"] button p { font-size: 1.25rem; }
/* Lists and the brief set their own smaller sizes (an activity's facts at 0.9em, the brief's
   table at 8.5pt for A4): on the screen, none under 16 px; a printed brief keeps its A4 sizes. */
@media screen {
  [data-testid="stMain"] .activity-list, [data-testid="stMain"] .activity-list * { font-size: 1.25rem; }
  [data-testid="stMain"] .brief, [data-testid="stMain"] .brief :is(table, .sub, .k, .foot, .results) { font-size: 16px; }
  [data-testid="stMain"] .brief h1 { font-size: 30px !important; } [data-testid="stMain"] .brief .v { font-size: 26px; }
  [data-testid="stMain"] .brief .none { font-size: 18px; }
}
</style>"""


PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], .st-key-brief_actions, .st-key-brief_picker,
  .st-key-cite_this_view {
    display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  @page { size: A4; margin: 12mm; }
}
</style>"""


# Every page, both themes. Colours come from the theme's own text colour (inherit) so one
# rule reads on light and dark: Streamlit's caption grey is 3.9:1 on white (WCAG AA wants 4.5).
PAGE_CSS = """<style>
[data-testid="stCaptionContainer"] { color: inherit !important; opacity: 0.8; }
/* Metric labels and values wrap between words instead of ending in an ellipsis
   ("Cumulative contributions (as…", "90M…" at 1024 px) or breaking a word ("contribution s"). */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *, [data-testid="stMetricValue"],
[data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; overflow-wrap: normal !important; word-break: normal !important; }
/* The activity list (tables.activity_table): real text a screen reader and find (Ctrl+F) reach. */
.activity-list { list-style: none; padding: 0 !important; margin: 0 !important; }  /* no indent: a phone needs the width */
.activity-list li { padding: 0.45rem 0; border-bottom: 1px solid rgba(128, 128, 128, 0.35); margin: 0 !important; }
/* The reset beside the filters line wraps its label rather than cutting it ("Réinitialiser les …" in a narrow column). */
.st-key-reset_under_title button p { white-space: normal; overflow: visible; text-overflow: clip; }
.activity-list .activity-title { font-weight: 600; }
.activity-list .activity-facts { display: block; font-size: 0.9em; overflow-wrap: break-word; }  /* long words only: "Brazil; Chile" breaks at its spaces */
.st-key-page_language, .st-key-url_replace { display: none; }
/* Cite this view (ui/citation.py): the text to select, and its copy button, in either theme. */
.fitjp-cite { display: flex; gap: 0.5rem; align-items: flex-start; }
.fitjp-cite pre { flex: 1; margin: 0; padding: 0.75rem 1rem; white-space: pre-wrap; overflow-wrap: anywhere;
  background: rgba(128, 128, 128, 0.12); border-radius: 0.5rem; color: inherit; font-size: 0.875rem; }
.fitjp-cite code { color: inherit; background: none; }
.fitjp-cite button { font: inherit; color: inherit; background: transparent; cursor: pointer; min-height: 2.5rem;
  border: 1px solid rgba(128, 128, 128, 0.6); border-radius: 0.5rem; padding: 0.25rem 0.75rem; }
/* Multiselect chips write white on the primary colour, too light in dark (#56B4E9: 2.2:1);
   one blue in both themes gives their text 5.2:1 (.streamlit/config.toml). */
[data-testid="stMultiSelectTagsContainer"] [data-tag] { background-color: #0072B2 !important; color: #ffffff !important; }
@media (max-width: 640px) {
  /* A phone reads the list; the canvas grid needs a wide screen to be legible. */
  [class*="st-key-activity_grid_"] { display: none; }
  /* Plotly's toolbar sits over the chart's top right, where a narrow chart's title runs:
     give it a strip of its own above the chart. */
  .stPlotlyChart { margin-top: 30px; }
  .stPlotlyChart .modebar-container { top: -30px !important; }
}
@media (min-width: 641px) {
  [class*="st-key-activity_phone_list_"] { display: none; }
}
</style>"""


# A print is always the light version, whatever the reader's system theme: in dark mode the
# page, its text and its charts printed as a sheet 92 % black (tests/browser/test_print.py).
# Paper white, ink dark, the charts' own data colours kept; the app's furniture (sidebar,
# buttons, the canvas grid, which paints in the theme's colours) stays off paper.
PRINT_LIGHT_CSS = """<style>
@media print {
  :root, html, body { color-scheme: light !important; background: #ffffff !important; }
  [data-testid="stApp"], [data-testid="stApp"] * { background-color: transparent !important; }
  [data-testid="stApp"] { background: #ffffff !important; }
  [data-testid="stApp"] *:not(a):not(svg *) { color: #1f1f1f !important; border-color: #cccccc !important; }
  [data-testid="stApp"] a, [data-testid="stApp"] a * { color: #0057a3 !important; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stButton"], [data-testid="stDownloadButton"], [data-testid="stSelectbox"], [data-testid="stTextInput"],
  .modebar-container, [class*="st-key-activity_grid_"] { display: none !important; }
  [class*="st-key-activity_phone_list_"] { display: block !important; }
  .js-plotly-plot .svg-container > .main-svg:first-child { background: #ffffff !important; }
  .js-plotly-plot rect.bg, .js-plotly-plot .legend rect.bg { fill: #ffffff !important; }
  .js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .g-xtitle text,
  .js-plotly-plot .g-ytitle text, .js-plotly-plot .gtitle, .js-plotly-plot .legendtext,
  .js-plotly-plot .legendtitletext, .js-plotly-plot .annotation-text, .js-plotly-plot .cbtitle text,
  .js-plotly-plot .cbaxis text { fill: #1f1f1f !important; }
  .js-plotly-plot .gridlayer path, .js-plotly-plot .zerolinelayer path { stroke: #d9d9d9 !important; }
  .js-plotly-plot .layer.land path, .js-plotly-plot .layer.countries path { fill: #eeeeee !important; }
  .js-plotly-plot .layer.ocean path, .js-plotly-plot .layer.lakes path { fill: #ffffff !important; }
  .js-plotly-plot .choroplethlocation { stroke: #ffffff !important; }
}
/* A table (st.dataframe) paints a canvas in the theme's colours, out of CSS's reach: on a
   dark system, print it inverted, which gives its light version (hue kept). */
@media print and (prefers-color-scheme: dark) {
  [data-testid="stDataFrame"] { filter: invert(1) hue-rotate(180deg); }
}
</style>"""


# Streamlit writes <html lang="en"> whatever the language; screen readers then pronounce
# Japanese as English. Set it to the page's language (a fixed script; the value is one of
# LANGUAGES, written as a JSON string).
LANG_SCRIPT = "<script>document.documentElement.lang = {lang};</script>"


def page_setup() -> None:
    """What every page needs whatever it shows: its CSS, its language on <html>, the words
    Streamlit writes in pickers in that language, and charts' captions in their saved PNGs."""
    st.html(PAGE_CSS)
    st.html(PRINT_LIGHT_CSS)
    with st.container(key="page_language"):
        st.html(LANG_SCRIPT.format(lang=json.dumps(lang())) + widget_text_script(lang()) + IMAGE_CAPTION_SCRIPT,
                unsafe_allow_javascript=True)


def presenter_css() -> None:
    """Bigger type everywhere for a shared screen (fixed CSS; no data in it)."""
    st.html(PRESENTER_CSS)


def print_css() -> None:
    """Printing shows the page's content only: no sidebar, menus or buttons."""
    st.html(PRINT_CSS)


def header(title_key: str, filters: Filters) -> None:
    """Page title, and under it the active filters with a reset."""
    language = lang()
    st.title(t(title_key, language))
    line, button = st.columns([6, 1], vertical_alignment="center")
    if filters.is_default:
        line.caption(t("filter.none", language, first=FIRST_FISCAL_YEAR, last=filters.last_year))
    else:
        line.caption(t("filter.active", language, filters=describe(filters, language)))
        button.button(t("filter.reset", language), on_click=reset_filters, key="reset_under_title")
    if filters.regions:
        # "Africa" could mean the fund's Africa budget or activities held in Africa: say which.
        line.caption(t("filter.region_means", language))


def caption(filters: Filters, source: str | None = None) -> str:
    """What every chart says under itself: filters, data date, source."""
    language = lang()
    parts = [t("caption.filters", language, filters=describe(filters, language)),
             data_date(language),
             t("caption.source", language, source=source or t("caption.public_record", language))]
    return " · ".join(parts)


def data_date(language: str) -> str:
    """The data date, and the live release's version and date once one was published."""
    release = live_release()
    if release is None:
        return t("caption.data", language, date=data_as_of())
    return t("caption.data_release", language, date=data_as_of(), version=release["version"],
             released=release["created"][:10])


# The Glossary page's terms, in its order; captions link to them (glossary_links).
GLOSSARY_TERMS = ("fiscal_year", "funds_in_trust", "ldc", "ip_systems", "documented", "gaps", "currencies", "release")


def glossary_anchor(term: str) -> str:
    return term.replace("_", "-")


def glossary_links(*terms: str) -> None:
    """A caption linking the terms a view uses to their explanation on the Glossary page, in
    the reader's language; not on a presenter's screen or in an embedded view."""
    if style().presenting or is_embedded():
        return
    language = lang()
    links = [f"[{t(f'glossary.{term}.title', language)}](/glossary?lang={language}#{glossary_anchor(term)})"
             for term in terms]
    st.caption(t("glossary.see", language, terms=" · ".join(links)))


def empty_state() -> None:
    language = lang()
    st.info(f"**{t('empty.title', language)}** {t('empty.hint', language)}")


def release_changes(language: str) -> None:
    """The Sources page's "What changed": each release and each roll back, newest first."""
    st.header(t("sources.changes", language))
    history = release_history()
    if not history:
        st.caption(t("sources.no_releases", language))
        return
    st.markdown("\n".join(f"- {release_line(release, language)}" for release in history))


def release_line(release: dict, language: str) -> str:
    if release["kind"] == "rollback":
        return t("sources.release_rollback", language, version=release["version"],
                 released=release["created"][:10], previous=release["previous_version"] or "—")
    # A staff member's note is text, never markdown that runs.
    note = t("sources.release_shipped", language) if release["kind"] == "shipped" else inert(release["note"] or "")
    line = t("sources.release_line", language, version=release["version"], released=release["created"][:10],
             note=note or "—")
    counts = [t("sources.release_counts", language, table=label("table", table, language), **count)
              for table, count in release["changes"].items()]
    live = [f"**{t('sources.release_live', language)}**"] if release["live"] else []
    return " · ".join([line, *counts, *live])
