"""What a report says about its meeting before (or beside) its table: title, start, end,
length and host, read wherever the file carries them.

Two shapes: Teams' label/value lines ("Meeting Title<TAB>...", "Heure de début<TAB>...")
and Zoom's header row with one value row below it ("Meeting ID,Topic,Start Time,...")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from facilitator_app.online.columns import map_columns
from facilitator_app.online.model import Report
from facilitator_app.online.timeparse import guess_day_first, parse_minutes, parse_timestamp
from facilitator_app.online.words import SUMMARY, TITLES, key

Rows = list[tuple[int, list[str]]]
_MEETING_ROLES = {"meeting_id", "topic", "meeting_start", "meeting_end", "host_email",
                  "email", "duration"}


@dataclass
class Meeting:
    title: str = ""
    start: datetime | None = None
    end: datetime | None = None
    minutes: float | None = None
    host_email: str = ""
    teams: bool = False  # the preamble is Teams' ("Meeting Summary", label/value lines)

    def apply(self, report: Report) -> None:
        report.meeting_title = report.meeting_title or self.title
        report.meeting_start = report.meeting_start or self.start
        report.meeting_end = report.meeting_end or self.end
        report.meeting_minutes = report.meeting_minutes or self.minutes


def filled(cells: list[str]) -> list[str]:
    return [cell for cell in cells if cell]


def read_meeting(rows: Rows, day_first: bool | None = None) -> Meeting:
    """The meeting's details from the rows before a report's table (`day_first`: what
    the table's language writes, unless the dates themselves say)."""
    meeting = Meeting()
    day_first = guess_day_first([cell for _line, cells in rows for cell in cells], day_first)
    for index, (_line, cells) in enumerate(rows):
        values = filled(cells)
        if len(values) == 1 and key(values[0]) in TITLES:
            meeting.teams = True
        elif len(values) == 2 and key(values[0]) in SUMMARY:
            meeting.teams = True
            _label(meeting, SUMMARY[key(values[0])], values[1], day_first)
        elif index + 1 < len(rows):
            _header_and_values(meeting, cells, rows[index + 1][1], day_first)
    return meeting


def _label(meeting: Meeting, meaning: str, value: str, day_first: bool | None) -> None:
    if meaning == "title":
        meeting.title = meeting.title or value
    elif meaning in ("start", "end"):
        setattr(meeting, meaning, parse_timestamp(value, day_first))
    elif meaning == "duration":
        meeting.minutes = parse_minutes(value)


def _header_and_values(meeting: Meeting, header: list[str], values: list[str],
                       day_first: bool | None) -> None:
    columns = map_columns(header)
    if len(_MEETING_ROLES & set(columns)) < 3 or "name" in columns:
        return

    def cell(role: str) -> str:
        index = columns.get(role)
        return values[index] if index is not None and index < len(values) else ""

    meeting.title = meeting.title or cell("topic")
    meeting.start = meeting.start or parse_timestamp(cell("meeting_start"), day_first)
    meeting.end = meeting.end or parse_timestamp(cell("meeting_end"), day_first)
    meeting.minutes = meeting.minutes or parse_minutes(cell("duration"))
    meeting.host_email = meeting.host_email or (cell("host_email") or cell("email")).lower()
