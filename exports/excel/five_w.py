"""The inter-agency 5W activity report: one row per month × place × partner × activity,
written under the headers of a template (exports.excel.five_w_template) in the template's
own columns and styles, with ActivityInfo-friendly values (months `YYYY-MM` and dates
`YYYY-MM-DD` as text, counts as plain numbers, no formulas), and a "Consolidated" sheet
with the year-to-date figure that never counts a person twice. A staff-to-platform
report: counts are not suppressed (the platform receives them), the file is labelled
restricted like the partner report."""

from __future__ import annotations

import calendar
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from exports.atomic import write_atomically
from exports.cells import safe_text
from exports.excel.five_w_template import (
    ACTIVITIES,
    TEXT_FIELDS,
    Template,
    fail,
    load_template,
)
from exports.excel.print_setup import header_text, set_up_printing
from exports.excel.sheets import NOTE_FONT, SUBTITLE_FONT, TITLE_FONT, WRAP
from exports.sensitivity import mark_workbook
from facilitator_app.i18n import _
from facilitator_app.programme_models import FiveWData, FiveWRow

LEFT = Alignment(horizontal="left")
KIND = "five-w"  # counts for the platform, no one named: restricted
TEXT = "@"


def write_five_w(data: FiveWData, template: Path, target: Path) -> Path:
    """Fill `template` with `data`'s rows and write the result to `target` atomically."""
    book, found = load_template(template)
    _check_activities(found, data)
    words = mark_workbook(book, KIND)
    sheet = book[found.sheet]
    _fill(sheet, found, data)
    _printable(sheet, words)
    _drop_mapping(book, found)
    _consolidated(book, found, data, words)
    return write_atomically(target, book.save)


def _printable(sheet: Worksheet, words: str) -> None:
    """The label in the footer; a template that does not say how it prints is printed
    landscape, one page wide (its own settings are kept otherwise)."""
    if not sheet.oddFooter.left.text:
        sheet.oddFooter.left.text = header_text(words)
    if sheet.sheet_properties.pageSetUpPr is None or \
            not sheet.sheet_properties.pageSetUpPr.fitToPage:
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _check_activities(found: Template, data: FiveWData) -> None:
    if not any(slot.field == "activity" for slot in found.slots):
        return
    for row in data.rows:
        if row.activity not in found.activities:
            raise fail(found.path, _("{file}: activity “{code}” has no wording in the "
                                     "template's “activities” range (known: {known})."),
                       code=row.activity, known=", ".join(found.activities) or "-")


def values_of(row: FiveWRow, found: Template, data: FiveWData) -> dict[str, object]:
    """Every placeholder's value for one row."""
    year, month = (int(part) for part in data.month.split("-"))
    last = calendar.monthrange(year, month)[1]
    values: dict[str, object] = dict(vars(row))
    values["activity"] = found.activities.get(row.activity, row.activity)
    values["month_start"] = f"{row.month}-01"
    values["month_end"] = f"{row.month}-{last:02d}"
    values["report_date"] = data.generated_at.date().isoformat()
    return values


def _fill(sheet: Worksheet, found: Template, data: FiveWData) -> None:
    """One row per FiveWRow from the placeholder row down, styled like it."""
    styles = {slot.column: sheet.cell(found.row, slot.column) for slot in found.slots}
    styles = {column: _style(template) for column, template in styles.items()}
    height = sheet.row_dimensions[found.row].height
    for slot in found.slots:
        sheet.cell(found.row, slot.column).value = None
    for offset, row in enumerate(data.rows):
        values = values_of(row, found, data)
        number = found.row + offset
        for slot in found.slots:
            written = sheet.cell(number, slot.column)
            _apply(written, styles[slot.column])
            if slot.field is None:
                written.value = safe_text(slot.constant) if isinstance(
                    slot.constant, str) else slot.constant
            else:
                written.value = _value(values[slot.field])
                if slot.field in TEXT_FIELDS:
                    written.number_format = TEXT
        if height:
            sheet.row_dimensions[number].height = height


def _value(value: object) -> object:
    return safe_text(value) if isinstance(value, str) else value


def _style(template: Cell) -> dict[str, object]:
    return {name: copy(getattr(template, name)) for name in
            ("font", "fill", "border", "alignment", "number_format", "protection")}


def _apply(written: Cell, style: dict[str, object]) -> None:
    for name, value in style.items():
        setattr(written, name, copy(value))


def _drop_mapping(book: Workbook, found: Template) -> None:
    """The activities' wording was for the writer: the platform gets the data alone."""
    if ACTIVITIES in book.defined_names:
        del book.defined_names[ACTIVITIES]
    if found.mapping_sheet and found.mapping_sheet != found.sheet:
        del book[found.mapping_sheet]


def _consolidated(book: Workbook, found: Template, data: FiveWData, words: str) -> None:
    """The year-to-date figure (each person once) beside the sum of the months' "new"."""
    sheet = book.create_sheet(_("Consolidated"))
    title = _("5W activity report {month}: consolidated figure").format(month=data.month)
    set_up_printing(sheet, title, words, title_rows=None)
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 56, 28
    year = data.month[:4]
    equal = data.year_to_date == data.year_to_date_new_sum
    lines: list[tuple[str, object]] = [
        (_("Month"), data.month),
        (_("Period"), f"{year}-01 – {data.month}"),
        (_("People reached in the period (each person once)"), data.year_to_date),
        (_("Sum of “new” over the months of the period"), data.year_to_date_new_sum),
        (_("Rows in this month's report"), len(data.rows)),
        (_("Template"), found.path.name),
        (_("Generated"), data.generated_at.date().isoformat()),
        (_("Sensitivity"), words),
    ]
    sheet.append([title])
    sheet["A1"].font = TITLE_FONT
    sheet.append([])
    for label, value in lines:
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.cell(sheet.max_row, 2).alignment = LEFT
        if isinstance(value, str):
            sheet.cell(sheet.max_row, 2).number_format = TEXT
    sheet.append([])
    verdict = (_("They are equal: nobody is counted twice across months.") if equal else
               _("They differ by {n}: someone is counted twice or missed; check the "
                 "programme data before sending.").format(
                   n=abs(data.year_to_date - data.year_to_date_new_sum)))
    sheet.append([verdict])
    sheet.cell(sheet.max_row, 1).font = SUBTITLE_FONT
    sheet.cell(sheet.max_row, 1).alignment = WRAP
    sheet.append([_("A person is “new” in the first month of the year they were reached, "
                    "so each person is new once: the sum of “new” is the year's total.")])
    sheet.cell(sheet.max_row, 1).font = NOTE_FONT
    sheet.cell(sheet.max_row, 1).alignment = WRAP
    sheet.row_dimensions[sheet.max_row].height = 36
