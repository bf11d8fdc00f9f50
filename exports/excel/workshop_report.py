"""The workshop report for the organising team: summary with a chart, attendance per
held session and mode, modules delivered with timings, introductions and follow-ups,
definitions of every figure, and "About".

Written in openpyxl's write-only mode, so 20,000 attendees x 10 sessions stay small in
memory; attendance rows may come from a generator.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from exports.atomic import write_atomically
from exports.excel import definitions
from exports.excel.print_setup import keep_chart_whole, set_up_printing
from exports.excel.sheets import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    DECIMAL_FORMAT,
    MINUTES_FORMAT,
    NO_WRAP_CAP,
    PERCENT_FORMAT,
    SUBTITLE_FONT,
    TITLE_FONT,
    Column,
    cell,
    fit_height,
    fit_width,
    fitted,
    set_widths,
    write_table,
)
from exports.sensitivity import mark_workbook
from facilitator_app.export_models import DeliveryLine, SessionLine, WorkshopReportData
from facilitator_app.i18n import _
from facilitator_app.sensitivity import label_of, label_words

CHART_ROWS = 18
LEFT = Alignment(horizontal="left")


def mode_word(mode: str) -> str:
    return {"in_room": _("in the room"), "online": _("online"), "both": _("both"),
            "none": _("did not attend")}[mode]


def session_status(session: SessionLine) -> str:
    if session.held:
        return _("held")
    return _("no attendance recorded") if session.past else _("not held yet")


def footer_note(data: WorkshopReportData) -> str:
    """The label, then when and where it was made: on every sheet's printed footer."""
    return label_words(label_of("report")) + " · " + _("Generated {when} · {by}").format(
        when=data.generated_at.strftime("%d/%m/%Y %H:%M"), by=data.generated_by)


def write_workshop_report(data: WorkshopReportData, target: Path) -> Path:
    def write(path: Path) -> None:
        book = Workbook(write_only=True)
        mark_workbook(book, "report")
        _summary(book, data)
        _attendance(book, data)
        _deliveries(book, data)
        _introductions(book, data)
        definitions.write_definitions(book, data.title, footer_note(data), [
            *definitions.attendance_definitions(data.sessions, data.min_online_percent),
            *definitions.module_definitions(), *definitions.introduction_definitions()])
        _about(book, data)
        book.save(path)

    return write_atomically(target, write)


def _session_columns() -> list[Column]:
    return [Column(_("Session"), wrap=True, cap=50), Column(_("Starts"), DATETIME_FORMAT),
            Column(_("Ends"), DATETIME_FORMAT), Column(_("Status"), cap=24),
            Column(_("Online minimum (minutes)"), MINUTES_FORMAT, cap=12),
            Column(_("Registered"), cap=12), Column(_("In the room"), cap=12),
            Column(_("Online"), cap=12), Column(_("Both"), cap=12),
            Column(_("Attended"), cap=12), Column(_("Did not attend"), cap=12)]


def _session_row(session: SessionLine) -> list[object]:
    row: list[object] = [session.title, session.starts, session.ends, session_status(session),
                         session.online_minimum, session.registered]
    if not session.held:
        return [*row, None, None, None, None, None]
    return [*row, session.in_room, session.online, session.both, session.attended,
            session.registered - session.attended]


def _summary(book: Workbook, data: WorkshopReportData) -> None:
    sheet = book.create_sheet(_("Summary"))
    set_up_printing(sheet, data.title, footer_note(data), title_rows=None)
    columns = _session_columns()
    rows = [_session_row(s) for s in data.sessions]
    widths = fitted(columns, rows)
    widths[0] = max(widths[0], 34)  # the key figures' labels live in this column too
    set_widths(sheet, widths)
    title = cell(sheet, data.title, font=TITLE_FONT)
    sheet.append([title])
    sheet.append([cell(sheet, " · ".join(p for p in (data.venue, data.dates) if p))])
    sheet.append([cell(sheet, footer_note(data))])
    sheet.append([])
    count = write_table(sheet, "Sessions", columns, rows, first_row=5,
                        totals=_session_totals(data))
    sheet.freeze_panes = "B6"
    first_key_row = 5 + count + (2 if count else 1)
    if data.held:
        _chart(sheet, data, count, first_key_row + 2, sum(widths))
    _key_figures(sheet, data, first_key_row)


