"""Country names as sources write them, resolved to ISO 3166-1 alpha-3 codes."""

from __future__ import annotations

import pycountry

# Names the sources use that pycountry's exact lookup does not know.
ALIASES = {
    "vietnam": "VNM",
    "laos": "LAO",
    "lao pdr": "LAO",
    "brunei": "BRN",
    "tanzania": "TZA",
    "syria": "SYR",
    "turkey": "TUR",
    "uae": "ARE",
    "dr congo": "COD",
    "republic of korea": "KOR",
    "iran (islamic republic of)": "IRN",
    "iran": "IRN",
    "hong kong": "HKG",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "palestine": "PSE",
    "russia": "RUS",
    "cote d'ivoire": "CIV",
}


def resolve_country_name(name: str) -> str | None:
    """ISO-3 code for a country name or code, or None for anything else (an organisation,
    a group such as "ASEAN member states", a count such as "22 countries")."""
    key = name.strip().lower()
    if key in ALIASES:
        return ALIASES[key]
    try:
        return pycountry.countries.lookup(name.strip()).alpha_3
    except LookupError:
        return None


def is_iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None if len(code) == 3 else False


# UN M49 codes of the regions and sub-regions named in data/raw/countries.csv, so CLDR can
# name them in the reader's language.
M49_REGION_CODES = {
    "Africa": "002", "Americas": "019", "Asia": "142", "Europe": "150", "Oceania": "009",
    "Northern Africa": "015", "Sub-Saharan Africa": "202", "Latin America and the Caribbean": "419",
    "Northern America": "021", "Central Asia": "143", "Eastern Asia": "030", "South-eastern Asia": "035",
    "Southern Asia": "034", "Western Asia": "145", "Eastern Europe": "151", "Northern Europe": "154",
    "Southern Europe": "039", "Western Europe": "155", "Australia and New Zealand": "053",
    "Melanesia": "054", "Micronesia": "057", "Polynesia": "061",
}


def localized_territory(code: str, lang: str, fallback: str) -> str:
    """CLDR's name of a territory (ISO alpha-2 or M49 code) in `lang`; English keeps the
    data's own names."""
    if lang == "en" or not code:
        return fallback
    from babel import Locale

    return Locale.parse(lang).territories.get(code, fallback)


def localized_region(name: str | None, lang: str) -> str | None:
    """A UN M49 region or sub-region name in `lang`."""
    if not name:
        return name
    return localized_territory(M49_REGION_CODES.get(name, ""), lang, name)
