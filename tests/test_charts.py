"""Chart builders as a reader sees them: type sizes in presenter mode, where notes sit, ticks,
gaps, the map's colours, zoom and small states, and numbers in each language. Plain unit tests
on small frames shaped like the queries' results, plus a few pages run in-process."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from fitjp import charts
from fitjp.charts import Style
from fitjp.i18n import LANGUAGES, t

PRESENTER = Style.presenter()
READABLE_PX = 16  # the smallest type readable from the back of a room on a 1920x1080 screen


def year_rows(first: int, last: int, figures: dict[int, dict]) -> pd.DataFrame:
    """contributions_by_year's shape: a row per figure, one row with fund None for a gap year."""
    rows, running = [], 0.0
    for year in range(first, last + 1):
        figure = figures.get(year)
        if figure and pd.notna(figure["amount"]):
            running += figure["amount"]
        base = {"fiscal_year": year, "is_gap": figure is None, "cumulative_documented": running or None,
                "is_provisional": bool(figure) and figure.get("status") in ("requested", "planned", "pledged")}
        if figure is None:
            rows.append(base | {"fund": None, "amount": None, "amount_stated": None, "currency_stated": None,
                                "status": None, "is_converted": None, "source_title": None, "lacks_rate": False})
        else:
            rows.append(base | {"status": "stated", "source_title": "WIPO", "lacks_rate": pd.isna(figure["amount"]),
                                "is_converted": figure["currency_stated"] != "CHF"} | figure)
    return pd.DataFrame(rows)


def record(first: int = 1987, last: int = 2025) -> pd.DataFrame:
    """Figures as the public record states them: FY1987 in yen, before any ECB rate, so it has
    no amount in CHF; FY1999 and FY2008 in francs; FY2016 in yen, converted."""
    return year_rows(first, last, {
        1987: {"fund": "asia_pacific", "amount": None, "amount_stated": 30_840_000.0, "currency_stated": "JPY"},
        1999: {"fund": "asia_pacific", "amount": 2_300_000.0, "amount_stated": 2_300_000.0, "currency_stated": "CHF"},
        2008: {"fund": "africa_ldcs", "amount": 1_100_000.0, "amount_stated": 1_100_000.0, "currency_stated": "CHF"},
        2016: {"fund": "combined", "amount": 6_247_013.0, "amount_stated": 684_000_000.0, "currency_stated": "JPY"},
    })


def no_statements() -> pd.DataFrame:
    return pd.DataFrame({"fiscal_year": pd.Series([], dtype="Int64"), "amount": [], "unit": [], "source_title": []})


def statements() -> pd.DataFrame:
    return pd.DataFrame({"fiscal_year": [2021], "amount": [85_000_000.0], "unit": ["CHF"], "source_title": ["JPO"]})


def funding(style: Style = Style(), rows: pd.DataFrame | None = None, currency: str = "CHF", **kwargs):
    rows = record() if rows is None else rows
    return charts.funding_history(rows, kwargs.pop("stated", statements()), currency, style, **kwargs)


def trace(fig, meta: str):
    return next(t for t in fig.data if t.meta == meta)


def country_frame(*codes: str) -> pd.DataFrame:
    regions = {"KEN": "africa", "MUS": "africa", "CPV": "africa", "MDV": "asia_pacific", "WSM": "asia_pacific",
               "TON": "asia_pacific", "SGP": "asia_pacific", "BHR": "arab", "EGY": "arab", "BRA": "latin_america_caribbean"}
    return pd.DataFrame({"iso3": list(codes), "name": list(codes), "wipo_region": [regions[c] for c in codes],
                         "activity_count": list(range(len(codes), 0, -1))})


# ---- c. presenter mode: readable type -------------------------------------------------------

def test_presenter_funding_chart_type_is_readable_from_the_back():
    fig = funding(PRESENTER, title="Funding")
    for axis in (fig.layout.xaxis, fig.layout.xaxis2, fig.layout.yaxis, fig.layout.yaxis2):
        assert axis.tickfont.size >= READABLE_PX
    assert fig.layout.legend.font.size >= READABLE_PX
    assert all(a.font.size >= READABLE_PX for a in fig.layout.annotations)  # milestones and panel title
    bars = [t for t in fig.data if t.type == "bar"]
    assert bars and all(b.textfont.size >= READABLE_PX and b.insidetextfont.size >= READABLE_PX for b in bars)
    # presenter: every year's value written above its bars at full size (inside, plotly hid those
    # of small bars: FY1987, FY2008)
    totals = {a.x: a.text for a in fig.layout.annotations if a.name == "year_total"}
    assert totals == {1999: "2.3M", 2008: "1.1M", 2016: "6.2M"}


