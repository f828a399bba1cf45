"""Rows in (tests/tiny_record.py), exact rows out: the real SQL on tiny Parquet files."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from fitjp import db, results
from fitjp.record import build
from fitjp.filters import Filters

from tiny_record import A1_TITLE, CIV_NAME


def rows(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    """The named columns as plain tuples, NULL as None, so expectations read as literals."""
    out = []
    for values in frame[list(columns)].itertuples(index=False):
        out.append(tuple(None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
                         else (v.item() if hasattr(v, "item") else v) for v in values))
    return out


def contributions(con, currency="CHF", funds=(), year_from=2009, year_to=2013) -> pd.DataFrame:
    return db.run(con, "contributions_by_year", currency=currency, funds=list(funds),
                  year_from=year_from, year_to=year_to)


def activity_ids(con, params: dict, search: str = "") -> list[str]:
    return list(db.run(con, "activity_list", **params, search=search, limit=100).activity_id)


# ---- contributions_by_year: the documented precedence ------------------------------------

def test_contributions_by_year_shows_one_figure_per_year_and_fund_in_chf(con):
    result = contributions(con)
    assert rows(result, "fiscal_year", "fund", "contribution_id", "status", "currency_stated",
                "is_converted", "is_gap", "lacks_rate") == [
        (2009, None, None, None, None, None, True, False),
        (2010, "africa_ldcs", "c05", "stated", "CHF", False, False, False),
        (2010, "asia_pacific", "c01", "executed", "JPY", True, False, False),
        (2011, "combined", "c06", "stated", "CHF", False, False, False),
        (2011, "global", "c12", "stated", "CHF", False, False, False),
        (2012, None, None, None, None, None, True, False),
        (2013, "global", "c10", "stated", "USD", True, False, True),
    ]


def test_executed_figure_beats_a_stated_one_in_the_chosen_currency(con):
    shown = contributions(con).set_index(["fiscal_year", "fund"])
    # c01: executed JPY 100m beats the stated CHF 1.2m and the requested CHF 2m
    assert shown.loc[(2010, "asia_pacific"), "contribution_id"] == "c01"
    assert shown.loc[(2010, "asia_pacific"), "amount_stated"] == 100_000_000
    assert shown.loc[(2010, "asia_pacific"), "amount"] == pytest.approx(1_250_000)  # 100m JPY x 0.0125


@pytest.mark.parametrize("currency, expected", [("CHF", "c05"), ("JPY", "c04"), ("USD", "c04")])
def test_same_status_prefers_the_figure_stated_in_the_chosen_currency(con, currency, expected):
    # c04 is JPY from an official Japanese source, c05 CHF from WIPO: both 'stated'.
    # In USD neither matches and the kind of source decides (official_japan first).
    shown = contributions(con, currency=currency).set_index(["fiscal_year", "fund"])
    assert shown.loc[(2010, "africa_ldcs"), "contribution_id"] == expected


def test_kind_of_source_breaks_a_tie_before_the_row_id(con):
    # c09 (news) and c12 (official_japan) state the same figure: the official one is shown
    shown = contributions(con).set_index(["fiscal_year", "fund"])
    assert shown.loc[(2011, "global"), "contribution_id"] == "c12"


def test_conversion_uses_the_fiscal_years_rate_and_flags_it(con):
    jpy = contributions(con, currency="JPY").set_index(["fiscal_year", "fund"])
    assert jpy.loc[(2010, "asia_pacific"), "amount"] == 100_000_000
    assert not jpy.loc[(2010, "asia_pacific"), "is_converted"]
    assert jpy.loc[(2011, "combined"), "amount"] == pytest.approx(3_000_000 * 80)
    assert jpy.loc[(2011, "combined"), "is_converted"]
    assert jpy.loc[(2011, "combined"), "rate_source_id"] == "ecb"
    usd = contributions(con, currency="USD").set_index(["fiscal_year", "fund"])
    assert usd.loc[(2010, "asia_pacific"), "amount"] == pytest.approx(100_000_000 * 0.0115)


def test_no_rate_gives_a_null_amount_never_a_guess(con):
    chf = contributions(con).set_index(["fiscal_year", "fund"])
    assert pd.isna(chf.loc[(2013, "global"), "amount"])
    assert chf.loc[(2013, "global"), "amount_stated"] == 400_000
    assert chf.loc[(2013, "global"), "lacks_rate"]
    # in its own currency the same row needs no rate
    usd = contributions(con, currency="USD").set_index(["fiscal_year", "fund"])
    assert usd.loc[(2013, "global"), "amount"] == 400_000
    assert not usd.loc[(2013, "global"), "lacks_rate"]


def test_cumulative_sum_counts_each_year_once(con):
    # every row of a year carries that year's running total, however many funds it shows
    result = contributions(con)
    assert rows(result, "fiscal_year", "cumulative_documented") == [
        (2009, None),                                   # nothing documented yet
        (2010, 1_850_000), (2010, 1_850_000),           # 1.25m (converted) + 0.6m
        (2011, 5_350_000), (2011, 5_350_000),           # + 3m combined + 0.5m global
        (2012, 5_350_000),                              # gap: nothing added
        (2013, 5_350_000),                              # no rate: nothing added
    ]


@pytest.mark.parametrize("funds, expected_2011", [
    ((), [("combined", "c06"), ("global", "c12")]),
    (("asia_pacific", "africa_ldcs"), [("combined", "c06")]),
    (("asia_pacific", "africa_ldcs", "global"), [("combined", "c06"), ("global", "c12")]),
    (("asia_pacific",), [("asia_pacific", "c07")]),
    (("africa_ldcs", "global"), [("africa_ldcs", "c08"), ("global", "c12")]),
])
def test_combined_line_displaces_regional_rows_only_when_both_are_selected(con, funds, expected_2011):
    result = contributions(con, funds=funds, year_from=2011, year_to=2011)
    assert rows(result, "fund", "contribution_id") == expected_2011


def test_a_year_without_a_figure_for_the_selected_funds_is_a_gap(con):
    result = contributions(con, funds=("global",), year_from=2010, year_to=2011)
    assert rows(result, "fiscal_year", "fund", "is_gap", "cumulative_documented") == [
        (2010, None, True, None), (2011, "global", False, 500_000)]


# ---- contribution_candidates ---------------------------------------------------------------

def test_contribution_candidates_rank_displace_and_mark_contradictions(con):
    result = db.run(con, "contribution_candidates", currency="CHF")
    assert rows(result, "fiscal_year", "fund", "contribution_id", "is_shown", "is_displaced",
                "is_contradiction") == [
        (2010, "africa_ldcs", "c05", True, False, True),
        (2010, "africa_ldcs", "c04", False, False, True),
        (2010, "asia_pacific", "c01", True, False, True),
        (2010, "asia_pacific", "c02", False, False, True),
        (2010, "asia_pacific", "c03", False, False, True),
        (2011, "africa_ldcs", "c08", False, True, False),
        (2011, "asia_pacific", "c07", False, True, False),
        (2011, "combined", "c06", True, False, False),
        (2011, "global", "c12", True, False, False),  # same figure twice: no contradiction
        (2011, "global", "c09", False, False, False),
        (2013, "global", "c10", True, False, False),
    ]
    assert "c11" not in set(result.contribution_id)  # no fiscal year: not a candidate


def test_undated_contributions_lists_only_rows_without_a_year(con):
    result = db.run(con, "undated_contributions")
    assert rows(result, "fund", "amount", "currency") == [("asia_pacific", 46_330_000, "JPY")]


# ---- the activity filters ------------------------------------------------------------------

def test_default_filters_show_dated_and_undated_activities_with_a_named_fund(con, activity_params):
    # a3 ('unclear' fund) is hidden by default; a4 has no year and shows with the full range
    assert activity_ids(con, activity_params()) == ["a7", "a5", "a6", "a2", "a1", "a4"]


@pytest.mark.parametrize("overrides, expected", [
    ({"regions": ["africa"]}, {"a1", "a6", "a7"}),  # a7 is 'global' but involves Kenya
    ({"regions": ["asia_pacific"]}, {"a2"}),
    ({"regions": ["latin_america_caribbean"]}, {"a5", "a7"}),
    ({"regions": ["global"]}, {"a4", "a7"}),
    ({"countries": ["CIV"]}, {"a1", "a6"}),
    ({"countries": ["CIV", "BRA"]}, {"a1", "a5", "a6", "a7"}),
    ({"countries": ["JPN"]}, {"a2", "a7"}),
    ({"objectives": ["sdgs"]}, {"a6"}),
    ({"objectives": ["ecosystems"]}, {"a1", "a2", "a5", "a7"}),
    ({"areas": ["branding"]}, {"a5"}),
    ({"types": ["workshop", "conference"]}, {"a1", "a6"}),
    ({"funds": ["africa_ldcs"]}, {"a1", "a6"}),
    ({"funds": ["global"]}, {"a4", "a5", "a7"}),
    ({"include_unclear": True}, {"a1", "a2", "a3", "a4", "a5", "a6", "a7"}),
    ({"funds": ["asia_pacific"], "include_unclear": True}, {"a2", "a3"}),
    ({"funds": ["asia_pacific"]}, {"a2"}),
    ({"year_from": 2016, "year_to": 2017, "include_undated": False}, {"a2", "a6"}),
    ({"year_from": 2016, "year_to": 2017, "include_undated": True}, {"a2", "a4", "a6"}),
    ({"regions": ["africa"], "types": ["conference"]}, {"a6"}),
    ({"countries": ["FRA"]}, set()),
])
def test_activity_filters(con, activity_params, overrides, expected):
    assert set(activity_ids(con, activity_params(**overrides))) == expected


def test_a_chosen_end_year_excludes_undated_activities(con):
    params = Filters(year_to=date.today().year).activity_params()
    assert params["include_undated"] is False
    assert set(activity_ids(con, params)) == {"a1", "a2", "a5", "a6", "a7"}


def test_activities_by_country_counts_hosts_except_japan_and_switzerland(con, activity_params):
    result = db.run(con, "activities_by_country", **activity_params())
    assert rows(result, "iso3", "name_en", "activity_count", "national_count", "national_participants") == [
        ("BRA", "Brazil", 2, 1, None),
        ("CIV", CIV_NAME, 2, 1, 30),
        ("KEN", "Kenya", 2, 0, None),
        ("THA", "Thailand", 1, 0, None),
    ]


def test_activities_by_country_with_unclear_fund(con, activity_params):
    result = db.run(con, "activities_by_country", **activity_params(include_unclear=True)).set_index("iso3")
    assert result.loc["THA", "activity_count"] == 2
    assert result.loc["THA", "national_participants"] == 10


def test_activity_totals(con, activity_params):
    totals = db.run(con, "activity_totals", **activity_params()).iloc[0]
    assert (totals.activity_count, totals.first_year, totals.last_year,
            totals.participants) == (6, 2015, 2019, 30 + 20 + 50 + 5)
    assert len(db.run(con, "activities_by_country", **activity_params())) == 4  # the countries reached


def test_activities_by_year_skips_undated(con, activity_params):
    result = db.run(con, "activities_by_year", **activity_params(include_unclear=True))
    assert rows(result, "year", "activity_count", "participants") == [
        (2015, 1, 30), (2016, 2, 30), (2017, 1, 50), (2018, 1, None), (2019, 1, 5)]


def test_activities_by_objective_in_the_funds_order(con, activity_params):
    result = db.run(con, "activities_by_objective", **activity_params())
    assert rows(result, "objective", "programme_area", "activity_count") == [
        ("ecosystems", "human_resources", 2), ("ecosystems", "branding", 1),
        ("ecosystems", "ip_office_modernization", 1), ("understanding", "public_awareness", 1),
        ("sdgs", "sdgs", 1)]


def test_activities_by_un_region_counts_an_activity_once_per_region(con, activity_params):
    result = db.run(con, "activities_by_un_region_year", **activity_params())
    assert rows(result, "year", "region", "activity_count") == [
        (2015, "Africa", 1), (2016, "Asia", 1), (2017, "Africa", 1), (2017, "Europe", 1),
        (2018, "Americas", 1), (2019, "Africa", 1), (2019, "Americas", 1), (2019, "Asia", 1)]


def test_multi_country_activities_are_the_non_national_ones(con, activity_params):
    result = db.run(con, "multi_country_activities", **activity_params())
    assert list(result.activity_id) == ["a7", "a6", "a2", "a4"]


# ---- activity_list ---------------------------------------------------------------------------

def test_activity_list_row_carries_countries_and_source(con, activity_params):
    result = db.run(con, "activity_list", **activity_params(), search="", limit=100).set_index("activity_id")
    a6 = result.loc["a6"]
    assert (a6.hosts, a6.beneficiaries, a6.iso3_codes) == ("Switzerland", f"{CIV_NAME}; Kenya", "CHE,CIV,KEN")
    assert (a6.objective, a6.source_title, a6.source_url) == ("sdgs", "WIPO report", "https://www.wipo.int/r")
    assert result.loc["a1", "title"] == A1_TITLE
    assert pd.isna(result.loc["a4", "hosts"])


@pytest.mark.parametrize("search, expected", [
    ("côte", {"a1", "a6"}),          # in the country names only, not the titles
    ("CÔTE D'IVOIRE", {"a1", "a6"}),
    ("d'Ivoire", {"a1", "a6"}),      # a quote is a value, bound not spliced
    ("women's", {"a1"}),
    ("知財", {"a1"}),
    ("KENYA", {"a6", "a7"}),         # a country name, and beneficiaries as stated ("Kenyan")
    ("asian countries", {"a2"}),     # beneficiaries as stated
    ("switzerland", {"a6"}),         # a host
    ("no such thing", set()),
    ("", {"a1", "a2", "a4", "a5", "a6", "a7"}),
])
def test_activity_list_search_is_case_insensitive(con, activity_params, search, expected):
    assert set(activity_ids(con, activity_params(), search)) == expected


@pytest.mark.parametrize("per_objective", [1, 2, 6])
@pytest.mark.parametrize("overrides", [{}, {"funds": ["africa_ldcs"]}, {"year_from": 2015}])
def test_objective_examples_are_each_objectives_newest_in_the_lists_order(con, activity_params, per_objective,
                                                                        overrides):
    params = activity_params(**overrides)
    listed = db.run(con, "activity_list", **params, search="", limit=1000)
    expected = listed.groupby("objective", sort=True).head(per_objective)
    for examples in objective_examples_both_ways(con, params, per_objective):
        assert list(zip(examples.objective, examples.activity_id)) == \
            sorted(zip(expected.objective, expected.activity_id), key=lambda pair: pair[0])
        assert list(examples.source_url) == list(expected.sort_values("objective", kind="stable").source_url)


def objective_examples_both_ways(connection, params: dict, per_objective: int) -> list[pd.DataFrame]:
    """Every year read, and as the app runs it: only the years from objective_examples_from's bound."""
    return [db.run(connection, "objective_examples", **params, per_objective=per_objective, newest_from=None),
            db.run_best(connection, "objective_examples", **params, per_objective=per_objective)]


