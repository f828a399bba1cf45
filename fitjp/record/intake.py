"""Reading the file a member of staff uploads, whatever it turns out to be, into text tables,
and the template they fill in.

`read_upload(data, name)` never raises on a bad file: it returns what it could read and a
Problem (with a hint) for everything else, so the staff app and the CLI can show every
problem at once and never a traceback. Limits are checked before any parsing: a CSV's on its
bytes (a count of its newlines), a workbook's on its own metadata (`workbook_size`: the zip's
directory, then each sheet's rows and cells streamed from its XML), so a huge file costs a
count, not the memory of a table.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pandas as pd
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation

from fitjp.record.schema import PROGRAMME_AREAS, TABLES
from fitjp.record.validate import Origin, Problem

MAX_BYTES = 10_000_000  # 10 MB: the fund's whole record is well under 1 MB
MAX_ROWS = 100_000  # per CSV: the public record has under 1,000 rows per table
# A workbook costs what openpyxl's load of every cell costs (about 1 KB of memory and 20 µs a
# cell), far more than its bytes say: 91,587 rows of 17 columns (7.3 MB) took 36 s and 1.9 GB.
# So a workbook is measured before it is loaded, and refused beyond these limits, chosen so
# that a workbook at them reads (read_upload) within 10 s and 500 MB of memory on a 2-core
# machine (tests/test_staff_uploads.py measures it; docs/staff.md, "What is refused", the figures).
MAX_SHEET_ROWS = 15_000  # rows under the header of one sheet: 15 times the public record's largest table
MAX_CELLS = 260_000  # rows × columns of every sheet together: 15,000 rows of the 17-column activities sheet
MAX_UNZIPPED = 50_000_000  # an .xlsx is a zip: refuse one whose parts would expand beyond this
# Sheets of the template (and of the problems workbook) that hold no rows to import.
HELPER_SHEETS = {"instructions", "guide", "lists", "problems"}
IMPORTABLE = [name for name, table in TABLES.items() if table.importable]
SAVE_AS_UTF8 = "In Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'."


@dataclass
class Sheet:
    """One table's rows as uploaded: every cell as text, and the spreadsheet row of each."""
    table: str
    label: str  # how problems name it: "records.xlsx [sheet activities]" or "acts.csv"
    sheet: str  # the sheet's name in the workbook (the table's name for a CSV)
    frame: pd.DataFrame
    rows: list[int]


