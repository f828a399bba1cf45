"""The tables of the Sources, Funding history and Map pages read as a person would want:
labels, not codes; empty cells, not "None"; a source's name, not a URL path; quotes as text;
whole amounts; and the Sources page says why its activity count differs from the other pages.

The SQL macros run on given values; the pages run from dashboard.py on the shipped data."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from fitjp import db, i18n
from fitjp.filters import DEFAULT
from fitjp.i18n import t
from fitjp.record.schema import SOURCE_KINDS
from test_pages import open_page, texts

MISSING_WORDS = {"None", "none", "nan", "NaN", "<NA>", "NaT", "null"}
TABLE_PAGES = ["sources", "funding", "map"]


@pytest.fixture(scope="module")
def pages():
    """Each table page opened once with no filters (AppTest runs are the slow part)."""
    return {page: open_page(page) for page in TABLE_PAGES}


def scalar(connection, sql: str, *values):
    return connection.execute(sql, list(values)).fetchone()[0]


def column_configs(table) -> dict:
    return json.loads(table.proto.columns)


def tables_with(app, column: str) -> list[pd.DataFrame]:
    return [table.value for table in app.dataframe if column in table.value.columns]


# ---- readable_quote and source_name (queries/macros/display_text.sql) ---------------------

@pytest.mark.parametrize("quote, expected", [
    pytest.param('{"年度": 2012, "当初予算": 264.0, "執行額": 264.0}', "年度: 2012 · 当初予算: 264.0 · 執行額: 264.0",
                 id="a budget sheet's row"),
    pytest.param('{"FY": "2010", "amount": "1,100"}', "FY: 2010 · amount: 1,100", id="string values"),
    pytest.param('"name":"世界知的所有権機関拠出金","note":"","budgetSummary":{"fiscalYear":2023,"initialBudget":815000000',
                 "name: 世界知的所有権機関拠出金 · note: · budgetSummary: fiscalYear: 2023 · initialBudget: 815000000",
                 id="a cut-off fragment, nested, with an empty value"),
    pytest.param('成果指標: 加盟国の増加数 / {"年度": 2013, "目標値": 3.0}', "成果指標: 加盟国の増加数 / 年度: 2013 · 目標値: 3.0",
                 id="a row after the source's own words"),
    pytest.param('He said "the fund": a success', 'He said "the fund": a success', id="quotation marks and a colon"),
    pytest.param("2017-6080000608608", "2017-6080000608608", id="digits"),
    pytest.param("a {b}", "a {b}", id="braces"),
    pytest.param("", "", id="empty"),
])
def test_readable_quote_reads_a_spreadsheet_dump_as_text(shipped, quote, expected):
    assert scalar(shipped, "select readable_quote(?)", quote) == expected


def test_readable_quote_keeps_a_missing_quote_missing(shipped):
    assert scalar(shipped, "select readable_quote(?)", None) is None


@pytest.mark.parametrize("title, publisher, url, expected", [
    ("WIPO: pressroom/fr/prdocs/1999/wipo_pr_1999_176.html", "WIPO",
     "https://wipo.int/pressroom/fr/prdocs/1999/wipo_pr_1999_176.html", "WIPO"),
    # the placeholder dropped a slash the URL has
    ("JKUAT: directorates/dipuil?p=1928", "JKUAT", "https://www.jkuat.ac.ke/directorates/dipuil/?p=1928", "JKUAT"),
    # a real title stays, even one with a colon or a slash in it
    ("Standard country or area codes: overview", "UN", "https://unstats.un.org/m49/overview/",
     "Standard country or area codes: overview"),
    ("On resolution A/76/L.6/Rev.1", "UN", "https://un.org/x", "On resolution A/76/L.6/Rev.1"),
    # the publisher's name followed by words that are not in the URL is a title
    ("WIPO: Annual report on the fund", "WIPO", "https://wipo.int/r/2020.pdf", "WIPO: Annual report on the fund"),
    ("", "Daily", "https://news.example.com/n", "Daily"),
    (None, "Daily", "https://news.example.com/n", "Daily"),
])
def test_source_name_is_the_title_or_else_the_publisher(shipped, title, publisher, url, expected):
    assert scalar(shipped, "select source_name(?, ?, ?)", title, publisher, url) == expected


def test_no_shipped_source_is_named_by_a_url_path(shipped):
    names = shipped.execute("select source_name(title, publisher, url) from sources").fetchall()
    assert not [name for (name,) in names if looks_like_url_path(name)]


def looks_like_url_path(name: str) -> bool:
    """ "Publisher: some/path.html": the words after the last ': ' have no space and a path's marks."""
    tail = name.rsplit(": ", 1)[-1] if ": " in name else ""
    return bool(tail) and " " not in tail and bool(re.search(r"[/?=]|\.html?$", tail))


