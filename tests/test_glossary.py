"""The Glossary and FAQ page, and the captions that link to it: every term in the four
languages under its own anchor, and every link a page's caption gives reaches one of them,
in the reader's language."""

from __future__ import annotations

import re

import pytest

from fitjp import ui
from fitjp.i18n import LANGUAGES, t

from test_pages import open_page

LINKING = {"funding": {}, "country": {"country": "KEN"}, "results": {}}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_term_is_explained_under_its_anchor_in_every_language(lang):
    app = open_page("glossary", lang=lang)
    assert app.title[0].value == t("page.glossary", lang)
    shown = {h.value: h.proto.anchor for h in app.header}
    for term in ui.GLOSSARY_TERMS:
        assert shown[t(f"glossary.{term}.title", lang)] == ui.glossary_anchor(term)
        assert t(f"glossary.{term}.text", lang) in [m.value for m in app.markdown]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", LINKING)
def test_captions_link_their_terms_to_the_glossary_in_the_readers_language(page, lang):
    app = open_page(page, **LINKING[page], lang=lang)
    links = [link for caption in app.caption
             for link in re.findall(r"\[([^\]]+)\]\(/glossary\?lang=(\w+)#([\w-]+)\)", caption.value)]
    assert links, f"{page} links no term"
    anchors = {ui.glossary_anchor(term): term for term in ui.GLOSSARY_TERMS}
    for title, linked_lang, anchor in links:
        assert linked_lang == lang and anchor in anchors
        assert title == t(f"glossary.{anchors[anchor]}.title", lang)


def test_a_presenters_screen_shows_no_glossary_links():
    app = open_page("funding", present="1")
    assert not [c for c in app.caption if "/glossary" in c.value]
