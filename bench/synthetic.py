"""Synthetic records with the shipped schema, made by code in a folder the caller gives
(a temporary one: never data/).

Each synthetic activity copies one shipped activity (its type, programme area, fund, scope,
region, participants, source and quote: the record's own mix of facets), with its title
marked "[synthetic]", a year drawn over 1987-2025 (undated ones stay undated) and its
country links; a national activity moves to a country drawn from the same WIPO region, so
links spread over every country as a fund's real records would. Draws are hashes of the
row number: the same size gives the same record.

Two ways to build, both through fitjp.record.build:
- `write_raw_csv` + fitjp.record.build.build(raw_dir, out_dir): the CSVs a fund's staff would
  have, validated and typed by the real build (fine to about 100k activities);
- `write_parquet_record` (the fast path, for 1M and more, where validating millions of
  CSV cells in pandas takes longer than the benchmark should): the raw tables written as
  Parquet directly in the types the build gives them, then fitjp.record.tables.rollups_of_folder,
  the derivation the build itself runs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from fitjp import db
from fitjp.record import build, tables
from fitjp.record.schema import TABLES
from fitjp.settings import ROOT

SHIPPED = ROOT / "data"
SYNTHETIC = ("activities", "activity_countries")
FIRST_YEAR, LAST_YEAR = 1987, 2025
TITLE_MARK = "[synthetic] "


def _templates(connection: duckdb.DuckDBPyConnection) -> None:
    """The shipped activities numbered 0..n-1, their links, and the countries of each WIPO
    region numbered 0..n-1, as tables the synthetic rows draw from."""
    activities = db.quoted(SHIPPED / "activities.parquet")
    links = db.quoted(SHIPPED / "activity_countries.parquet")
    countries = db.quoted(SHIPPED / "countries.parquet")
    connection.execute(f"""create table template as
        select row_number() over (order by activity_id) - 1 as template_no, *
        from read_parquet({activities})""")
    connection.execute(f"create table template_links as select * from read_parquet({links})")
    connection.execute(f"""create table region_countries as
        select iso3, wipo_region, row_number() over (partition by wipo_region order by iso3) - 1 as country_no,
               count(*) over (partition by wipo_region) as region_size
        from read_parquet({countries}) where wipo_region is not null""")


# A date of the template moved to the synthetic year; 29 February becomes the 28th, since most
# years have none. An end date moves only when it is in the start's year (so it stays after it).
SHIFTED = """case when {column} is null or t.year is null then null
                  else (y.year::varchar || replace(substr({column}, 5), '-02-29', '-02-28')) end"""

ACTIVITIES_SQL = f"""
with drawn as (
    select i, hash(i, 'template') % (select count(*) from template) as template_no,
           {FIRST_YEAR} + hash(i, 'year') % {LAST_YEAR - FIRST_YEAR + 1} as year
    from range($rows) as r(i)
)
select 'syn' || lpad(y.i::varchar, 9, '0') as activity_id, '{TITLE_MARK}' || t.title as title,
       {SHIFTED.format(column="t.start_date")} as start_date,
       case when left(t.end_date, 4) = left(t.start_date, 4)
            then {SHIFTED.format(column="t.end_date")} end as end_date,
       case when t.year is null then null else y.year end::bigint as year,
       t.activity_type, t.programme_area, t.fund, t.mode, t.participants::bigint as participants,
       t.participants_as_stated, t.scope, t.region, t.beneficiaries_as_stated, t.source_id, t.quote, t.note
from drawn as y
join template as t using (template_no)
order by year desc nulls last, start_date desc nulls last, activity_id  -- newest first, as the build stores them
"""

LINKS_SQL = """
with drawn as (
    select i, 'syn' || lpad(i::varchar, 9, '0') as activity_id,
           hash(i, 'template') % (select count(*) from template) as template_no
    from range($rows) as r(i)
),
links as (
    select d.i, d.activity_id, t.scope, l.iso3, l.role
    from drawn as d
    join template as t using (template_no)
    join template_links as l on l.activity_id = t.activity_id
)
select distinct l.activity_id,
       coalesce(case when l.scope = 'national' then moved.iso3 end, l.iso3) as iso3, l.role
from links as l
left join region_countries as own on own.iso3 = l.iso3
left join region_countries as moved
       on moved.wipo_region = own.wipo_region and moved.country_no = hash(l.i, 'country') % own.region_size
order by all
"""


def _connection() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(":memory:")
    connection.execute("set memory_limit = '2GB'")  # the 10M record spills rather than swells
    connection.execute("set preserve_insertion_order = false")
    connection.execute("set enable_progress_bar = false")
    _templates(connection)
    return connection


def _copy(connection, sql: str, rows: int, target: Path, options: str) -> None:
    connection.execute(f"copy ({sql}) to {db.quoted(target)} ({options})", {"rows": rows})


def write_raw_csv(raw_dir: Path, rows: int) -> Path:
    """The shipped raw CSVs with `rows` synthetic activities and their links in place of
    the shipped ones: what fitjp.record.build.build reads."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        if name not in SYNTHETIC:
            shutil.copy(SHIPPED / "raw" / f"{name}.csv", raw_dir / f"{name}.csv")
    connection = _connection()
    _copy(connection, ACTIVITIES_SQL, rows, raw_dir / "activities.csv", "header, delimiter ','")
    _copy(connection, LINKS_SQL, rows, raw_dir / "activity_countries.csv", "header, delimiter ','")
    connection.close()
    return raw_dir


def write_parquet_record(out_dir: Path, rows: int) -> dict[str, int]:
    """The fast path: the shipped tables with `rows` synthetic activities and their links,
    written as Parquet in the build's types, then the rollups the build derives, written
    by the build's own code. Returns rows per table, as build() does."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        if name not in SYNTHETIC:
            shutil.copy(SHIPPED / f"{name}.parquet", out_dir / f"{name}.parquet")
    connection = _connection()
    options = f"format parquet, compression zstd, row_group_size {tables.ROW_GROUP_ROWS}"
    _copy(connection, ACTIVITIES_SQL, rows, out_dir / "activities.parquet", options)
    _copy(connection, LINKS_SQL, rows, out_dir / "activity_countries.parquet", options)
    connection.close()
    tables.write_atomically(tables.rollups_of_folder(out_dir))
    return {name: tables.parquet_rows(out_dir / f"{name}.parquet") for name in [*TABLES, *db.rollup_names()]}


def make_record(folder: Path, rows: int, fast: bool) -> dict[str, int]:
    """A built record of `rows` synthetic activities in `folder` (the data folder the app
    reads: *.parquet, and raw/ for the CSV path). Returns rows per table."""
    if fast:
        return write_parquet_record(folder, rows)
    return build.build(write_raw_csv(folder / "raw", rows), folder)
