"""The benchmark's figures as tables: one summary against the issue's targets, and the
details behind it (bench/RESULTS.md). Pure functions over the results of bench/__main__.py."""

from __future__ import annotations

from fitjp.settings import ROOT

PROFILE_NOTES = ROOT / "bench" / "PROFILE.md"
LABELS = {"shipped": "shipped", "10k": "10k", "100k": "100k", "1m": "1M", "10m": "10M"}
# The targets (issue 8), per size; a size without one shows its figure only.
RERUN_MS = {"shipped": 100, "10k": 150, "1m": 250, "10m": 1000}
MEMORY_MB = {"shipped": 400, "10k": 450, "1m": 600, "10m": 1500}
BUILD_S = {"shipped": 5, "10k": 10, "1m": 60, "10m": 600}
CPU_MS = {"shipped": 50}
BROWSER_RATIO = {"shipped": 1.3}
DRAWN_MS = {"shipped": 1000}  # a click to its view drawn in the browser
PEER_RATIO, CHART_KB = 5, 300


def _mark(value: float, target: float | None, below: bool = True) -> str:
    if target is None:
        return ""
    return " ✓" if (value < target if below else value >= target) else " ✗"


def slowest_page(result: dict) -> tuple[str, dict]:
    return max(result["pages"].items(), key=lambda item: item[1]["median_ms"])


def worst_peer(result: dict, against: str) -> tuple[str, float]:
    """The aggregation where DuckDB's lead over pandas is smallest: pandas ms / DuckDB ms."""
    ratios = {name: p["pandas_ms"] / max(p[against], 0.01) for name, p in result["peer"].items()}
    name = min(ratios, key=ratios.get)
    return name, ratios[name]


def summary_rows(results: dict) -> list[list[str]]:
    rows = []

    def row(measure: str, target: str, cell) -> None:
        rows.append([measure, target] + [cell(size, result) for size, result in results.items()])

    def rerun(size, result):
        page, figures = slowest_page(result)
        return f"{figures['median_ms']:.0f} ms ({page}){_mark(figures['median_ms'], RERUN_MS.get(size))}"

    row("slowest page rerun after a filter change, median", "<100 / 150 / 250 / 1000 ms", rerun)
    row("same page, p95", "", lambda s, r: f"{slowest_page(r)[1]['p95_ms']:.0f} ms")
    row("server CPU per rerun in-process (AppTest), median (slowest page)", "",
        lambda s, r: f"{slowest_page(r)[1]['cpu_median_ms']:.0f} ms")

    def clicks(size, result):
        if "clicks" not in result:
            return "–"
        page, first = max(((name, f["first_click_cpu_ms"]) for name, f in result["clicks"]["pages"].items()),
                          key=lambda item: item[1])
        seen = max(f["seen_view_cpu_ms"] for f in result["clicks"]["pages"].values())
        bare = result["clicks"]["bare"]["first_click_cpu_ms"]
        return f"{first:.0f} ms ({page}){_mark(first, CPU_MS.get(size))}; seen view {seen:.0f} ms; bare page {bare:.0f} ms"

    row("server CPU a click in a served app, worst page (bench/clicks.py)", "<50 ms shipped", clicks)

    def peer(against, has_target=True):
        def cell(size, result):
            name, ratio = worst_peer(result, against)
            target = None if size == "shipped" or not has_target else PEER_RATIO
            return f"{ratio:.1f}x ({name}){_mark(ratio, target, below=False)}"
        return cell

    row("pandas ÷ DuckDB as the app runs it (rollups), worst aggregation", "≥5x", peer("duckdb_app_ms"))
    row("pandas ÷ DuckDB scanning Parquet, worst aggregation", "(no rollup)", peer("duckdb_scan_ms", has_target=False))

    def chart(size, result):
        page, figures = max(result["pages"].items(), key=lambda item: item[1]["chart_bytes"])
        kb = figures["chart_bytes"] / 1024
        return f"{kb:.0f} KB ({page}){_mark(kb, CHART_KB)}"

    row("chart data sent per page, largest", "<300 KB", chart)
    row("peak memory of the app (RSS)", "<400 / 450 / 600 / 1500 MB",
        lambda s, r: f"{r['peak_rss_mb']:.0f} MB{_mark(r['peak_rss_mb'], MEMORY_MB.get(s))}")
    row("build of the record", "<5 / 10 / 60 / 600 s",
        lambda s, r: f"{r['build_s']:.1f} s{_mark(r['build_s'], BUILD_S.get(s))}")

    def browser(size, result):
        if "browser" not in result:
            return "–"
        page, figures = max(result["browser"]["pages"].items(), key=lambda item: item[1]["ratio"])
        return f"{figures['ratio']:.2f}x ({page}){_mark(figures['ratio'], BROWSER_RATIO.get(size))}"

    row("open to charts drawn ÷ bare one-chart page, worst page", "≤1.3x shipped", browser)

    def drawn(size, result):
        figures = result.get("browser", {}).get("interactions")
        if not figures:
            return "–"
        target = DRAWN_MS.get(size)
        return (f"Next {figures['next_ms']:.0f} ms{_mark(figures['next_ms'], target)}; "
                f"filter {figures['filter_ms']:.0f} ms{_mark(figures['filter_ms'], target)}")

    row("a click to its view drawn in the browser, median of 10", "<1000 ms shipped", drawn)
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def summary(results: dict) -> str:
    activities = lambda r: f"{r['rows']['activities']:,} activities"
    header = ["measure", "target"] + [f"{LABELS[s]} ({activities(r)})" for s, r in results.items()]
    return table(header, summary_rows(results))


