"""The tables the app reads: their columns, types and the values each column accepts.

One place describes every table, so the build, the import template, the README and the
tests all agree. Each raw CSV in data/raw/ becomes one Parquet file in data/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

FUNDS = ("asia_pacific", "africa_ldcs", "global")
CONTRIBUTION_FUNDS = FUNDS + ("combined",)  # combined = Japan's single budget line for both regional funds
ACTIVITY_FUNDS = FUNDS + ("unclear",)  # unclear = the source names the JPO, not the fund
CURRENCIES = ("CHF", "JPY", "USD")
# Precedence when several figures describe one fiscal year and fund: first wins.
STATUSES = ("executed", "budgeted", "stated", "stated_annual_level", "planned", "pledged", "requested")
# A plan, not an outcome: such a figure is shown as provisional (queries/contributions_by_year.sql).
PROVISIONAL_STATUSES = ("requested", "planned", "pledged")
SOURCE_KINDS = ("official_wipo", "official_japan", "wto_record", "official_other", "news",
                "secondary", "reference_data", "fund_records")
REGIONS = ("africa", "arab", "asia_pacific", "latin_america_caribbean", "europe_central_asia")
ACTIVITY_REGIONS = REGIONS + ("global",)
SCOPES = ("national", "regional", "interregional", "global")
MODES = ("in_person", "online", "hybrid", "unknown")
ACTIVITY_TYPES = ("training_course", "workshop", "conference", "high_level_meeting", "seminar",
                  "scholarship", "fellowship", "expert_mission", "publication", "branding_project",
                  "digitization_project", "modernization_project", "platform", "agreement", "other")
OBJECTIVES = ("ecosystems", "global_network", "understanding", "sdgs")
# The fund's programme areas, in its own order (objective of each: data/raw/programme_areas.csv).
PROGRAMME_AREAS = ("human_resources", "universities_smes", "branding", "ip_office_modernization",
                   "policy_dialogue", "global_ip_systems_pct_madrid_hague", "wipo_it_systems",
                   "public_awareness", "sdgs")
ROLES = ("host", "beneficiary")
# A country an activity reached: a beneficiary, or a host other than these (a course the fund
# holds in Japan or at WIPO in Geneva for others is not activity in the country). The same
# rule in SQL: queries/macros/reached_countries.sql.
NOT_REACHED_AS_HOSTS = ("JPN", "CHE")


def reached(links: pd.DataFrame) -> pd.DataFrame:
    """The activity-country links (activity_countries rows) that count a country as reached."""
    return links[(links.role == "beneficiary") | ~links.iso3.isin(NOT_REACHED_AS_HOSTS)]
FIRST_FISCAL_YEAR = 1987


def last_fiscal_year() -> int:
    """Figures may name next year's budget, never later."""
    return date.today().year + 1


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text, int, number, date, year, iso3, bool
    required: bool = False
    choices: tuple[str, ...] = ()
    references: str = ""  # "table.column" this value must exist in
    minimum: float | None = None


