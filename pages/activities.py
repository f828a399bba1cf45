"""Activities explorer: search and filters over every documented activity; take them away."""

import streamlit as st

from fitjp import exports, ui
from fitjp.i18n import t

filters, lang = ui.filters(), ui.lang()
ui.header("page.activities", filters)

search = st.text_input(t("activities.search", lang), key="activity_search", icon=":material/search:")
rows = ui.query("activity_list", **filters.activity_params(), search=search.strip(), limit=100_000)
st.markdown(f"**{t('activities.count', lang, count=len(rows))}**")
if rows.empty:
    ui.empty_state()
    st.stop()

ui.activity_table(rows, height=560)
st.caption(ui.caption(filters))

about = {t("activities.data_as_of", lang): ui.data_as_of(), t("activities.exported", lang): ui.today(),
         t("caption.source", lang, source=""): t("caption.public_record", lang)}
described = {name: str(value) for name, value in ui.active_filter_values(filters).items()}
if search.strip():
    described[t("activities.search", lang)] = search.strip()
csv_button, excel_button, _ = st.columns([1, 1, 4])
csv_button.download_button(t("activities.csv", lang), exports.activities_csv(rows, lang=lang),
                           file_name=f"fit-japan-activities-{ui.today()}.csv", mime="text/csv",
                           icon=":material/download:", on_click="ignore")
excel_button.download_button(
    t("activities.excel", lang),
    exports.activities_excel(rows, about, described, {
        "activities": t("page.activities", lang), "filters": t("activities.sheet_filters", lang),
        "about": t("activities.sheet_about", lang), "sources": t("activities.sheet_sources", lang)}, lang=lang),
    file_name=f"fit-japan-activities-{ui.today()}.xlsx", icon=":material/download:", on_click="ignore",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

# The listed activities as IATI XML (docs/opendata.md).
from fitjp.ui import downloads  # noqa: E402  (beside its one call, for an easy merge)
downloads.iati_activities(filters)
