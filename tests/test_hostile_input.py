"""Hostile input, property-based: any query string gives a valid view or a short notice, never
an exception; values only ever reach SQL bound; text from data files shows as text.

Property tests run many examples on the pure functions (fitjp.filters, fitjp.text) and a few
on whole pages (AppTest is slow)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as s
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from app_reads import app_reads
from fitjp import db
from fitjp.countries import is_iso3
from fitjp.filters import CHOICES, URL_NAMES, Filters, from_query_params
from fitjp.i18n import LANGUAGES
from fitjp.record.schema import CURRENCIES, FIRST_FISCAL_YEAR, last_fiscal_year
from fitjp.text import inert, link, safe_url

REPO = Path(__file__).resolve().parent.parent
DASHBOARD = str(REPO / "dashboard.py")
# CommonMark with raw HTML allowed: stricter than Streamlit's renderer, which drops most HTML.
MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

FRAGMENTS = ["'; drop table activities; --", "' or '1'='1", '" or ""="', "1; select * from sources",
             "$search", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
             "**bold**", "\x00", "%00", "../../etc/passwd", "{__import__('os')}", "{0}", "%s", "CÔTE",
             "KEN,KEN,ken", "africa,,africa", "1987", "9" * 400, "-1", "1e9", "２０１５", "\u202e", "\ud7ff"]
hostile_text = s.one_of(s.sampled_from(FRAGMENTS), s.text(max_size=60),
                        s.lists(s.sampled_from(FRAGMENTS), max_size=4).map(",".join),
                        s.integers(1, 20_000).map(lambda n: "A," * n))  # huge values
keys = s.one_of(s.sampled_from(list(URL_NAMES.values()) + ["step", "embed", "page"]), s.text(max_size=12))
values = s.one_of(hostile_text, s.lists(hostile_text, min_size=1, max_size=4))  # a key repeated
query_params = s.dictionaries(keys, values, max_size=8)


def assert_valid(filters: Filters) -> None:
    """Every field holds a value the dashboard knows."""
    assert FIRST_FISCAL_YEAR <= filters.year_from <= last_fiscal_year()
    assert filters.year_to == 0 or filters.year_from <= filters.year_to <= last_fiscal_year()
    for name, choices in CHOICES.items():
        assert set(getattr(filters, name)) <= set(choices)
    assert all(is_iso3(code) for code in filters.countries)
    assert filters.currency in CURRENCIES and filters.lang in LANGUAGES
    assert isinstance(filters.include_unclear, bool) and isinstance(filters.present, bool)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query_params)
@example({"from": "²"})  # found by hypothesis: a digit to str.isdigit, not a number to int
def test_any_query_string_gives_valid_filters_and_names_what_it_ignored(params):
    filters, ignored = from_query_params(params)
    assert_valid(filters)
    assert all(isinstance(key, str) and isinstance(value, str) for key, value in ignored)
    # What the filters say survives a link: written out and read back, nothing is lost or ignored.
    assert from_query_params(filters.to_query_params()) == (filters, [])


@settings(max_examples=500, deadline=None)
@given(s.text(max_size=200))
def test_inert_text_renders_as_exactly_that_text(text):
    """Whatever a title holds, Markdown shows its characters: no tag, link, emphasis or block."""
    # The text as a reader should see it: line breaks as spaces, control characters gone, ends trimmed.
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", re.sub(r"\r\n|\r|\n", " ", text)).strip()
    if expected:
        assert MARKDOWN.render(f"**{inert(text)}**") == f"<p><strong>{as_html_text(expected)}</strong></p>\n"


def as_html_text(text: str) -> str:
    """Text as an HTML renderer writes it (markdown-it escapes these four)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@pytest.mark.parametrize("title", ["<img src=x onerror=alert(1)>", "[click](javascript:alert(1))", "**bold**",
                                   "<script>alert(1)</script>", "# heading", "1. not a list", "![x](http://a/b.png)",
                                   ":red[red] $x^2$ ~~struck~~ `code`"])
def test_a_hostile_title_renders_literally(title):
    assert MARKDOWN.renderInline(inert(title)) == as_html_text(title)


