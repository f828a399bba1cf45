"""Country brief (?country=KEN): one printable page to save as PDF or download as a file."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from fitjp import brief, ui
from fitjp.i18n import label, organisation, t

# The most recent activities that fit one A4 sheet with the figures and the map; the footer
# says how many more there are (a browser test prints every country's brief).
BRIEF_ROWS = 12

filters, lang = ui.filters(), ui.lang()
picker = st.container(key="brief_picker")  # not printed (ui.PRINT_CSS)
with picker:
    if not filters.countries:
        ui.header("page.brief", filters)
    current = ui.country_picker(filters, "pages/brief.py", key="brief_pick")
if not current:
    st.stop()
# A brief is about one country: the other filters apply, the other countries do not.
filters = replace(filters, countries=(current,))

params = filters.activity_params()
profile = ui.query("country_profile", iso3=current, today=ui.today()).iloc[0]
totals = ui.query("activity_totals", **params).iloc[0]
rows = ui.query("activity_list", **params, search="", limit=BRIEF_ROWS)
title = t("brief.title", lang, country=ui.country_name(current))
fragment = brief.brief_fragment(
    current, title,
    t("brief.subtitle", lang, filters=ui.describe(filters, lang), date=ui.data_as_of()),
    [(t("country.activities", lang), ui.number(totals.activity_count)),
     (t("country.national", lang), ui.number(totals.national_count)),
     (t("country.first", lang), str(int(totals.first_year)) if pd.notna(totals.first_year) else "–"),
     (t("brief.status", lang), t(f"country.{profile.ldc_status}", lang))],
    [{"year": r.year if pd.notna(r.year) else "", "title": r.title, "kind": label("type", r.activity_type, lang),
      "source_title": organisation(r.source_publisher, lang), "source_url": r.source_url} for r in rows.itertuples()],
    {"year": t("label.year", lang), "title": t("label.title", lang), "type": t("label.type", lang),
     "source": t("label.source", lang),
     "footer": t("brief.footer", lang, shown=len(rows), total=int(totals.activity_count), date=ui.data_as_of()),
     "none": t("country.none", lang, country=ui.country_name(current)) + " " + t("empty.hint", lang),
     # the facts have no country: no source states results for one (fitjp/results.py)
     "results": t("brief.results", lang)})

actions = st.container(horizontal=True, key="brief_actions")
actions.download_button(t("brief.download", lang), brief.brief_document(fragment, title, lang),
                        file_name=f"country-brief-{current}-{ui.today()}.html", mime="text/html",
                        icon=":material/download:", on_click="ignore")
actions.caption(t("brief.print_hint", lang))
ui.print_css()
st.html(fragment)
