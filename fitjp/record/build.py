"""The shipped data, built from the CSV tables kept in the repository: data/raw/*.csv in,
validated data/*.parquet and the derived tables out, in one atomic step; and the template
the fund's staff fill in. This is the maintainers' step that makes the data the dashboard
ships with. The fund's staff change the record through releases (fitjp/record/releases.py),
which never write data/ in place.
"""

from __future__ import annotations

from pathlib import Path

from fitjp import settings
from fitjp.record.intake import template_workbook
from fitjp.record.schema import TABLES
from fitjp.record.tables import (frames_connection, parquet_rows, parquet_writer, read_raw, rollup_writers,
                                 typed, write_atomically)
from fitjp.record.validate import check_all
from fitjp.settings import ROOT

TEMPLATE = ROOT / "data" / "templates" / "fund_records.xlsx"


def build(raw_dir: Path | None = None, out_dir: Path | None = None) -> dict[str, int]:
    """Validate every raw table and write one Parquet file per table, and the rollups
    derived from them, all in one atomic step. Returns rows per table. The folders default
    to the data folder (FITJP_DATA_DIR) and its raw/, never a release: a release is never
    rewritten."""
    out_dir = out_dir or settings.base_dir()
    tables, origins = read_raw(raw_dir or out_dir / "raw")
    check_all(tables, origins)
    frames = {name: typed(TABLES[name], frame) for name, frame in tables.items()}
    outputs = {out_dir / f"{name}.parquet": parquet_writer(f) for name, f in frames.items()}
    with frames_connection(frames) as connection:
        rollups = rollup_writers(connection)
        write_atomically(outputs | {out_dir / f"{name}.parquet": write for name, write in rollups.items()})
    return {name: len(frame) for name, frame in frames.items()} | {
        name: parquet_rows(out_dir / f"{name}.parquet") for name in rollups}


def write_template(path: Path = TEMPLATE) -> None:
    """The template the fund's staff fill in: instructions, a guide to every column, a sheet
    per importable table with its header and drop-down lists (fitjp/record/intake.py)."""
    write_atomically({path: lambda target: template_workbook().save(target)})
