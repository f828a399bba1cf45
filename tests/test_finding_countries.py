"""Finding a country by what a reader types, generated from the shipped data and the
catalogs: every country with activities, in each of the four languages, by each of its names
(the page's language, English, aliases and former names, the other languages, its ISO-3
code), with or without accents, in any case, with any apostrophe. The pickers resolve typed
text with find_countries (fitjp/ui/pickers.py); the search matches in SQL on the same names
(queries/macros/listed_activities.sql)."""

from __future__ import annotations

import pytest

from fitjp import db
from fitjp.countries import find_countries, folded, localized_name, names_of
from fitjp.filters import Filters
from fitjp.i18n import LANGUAGES
from matrix import sample


@pytest.fixture(scope="module")
def picker_options(shipped) -> list[str]:
    """What the pickers offer: every country of the data (countries_list)."""
    return db.run(shipped, "countries_list").iso3.tolist()


@pytest.fixture(scope="module")
def with_activities(shipped) -> list[str]:
    params = Filters(include_unclear=True).activity_params()
    return sorted(db.run_best(shipped, "activities_by_country", **params).iso3)


def spellings(name: str) -> set[str]:
    """Ways a reader may type a name: as written, without accents, in capitals, with a
    straight or a curly apostrophe, with spaces for dashes."""
    return {name, folded(name), name.upper(), name.replace("’", "'"), name.replace("'", "’"),
            name.replace("-", " ")}


def typed_names(iso3: str) -> set[str]:
    return {s for name in names_of(iso3) for s in spellings(name)} | {iso3, iso3.lower()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_country_with_activities_is_found_by_every_name_in_every_language(lang, picker_options,
                                                                               with_activities):
    assert len(with_activities) > 80
    wrong = {(iso3, text): found for iso3 in with_activities for text in typed_names(iso3)
             if (found := find_countries(text, lang, among=picker_options)) != [iso3]}
    assert wrong == {}


@pytest.mark.parametrize("lang, text, iso3", [
    # What the review typed in French and found nothing, or three countries for one.
    ("fr", "Cote d'Ivoire", "CIV"), ("fr", "Côte d'Ivoire", "CIV"), ("fr", "Ivory Coast", "CIV"),
    ("fr", "Viet Nam", "VNM"), ("fr", "Vietnam", "VNM"), ("fr", "Tanzania", "TZA"), ("fr", "Lao PDR", "LAO"),
    ("fr", "Laos", "LAO"), ("en", "Cote d'Ivoire", "CIV"), ("en", "Ivory Coast", "CIV"),
    ("en", "Bhoutan", "BTN"), ("en", "Tanzanie", "TZA"), ("es", "Bután", "BTN"),
    ("es", "Papúa Nueva Guinea", "PNG"), ("fr", "papouasie", "PNG"), ("ja", "ケニア", "KEN"), ("fr", "civ", "CIV"),
])
def test_the_reviews_spellings_find_one_country(lang, text, iso3, picker_options):
    assert find_countries(text, lang, among=picker_options) == [iso3]


def test_a_part_of_several_names_finds_them_all_in_the_readers_order():
    assert find_countries("Korea", "en") == ["PRK", "KOR"]  # Democratic People's ..., Republic of Korea
    assert find_countries("Corée", "fr") == ["PRK", "KOR"]  # Corée du Nord, Corée du Sud
    assert find_countries("zzz", "fr") == [] and find_countries("  ", "en") == []


def test_no_name_of_one_country_folds_to_a_name_of_another():
    from pycountry import countries
    owners = {}
    for country in countries:
        for name in names_of(country.alpha_3):
            owners.setdefault(folded(name), set()).add(country.alpha_3)
    assert {name: codes for name, codes in owners.items() if len(codes) > 1} == {}


def test_folded_is_how_the_sql_folds(shipped):
    text = "Côte d‘Ivoire ʼ` TÜRKİYE São-Tomé Guinea–Bissau ガーナ"
    assert folded(text) == shipped.execute("select folded($t)", {"t": text}).fetchone()[0]
    assert folded(text) == "cote d'ivoire '' turkiye sao tome guinea bissau カーナ"


def test_every_name_in_every_language_searches_what_the_profile_counts(shipped, with_activities):
    """The Activities search: each country's every name (its names in the four languages,
    English aliases) lists exactly the activities its profile counts. Two names a country
    (drawn with a fixed seed) in the default suite, every name under FULL_MATRIX=1."""
    params = Filters(include_unclear=True).activity_params()
    wrong = {}
    for iso3 in with_activities:
        profile = db.run_best(shipped, "activity_totals", **params | {"countries": [iso3]}).activity_count.item()
        for name in sample(names_of(iso3), 2, seed=int.from_bytes(iso3.encode())):
            found = db.run(shipped, "activity_match_count", **params, search=name).activity_count.item()
            if found != profile:
                wrong[(iso3, name)] = (found, profile)
    assert wrong == {}


@pytest.mark.parametrize("lang, text, iso3", [("fr", "Bhoutan", "BTN"), ("fr", "Tanzanie", "TZA"),
                                              ("fr", "Papouasie", "PNG"), ("es", "Bután", "BTN"),
                                              ("es", "Papúa Nueva Guinea", "PNG")])
def test_the_search_finds_the_reviews_names_in_other_languages(shipped, lang, text, iso3):
    params = Filters(include_unclear=True).activity_params()
    found = db.run(shipped, "activity_list", **params, search=text, limit=1000)
    assert len(found) > 0 and all(iso3 in codes for codes in found.iso3_codes), localized_name(iso3, lang)
