"""Tables a reader can scan: labels, not codes; empty cells, not "None"; a link to each source."""

from __future__ import annotations

import re
from html import escape

import pandas as pd
import pyarrow as pa
import streamlit as st

from fitjp import exports
from fitjp.countries import folded
from fitjp.i18n import label, t
from fitjp.ui.cache import shared
from fitjp.ui.state import lang


def labelled(frame: pd.DataFrame, **kinds: str) -> pd.DataFrame:
    """A copy with enumerated columns shown by name: labelled(rows, fund="fund", status="status")."""
    language = lang()
    return frame.assign(**{column: frame[column].map(lambda v, k=kind: label(k, v, language) if pd.notna(v) else "")
                           for column, kind in kinds.items()})


def activity_table(rows: pd.DataFrame, height: int | None = 420, key: str = "activities",
                   grid: bool = False) -> None:
    """Activities a reader can scan: labelled values, a link to each source, as a list of
    HTML text, which screen readers and the browser's find (Ctrl+F) reach and a phone can
    read. With `grid`, wide screens get a grid instead (st.dataframe paints a canvas) and the
    text list shows on narrow screens only (PAGE_CSS in furniture)."""
    language = lang()
    shown, text = shared(("activity_list", tuple(rows.activity_id), language), lambda: listed(rows, language))
    # A country's activities and the latest few read best as a list of text; the Activities
    # page (`grid`) is a grid to scroll and sort on wide screens, with the list on phones only.
    if not grid:
        st.html(text)
        return
    with st.container(key=f"activity_grid_{key}"):
        st.dataframe(shown, hide_index=True, height=height or "auto", width="stretch", column_config={
            t("label.year", language): st.column_config.NumberColumn(format="%d", width="small"),
            t("label.title", language): st.column_config.TextColumn(width="large"),
            t("label.source", language): st.column_config.LinkColumn(display_text=t("label.open_source", language)),
        })
    with st.container(key=f"activity_phone_list_{key}"):
        st.html(text)


def listed(rows: pd.DataFrame, language: str) -> tuple[pd.DataFrame, str]:
    """The entries of `rows` and their HTML list."""
    shown = activity_entries(rows, language)
    return shown, activity_list_html(shown, t("label.open_source", language), language)


# What an activity's entry in a list shows, each under its header's text key: the values of
# its export row (exports.readable), so the list and the files can never disagree.
ENTRY_FIELDS = {"year": "label.year", "title": "label.title", "activity_type": "label.type",
                "hosts": "label.hosts", "beneficiaries": "label.beneficiaries",
                "beneficiaries_as_stated": "label.beneficiaries_as_stated", "fund": "label.fund",
                "source_url": "label.source"}


def activity_entries(rows: pd.DataFrame, language: str) -> pd.DataFrame:
    """The activities of `rows` (activity_list's columns) as their list entries show them,
    under headers in `language`. The beneficiaries as the source states them show only where
    they say more than the countries linked ("ARIPO member states"), with a space after each
    semicolon ("Brazil;Chile" would break mid-word on a phone)."""
    readable = exports.readable(rows, language)
    stated = readable.beneficiaries_as_stated.map(lambda v: re.sub(r"\s*;\s*", "; ", v) if isinstance(v, str) else v)
    linked = rows.beneficiaries if "beneficiaries" in rows else pd.Series(None, index=rows.index)
    readable["beneficiaries_as_stated"] = [text if isinstance(text, str) and not (isinstance(names, str)
                                                                                 and folded(text) == folded(names))
                                           else None for text, names in zip(stated, linked)]
    shown = readable[list(ENTRY_FIELDS)]
    shown.columns = [t(key, language) for key in ENTRY_FIELDS.values()]
    return shown


def activity_list_html(shown: pd.DataFrame, source_label: str, language: str = "en") -> str:
    """The activities of `shown` (activity_table's columns: year, title, then facts, the
    source URL last) as an HTML list, each fact written "label: value" as `language` writes
    it ("Type\u00a0: Atelier" in French). Every value is escaped: titles come from staff files."""
    year, title, *facts, source = shown.columns
    pair = lambda name, value: t("format.label_value", language, label=name, value=value)
    items = []
    for row in shown.itertuples(index=False, name=None):
        values = dict(zip(shown.columns, row))
        heading = pair(int(values[year]), values[title]) if pd.notna(values[year]) else str(values[title])
        details = " · ".join(escape(pair(name, values[name]))
                             for name in facts if isinstance(values[name], str) and values[name])
        items.append(f"<li><span class='activity-title'>{escape(heading)}</span>"
                     f"<span class='activity-facts'>{details}{_source_link(values[source], source_label)}</span></li>")
    return f"<ul class='activity-list'>{''.join(items)}</ul>"


def _source_link(url, text: str) -> str:
    """A link to the source, only for a web address: a `javascript:` URL in an imported file
    must not become a link a reader clicks."""
    if not isinstance(url, str) or not url.lower().startswith(("https://", "http://")):
        return ""
    return f" · <a href=\"{escape(url)}\" target=\"_blank\" rel=\"noopener\">{escape(text)}</a>"


def label_or_value(kind: str, value, language: str) -> str:
    """An enumerated value's label in `language`; "" for a missing value. A value with no
    label yet (say, a metric an import brought) shows as it is rather than stopping the page."""
    if value is None or (not pd.api.types.is_list_like(value) and pd.isna(value)):
        return ""
    try:
        return t(f"{kind}.{value}", language)
    except KeyError:
        return str(value)


def labelled_values(frame: pd.DataFrame, **kinds: str) -> pd.DataFrame:
    """A copy with enumerated columns shown by their labels; a cell holding a list of codes
    (coverage_by_year's fund_list) reads as their labels, comma-separated."""
    language = lang()

    def shown(value, kind):
        if pd.api.types.is_list_like(value):
            return ", ".join(label_or_value(kind, v, language) for v in value)
        return label_or_value(kind, value, language)

    return frame.assign(**{column: frame[column].map(lambda v, k=kind: shown(v, k))
                           for column, kind in kinds.items()})


def whole_number_column(title: str) -> st.column_config.NumberColumn:
    """Amounts in whole currency units with the reader's thousands separators. The format
    "localized" alone shows decimals; a step of 1 sets its precision to none."""
    return st.column_config.NumberColumn(title, format="localized", step=1)


def source_columns(language: str) -> dict:
    """A source as two columns: its name as text, its URL as a link that reads "open"."""
    return {"source_name": st.column_config.TextColumn(t("label.source", language)),
            "source_url": st.column_config.LinkColumn(t("label.link", language),
                                                      display_text=t("label.open_source", language))}


def table(frame: pd.DataFrame | pa.Table, columns: dict, **options) -> None:
    """A read-only table of `columns` (column name -> column config), in that order. A missing
    value is an empty cell: st.dataframe otherwise writes "None" in it."""
    shown = frame.select(list(columns)) if isinstance(frame, pa.Table) else frame[list(columns)]
    st.dataframe(shown, hide_index=True, width="stretch", column_config=columns, placeholder="", **options)


def shared_rows(key: tuple, build) -> pa.Table:
    """The frame `build()` makes, as the Arrow table st.dataframe sends, made once per data
    version and `key` (everything the frame depends on, the language included) and shared by
    every session: labelling and converting a table took most of a rerun of Sources."""
    return shared(("rows", *key), lambda: pa.Table.from_pandas(build(), preserve_index=False))
