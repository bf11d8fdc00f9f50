"""The check-in desk: resolve a scanned or typed code, admit, check out, undo and redo.

Every admission is one committed transaction before the result is returned, so what the
desk shows as admitted survives a crash or a dead battery. Every admission counts for a
session: the desk's chosen one, else the session running at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from facilitator_app import tokens
from facilitator_app.clock import iso, parse_iso
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
from facilitator_app.services import badges
from facilitator_app.services.workshops import start_of_local_day
from facilitator_app.store import Store
from facilitator_app.store.checkins import DeskAdmission

UNDO_WINDOW = timedelta(minutes=2)


class Outcome(StrEnum):
    ADMITTED = "admitted"
    ALREADY_IN = "already_in"
    CHECKED_OUT = "checked_out"
    NOT_IN = "not_in"  # scanned at the exit, but was not in
    NOT_REGISTERED = "not_registered"
    REVOKED = "revoked"
    UNKNOWN = "unknown"
    FORGED = "forged"


REFUSED = frozenset({Outcome.NOT_REGISTERED, Outcome.REVOKED, Outcome.UNKNOWN, Outcome.FORGED})
OUTCOME_WORDS = {
    Outcome.ADMITTED: N_("Welcome! Admitted"),
    Outcome.ALREADY_IN: N_("Already in since {since}"),
    Outcome.CHECKED_OUT: N_("Checked out. See you soon"),
    Outcome.NOT_IN: N_("Was not checked in: nothing to check out"),
    Outcome.NOT_REGISTERED: N_("Not registered for this workshop"),
    Outcome.REVOKED: N_("This badge was replaced by a newer one"),
    Outcome.UNKNOWN: N_("Unknown code"),
    Outcome.FORGED: N_("Forged code: not a genuine badge of this workshop"),
}
# The big line a door shows (readable from metres away), then the line under the name.
OUTCOME_HEADLINES = {
    Outcome.ADMITTED: N_("Welcome!"),
    Outcome.ALREADY_IN: N_("Already in since {since}"),
    Outcome.CHECKED_OUT: N_("Checked out"),
    Outcome.NOT_IN: N_("Not checked in"),
    Outcome.NOT_REGISTERED: N_("Not registered"),
    Outcome.REVOKED: N_("Old badge"),
    Outcome.UNKNOWN: N_("Unknown code"),
    Outcome.FORGED: N_("Forged code"),
}
OUTCOME_DETAILS = {
    Outcome.ADMITTED: N_("Admitted"),
    Outcome.ALREADY_IN: N_("Admitted once is enough: no need to scan again"),
    Outcome.CHECKED_OUT: N_("See you soon"),
    Outcome.NOT_IN: N_("Nothing to check out: they were not in"),
    Outcome.NOT_REGISTERED: N_("Not registered for this workshop"),
    Outcome.REVOKED: N_("This badge was replaced by a newer one: ask for the new badge"),
    Outcome.UNKNOWN: N_("Not a badge code: search the name instead"),
    Outcome.FORGED: N_("Not a genuine badge of this workshop"),
}


@dataclass(frozen=True)
class CheckinResult:
    outcome: Outcome
    attendee: Attendee | None = None
    since: str | None = None  # ISO time of the admission, for already_in
    event_id: str | None = None
    session_id: str | None = None  # the session the admission counts for

    @property
    def refused(self) -> bool:
        return self.outcome in REFUSED

    def _since(self) -> str:
        return parse_iso(self.since).astimezone().strftime("%H:%M") if self.since else ""

    def words(self) -> str:
        return _(OUTCOME_WORDS[self.outcome]).format(since=self._since())

    def headline(self) -> str:
        return _(OUTCOME_HEADLINES[self.outcome]).format(since=self._since())

    def detail(self) -> str:
        return _(OUTCOME_DETAILS[self.outcome]).format(since=self._since())


@dataclass(frozen=True)
class Desk:
    """Where and how admissions are recorded. Without a session, each admission counts for
    the session running at its moment."""

    workshop_id: WorkshopId
    session_id: SessionId | None = None
    desk_id: str = ""


def session_for(store: Store, desk: Desk) -> SessionId | None:
    """The desk's session, or the one running now (None only without any session)."""
    return desk.session_id or store.checkins.session_at(desk.workshop_id, iso(store.clock()))


