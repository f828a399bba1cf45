"""The benchmark's own parts (bench/): the synthetic record it builds and the table it
writes. What it measures is not asserted here: timings belong to the benchmark, not to tests."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from bench import report, synthetic
from fitjp import db
from fitjp.settings import ROOT

ROWS = 300


@pytest.fixture(scope="module")
def csv_record(tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv_record")
    counts = synthetic.make_record(folder, ROWS, fast=False)
    return folder, counts


def test_the_synthetic_record_passes_the_builds_validation(csv_record):
    folder, counts = csv_record
    assert counts["activities"] == ROWS
    assert counts["activity_countries"] >= ROWS  # every shipped activity names at least one country
    assert not str(folder).startswith(str(ROOT / "data"))


def test_synthetic_activities_are_marked_and_spread_over_1987_to_2025(csv_record):
    folder, _ = csv_record
    activities = pd.read_parquet(folder / "activities.parquet")
    assert activities.title.str.startswith("[synthetic] ").all()
    dated = activities.year.dropna()
    assert dated.between(1987, 2025).all() and dated.nunique() > 30


def test_synthetic_links_name_real_activities_and_spread_over_countries(csv_record):
    folder, _ = csv_record
    links = pd.read_parquet(folder / "activity_countries.parquet")
    activities = pd.read_parquet(folder / "activities.parquet", columns=["activity_id"])
    assert set(links.activity_id) <= set(activities.activity_id)
    shipped = pd.read_parquet(ROOT / "data" / "activity_countries.parquet")
    assert links.iso3.nunique() > shipped.iso3.nunique()  # national activities moved within their region


def test_the_fast_path_writes_what_the_build_writes(csv_record, tmp_path):
    folder, counts = csv_record
    fast = synthetic.make_record(tmp_path, ROWS, fast=True)
    assert fast == counts
    for name in ["activities", "activity_countries", *db.rollup_names()]:
        # as the app reads them: through DuckDB, whose types both files must give alike
        fast_rows, built_rows = (duckdb.sql(f"select * from read_parquet('{f / name}.parquet')")
                                 for f in (tmp_path, folder))
        assert fast_rows.types == built_rows.types, name
        pd.testing.assert_frame_equal(fast_rows.df(), built_rows.df(), obj=name)


def _result(rerun_ms: float, peak_mb: float, pandas_ms: float = 50.0) -> dict:
    page = {"median_ms": rerun_ms, "p95_ms": rerun_ms * 2, "cpu_median_ms": rerun_ms / 2, "chart_bytes": 2048}
    peer = {"pandas_ms": pandas_ms, "duckdb_scan_ms": 20.0, "duckdb_app_ms": 5.0, "same": True}
    return {"pages": {"overview": page, "map": page | {"median_ms": rerun_ms / 2}}, "queries": {"activity_list": 3.0},
            "peer": {"activities_by_year": peer}, "peak_rss_mb": peak_mb, "build_s": 2.0,
            "build_path": "CSV + validation", "rows": {"activities": 10_000}}


def test_the_summary_marks_each_figure_against_its_sizes_target():
    rows = {row[0]: row[2:] for row in report.summary_rows({"shipped": _result(120, 300), "10k": _result(120, 500)})}
    assert rows["slowest page rerun after a filter change, median"] == ["120 ms (overview) ✗", "120 ms (overview) ✓"]
    assert rows["peak memory of the app (RSS)"] == ["300 MB ✓", "500 MB ✗"]
    assert rows["pandas ÷ DuckDB as the app runs it (rollups), worst aggregation"][1] == "10.0x (activities_by_year) ✓"
    assert rows["open to charts drawn ÷ bare one-chart page, worst page"] == ["–", "–"]


def test_a_page_or_query_an_older_size_never_measured_shows_a_dash():
    newer = _result(120, 300)
    newer["pages"]["compare"] = newer["pages"]["map"]
    newer["queries"]["compare_by_objective"] = 1.5
    lines = report.markdown({"shipped": newer, "10k": _result(120, 500)}).splitlines()
    assert "| compare | 60 / 240 / 60 ms · 2 KB | – |" in lines
    assert "| compare_by_objective | 1.5 | – |" in lines


def test_results_md_holds_the_summary_and_the_details():
    text = report.markdown({"10k": _result(80, 300)})
    assert report.summary({"10k": _result(80, 300)}) in text
    assert "### Queries as the app runs them" in text and "| activity_list | 3.0 |" in text


def test_the_quick_benchmark_runs_and_prints_its_table():
    """What .ci/run affords of the benchmark (a 10k record, a few reruns): it keeps working."""
    import subprocess
    import sys

    from fitjp.settings import ROOT

    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--no-write"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "10k (10,000 activities)" in done.stdout
    assert "slowest page rerun after a filter change" in done.stdout


def test_the_summary_gives_the_worst_pages_cpu_a_click_in_a_served_app():
    shipped = _result(120, 300)
    shipped["clicks"] = {"bare": {"first_click_cpu_ms": 6.0, "seen_view_cpu_ms": 5.0},
                         "pages": {"overview": {"first_click_cpu_ms": 81.0, "seen_view_cpu_ms": 38.0},
                                   "story": {"first_click_cpu_ms": 27.0, "seen_view_cpu_ms": 23.0}}}
    rows = {row[0]: row[2:] for row in report.summary_rows({"shipped": shipped, "10k": _result(120, 500)})}
    assert rows["server CPU a click in a served app, worst page (bench/clicks.py)"] == [
        "81 ms (overview) ✗; seen view 38 ms; bare page 6 ms", "–"]
    assert "| overview | 81 | 38 | 13.5x |" in report.markdown({"shipped": shipped}).splitlines()


def test_the_summary_gives_a_click_to_its_view_drawn_in_the_browser_against_1_s():
    shipped = _result(120, 300)
    shipped["browser"] = {"bare_ms": 1700.0, "pages": {"map": {"ms": 2000.0, "ratio": 2000 / 1700}},
                          "interactions": {"next_ms": 297.4, "filter_ms": 1200.0}}
    rows = {row[0]: row[2:] for row in report.summary_rows({"shipped": shipped, "10k": _result(120, 500)})}
    assert rows["a click to its view drawn in the browser, median of 10"] == [
        "Next 297 ms ✓; filter 1200 ms ✗", "–"]


def test_the_click_benchmark_drives_a_served_app_and_reads_its_cpu():
    from bench import clicks
    result = clicks.measure(None, 2, ["story"])
    assert set(result) == {"bare", "pages"} and set(result["pages"]) == {"story"}
    figures = [*result["bare"].values(), *result["pages"]["story"].values()]
    assert all(figure >= 0 for figure in figures) and result["pages"]["story"]["first_click_cpu_ms"] > 0
