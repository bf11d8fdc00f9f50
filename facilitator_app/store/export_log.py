"""The SQL of the exports log: what left this computer, and whose data each file carries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from facilitator_app.ids import uuid7
from facilitator_app.store.base import Repository


@dataclass(frozen=True)
class ExportEntry:
    """One file that left this computer (as recorded when it was written)."""

    id: str
    made_at: str
    kind: str
    label: str
    workshop_id: str | None
    workshop_title: str  # "" when the workshop is gone or there is none
    session_id: str | None
    attendee_id: str | None
    people: int
    file_name: str
    bytes: int
    sha256: str
    desk_id: str


_SELECT = ("SELECT e.id, e.made_at, e.kind, e.label, e.workshop_id, COALESCE(w.title, ''),"
           " e.session_id, e.attendee_id, e.people, e.file_name, e.bytes, e.sha256, e.desk_id"
           " FROM exports_log e LEFT JOIN workshops w ON w.id = e.workshop_id")


class ExportLogRepository(Repository):
    table = "exports_log"
    label = "export"

    def add(self, entry: dict, people: Sequence[str]) -> str:
        """Record one export (`entry` has every column but id and made_at) and its people;
        returns its id. The caller holds the transaction."""
        export_id = uuid7()
        row = {"id": export_id, "made_at": self.now(), **entry}
        columns = ", ".join(row)
        self.db.execute(f"INSERT INTO exports_log ({columns}) VALUES "
                        f"({', '.join('?' * len(row))})", list(row.values()))
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO exports_log_people (export_id, attendee_id) VALUES (?, ?)",
            [[export_id, one] for one in dict.fromkeys(people)])
        return export_id

    def entries(self, workshop_id: str | None = None) -> list[ExportEntry]:
        """Newest first; only the workshop's when given."""
        where, params = (" WHERE e.workshop_id = ?", [workshop_id]) if workshop_id else ("", [])
        return self._entries(f"{_SELECT}{where} ORDER BY e.made_at DESC, e.id DESC", params)

    def for_person(self, attendee_id: str) -> list[ExportEntry]:
        """The exports that carried the person's data, oldest first."""
        return self._entries(f"{_SELECT} JOIN exports_log_people p ON p.export_id = e.id"
                             " WHERE p.attendee_id = ? ORDER BY e.made_at, e.id", [attendee_id])

    def people(self, export_id: str) -> list[str]:
        return [row[0] for row in self.db.execute(
            "SELECT attendee_id FROM exports_log_people WHERE export_id = ? ORDER BY "
            "attendee_id", [export_id])]

    def registered(self, workshop_id: str) -> list[str]:
        """Everyone registered for the workshop (whom a report or sheet lists)."""
        return [row[0] for row in self.db.execute(
            "SELECT attendee_id FROM registrations WHERE workshop_id = ?", [workshop_id])]

    def introduced(self, workshop_id: str) -> list[str]:
        """Both sides of the workshop's introductions (the people on "people you met" cards):
        a card for each person introduced, and each one named on another's card."""
        return [row[0] for row in self.db.execute(
            "SELECT from_attendee_id FROM introductions WHERE workshop_id = ? AND"
            " from_attendee_id IS NOT NULL AND (to_partner_id IS NOT NULL OR"
            " to_attendee_id IS NOT NULL) UNION SELECT to_attendee_id FROM introductions"
            " WHERE workshop_id = ? AND to_attendee_id IS NOT NULL AND"
            " from_attendee_id IS NOT NULL", [workshop_id, workshop_id])]

    def _entries(self, sql: str, params: list) -> list[ExportEntry]:
        return [ExportEntry(*row) for row in self.db.execute(sql, params).fetchall()]
