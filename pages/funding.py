"""Funding history, 1987 to today: contributions per Japanese fiscal year, stacked by fund."""

import streamlit as st

from fitjp import ui, views
from fitjp.i18n import label, t
from fitjp.text import inert, link

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.funding", filters)
if filters.regions or filters.countries:
    # The region and country filters narrow activities; no source splits money by region.
    st.info(t("funding.not_by_region", lang), icon=":material/info:")

years = views.funding_history(filters, style, key="funding_history")
gaps = years[years.is_gap].fiscal_year.astype(str)
if len(gaps):
    st.caption(t("funding.gaps", lang, years=", ".join(gaps)))

figures = ui.query("shown_contribution_figures", currency=filters.currency, funds=list(filters.funds),
                   year_from=filters.year_from, year_to=filters.last_year)
if len(figures):
    st.header(t("funding.figures", lang))
    ui.table(ui.labelled_values(figures, fund="fund", status="status"), {
        "fiscal_year": st.column_config.NumberColumn(t("label.fiscal_year", lang), format="%d"),
        "fund": st.column_config.TextColumn(t("label.fund", lang)),
        "amount": ui.whole_number_column(t("label.amount", lang, currency=filters.currency)),
        "amount_stated": ui.whole_number_column(t("label.stated", lang)),
        "currency_stated": st.column_config.TextColumn(t("label.currency", lang)),
        "status": st.column_config.TextColumn(t("label.status", lang)),
        **ui.source_columns(lang),
        "quote_text": st.column_config.TextColumn(t("label.quote", lang)),
    })

undated = ui.query("undated_contributions")
if len(undated):
    with st.expander(t("funding.undated", lang)):
        for row in undated.itertuples():
            # Quotes and source names come from data files: shown as text, never as markup.
            st.markdown(f"- **{ui.number(row.amount)} {inert(row.currency)}** ({label('fund', row.fund, lang)}): "
                        f"“{inert(row.quote_text)}” — {link(row.source_name, row.source_url)}")
