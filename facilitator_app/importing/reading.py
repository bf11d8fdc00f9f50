"""Read a registration list (CSV or XLSX) into a plain table of text cells.

The file is streamed and bounded by `importing.records` (strict decoding, limits on rows,
columns and cells, zip-bomb checks); this module keeps the table a preview shows, and
tells whether its first row holds column names or already a person's data
(`importing.headerless`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from facilitator_app.errors import RejectedFileError as Refused
from facilitator_app.i18n import _
from facilitator_app.importing.headerless import SAMPLE, first_row_is_data
from facilitator_app.importing.records import Limits, Record, read_records

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 500
MAX_CELLS = 2_000_000  # filled cells
MAX_GRID = 8_000_000  # rows x widest row: every row is padded to the widest


@dataclass(frozen=True)
class Table:
    """A sheet of text cells. `row_numbers` are as a spreadsheet shows them (header = 1).

    Without a header row (`header` False) the headers are the column letters (A, B, ...)
    and the first row is data like the others."""

    source: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_numbers: tuple[int, ...]
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # what the reader noticed, e.g. lines that were not UTF-8
    header: bool = True


def read_table(path: Path, sheet: str | None = None, header: bool | None = None) -> Table:
    """Read `path` (CSV or XLSX, by content) into a Table, or raise a KnownError naming it.

    `header`: True or False when the person said whether the first row holds column
    names; None to tell from the rows."""
    limits = Limits(max_bytes=MAX_FILE_BYTES, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS,
                    max_cells=MAX_CELLS)
    source, records = read_records(path, limits, sheet)
    numbers, rows = _filled_rows(source.name, records)
    if header is None:
        header = not first_row_is_data(rows[0], rows[1:SAMPLE + 1])
    headers = rows[0] if header else column_letters(len(rows[0]))
    return Table(source=source.name, headers=headers, rows=tuple(rows[1:] if header else rows),
                 row_numbers=tuple(numbers[1:] if header else numbers),
                 encoding=source.encoding, delimiter=source.delimiter, sheet=source.sheet,
                 sheets=source.sheets, notes=tuple(source.notes), header=header)


def _filled_rows(file: str, records: Iterator[Record]) -> tuple[list[int], list[tuple[str, ...]]]:
    """The rows with something in them, cleaned and padded to the widest, with their
    spreadsheet numbers; refused when rows x width would not fit in memory."""
    numbers: list[int] = []
    rows: list[tuple[str, ...]] = []
    width = 0
    share = _SharedCells().one
    for number, cells in records:
        cleaned = tuple([share(_clean(cell)) for cell in cells])
        if any(cleaned):
            numbers.append(number)
            rows.append(cleaned)
            width = max(width, len(cleaned))
            if len(rows) * width > MAX_GRID:
                raise Refused(_("{file} has {rows} rows of up to {columns} columns, more "
                                "than a list this app reads.").format(
                                    file=file, rows=f"{len(rows):,}", columns=width))
    if not rows:
        raise Refused(_("{file} is empty.").format(file=file))
    for index, row in enumerate(rows):
        if len(row) < width:
            rows[index] = row + ("",) * (width - len(row))
    return numbers, rows


class _SharedCells:
    """One string for the answers that repeat down a list (`Sí`, `venezolana`, a date):
    a 200,000-row list keeps far fewer copies. Bounded, so unique values cost little."""

    MOST = 50_000
    LONGEST = 40

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def one(self, value: str) -> str:
        known = self.known.get(value)
        if known is not None:
            return known
        if len(value) <= self.LONGEST and len(self.known) < self.MOST:
            self.known[value] = value
        return value


def column_letters(count: int) -> tuple[str, ...]:
    """A, B, ..., Z, AA, AB, ...: the names a spreadsheet gives its columns."""
    return tuple(column_letter(index) for index in range(count))


def column_letter(index: int) -> str:
    """The letter of column `index` (0 for A)."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _clean(value: str) -> str:
    """Text without control characters (tabs and newlines become spaces), trimmed."""
    if value.isprintable():
        return value.strip()
    return value.translate(_CONTROLS).strip()


_CONTROLS = {code: None for code in (*range(32), 127)} | dict.fromkeys(map(ord, "\t\r\n"), " ")
