"""Badge tokens issued for registrations, including revoked ones."""

from __future__ import annotations

from facilitator_app.i18n import N_
from facilitator_app.store.base import Repository


class BadgeRepository(Repository):
    table = "badge_tokens"
    label = N_("badge")

    def issue(self, token: str, registration_id: str, workshop_id: str,
              attendee_id: str) -> None:
        self.db.execute(
            "INSERT INTO badge_tokens (token, registration_id, workshop_id, attendee_id, "
            "issued_at) VALUES (?, ?, ?, ?, ?)",
            [token, registration_id, workshop_id, attendee_id, self.now()])

    def revoke_for_registration(self, registration_id: str) -> int:
        return self.db.execute(
            "UPDATE badge_tokens SET revoked_at = ? WHERE registration_id = ? AND "
            "revoked_at IS NULL", [self.now(), registration_id]).rowcount

    def current(self, registration_id: str) -> str | None:
        return self.scalar(
            "SELECT token FROM badge_tokens WHERE registration_id = ? AND revoked_at IS NULL "
            "ORDER BY issued_at DESC LIMIT 1", [registration_id])

    def current_by_registration(self, workshop_id: str) -> dict[str, str]:
        return {row["registration_id"]: row["token"] for row in self.rows(
            "SELECT registration_id, token FROM badge_tokens WHERE workshop_id = ? "
            "AND revoked_at IS NULL", [workshop_id])}

    def find(self, token: str) -> dict | None:
        """The badge (with its attendee and registration), or None."""
        found = self.rows(
            "SELECT token, workshop_id, revoked_at, attendee_id, registration_id "
            "FROM badge_tokens WHERE token = ?", [token])
        return found[0] if found else None

    def find_short(self, workshop_id: str, core: str) -> list[dict]:
        """Badges of `workshop_id` whose token starts with "C" or "D" + the typed short code."""
        found = []
        for prefix in ("C", "D"):
            start = prefix + core
            found += self.rows(
                "SELECT token, workshop_id, revoked_at, attendee_id, registration_id "
                "FROM badge_tokens WHERE token >= ? AND token < ? AND workshop_id = ?",
                [start, start + "\uffff", workshop_id])
        return found
