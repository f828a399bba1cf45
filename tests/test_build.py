"""The build: committed Parquet matches data/raw, output is deterministic, and the fund's
records import (and fail) as the fund's staff would see it. Never touches the repo's data/."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from fitjp import build as build_module
from fitjp import db
from fitjp.build import build, import_records, read_csv, write_template
from fitjp.schema import TABLES
from fitjp.validate import Problem, ValidationError

from tiny_record import REPO

SOURCE = "wipo_cf4485"  # a source in the shipped data/raw/sources.csv


@pytest.fixture
def repo_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of data/raw and data/*.parquet to import into."""
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    out = tmp_path / "data"
    out.mkdir()
    for parquet in (REPO / "data").glob("*.parquet"):
        shutil.copy2(parquet, out / parquet.name)
    return raw, out


def snapshot(*folders: Path) -> dict[str, bytes]:
    return {f"{folder.name}/{p.name}": p.read_bytes() for folder in folders for p in sorted(folder.iterdir())}


def activity(activity_id: str, **values) -> dict:
    row = {"activity_id": activity_id, "title": "Workshop on trademarks for SMEs", "start_date": "2024-05-01",
           "end_date": "2024-05-03", "year": 2024, "activity_type": "workshop", "programme_area": "branding",
           "fund": "africa_ldcs", "mode": "online", "participants": 12, "participants_as_stated": "12",
           "scope": "national", "region": "africa", "beneficiaries_as_stated": "", "source_id": SOURCE,
           "quote": "a workshop", "note": ""}
    return row | values


def workbook(tmp_path: Path, sheets: dict[str, list[dict]], name: str = "records.xlsx") -> Path:
    """The shipped template filled in as the fund's staff would, sheet by sheet."""
    path = tmp_path / name
    write_template(path)
    book = openpyxl.load_workbook(path)
    for sheet, rows in sheets.items():
        header = [cell.value for cell in book[sheet][1]]
        for row in rows:
            book[sheet].append([row.get(column, "") for column in header])
    book.save(path)
    return path


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


# ---- the import template and importing the fund's records -----------------------------------