@dataclass
class Intake:
    name: str
    sha256: str
    size: int
    sheets: list[Sheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was read and how, e.g. the encoding
    # The workbook as loaded, kept so that problems_workbook marks it without reading the file a
    # second time; whoever holds the Intake longer (the staff app's session) drops it after.
    book: openpyxl.Workbook | None = field(default=None, repr=False, compare=False)

    def refuse(self, message: str, hint: str, row: int = 0, column: str = "", value: str = "",
               where: str | None = None) -> None:
        self.problems.append(Problem(where or self.name, row, column, value, message, hint))


@dataclass(frozen=True)
class UploadOrigin(Origin):
    """Rows of a table followed by uploaded rows whose spreadsheet row numbers are known (an
    empty row skipped in the sheet does not shift the rows after it)."""
    rows: tuple[int, ...] = ()

    def locate(self, index: int) -> tuple[str, int]:
        if self.added_file and index >= self.added_from:
            return self.added_file, self.rows[index - self.added_from]
        return super().locate(index)


def read_upload(data: bytes, name: str, table: str | None = None) -> Intake:
    """The uploaded file's tables and every problem found reading it."""
    intake = Intake(Path(name).name, hashlib.sha256(data).hexdigest(), len(data))
    suffix = Path(name).suffix.lower()
    if not data:
        intake.refuse("the file is empty (0 bytes)", "Choose the filled-in template, saved, and upload it again.")
    elif len(data) > MAX_BYTES:
        intake.refuse(f"the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB",
                      "Split the rows into several files of the template and upload them one by one.")
    elif suffix in (".xlsx", ".xlsm"):
        _read_excel_file(intake, data)
    elif suffix in (".csv", ".txt"):
        _read_csv_file(intake, data, table)
    else:
        intake.refuse(f"'{suffix or name}' files cannot be read", "Upload the template as .xlsx, or one table as .csv.")
    return intake


def read_path(path: Path, table: str | None = None) -> Intake:
    """A file on disk (the CLI): one beyond the size limit is refused without being read."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        refused = Intake(path.name, "", size)
        refused.refuse(f"the file is {size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB",
                       "Split the rows into several files of the template and upload them one by one.")
        return refused
    return read_upload(path.read_bytes(), path.name, table)


def what_it_is(data: bytes) -> str:
    """The kind of file its first bytes say it is, whatever its name says."""
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "damaged zip"
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if data.startswith(b"%PDF"):
        return "pdf"
    return "text"


WRONG_KIND = {
    "zip": ("a zip archive, not an Excel workbook", "Unzip it and upload the .xlsx or .csv file inside."),
    "damaged zip": ("a damaged zip or Excel file", "Open it in Excel, save it again as .xlsx and upload that."),
    "xls": ("an Excel 97-2003 workbook (.xls)", "Open it in Excel and save it as 'Excel Workbook (*.xlsx)'."),
    "pdf": ("a PDF document", "Upload the template as .xlsx or a table as .csv."),
}


DAMAGED = "Open it in Excel, save it again as .xlsx and upload that."


def _read_excel_file(intake: Intake, data: bytes) -> None:
    kind = what_it_is(data)
    if kind == "text":
        intake.refuse("a text file named .xlsx, not an Excel workbook",
                      "If it is a CSV, rename it to .csv; otherwise open it in Excel and save it as .xlsx.")
        return
    if kind != "xlsx":
        intake.refuse(*WRONG_KIND[kind])
        return
    if not _within_limits(intake, data):
        return
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        intake.refuse(f"the workbook is damaged and cannot be read ({type(error).__name__})", DAMAGED)
        return
    intake.book = book
    for sheet in book.worksheets:
        _read_sheet(intake, sheet)
    if not intake.sheets and not intake.problems:
        intake.refuse("the workbook has no rows in any table sheet",
                      f"Fill rows under the header of a sheet ({', '.join(IMPORTABLE)}).")


# ---- a workbook's size, from its metadata ---------------------------------------------------

@dataclass(frozen=True)
class SheetSize:
    """A worksheet's size before it is loaded: its rows (the header's included) and cells
    (rows × columns of the range it uses), as its <dimension> states them or, where that is
    missing or cannot be right, as counted in its XML."""
    name: str
    rows: int
    cells: int
    counted: bool  # True: counted row by row; False: read from <dimension ref>


class UnreadableWorkbook(Exception):
    """The workbook's parts that say what its sheets are cannot be read: a damaged file."""


MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SMALLEST_CELL = 11  # bytes of XML the least cell takes: <c r="A1"/>


def workbook_size(archive: zipfile.ZipFile) -> list[SheetSize]:
    """Every worksheet's rows and cells, streamed from the zip without loading the workbook.

    A sheet's <dimension ref="A1:Q20001"> (before its rows, so reading stops there) says the
    range it uses. It is only a claim: a writer may leave it out, and a file may be made to
    understate it. So it is believed only where the sheet's XML is too small to hold more
    cells than it claims (SMALLEST_CELL bytes each); otherwise the rows and cells are counted
    from the XML with iterparse, element by element, each cleared once counted. What that
    costs is bounded by MAX_UNZIPPED, checked first."""
    names = set(archive.namelist())
    try:
        targets = {rel.get("Id"): rel.get("Target", "") for rel in
                   ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))}
        sheets = [(sheet.get("name", ""), targets.get(sheet.get(RELATIONSHIP), "")) for sheet in
                  ElementTree.fromstring(archive.read("xl/workbook.xml")).iter(f"{MAIN}sheet")]
    except (KeyError, ElementTree.ParseError) as error:
        raise UnreadableWorkbook(str(error)) from error
    sizes = []
    for name, target in sheets:
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if part in names:
            sizes.append(_sheet_size(archive, name, part))
    return sizes