@pytest.mark.parametrize("per_objective", [1, 6, 40])
@pytest.mark.parametrize("overrides", [{}, {"include_unclear": True}, {"year_from": 2019, "include_undated": False},
                                       {"regions": ["africa"]}, {"countries": ["KEN"]}, {"countries": ["KEN", "TZA"]}])
def test_objective_examples_on_the_shipped_record(shipped, per_objective, overrides):
    """Many activities share a year there: ranking only those from an objective's n-th newest
    year on (the query's cut) must keep every tie, and undated ones when too few are dated."""
    params = Filters().activity_params() | overrides
    listed = db.run(shipped, "activity_list", **params, search="", limit=10_000)
    expected = listed.groupby("objective", sort=True).head(per_objective)
    for examples in objective_examples_both_ways(shipped, params, per_objective):
        assert len(examples) > 0
        assert list(zip(examples.objective, examples.activity_id)) == \
            sorted(zip(expected.objective, expected.activity_id), key=lambda pair: pair[0])


@pytest.mark.parametrize("overrides", [{}, {"include_unclear": True}, {"countries": ["KEN"]}, {"year_from": 2019}])
def test_objective_examples_from_is_the_oldest_year_an_objective_needs(shipped, overrides):
    params = Filters().activity_params() | overrides
    listed = db.run(shipped, "activity_list", **params, search="", limit=10_000)
    newest = listed.groupby("objective").head(6).groupby("objective").year
    bound = db.run_best(shipped, "objective_examples_from", **params, per_objective=6).newest_from.item()
    if newest.count().lt(6).any():  # an objective with fewer dated ones: its undated ones are examples too
        assert pd.isna(bound)
    else:
        assert bound == newest.min().min()


