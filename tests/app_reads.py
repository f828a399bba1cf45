"""Point the app, run in this test process (AppTest), at another data folder."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from fitjp.ui import cache


@contextmanager
def app_reads(folder: Path, monkeypatch):
    """The app reads `folder` (FITJP_DATA_DIR) for the duration. Streamlit's caches live in the
    process: cleared before, so the app opens the folder, and after, so later tests never read
    a folder that is gone."""
    monkeypatch.setenv("FITJP_DATA_DIR", str(folder))
    st.cache_data.clear()
    st.cache_resource.clear()
    cache.forget_shared()
    try:
        yield folder
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
        cache.forget_shared()
