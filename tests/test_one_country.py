"""The one-country forms (queries/one_country/, fitjp/db.py best_query): with one country
filtered and no search, each returns exactly the rows its query returns from the activities,
for every country of the shipped record and under every filter state of the rollup tests."""

from __future__ import annotations

import pandas as pd
import pytest

from fitjp import db
from fitjp.filters import Filters
from test_rollups import FILTER_STATES

ONE_COUNTRY = sorted(p.stem for p in (db.QUERIES_DIR / "one_country").glob("*.sql"))
EXTRA = {"search": "", "limit": 1000, "offset": 0, "per_objective": 6}  # every row of a country, in order


def both(connection, name: str, params: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What the query gives from the activities, and what the form best_query chose gives."""
    _, names = db.load(name)
    params = {k: v for k, v in (params | EXTRA).items() if k in names}
    chosen, chosen_params = db.best_query(name, params)
    assert chosen == f"one_country/{name}"
    return db.run(connection, name, **params), db.run(connection, chosen, **chosen_params)


def test_the_country_pages_queries_have_one_country_forms():
    assert {"activity_totals", "activities_by_year", "activities_by_type", "activity_list_ids",
            "activity_page_ids", "activity_match_count"} <= set(ONE_COUNTRY)


def test_two_countries_or_a_search_read_the_activities(activity_params):
    assert db.best_query("activities_by_year", activity_params(countries=["KEN", "BRA"]))[0] == "activities_by_year"
    searched = activity_params(countries=["KEN"]) | {"search": "kenya"}
    assert db.best_query("activity_match_count", searched)[0] == "activity_match_count"


@pytest.mark.parametrize("state", FILTER_STATES)
@pytest.mark.parametrize("name", ONE_COUNTRY)
@pytest.mark.parametrize("country", ["KEN", "JPN", "CIV", "ZZZ"])  # linked as beneficiary, as host only, both; none
def test_a_one_country_form_returns_what_its_query_returns(con, activity_params, name, state, country):
    raw, form = both(con, name, activity_params(**FILTER_STATES[state], countries=[country]))
    pd.testing.assert_frame_equal(raw, form, check_dtype=False)


def shipped_countries() -> list[str]:
    links = pd.read_parquet(db.ROOT / "data" / "activity_countries.parquet", columns=["iso3"])
    return sorted(links.iso3.unique())


@pytest.mark.parametrize("name", ONE_COUNTRY)
def test_every_shipped_country_gets_the_same_rows(shipped, name):
    """Every country the record links, with every fund and undated activities in: the
    widest view of each, so every link is compared."""
    differing = []
    for iso3 in shipped_countries():
        params = Filters(countries=(iso3,), include_unclear=True).activity_params() | {"include_undated": True}
        raw, form = both(shipped, name, params)
        if not raw.reset_index(drop=True).equals(form.astype(raw.dtypes.to_dict()).reset_index(drop=True)):
            differing.append(iso3)
    assert not differing, f"{name}: differs for {differing}"


def test_the_comparison_is_not_between_empty_results(shipped):
    kenya = Filters(countries=("KEN",)).activity_params()
    assert db.run_best(shipped, "activity_totals", **kenya).activity_count.item() > 5
    assert len(db.run_best(shipped, "activity_list_ids", **kenya, search="", limit=1000)) > 5


def test_the_build_writes_country_activities_sorted_by_country(tmp_path):
    """So a question about one country reads its row groups alone."""
    from fitjp.record import build
    build.build(db.ROOT / "data" / "raw", tmp_path)
    iso3 = pd.read_parquet(tmp_path / "country_activities.parquet", columns=["iso3"]).iso3
    assert iso3.is_monotonic_increasing and iso3.nunique() == len(shipped_countries())


def test_compare_counts_every_country_as_its_profile_does_from_the_activities(shipped):
    """Compare reads country_activities too (macros/filtered_compared.sql): with no list it
    compares every country, each counted as filtered_activities counts it."""
    params = Filters(include_unclear=True).activity_params() | {"include_undated": True}
    compared = db.run(shipped, "compare_totals", **params, today="2026-01-01").set_index("iso3")
    for iso3 in shipped_countries():
        profile = db.run(shipped, "activity_totals", **params | {"countries": [iso3]}).iloc[0]
        assert (compared.activity_count[iso3], compared.national_count[iso3]) == \
            (profile.activity_count, profile.national_count), iso3
