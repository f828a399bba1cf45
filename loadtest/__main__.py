"""Run the load test for a fixed time and report what viewers saw.

    python -m loadtest --users 40 --seconds 60 --think 2-10 \
        --pids-file RUN_DIR/streamlit.pids [--kill-after 20] [--json result.json] \
        [--viewers-json viewers.json]

Locust runs as a library (no web UI). Reported: errors (with their kinds), latency p50/p95/max
of filter changes (reruns) and of first opens, script runs a second and per core, and each
Streamlit process's memory (RSS, by PID from serve.sh's pids file). --kill-after kills one
Streamlit process (SIGKILL, by its PID) mid-run: its viewers reconnect and the errors seen
are counted. --viewers-json writes every run of each viewer (when, open or rerun, failed or
not, and its session's affinity cookie): which viewers saw an error, and when. Loopback only;
users, seconds and think times are bounded.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import signal
import socket
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import gevent
import psutil
from locust import between
from locust.env import Environment

from loadtest.viewer import StreamlitViewer

MAX_USERS, MAX_SECONDS = 500, 600


def parse_think(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    low, high = float(low), float(high or low)
    if not 0 <= low <= high <= 120:
        raise argparse.ArgumentTypeError("think time: MIN-MAX seconds, 0 <= MIN <= MAX <= 120")
    return low, high


def loopback_host(url: str) -> str:
    """`url` when its host is on this machine's loopback; anything else is refused."""
    host = urlsplit(url).hostname or ""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise argparse.ArgumentTypeError(f"{url}: the load test only targets loopback (127.0.0.0/8, ::1)")
    return url.rstrip("/")


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", type=loopback_host, default="http://127.0.0.1:8080")
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=parse_think, default=(2.0, 10.0), help="MIN-MAX seconds between changes")
    parser.add_argument("--spawn-seconds", type=float, default=5, help="seconds over which the users arrive")
    parser.add_argument("--pids-file", type=Path, help="serve.sh's RUN_DIR/streamlit.pids: memory and --kill-after")
    parser.add_argument("--kill-after", type=float, help="seconds into the run to SIGKILL one Streamlit process")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--viewers-json", type=Path,
                        help="write each viewer's runs here: {viewer: [{at, run, ok, affinity, error}]}")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= MAX_USERS or not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"users 1..{MAX_USERS}, seconds up to {MAX_SECONDS}")
    if args.kill_after is not None and not args.pids_file:
        parser.error("--kill-after needs --pids-file")
    return args


def streamlit_pids(path: Path | None) -> dict[int, int]:
    """Port -> PID of each Streamlit process serve.sh runs now."""
    if not path or not path.exists():
        return {}
    pairs = (line.split() for line in path.read_text().splitlines() if line.strip())
    return {int(port): int(pid) for port, pid in pairs}


