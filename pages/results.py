"""Results: what the fund's money achieved, as public sources state it: people trained,
countries joining the PCT, Madrid and Hague systems, experts sent, scholarships, countries
supported. Each a chart of the statements over the years they are as of, with its sources and
quotes in its table; sources that disagree are both shown; an undated statement is listed."""

import streamlit as st

from fitjp import charts, results, ui
from fitjp.chartdata import ChartData, Column
from fitjp.i18n import label, t
from fitjp.text import inert, link

filters, style, lang = ui.filters(), ui.style(), ui.lang()
ui.header("page.results", filters)
st.caption(t("results.intro", lang))
ui.glossary_links("documented", "ip_systems", "gaps")
if filters.regions or filters.countries:
    # Sources state results for the fund as a whole, never by region or country.
    st.info(t("results.not_by_region", lang), icon=":material/info:")

statements = ui.query("results_facts", metrics=list(results.METRICS))
for group in results.RESULT_GROUPS:
    st.header(t(f"results.group_{group}", lang))
    stated = results.in_group(statements, group)
    if stated.empty:
        st.info(t("results.none", lang))
        continue
    shown = results.dated(stated, filters.year_from, filters.last_year)
    names = {metric: label("metric", metric, lang) for metric in results.RESULT_GROUPS[group]}
    if shown.empty:
        ui.empty_state()
    else:
        title = t(f"results.group_{group}", lang)
        fig = ui.shared(("results", group, filters.year_from, filters.last_year, style),
                        # no title in the figure: the section's heading names it
                        lambda: charts.statements(shown, names, style, t("label.year", lang), t("results.stated", lang)))
        ui.chart(fig, filters, alt=title, key=f"results_{group}", source=t("results.source", lang),
                 data=ChartData(f"results-{group}", title, shown, (
                     Column("year", t("label.year", lang), is_year=True),
                     Column("metric", t("sources.metric", lang), lambda m: label("metric", m, lang)),
                     Column("value", t("results.stated", lang)),
                     Column("unit", t("results.unit", lang)),
                     Column("statement_date", t("sources.statement_date", lang)),
                     Column("source_name", t("label.source", lang)),
                     Column("quote_text", t("label.quote", lang)))))
    for metric, year, rows in results.disagreements(shown):
        said = "; ".join(f"{ui.number(r.value)} ({inert(r.source_name)}, {inert(r.statement_date)})"
                         for r in rows.itertuples())
        st.warning(t("results.disagree", lang, metric=label("metric", metric, lang), year=year, said=said))
    for row in results.undated(stated).itertuples():
        st.caption(t("results.undated", lang, metric=label("metric", row.metric, lang), value=ui.number(row.value),
                     unit=inert(row.unit or ""), date=inert(row.statement_date or ""))
                   + " — " + link(row.source_name, row.source_url))
