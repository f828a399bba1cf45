"""Country profile: everything documented for one country (?country=KEN)."""

import pandas as pd
import streamlit as st

from fitjp import charts, ui
from fitjp.i18n import label, t

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.country", filters)

countries = ui.query("countries_list")
names = dict(zip(countries.iso3, countries.name_en))
current = filters.countries[0] if filters.countries else None
picked = st.selectbox(t("country.pick", lang), list(countries.iso3), format_func=names.get,
                      index=list(countries.iso3).index(current) if current else None,
                      placeholder=t("country.prompt", lang), key=f"country_pick_{current}")
if picked and picked != current:
    ui.open_country(filters, picked)
if not current:
    st.info(t("country.prompt", lang))
    st.stop()

profile = ui.query("country_profile", iso3=current, today=ui.today()).iloc[0]
periods = ui.query("ldc_periods", iso3=current)
st.header(profile.name_en)
regions = [label("region", profile.wipo_region, lang) if pd.notna(profile.wipo_region) else None,
           profile.un_subregion if pd.notna(profile.un_subregion) else None]
status = "country.ldc_now" if profile.is_ldc_now else ("country.ldc_former" if len(periods) else "country.not_ldc")
st.markdown(" · ".join([r for r in regions if r] + [f"**{t(status, lang)}**"]))
if len(periods):
    spans = [t("country.ldc_period", lang, start=p.ldc_from, end=p.ldc_until or t("country.ldc_today", lang))
             for p in periods.itertuples()]
    st.caption(t("country.ldc_periods", lang, periods="; ".join(spans))
               + f" — [{periods.source_title.iloc[0]}]({periods.source_url.iloc[0]})")

params = filters.activity_params()
totals = ui.query("activity_totals", **params).iloc[0]
if not totals.activity_count:
    st.info(t("country.none", lang, country=profile.name_en) + " " + t("empty.hint", lang))
    st.stop()
first, involved, national, wider = st.columns(4)
involved.metric(t("country.activities", lang), int(totals.activity_count), border=True)
national.metric(t("country.national", lang), int(totals.national_count), border=True)
wider.metric(t("country.multi", lang), int(totals.activity_count - totals.national_count), border=True)
first.metric(t("country.first", lang), int(totals.first_year) if pd.notna(totals.first_year) else "–",
             border=True)

left, right = st.columns([3, 2])
with left:
    timeline = ui.query("activities_by_year", **params)
    fig = charts.bars(timeline, "year", "activity_count", style, t("label.year", lang), t("label.activities", lang),
                      title=t("country.timeline", lang))
    ui.chart(fig, filters, alt=t("country.timeline", lang), key="country_timeline")
with right:
    types = ui.query("activities_by_type", **params)
    fig = charts.bars(types, "activity_type", "activity_count", style, t("label.type", lang),
                      t("label.activities", lang), title=t("country.types", lang), horizontal=True,
                      names=lambda v: label("type", v, lang))
    ui.chart(fig, filters, alt=t("country.types", lang), key="country_types")

st.subheader(t("country.list", lang))
ui.activity_table(ui.query("activity_list", **params, search="", limit=1000))
