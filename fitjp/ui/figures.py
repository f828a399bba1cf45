"""A chart as a reader takes it: the chart and, beside it in a tab of its own, its figures
as a table and as a CSV file; under both, the caption, which a PNG saved from the chart
carries too. The table and the file come from fitjp/chartdata.py, from the rows the chart
was drawn from.

A presenter's screen and an embedded view show the chart alone, as they show no citation.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from fitjp.chartdata import ChartData, csv_file, html_table
from fitjp.citation import citation
from fitjp.filters import Filters
from fitjp.i18n import t
from fitjp.ui.cache import shared
from fitjp.ui.citation import current_view, licence_line
from fitjp.ui.furniture import PLOT_CONFIG, caption, data_date
from fitjp.ui.image_caption import CAPTION_KEY
from fitjp.ui.sidebar import describe
from fitjp.ui.state import is_embedded, lang

# The table scrolls sideways inside its own box on a phone instead of widening the page.
TABLE_CSS = """<style>
.chart-table { overflow-x: auto; max-height: 32rem; overflow-y: auto; }
.chart-table table { border-collapse: collapse; width: 100%; }
.chart-table caption { text-align: left; font-weight: 600; padding: 0.25rem 0; caption-side: top; }
.chart-table th, .chart-table td { padding: 0.25rem 0.6rem; border-bottom: 1px solid rgba(128, 128, 128, 0.35);
  text-align: left; vertical-align: top; }
.chart-table th { position: sticky; top: 0; background: var(--background-color, Canvas); }
.chart-table .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart-table:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
@media print { .chart-table { max-height: none; overflow: visible; } }
</style>"""


def chart(fig, filters: Filters, alt: str, source: str | None = None, key: str | None = None,
          data: ChartData | None = None, **kwargs):
    """A Plotly chart with the offline map config, alt text and its caption; with `data`, a
    Table tab beside it holding the same figures and their CSV. Returns the chart's event."""
    language = lang()
    if data is None or filters.present or is_embedded():
        event = st.plotly_chart(fig, config=PLOT_CONFIG, alt=alt, key=key, **kwargs)
    else:
        chart_tab, table_tab = st.tabs([t("chart.tab_chart", language), t("chart.tab_table", language)])
        with chart_tab:
            event = st.plotly_chart(fig, config=PLOT_CONFIG, alt=alt, key=key, **kwargs)
        with table_tab:
            table(data, filters, source, key or data.name)
    # keyed so that a PNG saved from the chart carries these lines too (ui/image_caption.py)
    with st.container(key=CAPTION_KEY.format(key=key) if key else None):
        st.caption(caption(filters, source))
        if data is not None and data.note:
            st.caption(data.note)
    return event


def table(data: ChartData, filters: Filters, source: str | None, key: str) -> None:
    """The figures as an HTML table, and the button that downloads them as CSV. The table is
    built once for the same rows, headings and language, and shared by every session."""
    language = lang()
    # by the columns' names and headings: their `shown` functions are made anew each run
    headed = tuple((column.name, column.heading) for column in data.columns)
    st.html(shared(("chart_table", data.name, data.title, headed, language, data.fingerprint()),
                   lambda: TABLE_CSS + html_table(data, language)))
    about = about_rows(data, filters, source, language)  # written now: the file is made outside this run
    st.download_button(t("chart.download_csv", language), lambda: csv_file(data, about),
                       file_name=f"{data.name}.csv", mime="text/csv", icon=":material/download:",
                       on_click="ignore", help=t("chart.download_help", language), key=f"{key}_csv")


def about_rows(data: ChartData, filters: Filters, source: str | None, language: str) -> dict[str, tuple[str, str]]:
    """What the CSV file says of itself (chartdata.ABOUT_KEYS): each a label and its text."""
    view = current_view()
    texts = {
        "title": data.title,
        "filters": describe(filters, language),
        "source": source or t("caption.public_record", language),
        "data": data_date(language),
        "cite": citation(view, language, date.today()),
        "licence": licence_line(language),
        "address": view.url,
    }
    return {key: (t(f"chart.about_{key}", language), text) for key, text in texts.items()}
