"""The settings every part of the project reads: the app, the build CLI, the benchmark and
deploy/. Each comes from the environment, so a process can be pointed elsewhere without
touching code; each is read when asked for, never at import time.

| variable          | default  | what                                                        |
|-------------------|----------|-------------------------------------------------------------|
| FITJP_DATA_DIR    | data/    | the data folder: *.parquet the app reads, raw/ the build reads |
| FITJP_IATI_REPORTING_ORG | XX-FITJP-PLACEHOLDER | the IATI organisation identifier of whoever publishes the IATI export (fitjp/iati.py); the placeholder says none is set |
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


IATI_PLACEHOLDER = "XX-FITJP-PLACEHOLDER"  # no registration agency is called XX: never a real identifier


def iati_reporting_org() -> str:
    """The identifier the IATI export names as its reporting organisation and prefixes every
    activity identifier with. Set it to the publisher's own registered identifier before the
    file goes to the IATI Registry; the placeholder marks a file nobody has claimed."""
    return os.environ.get("FITJP_IATI_REPORTING_ORG", "").strip() or IATI_PLACEHOLDER
