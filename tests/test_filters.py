"""Filters to and from the URL: a link reopens the view exactly; anything invalid is dropped
and reported."""

from __future__ import annotations

from dataclasses import replace

import pytest

from fitjp.filters import Filters, active_filters, current_year, from_query_params
from fitjp.record.schema import FIRST_FISCAL_YEAR, last_fiscal_year

EVERYTHING = Filters(year_from=2005, year_to=2015, regions=("africa", "global"), countries=("CIV", "KEN"),
                     objectives=("sdgs",), areas=("branding", "human_resources"), types=("workshop",),
                     funds=("africa_ldcs", "global"), currency="JPY", include_unclear=True)


@pytest.mark.parametrize("filters", [
    EVERYTHING,
    Filters(countries=("CIV",)),
    Filters(year_from=2010),
    Filters(year_to=2012),
    Filters(currency="USD"),
    Filters(include_unclear=True),
    Filters(funds=("asia_pacific", "africa_ldcs")),
])
def test_url_round_trip(filters):
    assert from_query_params(filters.to_query_params()) == (filters, [])


def test_url_names_and_values():
    assert EVERYTHING.to_query_params() == {
        "from": "2005", "to": "2015", "region": "africa,global", "country": "CIV,KEN", "objective": "sdgs",
        "area": "branding,human_resources", "type": "workshop", "fund": "africa_ldcs,global",
        "currency": "JPY", "unclear": "1"}


def test_defaults_give_no_params():
    assert Filters().to_query_params() == {}
    assert from_query_params({}) == (Filters(), [])
    assert Filters().is_default and active_filters(Filters()) == []


def test_streamlit_lists_use_the_last_value():
    # st.query_params.get_all returns a list per key
    filters, ignored = from_query_params({"country": ["KEN", "CIV,BRA"], "from": ["2001"]})
    assert (filters.countries, filters.year_from, ignored) == (("CIV", "BRA"), 2001, [])


def test_invalid_values_are_ignored_and_reported():
    filters, ignored = from_query_params({"region": "mars,africa", "country": "XXX,civ", "from": "1900",
                                          "currency": "EUR", "type": "party", "unclear": "maybe"})
    assert filters == Filters(regions=("africa",), countries=("CIV",))
    assert ignored == [("from", "1900"), ("region", "mars"), ("country", "XXX"), ("type", "party"),
                       ("currency", "EUR"), ("unclear", "maybe")]


@pytest.mark.parametrize("key, value", [
    ("from", "1986"), ("from", str(last_fiscal_year() + 1)), ("to", "20x0"), ("to", "-2010"), ("to", ""),
    ("fund", "unclear"), ("fund", "combined"), ("objective", "Sdgs"), ("area", "pct"), ("country", "FR"),
])
def test_each_invalid_value_is_reported(key, value):
    filters, ignored = from_query_params({key: value})
    assert filters == Filters()
    assert ignored == [(key, value)]


def test_year_bounds_are_accepted():
    filters, ignored = from_query_params({"from": str(FIRST_FISCAL_YEAR + 1), "to": str(last_fiscal_year())})
    assert (filters.year_from, filters.year_to, ignored) == (FIRST_FISCAL_YEAR + 1, last_fiscal_year(), [])


def test_lower_case_codes_and_currency_are_accepted_without_repeats():
    filters, ignored = from_query_params({"country": " civ, Ken ,CIV", "currency": "usd", "unclear": "true"})
    assert (filters.countries, filters.currency, filters.include_unclear, ignored) == (
        ("CIV", "KEN"), "USD", True, [])


def test_from_after_to_resets_from():
    filters, ignored = from_query_params({"from": "2015", "to": "2010"})
    assert (filters.year_from, filters.year_to) == (FIRST_FISCAL_YEAR, 2010)
    assert ignored == [("from", "2015")]


def test_activity_params_follow_the_year_range():
    default = Filters().activity_params()
    assert (default["year_from"], default["year_to"], default["include_undated"]) == (
        FIRST_FISCAL_YEAR, current_year(), True)
    assert Filters(year_from=2000).activity_params()["include_undated"] is False
    assert Filters(year_to=current_year()).activity_params()["include_undated"] is False
    params = replace(EVERYTHING, year_to=0).activity_params()
    assert params["countries"] == ["CIV", "KEN"] and params["year_to"] == current_year()
    assert params["include_unclear"] is True


# ---- a page's own URL choices: the map's metric and zoom -----------------------------------------

def test_a_page_choice_from_the_url_is_kept_when_valid_and_reported_when_not():
    from fitjp.filters import MAP_METRICS, page_choice

    assert page_choice(["participants"], MAP_METRICS) == ("participants", None)
    assert page_choice("activities", MAP_METRICS) == ("activities", None)
    assert page_choice(["<b>x</b>"], MAP_METRICS) == (None, "<b>x</b>")
    assert page_choice(["national_participants"], MAP_METRICS) == (None, "national_participants")  # a column is no URL value
    assert page_choice([], MAP_METRICS) == (None, None) and page_choice([""], MAP_METRICS) == (None, None)
    assert page_choice(None, MAP_METRICS) == (None, None)


def test_the_map_zooms_to_every_region_it_has_bounds_for():
    from fitjp.charts import REGION_BOUNDS
    from fitjp.filters import MAP_ZOOMS

    assert set(MAP_ZOOMS) == set(REGION_BOUNDS)