def details(results: dict) -> str:
    sizes = list(results)
    names = [LABELS[s] for s in sizes]
    page_rows = [[page] + [_page_cell(r["pages"].get(page)) for r in results.values()]
                 for page in _union(results, "pages")]
    query_rows = [[name] + [_or_dash(r["queries"].get(name), "{:.1f}") for r in results.values()]
                  for name in _union(results, "queries")]
    peers = list(next(iter(results.values()))["peer"])
    peer_rows = [[name] + [f"{p['pandas_ms']:.1f} / {p['duckdb_scan_ms']:.1f} / {p['duckdb_app_ms']:.1f}"
                           f"{'' if p['same'] else ' (results differ!)'}"
                           for p in (r["peer"][name] for r in results.values())] for name in peers]
    parts = ["### Page reruns after a filter change: median / p95 / server CPU median · chart data",
             table(["page"] + names, page_rows),
             "### Queries as the app runs them (ms, median of 3, default filters, fresh connection)",
             table(["query"] + names, query_rows),
             "### pandas peer: pandas (tables in memory) / DuckDB scanning Parquet / DuckDB as the app runs it (ms)",
             table(["aggregation"] + names, peer_rows)]
    for size, result in results.items():
        if "clicks" in result:
            from bench import clicks
            parts += [f"### Server CPU a click in a served app, {LABELS[size]} record (bench/clicks.py)",
                      clicks.table(result["clicks"])]
        if "browser" in result:
            rows = [[page, f"{f['ms']:.0f}", f"{f['ratio']:.2f}x"] for page, f in result["browser"]["pages"].items()]
            parts += [f"### Open to charts drawn in chromium, {LABELS[size]} record "
                      f"(bare one-chart page: {result['browser']['bare_ms']:.0f} ms)",
                      table(["page", "ms (median of 3 visits)", "÷ bare"], rows)]
    builds = [[LABELS[s], f"{r['build_s']:.1f} s", r["build_path"],
               ", ".join(f"{k} {v:,}" for k, v in r["rows"].items() if k in ("activities", "activity_countries",
                                                                            "activity_cube", "country_cube",
                                                                            "un_region_cube"))]
              for s, r in results.items()]
    parts += ["### Builds", table(["record", "time", "path", "rows"], builds)]
    return "\n\n".join(parts)


def _union(results: dict, part: str) -> list[str]:
    """Every name any size measured, in the order first met: a size measured before a page or
    query existed lacks it, and shows a dash there."""
    return list(dict.fromkeys(name for result in results.values() for name in result[part]))


def _or_dash(value, form: str) -> str:
    return "–" if value is None else form.format(value)


def _page_cell(page: dict | None) -> str:
    if page is None:
        return "–"
    return (f"{page['median_ms']:.0f} / {page['p95_ms']:.0f} / {page['cpu_median_ms']:.0f} ms"
            f" · {page['chart_bytes'] / 1024:.0f} KB")


def markdown(results: dict) -> str:
    notes = PROFILE_NOTES.read_text(encoding="utf-8") if PROFILE_NOTES.is_file() else ""
    return "\n\n".join([
        "# Benchmark results (issue 8)",
        "Written by `python -m bench` (bench/__main__.py) on the project's 2-core machine, shared with other "
        "engineers' work while it ran: figures are noisy, ratios steadier. ✓/✗: the issue's target for that size.",
        summary(results), "## Details", details(results), notes]).rstrip() + "\n"
