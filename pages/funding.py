"""Funding history, 1987 to today: contributions per Japanese fiscal year, stacked by fund."""

import streamlit as st

from fitjp import ui, views
from fitjp.i18n import label, t

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.funding", filters)

years = views.funding_history(filters, style, key="funding_history")
gaps = years[years.is_gap].fiscal_year.astype(str)
if len(gaps):
    st.caption(t("funding.gaps", lang, years=", ".join(gaps)))

shown = ui.labelled(years.dropna(subset=["fund"]), fund="fund", status="status")
if len(shown):
    st.subheader(t("funding.figures", lang))
    st.dataframe({
        t("label.fiscal_year", lang): shown.fiscal_year,
        t("label.fund", lang): shown.fund,
        t("label.amount", lang, currency=filters.currency): shown.amount,
        t("label.stated", lang): shown.amount_stated,
        t("label.currency", lang): shown.currency_stated,
        t("label.status", lang): shown.status,
        t("label.source", lang): shown.source_url,
        t("label.quote", lang): shown.quote,
    }, hide_index=True, width="stretch", column_config={
        t("label.fiscal_year", lang): st.column_config.NumberColumn(format="%d"),
        t("label.amount", lang, currency=filters.currency): st.column_config.NumberColumn(format="localized"),
        t("label.stated", lang): st.column_config.NumberColumn(format="localized"),
        t("label.source", lang): st.column_config.LinkColumn(display_text=t("label.open_source", lang)),
    })

undated = ui.query("undated_contributions")
if len(undated):
    with st.expander(t("funding.undated", lang)):
        for row in undated.itertuples():
            st.markdown(f"- **{row.amount:,.0f} {row.currency}** ({label('fund', row.fund, lang)}): "
                        f"“{row.quote}” — [{row.source_title}]({row.source_url})")