def test_activity_list_search_respects_filters_and_limit(con, activity_params):
    assert activity_ids(con, activity_params(funds=["africa_ldcs"]), "kenya") == ["a6"]
    limited = db.run(con, "activity_list", **activity_params(), search="", limit=2)
    assert list(limited.activity_id) == ["a7", "a5"]


def test_activity_pages_follow_each_other_in_the_list_order(con, activity_params):
    whole = activity_ids(con, activity_params())
    page = lambda offset: list(db.run(con, "activity_page", **activity_params(), search="", limit=4,
                                      offset=offset).activity_id)
    assert page(0) + page(4) == whole == ["a7", "a5", "a6", "a2", "a1", "a4"]
    assert page(8) == []


def test_an_activity_page_has_the_columns_of_the_list(con, activity_params):
    listed = db.run(con, "activity_list", **activity_params(), search="", limit=2)
    paged = db.run(con, "activity_page", **activity_params(), search="", limit=2, offset=0)
    pd.testing.assert_frame_equal(listed, paged)


@pytest.mark.parametrize("search, expected", [("", 6), ("kenya", 2), ("côte", 2), ("no such thing", 0)])
def test_activity_match_count_counts_what_the_list_lists(con, activity_params, search, expected):
    count = db.run(con, "activity_match_count", **activity_params(), search=search).activity_count.item()
    assert count == expected == len(activity_ids(con, activity_params(), search))


