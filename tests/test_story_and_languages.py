"""Presenter mode, the story, the four languages and the country brief (AppTest and pure)."""

from __future__ import annotations

import pytest

from fitjp import brief
from fitjp.filters import Filters, from_query_params
from fitjp.i18n import LANGUAGES
from fitjp.story import StoryError, load_story
from test_pages import open_page, texts


def test_presenter_mode_enlarges_charts_and_folds_nothing_into_hover():
    app = open_page("funding", present="1")
    assert app.session_state["filters"].present
    assert app.toggle(key="filter_present").value is True


def test_presenter_mode_survives_a_filter_reset():
    app = open_page("overview", present="1", lang="ja", region="africa")
    app.button(key="reset_under_title").click().run()
    assert app.query_params.get("present") == "1" and app.query_params.get("lang") == "ja"
    assert "region" not in app.query_params


@pytest.mark.parametrize("step", range(1, len(load_story()) + 1))
def test_every_story_step_shows_its_title_and_narration(step):
    app = open_page("story", step=str(step), present="1")
    shown = load_story()[step - 1]
    assert app.title[0].value == shown.title("en")
    assert shown.text("en") in texts(app)
    assert f"{step} / {len(load_story())}" in texts(app)


def test_story_next_and_previous_move_the_step_in_the_url():
    app = open_page("story", step="2")
    app.button(key="story_next").click().run()
    assert app.query_params["step"] == "3"
    app.button(key="story_previous").click().run()
    assert app.query_params["step"] == "2"
    assert app.title[0].value == load_story()[1].title("en")


def test_story_out_of_range_starts_at_the_first_step():
    assert open_page("story", step="99").title[0].value == load_story()[0].title("en")
    assert open_page("story", step="²").title[0].value == load_story()[0].title("en")  # a digit, not a number


@pytest.mark.parametrize("lang", ["en", "ja", "fr", "es"])
@pytest.mark.parametrize("requested", ["99", "0", "two"])
def test_a_step_that_does_not_exist_is_named_with_the_steps_that_do(lang, requested):
    from fitjp.i18n import t

    app = open_page("story", step=requested, lang=lang)
    steps = len(load_story())
    assert [w.value for w in app.warning] == [t("story.no_step", lang, requested=requested, steps=steps)]
    assert str(steps) in app.warning[0].value and requested in app.warning[0].value


def test_an_existing_step_has_no_notice():
    assert not open_page("story", step="2").warning


def test_story_in_japanese():
    app = open_page("story", step="1", lang="ja")
    assert app.title[0].value == load_story()[0].title("ja")


def test_story_file_errors_name_row_and_column(tmp_path):
    bad = tmp_path / "story.csv"
    bad.write_text("step,view,filters,title_en,text_en\n1,chart,region=mars,A,B\n", encoding="utf-8")
    with pytest.raises(StoryError) as error:
        load_story(bad)
    message = str(error.value)
    assert "story.csv, row 2, column 'view': 'chart'" in message
    assert "column 'filters': not understood: region=mars" in message
    assert "empty title_ja" in message


@pytest.mark.parametrize("lang, title", [("en", "Overview"), ("ja", None), ("fr", None), ("es", None)])
def test_every_language_translates_the_page(lang, title):
    app = open_page("overview", lang=lang)
    from fitjp.i18n import t
    assert app.title[0].value == (title or t("page.overview", lang))
    if lang != "en":
        assert app.title[0].value != "Overview"


def test_country_names_follow_the_language():
    assert open_page("country", country="CIV", lang="ja", unclear="1").header[0].value == "コートジボワール"
    assert open_page("country", country="KOR", lang="es").header[0].value == "Corea del Sur"


def test_language_is_read_from_and_validated_in_the_url():
    filters, ignored = from_query_params({"lang": "de"})
    assert filters.lang == "en" and ignored == [("lang", "de")]
    assert Filters(lang="ja", present=True).to_query_params() == {"lang": "ja", "present": "1"}
    assert set(LANGUAGES) == {"en", "ja", "fr", "es"}


def test_country_brief_page_shows_the_brief():
    app = open_page("brief", country="KEN")
    assert not app.exception
    assert any("Kenya" in h.proto.body for h in app.get("html"))


def test_brief_and_profile_agree_on_a_former_ldc():
    brief_page = open_page("brief", country="BTN", unclear="1")  # Bhutan left the list in 2023
    assert any("Former least developed country" in h.proto.body for h in brief_page.get("html"))
    assert "Former least developed country" in texts(open_page("country", country="BTN", unclear="1"))


def test_brief_escapes_data_and_draws_the_country():
    fragment = brief.brief_fragment(
        "TON", "Tonga <b>", "sub", [("Activities", "3")],
        [{"year": 2025, "title": "<script>x</script>", "kind": "Workshop", "source_title": "WIPO",
          "source_url": "https://www.wipo.int/a?b=1&c=2"}],
        {"year": "Year", "title": "Title", "type": "Type", "source": "Source", "footer": "f", "none": "n"})
    assert "<script>x" not in fragment and "&lt;script&gt;x&lt;/script&gt;" in fragment
    assert "Tonga &lt;b&gt;" in fragment
    assert 'href="https://www.wipo.int/a?b=1&amp;c=2"' in fragment
    assert 'src="data:image/svg+xml;base64,' in fragment  # Tonga is on the 50m map
    assert 'fill="#0072B2"' in brief.map_inset_svg("TON")
    document = brief.brief_document(fragment, "Tonga", "en")
    assert document.startswith("<!doctype html>") and "size: A4" in document


def inset_svg(fragment: str) -> str:
    import base64
    import re

    return base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', fragment)[1]).decode()


@pytest.mark.parametrize("params", [{"country": "KEN", "from": "1990", "to": "1995"}, {"country": "ISL"}])
def test_a_brief_without_activities_says_so_with_no_empty_table_and_no_coloured_country(params):
    """Kenya in years with no record, and Iceland (no activity at all)."""
    app = open_page("brief", **params)
    body = next(h.proto.body for h in app.get("html") if "class='brief'" in h.proto.body)
    assert "No documented activity involves" in body and "Widen the year range" in body
    assert "<table" not in body and "0 of 0" not in body
    svg = inset_svg(body)
    assert "#0072B2" not in svg and 'stroke="#1f1f1f"' in svg


def test_a_brief_with_activities_lists_them_and_colours_the_country():
    body = next(h.proto.body for h in open_page("brief", country="KEN").get("html") if "class='brief'" in h.proto.body)
    assert "<table" in body and "No documented activity" not in body
    assert "#0072B2" in inset_svg(body)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("country", ["KEN", "ISL"])
def test_a_brief_says_where_the_countrys_results_are(country, lang):
    """No source states results by country (the facts have none): a brief says so, and where
    the fund's results are, with activities or without, in the reader's language."""
    from html import escape

    from fitjp.i18n import t

    app = open_page("brief", country=country, lang=lang)
    body = next(h.proto.body for h in app.get("html") if "class='brief'" in h.proto.body)
    assert f"<div class='results'>{escape(t('brief.results', lang))}</div>" in body
    assert t("page.results", lang) in t("brief.results", lang)


def test_map_inset_is_empty_for_an_unknown_country():
    assert brief.map_inset_svg("XXX") == ""
