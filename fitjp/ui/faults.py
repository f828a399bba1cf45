"""The readable page for broken data: which table file cannot be read, why, and what to do.

fitjp.health finds the faults; this module only shows them. A page that fails while a data
file is broken shows this instead of a traceback; every other page runs, with a one-line
notice naming the broken files.
"""

from __future__ import annotations

from contextlib import contextmanager

import streamlit as st

from fitjp.health import COLUMNS, EMPTY, MISSING, UNREADABLE, Fault
from fitjp.i18n import t
from fitjp.text import inert

PROBLEM_KEYS = {MISSING: "faults.missing", EMPTY: "faults.empty", UNREADABLE: "faults.unreadable",
                COLUMNS: "faults.columns"}


def describe(fault: Fault, lang: str) -> str:
    """One sentence naming the file, its folder and what is wrong with it (as Markdown text)."""
    return t(PROBLEM_KEYS[fault.problem], lang, file=f"**{inert(fault.file)}**",
             folder=inert(fault.path.parent), detail=inert(fault.detail))


def banner(faults: tuple[Fault, ...], lang: str) -> None:
    """A short notice on every page while some file is broken."""
    files = ", ".join(inert(fault.file) for fault in faults)
    st.warning(t("faults.banner", lang, files=files), icon=":material/warning:")


def fault_page(faults: tuple[Fault, ...], lang: str) -> None:
    """What a reader sees instead of a page whose data cannot be read."""
    st.header(t("faults.title", lang))
    for fault in faults:
        st.error(describe(fault, lang), icon=":material/error:")
    st.markdown(t("faults.remedy", lang))
    st.caption(t("faults.other_pages", lang))


@contextmanager
def guard(faults: tuple[Fault, ...], lang: str):
    """Run a page; if it fails while a data file is broken, show the fault page, not a
    traceback. A failure with every file sound is a bug and is raised as it is. Streamlit's
    own st.stop and st.rerun are BaseExceptions and pass through untouched."""
    try:
        yield
    except Exception:
        if not faults:
            raise
        fault_page(faults, lang)
        # The connection made while a file was broken lacks its view: the next run after a
        # rebuild or restore opens a new one instead of failing on the old.
        from fitjp.ui.cache import forget_connections
        forget_connections()
