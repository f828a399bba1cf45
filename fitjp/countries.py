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
    the search and the pickers know (names_of), however cased and accented."""
    if code := names_to_codes().get(folded(name.strip())):
        return code
    try:
        return pycountry.countries.lookup(name.strip()).alpha_3
    except LookupError:
        return None


@cache
def names_to_codes(lang: str = "en") -> dict[str, str]:
    """Every name of every country (names_of), folded, to its ISO-3 code. Where two countries
    share a name across languages, the name in `lang` wins, then the English names: the
    reader's own language decides what a name means to them."""
    index: dict[str, str] = {}
    for tier in (lambda c: [localized_name(c, lang)], lambda c: [display_name(c), *aliases(c)], names_of):
        for country in pycountry.countries:
            for name in tier(country.alpha_3):
                index.setdefault(folded(name), country.alpha_3)
    return index


@cache
def names_of(iso3: str) -> tuple[str, ...]:
    """Every name a reader may type for a country: the English name the fund's documents use,
    its other English names and former names (aliases) and its name in each of the dashboard's
    languages (CLDR). No two of them fold alike. (Its ISO-3 code is no name: "and" is a word.)"""
    from fitjp.i18n import LANGUAGES

    names = [display_name(iso3), *aliases(iso3), *(localized_name(iso3, lang) for lang in LANGUAGES)]
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(folded(name), name)
    return tuple(unique.values())


def name_rows() -> list[tuple[str, str]]:
    """(ISO-3 code, name) for every name of every country, as the search's table holds them."""
    return [(c.alpha_3, name) for c in pycountry.countries for name in names_of(c.alpha_3)]


def find_countries(text: str, lang: str, among=None) -> list[str]:
    """The countries a reader means by `text`, typed into a picker or a search: the one it
    names (any name of names_of, in any case, with or without accents, with any apostrophe,
    or its ISO-3 code), else those with a name starting with it, else those with a name
    containing it. Only `among` (codes) when given; in the order of their names in `lang`."""
    needle = folded(text.strip())
    if not needle:
        return []
    codes = pycountry.countries if among is None else filter(None, map(_country, among))
    candidates = {c.alpha_3: _folded_names(c.alpha_3) for c in codes}
    for named in (names_to_codes(lang).get(needle), text.strip().upper()):
        if named in candidates:
            return [named]
    for matches in (lambda name: name.startswith(needle), lambda name: needle in name):
        found = [code for code, names in candidates.items() if any(map(matches, names))]
        if found:
            return sorted(found, key=lambda code: folded(localized_name(code, lang)))
    return []


@cache
def _folded_names(iso3: str) -> tuple[str, ...]:
    return tuple(map(folded, names_of(iso3)))


def _country(iso3: str):
    return pycountry.countries.get(alpha_3=iso3) if isinstance(iso3, str) and len(iso3) == 3 else None


def display_name(iso3: str) -> str:
    """The English name the fund's documents use: UN terminology, else ISO 3166's short name."""
    return UN_NAMES.get(iso3) or pycountry.countries.get(alpha_3=iso3).name


# Typed apostrophes and dashes, folded to one of each: "Cote d'Ivoire" is "Côte d’Ivoire",
# "Guinea Bissau" is "Guinea-Bissau". queries/macros/folded.sql folds the same way.
FOLDED_MARKS = str.maketrans({**dict.fromkeys("\u2019\u2018\u02bc`\u00b4\u2032", "'"),
                              **dict.fromkeys("-\u2010\u2011\u2013\u2014", " ")})


def folded(text: str) -> str:
    """Text as a search compares it: lower case, without accents, one kind of apostrophe,
    dashes as spaces. The SQL macro folded() (queries/macros/folded.sql) folds alike."""
    text = unicodedata.normalize("NFD", text.lower().translate(FOLDED_MARKS))
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


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
