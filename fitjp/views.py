"""The dashboard's main views, each a query, a chart and its caption. Pages compose them,
and the story shows them one step at a time, so a view looks the same wherever it appears."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from fitjp import charts, results, ui
from fitjp.chartdata import ChartData, Column
from fitjp.charts import Style
from fitjp.filters import Filters, current_year
from fitjp.i18n import label, organisation, t
from fitjp.text import inert, link


def funding_history(filters: Filters, style: Style, key: str, compact: bool = False) -> pd.DataFrame:
    """Contributions per fiscal year by fund, in the chosen currency. Returns the figures shown."""
    lang = style.lang
    years = ui.query("contributions_by_year", currency=filters.currency, funds=list(filters.funds),
                     year_from=filters.year_from, year_to=filters.last_year)
    statements = ui.query("cumulative_statements", currency=filters.currency, year_from=filters.year_from,
                          year_to=filters.last_year)
    rates = ui.query("fx_rate_source").iloc[0]
    title = "" if compact else t("funding.title", lang, currency=filters.currency)
    fig = ui.shared(("funding_history", filters.currency, filters.funds, filters.year_from, filters.last_year, style,
                     title, compact),
                    lambda: charts.funding_history(years, statements, filters.currency, style, title=title,
                                                   compact=compact))
    ui.chart(fig, filters, alt=t("funding.title", lang, currency=filters.currency), key=key,
             source=f"{t('caption.public_record', lang)}; {organisation(rates.publisher, lang)}",
             data=funding_data(years, filters.currency, lang))
    if not compact:
        st.caption(" ".join(funding_notes(charts.drawn_marks(fig), filters.currency, rates, lang)))
        if key_line := charts.milestone_key(fig, lang):
            st.caption(key_line)
        ui.glossary_links("fiscal_year", "funds_in_trust", "currencies", "gaps")
    return years


def funding_data(years: pd.DataFrame, currency: str, lang: str) -> ChartData:
    """The funding chart's bars as rows: a year with no public figure, or a stated amount with
    no exchange rate, says so instead of holding a number."""
    notes = years.is_gap.map({True: t("label.gap_year", lang), False: None})
    notes = notes.where(~years.lacks_rate.fillna(False).astype(bool), t("label.no_rate", lang))
    notes = notes.where(~years.is_provisional.fillna(False).astype(bool), t("label.provisional", lang))
    return ChartData("funding-history", t("funding.title", lang, currency=currency), years.assign(note=notes), (
        Column("fiscal_year", t("label.fiscal_year", lang), is_year=True),
        Column("fund", t("label.fund", lang), lambda v: label("fund", v, lang)),
        Column("amount", t("label.amount", lang, currency=currency)),
        Column("amount_stated", t("label.stated", lang)),
        Column("currency_stated", t("label.currency", lang)),
        Column("status", t("label.status", lang), lambda v: label("status", v, lang)),
        Column("note", t("label.note", lang)),
        Column("cumulative_documented", t("label.cumulative_axis", lang, currency=currency)),
        Column("source_title", t("label.source", lang))))


def counts_data(name: str, title: str, rows: pd.DataFrame, category: Column, lang: str,
                count: str = "activity_count") -> ChartData:
    """A chart of activity counts per category (a year, a type, a country) as rows."""
    return year_not_over(ChartData(name, title, rows, (category, Column(count, t("label.activities", lang)))), lang)


def year_not_over(data: ChartData, lang: str) -> ChartData:
    """Counts per calendar year: the year under way is provisional, as its count can still
    grow. Its rows say so in the table and the CSV, and a note under the chart."""
    year = next((column.name for column in data.columns if column.is_year), None)
    if year is None:
        return data
    current = current_year()
    partial = data.rows[year] == current
    if not partial.any():
        return data
    rows = data.rows.assign(provisional=partial.map({True: t("label.year_not_over", lang), False: None}))
    return replace(data, rows=rows, columns=(*data.columns, Column("provisional", t("label.provisional_heading", lang))),
                   note=t("chart.year_not_over", lang, year=current))


def stacked_data(name: str, title: str, rows: pd.DataFrame, x: Column, series: str, names: dict, heading: str,
                 lang: str) -> ChartData:
    """A chart of bars stacked (or grouped) by series as rows: the rows charts.stacked_bars draws,
    those with an x and a series it names (None for rows without one), named as its legend names them."""
    drawn = rows.dropna(subset=[x.name])
    drawn = drawn[drawn[series].isin([k for k in names if k is not None])
                  | (drawn[series].isna() if None in names else False)]
    legend = drawn[series].map(lambda v: names[None] if pd.isna(v) else names[v])
    return year_not_over(ChartData(name, title, drawn.assign(series_name=legend), (
        x, Column("series_name", heading), Column("activity_count", t("label.activities", lang)))), lang)


def funding_notes(marks: set[str], currency: str, rates, lang: str) -> list[str]:
    """The sentences explaining the funding chart's marks: only those the figure draws."""
    notes = {
        "converted": lambda: t("funding.hatched_note", lang, source=organisation(rates.publisher, lang), first=rates.first_year,
                               last=rates.last_year),
        "no_rate": lambda: t("funding.no_rate_note", lang, currency=currency, first=rates.first_year),
        "provisional": lambda: t("funding.provisional_note", lang),
        "running_sum": lambda: t("funding.line_note", lang),
        "stated_total": lambda: t("funding.diamonds_note", lang),
    }
    return [note() for mark, note in notes.items() if mark in marks]


