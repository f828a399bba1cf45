"""The activities as IATI 2.03 activity XML, the format aid portals (d-portal, donors'
transparency portals) read. Pure: rows of the `activity_list` query in, XML bytes out.

What each activity says, and from where:

- iati-identifier: the reporting organisation's identifier (settings.iati_reporting_org(),
  FITJP_IATI_REPORTING_ORG) and the activity_id, as IATI asks (the identifier starts with
  the reporting organisation's).
- reporting-org: that identifier, type 90 (other) and secondary-reporter="1": this file
  reproduces public records of activities its publisher is not responsible for.
- title: the activity's title; description (type 1, general): the source's exact quote.
- participating-org: Japan as funder (role 1; XM-DAC-701, Japan's OECD DAC donor code; the
  Japan Patent Office has no IATI identifier of its own) and WIPO as implementer (role 4;
  XM-DAC-41308: 41308 is WIPO's code in IATI's OrganisationIdentifier list shipped with the
  standard, not 41118, which is the UNFCCC's).
- activity-date: start and end, actual (types 3 and 4) when they are past, planned (1 and 2)
  when still to come. IATI wants whole dates; a source's "1997-01" is written as the first
  (start) or last (end) day of that month or year, with the date as the source states it in
  the element's narrative. An activity with neither a date nor a year cannot be written
  (IATI requires a date) and is left out: `undated(rows)` counts them.
- activity-status: 4 (closed) once the end (or the start, or the year) is past, 2
  (implementation) while it runs, 1 (pipeline) before it starts.
- activity-scope: from the scope column (national 4, regional 2, interregional 3, global 1).
- recipient-country: the beneficiary countries (ISO 3166-1 alpha-2, as IATI's Country list);
  an activity that names none has its host countries other than Japan and Switzerland (the
  same rule as the map), and one with neither has its region (recipient-region, OECD DAC
  vocabulary 1). Shares are equal and sum to 100: no source splits an activity's cost.
- sector: the programme area's DAC 5-digit purpose code (vocabulary 1), mapping below.
- document-link: the source the activity was read in, with its title.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timezone
from xml.etree import ElementTree as ET

import pandas as pd

IATI_VERSION = "2.03"
JAPAN = {"ref": "XM-DAC-701", "type": "10", "name": "Government of Japan, Japan Patent Office (JPO)"}
WIPO = {"ref": "XM-DAC-41308", "type": "40", "name": "World Intellectual Property Organization (WIPO)"}
REPORTING_ORG_NAME = "FIT Japan IP Global dashboard: public records compiled from WIPO, JPO and WTO documents"

# Programme area -> OECD DAC purpose code (IATI Sector vocabulary 1), with why.
SECTORS = {
    # scholarships, fellowships, training courses and TISC courses for IP professionals
    "human_resources": ("11430", "Advanced technical and managerial training"),
    # IP support to universities, research institutions and SMEs: private sector capacity and advice
    "universities_smes": ("25010", "Business support services and institutions"),
    # branding projects help producers build collective marks and geographical indications
    "branding": ("25010", "Business support services and institutions"),
    # IP offices are public administrations; their modernization is organisational development
    # and e-government, and DAC has no sector code of its own for them
    "ip_office_modernization": ("15110", "Public sector policy and administrative management"),
    # IP policy and law under TRIPS: trade-related legislation and multilateral agreements
    "policy_dialogue": ("33110", "Trade policy and administrative management"),
    # joining and using the PCT, Madrid and Hague treaties: implementing multilateral agreements
    "global_ip_systems_pct_madrid_hague": ("33110", "Trade policy and administrative management"),
    # WIPO CASE and other IT systems: software and IT training
    "wipo_it_systems": ("22040", "Information and communication technology (ICT)"),
    # World IP Day, manga and other outreach have no DAC purpose of their own: not forced into one
    "public_awareness": ("99810", "Sectors not specified"),
    # WIPO GREEN and WIPO Re:Search connect research institutions with those who need technology
    "sdgs": ("43082", "Research/scientific institutions"),
}
# WIPO region -> OECD DAC region (vocabulary 1) for activities that name no country.
REGIONS = {
    "africa": "298",  # Africa, regional
    "asia_pacific": "798",  # Asia, regional: DAC puts the Pacific in Oceania (889); no source splits them
    "latin_america_caribbean": "498",  # America, regional
    "europe_central_asia": "89",  # Europe, regional
    # the Arab region spans North of Sahara (189) and the Middle East (589): DAC has no one code
    "arab": "998",
    "global": "998",  # Developing countries, unspecified
}
SCOPES = {"global": "1", "regional": "2", "interregional": "3", "national": "4"}
NOT_RECIPIENTS = ("JPN", "CHE")  # hosting a course there for others is not aid to them


def undated(rows: pd.DataFrame) -> int:
    """Activities that cannot be written: neither a date nor a year."""
    return int((rows.start_date.isna() & rows.year.isna()).sum())


def activities_xml(rows: pd.DataFrame, iso2: dict[str, str], reporting_org: str, data_as_of: str,
                   today: date | None = None) -> bytes:
    """An <iati-activities> document of every row of `activity_list` that has a date.
    `iso2` maps ISO-3 codes to the alpha-2 codes IATI uses."""
    today = today or date.today()
    root = ET.Element("iati-activities", {
        "version": IATI_VERSION, "generated-datetime": datetime.now(timezone.utc).replace(microsecond=0).isoformat()})
    for row in rows.itertuples():
        if pd.isna(row.start_date) and pd.isna(row.year):
            continue
        root.append(activity_element(row, iso2, reporting_org, data_as_of, today))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def activity_element(row, iso2: dict[str, str], reporting_org: str, data_as_of: str, today: date) -> ET.Element:
    """One <iati-activity>, its children in the order the 2.03 schema's sequence requires."""
    attributes = {"{http://www.w3.org/XML/1998/namespace}lang": "en"}
    if data_as_of:
        attributes["last-updated-datetime"] = f"{data_as_of}T00:00:00Z"
    activity = ET.Element("iati-activity", attributes)
    ET.SubElement(activity, "iati-identifier").text = f"{reporting_org}-{row.activity_id}"
    narrated(activity, "reporting-org", REPORTING_ORG_NAME, ref=reporting_org, type="90", **{"secondary-reporter": "1"})
    narrated(activity, "title", row.title)
    narrated(activity, "description", row.quote, type="1")
    for org, role in ((JAPAN, "1"), (WIPO, "4")):
        narrated(activity, "participating-org", org["name"], ref=org["ref"], type=org["type"], role=role)
    start, end = activity_dates(row)
    ET.SubElement(activity, "activity-status", code=status(start, end, today))
    for kind, (day, stated) in (("start", start), ("end", end)):
        if day:
            element = ET.SubElement(activity, "activity-date", type=date_type(kind, day, today),
                                    **{"iso-date": day.isoformat()})
            if stated != day.isoformat():
                ET.SubElement(element, "narrative").text = f"As the source states it: {stated}"
    if row.scope in SCOPES:
        ET.SubElement(activity, "activity-scope", code=SCOPES[row.scope])
    add_recipients(activity, row, iso2)
    code, name = SECTORS[row.programme_area]
    narrated(activity, "sector", name, vocabulary="1", code=code, percentage="100")
    add_document_link(activity, row)
    return activity


