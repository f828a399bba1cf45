"""Under every page: how to cite this view (with a copy button), the data's licence, and a
link to report a data problem in it, naming the view's address with its filters and the
release it shows."""

from __future__ import annotations

from datetime import date

import streamlit as st

from fitjp import settings
from fitjp.citation import View, citation, report_address, view_url
from fitjp.i18n import t
from fitjp.ui.cache import data_as_of, live_release
from fitjp.ui.state import is_embedded


def cite_this_view(lang: str, present: bool) -> None:
    """The citation and the report link; left out of a presenter's screen and of an embedded
    view, which show the view alone."""
    if present or is_embedded():
        return
    view = current_view()
    with st.container(key="cite_this_view"):
        st.markdown(f"**{t('cite.heading', lang)}**")
        st.code(citation(view, lang, date.today()), language=None, wrap_lines=True)  # its own copy button
        st.caption(licence_line(lang))
        link = report_address(view, lang, settings.report_to())
        st.markdown(f"[{t('report.link', lang)}]({link})")


def licence_line(lang: str) -> str:
    """The compilation's licence (a setting, CC BY 4.0 unless changed), and the sources' own."""
    chosen = settings.data_licence()
    if chosen is None:
        return t("cite.no_licence", lang)
    name, _, url = chosen
    return t("cite.licence", lang, licence=name.replace("-", " "), url=url)


def current_view() -> View:
    base = (st.context.url or "").split("?")[0]
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    release = live_release()
    return View(view_url(base, params), data_as_of(),
                release["version"] if release else None, release["created"][:10] if release else "")
