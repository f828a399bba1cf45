"""Country names as the fund's documents write them, the aliases a reader may type, and a
search that finds what each country's profile counts."""

from __future__ import annotations

import sys

import pandas as pd
import pycountry
import pytest
from babel import Locale

from fitjp import db
from fitjp.countries import (ALIASES, UN_NAMES, aliases, display_name, folded, localized_territory,
                             resolve_country_name)
from fitjp.filters import Filters
from fitjp.settings import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from seed_from_reference import name_countries  # noqa: E402


# ---- names -------------------------------------------------------------------------------

@pytest.mark.parametrize("iso3, name", [
    ("VNM", "Viet Nam"), ("LAO", "Lao People's Democratic Republic"), ("TUR", "Türkiye"),
    ("CIV", "Côte d'Ivoire"), ("KOR", "Republic of Korea"), ("IRN", "Iran (Islamic Republic of)"),
    ("TZA", "United Republic of Tanzania"), ("BOL", "Bolivia (Plurinational State of)"),
    ("COD", "Democratic Republic of the Congo"), ("PRK", "Democratic People's Republic of Korea"),
    ("CPV", "Cabo Verde"), ("SWZ", "Eswatini"), ("KEN", "Kenya"),
])
def test_display_names_are_un_terminology(iso3, name):
    assert display_name(iso3) == name


@pytest.mark.parametrize("iso3, alias", [
    ("VNM", "Vietnam"), ("LAO", "Laos"), ("LAO", "Lao PDR"), ("TUR", "Turkey"), ("CIV", "Ivory Coast"),
    ("KOR", "South Korea"), ("TZA", "Tanzania"), ("BOL", "Bolivia"), ("IRN", "Iran"), ("CPV", "Cape Verde"),
])
def test_common_names_are_kept_as_aliases(iso3, alias):
    assert alias in aliases(iso3)
    assert resolve_country_name(alias) == iso3


def test_no_alias_repeats_the_name_once_accents_and_apostrophes_are_folded():
    assert resolve_country_name("Cote d’Ivoire") == "CIV"  # CLDR's spelling, still resolved...
    assert aliases("CIV") == ["Ivory Coast"]  # ...but not listed: the search folds it to the name


def test_every_extra_alias_is_needed():
    """ALIASES lists only names that pycountry and CLDR do not already give."""
    for name, iso3 in ALIASES.items():
        country = pycountry.countries.get(alpha_3=iso3)
        given = [display_name(iso3), country.name, getattr(country, "common_name", ""),
                 Locale("en").territories[country.alpha_2]]
        assert folded(name) not in map(folded, given), name
        assert name in aliases(iso3)


def test_no_alias_names_two_countries():
    shipped = pd.read_csv(ROOT / "data" / "raw" / "countries.csv", dtype=str, keep_default_na=False)
    names = [(folded(n), row.iso3) for row in shipped.itertuples()
             for n in [row.name_en, *filter(None, row.aliases.split("; "))]]
    assert len({name for name, _ in names}) == len(names)


def test_no_name_is_in_isos_list_sorting_form():
    """'Korea, Republic of' reads as a list entry; the UN writes 'Republic of Korea'. The names
    left with a comma are real names, not inversions."""
    shipped = pd.read_csv(ROOT / "data" / "raw" / "countries.csv", dtype=str, keep_default_na=False)
    with_comma = set(shipped.loc[shipped.name_en.str.contains(","), "iso3"])
    assert with_comma == {"BES", "SHN", "TWN"}  # Bonaire, Sint Eustatius and Saba; Saint Helena, ...
    assert set(UN_NAMES) <= set(shipped.iso3)


