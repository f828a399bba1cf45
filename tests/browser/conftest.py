"""Fixtures of the browser layer: one app server per test module, a fresh offline page per
test, in the session's one browser (tests/conftest.py). See harness.py for the steps tests
compose."""

from __future__ import annotations

import pytest

from harness import new_page, streamlit_server

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as base:
        yield base


@pytest.fixture
def page(browser, server):
    page = new_page(browser, server)
    yield page
    page.context.close()