def test_values_are_hidden_rather_than_shrunk_below_the_readable_size():
    fig = funding(PRESENTER)
    assert fig.layout.uniformtext.minsize >= READABLE_PX and fig.layout.uniformtext.mode == "hide"


def test_normal_style_keeps_smaller_type():
    assert funding().layout.xaxis.tickfont.size < READABLE_PX


def test_presenter_bars_objectives_and_map_are_readable():
    counts = pd.DataFrame({"name": ["Kenya", "Ghana"], "activity_count": [12, 3]})
    bars = charts.bars(counts, "name", "activity_count", PRESENTER, "Country", "Activities", horizontal=True)
    assert bars.layout.xaxis.tickfont.size >= READABLE_PX and bars.layout.yaxis.tickfont.size >= READABLE_PX
    assert bars.data[0].textfont.size >= READABLE_PX and list(bars.data[0].text) == [12, 3]
    areas = pd.DataFrame({"objective": ["ecosystems", "sdgs"], "programme_area": ["branding", "sdgs"],
                          "activity_count": [5, 2]})
    objectives = charts.objectives_bars(areas, PRESENTER)
    assert [list(b.text) for b in objectives.data] == [[5], [2]]  # every count written on its bar
    assert all(b.textfont.size >= READABLE_PX and b.textangle == 0 for b in objectives.data)
    assert all(a.font.size >= READABLE_PX for a in objectives.layout.annotations)  # the names
    colorbar = charts.world_map(country_frame("KEN"), "activity_count", "Activities", PRESENTER).data[0].colorbar
    assert colorbar.tickfont.size >= READABLE_PX


# ---- c. captions explain only what the chart draws --------------------------------------------

def test_a_chart_without_conversions_or_stated_totals_draws_neither_mark():
    in_francs = year_rows(1999, 2008, {
        1999: {"fund": "asia_pacific", "amount": 2_300_000.0, "amount_stated": 2_300_000.0, "currency_stated": "CHF"},
        2008: {"fund": "africa_ldcs", "amount": 1_100_000.0, "amount_stated": 1_100_000.0, "currency_stated": "CHF"}})
    marks = charts.drawn_marks(funding(rows=in_francs, stated=no_statements()))
    assert "converted" not in marks and "stated_total" not in marks and "no_rate" not in marks
    assert {"gap", "running_sum"} <= marks


def test_a_chart_with_conversions_and_stated_totals_draws_both():
    assert {"converted", "stated_total", "no_rate"} <= charts.drawn_marks(funding())


def test_funding_caption_in_yen_mentions_neither_hatching_nor_diamonds():
    from test_pages import open_page, texts
    shown = texts(open_page("funding", currency="JPY", **{"from": "2012", "to": "2018"}))
    assert "lower panel's line adds up documented years" in shown
    assert "Hatched" not in shown and "Diamonds" not in shown


def test_funding_caption_in_francs_explains_hatching_diamonds_and_the_missing_rate():
    from test_pages import open_page, texts
    shown = texts(open_page("funding"))
    assert "Hatched bars were converted" in shown and "Diamonds are cumulative totals" in shown
    assert "no sourced rate to CHF" in shown


# ---- d. milestones above the plot, a panel for the cumulative figures, the 1987 figure --------

def milestone_notes(fig):
    return {int(a.name.split(":")[1]): a for a in fig.layout.annotations if (a.name or "").startswith("milestone:")}


def test_milestones_are_numbered_above_the_plot_area_and_explained_in_the_caption():
    """A number fits between milestones four years apart at any width; a sentence overlapped
    its neighbour at 1024 and 390 px (issue 14, item 6). The words go to the caption."""
    fig = funding(title="Funding")
    notes = milestone_notes(fig)
    assert {year: note.text for year, note in notes.items()} == {1987: "1", 2008: "2", 2015: "3", 2019: "4"}
    assert all(a.yref == "paper" and a.y >= 1 and a.yanchor == "bottom" and not a.textangle for a in notes.values())
    assert fig.layout.margin.t >= max(a.yshift or 0 for a in notes.values()) + 2 * Style().tick_size
    assert charts.milestone_key(fig, "en") == ("(1) 1987: first contribution · (2) 2008: Africa and LDCs fund · "
                                               "(3) 2015: Africa CHF 1.6m a year · (4) 2019: one Global fund")


def test_milestone_key_names_only_the_milestones_drawn():
    fig = funding(rows=record(2010, 2025))
    assert charts.milestone_key(fig, "fr") == "(1) 2015\u00a0: Afrique, 1,6 M CHF par an · (2) 2019\u00a0: un fonds mondial unique"
    assert charts.milestone_key(funding(compact=True), "en") == ""


