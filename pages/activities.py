"""Activities explorer: search and filters over every documented activity, a page of rows
at a time; take them away as CSV or Excel, built only when the reader asks for a file."""

import math

import streamlit as st

from fitjp import exports, ui
from fitjp.i18n import t

PAGE_ROWS = 50
EXPORT_ROWS = 100_000  # a file holds at most this many activities

filters, lang = ui.filters(), ui.lang()
ui.header("page.activities", filters)

# The search lives in the URL like every filter (/activities?q=Kenya): a shared link's search
# fills the box, and Back and Forward show each view's own search.
ui.page_text("q", "activity_search", max_chars=200)
search = st.text_input(t("activities.search", lang), key="activity_search", icon=":material/search:",
                       max_chars=200).strip()
ui.write_page_param("q", search or None)
params = filters.activity_params() | {"search": search}
total = int(ui.query("activity_match_count", **params).activity_count.iloc[0])
st.markdown(f"**{t('activities.count', lang, count=total)}**")
if not total:
    ui.empty_state()
    st.stop()

# The page number starts again at 1 whenever the filters or the search change.
page = st.number_input(t("activities.page", lang), min_value=1, max_value=math.ceil(total / PAGE_ROWS), value=1,
                       step=1, key=f"activity_page_{abs(hash(ui.hashable(params)))}", width=160)
first = (page - 1) * PAGE_ROWS
rows = ui.query("activity_page", **params, limit=PAGE_ROWS, offset=first)
ui.activity_table(rows, height=560, grid=True)
st.caption(t("activities.rows", lang, first=ui.number(first + 1), last=ui.number(first + len(rows)),
             total=ui.number(total)))
st.caption(ui.caption(filters))

about = {t("activities.data_as_of", lang): ui.data_as_of(), t("activities.exported", lang): ui.today(),
         t("label.source", lang): t("caption.public_record", lang)}  # a key, not "Source: " with nothing after it
described = {name: str(value) for name, value in ui.active_filter_values(filters).items()}
if search:
    described[t("activities.search", lang)] = search
sheet_names = {"activities": t("page.activities", lang), "filters": t("activities.sheet_filters", lang),
               "about": t("activities.sheet_about", lang), "sources": t("activities.sheet_sources", lang)}


def export_rows():
    """Every matching activity (up to EXPORT_ROWS), read when a file is asked for, kept nowhere."""
    return ui.uncached_query("activity_list", **params, limit=EXPORT_ROWS)


# A callable is run by Streamlit only when the button is clicked, in its own thread: a
# rerun builds no file.
csv_button, excel_button, _ = st.columns([1, 1, 4])
csv_button.download_button(t("activities.csv", lang), lambda: exports.activities_csv(export_rows(), lang=lang),
                           file_name=f"fit-japan-activities-{ui.today()}.csv", mime="text/csv",
                           icon=":material/download:", on_click="ignore")
excel_button.download_button(
    t("activities.excel", lang),
    lambda: exports.activities_excel(export_rows(), about, described, sheet_names, lang=lang),
    file_name=f"fit-japan-activities-{ui.today()}.xlsx", icon=":material/download:", on_click="ignore",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

# The listed activities as IATI XML (docs/opendata.md).
from fitjp.ui import downloads  # noqa: E402  (beside its one call, for an easy merge)
downloads.iati_activities(filters)
