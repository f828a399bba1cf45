"""Objectives: the fund's four objectives and their programme areas, over time, with examples."""

import pandas as pd
import streamlit as st

from fitjp import charts, ui
from fitjp.i18n import label, t
from fitjp.schema import OBJECTIVES

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.objectives", filters)
params = filters.activity_params()

by_area = ui.query("activities_by_objective", **params)
if by_area.empty:
    ui.empty_state()
    st.stop()

left, right = st.columns([1, 1])
with left:
    fig = charts.objectives_treemap(by_area, style, title=t("objectives.hierarchy", lang))
    ui.chart(fig, filters, alt=t("objectives.hierarchy", lang), key="objectives_treemap")
with right:
    trend = ui.query("activities_by_objective_year", **params)
    fig = charts.stacked_bars(trend, "year", "activity_count", "objective",
                       {o: label("objective", o, lang) for o in OBJECTIVES}, style,
                       t("label.year", lang), t("label.activities", lang), title=t("objectives.trend", lang))
    ui.chart(fig, filters, alt=t("objectives.trend", lang), key="objectives_trend")

st.subheader(t("objectives.examples", lang))
examples = ui.query("activity_list", **params, search="", limit=1000)
for objective, tab in zip(OBJECTIVES, st.tabs([label("objective", o, lang) for o in OBJECTIVES])):
    with tab:
        rows = examples[examples.objective == objective].head(6)
        if rows.empty:
            ui.empty_state()
        for row in rows.itertuples():
            year = f"{row.year} · " if pd.notna(row.year) else ""
            st.markdown(f"**{row.title}**  \n{year}{label('area', row.programme_area, lang)} · "
                        f"[{row.source_publisher}]({row.source_url})")
