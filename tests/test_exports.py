"""The CSV and Excel downloads read back as a reader opens them: pandas for the CSV, openpyxl
for the workbook. Rows come from the real activity_list query on the tiny fixture."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from fitjp import db, exports
from fitjp.i18n import label, t

from tiny_record import A1_TITLE, CIV_NAME

SHEETS = {"activities": "Activities", "filters": "Filters", "about": "About", "sources": "Sources"}
HYPERLINK = '=HYPERLINK("http://x","click")'


@pytest.fixture
def rows(con, activity_params) -> pd.DataFrame:
    """Every fixture activity (a1 has a full date, a2 a month only, a4 no country), as the
    Activities page passes them."""
    return db.run(con, "activity_list", **activity_params(include_unclear=True), search="", limit=100)


@pytest.fixture
def hostile(rows) -> pd.DataFrame:
    """Real rows with titles a spreadsheet would run as formulas, and a negative number."""
    crafted = rows.head(4).copy()
    crafted["title"] = [HYPERLINK, "@SUM(1)", "+1+1", "\tTab"]
    crafted["participants_as_stated"] = ["-2 from Kenya", None, None, None]
    crafted["participants"] = pd.array([-5, None, None, None], dtype="Int64")
    return crafted


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def workbook(rows, lang="en", about=None, filters=None):
    data = exports.activities_excel(rows, about or {"Data as of": "2026-11-25"}, filters or {}, SHEETS, lang=lang)
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_rows(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def by_id(sheet) -> dict[str, dict]:
    header, *body = sheet_rows(sheet)
    return {row[0]: dict(zip(header, row)) for row in body}


# ---- CSV -----------------------------------------------------------------------------------

def test_csv_shows_labels_and_readable_headers_with_codes_at_the_end(rows):
    table = read_csv(exports.activities_csv(rows)).set_index("Activity ID")
    assert list(table.columns[:4]) == ["Year", "Start", "End", "Title"]
    assert list(table.columns[-8:]) == ["activity_type_code", "objective_code", "programme_area_code",
                                        "fund_code", "mode_code", "scope_code", "region_code", "iso3_codes"]
    a1 = table.loc["a1"]
    assert (a1["Fund"], a1["Type"], a1["Mode"], a1["Scope"]) == (
        "Africa and LDCs (2008-2019)", "Workshop", "In person", "National")
    assert (a1["fund_code"], a1["activity_type_code"], a1["iso3_codes"]) == ("africa_ldcs", "workshop", "CIV")
    assert (a1["Title"], a1["Host"]) == (A1_TITLE, CIV_NAME)


def test_csv_in_japanese_translates_headers_labels_and_countries(rows):
    table = read_csv(exports.activities_csv(rows, lang="ja")).set_index(t("export.activity_id", "ja"))
    assert t("label.year", "ja") in table.columns and "Year" not in table.columns
    assert table.loc["a1", t("label.fund", "ja")] == label("fund", "africa_ldcs", "ja")
    assert table.loc["a6", t("label.beneficiaries", "ja")] == "ケニア; コートジボワール"
    assert table.loc["a1", "fund_code"] == "africa_ldcs"


def test_csv_dates_are_iso_numbers_whole_and_no_value_is_empty(rows):
    text = exports.activities_csv(rows).decode("utf-8-sig")
    table = read_csv(text.encode("utf-8-sig")).set_index("Activity ID")
    assert (table.loc["a1", "Start"], table.loc["a2", "Start"], table.loc["a4", "Start"]) == ("2015-05-11", "2016-02", "")
    assert (table.loc["a1", "Year"], table.loc["a4", "Year"], table.loc["a1", "Participants"]) == ("2015", "", "30")
    assert table.loc["a4", "Host"] == "" and table.loc["a4", "Note"] == ""
    for word in ("None", "nan", "<NA>", "NaT"):
        assert word not in text


def test_csv_neutralises_formulas_and_keeps_negative_numbers(hostile):
    table = read_csv(exports.activities_csv(hostile))
    assert list(table["Title"]) == ["'" + HYPERLINK, "'@SUM(1)", "'+1+1", "'\tTab"]
    assert table["Participants as the source states them"][0] == "'-2 from Kenya"
    assert table["Participants"][0] == "-5"


def test_csv_keeps_its_old_call(rows):
    assert exports.activities_csv(rows) == exports.activities_csv(rows, "en")


# ---- Excel: the activities sheet ------------------------------------------------------------

def test_excel_activities_have_a_frozen_header_an_autofilter_and_fitted_widths(rows):
    sheet = workbook(rows)["Activities"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{len(rows) + 1}"
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    assert widths["Title"] > widths["Year"] > 8.43  # Excel's default is 8.43 characters
    assert widths["Quote"] <= exports.MAX_WIDTH
    assert all(cell.font.bold for cell in sheet[1])


def test_excel_dates_are_date_cells_and_partial_dates_stay_text(rows):
    sheet = workbook(rows)["Activities"]
    header = [cell.value for cell in sheet[1]]
    start = header.index("Start") + 1
    cells = {sheet.cell(r, 1).value: sheet.cell(r, start) for r in range(2, sheet.max_row + 1)}
    assert cells["a1"].is_date and cells["a1"].value == datetime(2015, 5, 11)
    assert cells["a1"].number_format == exports.DATE_FORMAT
    assert not cells["a2"].is_date and cells["a2"].value == "2016-02"
    assert cells["a4"].value is None


def test_excel_shows_labels_numbers_and_empty_cells(rows):
    activities = by_id(workbook(rows, lang="fr")["Activities"])
    a1 = activities["a1"]
    assert a1[t("label.fund", "fr")] == label("fund", "africa_ldcs", "fr")
    assert a1[t("label.mode", "fr")] == "En présentiel"
    assert (a1[t("label.year", "fr")], a1[t("label.participants", "fr")]) == (2015, 30)
    assert a1["fund_code"] == "africa_ldcs" and a1["region_code"] == "africa"
    assert activities["a4"][t("label.hosts", "fr")] is None
    book = workbook(rows, lang="fr")
    texts = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not {"None", "nan", "<NA>", "NaT"} & {v for v in texts if isinstance(v, str)}


def test_excel_neutralises_formulas_and_keeps_negative_numbers(hostile):
    book = workbook(hostile, filters={"Search titles and countries": "=1+1"})
    sheet = book["Activities"]
    titles = [sheet.cell(r, 5).value for r in range(2, sheet.max_row + 1)]
    assert titles == ["'" + HYPERLINK, "'@SUM(1)", "'+1+1", "'\tTab"]
    assert all(cell.data_type != "f" for s in book for row in s.iter_rows() for cell in row)
    participants = by_id(sheet)[hostile.activity_id.iloc[0]]
    assert participants["Participants"] == -5
    assert participants["Participants as the source states them"] == "'-2 from Kenya"
    assert sheet_rows(book["Filters"])[1] == ["Search titles and countries", "'=1+1"]


# ---- Excel: filters, about, sources ----------------------------------------------------------

def test_excel_filters_sheet_names_each_filter_for_a_reader(rows):
    described = {"from": "2008", "to": "2019", "region": "Africa", "unclear": "yes",
                 "Search titles and countries": "kenya"}
    assert sheet_rows(workbook(rows, filters=described)["Filters"]) == [
        ["Filter", "Value"], ["From (year)", "2008"], ["To (year)", "2019"], ["Region", "Africa"],
        [t("filter.unclear"), "yes"], ["Search titles and countries", "kenya"]]
    assert sheet_rows(workbook(rows, lang="es", filters={"region": "África"})["Filters"]) == [
        ["Filtro", "Valor"], ["Región", "África"]]


def test_excel_about_sheet_starts_with_a_real_entry_and_has_no_blank_row(rows):
    about = {"Data as of": "2026-11-25", "Exported": "2026-12-01", "Source": "public record"}
    sheet = workbook(rows, about=about)["About"]
    assert sheet_rows(sheet) == [["Data as of", datetime(2026, 11, 25)], ["Exported", datetime(2026, 12, 1)],
                                 ["Source", "public record"]]
    assert sheet["B1"].is_date and sheet.column_dimensions["A"].width > 8.43


def test_excel_sources_sheet_lists_each_source_once_with_headers(rows):
    sheet = workbook(rows)["Sources"]
    assert sheet_rows(sheet) == [["Source", "Publisher", "Source URL"], ["WIPO report", "WIPO", "https://www.wipo.int/r"]]
    assert sheet.freeze_panes == "A2"


def test_excel_keeps_its_old_call_and_sheet_order(rows):
    data = exports.activities_excel(rows, {"Data as of": "2026-11-25"}, {"region": "Africa"}, SHEETS)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Activities", "Filters", "About", "Sources"]
    assert book["Activities"]["A1"].value == "Activity ID"
