"""Whether the data folder's table files can be read: each table's Parquet file exists, is not
empty, has a readable Parquet footer and holds every column fitjp/record/schema.py names for it.

The app reads nothing else, so a file that fails here is why a page cannot draw; the page that
says so (fitjp/ui/faults.py) names the file and what to do. Only footers are read, never rows,
and the answer is kept per data version (fitjp.settings.data_version), so a rebuilt or restored
folder is checked again on the next run. Pure: no Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow.parquet as pq

from fitjp import settings
from fitjp.record.schema import TABLES

MISSING, EMPTY, UNREADABLE, COLUMNS = "missing", "empty", "unreadable", "columns"


@dataclass(frozen=True)
class Fault:
    """One table file the app cannot use: which, where, and what is wrong with it."""
    table: str
    path: Path
    problem: str  # MISSING, EMPTY, UNREADABLE or COLUMNS
    detail: str = ""  # the missing columns, or the reader's own words for an unreadable file

    @property
    def file(self) -> str:
        return self.path.name


def check_table(folder: Path, table: str) -> Fault | None:
    """The fault of one table's file, or None when the app can read it."""
    path = folder / f"{table}.parquet"
    if not path.is_file():
        return Fault(table, path, MISSING)
    if path.stat().st_size == 0:
        return Fault(table, path, EMPTY)
    try:
        columns = set(pq.read_schema(path).names)
    except Exception as error:  # pyarrow raises several kinds for a truncated or foreign file
        return Fault(table, path, UNREADABLE, str(error).splitlines()[0][:200])
    missing = [name for name in TABLES[table].column_names if name not in columns]
    if missing:
        return Fault(table, path, COLUMNS, ", ".join(missing))
    return None


def check(folder: Path) -> tuple[Fault, ...]:
    """Every table file of `folder` the app cannot use, in the schema's table order."""
    return tuple(fault for table in TABLES if (fault := check_table(folder, table)))


@lru_cache(maxsize=8)
def _check_version(folder: str, files: tuple) -> tuple[Fault, ...]:
    return check(Path(folder))


def _file_stamps(folder: Path) -> tuple:
    """Each table file's size and time: data_version follows only the newest file, so a file
    deleted or truncated in place must change the key too."""
    stamps = []
    for table in TABLES:
        try:
            stat = (folder / f"{table}.parquet").stat()
            stamps.append((table, stat.st_size, stat.st_mtime_ns))
        except OSError:
            stamps.append((table, None, None))
    return tuple(stamps)


def current_faults() -> tuple[Fault, ...]:
    """The faults of the configured data folder (FITJP_DATA_DIR), checked again only when the
    folder (a new release) or one of its table files changes."""
    folder = settings.data_dir()
    return _check_version(str(folder), _file_stamps(folder))
