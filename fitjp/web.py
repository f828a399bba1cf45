"""The data URLs' HTTP side (app.py): /data/<name> answers with the live release's open
data file of that name, or 404 for any name that is not one (opendata.file_names)."""

from __future__ import annotations

import anyio
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from fitjp import opendata
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
