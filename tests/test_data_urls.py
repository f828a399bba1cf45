"""Stable data URLs: /data/<table>.csv, .json and .parquet and /data/datapackage.json, the
live release's open data files, fetched as a script fetches them, through the README's
`streamlit run app.py` and through deploy/serve.sh's nginx. The package is validated with
Frictionless; a publish changes what the same URLs answer, and names the new release."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from frictionless import Package

from fitjp import opendata
from fitjp.record import intake, releases
from fitjp.record.schema import TABLES

from test_bad_files import activities
from test_deploy import WORKERS, Service, fetch, poll, START_SECONDS
from tiny_record import REPO, copy_of_the_shipped_data

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
from harness import free_port, streamlit_server  # noqa: E402

NEW_TITLE = "Workshop on data URLs for IP offices"


@pytest.fixture(scope="module")
def data_folder():
    """A copy of the shipped data folder that any user can read (nginx's workers run as
    nobody), removed at the end."""
    folder = Path(tempfile.mkdtemp(prefix="fitjp-data-urls-"))
    try:
        os.chmod(folder, 0o755)
        copy_of_the_shipped_data(folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish_one_activity(folder: Path, scratch: Path) -> dict:
    os.environ["FITJP_DATA_DIR"] = str(folder)
    try:
        path = activities(scratch, {"title": NEW_TITLE})
        result = releases.check(intake.read_upload(path.read_bytes(), path.name, None), "update")
        assert result.ok
        return releases.publish(result, "Aiko Tanaka", "one more activity")
    finally:
        del os.environ["FITJP_DATA_DIR"]


def fetch_package(base: str, into: Path) -> dict[str, bytes]:
    """Every file the data URLs serve, saved under `into` as a script would; returns them."""
    got = {}
    for name in opendata.file_names():
        status, headers, body = fetch(f"{base}/data/{name}")
        assert status == 200, (name, status, body[:200])
        assert headers["Access-Control-Allow-Origin"] == "*" and headers["Cache-Control"] == "no-cache"
        (into / name).write_bytes(body)
        got[name] = body
    return got


def assert_a_valid_package_of_the_release(files: dict[str, bytes], folder: Path, release: dict) -> None:
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    descriptor = json.loads(files["datapackage.json"])
    assert {k: descriptor["release"][k] for k in release} == release
    for table in TABLES:
        rows = pd.read_csv(io.BytesIO(files[f"{table}.csv"]), keep_default_na=False)
        as_json = json.loads(files[f"{table}.json"])
        assert as_json["table"] == table and as_json["release"] == descriptor["release"]
        assert len(as_json["rows"]) == len(rows)
        parquet = pq.read_table(io.BytesIO(files[f"{table}.parquet"]))
        assert parquet.num_rows == len(rows) and parquet.column_names == list(rows.columns)
        assert json.loads(parquet.schema.metadata[b"release"]) == descriptor["release"]


def test_streamlit_run_app_serves_the_shipped_data_then_the_release_a_publish_makes_live(data_folder, tmp_path):
    with streamlit_server(env={"FITJP_DATA_DIR": str(data_folder)}, script="app.py") as base:
        (tmp_path / "shipped").mkdir()
        files = fetch_package(base, tmp_path / "shipped")
        assert_a_valid_package_of_the_release(files, tmp_path / "shipped", {"version": None, "id": "shipped"})
        assert NEW_TITLE not in files["activities.csv"].decode()
        for wrong in ("activities.xlsx", "manifest.json", "ACTIVITIES.csv", "raw"):
            status, _, body = fetch(f"{base}/data/{wrong}")
            assert status == 404 and b"datapackage.json" in body, wrong
        status, _, body = fetch(f"{base}/data/..%2F..%2Fdashboard.py")  # refused before it reaches the route
        assert status == 400 and b"import" not in body

        manifest = publish_one_activity(data_folder, tmp_path)
        (tmp_path / "released").mkdir()
        files = fetch_package(base, tmp_path / "released")  # the same URLs, no restart
        assert_a_valid_package_of_the_release(files, tmp_path / "released",
                                              {"version": manifest["version"], "id": manifest["id"]})
        assert NEW_TITLE in files["activities.csv"].decode()
        assert fetch(f"{base}/data/activities.csv")[1]["X-Data-Release"] == str(manifest["version"])


@pytest.fixture
def served(data_folder, tmp_path):
    """deploy/serve.sh over the data folder, stopped by its PID at the end."""
    port, run_dir = free_port(), tmp_path / "serve"
    run_dir.mkdir()
    env = os.environ | {"PORT": str(port), "WORKERS": str(WORKERS), "SERVE_RUN_DIR": str(run_dir),
                        "PYTHON": sys.executable, "FITJP_DATA_DIR": str(data_folder)}
    process = subprocess.Popen(["bash", str(REPO / "deploy" / "serve.sh")], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    service = Service(process, f"http://127.0.0.1:{port}", run_dir)
    try:
        poll(lambda: process.poll() is not None or ((run_dir / "streamlit.pids").exists() and service.all_healthy()),
             START_SECONDS, "serve.sh to answer")
        assert process.poll() is None, process.stdout.read().decode()[-3000:]
        yield service
    finally:
        service.stop()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def test_nginx_serves_the_live_releases_files_from_disk(served, data_folder, tmp_path):
    """Once a release is live, nginx answers from the release's own folder (no app header
    on the answer); every file is the one on disk, and the package is valid."""
    if not (data_folder / "releases" / "live").exists():
        publish_one_activity(data_folder, tmp_path)
    live = data_folder / "releases" / "live" / "open"
    (tmp_path / "got").mkdir()
    files = fetch_package(served.base, tmp_path / "got")
    for name, body in files.items():
        assert body == (live / name).read_bytes(), name
    _, headers, _ = fetch(f"{served.base}/data/activities.csv")
    assert "X-Data-Release" not in headers  # from disk, not from a Streamlit process
    assert headers["Content-Type"].startswith("text/csv")
    manifest = json.loads((live.parent / "manifest.json").read_text())
    assert_a_valid_package_of_the_release(files, tmp_path / "got", {"version": manifest["version"], "id": manifest["id"]})
    assert fetch(f"{served.base}/data/nothing.csv")[0] == 404
