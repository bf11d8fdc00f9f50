"""Check-in events (admitted, checked out, undone). Attendance is derived, never updated.

The events are the truth. Triggers (migration 0008) keep what is derived from them: each
person's `presence`, their `session_presence` (an event without a session belongs to the
session running at its time, the `session_windows` rule) and `checkin_tallies`, so the
counts a desk shows after every scan are a few primary-key reads at any size.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from facilitator_app.i18n import N_
from facilitator_app.ids import uuid7
from facilitator_app.models import CheckinEvent, EventId, WorkshopId
from facilitator_app.store.base import Repository
from facilitator_app.store.online_reached import OnlineReached


@dataclass(frozen=True)
class LatestInRoom:
    """A person's latest effective in-room event, and the session it counts for."""

    id: str
    kind: str
    at: str
    session_id: str | None


@dataclass(frozen=True)
class DeskAdmission:
    """A desk's latest in-room admission, undone or not."""

    id: str
    attendee_id: str
    session_id: str | None
    at: str
    method: str
    undone: bool


class CheckinRepository(Repository):
    table = "checkin_events"
    label = N_("check-in")
    _reached: OnlineReached | None = None

    def record(self, event: CheckinEvent) -> CheckinEvent:
        """Append one event. Callers wrap it in a transaction of its own."""
        event = replace(event, id=event.id or EventId(uuid7()))
        self.db.execute(
            "INSERT INTO checkin_events (id, workshop_id, session_id, attendee_id, kind, at, "
            "desk, method, mode, online_minutes, undoes_id, source_ref) VALUES (?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?)",
            [
                event.id,
                event.workshop_id,
                event.session_id,
                event.attendee_id,
                event.kind.value,
                event.at,
                event.desk,
                event.method.value,
                event.mode.value,
                event.online_minutes,
                event.undoes_id,
                event.source_ref,
            ],
        )
        return event

    def _tally(self, workshop_id: str, key: str) -> int:
        return self.scalar("SELECT n FROM checkin_tallies WHERE workshop_id = ? AND key = ?",
                           [workshop_id, key]) or 0

    def in_room_since(self, workshop_id: WorkshopId, since: str) -> int:
        """People whose latest in-room event admitted them at or after `since` (ISO UTC,
        read to the minute): a sum over at most a day's minutes."""
        return self.scalar(
            "SELECT COALESCE(SUM(n), 0) FROM checkin_tallies WHERE workshop_id = ? "
            "AND key >= ? AND key < 'in@~'", [workshop_id, "in@" + since[:16]])

    def online_people(self, workshop_id: WorkshopId) -> int:
        """People with at least one online line, for any minutes (who joined): not who
        attended online, which is `online_reached` (issue 17)."""
        return self._tally(workshop_id, "online")

    def online_reached(self, workshop_id: WorkshopId,
                       minimums: dict[str, int]) -> AbstractSet[str]:
        """The people who stayed online at least `minimums[session id]` minutes in at least
        one of those sessions (services.workshops.online_attendees states the rule); kept
        between calls, so the counts after a scan stay cheap (store.online_reached)."""
        if self._reached is None:
            self._reached = OnlineReached(self.db)
        return self._reached.reached(workshop_id, minimums)

    def session_in_room(self, workshop_id: WorkshopId, session_id: str) -> int:
        """People admitted in person to a session (and not undone)."""
        return self._tally(workshop_id, "session:" + session_id)

    def session_at(self, workshop_id: WorkshopId, at: str) -> str | None:
        """The session that owns a check-in at `at` (ISO UTC): the one rule of
        `session_windows`, which every attendance figure follows."""
        return self.scalar(
            "SELECT session_id FROM session_windows WHERE workshop_id = ? AND owns_from <= ? "
            "AND ? < owns_until LIMIT 1", [workshop_id, at, at])

    def latest_in_room(self, workshop_id: WorkshopId, attendee_id: str,
                       since: str) -> LatestInRoom | None:
        """The person's latest effective in-room event at or after `since`, with the session
        it counts for, or None."""
        found = self.rows(
            "SELECT e.id, e.kind, e.at, e.session_id, e.workshop_id FROM presence p "
            "JOIN checkin_events e ON e.id = p.last_id "
            "WHERE p.workshop_id = ? AND p.attendee_id = ? AND p.last_at >= ?",
            [workshop_id, attendee_id, since])
        if not found:
            return None
        row = found[0]
        session = row["session_id"] or self.session_at(workshop_id, row["at"])
        return LatestInRoom(row["id"], row["kind"], row["at"], session)

    def last_desk_admission(self, workshop_id: WorkshopId, desk: str) -> DeskAdmission | None:
        """This desk's latest in-room admission, whether or not it was undone since."""
        found = self.rows(
            "SELECT e.id, e.attendee_id, e.session_id, e.at, e.method, EXISTS (SELECT 1 "
            "FROM checkin_events u WHERE u.undoes_id = e.id AND u.kind = 'undone') AS undone "
            "FROM checkin_events e WHERE e.workshop_id = ? AND e.desk = ? "
            "AND e.kind = 'admitted' AND e.mode = 'in_room' ORDER BY e.at DESC, e.id DESC "
            "LIMIT 1", [workshop_id, desk])
        if not found:
            return None
        row = found[0]
        return DeskAdmission(row["id"], row["attendee_id"], row["session_id"], row["at"],
                             row["method"], bool(row["undone"]))

    def undone_at(self, event_id: str) -> str | None:
        """When the event was undone, or None."""
        return self.scalar("SELECT MAX(at) FROM checkin_events WHERE undoes_id = ? AND "
                           "kind = 'undone'", [event_id])

    def session_presence(self, workshop_id: WorkshopId, session_id: str) -> dict[str, dict]:
        """attendee id -> {"in_room": bool, "online_minutes": float | None} for a session.
        Several online reports for one session: the largest figure counts."""
        return {row["attendee_id"]: {"in_room": bool(row["in_room"]),
                                     "online_minutes": row["online_minutes"]}
                for row in self.rows(
                    "SELECT attendee_id, in_room, online_minutes FROM session_presence "
                    "WHERE session_id = ? AND workshop_id = ?", [session_id, workshop_id])}

    def presence(self, workshop_id: WorkshopId) -> dict[str, tuple[bool, bool]]:
        """attendee id → (came in person at least once, attended online at least once)."""
        return {row[0]: (row[1] > 0, row[2] > 0) for row in self.db.execute(
            "SELECT attendee_id, in_room, online FROM presence WHERE workshop_id = ? "
            "AND (in_room > 0 OR online > 0)", [workshop_id])}

    def presence_of(self, workshop_id: WorkshopId,
                    ids: list[str]) -> dict[str, tuple[bool, bool]]:
        """`presence` for these people only (at most a few hundred at a time)."""
        marks = ", ".join("?" * len(ids))
        return {row[0]: (row[1] > 0, row[2] > 0) for row in self.db.execute(
            f"SELECT attendee_id, in_room, online FROM presence WHERE workshop_id = ? "
            f"AND attendee_id IN ({marks})", [workshop_id, *ids])} if ids else {}

    def count(self, workshop_id: WorkshopId) -> int:
        return self.scalar(
            "SELECT COUNT(*) FROM checkin_events WHERE workshop_id = ?", [workshop_id]
        )
