"""Results: what the fund's money achieved, as public sources state it: people trained,
countries joining the PCT, Madrid and Hague systems, experts sent, scholarships, countries
supported. Each a chart of the statements over the years they are as of, with its sources and
quotes in its table; sources that disagree are both shown; an undated statement is listed."""

import streamlit as st

from fitjp import results, ui, views
from fitjp.i18n import t

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.results", filters)
st.caption(t("results.intro", lang))
ui.glossary_links("documented", "ip_systems", "gaps")
if filters.regions or filters.countries:
    # Sources state results for the fund as a whole, never by region or country.
    st.info(t("results.not_by_region", lang), icon=":material/info:")

for group in results.RESULT_GROUPS:
    st.header(t(f"results.group_{group}", lang))
    views.results_group(filters, style, group, key=f"results_{group}")
