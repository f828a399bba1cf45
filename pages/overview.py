"""Overview: headline figures, a small funding history, the map, the latest activities."""

import streamlit as st

from fitjp import charts, headlines, ui, views
from fitjp.i18n import organisation, t
from fitjp.text import inert

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.overview", filters)
params = filters.activity_params()

totals = ui.query("activity_totals", **params).iloc[0]
# The countries the map colours, counted from the map's own rows (reached_countries.sql's rule).
reached = len(ui.query("activities_by_country", **params))
span = ui.query("record_span").iloc[0]


def cumulative_card(column) -> None:
    """The cumulative total as a source states it (a statement: no filter applies), and beside
    it what the yearly figures the funding chart draws add up to for the filtered years."""
    newest = ui.query("latest_cumulative_statement", currency=filters.currency)
    years = ui.query("contributions_by_year", currency=filters.currency, funds=list(filters.funds),
                     year_from=filters.year_from, year_to=filters.last_year)
    documented = ui.shared(("documented_sum", filters.currency, filters.funds, filters.year_from, filters.last_year),
                           lambda: headlines.documented_sum(years))
    with column.container(border=True, key="cumulative_card"):
        if len(newest):
            row = newest.iloc[0]
            st.metric(t("overview.cumulative", lang), f"{charts.compact_number(row.amount, lang)} {row.currency}",
                      help=t("overview.cumulative_help", lang, source=inert(f"{row.source_title} ({row.statement_date})")))
            st.caption(t("overview.stated_as_of", lang, date=headlines.as_of_in_words(row.as_of, lang),
                         publisher=inert(organisation(row.source_publisher, lang))))
        else:
            st.metric(t("overview.cumulative", lang), "–")
            st.caption(t("overview.no_stated_total", lang, currency=filters.currency))
        st.caption(documented_line(documented))
        if filters.regions or filters.countries:
            st.caption(t("overview.not_by_region", lang))


def documented_line(documented: headlines.DocumentedSum) -> str:
    if documented.amount is None:
        return t("overview.documented_none", lang, first=documented.first, last=documented.last)
    amount = f"{charts.compact_number(documented.amount, lang)} {filters.currency}"
    if documented.is_lower_bound:
        return t("overview.documented_at_least", lang, first=documented.first, last=documented.last,
                 amount=amount, missing=documented.missing)
    return t("overview.documented_sum", lang, first=documented.first, last=documented.last, amount=amount)


latest, years, countries, activities = st.columns(4)
cumulative_card(latest)
years.metric(t("overview.years_active", lang), f"{span.first_year}–{filters.last_year}", border=True)
countries.metric(t("overview.countries", lang), ui.number(reached),
                 help=t("overview.countries_help", lang), border=True)
activities.metric(t("overview.activities", lang), ui.number(totals.activity_count), border=True)

# Side by side on a reader's screen; one above the other on a presenter's, where the funding
# chart writes every year's total and needs the whole width for forty of them.
left, right = (st.container(), st.container()) if filters.present else st.columns([2, 3])
with left:
    st.header(t("overview.funding", lang))
    views.funding_history(filters, views.compact(style, 380), key="overview_funding", compact=True)
    st.page_link("pages/funding.py", label=t("page.funding", lang), icon=":material/bar_chart:")
with right:
    st.header(t("overview.map", lang))
    views.activity_map(filters, views.compact(style, 380), key="overview_map")
    st.page_link("pages/map.py", label=t("page.map", lang), icon=":material/public:")

st.header(t("overview.latest", lang))
latest_rows = ui.query("activity_list", **params, search="", limit=8)
if latest_rows.empty:
    ui.empty_state()
else:
    ui.activity_table(latest_rows, height=None)
st.page_link("pages/activities.py", label=t("overview.more", lang), icon=":material/list:")
