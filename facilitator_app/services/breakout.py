"""Networking for online participants: breakout rooms built from the suggestions (offers
and needs), exported as Zoom's pre-assignment CSV and as a plain list for Teams or Meet,
and, after the session, the introductions of the people who shared a room, in one step.

Online participants of a session: people whose attendance for it is online (an online
report or an online check-in), else those who joined an earlier session online; the
facilitator adds or leaves out anyone (someone who registered to join online).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from facilitator_app.contact import normalise_email
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import Attendee, AttendeeId, Session
from facilitator_app.services.in_language import translations
from facilitator_app.services.suggestions import suggest
from facilitator_app.store import Store
from facilitator_app.text import fold

ZOOM_COLUMNS = ("Pre-assign Room Name", "Email Address")  # Zoom's documented CSV header
ZOOM_MAX_ROOMS, ZOOM_MAX_PEOPLE = 100, 1000  # Zoom's limits for pre-assignment
ALREADY_MET = -2  # people introduced before: put together only when nothing else fits
UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run it as a formula


@dataclass(frozen=True)
class Room:
    name: str
    people: tuple[Attendee, ...]
    reasons: tuple[str, ...] = ()  # why these people were put together


@dataclass
class Candidates:
    """Who joins online, and why each one is in the list."""

    people: list[Attendee] = field(default_factory=list)
    online_now: set[str] = field(default_factory=set)
    online_before: set[str] = field(default_factory=set)


def room_email(person: Attendee) -> str | None:
    """The e-mail Zoom can pre-assign, or None (the person is assigned by hand)."""
    email = normalise_email(person.email or "")
    return email if email and not email.startswith(UNSAFE_START) else None


def online_participants(store: Store, session_id: str) -> Candidates:
    """Online in this session; where nobody is yet, online in an earlier session."""
    session = store.sessions.get(session_id)
    people = {p.id: p for p in store.attendees.for_workshop(session.workshop_id)}
    found = Candidates(online_now=_online_in(store, session))
    if not found.online_now:
        for earlier in store.sessions.for_workshop(session.workshop_id):
            if earlier.id != session.id and _before(earlier, session):
                found.online_before |= _online_in(store, earlier)
    chosen = (found.online_now | found.online_before) & set(people)
    found.people = sorted((people[i] for i in chosen), key=lambda p: fold(p.name))
    return found


def _online_in(store: Store, session: Session) -> set[str]:
    seen = store.checkins.session_presence(session.workshop_id, session.id)
    return {person for person, what in seen.items() if what["online_minutes"]}


def _before(earlier: Session, session: Session) -> bool:
    if earlier.starts_at and session.starts_at:
        return earlier.starts_at < session.starts_at
    return earlier.position < session.position


def pair_scores(store: Store, session: Session,
                people: list[Attendee]) -> tuple[dict[frozenset, int], dict[frozenset, list]]:
    """Score and reasons of each pair of `people` from the suggestions; pairs introduced
    before score below nothing in common."""
    ids = {p.id for p in people}
    scores: dict[frozenset, int] = {}
    reasons: dict[frozenset, list] = {}
    for suggestion in suggest(store, session.workshop_id, limit=10**6):
        if suggestion.other and {suggestion.person.id, suggestion.other.id} <= ids:
            key = frozenset((suggestion.person.id, suggestion.other.id))
            scores[key] = scores.get(key, 0) + suggestion.score
            reasons.setdefault(key, []).extend(suggestion.reasons)
    for pair in store.introductions.pairs(session.workshop_id):
        if pair <= ids and len(pair) == 2:
            scores[pair] = ALREADY_MET
    return scores, reasons


def capacities(count: int, size: int) -> list[int]:
    """How many people each room takes: `size`, the rest spread over the first rooms."""
    if count <= size:
        return [count]
    rooms = count // size
    extra, spread = divmod(count - rooms * size, rooms)
    return [size + extra + (1 if i < spread else 0) for i in range(rooms)]


def build_rooms(store: Store, session_id: str, people: list[Attendee],
                size: int = 2) -> list[Room]:
    """Pairs (size 2) or small groups that put together who needs what another offers."""
    if size < 2:
        raise KnownError(_("A breakout room needs at least 2 people."))
    if not people:
        return []
    if len(people) > ZOOM_MAX_PEOPLE:
        raise KnownError(_("Zoom pre-assigns at most {n} people.").format(n=ZOOM_MAX_PEOPLE))
    session = store.sessions.get(session_id)
    scores, reasons = pair_scores(store, session, people)
    rooms = _fill(_seed(people, scores, capacities(len(people), size)), people, scores)
    if len(rooms) > ZOOM_MAX_ROOMS:
        raise KnownError(_("Zoom takes at most {n} breakout rooms: choose larger groups.")
                         .format(n=ZOOM_MAX_ROOMS))
    language = store.workshops.get(session.workshop_id).language
    return [Room(room_name(language, number), tuple(members),
                 tuple(dict.fromkeys(r for a, b in combinations(members, 2)
                                     for r in reasons.get(frozenset((a.id, b.id)), []))))
            for number, (members, _capacity) in enumerate(rooms, start=1)]


def room_name(language: str | None, number: int) -> str:
    """"Room 3" in the workshop's language (what people see in Zoom)."""
    _ = translations(language).gettext
    return _("Room {n}").format(n=number)


