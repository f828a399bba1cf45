"""Under every page: how to cite this view (with a copy button), the data's licence, and a
link to report a data problem in it, naming the view's address with its filters and the
release it shows."""

from __future__ import annotations

from datetime import date
from html import escape

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
        st.html(citation_block(citation(view, lang, date.today()), lang), unsafe_allow_javascript=True)
        st.caption(licence_line(lang))
        link = report_address(view, lang, settings.report_to())
        st.markdown(f"[{t('report.link', lang)}]({link})")


# One listener for the whole page, bound once: Streamlit replaces the block's elements on each
# rerun, and its HTML sanitiser drops inline handlers (onclick) even when scripts may run.
COPY_SCRIPT = """<script>
if (!window.fitjpCiteCopy) {
  window.fitjpCiteCopy = true;
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".fitjp-cite button");
    if (!button) return;
    navigator.clipboard.writeText(button.previousElementSibling.innerText)
      .then(() => { button.textContent = button.dataset.copied; });
  });
}
</script>"""


def citation_block(text: str, lang: str) -> str:
    """The citation as text to select, and a button that copies it. Not st.code: its element
    loads Streamlit's syntax highlighter, a 1.5 MB script that held every page's first load
    back by about half a second of the browser's time (bench/PROFILE.md). The citation's text
    is escaped; the only script is COPY_SCRIPT."""
    copied = escape(t("cite.copied", lang), quote=True)
    return (f'<div class="fitjp-cite"><pre><code>{escape(text)}</code></pre>'
            f'<button type="button" data-copied="{copied}">{escape(t("cite.copy", lang))}</button>'
            f'</div>{COPY_SCRIPT}')


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
