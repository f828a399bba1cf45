"""Entry point: page set-up, the shared sidebar, and navigation over pages/."""

import streamlit as st

from fitjp import ui
from fitjp.i18n import t

ui.leave_pages_folder_mode()
st.set_page_config(page_title=t("app.title"), page_icon=":material/public:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title=t("page.overview"), url_path="overview", default=True),
    st.Page("pages/funding.py", title=t("page.funding"), url_path="funding"),
    st.Page("pages/map.py", title=t("page.map"), url_path="map"),
    st.Page("pages/objectives.py", title=t("page.objectives"), url_path="objectives"),
    st.Page("pages/country.py", title=t("page.country"), url_path="country"),
    st.Page("pages/activities.py", title=t("page.activities"), url_path="activities"),
    st.Page("pages/sources.py", title=t("page.sources"), url_path="sources"),
]

page = st.navigation(PAGES)
with st.sidebar:
    st.markdown(f"**{t('app.title')}**  \n{t('app.subtitle')}")
ui.sidebar(ui.current_filters())
page.run()