def _sheet_size(archive: zipfile.ZipFile, name: str, part: str) -> SheetSize:
    claimed = _dimension(archive, part)
    if claimed is not None:
        rows, columns = claimed
        if rows > MAX_SHEET_ROWS + 1 or rows * columns > MAX_CELLS:
            return SheetSize(name, rows, rows * columns, counted=False)  # refused without counting
        if archive.getinfo(part).file_size <= SMALLEST_CELL * rows * columns + 65_536:
            return SheetSize(name, rows, rows * columns, counted=False)
    rows = cells = last_row = 0
    try:
        with archive.open(part) as stream:
            for _, element in ElementTree.iterparse(stream, events=("start",)):
                if element.tag == f"{MAIN}c":
                    cells += 1
                elif element.tag == f"{MAIN}row":
                    rows += 1
                    last_row = max(last_row, int(element.get("r") or last_row + 1))
                element.clear()
    except (ElementTree.ParseError, ValueError, zipfile.BadZipFile) as error:
        raise UnreadableWorkbook(str(error)) from error
    return SheetSize(name, max(rows, last_row), cells, counted=True)


def _dimension(archive: zipfile.ZipFile, part: str) -> tuple[int, int] | None:
    """(rows, columns) of the sheet's <dimension ref>, from the top of its XML; None when the
    sheet has none (or one that is not a range), or its rows begin first."""
    try:
        with archive.open(part) as stream:
            for _, element in ElementTree.iterparse(stream, events=("start",)):
                if element.tag == f"{MAIN}dimension":
                    min_col, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
                    return max_row, max_col - min_col + 1
                if element.tag == f"{MAIN}sheetData":
                    return None
    except (ElementTree.ParseError, ValueError, TypeError, zipfile.BadZipFile):
        return None
    return None