def test_the_funding_legend_sits_at_the_foot_of_the_figure_not_on_the_axis_title():
    """At -0.22 of the plot's height the legend printed over the year axis' title at 1024 and
    390 px; in container coordinates plotly grows the margin to hold it below everything."""
    legend = funding(title="Funding").layout.legend
    assert legend.yref == "container" and legend.y == 0 and legend.yanchor == "bottom"
    assert legend.orientation == "h"


def test_the_no_rate_label_points_away_from_the_amount_axis():
    """'no rate' on FY1987 was centred on the year and ran over the axis' '0' tick."""
    assert trace(funding(), "no_rate").textposition == ("top right",)
    assert charts._inward([1987, 2024], 1987, 2025) == ["top right", "top left"]


@pytest.mark.parametrize("fund", list(charts.FUND_COLOURS))
def test_values_on_hatched_bars_read_on_the_stripes_and_the_ground(fund):
    """White values on the green hatched bars were unreadable: the pattern's ground was
    transparent (the page's white). Both the stripes and the ground now take at least 3:1."""
    marker = charts._fund_marker(fund, pd.Series([True, False]))
    text = charts._value_colours(fund, pd.Series([True, False]))
    pattern = marker["pattern"]
    assert pattern["shape"] == ["/", ""] and pattern["fillmode"] == "replace"
    for ground in (pattern["fgcolor"], pattern["bgcolor"]):
        assert charts.contrast_ratio(text[0], ground) >= 3
    assert charts.contrast_ratio(text[1], marker["color"]) >= 3


def test_contrast_ratio_is_wcags():
    assert round(charts.contrast_ratio("#ffffff", "#000000"), 1) == 21.0
    assert round(charts.contrast_ratio("#ffffff", "#828180"), 2) == 3.89


def test_presenter_writes_every_years_total_even_on_bars_too_small_to_hold_it():
    rows = year_rows(2006, 2009, {2007: {"fund": "asia_pacific", "amount": 50_000.0, "amount_stated": 50_000.0,
                                         "currency_stated": "CHF"},
                                  2008: {"fund": "africa_ldcs", "amount": 1_100_000.0, "amount_stated": 1_100_000.0,
                                         "currency_stated": "CHF"}})
    fig = funding(PRESENTER, rows=rows, stated=no_statements())
    totals = [a for a in fig.layout.annotations if a.name == "year_total"]
    assert {a.x: a.text for a in totals} == {2007: "50K", 2008: "1.1M"}
    assert all(a.font.size >= READABLE_PX and a.yanchor == "bottom" and a.textangle == 0 for a in totals)
    assert not [a for a in funding(rows=rows, stated=no_statements()).layout.annotations if a.name == "year_total"]


def test_milestone_lines_stay_behind_the_bars():
    lines = [s for s in funding().layout.shapes if s.type == "line"]
    assert lines and all(s.layer == "below" for s in lines)


def test_cumulative_figures_have_their_own_panel_below_the_bars():
    fig = funding()
    assert trace(fig, "running_sum").yaxis == "y2" and trace(fig, "stated_total").yaxis == "y2"
    assert all(t.yaxis == "y" for t in fig.data if t.type == "bar")
    assert fig.layout.yaxis2.domain[1] < fig.layout.yaxis.domain[0]  # below, not overlaid
    assert fig.layout.yaxis2.overlaying is None
    assert fig.layout.xaxis.matches == "x2"  # one year axis for both panels


def test_both_amount_axes_have_round_ticks_that_cover_the_data():
    fig = funding()
    assert list(fig.layout.yaxis.tickvals) == [0, 2_000_000, 4_000_000, 6_000_000, 8_000_000]
    assert list(fig.layout.yaxis.ticktext) == ["0", "2M", "4M", "6M", "8M"]
    assert list(fig.layout.yaxis2.tickvals) == [0, 50_000_000, 100_000_000]  # the short panel: two steps
    assert fig.layout.yaxis2.range[1] >= 85_000_000  # the stated total fits


def test_a_figure_with_no_exchange_rate_is_marked_with_what_was_stated():
    fig = funding()
    assert all(1987 not in list(t.x) for t in fig.data if t.type == "bar")  # no rate invented
    marker = trace(fig, "no_rate")
    assert list(marker.x) == [1987]
    assert marker.hovertext[0] == "JPY 30,840,000 stated; no sourced rate to CHF for FY1987"
    assert marker.text[0] == "no rate"  # labelled on the chart, not only in the hover


# ---- f. small counts, undated rows, empty frames ----------------------------------------------

