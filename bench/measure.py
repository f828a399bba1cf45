"""What the benchmark measures on one built record, in the process that runs the app (a
subprocess per size, so its peak memory is the app's own; FITJP_DATA_DIR names the record).

    python -m bench.measure FOLDER --reruns 5     # prints one JSON object

- every page's rerun after a filter change (AppTest from dashboard.py): each rerun moves the
  first year of the sidebar's range, so every filtered query misses the cache; wall time and
  the process's CPU time per rerun;
- the chart data a page sends: the sum of its Plotly figures' JSON;
- every query as the app runs it (rollups, listings in two steps) (from the rollups when they answer), on a fresh connection;
- peak memory (the process's maximum RSS) after every page's reruns, and again after the
  queries' own connection;
- then, the same aggregations done the usual way in pandas, beside DuckDB (the ratio).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import time
from datetime import date
from pathlib import Path

from fitjp import db, results
from fitjp.filters import Filters, current_year
from fitjp.settings import ROOT

from bench import peer

DASHBOARD = str(ROOT / "dashboard.py")
PAGES = {  # page -> the URL it is opened with
    "overview": {}, "funding": {}, "map": {}, "objectives": {}, "country": {"country": "KEN"},
    "brief": {"country": "KEN"}, "compare": {"country": "KEN,TZA,UGA"}, "activities": {}, "sources": {},
    "story": {},
}


def peak_rss_mb() -> float:
    """This process's peak resident memory: VmHWM, which starts afresh at exec. (getrusage's
    ru_maxrss does not: a child keeps its parent's peak, so the bench, which builds the record
    before it starts this process, reported the build's 1.5 GB at 1M as the app's.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kilobytes
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def open_app(page: str):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(DASHBOARD, default_timeout=600)
    for key, value in PAGES[page].items():
        app.query_params[key] = value
    app.run()
    if page != "overview":
        app.switch_page(str(ROOT / "pages" / f"{page}.py")).run()
    if app.exception:
        raise RuntimeError(f"{page}: {[e.value for e in app.exception]}")
    return app


def chart_bytes(app) -> int:
    """Bytes of Plotly figure JSON the page's charts send."""
    return sum(len(chart.proto.spec.encode("utf-8")) for chart in app.get("plotly_chart"))


def page_reruns(page: str, reruns: int) -> dict:
    """Reruns after a filter change: year_from moves each time, so nothing filtered is cached."""
    app = open_app(page)
    walls, cpus = [], []
    for step in range(1, reruns + 1):
        years = app.slider(key="filter_years")
        years.set_value((1987 + step, current_year()))
        started, cpu = time.perf_counter(), time.process_time()
        app.run()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        if app.exception:
            raise RuntimeError(f"{page}: {[e.value for e in app.exception]}")
    return {"median_ms": statistics.median(walls), "p95_ms": percentile(walls, 0.95),
            "cpu_median_ms": statistics.median(cpus), "chart_bytes": chart_bytes(app)}


EXTRA = {"currency": "CHF", "iso3": "KEN", "today": date.today().isoformat(), "search": "", "limit": 50,
         "per_objective": 6, "offset": 0, "include_context": False, "year_to": current_year(),
         "metrics": list(results.METRICS)}


def query_params(name: str, rows: dict | None = None) -> dict:
    """The default filters and EXTRA, and `rows` (db.rows_of: a listing's chosen ids), as `name` takes them."""
    _, names = db.load(name)
    values = Filters().activity_params() | EXTRA | (rows or {})
    found = {"newest_from"} if name in db.YEAR_BOUNDED else set()  # run_best finds it first
    return {k: values[k] for k in names - found}


def time_queries(folder: Path, repeat: int = 3) -> dict[str, float]:
    """Median ms of each query as the app runs it (db.run_best), default filters."""
    connection = db.connect(folder)
    timings = {}
    rows = db.rows_of(db.run(connection, "activity_list_ids", **query_params("activity_list_ids")))
    for path in sorted(db.QUERIES_DIR.glob("*.sql")):
        params = query_params(path.stem, rows)
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            db.run_best(connection, path.stem, **params)
            runs.append((time.perf_counter() - started) * 1000)
        timings[path.stem] = statistics.median(runs)
    connection.close()
    return timings


def measure(folder: Path, reruns: int, pages: list[str]) -> dict:
    started = time.perf_counter()
    results = {"pages": {page: page_reruns(page, reruns) for page in pages}}
    gc.collect()
    results["peak_rss_mb"] = peak_rss_mb()  # the app's peak: every page run, nothing else yet
    results["queries"] = time_queries(folder)  # on a second connection, as a fresh process would
    results["peak_rss_with_queries_mb"] = peak_rss_mb()
    results["peer"] = peer.compare(folder)
    results["seconds"] = time.perf_counter() - started
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.measure")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args()
    print(json.dumps(measure(args.folder, args.reruns, args.pages.split(","))))


if __name__ == "__main__":
    main()
