"""Glossary and FAQ: the words the dashboard uses (fiscal year, Funds-in-Trust, LDC, the PCT,
Madrid and Hague systems, documented, gaps, currencies, release), each under an anchor that
captions link to (ui.glossary_links)."""

import streamlit as st

from fitjp import ui
from fitjp.i18n import t

lang = ui.lang()
st.title(t("page.glossary", lang))
st.caption(t("glossary.intro", lang))
for term in ui.GLOSSARY_TERMS:
    st.header(t(f"glossary.{term}.title", lang), anchor=ui.glossary_anchor(term))  # h2: under the h1, no level skipped
    st.markdown(t(f"glossary.{term}.text", lang))
