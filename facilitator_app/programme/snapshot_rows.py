"""What the programme takes from one workshop's snapshot (a desk database holding that
workshop only), as plain rows ready for the programme database.

Admissions come with the session they count for, resolved by the desk's own rule (the
session_windows view: an admission without a session counts for the one running at its
time); undone events come apart, since an undo made on another desk may arrive in another
archive. Online minimums are resolved by the desk's rule too, so both places say the same
"attended online".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from facilitator_app import dbconnect
from facilitator_app.categories import population_type_of
from facilitator_app.contact import normalise_email, normalise_phone
from facilitator_app.services.online_attendance import minimum_minutes
from facilitator_app.sql import Connection
from facilitator_app.store import Store
from facilitator_app.text import name_key

_ADMISSIONS = """
SELECT e.id, e.workshop_id, e.session_id, e.attendee_id, e.mode, e.online_minutes, e.at
FROM checkin_events e WHERE e.kind = 'admitted' AND e.session_id IS NOT NULL
UNION ALL
SELECT e.id, e.workshop_id, w.session_id, e.attendee_id, e.mode, e.online_minutes, e.at
FROM checkin_events e JOIN session_windows w ON w.workshop_id = e.workshop_id
WHERE e.kind = 'admitted' AND e.session_id IS NULL
  AND e.at >= w.owns_from AND e.at < w.owns_until
"""
_ATTENDEES = """
SELECT id, given_names, family_names, phone, email, gender, birth_year, nationality,
       population_type FROM attendees
"""


@dataclass
class WorkshopRows:
    """One workshop, as the programme stores it."""

    workshop: dict
    sessions: list[dict] = field(default_factory=list)
    attendees: list[dict] = field(default_factory=list)  # with their contacts normalised
    registrations: list[dict] = field(default_factory=list)
    admissions: list[dict] = field(default_factory=list)
    undone: list[dict] = field(default_factory=list)
    partners: list[dict] = field(default_factory=list)
    introductions: list[dict] = field(default_factory=list)
    followups: list[dict] = field(default_factory=list)
    deliveries: list[dict] = field(default_factory=list)
    erased: list[dict] = field(default_factory=list)

    @property
    def workshop_id(self) -> str:
        return self.workshop["id"]


def read_snapshot(path: Path) -> WorkshopRows:
    """Every row the programme needs from the snapshot at `path`, once verified,
    authenticated and migrated (services.merge.authenticated_snapshot)."""
    conn = Connection(dbconnect.connect(path))  # checked and migrated by the caller
    try:
        store = Store(conn, path=path)
        rows = WorkshopRows(_workshop(conn))
        rows.sessions = _sessions(store, rows.workshop)
        rows.attendees = [_attendee(row) for row in _dicts(conn, _ATTENDEES)]
        rows.registrations = _dicts(conn, "SELECT workshop_id, attendee_id FROM registrations")
        rows.admissions = _dicts(conn, _ADMISSIONS)
        rows.undone = _dicts(conn, "SELECT id, undoes_id, workshop_id FROM checkin_events "
                                   "WHERE kind = 'undone' AND undoes_id IS NOT NULL")
        rows.partners = _dicts(conn, "SELECT id, name, type FROM partners")
        rows.introductions = _dicts(conn, "SELECT id, workshop_id, from_attendee_id, "
                                          "to_attendee_id, to_partner_id, made_at "
                                          "FROM introductions")
        rows.followups = _dicts(conn, "SELECT id, introduction_id, status, rating, "
                                      "updated_at FROM introduction_followups")
        rows.deliveries = _dicts(conn, "SELECT id, session_id, module_id, title, status, "
                                       "useful_yes, useful_no FROM module_deliveries")
        rows.erased = _dicts(conn, "SELECT attendee_id, erased_at FROM erasures")
        return rows
    finally:
        conn.close()


def _dicts(conn, sql: str) -> list[dict]:
    cursor = conn.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _workshop(conn) -> dict:
    workshop = _dicts(conn, (
        "SELECT id, title, venue, starts_on, ends_on, department, province, district, "
        "cert_partner AS partner, min_online_percent, is_demo FROM workshops"))[0]
    workshop["is_demo"] = bool(workshop["is_demo"])
    return workshop


def _sessions(store: Store, workshop: dict) -> list[dict]:
    first_admission = dict(store.db.execute(
        "SELECT session_id, MIN(at) FROM checkin_events WHERE session_id IS NOT NULL "
        "GROUP BY session_id").fetchall())
    lines = []
    for session in store.sessions.for_workshop(workshop["id"]):
        when = session.starts_at or first_admission.get(session.id, "") \
            or workshop["starts_on"]
        lines.append({"id": session.id, "workshop_id": session.workshop_id,
                      "title": session.title, "starts_at": session.starts_at,
                      "month": when[:7], "min_online_minutes": minimum_minutes(store, session)})
    return lines


def _attendee(row: dict) -> dict:
    """Contacts normalised as the programme compares them; a number or address that does
    not normalise is kept as written (it still links the same text)."""
    phone = row["phone"] or ""
    email = row["email"] or ""
    row["phone"] = normalise_phone(phone) or phone.strip()
    row["email"] = normalise_email(email) or email.strip().lower()
    row["name_key"] = name_key(f"{row['given_names']} {row['family_names']}")
    row["population_type"] = population_type_of(row["population_type"] or "",
                                                row["nationality"] or "")
    return row
