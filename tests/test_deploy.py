"""deploy/serve.sh as a viewer meets it: nginx on a free 127.0.0.1 port in front of two
Streamlit processes. Compressed and cached assets, health through nginx, a short load in
Streamlit's own protocol with no error and each viewer kept on one process, the page shown
while the processes are down, their restart, and a SIGTERM that stops everything.
The service is stopped by its PID at the end whatever happens."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
from harness import free_port  # noqa: E402  (the journey harness: one way to pick a port)

REPO = Path(__file__).resolve().parent.parent
SERVE = REPO / "deploy" / "serve.sh"
START_SECONDS = 90  # two Streamlit processes on a busy 2-core machine
WORKERS = 2  # one Streamlit process per core of this machine


def fetch(url: str, gzip_ok: bool = False, timeout: float = 10):
    """(status, headers, body) of a GET; an HTTP error status is an answer, not a failure."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def poll(condition, seconds: float, what: str, every: float = 0.2):
    """Poll `condition` (a socket question, not a sleep on the page) every `every` seconds
    until it is truthy; its value. OSError counts as not yet."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except OSError:
            pass
        time.sleep(every)
    raise AssertionError(f"gave up waiting for {what} after {seconds:.0f} s")


class Service:
    def __init__(self, process: subprocess.Popen, base: str, run_dir: Path):
        self.process, self.base, self.run_dir = process, base, run_dir

    def pids(self) -> dict[int, int]:
        """Port -> PID of each Streamlit process, as serve.sh lists them."""
        text = (self.run_dir / "streamlit.pids").read_text()
        return {int(port): int(pid) for port, pid in (line.split() for line in text.splitlines())}

    def nginx_pid(self) -> int:
        return int((self.run_dir / "serve.nginx.pid").read_text())

    def all_healthy(self) -> bool:
        ports = self.pids()  # serve.sh lists each process as it starts it: wait for all of them
        return len(ports) == WORKERS \
            and all(fetch(f"http://127.0.0.1:{port}/_stcore/health")[0] == 200 for port in ports) \
            and fetch(f"{self.base}/_stcore/health")[0] == 200

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # serve.sh's trap stops what it started, by PID
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    port, run_dir = free_port(), tmp_path_factory.mktemp("serve")
    env = os.environ | {"PORT": str(port), "WORKERS": str(WORKERS), "RESTART_DELAY": "5", "SERVE_RUN_DIR": str(run_dir),
                        "PYTHON": sys.executable}
    process = subprocess.Popen(["bash", str(SERVE)], cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    service = Service(process, f"http://127.0.0.1:{port}", run_dir)
    try:
        poll(lambda: process.poll() is not None or ((run_dir / "streamlit.pids").exists() and service.all_healthy()),
             START_SECONDS, "serve.sh to answer")
        assert process.poll() is None, process.stdout.read().decode()[-3000:]
        yield service
    finally:
        service.stop()


def first_javascript(service: Service) -> str:
    _, _, page = fetch(service.base + "/")
    return re.search(rb'(static/js/[\w.-]+\.js)', page).group(1).decode()


def test_javascript_arrives_compressed_and_is_kept_a_year(service):
    path = first_javascript(service)
    status, headers, body = fetch(f"{service.base}/{path}", gzip_ok=True)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    _, _, plain = fetch(f"{service.base}/{path}")
    assert gzip.decompress(body) == plain and len(body) < len(plain) / 2


def test_a_browser_that_reads_brotli_gets_the_precompressed_brotli_file(service):
    path = first_javascript(service)
    _, _, plain = fetch(f"{service.base}/{path}")

    def brotli_answer():
        request = urllib.request.Request(f"{service.base}/{path}", headers={"Accept-Encoding": "gzip, br"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read() if response.headers["Content-Encoding"] == "br" else None

    # serve.sh writes the .br files in the background after nginx starts: poll for it.
    body = poll(brotli_answer, START_SECONDS, "the .br files")
    assert brotli.decompress(body) == plain and len(body) < len(plain) / 3


def test_the_offline_world_map_is_compressed_and_cached(service):
    status, headers, body = fetch(f"{service.base}/app/static/world_50m.json", gzip_ok=True)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=604800"
    assert json.loads(gzip.decompress(body))["type"] == "Topology"


def test_health_answers_through_nginx_and_a_first_visit_gets_its_affinity_cookie(service):
    status, headers, body = fetch(service.base + "/_stcore/health")
    assert (status, body) == (200, b"ok")
    assert any(re.match(r"fitjp_affinity=[0-9a-f]{32}; Path=/; HttpOnly", value)
               for value in headers.get_all("Set-Cookie") or [])


def test_each_process_is_warmed_once_it_answers(service):
    """serve.sh opens every page of each process it starts (loadtest/warm.py), in each language."""
    def warmed():
        return all(f"warmed http://127.0.0.1:{port}: 40 runs" in (service.run_dir / f"streamlit-{port}.log").read_text()
                   for port in service.pids())
    poll(warmed, 120, "each process to be warmed")


def test_a_short_load_has_no_error_and_keeps_each_viewer_on_one_process(service, tmp_path):
    result_file = tmp_path / "load.json"
    subprocess.run([sys.executable, "-m", "loadtest", "--host", service.base, "--users", "5", "--seconds", "10",
                    "--think", "0.5-1", "--spawn-seconds", "2", "--pids-file", str(service.run_dir / "streamlit.pids"),
                    "--json", str(result_file)], cwd=REPO, check=True, timeout=180)
    result = json.loads(result_file.read_text())
    assert result["errors"] == 0, result
    assert result["opens"] == 5 and result["reruns"] >= 5, result
    assert len(result["memory_mb"]) == WORKERS and all(m["rss"] > 50 for m in result["memory_mb"].values()), result
    # nginx's log names the process behind each websocket: one per viewer, both used.
    streams = re.findall(r'"GET /_stcore/stream[^"]*" 101 .*? upstream=(\S+) affinity=(\w+)',
                         (service.run_dir / "access.log").read_text())
    by_viewer: dict[str, set[str]] = {}
    for upstream, affinity in streams:
        by_viewer.setdefault(affinity, set()).add(upstream)
    assert len(by_viewer) == 5 and all(len(upstreams) == 1 for upstreams in by_viewer.values())
    assert len(set().union(*by_viewer.values())) == WORKERS, "five viewers from one address all reached one process"


def test_with_every_process_down_a_viewer_reads_that_it_is_restarting_and_it_comes_back(service):
    before = service.pids()
    for pid in before.values():
        os.kill(pid, signal.SIGKILL)  # the processes serve.sh started, by their PIDs
    status, headers, body = fetch(service.base + "/map?region=africa")
    assert status == 503 and headers["Retry-After"] == "5"
    assert b"The dashboard is restarting" in body and b'http-equiv="refresh"' in body
    poll(lambda: set(service.pids().values()).isdisjoint(before.values()) and service.all_healthy(),
         START_SECONDS, "serve.sh to restart both processes")
    assert fetch(service.base + "/")[0] == 200


def test_sigterm_stops_every_process_serve_sh_started(service):
    started = [*service.pids().values(), service.nginx_pid()]
    service.stop()
    assert service.process.returncode == 0
    alive = [pid for pid in started if Path(f"/proc/{pid}").exists()
             and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()]
    assert not alive
    with pytest.raises(OSError):
        urllib.request.urlopen(service.base + "/_stcore/health", timeout=2)
