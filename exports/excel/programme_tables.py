"""The programme report's list sheets: Months (with a chart), Modules, Partners and
Workshops. Each is one Excel table with a totals row where a total means something."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from exports.excel.print_setup import keep_chart_whole, set_up_printing
from exports.excel.sheets import (
    DECIMAL_FORMAT,
    NOTE_FONT,
    PERCENT_FORMAT,
    Column,
    cell,
    fitted,
    write_table,
)
from exports.excel.suppression import suppress, suppress_total
from exports.excel.workshop_report import useful_share
from facilitator_app.i18n import _
from facilitator_app.programme_models import MonthLine, ProgrammeReportData

CHART_ROWS = 18
RIGHT = Alignment(horizontal="right")
PEOPLE_COLUMN = 4  # "People reached" in the month table


def _sheet(book: Workbook, title: str, data: ProgrammeReportData, note: str) -> Worksheet:
    sheet = book.create_sheet(title)
    set_up_printing(sheet, data.programme_name, note)
    return sheet


def _note(sheet: Worksheet, text: str) -> None:
    sheet.append([])
    sheet.append([cell(sheet, text, font=NOTE_FONT)])


def figure(sheet: Worksheet, value: int | str) -> object:
    """A count, or its mark ("<5", "x") right-aligned like the numbers around it (for
    columns of a table that neither wrap nor have a number format)."""
    if not isinstance(value, str):
        return value
    written = cell(sheet, value)
    written.alignment = RIGHT
    return written


def month_row(line: MonthLine) -> list[object]:
    """A month's figures with its small counts hidden: new and returning together with
    the month's total; in the room and online (which overlap) each on its own."""
    parts = suppress({"new": line.new, "returning": line.returning})
    return [line.month, line.workshops, line.sessions, suppress_total(line.reached),
            parts["new"], parts["returning"], suppress_total(line.in_room),
            suppress_total(line.online)]


def write_months(book: Workbook, data: ProgrammeReportData, note: str) -> None:
    sheet = _sheet(book, _("Months"), data, note)
    columns = [Column(_("Month"), cap=10), Column(_("Workshops"), cap=12),
               Column(_("Sessions"), cap=12), Column(_("People reached"), cap=12),
               Column(_("New"), cap=12), Column(_("Returning"), cap=12),
               Column(_("In the room"), cap=12), Column(_("Online"), cap=12)]
    rows = [month_row(line) for line in data.months]
    widths = [max(width, 12) for width in fitted(columns, rows)]
    widths[0] = max(widths[0], 24)  # the totals row's label
    rows = [[*row[:3], *(figure(sheet, value) for value in row[3:])] for row in rows]
    totals = [_("Whole period"), data.workshops, sum(m.sessions for m in data.months),
              suppress_total(data.reached), None, None, None, None]
    count = write_table(sheet, "Months", columns, rows, widths, totals=totals)
    if not count:
        sheet.append([cell(sheet, _("No session was held in this period."))])
        return
    _note(sheet, _("Sessions add up across months; workshops and people do not (one active "
                   "in two months is in both rows): the whole-period row counts each once."))
    anchor = count + 6
    keep_chart_whole(sheet, anchor - 1, CHART_ROWS, sum(widths))
    _month_chart(sheet, count, anchor)


def _month_chart(sheet: Worksheet, count: int, anchor: int) -> None:
    """People reached per month (a hidden month is not drawn)."""
    chart = BarChart()
    chart.type, chart.title = "col", _("People reached per month")
    chart.y_axis.title = _("People")
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.y_axis.scaling.min = 0
    chart.add_data(Reference(sheet, min_col=PEOPLE_COLUMN, min_row=2, max_row=count + 1))
    chart.series[-1].tx = SeriesLabel(v=_("People reached"))
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=count + 1))
    chart.height, chart.width, chart.legend = 8, 18, None
    sheet.add_chart(chart, f"A{anchor}")


def write_modules(book: Workbook, data: ProgrammeReportData, note: str) -> None:
    """The modules delivered most first, with the room's ratings (not counts of people)."""
    sheet = _sheet(book, _("Modules"), data, note)
    columns = [Column(_("Module"), wrap=True, cap=50), Column(_("Times delivered"), cap=12),
               Column(_("Useful: yes"), cap=12), Column(_("Useful: no"), cap=12),
               Column(_("Found it useful"), PERCENT_FORMAT, cap=12)]
    rows = [[m.title, m.delivered, m.useful_yes, m.useful_no,
             useful_share(m.useful_yes, m.useful_no)] for m in data.modules]
    yes, no = sum(m.useful_yes for m in data.modules), sum(m.useful_no for m in data.modules)
    totals = [_("Total"), sum(m.delivered for m in data.modules), yes, no,
              useful_share(yes, no)]
    if not write_table(sheet, "Modules", columns, rows, _widths(columns, rows, 30),
                       totals=totals):
        sheet.append([cell(sheet, _("No module has been delivered yet."))])


def write_partners(book: Workbook, data: ProgrammeReportData, note: str) -> None:
    """Introductions to each partner and what came of them."""
    sheet = _sheet(book, _("Partners"), data, note)
    columns = [Column(_("Partner"), wrap=True, cap=44), Column(_("Introductions"), cap=14),
               Column(_("done"), cap=12), Column(_("pending"), cap=12),
               Column(_("no answer"), cap=12), Column(_("Average rating"), DECIMAL_FORMAT,
                                                      cap=12)]
    rows = [[p.partner, p.introductions, p.done, p.pending, p.no_answer,
             round(p.average_rating, 1) if p.average_rating is not None else None]
            for p in data.partners]
    totals = [_("Total"), *(sum(row[i] for row in rows) for i in range(1, 5)), None]
    if not write_table(sheet, "Partners", columns, rows, _widths(columns, rows, 30),
                       totals=totals):
        sheet.append([cell(sheet, _("No introduction to a partner in this period."))])


def write_workshops(book: Workbook, data: ProgrammeReportData, note: str) -> None:
    sheet = _sheet(book, _("Workshops"), data, note)
    columns = [Column(_("Workshop"), cap=50), Column(_("Place"), cap=44),
               Column(_("Starts"), cap=12), Column(_("Sessions held"), cap=12),
               Column(_("People reached"), cap=12)]  # no wrapping: marks right-aligned
    rows = [[w.title, w.place, w.starts_on, w.sessions_held, suppress_total(w.reached)]
            for w in data.workshop_lines]
    widths = _widths(columns, rows, 30)
    rows = [[*row[:4], figure(sheet, row[4])] for row in rows]
    totals = [_("Total (each person once)"), None, None,
              sum(w.sessions_held for w in data.workshop_lines), suppress_total(data.reached)]
    if not write_table(sheet, "Workshops", columns, rows, widths, totals=totals):
        sheet.append([cell(sheet, _("No workshop in this period."))])
        return
    _note(sheet, _("People reached: each person once, though many attended several "
                   "workshops, so the total is not the sum of the rows."))


def _widths(columns: list[Column], rows: list[list[object]], first: int) -> list[int]:
    widths = [max(width, 12) for width in fitted(columns, rows)]
    widths[0] = max(widths[0], first)
    return widths
