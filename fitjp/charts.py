"""Chart builders: a DataFrame in, a Plotly figure out. Pure: no Streamlit, no queries.

Every builder takes a Style, so presenter mode (bigger type, values written on the marks)
changes every chart without touching the pages.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from babel.numbers import format_compact_decimal, format_decimal

from fitjp.i18n import label, t
from fitjp.plot import Plot
from fitjp.record.schema import OBJECTIVES

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FUND_COLOURS = {"asia_pacific": "#0072B2", "africa_ldcs": "#E69F00", "global": "#009E73",
                "combined": "#56B4E9"}
GAP_COLOUR = "#9a9a9a"
GAP_BAND = "rgba(128, 128, 128, 0.16)"  # a grey that reads on light and dark backgrounds
LINE_COLOUR = PALETTE[3]  # the running sum: visible on light and dark backgrounds
NO_DATA_LAND = "#e6e6e6"
MILESTONES = (1987, 2008, 2015, 2019)

# Plotly's `separators`: the decimal mark, then the thousands separator, as each language writes
# them (CLDR). French groups thousands with a narrow no-break space.
SEPARATORS = {"en": ".,", "ja": ".,", "fr": ",\u202f", "es": ",."}

# The map's colour scale starts at a saturated light blue, so the lowest count never reads as the
# grey of land with no activity (NO_DATA_LAND). Stops bunched at the low end: most countries have
# few activities and a few have many, so the small counts still differ in colour.
MAP_SCALE = ((0.0, "#9ecae1"), (0.1, "#6baed6"), (0.3, "#4292c6"), (0.6, "#2171b5"), (1.0, "#08306b"))
MUTED_COUNTRY = "#c8cfd6"  # countries with activities outside the chosen region(s)
MARKER_REACH = 1  # px beyond a small state's marker that still picks it (plotly's hoverdistance)

# States too small to click at world scale (land area below about 12,000 km2, or scattered
# islands). They get a marker at their centroid, which plotly takes from the same topojson as
# the choropleth. Tuvalu (TUV) is not in plotly's 50m topojson, so it cannot be drawn at all.
# Fiji and the Solomon Islands are larger but scattered: on a phone, even zoomed to Asia and the
# Pacific, no island of Fiji was big enough to tap (tests/browser/test_map_clicks.py).
SMALL_STATES = frozenset({
    "AND", "ATG", "BHR", "BHS", "BRB", "BRN", "COK", "COM", "CPV", "CYP", "DMA", "FJI", "FSM",
    "GMB", "GRD", "HKG", "JAM", "KIR", "KNA", "LBN", "LCA", "LIE", "LUX", "MAC", "MCO", "MDV",
    "MHL", "MLT", "MUS", "NIU", "NRU", "PLW", "PSE", "QAT", "SGP", "SLB", "SMR", "STP", "SYC",
    "TON", "TTO", "TUV", "VAT", "VCT", "VUT", "WSM",
})

# The part of the world each WIPO region covers, as (west, east, south, north) in degrees: the map
# zooms to it when a region filter is set. Asia and the Pacific crosses the antimeridian (Samoa,
# Tonga): its east edge is given past 180 and written back as a negative longitude for plotly.
REGION_BOUNDS = {
    "africa": (-27, 62, -37, 28),
    "arab": (-19, 61, -14, 38),
    "asia_pacific": (44, 190, -30, 54),
    "latin_america_caribbean": (-118, -32, -56, 33),
    "europe_central_asia": (10, 100, 34, 70),
}
WORLD_LATITUDES = (-58, 85)  # Antarctica and the empty far north left out


@dataclass(frozen=True)
class Style:
    lang: str = "en"
    font_size: int = 14
    title_size: int = 18
    tick_size: int = 13  # axis tick labels and the colour bar
    legend_size: int = 13
    value_size: int = 12  # values written on bars; smaller ones are hidden, not shrunk
    line_width: float = 2.5
    marker_size: int = 9
    show_values: bool = True  # write values on marks when there is room
    height: int = 440
    presenting: bool = False  # a shared screen: every value written, none left to hovering

    @classmethod
    def presenter(cls, lang: str = "en") -> "Style":
        """Readable from the back of a room on a 1920x1080 screen: no text under 16 px."""
        return cls(lang=lang, font_size=20, title_size=26, tick_size=18, legend_size=18, value_size=18,
                   line_width=4, marker_size=14, height=560, presenting=True)


def compact_number(value: float, lang: str = "en", digits: int = 1) -> str:
    """5300000 -> '5.3M' (en), '530万' (ja), '5,3 M' (fr). For labels on marks and ticks only."""
    if pd.isna(value):
        return ""
    return format_compact_decimal(value, format_type="short", locale=lang, fraction_digits=digits)


def whole_number(value: float, lang: str = "en") -> str:
    """30840000 -> '30,840,000' (en), '30 840 000' (fr): a stated amount, written in full."""
    return format_decimal(round(value), locale=lang) if pd.notna(value) else ""


def round_ticks(max_value: float, count: int = 5) -> list[float]:
    """Ticks from 0 in round steps (1, 2, 2.5 or 5 x 10^k), about `count` steps, the last at or
    above `max_value`. [0] when there is nothing to scale."""
    if pd.isna(max_value) or max_value <= 0:
        return [0]
    rough = max_value / count
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough * (1 - 1e-9))
    steps = math.ceil(max_value / step - 1e-9)
    return [_tidy(step * i) for i in range(steps + 1)]


def _tidy(value: float) -> float:
    """2000000.0000001 -> 2000000: ticks as exact as their step."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


