"""Fixtures of the browser layer: one app server per test module, one browser per session,
a fresh offline page per test. See harness.py for the steps tests compose."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import CHROMIUM, BROWSER_ARGS, new_page, streamlit_server

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run ./test.sh, which installs it")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    page = new_page(browser, server)
    yield page
    page.context.close()
