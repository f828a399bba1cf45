"""The Overview's cumulative-contribution card in figures: what the yearly figures shown add
up to for the filtered years, and when a stated total speaks for. Pure: no Streamlit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
from babel.dates import format_skeleton


@dataclass(frozen=True)
class DocumentedSum:
    """The sum of the yearly figures the funding chart draws for `first`..`last`; `amount` is
    None when none is drawn. `missing` counts the years that add nothing (no public figure,
    or no exchange rate for it): with any, the sum is a lower bound."""
    amount: float | None
    first: int
    last: int
    missing: int

    @property
    def is_lower_bound(self) -> bool:
        return self.missing > 0


def documented_sum(years: pd.DataFrame) -> DocumentedSum:
    """From contributions_by_year's rows (several per year, one per fund)."""
    per_year = years.groupby("fiscal_year")  # built-in aggregations: a lambda took 12 ms a rerun
    amount, gap, no_rate = per_year.amount.sum(min_count=1), per_year.is_gap.any(), per_year.lacks_rate.any()
    missing = int((gap | no_rate | amount.isna()).sum())
    total = amount.sum(min_count=1)
    return DocumentedSum(amount=None if pd.isna(total) else float(total), first=int(amount.index.min()),
                         last=int(amount.index.max()), missing=missing)


def as_of_in_words(as_of: str | None, lang: str) -> str:
    """The date a stated total speaks for as a reader says it: "2022-06-28" is "June 2022"
    (juin 2022, 2022年6月), "2024" stays "2024". Anything else is shown as written."""
    text = (as_of or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", text)
    if not match:
        return text
    month = date(int(match[1]), int(match[2]), 1)
    return format_skeleton("yMMMM", month, locale=lang)