def _seed(people: list[Attendee], scores: dict[frozenset, int],
          sizes: list[int]) -> list[tuple[list[Attendee], int]]:
    """Each room starts with the best remaining pair that has something in common."""
    by_id = {p.id: p for p in people}
    rooms: list[tuple[list[Attendee], int]] = [([], capacity) for capacity in sizes]
    placed: set[str] = set()
    ranked = sorted((pair for pair, score in scores.items() if score > 0),
                    key=lambda pair: (-scores[pair], sorted(fold(by_id[i].name) for i in pair)))
    empty = iter(rooms)
    for pair in ranked:
        if pair & placed:
            continue
        room = next(empty, None)
        if room is None:
            break
        room[0].extend(sorted((by_id[i] for i in pair), key=lambda p: fold(p.name)))
        placed |= pair
    return rooms


def _fill(rooms: list[tuple[list[Attendee], int]], people: list[Attendee],
          scores: dict[frozenset, int]) -> list[tuple[list[Attendee], int]]:
    """Everyone left goes where they have most in common (people with most links first)."""
    placed = {p.id for members, _cap in rooms for p in members}
    links = {p.id: sum(s for pair, s in scores.items() if p.id in pair and s > 0)
             for p in people}
    waiting = sorted((p for p in people if p.id not in placed),
                     key=lambda p: (-links[p.id], fold(p.name)))
    for person in waiting:
        open_rooms = [room for room in rooms if len(room[0]) < room[1]]
        best = max(open_rooms, key=lambda room: (
            sum(scores.get(frozenset((person.id, m.id)), 0) for m in room[0]),
            -len(room[0])))
        best[0].append(person)
    return rooms


def save_rooms(store: Store, session_id: str, rooms: list[Room]) -> None:
    """Keep the plan (replacing any earlier one) for recording introductions after."""
    with store.transaction():
        store.agendas.replace_breakout_rooms(session_id, [
            (room.name, [p.id for p in room.people]) for room in rooms])


def saved_rooms(store: Store, session_id: str) -> list[Room]:
    found: dict[str, list[Attendee]] = {}
    for name, attendee_id in store.agendas.breakout_rooms(session_id):
        person = store.attendees.by_id(attendee_id)
        if person is not None:
            found.setdefault(name, []).append(person)
    return [Room(name, tuple(people)) for name, people in found.items()]


def zoom_rows(rooms: list[Room]) -> tuple[list[tuple[str, str]], list[tuple[str, Attendee]]]:
    """(room, e-mail) rows for Zoom, and (room, person) for those without a usable e-mail,
    to assign by hand in the meeting."""
    rows, by_hand = [], []
    for room in rooms:
        for person in room.people:
            email = room_email(person)
            if email:
                rows.append((room.name, email))
            else:
                by_hand.append((room.name, person))
    return rows, by_hand


def room_list(rooms: list[Room], language: str | None = None) -> str:
    """Room → names, to read out or paste in Teams or Meet (which take no such file)."""
    _ = translations(language).gettext
    lines = []
    for room in rooms:
        lines.append(f"{room.name}: " + ", ".join(p.name for p in room.people))
    by_hand = [f"{name}: {p.name}" for name, p in zoom_rows(rooms)[1]]
    if by_hand:
        lines += ["", _("Without an e-mail Zoom knows (assign them by hand):"), *by_hand]
    return "\n".join(lines)


@dataclass(frozen=True)
class Recorded:
    added: int
    already: int  # pairs introduced before: never twice
    absent: tuple[str, ...]  # planned but not seen online in the session


def record_room_introductions(store: Store, session_id: str, made_by: str = "") -> Recorded:
    """After the session: every two people who shared a room are introduced, in one
    transaction. Where an online report was imported, only people seen online count."""
    from facilitator_app.services.networking import add_introduction

    session = store.sessions.get(session_id)
    rooms = saved_rooms(store, session_id)
    if not rooms:
        raise KnownError(_("This session has no breakout rooms yet: build them first."))
    seen = _online_in(store, session)
    language = store.workshops.get(session.workshop_id).language
    added = already = 0
    absent: list[str] = []
    with store.transaction():
        for room in rooms:
            present = [p for p in room.people if not seen or p.id in seen]
            absent += [p.name for p in room.people if p not in present]
            for first, other in combinations(present, 2):
                if store.introductions.exists(session.workshop_id, first.id, other.id, None):
                    already += 1
                    continue
                add_introduction(store, session.workshop_id, AttendeeId(first.id),
                                 to_attendee=other.id, purpose=_shared(language, room.name),
                                 made_by=made_by, session_id=session.id)
                added += 1
    return Recorded(added, already, tuple(absent))


def _shared(language: str | None, room: str) -> str:
    _ = translations(language).gettext
    return _("Shared a breakout room ({room})").format(room=room)


def write_zoom_csv(store: Store, session_id: str, rooms: list[Room],
                   target: Path) -> list[tuple[str, Attendee]]:
    """Write Zoom's pre-assignment CSV (recorded as an export); returns the people to
    assign by hand."""
    from exports.breakout import write_zoom_csv as write

    rows, by_hand = zoom_rows(rooms)
    write(ZOOM_COLUMNS, rows, target)
    record_rooms_file(store, session_id, rooms, target)
    return by_hand


def record_rooms_file(store: Store, session_id: str, rooms: list[Room], written: Path) -> None:
    """Log that a file naming these rooms' people left this computer."""
    from facilitator_app.services.export_log import record_export

    record_export(store, "breakout", written, [p.id for room in rooms for p in room.people],
                  workshop_id=store.sessions.get(session_id).workshop_id,
                  session_id=session_id)
