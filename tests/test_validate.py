"""Each validation rule names the file, the spreadsheet row (header = row 1), the column and
the bad value; all problems come at once; a failed build writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitjp import db
from fitjp.record.build import build
from fitjp.record.tables import read_csv
from fitjp.record.schema import TABLES, last_fiscal_year
from fitjp.record.validate import Problem, ValidationError

from tiny_record import write_csv


def edit(raw_dir: Path, table: str, row: int, column: str, value: str) -> str:
    """Set one cell; row is the spreadsheet row (2 = first data row). Returns the file name."""
    path = raw_dir / f"{table}.csv"
    frame = read_csv(path)
    frame.loc[row - 2, column] = value
    write_csv(path, frame)
    return str(path)


def problems_of(raw_dir: Path, tmp_path: Path) -> list[Problem]:
    out = tmp_path / "out"
    with pytest.raises(ValidationError) as caught:
        build(raw_dir, out)
    return caught.value.problems


def where(problems: list[Problem]) -> list[tuple]:
    return [(Path(p.file).name, p.row, p.column, p.value) for p in problems]


def test_the_fixture_is_valid(raw_dir, tmp_path):
    counts = build(raw_dir, tmp_path / "out")
    assert counts["activities"] == 7 and counts["contributions"] == 12


@pytest.mark.parametrize("table, row, column, value, message", [
    ("activity_countries", 3, "iso3", "CI", "not an ISO 3166-1 alpha-3 country code"),
    ("contributions", 4, "currency", "EUR", "unknown value"),
    ("contributions", 2, "status", "paid", "unknown value"),
    ("contributions", 5, "fund", "unclear", "unknown value"),  # only activities may be 'unclear'
    ("activities", 2, "fund", "africa", "unknown value"),
    ("activities", 3, "start_date", "2016-13", "not a date"),
    ("activities", 3, "start_date", "16/02/2016", "not a date"),
    ("activities", 2, "end_date", "2015-02-30", "not a date"),
    ("activities", 3, "start_date", "2016-00", "not a date"),
    ("activities", 2, "start_date", "2015-05-00", "not a date"),
    ("contributions", 3, "amount", "-5", "must be at least 0"),
    ("contributions", 3, "amount", "1,200,000", "not a number"),
    ("activities", 2, "participants", "12.5", "not a whole number"),
    ("contributions", 2, "fiscal_year", "1986", "fiscal year outside 1987.."),
    ("contributions", 2, "fiscal_year", str(last_fiscal_year() + 1), "fiscal year outside 1987.."),
    ("sources", 2, "url", "www.wipo.int", "not a web address"),
    ("activities", 4, "title", "", "required value is empty"),
    ("contributions", 6, "source_id", "", "required value is empty"),
])
def test_each_rule_names_file_row_column_and_value(raw_dir, tmp_path, table, row, column, value, message):
    file = edit(raw_dir, table, row, column, value)
    problems = problems_of(raw_dir, tmp_path)
    assert {(p.file, p.row, p.column, p.value) for p in problems} == {(file, row, column, value)}
    assert message in problems[0].message
    assert str(problems[0]).startswith(f"{file}, row {row}, column '{column}': ")


def test_first_and_last_fiscal_years_are_accepted(raw_dir, tmp_path):
    edit(raw_dir, "contributions", 2, "fiscal_year", "1987")
    edit(raw_dir, "contributions", 3, "fiscal_year", str(last_fiscal_year()))
    assert build(raw_dir, tmp_path / "out")["contributions"] == 12


def test_a_valid_code_missing_from_countries_is_a_reference_problem(raw_dir, tmp_path):
    file = edit(raw_dir, "activity_countries", 4, "iso3", "DEU")
    assert problems_of(raw_dir, tmp_path) == [
        Problem(file, 4, "iso3", "DEU", "not found in countries.iso3")]


def test_an_unknown_code_is_both_malformed_and_unknown(raw_dir, tmp_path):
    edit(raw_dir, "activity_countries", 4, "iso3", "XXX")
    assert [(p.row, p.column, p.value, p.message) for p in problems_of(raw_dir, tmp_path)] == [
        (4, "iso3", "XXX", "not an ISO 3166-1 alpha-3 country code"),
        (4, "iso3", "XXX", "not found in countries.iso3")]


def test_a_lower_case_code_is_not_in_countries(raw_dir, tmp_path):
    file = edit(raw_dir, "activity_countries", 3, "iso3", "civ")
    assert where(problems_of(raw_dir, tmp_path)) == [(Path(file).name, 3, "iso3", "civ")]


def test_source_id_must_name_a_source(raw_dir, tmp_path):
    file = edit(raw_dir, "activities", 5, "source_id", "s_missing")
    assert problems_of(raw_dir, tmp_path) == [
        Problem(file, 5, "source_id", "s_missing", "not found in sources.source_id")]


def test_activity_link_must_name_an_activity(raw_dir, tmp_path):
    file = edit(raw_dir, "activity_countries", 2, "activity_id", "a99")
    assert problems_of(raw_dir, tmp_path) == [
        Problem(file, 2, "activity_id", "a99", "not found in activities.activity_id")]


def test_end_before_start(raw_dir, tmp_path):
    file = edit(raw_dir, "activities", 2, "end_date", "2015-05-10")  # starts 2015-05-11
    assert problems_of(raw_dir, tmp_path) == [
        Problem(file, 2, "end_date", "2015-05-10", "ends before its start_date")]


@pytest.mark.parametrize("start, end", [("2015-05-11", "2015-05"), ("2015-05-11", "2015"),
                                        ("2015-05", "2015-05-01"), ("2015", "2015-01-01"),
                                        ("2015-05-11", "2015-05-11")])
def test_a_partial_end_date_in_the_start_period_is_not_before_it(raw_dir, tmp_path, start, end):
    edit(raw_dir, "activities", 2, "start_date", start)
    edit(raw_dir, "activities", 2, "end_date", end)
    assert build(raw_dir, tmp_path / "out")["activities"] == 7


@pytest.mark.parametrize("start, end", [("2015-05-11", "2015-04"), ("2015-05", "2014")])
def test_a_partial_end_date_before_the_start_period_is_reported(raw_dir, tmp_path, start, end):
    edit(raw_dir, "activities", 2, "start_date", start)
    file = edit(raw_dir, "activities", 2, "end_date", end)
    assert problems_of(raw_dir, tmp_path) == [Problem(file, 2, "end_date", end, "ends before its start_date")]


def test_duplicate_id_names_the_later_row(raw_dir, tmp_path):
    file = edit(raw_dir, "contributions", 5, "contribution_id", "c02")
    assert problems_of(raw_dir, tmp_path) == [Problem(file, 5, "contribution_id", "c02", "duplicate id")]


def test_duplicate_composite_key(raw_dir, tmp_path):
    edit(raw_dir, "activity_countries", 5, "iso3", "JPN")  # a2,THA,beneficiary
    file = edit(raw_dir, "activity_countries", 5, "role", "host")  # = row 4: a2,JPN,host
    assert problems_of(raw_dir, tmp_path) == [
        Problem(file, 5, "activity_id+iso3+role", "a2, JPN, host", "duplicate id")]


def test_missing_header_column(raw_dir, tmp_path):
    path = raw_dir / "activities.csv"
    write_csv(path, read_csv(path).drop(columns=["mode"]))
    assert problems_of(raw_dir, tmp_path) == [
        Problem(str(path), 1, "mode", "", "column missing from the header")]


def test_unknown_header_column(raw_dir, tmp_path):
    path = raw_dir / "sources.csv"
    write_csv(path, read_csv(path).assign(extra="x"))
    assert problems_of(raw_dir, tmp_path) == [Problem(str(path), 1, "extra", "extra", "unknown column")]


def test_every_problem_of_a_run_is_reported_at_once(raw_dir, tmp_path):
    contributions = edit(raw_dir, "contributions", 2, "currency", "EUR")
    edit(raw_dir, "contributions", 3, "amount", "-1")
    edit(raw_dir, "contributions", 9, "fiscal_year", "1900")
    activities = edit(raw_dir, "activities", 3, "start_date", "2016-13")
    links = edit(raw_dir, "activity_countries", 2, "iso3", "ZZZ")
    problems = problems_of(raw_dir, tmp_path)
    assert {(p.file, p.row, p.column, p.value) for p in problems} == {
        (contributions, 2, "currency", "EUR"),
        (contributions, 3, "amount", "-1"),
        (contributions, 9, "fiscal_year", "1900"),
        (activities, 3, "start_date", "2016-13"),
        (links, 2, "iso3", "ZZZ"),
    }
    assert len(problems) == 6  # ZZZ: malformed and not in countries


def test_a_failed_build_leaves_every_parquet_file_as_it_was(raw_dir, tmp_path):
    out = tmp_path / "out"
    build(raw_dir, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) == len(TABLES) + len(db.rollup_names())  # every table and every rollup
    edit(raw_dir, "activities", 2, "title", "A new title")  # a valid change to every table's file...
    edit(raw_dir, "contributions", 2, "amount", "-3")        # ...and one invalid row
    with pytest.raises(ValidationError):
        build(raw_dir, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
