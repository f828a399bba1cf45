"""The unsearched forms of the listing queries (queries/unsearched/, fitjp/db.py best_query):
with no search, each returns exactly the rows its query returns, under every filter, the
country filter included (which the rollups cannot answer)."""

from __future__ import annotations

import pandas as pd
import pytest

from fitjp import db
from test_rollups import FILTER_STATES

UNSEARCHED = sorted(p.stem for p in (db.QUERIES_DIR / "unsearched").glob("*.sql"))
STATES = FILTER_STATES | {"a country": {"countries": ["KEN"]}, "countries and a fund": {
    "countries": ["CIV", "BRA"], "funds": ["global", "africa_ldcs"]}}
EXTRA = {"search": "", "limit": 3, "offset": 1}


def test_the_listings_have_unsearched_forms():
    assert {"activity_list_ids", "activity_page_ids", "activity_match_count"} <= set(UNSEARCHED)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("name", UNSEARCHED)
def test_an_unsearched_form_returns_what_its_query_returns(con, activity_params, name, state):
    _, names = db.load(name)
    params = {k: v for k, v in (activity_params(**STATES[state]) | EXTRA).items() if k in names}
    chosen, chosen_params = db.best_query(name, params)
    assert chosen.split("/")[0] in ("unsearched", "rollup", "one_country")
    unsearched = db.run(con, f"unsearched/{name}", **{k: v for k, v in params.items()
                                                      if k in db.load(f"unsearched/{name}")[1]})
    pd.testing.assert_frame_equal(db.run(con, name, **params), unsearched, check_dtype=False)


def test_the_comparison_is_not_between_empty_results(con, activity_params):
    kenya = db.run(con, "unsearched/activity_list_ids", **activity_params(countries=["KEN"]), limit=10)
    assert list(kenya.activity_id) == ["a7", "a6"]


def test_a_search_or_a_country_filter_chooses_the_form_that_answers_it(activity_params):
    assert db.best_query("activity_match_count", activity_params(countries=["KEN", "BRA"]) | {"search": ""})[0] == \
        "unsearched/activity_match_count"
    assert db.best_query("activity_match_count", activity_params(countries=["KEN"]) | {"search": ""})[0] == \
        "one_country/activity_match_count"
    assert db.best_query("activity_match_count", activity_params() | {"search": ""})[0] == "rollup/activity_match_count"
    assert db.best_query("activity_list_ids", activity_params() | {"search": "kenya", "limit": 5})[0] == \
        "activity_list_ids"
