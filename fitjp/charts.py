"""Chart builders: a DataFrame in, a Plotly figure out. Pure: no Streamlit, no queries.

Every builder takes a Style, so presenter mode (bigger type, values written on the marks)
changes every chart without touching the pages.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from babel.numbers import format_compact_decimal

from fitjp.i18n import label, t

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FUND_COLOURS = {"asia_pacific": "#0072B2", "africa_ldcs": "#E69F00", "global": "#009E73",
                "combined": "#56B4E9"}
GAP_COLOUR = "#9a9a9a"
GAP_BAND = "rgba(128, 128, 128, 0.16)"  # a grey that reads on light and dark backgrounds
LINE_COLOUR = PALETTE[3]  # the running sum: visible on light and dark backgrounds
NO_DATA_LAND = "#e6e6e6"
MILESTONES = (1987, 2008, 2015, 2019)


@dataclass(frozen=True)
class Style:
    lang: str = "en"
    font_size: int = 14
    title_size: int = 18
    line_width: float = 2.5
    marker_size: int = 9
    show_values: bool = True  # write values on marks when there is room
    height: int = 440
    presenting: bool = False  # a shared screen: every value written, none left to hovering

    @classmethod
    def presenter(cls, lang: str = "en") -> "Style":
        return cls(lang=lang, font_size=20, title_size=26, line_width=4, marker_size=14, height=560,
                   presenting=True)


def compact_number(value: float, lang: str = "en") -> str:
    """5300000 -> '5.3M' (en), '530万' (ja), '5,3 M' (fr). For labels on marks only."""
    if pd.isna(value):
        return ""
    return format_compact_decimal(value, format_type="short", locale=lang, fraction_digits=1)


def _layout(fig: go.Figure, style: Style, title: str = "", **overrides) -> go.Figure:
    """The common look; a builder's own settings override it."""
    layout = {
        "title": {"text": title, "font": {"size": style.title_size}} if title else None,
        "font": {"size": style.font_size, "family": "Source Sans Pro, Arial, sans-serif"},
        "height": style.height, "margin": {"l": 10, "r": 10, "t": 60 if title else 20, "b": 10},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0, "traceorder": "normal"},
        "hoverlabel": {"font_size": style.font_size},
        "colorway": PALETTE,
    }
    fig.update_layout(**(layout | overrides))
    return fig


def funding_history(years: pd.DataFrame, statements: pd.DataFrame, currency: str, style: Style,
                    title: str = "", compact: bool = False) -> go.Figure:
    """Stacked bars per fiscal year and fund; hatched where converted; years with no public
    figure shaded grey; a line summing documented years and diamonds for cumulative totals
    sources state. `compact` drops the legend and milestone labels for a small preview."""
    fig = go.Figure()
    figures = years.dropna(subset=["fund"])
    few_years = years.fiscal_year.nunique() <= 15
    values_fit = style.show_values and (few_years or style.presenting)
    for fund, rows in figures.groupby("fund", sort=False):
        rows = rows[rows.amount.notna()]
        if rows.empty:
            continue
        fig.add_bar(
            x=rows.fiscal_year, y=rows.amount, name=label("fund", fund, style.lang), width=0.8,
            marker={"color": FUND_COLOURS.get(fund, PALETTE[3]),
                    "pattern": {"shape": ["/" if c else "" for c in rows.is_converted], "solidity": 0.4}},
            text=[compact_number(v, style.lang) for v in rows.amount] if values_fit else None,
            textposition="inside", insidetextanchor="middle", textangle=0 if few_years else -90,
            customdata=list(zip(rows.amount_stated.map("{:,.0f}".format), rows.currency_stated,
                                rows.status.map(lambda s: label("status", s, style.lang)), rows.source_title)),
            hovertemplate="%{x}: %{y:,.0f} " + currency
                          + "<br>" + t("label.stated", style.lang) + ": %{customdata[0]} %{customdata[1]}"
                          + " (%{customdata[2]})<br>%{customdata[3]}<extra>%{fullData.name}</extra>")
    _shade_gaps(fig, years[years.is_gap].fiscal_year.tolist())
    _gap_markers(fig, years[years.is_gap], t("label.gap", style.lang), "square", style)
    _gap_markers(fig, years[years.lacks_rate & ~years.is_gap].drop_duplicates("fiscal_year"),
                 t("label.no_rate", style.lang), "x-thin-open", style)
    running = years.drop_duplicates("fiscal_year").dropna(subset=["cumulative_documented"])
    fig.add_scatter(x=running.fiscal_year, y=running.cumulative_documented, yaxis="y2", mode="lines",
                    name=t("label.cumulative", style.lang), line={"color": LINE_COLOUR, "width": style.line_width},
                    hovertemplate="%{x}: %{y:,.0f} " + currency + "<extra>%{fullData.name}</extra>")
    dated = statements.dropna(subset=["fiscal_year"])
    if len(dated):
        fig.add_scatter(x=dated.fiscal_year, y=dated.amount, yaxis="y2", mode="markers",
                        name=t("label.cumulative_stated", style.lang),
                        marker={"symbol": "diamond", "size": style.marker_size + 3, "color": PALETTE[5],
                                "line": {"width": 1, "color": "#000000"}},
                        customdata=list(zip(dated.unit, dated.source_title)),
                        hovertemplate="%{x}: %{y:,.0f} %{customdata[0]}<br>%{customdata[1]}<extra></extra>")
    for year in MILESTONES if not compact else ():
        if years.fiscal_year.min() <= year <= years.fiscal_year.max():
            fig.add_vline(x=year, line={"dash": "dot", "color": GAP_COLOUR, "width": 1})
            fig.add_annotation(x=year, y=1, yref="paper", text=t(f"milestone.{year}", style.lang),
                               showarrow=False, textangle=-90, xanchor="right", yanchor="top",
                               font={"size": style.font_size - 3, "color": "#555555"})
    return _layout(fig, style, title, barmode="stack", showlegend=not compact,
                   xaxis={"title": t("label.fiscal_year", style.lang), "dtick": 2 if len(years) > 20 else 1,
                          "range": [years.fiscal_year.min() - 0.6, years.fiscal_year.max() + 0.6]},
                   yaxis={"title": t("label.amount", style.lang, currency=currency), "rangemode": "tozero"},
                   yaxis2={"title": t("label.cumulative", style.lang), "overlaying": "y", "side": "right",
                           "rangemode": "tozero", "showgrid": False})


