"""Objectives: the fund's four objectives and their programme areas, over time, with examples."""

import pandas as pd
import streamlit as st

from fitjp import charts, ui, views
from fitjp.chartdata import Column
from fitjp.i18n import label, organisation, t
from fitjp.record.schema import OBJECTIVES
from fitjp.text import inert, link

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.objectives", filters)
params = filters.activity_params()

left, right = st.columns([1, 1])
with left:
    if not views.objectives(filters, style, key="objectives_areas"):
        st.stop()
with right:
    trend = ui.query("activities_by_objective_year", **params)
    fig = ui.shared(("objectives_trend", ui.hashable(params), style),
                    lambda: charts.stacked_bars(trend, "year", "activity_count", "objective",
                                                {o: label("objective", o, lang) for o in OBJECTIVES}, style,
                                                t("label.year", lang), t("label.activities", lang),
                                                title=t("objectives.trend", lang)))
    ui.chart(fig, filters, alt=t("objectives.trend", lang), key="objectives_trend",
             data=views.stacked_data("objectives-per-year", t("objectives.trend", lang), trend,
                                     Column("year", t("label.year", lang), is_year=True), "objective",
                                     {o: label("objective", o, lang) for o in OBJECTIVES}, t("label.objective", lang),
                                     lang))

st.header(t("objectives.examples", lang))
EXAMPLES = 6  # an objective's newest activities under its tab
examples = ui.query("objective_examples", **params, per_objective=EXAMPLES)
for objective, tab in zip(OBJECTIVES, st.tabs([label("objective", o, lang) for o in OBJECTIVES])):
    with tab:
        rows = examples[examples.objective == objective]
        if rows.empty:
            ui.empty_state()
        for row in rows.itertuples():
            year = f"{row.year} · " if pd.notna(row.year) else ""
            # Titles and publishers come from data files: shown as text, never as markup.
            st.markdown(f"**{inert(row.title)}**  \n{year}{label('area', row.programme_area, lang)} · "
                        f"{link(organisation(row.source_publisher, lang), row.source_url)}")
