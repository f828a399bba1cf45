"""Releases of the data: check an uploaded file against the live record, preview what it
would change, publish it as a new release made live atomically, roll back to any release.

Layout, under the data folder (fitjp/settings.py, FITJP_DATA_DIR):

    releases/<id>/            one folder per release, never rewritten: *.parquet, raw/*.csv
    releases/<id>/manifest.json   when, by whom, the uploaded file's name and sha256, rows, note
    releases/<id>/open/       its open data files, which the data URLs serve (fitjp/opendata.py)
    releases/LIVE             the live release's id, one line, replaced by os.replace
    releases/live             a link to the live release's folder, replaced just after LIVE:
                              what a web server (deploy/nginx.conf) serves the data URLs from
    releases/rollbacks.jsonl  each roll back, when, by whom, from which release to which: a line each

A release is staged in releases/.staging-<id>/ and renamed into place only when every file
was written; then LIVE is replaced. A failure at any point leaves LIVE, and so what the app
reads, as it was. The first publish also keeps the shipped data as release 1, dated by its
data's as-of date, so a roll back can return to it. The staff app (admin.py) and the CLI
(python -m fitjp.record) both use these functions; nothing else writes the record.
"""

from __future__ import annotations

import fcntl
import getpass
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from fitjp import opendata, settings
from fitjp.record.advice import shorten, with_hint
from fitjp.record.tables import csv_writer, parquet_writer, read_csv, read_raw, typed
from fitjp.record.intake import Intake, Sheet, UploadOrigin
from fitjp.record.schema import TABLES, Table, reached
from fitjp.record.validate import Problem, ValidationError, check_all, check_plausible

# update: add new rows and replace rows whose id is already published; replace: replace every
# row of each table in the file by the file's rows (the staff app says so: staff.mode_* keys).
MODES = ("update", "replace")


class ReleaseError(Exception):
    """A publish or roll back that cannot be done, said in words for the person who asked."""


# ---- check and preview -------------------------------------------------------------------

@dataclass
class CellChange:
    key: str
    column: str
    before: str
    after: str


@dataclass
class TableChange:
    table: str
    added: pd.DataFrame
    removed: pd.DataFrame
    changed: list[CellChange]

    @property
    def changed_rows(self) -> int:
        return len({change.key for change in self.changed})

    @property
    def is_empty(self) -> bool:
        return not (len(self.added) or len(self.removed) or self.changed)

    def summary(self) -> str:
        return (f"{self.table}: {len(self.added)} added, {self.changed_rows} changed, "
                f"{len(self.removed)} removed")


@dataclass
class Check:
    """What checking an upload against the live record found, and what publishing would do."""
    intake: Intake
    mode: str
    live: str | None  # the release checked against: publishing refuses if it moved since
    problems: list[Problem]
    before: dict[str, pd.DataFrame] = field(default_factory=dict)
    after: dict[str, pd.DataFrame] = field(default_factory=dict)
    changes: list[TableChange] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes_anything(self) -> bool:
        return any(not c.is_empty for c in self.changes if c.table != "release")