def _within_limits(intake: Intake, data: bytes) -> bool:
    """Refuse, from its metadata alone, a workbook that would cost too much to load."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
        intake.refuse(f"the workbook expands to more than {MAX_UNZIPPED / 1e6:.0f} MB",
                      "Split the rows into several files of the template.")
        return False
    try:
        sizes = workbook_size(archive)
    except UnreadableWorkbook:
        intake.refuse("the workbook is damaged and cannot be read (its list of sheets)", DAMAGED)
        return False
    for size in sizes:
        where = f"{intake.name} [sheet {size.name}]"
        if size.rows > MAX_SHEET_ROWS + 1:
            intake.refuse(f"the sheet has {size.rows - 1:,} rows; the limit is {MAX_SHEET_ROWS:,}",
                          "Split the rows into several files of the template.", where=where)
        elif size.cells > MAX_CELLS:
            intake.refuse(f"the sheet has {size.cells:,} cells (rows × columns); the limit is {MAX_CELLS:,}",
                          "Delete the columns and rows that hold nothing, or split the rows into several "
                          "files of the template.", where=where)
    if not intake.problems and (total := sum(size.cells for size in sizes)) > MAX_CELLS:
        intake.refuse(f"the workbook's sheets have {total:,} cells in all (rows × columns); the limit is "
                      f"{MAX_CELLS:,}", "Delete the sheets you do not need, or split the rows into several "
                      "files of the template.")
    return not intake.problems


def _read_sheet(intake: Intake, sheet) -> None:
    title, where = sheet.title, f"{intake.name} [sheet {sheet.title}]"
    if title.strip().lower() in HELPER_SHEETS:
        return
    if title not in IMPORTABLE:
        if any(cell.value not in (None, "") for row in sheet.iter_rows() for cell in row):
            intake.refuse(f"sheet '{title}' is not a sheet of the template",
                          f"Move its rows to the sheet of their table ({', '.join(IMPORTABLE)}) "
                          "or delete the sheet.", where=where)
        return
    if sheet.sheet_state != "visible":
        intake.refuse("the sheet is hidden", "Unhide it (right-click a sheet tab > Unhide), check it, "
                      "or delete it: hidden rows would be published unseen.", where=where)
        return
    if sheet.max_row > MAX_SHEET_ROWS + 1:  # workbook_size measured it; the load agrees or refuses
        intake.refuse(f"the sheet has {sheet.max_row - 1:,} rows; the limit is {MAX_SHEET_ROWS:,}",
                      "Split the rows into several files of the template.", where=where)
        return
    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    if not rows:
        return
    header = [excel_text(cell.value) for cell in rows[0]]
    while header and header[-1] == "":
        header.pop()
    problems_before = len(intake.problems)
    _refuse_layout(intake, sheet, header, where)
    records, numbers = [], []
    for row in rows[1:]:
        values = [excel_text(cell.value) for cell in row[:len(header)]]
        formulas = [cell for cell in row if cell.data_type == "f"]
        for cell in formulas:
            intake.refuse(f"a formula ({str(cell.value)[:60]})", "Replace it by its value: copy the cells, "
                          "then Paste Special > Values.", cell.row, _column_name(header, cell.column),
                          str(cell.value), where)
        if any(values) or formulas:
            if sheet.row_dimensions[row[0].row].hidden:
                intake.refuse("the row is hidden", "Unhide it (select the rows around it, right-click > "
                              "Unhide), check it, or delete it.", row[0].row, "", "", where)
            records.append(values + [""] * (len(header) - len(values)))
            numbers.append(row[0].row)
    if not records and len(intake.problems) == problems_before:
        return  # a sheet of the template left empty: nothing to import from it
    frame = pd.DataFrame(records, columns=header, dtype=str)
    intake.sheets.append(Sheet(title, where, title, frame, numbers))


def _refuse_layout(intake: Intake, sheet, header: list[str], where: str) -> None:
    """Merged cells and hidden columns: what the sheet shows is not what it holds."""
    for cells in sheet.merged_cells.ranges:
        intake.refuse(f"merged cells ({cells.coord})", "Unmerge them (Home > Merge & Center) and type the "
                      "value in every row it applies to.", cells.min_row,
                      _column_name(header, cells.min_col), cells.coord, where)
    for letter, dimension in sheet.column_dimensions.items():
        if dimension.hidden:
            intake.refuse(f"column {letter} is hidden", "Unhide it (right-click the column letters > Unhide), "
                          "check it, or delete it.", 1, letter, "", where)
    seen = set()
    for name in header:
        if name and name in seen:
            intake.refuse("the column appears twice in the header", "Delete one of the two columns.",
                          1, name, name, where)
        seen.add(name)


def _column_name(header: list[str], index: int) -> str:
    return header[index - 1] if 0 < index <= len(header) and header[index - 1] else get_column_letter(index)


def excel_text(value) -> str:
    """A cell as the text validation expects: dates as YYYY-MM-DD, 12.0 as 12."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


# ---- CSV ---------------------------------------------------------------------------------

