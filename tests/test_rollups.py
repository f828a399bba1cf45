"""The rollup tables (queries/rollups/) and the queries that read them (queries/rollup/):
on the tiny fixture, each rollup query returns exactly the rows its query returns from the
activities themselves, under every filter a rollup can answer."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from fitjp import db
from fitjp.record import build

ROLLUP_QUERIES = sorted(p.stem for p in db.ROLLUP_QUERIES_DIR.glob("*.sql"))
FILTER_STATES = {
    "none": {},
    "with unclear": {"include_unclear": True},
    "years": {"year_from": 2016, "year_to": 2017, "include_undated": False},
    "no year matches": {"year_from": 1990, "year_to": 1995, "include_undated": False},
    "own region": {"regions": ["latin_america_caribbean"]},
    # a6 is an Africa activity; a7 (global) reaches Africa only through Kenya's region
    "region of a country": {"regions": ["africa"]},
    "two regions": {"regions": ["asia_pacific", "africa"], "include_unclear": True},
    "objective": {"objectives": ["ecosystems"]},
    "area and type": {"areas": ["human_resources"], "types": ["workshop", "training_course"]},
    "fund": {"funds": ["global"]},
    "fund unclear": {"funds": ["unclear"]},
}


def raw_and_rollup(con, name: str, params: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    _, names = db.load(name)
    everything = params | {"search": "", "per_objective": 2}
    raw = db.run(con, name, **{k: v for k, v in everything.items() if k in names})
    chosen, chosen_params = db.best_query(name, {k: v for k, v in everything.items() if k in names})
    assert chosen == f"rollup/{name}"
    return raw, db.run(con, chosen, **chosen_params)


def test_there_are_rollup_queries():
    assert {"activities_by_year", "activities_by_country", "activity_totals"} <= set(ROLLUP_QUERIES)


@pytest.mark.parametrize("state", FILTER_STATES)
@pytest.mark.parametrize("name", ROLLUP_QUERIES)
def test_a_rollup_query_returns_what_the_activities_give(con, activity_params, name, state):
    raw, rollup = raw_and_rollup(con, name, activity_params(**FILTER_STATES[state]))
    pd.testing.assert_frame_equal(raw, rollup, check_dtype=False)


def test_the_rollups_count_something_on_the_fixture(con, activity_params):
    """The comparison above is not between two empty results."""
    raw, rollup = raw_and_rollup(con, "activities_by_country", activity_params(include_unclear=True))
    assert rollup.set_index("iso3").activity_count.to_dict() == {"BRA": 2, "CIV": 2, "KEN": 2, "THA": 2}  # JPN only hosts
    totals = raw_and_rollup(con, "activity_totals", activity_params())[1].iloc[0]
    assert (totals.activity_count, totals.national_count) == (6, 2)


def test_a_country_filter_or_a_search_reads_the_activities(activity_params):
    params = activity_params(countries=["KEN", "BRA"])  # one country: queries/one_country/
    assert db.best_query("activities_by_year", params) == ("activities_by_year", params)
    searched = activity_params() | {"search": "kenya"}
    assert db.best_query("activity_match_count", searched)[0] == "activity_match_count"
    assert db.best_query("activity_list", activity_params() | {"search": "", "limit": 5})[0] == "activity_list"


def test_the_build_writes_the_rollups_with_the_tables(raw_dir, tmp_path):
    counts = build.build(raw_dir, tmp_path)
    for name in db.rollup_names():
        written = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert len(written) == counts[name] > 0


def test_an_activity_cube_row_sums_activities_of_one_combination(data_dir):
    cube = pd.read_parquet(data_dir / "activity_cube.parquet")
    assert cube.activity_count.sum() == 7  # every activity of the fixture, once
    a7 = cube[(cube.year == 2019) & (cube.fund == "global")].iloc[0]
    assert (list(a7.country_regions), a7.activity_count, a7.participants) == (
        ["africa", "latin_america_caribbean"], 1, 5)


def test_a_folder_built_without_rollups_gets_them_on_connect(data_dir, tmp_path, activity_params):
    for path in data_dir.glob("*.parquet"):
        if path.stem not in db.rollup_names():
            (tmp_path / path.name).write_bytes(path.read_bytes())
    connection = db.connect(tmp_path)
    rows = db.run_best(connection, "activity_totals", **activity_params())
    assert rows.activity_count.item() == 6


def test_a_derived_file_an_older_build_wrote_is_derived_again_on_connect(data_dir, tmp_path, activity_params):
    """activity_country_lists without its `year` (as builds wrote it before activities were
    stored newest first): the listings must not fail on the missing column."""
    for path in data_dir.glob("*.parquet"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    older = pq.read_table(tmp_path / "activity_country_lists.parquet").drop_columns(["year"])
    pq.write_table(older, tmp_path / "activity_country_lists.parquet")
    listed = db.run_best(db.connect(tmp_path), "activity_list", **activity_params(), search="", limit=100)
    expected = db.run_best(db.connect(data_dir), "activity_list", **activity_params(), search="", limit=100)
    pd.testing.assert_frame_equal(listed, expected)


def test_contributions_are_ranked_in_every_currency_the_dashboard_shows(data_dir):
    from fitjp.record.schema import CURRENCIES
    ranks = pd.read_parquet(data_dir / "contribution_ranks.parquet")
    assert tuple(sorted(ranks.shown_currency.unique())) == tuple(sorted(CURRENCIES))
    per_currency = ranks.groupby("shown_currency").contribution_id.count()
    assert per_currency.nunique() == 1  # every dated figure, once in each currency