def activity_map(filters: Filters, style: Style, key: str, metric: str = "activity_count",
                 zoom: str | None = None) -> bool:
    """Choropleth of activities (or national participants) per country, with the UN map
    disclaimer. A click on a country or a small state's marker opens its profile. False when
    nothing matches."""
    lang = style.lang
    by_country = ui.query("activities_by_country", **filters.activity_params())
    if by_country.empty:
        ui.empty_state()
        return False
    if metric == "national_participants":
        title, value_title = t("map.title_participants", lang), t("label.participants", lang)
    else:
        title, value_title = t("map.title", lang), t("label.activities", lang)
    shown = ui.localized_countries(by_country).dropna(subset=[metric])
    fig = ui.shared(("world_map", ui.hashable(filters.activity_params()), metric, style, title, zoom),
                    lambda: charts.world_map(shown, metric, value_title, style, title=title, regions=filters.regions,
                                             zoom=zoom))
    data = ChartData("map-" + metric.replace("_", "-"), title, shown, (
        Column("name", t("label.country", lang)), Column("iso3", "ISO 3166-1"),
        Column("wipo_region", t("label.region", lang), lambda v: label("region", v, lang)),
        Column(metric, value_title)))
    event = ui.chart(fig, filters, alt=title, key=key, on_select="rerun", selection_mode="points", data=data)
    muted = [t("map.muted", lang)] if "muted" in charts.drawn_marks(fig) else []
    st.caption(" ".join([t("map.grey", lang), *muted, t("map.disclaimer", lang)]))
    clicked = charts.clicked_country(event.selection.points) if event else None
    if clicked:
        ui.open_country(filters, clicked)
    return True


def top_countries(filters: Filters, style: Style, key: str, limit: int = 10) -> None:
    """The countries with most activities as labelled bars: the map's values, readable
    without hovering (presenter mode)."""
    lang = style.lang
    by_country = ui.query("activities_by_country", **filters.activity_params()).head(limit)
    if by_country.empty:
        return
    fig = ui.shared(("top_countries", ui.hashable(filters.activity_params()), limit, style),
                    lambda: charts.bars(ui.localized_countries(by_country), "name", "activity_count", style,
                                        t("label.country", lang), t("label.activities", lang),
                                        title=t("map.top", lang, count=len(by_country)), horizontal=True))
    title = t("map.top", lang, count=len(by_country))
    ui.chart(fig, filters, alt=title, key=key,
             data=counts_data("top-countries", title, ui.localized_countries(by_country),
                              Column("name", t("label.country", lang)), lang))


def objectives(filters: Filters, style: Style, key: str) -> bool:
    """The four objectives and their programme areas, sized by activities. False when empty."""
    lang = style.lang
    by_area = ui.query("activities_by_objective", **filters.activity_params())
    if by_area.empty:
        ui.empty_state()
        return False
    fig = ui.shared(("objectives", ui.hashable(filters.activity_params()), style),
                    lambda: charts.objectives_bars(by_area, style, title=t("objectives.hierarchy", lang)))
    title = t("objectives.hierarchy", lang)
    ui.chart(fig, filters, alt=title, key=key, data=ChartData("objectives", title, by_area, (
        Column("objective", t("label.objective", lang), lambda v: label("objective", v, lang)),
        Column("programme_area", t("label.area", lang), lambda v: label("area", v, lang)),
        Column("activity_count", t("label.activities", lang)))))
    return True


