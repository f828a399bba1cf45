"""The record's tables on disk: read as text from CSV, typed for Parquet, written atomically,
and the derived tables (rollups) the aggregate pages read.

Nothing is written unless every file is: each is written beside its target and renamed over
it only after all of them were written, so a failed run leaves the existing files exactly as
they were. The shipped build (fitjp/record/build.py) and every release
(fitjp/record/releases.py) write through these functions.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from fitjp import db, settings
from fitjp.record.schema import TABLES, Table
from fitjp.record.validate import Origin

TYPES = {"int": "Int64", "year": "Int64", "number": "float64"}


def read_csv(path: Path) -> pd.DataFrame:
    """Every cell as text, empty cells as "" so validation sees exactly what the file holds."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig").map(str.strip)


def read_raw(raw_dir: Path | None = None) -> tuple[dict[str, pd.DataFrame], dict[str, Origin]]:
    raw_dir = raw_dir or settings.raw_dir()
    tables, origins = {}, {}
    for name in TABLES:
        path = raw_dir / f"{name}.csv"
        tables[name], origins[name] = read_csv(path), Origin(str(path))
    return tables, origins


# The lists' order: newest year first, then newest start, undated last (activity_list_ids.sql).
NEWEST_FIRST = (["year", "start_date", "activity_id"], [False, False, True])


def typed(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Validated text cells as the types the queries use (an empty cell is NULL), sorted by
    key (or newest first: schema.Table.newest_first) for a stable file."""
    out = frame[table.column_names].replace("", None)
    for column in table.columns:
        if column.kind in TYPES:
            out[column.name] = pd.to_numeric(out[column.name]).astype(TYPES[column.kind])
    columns, ascending = NEWEST_FIRST if table.newest_first else (list(table.key), True)
    return out.sort_values(columns, ascending=ascending, na_position="last", kind="stable").reset_index(drop=True)


def write_atomically(outputs: dict[Path, callable]) -> None:
    """Write every file to a temporary sibling first; rename them into place only when all
    were written, so an error leaves each target as it was."""
    staged = []
    try:
        for target, write in outputs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
            os.close(handle)
            staged.append((Path(temp), target))
            write(Path(temp))
        for temp, target in staged:
            os.replace(temp, target)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)


# Row groups: each carries its min and max, so DuckDB skips those outside a question
# (country_activities: one country's rows of millions, as it is sorted by country; activities:
# a few years' rows, as they are stored newest first).
ROW_GROUP_ROWS = 65_536


def parquet_writer(frame: pd.DataFrame):
    return lambda path: pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path,
                                       compression="zstd", row_group_size=ROW_GROUP_ROWS)


def csv_writer(frame: pd.DataFrame):
    return lambda path: frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def rollup_writers(connection: duckdb.DuckDBPyConnection) -> dict[str, callable]:
    """Writers of the rollup tables (queries/rollups/*.sql) from a connection that has every
    table of the schema: the aggregate pages read these instead of every activity. DuckDB
    streams each straight to its file, so none is held whole in memory (country_activities
    has four rows an activity: 40M at 10M activities)."""
    return {name: _copy_writer(connection, db.rollup_sql(name)) for name in db.rollup_names()}


def _copy_writer(connection: duckdb.DuckDBPyConnection, sql: str):
    return lambda path: connection.execute(
        f"copy ({sql}) to {db.quoted(path)} "
        f"(format parquet, compression zstd, row_group_size {ROW_GROUP_ROWS})")


def frames_connection(frames: dict[str, pd.DataFrame]) -> duckdb.DuckDBPyConnection:
    """A connection over typed tables held in memory (the shipped build)."""
    connection = duckdb.connect(":memory:")
    db.configure(connection, settings.build_memory_limit())
    for name, frame in frames.items():
        connection.register(name, frame)
    db.load_macros(connection, strict=False)  # the rollups use reached_countries(); others may need tables not here
    return connection


def rollups_of_folder(out_dir: Path) -> dict[Path, callable]:
    """Writers of the rollups of the tables already in `out_dir`, derived by the same SQL as
    the build's: for a folder whose tables were written as Parquet directly (bench/). The
    writers use the connection: write them before it is collected."""
    connection = db.connect(out_dir, derive_missing=False, memory_limit=settings.build_memory_limit())
    return {out_dir / f"{name}.parquet": write for name, write in rollup_writers(connection).items()}


def parquet_rows(path: Path) -> int:
    return pq.ParquetFile(path).metadata.num_rows
