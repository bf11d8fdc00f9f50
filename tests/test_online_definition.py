"""One definition of "attended online" (issue 17): the count the desk keeps between calls
equals what the reports derive (session_modes) after every kind of change, including
changes made by another connection and new thresholds."""

from __future__ import annotations

import random
from datetime import timedelta

from facilitator_app.clock import iso
from facilitator_app.db import open_database
from facilitator_app.models import AttendanceMode, CheckinEvent, CheckinKind, CheckinMethod, EventId
from facilitator_app.services.export_data import session_modes
from facilitator_app.services.workshops import create_workshop, online_attendees
from facilitator_app.store import Store
from tests.test_counts import people


def by_the_reports(store, workshop) -> set[str]:
    sessions = store.sessions.for_workshop(workshop.id)
    return {person for modes in session_modes(store, workshop.id, sessions).values()
            for person, mode in modes.items() if mode in ("online", "both")}


def test_the_kept_online_count_follows_every_kind_of_change(store) -> None:
    from facilitator_app.services.attendees import merge_attendees
    from facilitator_app.services.privacy import erase_attendee

    rng = random.Random(17)
    workshop = create_workshop(store, "Taller").workshop
    start = store.clock() - timedelta(hours=5)
    sessions = [store.sessions.add(workshop.id, f"S{n}", starts_at=iso(start + timedelta(
        hours=n)), ends_at=iso(start + timedelta(hours=n, minutes=50))) for n in range(3)]
    crowd = people(store, workshop, 12)
    events, too_short = [], 0  # steps where someone was online for too few minutes
    assert online_attendees(store, workshop) == set()
    for step in range(140):
        person = rng.choice(crowd)
        with store.transaction():
            if events and rng.random() < 0.15:
                target = rng.choice(events)
                store.checkins.record(CheckinEvent(
                    id=EventId(""), workshop_id=workshop.id, attendee_id=target.attendee_id,
                    kind=CheckinKind.UNDONE, at=iso(store.clock()),
                    method=CheckinMethod.SEARCH, undoes_id=target.id))
            else:
                online = rng.random() < 0.6
                events.append(store.checkins.record(CheckinEvent(
                    id=EventId(""), workshop_id=workshop.id, attendee_id=person.id,
                    kind=CheckinKind.ADMITTED, method=CheckinMethod.SCANNER,
                    at=iso(start + timedelta(minutes=rng.randrange(0, 280))),
                    session_id=rng.choice([None, *[s.id for s in sessions]]),
                    mode=AttendanceMode.ONLINE if online else AttendanceMode.IN_ROOM,
                    online_minutes=rng.randrange(1, 60) if online else None)))
        if step == 50:
            with store.transaction():
                store.online.set_session_minimum(sessions[1].id, 10)
        if step == 70:
            with store.transaction():
                store.db.execute("UPDATE sessions SET starts_at = ? WHERE id = ?",
                                 [iso(start + timedelta(minutes=20)), sessions[0].id])
        if step == 90:
            merge_attendees(store, crowd[0].id, crowd[1].id, set())
            crowd.remove(crowd[1])
            events = [e for e in events if e.attendee_id != crowd[0].id]
        if step == 110:
            erase_attendee(store, crowd[2].id)
            events = [e for e in events if e.attendee_id != crowd[2].id]
            crowd.remove(crowd[2])
        assert online_attendees(store, workshop) == by_the_reports(store, workshop), step
        too_short += store.checkins.online_people(workshop.id) > len(
            online_attendees(store, workshop))
    assert online_attendees(store, workshop) and too_short > 20  # both sides of the rule


def test_another_connections_changes_are_seen(db_file) -> None:
    desk = Store(open_database(db_file))
    other = Store(open_database(db_file, backup_on_open=False))
    try:
        workshop = create_workshop(desk, "Taller", session_titles=["Uno"]).workshop
        (ana,) = people(desk, workshop, 1)
        assert online_attendees(desk, workshop) == set()
        with other.transaction():
            other.checkins.record(CheckinEvent(
                id=EventId(""), workshop_id=workshop.id, attendee_id=ana.id,
                kind=CheckinKind.ADMITTED, at=iso(other.clock()),
                method=CheckinMethod.SEARCH, mode=AttendanceMode.ONLINE, online_minutes=300))
        assert online_attendees(desk, workshop) == {ana.id} == by_the_reports(desk, workshop)
    finally:
        other.close()
        desk.close()
