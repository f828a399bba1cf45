"""The settings every part of the project reads: the app, the build CLI, the benchmark and
deploy/. Each comes from the environment, so a process can be pointed elsewhere without
touching code; each is read when asked for, never at import time.

| variable          | default  | what                                                        |
|-------------------|----------|-------------------------------------------------------------|
| FITJP_DATA_DIR    | data/    | the data folder: *.parquet the app reads, raw/ the build reads |
"""

from __future__ import annotations

import os
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
