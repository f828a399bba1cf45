"""Files a reader takes away: the filtered activities as CSV and as Excel. Pure functions."""

from __future__ import annotations

import io

import pandas as pd

EXPORT_COLUMNS = ["activity_id", "year", "start_date", "end_date", "title", "activity_type", "objective",
                  "programme_area", "fund", "mode", "scope", "region", "participants",
                  "participants_as_stated", "hosts", "beneficiaries", "beneficiaries_as_stated",
                  "iso3_codes", "source_title", "source_publisher", "source_url", "quote", "note"]


def activities_csv(rows: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Japanese and accented names correctly."""
    return rows[EXPORT_COLUMNS].to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def activities_excel(rows: pd.DataFrame, about: dict[str, str], filters: dict[str, str],
                     sheet_names: dict[str, str]) -> bytes:
    """A workbook: the activities, the filters that selected them, the data date and the
    sources they cite. `sheet_names` names the sheets in the reader's language."""
    sources = (rows[["source_title", "source_publisher", "source_url"]].drop_duplicates()
               .sort_values(["source_publisher", "source_title"]))
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as excel:
        rows[EXPORT_COLUMNS].to_excel(excel, sheet_name=sheet_names["activities"], index=False)
        pd.DataFrame(list(filters.items()), columns=["filter", "value"]).to_excel(
            excel, sheet_name=sheet_names["filters"], index=False)
        pd.DataFrame(list(about.items()), columns=["", " "]).to_excel(
            excel, sheet_name=sheet_names["about"], index=False)
        sources.to_excel(excel, sheet_name=sheet_names["sources"], index=False)
    return buffer.getvalue()