def check(intake: Intake, mode: str = "update") -> Check:
    """Every problem of the upload, in the file and against the live record; and, when there
    is none, the tables publishing would write and what changes in each."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    live = settings.live_release()
    problems = list(intake.problems)
    before, origins = read_raw(settings.raw_dir())
    merged, ordered = dict(before), dict(before)
    for sheet in intake.sheets:
        table = TABLES[sheet.table]
        if sheet.frame.columns.duplicated().any():
            continue  # intake reported the column named twice; its rows cannot be matched
        header_problems = check_header(table, sheet)
        problems += header_problems
        if any(p.message == "column missing from the header" for p in header_problems):
            continue
        upload = sheet.frame[table.column_names].reset_index(drop=True)
        problems += check_plausible(table, upload, UploadOrigin(sheet.label, sheet.label, 0, tuple(sheet.rows)))
        kept = before[table.name].iloc[0:0] if mode == "replace" else without_keys(table, before[table.name], upload)
        merged[table.name] = pd.concat([kept, upload], ignore_index=True)
        # A problem in an uploaded row names the uploaded sheet and its own row number.
        origins[table.name] = UploadOrigin(origins[table.name].file, sheet.label, len(kept), tuple(sheet.rows))
        ordered[table.name] = upload if mode == "replace" else upsert(table, before[table.name], upload)
    if intake.sheets:
        merged["release"] = ordered["release"] = with_data_as_of(before["release"], date.today())
        try:
            check_all(merged, origins)
        except ValidationError as error:
            problems += error.problems
    problems = [with_hint(p) for p in without_echoes(problems)]
    result = Check(intake, mode, live, problems, before)
    if result.ok:
        result.after = ordered
        result.changes = [diff_table(TABLES[name], before[name], ordered[name])
                          for name in ordered if name in {s.table for s in intake.sheets} | {"release"}]
    return result


def without_echoes(problems: list[Problem]) -> list[Problem]:
    """A bad value is not also reported as missing from the table it refers to."""
    cells = {(p.file, p.row, p.column) for p in problems if not p.message.startswith("not found in")}
    return [p for p in problems if not (p.message.startswith("not found in") and (p.file, p.row, p.column) in cells)]


def check_header(table: Table, sheet: Sheet) -> list[Problem]:
    columns = list(sheet.frame.columns)
    missing = [c for c in table.column_names if c not in columns]
    extra = [c for c in columns if c not in table.column_names]
    return ([Problem(sheet.label, 1, c, "", "column missing from the header") for c in missing]
            + [Problem(sheet.label, 1, c or "(no name)", c, "unknown column") for c in extra])


def without_keys(table: Table, existing: pd.DataFrame, upload: pd.DataFrame) -> pd.DataFrame:
    """The existing rows the upload does not replace."""
    key = list(table.key)
    return existing[~existing.set_index(key).index.isin(upload.set_index(key).index)]


def upsert(table: Table, existing: pd.DataFrame, upload: pd.DataFrame) -> pd.DataFrame:
    """The existing rows in their order, each replaced by the uploaded row of its id, then
    the new rows: the raw CSV changes only where the record did."""
    key = list(table.key)
    replacements = upload.drop_duplicates(key, keep="last").set_index(key)
    rows = existing.set_index(key)
    replaced = rows.index.isin(replacements.index)
    rows.loc[replaced] = replacements.loc[rows.index[replaced], rows.columns].to_numpy()
    new = replacements[~replacements.index.isin(rows.index)]
    return pd.concat([rows, new]).reset_index()[table.column_names]


def with_data_as_of(release: pd.DataFrame, day: date) -> pd.DataFrame:
    values = dict(zip(release.key, release.value)) | {"data_as_of": day.isoformat()}
    return pd.DataFrame({"key": list(values), "value": list(values.values())}, dtype=str)


def diff_table(table: Table, before: pd.DataFrame, after: pd.DataFrame) -> TableChange:
    """Rows added, removed, and each changed cell of the rows present in both."""
    key = list(table.key)
    old, new = before.set_index(key), after.set_index(key)
    added = new[~new.index.isin(old.index)].reset_index()
    removed = old[~old.index.isin(new.index)].reset_index()
    common = new.index[new.index.isin(old.index)]
    old_rows, new_rows = old.loc[common], new.loc[common, old.columns]
    changed = [CellChange(key_text(index), column, old_rows.at[index, column], new_rows.at[index, column])
               for index in common for column in old.columns
               if old_rows.at[index, column] != new_rows.at[index, column]]
    return TableChange(table.name, added, removed, changed)


def key_text(index) -> str:
    return ", ".join(map(str, index)) if isinstance(index, tuple) else str(index)


def headline(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """The figures a reader sees first, to compare before and after a publish."""
    contributions = tables["contributions"]
    return {
        "activities": len(tables["activities"]),
        "countries reached": reached(tables["activity_countries"]).iso3.nunique(),  # every activity, dated or not
        "contribution figures": len(contributions),
        "fiscal years with a figure": contributions.fiscal_year[contributions.fiscal_year != ""].nunique(),
        "sources": len(tables["sources"]),
    }


# ---- publish and roll back ---------------------------------------------------------------

def publish(result: Check, by: str = "", note: str = "") -> dict:
    """Write the checked tables as a new release and make it live; returns its manifest.
    Refuses a check with problems, one that changes nothing, or one made against a release
    that is no longer live (another member of staff published in between)."""
    if not result.ok:
        raise ReleaseError(f"{len(result.problems)} problem(s) must be fixed first; nothing was published")
    if not result.changes_anything:
        raise ReleaseError("the file changes nothing in the published record; nothing was published")
    folder = settings.releases_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with locked(folder):
        if settings.live_release() != result.live:
            raise ReleaseError("another release was made live since this file was checked: check it again")
        shipped_missing = not manifests()
        version = 1 + max((m["version"] for m in manifests()), default=1)
        release_id = new_release_id(result.intake.sha256)
        manifest = {
            "id": release_id, "version": version, "kind": "publish",
            "created": now(), "by": by.strip() or getpass.getuser(), "note": note.strip(),
            "upload": {"name": result.intake.name, "sha256": result.intake.sha256,
                       "bytes": result.intake.size, "mode": result.mode},
            "previous": result.live,
            "data_as_of": dict(zip(result.after["release"].key, result.after["release"].value))["data_as_of"],
            "rows": {name: len(frame) for name, frame in result.after.items()},
            "changes": {c.table: {"added": len(c.added), "changed": c.changed_rows, "removed": len(c.removed)}
                        for c in result.changes if c.table != "release" and not c.is_empty},
        }
        staged = folder / f".staging-{release_id}"
        try:
            write_release(staged, result.after, manifest)
            if shipped_missing:
                keep_shipped_data(folder)
            os.rename(staged, folder / release_id)
        finally:
            shutil.rmtree(staged, ignore_errors=True)
        set_live(release_id)
    return manifest


def write_release(folder: Path, tables: dict[str, pd.DataFrame], manifest: dict) -> None:
    (folder / "raw").mkdir(parents=True)
    for name, frame in tables.items():
        write_table(folder, name, frame)
    opendata.open_files(folder, opendata.release_named(manifest))
    write_manifest(folder, manifest)


def write_table(folder: Path, name: str, frame: pd.DataFrame) -> None:
    """One table of a release: its raw CSV (what the next check reads) and its Parquet."""
    csv_writer(frame)(folder / "raw" / f"{name}.csv")
    parquet_writer(typed(TABLES[name], frame))(folder / f"{name}.parquet")


def write_manifest(folder: Path, manifest: dict) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")


def keep_shipped_data(folder: Path) -> None:
    """The data as shipped, copied as release 1 so a roll back can return to it. It is dated
    by its data's as-of date: that is when the shipped record was made, not the first publish."""
    base = settings.base_dir()
    release_id = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-shipped"
    staged = folder / f".staging-{release_id}"
    try:
        (staged / "raw").mkdir(parents=True)
        for name in TABLES:
            shutil.copy2(base / f"{name}.parquet", staged / f"{name}.parquet")
            shutil.copy2(base / "raw" / f"{name}.csv", staged / "raw" / f"{name}.csv")
        release = read_csv(base / "raw" / "release.csv")
        data_as_of = dict(zip(release.key, release.value)).get("data_as_of", "")
        manifest = {
            "id": release_id, "version": 1, "kind": "shipped", "created": shipped_date(data_as_of),
            "by": "", "upload": None, "note": "the data as shipped with the dashboard", "previous": None,
            "data_as_of": data_as_of,
            "rows": {name: len(read_csv(base / "raw" / f"{name}.csv")) for name in TABLES}, "changes": {}}
        opendata.open_files(staged, opendata.release_named(manifest))
        write_manifest(staged, manifest)
        os.rename(staged, folder / release_id)
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def shipped_date(data_as_of: str) -> str:
    """The as-of date as the manifest's timestamp; now, where the shipped data states none."""
    try:
        return datetime.combine(date.fromisoformat(data_as_of), datetime.min.time(), timezone.utc).isoformat()
    except ValueError:
        return now()


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def rollback(release_id: str, by: str = "") -> dict:
    """Make an earlier (or any) release live again, in one step, and record the roll back as
    an event of the history of its own; returns the release's manifest."""
    folder = settings.releases_dir()
    known = {m["id"]: m for m in manifests()}
    if release_id not in known:
        raise ReleaseError(f"no release {release_id!r}; releases: {', '.join(known) or 'none yet'}")
    with locked(folder):
        previous = settings.live_release()
        if previous == release_id:
            raise ReleaseError(f"release {release_id} is already live")
        set_live(release_id)
        append_rollback(folder, {
            "kind": "rollback", "id": release_id, "version": known[release_id]["version"], "created": now(),
            "by": by.strip() or getpass.getuser(), "previous": previous,
            "previous_version": known[previous]["version"] if previous in known else None})
    return known[release_id]


