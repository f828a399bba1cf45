"""One viewer's session in Streamlit's websocket protocol, as the browser's frontend speaks it.

The frontend connects to ws://HOST/_stcore/stream with the subprotocol "streamlit" (the same
header carries an XSRF token and a session id to resume, both optional), then sends a
BackMsg.rerun_script for each run: the URL's query string and the page, named by its URL path
on the first run (page_name) and by its page_script_hash afterwards, as the frontend does once
ForwardMsg.navigation has listed the pages. The server answers with ForwardMsgs until
script_finished. An exception element in a run is a failure the viewer would see.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RUN_TIMEOUT = 60.0  # seconds a run may take before it counts as failed
DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class RunFailed(Exception):
    """A run the viewer would see fail: an exception on the page, a missing page, a timeout."""


@dataclass
class RunResult:
    seconds: float
    received_bytes: int
    messages: int


@dataclass
class Session:
    """A connected viewer. `pages` maps each page's URL path to its page_script_hash."""
    ws: websocket.WebSocket
    pages: dict[str, str] = field(default_factory=dict)

    @classmethod
    def connect(cls, ws_url: str, affinity: str, timeout: float = 10.0) -> "Session":
        # The cookie is what nginx hashes on (deploy/nginx.conf.template): each viewer its own,
        # so viewers from one address spread over the processes and each stays on one.
        ws = websocket.create_connection(ws_url, subprotocols=["streamlit"], timeout=timeout,
                                         cookie=f"fitjp_affinity={affinity}")
        ws.settimeout(RUN_TIMEOUT)  # connected: a viewer waits as long as a run may take
        return cls(ws)

    def run(self, page: str, query_string: str) -> RunResult:
        """Run `page` (a URL path: "", "map", ...) with `query_string`; wait for it to finish."""
        message = BackMsg()
        message.rerun_script.query_string = query_string
        if page in self.pages:
            message.rerun_script.page_script_hash = self.pages[page]
        else:
            message.rerun_script.page_name = page
        started = time.perf_counter()
        self.ws.send_binary(message.SerializeToString())
        return self._read_until_finished(started)

    def _read_until_finished(self, started: float) -> RunResult:
        received = count = 0
        deadline = started + RUN_TIMEOUT
        while True:
            if time.perf_counter() > deadline:
                raise RunFailed(f"no script_finished within {RUN_TIMEOUT:.0f} s")
            data = self.ws.recv()
            received += len(data)
            count += 1
            reply = ForwardMsg()
            reply.ParseFromString(data)
            kind = reply.WhichOneof("type")
            if kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash for page in reply.navigation.app_pages}
                for page in reply.navigation.app_pages:
                    if page.is_default:
                        self.pages[""] = page.page_script_hash
            elif kind == "delta" and _is_exception(reply):
                raise RunFailed("exception on the page: " + reply.delta.new_element.exception.message[:200])
            elif kind == "page_not_found":
                raise RunFailed(f"page not found: {reply.page_not_found.page_name}")
            elif kind == "script_finished":
                if reply.script_finished in DONE:
                    return RunResult(time.perf_counter() - started, received, count)
                if reply.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RunFailed("the script did not compile")
                # FINISHED_EARLY_FOR_RERUN: the app called st.rerun; the next run follows.

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:
            pass


def _is_exception(reply: ForwardMsg) -> bool:
    delta = reply.delta
    return (delta.WhichOneof("type") == "new_element"
            and delta.new_element.WhichOneof("type") == "exception"
            and not delta.new_element.exception.is_warning)
