"""Figures are built as plain data (fitjp/plot.py), unvalidated, for speed: these tests hold
every figure the charts build, on the shipped record, in every language and both styles, to
plotly's own validators, and to drawing exactly what plotly's validated figure draws."""

from __future__ import annotations

import base64
import itertools
import json

import numpy as np
import orjson
import plotly.io
import pytest

from fitjp import charts
from fitjp.charts import Style
from fitjp.filters import Filters
from fitjp.i18n import LANGUAGES, label
from fitjp.plot import Plot, expanded, plain, validated
from fitjp.record.schema import OBJECTIVES
from matrix import sample

from fitjp import db

FILTERS = {"default": Filters(), "africa": Filters(regions=("africa",)), "kenya": Filters(countries=("KEN",)),
           "2010-2020": Filters(year_from=2010, year_to=2020), "two regions": Filters(regions=("asia_pacific", "arab")),
           "yen": Filters(currency="JPY"), "nothing": Filters(year_from=2025, year_to=2025, countries=("ARG",))}
CASES = sample(itertools.product(FILTERS, LANGUAGES, (False, True)), 10)


def app_figures(connection, filters: Filters, style: Style) -> dict:
    """Every chart builder as the views call it, on the queries' own results."""
    def query(name, **params):
        return db.run_best(connection, name, **params)
    params, lang = filters.activity_params(), style.lang
    years = query("contributions_by_year", currency=filters.currency, funds=list(filters.funds),
                  year_from=filters.year_from, year_to=filters.last_year)
    statements = query("cumulative_statements", currency=filters.currency, year_from=filters.year_from,
                       year_to=filters.last_year)
    by_country = query("activities_by_country", **params).assign(name=lambda f: f.iso3)
    figures = {f"funding{' compact' if compact else ''}": charts.funding_history(
        years, statements, filters.currency, style, title="" if compact else "T", compact=compact)
        for compact in (False, True) if len(years)}
    for metric, zoom in itertools.product(("activity_count", "national_participants"), (None, "africa")):
        figures[f"map {metric} {zoom}"] = charts.world_map(by_country.dropna(subset=[metric]), metric, "V", style,
                                                           title="T", regions=filters.regions, zoom=zoom)
    figures["top countries"] = charts.bars(by_country.head(10), "name", "activity_count", style, "C", "A",
                                           title="T", horizontal=True)
    by_area = query("activities_by_objective", **params)
    if len(by_area):
        figures["objectives"] = charts.objectives_bars(by_area, style, title="T")
    figures["timeline"] = charts.bars(query("activities_by_year", **params), "year", "activity_count", style, "Y",
                                      "A", title="T")
    figures["types"] = charts.bars(query("activities_by_type", **params), "activity_type", "activity_count", style,
                                   "T", "A", title="T", horizontal=True, names=lambda v: label("type", v, lang))
    regions = query("activities_by_un_region_year", **params)
    figures["regions"] = charts.stacked_bars(regions, "year", "activity_count", "region",
                                             {r: r for r in regions.region.dropna().unique()} | {None: "?"}, style,
                                             "Y", "A")
    compared = Filters(countries=("KEN", "TZA", "UGA")).activity_params()
    by_objective = query("compare_by_objective", **compared).assign(name=lambda f: f.iso3)
    figures["compare objectives"] = charts.stacked_bars(by_objective, "name", "activity_count", "objective",
                                                        {o: label("objective", o, lang) for o in OBJECTIVES},
                                                        style, "C", "A", title="T")
    figures["compare years"] = charts.stacked_bars(query("compare_by_year", **compared), "year", "activity_count",
                                                   "iso3", {"KEN": "K", "TZA": "T", "UGA": "U"}, style, "Y", "A",
                                                   title="T", barmode="group")
    figures["empty"] = charts.empty_figure(style, "T")
    return figures


def sent(fig) -> dict:
    """The figure's JSON as Streamlit sends it (st.plotly_chart: plotly.io.to_json, unvalidated)."""
    return json.loads(plotly.io.to_json(fig, validate=False))


