"""Times every query on the shipped data and on a synthetic record 500 times larger.

    python scripts/benchmark.py

The synthetic record is made by code in a temporary folder (activities and their country
links repeated under new ids) and never shipped. Prints the median of 5 runs per query.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fitjp import db  # noqa: E402
from fitjp.filters import Filters  # noqa: E402

EXTRA = {"currency": "CHF", "iso3": "KEN", "today": "2026-11-25", "search": "ip", "limit": 1000,
         "include_context": False, "year_to": 2026}


def params_for(name: str) -> dict:
    _, names = db.load(name)
    values = Filters().activity_params() | EXTRA
    return {k: values[k] for k in names}


def time_queries(connection) -> dict[str, float]:
    timings = {}
    for path in sorted((ROOT / "queries").glob("*.sql")):
        name, params = path.stem, params_for(path.stem)
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            db.run(connection, name, **params)
            runs.append(time.perf_counter() - start)
        timings[name] = statistics.median(runs) * 1000
    return timings


def synthetic_copy(target: Path, factor: int) -> int:
    """The shipped tables, with activities and their countries repeated `factor` times."""
    for parquet in (ROOT / "data").glob("*.parquet"):
        shutil.copy(parquet, target / parquet.name)
    con = duckdb.connect()
    for table in ("activities", "activity_countries"):
        source = (ROOT / "data" / f"{table}.parquet").as_posix()
        con.execute(f"""copy (select * replace (activity_id || '_' || copy as activity_id)
                        from read_parquet('{source}'), range({factor}) as r(copy))
                        to '{(target / f"{table}.parquet").as_posix()}' (format parquet)""")
    return con.execute(f"select count(*) from read_parquet('{(target / 'activities.parquet').as_posix()}')").fetchone()[0]


def main() -> None:
    shipped = time_queries(db.connect())
    with tempfile.TemporaryDirectory() as folder:
        rows = synthetic_copy(Path(folder), 500)
        large = time_queries(db.connect(Path(folder)))
    print(f"{'query':34} {'shipped ms':>11} {f'{rows:,} activities ms':>24}")
    for name in shipped:
        print(f"{name:34} {shipped[name]:11.1f} {large[name]:24.1f}")
    print(f"{'total':34} {sum(shipped.values()):11.1f} {sum(large.values()):24.1f}")


if __name__ == "__main__":
    main()
