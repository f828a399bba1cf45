"""Cite this view, and report a data problem in it: the text a reader copies and the link
they follow name the view's address with its filters and the release it shows."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from fitjp.citation import View, citation, report_address, view_url
from fitjp.i18n import LANGUAGES, t
from fitjp.ui.citation import citation_block

from tiny_record import REPO

AS_OF = pd.read_csv(REPO / "data" / "raw" / "release.csv").set_index("key").value["data_as_of"]
URL = "https://fitjp.example/funding?country=KEN&from=2010"
SHIPPED = View(URL, AS_OF)
RELEASED = View(URL, "2026-12-01", 3, "2026-12-02")


def test_the_views_address_keeps_every_parameter_in_a_stable_order():
    assert view_url("https://h/map", {"region": ["Africa"], "country": ["KEN", "TZA"], "lang": ["fr"]}) == \
        "https://h/map?country=KEN&country=TZA&lang=fr&region=Africa"
    assert view_url("https://h/map", {}) == "https://h/map"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_citation_names_the_dashboard_the_release_the_dates_and_the_address(lang):
    text = citation(RELEASED, lang, date(2026, 12, 6))
    for part in (t("app.title", lang), "3", "2026-12-02", "2026-12-01", URL, "2026-12-06"):
        assert part in text
    shipped = citation(SHIPPED, lang, date(2026, 12, 6))
    assert AS_OF in shipped and "2026-12-02" not in shipped


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_report_link_opens_the_readers_mail_with_the_view_filled_in(lang):
    link = report_address(RELEASED, lang, "")
    assert link.startswith("mailto:?subject=")
    fields = parse_qs(urlsplit(link).query)
    assert fields["subject"] == [t("report.subject", lang, title=t("app.title", lang))]
    assert URL in fields["body"][0] and "2026-12-02" in fields["body"][0]
    assert report_address(SHIPPED, lang, "data@fund.example").startswith("mailto:data@fund.example?subject=")


def test_the_report_link_can_open_an_issue_tracker_instead():
    link = report_address(SHIPPED, "en", "https://tracker.example/issues/new")
    fields = parse_qs(urlsplit(link).query)
    assert link.startswith("https://tracker.example/issues/new?title=")
    assert URL in fields["body"][0] and AS_OF in fields["body"][0]


# ---- under every page, in every language -----------------------------------------------------

PAGES = sorted(path.stem for path in (REPO / "pages").glob("*.py"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_citation_block_shows_the_text_escaped_with_a_copy_button_in_the_readers_language(lang):
    """A title from the data with markup in it stays text; the button names itself and what it
    says once done in the reader's language."""
    text = 'FIT "Japan" <img src=x onerror=alert(1)> & co'
    block = citation_block(text, lang)
    assert "<img" not in block and html.unescape(re.search(r"<code>(.*?)</code>", block).group(1)) == text
    assert f'>{html.escape(t("cite.copy", lang))}</button>' in block
    assert f'data-copied="{html.escape(t("cite.copied", lang), quote=True)}"' in block


def citations(app) -> list[str]:
    """The citation blocks' text, as the reader selects it (ui/citation.citation_block)."""
    blocks = [block.proto.body for block in app.get("html") if 'class="fitjp-cite"' in block.proto.body]
    return [html.unescape(re.search(r"<code>(.*?)</code>", block, re.S).group(1)) for block in blocks]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_ends_with_its_citation_and_the_report_link(page):
    """Each page of pages/, each in one of the four languages in turn."""
    lang = LANGUAGES[PAGES.index(page) % len(LANGUAGES)]
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    app.query_params["lang"] = lang
    app.query_params["country"] = "KEN"
    app.run()
    app.switch_page(str(REPO / "pages" / f"{page}.py")).run()
    assert not app.exception, [e.value for e in app.exception]
    cited = [text for text in citations(app) if t("app.title", lang) in text and AS_OF in text]
    assert len(cited) == 1 and "country=KEN" in cited[0]
    assert (f"lang={lang}" in cited[0]) == (lang != "en")  # English is the default: no lang= in the URL
    assert "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)" in " ".join(c.value for c in app.caption)
    link = next(m.value for m in app.markdown if t("report.link", lang) in m.value)
    assert "country%3DKEN" in link or "country=KEN" in unquote(link)


def test_a_presenter_and_an_embedded_view_show_the_view_alone():
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    app.query_params["present"] = "true"
    app.run()
    assert not app.exception
    assert not citations(app)
