"""Synthetic but realistic registration lists for benchmarks (fixed seed)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from facilitator_app.demo_data import load_demo

HEADERS = ["Marca temporal", "Nombres", "Apellidos", "Celular / WhatsApp", "Correo electrónico",
           "Nacionalidad", "Nombre del emprendimiento", "Rubro",
           "¿Autoriza el tratamiento de sus datos personales?"]


def people(count: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    demo = load_demo().people
    given = [p.given_names for p in demo]
    family = [w for p in demo for w in p.family_names.split() if len(w) > 3]
    businesses = [p.business for p in demo]
    rows = []
    for number in range(count):
        first = rng.choice(given)
        last = f"{rng.choice(family)} {rng.choice(family)}"
        email = f"persona{number}@example.org" if rng.random() < 0.8 else ""
        rows.append(["2026-03-01 10:00", first, last, f"9{number:08d}", email,
                     rng.choice(["venezolana", "Perú", "Venezuela", "colombiana"]),
                     rng.choice(businesses), rng.choice(["Alimentos", "Belleza", "Comercio"]),
                     "Sí"])
    return rows


def write_list(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(people(count))
    return path


# -- A door at scale: a workshop's registry with its check-in history ------------------------
SESSION_OFFSETS_MIN = (-26 * 60, -24 * 60, -22 * 60, -150, -30, 90)  # starts, from "now"
SESSION_MINUTES = 80
EVENTS_PER_PERSON = 6


def door_database(path: Path, count: int, now=None, seed: int = 11) -> dict:
    """A database file with one workshop of `count` registered people (badges, consent)
    and 6 check-in events each over six sessions of yesterday and today; a fifth of the
    in-room admissions carry no session (as older versions recorded them).

    It is written at schema 0007 and then opened, so the 0008 projection is built the way
    an upgrade builds it. Returns the ids and tokens a benchmark needs.
    """
    from datetime import UTC, datetime, timedelta

    from sqlite_utils import Database

    from facilitator_app.migrations import migrations

    now = now or datetime.now(UTC)
    old = Database(path)
    migrations.apply(old, stop_before="0008_attendance_projection")
    conn = old.conn
    conn.execute("BEGIN")
    facts = _door_rows(conn, count, now, random.Random(seed), timedelta)
    conn.execute("COMMIT")
    old.close()
    return facts


def _door_rows(conn, count: int, now, rng: random.Random, timedelta) -> dict:
    from facilitator_app.clock import iso
    from facilitator_app.ids import uuid7

    workshop, secret, stamp = uuid7(), "ab" * 32, iso(now)
    conn.execute("INSERT INTO workshops (id, title, token_secret, created_at) VALUES "
                 "(?, 'Bench door', ?, ?)", [workshop, secret, stamp])
    sessions = []
    for number, offset in enumerate(SESSION_OFFSETS_MIN):
        start = now + timedelta(minutes=offset)
        sessions.append((uuid7(), iso(start), iso(start + timedelta(minutes=SESSION_MINUTES))))
        conn.execute("INSERT INTO sessions (id, workshop_id, title, starts_at, ends_at, position,"
                     " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [sessions[-1][0], workshop, f"Sesión {number + 1}", *sessions[-1][1:],
                      number, stamp])
    attendees, registrations, badges, consents, issued = _door_people(
        count, workshop, secret, stamp, rng)
    conn.executemany("INSERT INTO attendees (id, given_names, family_names, name_folded, phone, "
                     "email, business, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                     "?)", attendees)
    conn.executemany("INSERT INTO registrations (id, workshop_id, attendee_id, registered_at, "
                     "source) VALUES (?, ?, ?, ?, ?)", registrations)
    conn.executemany("INSERT INTO badge_tokens (token, registration_id, workshop_id, "
                     "attendee_id, issued_at) VALUES (?, ?, ?, ?, ?)", badges)
    conn.executemany("INSERT INTO consents (id, attendee_id, purpose, granted, recorded_at, "
                     "method) VALUES (?, ?, ?, ?, ?, ?)", consents)
    events = [event for person, _token in issued
              for event in _door_events(workshop, person, sessions, rng, timedelta)]
    conn.executemany("INSERT INTO checkin_events (id, workshop_id, session_id, attendee_id, "
                     "kind, at, desk, method, mode, online_minutes, undoes_id) VALUES (?, ?, ?,"
                     " ?, ?, ?, 'bench-desk', ?, ?, ?, ?)", events)
    return {"workshop_id": workshop, "sessions": [s[0] for s in sessions], "tokens": issued,
            "events": len(events)}


def _door_people(count: int, workshop: str, secret: str, stamp: str,
                 rng: random.Random) -> tuple[list, list, list, list, list]:
    """Rows of attendees, registrations, badges and consents, and (person, token) pairs."""
    from facilitator_app import tokens
    from facilitator_app.ids import uuid7
    from facilitator_app.text import fold

    attendees, registrations, badges, consents, issued = [], [], [], [], []
    for row in people(count, seed=rng.randrange(1000)):
        person, registration = uuid7(), uuid7()
        attendees.append((person, row[1], row[2], fold(f"{row[1]} {row[2]}"), "+51" + row[3],
                          row[4], row[6], stamp, stamp))
        registrations.append((registration, workshop, person, stamp, "bench"))
        token = tokens.mint(secret, workshop)
        issued.append((person, token))
        badges.append((token, registration, workshop, person, stamp))
        consents.extend((uuid7(), person, purpose, int(rng.random() < 0.9), stamp, "form")
                        for purpose in ("processing", "share_participants", "share_partners",
                                        "photos"))
    return attendees, registrations, badges, consents, issued


def _door_events(workshop: str, person: str, sessions: list, rng: random.Random,
                 timedelta) -> list[tuple]:
    """Six events: four in-room admissions, one online report line, and a check-out or an
    admission undone on the spot."""
    from facilitator_app.clock import iso, parse_iso
    from facilitator_app.ids import uuid7

    chosen = sorted(rng.sample(range(len(sessions) - 1), 4))  # the last one has not begun
    events = []
    for index in chosen:
        session, start, _end = sessions[index]
        at = iso(parse_iso(start) + timedelta(minutes=rng.randrange(-20, 40)))
        events.append((uuid7(), workshop, session if rng.random() >= 0.2 else None, person,
                       "admitted", at, "scanner", "in_room", None, None))
    online = sessions[rng.randrange(len(sessions) - 1)]
    events.append((uuid7(), workshop, online[0], person, "admitted", online[1], "online_report",
                   "online", float(rng.randrange(5, 80)), None))
    last = events[len(chosen) - 1]
    later = iso(parse_iso(last[5]) + timedelta(minutes=rng.randrange(1, 50)))
    if rng.random() < 0.05:
        events.append((uuid7(), workshop, last[2], person, "undone", later, "search", "in_room",
                       None, last[0]))
    else:
        events.append((uuid7(), workshop, last[2], person, "checked_out", later, "search",
                       "in_room", None, None))
    return events


def report_workshop(path: Path, count: int, sessions: int):
    """A database at `path` of `count` registered people in `sessions` sessions, about
    half of them in each (the reports' benchmarks); returns (open store, workshop)."""
    from facilitator_app.clock import iso
    from facilitator_app.db import open_database
    from facilitator_app.ids import uuid7
    from facilitator_app.services.workshops import create_workshop
    from facilitator_app.store import Store

    store = Store(open_database(path, backup_on_open=False), path=path)
    made = create_workshop(store, "Taller grande", session_titles=[
        f"Sesión {n + 1}" for n in range(sessions)])
    now = iso(store.clock())
    ids = [uuid7() for _ in range(count)]
    with store.transaction():
        store.db.conn.executemany(
            "INSERT INTO attendees (id, given_names, family_names, name_folded, created_at, "
            "updated_at) VALUES (?, ?, 'Pérez', ?, ?, ?)",
            [(p, f"Persona {n}", f"persona {n} perez", now, now) for n, p in enumerate(ids)])
        store.db.conn.executemany(
            "INSERT INTO registrations (id, workshop_id, attendee_id, registered_at) "
            "VALUES (?, ?, ?, ?)", [(uuid7(), made.workshop.id, p, now) for p in ids])
        store.db.conn.executemany(
            "INSERT INTO checkin_events (id, workshop_id, session_id, attendee_id, kind, at, "
            "method, mode) VALUES (?, ?, ?, ?, 'admitted', ?, 'scanner', 'in_room')",
            [(uuid7(), made.workshop.id, s.id, p, now)
             for s in made.sessions for n, p in enumerate(ids) if n % 2])
    return store, made.workshop
