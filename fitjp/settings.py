"""The settings every part of the project reads: the app, the build CLI, the staff app, the
benchmark and deploy/. Each comes from the environment, so a process can be pointed elsewhere
without touching code; each is read when asked for, never at import time.

| variable                 | default | what                                                          |
|--------------------------|---------|---------------------------------------------------------------|
| FITJP_DATA_DIR           | data/   | the data folder: *.parquet the app reads, raw/ the build reads |
| FITJP_DUCKDB_MEMORY      | 512MB   | DuckDB's memory_limit per app process (it spills beyond it)    |
| FITJP_BUILD_MEMORY       | 4GB     | DuckDB's memory_limit while the build derives its tables (a one-off process) |
| FITJP_SPILL_DIR          | TMPDIR/fitjp-duckdb | where DuckDB spills what exceeds its memory_limit (never the working folder) |
| FITJP_DUCKDB_THREADS     | 1 or 2  | DuckDB's threads per app process: 1 while every table is small |
| FITJP_MEMORY_TABLE_ROWS  | 200000  | a table with at most this many rows is held in memory; a larger one is scanned from its Parquet file |
| FITJP_CACHE_ENTRIES      | 256     | query results, and built views, kept (fitjp/ui/memo.py)        |
| FITJP_CACHE_TTL          | 3600    | seconds a kept result or view lives (fitjp/ui/memo.py)         |
| FITJP_IATI_REPORTING_ORG | XX-FITJP-PLACEHOLDER | the IATI organisation identifier of whoever publishes the IATI export (fitjp/iati.py); the placeholder says none is set |
| FITJP_DATA_LICENCE       | CC-BY-4.0 | the compiled data's licence: CC-BY-4.0, CC0-1.0, ODC-By-1.0, or none (each source keeps its own terms) |
| FITJP_REPORT_TO          | (none)  | where "Report a data problem" writes: an e-mail address or an issue tracker's https:// address |
| FITJP_STAFF_IDLE_MINUTES | 30      | minutes without a click after which the staff app signs its user out (fitjp/staff/app.py) |
| FITJP_EMBED_ORIGINS      | (none)  | origins, space-separated (https://example.org), whose pages may embed the dashboard in a frame, besides its own: the Content-Security-Policy's frame-ancestors (fitjp/web.py, deploy/) |

Releases (fitjp/record/releases.py): the staff app and `python -m fitjp.record publish` write each
release of the data to its own folder, FITJP_DATA_DIR/releases/<id>/ (Parquet, raw/ CSVs,
manifest.json), and name the live one in FITJP_DATA_DIR/releases/LIVE, a one-line file
replaced by rename. data_dir() is then the live release's folder; with no release it is the
data folder itself, as shipped.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def base_dir() -> Path:
    """The data folder FITJP_DATA_DIR names (default data/): the shipped tables, and releases/."""
    # abspath, not resolve(): this is read on every click, and resolve() makes a system call
    # for each part of the path (bench/clicks.py).
    return Path(os.path.abspath(os.environ.get("FITJP_DATA_DIR") or ROOT / "data"))


def releases_dir() -> Path:
    return base_dir() / "releases"


def live_release() -> str | None:
    """The id of the live release, or None when none was published (or its folder is gone,
    so a broken pointer falls back to the shipped data rather than to nothing)."""
    try:
        release_id = (releases_dir() / "LIVE").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return release_id if release_id and (releases_dir() / release_id).is_dir() else None


def data_dir() -> Path:
    """The folder the app reads: the live release's, or the data folder when there is none.
    Read on every call, so a release made live by another process is seen at once."""
    release_id = live_release()
    return releases_dir() / release_id if release_id else base_dir()


def raw_dir() -> Path:
    return data_dir() / "raw"


def data_version() -> str:
    """A text that changes whenever the data the app reads changes: cache keys include it,
    so a new release (or a rebuilt folder) is picked up without a restart. It names the live
    release and the newest modification time of the Parquet files it reads."""
    release_id = live_release()
    folder = releases_dir() / release_id if release_id else base_dir()
    stamps = [path.stat().st_mtime_ns for path in folder.glob("*.parquet")]
    return f"{release_id or 'shipped'}:{folder}@{max(stamps, default=0)}"


IATI_PLACEHOLDER = "XX-FITJP-PLACEHOLDER"  # no registration agency is called XX: never a real identifier


def iati_reporting_org() -> str:
    """The identifier the IATI export names as its reporting organisation and prefixes every
    activity identifier with. Set it to the publisher's own registered identifier before the
    file goes to the IATI Registry; the placeholder marks a file nobody has claimed."""
    return os.environ.get("FITJP_IATI_REPORTING_ORG", "").strip() or IATI_PLACEHOLDER


# Licences the compiled data may be published under (FITJP_DATA_LICENCE), by SPDX id.
DATA_LICENCES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("Creative Commons Zero 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-By-1.0": ("Open Data Commons Attribution License 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
}


def data_licence() -> tuple[str, str, str] | None:
    """The licence of the compilation (the tables as compiled here), as (SPDX id, title, URL):
    CC BY 4.0 unless FITJP_DATA_LICENCE names another of DATA_LICENCES, or `none` to claim no
    licence. Each figure also stays under the terms of the document it was read in."""
    chosen = os.environ.get("FITJP_DATA_LICENCE", "").strip() or "CC-BY-4.0"
    if chosen.lower() == "none":
        return None
    if chosen not in DATA_LICENCES:
        raise ValueError(f"FITJP_DATA_LICENCE={chosen!r}: one of {', '.join(DATA_LICENCES)}, or none, is expected")
    return (chosen, *DATA_LICENCES[chosen])


def report_to() -> str:
    """Where "Report a data problem" writes: an e-mail address, or an issue tracker's
    new-issue address (https://...). Unset, the link opens the reader's mail with the view
    filled in and no recipient, for them to choose."""
    return os.environ.get("FITJP_REPORT_TO", "").strip()


def _whole_number(variable: str, default: int) -> int:
    value = os.environ.get(variable, "").strip()
    if not value:
        return default
    if not value.isdecimal() or int(value) < 1:
        raise ValueError(f"{variable}={value!r}: a whole number above 0 is expected")
    return int(value)


def duckdb_memory_limit() -> str:
    return _size("FITJP_DUCKDB_MEMORY", "512MB")


def build_memory_limit() -> str:
    return _size("FITJP_BUILD_MEMORY", "4GB")


def _size(variable: str, default: str) -> str:
    value = (os.environ.get(variable) or default).strip()
    if not re.fullmatch(r"\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)", value, re.IGNORECASE):
        raise ValueError(f"{variable}={value!r}: a size such as 512MB or 2GB is expected")
    return value  # checked above: safe to write into DuckDB's SET statement


def spill_dir() -> Path:
    """DuckDB's temp_directory. Its default for an in-memory database is .tmp in the working
    folder: the repository, or a container's read-only root."""
    value = os.environ.get("FITJP_SPILL_DIR", "").strip()
    return Path(value) if value else Path(tempfile.gettempdir()) / "fitjp-duckdb"


SMALL_TABLE_ROWS = 100_000


def duckdb_threads(largest_table_rows: int = 0) -> int:
    """One thread while every table is small: there a second thread only adds its hand-over,
    about 30% more CPU a query on the shipped record (bench/clicks.py); two beyond."""
    return _whole_number("FITJP_DUCKDB_THREADS", 1 if largest_table_rows <= SMALL_TABLE_ROWS else 2)


def memory_table_rows() -> int:
    return _whole_number("FITJP_MEMORY_TABLE_ROWS", 200_000)


def cache_entries() -> int:
    return _whole_number("FITJP_CACHE_ENTRIES", 256)


def cache_ttl() -> int:
    return _whole_number("FITJP_CACHE_TTL", 3600)


def staff_idle_minutes() -> int:
    return _whole_number("FITJP_STAFF_IDLE_MINUTES", 30)


# An origin as a frame-ancestors source: a scheme, a host (its first label may be *), maybe a
# port. Nothing else, so that no value can add a directive to the header or break nginx.conf.
_ORIGIN = re.compile(r"https?://(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?", re.IGNORECASE)


def embed_origins() -> list[str]:
    """The origins whose pages may show the dashboard in a frame (README: Embedding), besides
    the dashboard's own: FITJP_EMBED_ORIGINS, space-separated, such as
    `https://www.example.org https://intranet.example.org:8443`. Unset, only the dashboard's
    own pages may frame it; a browser refuses to draw it inside any other site."""
    origins = os.environ.get("FITJP_EMBED_ORIGINS", "").split()
    for origin in origins:
        if not _ORIGIN.fullmatch(origin.rstrip("/")):
            raise ValueError(f"FITJP_EMBED_ORIGINS: {origin!r} is not an origin such as https://www.example.org")
    return list(dict.fromkeys(origin.rstrip("/").lower() for origin in origins))
