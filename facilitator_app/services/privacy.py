"""The right to be forgotten, retention of personal data, and access to one's own data.

An erasure commits together with a "scrub pending" record; then every copy this app made
is scrubbed (facilitator_app.scrub). If the process dies in between, the next open
finishes it, and so on until it is done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from facilitator_app.clock import iso
from facilitator_app.scrub import REMOVED, Touched, finish_pending
from facilitator_app.services.subject_access import subject_access_data
from facilitator_app.store import Store
from facilitator_app.store.erasure import erase_people, pseudonymise_people

__all__ = ["ErasureReport", "apply_retention", "erase_attendee", "set_retention",
           "subject_access_data"]


@dataclass(frozen=True)
class ErasureReport:
    archives_holding: list[str]  # archives made earlier that still hold the person
    backups_removed: int  # rolling backups replaced by one fresh backup
    files: list[Touched] = field(default_factory=list)  # every file touched
    pending: bool = False  # some copy could not be scrubbed now: the next open goes on

    def files_json(self) -> list[dict]:
        return [{"path": str(t.path), "action": t.action} for t in self.files]


def erase_attendee(store: Store, attendee_id: str) -> ErasureReport:
    """Remove a person everywhere: registrations, consents, check-ins, badges, online names,
    the words of their introductions (their side becomes anonymous), and every copy of the
    database this app made. Only the fact (an id and a time) stays, so merging an older
    archive never brings them back. Freed pages are overwritten."""
    person = store.attendees.get(attendee_id)
    archives = [row[0] for row in store.db.execute(
        "SELECT path FROM archives_made WHERE attendee_ids LIKE ? ORDER BY created_at",
        [f'%"{person.id}"%'])]
    store.db.execute("PRAGMA secure_delete=ON")
    with store.transaction():
        erase_people(store.db.conn, [person.id])
        store.db.execute("INSERT OR IGNORE INTO erasures (attendee_id, erased_at) VALUES (?, ?)",
                         [person.id, iso(store.clock())])
        store.meta.audit("attendee_erased", "attendee", person.id)
        store.meta.request_scrub("erasure")
    return _report(archives, finish_pending(store.db, store.path))


def _report(archives: list[str], touched: list[Touched] | None) -> ErasureReport:
    if touched is None:
        return ErasureReport(archives, 0, [], pending=True)
    backups = sum(1 for t in touched if t.action == REMOVED and _is_backup(t.path))
    return ErasureReport(archives, backups, touched)


def _is_backup(path: Path) -> bool:
    return path.parent.name.endswith("-backups") and path.suffix == ".db"


def set_retention(store: Store, workshop_id: str, until: date | None) -> None:
    with store.transaction():
        store.db.execute("UPDATE workshops SET retention_until = ? WHERE id = ?",
                         [until.isoformat() if until else None,
                          store.workshops.get(workshop_id).id])


def apply_retention(store: Store, today: date) -> int:
    """Pseudonymise people whose every workshop's retention date has passed: names and
    contacts go, counts (sector, nationality, gender, attendance) stay. Returns how many."""
    expired = [row[0] for row in store.db.execute(
        "SELECT a.id FROM attendees a WHERE a.given_names NOT LIKE 'P-%' AND NOT EXISTS ("
        " SELECT 1 FROM registrations r JOIN workshops w ON w.id = r.workshop_id"
        " WHERE r.attendee_id = a.id AND (w.retention_until IS NULL OR "
        " w.retention_until >= ?))", [today.isoformat()])]
    if not expired:
        return 0
    store.db.execute("PRAGMA secure_delete=ON")
    with store.transaction():
        pseudonymise_people(store.db.conn, expired, iso(store.clock()))
        store.meta.audit("retention_applied", "install", "", people=len(expired))
        store.meta.request_scrub("retention")
    finish_pending(store.db, store.path)
    return len(expired)
