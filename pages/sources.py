"""Sources and method: every source, what each year documents, contradictions and choices."""

import pyarrow.compute as pc
import streamlit as st

from fitjp import ui
from fitjp.i18n import t

filters, lang = ui.filters(), ui.lang()
ui.header("page.sources", filters)
text = lambda key: st.column_config.TextColumn(t(key, lang))
source_columns = ui.source_columns(lang)

sources = ui.query("sources_list")
coverage = ui.query("coverage_by_year", year_to=filters.last_year)
# The other pages count activities through the sidebar's filters: with none set, as here.
counts = ui.query("activity_counts_compared", **filters.reset().activity_params()).iloc[0]
st.markdown(t("sources.as_of", lang, date=ui.data_as_of(), sources=ui.number(len(sources)),
              contributions=ui.number(sources.contribution_rows.sum()), activities=ui.number(counts.activity_count),
              facts=ui.number(sources.fact_rows.sum())))
st.caption(t("sources.activities_explained", lang, total=ui.number(counts.activity_count),
             shown=ui.number(counts.shown_count), unclear=ui.number(counts.unclear_count),
             undated=ui.number(counts.undated_shown_count), toggle=t("filter.unclear", lang)))

ui.release_changes(lang)

st.header(t("sources.precedence", lang))
st.markdown(t("sources.precedence_text", lang))

st.header(t("sources.coverage", lang))
gaps = coverage[coverage.contribution_rows == 0].year.astype(str)
st.caption(t("sources.gaps", lang, years=", ".join(gaps)))
ui.table(ui.shared_rows(("coverage", filters.last_year, lang),
                        lambda: ui.labelled_values(coverage, fund_list="fund", status_list="status")), {
    "year": st.column_config.NumberColumn(t("label.fiscal_year", lang), format="%d"),
    "contribution_rows": st.column_config.ProgressColumn(t("sources.contribution_rows", lang), format="%d",
                                                         min_value=0, max_value=int(coverage.contribution_rows.max())),
    "fund_list": text("label.fund"), "currencies": text("label.currency"), "status_list": text("label.status"),
    "activity_count": st.column_config.ProgressColumn(t("label.activities", lang), format="%d",
                                                      min_value=0, max_value=int(coverage.activity_count.max())),
    "fund_named_count": st.column_config.NumberColumn(t("sources.fund_named", lang)),
}, height=420)

columns = {
    "fiscal_year": st.column_config.NumberColumn(t("label.fiscal_year", lang), format="%d"),
    "fund": text("label.fund"), "status": text("label.status"),
    "amount": ui.whole_number_column(t("label.stated", lang)),
    "currency": text("label.currency"),
    "amount_shown": ui.whole_number_column(t("label.amount", lang, currency=filters.currency)),
    "is_shown": st.column_config.CheckboxColumn(t("sources.shown", lang)),
    **source_columns,
    "quote_text": text("label.quote"), "note": text("label.note"),
}
st.header(t("sources.contradictions", lang))
candidates = ui.shared_rows(("candidates", filters.currency, lang), lambda: ui.labelled_values(
    ui.query("contribution_candidates", currency=filters.currency), fund="fund", status="status"))
ui.table(candidates.filter(pc.field("is_contradiction")), columns)
with st.expander(t("sources.candidates", lang)):
    ui.table(candidates, columns)

st.header(t("sources.facts", lang))
include_context = st.toggle(t("sources.context", lang), key="sources_context")
ui.table(ui.shared_rows(("facts", include_context, lang), lambda: ui.labelled_values(
    ui.query("facts_list", include_context=include_context), metric="metric")), {"statement_date": text("sources.statement_date"), "metric": text("sources.metric"),
                 "value": st.column_config.NumberColumn(t("sources.value", lang), format="localized"),
                 "unit": text("sources.unit"), **source_columns,
                 "quote_text": text("label.quote"), "note": text("label.note")})

st.header(t("sources.list", lang))
ui.table(ui.shared_rows(("sources", lang), lambda: ui.labelled_values(sources, kind="source_kind",
                                                                      language="language")), {
    **source_columns, "publisher": text("sources.publisher"),
    "kind": text("sources.kind"), "language": text("sources.language"),
    "published": text("sources.published"),
    "rows_citing": st.column_config.NumberColumn(t("sources.rows", lang)),
}, height=480)

# The open data package (docs/opendata.md).
from fitjp.ui import downloads  # noqa: E402  (beside its one call, for an easy merge)
downloads.whole_dataset()
