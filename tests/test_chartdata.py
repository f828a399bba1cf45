"""Every chart as a table and as data: the Table view holds the chart's own figures, and its
CSV file reads back as the same table under the lines that say what it is.

The page cases are generated: every page with a chart, in the four languages, each chart
against its table."""

from __future__ import annotations

import base64
import json
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from fitjp.chartdata import ABOUT_KEYS, GAP, ChartData, Column, csv_file, html_table, read_csv
from fitjp.i18n import LANGUAGES, t

from test_pages import open_page

FRAME = pd.DataFrame({"year": [2019, 2020, 2021], "type": ["workshop", None, "=HYPERLINK(\"x\")"],
                      "activity_count": [1200, np.nan, 3]})
DATA = ChartData("sample", "Activities <per> year", FRAME, (
    Column("year", "Year", is_year=True), Column("type", "Type"), Column("activity_count", "Activities")))
ABOUT = {key: (key.title(), f"about {key}") for key in ABOUT_KEYS}


class Tables(HTMLParser):
    """The tables of an HTML text: each a caption and its rows of cell texts (head first)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tables, self._cell, self._in = [], None, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th", "caption"):
            self._in, self._cell = tag, ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1]["rows"][-1].append(self._cell)
        elif tag == "caption":
            self.tables[-1]["caption"] = self._cell
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._cell += data


def test_the_html_table_is_captioned_headed_escaped_and_shows_a_gap_as_a_gap():
    html = html_table(DATA, "en")
    assert 'role="region"' in html and 'tabindex="0"' in html and 'aria-label="Activities &lt;per&gt; year"' in html
    assert html.count('<th scope="col"') == 3 and "<per>" not in html
    table = Tables(html).tables[0]
    assert table["caption"] == "Activities <per> year"
    assert table["rows"] == [["Year", "Type", "Activities"], ["2019", "workshop", "1,200"], ["2020", GAP, GAP],
                             ["2021", '=HYPERLINK("x")', "3"]]


@pytest.mark.parametrize("lang, grouped", [("en", "1,200"), ("ja", "1,200"), ("fr", "1\u202f200"), ("es", "1.200")])
def test_numbers_are_grouped_as_the_readers_language_groups_them_and_years_never_are(lang, grouped):
    rows = Tables(html_table(DATA, lang)).tables[0]["rows"]
    assert rows[1] == ["2019", "workshop", grouped]


def test_the_csv_says_what_it_is_then_reads_back_as_the_table():
    content = csv_file(DATA, ABOUT)
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads Japanese only with the mark
    lines = content.decode("utf-8-sig").split("\r\n")
    assert lines[:len(ABOUT_KEYS)] == [f"{key.title()},about {key}" for key in ABOUT_KEYS]
    assert lines[len(ABOUT_KEYS)] == ""
    back = read_csv(content)
    assert list(back.columns) == ["Year", "Type", "Activities"]
    assert back.Year.tolist() == [2019, 2020, 2021] and back.Activities.tolist()[0::2] == [1200, 3]
    assert pd.isna(back.Activities[1]) and pd.isna(back.Type[1])  # a gap stays an empty cell
    assert back.Type[2] == "'=HYPERLINK(\"x\")"  # a formula arrives as text


def test_a_formula_in_the_about_lines_is_neutralised_too():
    about = ABOUT | {"title": ("Chart", "@SUM(A1)")}
    assert "'@SUM(A1)" in csv_file(DATA, about).decode("utf-8-sig").splitlines()[0]


# ---- every chart of every page, in every language --------------------------------------

PAGES = {"overview": {}, "funding": {}, "map": {}, "objectives": {}, "results": {}, "country": {"country": "KEN"},
         "compare": {"country": "KEN,TZA,UGA"}}


def decoded(values):
    """A figure's array, whether plain or as plotly's typed array ({"dtype", "bdata"})."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values or [])


def chart_total(figure: dict) -> float:
    """The sum of what a chart draws as bars (their length) or as a choropleth's shades; in a
    chart of points alone (Results), their heights."""
    measured = {"bar", "choropleth"} & {trace.get("type") for trace in figure["data"]} or {"scatter"}
    total = 0.0
    for trace in figure["data"]:
        if trace.get("type") not in measured:
            continue
        if trace.get("type") == "choropleth":
            values = decoded(trace.get("z"))
        else:
            values = decoded(trace.get("x" if trace.get("orientation") == "h" else "y"))
        total += np.nansum([v for v in values if v is not None])
    return total