def _session_totals(data: WorkshopReportData) -> list[object]:
    held = data.held
    return [_("Total, held sessions (attendances)"), None, None,
            _("{held} of {all} held").format(held=len(held), all=len(data.sessions)), None,
            None, sum(s.in_room for s in held), sum(s.online for s in held),
            sum(s.both for s in held), sum(s.attended for s in held),
            sum(s.registered - s.attended for s in held)]


def _key_figures(sheet: Worksheet, data: WorkshopReportData, first_row: int) -> int:
    """The workshop's own figures (people, not attendances); returns the last row used."""
    sheet.append([])
    sheet.append([cell(sheet, _("Key figures"), font=SUBTITLE_FONT)])
    reached = data.reached.counts if data.reached else {}
    lines: list[tuple[str, object]] = [
        (_("Registered"), data.registered),
        (_("Attended at least one held session"), sum(reached.values())),
        *((f"    {word}", count) for word, count in reached.items()),
        (_("Sessions held"), _("{held} of {all}").format(held=len(data.held),
                                                          all=len(data.sessions))),
        (_("Modules delivered"), len(data.deliveries)),
        (_("Introductions"), len(data.introductions)),
    ]
    if data.followups:
        lines += [(f"    {word}", count) for word, count in data.followups.counts.items()]
    for label, value in lines:
        figure = cell(sheet, value, bold=True)
        figure.alignment = LEFT
        sheet.append([cell(sheet, label), figure])
    return first_row + 1 + len(lines)


def _chart(sheet: Worksheet, data: WorkshopReportData, count: int, anchor: int,
           width: float) -> None:
    """People per held session by how they attended, stacked, beside the key figures;
    always whole on one page."""
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = _("Attendance by session")
    chart.y_axis.title = _("People")
    chart.y_axis.majorGridlines = None
    first, last = _held_rows(data.sessions)
    for column in (7, 8, 9):
        series = Reference(sheet, min_col=column, min_row=5 + first, max_row=5 + last)
        chart.add_data(series, titles_from_data=False)
    for series, title in zip(chart.series, (_("In the room"), _("Online"), _("Both")),
                             strict=True):
        series.tx = SeriesLabel(v=title)
    chart.set_categories(Reference(sheet, min_col=1, min_row=5 + first, max_row=5 + last))
    chart.height, chart.width = 8.5, 19
    chart.legend.position = "b"
    keep_chart_whole(sheet, anchor - 1, CHART_ROWS, width)
    sheet.add_chart(chart, f"D{anchor}")


def _held_rows(sessions: list[SessionLine]) -> tuple[int, int]:
    """The rows (1 = the first session) the chart draws: from the first held session to
    the last one, so sessions not held yet after them add no empty bars."""
    held = [number for number, s in enumerate(sessions, start=1) if s.held]
    return held[0], held[-1]


def _attendance(book: Workbook, data: WorkshopReportData) -> None:
    """One row per person: for each held session how they attended and their minutes."""
    sheet = book.create_sheet(_("Attendance"))
    set_up_printing(sheet, data.title, footer_note(data))
    held = data.held
    columns = [Column(_("Name"), cap=NO_WRAP_CAP)]  # plain cells: 200,000 of them stay fast
    for number, session in enumerate(held, start=1):
        label = _("S{n}").format(n=number)
        columns += [Column(f"{label} · {session.title}"[:80], cap=24),
                    Column(_("{session}: online minutes").format(session=label),
                           DECIMAL_FORMAT, cap=12)]
    columns.append(Column(_("Sessions attended (of {n} held)").format(n=len(held)), cap=14))
    words = {mode: mode_word(mode) for mode in ("in_room", "online", "both", "none")}
    widths = [min(max(data.name_width, 10) + 2, NO_WRAP_CAP)]
    for column in columns[1:-1]:
        widths.append(fit_width(column.title, words.values(), column.cap)
                      if column.number_format is None else 11)
    set_widths(sheet, [*widths, 14])

    def rows():
        for line in data.attendance:
            row: list[object] = [line.name]
            for mode, minutes in zip(line.modes, line.online_minutes, strict=True):
                row += [words[mode], round(minutes, 1) if minutes is not None else None]
            row.append(line.attended)
            yield row

    totals: list[object] = [_("Attended (people)")]
    for session in held:
        totals += [session.attended, None]
    write_table(sheet, "Attendance", columns, rows(), totals=[*totals, None])
    if not held:
        sheet.append([cell(sheet, _("No session has been held yet: attendance is recorded "
                                    "once a session starts."))])


