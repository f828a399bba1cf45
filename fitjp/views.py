"""The dashboard's main views, each a query, a chart and its caption. Pages compose them,
and the story shows them one step at a time, so a view looks the same wherever it appears."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from fitjp import charts, ui
from fitjp.charts import Style
from fitjp.filters import Filters
from fitjp.i18n import label, organisation, t
from fitjp.text import link


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
             source=f"{t('caption.public_record', lang)}; {organisation(rates.publisher, lang)}")
    if not compact:
        st.caption(" ".join(funding_notes(charts.drawn_marks(fig), filters.currency, rates, lang)))
        if key_line := charts.milestone_key(fig, lang):
            st.caption(key_line)
    return years


def funding_notes(marks: set[str], currency: str, rates, lang: str) -> list[str]:
    """The sentences explaining the funding chart's marks: only those the figure draws."""
    notes = {
        "converted": lambda: t("funding.hatched_note", lang, source=organisation(rates.publisher, lang), first=rates.first_year,
                               last=rates.last_year),
        "no_rate": lambda: t("funding.no_rate_note", lang, currency=currency, first=rates.first_year),
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
    fig = ui.shared(("world_map", ui.hashable(filters.activity_params()), metric, style, title, zoom),
                    lambda: charts.world_map(ui.localized_countries(by_country).dropna(subset=[metric]), metric,
                                             value_title, style, title=title, regions=filters.regions, zoom=zoom))
    event = ui.chart(fig, filters, alt=title, key=key, on_select="rerun", selection_mode="points")
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
    ui.chart(fig, filters, alt=t("map.top", lang, count=len(by_country)), key=key)


def objectives(filters: Filters, style: Style, key: str) -> bool:
    """The four objectives and their programme areas, sized by activities. False when empty."""
    lang = style.lang
    by_area = ui.query("activities_by_objective", **filters.activity_params())
    if by_area.empty:
        ui.empty_state()
        return False
    fig = ui.shared(("objectives", ui.hashable(filters.activity_params()), style),
                    lambda: charts.objectives_bars(by_area, style, title=t("objectives.hierarchy", lang)))
    ui.chart(fig, filters, alt=t("objectives.hierarchy", lang), key=key)
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
    ui.chart(fig, filters, alt=t("country.timeline", lang), key=key)


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
    ui.chart(fig, filters, alt=t("country.types", lang), key=key)


def compact(style: Style, height: int) -> Style:
    """The same style in a smaller frame."""
    return replace(style, height=height)
