"""Country profile: everything documented for one country (?country=KEN)."""

from dataclasses import replace

import streamlit as st

from fitjp import ui, views
from fitjp.i18n import t

LIST_ROWS = 100  # a profile lists the newest; the Activities page pages through every one

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.country", filters)

current = ui.country_picker(filters, "pages/country.py", key="country_pick")
if not current:
    st.info(t("country.prompt", lang))
    st.stop()
# A profile is about one country: the other filters apply, the other countries do not.
shown = replace(filters, countries=(current,))

if not views.country_summary(shown, style, current):
    st.stop()
st.page_link("pages/brief.py", label=t("brief.open", lang), icon=":material/print:",
             query_params=shown.to_query_params())

left, right = st.columns([3, 2])
with left:
    views.country_timeline(shown, style, key="country_timeline")
with right:
    views.activity_types(shown, style, key="country_types")

st.subheader(t("country.list", lang))
ui.activity_table(ui.query("activity_list", **shown.activity_params(), search="", limit=LIST_ROWS))
total = ui.query("activity_totals", **shown.activity_params()).activity_count.item()
if total > LIST_ROWS:  # say how many there are, and where they all are
    st.caption(t("country.list_limited", lang, shown=ui.number(LIST_ROWS), total=ui.number(total)))
    st.page_link("pages/activities.py", label=t("page.activities", lang), icon=":material/list:",
                 query_params=shown.to_query_params())

# Side by side with other countries: the compare page starts from this one (docs/opendata.md).
st.page_link("pages/compare.py", label=t("compare.link", lang), icon=":material/compare_arrows:",
             query_params=shown.to_query_params())
