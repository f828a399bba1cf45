"""What to tell a person about a problem: where it is, how to fix it, and both in their
language.

A hint uses what the column holds: a year column suggests the year a cell names ("2023" for
"FY2023" or "令和5年度"), a date column the date in the template's form, a country column the
ISO-3 code of a country named in any of the dashboard's four languages ("Viet Nam " -> VNM),
through the country index the public pickers use (fitjp/countries.py).

Problems and hints are written in English (the CLI, the logs, the tests). spoken() says one in
another language: the English catalog holds each text under a problem.*, hint.* or staff.*
key, placeholders and all, so the text is matched back to its key and its values, and the key
looked up in the reader's language. A text no key matches stays in English.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from fitjp.countries import find_countries, localized_name, resolve_country_name
from fitjp.i18n import LANGUAGES, STAFF_KEYS, t, texts
from fitjp.record.schema import FIRST_FISCAL_YEAR, TABLES, last_fiscal_year
from fitjp.record.validate import Problem, is_partial_date

HINTS = [  # (start of a validation message, what to do), first match wins; said in
           # the staff's language through the catalogs (hint.* keys, spoken())
    ("column missing from the header", "Add the column with exactly this name to the header (copy the "
                                       "header row from the template)."),
    ("unknown column", "Delete the column, or rename it to a column of the template (see the guide sheet)."),
    ("required value is empty", "Fill in the cell: this column is required."),
    ("not a whole number", "Type digits only, such as 12."),
    ("not a number", "Type digits only, with a dot for decimals and no currency or thousands separator: "
                     "1000000, not 1,000,000 CHF."),
    ("not a finite number", "Type the number itself."),
    ("fiscal year outside", "Type the Japanese fiscal year as four digits, such as 2024."),
    ("must be at least", "Amounts and counts cannot be negative: check the sign."),
    ("not a date", "Type the date as YYYY-MM-DD (or YYYY-MM, or YYYY)."),
    ("not an ISO 3166-1", "Use the country's three-letter ISO code, such as KEN for Kenya."),
    ("not a web address", "Paste the full address, starting with https://."),
    ("unknown value", "Pick a value from the cell's drop-down list in the template."),
    ("duplicate id", "Give each row its own id: change or delete one of the rows with this id."),
    ("ends before its start_date", "Check both dates: an activity cannot end before it starts."),
    ("not found in sources", "Add the source to the sources sheet, or use the id of a published source."),
    ("not found in countries", "Use the country's three-letter ISO code, such as KEN for Kenya."),
    ("not found in activities", "Add the activity to the activities sheet, or use a published activity's id."),
    ("not found in", "Use a value that exists in the table named."),
    ("text of", "Shorten the text: keep the quote to the sentences that state the figure."),
    ("amount above", "Check the amount: type it in plain units of its currency."),
    ("more than", "Check the number of participants."),
    ("date in the future", "Records describe what happened: check the year."),
]



# What each column holds, by its name (a name means the same kind in every table).
COLUMN_KINDS = {column.name: column.kind for table in TABLES.values() for column in table.columns}
SUGGESTED = ("not a whole number", "not a number", "fiscal year outside", "not a date", "not an ISO 3166-1",
             "not found in countries")


def with_hint(problem: Problem) -> Problem:
    """The problem with how to fix it: a suggestion from the cell's own value where the
    column's kind gives one, else the advice for its kind of problem."""
    if problem.hint:
        return problem
    hint = (suggestion(problem) if problem.message.startswith(SUGGESTED) else "") or next(
        (text for start, text in HINTS if problem.message.startswith(start)), "")
    return Problem(problem.file, problem.row, problem.column, problem.value, problem.message, hint)


