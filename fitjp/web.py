"""The public app's HTTP side (app.py): /data/<name> answers with the live release's open
data file of that name, or 404 for any name that is not one (opendata.file_names); and
`Hardening`, the middleware that gives every response the security headers and refuses
Streamlit's file uploads and metrics. deploy/serve.sh's nginx does the same in front of the
processes (it asks security_headers() for the same values), so a plain `streamlit run app.py`
and the served site answer alike."""

from __future__ import annotations

import anyio
from starlette.requests import Request
from starlette.datastructures import MutableHeaders
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fitjp import opendata, settings
from fitjp.record import releases

NOT_A_FILE = ("No data file of that name. Every file is listed in /data/datapackage.json: "
              "each table as .csv, .json and .parquet.\n")


async def data_file(request: Request) -> Response:
    name = request.path_params["name"]
    media_type = opendata.file_names().get(name)
    if media_type is None:
        return PlainTextResponse(NOT_A_FILE, status_code=404)
    # the first request for a release writes its files (a second or so on the shipped data),
    # off the event loop that serves every viewer's websocket
    folder, release = await anyio.to_thread.run_sync(releases.live_open_files)
    headers = {
        "Cache-Control": "no-cache",  # revalidated (ETag): the next release has new figures
        "Access-Control-Allow-Origin": "*",
        "X-Data-Release": str(release["version"] or release["id"]),
        "Link": '</data/datapackage.json>; rel="describedby"',
    }
    return FileResponse(folder / name, media_type=media_type, headers=headers)


# What the pages need, checked in headless Chromium on every page, the Map and Funding pages by
# tests/test_hardening.py (a source less and the page breaks or the console names the violation):
# - script-src 'unsafe-inline': the app's own small scripts (st.html(..., unsafe_allow_javascript))
#   and the one in Streamlit's index.html run inline. 'wasm-unsafe-eval': Streamlit's frontend
#   compiles WebAssembly (without it no page draws). Plotly needs no 'unsafe-eval'.
# - style-src 'unsafe-inline': Streamlit (emotion) and Plotly write <style> elements and styles.
# - img-src and font-src data: and blob:: Streamlit's icons and Plotly's images are data URLs.
# Nothing is fetched from another host: every other source is the dashboard's own ('self').
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; "
                           "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
                           "connect-src 'self'; worker-src 'self' blob:; frame-src 'self' blob:; "
                           "object-src 'none'; base-uri 'self'; form-action 'self'")


def content_security_policy() -> str:
    """The Content-Security-Policy of every response: CONTENT_SECURITY_POLICY, and the pages
    that may frame the dashboard: its own and FITJP_EMBED_ORIGINS (settings.embed_origins)."""
    ancestors = " ".join(["'self'", *settings.embed_origins()])
    return f"{CONTENT_SECURITY_POLICY}; frame-ancestors {ancestors}"


def security_headers() -> dict[str, str]:
    """The headers every response carries, from the app and from deploy/'s nginx alike."""
    return {"Content-Security-Policy": content_security_policy(),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin"}


# Streamlit endpoints the public app does not serve: it asks no viewer for a file (an upload
# would sit in the process's memory), and its metrics are for its operators, not the public.
REFUSED = {"/_stcore/upload_file": 403, "/_stcore/metrics": 404}


class Hardening:
    """ASGI middleware (app.py): the security headers on every HTTP response, unless the
    response set its own; 403 for an upload, 404 for the metrics. Websockets pass untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = security_headers()  # read per request: settings are read when asked for
        path = scope["path"].rstrip("/")
        refused = next((status for prefix, status in REFUSED.items()
                        if path == prefix or path.startswith(prefix + "/")), None)
        if refused:
            await PlainTextResponse("Not served here.\n", status_code=refused, headers=headers)(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                for name, value in headers.items():
                    response_headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
