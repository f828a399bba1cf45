"""The tiny record every SQL, build and validation test runs on: a few rows per table,
an awkward name among them. Tests import its names from here (tests/conftest.py holds
the fixtures): a module named conftest exists in tests/browser/ too, so importing from
"conftest" would pick whichever pytest loaded last."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from fitjp.record.schema import TABLES

REPO = Path(__file__).resolve().parent.parent


def copy_of_the_shipped_data(folder: Path) -> Path:
    """The shipped data folder's tables (raw CSVs and Parquet) copied into `folder`, for a test
    to write to or to serve; returns `folder`."""
    shutil.copytree(REPO / "data" / "raw", folder / "raw")
    for table in (REPO / "data").glob("*.parquet"):
        shutil.copy2(table, folder / table.name)
    return folder
CIV_NAME = "Côte d'Ivoire"
A1_TITLE = "Women's IP workshop 女性起業家のための知財ワークショップ"


def _sources() -> list[dict]:
    return [
        {"source_id": "s_wipo", "title": "WIPO report", "publisher": "WIPO", "url": "https://www.wipo.int/r",
         "published": "2012-03", "language": "en", "kind": "official_wipo"},
        {"source_id": "s_japan", "title": "JPO budget", "publisher": "JPO", "url": "https://www.jpo.go.jp/b",
         "published": "2011", "language": "ja", "kind": "official_japan"},
        {"source_id": "s_news", "title": "News item", "publisher": "Daily", "url": "https://news.example.com/n",
         "published": "", "language": "en", "kind": "news"},
        {"source_id": "ecb", "title": "ECB rates", "publisher": "ECB", "url": "https://www.ecb.europa.eu/x",
         "published": "", "language": "en", "kind": "reference_data"},
        {"source_id": "ref", "title": "Country codes", "publisher": "UN", "url": "https://unstats.un.org/m49",
         "published": "", "language": "en", "kind": "reference_data"},
    ]


def _contribution(cid, year, fund, amount, currency, status, source="s_wipo", basis="japanese_fy"):
    return {"contribution_id": cid, "fiscal_year": year, "year_basis": basis, "fund": fund,
            "amount": amount, "currency": currency, "status": status, "source_id": source,
            "quote": f"quote of {cid}", "note": ""}


def _contributions() -> list[dict]:
    return [
        # FY2010 asia_pacific: executed JPY beats stated CHF beats requested CHF
        _contribution("c01", "2010", "asia_pacific", "100000000", "JPY", "executed", "s_wipo"),
        _contribution("c02", "2010", "asia_pacific", "1200000", "CHF", "stated", "s_japan"),
        _contribution("c03", "2010", "asia_pacific", "2000000", "CHF", "requested", "s_japan"),
        # FY2010 africa_ldcs: both stated; the chosen currency wins, then the kind of source
        _contribution("c04", "2010", "africa_ldcs", "50000000", "JPY", "stated", "s_japan"),
        _contribution("c05", "2010", "africa_ldcs", "600000", "CHF", "stated", "s_wipo"),
        # FY2011: the combined line displaces the two regional funds
        _contribution("c06", "2011", "combined", "3000000", "CHF", "stated", "s_japan"),
        _contribution("c07", "2011", "asia_pacific", "1000000", "CHF", "stated", "s_wipo"),
        _contribution("c08", "2011", "africa_ldcs", "900000", "CHF", "stated", "s_wipo"),
        # FY2011 global: the same figure twice; the official source beats the news item
        _contribution("c09", "2011", "global", "500000", "CHF", "stated", "s_news"),
        _contribution("c12", "2011", "global", "500000", "CHF", "stated", "s_japan"),
        # FY2012: nothing. FY2013: USD with no exchange rate that year
        _contribution("c10", "2013", "global", "400000", "USD", "stated", "s_wipo"),
        # no year
        _contribution("c11", "", "asia_pacific", "46330000", "JPY", "stated", "s_news", basis="unknown"),
    ]


def _facts() -> list[dict]:
    base = {"as_of_basis": "stated", "amount": "", "currency": "", "note": ""}
    return [
        base | {"fact_id": "f1", "statement_date": "2012-05-01", "as_of": "2011", "metric": "cumulative_contribution",
                "value": "50", "unit": "million CHF", "amount": "50000000", "currency": "CHF",
                "source_id": "s_wipo", "quote": "more than CHF 50 million"},
        base | {"fact_id": "f2", "statement_date": "2014", "as_of": "2013", "metric": "cumulative_contribution",
                "value": "60", "unit": "million CHF", "amount": "60000000", "currency": "CHF",
                "source_id": "s_japan", "quote": "CHF 60 million"},
        base | {"fact_id": "f3", "statement_date": "2014", "as_of": "2013", "metric": "countries_supported",
                "value": "80", "unit": "countries", "source_id": "s_wipo", "quote": "80 countries"},
        base | {"fact_id": "f4", "statement_date": "2014", "as_of": "", "as_of_basis": "",
                "metric": "context_assessed_contribution", "value": "1", "unit": "billion JPY",
                "source_id": "s_japan", "quote": "context"},
    ]


def _programme_areas() -> list[dict]:
    objectives = {"human_resources": "ecosystems", "universities_smes": "ecosystems", "branding": "ecosystems",
                  "ip_office_modernization": "ecosystems", "policy_dialogue": "global_network",
                  "global_ip_systems_pct_madrid_hague": "global_network", "wipo_it_systems": "global_network",
                  "public_awareness": "understanding", "sdgs": "sdgs"}
    return [{"programme_area": area, "objective": objective, "sort_order": str(order)}
            for order, (area, objective) in enumerate(objectives.items(), start=1)]


def _activity(aid, title, year, activity_type, area, fund, scope, region, participants="", start="", end="",
              beneficiaries=""):
    return {"activity_id": aid, "title": title, "start_date": start, "end_date": end, "year": year,
            "activity_type": activity_type, "programme_area": area, "fund": fund, "mode": "in_person",
            "participants": participants, "participants_as_stated": participants, "scope": scope,
            "region": region, "beneficiaries_as_stated": beneficiaries, "source_id": "s_wipo",
            "quote": f"quote of {aid}", "note": ""}


def _activities() -> list[dict]:
    return [
        _activity("a1", A1_TITLE, "2015", "workshop", "human_resources", "africa_ldcs", "national", "africa",
                  participants="30", start="2015-05-11", end="2015-05-13"),
        _activity("a2", "Regional training course held in Tokyo", "2016", "training_course", "human_resources",
                  "asia_pacific", "regional", "asia_pacific", participants="20", start="2016-02",
                  beneficiaries="ten Asian countries"),
        _activity("a3", "Policy seminar (fund not named)", "2016", "seminar", "policy_dialogue", "unclear",
                  "national", "asia_pacific", participants="10", start="2016-09-01"),
        _activity("a4", "Awareness booklet", "", "publication", "public_awareness", "global", "global", "global"),
        _activity("a5", "National branding project", "2018", "branding_project", "branding", "global",
                  "national", "latin_america_caribbean"),
        _activity("a6", "SDG conference in Geneva", "2017", "conference", "sdgs", "africa_ldcs", "regional",
                  "africa", participants="50", start="2017-10-02"),
        _activity("a7", "Interregional study visit", "2019", "expert_mission", "ip_office_modernization", "global",
                  "interregional", "global", participants="5", beneficiaries="Kenyan and Brazilian examiners"),
    ]


def _activity_countries() -> list[dict]:
    links = [("a1", "CIV", "host"), ("a1", "CIV", "beneficiary"),
             ("a2", "JPN", "host"), ("a2", "THA", "beneficiary"),
             ("a3", "THA", "host"), ("a3", "THA", "beneficiary"),
             ("a5", "BRA", "host"), ("a5", "BRA", "beneficiary"),
             ("a6", "CHE", "host"), ("a6", "KEN", "beneficiary"), ("a6", "CIV", "beneficiary"),
             ("a7", "JPN", "host"), ("a7", "KEN", "beneficiary"), ("a7", "BRA", "beneficiary")]
    return [{"activity_id": a, "iso3": i, "role": r} for a, i, r in links]


def _countries() -> list[dict]:
    rows = [("BRA", "BR", "076", "Brazil", "", "Americas", "Latin America and the Caribbean", "latin_america_caribbean"),
            ("CHE", "CH", "756", "Switzerland", "", "Europe", "Western Europe", ""),
            ("CIV", "CI", "384", CIV_NAME, "Ivory Coast", "Africa", "Sub-Saharan Africa", "africa"),
            ("FRA", "FR", "250", "France", "", "Europe", "Western Europe", ""),
            ("JPN", "JP", "392", "Japan", "", "Asia", "Eastern Asia", ""),
            ("KEN", "KE", "404", "Kenya", "", "Africa", "Sub-Saharan Africa", "africa"),
            ("THA", "TH", "764", "Thailand", "Siam; Kingdom of Thailand", "Asia", "South-eastern Asia", "asia_pacific")]
    keys = ["iso3", "iso2", "m49_code", "name_en", "aliases", "un_region", "un_subregion", "wipo_region"]
    return [dict(zip(keys, row)) | {"source_id": "ref"} for row in rows]


def _ldc_membership() -> list[dict]:
    return [{"iso3": "CIV", "ldc_from": "1990", "ldc_until": "2010-06-01", "source_id": "ref", "note": "fixture"},
            {"iso3": "KEN", "ldc_from": "1991-12", "ldc_until": "", "source_id": "ref", "note": ""}]


def _fx_rates() -> list[dict]:
    rates = {("JPY", "CHF"): 0.0125, ("CHF", "JPY"): 80, ("JPY", "USD"): 0.0115, ("USD", "JPY"): 87,
             ("CHF", "USD"): 0.92, ("USD", "CHF"): 1.087}
    return [{"fiscal_year": str(year), "base": base, "quote": quote, "rate": str(rate), "observations": "250",
             "source_id": "ecb"}
            for year in (2010, 2011) for (base, quote), rate in rates.items()]


RAW_ROWS = {
    "sources": _sources, "contributions": _contributions, "facts": _facts,
    "programme_areas": _programme_areas, "activities": _activities,
    "activity_countries": _activity_countries, "countries": _countries,
    "ldc_membership": _ldc_membership, "fx_rates": _fx_rates,
    "release": lambda: [{"key": "data_as_of", "value": "2020-01-31"}],
}


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def write_raw(raw_dir: Path) -> Path:
    """Raw CSVs for every table of fitjp.record.schema.TABLES, in the schema's column order."""
    assert set(RAW_ROWS) == set(TABLES), "the fixture must cover every table"
    raw_dir.mkdir(parents=True, exist_ok=True)
    for name, rows in RAW_ROWS.items():
        write_csv(raw_dir / f"{name}.csv", pd.DataFrame(rows(), columns=TABLES[name].column_names))
    return raw_dir