def number(text: str, lang: str) -> float | None:
    if text == GAP:
        return None
    digits = text.replace(",", "").replace("\u202f", "").replace("\xa0", "").replace(".", "" if lang == "es" else ".")
    try:
        return float(digits)
    except ValueError:
        return None


def column_totals(table: dict, lang: str) -> list[float]:
    body = table["rows"][1:]
    totals = []
    for index in range(len(table["rows"][0])):
        values = [number(row[index], lang) for row in body]
        if all(v is not None or row[index] == GAP for v, row in zip(values, body)):
            totals.append(sum(v for v in values if v is not None))
    return totals


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_charts_table_holds_the_charts_own_figures(page, lang):
    app = open_page(page, **PAGES[page], lang=lang)
    tabs = [tab for tab in app.tabs if tab.label in (t("chart.tab_chart", lang), t("chart.tab_table", lang))]
    assert tabs and len(tabs) % 2 == 0
    for chart_tab, table_tab in zip(tabs[0::2], tabs[1::2]):
        assert (chart_tab.label, table_tab.label) == (t("chart.tab_chart", lang), t("chart.tab_table", lang))
        figure = json.loads(chart_tab.get("plotly_chart")[0].proto.spec)
        html = next(e.proto.body for e in table_tab.get("html") if "chart-table" in e.proto.body)
        table = Tables(html).tables[0]
        drawn_title = figure["layout"].get("title", {}).get("text", table["caption"])
        assert table["caption"] in (drawn_title.replace("<br>", " "), drawn_title.replace("<br>", ""))  # wrapped to fit
        assert len(table["rows"]) > 1, table["caption"]
        # each cell is shown whole: the sum of a column may differ by half a unit a row
        slack = len(table["rows"]) / 2
        drawn = chart_total(figure)
        assert any(abs(drawn - total) <= slack for total in column_totals(table, lang)), table["caption"]
        assert table_tab.get("download_button")[0].label == t("chart.download_csv", lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_funding_table_says_which_figures_are_provisional(lang):
    """Every figure the record gives as requested, planned or pledged is a row that says it is
    provisional (the chart stars its year); no other row says so but the year not over."""
    from fitjp import db
    from fitjp.filters import DEFAULT
    years = db.run(db.connect(), "contributions_by_year", currency="CHF", funds=list(DEFAULT.funds),
                   year_from=DEFAULT.year_from, year_to=DEFAULT.last_year)
    expected = {str(y) for y in years[years.is_provisional.fillna(False).astype(bool)].fiscal_year}
    assert expected  # FY2025: a budget request
    app = open_page("funding", lang=lang)
    html = next(e.proto.body for tab in app.tabs for e in tab.get("html") if "chart-table" in e.proto.body)
    rows = Tables(html).tables[0]["rows"][1:]
    assert {row[0] for row in rows if t("label.provisional", lang) in row} == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_year_under_way_is_provisional_in_every_chart_of_counts_per_year(lang):
    """Objectives per year and the country's timeline: the current year's rows say they are
    provisional, and a note under the chart says why; no other year's row does."""
    from fitjp.filters import current_year
    for page, params in (("objectives", {}), ("country", {"country": "PHL"})):
        app = open_page(page, **params, lang=lang)
        tables = [Tables(e.proto.body).tables[0] for tab in app.tabs for e in tab.get("html")
                  if "chart-table" in e.proto.body]
        by_year = [table for table in tables if table["rows"][0][0] == t("label.year", lang)]
        assert by_year, page
        for table in by_year:
            marked = {row[0] for row in table["rows"][1:] if t("label.year_not_over", lang) in row}
            shown = {row[0] for row in table["rows"][1:]}
            assert marked == ({str(current_year())} & shown)
        if str(current_year()) in {row[0] for table in by_year for row in table["rows"][1:]}:
            assert t("chart.year_not_over", lang, year=current_year()) in [c.value for c in app.caption]
