"""How a problem is to be fixed: suggestions from the cell's own value where its column's kind
gives one (a year, a date, a country named in any of the four languages), and every problem
and hint the staff can meet said in Japanese."""

from __future__ import annotations

import pandas as pd
import pytest

from fitjp.countries import localized_name
from fitjp.i18n import LANGUAGES
from fitjp.record import advice, intake, releases
from fitjp.record.validate import Problem

from tiny_record import REPO
from test_bad_files import CASES, CONTRIBUTION, live, table_csv  # noqa: F401


@pytest.mark.parametrize("typed, year", [
    ("FY2023", "2023"), ("fy 2023", "2023"), ("2023年度", "2023"), ("２０２３", "2023"), ("令和5年度", "2023"),
    ("令和元年度", "2019"), ("平成30年度", "2018"), ("H30", "2018"), ("r5", "2023"), ("FY23", "2023"),
    ("2023/24", "2023"), ("2023-2024", "2023"), ("1850", None), ("twenty", None), ("", None), ("3023", None),
])
def test_a_year_is_read_from_how_people_write_fiscal_years(typed, year):
    assert advice.year_in(typed) == year


@pytest.mark.parametrize("typed, day", [
    ("2024/5/1", "2024-05-01"), ("2024.05.01", "2024-05-01"), ("2024年5月1日", "2024-05-01"),
    ("２０２４／０５／０１", "2024-05-01"), ("2024/05", "2024-05"), ("2024年5月", "2024-05"),
    ("2024/13/01", None), ("01/05/2024", None), ("May 2024", None),
])
def test_a_date_written_year_first_is_suggested_in_the_templates_form(typed, day):
    assert advice.date_in(typed) == day


def shipped_countries() -> list[str]:
    return sorted(pd.read_csv(REPO / "data" / "raw" / "activity_countries.csv").iso3.unique())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_country_of_the_record_named_in_any_language_suggests_its_code(lang):
    """Each country the record names, as a member of staff may type it: its name in the
    language, with stray spaces, in lower case, without accents."""
    from fitjp.countries import folded

    wrong = {}
    for code in shipped_countries():
        name = localized_name(code, lang)
        for typed in (f"{name} ", f"  {name.lower()}", folded(name)):
            if advice.countries_in(typed) != [code]:
                wrong[typed] = advice.countries_in(typed)
    assert not wrong


def problem(column: str, value: str, message: str) -> Problem:
    return advice.with_hint(Problem("a.csv", 2, column, value, message))


@pytest.mark.parametrize("column, value, message, hint", [
    ("fiscal_year", "FY2023", "not a whole number", "Type the year alone, as four digits: 2023."),
    ("year", "令和5年度", "not a whole number", "Type the year alone, as four digits: 2023."),
    ("fiscal_year", "twelve", "not a whole number", "Type digits only, such as 12."),
    ("start_date", "2024/5/1", "not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
     "Type the date as YYYY-MM-DD (or YYYY-MM, or YYYY): 2024-05-01."),
    ("iso3", "Viet Nam ", "not an ISO 3166-1 alpha-3 country code",
     "Use the country's three-letter ISO code: VNM for Viet Nam."),
    ("iso3", "Côte d'Ivoire", "not an ISO 3166-1 alpha-3 country code",
     "Use the country's three-letter ISO code: CIV for Côte d'Ivoire."),
    ("iso3", "ベトナム", "not an ISO 3166-1 alpha-3 country code",
     "Use the country's three-letter ISO code: VNM for Viet Nam."),
    ("iso3", "Congo", "not an ISO 3166-1 alpha-3 country code",
     "Use the country's three-letter ISO code: COG for Congo."),
    ("iso3", "Guinea", "not an ISO 3166-1 alpha-3 country code",
     "Use the country's three-letter ISO code: GIN for Guinea."),
    ("iso3", "Atlantis", "not an ISO 3166-1 alpha-3 country code",
     "Use the country's three-letter ISO code, such as KEN for Kenya."),
])
def test_a_hint_uses_what_the_column_holds(column, value, message, hint):
    assert problem(column, value, message).hint == hint


def test_a_name_several_countries_start_with_lists_them():
    hint = problem("iso3", "Guinea-", "not an ISO 3166-1 alpha-3 country code").hint
    assert hint.startswith("Use the country's three-letter ISO code, one of: ") and "GNB (Guinea-Bissau)" in hint


def test_an_upload_gets_the_suggestions_through_the_check(live, tmp_path):
    contributions = table_csv(tmp_path, "contributions", CONTRIBUTION | {"fiscal_year": "FY2023"})
    links = table_csv(tmp_path, "activity_countries",
                      {"activity_id": "a001", "iso3": "Viet Nam ", "role": "beneficiary"})
    hints = [p.hint for path in (contributions, links)
             for p in releases.check(intake.read_path(path)).problems]
    assert hints == ["Type the year alone, as four digits: 2023.",
                     "Use the country's three-letter ISO code: VNM for Viet Nam."]


# ---- every problem and hint the staff can meet, in Japanese ---------------------------------

@pytest.mark.parametrize("case", CASES)
def test_every_problem_and_hint_of_the_bad_file_matrix_is_said_in_japanese(case, live, tmp_path):
    """Each problem a file of the matrix gets (and the notes on how it was read), as the
    Japanese staff app shows it: no English sentence left, the values kept."""
    path = CASES[case][0](tmp_path)
    result = releases.check(intake.read_path(path))
    said = [(text, advice.spoken(text, "ja")) for p in result.problems for text in (p.message, p.hint) if text]
    said += [(note, advice.spoken(note, "ja")) for note in result.intake.notes]
    assert said and not [english for english, japanese in said if japanese == english]


@pytest.mark.parametrize("refusal", [
    "3 problem(s) must be fixed first; nothing was published",
    "the file changes nothing in the published record; nothing was published",
    "another release was made live since this file was checked: check it again",
    "no release 'x'; releases: a, b", "release 2026-shipped is already live"])
def test_a_refused_publish_or_roll_back_is_said_in_japanese(refusal):
    assert advice.spoken(refusal, "ja") != refusal


def test_a_suggestion_said_in_japanese_keeps_its_values_and_names_the_country_in_japanese():
    assert advice.spoken("Use the country's three-letter ISO code: VNM for Viet Nam.", "ja") == \
        "国の3文字の ISO コードを使ってください：ベトナムは VNM"
    assert advice.spoken("fiscal year outside 1987..2027", "ja") == "年度が1987～2027の範囲外です"
    assert advice.spoken("an English sentence no catalog holds", "ja") == "an English sentence no catalog holds"