def check_in_code(store: Store, desk: Desk, raw: str,
                  method: CheckinMethod = CheckinMethod.SCANNER) -> CheckinResult:
    """Admit the holder of a scanned token or typed short code, or say why not."""
    refusal, person = identify_badge(store, desk.workshop_id, raw)
    if refusal is not None:
        return CheckinResult(refusal, person)
    return _admit_registered(store, desk, person, method)  # a badge here is a registration


def check_out_code(store: Store, desk: Desk, raw: str,
                   method: CheckinMethod = CheckinMethod.SCANNER) -> CheckinResult:
    """The exit: check out the holder of a scanned badge, or say why not."""
    refusal, person = identify_badge(store, desk.workshop_id, raw)
    if refusal is not None:
        return CheckinResult(refusal, person)
    return _check_out(store, desk, person, method)


def identify_badge(store: Store, workshop_id: str,
                   raw: str) -> tuple[Outcome | None, Attendee | None]:
    """Whose badge this is: (None, person) for a valid badge of this workshop, else the
    refusal (and the person, when known). Genuine or forged is for `services.badges` to
    say (signed badges, and the older HMAC ones)."""
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
    if not badges.genuine(store, workshop_id, badge["token"]):
        return Outcome.FORGED, None
    if badge["revoked_at"]:
        return Outcome.REVOKED, person
    return None, person


def looks_like_code(text: str) -> bool:
    """Could this typed text be a badge code (whole token or short code)?"""
    return tokens.looks_like_token(tokens.normalise(text)) or \
        tokens.as_short_code(text) is not None


def _unlisted_token(store: Store, workshop_id: str, token: str) -> Outcome:
    """A well-formed token this database never listed: another workshop's, one it cannot
    check (an older badge of a workshop whose secret is elsewhere), or forged."""
    minted = badges.minted_for(store, token)
    if minted is None:
        return Outcome.FORGED
    return Outcome.NOT_REGISTERED if minted not in (workshop_id, badges.CANNOT_TELL) \
        else Outcome.UNKNOWN


def admit(store: Store, desk: Desk, attendee_id: AttendeeId,
          method: CheckinMethod) -> CheckinResult:
    """Admit a registered person (in the room), unless they are already in."""
    person = store.attendees.get(attendee_id)
    if not store.registrations.is_registered(desk.workshop_id, person.id):
        return CheckinResult(Outcome.NOT_REGISTERED, person)
    return _admit_registered(store, desk, person, method)


def _admit_registered(store: Store, desk: Desk, person: Attendee,
                      method: CheckinMethod) -> CheckinResult:
    """Already in means: in the room now, admitted for this same session."""
    with store.transaction():
        session = session_for(store, desk)
        latest = _latest(store, desk, person.id)
        if latest and latest.kind == CheckinKind.ADMITTED and latest.session_id == session:
            return CheckinResult(Outcome.ALREADY_IN, person, since=latest.at,
                                 session_id=session)
        event = _record(store, desk, session, person.id, CheckinKind.ADMITTED, method)
    return CheckinResult(Outcome.ADMITTED, person, event_id=event.id, session_id=session)


def check_out(store: Store, desk: Desk, attendee_id: AttendeeId) -> CheckinResult:
    """Record that a person left; refused kindly if they were not in."""
    person = store.attendees.get(attendee_id)
    result = _check_out(store, desk, person, CheckinMethod.SEARCH)
    if result.outcome is Outcome.NOT_IN:
        raise KnownError(_("{name} is not checked in.").format(name=person.name))
    return result