@pytest.mark.parametrize("name, extra", [
    ("activity_list", {"search": "", "limit": 100}), ("activity_list", {"search": "kenya", "limit": 1}),
    ("activity_page", {"search": "", "limit": 3, "offset": 1}), ("multi_country_table", {"limit": 100}),
    ("multi_country_table", {"limit": 1})])
@pytest.mark.parametrize("overrides", [{}, {"include_unclear": True}, {"countries": ["KEN"]}])
def test_a_listing_in_two_steps_returns_what_its_query_returns(con, activity_params, name, extra, overrides):
    params = activity_params(**overrides) | extra
    one_statement = db.run(con, name, **params)
    assert len(one_statement) > 0
    pd.testing.assert_frame_equal(db.run_best(con, name, **params), one_statement)


def test_every_page_of_the_shipped_list_reads_its_rows_back_by_their_years(shipped):
    """The second step reads only the years its ids span (activities are stored newest first):
    every page, the undated ones at the end included, comes back whole and in order."""
    params = Filters(include_unclear=True).activity_params() | {"search": ""}
    total = db.run(shipped, "activity_match_count", **params).activity_count.item()
    params["limit"] = 10
    undated_pages = 0
    for offset in range(0, total, 10):
        one_statement = db.run(shipped, "activity_page", **params, offset=offset)
        assert len(one_statement) == min(10, total - offset)
        pd.testing.assert_frame_equal(db.run_best(shipped, "activity_page", **params, offset=offset), one_statement)
        undated_pages += one_statement.year.isna().any()
    assert undated_pages >= 1