def suggestion(problem: Problem) -> str:
    kind = COLUMN_KINDS.get(problem.column)
    if kind == "year" and (year := year_in(problem.value)):
        return f"Type the year alone, as four digits: {year}."
    if kind == "date" and (day := date_in(problem.value)):
        return f"Type the date as YYYY-MM-DD (or YYYY-MM, or YYYY): {day}."
    if kind == "iso3":
        codes = countries_in(problem.value)
        if len(codes) == 1:
            return f"Use the country's three-letter ISO code: {codes[0]} for {localized_name(codes[0], 'en')}."
        if 1 < len(codes) <= 5:
            named = ", ".join(f"{code} ({localized_name(code, 'en')})" for code in codes)
            return f"Use the country's three-letter ISO code, one of: {named}."
    return ""


# Japanese eras, by the year before each's first (令和元年 is 2019).
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988, "S": 1925}
ERA_YEAR = re.compile(r"(令和|平成|昭和|(?<![A-Z])[RHS])\s*(元|\d{1,2})\s*年?")


def year_in(text: str) -> str | None:
    """The fiscal year a cell names: "FY2023", "2023年度", "２０２３" (full-width), "令和5年度",
    "H30", "FY23", "2023/24"; None where it names none in the fund's years."""
    text = unicodedata.normalize("NFKC", text).strip()
    if found := re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", text):
        year = int(found.group(0))
    elif found := ERA_YEAR.search(text.upper() if text.isascii() else text):
        year = ERAS[found.group(1)] + (1 if found.group(2) == "元" else int(found.group(2)))
    elif found := re.fullmatch(r"(?:J?FY)\s*'?(\d{2})", text, re.IGNORECASE):
        year = 2000 + int(found.group(1))
    else:
        return None
    return str(year) if FIRST_FISCAL_YEAR <= year <= last_fiscal_year() else None


def date_in(text: str) -> str | None:
    """A date written year first in another form: "2024/5/1", "2024.05.01", "2024年5月1日"."""
    text = unicodedata.normalize("NFKC", text).strip()
    found = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?", text)
    if not found:
        return None
    day = "-".join([found.group(1), *(f"{int(part):02d}" for part in found.groups()[1:] if part)])
    return day if is_partial_date(day) else None


def countries_in(text: str) -> list[str]:
    """The ISO-3 codes a country cell may mean: the country it names in any of the four
    languages (trimmed, in any case and with or without accents), else those whose names start
    with it or contain it."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return []
    if code := resolve_country_name(text):
        return [code]
    return sorted({code for lang in LANGUAGES for code in find_countries(text, lang)})


def describe(problem: Problem) -> str:
    """One line a person can act on: where, what is wrong, the value, how to fix it."""
    where = problem.file if not problem.row else f"{problem.file}, row {problem.row}"
    if problem.column:
        where += f", column '{problem.column}'"
    value = f" (value: {shorten(problem.value)!r})" if problem.value else ""
    return f"{where}: {problem.message}{value}. {problem.hint}".rstrip()


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


# ---- the same in the staff's language ----------------------------------------------------

def spoken(text: str, lang: str) -> str:
    """An English problem, hint or staff message in `lang`, with its values kept; the text
    itself where no catalog key matches it (or the language has no text for the key)."""
    if lang == "en" or not text:
        return text
    for pattern, key in english_patterns():
        if found := pattern.fullmatch(text):
            values = found.groupdict()
            if "code" in values and "name" in values:  # a country suggestion names it in `lang`
                values["name"] = localized_name(values["code"], lang)
            return t(key, lang, **values)
    return text


@cache
def english_patterns() -> list[tuple[re.Pattern, str]]:
    """Each English problem, hint and staff text as a pattern, its {placeholders} as groups;
    the most literal first, so a text with a value never matches a more general one."""
    patterns = []
    for key, text in texts("en").items():
        if key.startswith(STAFF_KEYS):
            patterns.append((re.compile(_pattern(text), re.DOTALL), key, len(re.sub(r"\{\w+\}", "", text))))
    return [(pattern, key) for pattern, key, _ in sorted(patterns, key=lambda entry: -entry[2])]


def _pattern(text: str) -> str:
    parts, seen = [], set()
    for piece in re.split(r"(\{\w+\})", text):
        name = piece[1:-1] if re.fullmatch(r"\{\w+\}", piece) else None
        if name is None:
            parts.append(re.escape(piece))
        else:
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
    return "".join(parts)
