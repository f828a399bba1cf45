"""What deploy/serve.sh's nginx refuses and adds, for the public (issue 19): uploads and the
metrics refused, the security headers on every answer with frame-ancestors from
FITJP_EMBED_ORIGINS, no 500 for a large body, the per-address limits (a normal page load
passes, a burst beyond them gets 429), the pages drawn in Chromium with no CSP violation, and
the documented embed working for a listed origin only. The app's own middleware
(fitjp/web.py's Hardening) is checked in process, for a plain `streamlit run app.py`.

serve.sh runs here without SERVE_RUN_DIR, the way a body over 16 KB used to get 500; it is
stopped by its PID at the end whatever happens (tests/test_deploy.py's Service)."""

from __future__ import annotations

import asyncio
import http.server
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
import websocket

from test_deploy import REPO, SERVE, START_SECONDS, WORKERS, Service, fetch, poll

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
from harness import free_port, new_page, open_page  # noqa: E402

TWENTY_KB = b"a" * 20_000
# deploy/nginx.conf.template's limits (deploy/README.md: "Limits")
STREAMS_AT_ONCE, STREAM_OPENS_BURST, REQUESTS_BURST = 200, 200, 1000


@pytest.fixture(scope="module")
def embedder_port():
    """The port of a page on another origin (http://127.0.0.1:PORT) that embeds the dashboard."""
    return free_port()


