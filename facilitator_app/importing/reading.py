"""Read a registration list (CSV or XLSX) into a plain table of text cells.

The file is streamed and bounded by `importing.records` (strict decoding, limits on rows,
columns and cells, zip-bomb checks); this module keeps the table a preview shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from facilitator_app.errors import RejectedFileError as Refused
from facilitator_app.i18n import _
from facilitator_app.importing.records import Limits, Record, read_records

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 500


@dataclass(frozen=True)
class Table:
    """A sheet of text cells. `row_numbers` are as a spreadsheet shows them (header = 1)."""

    source: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_numbers: tuple[int, ...]
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # what the reader noticed, e.g. lines that were not UTF-8


def read_table(path: Path, sheet: str | None = None) -> Table:
    """Read `path` (CSV or XLSX, by content) into a Table, or raise a KnownError naming it."""
    limits = Limits(max_bytes=MAX_FILE_BYTES, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
    source, records = read_records(path, limits, sheet)
    return replace(_table(source.name, records), encoding=source.encoding,
                   delimiter=source.delimiter, sheet=source.sheet, sheets=source.sheets,
                   notes=tuple(source.notes))


def _table(source: str, records: Iterator[Record]) -> Table:
    """Header = first non-empty row; data rows keep their spreadsheet row numbers."""
    numbers: list[int] = []
    rows: list[list[str]] = []
    for number, cells in records:
        cleaned = [_clean(cell) for cell in cells]
        if any(cleaned):
            numbers.append(number)
            rows.append(cleaned)
    if not rows:
        raise Refused(_("{file} is empty.").format(file=source))
    width = max(map(len, rows))
    padded = tuple(tuple(row + [""] * (width - len(row))) for row in rows)
    return Table(source=source, headers=padded[0], rows=padded[1:],
                 row_numbers=tuple(numbers[1:]))


def _clean(value: str) -> str:
    """Text without control characters (tabs and newlines become spaces), trimmed."""
    if value.isprintable():
        return value.strip()
    return value.translate(_CONTROLS).strip()


_CONTROLS = {code: None for code in (*range(32), 127)} | dict.fromkeys(map(ord, "\t\r\n"), " ")
