"""Workshop archives for the programme benchmark: real, signed archives of one desk.

`build_archives(folder, count)` writes `count` workshops, each on its own desk database
(copies of one template, so one desk key signs them all and the template is the desk that
imports them), filled with `executemany` of plain rows, then archived by
`services.archive.create_archive`. Workshop i is the same whatever `count` is (fixed
seeds), so a smaller size is the first archives of a larger one and the cache serves all.

Per workshop: 500 people of its own, plus returning people (a tenth of everyone comes
back in one or two of the next workshops, under a new attendee id on that workshop's desk,
the same phone written another way and the same e-mail): about 575 registrations; 4
sessions; 5,000 check-in events (in the room with breaks and check-outs, online with
minutes, a fifth of in-room admissions without a session, some undone); 60 introductions
(two thirds to partners, with follow-ups); 12 module deliveries.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from facilitator_app.demo_data import load_demo
from facilitator_app.text import fold

OWN_PEOPLE = 500  # people first seen in each workshop
EVENTS = 5_000  # check-in events per workshop
SESSIONS = 4
SESSION_MINUTES = 180
FIRST_DAY = date(2025, 1, 6)
DAYS_APART = 3.5  # 200 workshops cover 2025-01 to 2026-12
NATIONALITIES = ("VE",) * 12 + ("PE",) * 4 + ("CO",) * 2 + ("EC", "BO", "HT", "CU", "")
PARTNERS = [(f"019a0000-0000-7000-8000-0000000000{n:02d}", name, kind) for n, (name, kind) in
            enumerate([("Caja Municipal Sur", "private_sector"), ("Cámara de Comercio",
                       "private_sector"), ("Encuentros SJM", "civil_society"),
                       ("HIAS Perú", "civil_society"), ("ACNUR", "un"), ("OIM", "un"),
                       ("PRODUCE", "government"), ("Municipalidad de Lima", "government"),
                       ("PUCP Emprende", "academia"), ("Banco Amigo", "private_sector")])]
TEMPLATE = "desk.db"  # the one desk: signs every archive, and imports them


@dataclass(frozen=True)
class Person:
    number: int
    given: str
    family: str
    phone: str  # 9 digits, a Peruvian mobile
    email: str
    gender: str
    birth_year: int | None
    nationality: str
    population_type: str


def archive_path(folder: Path, number: int) -> Path:
    return folder / f"taller-{number:03d}.zip"


def build_archives(folder: Path, count: int, jobs: int = 1,
                   report: Callable[[str], None] = print) -> float:
    """Make sure `folder` holds archives 0..count-1 (and the desk), building the missing
    ones in `jobs` processes; returns build seconds (0 when all were cached)."""
    import time
    from concurrent.futures import ProcessPoolExecutor

    folder.mkdir(parents=True, exist_ok=True)
    missing = [n for n in range(count) if not archive_path(folder, n).exists()]
    if not missing:
        return 0.0
    started = time.perf_counter()
    if not (folder / TEMPLATE).exists():
        _make_template(folder / TEMPLATE)
    shares = [missing[start::jobs] for start in range(jobs)]
    with ProcessPoolExecutor(jobs) as pool:
        for done in pool.map(_build_some, [folder] * jobs, shares, [count] * jobs):
            report(f"  built {done} archives ({time.perf_counter() - started:.0f} s)")
    return time.perf_counter() - started


def _build_some(folder: Path, numbers: list[int], count: int) -> int:
    everyone = people(max(count, 200))
    for number in numbers:
        _build_one(folder, folder / TEMPLATE, number, everyone)
    return len(numbers)


def people(workshops: int, seed: int = 20) -> list[Person]:
    rng = random.Random(seed)
    demo = load_demo().people
    given = sorted({w for p in demo for w in p.given_names.split()})
    family = sorted({w for p in demo for w in p.family_names.split()})
    found = []
    for number in range(workshops * OWN_PEOPLE):
        born = None if rng.random() < 0.1 else rng.randint(1950, 2010)
        found.append(Person(
            number, " ".join(rng.sample(given, 2)), " ".join(rng.sample(family, 2)),
            f"9{number:08d}", f"persona{number}@example.org" if rng.random() < 0.8 else "",
            rng.choice("FFFMMX") if rng.random() < 0.95 else "", born,
            rng.choice(NATIONALITIES), "transit" if rng.random() < 0.05 else ""))
    return found


def registered(number: int, everyone: list[Person]) -> list[tuple[Person, bool]]:
    """Who registered in workshop `number`: its own people, then those coming back
    (returning=True) from the three workshops before it."""
    own = everyone[number * OWN_PEOPLE:(number + 1) * OWN_PEOPLE]
    back = []
    for earlier in range(max(0, number - 3), number):
        for person in everyone[earlier * OWN_PEOPLE:(earlier + 1) * OWN_PEOPLE]:
            if person.number % 10 == 0 and _comes_back(person, number - earlier):
                back.append(person)
    return [(p, False) for p in own] + [(p, True) for p in back]


def _comes_back(person: Person, gap: int) -> bool:
    """A tenth of everyone: all come back once (gap 1 or 2), half of them twice."""
    first = 1 + person.number // 10 % 2
    return gap == first or (person.number // 20 % 2 == 0 and gap == first + 1)


def _make_template(path: Path) -> None:
    from facilitator_app.db import open_database
    from facilitator_app.services import desks
    from facilitator_app.store import Store

    store = Store(open_database(path, backup_on_open=False), path=path)
    desks.desk_key(store)
    desks.rename_desk(store, "Mesa programa")
    with store.transaction():
        store.db.conn.executemany("INSERT INTO partners (id, name, type, created_at) VALUES "
                             "(?, ?, ?, '2025-01-01T00:00:00+00:00')", PARTNERS)
    store.close()


def _build_one(folder: Path, template: Path, number: int, everyone: list[Person]) -> None:
    from facilitator_app.db import open_database
    from facilitator_app.services.archive import create_archive
    from facilitator_app.store import Store

    work = folder / f"building-{number:03d}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    desk = work / "desk.db"
    shutil.copyfile(template, desk)
    workshop = _fill(desk, number, registered(number, everyone))
    store = Store(open_database(desk, backup_on_open=False), path=desk)
    try:
        create_archive(store, workshop, work / "archive.zip")
    finally:
        store.close()
    (work / "archive.zip").replace(archive_path(folder, number))
    shutil.rmtree(work)


def _fill(desk: Path, number: int, who: list[tuple[Person, bool]]) -> str:
    """Write one workshop's rows straight into the desk database; returns its id."""
    rng = random.Random(1000 + number)
    ids = _Ids(number)
    day = FIRST_DAY + timedelta(days=int(number * DAYS_APART))
    conn = sqlite3.connect(desk, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("BEGIN")
        workshop = ids.next()
        sessions = _workshop_rows(conn, workshop, number, day, ids)
        attendees = _people_rows(conn, workshop, who, day, ids)
        _event_rows(conn, workshop, sessions, attendees, rng, ids)
        _networking_rows(conn, workshop, sessions, attendees, rng, ids)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return workshop


class _Ids:
    """UUIDv7-shaped ids, unique per workshop and time-ordered within it (fixed, so a
    rebuilt archive has the same ids)."""

    def __init__(self, workshop: int) -> None:
        self.prefix = f"019{workshop + 0x100:05x}"
        self.count = 0

    def next(self) -> str:
        self.count += 1
        tail = f"{self.count:022x}"
        return f"{self.prefix}-{tail[:4]}-7{tail[4:7]}-8{tail[7:10]}-{tail[10:]}"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _workshop_rows(conn, workshop: str, number: int, day: date, ids: _Ids) -> list[tuple]:
    from facilitator_app.places import DEPARTMENTS

    department = ("15",) * 6 + ("07", "04", "20", "13", "23", "24")
    code = department[number % len(department)]
    created = _stamp(datetime.combine(day - timedelta(days=10), datetime.min.time(), UTC))
    conn.execute(
        "INSERT INTO workshops (id, title, venue, starts_on, ends_on, token_secret, created_at,"
        " department, province, district, cert_partner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [workshop, f"Taller {number + 1:03d}: Emprende", "Centro comunitario", day.isoformat(),
         (day + timedelta(days=SESSIONS - 1)).isoformat(), "ab" * 32, created, code,
         DEPARTMENTS[code], f"Distrito {number % 7 + 1}",
         PARTNERS[number % len(PARTNERS)][1]])
    sessions = []
    for position in range(SESSIONS):
        start = datetime.combine(day + timedelta(days=position), datetime.min.time(), UTC) \
            + timedelta(hours=14)  # 09:00 in Lima
        sessions.append((ids.next(), start))
        conn.execute("INSERT INTO sessions (id, workshop_id, title, starts_at, ends_at, "
                     "position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [sessions[-1][0], workshop, f"Sesión {position + 1}", _stamp(start),
                      _stamp(start + timedelta(minutes=SESSION_MINUTES)), position, created])
    return sessions