def country_summary(filters: Filters, style: Style, iso3: str) -> bool:
    """A country's name, regions, LDC status and key figures. False when it has no activity."""
    lang = style.lang
    profile = ui.query("country_profile", iso3=iso3, today=ui.today()).iloc[0]
    periods = ui.query("ldc_periods", iso3=iso3)
    name = ui.country_name(iso3, profile.name_en)
    st.header(name)
    regions = [label("region", profile.wipo_region, lang) if pd.notna(profile.wipo_region) else None,
               ui.region_name(profile.un_subregion)]
    st.markdown(" · ".join([r for r in regions if r] + [f"**{t(f'country.{profile.ldc_status}', lang)}**"]))
    if len(periods):
        spans = [t("country.ldc_period", lang, start=p.ldc_from, end=p.ldc_until or t("country.ldc_today", lang))
                 for p in periods.itertuples()]
        st.caption(t("country.ldc_periods", lang, periods="; ".join(spans))
                   + " — " + link(periods.source_title.iloc[0], periods.source_url.iloc[0]))
    ui.glossary_links("ldc")  # the status above names the list, on it or not
    totals = ui.query("activity_totals", **filters.activity_params()).iloc[0]
    if not totals.activity_count:
        st.info(t("country.none", lang, country=name) + " " + t("empty.hint", lang))
        return False
    first, involved, national, wider = st.columns(4)
    first.metric(t("country.first", lang), int(totals.first_year) if pd.notna(totals.first_year) else "–",
                 border=True)
    involved.metric(t("country.activities", lang), ui.number(totals.activity_count), border=True)
    national.metric(t("country.national", lang), ui.number(totals.national_count), border=True)
    wider.metric(t("country.multi", lang), ui.number(totals.activity_count - totals.national_count), border=True)
    return True


def country_timeline(filters: Filters, style: Style, key: str) -> None:
    lang = style.lang
    timeline = ui.query("activities_by_year", **filters.activity_params())
    if timeline.empty:  # no axes from -1 to 4 around nothing
        ui.empty_state()
        return
    fig = ui.shared(("country_timeline", ui.hashable(filters.activity_params()), style),
                    lambda: charts.bars(timeline, "year", "activity_count", style, t("label.year", lang),
                                        t("label.activities", lang), title=t("country.timeline", lang)))
    ui.chart(fig, filters, alt=t("country.timeline", lang), key=key,
             data=counts_data("activities-per-year", t("country.timeline", lang), timeline.dropna(subset=["year"]),
                              Column("year", t("label.year", lang), is_year=True), lang))


def activity_types(filters: Filters, style: Style, key: str) -> None:
    lang = style.lang
    types = ui.query("activities_by_type", **filters.activity_params())
    if types.empty:
        ui.empty_state()
        return
    fig = ui.shared(("activity_types", ui.hashable(filters.activity_params()), style),
                    lambda: charts.bars(types, "activity_type", "activity_count", style, t("label.type", lang),
                                        t("label.activities", lang), title=t("country.types", lang), horizontal=True,
                                        names=lambda v: label("type", v, lang)))
    ui.chart(fig, filters, alt=t("country.types", lang), key=key,
             data=counts_data("activity-types", t("country.types", lang), types.dropna(subset=["activity_type"]),
                              Column("activity_type", t("label.type", lang), lambda v: label("type", v, lang)), lang))


def results_group(filters: Filters, style: Style, group: str, key: str) -> None:
    """One group of results (results.RESULT_GROUPS) as sources state them: a point per
    statement in the year it is as of, its sources and quotes in its table; where sources
    disagree, both said; a statement with no date listed under the chart."""
    lang = style.lang
    stated = results.in_group(ui.query("results_facts", metrics=list(results.METRICS)), group)
    if stated.empty:
        st.info(t("results.none", lang))
        return
    shown = results.dated(stated, filters.year_from, filters.last_year)
    if shown.empty:
        ui.empty_state()
    else:
        title = t(f"results.group_{group}", lang)
        names = {metric: label("metric", metric, lang) for metric in results.RESULT_GROUPS[group]}
        fig = ui.shared(("results", group, filters.year_from, filters.last_year, style),
                        # no title in the figure: the section's heading, or the story's, names it
                        lambda: charts.statements(shown, names, style, t("label.year", lang), t("results.stated", lang)))
        ui.chart(fig, filters, alt=title, key=key, source=t("results.source", lang),
                 data=ChartData(f"results-{group}", title, shown, (
                     Column("year", t("label.year", lang), is_year=True),
                     Column("metric", t("sources.metric", lang), lambda m: label("metric", m, lang)),
                     Column("value", t("results.stated", lang)),
                     Column("unit", t("results.unit", lang)),
                     Column("statement_date", t("sources.statement_date", lang)),
                     Column("source_name", t("label.source", lang)),
                     Column("quote_text", t("label.quote", lang)))))
    for metric, year, rows in results.disagreements(shown):
        said = "; ".join(f"{ui.number(r.value)} ({inert(r.source_name)}, {inert(r.statement_date)})"
                         for r in rows.itertuples())
        st.warning(t("results.disagree", lang, metric=label("metric", metric, lang), year=year, said=said))
    for row in results.undated(stated).itertuples():
        st.caption(t("results.undated", lang, metric=label("metric", row.metric, lang), value=ui.number(row.value),
                     unit=inert(row.unit or ""), date=inert(row.statement_date or ""))
                   + " — " + link(row.source_name, row.source_url))


def compact(style: Style, height: int) -> Style:
    """The same style in a smaller frame."""
    return replace(style, height=height)
