"""DuckDB over the Parquet tables: one query per .sql file, rollups where they answer.

`run("contributions_by_year", currency="CHF", ...)` loads queries/contributions_by_year.sql
and binds exactly the $parameters that file names: a missing or extra one is an error, so
a value never reaches SQL as text.

Small tables (reference data, rollups) are copied into memory once per connection; large
ones (activities and their country links at a fund's real size) stay views over their
Parquet files, so DuckDB reads only the columns and row groups a query needs. The rollup
tables (queries/rollups/) are written by the build; a folder built without them gets them
computed in memory on connect, from the same SQL.

`best_query(name, params)` picks a cheaper form of a query that gives the same rows, when one
exists and every parameter it leaves out is empty: `queries/rollup/<name>.sql` (no country
filter, no search) reads thousands of rollup rows instead of every activity;
`queries/one_country/<name>.sql` (one country, no search: a profile, a brief) reads that
country's rows of country_activities, sorted by country, instead of matching a million
activities to its links; `queries/unsearched/<name>.sql` (no search) reads the activities
without the search's matching of country names, whose planning alone cost 10 ms a query.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from fitjp import countries, settings
from fitjp.record.schema import TABLES
from fitjp.settings import ROOT

QUERIES_DIR = ROOT / "queries"
ROLLUPS_DIR = QUERIES_DIR / "rollups"  # the tables the build derives, one select each
ROLLUP_QUERIES_DIR = QUERIES_DIR / "rollup"  # queries answered from those tables
# cheaper forms, tried in this order
VARIANT_DIRS = (ROLLUP_QUERIES_DIR, QUERIES_DIR / "one_country", QUERIES_DIR / "unsearched")
PARAMETER = re.compile(r"(?<![$\w])\$([a-z_][a-z0-9_]*)")
COMMENT = re.compile(r"--[^\n]*")


def rollup_names() -> list[str]:
    return sorted(path.stem for path in ROLLUPS_DIR.glob("*.sql"))


def rollup_sql(name: str) -> str:
    return (ROLLUPS_DIR / f"{name}.sql").read_text(encoding="utf-8")


def quoted(path: Path) -> str:
    return "'" + path.as_posix().replace("'", "''") + "'"


def _rows(path: Path) -> int:
    return pq.ParquetFile(path).metadata.num_rows


def _attach(connection: duckdb.DuckDBPyConnection, name: str, path: Path, memory_rows: int) -> int:
    """A table in memory when it is small, else a view scanning its file; its rows."""
    rows = _rows(path)
    kind = "table" if rows <= memory_rows else "view"
    connection.execute(f"create {kind} {name} as select * from read_parquet({quoted(path)})")
    return rows


def configure(connection: duckdb.DuckDBPyConnection, memory_limit: str | None = None) -> None:
    """Bounded memory (fitjp/settings.py): one process serves every session. Its threads
    are set by connect, which knows how large the tables are."""
    connection.execute(f"set memory_limit = '{memory_limit or settings.duckdb_memory_limit()}'")
    connection.execute(f"set temp_directory = {quoted(settings.spill_dir())}")
    connection.execute("set preserve_insertion_order = false")  # queries order their own rows
    connection.execute("set enable_progress_bar = false")


def load_macros(connection: duckdb.DuckDBPyConnection, strict: bool = True) -> None:
    """The shared macros. With a table broken, a macro over it is skipped (`strict` False):
    the pages that need it say which file is broken (fitjp/health.py)."""
    for macro in sorted((QUERIES_DIR / "macros").glob("*.sql")):
        try:
            connection.execute(macro.read_text(encoding="utf-8"))
        except duckdb.Error:
            if strict:
                raise  # with every table there, a failing macro is a bug


# A file that is missing, empty, truncated or not Parquet: DuckDB's or Arrow's error.
UNREADABLE = (duckdb.Error, OSError, ValueError)


def connect(data_dir: Path | None = None, derive_missing: bool = True,
            memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory database over the data folder (FITJP_DATA_DIR, see fitjp/settings.py):
    every table, the rollups (derived here when the folder has none and `derive_missing`),
    and the shared macros. A table whose file cannot be read is left out, so queries on the
    others still run; fitjp.health names the file to the reader."""
    data_dir = data_dir or settings.data_dir()
    memory_rows = settings.memory_table_rows()
    connection = duckdb.connect(":memory:")
    configure(connection, memory_limit)
    broken, largest = [], 0
    for name in TABLES:
        try:
            largest = max(largest, _attach(connection, name, data_dir / f"{name}.parquet", memory_rows))
        except UNREADABLE:
            broken.append(name)
    connection.execute(f"set threads = {settings.duckdb_threads(largest)}")
    _add_country_names(connection)
    # The macros twice: before the rollups, some of which are derived through them, and after,
    # for those that read a rollup; the second time, with every table there, a failure is a bug.
    load_macros(connection, strict=False)
    missing = []
    for name in rollup_names():
        path = data_dir / f"{name}.parquet"
        try:
            if path.is_file() and _is_current(connection, name, path):
                _attach(connection, name, path, memory_rows)
            elif derive_missing:  # an older folder, or one an older build wrote: derive them here, as the build would
                connection.execute(f"create table {name} as {rollup_sql(name)}")
            else:
                missing.append(name)
        except UNREADABLE:  # its file, or a table it is derived from, is broken
            broken.append(name)
    load_macros(connection, strict=not broken and not missing)
    return connection


