"""Entry point: page set-up, the shared sidebar, and navigation over pages/."""

import streamlit as st

from fitjp import health, ui
from fitjp.ui import faults as ui_faults
from fitjp.i18n import t

ui.begin_run()  # the data version this run reads, once
ui.leave_pages_folder_mode()
filters = ui.current_filters()
lang = filters.lang
# A presenter's screen and a view embedded in another site (?embed=true) start with the
# sidebar folded: the view is what its URL says.
folded = filters.present or ui.is_embedded()
st.set_page_config(page_title=t("app.title", lang), page_icon=ui.PAGE_ICON, layout="wide",
                   initial_sidebar_state="collapsed" if folded else "auto")

PAGES = [
    # The default page is served at "/" and answers no other path, so /overview (the path the
    # README and shared links use) is a hidden second entry for the same file.
    st.Page("pages/overview.py", title=t("page.overview", lang), url_path="home", default=True),
    st.Page("pages/overview.py", title=t("page.overview", lang), url_path="overview", visibility="hidden"),
    st.Page("pages/story.py", title=t("page.story", lang), url_path="story"),
    st.Page("pages/funding.py", title=t("page.funding", lang), url_path="funding"),
    st.Page("pages/map.py", title=t("page.map", lang), url_path="map"),
    st.Page("pages/objectives.py", title=t("page.objectives", lang), url_path="objectives"),
    st.Page("pages/country.py", title=t("page.country", lang), url_path="country"),
    st.Page("pages/brief.py", title=t("page.brief", lang), url_path="brief"),
    st.Page("pages/activities.py", title=t("page.activities", lang), url_path="activities"),
    st.Page("pages/sources.py", title=t("page.sources", lang), url_path="sources"),
    st.Page("pages/compare.py", title=t("page.compare", lang), url_path="compare"),
]

page = st.navigation(PAGES)
with st.sidebar:
    st.markdown(f"**{t('app.title', lang)}**  \n{t('app.subtitle', lang)}")
# A broken data file: a notice on every page, and a page that needs the file names it and
# says what to do instead of showing a traceback (fitjp/health.py, fitjp/ui/faults.py).
faults = health.current_faults()
if faults:
    ui_faults.banner(faults, lang)
with ui_faults.guard(faults, lang):
    ui.sidebar(filters)
    ui.page_setup()  # every page: its CSS (contrast, phone layout) and <html lang>
    ui.url_notice()  # what a link carried that was ignored, above the page it opened
    if ui.filters().present:
        ui.presenter_css()
    page.run()