def test_links_go_only_to_web_addresses():
    assert link("WIPO", "https://www.wipo.int/x(1)") == "[WIPO](https://www.wipo.int/x%281%29)"
    for bad in ["javascript:alert(1)", "data:text/html,<b>x</b>", "JaVaScRiPt:alert(1)", "//evil", "", None]:
        assert safe_url(bad) is None
        assert "](" not in link("a source", bad)


def test_a_search_for_sql_just_finds_nothing_and_the_table_is_still_there():
    connection = db.connect(REPO / "data")
    everything = len(db.run(connection, "activity_list", **Filters().activity_params(), search="", limit=100_000))
    found = db.run(connection, "activity_list", **Filters().activity_params(),
                   search="'; drop table activities; --", limit=100_000)
    assert found.empty
    assert len(db.run(connection, "activity_list", **Filters().activity_params(), search="", limit=100_000)) \
        == everything > 50


def test_a_value_cannot_reach_sql_under_a_name_the_query_does_not_bind():
    """db.run binds exactly the $parameters a query file names and refuses any other."""
    with pytest.raises(TypeError, match="unexpected"):
        db.run(db.connect(REPO / "data"), "sources_list", search="'; drop table sources; --")


# --- whole pages (AppTest): a few examples each ----------------------------------------------

def run_page(page: str, params: dict) -> AppTest:
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page != "overview" and not app.exception:
        app.switch_page(str(REPO / "pages" / f"{page}.py")).run()
    return app


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                               HealthCheck.function_scoped_fixture])
@given(page=s.sampled_from(["overview", "activities", "country", "story", "brief"]),
       params=s.dictionaries(s.sampled_from(list(URL_NAMES.values()) + ["step"]),
                             s.one_of(s.sampled_from(FRAGMENTS), s.text(max_size=30)), min_size=1, max_size=4))
def test_pages_opened_with_a_hostile_link_show_no_exception(page, params):
    app = run_page(page, params)
    assert not app.exception, (page, params, [e.value for e in app.exception])
    assert app.title or app.header or app.selectbox  # the page drew (brief and country start with a picker)


def test_an_ignored_value_is_named_in_a_notice_as_text_not_markup():
    app = run_page("overview", {"region": "[click](javascript:alert(1))", "from": "<b>1990</b>"})
    assert not app.exception
    notice = next(w.value for w in app.warning if "javascript" in w.value)
    rendered = MARKDOWN.renderInline(notice)
    assert "[click](javascript:alert(1))" in html.unescape(rendered) and "<a " not in rendered
    assert "&lt;b&gt;1990&lt;/b&gt;" in rendered and "<b>" not in rendered


def test_a_search_for_sql_on_the_activities_page_finds_nothing_and_the_page_carries_on():
    app = run_page("activities", {})
    app.text_input(key="activity_search").input("'; drop table activities; --").run()
    assert not app.exception
    assert any(m.value == "**0 activities**" for m in app.markdown)
    app.text_input(key="activity_search").input("").run()
    assert int(next(m.value for m in app.markdown if m.value.endswith("activities**")).strip("*").split()[0]) > 50


HOSTILE_TITLES = ["<img src=x onerror=alert(1)>", "[click](javascript:alert(1))", "**bold**"]


@pytest.fixture
def hostile_data(tmp_path, monkeypatch):
    """The shipped tables, with the newest activities' titles and a source publisher written by
    someone hostile (a staff file that was tampered with)."""
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder, ignore=shutil.ignore_patterns("raw", "templates"))
    table = pq.read_table(folder / "activities.parquet")
    titles = table.column("title").to_pylist()
    titles = [HOSTILE_TITLES[i % 3] + f" #{i}" for i in range(len(titles))]
    pq.write_table(table.set_column(table.schema.get_field_index("title"), "title", pa.array(titles)),
                   folder / "activities.parquet")
    with app_reads(folder, monkeypatch):
        yield folder


def test_titles_from_data_files_appear_literally_on_the_objectives_page(hostile_data):
    app = run_page("objectives", {})
    assert not app.exception, [e.value for e in app.exception]
    rendered = [MARKDOWN.render(m.value) for m in app.markdown if "#" in m.value]
    assert rendered, "the examples list shows the activities"
    shown = "\n".join(rendered)
    assert "<img" not in shown and 'href="javascript' not in shown and "<strong>bold" not in shown
    visible = html.unescape(shown)
    assert all(title in visible for title in HOSTILE_TITLES)  # each written out as it is
