"""The journey-test harness: one way for every browser test to start the app, open a page,
wait for Streamlit to settle, act as a user would, and keep a screenshot.

Streamlit renders asynchronously, so nothing here sleeps: each step waits for a condition
(no skeleton, no running-script widget, every Plotly chart drawn).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # the unit layer's helpers, for browser tests too
from matrix import FULL, sample  # noqa: E402,F401  (the generated matrices' size, tests/matrix.py)
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
DESKTOP = {"width": 1440, "height": 1000}
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
TIMEOUT = 30_000  # ms: a page of the shipped data settles in a few seconds even on a busy machine

# A run has finished when the server says so on the app's websocket: a script_finished
# message, except the one that ends a run early for st.rerun (another run follows it). The
# page's own run-state attribute cannot tell: React may draw "running" and "not running" in one
# frame when a run is quick, and then the attribute never changes.
RUN_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  // stale: drawn by an earlier run and not yet redrawn or removed by this one
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stStatusWidget"], [data-stale="true"]')) return false;
  const charts = [...document.querySelectorAll('.js-plotly-plot')];
  // A map draws its shapes only once its topojson has loaded.
  return charts.every(c => c.querySelector('.main-svg')
                           && (!c.querySelector('.geolayer > *') || c.querySelector('.choroplethlocation, .scattergeo')));
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(env: dict[str, str] | None = None, script: str = "app.py", args: tuple = ()):
    """`streamlit run <script>` (app.py, the public site, or admin.py, the staff app) on 127.0.0.1 and
    a free port, with extra Streamlit `args`; yields its base URL and stops the process it
    started (by its own id) when done."""
    with streamlit_process(env, script, args) as (base, _process):
        yield base


@contextmanager
def streamlit_process(env: dict[str, str] | None = None, script: str = "app.py", args: tuple = ()):
    """streamlit_server's server, yielding its base URL and its process (the benchmark reads
    the process's CPU time). Its output goes to a file, not a pipe nobody reads, which would
    fill and stall the server."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), *args],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=os.environ | (env or {}))
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(base, process, log)
            yield base, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_healthy(base: str, process: subprocess.Popen, log, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).status == 200:
                return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                log.seek(0)
                raise RuntimeError(f"streamlit did not start: {log.read().decode(errors='replace')[-2000:]}")
            time.sleep(0.3)  # polling a socket, not waiting on the page


def new_page(browser, base: str, viewport: dict = DESKTOP, dark: bool = False, **context_options):
    """A page in a fresh browser context (no cookies, no session) that blocks and records
    every request to another host: `page.blocked` lists them."""
    context = browser.new_context(viewport=viewport, color_scheme="dark" if dark else "light",
                                  accept_downloads=True, **context_options)
    blocked: list[str] = []

    def only_local(route):
        url = route.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:")):
            return route.continue_()
        blocked.append(url)
        return route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("websocket", lambda socket: setattr(page, "app_socket", socket)
            if socket.url.endswith("/_stcore/stream") else None)
    page.blocked = blocked
    page.base = base
    return page


def settle(page, timeout: int = TIMEOUT) -> None:
    """Wait until Streamlit has finished the run and every chart has drawn."""
    page.wait_for_function(SETTLED, timeout=timeout)


def rerun(page, action) -> None:
    """Do `action` (a click, a pick), which makes Streamlit rerun, and wait until that run
    has finished and the page has settled."""
    with page.app_socket.expect_event("framereceived", predicate=_run_done, timeout=TIMEOUT):
        action()
    settle(page)


def _run_done(payload) -> bool:
    if not isinstance(payload, bytes):
        return False
    message = ForwardMsg.FromString(payload)
    return message.WhichOneof("type") == "script_finished" and message.script_finished in RUN_DONE


def open_page(page, path: str) -> None:
    page.goto(f"{page.base}/{path.lstrip('/')}")
    page.wait_for_selector("[data-testid='stApp']")
    page.wait_for_selector("h1", timeout=TIMEOUT)
    settle(page)


def wait_for_url(page, fragment: str) -> None:
    """Streamlit rewrites the URL with history.replaceState, which fires no navigation event."""
    try:
        page.wait_for_function("f => decodeURIComponent(location.href).includes(f)", arg=fragment,
                               timeout=TIMEOUT)
    except Exception as error:
        raise AssertionError(f"the URL never showed {fragment!r}: it is {page.url}") from error


def pick(page, label: str, option: str, scope=None) -> None:
    """Choose `option` in the selectbox or multiselect labelled `label` as a user does (type
    to filter, then click the option), and wait for the rerun it causes."""
    box = (scope or page).get_by_label(label, exact=True)

    def choose():
        box.click()
        box.fill(option)
        page.get_by_role("option", name=option, exact=True).first.click(timeout=TIMEOUT)

    rerun(page, choose)
    page.keyboard.press("Escape")


def sidebar(page):
    """The sidebar, opened if folded."""
    panel = page.get_by_test_id("stSidebar")
    if panel.get_attribute("aria-expanded") == "false":
        page.get_by_test_id("stExpandSidebarButton").click()
    return panel


def main(page):
    """The page's main area, beside the sidebar."""
    return page.get_by_test_id("stMain")


def metric(page, label: str) -> str:
    """The value shown on the metric card labelled `label`."""
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label))
    return card.get_by_test_id("stMetricValue").inner_text()


def whole_number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def assert_no_error(page) -> None:
    errors = page.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    assert errors.count() == 0, errors.first.inner_text()
    assert not page.get_by_text("Page not found").count(), "Streamlit says the page was not found"


def assert_offline(page) -> None:
    assert not page.blocked, f"requests left the server: {page.blocked}"


def screenshot(page, name: str, full_page: bool = True) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{re.sub(r'[^A-Za-z0-9_-]+', '_', name)}.png"
    page.screenshot(path=path, full_page=full_page)
    return path
