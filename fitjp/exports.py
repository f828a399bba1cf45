"""Files a reader takes away: the filtered activities as CSV and as Excel. Pure functions.

Both files read as the Activities page does: readable headers and labels in the reader's
language, country names in it too, dates as dates, an empty cell where there is no value.
The codes follow in columns at the end, for anyone joining the file to other data. A text
cell a spreadsheet would run as a formula is written as text (see `neutralised`).
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import openpyxl
import pandas as pd
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fitjp.countries import localized_name
from fitjp.i18n import label, t

# The columns of the activity_list query the exports read.
EXPORT_COLUMNS = ["activity_id", "year", "start_date", "end_date", "title", "activity_type", "objective",
                  "programme_area", "fund", "mode", "scope", "region", "participants",
                  "participants_as_stated", "hosts", "beneficiaries", "beneficiaries_as_stated",
                  "iso3_codes", "source_title", "source_publisher", "source_url", "quote", "note"]

# Shown columns, in order, each with the text key of its header.
HEADERS = {
    "activity_id": "export.activity_id", "year": "label.year", "start_date": "label.start",
    "end_date": "label.end", "title": "label.title", "activity_type": "label.type",
    "objective": "label.objective", "programme_area": "label.area", "fund": "label.fund",
    "mode": "label.mode", "scope": "label.scope", "region": "label.region",
    "participants": "label.participants", "participants_as_stated": "export.participants_as_stated",
    "hosts": "label.hosts", "beneficiaries": "label.beneficiaries",
    "beneficiaries_as_stated": "label.beneficiaries_as_stated", "source_title": "label.source",
    "source_publisher": "sources.publisher", "source_url": "export.source_url", "quote": "label.quote",
    "note": "label.note",
}
# Columns holding a code, shown as its label (the kind of i18n.label); the code itself goes to
# `<column>_code` at the end, with the ISO-3 codes of the countries.
LABELLED = {"activity_type": "type", "objective": "objective", "programme_area": "area", "fund": "fund",
            "mode": "mode", "scope": "scope", "region": "region"}
CODE_COLUMNS = [f"{column}_code" for column in LABELLED] + ["iso3_codes"]
DATE_COLUMNS = ("start_date", "end_date")
# Countries in the reader's language when the rows carry their codes (activity_list does).
COUNTRY_CODES = {"hosts": "host_iso3", "beneficiaries": "beneficiary_iso3"}
# Filters as the page describes them (URL names, fitjp.filters.URL_NAMES), named for a reader.
FILTER_NAMES = {"from": "export.filter_from", "to": "export.filter_to", "region": "filter.region",
                "country": "filter.country", "objective": "filter.objective", "area": "filter.area",
                "type": "filter.type", "fund": "filter.fund", "currency": "filter.currency",
                "unclear": "filter.unclear"}
SOURCE_HEADERS = {"source_title": "label.source", "source_publisher": "sources.publisher",
                  "source_url": "export.source_url"}

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_FORMAT = "yyyy-mm-dd"
MIN_WIDTH, MAX_WIDTH = 10, 60  # in characters; Excel opens a column at 8.43
# A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets
# (OWASP "CSV Injection"); a leading apostrophe keeps it text. The full-width forms too: a
# Japanese spreadsheet may read ＝ as = (fitjp/opendata.py applies the same rule to its CSVs).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralised(value):
    """A text that would start a formula, with a leading apostrophe; anything else as it is
    (a negative number is a number, not text, and stays one)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def is_empty(value) -> bool:
    """No value: None, NaN, pandas' NA or an empty text (a scalar; lists are values)."""
    if isinstance(value, str):
        return value == ""
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def countries_in(codes, lang: str) -> str | None:
    """Country codes as names in `lang`, as the page's table lists them."""
    if not isinstance(codes, (list, tuple)) and getattr(codes, "ndim", 0) != 1:
        return None
    return "; ".join(sorted(localized_name(code, lang) for code in codes)) or None