# ---- the queries behind the tables --------------------------------------------------------

def test_the_pages_count_the_activities_that_name_the_fund(con, activity_params):
    """On the tiny record: a3 names only the JPO, a4 has no year."""
    counts = db.run(con, "activity_counts_compared", **activity_params()).iloc[0]
    assert counts.to_dict() == {"activity_count": 7, "shown_count": 6, "unclear_count": 1,
                                "undated_shown_count": 1}
    wider = db.run(con, "activity_counts_compared", **activity_params(include_unclear=True)).iloc[0]
    assert wider.shown_count == 7


def test_shipped_counts_differ_only_by_the_activities_naming_only_the_jpo(shipped):
    """The sentence on the Sources page gives this reason; it must stay true of the data."""
    counts = db.run(shipped, "activity_counts_compared", **DEFAULT.activity_params()).iloc[0]
    assert counts.activity_count - counts.unclear_count == counts.shown_count
    assert counts.undated_shown_count > 0  # shown by default, dropped once the years narrow


def test_shown_figures_are_the_charts_figures_in_whole_units(shipped):
    params = dict(currency="CHF", funds=[], year_from=1987, year_to=DEFAULT.last_year)
    table = db.run(shipped, "shown_contribution_figures", **params)
    chart = db.run(shipped, "contributions_by_year", **params).dropna(subset=["fund"])
    merged = table.merge(chart, on="contribution_id", suffixes=("", "_chart"))
    assert len(merged) == len(table) == len(chart)
    converted = merged.dropna(subset=["amount"])
    assert (converted.amount == converted.amount_chart.round()).all()
    assert (converted.amount != converted.amount_chart).any()  # some had cents to lose


def test_candidate_amounts_are_whole_units(shipped):
    amounts = db.run(shipped, "contribution_candidates", currency="JPY").amount_shown.dropna()
    assert len(amounts) and (amounts == amounts.round()).all()


@pytest.mark.parametrize("kind, sql", [
    ("source_kind", "select distinct kind from sources"),
    ("language", "select distinct language from sources where language is not null"),
    ("metric", "select distinct metric from facts"),
])
def test_every_shipped_code_has_a_label_in_every_language(shipped, kind, sql):
    codes = {code for (code,) in shipped.execute(sql).fetchall()}
    if kind == "source_kind":
        codes |= set(SOURCE_KINDS)  # an import may bring any kind the schema accepts
    for language in i18n.LANGUAGES:
        missing = {code for code in codes if f"{kind}.{code}" not in i18n.texts(language)}
        assert not missing, f"{language} has no label for {kind} {sorted(missing)}"


# ---- what a reader sees ---------------------------------------------------------------------

@pytest.mark.parametrize("page", TABLE_PAGES)
def test_no_table_cell_reads_none_or_nan(pages, page):
    app = pages[page]
    assert app.dataframe, f"{page} shows no table"
    for table in app.dataframe:
        # a missing value is drawn as an empty cell; without a placeholder, as "None"
        assert table.proto.HasField("placeholder") and table.proto.placeholder == ""
        cells = table.value.astype(str).where(table.value.notna(), "").stack()
        assert not set(cells) & MISSING_WORDS
    assert not re.search(r"\b(None|nan)\b", texts(app))


