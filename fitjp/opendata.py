"""The whole dataset as an open data package: a zip of one CSV file per table and a
Frictionless `datapackage.json` (Data Package v1) describing every table, field, type,
allowed values, required fields, primary key and foreign keys.

The same package is also kept as files beside each release (its `open/` folder: every table
as .csv, .json and .parquet, and datapackage.json, each naming the release), which the data
URLs serve (/data/activities.csv: app.py, and deploy/ through nginx).

Everything in the descriptor is generated from fitjp/record/schema.py, the one description of the
tables: a column added there appears here without touching this module. Pure: no Streamlit.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as arrow_csv
import pyarrow.parquet as pq

from fitjp import db, settings
from fitjp.exports import FORMULA_STARTS
from fitjp.record.schema import FIRST_FISCAL_YEAR, TABLES, Column, Table, last_fiscal_year

PACKAGE_NAME = "fit-japan-ip-global"
PACKAGE_TITLE = "FIT Japan IP Global: the public record"
PACKAGE_DESCRIPTION = (
    "Japan's voluntary contributions to WIPO's Funds-in-Trust Japan Industrial Property Global "
    "(formerly FIT/Japan IP for Asia-Pacific and FIT/Japan for Africa and LDCs) since 1987, and the "
    "activities they paid for, compiled from public WIPO, Japan Patent Office, Japanese government and "
    "WTO documents. Every row names its source (sources.csv) and most quote it; a year no source "
    "documents is absent, never estimated."
)
SOURCES_TERMS = "each figure also stays under the terms of the document it was read in (sources.csv)"
# With FITJP_DATA_LICENCE=none the compilation claims no licence; the entry then points
# readers to the sources table alone.
NO_LICENCE = {
    "path": "sources.csv",
    "title": "No licence is granted by this compilation: each figure stays under the terms of the "
             "document it was read in (see sources.csv for every source and its address).",
}


def licences() -> list[dict]:
    """The package's licences: the compilation's (settings.data_licence), and the sources' own."""
    chosen = settings.data_licence()
    if chosen is None:
        return [NO_LICENCE]
    name, title, url = chosen
    return [{"name": name, "path": url, "title": f"{title}, for this compilation; {SOURCES_TERMS}"}]

# Frictionless types for schema.py's kinds. Dates are as precise as their source says them
# (1987, 1997-01 or 1997-09-10), which Frictionless's `date` type cannot hold: they are strings
# with a pattern.
PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
FIELD_TYPES = {"text": "string", "url": "string", "iso3": "string", "date": "string",
               "int": "integer", "year": "integer", "number": "number", "bool": "boolean"}
KIND_NOTES = {
    "date": "A date as precise as its source states it: YYYY, YYYY-MM or YYYY-MM-DD.",
    "year": "A Japanese fiscal year (April to March), named by the calendar year it starts in.",
    "iso3": "An ISO 3166-1 alpha-3 country code.",
}


def field_descriptor(column: Column) -> dict:
    """One column as a Frictionless field: its type and every constraint schema.py states."""
    field = {"name": column.name, "type": FIELD_TYPES[column.kind]}
    if column.kind == "url":
        field["format"] = "uri"
    if column.kind in KIND_NOTES:
        field["description"] = KIND_NOTES[column.kind]
    constraints = {}
    if column.required:
        constraints["required"] = True
    if column.choices:
        constraints["enum"] = list(column.choices)
    if column.kind == "date":
        constraints["pattern"] = PARTIAL_DATE
    if column.kind == "iso3":
        constraints["pattern"] = "[A-Z]{3}"
    if column.kind == "year":
        constraints["minimum"], constraints["maximum"] = FIRST_FISCAL_YEAR, last_fiscal_year()
    if column.minimum is not None:
        constraints["minimum"] = int(column.minimum) if column.kind in ("int", "year") else column.minimum
    if constraints:
        field["constraints"] = constraints
    return field


def foreign_keys(table: Table) -> list[dict]:
    """schema.py's `references` ("table.column") as Frictionless foreign keys."""
    keys = []
    for column in table.columns:
        if column.references:
            resource, field = column.references.split(".")
            keys.append({"fields": [column.name], "reference": {"resource": resource, "fields": [field]}})
    return keys


def resource_descriptor(table: Table) -> dict:
    schema = {"fields": [field_descriptor(c) for c in table.columns], "primaryKey": list(table.key),
              "missingValues": [""]}
    if foreign_keys(table):
        schema["foreignKeys"] = foreign_keys(table)
    return {"name": table.name, "path": f"{table.name}.csv", "profile": "tabular-data-resource",
            "title": table.name, "description": table.describes, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "schema": schema}


def package_descriptor(sources: list[dict], data_as_of: str, release: dict | None = None) -> dict:
    """The datapackage.json: every table of schema.py, the licence statement and, as the
    package's sources, every document the data was read in (sources_list: name and url)."""
    descriptor = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "keywords": ["WIPO", "Japan Patent Office", "funds-in-trust", "intellectual property",
                     "development cooperation"],
        "licenses": licences(),
        "sources": [{"title": s["source_name"], "path": s["source_url"]} for s in sources],
        "resources": [resource_descriptor(table) for table in TABLES.values()],
    }
    if data_as_of:  # the release's date is the package's version: a new release, a new version
        descriptor |= {"version": data_as_of, "created": f"{data_as_of}T00:00:00Z"}
    if release:
        descriptor["release"] = release
    return descriptor


