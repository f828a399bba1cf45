"""Point the app, run in this test process (AppTest), at another data folder."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import streamlit as st


@contextmanager
def app_reads(folder: Path, monkeypatch):
    """The app reads `folder` (FITJP_DATA_DIR) for the duration. Streamlit's caches live in the
    process: cleared before, so the app opens the folder, and after, so later tests never read
    a folder that is gone."""
    monkeypatch.setenv("FITJP_DATA_DIR", str(folder))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield folder
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
