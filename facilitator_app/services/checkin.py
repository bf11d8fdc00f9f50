"""The check-in desk: resolve a scanned or typed code, admit, check out, undo.

Every admission is one committed transaction before the result is returned, so what the
desk shows as admitted survives a crash or a dead battery.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from facilitator_app import tokens
from facilitator_app.clock import iso
from facilitator_app.errors import KnownError
from facilitator_app.i18n import N_, _
from facilitator_app.models import (
    AttendanceMode,
    Attendee,
    AttendeeId,
    CheckinEvent,
    CheckinKind,
    CheckinMethod,
    EventId,
    SessionId,
    WorkshopId,
)
from facilitator_app.services.workshops import start_of_local_day
from facilitator_app.store import Store


class Outcome(StrEnum):
    ADMITTED = "admitted"
    ALREADY_IN = "already_in"
    CHECKED_OUT = "checked_out"
    NOT_REGISTERED = "not_registered"
    REVOKED = "revoked"
    UNKNOWN = "unknown"
    FORGED = "forged"


REFUSED = frozenset({Outcome.NOT_REGISTERED, Outcome.REVOKED, Outcome.UNKNOWN, Outcome.FORGED})
OUTCOME_WORDS = {
    Outcome.ADMITTED: N_("Welcome! Admitted"),
    Outcome.ALREADY_IN: N_("Already in since {since}"),
    Outcome.CHECKED_OUT: N_("Checked out. See you soon"),
    Outcome.NOT_REGISTERED: N_("Not registered for this workshop"),
    Outcome.REVOKED: N_("This badge was replaced by a newer one"),
    Outcome.UNKNOWN: N_("Unknown code"),
    Outcome.FORGED: N_("Forged code: not a genuine badge of this workshop"),
}


@dataclass(frozen=True)
class CheckinResult:
    outcome: Outcome
    attendee: Attendee | None = None
    since: str | None = None  # ISO time of the admission, for already_in
    event_id: str | None = None

    @property
    def refused(self) -> bool:
        return self.outcome in REFUSED

    def words(self) -> str:
        since = ""
        if self.since:
            from facilitator_app.clock import parse_iso

            since = parse_iso(self.since).astimezone().strftime("%H:%M")
        return _(OUTCOME_WORDS[self.outcome]).format(since=since)


@dataclass(frozen=True)
class Desk:
    """Where and how admissions are recorded."""

    workshop_id: WorkshopId
    session_id: SessionId | None = None
    desk_id: str = ""


def check_in_code(store: Store, desk: Desk, raw: str,
                  method: CheckinMethod = CheckinMethod.SCANNER) -> CheckinResult:
    """Admit the holder of a scanned token or typed short code, or say why not."""
    refusal, person = identify_badge(store, desk.workshop_id, raw)
    if refusal is not None:
        return CheckinResult(refusal, person)
    return _admit_registered(store, desk, person, method)  # a badge here is a registration


def identify_badge(store: Store, workshop_id: str,
                   raw: str) -> tuple[Outcome | None, Attendee | None]:
    """Whose badge this is: (None, person) for a valid badge of this workshop, else the
    refusal (and the person, when known)."""
    text = tokens.normalise(raw)
    short = tokens.as_short_code(raw) if not tokens.looks_like_token(text) else None
    if short:
        found = store.badges.find_short(workshop_id, short)
        badge = found[0] if len(found) == 1 else None
    elif tokens.looks_like_token(text):
        badge = store.badges.find(text)
    else:
        return Outcome.UNKNOWN, None
    if badge is None:
        return (_unlisted_token(store, workshop_id, text) if not short
                else Outcome.UNKNOWN), None
    person = store.attendees.by_id(badge["attendee_id"])
    if badge["workshop_id"] != workshop_id:
        return Outcome.NOT_REGISTERED, person
    if not tokens.verify(store.workshops.secret(workshop_id), workshop_id, badge["token"]):
        return Outcome.FORGED, None
    if badge["revoked_at"]:
        return Outcome.REVOKED, person
    return None, person


def _unlisted_token(store: Store, workshop_id: str, token: str) -> Outcome:
    """A well-formed token this database never issued: another workshop's, or forged."""
    for other_id, secret in store.workshops.secrets():
        if tokens.verify(secret, other_id, token):
            return Outcome.NOT_REGISTERED if other_id != workshop_id else Outcome.UNKNOWN
    return Outcome.FORGED


def admit(store: Store, desk: Desk, attendee_id: AttendeeId,
          method: CheckinMethod) -> CheckinResult:
    """Admit a registered person (in the room), unless they are already in."""
    person = store.attendees.get(attendee_id)
    if not store.registrations.is_registered(desk.workshop_id, person.id):
        return CheckinResult(Outcome.NOT_REGISTERED, person)
    return _admit_registered(store, desk, person, method)


def _admit_registered(store: Store, desk: Desk, person: Attendee,
                      method: CheckinMethod) -> CheckinResult:
    with store.transaction():
        latest = _latest(store, desk, person.id)
        if latest and latest["kind"] == CheckinKind.ADMITTED:
            return CheckinResult(Outcome.ALREADY_IN, person, since=latest["at"])
        event = _record(store, desk, person.id, CheckinKind.ADMITTED, method)
    return CheckinResult(Outcome.ADMITTED, person, event_id=event.id)


def check_out(store: Store, desk: Desk, attendee_id: AttendeeId) -> CheckinResult:
    """Record that a person left; refused kindly if they were not in."""
    with store.transaction():
        person = store.attendees.get(attendee_id)
        latest = _latest(store, desk, person.id)
        if not latest or latest["kind"] != CheckinKind.ADMITTED:
            raise KnownError(_("{name} is not checked in.").format(name=person.name))
        event = _record(store, desk, person.id, CheckinKind.CHECKED_OUT, CheckinMethod.SEARCH)
    return CheckinResult(Outcome.CHECKED_OUT, person, event_id=event.id)


def undo_last_admission(store: Store, desk: Desk) -> Attendee | None:
    """Undo this desk's latest admission (an event of its own); None if there is none."""
    with store.transaction():
        last = store.checkins.last_admission(desk.workshop_id, desk.desk_id)
        if last is None:
            return None
        store.checkins.record(CheckinEvent(
            id=EventId(""), workshop_id=desk.workshop_id, attendee_id=last["attendee_id"],
            kind=CheckinKind.UNDONE, at=iso(store.clock()), method=CheckinMethod.SEARCH,
            session_id=last["session_id"], desk=desk.desk_id, undoes_id=last["id"]))
        return store.attendees.get(last["attendee_id"])


def _latest(store: Store, desk: Desk, attendee_id: str) -> dict | None:
    since = iso(start_of_local_day(store.clock()))
    return store.checkins.latest_in_room(desk.workshop_id, attendee_id, desk.session_id, since)


def _record(store: Store, desk: Desk, attendee_id: str, kind: CheckinKind,
            method: CheckinMethod) -> CheckinEvent:
    return store.checkins.record(CheckinEvent(
        id=EventId(""), workshop_id=desk.workshop_id, attendee_id=AttendeeId(attendee_id),
        kind=kind, at=iso(store.clock()), method=method, mode=AttendanceMode.IN_ROOM,
        session_id=desk.session_id, desk=desk.desk_id))
