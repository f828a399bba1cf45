"""The Activities page on the shipped data (AppTest from dashboard.py): a page of rows at a
time with the right total, and files built only when a reader asks for one."""

from __future__ import annotations

import io

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from fitjp import db, exports
from fitjp.filters import Filters
from fitjp.i18n import LANGUAGES, t

from test_pages import open_page

PAGE_ROWS = 50


def expected_total(**overrides) -> int:
    params = Filters().activity_params() | {"search": ""} | overrides
    return int(db.run(db.connect(), "activity_match_count", **params).activity_count.item())


def listed_rows(app) -> int:
    """The activities the page lists: the items of its activity list (HTML text, so that
    screen readers, find and phones reach them; fitjp/ui/tables.py)."""
    lists = [element.proto.body for element in app.get("html") if "activity-list" in element.proto.body]
    return lists[0].count("<li>")


def shown_count(app) -> int:
    return int(next(m.value for m in app.markdown if m.value.endswith(("activities**", "activity**")))
               .strip("*").split()[0])


def test_one_match_reads_one_activity():
    """Not "1 activities" (the review): a search for one activity's title, drawn from the data."""
    titles = db.run(db.connect(), "activity_list", **Filters().activity_params(), search="", limit=1000).title
    unique = next(title for title in titles if expected_total(search=title) == 1 and "%" not in title)
    app = open_page("activities", q=unique)
    assert "**1 activity**" in [m.value for m in app.markdown]


def test_the_page_shows_fifty_rows_and_the_count_of_every_match():
    app = open_page("activities")
    total = expected_total()
    assert total > PAGE_ROWS * 2  # the shipped record needs three pages: the test means something
    assert shown_count(app) == total
    assert listed_rows(app) == PAGE_ROWS
    assert f"Rows 1–{PAGE_ROWS} of {total}" in [c.value for c in app.caption]


def test_the_last_page_shows_the_rest():
    app = open_page("activities")
    total = expected_total()
    last = -(-total // PAGE_ROWS)
    app.number_input[0].set_value(last).run()
    assert listed_rows(app) == total - (last - 1) * PAGE_ROWS
    assert f"Rows {(last - 1) * PAGE_ROWS + 1}–{total} of {total}" in [c.value for c in app.caption]


def test_a_filter_sets_the_total_and_starts_at_page_one():
    app = open_page("activities", region="africa")
    total = expected_total(regions=["africa"])
    assert 0 < shown_count(app) == total
    assert app.number_input[0].value == 1
    assert listed_rows(app) == min(total, PAGE_ROWS)


@pytest.fixture
def deferred(monkeypatch):
    """The callables the page hands Streamlit to build a file on a click, and a count of the
    files the exports module built."""
    handed, built = [], []
    original = MediaFileManager.add_deferred

    def record(self, data_callable, *args, **kwargs):
        handed.append(data_callable)
        return original(self, data_callable, *args, **kwargs)

    for name in ("activities_csv", "activities_excel"):
        real = getattr(exports, name)
        monkeypatch.setattr(exports, name, lambda *a, _real=real, _name=name, **k: built.append(_name) or _real(*a, **k))
    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return handed, built


def test_a_rerun_builds_no_file_and_a_click_builds_the_whole_list(deferred):
    handed, built = deferred
    app = open_page("activities")
    app.number_input[0].set_value(2).run()
    assert built == []  # two runs, no CSV or workbook made
    assert len(handed) >= 2
    csv, excel, _iati = handed[-3:]  # the page's buttons in order: CSV, Excel, IATI XML
    rows = csv().decode("utf-8-sig").strip().split("\r\n")
    assert len(rows) == 1 + expected_total()  # every match, not the page shown
    book = openpyxl.load_workbook(io.BytesIO(excel()))
    assert book.worksheets[0].max_row == 1 + expected_total()
    assert built == ["activities_csv", "activities_excel"]


def test_the_search_is_read_from_and_written_to_the_url():
    app = open_page("activities", q="Kenya")
    assert app.text_input(key="activity_search").value == "Kenya"
    assert shown_count(app) < expected_total()
    app.text_input(key="activity_search").set_value("Ghana").run()
    assert app.query_params["q"] == ["Ghana"] or app.query_params["q"] == "Ghana"
    app.text_input(key="activity_search").set_value("").run()
    assert "q" not in app.query_params


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_workbooks_about_sheet_names_each_fact_once_with_its_value(deferred, lang):
    """The review found an About row keyed "Source: " with nothing after it: every key is a
    label without a colon and every value is there, in each language."""
    handed, _built = deferred
    open_page("activities", lang=lang)
    excel = handed[-2]  # the page's buttons in order: CSV, Excel, IATI XML
    about = openpyxl.load_workbook(io.BytesIO(excel())).worksheets[2]
    rows = [(key, value) for key, value in about.iter_rows(values_only=True)]
    assert [key for key, _ in rows] == [t("activities.data_as_of", lang), t("activities.exported", lang),
                                        t("label.source", lang)]
    for key, value in rows:
        assert key.strip() and not key.rstrip().endswith((":", "：")), key
        assert value not in (None, ""), key
    assert rows[-1][1] == t("caption.public_record", lang)
