"""A chart's figures as a reader can take them away: the rows the chart was drawn from,
under headings in the reader's language, as an accessible HTML table (the chart's Table
view) and as a CSV file that names its filters, source, release, citation and licence.

A view builds its ChartData from the very frame it gives its chart builder, so the table
holds the chart's figures, no others. A value missing from the record stays an empty cell:
a gap is shown as a gap. Pure: no Streamlit.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import pandas as pd
from babel.numbers import get_group_symbol

from fitjp.exports import neutralised

# Rows of the CSV file above its table, always these, in this order, then one empty line:
# a spreadsheet shows them as a heading block; a script skips ABOUT_ROWS + 1 lines.
ABOUT_KEYS = ("title", "filters", "source", "data", "cite", "licence", "address")
ABOUT_ROWS = len(ABOUT_KEYS)
GAP = "–"  # how the HTML table shows a missing value (the CSV leaves the cell empty)


@dataclass(frozen=True)
class Column:
    name: str  # the frame's column
    heading: str  # in the reader's language
    shown: Callable | None = None  # a code to its name in the reader's language
    is_year: bool = False  # written as a year (2024), not as a quantity (2,024)


@dataclass(frozen=True)
class ChartData:
    name: str  # the file's stem, e.g. "funding-history"
    title: str
    rows: pd.DataFrame = field(repr=False)
    columns: tuple[Column, ...]
    note: str = ""  # said under the chart (a provisional year)

    def fingerprint(self) -> int:
        """A hash of the rows' shown columns: two tables with one fingerprint show the same
        figures (for a cache key; about a tenth of the cost of building the table)."""
        return int(pd.util.hash_pandas_object(self.rows[[c.name for c in self.columns]], index=False).sum())

    def table(self) -> pd.DataFrame:
        """The columns a reader reads, headed and with names for codes; numbers stay numbers."""
        headed = {}
        for column in self.columns:
            values = self.rows[column.name]
            if column.shown is not None:
                values = values.map(lambda v, shown=column.shown: None if pd.isna(v) else shown(v))
            elif column.is_year:
                values = values.map(lambda v: None if pd.isna(v) else str(int(v)))
            headed[column.heading] = values.reset_index(drop=True)
        return pd.DataFrame(headed)


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def cell_text(value, group: str) -> str:
    """A cell as the table shows it: a number whole, its digits grouped by `group` (as the page's
    tables and the charts' hovers show amounts; the CSV keeps every digit), a gap as a dash."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return GAP
    if is_number(value) or hasattr(value, "dtype"):
        return f"{round(float(value)):,}".replace(",", group)
    return escape(str(value))


def html_table(data: ChartData, lang: str) -> str:
    """The table as HTML: captioned, headed by column, numbers aligned right. A labelled region
    the keyboard reaches (tabindex), which scrolls sideways on a narrow screen."""
    table = data.table()
    numeric = [pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
               for c in table.columns]
    aligned = [' class="n"' if n else "" for n in numeric]
    group = get_group_symbol(locale=lang)  # once: babel's format_decimal per cell was most of a table's cost
    head = "".join(f'<th scope="col"{a}>{escape(c)}</th>' for c, a in zip(table.columns, aligned))
    body = "".join("<tr>" + "".join(f"<td{a}>{cell_text(v, group)}</td>" for v, a in zip(row, aligned)) + "</tr>"
                   for row in table.itertuples(index=False))
    title = escape(data.title)
    return (f'<div class="chart-table" role="region" aria-label="{title}" tabindex="0">'
            f"<table><caption>{title}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def csv_file(data: ChartData, about: dict[str, tuple[str, str]]) -> bytes:
    """The CSV a reader downloads: the about block (ABOUT_KEYS, each its label and its text),
    an empty line, then the table. UTF-8 with a byte-order mark, which Excel needs to read
    Japanese; a text that would start a formula is neutralised as in every export."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for key in ABOUT_KEYS:
        writer.writerow([neutralised(text) for text in about[key]])
    writer.writerow([])
    table = data.table()
    writer.writerow([neutralised(heading) for heading in table.columns])
    for row in table.itertuples(index=False):
        writer.writerow([csv_value(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def csv_value(value):
    """A cell as the file holds it: a missing value empty, a whole number without '.0'."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return neutralised(value)


def read_csv(content: bytes) -> pd.DataFrame:
    """The table of a downloaded chart CSV, as a script reads it back (docs/opendata.md)."""
    return pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", skiprows=ABOUT_ROWS + 1)