def test_sources_page_tables_show_labels_not_codes(pages):
    app = pages["sources"]
    funds = set(pd.concat(table.fund for table in tables_with(app, "fund")))
    assert "Global (from 2019)" in funds and "global" not in funds
    coverage = tables_with(app, "fund_list")[0]
    assert "Asia-Pacific (1987-2019)" in set(coverage.fund_list)
    sources = tables_with(app, "kind")[0]
    assert set(sources.kind) <= {t(f"source_kind.{kind}") for kind in SOURCE_KINDS}
    assert {"Japanese", "French", ""} <= set(sources.language)
    metrics = set(tables_with(app, "metric")[0].metric)
    assert "Cumulative contribution" in metrics and "cumulative_contribution" not in metrics


def test_statuses_are_translated():
    app = open_page("sources", lang="ja")
    statuses = set(pd.concat(table.status for table in tables_with(app, "status")))
    assert t("status.executed", "ja") in statuses and "executed" not in statuses


@pytest.mark.parametrize("page", TABLE_PAGES)
def test_sources_are_named_and_linked(pages, page):
    tables = [table for table in pages[page].dataframe if "source_url" in table.value.columns]
    assert tables
    for table in tables:
        names = table.value.source_name
        assert names.notna().all() and not [n for n in names if looks_like_url_path(n) or "://" in n]
        link = column_configs(table)["source_url"]
        assert link["type_config"] == {"type": "link", "display_text": "open"}


@pytest.mark.parametrize("page", ["sources", "funding"])
def test_budget_sheet_quotes_read_as_text(pages, page):
    quotes = pd.concat(table.quote_text for table in tables_with(pages[page], "quote_text")).dropna()
    assert not [q for q in quotes if "{" in q or '":' in q]
    assert any("年度: 2012 · " in q for q in quotes)  # the budget sheets' rows are among them


@pytest.mark.parametrize("page, columns", [("funding", ["amount", "amount_stated"]),
                                           ("sources", ["amount", "amount_shown"])])
def test_amounts_are_whole_with_no_decimals_shown(pages, page, columns):
    for table in [table for table in pages[page].dataframe if columns[0] in table.value.columns]:
        for column in columns:
            config = column_configs(table)[column]["type_config"]
            assert (config.get("format"), config.get("step")) == ("localized", 1)  # precision: none
            values = table.value[column].dropna()
            assert (values == values.round()).all()


def test_funding_figures_table_shows_labels(pages):
    figures = tables_with(pages["funding"], "fund")[0]
    assert "Global (from 2019)" in set(figures.fund) and "global" not in set(figures.fund)


def test_map_table_shows_scopes_by_name(pages):
    scopes = set(tables_with(pages["map"], "scope")[0].scope)
    assert scopes and scopes <= {t(f"scope.{s}") for s in ("regional", "interregional", "global")}


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_sources_page_explains_its_activity_count(shipped, lang):
    counts = db.run(shipped, "activity_counts_compared", **DEFAULT.activity_params()).iloc[0]
    app = open_page("sources", lang=lang)
    number = lambda value: str(int(value))  # counts below 1,000: written alike in every language
    expected = t("sources.activities_explained", lang, total=number(counts.activity_count),
                 shown=number(counts.shown_count), unclear=number(counts.unclear_count),
                 undated=number(counts.undated_shown_count), toggle=t("filter.unclear", lang))
    assert expected in [caption.value for caption in app.caption]


def test_the_count_the_sentence_gives_is_the_overviews(shipped):
    counts = db.run(shipped, "activity_counts_compared", **DEFAULT.activity_params()).iloc[0]
    metrics = {m.label: m.value for m in open_page("overview").metric}
    assert int(metrics["Documented activities"]) == counts.shown_count
    assert f"{counts.activity_count} activities" in texts(open_page("sources"))
