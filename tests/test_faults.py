"""A broken data file (missing, empty, cut short, or with a column gone) gives a page that
names the file and says what to do, never a traceback; pages that do not need it still work.
Each test runs the app (AppTest) on a copy of data/ with one fault, through FITJP_DATA_DIR."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from app_reads import app_reads
from fitjp import health

REPO = Path(__file__).resolve().parent.parent
DASHBOARD = str(REPO / "dashboard.py")
REMEDY = "python -m fitjp.record build"


def missing(path: Path) -> None:
    path.unlink()


def empty(path: Path) -> None:
    path.write_bytes(b"")


def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # a copy cut off mid-way


def without_title(path: Path) -> None:
    """The file an older or newer build might write: a column the app reads is gone."""
    table = pq.read_table(path)
    pq.write_table(table.drop(["title"]), path)


FAULTS = {"missing": missing, "empty": empty, "truncated": truncated, "schema-changed": without_title}
PROBLEMS = {"missing": health.MISSING, "empty": health.EMPTY, "truncated": health.UNREADABLE,
            "schema-changed": health.COLUMNS}


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped tables, which the app reads (app_reads)."""
    folder = tmp_path / "data"
    folder.mkdir()
    for path in (REPO / "data").glob("*.parquet"):
        shutil.copy2(path, folder / path.name)
    with app_reads(folder, monkeypatch):
        yield folder


def run_page(page: str, **params) -> AppTest:
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page != "overview":
        app.switch_page(str(REPO / "pages" / f"{page}.py")).run()
    return app


def shown_text(app: AppTest) -> str:
    kinds = (app.title, app.header, app.subheader, app.markdown, app.caption, app.error, app.warning, app.info)
    return "\n".join(str(element.value) for kind in kinds for element in kind)


def unescaped(text: str) -> str:
    return text.replace("\\", "")


@pytest.mark.parametrize("fault", FAULTS)
def test_health_names_the_broken_file_and_what_is_wrong(data_copy, fault):
    FAULTS[fault](data_copy / "activities.parquet")
    faults = health.check(data_copy)
    assert [(f.file, f.problem) for f in faults] == [("activities.parquet", PROBLEMS[fault])]
    if fault == "schema-changed":
        assert faults[0].detail == "title"


def test_health_finds_nothing_wrong_with_the_shipped_data():
    assert health.check(REPO / "data") == ()


def test_health_sees_a_file_broken_after_it_was_checked(data_copy):
    assert health.current_faults() == ()
    truncated(data_copy / "sources.parquet")  # the newest-file time alone might not change
    assert [f.file for f in health.current_faults()] == ["sources.parquet"]


@pytest.mark.parametrize("fault", FAULTS)
def test_a_page_needing_a_broken_file_names_it_and_says_what_to_do(data_copy, fault):
    FAULTS[fault](data_copy / "activities.parquet")
    app = run_page("overview")
    assert not app.exception, [e.value for e in app.exception]
    shown = unescaped(shown_text(app))
    assert "Some of the data cannot be read" in shown
    assert "activities.parquet" in shown
    assert REMEDY in shown and "restore the release" in shown
    assert "Traceback" not in shown


@pytest.mark.parametrize("fault", ["missing", "truncated"])
def test_pages_that_do_not_need_the_broken_file_keep_working(data_copy, fault):
    FAULTS[fault](data_copy / "activities.parquet")
    app = run_page("funding")
    assert not app.exception, [e.value for e in app.exception]
    shown = unescaped(shown_text(app))
    assert app.title[0].value == "Funding history"
    assert "The figures shown" in shown  # the page's own content drew
    assert "Some of the data cannot be read" not in shown
    assert "activities.parquet" in unescaped(app.warning[0].value)  # the notice names the file


def test_a_broken_countries_file_stops_every_page_readably(data_copy):
    """The sidebar needs the countries on every page: each says why instead of failing."""
    missing(data_copy / "countries.parquet")
    for page in ("overview", "funding", "sources"):
        app = run_page(page)
        assert not app.exception, (page, [e.value for e in app.exception])
        assert "countries.parquet" in unescaped(shown_text(app)), page


def test_once_the_file_is_restored_the_page_draws_again(data_copy):
    saved = (data_copy / "activities.parquet").read_bytes()
    missing(data_copy / "activities.parquet")
    assert "activities.parquet" in unescaped(shown_text(run_page("overview")))
    (data_copy / "activities.parquet").write_bytes(saved)  # the release restored
    app = run_page("overview")
    assert not app.exception and not app.warning
    assert int({m.label: m.value for m in app.metric}["Documented activities"]) > 50