def drawn(value):
    """A figure's JSON as drawn: typed arrays decoded, 3.0 as 3, empty titles and lists left out
    (plotly writes an unset title as {} and no shapes as nothing; both draw nothing)."""
    if isinstance(value, dict):
        if {"dtype", "bdata"} <= value.keys():
            return drawn(np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist())
        return {k: drawn(_as_text(v) if k == "text" else v) for k, v in value.items() if v not in ({}, [], ())}
    if isinstance(value, (list, tuple)):
        return [drawn(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _as_text(value):
    """Values written on bars: plotly's validator turns a list of numbers into texts, and
    plotly.js writes 25 and "25" alike."""
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return str(int(value)) if isinstance(value, float) and value.is_integer() else \
        str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


@pytest.mark.parametrize("filters,lang,presenting", CASES, ids=["-".join(map(str, c)) for c in CASES])
def test_every_figure_is_valid_plotly_and_draws_what_plotlys_validated_figure_draws(shipped, filters, lang,
                                                                                    presenting):
    style = Style.presenter(lang) if presenting else Style(lang=lang)
    figures = app_figures(shipped, FILTERS[filters], style)
    assert len(figures) >= 12
    for name, fig in figures.items():
        checked = validated(fig)  # raises on a property plotly does not know
        assert drawn(sent(checked)) == drawn(sent(fig)), name
        # plain data, which plotly's JSON writer gives orjson at once on every send (fitjp/plot.py plain)
        orjson.dumps(fig.to_dict(), option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY)


def test_underscores_nest_as_plotly_reads_them():
    assert expanded({"tickfont_size": 13, "title_font_size": 12, "automargin": True}) == \
        {"tickfont": {"size": 13}, "title": {"font": {"size": 12}}, "automargin": True}
    assert expanded({"paper_bgcolor": "#fff", "hoverlabel": {"font_size": 9}}) == \
        {"paper_bgcolor": "#fff", "hoverlabel": {"font": {"size": 9}}}
    assert expanded({"title": "Amount", "text": None}) == {"title": {"text": "Amount"}}


def test_a_misspelt_property_passes_the_build_and_fails_validation():
    fig = Plot().add_bar(x=[1], y=[2], marker_colour="#000").figure()
    with pytest.raises(ValueError, match="colour"):
        validated(fig)


def test_rows_of_a_grid_place_traces_and_select_axes_as_make_subplots_does():
    grid = Plot.grid(rows=2, cols=1, shared_xaxes=True)
    grid.add_scatter(x=[1], y=[1], row=2, col=1).update_yaxes(title="lower", row=2, col=1).update_xaxes(dtick=1)
    fig = grid.figure()
    assert (fig.data[0].xaxis, fig.data[0].yaxis) == ("x2", "y2")
    assert fig.layout.yaxis2.title.text == "lower" and fig.layout.yaxis.title.text is None
    assert fig.layout.xaxis.dtick == fig.layout.xaxis2.dtick == 1


def test_a_built_figure_is_sent_as_its_dicts_and_reads_as_a_plotly_figure_when_asked():
    import plotly.tools
    fig = Plot().add_bar(x=[1, 2], y=[3, 4]).update_layout(title="T").figure()
    streamlit_gets = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)  # st.plotly_chart's call
    assert streamlit_gets is fig.to_dict() and streamlit_gets["data"][0]["y"] == [3, 4]
    assert "_layout_obj" not in vars(fig)  # no plotly objects made to send it
    assert streamlit_gets["layout"]["template"] == validated(fig).to_dict()["layout"]["template"]
    assert fig.layout.title.text == "T" and list(fig.data[0].x) == [1, 2]  # set up on the first read


def test_columns_and_arrays_become_lists_and_numpy_numbers_python_numbers():
    import pandas as pd
    value = plain({"x": pd.Series([1, 2]), "y": np.array([0.5, np.nan]), "t": ("a", np.int64(3)),
                   "i": pd.Index(["k"]), "n": {"size": np.float64(12.0)}})
    assert value == {"x": [1, 2], "y": [0.5, value["y"][1]], "t": ["a", 3], "i": ["k"], "n": {"size": 12.0}}
    assert type(value["t"][1]) is int and value["y"][1] != value["y"][1]  # NaN stays NaN: plotly writes null
