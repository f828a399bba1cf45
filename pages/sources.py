"""Sources and method: every source, what each year documents, contradictions and choices."""

import streamlit as st

from fitjp import ui
from fitjp.i18n import t

filters, lang = ui.filters(), ui.lang()
ui.header("page.sources", filters)
link = st.column_config.LinkColumn(t("label.source", lang), display_text=t("label.open_source", lang))
text = lambda key: st.column_config.TextColumn(t(key, lang))

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
    "contribution_rows": st.column_config.ProgressColumn(t("sources.contribution_rows", lang), format="%d",
                                                         min_value=0, max_value=int(coverage.contribution_rows.max())),
    "funds": text("label.fund"), "currencies": text("label.currency"), "statuses": text("label.status"),
    "activity_count": st.column_config.ProgressColumn(t("label.activities", lang), format="%d",
                                                      min_value=0, max_value=int(coverage.activity_count.max())),
    "fund_named_count": st.column_config.NumberColumn(t("sources.fund_named", lang)),
})

candidates = ui.labelled(ui.query("contribution_candidates", currency=filters.currency),
                         fund="fund", status="status")
columns = {
    "fiscal_year": st.column_config.NumberColumn(t("label.fiscal_year", lang), format="%d"),
    "fund": text("label.fund"), "status": text("label.status"),
    "amount": st.column_config.NumberColumn(t("label.stated", lang), format="localized"),
    "currency": text("label.currency"),
    "amount_shown": st.column_config.NumberColumn(t("label.amount", lang, currency=filters.currency),
                                                  format="localized"),
    "is_shown": st.column_config.CheckboxColumn(t("sources.shown", lang)),
    "source_title": text("label.source"), "source_url": link,
    "quote": text("label.quote"), "note": text("label.note"),
}
st.subheader(t("sources.contradictions", lang))
st.dataframe(candidates[candidates.is_contradiction][list(columns)], hide_index=True, width="stretch",
             column_config=columns)
with st.expander(t("sources.candidates", lang)):
    st.dataframe(candidates[list(columns)], hide_index=True, width="stretch", column_config=columns)

st.subheader(t("sources.facts", lang))
include_context = st.toggle(t("sources.context", lang), key="sources_context")
facts = ui.query("facts_list", include_context=include_context)
fact_columns = {"statement_date": text("sources.statement_date"), "metric": text("sources.metric"),
                "value": st.column_config.NumberColumn(t("sources.value", lang), format="localized"),
                "unit": text("sources.unit"), "source_title": text("label.source"), "source_url": link,
                "quote": text("label.quote"), "note": text("label.note")}
st.dataframe(facts[list(fact_columns)], hide_index=True, width="stretch", column_config=fact_columns)

st.subheader(t("sources.list", lang))
source_columns = {"title": text("label.title"), "publisher": text("sources.publisher"),
                  "kind": text("sources.kind"), "language": text("sources.language"),
                  "published": text("sources.published"), "url": link,
                  "rows_citing": st.column_config.NumberColumn(t("sources.rows", lang))}
st.dataframe(sources[list(source_columns)], hide_index=True, width="stretch", height=480,
             column_config=source_columns)