@pytest.fixture(scope="module")
def service(tmp_path_factory, embedder_port):
    """serve.sh as in production: no SERVE_RUN_DIR (its own temp run folder, read off its log)."""
    port, log_path = free_port(), tmp_path_factory.mktemp("hardening") / "serve.log"
    env = {key: value for key, value in os.environ.items() if key != "SERVE_RUN_DIR"} | {
        "PORT": str(port), "WORKERS": str(WORKERS), "RESTART_DELAY": "5", "PYTHON": sys.executable,
        "FITJP_EMBED_ORIGINS": f"http://127.0.0.1:{embedder_port} https://www.example.org"}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(["bash", str(SERVE)], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        run_dir = Path(poll(lambda: process.poll() is not None and "exited"
                            or re.search(r"run folder (\S+)", log_path.read_text()), START_SECONDS,
                            "serve.sh to start nginx").group(1))
        service = Service(process, f"http://127.0.0.1:{port}", run_dir)
        poll(lambda: process.poll() is not None or ((run_dir / "streamlit.pids").exists() and service.all_healthy()),
             START_SECONDS, "serve.sh to answer")
        assert process.poll() is None, log_path.read_text()[-3000:]
        yield service
    finally:
        if process.poll() is None:
            Service(process, "", Path()).stop()


def request(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_an_upload_is_refused_and_the_processes_take_the_smallest(service):
    session, file_id = uuid.uuid4(), uuid.uuid4().hex
    status, _, _ = request(f"{service.base}/_stcore/upload_file/{session}/{file_id}", "PUT", b"x" * 500)
    assert status == 403
    assert request(f"{service.base}/_stcore/upload_file/{session}/{file_id}", "PUT", TWENTY_KB)[0] == 413
    for pid in service.pids().values():
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        assert arguments[arguments.index(b"--server.maxUploadSize") + 1] == b"1"


def test_metrics_and_the_agent_api_are_not_public(service):
    assert fetch(f"{service.base}/_stcore/metrics")[0] == 404
    assert fetch(f"{service.base}/_stcore/agent/openapi.json")[0] == 404
    assert fetch(f"{service.base}/_stcore/health")[0] == 200


def test_a_20_kb_body_is_refused_with_413_not_500(service):
    for path in ("/", "/map", "/_stcore/health", "/data/activities.csv"):
        assert request(service.base + path, "POST", TWENTY_KB)[0] == 413, path
    # without a length (chunked), nginx counts as it reads
    chunked = iter([TWENTY_KB[:10_000], TWENTY_KB[10_000:]])
    assert request(service.base + "/", "POST", chunked, {"Transfer-Encoding": "chunked"})[0] == 413
    assert "[crit]" not in (service.run_dir / "error.log").read_text()


def expected_policy(embedder_port: int) -> str:
    from fitjp.web import CONTENT_SECURITY_POLICY
    return (f"{CONTENT_SECURITY_POLICY}; frame-ancestors 'self' http://127.0.0.1:{embedder_port} "
            "https://www.example.org")


def test_every_answer_carries_the_security_headers_once_with_the_configured_frame_ancestors(service, embedder_port):
    page_status, page_headers, page = fetch(f"{service.base}/map?embed=true&region=africa")
    script = re.search(rb'(static/js/[\w.-]+\.js)', page).group(1).decode()
    answers = {"page": (page_status, page_headers), "script": fetch(f"{service.base}/{script}")[:2],
               "world map": fetch(f"{service.base}/app/static/world_50m.json")[:2],
               "data": fetch(f"{service.base}/data/datapackage.json")[:2],
               "health": fetch(f"{service.base}/_stcore/health")[:2],
               "refusal": fetch(f"{service.base}/_stcore/metrics")[:2]}
    for name, (status, headers) in answers.items():
        assert headers.get_all("Content-Security-Policy") == [expected_policy(embedder_port)], name
        assert headers.get_all("X-Content-Type-Options") == ["nosniff"], name
        assert headers.get_all("Referrer-Policy") == ["strict-origin-when-cross-origin"], name
        assert "X-Frame-Options" not in headers, name  # frame-ancestors alone says who may frame
    policy = dict(part.strip().split(" ", 1) for part in page_headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert "'unsafe-eval'" not in policy["script-src"] and "http" not in policy["script-src"]


# `browser`: the session's one browser (tests/conftest.py).


def csp_messages(page) -> list[str]:
    """The console's Content-Security-Policy violations, from now on."""
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))")
    return messages


@pytest.mark.parametrize("path", ["map?region=africa", "funding"])
def test_the_page_draws_under_the_policy_with_no_violation(service, browser, path):
    page = new_page(browser, service.base)
    try:
        violations = csp_messages(page)
        open_page(page, path)
        assert page.locator(".js-plotly-plot .main-svg").count() >= 1
        if path.startswith("map"):
            assert page.locator(".choroplethlocation").count() > 50  # the world map's shapes drew
        assert not violations, violations
        assert not page.blocked
    finally:
        page.context.close()


@contextmanager
def embedding_page(port: int, src: str):
    """A page on http://127.0.0.1:PORT, another origin than the dashboard's, that frames `src`:
    the README's embed snippet. A server in this process, on loopback, stopped at the end."""
    html = (f'<!doctype html><title>embedder</title><iframe src="{src}" title="the dashboard" '
            'width="100%" height="820" style="border:0"></iframe>').encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_documented_embed_draws_on_a_listed_origin_and_is_refused_on_another(service, browser, embedder_port):
    src = f"{service.base}/map?embed=true&region=africa&lang=fr"
    for port, listed in ((embedder_port, True), (free_port(), False)):
        context = browser.new_context()
        page = context.new_page()
        try:
            violations = csp_messages(page)
            with embedding_page(port, src) as url:
                page.goto(url)
                frame = page.frame_locator("iframe")
                if listed:
                    frame.locator("h1").first.wait_for(timeout=30_000)
                    frame.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
                    assert not violations, violations
                else:
                    poll(lambda: any("frame-ancestors" in v for v in violations), 30, "the browser to refuse the frame")
                    assert page.frames[1].locator("[data-testid='stApp']").count() == 0
        finally:
            context.close()


def page_load(base: str) -> list[int]:
    """What a browser's page load asks of nginx (counted in Chromium: deploy/README.md,
    "Limits"): the page, Streamlit's probes of /map/ and of /, the favicon, the logo, the websocket."""
    cookie = {"Cookie": f"fitjp_affinity={uuid.uuid4().hex}"}
    statuses = [request(base + path, headers=cookie)[0] for path in
                ("/map", "/map/_stcore/health", "/map/_stcore/host-config", "/_stcore/health",
                 "/_stcore/host-config", "/favicon.png")]
    ws = websocket.create_connection(base.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                                     timeout=10, cookie=cookie["Cookie"].split(" ", 1)[0])
    statuses.append(ws.getstatus())
    ws.close()
    return statuses


def open_streams(base: str, count: int) -> tuple[list[websocket.WebSocket], list[int]]:
    """`count` websockets opened one after another from this one address; the ones refused by status."""
    opened, refused = [], []
    for _ in range(count):
        try:
            opened.append(websocket.create_connection(base.replace("http://", "ws://") + "/_stcore/stream",
                                                      subprotocols=["streamlit"], timeout=10,
                                                      cookie=f"fitjp_affinity={uuid.uuid4().hex}"))
        except websocket.WebSocketBadStatusException as error:
            refused.append(error.status_code)
    return opened, refused


# Last: the bursts spend this address's allowance.
def test_a_page_load_passes_and_a_burst_beyond_the_limits_is_refused_with_429(service):
    assert all(status in (200, 404, 101) for status in page_load(service.base))  # 404: Streamlit's /map/ probes
    # Websockets: at most STREAMS_AT_ONCE open at once, STREAM_OPENS_BURST opened in a burst.
    opened, refused = open_streams(service.base, STREAMS_AT_ONCE + 60)
    try:
        assert STREAMS_AT_ONCE - 10 <= len(opened) <= STREAMS_AT_ONCE and len(refused) >= 60
        assert set(refused) == {429}
    finally:
        for ws in opened:
            ws.close()
    # Requests that reach a process: a burst of REQUESTS_BURST, then 50 a second.
    url = f"{service.base}/_stcore/health"
    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: request(url)[0], range(REQUESTS_BURST + 400)))
    seconds = time.monotonic() - started
    assert set(statuses) <= {200, 429} and statuses.count(429) > 0
    assert REQUESTS_BURST <= statuses.count(200) <= REQUESTS_BURST + 50 * seconds + 10
    assert "limiting requests" in (service.run_dir / "error.log").read_text()
    # The address's allowance comes back as it refills: a page load passes again within seconds.
    poll(lambda: all(status in (200, 404, 101) for status in page_load(service.base)), 30, "a page load to pass again")


