"""The staff app: the fund's staff upload their records, read every problem, preview what
would change, publish a release and roll back. Separate from the public dashboard and never
linked from it; behind a password in Streamlit's secrets (docs/staff.md).

    streamlit run admin.py --server.port 8502 --server.address 127.0.0.1

This file is both the server and the page. `streamlit run admin.py` finds `app` below and
serves it: the staff app's own upload cap and its guard on uploads, whatever flags or
.streamlit/config.toml (the public app's) say. Each session's run executes this file as
__main__, which draws the page (fitjp/staff/app.py).
"""

import re

import streamlit as st
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from streamlit import config

from fitjp.staff import app as staff

UPLOAD_PATH = re.compile(r"/_stcore/upload_file/([^/]+)/[^/]+$")


def staff_options() -> None:
    """The staff app's settings, set in the one process that serves it (the public app,
    `streamlit run app.py`, is another process and keeps its own). Streamlit reads an option
    from a config.toml beside the script, which for admin.py is the public app's; so the cap
    is set here, and again each time Streamlit parses its config files (they are watched)."""
    config.set_option("server.maxUploadSize", staff.UPLOAD_LIMIT_MB, where_defined="admin.py")


class UploadGuard:
    """ASGI middleware: a file PUT to /_stcore/upload_file/<session>/<file> is refused (403)
    unless that session holds a pass of fitjp/staff/app.py's (signed in, not idle), and
    refused (413) when it says it is larger than the cap; both before a byte of the body is
    read. A body that does not say its length is counted as it arrives: Streamlit itself cuts
    it off past the cap (plus 1 MB for the multipart framing), and this past 1 MB more, should
    the cap ever be lost; Streamlit then checks the file's exact size."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        found = UPLOAD_PATH.search(scope.get("path", "")) if scope["type"] == "http" else None
        if found is None or scope["method"] != "PUT":
            await self.app(scope, receive, send)
            return
        limit = staff.UPLOAD_LIMIT_MB * 2**20
        length = dict(scope["headers"]).get(b"content-length", b"")
        if not staff.upload_passes().allows(found.group(1)):
            refusal = PlainTextResponse("Sign in to the staff app to upload a file.", status_code=403)
        elif length.isdigit() and int(length) > limit + 2**20:
            refusal = PlainTextResponse(f"The file is over {staff.UPLOAD_LIMIT_MB} MB.", status_code=413)
        else:  # Streamlit cuts a body off at the cap plus 1 MB; this is the backstop, 1 MB further
            await self.app(scope, self.counted(receive, limit + 2 * 2**20), send)
            return
        await refusal(scope, receive, send)

    @staticmethod
    def counted(receive, most: int):
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > most:
                raise HTTPException(status_code=413, detail=f"The file is over {staff.UPLOAD_LIMIT_MB} MB.")
            return message
        return counted_receive


if __name__ == "__main__":  # a session's run: the page
    staff.main()
else:  # `streamlit run admin.py` imports this file to serve it
    staff_options()
    config.on_config_parsed(staff_options, force_connect=True)
    app = st.App(__file__, middleware=[Middleware(UploadGuard)])
