"""The benchmark of issue 8, in one command:

    python -m bench                          # shipped, 10k and 1M records; the browser on the shipped one
    python -m bench --sizes 10k,1m,10m       # any of: shipped, 10k, 100k, 1m, 10m
    python -m bench --quick                  # what .ci/run affords: the 10k record, 3 reruns, no browser
    python -m bench.clicks                   # server CPU a click only, in a served app, on data/

Each record is made by code in a temporary folder (bench/synthetic.py; never data/) and built
with the project's build: the shipped raw CSVs and synthetic records up to 100k through
fitjp.record.build.build (CSV, validation, typed Parquet, rollups); larger ones through the fast
path (Parquet written directly, then the build's own rollup derivation). Each record is then
measured in a subprocess of its own (bench/measure.py), so the peak memory is the app's.
Prints one table and writes bench/RESULTS.md (sizes measured earlier and not now are kept,
from bench/results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fitjp.record import build
from fitjp.settings import ROOT

from bench import report, synthetic

SIZES = {"shipped": None, "10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
FAST_ABOVE = 100_000  # records larger than this take the fast path (see bench/synthetic.py)
RESULTS_JSON = ROOT / "bench" / "results.json"
RESULTS_MD = ROOT / "bench" / "RESULTS.md"


def make(size: str, folder: Path) -> dict:
    """Build the record of `size` into `folder`; how long it took and by which path."""
    rows = SIZES[size]
    started = time.perf_counter()
    if rows is None:
        counts = build.build(ROOT / "data" / "raw", folder)
        path = "CSV + validation"
    else:
        fast = rows > FAST_ABOVE
        counts = synthetic.make_record(folder, rows, fast=fast)
        path = "Parquet fast path" if fast else "CSV + validation"
    return {"build_s": time.perf_counter() - started, "build_path": path, "rows": counts}


def measure(folder: Path, reruns: int, timeout: int) -> dict:
    command = [sys.executable, "-m", "bench.measure", str(folder), "--reruns", str(reruns)]
    done = subprocess.run(command, cwd=ROOT, env=os.environ | {"FITJP_DATA_DIR": str(folder)},
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"bench.measure failed on {folder}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_size(size: str, reruns: int, browser: bool, timeout: int, clicks: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"fitjp-bench-{size}-") as name:
        folder = Path(name)
        result = make(size, folder)
        print(f"{size}: built in {result['build_s']:.1f} s ({result['build_path']}); measuring", flush=True)
        result |= measure(folder, reruns, timeout)
        if clicks:
            from bench import clicks as served
            print(f"{size}: server CPU a click, in a served app", flush=True)
            result["clicks"] = served.measure(folder, served.CLICKS, list(served.PAGES))
        if browser:
            from bench import browser as in_browser
            print(f"{size}: in the browser", flush=True)
            result["browser"] = in_browser.measure(folder, list(in_browser.PAGE_PATHS))
    return result


def previous() -> dict:
    return json.loads(RESULTS_JSON.read_text(encoding="utf-8")) if RESULTS_JSON.is_file() else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="shipped,10k,1m", help=f"comma-separated: {', '.join(SIZES)}")
    parser.add_argument("--quick", action="store_true", help="10k only, 3 reruns, no browser (for CI)")
    parser.add_argument("--reruns", type=int, default=7, help="reruns per page (median and p95 over them)")
    parser.add_argument("--browser", default="shipped", help="sizes also timed in the browser ('' for none)")
    parser.add_argument("--clicks", default="shipped",
                        help="sizes whose server CPU a click is measured in a served app (bench/clicks.py; '' for none)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds one size may take to measure")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    sizes, reruns, browser_sizes = args.sizes.split(","), args.reruns, set(filter(None, args.browser.split(",")))
    click_sizes = set(filter(None, args.clicks.split(",")))
    if args.quick:
        sizes, reruns, browser_sizes, click_sizes = ["10k"], 3, set(), set()
    unknown = set(sizes) - SIZES.keys()
    if unknown:
        parser.error(f"unknown sizes {sorted(unknown)}; choose from {', '.join(SIZES)}")
    results = previous() if not args.quick else {}
    for size in sizes:
        results[size] = run_size(size, reruns, size in browser_sizes, args.timeout, size in click_sizes)
    ordered = {size: results[size] for size in SIZES if size in results}
    print(report.summary(ordered))
    if not args.quick and not args.no_write:
        RESULTS_JSON.write_text(json.dumps(ordered, indent=1), encoding="utf-8")
        RESULTS_MD.write_text(report.markdown(ordered), encoding="utf-8")
        print(f"wrote {RESULTS_MD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
