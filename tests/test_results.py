"""The Results page: what the money achieved, as sources state it. Generated from the facts
table and the catalogs: every group of results in the four languages, each of its dated
statements a point of its chart and a row of its table with its quote, every disagreement
between sources said, every undated statement listed, a result no source states said to be
missing."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from fitjp import charts, db, results
from fitjp.charts import Style
from fitjp.i18n import LANGUAGES, label, t

from test_chartdata import Tables, decoded
from test_pages import open_page

STATEMENTS = db.run(db.connect(), "results_facts", metrics=list(results.METRICS))


def test_disagreements_are_found_per_metric_and_year_and_undated_statements_kept_apart():
    frame = pd.DataFrame({"metric": ["a", "a", "a", "b", "b"], "year": [2020, 2020, 2021, 2020, None],
                          "value": [10.0, 12.0, 12.0, 5.0, 7.0]})
    found = results.disagreements(frame)
    assert [(metric, year, rows.value.tolist()) for metric, year, rows in found] == [("a", 2020, [10.0, 12.0])]
    assert results.undated(frame).value.tolist() == [7.0]
    assert results.dated(frame, 2021, 2026).value.tolist() == [12.0]


def chart_points(figure: dict) -> set[tuple[str, int, float]]:
    return {(trace["name"], int(x), float(y)) for trace in figure["data"]
            for x, y in zip(decoded(trace["x"]), decoded(trace["y"]))}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_result_stated_is_a_point_and_a_row_with_its_quote_and_nothing_else(lang):
    app = open_page("results", lang=lang)
    headings = [h.value for h in app.header]
    tabs = [tab for tab in app.tabs if tab.label in (t("chart.tab_chart", lang), t("chart.tab_table", lang))]
    charted = iter(zip(tabs[0::2], tabs[1::2]))
    for group in results.RESULT_GROUPS:
        assert t(f"results.group_{group}", lang) in headings
        stated = results.dated(results.in_group(STATEMENTS, group), 1987, 2100)
        if stated.empty:
            continue
        chart_tab, table_tab = next(charted)
        figure = json.loads(chart_tab.get("plotly_chart")[0].proto.spec)
        assert chart_points(figure) == {(label("metric", r.metric, lang), int(r.year), float(r.value))
                                        for r in stated.itertuples()}
        table = Tables(next(e.proto.body for e in table_tab.get("html") if "chart-table" in e.proto.body)).tables[0]
        assert len(table["rows"]) - 1 == len(stated)
        quotes = [row[-1] for row in table["rows"][1:]]
        assert sorted(quotes) == sorted(stated.quote_text.fillna("–"))
    assert next(charted, None) is None  # no chart for a group no source dates
    assert t("results.none", lang) in [i.value for i in app.info]  # pages digitised, offices modernised
    warnings = "\n".join(w.value for w in app.warning)
    for metric, year, rows in results.disagreements(STATEMENTS):
        assert t("results.disagree", lang, metric=label("metric", metric, lang), year=year, said="")[:12] in warnings
        assert str(year) in warnings
    undated = [c.value for c in app.caption if c.value.startswith(t("results.undated", lang, metric="", value="",
                                                                       unit="", date="")[:10])]
    assert len(undated) == len(results.undated(STATEMENTS))


def test_the_years_filter_narrows_the_results_and_a_region_filter_says_it_cannot():
    app = open_page("results", **{"from": "2020"})
    for tab in app.tabs:
        if tab.label == "Chart":
            years = {point[1] for point in chart_points(json.loads(tab.get("plotly_chart")[0].proto.spec))}
            assert min(years) >= 2020
    assert not [i for i in app.info if "region" in i.value]
    app = open_page("results", region="africa")
    assert t("results.not_by_region", "en") in [i.value for i in app.info]


@pytest.mark.parametrize("group", [g for g in results.RESULT_GROUPS if g != "modernised"])
def test_on_a_shared_screen_no_two_written_values_run_into_each_other(group):
    """Presenting, each point's value is written beside it: two neighbouring years at about one
    height (1,800 in 2020 and in 2021) put one value above and the next below."""
    stated = results.in_group(STATEMENTS, group).dropna(subset=["year"])
    names = {metric: metric for metric in results.RESULT_GROUPS[group]}
    fig = charts.statements(stated, names, Style(presenting=True), "Year", "Figure")
    largest = stated.value.max()
    for trace in fig.data:
        written = [(x, y, position) for x, y, text, position in
                   zip(trace.x, trace.y, trace.text, trace.textposition) if text is not None]
        written.sort()
        for (x1, y1, p1), (x2, y2, p2) in zip(written, written[1:]):
            if x2 - x1 <= 1 and abs(y2 - y1) <= 0.08 * largest:
                assert p1 != p2, (trace.name, x1, x2)
