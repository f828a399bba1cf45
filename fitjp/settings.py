"""The settings every part of the project reads: the app, the build CLI, the benchmark and
deploy/. Each comes from the environment, so a process can be pointed elsewhere without
touching code; each is read when asked for, never at import time.

| variable                 | default | what                                                          |
|--------------------------|---------|---------------------------------------------------------------|
| FITJP_DATA_DIR           | data/   | the data folder: *.parquet the app reads, raw/ the build reads |
| FITJP_DUCKDB_MEMORY      | 512MB   | DuckDB's memory_limit per app process (it spills beyond it)    |
| FITJP_DUCKDB_THREADS     | 2       | DuckDB's threads per app process                               |
| FITJP_MEMORY_TABLE_ROWS  | 200000  | a table with at most this many rows is held in memory; a larger one is scanned from its Parquet file |
| FITJP_CACHE_ENTRIES      | 256     | query results kept per query (st.cache_data max_entries)       |
| FITJP_CACHE_TTL          | 3600    | seconds a cached query result is kept (st.cache_data ttl)      |
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder: the Parquet tables the app reads, and raw/ with the CSVs they are built from."""
    return Path(os.environ.get("FITJP_DATA_DIR") or ROOT / "data").resolve()


def raw_dir() -> Path:
    return data_dir() / "raw"


def data_version() -> str:
    """A text that changes whenever the data the app reads changes: cache keys include it,
    so a new release (or a rebuilt folder) is picked up without a restart. For a plain
    folder it is the newest modification time of its Parquet files."""
    folder = data_dir()
    stamps = [path.stat().st_mtime_ns for path in folder.glob("*.parquet")]
    return f"{folder}@{max(stamps, default=0)}"


def _whole_number(variable: str, default: int) -> int:
    value = os.environ.get(variable, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{variable}={value!r}: a whole number above 0 is expected")
    return int(value)


def duckdb_memory_limit() -> str:
    value = (os.environ.get("FITJP_DUCKDB_MEMORY") or "512MB").strip()
    if not re.fullmatch(r"\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)", value, re.IGNORECASE):
        raise ValueError(f"FITJP_DUCKDB_MEMORY={value!r}: a size such as 512MB or 2GB is expected")
    return value  # checked above: safe to write into DuckDB's SET statement


def duckdb_threads() -> int:
    return _whole_number("FITJP_DUCKDB_THREADS", 2)


def memory_table_rows() -> int:
    return _whole_number("FITJP_MEMORY_TABLE_ROWS", 200_000)


def cache_entries() -> int:
    return _whole_number("FITJP_CACHE_ENTRIES", 256)


def cache_ttl() -> int:
    return _whole_number("FITJP_CACHE_TTL", 3600)
