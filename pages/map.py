"""Regions and countries: where the documented activities went."""

import streamlit as st

from fitjp import charts, ui, views
from fitjp.chartdata import Column
from fitjp.filters import MAP_METRICS, MAP_ZOOMS
from fitjp.i18n import label, t
from fitjp.record.schema import ACTIVITY_REGIONS

MULTI_ROWS = 500  # the multi-country table lists the newest; a table of 300,000 rows helps no reader

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.map", filters)
params = filters.activity_params()

# The page's own choices live in the URL like the filters: /map?metric=participants&zoom=africa
ui.page_param("metric", MAP_METRICS, "map_metric", default="activities")
metric_choice = st.segmented_control(t("map.metric", lang), list(MAP_METRICS), key="map_metric",
                                     format_func=lambda m: t("map.metric_activities", lang) if m == "activities"
                                                           else t("map.metric_participants", lang)) or "activities"
ui.write_page_param("metric", None if metric_choice == "activities" else metric_choice)
# On a phone the whole world is too small to tap most countries: the reader zooms to a region.
ui.page_param("zoom", MAP_ZOOMS, "map_zoom", default="world")
zoom = st.segmented_control(t("map.zoom", lang), ("world", *MAP_ZOOMS), key="map_zoom",
                            format_func=lambda r: t("map.zoom_world", lang) if r == "world"
                                                  else label("region", r, lang)) or "world"
ui.write_page_param("zoom", None if zoom == "world" else zoom)

left, right = st.columns([3, 2])
with left:
    if not views.activity_map(filters, style, key="world_map", metric=MAP_METRICS[metric_choice], zoom=zoom):
        st.stop()
    names = ui.country_names(lang)
    picked = ui.country_selectbox(t("map.pick", lang), sorted(ui.query("activities_by_country", **params).iso3,
                                                              key=names.get),
                                  names, lang, key="map_country_pick", placeholder=t("map.click", lang))
    if picked:
        ui.open_country(filters, picked)
with right:
    if filters.present:  # the map's values written out: nothing hides behind a hover
        views.top_countries(filters, style, key="top_countries")
    st.header(t("map.multi", lang))
    st.caption(t("map.multi_help", lang))
    multi = ui.labelled_values(ui.query("multi_country_table", **params, limit=MULTI_ROWS), scope="scope")
    ui.table(multi, {
        "year": st.column_config.NumberColumn(t("label.year", lang), format="%d", width="small"),
        "title": st.column_config.TextColumn(t("label.title", lang)),
        "scope": st.column_config.TextColumn(t("label.scope", lang)),
        "beneficiaries_as_stated": st.column_config.TextColumn(t("label.beneficiaries_as_stated", lang)),
        **ui.source_columns(lang),
    }, height=520)
    if len(multi) == MULTI_ROWS:  # the table holds the newest; say how many there are
        totals = ui.query("activity_totals", **params).iloc[0]
        st.caption(t("map.multi_limited", lang, shown=ui.number(MULTI_ROWS),
                     total=ui.number(totals.activity_count - totals.national_count)))

st.header(t("map.by_region", lang))
scheme = st.segmented_control(t("map.scheme", lang), ["wipo", "un"], default="wipo", key="map_scheme",
                              format_func=lambda s: t(f"scheme.{s}", lang)) or "wipo"
if scheme == "wipo":
    regions = ui.query("activities_by_wipo_region_year", **params)
    names = {r: label("region", r, lang) for r in ACTIVITY_REGIONS}
else:
    regions = ui.query("activities_by_un_region_year", **params)
    names = {r: ui.region_name(r) for r in sorted(regions.region.dropna().unique())} | \
            {None: t("label.unattributed", lang)}
fig = ui.shared(("regions_over_time", ui.hashable(params), scheme, style),
                lambda: charts.stacked_bars(regions, "year", "activity_count", "region", names, style,
                                            t("label.year", lang), t("label.activities", lang)))
ui.chart(fig, filters, alt=t("map.by_region", lang), key="regions_over_time",
         data=views.stacked_data("activities-per-region", t("map.by_region", lang), regions,
                                 Column("year", t("label.year", lang), is_year=True), "region", names, t("label.region", lang), lang))
