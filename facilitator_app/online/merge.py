"""One line per person: reconnects summed, overlapping joins counted once, host left out."""

from __future__ import annotations

from datetime import datetime, timedelta

from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import _
from facilitator_app.online.model import Join, Participant, Report
from facilitator_app.online.timeparse import guess_day_first, parse_timestamp
from facilitator_app.text import fold

Rows = list[tuple[int, list[str]]]


def person_key(join: Join) -> str:
    return join.email or fold(join.original_name or join.name)


def merge_joins(report: Report, joins: list[Join]) -> list[Participant]:
    groups: dict[str, list[Join]] = {}
    for join in joins:
        groups.setdefault(person_key(join), []).append(join)
    people = []
    for group in groups.values():
        if any(join.is_host for join in group):
            report.notes.append(_("{name} is the meeting's host and was left out.").format(
                name=group[0].name))
            continue
        first = min(group, key=lambda join: join.line)
        people.append(Participant(name=first.name, email=first.email,
                                  minutes=round(_minutes(group), 1), line=first.line,
                                  joins=len(group), original_name=first.original_name))
    return sorted(people, key=lambda person: person.line)


def _minutes(group: list[Join]) -> float:
    """Time present: merged intervals when the report has times, else summed durations."""
    if all(join.start and join.end for join in group):
        spans = sorted((join.start, max(join.end, join.start)) for join in group)
        total = timedelta()
        current_start, current_end = spans[0]
        for start, end in spans[1:]:
            if start <= current_end:  # an overlap (two devices at once) counts once
                current_end = max(current_end, end)
            else:
                total += current_end - current_start
                current_start, current_end = start, end
        total += current_end - current_start
        return total.total_seconds() / 60
    return sum(join.minutes or 0 for join in group)


def teams_list_joins(source: str, columns: dict[str, int], body: Rows) -> list[Join]:
    """Teams 2020 "Joined"/"Left" lines become join intervals per person, in time order."""
    day_first = guess_day_first([cells[columns["timestamp"]] for _n, cells in body
                                 if len(cells) > columns["timestamp"]])
    events: dict[str, list[tuple[datetime, str, int, str]]] = {}
    for line, cells in body:
        name = cells[columns["name"]] if len(cells) > columns["name"] else ""
        stamp = parse_timestamp(cells[columns["timestamp"]] if len(cells) >
                                columns["timestamp"] else "", day_first)
        if not name or stamp is None:
            raise RejectedFileError(_("{file}, line {line}: expected a name, an action and a "
                                      "time.").format(file=source, line=line))
        action = fold(cells[columns["action"]])
        events.setdefault(fold(name), []).append((stamp, action, line, name))
    meeting_end = max(stamp for person in events.values() for stamp, *_ in person)
    meeting_start = min(stamp for person in events.values() for stamp, *_ in person)
    return [join for person in events.values()
            for join in _intervals(sorted(person), meeting_start, meeting_end)]


def _intervals(events, meeting_start: datetime, meeting_end: datetime) -> list[Join]:
    joins, opened = [], None
    for stamp, action, line, name in events:
        if action.startswith(("joined before", "se unio antes")):
            opened = opened or (meeting_start, line, name)
        elif action.startswith(("joined", "se unio", "unido")):
            opened = opened or (stamp, line, name)
        elif opened:  # left
            joins.append(Join(line=opened[1], name=opened[2], start=opened[0], end=stamp))
            opened = None
    if opened:  # never left: present until the end of the meeting
        joins.append(Join(line=opened[1], name=opened[2], start=opened[0], end=meeting_end))
    return joins
