"""The story as a PowerPoint deck, opened again with python-pptx: one slide per step with its
title and narration in the chosen language, a native chart whose type and series values are
the figures the views' queries return, and the caption in the notes."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_FILL

from fitjp import db, deck, results
from fitjp.filters import Filters
from fitjp.i18n import LANGUAGES, label, t
from fitjp.story import Step, load_story

DATA_DATE = "2026-11-25"
KINDS = {"funding": XL_CHART_TYPE.COLUMN_STACKED, "map": XL_CHART_TYPE.BAR_CLUSTERED,
         "objectives": XL_CHART_TYPE.BAR_CLUSTERED, "country": XL_CHART_TYPE.COLUMN_CLUSTERED,
         **{f"results_{group}": XL_CHART_TYPE.LINE_MARKERS for group in results.RESULT_GROUPS}}


def describe(filters) -> str:
    return f"years {filters.year_from}-{filters.last_year}, countries {','.join(filters.countries) or 'all'}"


@pytest.fixture(scope="module")
def connection():
    return db.connect()


def opened(connection, lang: str):
    steps = load_story()
    data = deck.deck(deck.story_slides(connection, steps, lang, describe, DATA_DATE))
    return steps, Presentation(io.BytesIO(data))


def chart_of(slide):
    charts = [shape.chart for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1, "one native chart per slide, not a picture"
    return charts[0]


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


@pytest.mark.parametrize("lang", ["en", "ja", "fr", "es"])
def test_one_slide_per_step_with_its_title_narration_and_chart_type(connection, lang):
    steps, presentation = opened(connection, lang)
    assert len(presentation.slides) == len(steps)
    for step, slide in zip(steps, presentation.slides):
        assert slide.shapes.title.text == step.title(lang)
        if step.view == "map":  # the story narrates a world map; the slide holds bars
            count = len(chart_of(slide).plots[0].categories)
            assert t("deck.map_text", lang, count=count) in texts(slide) and step.text(lang) not in texts(slide)
        else:
            assert step.text(lang) in texts(slide)
        assert chart_of(slide).chart_type == KINDS[step.view]
        notes = slide.notes_slide.notes_text_frame.text
        assert describe(replace(step.filters, lang=lang)) in notes and DATA_DATE in notes


def series_values(chart) -> dict[str, list]:
    return {series.name: list(series.values) for series in chart.plots[0].series}


def test_the_funding_slides_hold_the_figures_the_funding_query_returns(connection):
    steps, presentation = opened(connection, "en")
    for step, slide in zip(steps, presentation.slides):
        if step.view != "funding":
            continue
        f = step.filters
        years = db.run(connection, "contributions_by_year", currency=f.currency, funds=list(f.funds),
                       year_from=f.year_from, year_to=f.last_year)
        chart = chart_of(slide)
        assert [int(c) for c in chart.plots[0].categories] == sorted(years.fiscal_year.unique())
        total_in_deck = sum(v for values in series_values(chart).values() for v in values if v is not None)
        assert total_in_deck == pytest.approx(years.amount.sum())
        gap_years = set(years[years.is_gap].fiscal_year)
        for values in series_values(chart).values():
            by_year = dict(zip((int(c) for c in chart.plots[0].categories), values))
            assert all(by_year[y] is None for y in gap_years)  # a gap stays a gap
        assert any(url in slide.notes_slide.notes_text_frame.text for url in years.source_url.dropna())


def test_the_map_objectives_and_country_slides_hold_their_queries_counts(connection):
    steps, presentation = opened(connection, "en")
    views = {step.view: (step, slide) for step, slide in zip(steps, presentation.slides)}
    step, slide = views["map"]
    top = db.run(connection, "activities_by_country", **step.filters.activity_params()).head(10)
    assert series_values(chart_of(slide)) == {"Activities": [float(v) for v in top.activity_count]}
    assert list(chart_of(slide).plots[0].categories)[0] == top.name_en.iloc[0]
    step, slide = views["objectives"]
    areas = db.run(connection, "activities_by_objective", **step.filters.activity_params())
    assert list(series_values(chart_of(slide)).values())[0] == [float(v) for v in areas.activity_count]
    step, slide = views["country"]
    timeline = db.run(connection, "activities_by_year", **step.filters.activity_params())
    chart = chart_of(slide)
    counts = dict(zip(timeline.year.astype(int), timeline.activity_count))
    years = list(range(min(counts), max(counts) + 1))
    assert set(years) > set(counts), "the story's country should have a year without activities"
    assert [int(c) for c in chart.plots[0].categories] == years  # every year, gaps included
    assert list(series_values(chart).values())[0] == [float(counts[y]) if y in counts else None for y in years]


@pytest.mark.parametrize("lang", ["en", "ja", "fr", "es"])
def test_the_map_slide_says_what_its_bars_show(connection, lang):
    steps, presentation = opened(connection, lang)
    step, slide = next((s, sl) for s, sl in zip(steps, presentation.slides) if s.view == "map")
    narration = " ".join(texts(slide))
    assert str(len(chart_of(slide).plots[0].categories)) in narration
    assert "darker" not in narration and step.text(lang) not in narration


def test_a_country_slide_names_countries_in_the_chosen_language(connection):
    steps, presentation = opened(connection, "ja")
    step, slide = next((s, sl) for s, sl in zip(steps, presentation.slides) if s.view == "map")
    top = db.run(connection, "activities_by_country", **step.filters.activity_params()).head(10)
    categories = list(chart_of(slide).plots[0].categories)
    assert len(categories) == len(top) and categories[0] != top.name_en.iloc[0]  # インドネシア, not Indonesia


GROUPS_STATED = [group for group in results.RESULT_GROUPS if group != "modernised"]  # no source states those yet


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("group", GROUPS_STATED)
def test_a_results_slide_holds_every_dated_statement_as_a_point(connection, group, lang):
    """Each statement a point in its year, as on the Results page: no line drawn between two,
    a year no source states an empty cell, and where two sources give one metric different
    figures in one year, both figures are on the slide; the sources are in the notes."""
    step = Step(f"results_{group}", Filters(), {lang: "T"}, {lang: "N"})
    slide = Presentation(io.BytesIO(deck.deck(deck.story_slides(connection, [step], lang, describe, DATA_DATE)))).slides[0]
    chart = chart_of(slide)
    stated = results.dated(results.in_group(db.run(connection, "results_facts", metrics=list(results.METRICS)), group),
                           Filters().year_from, Filters().last_year)
    years = [int(year) for year in chart.plots[0].categories]
    assert years == sorted(int(y) for y in stated.year.unique())
    on_slide = {(name, year, value) for name, values in series_values(chart).items()
                for year, value in zip(years, values) if value is not None}
    expected = {(year, value, metric) for metric, year, value in stated[["metric", "year", "value"]].itertuples(index=False)}
    assert {(year, value) for _, year, value in on_slide} == {(int(y), v) for y, v, _ in expected}
    for name, year, value in on_slide:  # each point under its own metric's name
        metrics = {m for y, v, m in expected if (int(y), v) == (year, value)}
        assert any(name.startswith(label("metric", m, lang)) for m in metrics), (name, year, value)
    for series in chart.plots[0].series:
        assert series.format.line.fill.type == MSO_FILL.BACKGROUND and not series.smooth  # no line: points only
    notes = slide.notes_slide.notes_text_frame.text
    assert all(url in notes for url in stated.source_url.unique())
