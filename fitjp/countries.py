"""Countries by name: the English names the fund's documents use (UN terminology), the other
names a source or a reader may write, each resolved to its ISO 3166-1 alpha-3 code, and the
names in other languages (CLDR)."""

from __future__ import annotations

import unicodedata
from functools import cache

import pycountry

# The names the fund's own documents use are UN terminology (UNTERM, UN M49). ISO 3166's short
# names, as pycountry ships them from the iso-codes project, are the base: they are maintained
# and almost always the UN's. Only where the two differ does the UN name win, each listed here.
UN_NAMES = {
    # ISO writes these in list-sorting order ("Korea, Republic of"); the UN in reading order.
    "BOL": "Bolivia (Plurinational State of)",
    "COD": "Democratic Republic of the Congo",
    "FSM": "Micronesia (Federated States of)",
    "IRN": "Iran (Islamic Republic of)",
    "KOR": "Republic of Korea",
    "MDA": "Republic of Moldova",
    "PRK": "Democratic People's Republic of Korea",
    "PSE": "State of Palestine",
    "TZA": "United Republic of Tanzania",
    "VEN": "Venezuela (Bolivarian Republic of)",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
    # ISO adds the state's other name; UN M49 and WIPO's member list write the short one.
    "VAT": "Holy See",
    "USA": "United States of America",
}
# Kept as ISO writes them, on purpose: "Hong Kong" and "Macao" (UN M49's "China, Hong Kong
# Special Administrative Region" is a sorting form), "United Kingdom" (WIPO's member list),
# "Taiwan, Province of China" (UN M49 has no entry of its own to follow).

# English names sources or readers use that none of the above knows: not ISO's short name, not
# the UN name, not pycountry's common name ("Vietnam", "Laos", "Tanzania") and not CLDR's
# English name ("Brunei", "Russia", "Cape Verde"), all of which are aliases already.
ALIASES = {
    "Lao PDR": "LAO",  # the abbreviation UN and World Bank documents use
    "Turkey": "TUR",  # Türkiye's English name until the UN changed it in June 2022
    "UAE": "ARE",
    "DR Congo": "COD",
    "Palestine": "PSE",
    "Ivory Coast": "CIV",  # the English translation of Côte d'Ivoire, still common in the press
    "Swaziland": "SWZ",  # Eswatini's name until 2018
}


def resolve_country_name(name: str) -> str | None:
    """ISO-3 code for a country name or code, or None for anything else (an organisation,
    a group such as "ASEAN member states", a count such as "22 countries"). Knows every name
    the search knows: the display name and each alias, however cased and accented."""
    if code := names_to_codes().get(folded(name.strip())):
        return code
    try:
        return pycountry.countries.lookup(name.strip()).alpha_3
    except LookupError:
        return None


@cache
def names_to_codes() -> dict[str, str]:
    """Every display name and alias, folded, to its ISO-3 code."""
    return {folded(name): country.alpha_3 for country in pycountry.countries
            for name in (display_name(country.alpha_3), *aliases(country.alpha_3))}


def display_name(iso3: str) -> str:
    """The English name the fund's documents use: UN terminology, else ISO 3166's short name."""
    return UN_NAMES.get(iso3) or pycountry.countries.get(alpha_3=iso3).name


def folded(text: str) -> str:
    """Text as a search compares it: lower case, without accents, one kind of apostrophe.
    queries/activity_list.sql folds the same way (strip_accents, lower, replace)."""
    text = unicodedata.normalize("NFD", text.replace("\u2019", "'").lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def aliases(iso3: str) -> list[str]:
    """Other English names of a country a reader may type: ISO's own form where the UN name
    replaced it, pycountry's common name, CLDR's English name (what the dashboard showed
    before) and the names in ALIASES. None repeats the display name or another alias once
    case, accents and apostrophes are folded."""
    country = pycountry.countries.get(alpha_3=iso3)
    from babel import Locale

    candidates = [country.name, getattr(country, "common_name", None),
                  Locale("en").territories.get(country.alpha_2)]
    candidates += [name for name, code in ALIASES.items() if code == iso3]
    seen, out = {folded(display_name(iso3))}, []
    for name in candidates:
        if name and folded(name) not in seen:
            seen.add(folded(name))
            out.append(name)
    return out


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


def localized_name(iso3: str, lang: str) -> str:
    """A country's name in `lang` (CLDR), or in English as the fund's documents write it."""
    country = pycountry.countries.get(alpha_3=iso3)
    return localized_territory(country.alpha_2, lang, display_name(iso3)) if country else iso3
