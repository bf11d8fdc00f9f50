"""The programme report: many workshops, one picture, for the country office and its
partners and donors. A Summary (workshops, sessions, people reached once each, new and
returning, how they took part, gender × age group, nationality, population type, a chart),
then Months, Modules, Partners and Workshops (exports.excel.programme_tables), and the
Definitions. Counts of people from 1 to 4 are hidden as in the partner report
(exports.excel.suppression); workshops, sessions and module deliveries are shown as they
are. Aggregates only: labelled restricted, like the partner report."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from exports.atomic import write_atomically
from exports.excel import definitions, programme_tables
from exports.excel.partner_report import RIGHT, Writer
from exports.excel.print_setup import rows_per_page, set_up_printing
from exports.excel.sheets import (
    NOTE_FONT,
    SUBTITLE_FONT,
    TITLE_FONT,
    cell,
    fit_width,
    set_widths,
    total_row,
)
from exports.excel.suppression import is_withheld, suppress, suppress_total
from exports.sensitivity import mark_workbook
from facilitator_app.export_models import CountTable
from facilitator_app.i18n import _
from facilitator_app.programme_models import CrossTable, ProgrammeReportData
from facilitator_app.sensitivity import label_of, label_words

KIND = "programme-report"  # aggregates, small counts hidden: restricted
LABEL_WIDTH = (42, 56)
FIGURE_WIDTH = 14
DATE_WIDTH = 18  # column B also holds "Generated" (a date and time)
CHART_ANCHOR = "G4"
CHART_WIDTH = 73  # characters from column F to the chart's right edge (12 cm)


def write_programme_report(data: ProgrammeReportData, target: Path) -> Path:
    """Write the report to `target` atomically, in the current language."""
    def write(path: Path) -> None:
        book = Workbook(write_only=True)
        mark_workbook(book, KIND)
        note = footer_note(data)
        _summary(book, data, note)
        programme_tables.write_months(book, data, note)
        programme_tables.write_modules(book, data, note)
        programme_tables.write_partners(book, data, note)
        programme_tables.write_workshops(book, data, note)
        definitions.write_definitions(book, data.programme_name, note, [
            *definitions.programme_definitions(),
            *definitions.programme_suppression_definitions()])
        book.save(path)

    return write_atomically(target, write)


def footer_note(data: ProgrammeReportData) -> str:
    """The label, then when and by whom it was made: on every sheet's printed footer."""
    made = _("Generated {when} · {by}").format(
        when=data.generated_at.strftime("%d/%m/%Y %H:%M"), by=data.generated_by)
    return label_words(label_of(KIND)) + " · " + made.rstrip(" ·")


def label_width(data: ProgrammeReportData) -> int:
    """The first column fits the groups' names and the gender rows."""
    labels = [*data.by_mode.counts, *data.by_gender_age.rows]
    for table in data.tables:
        labels += list(table.counts)
    least, most = LABEL_WIDTH
    return max(least, fit_width("", labels, most))


def _summary(book: Workbook, data: ProgrammeReportData, note: str) -> None:
    sheet = book.create_sheet(_("Summary"))
    set_up_printing(sheet, data.programme_name, note, title_rows="1:2")
    widths = [label_width(data), DATE_WIDTH,
              *[FIGURE_WIDTH] * max(len(data.by_gender_age.columns) - 1, 3)]
    set_widths(sheet, widths)
    out = Pages(sheet, rows_per_page(sum(widths) + CHART_WIDTH))
    out.append([cell(sheet, data.programme_name, font=TITLE_FONT)])
    out.append([cell(sheet, _("Programme report") + (f" · {data.period}" if data.period
                                                       else ""), font=SUBTITLE_FONT)])
    sheet.freeze_panes = "A3"
    _about(out, data)
    _key_figures(out, data)
    out.keep_whole(len(data.by_mode.counts) + 3)
    out.blank()
    mode_header = out.row + 1
    out.counts(data.by_mode, data.by_mode.total)
    if data.by_mode.counts and not is_withheld(suppress(data.by_mode.counts)):
        _mode_chart(sheet, mode_header, len(data.by_mode.counts))
    out.keep_whole(len(data.by_gender_age.rows) + 5)
    _cross(out, data.by_gender_age)
    for table in data.tables:
        out.keep_whole(len(table.counts) + 3)
        out.blank()
        out.counts(table, table.total)
    out.blank()
    for line in (_("“<5”: from 1 to 4 people, hidden so that nobody can be singled out."),
                 _("“x”: 5 or more, hidden too so that a count under five cannot be worked "
                   "out from the total."),
                 _("The “Definitions” sheet says what every figure counts.")):
        out.append([cell(sheet, line, font=NOTE_FONT)])


