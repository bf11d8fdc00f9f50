"""The SQL of forgetting people, on any CREANDO Desk database: the live one, or a copy the
app made (a kept-aside file), whatever migrations it has.

Deleting a person takes their registrations, consents, check-ins, badges and online names
with them (foreign keys cascade); their side of introductions becomes anonymous, and the
purpose, note and follow-up comments of those introductions are blanked, since they often
name the person ("llamar a 987650001"). Rows waiting for review that carry their name or
e-mail go too, and so do the exports log's links to them (the counts stay).
Pseudonymised people keep their counts and lose names and contacts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from facilitator_app.text import name_key


def erase_people(conn: sqlite3.Connection, ids: Sequence[str]) -> int:
    """Delete `ids` everywhere in `conn` (inside the caller's transaction); returns how many
    people were there."""
    ids = list(ids)
    if not ids:
        return 0
    people = _people(conn, ids)
    _redact_introductions(conn, ids)
    _forget_online_names(conn, people, ids)
    _unlink_exports(conn, ids)
    marks = _marks(ids)
    conn.execute(f"DELETE FROM attendees WHERE id IN ({marks})", ids)
    return len(people)


def _unlink_exports(conn: sqlite3.Connection, ids: list[str]) -> None:
    """The exports log forgets which files carried the person (each keeps its count), also
    in a copy whose foreign keys are off."""
    if not _has_table(conn, "exports_log_people"):
        return
    marks = _marks(ids)
    conn.execute(f"DELETE FROM exports_log_people WHERE attendee_id IN ({marks})", ids)
    conn.execute(f"UPDATE exports_log SET attendee_id = NULL WHERE attendee_id IN ({marks})",
                 ids)


def pseudonymise_people(conn: sqlite3.Connection, ids: Sequence[str], now: str) -> None:
    """Replace the names and contacts of `ids` by `P-<end of id>`; counts stay."""
    people = _people(conn, list(ids))
    _forget_online_names(conn, people, list(ids))
    for person_id in people:
        alias = f"P-{person_id[-8:]}"
        conn.execute(
            "UPDATE attendees SET given_names = ?, family_names = '', name_folded = ?, "
            "phone = '', email = '', business = '', district = '', updated_at = ? "
            "WHERE id = ?", [alias, alias.lower(), now, person_id])


def erased_ids(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT attendee_id FROM erasures")]


def pseudonymised_ids(conn: sqlite3.Connection) -> list[str]:
    """People whose retention date passed (their name is their pseudonym)."""
    return [row[0] for row in conn.execute(
        "SELECT id FROM attendees WHERE given_names = 'P-' || substr(id, -8) AND "
        "family_names = '' AND phone = '' AND email = ''")]


def _people(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[str, str]]:
    """id -> (folded name, lower-case e-mail) of the people of `ids` in this file."""
    rows = conn.execute(f"SELECT id, given_names, family_names, email FROM attendees WHERE "
                        f"id IN ({_marks(ids)})", ids).fetchall()
    return {row[0]: (name_key(f"{row[1]} {row[2]}"), row[3].strip().lower()) for row in rows}


def _redact_introductions(conn: sqlite3.Connection, ids: list[str]) -> None:
    marks = _marks(ids)
    party = f"from_attendee_id IN ({marks}) OR to_attendee_id IN ({marks})"
    conn.execute(f"UPDATE introduction_followups SET comment = '' WHERE introduction_id IN "
                 f"(SELECT id FROM introductions WHERE {party})", [*ids, *ids])
    conn.execute(f"UPDATE introductions SET purpose = '', note = '' WHERE {party}", [*ids, *ids])


def _forget_online_names(conn: sqlite3.Connection, people: dict[str, tuple[str, str]],
                         ids: list[str]) -> None:
    """Rows to review and remembered online names that are the person's (by id, by e-mail,
    or by the same name whatever its accents, case and word order)."""
    if not _has_table(conn, "online_review"):
        return
    names = {name for name, _email in people.values() if name}
    emails = {email for _name, email in people.values() if email}
    doomed = [row[0] for row in conn.execute("SELECT id, name, email, attendee_id FROM "
                                             "online_review")
              if row[3] in ids or row[2].strip().lower() in emails or name_key(row[1]) in names]
    conn.executemany("DELETE FROM online_review WHERE id = ?", [[one] for one in doomed])
    conn.execute(f"DELETE FROM online_aliases WHERE attendee_id IN ({_marks(ids)})", ids)
    aliases = [(row[0], row[1]) for row in conn.execute(
        "SELECT alias, workshop_id FROM online_aliases WHERE attendee_id IS NULL")
        if name_key(row[0]) in names]
    conn.executemany("DELETE FROM online_aliases WHERE alias = ? AND workshop_id = ?", aliases)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        [name]).fetchone() is not None


def _marks(ids: Sequence[str]) -> str:
    return ", ".join("?" * len(ids))
