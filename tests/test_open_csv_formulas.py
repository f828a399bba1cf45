"""No open-data CSV hands a spreadsheet a formula: a tiny record whose texts start with
=, +, -, @, their full-width forms, a tab or a carriage return is built with the real build,
then every CSV opendata writes (the zip a reader downloads and the files beside a release) is
read back cell by cell. The exports' rule (fitjp/exports.py) is the same rule."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from fitjp import db, exports, opendata
from fitjp.record import build as build_module
from fitjp.record.schema import TABLES

from tiny_record import write_raw

HOSTILE = ['=HYPERLINK("http://example.com/x","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
           "＝HYPERLINK(\"http://example.com\")", "＋1", "－1", "＠SUM(1)"]
# A tab or a carriage return first is a formula start too; the build trims a value's edges, so
# the record cannot hold one: test_the_rule_itself checks those on the rule.
STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r")


@pytest.fixture(scope="module")
def hostile_record(tmp_path_factory) -> Path:
    """The tiny record, its activities' titles and notes and a source's title made hostile."""
    root = tmp_path_factory.mktemp("hostile")
    raw = write_raw(root / "raw")
    activities = pd.read_csv(raw / "activities.csv", dtype=str, keep_default_na=False)
    notes = HOSTILE[len(activities):] + HOSTILE  # the texts the titles did not take first
    for index, title, note in zip(activities.index, HOSTILE, notes):
        activities.loc[index, ["title", "note"]] = [title, note]
    activities.to_csv(raw / "activities.csv", index=False, lineterminator="\n")
    sources = pd.read_csv(raw / "sources.csv", dtype=str, keep_default_na=False)
    sources.loc[0, "title"] = "=1+1"
    sources.to_csv(raw / "sources.csv", index=False, lineterminator="\n")
    out = root / "data"
    out.mkdir()
    build_module.build(raw, out)
    return out


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def formula_cells(text: str) -> list[str]:
    rows = csv.reader(io.StringIO(text, newline=""))
    return [cell for row in rows for cell in row if cell.startswith(STARTS) and not is_number(cell)]


def every_csv(data_dir: Path, folder: Path) -> dict[str, str]:
    """Every CSV opendata writes, by where it was written: the zip's and the release files'."""
    connection = db.connect(data_dir)
    try:
        archive = zipfile.ZipFile(io.BytesIO(opendata.data_package_zip(connection)))
        texts = {f"zip/{name}": archive.read(name).decode("utf-8") for name in archive.namelist()
                 if name.endswith(".csv")}
        opendata.write_files(connection, folder / "open", opendata.release_named(None))
    finally:
        connection.close()
    texts |= {f"open/{path.name}": path.read_text(encoding="utf-8") for path in (folder / "open").glob("*.csv")}
    return texts


def test_no_open_csv_cell_starts_a_formula(hostile_record, tmp_path):
    texts = every_csv(hostile_record, tmp_path)
    assert {name.split("/")[1] for name in texts} == {f"{table}.csv" for table in TABLES}
    assert len(texts) == 2 * len(TABLES)
    for name, text in texts.items():
        assert formula_cells(text) == [], name
    activities = pd.read_csv(io.StringIO(texts["open/activities.csv"]), dtype=str, keep_default_na=False)
    for text in HOSTILE:  # kept, as text: an apostrophe before it, nothing lost
        assert "'" + text in set(activities["title"]) | set(activities["note"]), text


def test_numbers_stay_numbers_and_other_files_keep_the_text_as_it_is(hostile_record, tmp_path):
    texts = every_csv(hostile_record, tmp_path)
    contributions = pd.read_csv(io.StringIO(texts["open/contributions.csv"]))
    assert pd.api.types.is_numeric_dtype(contributions["amount"])
    rows = json.loads((tmp_path / "open" / "activities.json").read_text(encoding="utf-8"))["rows"]
    assert {row[column] for row in rows for column in ("title", "note")} >= set(HOSTILE)  # as published
    parquet = pd.read_parquet(tmp_path / "open" / "activities.parquet")
    assert set(parquet["title"]) | set(parquet["note"]) >= set(HOSTILE)


@pytest.mark.parametrize("text", HOSTILE + ["\tTab first", "\rReturn first"])
def test_the_rule_itself_the_same_for_the_exports_and_the_open_csvs(text):
    assert exports.neutralised(text) == "'" + text
    rows = pa.table({"text": [text, "a=b", None], "number": [-5, 1, 2]})
    assert opendata.formula_safe(rows).to_pydict() == {"text": ["'" + text, "a=b", None], "number": [-5, 1, 2]}
    assert exports.neutralised(-5) == -5 and exports.neutralised("a=b") == "a=b"
