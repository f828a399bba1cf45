"""Overview: headline figures, a small funding history, the map, the latest activities."""

from dataclasses import replace

import streamlit as st

from fitjp import charts, ui
from fitjp.i18n import t

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.overview", filters)
params = filters.activity_params()

totals = ui.query("activity_totals", **params).iloc[0]
stated = ui.query("cumulative_statements", currency=filters.currency).dropna(subset=["as_of"])
contributions = ui.query("contributions_by_year", currency=filters.currency, funds=list(filters.funds),
                         year_from=filters.year_from, year_to=filters.last_year)

newest = ui.query("latest_cumulative_statement", currency=filters.currency)
span = ui.query("record_span").iloc[0]

latest, years, countries, activities = st.columns(4)
if len(newest):
    row = newest.iloc[0]
    latest.metric(t("overview.cumulative", lang), f"{charts.compact_number(row.amount)} {row.currency}",
                  help=t("overview.cumulative_help", lang, source=f"{row.source_title} ({row.statement_date})"),
                  border=True)
else:
    latest.metric(t("overview.cumulative", lang), "–", border=True)
years.metric(t("overview.years_active", lang), f"{span.first_year}–{filters.last_year}", border=True)
countries.metric(t("overview.countries", lang), int(totals.country_count), help=t("overview.countries_help", lang),
                 border=True)
activities.metric(t("overview.activities", lang), int(totals.activity_count), border=True)

left, right = st.columns([2, 3])
with left:
    st.subheader(t("overview.funding", lang))
    fig = charts.funding_history(contributions, stated, filters.currency, replace(style, height=380), compact=True)
    ui.chart(fig, filters, alt=t("overview.funding", lang), key="overview_funding")
    st.page_link("pages/funding.py", label=t("page.funding"), icon=":material/bar_chart:")
with right:
    st.subheader(t("overview.map", lang))
    by_country = ui.query("activities_by_country", **params)
    if by_country.empty:
        ui.empty_state()
    else:
        fig = charts.world_map(by_country, "activity_count", t("label.activities", lang),
                               replace(style, height=380))
        ui.chart(fig, filters, alt=t("overview.map", lang), key="overview_map")
    st.page_link("pages/map.py", label=t("page.map"), icon=":material/public:")

st.subheader(t("overview.latest", lang))
latest_rows = ui.query("activity_list", **params, search="", limit=8)
if latest_rows.empty:
    ui.empty_state()
else:
    ui.activity_table(latest_rows, height=None)
st.page_link("pages/activities.py", label=t("overview.more", lang), icon=":material/list:")