def test_the_build_stores_activities_newest_first(tmp_path):
    build.build(db.ROOT / "data" / "raw", tmp_path)
    years = pd.read_parquet(tmp_path / "activities.parquet").year
    assert years.isna().sum() and years.dropna().is_monotonic_decreasing and years.tail(1).isna().all()


def test_a_search_with_sql_in_it_is_only_text(con, activity_params):
    hostile = "x') or 1=1; drop view activities; --"
    assert activity_ids(con, activity_params(), hostile) == []
    assert len(db.run(con, "activity_list", **activity_params(), search="", limit=100)) == 6


# ---- countries ---------------------------------------------------------------------------

@pytest.mark.parametrize("today, is_ldc", [
    ("1989-12-31", False), ("1990-01-01", True), ("2000-01-01", True), ("2010-05-31", True),
    ("2010-06-01", False), ("2024-01-01", False)])
def test_country_profile_ldc_status_on_a_given_day(con, today, is_ldc):
    result = db.run(con, "country_profile", iso3="CIV", today=today)
    assert rows(result, "iso3", "name_en", "wipo_region", "un_region", "un_subregion", "is_ldc_now") == [
        ("CIV", CIV_NAME, "africa", "Africa", "Sub-Saharan Africa", is_ldc)]


@pytest.mark.parametrize("today, status", [("1989-12-31", "not_ldc"), ("2000-01-01", "ldc_now"),
                                           ("2024-01-01", "ldc_former")])
