"""What an upload to the staff app costs, and who may make one.

Through a real server (admin.py on 127.0.0.1, a secrets file and a data folder of its own):
Streamlit's upload endpoint (/_stcore/upload_file/<session>/<file>, as its frontend calls it:
a multipart PUT with the XSRF cookie and header) refuses a session that has not signed in,
or has signed out, before reading the body; a signed-in session uploads up to the staff cap,
which admin.py sets without any flag. Then the workbook's size from its metadata: rows and
cells counted before openpyxl loads it (limits measured: a workbook at them reads within
10 s of CPU and 500 MB), a zip bomb refused from the zip's directory, and a workbook with
problems read once. Every workbook is generated here (openpyxl write-only mode)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import tomllib
import zipfile
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import psutil
import pytest
import requests
import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from fitjp.i18n import t
from fitjp.record import advice, intake, releases
from fitjp.record.schema import TABLES
from fitjp.staff.app import UPLOAD_LIMIT_MB, UploadPasses

from tiny_record import REPO, copy_of_the_shipped_data

sys.path.insert(0, str(REPO / "tests" / "browser"))
from harness import streamlit_process  # noqa: E402  (one way to start a server and stop it)

PASSWORD = "a long passphrase for the upload tests"
MB = 2**20


# ---- a real server --------------------------------------------------------------------------

@contextmanager
def staff_server(folder: Path):
    """`streamlit run admin.py` on 127.0.0.1 with no upload flag, its data folder and secrets in
    `folder` (the browser harness's server: stopped by its own process id)."""
    copy_of_the_shipped_data(folder / "data")
    secrets = folder / "secrets.toml"
    secrets.write_text(f'staff_password = "{PASSWORD}"\n', encoding="utf-8")
    with streamlit_process({"FITJP_DATA_DIR": str(folder / "data")}, "admin.py",
                           ("--secrets.files", str(secrets))) as running:
        yield running


class Session:
    """A browser's session as Streamlit's frontend opens it: the XSRF cookie, the websocket,
    a run; then widgets set by label, and uploads PUT as the frontend PUTs them."""

    def __init__(self, base: str) -> None:
        self.base, self.http = base, requests.Session()
        self.http.get(f"{base}/_stcore/health", timeout=10)
        self.xsrf = self.http.cookies.get("_streamlit_xsrf")
        self.ws = websocket.create_connection(
            base.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit", self.xsrf],
            cookie=f"_streamlit_xsrf={self.xsrf}", origin=base, timeout=60)
        self.widgets: dict[str, str] = {}
        seen = self.run()
        self.id = next(m.new_session.initialize.session_id for m in seen if m.WhichOneof("type") == "new_session")

    def run(self, **values) -> list[ForwardMsg]:
        """A rerun with the widgets of these labels set (a button's value True clicks it)."""
        back = BackMsg()
        back.rerun_script.query_string = "lang=en"
        for label, value in values.items():
            state = back.rerun_script.widget_states.widgets.add()
            state.id = self.widgets[label]
            if value is True:
                state.trigger_value = True
            else:
                state.string_value = value
        self.ws.send_binary(back.SerializeToString())
        seen, deadline = [], time.monotonic() + 60
        while time.monotonic() < deadline:
            raw = self.ws.recv()
            if isinstance(raw, str):
                continue
            message = ForwardMsg()
            message.ParseFromString(raw)
            seen.append(message)
            if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                widget = getattr(element, element.WhichOneof("type"))
                if getattr(widget, "id", "") and getattr(widget, "label", ""):
                    self.widgets[widget.label] = widget.id
            if message.WhichOneof("type") == "script_finished" and (
                    message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN):
                return seen
        raise TimeoutError("the run did not finish")

    def put(self, data, name: str = "records.csv", **headers) -> requests.Response:
        body = data if not isinstance(data, bytes) else None
        files = {"file": (name, data)} if isinstance(data, bytes) else None
        return self.http.put(f"{self.base}/_stcore/upload_file/{self.id}/file-1", files=files, data=body,
                             headers={"X-Xsrftoken": self.xsrf} | headers, timeout=120)

    def sign_in(self) -> None:
        self.run(Password=PASSWORD, **{"Sign in": True})
        assert "Sign out" in self.widgets, "the session did not sign in"

    def close(self) -> None:
        self.ws.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with staff_server(tmp_path_factory.mktemp("staff")) as running:
        yield running


@pytest.fixture
def session(server):
    opened = Session(server[0])
    yield opened
    opened.close()


MULTIPART = {"Content-Type": "multipart/form-data; boundary=b"}


def chunks(total: int, size: int = MB):
    """A multipart body of one file of `total` bytes, streamed in chunks and never held whole:
    requests sends it chunked, without saying its length."""
    yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n'
    for start in range(0, total, size):
        yield b"x" * min(size, total - start)
    yield b"\r\n--b--\r\n"


def test_a_session_not_signed_in_cannot_upload_even_a_small_file(session):
    refused = session.put(b"activity_id,title\n")
    assert refused.status_code == 403, refused.text
    assert "Sign in" in refused.text


def test_150_mb_from_a_session_not_signed_in_is_refused_before_it_is_read(server, session):
    memory = psutil.Process(server[1].pid)
    before = memory.memory_info().rss
    started = time.monotonic()
    try:
        status = session.put(chunks(150 * MB), **MULTIPART).status_code
    except requests.ConnectionError:  # the server answered and closed while the client still sent
        status = 403
    assert status == 403
    assert time.monotonic() - started < 10
    assert memory.memory_info().rss - before < 30 * MB


def test_a_signed_in_session_uploads_within_the_cap_and_not_beyond(session):
    session.sign_in()
    assert session.put(b"activity_id,title\nfund_1,A workshop\n").status_code == 204
    assert session.put(b"x" * (UPLOAD_LIMIT_MB * MB - 1000)).status_code == 204  # at the cap
    # past the cap, within the guard's margin for multipart framing: Streamlit's own check, with
    # the cap admin.py set (without it, Streamlit's default of 200 MB would take the file)
    assert session.put(b"x" * (UPLOAD_LIMIT_MB * MB + 300_000)).status_code == 413
    # saying its length: refused by the guard before a byte is read
    assert session.put(b"x" * (UPLOAD_LIMIT_MB * MB + 2 * MB)).status_code == 413


def test_a_body_that_hides_its_length_is_cut_off_past_the_cap(session):
    session.sign_in()
    assert session.put(chunks(MB), **MULTIPART).status_code == 204  # a body of this form is taken
    try:
        status = session.put(chunks(60 * MB), **MULTIPART).status_code
    except requests.ConnectionError:  # the server answered and closed while the client still sent
        status = 413
    assert status == 413


def test_signing_out_takes_the_right_to_upload_away(session):
    session.sign_in()
    assert session.put(b"activity_id\n").status_code == 204
    session.run(**{"Sign out": True})
    assert session.put(b"activity_id\n").status_code == 403


def test_the_cap_is_the_intakes_own_limit_and_the_public_app_keeps_its_own():
    assert UPLOAD_LIMIT_MB * MB >= intake.MAX_BYTES > (UPLOAD_LIMIT_MB - 1) * MB
    public = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert "maxUploadSize" not in public.get("server", {}), "the staff cap must not reach the public app"
    assert "--server.maxUploadSize" not in (REPO / "docs" / "staff.md").read_text(encoding="utf-8")


def test_a_pass_lasts_the_idle_limit_and_ends_when_revoked():
    now = [1000.0]
    passes = UploadPasses(clock=lambda: now[0])
    assert not passes.allows("s1")
    passes.grant("s1", 1800)
    assert passes.allows("s1") and not passes.allows("s2")
    now[0] += 1801
    assert not passes.allows("s1")  # idle: the next run signs it out; uploads end already
    passes.grant("s1", 1800)
    passes.revoke("s1")
    assert not passes.allows("s1")


# ---- a workbook's size, before it is loaded ----------------------------------------------------

ROW = ["fund_{i:06d}", "Workshop on trademarks number {i} in Abidjan", "2024-05-01", "2024-05-03", 2024,
       "workshop", "branding", "africa_ldcs", "in_person", 30, "30 participants", "national", "africa",
       "officials of the office", "wipo_cf4485", "an IP workshop {i} in Abidjan", ""]


def activities_workbook(path: Path, rows: int, columns: int = 17) -> Path:
    """An activities sheet of `rows` rows under the header, written row by row (write-only
    mode writes no <dimension>, so the rows are counted)."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("activities")
    sheet.append(TABLES["activities"].column_names[:columns])
    for i in range(rows):
        sheet.append([v.format(i=i) if isinstance(v, str) else v for v in ROW[:columns]])
    book.save(path)
    return path


def with_dimension(path: Path, ref: str) -> Path:
    """The workbook with its first sheet's <dimension ref> set to `ref` (true or not)."""
    source = zipfile.ZipFile(path)
    out = path.with_name(f"{path.stem}-{ref.replace(':', '_')}.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
                data = data.replace(b"<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>'.encode(), 1)
            target.writestr(info.filename, data)
    return out


def refusals(path: Path) -> list[str]:
    upload = intake.read_upload(path.read_bytes(), path.name)
    return [advice.describe(p) for p in upload.problems]


def test_a_sheet_over_the_row_limit_is_refused_by_counting_its_rows_without_loading_it(tmp_path, monkeypatch):
    path = activities_workbook(tmp_path / "long.xlsx", intake.MAX_SHEET_ROWS + 1, columns=3)
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("loaded the workbook"))
    assert refusals(path) == [f"long.xlsx [sheet activities]: the sheet has {intake.MAX_SHEET_ROWS + 1:,} rows; "
                              f"the limit is {intake.MAX_SHEET_ROWS:,}. Split the rows into several files of "
                              "the template."]
    size, = intake.workbook_size(zipfile.ZipFile(path))
    assert size.counted and size.rows == intake.MAX_SHEET_ROWS + 2


def test_a_sheet_a_million_rows_long_is_refused_from_its_dimension_at_once(tmp_path, monkeypatch):
    book = openpyxl.Workbook()
    book.active.title = "activities"
    book.active["A1"], book.active["A1048576"] = "activity_id", "fund_1"
    book.save(tmp_path / "million.xlsx")
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("loaded the workbook"))
    started = time.process_time()
    assert refusals(tmp_path / "million.xlsx")[0].startswith(
        "million.xlsx [sheet activities]: the sheet has 1,048,575 rows; the limit is")
    assert time.process_time() - started < 1
    size, = intake.workbook_size(zipfile.ZipFile(tmp_path / "million.xlsx"))
    assert not size.counted and size.rows == 1_048_576


def test_a_dimension_that_understates_the_sheet_is_not_believed(tmp_path):
    lying = with_dimension(activities_workbook(tmp_path / "rows.xlsx", intake.MAX_SHEET_ROWS + 1, columns=3),
                           "A1:C2")
    size, = intake.workbook_size(zipfile.ZipFile(lying))
    assert size.counted and size.rows == intake.MAX_SHEET_ROWS + 2
    assert "rows; the limit is" in refusals(lying)[0]


def test_a_true_dimension_is_read_and_the_rows_are_not_counted(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "activities"
    for i in range(5000):
        book.active.append([i] + [None] * 15 + [i])  # sparse rows: the range holds more than the XML
    book.save(tmp_path / "sparse.xlsx")
    size, = intake.workbook_size(zipfile.ZipFile(tmp_path / "sparse.xlsx"))
    assert (size.rows, size.cells, size.counted) == (5000, 5000 * 17, False)


def test_too_many_cells_are_refused_naming_the_file_the_sheet_the_count_and_the_limit(tmp_path):
    columns = 60
    rows = intake.MAX_CELLS // columns + 1
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("activities")
    for _ in range(rows):
        sheet.append([1] * columns)
    book.save(tmp_path / "wide.xlsx")
    message, = refusals(tmp_path / "wide.xlsx")
    assert message.startswith(f"wide.xlsx [sheet activities]: the sheet has {rows * columns:,} cells "
                              f"(rows × columns); the limit is {intake.MAX_CELLS:,}.")


def test_the_cells_of_every_sheet_count_together(tmp_path):
    book = openpyxl.Workbook(write_only=True)
    for name in ("activities", "sources", "facts"):
        sheet = book.create_sheet(name)
        for _ in range(intake.MAX_CELLS // 20):  # each sheet half the limit
            sheet.append([1] * 10)
    book.save(tmp_path / "three.xlsx")
    message, = refusals(tmp_path / "three.xlsx")
    assert message.startswith("three.xlsx: the workbook's sheets have")
    assert f"the limit is {intake.MAX_CELLS:,}" in message


@pytest.mark.parametrize("lang, expected", [
    ("en", "the sheet has 15,001 rows; the limit is 15,000"),
    ("ja", "シートに15,001行あります。上限は15,000行です")])
def test_the_refusals_are_said_in_english_and_japanese(lang, expected):
    assert advice.spoken("the sheet has 15,001 rows; the limit is 15,000", lang) == expected
    cells = advice.spoken("the sheet has 300,000 cells (rows × columns); the limit is 260,000", lang)
    total = advice.spoken("the workbook's sheets have 300,000 cells in all (rows × columns); the limit is "
                          "260,000", lang)
    assert "300,000" in cells and "260,000" in cells and "300,000" in total
    if lang == "ja":
        assert cells == t("problem.sheet_too_many_cells", "ja", cells="300,000", limit="260,000")
        assert total == t("problem.workbook_too_many_cells", "ja", cells="300,000", limit="260,000")


def test_a_zip_bomb_is_refused_from_the_zips_directory(tmp_path, monkeypatch):
    path = activities_workbook(tmp_path / "bomb.xlsx", 2, columns=3)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/padding.bin", "w") as padding:
            for _ in range(intake.MAX_UNZIPPED // MB + 1):
                padding.write(bytes(MB))
    assert path.stat().st_size < 1_000_000
    monkeypatch.setattr(intake, "workbook_size", lambda *a: pytest.fail("read a sheet of a zip bomb"))
    started = time.process_time()
    assert refusals(path) == [f"bomb.xlsx: the workbook expands to more than {intake.MAX_UNZIPPED / 1e6:.0f} MB. "
                              "Split the rows into several files of the template."]
    assert time.process_time() - started < 1


READ_AND_MEASURE = """
import resource, sys, time
from pathlib import Path
from fitjp.record import intake
data = Path(sys.argv[1]).read_bytes()
upload = intake.read_upload(data, "boundary.xlsx")
usage = resource.getrusage(resource.RUSAGE_SELF)
# VmHWM, this process's own peak: ru_maxrss survives exec, so it would count the peak of the
# pytest process this one was forked from (707 MB in a full run, for a 269 MB read)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(len(upload.sheets[0].frame) if upload.sheets else -1, len(upload.problems),
      usage.ru_utime + usage.ru_stime, peak * 1024)
"""


def test_a_workbook_at_the_limits_reads_within_10_seconds_and_500_mb(tmp_path):
    """The limits' reason: the largest workbook they let through, read in a process of its
    own, costs at most 10 s of CPU and 500 MB at its peak (the interpreter and libraries
    included). CPU time, not the wall clock: other work on the machine does not count."""
    path = activities_workbook(tmp_path / "boundary.xlsx", intake.MAX_SHEET_ROWS)
    assert intake.MAX_CELLS >= (intake.MAX_SHEET_ROWS + 1) * 17 > intake.MAX_CELLS - 17 * 1000
    result = subprocess.run([sys.executable, "-c", READ_AND_MEASURE, str(path)], cwd=REPO, capture_output=True,
                            text=True, timeout=120, env=os.environ | {"PYTHONPATH": str(REPO)})
    rows, problems, seconds, peak = result.stdout.split()
    assert (int(rows), int(problems)) == (intake.MAX_SHEET_ROWS, 0), result.stderr
    print(f"a workbook at the limits: {float(seconds):.1f} s of CPU, {int(peak) / 1e6:.0f} MB at its peak")
    assert float(seconds) < 10
    assert int(peak) < 500_000_000


# ---- a workbook with problems is read once -----------------------------------------------------

def bad_workbook(tmp_path: Path, monkeypatch) -> tuple[bytes, list[str]]:
    """A template with one bad cell (fund "asia"), over a copy of the shipped data; and the
    template's header of activities."""
    folder = tmp_path / "data"
    copy_of_the_shipped_data(folder)
    monkeypatch.setenv("FITJP_DATA_DIR", str(folder))
    book = intake.template_workbook()
    header = [cell.value for cell in book["activities"][1]]
    bad = {"activity_id": "fund_1", "title": "A workshop", "fund": "asia", "source_id": "wipo_cf4485"}
    book["activities"].append([bad.get(column, "") for column in header])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue(), header


def counting_loads(monkeypatch) -> list[int]:
    loads, real_load = [], openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: loads.append(1) or real_load(*a, **k))
    return loads


def test_a_workbook_with_problems_is_loaded_once_and_marked_from_that_load(tmp_path, monkeypatch):
    data, header = bad_workbook(tmp_path, monkeypatch)
    loads = counting_loads(monkeypatch)
    upload = intake.read_upload(data, "records.xlsx")
    result = releases.check(upload)
    assert result.problems
    marked = intake.problems_workbook(upload, result.problems, data)
    assert len(loads) == 1, "the workbook was read again to mark it"
    monkeypatch.undo()
    sheet = openpyxl.load_workbook(io.BytesIO(marked))["activities"]
    assert sheet.cell(row=2, column=header.index("fund") + 1).fill.fgColor.rgb.endswith("FFC7CE")


def test_the_cli_marks_the_workbook_without_reading_the_file_again(tmp_path, monkeypatch):
    from fitjp.record import cli
    data, header = bad_workbook(tmp_path, monkeypatch)
    (tmp_path / "records.xlsx").write_bytes(data)
    loads = counting_loads(monkeypatch)
    assert cli.main(["check", str(tmp_path / "records.xlsx"), "--problems-xlsx", str(tmp_path / "marked.xlsx")]) == 1
    assert len(loads) == 1, "the CLI read the workbook again to mark it"
    monkeypatch.undo()
    marked = openpyxl.load_workbook(tmp_path / "marked.xlsx")
    assert "instructions" in marked.sheetnames  # the uploaded workbook itself, not its rows as read
    sheet = marked["activities"]
    assert sheet.cell(row=2, column=header.index("fund") + 1).fill.fgColor.rgb.endswith("FFC7CE")