def test_shipped_countries_are_what_the_generator_writes():
    """data/raw/countries.csv name_en and aliases come from scripts/seed_from_reference.py
    country-names; a hand edit there would be lost on the next run."""
    shipped = pd.read_csv(ROOT / "data" / "raw" / "countries.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(name_countries(shipped), shipped)
    built = pd.read_parquet(ROOT / "data" / "countries.parquet").set_index("iso3")
    assert built.loc["VNM", "name_en"] == "Viet Nam" and built.loc["VNM", "aliases"] == "Vietnam"
    assert built.loc["KOR", "aliases"] == "Korea, Republic of; South Korea"


def test_other_languages_keep_cldr_names():
    assert localized_territory("CI", "fr", "Côte d'Ivoire") == "Côte d’Ivoire"
    assert localized_territory("VN", "ja", "Viet Nam") == "ベトナム"
    assert localized_territory("VN", "en", "Viet Nam") == "Viet Nam"


def test_folded_matches_how_the_query_folds(con):
    text = "Côte d’Ivoire TÜRKİYE São Tomé"
    in_sql = con.execute("select strip_accents(lower(replace($t, '’', '''')))", {"t": text}).fetchone()[0]
    assert folded(text) == in_sql == "cote d'ivoire turkiye sao tome"


# ---- search on the tiny fixture (tests/tiny_record.py) --------------------------------------

def search_ids(con, params: dict, search: str) -> set[str]:
    return set(db.run(con, "activity_list", **params, search=search, limit=100).activity_id)


@pytest.mark.parametrize("search", [
    "cote d'ivoire", "Côte", "côte d’ivoire", "COTE D'IVOIRE", "CIV", "civ", "Ivory Coast", "ivory", "d’Ivoire"])
def test_a_country_is_found_by_name_alias_or_code_with_or_without_accents(con, activity_params, search):
    assert search_ids(con, activity_params(), search) == {"a1", "a6"}


def test_each_alias_of_a_list_is_searchable(con, activity_params):
    assert search_ids(con, activity_params(), "Siam") == {"a2"}
    assert search_ids(con, activity_params(), "kingdom of thailand") == {"a2"}
    assert search_ids(con, activity_params(include_unclear=True), "siam") == {"a2", "a3"}


def test_an_exact_country_name_does_not_also_match_inside_titles(con, activity_params):
    """'Japan' names Japan: its linked activities (a2, a7 host it), not any title that contains
    the word; a partial word still looks inside titles."""
    assert search_ids(con, activity_params(), "Japan") == {"a2", "a7"}
    assert search_ids(con, activity_params(), "Tokyo") == {"a2"}
    assert search_ids(con, activity_params(), "Geneva") == {"a6"}


FIXTURE_COUNTRIES = ["BRA", "CHE", "CIV", "FRA", "JPN", "KEN", "THA"]


@pytest.mark.parametrize("overrides", [{}, {"include_unclear": True}, {"funds": ["africa_ldcs"]},
                                       {"year_from": 2016, "year_to": 2019}])
def test_on_the_fixture_a_country_search_counts_what_its_profile_counts(con, activity_params, overrides):
    countries = db.run(con, "countries_list").set_index("iso3")
    profile_counts, search_counts = {}, {}
    for iso3 in FIXTURE_COUNTRIES:
        params = activity_params(**overrides)
        profile_counts[iso3] = db.run(con, "activity_totals", **params | {"countries": [iso3]}).activity_count.item()
        name = countries.loc[iso3, "name_en"]
        search_counts[iso3] = {len(search_ids(con, params, term)) for term in (iso3, name, name.upper())}
    assert search_counts == {iso3: {count} for iso3, count in profile_counts.items()}
    assert any(profile_counts.values())


# ---- search on the shipped data ----------------------------------------------------------

# Names a reader may type, official and common; Niger and Guinea are whole names inside others'.
SHIPPED_SEARCHES = {
    "CIV": ["Côte d'Ivoire", "cote d'ivoire", "Ivory Coast", "CIV"],
    "VNM": ["Viet Nam", "vietnam", "VNM"],
    "LAO": ["Lao People's Democratic Republic", "Laos", "lao pdr"],
    "TUR": ["Türkiye", "turkiye", "Turkey"],
    "KOR": ["Republic of Korea", "South Korea", "KOR"],
    "TZA": ["United Republic of Tanzania", "Tanzania"],
    "IRN": ["Iran (Islamic Republic of)", "Iran"],
    "NER": ["Niger", "NER"],
    "GIN": ["Guinea"],
    "KEN": ["Kenya", "KEN"],
}


@pytest.mark.parametrize("include_unclear", [False, True])
def test_on_the_shipped_data_a_country_search_counts_what_its_profile_counts(shipped, include_unclear):
    params = Filters(include_unclear=include_unclear).activity_params()
    for iso3, searches in SHIPPED_SEARCHES.items():
        profile = db.run(shipped, "activity_totals", **params | {"countries": [iso3]}).activity_count.item()
        found = {s: len(db.run(shipped, "activity_list", **params, search=s, limit=100_000)) for s in searches}
        assert found == dict.fromkeys(searches, profile), iso3
    assert profile > 0  # Kenya: the comparison is of real, non-empty lists


def test_on_the_shipped_data_a_code_names_a_country_only_in_capitals(shipped):
    """'AND' is Andorra (no activity); 'and' is a word found in many titles."""
    params = Filters(include_unclear=True).activity_params()
    andorra = db.run(shipped, "activity_totals", **params | {"countries": ["AND"]}).activity_count.item()
    search = lambda text: len(db.run(shipped, "activity_list", **params, search=text, limit=100_000))
    assert search("AND") == andorra == 0
    assert search("and") > 10


def test_on_the_shipped_data_the_old_names_still_find_their_countries(shipped):
    params = Filters(include_unclear=True).activity_params()
    for old_name, iso3 in [("Vietnam", "VNM"), ("Laos", "LAO"), ("Tanzania", "TZA"), ("Côte d’Ivoire", "CIV")]:
        found = db.run(shipped, "activity_list", **params, search=old_name, limit=100_000)
        assert len(found) > 0 and all(iso3 in codes for codes in found.iso3_codes), old_name


def named_in(stated: str) -> set[str]:
    """The countries a beneficiaries_as_stated text names: a list split by ';' or ',', or the
    names after "incl."; organisations ("ARIPO"), groups and counts name none."""
    listed = stated.split("incl.", 1)[1] if "incl." in stated else stated
    items = (item.strip(" )") for item in listed.replace(";", ",").split(","))
    return {code for item in items if item and (code := resolve_country_name(item))}


def test_every_country_an_activity_names_as_beneficiary_is_linked_to_it():
    """A country named in the record but not linked would be missing from its own profile,
    the map and every count by country."""
    raw = ROOT / "data" / "raw"
    activities = pd.read_csv(raw / "activities.csv").dropna(subset=["beneficiaries_as_stated"])
    links = pd.read_csv(raw / "activity_countries.csv").groupby("activity_id").iso3.agg(set)
    unlinked = {row.activity_id: sorted(named_in(row.beneficiaries_as_stated) - links.get(row.activity_id, set()))
                for row in activities.itertuples()}
    assert named_in("OAPI member states incl. Côte d'Ivoire, Senegal") == {"CIV", "SEN"}
    assert named_in("Sao Tome and Principe;Zimbabwe (ARIPO);22 countries") == {"STP"}
    assert {k: v for k, v in unlinked.items() if v} == {}
