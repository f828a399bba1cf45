"""The IATI export: validated against the official IATI 2.03 activity schema (the XSD that
pyIATI 0.4.1 ships, installed by test.sh) with xmlschema, every code checked against the
standard's own codelists (shipped beside it), and compared with the query the Activities
page lists."""

from __future__ import annotations

import importlib.util
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pytest
import xmlschema
from lxml import etree

from fitjp import db, iati, settings
from fitjp.filters import Filters


def standard() -> Path:
    spec = importlib.util.find_spec("iati")  # found, not imported: its own dependencies are not installed
    if spec is None:
        pytest.fail("pyIATI is missing: run ./test.sh, which installs it with --no-deps")
    return Path(spec.submodule_search_locations[0]) / "resources" / "standard" / "2-03"


@cache
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(standard() / "schemas" / "iati-activities-schema.xsd"))


@cache
def codelist(name: str) -> set[str]:
    tree = etree.parse(str(standard() / "codelists" / f"{name}.xml"))
    return {code.text for code in tree.iterfind(".//codelist-item/code")}


@pytest.fixture(scope="module")
def connection():
    return db.connect()


def export(connection, filters: Filters = Filters(), reporting_org: str = "XX-FITJP-PLACEHOLDER"):
    rows = db.run(connection, "activity_list", **filters.activity_params(), search="", limit=100_000)
    countries = db.run(connection, "countries_list")
    xml = iati.activities_xml(rows, dict(zip(countries.iso3, countries.iso2)), reporting_org, "2026-11-25",
                              today=date(2026, 12, 1))
    return rows, xml, etree.fromstring(xml)


def test_every_activity_with_a_date_is_written_and_the_file_is_valid_iati_2_03(connection):
    rows, xml, root = export(connection)
    assert list(schema().iter_errors(xml.decode("utf-8"))) == []
    assert root.get("version") == "2.03"
    written = [a.findtext("iati-identifier") for a in root.iterfind("iati-activity")]
    assert len(written) == len(rows) - iati.undated(rows) > 100
    assert written[0] == f"XX-FITJP-PLACEHOLDER-{rows.activity_id.iloc[0]}"


def test_every_code_is_in_the_iati_codelists(connection):
    _, _, root = export(connection)
    checks = {
        "activity-status/@code": "ActivityStatus", "activity-date/@type": "ActivityDateType",
        "activity-scope/@code": "ActivityScope", "participating-org/@role": "OrganisationRole",
        "participating-org/@type": "OrganisationType", "reporting-org/@type": "OrganisationType",
        "recipient-country/@code": "Country", "recipient-region/@code": "Region", "sector/@code": "Sector",
        "document-link/category/@code": "DocumentCategory", "document-link/@format": "FileFormat",
    }
    for path, name in checks.items():
        used = set(root.xpath(f"iati-activity/{path}"))
        assert used and used <= codelist(name), (path, used - codelist(name))
    assert set(root.xpath("iati-activity/participating-org[@role='4']/@ref")) == {"XM-DAC-41308"}
    assert "41308" in codelist("OrganisationIdentifier")  # WIPO's code in the standard's list


def test_recipient_shares_sum_to_100_in_every_activity(connection):
    _, _, root = export(connection)
    for activity in root.iterfind("iati-activity"):
        shares = activity.xpath("recipient-country/@percentage | recipient-region/@percentage")
        assert sum(Decimal(s) for s in shares) == 100, activity.findtext("iati-identifier")


def test_a_country_filter_exports_that_countrys_activities_with_their_sources(connection):
    rows, xml, root = export(connection, Filters(countries=("KEN",)))
    activities = root.findall("iati-activity")
    assert len(activities) == len(rows) > 0
    for activity, row in zip(activities, rows.itertuples()):
        assert activity.findtext("title/narrative") == row.title
        assert activity.findtext("description/narrative") == row.quote
        assert activity.find("document-link").get("url") == row.source_url
        assert iati.SECTORS[row.programme_area][0] == activity.find("sector").get("code")
    assert any("KE" in a.xpath("recipient-country/@code") for a in activities)


def test_a_month_the_source_states_becomes_whole_dates_and_keeps_its_wording():
    row = SimpleNamespace(start_date="1997-01", end_date=None, year=1997)
    start, end = iati.activity_dates(row)
    assert start == (date(1997, 1, 1), "1997-01") and end == (None, None)
    assert iati.whole_date("2024-02", last=True) == date(2024, 2, 29)
    assert iati.status(start, end, date(2026, 1, 1)) == "4"
    assert iati.status((date(2026, 1, 10), "2026-01-10"), (date(2026, 3, 1), "2026-03-01"), date(2026, 2, 1)) == "2"
    assert iati.date_type("start", date(2027, 5, 1), date(2026, 1, 1)) == "1"


def test_equal_shares_sum_to_exactly_100():
    for count in range(1, 12):
        assert sum(Decimal(s) for s in iati.equal_shares(count)) == 100
    assert iati.equal_shares(3) == ["33.33", "33.33", "33.34"]


def test_the_reporting_organisation_comes_from_the_setting(monkeypatch):
    monkeypatch.delenv("FITJP_IATI_REPORTING_ORG", raising=False)
    assert settings.iati_reporting_org() == settings.IATI_PLACEHOLDER
    monkeypatch.setenv("FITJP_IATI_REPORTING_ORG", "GB-COH-01234567")
    assert settings.iati_reporting_org() == "GB-COH-01234567"


def test_the_schema_check_rejects_an_activity_without_a_title(connection):
    """The validation above can fail: the XSD requires a title in every activity."""
    _, _, root = export(connection, Filters(countries=("KEN",)))
    first = root.find("iati-activity")
    first.remove(first.find("title"))
    errors = list(schema().iter_errors(etree.tostring(root).decode("utf-8")))
    assert errors and "title" in str(errors[0])
