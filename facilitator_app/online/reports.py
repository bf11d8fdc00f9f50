"""Detect which platform and layout an attendance report is, and read its joins.

Layouts: Zoom join rows (with or without the meeting preamble, legacy "User Name"),
Zoom unique users (totals), the 2025 Zoom usage report (meeting and participant columns
in one row), Teams 2020 Joined/Left lists, Teams sections (Summary / Participants /
In-Meeting activities), Google Meet. English and Spanish headers.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import _, ngettext
from facilitator_app.importing.records import Limits, read_records
from facilitator_app.online.columns import HOST_ROLES, YES, map_columns
from facilitator_app.online.merge import merge_joins, teams_list_joins
from facilitator_app.online.model import Join, Report
from facilitator_app.online.timeparse import guess_day_first, parse_minutes, parse_timestamp
from facilitator_app.text import fold

Rows = list[tuple[int, list[str]]]  # (line number in the file, cells)

SECTION_TITLES = {
    "summary": ("1 summary", "1 resumen"),
    "participants": ("2 participants", "2 participantes"),
    "activities": ("3 in meeting activities", "3 actividades en la reunion",
                   "3 actividades de la reunion"),
}


REPORT_LIMITS = Limits(max_bytes=20 * 1024 * 1024, max_rows=50_000, max_columns=100)


def read_report(path: Path, on_date: date | None = None) -> Report:
    """Read a Zoom, Teams or Meet attendance report, or say clearly why it cannot be.

    A report holding several meetings gives the one held `on_date` (else the latest)."""
    source, records = read_records(path, REPORT_LIMITS)
    rows: Rows = [(number, [cell.strip() for cell in cells]) for number, cells in records]
    report = _read_rows(path.name, rows, on_date)
    report.notes[:0] = source.notes
    if not report.participants:
        raise RejectedFileError(_("{file} is a {platform} report with no participants in it.")
                                .format(file=path.name, platform=report.platform.title()))
    return report


def _read_rows(source: str, rows: Rows, on_date: date | None) -> Report:
    sections = _sections(rows)
    if sections:
        return _teams_sections(source, sections)
    for position, (_line, cells) in enumerate(rows):
        columns = map_columns(cells)
        layout = _layout(columns)
        if layout:
            body = [(n, c) for n, c in rows[position + 1:] if any(c)]
            host = _zoom_preamble_host(rows[:position])
            return _read_table(source, layout, columns, body, host, on_date)
    raise RejectedFileError(_("{file} does not look like a Zoom, Teams or Google Meet "
                              "attendance report: no line has the columns of one.")
                            .format(file=source))


def _layout(columns: dict[str, int]) -> str | None:
    if {"action", "timestamp", "name"} <= set(columns):
        return "teams-2020-list"
    if {"first_name", "duration"} <= set(columns):
        return "meet"
    if "name" in columns and "join" in columns and "leave" in columns:
        return "zoom-usage-report" if "meeting_id" in columns else "zoom-join-rows"
    if "name" in columns and "total" in columns:
        return "zoom-unique-users"
    return None


def _zoom_preamble_host(preamble: Rows) -> str:
    """The meeting host's email from a Zoom "Meeting ID, Topic, ..." preamble, if any."""
    for index, (_line, cells) in enumerate(preamble[:-1]):
        columns = map_columns(cells)
        if "meeting_id" in columns and "email" in columns:
            values = preamble[index + 1][1]
            if len(values) > columns["email"]:
                return values[columns["email"]].lower()
    return ""


def _read_table(source: str, layout: str, columns: dict[str, int], body: Rows,
                host_email: str, on_date: date | None = None) -> Report:
    platform = layout.split("-")[0]
    report = Report(platform=platform, layout=layout)
    if layout == "teams-2020-list":
        joins = teams_list_joins(source, columns, body)
    else:
        body, meeting_host = _one_meeting(report, columns, body, on_date)
        host_email = host_email or meeting_host
        day_first = guess_day_first([cells[columns["join"]] for _n, cells in body
                                     if "join" in columns and len(cells) > columns["join"]])
        joins = []
        for line, cells in body:
            join = _join(source, layout, columns, line, cells, day_first)
            if join is None:
                report.notes.append(_("Line {line}: skipped (in the waiting room).")
                                    .format(line=line))
                continue
            if host_email and join.email == host_email:
                join.is_host = True
            joins.append(join)
    report.participants = merge_joins(report, joins)
    return report


