"""The workshop report for partners and staff: summary with a chart, attendance per session
and mode, modules delivered with timings, introductions and follow-ups, and "About".

Written in openpyxl's write-only mode, so 20,000 attendees x 10 sessions stay small in
memory; attendance rows may come from a generator.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from exports.atomic import write_atomically
from exports.excel.sheets import TITLE_FONT, cell, write_table
from facilitator_app.export_models import WorkshopReportData
from facilitator_app.i18n import _


def mode_word(mode: str) -> str:
    return {"in_room": _("in the room"), "online": _("online"), "both": _("both"),
            "none": _("did not attend")}[mode]


def write_workshop_report(data: WorkshopReportData, target: Path) -> Path:
    def write(path: Path) -> None:
        book = Workbook(write_only=True)
        _summary(book, data)
        _attendance(book, data)
        _deliveries(book, data)
        _introductions(book, data)
        _about(book, data)
        book.save(path)

    return write_atomically(target, write)


def _summary(book: Workbook, data: WorkshopReportData) -> None:
    sheet = book.create_sheet(_("Summary"))
    title = cell(sheet, data.title)
    title.font = TITLE_FONT
    sheet.append([title])
    sheet.append([cell(sheet, " · ".join(p for p in (data.venue, data.dates) if p))])
    rows = [(s.title, s.starts, s.ends, s.registered, s.in_room, s.online, s.both)
            for s in data.sessions]
    count = write_table(sheet, "Sessions", [_("Session"), _("Starts"), _("Ends"),
                                            _("Registered"), _("In the room"), _("Online"),
                                            _("Both")], rows, [40, 17, 17, 12, 12, 12, 12],
                        first_row=3)
    if count:
        chart = BarChart()
        chart.type = "col"
        chart.title = _("Attendance by session")
        chart.y_axis.title = _("People")
        chart.add_data(Reference(sheet, min_col=5, max_col=7, min_row=3, max_row=3 + count),
                       titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=4, max_row=3 + count))
        chart.height, chart.width = 9, 18
        sheet.add_chart(chart, "I3")


def _attendance(book: Workbook, data: WorkshopReportData) -> None:
    """One row per person: for each session how they attended and their online minutes."""
    sheet = book.create_sheet(_("Attendance"))
    titles = [_("Name")]
    for number, session in enumerate(data.sessions, start=1):
        label = _("S{n}").format(n=number)
        titles += [f"{label} · {session.title}"[:80],
                   _("{session}: online minutes").format(session=label)]
    titles.append(_("Sessions attended"))
    words = {mode: mode_word(mode) for mode in ("in_room", "online", "both", "none")}

    def rows():
        for line in data.attendance:
            row = [line.name]
            for mode, minutes in zip(line.modes, line.online_minutes, strict=True):
                row += [words[mode], round(minutes, 1) if minutes is not None else None]
            row.append(line.attended)
            yield row

    write_table(sheet, "Attendance", titles, rows(),
                [34] + [16, 10] * len(data.sessions) + [12])


def _deliveries(book: Workbook, data: WorkshopReportData) -> None:
    sheet = book.create_sheet(_("Modules delivered"))
    rows = ((d.session, d.module, d.planned_minutes, d.started, d.ended,
             round(d.actual_minutes, 1) if d.actual_minutes is not None else None,
             d.useful_yes, d.useful_no) for d in data.deliveries)
    write_table(sheet, "Modules", [_("Session"), _("Module"), _("Planned minutes"),
                                   _("Started"), _("Ended"), _("Actual minutes"),
                                   _("Useful: yes"), _("Useful: no")],
                rows, [34, 40, 12, 17, 17, 12, 11, 11])


def _introductions(book: Workbook, data: WorkshopReportData) -> None:
    sheet = book.create_sheet(_("Introductions"))
    rows = ((i.made, i.from_name, i.to_name, _("partner") if i.to_partner else
             _("participant"), i.purpose, i.followup_due, i.status, i.rating, i.comment)
            for i in data.introductions)
    write_table(sheet, "Introductions", [_("Made"), _("From"), _("To"), _("To a"),
                                         _("Purpose"), _("Follow-up due"), _("Status"),
                                         _("Rating"), _("Comment")],
                rows, [17, 30, 34, 12, 40, 14, 12, 8, 30])


def _about(book: Workbook, data: WorkshopReportData) -> None:
    sheet = book.create_sheet(_("About"))
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90
    for label, value in ((_("What"), _("Workshop report: {title}").format(title=data.title)),
                         (_("Generated"), data.generated_at), (_("Generated by"),
                                                               data.generated_by),
                         (_("Privacy"), data.privacy_note)):
        sheet.append([cell(sheet, label, bold=True), cell(sheet, value)])
