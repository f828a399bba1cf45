"""Server CPU a click, in a real server: `streamlit run` on 127.0.0.1, driven over its
websocket as the browser's frontend drives it (loadtest/protocol.py), beside the bare
one-chart page (bench/bare_page.py) measured the same way in the same run, as the floor.

    python -m bench.clicks [FOLDER] [--clicks 20]    # FOLDER: a built record (default: data/)

A click is a rerun with a new query string, as a filter change or Back makes: `from` moves
each time, so every filtered query and figure is new ("a first click": nobody has asked for
that view yet), or alternates between two years already seen ("a seen view": another viewer,
or the same one, asked for it before). The CPU is the server process's own (every thread:
Streamlit's, DuckDB's), read from /proc between batches of clicks: the kernel counts it in
ticks of 10 ms, so each figure is a batch's mean, and the median of three batches.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

from fitjp.settings import ROOT
from loadtest.protocol import Session

sys.path.insert(0, str(ROOT / "tests" / "browser"))
import harness  # noqa: E402  (tests/browser/harness.py: one way to start a local server)

PAGES = {"overview": ("", ""), "funding": ("funding", ""), "map": ("map", ""), "objectives": ("objectives", ""),
         "country": ("country", "country=KEN"), "brief": ("brief", "country=KEN"),
         "compare": ("compare", "country=KEN,TZA,UGA"), "activities": ("activities", ""),
         "sources": ("sources", ""), "story": ("story", "")}
BARE = ROOT / "bench" / "bare_page.py"
TICK = os.sysconf("SC_CLK_TCK")
BATCHES = 3
CLICKS = 20  # in each batch


def cpu_seconds(pid: int) -> float:
    """The process's user and system CPU time, every thread's, finished ones included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def query(base: str, year: int) -> str:
    return "&".join(filter(None, [base, f"from={year}"]))


def cpu_ms_a_click(session: Session, pid: int, page: str, base_query: str, clicks: int, seen: bool) -> float:
    """Median over BATCHES of the mean CPU ms a click."""
    means, year = [], 1990
    for _ in range(BATCHES):
        started = cpu_seconds(pid)
        for step in range(clicks):
            year = 1988 + step % 2 if seen else year + 1 if year < 2020 else 1990
            session.run(page, query(base_query, year))
        means.append((cpu_seconds(pid) - started) * 1000 / clicks)
    return statistics.median(means)


def measure_server(process, base: str, pages: dict, clicks: int) -> dict:
    session = Session.connect(base.replace("http", "ws") + "/_stcore/stream", affinity="bench")
    try:
        results = {}
        for name, (page, base_query) in pages.items():
            session.run(page, base_query)  # open the page: its first load, not a click
            for year in (1988, 1989):
                session.run(page, query(base_query, year))  # the two "seen" views, seen
            results[name] = {"first_click_cpu_ms": cpu_ms_a_click(session, process.pid, page, base_query, clicks, False),
                             "seen_view_cpu_ms": cpu_ms_a_click(session, process.pid, page, base_query, clicks, True)}
        return results
    finally:
        session.close()


def measure(data_dir: Path | None, clicks: int, pages: list[str]) -> dict:
    env = {"FITJP_DATA_DIR": str(data_dir)} if data_dir else {}
    with harness.streamlit_process(script=str(BARE)) as (base, process):
        bare = measure_server(process, base, {"bare": ("", "")}, clicks)["bare"]
    with harness.streamlit_process(env=env) as (base, process):
        shown = measure_server(process, base, {name: PAGES[name] for name in pages}, clicks)
    return {"bare": bare, "pages": shown}


def table(result: dict) -> str:
    bare = result["bare"]["first_click_cpu_ms"]
    lines = ["| page | a first click (ms CPU) | a seen view (ms CPU) | first click ÷ bare page |", "|---|---|---|---|"]
    for name, page in result["pages"].items():
        lines.append(f"| {name} | {page['first_click_cpu_ms']:.0f} | {page['seen_view_cpu_ms']:.0f} | "
                     f"{page['first_click_cpu_ms'] / bare:.1f}x |")
    lines.append(f"| bare one-chart page | {bare:.0f} | {result['bare']['seen_view_cpu_ms']:.0f} | 1.0x |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.clicks", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", help="a built record (default: the shipped data/)")
    parser.add_argument("--clicks", type=int, default=CLICKS, help="clicks in each of the three batches")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    result = measure(args.folder, args.clicks, args.pages.split(","))
    print(table(result))
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
