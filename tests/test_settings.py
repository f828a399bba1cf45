"""One setting names the data folder: the app's connection and the build both follow it."""

from pathlib import Path

import pytest

from fitjp import db, settings
from fitjp.record import build, tables


def test_the_data_folder_defaults_to_data_beside_the_code(monkeypatch):
    monkeypatch.delenv("FITJP_DATA_DIR", raising=False)
    assert settings.data_dir() == settings.ROOT / "data"
    assert settings.raw_dir() == settings.ROOT / "data" / "raw"


def test_the_build_and_the_app_read_the_folder_fitjp_data_dir_names(monkeypatch, tmp_path, raw_dir):
    folder = tmp_path / "release"
    (folder / "raw").mkdir(parents=True)
    for csv in raw_dir.glob("*.csv"):
        (folder / "raw" / csv.name).write_bytes(csv.read_bytes())
    monkeypatch.setenv("FITJP_DATA_DIR", str(folder))
    rows = build.build()
    assert (folder / "activities.parquet").is_file()
    connection = db.connect()
    assert connection.execute("select count(*) from activities").fetchone()[0] == rows["activities"]


def test_the_data_version_changes_when_a_table_file_changes(monkeypatch, tmp_path):
    monkeypatch.setenv("FITJP_DATA_DIR", str(tmp_path))
    table = tmp_path / "activities.parquet"
    table.write_bytes(b"one")
    before = settings.data_version()
    import os
    os.utime(table, ns=(table.stat().st_atime_ns, table.stat().st_mtime_ns + 1_000_000))
    assert settings.data_version() != before


def test_a_run_reads_one_data_version_and_the_next_run_reads_the_new_one(monkeypatch, tmp_path):
    """A release published while a page runs is read by the next run, never by half of this one."""
    import os
    import threading

    from fitjp.ui import cache
    monkeypatch.setattr(cache, "_this_run", threading.local())  # this thread's pin ends with the test
    monkeypatch.setenv("FITJP_DATA_DIR", str(tmp_path))
    table = tmp_path / "activities.parquet"
    table.write_bytes(b"one")
    cache.begin_run()
    during = cache.data_version()
    os.utime(table, ns=(table.stat().st_atime_ns, table.stat().st_mtime_ns + 1_000_000))
    assert cache.data_version() == during
    next_run = []
    thread = threading.Thread(target=lambda: (cache.begin_run(), next_run.append(cache.data_version())))
    thread.start()
    thread.join()
    assert next_run == [settings.data_version()] and next_run[0] != during


def test_a_setting_that_is_not_a_whole_number_above_0_is_named_in_the_error(monkeypatch):
    for value in ("0", "two", "²", "-1"):  # "²" is a digit to Python's isdigit, not a number to int
        monkeypatch.setenv("FITJP_DUCKDB_THREADS", value)
        with pytest.raises(ValueError, match=f"FITJP_DUCKDB_THREADS={value!r}: a whole number above 0"):
            settings.duckdb_threads()
    monkeypatch.setenv("FITJP_DUCKDB_THREADS", "3")
    assert settings.duckdb_threads() == 3


def test_duckdb_takes_one_thread_for_a_small_record_and_two_for_a_large_one(monkeypatch):
    monkeypatch.delenv("FITJP_DUCKDB_THREADS", raising=False)
    assert settings.duckdb_threads(174) == 1 and settings.duckdb_threads(1_000_000) == 2
    assert db.connect().execute("select current_setting('threads')").fetchone()[0] == 1  # the shipped record
    monkeypatch.setenv("FITJP_DUCKDB_THREADS", "3")
    assert settings.duckdb_threads(174) == 3 and db.connect().execute("select current_setting('threads')").fetchone()[0] == 3


def test_a_size_setting_that_is_not_a_size_is_named_in_the_error(monkeypatch):
    for variable, read in (("FITJP_DUCKDB_MEMORY", settings.duckdb_memory_limit),
                           ("FITJP_BUILD_MEMORY", settings.build_memory_limit)):
        monkeypatch.setenv(variable, "1GB'; drop table x; --")
        with pytest.raises(ValueError, match=f"{variable}=.*a size such as 512MB"):
            read()
        monkeypatch.setenv(variable, "3GB")
        assert read() == "3GB"


def test_duckdb_spills_to_the_spill_folder_never_to_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("FITJP_SPILL_DIR", raising=False)
    spilled = db.connect().execute("select current_setting('temp_directory')").fetchone()[0]
    assert Path(spilled) == settings.spill_dir() and not Path(spilled).is_relative_to(Path.cwd())
    monkeypatch.setenv("FITJP_SPILL_DIR", str(tmp_path))
    assert db.connect().execute("select current_setting('temp_directory')").fetchone()[0] == str(tmp_path)


def test_the_build_derives_its_tables_with_the_build_memory_limit(monkeypatch):
    monkeypatch.setenv("FITJP_BUILD_MEMORY", "1GB")
    connection = tables.frames_connection({})
    assert connection.execute("select current_setting('memory_limit')").fetchone()[0] in ("953.6 MiB", "1.0 GiB")