def _read_csv_file(intake: Intake, data: bytes, table: str | None) -> None:
    kind = what_it_is(data)
    if kind == "xlsx":
        intake.refuse("an Excel workbook named .csv", "Rename the file to .xlsx and upload it again.")
        return
    if kind != "text":
        intake.refuse(*WRONG_KIND[kind])
        return
    lines = data.count(b"\n")
    if lines > MAX_ROWS + 1:
        intake.refuse(f"the file has {lines:,} lines; the limit is {MAX_ROWS:,} rows",
                      "Split the rows into several files and upload them one by one.")
        return
    text, encoding = decode(data)
    if text is None:
        intake.refuse(encoding, SAVE_AS_UTF8)
        return
    intake.notes.append(f"{intake.name}: read as {encoding}")
    # A cell may be as long as the file (csv's default limit, 128 KB, raised an error that no
    # row or column named): validation then names the cell that is over its own limit.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    records = [row for row in csv.reader(io.StringIO(text, newline=""))]
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()
    if not records:
        intake.refuse("the file holds no text", "Choose the filled-in file and upload it again.")
        return
    header = [cell.strip().lstrip("\ufeff") for cell in records[0]]
    if delimiter := wrong_delimiter(records[0]):
        intake.refuse(f"the columns are separated by {delimiter}, not by commas", SAVE_AS_UTF8, 1, "",
                      records[0][0][:80])
        return
    name = table or guess_table(intake.name, header)
    if name is None:
        intake.refuse("cannot tell which table this CSV holds",
                      f"Name the file after its table ({', '.join(IMPORTABLE)}.csv) or choose the table.",
                      1, "", ",".join(header)[:80])
        return
    if len(records) == 1:
        intake.refuse("the file has a header but no rows", "Add the rows under the header and upload it again.")
        return
    _add_csv_rows(intake, name, header, records[1:])


def _add_csv_rows(intake: Intake, table: str, header: list[str], records: list[list[str]]) -> None:
    rows, numbers = [], []
    for number, record in enumerate(records, start=2):  # the header is row 1
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if len(cells) != len(header):
            intake.refuse(f"the row has {len(cells)} cells; the header has {len(header)}",
                          "A value with a comma in it must be in double quotes; check the row's cells.",
                          number, "", ",".join(cells)[:80])
            continue
        rows.append(cells)
        numbers.append(number)
    seen = set()
    for name in header:
        if name in seen:
            intake.refuse("the column appears twice in the header", "Delete one of the two columns.", 1, name, name)
        seen.add(name)
    intake.sheets.append(Sheet(table, intake.name, table, pd.DataFrame(rows, columns=header, dtype=str), numbers))


