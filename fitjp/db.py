"""DuckDB over the Parquet tables: one view per file, one query per .sql file.

`run("contributions_by_year", currency="CHF", ...)` loads queries/contributions_by_year.sql
and binds exactly the $parameters that file names: a missing or extra one is an error, so
a value never reaches SQL as text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from fitjp import settings
from fitjp.schema import TABLES
from fitjp.settings import ROOT

QUERIES_DIR = ROOT / "queries"
PARAMETER = re.compile(r"(?<![$\w])\$([a-z_][a-z0-9_]*)")
COMMENT = re.compile(r"--[^\n]*")


def connect(data_dir: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory database with a view per table file of the data folder (FITJP_DATA_DIR,
    see fitjp/settings.py) and the shared macros."""
    data_dir = data_dir or settings.data_dir()
    connection = duckdb.connect(":memory:")
    broken = []  # a missing or unreadable file: fitjp.health names it; queries on other tables still run
    for name in TABLES:
        path = (data_dir / f"{name}.parquet").as_posix().replace("'", "''")
        try:
            connection.execute(f"create view {name} as select * from read_parquet('{path}')")
        except duckdb.Error:
            broken.append(name)
    for macro in sorted((QUERIES_DIR / "macros").glob("*.sql")):
        try:
            connection.execute(macro.read_text(encoding="utf-8"))
        except duckdb.Error:
            if not broken:
                raise  # with every table there, a failing macro is a bug
    return connection


@cache
def load(name: str) -> tuple[str, frozenset[str]]:
    """SQL text of a named query and the parameters it names."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {QUERIES_DIR}")
    sql = path.read_text(encoding="utf-8")
    return sql, frozenset(PARAMETER.findall(COMMENT.sub("", sql)))


def run(connection: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    sql, names = load(name)
    missing, extra = names - params.keys(), params.keys() - names
    if missing or extra:
        raise TypeError(f"query {name!r}: missing parameters {sorted(missing)}, unexpected {sorted(extra)}")
    cursor = connection.cursor()  # a cursor per call: Streamlit runs sessions in threads
    try:
        return cursor.execute(sql, {k: params[k] for k in names}).df()
    finally:
        cursor.close()
