"""Sources and method: every source, what each year documents, contradictions and choices."""

import streamlit as st

from fitjp import ui
from fitjp.i18n import label, t

filters, lang = ui.filters(), ui.lang()
ui.header("page.sources", filters)
link = st.column_config.LinkColumn(display_text=t("label.open_source", lang))

sources = ui.query("sources_list")
coverage = ui.query("coverage_by_year", year_to=filters.last_year)
st.markdown(t("sources.as_of", lang, date=ui.data_as_of(), sources=len(sources),
              contributions=int(sources.contribution_rows.sum()), activities=int(sources.activity_rows.sum()),
              facts=int(sources.fact_rows.sum())))

st.subheader(t("sources.precedence", lang))
st.markdown(t("sources.precedence_text", lang))

st.subheader(t("sources.coverage", lang))
gaps = coverage[coverage.contribution_rows == 0].year.astype(str)
st.caption(t("sources.gaps", lang, years=", ".join(gaps)))
st.dataframe(coverage, hide_index=True, width="stretch", height=420, column_config={
    "year": st.column_config.NumberColumn(t("label.fiscal_year", lang), format="%d"),
    "contribution_rows": st.column_config.ProgressColumn(t("funding.figures", lang), format="%d",
                                                         min_value=0, max_value=int(coverage.contribution_rows.max())),
    "activity_count": st.column_config.ProgressColumn(t("label.activities", lang), format="%d",
                                                      min_value=0, max_value=int(coverage.activity_count.max())),
})

candidates = ui.query("contribution_candidates", currency=filters.currency)
columns = {
    "fiscal_year": st.column_config.NumberColumn(t("label.fiscal_year", lang), format="%d"),
    "is_shown": st.column_config.CheckboxColumn(t("sources.shown", lang)),
    "amount": st.column_config.NumberColumn(t("label.stated", lang), format="localized"),
    "amount_shown": st.column_config.NumberColumn(t("label.amount", lang, currency=filters.currency),
                                                  format="localized"),
    "source_url": link,
}
shown_columns = ["fiscal_year", "fund", "status", "amount", "currency", "amount_shown", "is_shown",
                 "source_title", "source_url", "quote", "note"]
st.subheader(t("sources.contradictions", lang))
st.dataframe(candidates[candidates.is_contradiction][shown_columns], hide_index=True, width="stretch",
             column_config=columns)
with st.expander(t("sources.candidates", lang)):
    st.dataframe(candidates[shown_columns], hide_index=True, width="stretch", column_config=columns)

st.subheader(t("sources.facts", lang))
include_context = st.toggle(t("sources.context", lang), key="sources_context")
facts = ui.query("facts_list", include_context=include_context)
st.dataframe(facts[["statement_date", "metric", "value", "unit", "source_title", "source_url", "quote", "note"]],
             hide_index=True, width="stretch", column_config={"source_url": link})

st.subheader(t("sources.list", lang))
st.dataframe(sources[["title", "publisher", "kind", "language", "published", "url",
                                               "rows_citing"]],
             hide_index=True, width="stretch", height=480, column_config={
                 "url": link, "rows_citing": st.column_config.NumberColumn(t("sources.rows", lang))})