@dataclass(frozen=True)
class Table:
    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    describes: str
    importable: bool = False  # the fund's staff may add or replace its rows
    # Stored in the lists' order (newest first) rather than by key: one page of a listing, read
    # back by id with its years (macros/activity_rows_of.sql), is then a few row groups.
    newest_first: bool = False
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _source() -> Column:
    return Column("source_id", required=True, references="sources.source_id")


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("sources", ("source_id",), (
        Column("source_id", required=True),
        Column("title", required=True),
        Column("publisher", required=True),
        Column("url", kind="url", required=True),
        Column("published", kind="date"),
        Column("language"),
        Column("kind", required=True, choices=SOURCE_KINDS),
    ), "one row per document a figure was read in", importable=True),
    Table("contributions", ("contribution_id",), (
        Column("contribution_id", required=True),
        Column("fiscal_year", kind="year"),
        Column("year_basis", required=True, choices=("japanese_fy", "calendar", "unknown")),
        Column("fund", required=True, choices=CONTRIBUTION_FUNDS),
        Column("amount", kind="number", required=True, minimum=0),
        Column("currency", required=True, choices=CURRENCIES),
        Column("status", required=True, choices=STATUSES),
        _source(),
        Column("quote", required=True),
        Column("note"),
    ), "a contribution figure per Japanese fiscal year and fund, as a source states it", importable=True),
    Table("facts", ("fact_id",), (
        Column("fact_id", required=True),
        Column("statement_date", required=True),
        Column("as_of", kind="date"),
        Column("as_of_basis", choices=("stated", "years_since_1987")),
        Column("metric", required=True),
        Column("value", kind="number", required=True),
        Column("unit", required=True),
        Column("amount", kind="number", minimum=0),  # a monetary value in plain units of currency
        Column("currency", choices=CURRENCIES),
        _source(),
        Column("quote", required=True),
        Column("note"),
    ), "dated statements: cumulative totals, countries reached, trainees, experts", importable=True),
    Table("programme_areas", ("programme_area",), (
        Column("programme_area", required=True, choices=PROGRAMME_AREAS),
        Column("objective", required=True, choices=OBJECTIVES),
        Column("sort_order", kind="int", required=True),
    ), "the fund's own hierarchy: each programme area under one of four objectives"),
    Table("activities", ("activity_id",), (
        Column("activity_id", required=True),
        Column("title", required=True),
        Column("start_date", kind="date"),
        Column("end_date", kind="date"),
        Column("year", kind="year"),
        Column("activity_type", required=True, choices=ACTIVITY_TYPES),
        Column("programme_area", required=True, references="programme_areas.programme_area"),
        Column("fund", required=True, choices=ACTIVITY_FUNDS),
        Column("mode", required=True, choices=MODES),
        Column("participants", kind="int", minimum=0),
        Column("participants_as_stated"),
        Column("scope", required=True, choices=SCOPES),
        Column("region", required=True, choices=ACTIVITY_REGIONS),
        Column("beneficiaries_as_stated"),
        _source(),
        Column("quote", required=True),
        Column("note"),
    ), "meetings, courses, scholarships and projects the fund paid for", importable=True, newest_first=True),
    Table("activity_countries", ("activity_id", "iso3", "role"), (
        Column("activity_id", required=True, references="activities.activity_id"),
        Column("iso3", kind="iso3", required=True, references="countries.iso3"),
        Column("role", required=True, choices=ROLES),
    ), "host and beneficiary countries of each activity", importable=True),
    Table("countries", ("iso3",), (
        Column("iso3", kind="iso3", required=True),
        Column("iso2", required=True),
        Column("m49_code"),
        Column("name_en", required=True),  # UN terminology: fitjp/countries.py display_name
        Column("aliases"),  # other English names a search matches, "; "-separated
        Column("un_region"),
        Column("un_subregion"),
        Column("wipo_region", choices=REGIONS),
        _source(),
    ), "every ISO 3166-1 country with its UN M49 and WIPO regions"),
    Table("ldc_membership", ("iso3", "ldc_from"), (
        Column("iso3", kind="iso3", required=True, references="countries.iso3"),
        Column("ldc_from", kind="date", required=True),
        Column("ldc_until", kind="date"),
        _source(),
        Column("note"),
    ), "periods each country was on the UN list of least developed countries"),
    Table("fx_rates", ("fiscal_year", "base", "quote"), (
        Column("fiscal_year", kind="year", required=True),
        Column("base", required=True, choices=CURRENCIES),
        Column("quote", required=True, choices=CURRENCIES),
        Column("rate", kind="number", required=True, minimum=0),
        Column("observations", kind="int", required=True, minimum=1),
        _source(),
    ), "average rate per Japanese fiscal year: 1 base = rate quote"),
    Table("release", ("key",), (
        Column("key", required=True),
        Column("value", required=True),
    ), "facts about this data set itself, such as the date it is as of"),
)}