def _check_out(store: Store, desk: Desk, person: Attendee,
               method: CheckinMethod) -> CheckinResult:
    with store.transaction():
        latest = _latest(store, desk, person.id)
        if not latest or latest.kind != CheckinKind.ADMITTED:
            return CheckinResult(Outcome.NOT_IN, person)
        event = _record(store, desk, latest.session_id, person.id, CheckinKind.CHECKED_OUT,
                        method)
    return CheckinResult(Outcome.CHECKED_OUT, person, event_id=event.id,
                         session_id=latest.session_id)


@dataclass(frozen=True)
class Undoable:
    """What Ctrl+Z would reach: this desk's latest admission, and why it may not."""

    admission: DeskAdmission
    attendee: Attendee
    too_old: bool

    @property
    def possible(self) -> bool:
        return not self.admission.undone and not self.too_old

    def time(self) -> str:
        return parse_iso(self.admission.at).astimezone().strftime("%H:%M")


def undoable(store: Store, desk: Desk, within: timedelta = UNDO_WINDOW) -> Undoable | None:
    """This desk's latest admission (None if it made none), undone or not."""
    last = store.checkins.last_desk_admission(desk.workshop_id, desk.desk_id)
    if last is None:
        return None
    too_old = store.clock() - parse_iso(last.at) > within
    return Undoable(last, store.attendees.get(last.attendee_id), too_old)


def undo_last_admission(store: Store, desk: Desk,
                        within: timedelta = UNDO_WINDOW) -> Attendee | None:
    """Undo this desk's latest admission if it is recent; None if the desk made none.

    Only the latest: once it is undone, undo reaches nothing earlier (a KnownError says
    so), and an admission older than `within` is checked out instead, never undone.
    """
    with store.transaction():
        found = undoable(store, desk, within)
        if found is None:
            return None
        _refuse_undo(found, within)
        store.checkins.record(CheckinEvent(
            id=EventId(""), workshop_id=desk.workshop_id, attendee_id=found.attendee.id,
            kind=CheckinKind.UNDONE, at=iso(store.clock()), method=CheckinMethod.SEARCH,
            session_id=found.admission.session_id, desk=desk.desk_id,
            undoes_id=EventId(found.admission.id)))
    return found.attendee


def _refuse_undo(found: Undoable, within: timedelta) -> None:
    name = found.attendee.name
    if found.admission.undone:
        raise KnownError(_("The latest admission at this desk ({name}) is already undone; "
                           "undo reaches no further back.").format(name=name))
    if found.too_old:
        raise KnownError(_("{name} was admitted at {time}, more than {minutes} minutes ago: "
                           "only the last {minutes} minutes can be undone. Check them out "
                           "if they left.").format(name=name, time=found.time(),
                                                   minutes=int(within.total_seconds() // 60)))


def redo_last_undo(store: Store, desk: Desk,
                   within: timedelta = UNDO_WINDOW) -> CheckinResult | None:
    """Admit again the person whose admission this desk just undid (same session and
    method); None when the desk's latest admission was not undone within `within`."""
    found = undoable(store, desk, within)
    if found is None or not found.admission.undone:
        return None
    undone_at = store.checkins.undone_at(found.admission.id)
    if undone_at is None or store.clock() - parse_iso(undone_at) > within:
        return None
    again = Desk(desk.workshop_id, SessionId(found.admission.session_id or "") or None,
                 desk.desk_id)
    return _admit_registered(store, again, found.attendee, CheckinMethod(found.admission.method))


def _latest(store: Store, desk: Desk, attendee_id: str):
    since = iso(start_of_local_day(store.clock()))
    return store.checkins.latest_in_room(desk.workshop_id, attendee_id, since)


def _record(store: Store, desk: Desk, session: str | None, attendee_id: str,
            kind: CheckinKind, method: CheckinMethod) -> CheckinEvent:
    return store.checkins.record(CheckinEvent(
        id=EventId(""), workshop_id=desk.workshop_id, attendee_id=AttendeeId(attendee_id),
        kind=kind, at=iso(store.clock()), method=method, mode=AttendanceMode.IN_ROOM,
        session_id=SessionId(session) if session else None, desk=desk.desk_id))