def test_template_has_a_sheet_per_importable_table_with_its_header(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    importable = [name for name, table in TABLES.items() if table.importable]
    assert book.sheetnames == ["instructions", "guide", *importable, "lists"]
    for name in importable:
        assert [cell.value for cell in book[name][1]] == TABLES[name].column_names
        assert book[name].max_row == 1


def test_import_adds_rows_and_reports_them(repo_copy, tmp_path):
    raw, out = repo_copy
    before = len(read_csv(raw / "activities.csv"))
    links_before = len(read_csv(raw / "activity_countries.csv"))
    path = workbook(tmp_path, {
        "activities": [activity("fund_0001", title="Atelier sur les marques d'Abidjan")],
        "activity_countries": [{"activity_id": "fund_0001", "iso3": "CIV", "role": "beneficiary"}],
    })
    report = import_records(path, raw_dir=raw, out_dir=out)
    assert report == [f"activities: 1 rows added; {before} before, {before + 1} now",
                      f"activity_countries: 1 rows added; {links_before} before, {links_before + 1} now"]
    assert len(read_csv(raw / "activities.csv")) == before + 1
    # the app sees the new row in the rebuilt Parquet
    found = db.run(db.connect(out), "activity_list", **{**_all_activities(), "search": "abidjan", "limit": 10})
    assert list(found.activity_id) == ["fund_0001"]
    assert found.beneficiaries.item() == "Côte d'Ivoire"  # UN name (fitjp/countries.py)
    release = pd.read_parquet(out / "release.parquet").set_index("key")
    assert release.loc["data_as_of", "value"] == datetime.date.today().isoformat()


def _all_activities() -> dict:
    from fitjp.filters import Filters
    return Filters(include_unclear=True).activity_params()


def test_import_accepts_dates_typed_as_excel_dates(repo_copy, tmp_path):
    raw, out = repo_copy
    path = workbook(tmp_path, {"activities": [activity("fund_0002", start_date=datetime.date(2024, 5, 1),
                                                       end_date=datetime.datetime(2024, 5, 3))]})
    import_records(path, raw_dir=raw, out_dir=out)
    row = read_csv(raw / "activities.csv").set_index("activity_id").loc["fund_0002"]
    assert (row.start_date, row.end_date, row.year, row.participants) == ("2024-05-01", "2024-05-03", "2024", "12")


def test_import_only_rewrites_the_tables_it_changes(repo_copy, tmp_path):
    raw, out = repo_copy
    untouched = {name: (raw / f"{name}.csv").read_bytes() for name in ("contributions", "sources", "countries")}
    import_records(workbook(tmp_path, {"activities": [activity("fund_0003")]}), raw_dir=raw, out_dir=out)
    assert {name: (raw / f"{name}.csv").read_bytes() for name in untouched} == untouched


def test_replace_replaces_a_tables_rows(repo_copy, tmp_path):
    raw, out = repo_copy
    before = len(read_csv(raw / "contributions.csv"))
    path = tmp_path / "contributions.csv"
    rows = [{"contribution_id": f"fund_c{i}", "fiscal_year": str(2020 + i), "year_basis": "japanese_fy",
             "fund": "global", "amount": "1000000", "currency": "CHF", "status": "executed",
             "source_id": SOURCE, "quote": "fund records", "note": ""} for i in (1, 2)]
    pd.DataFrame(rows).to_csv(path, index=False)
    report = import_records(path, "contributions", replace=True, raw_dir=raw, out_dir=out)
    assert report == [f"contributions: 2 rows replaced; {before} before, 2 now"]
    assert list(read_csv(raw / "contributions.csv").contribution_id) == ["fund_c1", "fund_c2"]
    assert list(pd.read_parquet(out / "contributions.parquet").contribution_id) == ["fund_c1", "fund_c2"]


def test_cli_import_with_replace(repo_copy, tmp_path, monkeypatch, capsys):
    raw, out = repo_copy
    # point the CLI's default folders at the copy, so the real argument handling runs
    monkeypatch.setattr(build_module.import_records, "__defaults__", (None, False, raw, out))
    path = tmp_path / "facts.csv"
    row = {"fact_id": "fund_f1", "statement_date": "2025-04-01", "as_of": "2025", "as_of_basis": "stated",
           "metric": "countries_supported", "value": "90", "unit": "countries", "amount": "", "currency": "",
           "source_id": SOURCE, "quote": "90 countries", "note": ""}
    pd.DataFrame([row]).to_csv(path, index=False)
    before = len(read_csv(raw / "facts.csv"))
    assert build_module.main(["import", str(path), "--table", "facts", "--replace"]) == 0
    assert capsys.readouterr().out == f"facts: 1 rows replaced; {before} before, 1 now\n"
    assert list(pd.read_parquet(out / "facts.parquet").fact_id) == ["fund_f1"]


def test_cli_reports_problems_and_writes_nothing(repo_copy, tmp_path, monkeypatch, capsys):
    raw, out = repo_copy
    monkeypatch.setattr(build_module.import_records, "__defaults__", (None, False, raw, out))
    before = snapshot(raw, out)
    path = workbook(tmp_path, {"activities": [activity("fund_0004", fund="asia")]})
    assert build_module.main(["import", str(path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("1 problem(s); nothing was written:\n")
    assert "records.xlsx [sheet activities], row 2, column 'fund'" in error
    assert snapshot(raw, out) == before


def test_a_bad_imported_row_names_the_file_sheet_and_row_and_writes_nothing(repo_copy, tmp_path):
    raw, out = repo_copy
    before = snapshot(raw, out)
    path = workbook(tmp_path, {"activities": [activity("fund_0005"), activity("fund_0006", end_date="2024-04-30"),
                                              activity("fund_0007", source_id="no_such_source")]})
    with pytest.raises(ValidationError) as caught:
        import_records(path, raw_dir=raw, out_dir=out)
    label = "records.xlsx [sheet activities]"
    assert caught.value.problems == [
        Problem(label, 3, "end_date", "2024-04-30", "ends before its start_date"),
        Problem(label, 4, "source_id", "no_such_source", "not found in sources.source_id"),
    ]
    assert snapshot(raw, out) == before


def test_an_imported_duplicate_of_an_existing_id_names_the_imported_row(repo_copy, tmp_path):
    raw, out = repo_copy
    existing = read_csv(raw / "activities.csv").activity_id[0]
    path = workbook(tmp_path, {"activities": [activity("fund_0008"), activity(existing)]})
    with pytest.raises(ValidationError) as caught:
        import_records(path, raw_dir=raw, out_dir=out)
    assert caught.value.problems == [
        Problem("records.xlsx [sheet activities]", 3, "activity_id", existing, "duplicate id")]


def test_a_bad_row_in_an_imported_csv_names_the_csv(repo_copy, tmp_path):
    raw, out = repo_copy
    before = snapshot(raw, out)
    path = tmp_path / "links.csv"
    pd.DataFrame([{"activity_id": "a001", "iso3": "XYZ", "role": "beneficiary"}]).to_csv(path, index=False)
    with pytest.raises(ValidationError) as caught:
        import_records(path, "activity_countries", raw_dir=raw, out_dir=out)
    assert {(p.file, p.row, p.column, p.value) for p in caught.value.problems} == {("links.csv", 2, "iso3", "XYZ")}
    assert snapshot(raw, out) == before


def test_an_import_missing_a_column_names_it(repo_copy, tmp_path):
    raw, out = repo_copy
    path = tmp_path / "facts.csv"
    pd.DataFrame([{"fact_id": "x"}]).to_csv(path, index=False)
    with pytest.raises(ValidationError) as caught:
        import_records(path, "facts", raw_dir=raw, out_dir=out)
    assert caught.value.problems[0] == Problem("facts.csv", 1, "statement_date", "", "column missing from the header")
    assert len(caught.value.problems) == len(TABLES["facts"].columns) - 1


def test_a_csv_import_must_name_an_importable_table(repo_copy, tmp_path):
    raw, out = repo_copy
    path = tmp_path / "countries.csv"
    path.write_text("iso3\nFRA\n")
    with pytest.raises(SystemExit, match="--table"):
        import_records(path, None, raw_dir=raw, out_dir=out)
    with pytest.raises(SystemExit, match="reference data"):
        import_records(path, "countries", raw_dir=raw, out_dir=out)