def narrated(parent: ET.Element, tag: str, text: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    ET.SubElement(element, "narrative").text = str(text)
    return element


def whole_date(stated: str, last: bool) -> date:
    """'1997-01' -> 1997-01-01 (or 1997-01-31 when `last`); '1997' -> 1997-01-01 (or -12-31)."""
    parts = [int(p) for p in stated.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else (12 if last else 1)
    day = parts[2] if len(parts) > 2 else (calendar.monthrange(year, month)[1] if last else 1)
    return date(year, month, day)


def activity_dates(row) -> tuple[tuple[date, str] | tuple[None, None], tuple[date, str] | tuple[None, None]]:
    """(whole date, date as stated) for the start and the end; the year stands in for a missing start."""
    stated_start = row.start_date if pd.notna(row.start_date) else str(int(row.year))
    start = (whole_date(stated_start, last=False), stated_start)
    end = (whole_date(row.end_date, last=True), row.end_date) if pd.notna(row.end_date) else (None, None)
    return start, end


def date_type(kind: str, day: date, today: date) -> str:
    """IATI ActivityDateType: 1/2 planned start/end, 3/4 actual start/end."""
    actual = day <= today
    return {("start", False): "1", ("end", False): "2", ("start", True): "3", ("end", True): "4"}[(kind, actual)]


def status(start: tuple, end: tuple, today: date) -> str:
    """IATI ActivityStatus: 1 pipeline, 2 implementation, 4 closed. Without an end, a start
    given only as a year or month ends with that year or month."""
    first, stated = start
    last = end[0] or whole_date(stated, last=True)
    if first > today:
        return "1"
    return "2" if last >= today else "4"


def recipient_iso3(row) -> list[str]:
    """Beneficiaries; else hosts other than Japan and Switzerland; else none."""
    beneficiaries = codes(row.beneficiary_iso3)
    return beneficiaries or [c for c in codes(row.host_iso3) if c not in NOT_RECIPIENTS]


def codes(value) -> list[str]:
    """A list column of the query: a list (or array) of codes, or nothing for an activity without any."""
    return [] if value is None or value is pd.NA or isinstance(value, float) else list(value)


def equal_shares(count: int) -> list[str]:
    """Percentages with two decimals that sum to exactly 100: 33.33, 33.33, 33.34."""
    share = int(10000 / count) / 100
    shares = [share] * (count - 1) + [round(100 - share * (count - 1), 2)]
    return [f"{s:.2f}".rstrip("0").rstrip(".") for s in shares]


def add_recipients(activity: ET.Element, row, iso2: dict[str, str]) -> None:
    countries = [iso2[c] for c in recipient_iso3(row) if c in iso2]
    if countries:
        for code, share in zip(countries, equal_shares(len(countries))):
            ET.SubElement(activity, "recipient-country", code=code, percentage=share)
    else:
        ET.SubElement(activity, "recipient-region", code=REGIONS.get(row.region, "998"), vocabulary="1",
                      percentage="100")


def add_document_link(activity: ET.Element, row) -> None:
    """The source, as a web page (A12) or, for a PDF, a document of results (A08)."""
    is_pdf = str(row.source_url).lower().split("?")[0].endswith(".pdf")
    link = ET.SubElement(activity, "document-link", url=row.source_url,
                         format="application/pdf" if is_pdf else "text/html")
    narrated(link, "title", row.source_title)
    ET.SubElement(link, "category", code="A08" if is_pdf else "A12")
