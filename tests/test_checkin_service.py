"""Check-in outcomes, decided by the core and committed before they are returned."""

from __future__ import annotations

from datetime import timedelta

import pytest

from facilitator_app import tokens
from facilitator_app.errors import KnownError
from facilitator_app.models import CheckinMethod
from facilitator_app.services.badges import badge_token
from facilitator_app.services.checkin import (
    Desk,
    Outcome,
    admit,
    check_in_code,
    check_out,
    undo_last_admission,
)
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.workshops import create_workshop, workshop_counts


@pytest.fixture
def demo(store):
    workshop, _ = ensure_demo(store)
    return workshop


@pytest.fixture
def no_show(store, demo):
    """Someone registered who has not come in today."""
    from facilitator_app.demo_data import load_demo

    people = {p.name: p for p in store.attendees.for_workshop(demo.id)}
    return people[load_demo().no_shows()[0].name]


def test_scan_admits_then_says_already_in_since(store, demo, no_show, clock) -> None:
    token = badge_token(store, demo.id, no_show.id)
    desk = Desk(demo.id, desk_id="desk-1")
    first = check_in_code(store, desk, token.lower() + "\r\n")
    assert first.outcome is Outcome.ADMITTED and first.attendee == no_show
    clock.now += timedelta(minutes=3)
    second = check_in_code(store, desk, token)
    assert second.outcome is Outcome.ALREADY_IN
    assert second.since == first_event_time(store, first.event_id)


def first_event_time(store, event_id):
    return store.db.execute("SELECT at FROM checkin_events WHERE id = ?", [event_id]).fetchone()[0]


def test_a_typed_short_code_admits(store, demo, no_show) -> None:
    token = badge_token(store, demo.id, no_show.id)
    result = check_in_code(store, Desk(demo.id), tokens.short_code(token).lower())
    assert result.outcome is Outcome.ADMITTED


def test_reprinting_revokes_the_old_badge(store, demo, no_show) -> None:
    old = badge_token(store, demo.id, no_show.id)
    assert badge_token(store, demo.id, no_show.id) == old  # printing again: same badge
    new = badge_token(store, demo.id, no_show.id, reissue=True)
    assert new != old
    assert check_in_code(store, Desk(demo.id), old).outcome is Outcome.REVOKED
    assert check_in_code(store, Desk(demo.id), new).outcome is Outcome.ADMITTED


def test_a_badge_of_another_workshop_is_not_registered_here(store, demo, no_show) -> None:
    other = create_workshop(store, "Otro taller").workshop
    store_registration(store, other.id, no_show.id)
    token = badge_token(store, other.id, no_show.id)
    result = check_in_code(store, Desk(demo.id), token)
    assert result.outcome is Outcome.NOT_REGISTERED and result.attendee == no_show


def store_registration(store, workshop_id, attendee_id):
    with store.transaction():
        store.registrations.add(workshop_id, attendee_id, "test")


def test_another_workshops_token_unknown_to_this_database(store, demo) -> None:
    other = create_workshop(store, "Otro taller").workshop
    stranger = tokens.mint(store.workshops.secret(other.id), other.id)
    assert check_in_code(store, Desk(demo.id), stranger).outcome is Outcome.NOT_REGISTERED


def test_forged_and_unknown_codes(store, demo) -> None:
    import secrets

    forged = tokens.mint(secrets.token_hex(32), demo.id)
    assert check_in_code(store, Desk(demo.id), forged).outcome is Outcome.FORGED
    assert check_in_code(store, Desk(demo.id), "hola").outcome is Outcome.UNKNOWN
    assert check_in_code(store, Desk(demo.id), "ABCD-EFGH-IJKL").outcome is Outcome.UNKNOWN
    assert store.checkins.count(demo.id) == store.checkins.count(demo.id)


def test_refused_scans_record_nothing(store, demo) -> None:
    before = store.checkins.count(demo.id)
    check_in_code(store, Desk(demo.id), "C" + "A" * 26)
    assert store.checkins.count(demo.id) == before


def test_check_out_then_back_in(store, demo, no_show) -> None:
    desk = Desk(demo.id)
    admit(store, desk, no_show.id, CheckinMethod.SEARCH)
    assert check_out(store, desk, no_show.id).outcome is Outcome.CHECKED_OUT
    with pytest.raises(KnownError, match="not checked in"):
        check_out(store, desk, no_show.id)
    assert admit(store, desk, no_show.id, CheckinMethod.SEARCH).outcome is Outcome.ADMITTED


def test_undo_the_last_admission_of_this_desk(store, demo, no_show) -> None:
    desk = Desk(demo.id, desk_id="desk-1")
    before = workshop_counts(store, demo).in_room_now
    admit(store, desk, no_show.id, CheckinMethod.SEARCH)
    assert workshop_counts(store, demo).in_room_now == before + 1
    assert undo_last_admission(store, desk) == no_show
    assert workshop_counts(store, demo).in_room_now == before
    assert admit(store, desk, no_show.id, CheckinMethod.SEARCH).outcome is Outcome.ADMITTED


def test_per_session_attendance(store, demo, no_show) -> None:
    first, second, _third = store.sessions.for_workshop(demo.id)
    in_first = Desk(demo.id, session_id=first.id)
    in_second = Desk(demo.id, session_id=second.id)
    assert admit(store, in_first, no_show.id, CheckinMethod.SEARCH).outcome is Outcome.ADMITTED
    assert admit(store, in_second, no_show.id, CheckinMethod.SEARCH).outcome is Outcome.ADMITTED
    assert admit(store, in_second, no_show.id, CheckinMethod.SEARCH).outcome is \
        Outcome.ALREADY_IN
    assert store.checkins.session_in_room(demo.id, second.id) == 1


