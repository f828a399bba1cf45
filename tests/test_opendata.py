"""The open data package: the zip a reader downloads from the Sources page, checked with the
Frictionless validator itself (types, enums, required, primary and foreign keys), read back
with pandas, and compared with fitjp/record/schema.py, the one description it is generated from."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package, validate

from fitjp import db, opendata
from fitjp.record.schema import ACTIVITY_TYPES, TABLES


@pytest.fixture(scope="module")
def connection():
    return db.connect()


@pytest.fixture(scope="module")
def archive(connection) -> bytes:
    return opendata.data_package_zip(connection)


def unpack(archive: bytes, folder: Path) -> Path:
    zipfile.ZipFile(io.BytesIO(archive)).extractall(folder)
    return folder / "datapackage.json"


def errors(report) -> list[tuple[str, str]]:
    return [(task.name, error.type) for task in report.tasks for error in task.errors]


def test_the_shipped_data_package_passes_frictionless_validate(archive, tmp_path):
    report = validate(str(unpack(archive, tmp_path)))
    assert report.valid, errors(report)
    assert {task.name for task in report.tasks} == set(TABLES)


def test_every_table_is_a_csv_with_every_row_of_the_table(archive, connection, tmp_path):
    unpack(archive, tmp_path)
    for name, table in TABLES.items():
        frame = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(frame.columns) == table.column_names
        assert len(frame) == connection.sql(f"select count(*) from {name}").fetchall()[0][0]


def test_the_descriptor_says_what_schema_py_says(archive):
    descriptor = json.loads(zipfile.ZipFile(io.BytesIO(archive)).read("datapackage.json"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    activities = {f["name"]: f for f in resources["activities"]["schema"]["fields"]}
    types = next(c for c in TABLES["activities"].columns if c.name == "activity_type")
    assert activities["activity_type"]["constraints"]["enum"] == list(types.choices) == list(ACTIVITY_TYPES)
    assert activities["title"]["constraints"]["required"] is True
    assert activities["participants"] == {"name": "participants", "type": "integer", "constraints": {"minimum": 0}}
    assert resources["activity_countries"]["schema"]["primaryKey"] == ["activity_id", "iso3", "role"]
    assert {"fields": ["iso3"], "reference": {"resource": "countries", "fields": ["iso3"]}} in \
        resources["activity_countries"]["schema"]["foreignKeys"]
    assert descriptor["version"] and descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "sources.csv" in descriptor["licenses"][0]["title"]  # each source keeps its own terms
    assert "wipo.int" in " ".join(s["path"] for s in descriptor["sources"])


def rewrite(folder: Path, table: str, change) -> None:
    path = folder / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame)
    frame.to_csv(path, index=False)


@pytest.mark.parametrize("table, change, error", [
    ("activities", lambda f: f.loc.__setitem__((0, "activity_type"), "picnic"), "constraint-error"),
    ("activities", lambda f: f.loc.__setitem__((0, "start_date"), "May 1997"), "constraint-error"),
    ("activity_countries", lambda f: f.loc.__setitem__((0, "iso3"), "ZZZ"), "foreign-key"),
    ("sources", lambda f: f.loc.__setitem__((1, "source_id"), f.source_id[0]), "primary-key"),
    ("contributions", lambda f: f.loc.__setitem__((0, "amount"), "lots"), "type-error"),
])
def test_frictionless_finds_a_row_that_breaks_the_description(archive, tmp_path, table, change, error):
    """The validation above can fail: a wrong value of each kind is reported."""
    descriptor = unpack(archive, tmp_path)
    rewrite(tmp_path, table, change)
    report = validate(str(descriptor))
    assert (table, error) in errors(report)


def test_the_package_opens_in_frictionless_with_typed_rows(archive, tmp_path):
    package = Package(str(unpack(archive, tmp_path)))
    rows = package.get_resource("contributions").read_rows()
    first = next(r for r in rows if r["fiscal_year"] == 1987)
    assert first["amount"] == 30840000 and first["currency"] == "JPY"


@pytest.mark.parametrize("setting, claimed", [("", "CC-BY-4.0"), ("CC0-1.0", "CC0-1.0"), ("none", None)])
def test_the_compilations_licence_is_a_setting(monkeypatch, setting, claimed):
    from fitjp import opendata

    monkeypatch.setenv("FITJP_DATA_LICENCE", setting)
    [licence] = opendata.licences()
    assert licence.get("name") == claimed
    assert claimed or licence["path"] == "sources.csv"


def test_an_unknown_licence_is_refused_with_the_choices(monkeypatch):
    from fitjp import settings

    monkeypatch.setenv("FITJP_DATA_LICENCE", "MIT")
    with pytest.raises(ValueError, match="CC-BY-4.0, CC0-1.0, ODC-By-1.0, or none"):
        settings.data_licence()