# --- the app alone (streamlit run app.py): fitjp/web.py's middleware --------------------------

def answer(path: str, method: str = "GET") -> tuple[int, dict[str, str]]:
    """What fitjp/web.py's middleware answers for `path`, in front of an app that says "ok"."""
    from starlette.responses import PlainTextResponse

    from fitjp.web import Hardening
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b"",
             "headers": [], "scheme": "http", "server": ("127.0.0.1", 80), "http_version": "1.1"}
    with ThreadPoolExecutor(1) as thread:  # a loop of its own: the browser's may run in this thread
        thread.submit(asyncio.run, Hardening(PlainTextResponse("ok"))(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]}


def test_the_app_alone_refuses_uploads_and_metrics_and_sends_the_headers(monkeypatch):
    monkeypatch.setenv("FITJP_EMBED_ORIGINS", "https://www.example.org")
    assert answer("/_stcore/upload_file/s/f", "PUT")[0] == 403
    assert answer("/_stcore/metrics")[0] == 404
    status, headers = answer("/map")
    assert status == 200 and headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"].endswith("; frame-ancestors 'self' https://www.example.org")
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_app_py_serves_through_the_middleware():
    import app  # noqa: F401  (app.py: the public app)
    from fitjp.web import Hardening
    assert any(m.cls is Hardening for m in app.app._user_middleware)


@pytest.mark.parametrize("value", ["https://a.org; script-src *", 'https://a.org"', "javascript:alert(1)", "*",
                                   "https://a.org/path", "'unsafe-inline'"])
def test_an_embed_origin_that_is_not_one_is_refused(monkeypatch, value):
    from fitjp import settings
    monkeypatch.setenv("FITJP_EMBED_ORIGINS", value)
    with pytest.raises(ValueError, match="FITJP_EMBED_ORIGINS"):
        settings.embed_origins()
