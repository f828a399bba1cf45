"""Entry point: page set-up, the shared sidebar, and navigation over pages/."""

import streamlit as st

from fitjp import health, ui
from fitjp.ui import citation as ui_citation
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

page = st.navigation(ui.pages(lang))
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
    ui_citation.cite_this_view(ui.filters().lang, ui.filters().present)  # under every page
