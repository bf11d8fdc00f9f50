"""The programme's facts, read once per report: who attended which session (by the desk's
attended rule), who was introduced, and each person's attributes. Both engines give the
same rows; every figure is then counted from them in Python, so both engines give the same
figures."""

from __future__ import annotations

from dataclasses import dataclass
from sys import intern

from sqlalchemy import Connection, or_, select

from facilitator_app.programme import schema


@dataclass(frozen=True, slots=True)
class Attended:
    person: str
    workshop: str
    session: str
    month: str  # YYYY-MM
    in_room: bool
    online: bool  # reached the session's online minimum


@dataclass(frozen=True, slots=True)
class Introduced:
    id: str
    workshop: str
    month: str
    people: tuple[str, ...]  # the participants on either side still in the programme
    partner: str | None  # partner id when made to a partner


@dataclass(frozen=True, slots=True)
class Person:
    gender: str
    birth_year: int | None
    nationality: str
    population_type: str


def attended(conn: Connection) -> list[Attended]:
    att, s, a = schema.attendance, schema.sessions, schema.attendees
    online = att.c.online_minutes >= s.c.min_online_minutes
    query = (select(a.c.person_id, s.c.workshop_id, s.c.id, s.c.month, att.c.in_room,
                    online.label("online"))
             .join(s, s.c.id == att.c.session_id).join(a, a.c.id == att.c.attendee_id)
             .where(or_(att.c.in_room.is_(True), online)))
    # One row per person and session (hundreds of thousands): each id is held once
    # (interned), not once per row, to keep the report's memory small.
    return [Attended(intern(p), intern(w), intern(sid), intern(m), bool(room), bool(on))
            for p, w, sid, m, room, on in conn.execute(query)]


def introduced(conn: Connection) -> list[Introduced]:
    i, a = schema.introductions, schema.attendees
    persons = dict(conn.execute(select(a.c.id, a.c.person_id)).all())
    facts = []
    for iid, workshop, made_at, one, other, partner in conn.execute(select(
            i.c.id, i.c.workshop_id, i.c.made_at, i.c.from_attendee_id, i.c.to_attendee_id,
            i.c.to_partner_id)):
        people = tuple(dict.fromkeys(persons[x] for x in (one, other) if x in persons))
        facts.append(Introduced(iid, workshop, made_at[:7], people, partner))
    return facts


def people(conn: Connection) -> dict[str, Person]:
    p = schema.people
    return {pid: Person(g or "", y, n or "", t or "") for pid, g, y, n, t in conn.execute(
        select(p.c.id, p.c.gender, p.c.birth_year, p.c.nationality, p.c.population_type)
        .where(p.c.merged_into.is_(None)))}


def workshops(conn: Connection) -> dict[str, dict]:
    w = schema.workshops
    return {row["id"]: dict(row) for row in conn.execute(select(w)).mappings()}


def age_group(birth_year: int | None, year: int) -> str:
    """0-17, 18-59, 60+ for the age reached in `year`; "" when no age was recorded."""
    if birth_year is None:
        return ""
    age = year - birth_year
    return "0-17" if age < 18 else "18-59" if age < 60 else "60+"
