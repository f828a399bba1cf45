"""The story as a PowerPoint deck a presenter can edit: one slide per step of data/story.csv,
its title and narration in the chosen language, the step's chart as a native PowerPoint
chart holding its data (not a picture: restyle it, or open its data sheet), and in the
slide's notes the caption every chart has in the app: filters, data date and sources.

The charts' figures come from the queries the app's views run for the same step, so the
deck and the Story page agree. Pure: no Streamlit; the page passes the connection, the words
for filters (`describe`) and the data date.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import Callable

import duckdb
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from fitjp import db, results
from fitjp.countries import localized_territory
from fitjp.filters import Filters
from fitjp.i18n import label, t
from fitjp.story import Step

TOP_COUNTRIES = 10  # as the Story page's map step lists them beside the map
WIDE = (Inches(13.333), Inches(7.5))  # 16:9, as a projector shows it
TITLE_ONLY_LAYOUT = 5  # of python-pptx's default template: a real title placeholder, read by screen readers


@dataclass(frozen=True)
class SlideChart:
    kind: XL_CHART_TYPE
    title: str
    categories: list
    series: list[tuple[str, list]]  # (name, one value per category; None where no figure exists)
    number_format: str = "#,##0"


@dataclass(frozen=True)
class Slide:
    title: str
    text: str
    chart: SlideChart | None
    notes: str


def story_slides(connection: duckdb.DuckDBPyConnection, steps: list[Step], lang: str,
                 describe: Callable[[Filters], str], data_as_of: str) -> list[Slide]:
    """One slide per step: the step's words in `lang` and its view's chart."""
    slides = []
    for step in steps:
        filters = replace(step.filters, lang=lang, present=False)
        chart, sources = CHARTS[step.view](connection, filters, lang)
        notes = [t("caption.filters", lang, filters=describe(filters)), t("caption.data", lang, date=data_as_of),
                 t("caption.source", lang, source=t("caption.public_record", lang)), *sources]
        slides.append(Slide(step.title(lang), narration(step, chart, lang), chart, "\n".join(notes)))
    return slides


def narration(step: Step, chart: SlideChart, lang: str) -> str:
    """The step's words, unless they describe a view the slide cannot hold: the story's map
    step narrates a world map ("the darker the country"), and a slide draws its countries as
    bars, so the slide says what its bars show."""
    if step.view == "map":
        return t("deck.map_text", lang, count=len(chart.categories))
    return step.text(lang)


def funding_chart(connection, filters: Filters, lang: str) -> tuple[SlideChart, list[str]]:
    """Contributions per fiscal year, a series per fund, stacked as the app's funding chart;
    a year without a public figure is an empty column, as it is a gap in the app."""
    years = db.run(connection, "contributions_by_year", currency=filters.currency, funds=list(filters.funds),
                   year_from=filters.year_from, year_to=filters.last_year)
    categories = sorted(years.fiscal_year.unique().tolist())
    figures = years.dropna(subset=["fund"])
    series = []
    for fund in figures.fund.unique():
        by_year = dict(zip(figures[figures.fund == fund].fiscal_year, figures[figures.fund == fund].amount))
        series.append((label("fund", fund, lang), [none_if_missing(by_year.get(y)) for y in categories]))
    shown = figures.dropna(subset=["amount"]).drop_duplicates("source_url")
    sources = [f"- {row.source_title}: {row.source_url}" for row in shown.itertuples()]
    return SlideChart(XL_CHART_TYPE.COLUMN_STACKED, t("funding.title", lang, currency=filters.currency),
                      [int(y) for y in categories], series), sources


def none_if_missing(value):
    return None if value is None or value != value else float(value)  # NaN != NaN


def countries_chart(connection, filters: Filters, lang: str) -> tuple[SlideChart, list[str]]:
    """The countries with most activities, as the Story page lists them beside its map."""
    top = db.run(connection, "activities_by_country", **filters.activity_params()).head(TOP_COUNTRIES)
    iso2 = dict(zip(*db.run(connection, "countries_list")[["iso3", "iso2"]].T.values))
    names = [localized_territory(iso2.get(row.iso3), lang, row.name_en) for row in top.itertuples()]
    return SlideChart(XL_CHART_TYPE.BAR_CLUSTERED, t("map.top", lang, count=len(top)), names,
                      [(t("label.activities", lang), top.activity_count.tolist())]), []


def objectives_chart(connection, filters: Filters, lang: str) -> tuple[SlideChart, list[str]]:
    """Activities per programme area, in the fund's own order, as the app's objectives chart shows them."""
    areas = db.run(connection, "activities_by_objective", **filters.activity_params())
    names = [f"{label('area', row.programme_area, lang)} ({label('objective', row.objective, lang)})"
             for row in areas.itertuples()]
    return SlideChart(XL_CHART_TYPE.BAR_CLUSTERED, t("objectives.hierarchy", lang), names,
                      [(t("label.activities", lang), areas.activity_count.tolist())]), []


def country_chart(connection, filters: Filters, lang: str) -> tuple[SlideChart, list[str]]:
    """The country's activities per year, as its profile's timeline: every year from its first
    to its last, a year without a documented activity an empty column, as on the profile's
    year axis (a category axis would otherwise close the gap and join 2013 to 2019)."""
    timeline = db.run(connection, "activities_by_year", **filters.activity_params()).dropna(subset=["year"])
    counts = dict(zip(timeline.year.astype(int), timeline.activity_count))
    years = list(range(min(counts), max(counts) + 1)) if counts else []
    return SlideChart(XL_CHART_TYPE.COLUMN_CLUSTERED, t("country.timeline", lang), years,
                      [(t("label.activities", lang), [none_if_missing(counts.get(y)) for y in years])]), []


def results_chart(group: str):
    """A group of results as the Results page draws it: a point per statement in the year it is
    as of, nothing drawn between two (the slide's lines are hidden, add_chart). Where sources
    give one metric different figures in one year, the other figures are a series of their own,
    so that both show; the statements' sources go in the notes."""
    def chart(connection, filters: Filters, lang: str) -> tuple[SlideChart, list[str]]:
        stated = results.in_group(db.run(connection, "results_facts", metrics=list(results.METRICS)), group)
        shown = results.dated(stated, filters.year_from, filters.last_year)
        years = sorted(int(year) for year in shown.year.unique())
        series = []
        for metric in results.RESULT_GROUPS[group]:
            values = shown[shown.metric == metric].groupby("year").value.unique()
            for rank in range(max((len(v) for v in values), default=0)):
                by_year = {int(year): v[rank] for year, v in values.items() if rank < len(v)}
                name = label("metric", metric, lang) if rank == 0 else \
                    f"{label('metric', metric, lang)} ({t('deck.another_source', lang)})"
                series.append((name, [none_if_missing(by_year.get(year)) for year in years]))
        sources = [f"- {row.source_name}: {row.source_url}" for row in shown.drop_duplicates("source_url").itertuples()]
        return SlideChart(XL_CHART_TYPE.LINE_MARKERS, t(f"results.group_{group}", lang), years, series), sources
    return chart


CHARTS = {"funding": funding_chart, "map": countries_chart, "objectives": objectives_chart, "country": country_chart,
          **{f"results_{group}": results_chart(group) for group in results.RESULT_GROUPS}}


def deck(slides: list[Slide]) -> bytes:
    """The .pptx file: 16:9, a title, the narration and the chart on each slide."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDE
    for content in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
        slide.shapes.title.text = content.title
        place_title(slide)
        narration = slide.shapes.add_textbox(Inches(0.6), Inches(1.35), Inches(12.1), Inches(1.1)).text_frame
        narration.word_wrap = True
        narration.text = content.text
        narration.paragraphs[0].font.size = Pt(20)
        if content.chart:
            add_chart(slide, content.chart)
        slide.notes_slide.notes_text_frame.text = content.notes
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def place_title(slide) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Inches(0.6), Inches(0.3), Inches(12.1), Inches(1.0)
    title.text_frame.paragraphs[0].font.size = Pt(34)


def add_chart(slide, chart: SlideChart) -> None:
    data = CategoryChartData(number_format=chart.number_format)
    data.categories = chart.categories
    for name, values in chart.series:
        data.add_series(name, values)
    frame = slide.shapes.add_chart(chart.kind, Inches(0.6), Inches(2.5), Inches(12.1), Inches(4.8), data)
    drawn = frame.chart
    drawn.has_title = True
    drawn.chart_title.text_frame.text = chart.title
    drawn.chart_title.text_frame.paragraphs[0].font.size = Pt(18)
    drawn.font.size = Pt(14)
    drawn.has_legend = len(chart.series) > 1
    if drawn.has_legend:
        drawn.legend.position, drawn.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    format_axes(drawn, chart)
    if chart.kind == XL_CHART_TYPE.LINE_MARKERS:  # statements are points: no line between two
        for series in drawn.plots[0].series:
            series.format.line.fill.background()
            series.smooth = False
    if chart.kind == XL_CHART_TYPE.BAR_CLUSTERED:
        drawn.category_axis.reverse_order = True  # the first (largest) at the top, as the app draws it
    if len(chart.series) == 1:  # one series: its values written on the bars, as presenter mode does
        plot = drawn.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format, plot.data_labels.number_format_is_linked = chart.number_format, False


def format_axes(drawn, chart: SlideChart) -> None:
    """Values written as the app writes them (30,840,000, not 30840000), whole steps for small
    counts, and every category named: PowerPoint skips labels it thinks crowded."""
    values = drawn.value_axis
    values.tick_labels.number_format, values.tick_labels.number_format_is_linked = chart.number_format, False
    largest = max((v for _, series in chart.series for v in series if v is not None), default=0)
    if largest <= 10:
        values.major_unit = 1
    drawn.category_axis.tick_labels.font.size = Pt(12 if len(chart.categories) > 6 else 14)
    axis = drawn.category_axis._element
    # the chart schema's order: tickLblSkip comes before noMultiLvlLbl, or PowerPoint repairs the file
    axis.find(qn("c:noMultiLvlLbl")).addprevious(axis.makeelement(qn("c:tickLblSkip"), {"val": "1"}))
