"""The partner report: what the partner's support achieved, as one sheet a partner officer
can forward: the partner, period and venue, the people reached (one population: those who
attended) by how they took part, gender and nationality, the sessions, the modules
delivered with the room's ratings, the introductions to that partner and their outcomes,
a chart, and the definitions with the small-count rule. Counts of people from 1 to 4 are
hidden (exports.excel.suppression). Names and contacts appear only of the people who met
this partner and agreed to share them with partners."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from exports.atomic import write_atomically
from exports.excel import definitions
from exports.excel.print_setup import set_up_printing
from exports.excel.sheets import (
    DATETIME_FORMAT,
    DECIMAL_FORMAT,
    HEADER_NARROW,
    NOTE_FONT,
    PERCENT_FORMAT,
    SUBTITLE_FONT,
    TITLE_FONT,
    Column,
    cell,
    fit_height,
    fit_width,
    fitted,
    header_row,
    set_widths,
    total_row,
    write_table,
)
from exports.excel.suppression import is_withheld, suppress, suppress_total
from exports.excel.workshop_report import session_status, useful_share
from exports.sensitivity import mark_workbook
from facilitator_app.export_models import CountTable, PartnerReportData
from facilitator_app.i18n import _
from facilitator_app.sensitivity import label_of, label_words

RIGHT = Alignment(horizontal="right", vertical="top")
LEFT = Alignment(horizontal="left", vertical="top")
TOP = Alignment(vertical="top")
LABEL_WIDTH = (40, 60)  # the first column: at least, at most (longer text wraps)


class Writer:
    """Appends the report's blocks one under another, counting rows (write-only sheets
    cannot be read back)."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet, self.row = sheet, 0

    def append(self, values: Sequence[object], wrap_first: bool = False) -> int:
        self.row += 1
        if wrap_first and values and isinstance(values[0], str):
            fit_height(self.sheet, self.row, values, [True])
        cells = [value if hasattr(value, "coordinate") or value is None
                 else cell(self.sheet, value, wrap=wrap_first and i == 0)
                 for i, value in enumerate(values)]
        for written in cells:
            if written is not None and not written.alignment.vertical:
                written.alignment = TOP
        self.sheet.append(cells)
        return self.row

    def blank(self) -> None:
        self.append([])

    def heading(self, text: str) -> None:
        self.blank()
        self.append([cell(self.sheet, text, font=SUBTITLE_FONT)])

    def about(self, lines: Sequence[tuple[str, str]]) -> None:
        """"About this report": each label in bold beside its value (blank ones left out)."""
        self.heading(_("About this report"))
        for label, value in lines:
            if value:
                written = cell(self.sheet, value)
                written.alignment = LEFT
                self.append([cell(self.sheet, label, bold=True), written])

    def header(self, titles: Sequence[str]) -> int:
        fit_height(self.sheet, self.row + 1, titles, [True] * len(titles), 13.5,
                   narrow=HEADER_NARROW)
        self.row += 1
        self.sheet.append(header_row(self.sheet, titles))
        return self.row

    def counts(self, table: CountTable, total: int) -> None:
        """One breakdown: its groups (small counts hidden) and its total."""
        self.header([table.title, _("People")])
        shown = suppress(table.counts)
        if is_withheld(shown):  # naming the groups would give every count away
            self.append([_("Not broken down: each group has a single person."), ""],
                        wrap_first=True)
        for label, count in ({} if is_withheld(shown) else shown).items():
            self.append([label, _figure(self.sheet, count)], wrap_first=True)
        self.row += 1
        self.sheet.append(total_row(self.sheet, [_("Total"), suppress_total(total)]))


def label_width(data: PartnerReportData) -> int:
    """The first column fits the session and module titles and the groups' names."""
    labels = [s.title for s in data.sessions] + [d.module for d in data.deliveries]
    for table in [data.reached, *data.tables]:
        labels += list(table.counts) if table else []
    least, most = LABEL_WIDTH
    return max(least, fit_width("", labels, most)) if labels else least


def _figure(sheet: Worksheet, value: object):
    written = cell(sheet, value)
    written.alignment = RIGHT
    return written


def write_partner_report(data: PartnerReportData, target: Path) -> Path:
    def write(path: Path) -> None:
        book = Workbook(write_only=True)
        mark_workbook(book, "partner-report", names_people=bool(data.people))
        _report(book, data)
        definitions.write_definitions(book, data.workshop_title, footer_note(data), [
            *definitions.attendance_definitions(data.sessions, data.min_online_percent),
            *definitions.module_definitions(), *definitions.introduction_definitions(),
            *definitions.suppression_definitions()])
        if data.partner_name:
            _people(book, data)
        book.save(path)

    return write_atomically(target, write)


def footer_note(data: PartnerReportData) -> str:
    """The label (figures only, or personal data when it names people), then when and
    where it was made: on every sheet's printed footer."""
    label = label_of("partner-report", names_people=bool(data.people))
    return label_words(label) + " · " + _("Generated {when} · {by}").format(
        when=data.generated_at.strftime("%d/%m/%Y %H:%M"), by=data.generated_by)


