"""Compare countries: up to five side by side (?country=KEN,TZA,UGA), under the other
filters: activities, first documented year and LDC status, then activities per year, per
objective and per type. The countries are the sidebar's Countries filter, so the URL holds
them like every filter."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from fitjp import charts, ui, views
from fitjp.chartdata import Column
from fitjp.i18n import label, t
from fitjp.record.schema import ACTIVITY_TYPES, OBJECTIVES

MOST = 5  # more columns than this no longer read side by side

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.compare", filters)
compared = list(filters.countries[:MOST])
if len(filters.countries) > MOST:
    st.warning(t("compare.too_many", lang, count=MOST,
                 countries=", ".join(ui.country_name(c) for c in filters.countries[MOST:])))
st.caption(t("compare.how", lang, count=MOST))
if not compared:
    st.info(t("compare.prompt", lang, count=MOST))
    st.stop()

# Each country counts the activities involving it, as its profile does: in the compare_*
# queries the countries are not a filter but the columns.
params = replace(filters, countries=tuple(compared)).activity_params()
totals = ui.query("compare_totals", **params, today=ui.today())
names = {row.iso3: ui.country_name(row.iso3, row.name_en) for row in totals.itertuples()}
for column, row in zip(st.columns(len(compared)), totals.itertuples()):
    with column.container(border=True):
        st.subheader(names[row.iso3])
        st.metric(t("country.activities", lang), ui.number(row.activity_count))
        st.metric(t("country.first", lang), int(row.first_year) if pd.notna(row.first_year) else "–")
        st.markdown(f"**{t(f'country.{row.ldc_status}', lang)}**")
        st.page_link("pages/country.py", label=t("compare.profile", lang), icon=":material/arrow_forward:",
                     query_params=replace(filters, countries=(row.iso3,)).to_query_params())

by_year = ui.query("compare_by_year", **params)
key = ui.hashable(params)
fig = ui.shared(("compare_by_year", key, style),  # countries side by side in each year, not on top of each other
                lambda: charts.stacked_bars(by_year, "year", "activity_count", "iso3", names, style,
                                            t("label.year", lang), t("label.activities", lang),
                                            title=t("compare.by_year", lang), barmode="group"))
ui.chart(fig, filters, alt=t("compare.by_year", lang), key="compare_by_year",
         data=views.stacked_data("compare-by-year", t("compare.by_year", lang), by_year,
                                 Column("year", t("label.year", lang), is_year=True), "iso3", names, t("label.country", lang), lang))

left, right = st.columns(2)
with left:
    by_objective = ui.query("compare_by_objective", **params)
    fig = ui.shared(("compare_objectives", key, style),
                    lambda: charts.stacked_bars(ui.localized_countries(by_objective), "name", "activity_count",
                                                "objective",
                                                {o: label("objective", o, lang) for o in OBJECTIVES}, style,
                                                t("label.country", lang), t("label.activities", lang),
                                                title=t("compare.objectives", lang)))
    ui.chart(fig, filters, alt=t("compare.objectives", lang), key="compare_objectives",
             data=views.stacked_data("compare-by-objective", t("compare.objectives", lang),
                                     ui.localized_countries(by_objective), Column("name", t("label.country", lang)),
                                     "objective", {o: label("objective", o, lang) for o in OBJECTIVES},
                                     t("label.objective", lang), lang))
with right:
    by_type = ui.query("compare_by_type", **params)
    present = set(by_type.activity_type)  # colours go to the types drawn, so fewer repeat
    fig = ui.shared(("compare_types", key, style),
                    lambda: charts.stacked_bars(ui.localized_countries(by_type), "name", "activity_count",
                                                "activity_type",
                                                {a: label("type", a, lang) for a in ACTIVITY_TYPES if a in present},
                                                style, t("label.country", lang), t("label.activities", lang),
                                                title=t("compare.types", lang)))
    ui.chart(fig, filters, alt=t("compare.types", lang), key="compare_types",
             data=views.stacked_data("compare-by-type", t("compare.types", lang), ui.localized_countries(by_type),
                                     Column("name", t("label.country", lang)), "activity_type",
                                     {a: label("type", a, lang) for a in ACTIVITY_TYPES if a in present},
                                     t("label.type", lang), lang))
