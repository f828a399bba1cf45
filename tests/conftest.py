"""A tiny public record written as raw CSVs, built to Parquet with the real build, and a
DuckDB connection over it. Every test reads real SQL results off these rows. And the
session's one browser, for the browser tests and the served site's (tests/test_hardening.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fitjp.record import build as build_module
from fitjp import db
from fitjp.filters import Filters
from tiny_record import write_raw


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A fresh, valid raw directory each test may edit."""
    return write_raw(tmp_path / "raw")


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    """The tiny record built to Parquet once by fitjp.record.build.build (tests only read it)."""
    root = tmp_path_factory.mktemp("tiny")
    raw = write_raw(root / "raw")
    out = root / "data"
    out.mkdir()
    build_module.build(raw, out)
    return out


@pytest.fixture(scope="session")
def con(data_dir: Path):
    connection = db.connect(data_dir)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def shipped():
    """A connection to the shipped data (data/), for tests generated from the real record."""
    connection = db.connect()
    yield connection
    connection.close()


@pytest.fixture
def activity_params():
    """The default activity parameters (Filters().activity_params()), with any overrides."""
    def params(**overrides) -> dict:
        values = Filters().activity_params()
        unknown = overrides.keys() - values.keys()
        assert not unknown, f"not an activity parameter: {unknown}"
        return values | overrides
    return params



@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, one for the whole session: playwright's sync API runs one event loop,
    so a second browser started while this one lives (tests/test_hardening.py) would fail."""
    sync_api = pytest.importorskip("playwright.sync_api")
    sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
    from harness import BROWSER_ARGS, CHROMIUM  # tests/browser/harness.py

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run ./test.sh, which installs it")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield browser
        browser.close()