def test_a_person_not_registered_is_refused_by_name(store, demo) -> None:
    other = create_workshop(store, "Otro taller").workshop
    from facilitator_app.models import Attendee, AttendeeId

    with store.transaction():
        outsider = store.attendees.add(Attendee(id=AttendeeId(""), given_names="Ana"))
        store.registrations.add(other.id, outsider.id, "test")
    result = admit(store, Desk(demo.id), outsider.id, CheckinMethod.SEARCH)
    assert result.outcome is Outcome.NOT_REGISTERED


def test_a_badge_still_admits_after_its_holder_was_merged_into_a_twin(store, demo,
                                                                     no_show) -> None:
    from dataclasses import replace

    from facilitator_app.models import AttendeeId, ConsentPurpose
    from facilitator_app.services.attendees import merge_attendees, register_walk_in

    token = badge_token(store, demo.id, no_show.id)
    twin = register_walk_in(store, demo.id, replace(no_show, id=AttendeeId(""), phone="",
                                                    email=""),
                            {ConsentPurpose.PROCESSING: True}, "verbal")
    merge_attendees(store, twin.id, no_show.id, set())
    result = check_in_code(store, Desk(demo.id), token)
    assert result.outcome is Outcome.ADMITTED and result.attendee.id == twin.id


def test_undo_reaches_only_this_desks_latest_admission_within_two_minutes(
        store, demo, clock) -> None:
    from facilitator_app.services.checkin import redo_last_undo, undoable

    first, second, third = (store.attendees.get(p.id) for p in no_shows(store, demo)[:3])
    desk = Desk(demo.id, desk_id="desk-1")
    other_desk = Desk(demo.id, desk_id="desk-2")
    admit(store, desk, first.id, CheckinMethod.SCANNER)
    clock.now += timedelta(seconds=30)
    admit(store, desk, second.id, CheckinMethod.SEARCH)
    admit(store, other_desk, third.id, CheckinMethod.SEARCH)  # another desk's: out of reach
    assert undoable(store, desk).attendee == second
    assert undo_last_admission(store, desk) == second
    with pytest.raises(KnownError, match="already undone"):
        undo_last_admission(store, desk)  # never the earlier admission
    assert {p.id for p in in_room(store, demo)} >= {first.id, third.id}
    assert second.id not in {p.id for p in in_room(store, demo)}
    redone = redo_last_undo(store, desk)
    assert redone.outcome is Outcome.ADMITTED and redone.attendee == second
    assert store.db.execute("SELECT method FROM checkin_events WHERE id = ?",
                            [redone.event_id]).fetchone() == ("search",)
    assert redo_last_undo(store, desk) is None  # nothing undone any more
    clock.now += timedelta(minutes=2, seconds=1)
    with pytest.raises(KnownError, match="more than 2 minutes"):
        undo_last_admission(store, desk)
    assert undoable(store, desk).too_old


def test_redo_expires_with_the_undo_window(store, demo, clock) -> None:
    from facilitator_app.services.checkin import redo_last_undo

    person = no_shows(store, demo)[0]
    desk = Desk(demo.id, desk_id="desk-1")
    admit(store, desk, person.id, CheckinMethod.SCANNER)
    undo_last_admission(store, desk)
    clock.now += timedelta(minutes=3)
    assert redo_last_undo(store, desk) is None


def test_a_new_session_admits_again_and_the_exit_checks_out(store, demo, clock) -> None:
    from facilitator_app.services.checkin import check_out_code

    first, second, _third = store.sessions.for_workshop(demo.id)
    person = no_shows(store, demo)[0]
    token = badge_token(store, demo.id, person.id)
    assert check_in_code(store, Desk(demo.id, first.id), token).outcome is Outcome.ADMITTED
    assert check_in_code(store, Desk(demo.id, first.id), token).outcome is Outcome.ALREADY_IN
    assert check_in_code(store, Desk(demo.id, second.id), token).outcome is Outcome.ADMITTED
    exit_desk = Desk(demo.id, second.id)
    assert check_out_code(store, exit_desk, token).outcome is Outcome.CHECKED_OUT
    again = check_out_code(store, exit_desk, token)
    assert again.outcome is Outcome.NOT_IN and again.attendee == person and not again.refused
    assert check_out_code(store, exit_desk, "C" + "A" * 26).outcome is Outcome.FORGED
    assert store.checkins.session_in_room(demo.id, first.id) >= 1


def test_every_outcome_has_a_headline_and_a_detail() -> None:
    from facilitator_app.services.checkin import CheckinResult

    for outcome in Outcome:
        result = CheckinResult(outcome, since="2026-03-14T15:30:00+00:00")
        assert result.headline() and result.detail() and result.words()
        assert "{" not in result.headline() + result.detail() + result.words()


def no_shows(store, workshop):
    from facilitator_app.demo_data import load_demo

    people = {p.name: p for p in store.attendees.for_workshop(workshop.id)}
    return [people[spec.name] for spec in load_demo().no_shows()]


def in_room(store, workshop):
    from facilitator_app.clock import iso
    from facilitator_app.services.workshops import start_of_local_day

    since = iso(start_of_local_day(store.clock()))
    return [p for p in store.attendees.for_workshop(workshop.id)
            if (latest := store.checkins.latest_in_room(workshop.id, p.id, since))
            and latest.kind == "admitted"]