def test_country_profile_names_former_ldcs(con, today, status):
    assert db.run(con, "country_profile", iso3="CIV", today=today).ldc_status.item() == status


def test_country_profile_of_an_open_ended_ldc_period(con):
    assert db.run(con, "country_profile", iso3="KEN", today="2024-01-01").is_ldc_now.item() is True
    assert db.run(con, "country_profile", iso3="KEN", today="1991-11-30").is_ldc_now.item() is False


def test_country_profile_of_an_unknown_code_is_empty(con):
    assert db.run(con, "country_profile", iso3="XXX", today="2024-01-01").empty


def test_ldc_periods(con):
    result = db.run(con, "ldc_periods", iso3="CIV")
    assert rows(result, "ldc_from", "ldc_until", "source_title") == [("1990", "2010-06-01", "Country codes")]


def test_countries_list_counts_activities_of_any_fund(con):
    result = db.run(con, "countries_list")
    assert rows(result, "iso3", "activity_count") == [
        ("BRA", 2), ("CIV", 2), ("FRA", 0), ("JPN", 2), ("KEN", 2), ("CHE", 1), ("THA", 2)]


# ---- coverage, facts, sources --------------------------------------------------------------

def test_coverage_by_year(con):
    result = db.run(con, "coverage_by_year", year_to=2019)
    assert list(result.year) == list(range(1987, 2020))
    by_year = result.set_index("year")
    columns = ["contribution_rows", "funds", "currencies", "statuses", "activity_count", "fund_named_count"]
    assert rows(by_year.loc[[2010, 2011, 2012, 2013, 2016]].reset_index(), "year", *columns) == [
        (2010, 5, "africa_ldcs, asia_pacific", "CHF, JPY", "executed, requested, stated", 0, 0),
        (2011, 5, "africa_ldcs, asia_pacific, combined, global", "CHF", "stated", 0, 0),
        (2012, 0, None, None, None, 0, 0),
        (2013, 1, "global", "USD", "stated", 0, 0),
        (2016, 0, None, None, None, 2, 1),
    ]
    assert result.contribution_rows.sum() == 11  # the undated row has no year to count under
    assert result.activity_count.sum() == 6


