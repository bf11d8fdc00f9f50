"""Check-in events (admitted, checked out, undone). Attendance is derived, never updated."""

from __future__ import annotations

from dataclasses import replace

from facilitator_app.i18n import N_
from facilitator_app.ids import uuid7
from facilitator_app.models import CheckinEvent, EventId, WorkshopId
from facilitator_app.store.base import Repository

# Events that still count: not an undo, and not undone by a later event.
_EFFECTIVE = """
    SELECT e.* FROM checkin_events e
    WHERE e.workshop_id = :workshop AND e.kind != 'undone'
      AND NOT EXISTS (
          SELECT 1 FROM checkin_events u WHERE u.kind = 'undone' AND u.undoes_id = e.id)
"""


class CheckinRepository(Repository):
    table = "checkin_events"
    label = N_("check-in")

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

    def in_room_since(self, workshop_id: WorkshopId, since: str) -> int:
        """People whose latest in-room event since `since` (ISO UTC) admitted them."""
        return self.scalar(
            f"""
            WITH eff AS ({_EFFECTIVE}),
            latest AS (
                SELECT kind, ROW_NUMBER() OVER (
                    PARTITION BY attendee_id ORDER BY at DESC, id DESC) AS rank
                FROM eff WHERE mode = 'in_room' AND at >= :since)
            SELECT COUNT(*) FROM latest WHERE rank = 1 AND kind = 'admitted'
            """,
            {"workshop": workshop_id, "since": since},
        )

    def online_people(self, workshop_id: WorkshopId) -> int:
        """People who attended at least one session of the workshop online."""
        return self.scalar(
            f"WITH eff AS ({_EFFECTIVE}) SELECT COUNT(DISTINCT attendee_id) FROM eff "
            "WHERE mode = 'online' AND kind = 'admitted'",
            {"workshop": workshop_id},
        )

    def latest_in_room(self, workshop_id: WorkshopId, attendee_id: str, session_id: str | None,
                       since: str) -> dict | None:
        """The person's latest effective in-room event since `since` (for the session, if
        one is given), or None."""
        found = self.rows(
            f"WITH eff AS ({_EFFECTIVE}) SELECT id, kind, at FROM eff WHERE attendee_id = "
            ":attendee AND mode = 'in_room' AND at >= :since AND "
            "(:session IS NULL OR session_id = :session) ORDER BY at DESC, id DESC LIMIT 1",
            {"workshop": workshop_id, "attendee": attendee_id, "since": since,
             "session": session_id})
        return found[0] if found else None

    def last_admission(self, workshop_id: WorkshopId, desk: str) -> dict | None:
        """This desk's latest admission that has not been undone."""
        found = self.rows(
            f"WITH eff AS ({_EFFECTIVE}) SELECT id, attendee_id, session_id, at FROM eff "
            "WHERE kind = 'admitted' AND mode = 'in_room' AND desk = :desk "
            "ORDER BY at DESC, id DESC LIMIT 1", {"workshop": workshop_id, "desk": desk})
        return found[0] if found else None

    def session_in_room(self, workshop_id: WorkshopId, session_id: str) -> int:
        """People admitted in person to a session (and not undone)."""
        return self.scalar(
            f"WITH eff AS ({_EFFECTIVE}) SELECT COUNT(DISTINCT attendee_id) FROM eff "
            "WHERE kind = 'admitted' AND mode = 'in_room' AND session_id = :session",
            {"workshop": workshop_id, "session": session_id})

    def session_presence(self, workshop_id: WorkshopId, session_id: str) -> dict[str, dict]:
        """attendee id -> {"in_room": bool, "online_minutes": float | None} for a session.
        Several online reports for one session: the largest figure counts."""
        found: dict[str, dict] = {}
        for row in self.rows(
            f"WITH eff AS ({_EFFECTIVE}) SELECT attendee_id, MAX(mode = 'in_room') AS in_room, "
            "MAX(CASE WHEN mode = 'online' THEN online_minutes END) AS online_minutes "
            "FROM eff WHERE kind = 'admitted' AND session_id = :session GROUP BY attendee_id",
            {"workshop": workshop_id, "session": session_id}):
            found[row["attendee_id"]] = {"in_room": bool(row["in_room"]),
                                         "online_minutes": row["online_minutes"]}
        return found

    def presence(self, workshop_id: WorkshopId) -> dict[str, tuple[bool, bool]]:
        """attendee id → (came in person at least once, attended online at least once)."""
        found: dict[str, tuple[bool, bool]] = {}
        for row in self.rows(
            f"WITH eff AS ({_EFFECTIVE}) SELECT attendee_id, "
            "MAX(mode = 'in_room') AS in_room, MAX(mode = 'online') AS online "
            "FROM eff WHERE kind = 'admitted' GROUP BY attendee_id",
            {"workshop": workshop_id}):
            found[row["attendee_id"]] = (bool(row["in_room"]), bool(row["online"]))
        return found

    def count(self, workshop_id: WorkshopId) -> int:
        return self.scalar(
            "SELECT COUNT(*) FROM checkin_events WHERE workshop_id = ?", [workshop_id]
        )
