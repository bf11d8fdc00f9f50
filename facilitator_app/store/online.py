"""Remembered online names and the online rows waiting for review."""

from __future__ import annotations

import json

from facilitator_app.i18n import N_
from facilitator_app.ids import uuid7
from facilitator_app.store.base import Repository


class OnlineRepository(Repository):
    table = "online_review"
    label = N_("online row")

    def aliases(self, workshop_id: str) -> dict[str, str | None]:
        return {row["alias"]: row["attendee_id"] for row in self.rows(
            "SELECT alias, attendee_id FROM online_aliases WHERE workshop_id = ?",
            [workshop_id])}

    def remember(self, alias: str, workshop_id: str, attendee_id: str | None) -> None:
        """`attendee_id` None means: ignore this name in this workshop from now on."""
        self.db.execute(
            "INSERT INTO online_aliases (alias, workshop_id, attendee_id, created_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (alias, workshop_id) DO UPDATE SET "
            "attendee_id = excluded.attendee_id", [alias, workshop_id, attendee_id, self.now()])

    def add_review(self, session_id: str, source_ref: str, name: str, email: str,
                   minutes: float, suggestions: list[str]) -> bool:
        """Queue a row for a person to decide; False when it was queued before."""
        cursor = self.db.execute(
            "INSERT INTO online_review (id, session_id, source_ref, name, email, minutes, "
            "suggestions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (session_id, source_ref) DO NOTHING",
            [uuid7(), session_id, source_ref, name, email, minutes, json.dumps(suggestions),
             self.now()])
        return cursor.rowcount == 1

    def pending(self, session_id: str) -> list[dict]:
        rows = self.rows("SELECT * FROM online_review WHERE session_id = ? AND status = "
                         "'pending' ORDER BY name", [session_id])
        for row in rows:
            row["suggestions"] = json.loads(row["suggestions"])
        return rows

    def pending_count(self, workshop_id: str) -> int:
        return self.scalar(
            "SELECT COUNT(*) FROM online_review r JOIN sessions s ON s.id = r.session_id "
            "WHERE s.workshop_id = ? AND r.status = 'pending'", [workshop_id])

    def get(self, review_id: str) -> dict:
        found = self.rows("SELECT * FROM online_review WHERE id = ?", [self.resolve(review_id)])
        return found[0]

    def close(self, review_id: str, status: str, attendee_id: str | None) -> None:
        self.db.execute("UPDATE online_review SET status = ?, attendee_id = ?, resolved_at = ? "
                        "WHERE id = ?", [status, attendee_id, self.now(), review_id])

    def has_event(self, source_ref: str) -> bool:
        return bool(self.scalar("SELECT 1 FROM checkin_events WHERE source_ref = ? LIMIT 1",
                                [source_ref]))

    def set_session_minimum(self, session_id: str, minutes: int | None) -> None:
        self.db.execute("UPDATE sessions SET min_online_minutes = ? WHERE id = ?",
                        [minutes, session_id])

    def session_minimum(self, session_id: str) -> int | None:
        return self.scalar("SELECT min_online_minutes FROM sessions WHERE id = ?",
                           [session_id])