def test_cumulative_statements_only_in_the_chosen_currency(con):
    chf = db.run(con, "cumulative_statements", currency="CHF", year_from=1987, year_to=2026)
    assert rows(chf, "fact_id", "fiscal_year", "amount") == [("f1", 2011, 50_000_000), ("f2", 2013, 60_000_000)]
    assert db.run(con, "cumulative_statements", currency="JPY", year_from=1987, year_to=2026).empty


def test_cumulative_statements_outside_the_years_are_left_out(con):
    early = db.run(con, "cumulative_statements", currency="CHF", year_from=1987, year_to=2012)
    assert rows(early, "fact_id") == [("f1",)]
    latest = db.run(con, "latest_cumulative_statement", currency="CHF")
    assert rows(latest, "amount", "source_title") == [(60_000_000, "JPO budget")]


@pytest.mark.parametrize("include_context, expected", [(False, ["f3", "f1", "f2"]),
                                                       (True, ["f4", "f3", "f1", "f2"])])
def test_facts_list_hides_context_rows_unless_asked(con, include_context, expected):
    result = db.run(con, "facts_list", include_context=include_context)
    assert list(result.fact_id) == expected


def test_sources_list_counts_citations(con):
    result = db.run(con, "sources_list").set_index("source_id")
    assert result.loc["s_wipo", ["contribution_rows", "fact_rows", "activity_rows"]].tolist() == [5, 2, 7]
    assert result.loc["ref", "rows_citing"] == 7 + 2
    assert result.loc["ecb", "rows_citing"] == 12


def test_fx_rate_source_and_record_span(con):
    assert rows(db.run(con, "fx_rate_source"), "title", "first_year", "last_year") == [("ECB rates", 2010, 2011)]
    assert rows(db.run(con, "record_span"), "first_year", "last_year") == [(2010, 2013)]


# ---- db.run binds exactly the parameters a query names -------------------------------------

def test_run_refuses_a_missing_parameter(con):
    with pytest.raises(TypeError, match=r"missing parameters \['today'\]"):
        db.run(con, "country_profile", iso3="CIV")


def test_run_refuses_an_extra_parameter(con):
    with pytest.raises(TypeError, match=r"unexpected \['currency'\]"):
        db.run(con, "country_profile", iso3="CIV", today="2024-01-01", currency="CHF")


def test_run_refuses_an_unknown_query(con):
    with pytest.raises(KeyError):
        db.run(con, "no_such_query")


def test_a_value_with_quotes_is_bound_not_spliced(con):
    # spliced into SQL text, this value would be a syntax error or match every row
    assert db.run(con, "country_profile", iso3="CIV' or '1'='1", today="2024-01-01").empty
    assert db.run(con, "ldc_periods", iso3="'; drop view countries; --").empty
    assert len(db.run(con, "countries_list")) == 7


# ---- every query on the shipped data -------------------------------------------------------

QUERIES = sorted(p.stem for p in db.QUERIES_DIR.glob("*.sql")) + \
    sorted(f"{folder.name}/{p.stem}" for folder in db.VARIANT_DIRS for p in folder.glob("*.sql"))


def default_params() -> dict:
    shipped = pd.read_parquet(db.ROOT / "data" / "activities.parquet", columns=["activity_id", "year"])
    return Filters().activity_params() | db.rows_of(shipped.head(5)) | {
        "currency": "CHF", "search": "", "limit": 50, "offset": 0, "per_objective": 6, "iso3": "AFG", "country": "KEN",
        "today": date.today().isoformat(), "include_context": True, "newest_from": None,
        "metrics": list(results.METRICS)}


def test_there_are_queries_to_run():
    assert "contributions_by_year" in QUERIES and "activity_list" in QUERIES


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_runs_on_the_shipped_data(shipped, name):
    _, names = db.load(name)
    params = default_params()
    assert names <= params.keys(), f"no default for {sorted(names - params.keys())}"
    result = db.run(shipped, name, **{k: params[k] for k in names})
    assert len(result.columns) > 0
    assert len(result) > 0, f"{name} returned no rows on the shipped data"
