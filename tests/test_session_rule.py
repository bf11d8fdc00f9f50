"""Sessions own their admissions by time: one rule for the desk's choice, session attendance,
reports and certificates, and for data recorded before the rule existed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from facilitator_app.clock import iso
from facilitator_app.db import open_database
from facilitator_app.migrations import migrations
from facilitator_app.models import (
    AttendanceMode,
    Attendee,
    AttendeeId,
    CheckinEvent,
    CheckinKind,
    CheckinMethod,
    EventId,
)
from facilitator_app.services.certificates import certificates
from facilitator_app.services.checkin import Desk, admit, session_for
from facilitator_app.services.online_attendance import session_attendance
from facilitator_app.services.report_data import workshop_report_data
from facilitator_app.services.workshops import create_workshop
from facilitator_app.store import Store

NINE = datetime(2026, 3, 14, 14, 0, tzinfo=UTC)  # 09:00 in Lima


@pytest.fixture
def day(store):
    """A workshop with three timed sessions: 09:00-10:00, 11:00-12:00, 15:00-16:00 (Lima)."""
    workshop = create_workshop(store, "Taller por horas").workshop
    with store.transaction():
        sessions = [store.sessions.add(workshop.id, title, starts_at=iso(start),
                                       ends_at=iso(start + timedelta(hours=1)))
                    for title, start in (("Mañana", NINE), ("Media mañana", NINE +
                                                             timedelta(hours=2)),
                                         ("Tarde", NINE + timedelta(hours=6)))]
        people = []
        for n in range(4):
            person = store.attendees.add(Attendee(id=AttendeeId(""), given_names=f"Ana {n}"))
            store.registrations.add(workshop.id, person.id, "test")
            people.append(person)
    return workshop, sessions, people


def record(store, workshop, person, at, session=None, mode=AttendanceMode.IN_ROOM,
           minutes=None, kind=CheckinKind.ADMITTED, undoes=None):
    with store.transaction():
        return store.checkins.record(CheckinEvent(
            id=EventId(""), workshop_id=workshop.id, attendee_id=person.id, kind=kind,
            at=iso(at), method=CheckinMethod.SCANNER, mode=mode, session_id=session,
            online_minutes=minutes, undoes_id=undoes))


@pytest.mark.parametrize(("minutes_after_nine", "expected"), [
    (-90, 0),  # before the first: the first
    (0, 0), (59, 0),  # during the first
    (60, 1), (100, 1),  # after the first ended, before the second: the next
    (150, 1),  # during the second
    (200, 2),  # between the second and the third: the next
    (330, 2), (24 * 60, 2),  # during and after the last: the last
])
def test_the_session_running_at_a_moment(store, day, minutes_after_nine, expected) -> None:
    workshop, sessions, _people = day
    moment = iso(NINE + timedelta(minutes=minutes_after_nine))
    assert store.checkins.session_at(workshop.id, moment) == sessions[expected].id


def test_a_session_without_an_end_runs_until_the_next_begins(store) -> None:
    workshop = create_workshop(store, "Sin horas de fin").workshop
    first = store.sessions.add(workshop.id, "Uno", starts_at=iso(NINE))
    second = store.sessions.add(workshop.id, "Dos", starts_at=iso(NINE + timedelta(hours=3)))
    assert store.checkins.session_at(workshop.id, iso(NINE + timedelta(hours=2))) == first.id
    assert store.checkins.session_at(workshop.id, iso(NINE + timedelta(hours=4))) == second.id


def test_sessions_without_times_give_everything_to_the_first(store) -> None:
    summary = create_workshop(store, "Sin horarios", session_titles=["Uno", "Dos"])
    assert store.checkins.session_at(summary.workshop.id, iso(NINE)) == summary.sessions[0].id
    bare = create_workshop(store, "Sin sesiones").workshop
    assert store.checkins.session_at(bare.id, iso(NINE)) is None


def test_the_desk_records_the_running_session_and_the_chosen_one(store, day, clock) -> None:
    workshop, sessions, people = day
    clock.now = NINE + timedelta(minutes=100)  # between the first and the second
    by_clock = Desk(workshop.id)
    assert session_for(store, by_clock) == sessions[1].id
    assert admit(store, by_clock, people[0].id, CheckinMethod.SEARCH).session_id == sessions[1].id
    chosen = Desk(workshop.id, sessions[2].id)
    assert admit(store, chosen, people[1].id, CheckinMethod.SEARCH).session_id == sessions[2].id
    stored = dict(store.db.execute("SELECT attendee_id, session_id FROM checkin_events"))
    assert stored == {people[0].id: sessions[1].id, people[1].id: sessions[2].id}


def test_admissions_without_a_session_count_everywhere_for_the_running_one(store, day) -> None:
    workshop, sessions, people = day
    record(store, workshop, people[0], NINE - timedelta(minutes=20))  # early: the first
    record(store, workshop, people[1], NINE + timedelta(minutes=190))  # the third
    record(store, workshop, people[2], NINE + timedelta(minutes=30), session=sessions[1].id)
    record(store, workshop, people[3], NINE + timedelta(minutes=130), mode=AttendanceMode.ONLINE,
           minutes=55)  # an online line without a session: the second
    record(store, workshop, people[0], NINE + timedelta(minutes=370))  # after all: the last
    assert store.checkins.session_in_room(workshop.id, sessions[0].id) == 1
    assert store.checkins.session_in_room(workshop.id, sessions[2].id) == 2
    lines = {line.attendee.id: line for line in session_attendance(store, sessions[1].id)}
    assert lines[people[2].id].in_room and lines[people[3].id].online_minutes == 55
    assert not lines[people[0].id].in_room
    report = workshop_report_data(store, workshop.id, "test")
    assert [(s.title, s.in_room, s.online) for s in report.sessions] == [
        ("Mañana", 1, 0), ("Media mañana", 1, 1), ("Tarde", 2, 0)]
    certified = certificates(store, workshop.id, NINE.date())  # two of the three sessions
    assert [(c.name, c.sessions_attended, c.sessions_held) for c in certified] == [
        (people[0].name, 2, 3)]


def test_moving_a_session_moves_the_admissions_that_had_no_session(store, day) -> None:
    workshop, sessions, people = day
    record(store, workshop, people[0], NINE + timedelta(minutes=75))  # -> second
    record(store, workshop, people[1], NINE + timedelta(minutes=75), session=sessions[0].id)
    assert store.checkins.session_in_room(workshop.id, sessions[1].id) == 1
    with store.transaction():  # the first session ran late: until 10:30
        store.db.execute("UPDATE sessions SET ends_at = ? WHERE id = ?",
                         [iso(NINE + timedelta(minutes=90)), sessions[0].id])
    assert store.checkins.session_in_room(workshop.id, sessions[0].id) == 2
    assert store.checkins.session_in_room(workshop.id, sessions[1].id) == 0
    with store.transaction():  # a session added before them takes the early ones
        early = store.sessions.add(workshop.id, "Desayuno", starts_at=iso(NINE - timedelta(
            hours=2)), ends_at=iso(NINE + timedelta(minutes=80)))
    assert store.checkins.session_in_room(workshop.id, early.id) == 1
    assert store.checkins.session_in_room(workshop.id, sessions[0].id) == 1


def test_existing_data_follows_the_rule_after_the_upgrade(db_file: Path) -> None:
    """A database from before the projection (schema 0007), with check-ins recorded for
    "the whole workshop", gets their sessions when it is opened."""
    old = Database(db_file)
    migrations.apply(old, stop_before="0008_attendance_projection")
    conn = old.conn
    conn.execute("INSERT INTO workshops (id, title, token_secret, created_at) VALUES "
                 "('w', 'Antiguo', 'ab', '2026-01-01T00:00:00+00:00')")
    for n, (start, end) in enumerate(((NINE, NINE + timedelta(hours=1)),
                                      (NINE + timedelta(hours=3), NINE + timedelta(hours=4)))):
        conn.execute("INSERT INTO sessions (id, workshop_id, title, starts_at, ends_at, "
                     "position, created_at) VALUES (?, 'w', ?, ?, ?, ?, '')",
                     [f"s{n}", f"S{n}", iso(start), iso(end), n])
    for n, minutes in enumerate((-5, 20, 150, 200)):
        conn.execute("INSERT INTO attendees (id, given_names, created_at, updated_at) VALUES "
                     "(?, ?, '', '')", [f"a{n}", f"P{n}"])
        conn.execute("INSERT INTO registrations (id, workshop_id, attendee_id, registered_at)"
                     " VALUES (?, 'w', ?, '')", [f"r{n}", f"a{n}"])
        conn.execute("INSERT INTO checkin_events (id, workshop_id, session_id, attendee_id, "
                     "kind, at, method) VALUES (?, 'w', NULL, ?, 'admitted', ?, 'scanner')",
                     [f"e{n}", f"a{n}", iso(NINE + timedelta(minutes=minutes))])
    conn.execute("INSERT INTO checkin_events (id, workshop_id, attendee_id, kind, at, method, "
                 "undoes_id) VALUES ('u', 'w', 'a3', 'undone', ?, 'search', 'e3')",
                 [iso(NINE + timedelta(minutes=201))])
    conn.commit()
    old.close()
    store = Store(open_database(db_file, backup_on_open=False))
    assert store.checkins.session_in_room("w", "s0") == 2  # before and during the first
    assert store.checkins.session_in_room("w", "s1") == 1  # a3's admission was undone
    assert store.registrations.count("w") == 4
    store.close()