def _shade_gaps(fig: go.Figure, gap_years: list[int]) -> None:
    """A light grey band over each run of consecutive years without a public figure."""
    runs: list[list[int]] = []
    for year in sorted(gap_years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    for run in runs:
        fig.add_vrect(x0=run[0] - 0.5, x1=run[-1] + 0.5, fillcolor=GAP_BAND, layer="below", line_width=0)


def _gap_markers(fig: go.Figure, rows: pd.DataFrame, name: str, symbol: str, style: Style) -> None:
    if rows.empty:
        return
    fig.add_scatter(x=rows.fiscal_year, y=[0] * len(rows), mode="markers", name=name,
                    marker={"symbol": symbol, "size": style.marker_size, "color": "#d9d9d9",
                            "line": {"width": 2, "color": GAP_COLOUR}},
                    hovertemplate="%{x}: " + name + "<extra></extra>", cliponaxis=False)


def bars(frame: pd.DataFrame, x: str, y: str, style: Style, x_title: str, y_title: str,
         title: str = "", horizontal: bool = False, colour: str = PALETTE[0], names=None) -> go.Figure:
    """One series of bars, values written on them; `names` turns x values into display names."""
    values, categories = frame[y], frame[x].map(names) if names else frame[x]
    fig = go.Figure(go.Bar(
        x=values if horizontal else categories, y=categories if horizontal else values,
        orientation="h" if horizontal else "v", marker_color=colour,
        text=values if style.show_values else None, textposition="auto",
        hovertemplate="%{label}: %{value:,}<extra></extra>"))
    axis_x, axis_y = {"title": x_title}, {"title": y_title}
    if len(values) and values.max() <= 10:  # small counts: whole-number ticks only
        axis_y["dtick"] = 1
    if horizontal:
        axis_x, axis_y = {"title": y_title}, {"title": x_title, "autorange": "reversed"}
    return _layout(fig, style, title, xaxis=axis_x, yaxis=axis_y, showlegend=False)


def stacked_bars(frame: pd.DataFrame, x: str, y: str, series: str, names: dict[str, str], style: Style,
                 x_title: str, y_title: str, title: str = "") -> go.Figure:
    """Bars per x stacked by series, in the order of `names` (value -> display name)."""
    fig = go.Figure()
    for index, (value, name) in enumerate(names.items()):
        rows = frame[frame[series].isna()] if value is None else frame[frame[series] == value]
        if rows.empty:
            continue
        fig.add_bar(x=rows[x], y=rows[y], name=name, marker_color=PALETTE[index % len(PALETTE)],
                    text=rows[y] if style.presenting else None, textposition="inside",
                    hovertemplate="%{x}: %{y}<extra>" + name + "</extra>")
    return _layout(fig, style, title, barmode="stack", xaxis={"title": x_title}, yaxis={"title": y_title})


def world_map(frame: pd.DataFrame, value: str, value_title: str, style: Style, title: str = "") -> go.Figure:
    """Choropleth of `value` per ISO-3 country; every other country is drawn in light grey."""
    fig = go.Figure(go.Choropleth(
        locations=frame.iso3, z=frame[value], locationmode="ISO-3", text=frame["name"],
        colorscale="Blues", marker={"line": {"color": "#ffffff", "width": 0.4}},
        colorbar={"title": {"text": value_title}, "thickness": 14},
        hovertemplate="%{text}: %{z:,}<extra></extra>", zmin=0))
    fig.update_geos(resolution=50, showcountries=True, countrycolor="#ffffff", showland=True,
                    landcolor=NO_DATA_LAND, showocean=False, showframe=False, projection_type="natural earth",
                    showcoastlines=False, lataxis_range=[-58, 85])
    return _layout(fig, style, title, margin={"l": 0, "r": 0, "t": 40 if title else 0, "b": 0})


def objectives_treemap(frame: pd.DataFrame, style: Style, title: str = "") -> go.Figure:
    """Objectives and, inside each, its programme areas, sized by activities."""
    objectives = frame.groupby("objective", sort=False).activity_count.sum()
    ids = [f"o/{o}" for o in objectives.index] + [f"a/{a}" for a in frame.programme_area]
    names = [label("objective", o, style.lang) for o in objectives.index] + \
            [label("area", a, style.lang) for a in frame.programme_area]
    parents = [""] * len(objectives) + [f"o/{o}" for o in frame.objective]
    values = list(objectives.values) + list(frame.activity_count)
    colours = {o: PALETTE[i] for i, o in enumerate(objectives.index)}
    fig = go.Figure(go.Treemap(
        ids=ids, labels=names, parents=parents, values=values, branchvalues="total", sort=False,
        marker={"colors": [colours[o] for o in objectives.index] + [colours[o] for o in frame.objective]},
        texttemplate="<b>%{label}</b><br>%{value}", textfont={"size": style.font_size},
        tiling={"pad": 2}, pathbar={"visible": False},
        hovertemplate="%{label}: %{value}<extra></extra>"))
    return _layout(fig, style, title, margin={"l": 0, "r": 0, "t": 50 if title else 0, "b": 0})
