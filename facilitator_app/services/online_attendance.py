"""Import an online attendance report into a session and merge it with in-room check-ins.

Re-importing the same file changes nothing: every stored line carries a reference made
from the file's digest and the person's key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from facilitator_app.clock import iso, parse_iso
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import (
    AttendanceMode,
    Attendee,
    AttendeeId,
    CheckinEvent,
    CheckinKind,
    CheckinMethod,
    EventId,
    Session,
)
from facilitator_app.online.matching import IGNORED, MATCHED, Match, Matcher, alias_key
from facilitator_app.online.merge import person_key
from facilitator_app.online.model import Join, Participant, Report
from facilitator_app.online.reports import read_report
from facilitator_app.store import Store

DEFAULT_SESSION_MINUTES = 60


@dataclass(frozen=True)
class ImportedPerson:
    participant: Participant
    match: Match
    new: bool  # stored now (False: this file was imported before)


@dataclass(frozen=True)
class OnlineImport:
    report: Report
    people: list[ImportedPerson]
    min_minutes: int


@dataclass(frozen=True)
class SessionAttendance:
    attendee: Attendee
    in_room: bool
    online_minutes: float | None
    attended_online: bool

    @property
    def mode(self) -> str:
        """in_room | online | both | none"""
        return attendance_mode(self.in_room, self.attended_online)


def attendance_mode(in_room: bool, attended_online: bool) -> str:
    """How one person attended one session: in_room | online | both | none."""
    if in_room and attended_online:
        return "both"
    return "in_room" if in_room else "online" if attended_online else "none"


def attended_online(minutes: float | None, threshold: int) -> bool:
    return minutes is not None and minutes >= threshold


def session_minutes(session: Session) -> float | None:
    if session.starts_at and session.ends_at:
        length = parse_iso(session.ends_at) - parse_iso(session.starts_at)
        return length.total_seconds() / 60 or None
    return None


def minimum_minutes(store: Store, session: Session) -> int:
    """Online minutes that count as attending: the session's own figure, else the
    workshop's percentage (60% by default) of the session's length."""
    own = store.online.session_minimum(session.id)
    if own is not None:
        return own
    workshop = store.workshops.get(session.workshop_id)
    length = session_minutes(session) or DEFAULT_SESSION_MINUTES
    return round(length * workshop.min_online_percent / 100)


def import_report(store: Store, session_id: str, path: Path,
                  min_minutes: int | None = None) -> OnlineImport:
    """Read the report, match each person, store matches and queue the rest for review.

    All in one transaction: a refused file or a failure half-way stores nothing."""
    session = store.sessions.get(session_id)
    on_date = parse_iso(session.starts_at).astimezone().date() if session.starts_at else None
    report = read_report(path, on_date)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
    matcher = Matcher(store.attendees.for_workshop(session.workshop_id),
                      store.online.aliases(session.workshop_id))
    people = []
    with store.transaction():
        if min_minutes is not None:
            if min_minutes < 0:
                raise KnownError(_("The minimum of online minutes cannot be negative."))
            store.online.set_session_minimum(session.id, min_minutes)
        for participant in report.participants:
            match = matcher.match(participant)
            reference = f"{digest}:{_key(participant)}"
            people.append(ImportedPerson(participant, match,
                                         _store_line(store, session, participant, match,
                                                     reference)))
        store.meta.audit("online_report_import", "session", session.id, file_sha256=digest,
                         platform=report.platform, layout=report.layout, people=len(people),
                         meeting_start=report.meeting_start.isoformat()
                         if report.meeting_start else None)
    return OnlineImport(report, people, minimum_minutes(store, session))


def _key(participant: Participant) -> str:
    """The person's key in the report (what makes a re-import change nothing)."""
    return participant.key or person_key(Join(
        line=participant.line, name=participant.name, email=participant.email,
        original_name=participant.original_name))


def _store_line(store: Store, session: Session, participant: Participant, match: Match,
                reference: str) -> bool:
    if match.status == IGNORED:
        return False
    if match.status == MATCHED:
        if store.online.has_event(reference):
            return False
        _record_online(store, session, AttendeeId(match.attendee_id), participant.minutes,
                       reference)
        return True
    return store.online.add_review(session.id, reference, participant.name, participant.email,
                                   participant.minutes, match.suggestions)


def _record_online(store: Store, session: Session, attendee_id: AttendeeId, minutes: float,
                   reference: str) -> None:
    when = session.starts_at or iso(store.clock())
    store.checkins.record(CheckinEvent(
        id=EventId(""), workshop_id=session.workshop_id, attendee_id=attendee_id,
        kind=CheckinKind.ADMITTED, at=when, method=CheckinMethod.ONLINE_REPORT,
        mode=AttendanceMode.ONLINE, session_id=session.id, online_minutes=minutes,
        desk=store.meta.desk_id(), source_ref=reference))


def resolve_review(store: Store, review_id: str, attendee_id: str | None) -> None:
    """A person decided who a queued row is (or to ignore it); the name is remembered."""
    with store.transaction():
        row = store.online.get(review_id)
        session = store.sessions.get(row["session_id"])
        if attendee_id is None:
            store.online.close(row["id"], "ignored", None)
        else:
            if not store.registrations.is_registered(session.workshop_id, attendee_id):
                store.registrations.add(session.workshop_id, attendee_id, "online_report")
            if not store.online.has_event(row["source_ref"]):
                _record_online(store, session, AttendeeId(attendee_id), row["minutes"],
                               row["source_ref"])
            store.online.close(row["id"], "resolved", attendee_id)
        store.online.remember(alias_key(row["name"]), session.workshop_id, attendee_id)


def session_attendance(store: Store, session_id: str) -> list[SessionAttendance]:
    """One line per registrant: in the room, online minutes, and whether that counts."""
    session = store.sessions.get(session_id)
    threshold = minimum_minutes(store, session)
    presence = store.checkins.session_presence(session.workshop_id, session.id)
    lines = []
    for person in store.attendees.for_workshop(session.workshop_id):
        seen = presence.get(person.id, {"in_room": False, "online_minutes": None})
        minutes = seen["online_minutes"]
        lines.append(SessionAttendance(person, seen["in_room"], minutes,
                                       attended_online(minutes, threshold)))
    return lines