def year_dtick(span: int, compact: bool = False) -> int:
    """Years between labels on a year axis, so that four-digit labels never collide."""
    every_year, every_other = (6, 12) if compact else (12, 24)
    return 1 if span <= every_year else 2 if span <= every_other else 5


def _year_axis(years: pd.Series, compact: bool = False) -> dict:
    """Whole years only (no 2019.5), labels spaced by the span."""
    span = int(years.max() - years.min()) + 1 if len(years) else 1
    return {"dtick": year_dtick(span, compact), "tick0": 2000, "tickformat": "d"}


def _whole_ticks(max_count: float) -> dict:
    """Whole counts only: plotly steps a 0-2 axis by 0.5 unless told otherwise."""
    ticks = {"tickformat": ",d"}
    if pd.notna(max_count) and max_count <= 10:
        ticks["dtick"] = 1
    return ticks


def _count_axis(max_count: float) -> dict:
    return _whole_ticks(max_count) | {"rangemode": "tozero"}


def _amount_axis(max_value: float, lang: str, count: int = 5) -> dict:
    """Round ticks written as the bars' labels are (2M, 2億, 2 M), ending at the top tick."""
    ticks = round_ticks(max_value, count)
    return {"tickvals": ticks, "ticktext": [compact_number(v, lang, digits=2) for v in ticks],
            "range": [0, ticks[-1] or 1]}


def _layout(fig: Plot, style: Style, title: str = "", **overrides) -> go.Figure:
    """The common look; a builder's own settings override it. The finished figure."""
    layout = {
        "title": {"text": title, "font": {"size": style.title_size}, "yref": "container", "y": 1,
                  "yanchor": "top", "pad": {"t": 12}} if title else None,
        "font": {"size": style.font_size, "family": "Source Sans Pro, Arial, sans-serif"},
        "height": style.height, "margin": {"l": 10, "r": 10, "t": 60 if title else 20, "b": 10},
        # At the figure's foot in container coordinates: plotly grows the bottom margin to hold
        # it under the axis title (at -0.22 of the plot's height it printed over long tick labels).
        "legend": {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0,
                   "traceorder": "normal", "font": {"size": style.legend_size}},
        "hoverlabel": {"font_size": style.font_size},
        "separators": SEPARATORS.get(style.lang, SEPARATORS["en"]),
        # Plotly shrinks text to fit a bar or tile; below this size it is hidden instead.
        "uniformtext": {"minsize": style.value_size, "mode": "hide"},
        "colorway": PALETTE,
    }
    fig.update_layout(**(layout | overrides))
    fig.update_xaxes(tickfont_size=style.tick_size, title_font_size=style.tick_size, automargin=True)
    fig.update_yaxes(tickfont_size=style.tick_size, title_font_size=style.tick_size, automargin=True)
    return fig.figure()


