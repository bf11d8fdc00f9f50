"""Helpers for write-only sheets: a header, safe rows, a real table, widths, frozen panes."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from exports.cells import safe, safe_text

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1D3557")
TITLE_FONT = Font(bold=True, size=14, color="1D3557")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


def cell(sheet: Worksheet, value: object, *, bold: bool = False):
    """A write-only cell with the right number format for dates."""
    from openpyxl.cell import WriteOnlyCell

    written = WriteOnlyCell(sheet, value=safe(value))
    if isinstance(value, datetime):
        written.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        written.number_format = DATE_FORMAT
    if bold:
        written.font = Font(bold=True)
    return written


def header_row(sheet: Worksheet, titles: Sequence[str]) -> list:
    from openpyxl.cell import WriteOnlyCell

    row = []
    for title in titles:
        head = WriteOnlyCell(sheet, value=safe(title))
        head.font, head.fill = HEADER_FONT, HEADER_FILL
        head.alignment = Alignment(wrap_text=True, vertical="center")
        row.append(head)
    return row


def write_table(sheet: Worksheet, name: str, titles: Sequence[str],
                rows: Iterable[Sequence[object]], widths: Sequence[int],
                first_row: int = 1) -> int:
    """Header plus rows as an Excel table with filters, the header frozen; returns the
    number of data rows (rows may be a generator: nothing is held in memory)."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{first_row + 1}"
    sheet.append(header_row(sheet, titles))
    count = 0
    for row in rows:  # plain values are much faster than cell objects; dates get a format
        sheet.append([cell(sheet, value) if isinstance(value, date) else safe(value)
                      for value in row])
        count += 1
    last = get_column_letter(len(titles))
    if count:
        table = Table(displayName=name, ref=f"A{first_row}:{last}{first_row + count}")
        # write-only sheets cannot be read back, so the table's columns are named here
        table.tableColumns = [TableColumn(id=number, name=safe_text(title))
                              for number, title in enumerate(titles, start=1)]
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        with warnings.catch_warnings():  # openpyxl warns even when the columns are named
            warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
            sheet.add_table(table)
    return count
