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