class Memory:
    """Resident memory of each Streamlit process, sampled every second (the last and the peak),
    and the CPU time each used: on a shared machine the wall clock mixes in other work, while
    runs per CPU-second of the servers is what one dedicated core would do."""

    def __init__(self, pids_file: Path | None):
        self.pids_file, self.last, self.peak = pids_file, {}, {}
        self.cpu_first: dict[int, float] = {}
        self.cpu_last: dict[int, float] = {}

    def sample(self) -> None:
        for port, pid in streamlit_pids(self.pids_file).items():
            try:
                process = psutil.Process(pid)
                rss = process.memory_info().rss
                times = process.cpu_times()
            except psutil.Error:
                continue
            self.last[pid] = (port, rss)
            self.peak[pid] = max(self.peak.get(pid, 0), rss)
            self.cpu_first.setdefault(pid, times.user + times.system)
            self.cpu_last[pid] = times.user + times.system

    def cpu_seconds(self) -> float:
        return sum(self.cpu_last[pid] - self.cpu_first[pid] for pid in self.cpu_last)

    def loop(self) -> None:
        while True:
            self.sample()
            gevent.sleep(1)


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(args: argparse.Namespace) -> dict:
    low, high = args.think

    class Viewer(StreamlitViewer):
        wait_time = between(low, high)

    env = Environment(user_classes=[Viewer], host=args.host)
    times: dict[str, list[float]] = {"open": [], "rerun": []}
    errors: dict[str, int] = {}
    viewers: dict[str, list[dict]] = {}

    def on_request(request_type, name, response_time, response_length, exception=None, context=None, **_):
        if exception is None:
            times[name.split()[0]].append(response_time)
        else:
            kind = f"{name.split()[0]}: {type(exception).__name__}: {str(exception)[:120]}"
            errors[kind] = errors.get(kind, 0) + 1
        if context and "viewer" in context:  # each run, by viewer: at is when it ended (epoch seconds)
            viewers.setdefault(context["viewer"], []).append({
                "at": round(time.time(), 3), "run": name, "ok": exception is None,
                "affinity": context["affinity"],
                "error": None if exception is None else f"{type(exception).__name__}: {str(exception)[:120]}"})

    env.events.request.add_listener(on_request)
    memory = Memory(args.pids_file)
    sampler = gevent.spawn(memory.loop)
    killed = []
    if args.kill_after is not None:
        def kill_one():
            pids = streamlit_pids(args.pids_file)
            port, pid = sorted(pids.items())[0]
            os.kill(pid, signal.SIGKILL)  # by its PID, as serve.sh reported it
            killed.append({"port": port, "pid": pid, "at_seconds": args.kill_after})
        gevent.spawn_later(args.kill_after, kill_one)

    runner = env.create_local_runner()
    memory.sample()  # the CPU time before the first viewer arrives
    started = time.monotonic()
    runner.start(args.users, spawn_rate=args.users / max(args.spawn_seconds, 0.1))
    gevent.spawn_later(args.seconds, runner.quit)
    runner.greenlet.join(timeout=args.seconds + 30)  # users finish their current run, bounded
    if any(not greenlet.dead for greenlet in runner.greenlet):
        runner.greenlet.kill(block=True, timeout=5)  # a viewer stuck past the end: stop it anyway
    elapsed = time.monotonic() - started
    memory.sample()
    sampler.kill()
    if args.viewers_json:
        args.viewers_json.write_text(json.dumps(viewers, indent=1))

    cores = os.cpu_count() or 1
    runs = len(times["open"]) + len(times["rerun"])
    ms = lambda v: None if v is None else round(v)
    return {
        "users": args.users, "seconds": round(elapsed, 1), "think": f"{low:g}-{high:g}", "cores": cores,
        "reruns": len(times["rerun"]), "opens": len(times["open"]),
        "errors": sum(errors.values()), "error_kinds": errors,
        "rerun_ms": {"p50": ms(percentile(times["rerun"], .5)), "p95": ms(percentile(times["rerun"], .95)),
                     "max": ms(max(times["rerun"], default=None)),
                     "mean": ms(statistics.fmean(times["rerun"]) if times["rerun"] else None)},
        "open_ms": {"p50": ms(percentile(times["open"], .5)), "p95": ms(percentile(times["open"], .95))},
        "runs_per_second": round(runs / elapsed, 2), "runs_per_second_per_core": round(runs / elapsed / cores, 2),
        "server_cpu_seconds": round(memory.cpu_seconds(), 1),
        "runs_per_server_cpu_second": round(runs / memory.cpu_seconds(), 2) if memory.cpu_seconds() else None,
        # The processes serving at the end; one killed during the run shows its peak only.
        "memory_mb": {str(pid): {"port": port, "rss": round(rss / 2**20), "peak": round(memory.peak[pid] / 2**20)}
                      for pid, (port, rss) in memory.last.items() if pid in streamlit_pids(args.pids_file).values()},
        "memory_gone_peak_mb": {str(pid): round(memory.peak[pid] / 2**20) for pid in memory.last
                                if pid not in streamlit_pids(args.pids_file).values()},
        "killed": killed,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def report(result: dict) -> str:
    lines = [f"{result['users']} users x {result['seconds']} s, think {result['think']} s, {result['cores']} cores",
             f"reruns {result['reruns']} (p50 {result['rerun_ms']['p50']} ms, p95 {result['rerun_ms']['p95']} ms, "
             f"max {result['rerun_ms']['max']} ms); opens {result['opens']} (p50 {result['open_ms']['p50']} ms, "
             f"p95 {result['open_ms']['p95']} ms)",
             f"throughput {result['runs_per_second']} runs/s, {result['runs_per_second_per_core']} per core; "
             f"the servers used {result['server_cpu_seconds']} CPU s: {result['runs_per_server_cpu_second']} runs "
             "per CPU-second (what a dedicated core would do)",
             f"errors {result['errors']}"]
    lines += [f"  {count} x {kind}" for kind, count in result["error_kinds"].items()]
    lines += [f"memory pid {pid} (port {m['port']}): {m['rss']} MB now, peak {m['peak']} MB"
              for pid, m in result["memory_mb"].items()]
    lines += [f"killed pid {k['pid']} (port {k['port']}) at {k['at_seconds']} s; its peak "
              f"{result['memory_gone_peak_mb'].get(str(k['pid']))} MB" for k in result["killed"]]
    lines.append(f"load average at the end: {result['load_average']} (a shared machine: other work counts)")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = arguments(argv)
    result = run(args)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
