"""Every filter of the dashboard in one frozen value, to and from the URL.

The URL is the only place a view's state lives, so a link reopens the view exactly.
Names in the URL: from, to, region, country (ISO-3, comma-separated), objective, area,
type, fund, currency, unclear, and the two view settings lang and present. Anything
invalid in a URL is dropped with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from fitjp.countries import is_iso3
from fitjp.i18n import LANGUAGES
from fitjp.record.schema import (ACTIVITY_REGIONS, ACTIVITY_TYPES, CURRENCIES, FIRST_FISCAL_YEAR, FUNDS,
                          OBJECTIVES, PROGRAMME_AREAS, last_fiscal_year)

FILTER_FUNDS = FUNDS  # 'unclear' activities are switched on by their own flag


def current_year() -> int:
    return date.today().year


@dataclass(frozen=True)
class Filters:
    year_from: int = FIRST_FISCAL_YEAR
    year_to: int = 0  # 0 = the current year, so a shared link keeps meaning "to date"
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    funds: tuple[str, ...] = ()
    currency: str = "CHF"
    include_unclear: bool = False
    # How to show, not what: kept by a reset of the filters.
    lang: str = "en"
    present: bool = False

    @property
    def last_year(self) -> int:
        return self.year_to or current_year()

    @property
    def is_default(self) -> bool:
        """No filter set (the view settings lang and present do not count)."""
        return self.reset() == self

    def reset(self) -> "Filters":
        """The default filters, keeping this view's language and presenter mode."""
        return Filters(lang=self.lang, present=self.present)

    def activity_params(self) -> dict:
        """The parameters every activity query takes (see queries/macros/filtered_activities.sql)."""
        return {
            "year_from": self.year_from,
            "year_to": self.last_year,
            "include_undated": self.year_from == FIRST_FISCAL_YEAR and not self.year_to,
            "regions": list(self.regions),
            "countries": list(self.countries),
            "objectives": list(self.objectives),
            "areas": list(self.areas),
            "types": list(self.types),
            "funds": list(self.funds),
            "include_unclear": self.include_unclear,
        }

    def to_query_params(self) -> dict[str, str]:
        """Only what differs from the defaults, so links stay short."""
        params = {}
        for name, key in URL_NAMES.items():
            value = getattr(self, name)
            if value == getattr(DEFAULT, name):
                continue
            if isinstance(value, tuple):
                params[key] = ",".join(value)
            elif isinstance(value, bool):
                params[key] = "1"
            else:
                params[key] = str(value)
        return params


DEFAULT = Filters()
URL_NAMES = {"year_from": "from", "year_to": "to", "regions": "region", "countries": "country",
             "objectives": "objective", "areas": "area", "types": "type", "funds": "fund",
             "currency": "currency", "include_unclear": "unclear", "lang": "lang", "present": "present"}
VIEW_SETTINGS = ("lang", "present")
CHOICES = {"regions": ACTIVITY_REGIONS, "objectives": OBJECTIVES, "areas": PROGRAMME_AREAS,
           "types": ACTIVITY_TYPES, "funds": FILTER_FUNDS}


def _parse_year(text: str) -> int | None:
    text = text.strip()
    if text.isdecimal() and FIRST_FISCAL_YEAR <= int(text) <= last_fiscal_year():
        return int(text)
    return None


def _parse_list(name: str, text: str) -> tuple[tuple[str, ...], list[str]]:
    """Valid items in URL order without repeats, and the items that were not valid."""
    items = [item.strip() for item in text.split(",") if item.strip()]
    if name == "countries":
        items = [item.upper() for item in items]
        valid = [item for item in items if is_iso3(item)]
    else:
        valid = [item for item in items if item in CHOICES[name]]
    return tuple(dict.fromkeys(valid)), [item for item in items if item not in valid]


def from_query_params(params: dict[str, str | list[str]]) -> tuple[Filters, list[tuple[str, str]]]:
    """Filters from a URL's query parameters, and (parameter, value) pairs that were ignored."""
    values, ignored = {}, []
    for name, key in URL_NAMES.items():
        raw = params.get(key)
        if raw is None:
            continue
        text = raw[-1] if isinstance(raw, list) else str(raw)
        if name in ("year_from", "year_to"):
            year = _parse_year(text)
            if year is None:
                ignored.append((key, text))
            else:
                values[name] = year
        elif name == "currency":
            if text.upper() in CURRENCIES:
                values[name] = text.upper()
            else:
                ignored.append((key, text))
        elif name == "lang":
            if text in LANGUAGES:
                values[name] = text
            else:
                ignored.append((key, text))
        elif name in ("include_unclear", "present"):
            if text in ("1", "true", "0", "false"):
                values[name] = text in ("1", "true")
            else:
                ignored.append((key, text))
        else:
            valid, bad = _parse_list(name, text)
            values[name] = valid
            ignored += [(key, item) for item in bad]
    filters = Filters(**values)
    if filters.year_to and filters.year_from > filters.year_to:
        ignored.append(("from", str(filters.year_from)))
        filters = replace(filters, year_from=DEFAULT.year_from)
    return filters, ignored


def active_filters(filters: Filters) -> list[tuple[str, object]]:
    """(field, value) of every filter not at its default, in sidebar order (view settings aside)."""
    return [(f.name, getattr(filters, f.name)) for f in fields(Filters)
            if f.name not in VIEW_SETTINGS and getattr(filters, f.name) != getattr(DEFAULT, f.name)]


# A page's own view choices in the URL, beside the filters: not filters (a reset keeps them, the
# other pages ignore them), validated the same way. The map's: /map?metric=participants&zoom=africa.
MAP_METRICS = {"activities": "activity_count", "participants": "national_participants"}  # URL value: column
MAP_ZOOMS = tuple(r for r in ACTIVITY_REGIONS if r != "global")  # 'global' is no place to zoom to


def page_choice(values: str | list[str] | None, allowed) -> tuple[str | None, str | None]:
    """A page's own URL parameter: (the value when `allowed` has it, else None; the value to
    report as ignored, else None). A missing or empty parameter is no choice, not an error."""
    value = values[-1] if isinstance(values, list) and values else values if isinstance(values, str) else None
    if not value:
        return None, None
    return (value, None) if value in allowed else (None, value)