class Pages(Writer):
    """A Writer that starts a new printed page before a table that would not fit on
    what is left of this one (a conservative count of the rows a page holds)."""

    def __init__(self, sheet: Worksheet, page_rows: int) -> None:
        super().__init__(sheet)
        self.page_rows, self.page_start = page_rows, 0

    def keep_whole(self, rows: int) -> None:
        if self.row - self.page_start + rows > self.page_rows and self.row > self.page_start:
            self.sheet.row_breaks.append(Break(id=self.row))
            self.page_start = self.row


def _about(out: Writer, data: ProgrammeReportData) -> None:
    lines = [(_("Programme"), data.programme_name), (_("Period"), data.period or _("all")),
             (_("Generated"), data.generated_at), (_("Generated by"), data.generated_by),
             (_("Sensitivity"), label_words(label_of(KIND)))]
    if data.aggregate_only:
        lines.append((_("People kept"), _("as pseudonymous keys: no names or contacts")))
    out.about(lines)


def _figure(sheet: Worksheet, value: object, bold: bool = False):
    written = cell(sheet, value, bold=bold)
    written.alignment = RIGHT
    return written


def _key_figures(out: Writer, data: ProgrammeReportData) -> None:
    """Workshops and sessions as they are; people reached (each once), new, returning."""
    out.heading(_("Key figures"))
    for label, value in ((_("Workshops"), data.workshops),
                         (_("Sessions held"), data.sessions_held)):
        out.append([cell(out.sheet, label), _figure(out.sheet, value)])
    out.append([cell(out.sheet, _("People reached (each person once)"), bold=True),
                _figure(out.sheet, suppress_total(data.reached), bold=True)])
    out.blank()
    out.counts(CountTable(_("New or returning"), {_("New (one workshop)"): data.new,
                                                  _("Returning (two or more)"): data.returning}),
               data.new + data.returning)


def shown_cells(table: CrossTable) -> dict[tuple[str, str], int | str]:
    """Every cell as it may be shown: the cells are one flat table whose only total shown
    is the whole table's (no row or column margins to work a cell out from)."""
    flat = {(r, c): table.cells.get((r, c), 0) for r in table.rows for c in table.columns}
    return suppress(flat)  # type: ignore[arg-type]  # any hashable key works


def _cross(out: Writer, table: CrossTable) -> None:
    """The cross table suppressed as one flat table of its cells: only its total shown."""
    out.heading(table.title)
    shown = shown_cells(table)
    out.header(["", *table.columns])
    if is_withheld(shown):
        out.append([_("Not broken down: each group has a single person.")], wrap_first=True)
    else:
        for r in table.rows:
            out.append([r, *(_figure(out.sheet, shown[(r, c)]) for c in table.columns)],
                       wrap_first=True)
    out.row += 1
    out.sheet.append(total_row(out.sheet, [_("Total (whole table)"),
                                           suppress_total(table.total)]))
    out.append([cell(out.sheet, _("Row and column totals are not shown: see “Gender × age "
                                  "group” in the Definitions."), font=NOTE_FONT)])


def _mode_chart(sheet: Worksheet, header_row: int, groups: int) -> None:
    """People by how they took part (from its table), at the top right beside "About"
    and the key figures: always whole on the first page."""
    chart = BarChart()
    chart.type, chart.title = "bar", _("People by how they took part")
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.y_axis.scaling.min = 0
    chart.add_data(Reference(sheet, min_col=2, min_row=header_row + 1,
                             max_row=header_row + groups))
    chart.series[-1].tx = SeriesLabel(v=_("People"))
    chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1,
                                   max_row=header_row + groups))
    chart.height, chart.width, chart.legend = 7, 12, None
    sheet.add_chart(chart, CHART_ANCHOR)
