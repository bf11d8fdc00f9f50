"""The overview's live counts are derived from check-in events."""

from __future__ import annotations

from datetime import timedelta

from facilitator_app.clock import iso
from facilitator_app.models import (
    AttendanceMode,
    Attendee,
    AttendeeId,
    CheckinEvent,
    CheckinKind,
    CheckinMethod,
    EventId,
)
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.workshops import create_workshop, workshop_counts


def admit(store, workshop, person, kind=CheckinKind.ADMITTED, mode=AttendanceMode.IN_ROOM,
          undoes=None, minutes_ago=10):
    with store.transaction():
        return store.checkins.record(CheckinEvent(
            id=EventId(""), workshop_id=workshop.id, attendee_id=person.id, kind=kind,
            at=iso(store.clock() - timedelta(minutes=minutes_ago)),
            method=CheckinMethod.SEARCH, mode=mode, undoes_id=undoes))


def people(store, workshop, count):
    made = []
    with store.transaction():
        for n in range(count):
            person = store.attendees.add(Attendee(id=AttendeeId(""), given_names=f"Ana {n}"))
            store.registrations.add(workshop.id, person.id, "test")
            made.append(person)
    return made


def test_checked_out_and_undone_people_are_not_in_the_room(store) -> None:
    workshop = create_workshop(store, "Taller").workshop
    ana, beto, carla, dani = people(store, workshop, 4)
    admit(store, workshop, ana)
    admit(store, workshop, beto)
    admit(store, workshop, beto, CheckinKind.CHECKED_OUT, minutes_ago=5)
    wrong = admit(store, workshop, carla)
    admit(store, workshop, carla, CheckinKind.UNDONE, undoes=wrong.id, minutes_ago=9)
    admit(store, workshop, dani, mode=AttendanceMode.ONLINE)
    counts = workshop_counts(store, workshop)
    assert counts.registered == 4
    assert counts.in_room_now == 1
    assert counts.online == 1


def test_yesterdays_admissions_do_not_count_as_in_the_room_now(store) -> None:
    workshop = create_workshop(store, "Taller").workshop
    (ana,) = people(store, workshop, 1)
    admit(store, workshop, ana, minutes_ago=60 * 30)
    assert workshop_counts(store, workshop).in_room_now == 0


def test_the_demo_counts(store) -> None:
    workshop, created = ensure_demo(store)
    assert created
    counts = workshop_counts(store, workshop)
    assert (counts.registered, counts.online, counts.introductions, counts.sessions) == (
        60, 15, 10, 3)
    assert 30 <= counts.in_room_now <= 37