ROLLBACKS = "rollbacks.jsonl"


def append_rollback(folder: Path, event: dict) -> None:
    """One line appended, under the lock; a line cut short by a crash is skipped when read."""
    with open(folder / ROLLBACKS, "a", encoding="utf-8") as log:
        log.write(json.dumps(event, ensure_ascii=False) + "\n")
        log.flush()
        os.fsync(log.fileno())


def rollbacks() -> list[dict]:
    """Every roll back, oldest first, each numbered in the order it was made."""
    try:
        lines = (settings.releases_dir() / ROLLBACKS).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    events = []
    for line in lines:
        try:
            events.append(json.loads(line) | {"seq": len(events)})
        except ValueError:
            continue
    return events


def set_live(release_id: str) -> None:
    """Replace the LIVE pointer by rename: a reader sees the old id or the new, never half.
    Then the `live` link the same way, for a web server serving the data URLs as files."""
    folder = settings.releases_dir()
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".LIVE.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as pointer:
            pointer.write(release_id + "\n")
            pointer.flush()
            os.fsync(pointer.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it private; the app may run as another user
        os.replace(temp, folder / "LIVE")
    finally:
        Path(temp).unlink(missing_ok=True)
    link = folder / f".live.{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(release_id, link)  # relative: the folder may be mounted elsewhere on each host
    os.replace(link, folder / "live")


@contextmanager
def locked(folder: Path):
    """One publish or roll back at a time, across processes (the app and the CLI)."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)


def new_release_id(sha256: str) -> str:
    stem = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{sha256[:8]}"
    release_id, n = stem, 1
    while (settings.releases_dir() / release_id).exists():
        n += 1
        release_id = f"{stem}-{n}"
    return release_id


def manifests() -> list[dict]:
    """Every release's manifest, newest first (a folder being staged has a dot and is skipped)."""
    folder = settings.releases_dir()
    found = []
    for path in folder.glob("[!.]*/manifest.json") if folder.is_dir() else []:
        if path.parent.is_symlink():
            continue  # the `live` link: the release it names is listed under its own id
        try:
            found.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # a damaged manifest hides its release from the list, never the app
    return sorted(found, key=lambda m: m["version"], reverse=True)


def history() -> list[dict]:
    """The releases and the roll backs, newest first, each with `live` set (only a release can
    be live): what the Sources page, the staff app and the CLI list."""
    live = settings.live_release()
    releases_made = [m | {"live": m["id"] == live} for m in manifests()]
    rolled_back = [event | {"live": False, "note": "", "changes": {}} for event in rollbacks()]
    # A roll back made in the same second as a publish came after it.
    return sorted(releases_made + rolled_back, reverse=True,
                  key=lambda e: (e["created"], e["kind"] == "rollback", e.get("seq", e["version"])))


def live_open_files() -> tuple[Path, dict]:
    """The live release's open data files (written on first need) and the release they name:
    LIVE is read once, so the folder and the name are of the same release."""
    release_id = settings.live_release()
    if release_id is None:
        folder, release = settings.base_dir(), opendata.release_named(None)
    else:
        folder = settings.releases_dir() / release_id
        release = opendata.release_named(json.loads((folder / "manifest.json").read_text(encoding="utf-8")))
    return opendata.open_files(folder, release), release


def live_manifest() -> dict | None:
    live = settings.live_release()
    return next((m for m in manifests() if m["id"] == live), None) if live else None


def preview_lines(result: Check, limit: int = 20) -> list[str]:
    """What publishing would change, as text: each table's rows added, changed cell by cell,
    removed (the first `limit` of each), then the headline figures before and after."""
    lines = []
    for change in result.changes:
        lines.append(change.summary())
        key = list(TABLES[change.table].key)
        lines += [f"  + {key_text(tuple(row))}" for row in change.added[key].head(limit).itertuples(index=False)]
        lines += [f"  ~ {c.key} {c.column}: {shorten(c.before, 40)!r} -> {shorten(c.after, 40)!r}"
                  for c in change.changed[:limit]]
        lines += [f"  - {key_text(tuple(row))}" for row in change.removed[key].head(limit).itertuples(index=False)]
    before, after = headline(result.before), headline(result.after)
    lines += [f"{name}: {before[name]} -> {after[name]}" for name in before]
    return lines