def _people_rows(conn, workshop: str, who: list[tuple[Person, bool]], day: date,
                 ids: _Ids) -> list[str]:
    stamp = _stamp(datetime.combine(day - timedelta(days=5), datetime.min.time(), UTC))
    attendees, registrations = [], []
    for person, returning in who:
        attendee = ids.next()
        phone = f"{person.phone[:3]} {person.phone[3:6]} {person.phone[6:]}" if returning \
            else "+51" + person.phone  # the same number, written another way
        email = person.email.upper() if returning else person.email
        name = f"{person.given} {person.family}"
        attendees.append((attendee, person.given, person.family, fold(name), phone, email,
                          person.nationality, person.gender, stamp, stamp, person.birth_year,
                          "birth_year" if person.birth_year else "", person.population_type))
        registrations.append((ids.next(), workshop, attendee, stamp, "bench"))
    conn.executemany(
        "INSERT INTO attendees (id, given_names, family_names, name_folded, phone, email, "
        "nationality, gender, created_at, updated_at, birth_year, birth_year_source, "
        "population_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", attendees)
    conn.executemany("INSERT INTO registrations (id, workshop_id, attendee_id, registered_at,"
                     " source) VALUES (?, ?, ?, ?, ?)", registrations)
    return [row[0] for row in attendees]


