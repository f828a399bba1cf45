"""Every piece of interface text, looked up by key through one function, `t`.

The texts live in gettext catalogs, one per language, English included:
fitjp/locales/<lang>/LC_MESSAGES/messages.po, with the message key ("page.overview") as msgid
and the text as msgstr. Keys as msgids keep the code as it was, t("page.overview", lang), and
`t` a dictionary lookup; fitjp/catalogs.py says why in full and how to extract, update and
compile (docs/translating.md is the translator's guide). Each catalog is read once, when a
text in its language is first asked for; importing this module reads nothing. A key with no
usable text in a language (missing, empty or fuzzy) shows the English text. Activity titles
and quotes are never translated: they stay as sources wrote them.
"""

from __future__ import annotations

from functools import cache

from fitjp import catalogs
from fitjp.locales import es, fr, ja

LANGUAGES = ("en", "ja", "fr", "es")
LANGUAGE_NAMES = {"en": "English", "ja": "日本語", "fr": "Français", "es": "Español"}  # each in itself

# The dictionaries below are what scripts/dicts_to_po.py converts; t() no longer reads them.
EN = {
    # navigation and page titles
    "app.title": "FIT Japan IP Global",
    "app.subtitle": "Japan's voluntary contributions to WIPO for industrial property, since 1987",
    "page.overview": "Overview",
    "page.funding": "Funding history",
    "page.map": "Regions and countries",
    "page.objectives": "Objectives",
    "page.country": "Country profile",
    "page.activities": "Activities",
    "page.sources": "Sources and method",
    "page.story": "Story",
    "page.brief": "Country brief",
    # view settings
    "view.language": "Language",
    "view.present": "Presenter mode",
    "view.present_help": "Large type, values written on the charts, sidebar folded: for a shared screen.",
    # sidebar
    "filter.header": "Filters",
    "filter.years": "Years",
    "filter.region": "Region",
    "filter.country": "Countries",
    "filter.objective": "Objective",
    "filter.area": "Programme area",
    "filter.type": "Activity type",
    "filter.fund": "Fund",
    "filter.currency": "Currency",
    "filter.unclear": "Include activities whose source names only the JPO",
    "filter.unclear_help": "About a third of documented activities name the Japan Patent Office as partner "
                           "but not the fund itself. They are left out of counts unless you include them.",
    "filter.none": "No filters: everything documented, {first} to {last}",
    "filter.active": "Showing: {filters}",
    "filter.reset": "Reset filters",
    "filter.ignored": "Ignored from the link: {items}",
    "filter.all": "all",
    # captions
    "caption.data": "Data as of {date}",
    "caption.source": "Source: {source}",
    "caption.filters": "Filters: {filters}",
    "caption.public_record": "public record compiled from WIPO, JPO and WTO documents (see Sources)",
    "empty.title": "Nothing matches these filters.",
    "empty.hint": "Widen the year range, remove a region or country, or include activities whose source "
                  "names only the JPO.",
    # units and generic
    "unit.activities": "activities",
    "unit.participants": "participants",
    "unit.countries": "countries",
    "label.year": "Year",
    "label.fiscal_year": "Japanese fiscal year (April to March)",
    "label.amount": "Amount ({currency})",
    "label.activities": "Activities",
    "label.participants": "Participants",
    "label.country": "Country",
    "label.region": "Region",
    "label.title": "Title",
    "label.type": "Type",
    "label.area": "Programme area",
    "label.objective": "Objective",
    "label.fund": "Fund",
    "label.scope": "Scope",
    "label.mode": "Mode",
    "label.hosts": "Host",
    "label.beneficiaries": "Beneficiaries",
    "label.beneficiaries_as_stated": "Beneficiaries as the source states them",
    "label.source": "Source",
    "label.quote": "Quote",
    "label.start": "Start",
    "label.end": "End",
    "label.note": "Note",
    "label.status": "Status",
    "label.currency": "Currency",
    "label.stated": "As stated",
    "label.converted": "converted",
    "label.open_source": "open",
    "label.gap": "No public figure",
    "label.yes": "yes",
    "label.no": "no",
    "label.no_rate": "No exchange rate for this year",
    "label.cumulative": "Sum of documented years",
    "label.cumulative_stated": "Cumulative total stated by a source",
    "label.unattributed": "No country named",
    # enumerations
    "fund.asia_pacific": "Asia-Pacific (1987-2019)",
    "fund.africa_ldcs": "Africa and LDCs (2008-2019)",
    "fund.global": "Global (from 2019)",
    "fund.combined": "Asia-Pacific + Africa (one budget line)",
    "fund.unclear": "Fund not named (JPO support)",
    "region.africa": "Africa",
    "region.arab": "Arab region",
    "region.asia_pacific": "Asia and the Pacific",
    "region.latin_america_caribbean": "Latin America and the Caribbean",
    "region.europe_central_asia": "Europe and Central Asia",
    "region.global": "Global / interregional",
    "scheme.wipo": "WIPO regions",
    "scheme.un": "UN M49 regions",
    "objective.ecosystems": "Self-sustaining IP ecosystems",
    "objective.global_network": "Global IP network",
    "objective.understanding": "Deeper understanding of IP",
    "objective.sdgs": "Sustainable Development Goals",
    "area.human_resources": "Human resources",
    "area.universities_smes": "Universities, research and SMEs",
    "area.branding": "Branding",
    "area.ip_office_modernization": "Modernizing IP offices",
    "area.policy_dialogue": "Policy discussions",
    "area.global_ip_systems_pct_madrid_hague": "PCT, Madrid and Hague",
    "area.wipo_it_systems": "WIPO IT systems",
    "area.public_awareness": "Communication to the public",
    "area.sdgs": "WIPO GREEN, WIPO Re:Search",
    "type.training_course": "Training course",
    "type.workshop": "Workshop",
    "type.conference": "Conference",
    "type.high_level_meeting": "High-level meeting",
    "type.seminar": "Seminar",
    "type.scholarship": "Scholarship",
    "type.fellowship": "Fellowship",
    "type.expert_mission": "Expert mission",
    "type.publication": "Publication",
    "type.branding_project": "Branding project",
    "type.digitization_project": "Digitization project",
    "type.modernization_project": "Modernization project",
    "type.platform": "Platform",
    "type.agreement": "Agreement",
    "type.other": "Other",
    "scope.national": "National",
    "scope.regional": "Regional",
    "scope.interregional": "Interregional",
    "scope.global": "Global",
    "status.executed": "executed",
    "status.budgeted": "budgeted",
    "status.stated": "stated",
    "status.stated_annual_level": "stated annual level",
    "status.planned": "planned",
    "status.pledged": "pledged",
    "status.requested": "requested",
    "milestone.1987": "1987: first contribution",
    "milestone.2008": "2008: Africa and LDCs fund",
    "milestone.2015": "2015: Africa CHF 1.6m a year",
    "milestone.2019": "2019: one Global fund",
    # overview
    "overview.cumulative": "Cumulative contributions (as stated)",
    "overview.cumulative_help": "The most recent cumulative total a source states: {source}",
    "overview.years_active": "Years active",
    "overview.countries": "Countries reached",
    "overview.countries_help": "Countries named as beneficiaries of the documented activities shown; "
                               "sources state 'more than 80' to 'more than 100'.",
    "overview.activities": "Documented activities",
    "overview.funding": "Funding per fiscal year",
    "overview.map": "Where the documented activities went",
    "overview.latest": "Latest documented activities",
    "overview.more": "All activities",
    # funding
    "funding.title": "Contributions per Japanese fiscal year, {currency}",
    "funding.converted_note": "Hatched bars were converted from the currency the source states, at the "
                              "fiscal year's average ECB reference rate ({source}, {first}-{last}); "
                              "earlier years have no rate and stay gaps.",
    "funding.gaps": "Years with no public figure: {years}",
    "funding.cumulative_note": "The line adds up documented years only; each gap adds nothing, so it is "
                               "a lower bound. Diamonds are cumulative totals the sources state.",
    "funding.figures": "The figures shown",
    "funding.undated": "Figures whose year no source states",
    # map
    "map.title": "Activities per country",
    "map.metric": "Show",
    "map.metric_activities": "Activities",
    "map.metric_participants": "Participants (national activities)",
    "map.scheme": "Regions",
    "map.by_region": "Activities per region and year",
    "map.multi": "Regional, interregional and global activities",
    "map.multi_help": "These involve several countries, or name a group such as ARIPO or ASEAN; the map "
                      "counts them for each country named.",
    "map.disclaimer": "The boundaries and names shown and the designations used on this map do not imply "
                      "official endorsement or acceptance by the United Nations or WIPO.",
    "map.grey": "Countries in grey have no documented activity under these filters.",
    "map.pick": "Open a country profile",
    "map.top": "The {count} countries with most activities",
    "map.click": "Click a country on the map, or pick it here, to open its profile.",
    # objectives
    "objectives.hierarchy": "The fund's four objectives and their programme areas",
    "objectives.trend": "Activities per objective and year",
    "objectives.examples": "Examples, with sources",
    # country
    "country.pick": "Country",
    "country.prompt": "Pick a country to see everything documented there.",
    "country.ldc_now": "Least developed country",
    "country.ldc_former": "Former least developed country",
    "country.not_ldc": "Not a least developed country",
    "country.ldc_periods": "On the UN list of least developed countries: {periods}",
    "country.ldc_period": "{start} to {end}",
    "country.ldc_today": "today",
    "country.activities": "Activities involving it",
    "country.national": "National activities",
    "country.multi": "Regional or wider activities including it",
    "country.first": "First documented",
    "country.timeline": "Timeline of activities",
    "country.types": "Activity types",
    "country.list": "Activities, with sources",
    "country.none": "No documented activity involves {country} under these filters.",
    # story
    "story.position": "{step} / {steps}",
    "story.previous": "Previous",
    "story.next": "Next",
    "story.own_filters": "Each step shows its own selection of the data; the sidebar's filters do not apply here.",
    "story.invalid": "The story file could not be read:",
    # brief
    "brief.open": "Printable country brief",
    "brief.title": "FIT Japan IP Global in {country}",
    "brief.subtitle": "Country brief · {filters} · data as of {date}",
    "brief.status": "UN status",
    "brief.download": "Download the brief",
    "brief.print_hint": "To save it as PDF, print this page (Ctrl+P or ⌘P) and choose 'Save as PDF'.",
    "brief.footer": "{shown} of {total} documented activities, newest first, each with the source it was read in. "
                    "Public record compiled from WIPO, JPO and WTO documents; data as of {date}.",
    # activities
    "activities.search": "Search titles and countries",
    "activities.count": "{count} activities",
    "activities.csv": "Download CSV",
    "activities.excel": "Download Excel",
    "activities.sheet_filters": "Filters",
    "activities.sheet_sources": "Sources",
    "activities.sheet_about": "About",
    "activities.data_as_of": "Data as of",
    "activities.exported": "Exported",
    # sources
    "sources.precedence": "How one figure is chosen per year and fund",
    "sources.precedence_text": (
        "Several sources often state a figure for the same fiscal year and fund. The dashboard shows one, "
        "chosen in this order: (1) status: executed, budgeted, stated, stated annual level, planned, pledged, "
        "requested; (2) a figure stated in the chosen currency; (3) the kind of source: the fund's own "
        "records, official Japanese, official WIPO, WTO record, other official, reference, news, secondary; "
        "(4) the row id. Japan's single budget line for both regional funds (2012-2018) replaces the "
        "regional figures of its years and is never added to them."),
    "sources.coverage": "What the public record documents, year by year",
    "sources.contradictions": "Contradictions: figures that differ for the same year and fund",
    "sources.candidates": "Every contribution figure and the one shown",
    "sources.facts": "Dated statements",
    "sources.list": "Every source",
    "sources.as_of": "Data as of {date}. {sources} sources; {contributions} contribution figures, "
                     "{activities} activities, {facts} statements.",
    "sources.gaps": "Fiscal years with no contribution figure: {years}",
    "sources.shown": "Shown",
    "sources.rows": "Rows citing it",
    "sources.kind": "Kind",
    "sources.language": "Language",
    "sources.published": "Published",
    "sources.contribution_rows": "Contribution figures",
    "sources.fund_named": "Activities naming the fund",
    "sources.statement_date": "Date as stated",
    "sources.metric": "What",
    "sources.value": "Value",
    "sources.unit": "Unit as stated",
    "sources.publisher": "Publisher",
    "sources.context": "Include statements not about this fund (context)",
}

TEXT = {"en": EN, "ja": ja.TEXT, "fr": fr.TEXT, "es": es.TEXT}


@cache
def texts(lang: str) -> dict[str, str]:
    """Key -> text in `lang`, read from its catalog the first time it is asked for."""
    return catalogs.translations(lang)


def t(key: str, lang: str = "en", **values) -> str:
    """The text for `key` in `lang` (English when `lang` has none), with {placeholders} filled."""
    own = texts(lang) if lang in LANGUAGES else {}
    text = own.get(key) or texts("en")[key]
    return text.format(**values) if values else text


def label(kind: str, value: str, lang: str = "en") -> str:
    """Display name of an enumerated value, such as label('fund', 'global')."""
    return t(f"{kind}.{value}", lang)