def _is_current(connection: duckdb.DuckDBPyConnection, name: str, path: Path) -> bool:
    """Whether a derived table's file has the columns its query gives now (binding the query
    runs nothing): a file an older build wrote may lack one the queries read."""
    return pq.read_schema(path).names == connection.sql(rollup_sql(name)).columns


def _add_country_names(connection: duckdb.DuckDBPyConnection) -> None:
    """Every name a reader may type for each country (fitjp/countries.py names_of), so the
    search knows the names the pickers know, in every language."""
    names = pd.DataFrame(countries.name_rows(), columns=["iso3", "name"])
    connection.register("country_names_frame", names)
    connection.execute("create table country_names as select * from country_names_frame")
    connection.unregister("country_names_frame")


@cache
def load(name: str) -> tuple[str, frozenset[str]]:
    """SQL text of a named query ("activity_list", or "rollup/activity_totals") and the
    parameters it names."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {QUERIES_DIR}")
    sql = path.read_text(encoding="utf-8")
    return sql, frozenset(PARAMETER.findall(COMMENT.sub("", sql)))


def _is_empty(value) -> bool:
    return value in ("", None) or (isinstance(value, (list, tuple)) and len(value) == 0)


@cache
def variants(name: str) -> tuple[str, ...]:
    """The cheaper forms of query `name` ("rollup/activity_totals"), in the order tried."""
    return tuple(f"{folder.name}/{name}" for folder in VARIANT_DIRS if (folder / f"{name}.sql").is_file())


def _one_country(params: dict) -> dict:
    """The parameters as a form that names `$country` takes them: a filter of exactly one
    country becomes that country, and no list of countries is left to answer."""
    countries = params.get("countries")
    if countries is None or len(countries) != 1:
        return params
    return params | {"country": countries[0], "countries": []}


def best_query(name: str, params: dict) -> tuple[str, dict]:
    """The query to run for `name` and the parameters it takes: the first of its variants
    whose every parameter left out is empty, else the query itself."""
    for variant in variants(name):
        _, names = load(variant)
        given = _one_country(params) if "country" in names else params
        if names - given.keys():
            continue  # a one-country form, and not one country filtered
        if all(_is_empty(value) for key, value in given.items() if key not in names):
            return variant, {key: value for key, value in given.items() if key in names}
    return name, params


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


# Lists of activities, run in two steps: the ids of the rows shown (sort keys only), then
# those rows in full. In one statement DuckDB reads every column of every activity to join
# the page back (0.2-0.5 s at a million); with the ids bound as a list it reads the few rows
# named. Each pair returns what the one-statement query returns (tests/test_queries.py).
LISTINGS = {"activity_list": ("activity_list_ids", "activity_rows"),
            "activity_page": ("activity_page_ids", "activity_rows"),
            "multi_country_table": ("multi_country_ids", "multi_country_rows")}


def run_cheapest(connection: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """`run` of the cheaper form best_query picks; the query itself when that form reads a
    derived table this connection could not make (a file it is derived from is broken: the
    query may not need that file, and fitjp.health names it to the reader)."""
    chosen, chosen_params = best_query(name, params)
    try:
        return run(connection, chosen, **chosen_params)
    except duckdb.CatalogException:
        if chosen == name:
            raise
        return run(connection, name, **params)


def run_listing(connection: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    ids_query, rows_query = LISTINGS[name]
    chosen = run_cheapest(connection, ids_query, **params)  # without a search: its unsearched form
    return run(connection, rows_query, **rows_of(chosen))


def rows_of(chosen: pd.DataFrame) -> dict:
    """The parameters of a listing's second step: the ids chosen, and the years they span."""
    years = chosen.year.dropna()
    return {"ids": chosen.activity_id.tolist(), "first_year": int(years.min()) if len(years) else None,
            "last_year": int(years.max()) if len(years) else None, "undated": bool(chosen.year.isna().any())}


# Queries that read only the newest years, run after a first step that finds the oldest year
# they need ($newest_from): activities are stored newest first, so DuckDB skips the others.
YEAR_BOUNDED = {"objective_examples": "objective_examples_from"}


def run_year_bounded(connection: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    bound = run_cheapest(connection, YEAR_BOUNDED[name], **params).newest_from.item()
    return run_cheapest(connection, name, **params, newest_from=None if pd.isna(bound) else int(bound))


def run_best(connection: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """`run`, from the rollups when they answer (best_query); a listing, or a query that reads
    the newest years only, in two steps."""
    if name in LISTINGS:
        return run_listing(connection, name, **params)
    if name in YEAR_BOUNDED:
        return run_year_bounded(connection, name, **params)
    return run_cheapest(connection, name, **params)