def _one_meeting(report: Report, columns: dict[str, int], body: Rows,
                 on_date: date | None) -> tuple[Rows, str]:
    """The 2025 usage report may hold several meetings (a recurring meeting's ID with many
    start times): read the one held on `on_date`, else the latest, and say so.
    Returns its rows and its host's email."""
    if "meeting_id" not in columns:
        return body, ""
    meetings: dict[tuple[str, str], Rows] = {}
    for line, cells in body:
        key = (_cell(cells, columns, "meeting_id"), _cell(cells, columns, "meeting_start"))
        meetings.setdefault(key, []).append((line, cells))
    starts = {key: parse_timestamp(key[1]) or datetime.min for key in meetings}
    same_day = [key for key in meetings if on_date and starts[key].date() == on_date]
    chosen = max(same_day or meetings, key=lambda key: starts[key])
    others = len(meetings) - 1
    if others:
        report.notes.append(ngettext(
            "The file holds {n} other meeting, not read: import each meeting into its own "
            "session.", "The file holds {n} other meetings, not read: import each meeting "
            "into its own session.", others).format(n=others))
    first = meetings[chosen][0][1]
    topic = _cell(first, columns, "topic")
    report.meeting_title = f"{topic} · {chosen[0]} · {chosen[1]}".strip(" ·")
    return meetings[chosen], _cell(first, columns, "host_email").lower()


def _cell(cells: list[str], columns: dict[str, int], role: str) -> str:
    index = columns.get(role)
    return cells[index] if index is not None and index < len(cells) else ""


def _join(source: str, layout: str, columns: dict[str, int], line: int, cells: list[str],
          day_first: bool | None) -> Join | None:
    if fold(_cell(cells, columns, "waiting")) in YES:
        return None
    name, original = _name(columns, cells).strip(), ""
    if layout.startswith("zoom"):
        name, original = _split_original(name)
    if not name:
        raise RejectedFileError(_("{file}, line {line}: the participant has no name.")
                                .format(file=source, line=line))
    join = Join(line=line, name=name, original_name=original,
                email=_cell(cells, columns, "email").lower())
    if fold(_cell(cells, columns, "role")) in HOST_ROLES:
        join.is_host = True
    if "join" in columns and "leave" in columns:
        join.start = parse_timestamp(_cell(cells, columns, "join"), day_first)
        join.end = parse_timestamp(_cell(cells, columns, "leave"), day_first)
    duration_text = _cell(cells, columns, "total" if "total" in columns else "duration")
    join.minutes = parse_minutes(duration_text)
    if join.minutes is None and (join.start is None or join.end is None):
        raise RejectedFileError(_("{file}, line {line}: the duration \u201c{value}\u201d is "
                                  "not understood.").format(file=source, line=line,
                                                            value=duration_text))
    return join


def _name(columns: dict[str, int], cells: list[str]) -> str:
    if "first_name" in columns:
        return " ".join(p for p in (_cell(cells, columns, "first_name"),
                                    _cell(cells, columns, "last_name")) if p)
    return _cell(cells, columns, "name")


def _split_original(name: str) -> tuple[str, str]:
    """Zoom writes "Shown name (Original name)": keep both."""
    if name.endswith(")") and " (" in name:
        shown, original = name[:-1].split(" (", 1)
        return shown.strip(), original.strip()
    return name.strip(), ""


def _sections(rows: Rows) -> dict[str, Rows]:
    """Teams' numbered sections, each with its own header row; {} when there are none."""
    found: dict[str, Rows] = {}
    current = None
    for line, cells in rows:
        title = fold(cells[0]) if len(cells) == 1 or (cells and not any(cells[1:])) else ""
        key = next((k for k, names in SECTION_TITLES.items() if title in names), None)
        if key:
            current = key
            found[key] = []
        elif current and any(cells):
            found[current].append((line, cells))
    return found if "participants" in found else {}


def _teams_sections(source: str, sections: dict[str, Rows]) -> Report:
    """Per-join rows from "In-Meeting activities" when present, else the participants."""
    table = sections.get("activities") or sections["participants"]
    (_header_line, header), body = table[0], table[1:]
    columns = map_columns(header)
    report = _read_table(source, "teams-sections", columns, body, host_email="")
    report.platform = "teams"
    for _line, cells in sections.get("summary", []):
        if len(cells) > 1 and fold(cells[0]) in ("meeting title", "titulo de la reunion"):
            report.meeting_title = cells[1]
        if len(cells) > 1 and fold(cells[0]) in ("meeting duration", "duracion de la reunion"):
            report.meeting_minutes = parse_minutes(cells[1])
    return report