def decode(data: bytes) -> tuple[str | None, str]:
    """The text and the encoding it was read in; or None and why it could not be read.
    Only what can be recognised with confidence is read: a BOM, UTF-16 by its pattern of NUL
    bytes, strict UTF-8, or Shift-JIS (cp932, what Japanese Excel saves a CSV in) where
    charset-normalizer finds an East Asian text that cp932 reads (is_shift_jis)."""
    boms = [(b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 (with BOM)"), (b"\xff\xfe", "utf-16", "UTF-16 (with BOM)"),
            (b"\xfe\xff", "utf-16", "UTF-16 (with BOM)")]
    for bom, codec, label in boms:
        if data.startswith(bom):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError:
                return None, f"the file starts as {label} but is not valid {label}"
    if b"\x00" in data:  # valid UTF-8 too when the text is ASCII, but no CSV has NULs
        return _decode_utf16_without_bom(data)
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        text = None
    if text is not None and is_shift_jis(data, text):
        return text, "Shift-JIS (cp932)"
    return None, "the file is neither UTF-8 nor recognisably Shift-JIS or UTF-16"


def _decode_utf16_without_bom(data: bytes) -> tuple[str | None, str]:
    """Text in UTF-16 has a NUL in every other byte where the characters are ASCII."""
    half = len(data) / 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    codec = "utf-16-le" if odd > 0.3 * half and even < 0.05 * half else (
        "utf-16-be" if even > 0.3 * half and odd < 0.05 * half else None)
    if codec:
        try:
            return data.decode(codec), f"UTF-16 {'little' if codec.endswith('le') else 'big'}-endian (no BOM)"
        except UnicodeDecodeError:
            pass
    return None, "the file holds NUL bytes: it is not a text file in an encoding that can be recognised"


PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
# The multi-byte encodings of Chinese, Japanese and Korean: on a short text of kanji only,
# charset-normalizer may rank Korean's or Chinese's first; cp932 is then among its matches.
EAST_ASIAN = {"cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213",
              "iso2022_jp", "cp949", "euc_kr", "johab", "gb18030", "gb2312", "gbk", "big5", "big5hkscs", "cp950"}


def is_shift_jis(data: bytes, text: str) -> bool:
    """Whether bytes that cp932 reads (`text`) are Japanese: charset-normalizer's best match is
    an East Asian encoding and cp932 is among its matches. Bytes of a Latin-1 file often read
    as cp932 too, into odd kanji; charset-normalizer ranks a Western encoding first for them.
    Real Japanese text has no private-use characters."""
    from charset_normalizer import from_bytes

    matches = [match.encoding for match in from_bytes(data)]
    return (bool(matches) and matches[0] in EAST_ASIAN and ("cp932" in matches or "shift_jis" in matches)
            and not PRIVATE_USE.search(text))


def wrong_delimiter(header: list[str]) -> str | None:
    """A header read as one cell that holds semicolons or tabs: a CSV saved with a
    European list separator or as tab-separated text."""
    if len(header) != 1:
        return None
    for delimiter, name in ((";", "semicolons"), ("\t", "tabs")):
        if delimiter in header[0]:
            return name
    return None


def guess_table(file_name: str, header: list[str]) -> str | None:
    """The table a CSV holds: named by the file, or the one whose columns its header has."""
    stem = Path(file_name).stem.lower()
    if stem in IMPORTABLE:
        return stem
    overlap = {name: len(set(header) & set(TABLES[name].column_names)) for name in IMPORTABLE}
    best = max(overlap, key=overlap.get)
    return best if overlap[best] >= len(TABLES[best].columns) / 2 else None


# ---- the template and the workbook of problems -------------------------------------------

INSTRUCTIONS = [
    "How to fill in this template",
    "",
    "1. Each sheet named after a table (sources, contributions, facts, activities, activity_countries) "
    "takes one row per record under its header. Leave a sheet empty if you have nothing for it.",
    "2. Do not rename, reorder or delete the header cells, and do not add sheets.",
    "3. Columns with a fixed list of values offer a drop-down list: pick from it.",
    "4. Dates: YYYY, YYYY-MM or YYYY-MM-DD (a date typed as an Excel date is fine).",
    "5. Amounts: digits only, no currency sign or thousands separator (1000000, not 1,000,000 CHF).",
    "6. Every row needs a source_id found in the sources sheet or in the published record; "
    "the fund's own records can cite a sources row of kind fund_records.",
    "7. Type values, not formulas; do not merge cells or hide rows, columns or sheets.",
    "8. Upload the saved file in the staff app: it lists every problem with its sheet, row and "
    "column before anything is published, and shows what would change.",
    "A row whose id is already published replaces that row; a new id adds a row.",
    "The guide sheet lists every column, whether it is required and the values it accepts.",
]


def choices_of(table: str, column: str) -> tuple[str, ...]:
    if column == "programme_area":
        return PROGRAMME_AREAS
    return next(c.choices for c in TABLES[table].columns if c.name == column)


def template_workbook() -> openpyxl.Workbook:
    """The template: instructions, a guide to every column, a sheet per importable table
    with its header and a drop-down list on every enumerated column, and the lists."""
    book = openpyxl.Workbook()
    instructions = book.active
    instructions.title = "instructions"
    for line in INSTRUCTIONS:
        instructions.append([line])
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.column_dimensions["A"].width = 120
    guide = book.create_sheet("guide")
    guide.append(["sheet", "column", "required", "kind", "allowed values or reference"])
    for table in (TABLES[name] for name in IMPORTABLE):
        for column in table.columns:
            guide.append([table.name, column.name, "yes" if column.required else "", column.kind,
                          ", ".join(column.choices) or column.references])
    lists = book.create_sheet("lists")
    list_columns: dict[tuple[str, ...], str] = {}
    for name in IMPORTABLE:
        sheet = book.create_sheet(name)
        sheet.append(TABLES[name].column_names)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(TABLES[name].columns, start=1):
            options = choices_of(name, column.name)
            if options:
                reference = list_columns.get(options) or _add_list(lists, options, list_columns)
                rule = DataValidation(type="list", formula1=reference, allow_blank=not column.required,
                                      showErrorMessage=True, errorTitle=column.name,
                                      error=f"Pick a value from the list: {', '.join(options)}")
                rule.add(f"{get_column_letter(index)}2:{get_column_letter(index)}{MAX_ROWS}")
                sheet.add_data_validation(rule)
    book.move_sheet("lists", offset=len(IMPORTABLE))
    return book


def _add_list(lists, options: tuple[str, ...], known: dict) -> str:
    letter = get_column_letter(len(known) + 1)
    for row, option in enumerate(options, start=1):
        lists[f"{letter}{row}"] = option
    known[options] = f"lists!${letter}$1:${letter}${len(options)}"
    return known[options]


def template_bytes() -> bytes:
    buffer = io.BytesIO()
    template_workbook().save(buffer)
    return buffer.getvalue()


PROBLEM = PatternFill("solid", fgColor="FFC7CE")


def problems_workbook(intake: Intake, problems: list[Problem], data: bytes | None = None) -> bytes:
    """The uploaded workbook itself (or, for a CSV or a file that would not open, its rows as
    read) with every bad cell filled red, and a Problems sheet listing them all. The workbook
    is the one read_upload loaded (intake.book), marked in place: a file is read once. `data`
    is read only for an Intake that no longer holds its workbook."""
    book, sheets = _book_to_mark(intake, data)
    if "Problems" in book.sheetnames:
        book.remove(book["Problems"])  # a marked workbook uploaded again gets a fresh list
    listing = book.create_sheet("Problems", 0)
    listing.append(["sheet", "row", "column", "value", "problem", "how to fix"])
    for cell in listing[1]:
        cell.font = Font(bold=True)
    by_label = {sheet.label: sheet for sheet in intake.sheets}
    for problem in problems:
        listing.append([_sheet_name(problem, by_label), problem.row or "", problem.column,
                        problem.value[:200], problem.message, problem.hint])
        if problem.file in by_label and by_label[problem.file].sheet in sheets:
            _mark(book[by_label[problem.file].sheet], by_label[problem.file], problem)
    for letter, width in zip("ABCDEF", (22, 6, 20, 30, 50, 60)):
        listing.column_dimensions[letter].width = width
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _book_to_mark(intake: Intake, data: bytes | None):
    """The workbook to mark and the names of its sheets that hold uploaded rows."""
    if intake.book is not None:
        return intake.book, set(intake.book.sheetnames)
    # without its loaded workbook, the file is read again only if it is within the limits
    if data and what_it_is(data) == "xlsx" and _within_limits(Intake(intake.name, "", len(data)), data):
        try:
            book = openpyxl.load_workbook(io.BytesIO(data))
            return book, set(book.sheetnames)
        except Exception:  # damaged: fall back to the rows as read
            pass
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in intake.sheets:
        _sheet_of_rows(book, sheet)
    return book, {sheet.sheet for sheet in intake.sheets}


def _sheet_of_rows(book, sheet: Sheet):
    out = book.create_sheet(sheet.sheet[:31])
    out.append(list(sheet.frame.columns))
    by_number = dict(zip(sheet.rows, sheet.frame.itertuples(index=False)))
    for number in range(2, max(sheet.rows, default=1) + 1):
        out.append(list(by_number[number]) if number in by_number else [])
    return out


def _mark(out, sheet: Sheet, problem: Problem) -> None:
    columns = list(sheet.frame.columns)
    row = max(problem.row, 1)
    targets = [columns.index(c) + 1 for c in problem.column.split("+") if c in columns] or [1]
    for column in targets:
        out.cell(row=row, column=column).fill = PROBLEM


def _sheet_name(problem: Problem, by_label: dict[str, Sheet]) -> str:
    return by_label[problem.file].sheet if problem.file in by_label else problem.file
