"""The build of the shipped data: committed Parquet matches data/raw and output is
deterministic; the template; and the fund's records, which go in only as releases (the CLI's
publish and its older name, import), never into data/ in place. Never touches the repo's data/."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pandas as pd

from fitjp import db, settings
from fitjp.record import advice, cli, intake, releases
from fitjp.record.build import build, write_template
from fitjp.record.schema import TABLES
from fitjp.record.tables import read_csv

from tiny_record import REPO
from test_bad_files import ACTIVITY, fingerprint, live, table_csv, workbook  # noqa: F401


# ---- the committed data and a fresh build ---------------------------------------------------

def test_committed_parquet_equals_a_fresh_build_of_data_raw(tmp_path):
    counts = build(REPO / "data" / "raw", tmp_path)
    assert set(counts) == set(TABLES) | set(db.rollup_names())
    for name in TABLES:
        committed = pd.read_parquet(REPO / "data" / f"{name}.parquet")
        fresh = pd.read_parquet(tmp_path / f"{name}.parquet")
        pd.testing.assert_frame_equal(committed, fresh, obj=name)
        assert len(fresh) == counts[name]


def test_build_is_deterministic(raw_dir, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    build(raw_dir, first)
    build(raw_dir, second)
    assert sorted(p.name for p in first.iterdir()) == sorted(f"{name}.parquet" for name in [*TABLES, *db.rollup_names()])
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_build_types_columns_and_sorts_by_key(raw_dir, tmp_path):
    build(raw_dir, tmp_path)
    activities = pd.read_parquet(tmp_path / "activities.parquet")
    assert str(activities.year.dtype) == "Int64" and str(activities.participants.dtype) == "Int64"
    assert activities.year.isna().sum() == 1  # the undated activity: NULL, not 0 or ""
    assert pd.isna(activities.set_index("activity_id").loc["a4", "note"])
    contributions = pd.read_parquet(tmp_path / "contributions.parquet")
    assert contributions.amount.dtype == "float64"
    assert list(contributions.contribution_id) == sorted(contributions.contribution_id)


# ---- the template ---------------------------------------------------------------------------

def test_template_has_a_sheet_per_importable_table_with_its_header(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    importable = [name for name, table in TABLES.items() if table.importable]
    assert book.sheetnames == ["instructions", "guide", *importable, "lists"]
    for name in importable:
        assert [cell.value for cell in book[name][1]] == TABLES[name].column_names
        assert book[name].max_row == 1



# ---- the fund's records go in as releases only ----------------------------------------------

def shipped_files(folder: Path) -> dict[str, str]:
    """The data folder's own tables (what `build` writes), not its releases."""
    return {k: v for k, v in fingerprint(folder).items() if not k.startswith("releases")}


def test_a_publish_from_the_cli_is_what_the_app_reads_and_data_is_not_written_in_place(live, tmp_path):
    before = shipped_files(live)
    path = workbook(tmp_path, {
        "activities": [ACTIVITY | {"title": "Atelier sur les marques d'Abidjan"}],
        "activity_countries": [{"activity_id": ACTIVITY["activity_id"], "iso3": "CIV", "role": "beneficiary"}],
    })
    assert cli.main(["publish", str(path), "--note", "Abidjan"]) == 0
    assert shipped_files(live) == before
    found = db.run(db.connect(), "activity_list", **{**_all_activities(), "search": "abidjan", "limit": 10})
    assert list(found.activity_id) == [ACTIVITY["activity_id"]]
    assert found.beneficiaries.item() == "Côte d'Ivoire"  # UN name (fitjp/countries.py)
    release = pd.read_parquet(settings.data_dir() / "release.parquet").set_index("key")
    assert release.loc["data_as_of", "value"] == datetime.date.today().isoformat()


def _all_activities() -> dict:
    from fitjp.filters import Filters
    return Filters(include_unclear=True).activity_params()


def test_import_is_another_name_for_publish(live, tmp_path, capsys):
    before = shipped_files(live)
    path = table_csv(tmp_path, "facts", {
        "fact_id": "fund_f1", "statement_date": "2025-04-01", "as_of": "2025", "as_of_basis": "stated",
        "metric": "countries_supported", "value": "90", "unit": "countries", "source_id": ACTIVITY["source_id"],
        "quote": "90 countries"})
    assert cli.main(["import", str(path), "--table", "facts", "--replace"]) == 0
    assert "published and live" in capsys.readouterr().out
    assert shipped_files(live) == before
    assert releases.history()[0]["note"] == "import facts.csv" and releases.history()[0]["live"]
    assert list(pd.read_parquet(settings.data_dir() / "facts.parquet").fact_id) == ["fund_f1"]


def test_dates_typed_as_excel_dates_are_read_as_dates(live, tmp_path):
    path = workbook(tmp_path, {"activities": [ACTIVITY | {"start_date": datetime.date(2024, 5, 1),
                                                          "end_date": datetime.datetime(2024, 5, 3)}]})
    result = releases.check(intake.read_path(path))
    assert result.ok, [advice.describe(p) for p in result.problems]
    row = result.after["activities"].set_index("activity_id").loc[ACTIVITY["activity_id"]]
    assert (row.start_date, row.end_date) == ("2024-05-01", "2024-05-03")


def test_the_build_never_writes_a_release(live, tmp_path):
    """`build` with no folders writes the data folder itself, even while a release is live."""
    releases.publish(releases.check(intake.read_path(table_csv(tmp_path, "activities", ACTIVITY))), "Aiko")
    release_files = {k: v for k, v in fingerprint(live).items() if k.startswith("releases")}
    (live / "activities.parquet").unlink()
    assert cli.main(["build"]) == 0
    assert (live / "activities.parquet").is_file()
    assert {k: v for k, v in fingerprint(live).items() if k.startswith("releases")} == release_files


# ---- the record's package --------------------------------------------------------------------

def test_each_module_of_the_record_imports_only_those_listed_before_it():
    """fitjp/record/__init__.py lists its modules in order; none imports a later one, so
    there is no circle (build and releases used to import each other)."""
    import ast
    import fitjp.record

    package = Path(fitjp.record.__file__).parent
    order = [line.split()[0] for line in fitjp.record.__doc__.splitlines()[3:] if line.startswith("    ") and
             line.split()[0].isidentifier() and not line.startswith("     ")]
    assert order == ["schema", "validate", "intake", "advice", "tables", "releases", "build", "cli"]
    assert sorted(order) == sorted(p.stem for p in package.glob("*.py") if not p.stem.startswith("__"))
    for position, module in enumerate(order):
        tree = ast.parse((package / f"{module}.py").read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    and node.module == "fitjp.record" for alias in node.names}
        imported |= {node.module.split(".")[2] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                     and (node.module or "").startswith("fitjp.record.")}
        assert imported <= set(order[:position]), f"{module} imports {imported - set(order[:position])}"
