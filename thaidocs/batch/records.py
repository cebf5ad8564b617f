"""Records for a mail merge: rows of CSV, XLSX or JSON Lines, or any iterable of mappings.

Each record keeps its row number (1 at the first data row, the header not counted, blank rows
counted but skipped) so that an error points at the row a person sees in the spreadsheet.
Values are normalised the same way whatever the source, so a CSV and the XLSX it was saved
from give the same documents: whole numbers become their text without ".0", spreadsheet
date-times at midnight become dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from thaidocs.errors import InputError, Problem

SUFFIXES = (".csv", ".xlsx", ".jsonl")


@dataclass(frozen=True)
class Record:
    """One row's fields, or why the row could not be read."""

    row: int
    fields: Mapping[str, Any]
    problem: Problem | None = None


def read_records(source: str | Path | Iterable[Mapping[str, Any] | Record]) -> Iterator[Record]:
    """The records of a .csv, .xlsx or .jsonl file, or of an iterable of mappings, in order.

    A file that cannot be read at all raises InputError; a row that cannot be read becomes a
    record with a problem, so the other rows go on.
    """
    if not isinstance(source, str | Path):
        return _from_mappings(source)
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            [Problem("", f"unknown records file type {suffix!r}", "use .csv, .xlsx or .jsonl")],
            str(path),
        )
    if not path.is_file():
        raise InputError([Problem("", "file not found")], str(path))
    if suffix == ".xlsx":
        return _from_xlsx(path)
    text = _text(path)
    return _from_csv(text, str(path)) if suffix == ".csv" else _from_jsonl(text)


def normalise(value: Any) -> Any:
    """A record value as the model should see it, whichever file format held it."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return str(int(value))
    if isinstance(value, float | Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [normalise(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): normalise(item) for key, item in value.items()}
    return value


def _from_mappings(records: Iterable[Mapping[str, Any] | Record]) -> Iterator[Record]:
    for row, fields in enumerate(records, start=1):
        if isinstance(fields, Record):  # already read, e.g. to count them first
            yield fields
        elif isinstance(fields, Mapping):
            yield Record(row, normalise(fields))
        else:
            kind = type(fields).__name__
            yield Record(row, {}, Problem("", f"a record must be a mapping, not {kind}"))


def _text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(f"line {line}", "the file is not UTF-8 text", "save it as CSV UTF-8")],
            str(path),
        ) from None


def _from_csv(text: str, source: str) -> Iterator[Record]:
    rows = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(rows, [])]
    if not any(header):
        raise InputError([Problem("", "no header row naming the fields")], source)
    for row, values in enumerate(rows, start=1):
        if any(value.strip() for value in values):
            yield _record(row, header, values, pad=False)


def _from_xlsx(path: Path) -> Iterator[Record]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors alike
        raise InputError([Problem("", f"cannot read the workbook: {exc}")], str(path)) from None
    return _xlsx_rows(book, path)


def _xlsx_rows(book: Any, path: Path) -> Iterator[Record]:
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = ["" if cell is None else str(cell).strip() for cell in next(rows, ())]
        if not any(header):
            raise InputError([Problem("", "no header row naming the fields")], str(path))
        for row, values in enumerate(rows, start=1):
            if any(value is not None and str(value).strip() for value in values):
                cells = ["" if value is None else value for value in values]
                yield _record(row, header, cells, pad=True)
    finally:
        book.close()


def _record(row: int, header: list[str], values: list[Any], pad: bool) -> Record:
    """A row's fields by the header; a short CSV row lacks its last fields (a spreadsheet's
    trailing empty cells are empty fields)."""
    if len(values) > len(header) and any(str(v).strip() for v in values[len(header) :]):
        problem = Problem("", f"{len(values)} cells but the header names {len(header)} fields")
        return Record(row, {}, problem)
    if pad:
        values = list(values) + [""] * (len(header) - len(values))
    fields = {name: normalise(v) for name, v in zip(header, values, strict=False) if name}
    return Record(row, fields)


def _from_jsonl(text: str) -> Iterator[Record]:
    for row, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Record(row, {}, Problem("", f"JSON syntax: {exc.msg} (column {exc.colno})"))
            continue
        if isinstance(fields, dict):
            yield Record(row, normalise(fields))
        else:
            kind = type(fields).__name__
            yield Record(row, {}, Problem("", f"a line must hold a JSON object, not {kind}"))
