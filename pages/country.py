"""Country profile: everything documented for one country (?country=KEN)."""

import streamlit as st

from fitjp import ui, views
from fitjp.i18n import t

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.country", filters)

current = ui.country_picker(filters, "pages/country.py", key="country_pick")
if not current:
    st.info(t("country.prompt", lang))
    st.stop()

if not views.country_summary(filters, style, current):
    st.stop()
st.page_link("pages/brief.py", label=t("brief.open", lang), icon=":material/print:",
             query_params=filters.to_query_params())

left, right = st.columns([3, 2])
with left:
    views.country_timeline(filters, style, key="country_timeline")
with right:
    views.activity_types(filters, style, key="country_types")

st.subheader(t("country.list", lang))
ui.activity_table(ui.query("activity_list", **filters.activity_params(), search="", limit=1000))