def test_one_or_two_activities_get_whole_years_and_whole_counts():
    timeline = pd.DataFrame({"year": [2019, 2021], "activity_count": [1, 2]})
    fig = charts.bars(timeline, "year", "activity_count", Style(), "Year", "Activities")
    assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.tickformat == "d"
    assert fig.layout.yaxis.dtick == 1 and fig.layout.yaxis.tickformat == ",d"


def test_large_counts_keep_automatic_but_whole_ticks():
    fig = charts.bars(pd.DataFrame({"year": [2019], "activity_count": [40]}), "year", "activity_count",
                      Style(), "Year", "Activities")
    assert fig.layout.yaxis.dtick is None and fig.layout.yaxis.tickformat == ",d"


def test_a_row_without_a_year_is_not_drawn_as_none():
    timeline = pd.DataFrame({"year": [2019, None], "activity_count": [1, 3]})
    fig = charts.bars(timeline, "year", "activity_count", Style(), "Year", "Activities")
    assert list(fig.data[0].x) == [2019]
    regions = pd.DataFrame({"year": [2019, None], "region": ["africa", "africa"], "activity_count": [1, 3]})
    stacked = charts.stacked_bars(regions, "year", "activity_count", "region", {"africa": "Africa"}, Style(),
                                  "Year", "Activities")
    assert list(stacked.data[0].x) == [2019] and stacked.layout.yaxis.dtick == 1


def test_an_empty_frame_gives_an_empty_state_not_bare_axes():
    empty = pd.DataFrame({"year": pd.Series([], dtype="Int64"), "activity_count": pd.Series([], dtype="Int64")})
    fig = charts.bars(empty, "year", "activity_count", Style(), "Year", "Activities")
    assert not fig.data and fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.annotations[0].text == "Nothing matches these filters."


# ---- g and b. the map --------------------------------------------------------------------------

def test_the_lowest_map_colour_is_a_saturated_blue_not_the_grey_of_empty_land():
    choropleth = charts.world_map(country_frame("KEN", "EGY"), "activity_count", "Activities", Style()).data[0]
    lowest = choropleth.colorscale[0][1]
    assert lowest.lower() == "#9ecae1" != charts.NO_DATA_LAND
    red, green, blue = (int(lowest[i:i + 2], 16) for i in (1, 3, 5))
    assert blue - red > 50  # clearly blue, not a near-white


@pytest.mark.parametrize("style", [Style(), PRESENTER], ids=["normal", "presenter"])
def test_the_colour_bar_is_shorter_than_the_map(style):
    colorbar = charts.world_map(country_frame("KEN"), "activity_count", "Activities", style).data[0].colorbar
    assert colorbar.len <= 0.8 and colorbar.thickness <= 16


def test_small_states_get_a_clickable_marker_with_the_same_hover():
    fig = charts.world_map(country_frame("KEN", "MDV", "MUS", "TON"), "activity_count", "Activities", Style())
    markers = trace(fig, "small_states")
    assert markers.type == "scattergeo" and markers.locationmode == "ISO-3"
    assert set(markers.locations) == {"MDV", "MUS", "TON"}  # Kenya is large enough to click
    assert [list(c) for c in markers.customdata] == [["MDV", 3], ["MUS", 2], ["TON", 1]]  # its code, its count
    assert markers.hovertemplate.startswith("%{text}: %{customdata[1]:,}")
    assert fig.data[0].hovertemplate.startswith("%{text}: %{z:,}")


def test_scattered_island_states_get_a_marker_too():
    frame = pd.DataFrame({"iso3": ["FJI", "KEN"], "name": ["Fiji", "Kenya"], "wipo_region": ["asia_pacific", "africa"],
                          "activity_count": [2, 5]})
    assert list(trace(charts.world_map(frame, "activity_count", "Activities", Style()), "small_states").locations) == ["FJI"]


def test_a_click_on_a_marker_names_its_country_though_the_selection_gives_it_no_location():
    """Streamlit hands the page plotly's selection points. Plotly's scattergeo select gives a
    point only {pointNumber, lon, lat}, so its event data's `location` is null (the review: a
    click on Singapore did nothing). The marker's own customdata carries the code."""
    fig = charts.world_map(country_frame("KEN", "SGP", "TON"), "activity_count", "Activities", Style())
    markers = trace(fig, "small_states")
    number = list(markers.locations).index("SGP")
    # the point as Streamlit passes it on: plotly's fields, customdata from the trace, no location
    selected = {"curve_number": list(fig.data).index(markers), "point_number": number, "point_index": number,
                "lat": 1.3, "lon": 103.8, "location": None, "customdata": list(markers.customdata[number])}
    assert charts.clicked_country([selected]) == "SGP"
    assert charts.clicked_country([{"curve_number": 0, "point_number": 0, "location": "KEN", "z": 3}]) == "KEN"
    assert charts.clicked_country([]) is None
    assert charts.clicked_country([{"location": None, "customdata": 9}]) is None  # a count alone names nothing