def _report(book: Workbook, data: PartnerReportData) -> None:
    sheet = book.create_sheet(_("Report"))
    set_up_printing(sheet, data.workshop_title, footer_note(data), title_rows="1:2")
    set_widths(sheet, [label_width(data), 17, 16, 12, 12, 12, 12])
    out = Writer(sheet)
    out.append([cell(sheet, data.workshop_title, font=TITLE_FONT)])
    out.append([cell(sheet, _("Partner report: {partner}").format(partner=data.partner_name)
                     if data.partner_name else _("Partner report: all partners"),
                     font=SUBTITLE_FONT)])
    sheet.freeze_panes = "A3"
    _about(out, data)
    chart_row = out.row + 2
    _reached(out, data)
    first_session = _sessions(out, data)
    _modules(out, data)
    _introductions(out, data)
    out.heading(_("Definitions"))
    for note in (_("“<5”: from 1 to 4 people, hidden so that nobody can be singled out."),
                 _("“x”: 5 or more, hidden too so that a count under five cannot be worked "
                   "out from the total."),
                 _("The “Definitions” sheet says what every figure counts.")):
        out.append([cell(sheet, note, font=NOTE_FONT)])
    if any(s.held for s in data.sessions):
        _chart(sheet, data, chart_row, first_session)


def _about(out: Writer, data: PartnerReportData) -> None:
    lines = [(_("Partner"), data.partner_name or _("all partners (aggregate)")),
             (_("Type of organisation"), data.partner_type), (_("Period"), data.period),
             (_("Venue"), data.venue), (_("Generated"), data.generated_at),
             (_("Generated by"), data.generated_by),
             (_("Sensitivity"), label_words(label_of("partner-report",
                                                     names_people=bool(data.people))))]
    out.about(lines)


def _reached(out: Writer, data: PartnerReportData) -> None:
    out.heading(_("People reached"))
    out.append([cell(out.sheet, _("Registered (signed up, whether or not they came)")),
                _figure(out.sheet, suppress_total(data.registered))], wrap_first=True)
    attended = cell(out.sheet, _("Attended (counted in every table below)"), bold=True,
                    wrap=True)
    fit_height(out.sheet, out.row + 1, [attended.value], [True])
    out.append([attended, _figure(out.sheet, suppress_total(data.attended))])
    if data.reached:
        out.blank()
        out.counts(data.reached, data.attended)
    for table in data.tables:
        out.blank()
        out.counts(table, data.attended)


def _sessions(out: Writer, data: PartnerReportData) -> int:
    """The sessions, each row's small counts hidden on their own; returns the first
    session's row."""
    out.heading(_("Sessions"))
    out.header([_("Session"), _("Starts"), _("Status"), _("In the room"), _("Online"),
                _("Both"), _("Attended")])
    first = out.row + 1
    for session in data.sessions:
        row: list[object] = [session.title, cell(out.sheet, session.starts),
                             session_status(session)]
        if session.held:
            shown = suppress({"in_room": session.in_room, "online": session.online,
                              "both": session.both})
            row += [_figure(out.sheet, shown[k]) for k in ("in_room", "online", "both")]
            row.append(_figure(out.sheet, suppress_total(session.attended)))
        out.append(row, wrap_first=True)
    return first


def _modules(out: Writer, data: PartnerReportData) -> None:
    out.heading(_("Modules delivered"))
    if not data.deliveries:
        out.append([_("No module has been delivered yet.")])
        return
    out.header([_("Module"), _("Started"), _("Actual minutes"), _("Useful: yes"),
                _("Useful: no"), _("Found it useful")])
    for d in data.deliveries:
        minutes = round(d.actual_minutes, 1) if d.actual_minutes is not None else None
        out.append([d.module, cell(out.sheet, d.started, number_format=DATETIME_FORMAT),
                    cell(out.sheet, minutes, number_format=DECIMAL_FORMAT), d.useful_yes,
                    d.useful_no, cell(out.sheet, useful_share(d.useful_yes, d.useful_no),
                                      number_format=PERCENT_FORMAT)], wrap_first=True)


def _introductions(out: Writer, data: PartnerReportData) -> None:
    if data.introductions is None:
        return
    out.heading(_("Introductions to {partner}").format(partner=data.partner_name)
                if data.partner_name else _("Introductions to partners"))
    out.header([_("Follow-up"), _("Introductions")])
    for label, count in data.introductions.counts.items():
        out.append([label, _figure(out.sheet, count)])
    out.row += 1
    out.sheet.append(total_row(out.sheet, [_("Total"), data.introductions.total]))


def _chart(sheet: Worksheet, data: PartnerReportData, row: int, first: int) -> None:
    """The people who attended each held session, beside the breakdowns (the session
    totals: a hidden one is not drawn). `first` is the row of the first session."""
    chart = BarChart()
    chart.type, chart.title = "col", _("People reached per session")
    chart.y_axis.title = _("People")
    chart.y_axis.majorGridlines = None
    chart.y_axis.scaling.min = 0
    held = [n for n, s in enumerate(data.sessions) if s.held]
    chart.add_data(Reference(sheet, min_col=7, min_row=first + held[0],
                             max_row=first + held[-1]))
    chart.series[-1].tx = SeriesLabel(v=_("Attended"))
    chart.set_categories(Reference(sheet, min_col=1, min_row=first + held[0],
                                   max_row=first + held[-1]))
    chart.height, chart.width, chart.legend = 8, 15, None
    sheet.add_chart(chart, f"C{row}")


def _people(book: Workbook, data: PartnerReportData) -> None:
    sheet = book.create_sheet(_("Contacts"))
    set_up_printing(sheet, data.workshop_title, footer_note(data))
    columns = [Column(_("Name"), wrap=True, cap=34), Column(_("Business"), wrap=True, cap=34),
               Column(_("Phone"), phone=True, cap=20), Column(_("Email"), cap=40)]
    rows = [(p.name, p.detail, p.phone, p.email) for p in data.people]
    widths = [max(width, least) for width, least in zip(fitted(columns, rows), (24, 24, 18, 28),
                                                        strict=True)]
    count = write_table(sheet, "Contacts", columns, rows, widths)
    if not count:
        sheet.append([cell(sheet, _("Nobody who met this partner has agreed to share their "
                                    "contact with partners."))])