def _event_rows(conn, workshop: str, sessions: list[tuple], attendees: list[str],
                rng: random.Random, ids: _Ids) -> None:
    blocks = [_attendance(workshop, session, start, attendee, rng)
              for attendee in attendees for session, start in sessions if rng.random() < 0.95]
    rng.shuffle(blocks)  # keep whole attendances, chosen at random, up to EVENTS
    events: list[tuple] = []
    for block in blocks:
        if len(events) + len(block) <= EVENTS:
            events.extend(block)
    if len(events) != EVENTS:
        raise RuntimeError(f"{len(events)} events generated for {workshop}, not {EVENTS}")
    events.sort(key=lambda e: e[4])  # in time order, as a desk records them
    rows = [(ids.next(), *event) for event in events]
    admitted = {(e[3], e[5]): e[0] for e in rows if e[4] == "admitted"}  # (person, at)
    conn.executemany(
        "INSERT INTO checkin_events (id, workshop_id, session_id, attendee_id, kind, at, desk,"
        " method, mode, online_minutes, undoes_id) VALUES (?, ?, ?, ?, ?, ?, 'mesa-1', ?, ?, "
        "?, ?)", [(*row[:-1], admitted.get(row[-1])) for row in rows])


def _attendance(workshop: str, session: str, start: datetime, attendee: str,
                rng: random.Random) -> list[tuple]:
    """One person's events in one session: (workshop, session, attendee, kind, at, method,
    mode, minutes, (attendee, at) of the admission an undo undoes)."""
    def at(minutes: float) -> str:
        return _stamp(start + timedelta(minutes=minutes))

    if rng.random() < 0.2:  # online, by the meeting's report
        minutes = rng.choice((35, 70, 110, 150, 175))
        return [(workshop, session, attendee, "admitted", at(rng.uniform(-5, 20)),
                 "online_report", "online", float(minutes), None)]
    owned = session if rng.random() < 0.8 else None  # older desks: the window decides
    come = rng.uniform(-15, 25)
    found = [(workshop, owned, attendee, "admitted", at(come), "scanner", "in_room", None,
              None)]
    if rng.random() < 0.04:  # scanned by mistake: undone, then scanned again
        found.append((workshop, owned, attendee, "undone", at(come + 1), "search", "in_room",
                      None, (attendee, at(come))))
        found.append((workshop, owned, attendee, "admitted", at(come + 2), "scanner",
                      "in_room", None, None))
    if rng.random() < 0.75:  # out for the break, and back
        found.append((workshop, owned, attendee, "checked_out", at(85), "scanner", "in_room",
                      None, None))
        found.append((workshop, owned, attendee, "admitted", at(rng.uniform(95, 110)),
                      "scanner", "in_room", None, None))
    if rng.random() < 0.6:
        found.append((workshop, owned, attendee, "checked_out", at(rng.uniform(170, 185)),
                      "scanner", "in_room", None, None))
    return found


def _networking_rows(conn, workshop: str, sessions: list[tuple], attendees: list[str],
                     rng: random.Random, ids: _Ids) -> None:
    introductions, followups, deliveries = [], [], []
    for _n in range(60):
        session, start = rng.choice(sessions)
        made = _stamp(start + timedelta(minutes=rng.uniform(60, 170)))
        one = rng.choice(attendees)
        partner = rng.choice(PARTNERS)[0] if rng.random() < 0.67 else None
        other = None if partner else rng.choice(attendees)
        introductions.append((ids.next(), workshop, session, one, other, partner, made))
        if partner:
            status = rng.choice(("done", "done", "pending", "no_answer"))
            rating = rng.randint(2, 5) if status == "done" else None
            followups.append((ids.next(), introductions[-1][0], made[:10], status, rating,
                              made))
    for session, _start in sessions:
        for module in range(3):
            status = "skipped" if rng.random() < 0.1 else "delivered"
            yes = rng.randint(5, 30) if status == "delivered" else None
            deliveries.append((ids.next(), session, f"m{module + 1}",
                               ("Mi negocio", "Precios y costos", "Vender en línea")[module],
                               status, yes, rng.randint(0, 5) if yes else None))
    conn.executemany("INSERT INTO introductions (id, workshop_id, session_id, "
                     "from_attendee_id, to_attendee_id, to_partner_id, made_at) VALUES "
                     "(?, ?, ?, ?, ?, ?, ?)", introductions)
    conn.executemany("INSERT INTO introduction_followups (id, introduction_id, due_on, "
                     "status, rating, updated_at) VALUES (?, ?, ?, ?, ?, ?)", followups)
    conn.executemany("INSERT INTO module_deliveries (id, session_id, module_id, title, "
                     "status, useful_yes, useful_no) VALUES (?, ?, ?, ?, ?, ?, ?)", deliveries)