def table_rows(connection: duckdb.DuckDBPyConnection, table: Table):
    """One table's rows as Arrow, columns in schema order."""
    columns = ", ".join(f'"{name}"' for name in table.column_names)  # fixed names from schema.py
    cursor = connection.cursor()  # a cursor per call: Streamlit runs sessions in threads
    try:
        return cursor.sql(f'select {columns} from "{table.name}"').to_arrow_table()
    finally:
        cursor.close()


# A text the CSV would hand a spreadsheet as a formula (=HYPERLINK(...), +cmd|..., @SUM(...),
# ＝...) gets a leading apostrophe: the exports' rule (fitjp/exports.py, FORMULA_STARTS).
# Numbers stay numbers. The .json and .parquet files, read by programs, keep the text as it is.
FORMULA_START = "^[" + "".join(re.escape(start) for start in FORMULA_STARTS) + "]"


def formula_safe(rows: pa.Table) -> pa.Table:
    """The rows with every text cell that would start a formula neutralised."""
    columns = [pc.replace_substring_regex(column, pattern=FORMULA_START, replacement="'\\0", max_replacements=1)
               if pa.types.is_string(column.type) or pa.types.is_large_string(column.type) else column
               for column in rows.columns]
    return pa.Table.from_arrays(columns, schema=rows.schema)


def write_csv(rows: pa.Table, out) -> None:
    """UTF-8 CSV, a missing value as an empty cell, formula-safe; Arrow writes whole numbers as
    whole numbers (1987, not 1987.0)."""
    arrow_csv.write_csv(formula_safe(rows), out)


def table_csv(connection: duckdb.DuckDBPyConnection, table: Table) -> bytes:
    """One table as CSV (write_csv), columns in schema order."""
    out = io.BytesIO()
    write_csv(table_rows(connection, table), out)
    return out.getvalue()


def data_as_of(connection: duckdb.DuckDBPyConnection) -> str:
    info = db.run(connection, "release_info")
    return dict(zip(info.key, info.value)).get("data_as_of", "")


def descriptor_of(connection: duckdb.DuckDBPyConnection, release: dict | None = None) -> dict:
    sources = db.run(connection, "sources_list").to_dict("records")
    return package_descriptor(sources, data_as_of(connection), release)


def data_package_zip(connection: duckdb.DuckDBPyConnection) -> bytes:
    """The zip a reader downloads: datapackage.json and one CSV per table, side by side."""
    descriptor = descriptor_of(connection)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2))
        for table in TABLES.values():
            archive.writestr(f"{table.name}.csv", table_csv(connection, table))
    return out.getvalue()


# ---- the data URLs' files ------------------------------------------------------------------

OPEN_FOLDER = "open"  # beside a release's Parquet files
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json", "parquet": "application/vnd.apache.parquet"}
DESCRIPTOR = "datapackage.json"


def file_names() -> dict[str, str]:
    """Every file a data URL may name, with its media type: nothing else is ever served."""
    names = {f"{table}.{extension}": media for table in TABLES for extension, media in FORMATS.items()}
    return names | {DESCRIPTOR: "application/json"}


def release_named(manifest: dict | None) -> dict:
    """The release as the open files name it: its version, id and date; the data as shipped
    (no release published yet) has no version."""
    if manifest is None:
        return {"version": None, "id": "shipped", "created": None}
    return {key: manifest[key] for key in ("version", "id", "created")}


def open_files(data_dir: Path, release: dict) -> Path:
    """The folder of a data folder's open files, written on first need (see write_files)."""
    folder = data_dir / OPEN_FOLDER
    if not (folder / DESCRIPTOR).is_file():
        connection = db.connect(data_dir, derive_missing=False)
        try:
            write_files(connection, folder, release)
        finally:
            connection.close()
    return folder


def write_files(connection: duckdb.DuckDBPyConnection, folder: Path, release: dict) -> None:
    """Every table as .csv, .json and .parquet, and datapackage.json, each naming `release`
    (its version, id, date and data date), in `folder`. Written in a sibling folder renamed
    into place once whole: a reader finds every file of one release, or none. A folder
    already there (another process wrote it first) is kept: a release's data never changes."""
    staged = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        release = release | {"data_as_of": data_as_of(connection)}
        named = {"release": release, "licenses": licences()}
        (staged / DESCRIPTOR).write_text(json.dumps(descriptor_of(connection, release), ensure_ascii=False, indent=2),
                                         encoding="utf-8")
        for table in TABLES.values():
            rows = table_rows(connection, table)
            write_csv(rows, staged / f"{table.name}.csv")
            pq.write_table(rows.replace_schema_metadata({"release": json.dumps(release)}),
                           staged / f"{table.name}.parquet")
            write_json(connection, table, staged / f"{table.name}.json", named)
        os.chmod(staged, 0o755)  # mkdtemp makes it private; nginx may run as another user
        try:
            os.rename(staged, folder)
        except OSError:
            if not (folder / DESCRIPTOR).is_file():
                raise
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def write_json(connection: duckdb.DuckDBPyConnection, table: Table, path: Path, named: dict) -> None:
    """{"table", "release", "licenses", "rows": [one object per row]}: DuckDB writes the rows
    as it reads them, so a table of millions is never held as Python objects."""
    rows_file = path.with_suffix(".rows")
    columns = ", ".join(f'"{name}"' for name in table.column_names)
    cursor = connection.cursor()
    try:
        cursor.execute(f'copy (select {columns} from "{table.name}") to {db.quoted(rows_file)} '
                       "(format json, array true)")
    finally:
        cursor.close()
    head = json.dumps({"table": table.name} | named, ensure_ascii=False)[:-1]
    with open(path, "wb") as out, open(rows_file, "rb") as rows:
        out.write(f'{head}, "rows": '.encode())
        shutil.copyfileobj(rows, out)
        out.write(b"}\n")
    rows_file.unlink()