def readable(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows as a reader sees them, keyed by column name: labels for codes, countries in
    the reader's language, None for every missing value; the codes at the end."""
    shown = rows[EXPORT_COLUMNS].copy()
    for column in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[column]):  # numbers keep their type (2015, not 2015.0)
            shown[column] = shown[column].astype(object).map(lambda v: None if is_empty(v) else v)
    out = shown[list(HEADERS)].copy()
    for column, kind in LABELLED.items():
        out[column] = shown[column].map(lambda code: None if code is None else label(kind, code, lang))
    if lang != "en":
        for column, codes in COUNTRY_CODES.items():
            if codes in rows:
                out[column] = [countries_in(c, lang) or name for c, name in zip(rows[codes], out[column])]
    for column in LABELLED:
        out[f"{column}_code"] = shown[column]
    out["iso3_codes"] = shown["iso3_codes"]
    return out


def headers(columns, lang: str) -> list[str]:
    return [t(HEADERS[c], lang) if c in HEADERS else c for c in columns]


def activities_csv(rows: pd.DataFrame, lang: str = "en") -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Japanese and accented names correctly.
    Dates stay ISO text (2016-02-03, or 2016-02 where a source gives only the month)."""
    table = readable(rows, lang).map(neutralised)
    table.columns = headers(table.columns, lang)
    return table.to_csv(index=False, lineterminator="\r\n", na_rep="").encode("utf-8-sig")


def excel_value(value, as_date: bool = False):
    """A cell's value: a full ISO date as a date where dates belong, text neutralised, numbers
    as numbers, None for no value."""
    if is_empty(value):
        return None
    if as_date and isinstance(value, str) and ISO_DATE.fullmatch(value):
        return date.fromisoformat(value)
    if hasattr(value, "item"):  # numpy and pandas scalars: plain Python numbers for openpyxl
        value = value.item()
    return neutralised(value)


def write_sheet(sheet: Worksheet, header: list[str] | None, records, date_columns=()) -> None:
    """Rows into a sheet, a bold frozen header when there is one, dates with a date format,
    columns as wide as their content (capped)."""
    if header:
        sheet.append([neutralised(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for record in records:
        sheet.append([excel_value(v, i in date_columns) for i, v in enumerate(record)])
    for row in sheet.iter_rows(min_row=2 if header else 1):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    fit_widths(sheet)


def text_width(value) -> int:
    """How many character widths a value takes: a Japanese character takes two."""
    if isinstance(value, date):
        return len(DATE_FORMAT)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def fit_widths(sheet: Worksheet) -> None:
    for index, column in enumerate(sheet.iter_cols(), start=1):
        longest = max((text_width(c.value) for c in column if c.value is not None), default=0)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)


def activities_excel(rows: pd.DataFrame, about: dict[str, str], filters: dict[str, str],
                     sheet_names: dict[str, str], lang: str = "en") -> bytes:
    """A workbook: the activities (with an autofilter), the filters that selected them, the
    data date and the sources they cite. `sheet_names` names the sheets in the reader's
    language; `filters` is keyed by URL name (or by a readable name, kept as it is)."""
    table = readable(rows, lang)
    book = openpyxl.Workbook()
    activities = book.active
    activities.title = sheet_names["activities"]
    dates = {table.columns.get_loc(c) for c in DATE_COLUMNS}
    write_sheet(activities, headers(table.columns, lang), table.itertuples(index=False), dates)
    activities.auto_filter.ref = activities.dimensions

    write_sheet(book.create_sheet(sheet_names["filters"]), [t("export.filter", lang), t("export.value", lang)],
                [(t(FILTER_NAMES[k], lang) if k in FILTER_NAMES else k, v) for k, v in filters.items()])
    # The about sheet is a list of statements, no header: a date stated there is a date cell.
    write_sheet(book.create_sheet(sheet_names["about"]), None, about.items(), date_columns={1})

    sources = (rows[list(SOURCE_HEADERS)].drop_duplicates()
               .sort_values(["source_publisher", "source_title"], na_position="last"))
    write_sheet(book.create_sheet(sheet_names["sources"]), [t(k, lang) for k in SOURCE_HEADERS.values()],
                sources.itertuples(index=False))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
