"""Microsoft Teams' own layouts: the numbered sections of attendance reports
(1. Summary / 2. Participants / 3. In-Meeting activities, in any language) and the 2020
Joined/Left lists."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import _
from facilitator_app.online.columns import map_columns
from facilitator_app.online.merge import merge_joins, person_key
from facilitator_app.online.model import Join, Report
from facilitator_app.online.preamble import read_meeting
from facilitator_app.online.tables import Table, note_not_emails, read_email, read_joins
from facilitator_app.online.timeparse import guess_day_first, parse_timestamp
from facilitator_app.online.words import action_of, day_first_of, key, section_of

Rows = list[tuple[int, list[str]]]
_NUMBERED = re.compile(r"^\s*\d+\s*[.)]")


def sections(rows: Rows) -> dict[str, Rows]:
    """Teams' numbered sections, each with its own header row; {} when there are none."""
    found: dict[str, Rows] = {}
    current = None
    for line, cells in rows:
        values = [cell for cell in cells if cell]
        section = (section_of(values[0]) if len(values) == 1 and _NUMBERED.match(values[0])
                   else None)
        if section:
            current = section
            found[section] = []
        elif current and values:
            found[current].append((line, cells))
    return found if found.get("participants") else {}


def read_sections(source: str, found: dict[str, Rows]) -> Report:
    """Everyone listed under Participants, with the minutes of their In-meeting activities
    when they have some there, else their own In-meeting duration: the activities only
    refine, they never drop anyone."""
    report = Report(platform="teams", layout="teams-sections")
    listed = _table(source, found["participants"])
    read_meeting(found.get("summary", []), listed.day_first).apply(report)
    listed_joins = read_joins(listed)
    for join in listed_joins:  # a total per person
        if join.minutes is None and join.start and join.end:
            join.minutes = (join.end - join.start).total_seconds() / 60
        join.whole, join.start, join.end = True, None, None
    activity_joins: list[Join] = []
    if found.get("activities"):
        activities = _table(source, found["activities"])
        activities.not_emails = listed.not_emails  # one note for both tables
        activity_joins = read_joins(activities)
        listed.notes.extend(note for note in activities.notes if note not in listed.notes)
    report.notes.extend(listed.notes)
    joins = _refined(report, listed_joins, activity_joins)
    report.participants = merge_joins(report, joins)
    return report


def _table(source: str, rows: Rows) -> Table:
    (_line, header), body = rows[0], rows[1:]
    return Table(source, "teams-sections", map_columns(header), body,
                 day_first=day_first_of(header))


def _refined(report: Report, listed: list[Join], activities: list[Join]) -> list[Join]:
    """Each listed person's activity rows (found by e-mail or, when the activities lack
    it, by a name only one listed person has) in place of their total."""
    by_person: dict[str, list[Join]] = {}
    for join in activities:
        by_person.setdefault(person_key(join), []).append(join)
    keys = [person_key(join) for join in listed]
    names = [key(join.name) for join in listed]
    times, name_times = Counter(keys), Counter(names)
    joins: list[Join] = []
    for join, person, name in zip(listed, keys, names, strict=True):
        found = person if person in by_person else name if name_times[name] == 1 else None
        if times[person] == 1 and found in by_person:
            for activity in by_person.pop(found):
                activity.email = activity.email or join.email  # the UPN's, when only here
                joins.append(activity)
            continue
        joins.append(join)
        if activities and times[person] == 1:
            report.notes.append(_("Line {line}: {name} is listed among the participants but "
                                  "not in the in-meeting activities: their in-meeting "
                                  "duration counts.").format(line=join.line, name=join.name))
    for person, group in by_person.items():  # in the activities only: kept too
        if person not in times:
            joins.extend(group)
    return joins


def list_joins(table: Table) -> list[Join]:
    """Teams 2020 "Joined"/"Left" lines become join intervals per person, in time order."""
    stamps = [table.cell(cells, "timestamp") for _n, cells in table.body]
    day_first = guess_day_first(stamps, table.day_first)
    events: dict[str, list[tuple[datetime, str, int, Join]]] = {}
    for line, cells in table.body:
        name = table.cell(cells, "name")
        stamp = parse_timestamp(table.cell(cells, "timestamp"), day_first)
        if not name or stamp is None:
            raise RejectedFileError(_("{file}, line {line}: expected a name, an action and a "
                                      "time.").format(file=table.source, line=line))
        action = action_of(table.cell(cells, "action"))
        if action is None:
            raise RejectedFileError(_("{file}, line {line}: the action \u201c{value}\u201d is "
                                      "neither a join nor a leave.").format(
                                          file=table.source, line=line,
                                          value=table.cell(cells, "action")))
        join = Join(line=line, name=name)
        read_email(table, line, cells, join)
        events.setdefault(person_key(join), []).append((stamp, action, line, join))
    note_not_emails(table.notes, table.not_emails)
    moments = [stamp for person in events.values() for stamp, *_rest in person]
    if not moments:
        return []
    return [join for person in events.values()
            for join in _intervals(sorted(person, key=lambda event: event[:3]),
                                   min(moments), max(moments))]


def _intervals(events, meeting_start: datetime, meeting_end: datetime) -> list[Join]:
    joins: list[Join] = []
    opened: tuple[datetime, Join] | None = None
    for stamp, action, _line, join in events:
        if action == "joined_before":
            opened = opened or (meeting_start, join)
        elif action == "joined":
            opened = opened or (stamp, join)
        elif opened:  # left
            opened[1].start, opened[1].end = opened[0], stamp
            joins.append(opened[1])
            opened = None
    if opened:  # never left: present until the end of the meeting
        opened[1].start, opened[1].end = opened[0], meeting_end
        joins.append(opened[1])
    return joins
