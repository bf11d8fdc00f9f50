"""Helpers for write-only sheets: a header, safe rows, a real table, fitted widths,
number formats, totals and frozen panes."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from exports.cells import phone_text, safe, safe_text

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1D3557")
TITLE_FONT = Font(bold=True, size=14, color="1D3557")
SUBTITLE_FONT = Font(bold=True, size=11, color="1D3557")
NOTE_FONT = Font(italic=True, size=9, color="555555")
TOTAL_BORDER = Border(top=Side(style="thin", color="1D3557"))
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MINUTES_FORMAT = "0"
DECIMAL_FORMAT = "0.0"
PERCENT_FORMAT = "0%"
TEXT_FORMAT = "@"
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
DATETIME_WIDTH, DATE_WIDTH = 18, 12
NO_WRAP_CAP = 60
HEADER_NARROW = 0.95  # bold capitals and serif headers run wider than body text


@dataclass(frozen=True)
class Column:
    """One column of a table: its title, how its cells look and how wide it may grow."""

    title: str
    number_format: str | None = None  # None: general (text, whole numbers)
    wrap: bool = False  # long text: wrap within `cap` rather than grow
    cap: int = 40
    phone: bool = False


def cell(sheet: Worksheet, value: object, *, bold: bool = False, font: Font | None = None,
         number_format: str | None = None, wrap: bool = False) -> WriteOnlyCell:
    """A write-only cell with the right number format for dates; text is made safe."""
    written = WriteOnlyCell(sheet, value=safe(value))
    if isinstance(value, datetime):
        written.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        written.number_format = DATE_FORMAT
    if number_format:
        written.number_format = number_format
    if bold or font:
        written.font = font or Font(bold=True)
    if wrap:
        written.alignment = WRAP
    return written


def phone_cell(sheet: Worksheet, value: str) -> WriteOnlyCell:
    """A phone number as a text cell: no visible apostrophe, never a formula."""
    text, quoted = phone_text(value)
    written = WriteOnlyCell(sheet, value=text)
    written.number_format = TEXT_FORMAT
    written.quotePrefix = quoted
    return written


def header_row(sheet: Worksheet, titles: Sequence[str]) -> list[WriteOnlyCell]:
    row = []
    for title in titles:
        head = WriteOnlyCell(sheet, value=safe(title))
        head.font, head.fill = HEADER_FONT, HEADER_FILL
        head.alignment = Alignment(wrap_text=True, vertical="center")
        row.append(head)
    return row


def text_width(value: object) -> int:
    """Characters a value takes on screen in its format."""
    if isinstance(value, datetime):
        return DATETIME_WIDTH - 1
    if isinstance(value, date):
        return DATE_WIDTH - 1
    if isinstance(value, float):
        return len(f"{value:.1f}")
    return max((len(line) for line in str(value).splitlines()), default=0) if value is not \
        None else 0


def fit_width(title: str, values: Iterable[object], cap: int = 40) -> int:
    """A column as wide as its widest value (dates whole), at least its title's longest
    word, at most `cap` (longer text wraps)."""
    widest = max((text_width(v) for v in values), default=0)
    longest_word = max((len(word) for word in title.split()), default=0)
    wanted = max(widest, longest_word, min(len(title), 16))
    return min(max(wanted + 2, 6), max(cap, longest_word + 2))


def wrapped_lines(text: str, width: float, narrow: float = 1.2) -> int:
    """Lines a text takes when wrapped by words in a column `width` characters wide
    (`narrow`: how much narrower than "0" the text's letters are on average)."""
    room = max(int(width * narrow) - 1, 4)
    lines = 0
    for paragraph in text.splitlines() or [""]:
        used, lines = 0, lines + 1
        for word in paragraph.split():
            if used and used + 1 + len(word) > room:
                lines, used = lines + 1, 0
            used += (1 if used else 0) + len(word)
    return lines


def fit_height(sheet: Worksheet, row_number: int, values: Sequence[object],
               wraps: Sequence[bool], line_height: float = 14.5, narrow: float = 1.2) -> None:
    """Give a row the height its wrapped text needs (spreadsheets do not always do it)."""
    lines = 1
    for index, (value, wrap) in enumerate(zip(values, wraps, strict=False), start=1):
        if wrap and isinstance(value, str):
            width = sheet.column_dimensions[get_column_letter(index)].width or 10
            lines = max(lines, wrapped_lines(value, width, narrow))
    if lines > 1:
        sheet.row_dimensions[row_number].height = round(line_height * lines + 2, 1)


def set_widths(sheet: Worksheet, widths: Sequence[int], first: int = 1) -> None:
    for index, width in enumerate(widths, start=first):
        sheet.column_dimensions[get_column_letter(index)].width = width


def fitted(columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> list[int]:
    """Widths for in-memory rows: text that does not wrap is always shown whole (up to
    NO_WRAP_CAP characters)."""
    return [fit_width(column.title, (row[i] for row in rows),
                      column.cap if column.wrap else max(column.cap, NO_WRAP_CAP))
            for i, column in enumerate(columns)]


def _row_cells(sheet: Worksheet, columns: Sequence[Column]) -> list[WriteOnlyCell | None]:
    """One reusable cell per styled column (write-only rows are written at once)."""
    made: list[WriteOnlyCell | None] = []
    any_wrap = any(column.wrap for column in columns)  # then every cell aligns to the top
    for column in columns:
        if not (column.number_format or column.wrap or column.phone or any_wrap):
            made.append(None)
            continue
        made.append(WriteOnlyCell(sheet))
        if column.number_format:
            made[-1].number_format = column.number_format
        made[-1].alignment = WRAP if column.wrap else TOP
    return made


def _values(sheet: Worksheet, row: Sequence[object], styled: list,
            columns: Sequence[Column]) -> list[object]:
    values: list[object] = []
    for value, template, column in zip(row, styled, columns, strict=False):
        if column.phone and isinstance(value, str) and value:
            values.append(phone_cell(sheet, value))
        elif template is not None and value is not None and (
                column.number_format or not isinstance(value, date)):
            template.value = safe(value)
            values.append(template)
        elif isinstance(value, date):
            values.append(cell(sheet, value))
        else:
            values.append(safe(value))
    return values


def write_table(sheet: Worksheet, name: str, columns: Sequence[Column | str],
                rows: Iterable[Sequence[object]], widths: Sequence[int] | None = None,
                first_row: int = 1, totals: Sequence[object] | None = None) -> int:
    """Header plus rows as an Excel table with filters, the header frozen, and an
    optional totals row under it; returns the number of data rows (rows may be a
    generator: nothing is held in memory)."""
    columns = [c if isinstance(c, Column) else Column(c) for c in columns]
    if widths is not None:
        set_widths(sheet, widths)
    sheet.freeze_panes = f"A{first_row + 1}"
    titles = [c.title for c in columns]
    fit_height(sheet, first_row, titles, [True] * len(titles), 13.5, narrow=HEADER_NARROW)
    sheet.append(header_row(sheet, titles))
    styled = _row_cells(sheet, columns)
    wraps = [c.wrap for c in columns]
    count = 0
    for row in rows:
        if any(wraps):
            fit_height(sheet, first_row + 1 + count, row, wraps)
        sheet.append(_values(sheet, row, styled, columns))
        count += 1
    if count:
        _add_table(sheet, name, [c.title for c in columns], first_row, count)
    if totals is not None and count:
        sheet.append(total_row(sheet, totals, columns))
    return count


def total_row(sheet: Worksheet, values: Sequence[object],
              columns: Sequence[Column] = ()) -> list[WriteOnlyCell]:
    """A bold row with a rule above it."""
    row = []
    for index, value in enumerate(values):
        column = columns[index] if index < len(columns) else None
        written = cell(sheet, value, bold=True,
                       number_format=column.number_format if column and value is not None
                       and not isinstance(value, str) else None)
        written.border = TOTAL_BORDER
        row.append(written)
    return row


def _add_table(sheet: Worksheet, name: str, titles: Sequence[str], first_row: int,
               count: int) -> None:
    last = get_column_letter(len(titles))
    table = Table(displayName=name, ref=f"A{first_row}:{last}{first_row + count}")
    # write-only sheets cannot be read back, so the table's columns are named here
    table.tableColumns = [TableColumn(id=number, name=safe_text(title))
                          for number, title in enumerate(titles, start=1)]
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    with warnings.catch_warnings():  # openpyxl warns even when the columns are named
        warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
        sheet.add_table(table)
