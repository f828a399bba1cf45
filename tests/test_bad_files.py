"""The matrix of bad files: each goes through both paths, fitjp.record.intake + fitjp.record.releases (what
the staff app calls) and the CLI (`python -m fitjp.record publish`), and each must get a
precise message, publish nothing and leave the data folder byte for byte as it was. Every
file is made here, in tmp_path; none is committed."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from fitjp.record import cli
from fitjp import settings
from fitjp.record import advice, intake, releases
from fitjp.record.schema import TABLES

from tiny_record import REPO

SOURCE = "wipo_cf4485"  # a source of the shipped record
ACTIVITY = {"activity_id": "fund_0001", "title": "Workshop on trademarks for SMEs", "start_date": "2024-05-01",
            "end_date": "2024-05-03", "year": "2024", "activity_type": "workshop", "programme_area": "branding",
            "fund": "africa_ldcs", "mode": "online", "participants": "12", "participants_as_stated": "12",
            "scope": "national", "region": "africa", "beneficiaries_as_stated": "", "source_id": SOURCE,
            "quote": "a workshop", "note": ""}
CONTRIBUTION = {"contribution_id": "fund_c1", "fiscal_year": "2024", "year_basis": "japanese_fy",
                "fund": "global", "amount": "1000000", "currency": "CHF", "status": "executed",
                "source_id": SOURCE, "quote": "fund records", "note": ""}
SOURCE_ROW = {"source_id": "fund_s1", "title": "Fund records 2024", "publisher": "WIPO",
              "url": "https://www.wipo.int/fitjp", "published": "2024", "language": "en", "kind": "fund_records"}
JAPANESE_TITLE = "中小企業のための商標ワークショップ"


@pytest.fixture
def live(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped data folder, made the data folder of this test."""
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data" / "raw", folder / "raw")
    for table in (REPO / "data").glob("*.parquet"):
        shutil.copy2(table, folder / table.name)
    monkeypatch.setenv("FITJP_DATA_DIR", str(folder))
    return folder


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under the folder (releases and the LIVE pointer included) and its hash."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


# ---- making files ------------------------------------------------------------------------

