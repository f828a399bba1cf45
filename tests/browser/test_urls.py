"""Every URL the README lists opens its page: on a fresh server, and on every visit after."""

from __future__ import annotations

import re

import pytest

from harness import ROOT, assert_no_error, new_page, open_page, streamlit_server

TITLES = {"overview": "Overview", "story": None, "funding": "Funding history", "map": "Regions and countries",
          "objectives": "Objectives", "results": "Results", "glossary": "Glossary and FAQ", "country": "Country profile", "brief": None, "activities": "Activities",
          "sources": "Sources and method", "compare": "Compare countries", "": "Overview"}


def readme_urls() -> list[str]:
    """The paths in the README's page table and its examples, e.g. `/country?country=KEN`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    paths = re.findall(r"`(/[a-z]*(?:\?[^`\s]*)?)`", text)
    return sorted(dict.fromkeys(p for p in paths if p.split("?")[0].strip("/") in TITLES))


def expected_title(path: str) -> str | None:
    return TITLES[path.split("?")[0].strip("/")]


@pytest.fixture(scope="module")
def fresh_server():
    with streamlit_server() as base:
        yield base


def test_the_readme_lists_every_page():
    listed = {p.split("?")[0].strip("/") for p in readme_urls()}
    assert set(TITLES) - {""} <= listed


@pytest.mark.parametrize("visit", ["first", "second"])
def test_every_readme_url_opens_its_page(browser, fresh_server, visit):
    for path in readme_urls():
        page = new_page(browser, fresh_server)
        open_page(page, path)
        assert_no_error(page)
        title = expected_title(path)
        if title:
            assert page.get_by_test_id("stMain").locator("h1").first.inner_text() == title, path
        page.context.close()