def empty_figure(style: Style, title: str = "") -> go.Figure:
    """What a chart with nothing to draw shows: the empty-state sentence, no axes."""
    fig = Plot()
    fig.add_annotation(text=t("empty.title", style.lang), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": style.font_size})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, style, title, height=min(style.height, 220))


def drawn_marks(fig: go.Figure) -> set[str]:
    """The kinds of mark a figure draws (the `meta` of its traces, plus 'converted' for hatched
    bars), so a caption explains only what the chart shows. Read from the figure's dicts: a
    built figure's plotly objects are made only when asked for (fitjp/plot.py)."""
    traces = fig.to_dict()["data"]
    marks = {trace["meta"] for trace in traces if isinstance(trace.get("meta"), str)}
    if any(trace.get("type") == "bar" and "/" in _shapes(trace) for trace in traces):
        marks.add("converted")
    return marks


def _shapes(trace: dict) -> str:
    shape = trace.get("marker", {}).get("pattern", {}).get("shape")
    return "".join(shape) if isinstance(shape, (list, tuple)) else shape or ""


def funding_history(years: pd.DataFrame, statements: pd.DataFrame, currency: str, style: Style,
                    title: str = "", compact: bool = False) -> go.Figure:
    """Stacked bars per fiscal year and fund, hatched where converted; years with no public
    figure shaded grey and marked; years whose stated amount has no exchange rate marked.
    Below, in its own panel, a line summing documented years and diamonds for the cumulative
    totals sources state. `compact` (a small preview) keeps the funds and the gap marks in the
    legend and drops the milestones."""
    lang, first, last = style.lang, int(years.fiscal_year.min()), int(years.fiscal_year.max())
    fig = Plot.grid(rows=2, cols=1, shared_xaxes=True, row_heights=[0.7, 0.3], vertical_spacing=0.12)
    figures = years.dropna(subset=["fund"])
    drawn = figures[figures.amount.notna()]
    _fund_bars(fig, drawn, currency, style, few_years=years.fiscal_year.nunique() <= 15, compact=compact)
    if style.presenting and style.show_values:
        _year_totals(fig, drawn, style, upright=years.fiscal_year.nunique() <= 15)
    gaps = years[years.is_gap]
    _marks(fig, gaps.fiscal_year, [t("funding.gap_hover", lang, year=y) for y in gaps.fiscal_year],
           t("label.gap_year", lang), "square", style, meta="gap")
    unconverted = figures[figures.amount.isna() & figures.amount_stated.notna()]
    no_rate = {year: "<br>".join(_no_rate_text(row, currency, lang) for row in rows.itertuples())
               for year, rows in unconverted.groupby("fiscal_year", sort=True)}
    _marks(fig, list(no_rate), list(no_rate.values()), t("label.no_rate", lang), "x-thin-open", style,
           meta="no_rate", text=t("label.no_rate_short", lang), text_sides=_inward(list(no_rate), first, last))
    provisional = drawn[drawn.is_provisional.fillna(False).astype(bool)].groupby("fiscal_year").status.first()
    _marks(fig, list(provisional.index),
           [t("funding.provisional_hover", lang, year=year, status=label("status", status, lang))
            for year, status in provisional.items()],
           t("label.provisional", lang), "star", style, meta="provisional")
    top = _cumulative_panel(fig, years, statements, currency, style, compact)
    milestones = [] if compact else _milestone_labels(first, last)
    _milestone_notes(fig, milestones, style)
    # every band and line at once: plotly's add_vrect/add_vline copy the layout per call,
    # which took half of this figure's build
    fig.update_layout(shapes=_gap_bands(gaps.fiscal_year.tolist()) + _milestone_lines(milestones))
    _funding_axes(fig, years, drawn, top, currency, style, compact)
    top_margin = (style.title_size + 30 if title else 16) + (style.tick_size + 12 if milestones else 0)
    # The legend below takes one row per entry on a narrow column (1024 px with the sidebar, a
    # phone): room for it, so the bars keep a readable height.
    legend_room = 0 if compact or style.presenting else 120
    return _layout(fig, style, title, barmode="stack", showlegend=True, height=style.height + legend_room,
                   margin={"l": 10, "r": 10, "t": top_margin, "b": 10})


def _funding_axes(fig: Plot, years: pd.DataFrame, drawn: pd.DataFrame, cumulative_max: float, currency: str,
                  style: Style, compact: bool) -> None:
    """One year axis for both panels; round amount ticks on each panel (no second axis to align)."""
    lang = style.lang
    first, last = years.fiscal_year.min(), years.fiscal_year.max()
    amount_max = drawn.groupby("fiscal_year").amount.sum().max() if len(drawn) else 0
    fig.update_xaxes(range=[first - 0.6, last + 0.6], **_year_axis(years.fiscal_year, compact))
    fig.update_xaxes(title=t("label.fiscal_year", lang), row=2, col=1)
    fig.update_yaxes(title=t("label.amount", lang, currency=currency), row=1, col=1,
                     **_amount_axis(amount_max, lang))
    fig.update_yaxes(row=2, col=1, **_amount_axis(cumulative_max, lang, count=2))  # a short panel: few ticks
    # the lower panel's name, written across its top: a vertical title would not fit its height
    fig.add_annotation(text=t("label.cumulative_axis", lang, currency=currency), xref="x2 domain",
                       yref="y2 domain", x=0, y=1, xanchor="left", yanchor="bottom", showarrow=False,
                       font={"size": style.tick_size})


def _fund_bars(fig: Plot, drawn: pd.DataFrame, currency: str, style: Style, few_years: bool,
               compact: bool) -> None:
    """One bar trace per fund; each bar's hover names the stated amount, status and source."""
    lang = style.lang
    values_fit = style.show_values and (few_years or style.presenting)
    for fund, rows in drawn.groupby("fund", sort=False):
        fig.add_bar(
            x=rows.fiscal_year, y=rows.amount, name=label("fund", fund, lang), width=0.8, row=1, col=1,
            showlegend=True,  # the Overview's small chart too: its colours need their names
            marker=_fund_marker(fund, rows.is_converted),
            # a shared screen gets each year's total above its bars instead (_year_totals)
            text=[compact_number(v, lang) for v in rows.amount] if values_fit and not style.presenting else None,
            textposition="inside", insidetextanchor="middle", textangle=0 if few_years else -90,
            textfont={"size": style.value_size},
            insidetextfont={"size": style.value_size, "color": _value_colours(fund, rows.is_converted)},
            customdata=list(zip([whole_number(v, lang) for v in rows.amount_stated], rows.currency_stated,
                                rows.status.map(lambda s: label("status", s, lang)), rows.source_title)),
            hovertemplate="%{x}: %{y:,.0f} " + currency
                          + "<br>" + t("label.stated", lang) + ": %{customdata[0]} %{customdata[1]}"
                          + " (%{customdata[2]})<br>%{customdata[3]}<extra>%{fullData.name}</extra>")


def _year_totals(fig: Plot, drawn: pd.DataFrame, style: Style, upright: bool) -> None:
    """Each year's total written just above its bars, at full size: a small bar (FY1987, FY2008)
    cannot hold its value inside, and plotly hides a value that does not fit. Turned upright
    only when few years leave room across."""
    totals = drawn.groupby("fiscal_year").amount.sum()
    for year, total in totals.items():
        fig.add_annotation(x=year, y=total, xref="x", yref="y", text=compact_number(total, style.lang),
                           showarrow=False, yanchor="bottom", yshift=2, textangle=0 if upright else -90,
                           font={"size": style.value_size}, name="year_total")


def _fund_marker(fund: str, converted: pd.Series) -> dict:
    """A fund's colour; converted figures hatched in it over a light tint of it, so a value
    written on the bar reads against both the stripes and the ground between them, in either
    theme (plotly's default ground is transparent: the page's white or near-black)."""
    colour = FUND_COLOURS.get(fund, PALETTE[3])
    return {"color": colour,
            "pattern": {"shape": ["/" if c else "" for c in converted], "solidity": 0.4, "fillmode": "replace",
                        "fgcolor": colour, "bgcolor": _tint(colour, 0.75)}}


def _value_colours(fund: str, converted: pd.Series) -> list[str | None]:
    """Black on hatched bars (at least 4:1 on every fund colour and on its tint); plotly's own
    choice (white or black, by the fill) on solid ones."""
    return [HATCHED_TEXT if c else _solid_text(FUND_COLOURS.get(fund, PALETTE[3])) for c in converted]


HATCHED_TEXT = "#000000"


def _solid_text(colour: str) -> str:
    """White or black, whichever contrasts more with the bar's colour (WCAG)."""
    return "#ffffff" if contrast_ratio(colour, "#ffffff") >= contrast_ratio(colour, "#000000") else "#000000"


def _tint(colour: str, amount: float) -> str:
    """`colour` mixed with white: 0 is the colour, 1 is white."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast of two '#rrggbb' colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _no_rate_text(row, currency: str, lang: str) -> str:
    """'JPY 30,840,000 stated; no sourced rate to CHF for FY1987': the figure as stated, no rate invented."""
    return t("funding.no_rate_hover", lang, stated_currency=row.currency_stated,
             amount=whole_number(row.amount_stated, lang), currency=currency, year=row.fiscal_year)


def _cumulative_panel(fig: Plot, years: pd.DataFrame, statements: pd.DataFrame, currency: str,
                      style: Style, compact: bool) -> float:
    """The running sum of documented years and the totals sources state, in the lower panel.
    Returns the panel's largest value, for its ticks."""
    lang = style.lang
    running = years.drop_duplicates("fiscal_year").dropna(subset=["cumulative_documented"])
    if len(running):
        fig.add_scatter(x=running.fiscal_year, y=running.cumulative_documented, mode="lines", row=2, col=1,
                        name=t("label.cumulative", lang), line={"color": LINE_COLOUR, "width": style.line_width},
                        showlegend=not compact, meta="running_sum",
                        hovertemplate="%{x}: %{y:,.0f} " + currency + "<extra>%{fullData.name}</extra>")
    dated = statements.dropna(subset=["fiscal_year"])
    if len(dated):
        fig.add_scatter(x=dated.fiscal_year, y=dated.amount, mode="markers", row=2, col=1,
                        name=t("label.cumulative_stated", lang), showlegend=not compact, meta="stated_total",
                        marker={"symbol": "diamond", "size": style.marker_size + 3, "color": PALETTE[5],
                                "line": {"width": 1, "color": "#000000"}},
                        customdata=list(zip(dated.unit, dated.source_title)),
                        hovertemplate="%{x}: %{y:,.0f} %{customdata[0]}<br>%{customdata[1]}<extra></extra>")
    return max(running.cumulative_documented.max() if len(running) else 0, dated.amount.max() if len(dated) else 0)


def _milestone_labels(first: int, last: int) -> list[tuple[int, int]]:
    """(year, number) per milestone in range, numbered from 1. The chart writes the number at
    the year, the caption the words (milestone_key): a number fits between two milestones four
    years apart at any width, a sentence does not."""
    return [(year, number) for number, year in enumerate((y for y in MILESTONES if first <= y <= last), 1)]


def _milestone_notes(fig: Plot, labels: list[tuple[int, int]], style: Style) -> None:
    """Each milestone's number in a small box above the plot area, where it never covers a bar."""
    for year, number in labels:
        fig.add_annotation(x=year, y=1.0, xref="x", yref="paper", text=str(number), showarrow=False,
                           xanchor="center", yanchor="bottom", yshift=4, name=f"milestone:{year}",
                           borderpad=2, borderwidth=1, bordercolor=GAP_COLOUR,
                           font={"size": style.tick_size})  # the theme's text colour: reads in light and dark


def milestone_key(fig: go.Figure, lang: str) -> str:
    """The caption's key to the numbered milestones a figure draws: '1 1987: first contribution · 2 …'."""
    notes = fig.to_dict()["layout"].get("annotations", [])
    years = [int(a["name"].split(":")[1]) for a in notes if (a.get("name") or "").startswith("milestone:")]
    return " · ".join(f"({number}) {t(f'milestone.{year}', lang)}" for number, year in enumerate(years, 1))


def _milestone_lines(labels: list[tuple[int, int]]) -> list[dict]:
    """A dotted line through both panels at each milestone, behind the bars."""
    return [shape for year, *_ in labels
            for shape in _in_both_panels({"type": "line", "x0": year, "x1": year, "layer": "below",
                                          "line": {"dash": "dot", "color": GAP_COLOUR, "width": 1}})]


def _gap_bands(gap_years: list[int]) -> list[dict]:
    """A light grey band over each run of consecutive years without a public figure, in both panels."""
    runs: list[list[int]] = []
    for year in sorted(gap_years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [shape for run in runs
            for shape in _in_both_panels({"type": "rect", "x0": run[0] - 0.5, "x1": run[-1] + 0.5, "layer": "below",
                                          "fillcolor": GAP_BAND, "line": {"width": 0}})]


def _in_both_panels(shape: dict) -> list[dict]:
    """The shape spanning the full height of the upper (x, y) and the lower (x2, y2) panel."""
    return [shape | {"xref": x, "yref": f"{y} domain", "y0": 0, "y1": 1} for x, y in (("x", "y"), ("x2", "y2"))]


def _inward(years: list[int], first: int, last: int) -> list[str]:
    """Where a mark's label sits: toward the middle of the axis, so a label on the first year
    does not run over the amount axis' tick labels (its '0'), nor one on the last year off the chart."""
    return ["top right" if year - first <= last - year else "top left" for year in years]


def _marks(fig: Plot, years, hover: list[str], name: str, symbol: str, style: Style, meta: str,
           text: str | None = None, text_sides: list[str] | None = None) -> None:
    """Markers on the zero line of the bar panel for years drawn without a bar, each explained
    in the legend (`name`) and in its hover."""
    if not len(years):
        return
    fig.add_scatter(x=list(years), y=[0] * len(years), mode="markers+text" if text else "markers", name=name,
                    row=1, col=1, meta=meta, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                    text=[text] * len(years) if text else None, textposition=text_sides or "top center",
                    textfont={"size": style.value_size, "color": GAP_COLOUR},
                    marker={"symbol": symbol, "size": style.marker_size, "color": "#d9d9d9",
                            "line": {"width": 2, "color": GAP_COLOUR}},
                    cliponaxis=False)


def bars(frame: pd.DataFrame, x: str, y: str, style: Style, x_title: str, y_title: str,
         title: str = "", horizontal: bool = False, colour: str = PALETTE[0], names=None) -> go.Figure:
    """One series of bars, values written on them; `names` turns x values into display names.
    A numeric x is a year: rows without one are left out, not drawn as 'None'."""
    frame = frame.dropna(subset=[x])
    if frame.empty:
        return empty_figure(style, title)
    values, categories = frame[y], frame[x].map(names) if names else frame[x]
    fig = Plot().add_bar(
        x=values if horizontal else categories, y=categories if horizontal else values,
        orientation="h" if horizontal else "v", marker_color=colour,
        text=values if style.show_values else None, textposition="auto", cliponaxis=False,
        textfont={"size": style.value_size},
        hovertemplate="%{label}: %{value:,}<extra></extra>")
    category_axis = {"title": x_title}
    if not horizontal and pd.api.types.is_numeric_dtype(frame[x]):
        category_axis |= _year_axis(frame[x])
    value_axis = {"title": y_title} | _count_axis(values.max())
    if horizontal:
        # The category title written across, over the names: a vertical title is turned 90
        # degrees, and a Japanese one (国) must not be.
        fig.add_annotation(text=x_title, xref="paper", yref="paper", x=0, y=1, xanchor="right", yanchor="bottom",
                           showarrow=False, font={"size": style.tick_size}, name="category_title")
        return _layout(fig, style, title, xaxis=value_axis, showlegend=False,
                       yaxis={"autorange": "reversed"} | {k: v for k, v in category_axis.items() if k != "title"})
    return _layout(fig, style, title, xaxis=category_axis, yaxis=value_axis, showlegend=False)


def stacked_bars(frame: pd.DataFrame, x: str, y: str, series: str, names: dict[str, str], style: Style,
                 x_title: str, y_title: str, title: str = "", barmode: str = "stack") -> go.Figure:
    """Bars per x stacked by series (or side by side: `barmode` "group"), in the order of
    `names` (value -> display name). A numeric x is a year: rows without one are left out."""
    frame = frame.dropna(subset=[x])
    if frame.empty:
        return empty_figure(style, title)
    fig = Plot()
    for index, (value, name) in enumerate(names.items()):
        rows = frame[frame[series].isna()] if value is None else frame[frame[series] == value]
        if rows.empty:
            continue
        # On a shared screen every bar carries a value: side by side, each its own above it;
        # stacked, each stack its total above it (_stack_totals), as a thin segment cannot hold one.
        fig.add_bar(x=rows[x], y=rows[y], name=name, marker_color=PALETTE[index % len(PALETTE)],
                    text=rows[y] if style.presenting and barmode != "stack" else None, textposition="outside",
                    textfont={"size": style.value_size}, cliponaxis=False,
                    hovertemplate="%{x}: %{y:,}<extra>" + name + "</extra>")
    if style.presenting and barmode == "stack":
        _stack_totals(fig, frame.groupby(x, sort=False)[y].sum(), style)
    if pd.api.types.is_numeric_dtype(frame[x]):
        x_axis = {"title": x_title} | _year_axis(frame[x])
    else:  # names in short lines, side by side, rather than turned and crossing each other
        names_shown = list(dict.fromkeys(frame[x]))
        x_axis = {"title": x_title, "tickvals": names_shown, "ticktext": [wrap_label(n, 8) for n in names_shown],
                  "tickangle": 0}
    y_axis = {"title": y_title} | _count_axis(frame.groupby(x)[y].sum().max())
    return _layout(fig, style, title, barmode=barmode, xaxis=x_axis, yaxis=y_axis)


STATEMENT_SYMBOLS = ("circle", "diamond", "square", "triangle-up")


def statements(frame: pd.DataFrame, names: dict[str, str], style: Style, x_title: str, y_title: str,
               title: str = "") -> go.Figure:
    """Dated statements (fitjp/results.py) as points, a series a metric (in the order of
    `names`: metric -> display name), each point one source's figure in the year it is as of.
    No line joins two points: nothing is drawn between what sources said. Two sources stating
    different figures for one year are two points in that year."""
    if frame.empty:
        return empty_figure(style, title)
    fig, lang = Plot(), style.lang
    # Values written beside the points on a shared screen only: on a phone, neighbouring years'
    # values run into each other; a reader there has the hover and the table.
    written = style.show_values and style.presenting
    for index, (metric, name) in enumerate(names.items()):
        rows = frame[frame.metric == metric]
        if rows.empty:
            continue
        fig.add_scatter(
            x=rows.year, y=rows.value, name=name, mode="markers+text" if written else "markers",
            marker={"size": style.marker_size + 3, "color": PALETTE[index % len(PALETTE)],
                    "symbol": STATEMENT_SYMBOLS[index % len(STATEMENT_SYMBOLS)], "line": {"width": 1, "color": "#ffffff"}},
            # two sources stating the same figure for one year are one place: its value written once
            text=[None if repeated else whole_number(v, lang)
                  for v, repeated in zip(rows.value, rows.duplicated(["year", "value"]))] if written else None,
            textposition=_label_positions(rows.year, rows.value, frame.value.max()) if written else "top center",
            textfont={"size": style.value_size}, cliponaxis=False,
            customdata=list(zip(rows.statement_date, rows.unit.fillna(""), rows.source_name)),
            hovertemplate="%{customdata[0]}: %{y:,}<br>%{customdata[1]}<br>%{customdata[2]}<extra>" + name + "</extra>")
    years = frame.year
    # a label every other year at most: a year's room either side leaves ten on a phone's width
    x_axis = {"title": x_title, "range": [years.min() - 1, years.max() + 1]} | _year_axis(years, compact=True)
    y_axis = {"title": y_title} | _count_axis(frame.value.max() * 1.15)  # room for the values above the points
    return _layout(fig, style, title, xaxis=x_axis, yaxis=y_axis, showlegend=True)


def _label_positions(years: pd.Series, values: pd.Series, largest: float) -> list[str]:
    """Each point's value above it, unless a point near it (a year or less apart, at about its
    height) already wrote its value there: then below, so the two do not run into each other
    ("1,8001,800" for 2020 and 2021 on a shared screen)."""
    placed: list[tuple[float, float, str]] = []
    positions = {}
    for index, year, value in sorted(zip(years.index, years, values), key=lambda point: point[1]):
        taken = {position for y, v, position in placed if year - y <= 1 and abs(value - v) <= 0.08 * largest}
        positions[index] = "bottom center" if "top center" in taken and "bottom center" not in taken else "top center"
        placed.append((year, value, positions[index]))
    return [positions[index] for index in years.index]


def _stack_totals(fig: Plot, totals: pd.Series, style: Style) -> None:
    """Each stack's total written just above it, at full size."""
    for category, total in totals.items():
        fig.add_annotation(x=category, y=total, xref="x", yref="y", text=whole_number(total, style.lang),
                           showarrow=False, yanchor="bottom", yshift=2, font={"size": style.value_size},
                           name="stack_total")


def region_bounds(regions) -> tuple[list[float], list[float]] | None:
    """Longitude and latitude ranges covering the given WIPO regions, for the map's zoom; None
    (the whole world) when no region, or 'global', is chosen."""
    boxes = [REGION_BOUNDS[r] for r in regions if r in REGION_BOUNDS]
    if not boxes or len(boxes) < len(regions):
        return None
    west, east = min(b[0] for b in boxes), max(b[1] for b in boxes)
    if east - west >= 340:
        west, east = -180, 180
    south, north = min(b[2] for b in boxes), max(b[3] for b in boxes)
    # plotly reads a west edge greater than the east edge as a range across the antimeridian
    return [west, east - 360 if east > 180 else east], [south, north]


def world_map(frame: pd.DataFrame, value: str, value_title: str, style: Style, title: str = "",
              regions=(), zoom: str | None = None) -> go.Figure:
    """Choropleth of `value` per ISO-3 country; every other country is drawn in light grey.
    Small states also get a clickable marker. With `regions` (WIPO regions), the map zooms to
    them and countries outside them (frame column `wipo_region`) are drawn muted. `zoom` (a
    WIPO region) only zooms: on a phone the world is too small to tap most countries."""
    filtered = region_bounds(regions)
    bounds = region_bounds((zoom,)) if zoom in REGION_BOUNDS else filtered
    inside = frame.wipo_region.isin(regions) if filtered and "wipo_region" in frame else pd.Series(True, frame.index)
    shown, muted = frame[inside], frame[~inside]
    top = shown[value].max() if len(shown) else 1
    scale = {"colorscale": [list(stop) for stop in MAP_SCALE], "cmin": 0, "cmax": top}
    hover = "%{text}: %{z:,}<extra></extra>"
    fig = Plot().add_choropleth(
        locations=shown.iso3, z=shown[value], locationmode="ISO-3", text=shown["name"],
        colorscale=scale["colorscale"], zmin=0, zmax=top, marker={"line": {"color": "#ffffff", "width": 0.4}},
        # under the map, not beside it: the map takes the whole width (on a phone, 40% more)
        colorbar={"title": {"text": value_title, "font": {"size": style.tick_size}, "side": "top"},
                  "orientation": "h", "x": 0.5, "xanchor": "center", "y": 0, "yanchor": "top",
                  "thickness": 16 if style.presenting else 12, "len": 0.75, "lenmode": "fraction",
                  "tickfont": {"size": style.tick_size}, **_whole_ticks(top)},
        unselected={"marker": {"opacity": 1}}, hovertemplate=hover)
    if len(muted):
        fig.add_choropleth(locations=muted.iso3, z=muted[value], locationmode="ISO-3", text=muted["name"],
                           colorscale=[[0, MUTED_COUNTRY], [1, MUTED_COUNTRY]], showscale=False, meta="muted",
                           marker={"line": {"color": "#ffffff", "width": 0.4}}, unselected={"marker": {"opacity": 1}},
                           hovertemplate=hover)
    _small_state_markers(fig, shown, value, style, marker=scale | {"color": shown[value]})
    _small_state_markers(fig, muted, value, style, marker={"color": MUTED_COUNTRY})
    lon_range, lat_range = bounds or (None, list(WORLD_LATITUDES))
    fig.update_geos(resolution=50, showcountries=True, countrycolor="#ffffff", showland=True,
                    landcolor=NO_DATA_LAND, showocean=False, showframe=False, projection_type="natural earth",
                    showcoastlines=False, lataxis_range=lat_range, lonaxis_range=lon_range,
                    bgcolor="rgba(0,0,0,0)")  # the page's own background, light or dark
    # A marker takes a click or tap only on itself (plotly's default reach is 20 px around it),
    # so a tap on a large country never picks a small neighbour's marker.
    legend_room = 2 * style.tick_size + (16 if style.presenting else 12) + 24  # the colour bar's title, bar, ticks
    return _layout(fig, style, title, margin={"l": 0, "r": 0, "t": 40 if title else 0, "b": legend_room},
                   hoverdistance=MARKER_REACH, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")


def _small_state_markers(fig: Plot, frame: pd.DataFrame, value: str, style: Style, marker: dict) -> None:
    """A marker at the centroid of each small state, with the choropleth's hover. Its ISO-3 code
    rides in `customdata`: plotly's selection event (what a click sends to Streamlit) gives a
    scattergeo point no `location`, only its own fields (see clicked_country)."""
    small = frame[frame.iso3.isin(SMALL_STATES)]
    if small.empty:
        return
    if isinstance(marker.get("color"), pd.Series):
        marker = marker | {"color": small[value]}
    fig.add_scattergeo(locations=small.iso3, locationmode="ISO-3", text=small["name"],
                       customdata=list(zip(small.iso3, small[value].tolist())),
                       mode="markers", showlegend=False, meta="small_states",
                       marker=marker | {"size": style.marker_size - 1, "showscale": False,
                                        "line": {"color": "#ffffff", "width": 1}},
                       # a click selects the marker; nothing else on the map fades
                       unselected={"marker": {"opacity": 1}},
                       hovertemplate="%{text}: %{customdata[1]:,}<extra></extra>")


def clicked_country(points) -> str | None:
    """The ISO-3 code of the country a map click picked, from Streamlit's selection points: a
    shape's point carries `location`, a small state's marker its code in `customdata`."""
    for point in points:
        if isinstance(point.get("location"), str) and point["location"]:
            return point["location"]
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and data and isinstance(data[0], str) and data[0]:
            return data[0]
    return None


# The objectives chart's names are wrapped to this many em: a phone's column (about 360 px) at
# the reading type, so no name runs past the chart's edge at any width.
NAME_EM = 22


def objectives_bars(frame: pd.DataFrame, style: Style, title: str = "") -> go.Figure:
    """Programme areas as horizontal bars, grouped under their objective and in the fund's own
    order. Each objective's name and total heads its group; each area's name is written on its
    own line above its bar, across the chart's width, and its count on the bar. A treemap left
    out every name too big for its tile (the 5-activity tile at 1920 px presenting, up to half
    the tiles on a phone); here no name competes with a bar for room, at any width. Objectives
    are coloured as in the Objectives page's trend chart (their place in the fund's list)."""
    lang = style.lang
    line = round(style.font_size * 1.35)  # one line of a name, as plotly spaces lines
    # a bar holds its count upright at full size (in a thinner one plotly turns it, or hides it)
    bar, gap = round(style.value_size * 1.7), round(style.font_size * 0.5)
    fig, y = Plot(), 0
    for index, (objective, rows) in enumerate(frame.groupby("objective", sort=False)):
        total = int(rows.activity_count.sum())
        y += 2 * gap if index else 0
        # the objective's name in bold, line by line, with room on its last line for the total
        head = [f"<b>{part}</b>" for part in wrap_label(label("objective", objective, lang), NAME_EM - 4).split("<br>")]
        head[-1] += f" · {whole_number(total, lang)}"
        fig.add_annotation(text="<br>".join(head), name=f"objective:{objective}", **_name_at(y, style))
        y += line * len(head)
        centres = []
        for area in rows.programme_area:
            name = wrap_label(label("area", area, lang), NAME_EM)
            fig.add_annotation(text=name, name=f"area:{area}", **_name_at(y, style))
            y += line * (name.count("<br>") + 1)
            centres.append(y + bar / 2)
            y += bar + gap
        colour = PALETTE[OBJECTIVES.index(objective) % len(PALETTE)] if objective in OBJECTIVES else PALETTE[-1]
        fig.add_bar(x=rows.activity_count, y=centres, ids=list(rows.programme_area), orientation="h", width=bar,
                    name=label("objective", objective, lang), marker_color=colour,
                    text=rows.activity_count if style.show_values else None,
                    texttemplate="%{x:,}" if style.show_values else None,
                    textposition="auto", textangle=0, textfont={"size": style.value_size}, cliponaxis=False,
                    customdata=[label("area", a, lang) for a in rows.programme_area],
                    hovertemplate="%{customdata}: %{x:,}<extra>%{fullData.name}</extra>")
    # the title wraps to the same column as the names ("Les quatre objectifs du fonds et leurs
    # domaines de programme" ran past the edge of a half-width chart at 1440 px)
    title = wrap_label(title, NAME_EM * style.font_size / style.title_size) if title else ""
    top = style.title_size + 34 + title.count("<br>") * round(style.title_size * 1.3) if title else 0
    hidden = {"visible": False, "fixedrange": True}
    return _layout(fig, style, title, showlegend=False, height=top + y + 4, bargap=0,
                   margin={"l": 0, "r": 0, "t": top, "b": 4},
                   xaxis=hidden | {"range": [0, frame.activity_count.max() or 1]},
                   yaxis=hidden | {"range": [y, 0]})


def _name_at(y: float, style: Style) -> dict:
    """A name written from the chart's left edge down from `y` (px from the top of the bars)."""
    return {"x": 0, "y": y, "xref": "paper", "yref": "y", "xanchor": "left", "yanchor": "top", "align": "left",
            "showarrow": False, "font": {"size": style.font_size}}


def wrap_label(text: str, width: float = 6) -> str:
    """`text` broken at spaces into lines of about `width` em ('Universities,<br>research and
    SMEs'); a word longer than a line keeps its line. Japanese, which has no spaces, is left whole."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and _width_em(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "<br>".join(lines)


def _width_em(text: str) -> float:
    """Rough width of a label in em: Japanese characters are about twice as wide as Latin ones."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)
