"""Detect which platform and layout an attendance report is, and read its people.

Layouts: Zoom join rows (with or without the meeting preamble, legacy "User Name"),
Zoom unique users (totals), the 2025 Zoom usage report (meeting and participant columns
in one row), Teams 2020 Joined/Left lists, Teams "Meeting Summary" tables (2021-2022),
Teams numbered sections (Summary / Participants / In-Meeting activities), Google Meet
(CSV or the Google Sheet downloaded as XLSX). Headers in any language of languages/.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import _, ngettext
from facilitator_app.importing.records import Limits, read_records
from facilitator_app.online import teams
from facilitator_app.online.columns import ZOOM_MARKS, map_columns
from facilitator_app.online.filekind import check_kind
from facilitator_app.online.merge import merge_joins
from facilitator_app.online.model import Report
from facilitator_app.online.preamble import Meeting, read_meeting
from facilitator_app.online.refusal import not_a_report
from facilitator_app.online.tables import Table, read_joins
from facilitator_app.online.timeparse import guess_day_first, parse_timestamp
from facilitator_app.online.words import day_first_of

Rows = list[tuple[int, list[str]]]  # (line number in the file, cells)

HEADER_WITHIN = 200  # a report's header is among its first lines
REPORT_LIMITS = Limits(max_bytes=20 * 1024 * 1024, max_rows=50_000, max_columns=100)


def read_report(path: Path, on_date: date | None = None) -> Report:
    """Read a Zoom, Teams or Meet attendance report, or say clearly why it cannot be.

    A report holding several meetings gives the one held `on_date` (else the latest)."""
    check_kind(path)
    source, records = read_records(path, REPORT_LIMITS)
    rows: Rows = [(number, [cell.strip() for cell in cells]) for number, cells in records]
    report = _read_rows(path.name, rows, on_date)
    report.notes[:0] = source.notes
    if not report.participants:
        raise RejectedFileError(_("{file} is a {platform} report with no participants in it.")
                                .format(file=path.name, platform=report.platform.title()))
    return report


def _read_rows(source: str, rows: Rows, on_date: date | None) -> Report:
    found = teams.sections(rows)
    if found:
        return teams.read_sections(source, found)
    for position, (_line, cells) in enumerate(rows[:HEADER_WITHIN]):
        columns = map_columns(cells)
        if not columns.keys() & {"name", "first_name"}:
            continue
        day_first = day_first_of(cells)
        meeting = read_meeting(rows[:position], day_first)
        layout = _layout(columns, meeting.teams)
        if layout:
            body = [(n, c) for n, c in rows[position + 1:] if any(c)]
            table = Table(source, layout, columns, body, day_first=day_first)
            return _read_table(table, meeting, on_date)
    raise not_a_report(source, rows)


def _layout(columns: dict[str, int], teams_preamble: bool) -> str | None:
    roles = set(columns)
    if {"action", "timestamp", "name"} <= roles:
        return "teams-2020-list"
    if "first_name" in roles and roles & {"duration", "join"}:
        return "meet"
    teams_like = teams_preamble or (bool(roles & {"role", "upn"}) and not roles & ZOOM_MARKS)
    if {"name", "join", "leave"} <= roles:
        if "meeting_id" in roles:
            return "zoom-usage-report"
        return "teams-summary" if teams_like else "zoom-join-rows"
    if {"name", "total"} <= roles:
        return "zoom-unique-users"
    if {"name", "duration"} <= roles and teams_like:
        return "teams-summary"
    return None


def _read_table(table: Table, meeting: Meeting, on_date: date | None) -> Report:
    report = Report(platform=table.platform, layout=table.layout)
    if table.layout == "teams-2020-list":
        joins = teams.list_joins(table)
        report.notes.extend(table.notes)
        report.participants = merge_joins(report, joins)
        return report
    host_names: tuple[str, ...] = ()
    if "meeting_id" in table.columns:
        table.body, meeting = _one_meeting(report, table, on_date)
        host_names = tuple({table.cell(cells, "host_name") for _n, cells in table.body} - {""})
    meeting.apply(report)
    joins = read_joins(table)
    report.notes.extend(table.notes)
    report.participants = merge_joins(report, joins, meeting.host_email, host_names)
    return report


def _one_meeting(report: Report, table: Table, on_date: date | None) -> tuple[Rows, Meeting]:
    """The 2025 usage report may hold several meetings (a recurring meeting's ID with many
    start times): read the one held on `on_date`, else the latest, and say so."""
    meetings: dict[tuple[str, str], Rows] = {}
    for line, cells in table.body:
        meeting_key = (table.cell(cells, "meeting_id"), table.cell(cells, "meeting_start"))
        meetings.setdefault(meeting_key, []).append((line, cells))
    day_first = guess_day_first([start for _id, start in meetings], table.day_first)
    if not meetings:
        return [], Meeting()
    starts = {meeting_key: parse_timestamp(meeting_key[1], day_first) or datetime.min
              for meeting_key in meetings}
    same_day = [k for k in meetings if on_date and starts[k].date() == on_date]
    chosen = max(same_day or meetings, key=lambda meeting_key: starts[meeting_key])
    others = len(meetings) - 1
    if others:
        report.notes.append(ngettext(
            "The file holds {n} other meeting, not read: import each meeting into its own "
            "session.", "The file holds {n} other meetings, not read: import each meeting "
            "into its own session.", others).format(n=others))
    first = meetings[chosen][0][1]
    topic = table.cell(first, "topic")
    meeting = Meeting(title=f"{topic} · {chosen[0]} · {chosen[1]}".strip(" ·"),
                      start=parse_timestamp(chosen[1], day_first),
                      end=parse_timestamp(table.cell(first, "meeting_end"), day_first),
                      host_email=table.cell(first, "host_email").lower())
    return meetings[chosen], meeting