def csv_text(rows: list[dict], columns: list[str], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return out.getvalue()


def table_csv(folder: Path, table: str, *rows: dict, name: str | None = None, encoding: str = "utf-8",
              delimiter: str = ",", columns: list[str] | None = None) -> Path:
    path = folder / (name or f"{table}.csv")
    path.write_bytes(csv_text(list(rows), columns or TABLES[table].column_names, delimiter).encode(encoding))
    return path


def activities(folder: Path, *changes: dict, **options) -> Path:
    return table_csv(folder, "activities", *[ACTIVITY | {"activity_id": f"fund_{i:04d}"} | change
                                             for i, change in enumerate(changes, start=1)], **options)


def contributions(folder: Path, **change) -> Path:
    return table_csv(folder, "contributions", CONTRIBUTION | change)


def workbook(folder: Path, sheets: dict[str, list[dict]], tweak=None, name: str = "records.xlsx") -> Path:
    """The template filled in as staff would; `tweak` then does what Excel lets them do."""
    book = intake.template_workbook()
    for sheet, rows in sheets.items():
        header = [cell.value for cell in book[sheet][1]]
        for row in rows:
            book[sheet].append([row.get(column, "") for column in header])
    if tweak:
        tweak(book)
    path = folder / name
    book.save(path)
    return path


def write(folder: Path, name: str, data: bytes) -> Path:
    (folder / name).write_bytes(data)
    return folder / name


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def set_cell(sheet: str, cell: str, value):
    def tweak(book):
        book[sheet][cell] = value
    return tweak


def merge(book):
    book["activities"].merge_cells("F2:F3")


def hide_sheet(book):
    book["activities"].sheet_state = "hidden"


def hide_row(book):
    book["activities"].row_dimensions[3].hidden = True


def hide_column(book):
    book["activities"].column_dimensions["Q"].hidden = True


def extra_sheet(book):
    book.create_sheet("Sheet1")["A1"] = "my notes"


def drop_column(book):
    book["activities"].delete_cols(2)


# ---- the matrix: (file made in a folder, what the message must say) ------------------------

A2 = "activities.csv, row 2"
SHEET = "records.xlsx [sheet activities]"
CASES = {
    "empty csv": (lambda d: write(d, "activities.csv", b""), "activities.csv: the file is empty (0 bytes)"),
    "empty xlsx": (lambda d: write(d, "records.xlsx", b""), "records.xlsx: the file is empty (0 bytes)"),
    "blank lines only": (lambda d: write(d, "activities.csv", b"\r\n \r\n"), "the file holds no text"),
    "header only": (lambda d: activities(d), "activities.csv: the file has a header but no rows"),
    "template with no rows": (lambda d: workbook(d, {}), "the workbook has no rows in any table sheet"),
    "semicolons": (lambda d: activities(d, {}, delimiter=";"), "the columns are separated by semicolons"),
    "tabs": (lambda d: activities(d, {}, delimiter="\t"), "the columns are separated by tabs"),
    "windows-1252": (lambda d: activities(d, {"title": "Séminaire de la Société, Côte d'Ivoire"}, encoding="cp1252"),
                     "neither UTF-8 nor recognisably Shift-JIS or UTF-16. In Excel: File > Save As > 'CSV UTF-8"),
    "shift-jis with a bad fund": (lambda d: activities(d, {"title": JAPANESE_TITLE, "fund": "asia"}, encoding="cp932"),
                                  f"{A2}, column 'fund': unknown value"),
    "shift-jis kanji only, bad mode": (lambda d: activities(d, {"title": "知的財産権研修", "mode": "remote"},
                                                            encoding="cp932"), f"{A2}, column 'mode': unknown value"),
    "shift-jis half-width kana, bad scope": (lambda d: activities(d, {"title": "ﾄｯｷｮ ｾﾐﾅｰ", "scope": "local"},
                                                                  encoding="cp932"),
                                             f"{A2}, column 'scope': unknown value"),
    "a title of 200,000 characters": (lambda d: activities(d, {"title": "商標" * 100_000}),
                                      f"{A2}, column 'title': text of 200,000 characters; the limit is 5,000"),
    "utf-16 bom, bad currency": (lambda d: table_csv(d, "contributions", CONTRIBUTION | {"currency": "EUR"},
                                                     encoding="utf-16"),
                                 "contributions.csv, row 2, column 'currency': unknown value; expected one of: CHF"),
    "utf-16 le no bom, bad mode": (lambda d: activities(d, {"mode": "remote"}, encoding="utf-16-le"),
                                   f"{A2}, column 'mode': unknown value"),
    "utf-16 be no bom, bad scope": (lambda d: activities(d, {"scope": "local"}, encoding="utf-16-be"),
                                    f"{A2}, column 'scope': unknown value"),
    "binary with nul bytes": (lambda d: write(d, "activities.csv", bytes(range(256)) * 8), "NUL bytes"),
    "missing column": (lambda d: activities(d, {}, columns=[c for c in ACTIVITY if c != "mode"]),
                       "activities.csv, row 1, column 'mode': column missing from the header"),
    "extra column": (lambda d: activities(d, {}, columns=[*ACTIVITY, "budget"]),
                     "activities.csv, row 1, column 'budget': unknown column"),
    "missing column in a sheet": (lambda d: workbook(d, {"activities": [ACTIVITY]}, drop_column),
                                  f"{SHEET}, row 1, column 'title': column missing from the header"),
    "duplicate ids": (lambda d: activities(d, {}, {"activity_id": "fund_0001"}),
                      "activities.csv, row 3, column 'activity_id': duplicate id"),
    "duplicate ids in a sheet": (lambda d: workbook(d, {"activities": [ACTIVITY, ACTIVITY]}),
                                 f"{SHEET}, row 3, column 'activity_id': duplicate id"),
    "duplicate header": (lambda d: activities(d, {}, columns=[*ACTIVITY, "note"]), "the column appears twice"),
    "unknown iso3": (lambda d: table_csv(d, "activity_countries", {"activity_id": "a001", "iso3": "XYZ", "role": "host"}),
                     "activity_countries.csv, row 2, column 'iso3': not an ISO 3166-1 alpha-3 country code"),
    "iso3 in lower case": (lambda d: table_csv(d, "activity_countries", {"activity_id": "a001", "iso3": "ken",
                                                                          "role": "host"}), "column 'iso3'"),
    "unknown role": (lambda d: table_csv(d, "activity_countries", {"activity_id": "a001", "iso3": "KEN",
                                                                    "role": "donor"}), "column 'role': unknown value"),
    "unknown activity": (lambda d: table_csv(d, "activity_countries", {"activity_id": "zz9", "iso3": "KEN",
                                                                        "role": "host"}),
                         "column 'activity_id': not found in activities.activity_id"),
    "unknown currency": (lambda d: contributions(d, currency="YEN"), "column 'currency': unknown value"),
    "unknown activity type": (lambda d: activities(d, {"activity_type": "party"}), "column 'activity_type'"),
    "unknown region": (lambda d: activities(d, {"region": "oceania"}), "column 'region': unknown value"),
    "unknown source kind": (lambda d: table_csv(d, "sources", SOURCE_ROW | {"kind": "blog"}), "column 'kind'"),
    "bad url": (lambda d: table_csv(d, "sources", SOURCE_ROW | {"url": "www.wipo.int"}), "not a web address"),
    "amount with separators": (lambda d: contributions(d, amount="1,000,000"),
                               "column 'amount': not a number (value: '1,000,000'). Type digits only"),
    "amount with currency": (lambda d: contributions(d, amount="CHF 1000"), "column 'amount': not a number"),
    "negative amount": (lambda d: contributions(d, amount="-5"), "column 'amount': must be at least 0"),
    "absurd amount": (lambda d: contributions(d, amount="5e15"), "column 'amount': amount above"),
    "participants as text": (lambda d: activities(d, {"participants": "about 20"}), "not a whole number"),
    "negative participants": (lambda d: activities(d, {"participants": "-3"}), "must be at least 0"),
    "absurd participants": (lambda d: activities(d, {"participants": "90000000"}), "more than 1,000,000 participants"),
    "impossible date": (lambda d: activities(d, {"start_date": "2024-13-01"}), "column 'start_date': not a date"),
    "day-first date": (lambda d: activities(d, {"end_date": "03/05/2024"}), "column 'end_date': not a date"),
    "future date": (lambda d: activities(d, {"start_date": "2099-01-01", "end_date": ""}),
                    "column 'start_date': date in the future"),
    "end before start": (lambda d: activities(d, {"end_date": "2024-04-30"}), "ends before its start_date"),
    "fiscal year 1900": (lambda d: contributions(d, fiscal_year="1900"), "fiscal year outside"),
    "source missing": (lambda d: activities(d, {"source_id": "my_notes"}),
                       f"{A2}, column 'source_id': not found in sources.source_id"),
    "required value empty": (lambda d: activities(d, {"title": ""}), "column 'title': required value is empty"),
    "absurdly long text": (lambda d: activities(d, {"quote": "word" * 5000}), "text of 20,000 characters"),
    "ragged row": (lambda d: write(d, "activities.csv", (csv_text([ACTIVITY], list(ACTIVITY)) + "x,y\r\n").encode()),
                   "activities.csv, row 3: the row has 2 cells; the header has 17"),
    "unknown table": (lambda d: table_csv(d, "activities", {"a": "1"}, name="export.csv", columns=["a", "b"]),
                      "cannot tell which table this CSV holds"),
    "formula": (lambda d: workbook(d, {"activities": [ACTIVITY]}, set_cell("activities", "J2", "=SUM(1,2)")),
                f"{SHEET}, row 2, column 'participants': a formula (=SUM(1,2))"),
    "merged cells": (lambda d: workbook(d, {"activities": [ACTIVITY, ACTIVITY | {"activity_id": "fund_0002"}]},
                                        merge), f"{SHEET}, row 2, column 'activity_type': merged cells (F2:F3)"),
    "another sheet": (lambda d: workbook(d, {"activities": [ACTIVITY]}, extra_sheet),
                      "records.xlsx [sheet Sheet1]: sheet 'Sheet1' is not a sheet of the template"),
    "hidden sheet": (lambda d: workbook(d, {"activities": [ACTIVITY]}, hide_sheet), f"{SHEET}: the sheet is hidden"),
    "hidden row": (lambda d: workbook(d, {"activities": [ACTIVITY, ACTIVITY | {"activity_id": "fund_0002"}]},
                                      hide_row), f"{SHEET}, row 3: the row is hidden"),
    "hidden column": (lambda d: workbook(d, {"activities": [ACTIVITY]}, hide_column), "column Q is hidden"),
    "zip named xlsx": (lambda d: write(d, "records.xlsx", zipped({"records.csv": b"a,b\n"})),
                       "records.xlsx: a zip archive, not an Excel workbook"),
    "text named xlsx": (lambda d: write(d, "records.xlsx", csv_text([ACTIVITY], list(ACTIVITY)).encode()),
                        "records.xlsx: a text file named .xlsx"),
    "damaged xlsx": (lambda d: write(d, "records.xlsx", zipped({"xl/workbook.xml": b"<not a workbook"})),
                     "records.xlsx: the workbook is damaged and cannot be read"),
    "xlsx named csv": (lambda d: workbook(d, {"activities": [ACTIVITY]}, name="activities.csv"),
                       "activities.csv: an Excel workbook named .csv. Rename the file to .xlsx"),
    "old xls": (lambda d: write(d, "records.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
                "an Excel 97-2003 workbook (.xls)"),
    "pdf named csv": (lambda d: write(d, "activities.csv", b"%PDF-1.7\n%..."), "a PDF document"),
    "wrong extension": (lambda d: write(d, "records.json", b"{}"), "'.json' files cannot be read"),
    "too many rows": (lambda d: write(d, "activity_countries.csv",
                                      b"activity_id,iso3,role\n" + b"a,KEN,h\n" * 150_000),
                      "the file has 150,001 lines; the limit is 100,000 rows"),
}


def problems_via_intake(path: Path) -> str:
    upload = intake.read_upload(path.read_bytes(), path.name)
    result = releases.check(upload)
    assert not result.ok
    with pytest.raises(releases.ReleaseError, match="must be fixed first; nothing was published"):
        releases.publish(result, "test", "bad file")
    return "\n".join(advice.describe(p) for p in result.problems)


def problems_via_cli(path: Path, capsys) -> str:
    assert cli.main(["publish", str(path), "--note", "bad file"]) == 1
    error = capsys.readouterr().err
    assert "nothing was published" in error
    return error


@pytest.mark.parametrize("way", ["intake", "cli"])
@pytest.mark.parametrize("case", CASES)
def test_a_bad_file_gets_a_precise_message_and_publishes_nothing(case, way, live, tmp_path, capsys):
    make, expected = CASES[case]
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    path = make(uploads)
    before = fingerprint(live)
    shown = problems_via_intake(path) if way == "intake" else problems_via_cli(path, capsys)
    assert expected in shown
    assert "Traceback" not in shown
    assert fingerprint(live) == before
    assert settings.live_release() is None


def test_the_matrix_has_at_least_sixty_files():
    assert len(CASES) + 2 >= 60  # + the ten-million-row file and the publish killed half-way


# ---- the ten-million-row file: refused on its size, before any parsing -----------------------

@pytest.fixture(scope="module")
def ten_million_rows(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "activity_countries.csv"
    with path.open("wb") as out:
        out.write(b"activity_id,iso3,role\n")
        chunk = b"a001,KEN,host\n" * 100_000
        for _ in range(100):
            out.write(chunk)
    yield path
    path.unlink()


def test_a_ten_million_row_file_is_refused_quickly_through_intake(ten_million_rows, live):
    before = fingerprint(live)
    started = time.monotonic()
    shown = problems_via_intake(ten_million_rows)
    assert time.monotonic() - started < 10
    assert "the file is 140.0 MB; the limit is 10 MB" in shown
    assert fingerprint(live) == before


def test_a_ten_million_row_file_is_refused_by_the_cli_without_reading_it(ten_million_rows, live, capsys,
                                                                          monkeypatch):
    before = fingerprint(live)
    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", lambda self: pytest.fail("the CLI read the whole file"))
        assert cli.main(["check", str(ten_million_rows)]) == 1
    assert "the file is 140.0 MB; the limit is 10 MB" in capsys.readouterr().err
    assert fingerprint(live) == before


# ---- a publish killed half-way --------------------------------------------------------------

@pytest.fixture
def kill_after_three_tables(monkeypatch):
    """Arms a publish to die after writing three tables of the release: returns their names."""
    written = []
    real = releases.write_table

    def write_then_die(folder, name, frame):
        if len(written) == 3:
            raise OSError(28, "No space left on device")  # as a full disk or a killed process would
        real(folder, name, frame)
        written.append(name)

    def arm() -> list[str]:
        monkeypatch.setattr(releases, "write_table", write_then_die)
        return written
    return arm


def test_a_publish_killed_half_way_leaves_the_live_data_as_it_was(live, tmp_path, kill_after_three_tables):
    path = activities(tmp_path, {})
    before = fingerprint(live)
    result = releases.check(intake.read_upload(path.read_bytes(), path.name))
    assert result.ok
    written = kill_after_three_tables()
    with pytest.raises(OSError, match="No space left"):
        releases.publish(result, "test", "killed")
    assert written == list(TABLES)[:3]  # some files were written, then it died
    assert fingerprint(live) == before
    assert settings.live_release() is None and releases.history() == []


def test_a_publish_killed_half_way_through_the_cli_leaves_the_live_data_as_it_was(
        live, tmp_path, kill_after_three_tables, capsys):
    first = activities(tmp_path, {}, name="first.csv")  # a release is live: the pointer must not move
    assert cli.main(["publish", str(first), "--table", "activities"]) == 0
    live_before, before = settings.live_release(), fingerprint(live)
    written = kill_after_three_tables()
    second = activities(tmp_path, {"title": "Another title"}, name="second.csv")
    assert cli.main(["publish", str(second), "--table", "activities"]) == 1
    assert written == list(TABLES)[:3]
    assert "No space left on device" in capsys.readouterr().err
    assert settings.live_release() == live_before
    assert fingerprint(live) == before
