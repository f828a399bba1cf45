"""Regions and countries: where the documented activities went."""

import streamlit as st

from fitjp import charts, ui
from fitjp.i18n import label, t
from fitjp.schema import ACTIVITY_REGIONS

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.map", filters)
params = filters.activity_params()

by_country = ui.query("activities_by_country", **params)
if by_country.empty:
    ui.empty_state()
    st.stop()

metric = st.segmented_control(t("map.metric", lang), ["activity_count", "national_participants"],
                              format_func=lambda m: t("map.metric_activities" if m == "activity_count"
                                                      else "map.metric_participants", lang),
                              default="activity_count", key="map_metric") or "activity_count"
metric_title = t("label.activities" if metric == "activity_count" else "label.participants", lang)

left, right = st.columns([3, 2])
with left:
    fig = charts.world_map(by_country.dropna(subset=[metric]), metric, metric_title, style,
                           title=t("map.title", lang))
    event = ui.chart(fig, filters, alt=t("map.title", lang), key="world_map", on_select="rerun",
                     selection_mode="points")
    st.caption(t("map.grey", lang) + " " + t("map.disclaimer", lang))
    clicked = [p.get("location") for p in (event.selection.points if event else []) if p.get("location")]
    if clicked:
        ui.open_country(filters, clicked[0])
    picked = st.selectbox(t("map.pick", lang), list(by_country.sort_values("name_en").iso3),
                          format_func=dict(zip(by_country.iso3, by_country.name_en)).get, index=None,
                          placeholder=t("map.click", lang), key="map_country_pick")
    if picked:
        ui.open_country(filters, picked)
with right:
    st.subheader(t("map.multi", lang))
    st.caption(t("map.multi_help", lang))
    multi = ui.labelled(ui.query("multi_country_activities", **params), scope="scope")
    st.dataframe({
        t("label.year", lang): multi.year,
        t("label.title", lang): multi.title,
        t("label.scope", lang): multi.scope,
        t("label.beneficiaries_as_stated", lang): multi.beneficiaries_as_stated,
        t("label.source", lang): multi.source_url,
    }, hide_index=True, height=520, width="stretch", column_config={
        t("label.year", lang): st.column_config.NumberColumn(format="%d", width="small"),
        t("label.source", lang): st.column_config.LinkColumn(display_text=t("label.open_source", lang)),
    })

st.subheader(t("map.by_region", lang))
scheme = st.segmented_control(t("map.scheme", lang), ["wipo", "un"], default="wipo", key="map_scheme",
                              format_func=lambda s: t(f"scheme.{s}", lang)) or "wipo"
if scheme == "wipo":
    regions = ui.query("activities_by_wipo_region_year", **params)
    names = {r: label("region", r, lang) for r in ACTIVITY_REGIONS}
else:
    regions = ui.query("activities_by_un_region_year", **params)
    names = {r: r for r in sorted(regions.region.dropna().unique())} | {None: t("label.unattributed", lang)}
fig = charts.stacked_bars(regions, "year", "activity_count", "region", names, style,
                          t("label.year", lang), t("label.activities", lang))
ui.chart(fig, filters, alt=t("map.by_region", lang), key="regions_over_time")