def test_the_bundled_selection_gives_a_marker_no_location_but_keeps_its_customdata():
    """What the fix relies on, checked against the Streamlit frontend this project pins."""
    from pathlib import Path

    import streamlit

    bundle = next((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    source = bundle.read_text(encoding="utf-8")
    select = source[source.index('"src/traces/scattergeo/select.js"'):][:600]
    assert re.search(r"push\(\{pointNumber:\w+,lon:\w+\[0\],lat:\w+\[1\]\}\)", select)  # no loc
    assert re.search(r"push\(\{\.\.\.\w+,legendgroup:", source)  # every point field kept in the selection
    assert "customdata" in source


def test_a_click_leaves_the_map_undimmed_and_a_marker_reaches_no_further_than_itself():
    fig = charts.world_map(country_frame("KEN", "EGY", "MUS"), "activity_count", "Activities", Style(),
                           regions=("africa",))
    assert all(t.unselected.marker.opacity == 1 for t in fig.data)  # shapes, muted shapes and markers
    # plotly's default (20 px) let a tap on Tanzania pick Mauritius' marker on a phone
    assert fig.layout.hoverdistance is not None and 0 < fig.layout.hoverdistance <= 2


def test_the_map_sits_on_the_page_background_light_or_dark():
    fig = charts.world_map(country_frame("KEN"), "activity_count", "Activities", Style())
    transparent = "rgba(0,0,0,0)"
    assert fig.layout.paper_bgcolor == transparent and fig.layout.geo.bgcolor == transparent


@pytest.mark.parametrize("style", [Style(), PRESENTER], ids=["normal", "presenter"])
def test_the_colour_bar_lies_under_the_map_so_the_map_takes_the_whole_width(style):
    fig = charts.world_map(country_frame("KEN"), "activity_count", "Activities", style)
    colorbar = fig.data[0].colorbar
    assert colorbar.orientation == "h" and colorbar.yanchor == "top" and colorbar.y <= 0
    # room under the map for the bar, its ticks and its title
    assert fig.layout.margin.b >= colorbar.thickness + 2 * style.tick_size


def test_zoom_shows_a_region_without_muting_the_rest():
    fig = charts.world_map(country_frame("KEN", "MUS", "EGY", "BRA"), "activity_count", "Activities", Style(),
                           zoom="asia_pacific")
    assert list(fig.layout.geo.lonaxis.range) == charts.region_bounds(["asia_pacific"])[0]
    assert set(fig.data[0].locations) == {"KEN", "MUS", "EGY", "BRA"} and not [t for t in fig.data if t.meta == "muted"]
    world = charts.world_map(country_frame("KEN"), "activity_count", "Activities", Style(), zoom="world")
    assert world.layout.geo.lonaxis.range is None  # 'world' (or anything unknown) is the whole map
    zoomed_filter = charts.world_map(country_frame("KEN", "EGY"), "activity_count", "Activities", Style(),
                                     regions=("arab",), zoom="africa")
    assert list(zoomed_filter.layout.geo.lonaxis.range) == [-27, 62]  # the reader's zoom wins
    assert set(trace(zoomed_filter, "muted").locations) == {"KEN"}  # the filter still mutes


def test_a_region_filter_zooms_to_the_region_and_mutes_the_rest():
    fig = charts.world_map(country_frame("KEN", "MUS", "EGY", "BRA"), "activity_count", "Activities", Style(),
                           regions=("africa",))
    assert list(fig.layout.geo.lonaxis.range) == [-27, 62] and list(fig.layout.geo.lataxis.range) == [-37, 28]
    assert set(fig.data[0].locations) == {"KEN", "MUS"}
    muted = trace(fig, "muted")
    assert set(muted.locations) == {"EGY", "BRA"} and muted.showscale is False
    assert {c for _, c in muted.colorscale} == {charts.MUTED_COUNTRY}


def test_asia_and_the_pacific_is_zoomed_across_the_antimeridian():
    lon, lat = charts.region_bounds(["asia_pacific"])
    assert lon[0] > lon[1]  # west edge in the Indian Ocean, east edge past Samoa and Tonga
    assert lon[0] < 73.5 and lon[1] + 360 > 360 - 175.2  # Maldives and Tonga inside


def test_no_region_or_global_shows_the_whole_world():
    assert charts.region_bounds(()) is None and charts.region_bounds(["africa", "global"]) is None
    fig = charts.world_map(country_frame("KEN", "EGY"), "activity_count", "Activities", Style())
    assert fig.layout.geo.lonaxis.range is None and not [t for t in fig.data if t.meta == "muted"]


# ---- h. gap years explained and year labels that never collide --------------------------------

def test_gap_years_are_explained_in_the_legend_and_the_hover():
    gaps = trace(funding(), "gap")
    assert gaps.name == "No public figure for this year" and gaps.showlegend is not False
    assert 1995 in list(gaps.x)
    assert gaps.hovertext[list(gaps.x).index(1995)] == "FY1995: no public figure; see Sources"


def test_the_compact_chart_shows_the_gap_legend():
    fig = funding(Style(height=380), compact=True)
    assert fig.layout.showlegend is not False and trace(fig, "gap").showlegend is not False


@pytest.mark.parametrize("compact", [False, True])
def test_a_long_span_labels_every_fifth_year(compact):
    fig = funding(compact=compact)
    assert fig.layout.xaxis2.dtick == 5 and fig.layout.xaxis2.tickformat == "d"
    assert fig.layout.xaxis2.automargin is True  # a phone-width chart makes room for its labels


@pytest.mark.parametrize("span, compact, dtick", [(5, False, 1), (12, False, 1), (20, False, 2), (39, False, 5),
                                                  (6, True, 1), (11, True, 2), (20, True, 5)])
def test_year_label_spacing_grows_with_the_span(span, compact, dtick):
    assert charts.year_dtick(span, compact) == dtick


# ---- j. numbers in every language ---------------------------------------------------------------

@pytest.mark.parametrize("lang, separators", [("en", ".,"), ("ja", ".,"), ("fr", ",\u202f"), ("es", ",.")])
def test_separators_follow_the_language(lang, separators):
    assert funding(Style(lang=lang)).layout.separators == separators
    assert charts.bars(pd.DataFrame({"year": [2020], "activity_count": [3]}), "year", "activity_count",
                       Style(lang=lang), "Y", "A").layout.separators == separators


def test_hover_values_use_the_layout_separators():
    fig = funding(Style(lang="fr"))
    bar = next(t for t in fig.data if t.type == "bar")
    assert "%{y:,.0f}" in bar.hovertemplate
    assert bar.customdata[0][0] == "2\u202f300\u202f000"  # the stated amount, written in French


def test_japanese_amount_ticks_read_in_oku():
    in_yen = year_rows(2015, 2025, {
        2016: {"fund": "combined", "amount": 684_000_000.0, "amount_stated": 684_000_000.0, "currency_stated": "JPY"},
        2025: {"fund": "global", "amount": 988_380_000.0, "amount_stated": 988_380_000.0, "currency_stated": "JPY"}})
    fig = funding(Style(lang="ja"), rows=in_yen, currency="JPY", stated=no_statements())
    assert list(fig.layout.yaxis.ticktext) == ["0", "2億", "4億", "6億", "8億", "10億"]
    assert list(fig.layout.yaxis.tickvals) == [0, 200_000_000, 400_000_000, 600_000_000, 800_000_000, 1_000_000_000]


@pytest.mark.parametrize("max_value, ticks", [
    (6_247_013, [0, 2_000_000, 4_000_000, 6_000_000, 8_000_000]),
    (988_380_000, [0, 200_000_000, 400_000_000, 600_000_000, 800_000_000, 1_000_000_000]),
    (12, [0, 2.5, 5, 7.5, 10, 12.5]),
    (100, [0, 20, 40, 60, 80, 100]),
    (1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
    (0, [0]), (float("nan"), [0]),
])
def test_round_ticks_step_by_1_2_2_5_or_5_times_a_power_of_ten(max_value, ticks):
    assert charts.round_ticks(max_value) == ticks


def test_round_ticks_end_at_or_above_the_largest_value():
    for value in (3, 7.7, 999, 1_000_001, 74_116_540):
        ticks = charts.round_ticks(value)
        step = ticks[1]
        assert ticks[-1] >= value and ticks[-2] < value and 3 <= len(ticks) - 1 <= 5
        assert step / 10 ** math.floor(math.log10(step)) in (1, 2, 2.5, 5)


def test_milestone_notes_take_the_themes_text_colour_so_they_read_in_dark_mode_too():
    notes = list(milestone_notes(funding(title="Funding")).values())
    assert notes and all(note.font.color is None for note in notes)


# ---- issue 14, item 4: every objective and programme area keeps its name ----------------------

def objective_areas() -> pd.DataFrame:
    return pd.DataFrame({"objective": ["ecosystems", "ecosystems", "understanding", "sdgs"],
                         "programme_area": ["human_resources", "ip_office_modernization", "public_awareness", "sdgs"],
                         "activity_count": [33, 7, 5, 4]})


def test_names_are_broken_into_short_lines():
    assert charts.wrap_label("Universities, research and SMEs") == "Universities,<br>research<br>and SMEs"
    assert charts.wrap_label("Branding") == "Branding"
    assert charts.wrap_label("知的財産庁の近代化") == "知的財産庁の近代化"  # no spaces: left whole


def names(fig) -> dict[str, tuple[str, float]]:
    """The objectives chart's written names by what they name ('objective:sdgs'), with the
    height (px from the top of the bars) each is written from."""
    return {a.name: (a.text, a.y) for a in fig.layout.annotations}


def test_each_objective_heads_its_programme_areas_with_its_total():
    """A treemap left out the names of tiles too small to hold them (the 5-activity tile
    at 1920 px presenting, more in narrow columns). Each objective now heads its group with its
    name and total, and each programme area's name is written above its bar."""
    fig = charts.objectives_bars(objective_areas(), Style())
    written = names(fig)
    assert {key: text for key, (text, _) in written.items()} == {
        "objective:ecosystems": "<b>Self-sustaining IP ecosystems</b> · 40",
        "area:human_resources": "Human resources",
        "area:ip_office_modernization": "Modernizing IP offices",
        "objective:understanding": "<b>Deeper understanding of IP</b> · 5",
        "area:public_awareness": "Communication to the public",
        "objective:sdgs": "<b>Sustainable Development Goals</b> · 4",
        "area:sdgs": "WIPO GREEN, WIPO Re:Search"}
    # top to bottom in the fund's order, every name on its own line(s) above its bar
    heights = [y for _, y in written.values()]
    assert heights == sorted(heights) and len(set(heights)) == len(heights)
    bars = {area: (value, y) for trace in fig.data for area, value, y in zip(trace.ids, trace.x, trace.y)}
    for area, (value, y) in bars.items():
        assert written[f"area:{area}"][1] < y
    # every activity counted once, in its own programme area's bar
    assert {area: value for area, (value, _) in bars.items()} == {
        "human_resources": 33, "ip_office_modernization": 7, "public_awareness": 5, "sdgs": 4}
    assert sum(value for value, _ in bars.values()) == 49


def test_bars_start_at_zero_and_the_longest_fills_the_width():
    fig = charts.objectives_bars(objective_areas(), Style())
    assert tuple(fig.layout.xaxis.range) == (0, 33)
    assert all(b.orientation == "h" for b in fig.data)


def test_long_names_are_wrapped_to_a_phones_width_in_every_language():
    """French objectives run to 55 letters: unwrapped, a phone's column (about 360 px) cut them."""
    frame = pd.DataFrame({"objective": ["ecosystems", "understanding"],
                          "programme_area": ["universities_smes", "public_awareness"], "activity_count": [3, 2]})
    for lang in ("en", "fr", "es", "ja"):
        for text, _ in names(charts.objectives_bars(frame, Style(lang=lang))).values():
            for line in re.sub(r"</?b>", "", text).split("<br>"):
                assert " " not in line or charts._width_em(line) <= charts.NAME_EM, (lang, line)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_objectives_title_wraps_to_a_phones_width_in_every_language(lang):
    """The title runs across the chart like the names, at its larger size: unwrapped, the French
    one ran past a half-width chart's edge at 1440 px. A wrapped title gets the room its lines take."""
    title = t("objectives.hierarchy", lang)
    style = Style(lang=lang)
    fig = charts.objectives_bars(objective_areas(), style, title=title)
    lines = fig.layout.title.text.split("<br>")
    assert " ".join(lines) == title or "".join(lines) == title
    for line in lines:
        assert " " not in line or charts._width_em(line) * style.title_size <= charts.NAME_EM * style.font_size, line
    assert fig.layout.margin.t >= style.title_size + 34 + (len(lines) - 1) * style.title_size


def test_objectives_keep_the_trend_charts_colours_whichever_are_shown():
    """The Objectives page's trend chart colours objectives by their place in the fund's list:
    a filter that leaves one objective out must not recolour the others."""
    frame = pd.DataFrame({"objective": ["understanding", "sdgs"], "programme_area": ["public_awareness", "sdgs"],
                          "activity_count": [5, 4]})
    colours = [b.marker.color for b in charts.objectives_bars(frame, Style()).data]
    assert colours == [charts.PALETTE[2], charts.PALETTE[3]]


def test_the_overviews_small_funding_chart_names_its_funds_in_the_legend():
    """Issue 14, item 9: the Overview's chart had coloured bars and no legend saying which fund is which."""
    fig = funding(Style(height=380), compact=True)
    assert {t.name for t in fig.data if t.type == "bar" and t.showlegend} == {
        "Asia-Pacific (1987-2019)", "Africa and LDCs (2008-2019)", "Asia-Pacific + Africa (one budget line)"}


def test_a_horizontal_bar_charts_category_title_is_written_across_not_turned():
    """Issue 14, item 9: the Japanese title 国 was turned 90 degrees on the y axis."""
    frame = pd.DataFrame({"name": ["ケニア", "タンザニア"], "activity_count": [5, 3]})
    fig = charts.bars(frame, "name", "activity_count", Style(lang="ja"), "国", "活動数", horizontal=True)
    assert not fig.layout.yaxis.title.text
    title = next(a for a in fig.layout.annotations if a.name == "category_title")
    assert title.text == "国" and not title.textangle and title.yanchor == "bottom" and title.y == 1


def test_long_category_names_are_written_in_short_lines_side_by_side():
    """/compare at 1024 px: 'United Republic of Tanzania' was turned and crossed its neighbours
    and the legend; names now break into lines and stay level."""
    frame = pd.DataFrame({"name": ["Kenya", "United Republic of Tanzania"], "activity_count": [3, 5],
                          "activity_type": ["workshop", "workshop"]})
    fig = charts.stacked_bars(frame, "name", "activity_count", "activity_type", {"workshop": "Workshop"}, Style(),
                              "Country", "Activities")
    assert list(fig.layout.xaxis.ticktext) == ["Kenya", "United<br>Republic of<br>Tanzania"]
    assert list(fig.layout.xaxis.tickvals) == ["Kenya", "United Republic of Tanzania"]
    assert fig.layout.xaxis.tickangle == 0


def test_every_legend_sits_at_the_figures_foot():
    for fig in (funding(title="Funding"), charts.stacked_bars(
            pd.DataFrame({"year": [2020], "activity_count": [1], "objective": ["sdgs"]}), "year", "activity_count",
            "objective", {"sdgs": "SDGs"}, Style(), "Year", "Activities")):
        assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0
        assert fig.layout.legend.yanchor == "bottom"


def test_a_presenters_stacks_carry_their_totals_and_side_by_side_bars_their_own_values():
    """A thin segment cannot hold its value (plotly hides it): on a shared screen each stack's
    total is written above it instead, so every bar carries a value (the layout check)."""
    frame = pd.DataFrame({"year": [2015, 2015, 2016, 2017, 2017], "activity_count": [12, 1, 3, 1, 1200],
                          "objective": ["ecosystems", "sdgs", "ecosystems", "sdgs", "ecosystems"]})
    names = {"ecosystems": "Ecosystems", "sdgs": "SDGs"}
    stacked = charts.stacked_bars(frame, "year", "activity_count", "objective", names, PRESENTER, "Y", "A")
    totals = {a.x: a.text for a in stacked.layout.annotations if a.name == "stack_total"}
    assert totals == {2015: "13", 2016: "3", 2017: "1,201"}
    assert all(a.font.size >= READABLE_PX for a in stacked.layout.annotations)
    assert all(trace.text is None for trace in stacked.data)
    grouped = charts.stacked_bars(frame, "year", "activity_count", "objective", names, PRESENTER, "Y", "A",
                                  barmode="group")
    assert [list(trace.text) for trace in grouped.data] == [[12, 3, 1200], [1, 1]]
    assert not grouped.layout.annotations
    reading = charts.stacked_bars(frame, "year", "activity_count", "objective", names, Style(), "Y", "A")
    assert not reading.layout.annotations and all(trace.text is None for trace in reading.data)


def test_a_requested_figure_is_marked_provisional_on_its_year_and_explained():
    rows = year_rows(2023, 2025, {
        2023: {"fund": "global", "amount": 4_436_088.0, "amount_stated": 883_650_000.0, "currency_stated": "JPY"},
        2025: {"fund": "global", "amount": 5_270_892.0, "amount_stated": 988_380_000.0, "currency_stated": "JPY",
               "status": "requested"}})
    fig = funding(rows=rows)
    stars = [trace for trace in fig.to_dict()["data"] if trace.get("meta") == "provisional"]
    assert [list(trace["x"]) for trace in stars] == [[2025]]
    assert "requested" in stars[0]["hovertext"][0].lower() and "provisional" in stars[0]["name"].lower()
    assert "provisional" in charts.drawn_marks(fig)
    assert "provisional" not in charts.drawn_marks(funding(rows=record()))