def _delivery_columns() -> list[Column]:
    return [Column(_("Session"), wrap=True, cap=34), Column(_("Module"), wrap=True, cap=40),
            Column(_("Planned minutes"), MINUTES_FORMAT, cap=10),
            Column(_("Started"), DATETIME_FORMAT), Column(_("Ended"), DATETIME_FORMAT),
            Column(_("Actual minutes"), DECIMAL_FORMAT, cap=10),
            Column(_("Useful: yes"), cap=10), Column(_("Useful: no"), cap=10),
            Column(_("Found it useful"), PERCENT_FORMAT, cap=10)]


def useful_share(yes: int | None, no: int | None) -> float | None:
    return yes / (yes + no) if yes is not None and no is not None and yes + no else None


def delivery_row(d: DeliveryLine) -> list[object]:
    return [d.session, d.module, d.planned_minutes, d.started, d.ended,
            round(d.actual_minutes, 1) if d.actual_minutes is not None else None,
            d.useful_yes, d.useful_no, useful_share(d.useful_yes, d.useful_no)]


def delivery_totals(deliveries: list[DeliveryLine]) -> list[object]:
    yes = sum(d.useful_yes or 0 for d in deliveries)
    no = sum(d.useful_no or 0 for d in deliveries)
    actual = sum(d.actual_minutes or 0 for d in deliveries)
    return [_("Total"), _("{n} modules").format(n=len(deliveries)),
            sum(d.planned_minutes for d in deliveries), None, None, round(actual, 1), yes, no,
            useful_share(yes, no)]


def _deliveries(book: Workbook, data: WorkshopReportData) -> None:
    sheet = book.create_sheet(_("Modules delivered"))
    set_up_printing(sheet, data.title, footer_note(data))
    columns = _delivery_columns()
    rows = [delivery_row(d) for d in data.deliveries]
    write_table(sheet, "Modules", columns, rows, fitted(columns, rows),
                totals=delivery_totals(data.deliveries))


def _introductions(book: Workbook, data: WorkshopReportData) -> None:
    sheet = book.create_sheet(_("Introductions"))
    set_up_printing(sheet, data.title, footer_note(data))
    columns = [Column(_("Made"), DATETIME_FORMAT), Column(_("From"), cap=30),
               Column(_("To"), wrap=True, cap=34), Column(_("To a"), cap=12),
               Column(_("Purpose"), wrap=True, cap=44), Column(_("Follow-up due"), DATE_FORMAT),
               Column(_("Status"), cap=14), Column(_("Rating"), cap=8),
               Column(_("Comment"), wrap=True, cap=36)]
    rows = [[i.made, i.from_name, i.to_name, _("partner") if i.to_partner else _("participant"),
             i.purpose, i.followup_due, i.status, i.rating, i.comment]
            for i in data.introductions]
    write_table(sheet, "Introductions", columns, rows, fitted(columns, rows))


def _about(book: Workbook, data: WorkshopReportData) -> None:
    sheet = book.create_sheet(_("About"))
    set_up_printing(sheet, data.title, footer_note(data), title_rows=None)
    set_widths(sheet, [22, 90])
    lines = ((_("What"), _("Workshop report: {title}").format(title=data.title)),
             (_("Generated"), data.generated_at), (_("Generated by"), data.generated_by),
             (_("Privacy"), data.privacy_note),
             (_("Definitions"), _("The “Definitions” sheet says what every figure counts.")))
    for number, (label, value) in enumerate(lines, start=1):
        fit_height(sheet, number, [label, value], [False, True])
        sheet.append([cell(sheet, label, bold=True), cell(sheet, value, wrap=True)])
