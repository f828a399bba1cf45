"""What the fund's money achieved, as public sources state it: the results the facts table
records, in the groups a reader asks about, and where two sources disagree. Pure: no Streamlit.

A result is a statement: a figure, the date it is as of, its source and its quote. Nothing is
drawn between two statements (no line, no estimate), and a result no source states is said to
be missing, never shown as zero.
"""

from __future__ import annotations

import pandas as pd

# Each group's metrics (facts.metric), in the order they are drawn. A group whose metrics no
# source states yet keeps its place on the page, saying so.
RESULT_GROUPS: dict[str, tuple[str, ...]] = {
    "trained": ("trainees_cumulative_fund", "trainees_cumulative_JPO_programme"),
    "accessions": ("supported_countries_acceding_PCT_Hague_Madrid_increase",),
    "experts": ("experts_dispatched_cumulative",),
    "scholarships": ("scholarships_awarded_per_mip_cohort_fund", "fellowship_participants",
                     "long_term_research_fellows_invited_in_year"),
    "countries": ("countries_supported", "countries_supported_in_year"),
    "modernised": ("pages_digitised", "offices_modernised"),
}
METRICS = tuple(metric for metrics in RESULT_GROUPS.values() for metric in metrics)


def in_group(statements: pd.DataFrame, group: str) -> pd.DataFrame:
    return statements[statements.metric.isin(RESULT_GROUPS[group])]


def dated(statements: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """The statements whose as-of date names a year within [first, last]."""
    return statements[statements.year.notna() & statements.year.between(first, last)]


def undated(statements: pd.DataFrame) -> pd.DataFrame:
    """The statements whose source gives no date they are as of: listed, never placed on a year."""
    return statements[statements.year.isna()]


def disagreements(statements: pd.DataFrame) -> list[tuple[str, int, pd.DataFrame]]:
    """(metric, year, its statements) wherever sources state different figures for one metric
    in one year: both are shown, as the Funding page shows contradicting sources."""
    found = []
    for (metric, year), rows in statements.dropna(subset=["year"]).groupby(["metric", "year"], sort=True):
        if rows.value.nunique() > 1:
            found.append((metric, int(year), rows))
    return found
