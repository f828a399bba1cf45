"""Overview: headline figures, a small funding history, the map, the latest activities."""

import streamlit as st

from fitjp import charts, ui, views
from fitjp.i18n import t
from fitjp.text import inert

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.overview", filters)
params = filters.activity_params()

totals = ui.query("activity_totals", **params).iloc[0]
newest = ui.query("latest_cumulative_statement", currency=filters.currency)
span = ui.query("record_span").iloc[0]

latest, years, countries, activities = st.columns(4)
if len(newest):
    row = newest.iloc[0]
    latest.metric(t("overview.cumulative", lang), f"{charts.compact_number(row.amount, lang)} {row.currency}",
                  help=t("overview.cumulative_help", lang, source=inert(f"{row.source_title} ({row.statement_date})")),
                  border=True)
else:
    latest.metric(t("overview.cumulative", lang), "–", border=True)
years.metric(t("overview.years_active", lang), f"{span.first_year}–{filters.last_year}", border=True)
countries.metric(t("overview.countries", lang), ui.number(totals.country_count),
                 help=t("overview.countries_help", lang), border=True)
activities.metric(t("overview.activities", lang), ui.number(totals.activity_count), border=True)

left, right = st.columns([2, 3])
with left:
    st.subheader(t("overview.funding", lang))
    views.funding_history(filters, views.compact(style, 380), key="overview_funding", compact=True)
    st.page_link("pages/funding.py", label=t("page.funding", lang), icon=":material/bar_chart:")
with right:
    st.subheader(t("overview.map", lang))
    views.activity_map(filters, views.compact(style, 380), key="overview_map")
    st.page_link("pages/map.py", label=t("page.map", lang), icon=":material/public:")

st.subheader(t("overview.latest", lang))
latest_rows = ui.query("activity_list", **params, search="", limit=8)
if latest_rows.empty:
    ui.empty_state()
else:
    ui.activity_table(latest_rows, height=None)
st.page_link("pages/activities.py", label=t("overview.more", lang), icon=":material/list:")
