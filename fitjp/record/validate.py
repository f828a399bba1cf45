"""Checks raw tables against fitjp.record.schema and says exactly what is wrong, all at once."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from fitjp.countries import is_iso3
from fitjp.record.schema import FIRST_FISCAL_YEAR, TABLES, Column, Table, last_fiscal_year

DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int  # line in the file as a spreadsheet shows it: the header is row 1
    column: str
    value: str
    message: str
    # How to fix it, in a spreadsheet user's words (the staff app and the CLI show it);
    # not part of equality, so a problem is the same problem whatever advice it carries.
    hint: str = field(default="", compare=False)

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
        return f"{self.file}, row {self.row}, column '{self.column}': {self.message} (value: {shown!r})"


@dataclass(frozen=True)
class Origin:
    """Where a table's rows came from: one file, or one file followed by another (an import)."""
    file: str
    added_file: str = ""
    added_from: int = 0  # index of the first row that came from added_file

    def locate(self, index: int) -> tuple[str, int]:
        """File and spreadsheet row of a row index: the header is row 1."""
        if self.added_file and index >= self.added_from:
            return self.added_file, index - self.added_from + 2
        return self.file, index + 2

    def problem(self, index: int, column: str, value: str, message: str) -> Problem:
        return Problem(*self.locate(index), column, value, message)


class ValidationError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def check_value(column: Column, value: str) -> str | None:
    """Why a single non-empty value is invalid for its column, or None when it is fine."""
    try:
        if column.kind in ("int", "year"):
            if not re.fullmatch(r"-?\d+", value):
                return "not a whole number"
            number = int(value)
        elif column.kind == "number":
            number = float(value)
            if not math.isfinite(number):
                return "not a finite number"
        else:
            number = None
    except ValueError:
        return "not a number"
    if column.kind == "year" and not FIRST_FISCAL_YEAR <= number <= last_fiscal_year():
        return f"fiscal year outside {FIRST_FISCAL_YEAR}..{last_fiscal_year()}"
    if column.minimum is not None and number is not None and number < column.minimum:
        return f"must be at least {column.minimum:g}"
    if column.kind == "date" and not is_partial_date(value):
        return "not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if column.kind == "iso3" and not is_iso3(value):
        return "not an ISO 3166-1 alpha-3 country code"
    if column.kind == "url" and not URL.match(value):
        return "not a web address (http:// or https://)"
    if column.choices and value not in column.choices:
        return f"unknown value; expected one of: {', '.join(column.choices)}"
    return None


def is_partial_date(value: str) -> bool:
    match = DATE.match(value)
    if not match:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year, 1 if month is None else month, 1 if day is None else day)  # month or day 00: invalid
    except ValueError:
        return False
    return True


def check_table(table: Table, frame: pd.DataFrame, origin: Origin) -> list[Problem]:
    """Every problem of one table on its own: header, values, duplicate keys."""
    file = origin.file
    missing = [c for c in table.column_names if c not in frame.columns]
    extra = [c for c in frame.columns if c not in table.column_names]
    problems = [Problem(file, 1, c, "", "column missing from the header") for c in missing]
    problems += [Problem(file, 1, c, c, "unknown column") for c in extra]
    if missing:
        return problems
    for column in table.columns:
        for index, value in frame[column.name].items():
            if value == "":
                if column.required:
                    problems.append(origin.problem(index, column.name, value, "required value is empty"))
            elif reason := check_value(column, value):
                problems.append(origin.problem(index, column.name, value, reason))
    duplicated = frame.duplicated(list(table.key), keep="first")
    for index in frame.index[duplicated]:
        key = ", ".join(frame.loc[index, list(table.key)])
        problems.append(origin.problem(index, "+".join(table.key), key, "duplicate id"))
    if {"start_date", "end_date"} <= set(frame.columns):
        # a partial end date ends its whole period: 2015 is not before 2015-05-11
        before = [end < start[:len(end)] for start, end in zip(frame.start_date, frame.end_date)]
        ends_early = (frame.end_date != "") & (frame.start_date != "") & pd.Series(
            before, index=frame.index, dtype=bool)
        problems += [origin.problem(i, "end_date", frame.end_date[i], "ends before its start_date")
                     for i in frame.index[ends_early]]
    return problems


def check_references(tables: dict[str, pd.DataFrame], origins: dict[str, Origin]) -> list[Problem]:
    """Values that must exist in another table: sources, countries, activities, programme areas."""
    problems = []
    for name, frame in tables.items():
        for column in TABLES[name].columns:
            if not column.references or column.name not in frame.columns:
                continue
            target, target_column = column.references.split(".")
            known = set(tables[target][target_column]) if target in tables else set()
            for index, value in frame[column.name].items():
                if value and value not in known:
                    problems.append(origins[name].problem(index, column.name, value,
                                                        f"not found in {target}.{target_column}"))
    return problems


def check_all(tables: dict[str, pd.DataFrame], origins: dict[str, Origin]) -> None:
    """Raise ValidationError listing every problem in every table, or return quietly."""
    problems = [p for name, frame in tables.items() for p in check_table(TABLES[name], frame, origins[name])]
    problems += check_references(tables, origins)
    if problems:
        raise ValidationError(problems)


# Limits for rows the fund's staff upload (fitjp/record/releases.py checks them on uploaded rows only:
# the public record has older, longer quotes and is checked by check_all alone).
MAX_TEXT = 5_000  # characters in one cell: a quote is a sentence or a paragraph, not a document
MAX_AMOUNT = 1e12  # no contribution to this fund comes near a trillion in any of its currencies
MAX_PARTICIPANTS = 1_000_000
DATE_COLUMNS_IN_THE_PAST = ("start_date", "end_date", "published", "as_of", "statement_date")


def check_plausible(table: Table, frame: pd.DataFrame, origin: Origin, today: date | None = None) -> list[Problem]:
    """Values a validator would accept but no record of the fund can hold: text pasted from a
    whole document, amounts beyond any contribution, records dated after today."""
    today_text = (today or date.today()).isoformat()
    problems = []
    for column in table.columns:
        if column.name not in frame.columns:
            continue
        for index, value in frame[column.name].items():
            if len(value) > MAX_TEXT:
                problems.append(origin.problem(index, column.name, value,
                                               f"text of {len(value):,} characters; the limit is {MAX_TEXT:,}"))
            elif reason := _implausible(column, value, today_text):
                problems.append(origin.problem(index, column.name, value, reason))
    return problems


def _implausible(column: Column, value: str, today: str) -> str | None:
    if not value or check_value(column, value):
        return None  # empty, or already reported as invalid
    if column.name == "amount" and float(value) > MAX_AMOUNT:
        return f"amount above {MAX_AMOUNT:,.0f}: a typing mistake?"
    if column.name == "participants" and int(value) > MAX_PARTICIPANTS:
        return f"more than {MAX_PARTICIPANTS:,} participants: a typing mistake?"
    if column.name in DATE_COLUMNS_IN_THE_PAST and is_partial_date(value) and value > today[:len(value)]:
        return f"date in the future (today is {today})"
    return None
