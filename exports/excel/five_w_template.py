"""Reading a 5W template: an XLSX whose first sheet holds the platform's column headers
and, under them, one row of placeholders naming what goes in each column (`{month}`,
`{admin1}`, `{total}` …: the fields of FiveWRow, plus `{month_start}`, `{month_end}` and
`{report_date}`). A cell of plain text in that row is a constant copied to every row. The
wording of each activity code comes from the defined range "activities" (two columns:
code, wording) or else a sheet named "activities". A new year's template is a new file.
Anything the writer could not follow is a KnownError naming the file and the cell."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, fields
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.programme_models import FiveWRow

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
ROW_FIELDS = tuple(f.name for f in fields(FiveWRow))
DERIVED = ("month_start", "month_end", "report_date")
KNOWN = (*ROW_FIELDS, *DERIVED)
TEXT_FIELDS = frozenset(f.name for f in fields(FiveWRow) if f.type in ("str", str)) | set(DERIVED)
ACTIVITIES = "activities"
SEARCHED_ROWS = 20  # the placeholder row is looked for this far down


@dataclass(frozen=True)
class Slot:
    """One column of the template: a field's name, or a constant (field None)."""

    column: int
    field: str | None
    constant: object = None


@dataclass(frozen=True)
class Template:
    path: Path
    sheet: str
    row: int  # the placeholder row: data rows are written from here down
    slots: tuple[Slot, ...]
    activities: dict[str, str]
    mapping_sheet: str | None  # the sheet holding the activities, left out of the output


def fail(path: Path, message: str, **values: object) -> KnownError:
    return KnownError(message.format(file=path.name, **values), path=path)


def load_template(path: Path) -> tuple[Workbook, Template]:
    """The template's workbook (to fill) and what it asks for."""
    try:
        book = load_workbook(path)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise fail(path, _("{file}: the 5W template cannot be read as an XLSX file "
                           "({error})."), error=error) from error
    sheet = book.worksheets[0]
    row = _placeholder_row(path, sheet)
    slots = tuple(_slots(path, sheet, row))
    activities, mapping = _activities(path, book)
    if any(s.field == "activity" for s in slots) and not activities:
        raise fail(path, _("{file}: the template has an {{activity}} column but no "
                           "“activities” range (activity code, wording)."))
    return book, Template(path, sheet.title, row, slots, activities, mapping)


def _placeholder_row(path: Path, sheet: Worksheet) -> int:
    for row in sheet.iter_rows(min_row=1, max_row=SEARCHED_ROWS):
        if any(isinstance(c.value, str) and PLACEHOLDER.search(c.value) for c in row):
            if row[0].row == 1:
                raise fail(path, _("{file}, sheet “{sheet}”: the placeholders are in row 1; "
                                   "the column headers must be in the row above them."),
                           sheet=sheet.title)
            return row[0].row
    raise fail(path, _("{file}, sheet “{sheet}”: no row of placeholders ({{month}}, "
                       "{{total}} …) under the column headers."), sheet=sheet.title)


def _slots(path: Path, sheet: Worksheet, row: int):
    for column in range(1, sheet.max_column + 1):
        found = sheet.cell(row, column)
        header = sheet.cell(row - 1, column).value
        value = found.value
        if value is None or value == "":
            continue
        if header is None or str(header).strip() == "":
            raise fail(path, _("{file}, cell {cell}: “{value}” has no column header above "
                               "it (row {row})."), cell=found.coordinate, value=value,
                       row=row - 1)
        yield _slot(path, found)


def _slot(path: Path, found: Cell) -> Slot:
    value = found.value
    if not isinstance(value, str) or ("{" not in value and "}" not in value):
        return Slot(found.column, None, value)
    match = PLACEHOLDER.fullmatch(value.strip())
    if match is None:
        raise fail(path, _("{file}, cell {cell}: “{value}” is not a placeholder: write one "
                           "field name alone in braces, e.g. {{month}}."),
                   cell=found.coordinate, value=value)
    if match.group(1) not in KNOWN:
        raise fail(path, _("{file}, cell {cell}: unknown placeholder {placeholder}. Known: "
                           "{known}."), cell=found.coordinate, placeholder=value.strip(),
                   known=", ".join(KNOWN))
    return Slot(found.column, match.group(1))


def _activities(path: Path, book: Workbook) -> tuple[dict[str, str], str | None]:
    """Activity code -> wording, and the sheet it came from."""
    named = book.defined_names.get(ACTIVITIES)
    if named is not None:
        for title, ref in named.destinations:
            if title not in book.sheetnames:
                raise fail(path, _("{file}: the “activities” range points to a sheet that "
                                   "is not there ({sheet})."), sheet=title)
            cells = book[title][ref.replace("$", "")]
            return _pairs(cells if isinstance(cells, tuple) else ((cells,),)), title
    for sheet in book.worksheets[1:]:
        if sheet.title.strip().lower() == ACTIVITIES:
            return _pairs(sheet.iter_rows()), sheet.title
    return {}, None


def _pairs(rows) -> dict[str, str]:
    found = {}
    for row in rows:
        code, wording = (row[0].value, row[1].value) if len(row) > 1 else (None, None)
        if code and wording and str(code).strip().lower() not in ("code", "código"):
            found[str(code).strip()] = str(wording).strip()
    return found


def column_letter(slot: Slot) -> str:
    return get_column_letter(slot.column)
