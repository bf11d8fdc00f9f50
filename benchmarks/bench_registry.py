"""Registration import of 20,000 rows, and search-as-you-type over 20,000 attendees."""

from __future__ import annotations

import csv
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.common import Row, goal, median_of, p95
from benchmarks.data import write_list

ROWS = 20_000
TYPED = "maria jose rodr"


def import_rows(repeat: int) -> Row:
    from facilitator_app.db import open_database
    from facilitator_app.services.registry_import import apply_import, prepare_import
    from facilitator_app.services.workshops import create_workshop
    from facilitator_app.store import Store

    def ours() -> float:
        with tempfile.TemporaryDirectory() as folder:
            listing = write_list(Path(folder) / "lista.csv", ROWS)
            path = Path(folder) / "bench.db"
            store = Store(open_database(path, backup_on_open=False), path=path)
            workshop = create_workshop(store, "Bench").workshop
            started = time.perf_counter()
            apply_import(store, prepare_import(store, listing), workshop.id)
            elapsed = time.perf_counter() - started
            store.close()
            return elapsed

    def floor() -> float:
        with tempfile.TemporaryDirectory() as folder:
            listing = write_list(Path(folder) / "lista.csv", ROWS)
            conn = sqlite3.connect(Path(folder) / "floor.db", isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("CREATE TABLE people (given TEXT, family TEXT, phone TEXT, email TEXT, "
                         "nationality TEXT, business TEXT, sector TEXT)")
            started = time.perf_counter()
            with listing.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.reader(handle, delimiter=";"))[1:]
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [row[1:8] for row in rows])
            conn.execute("COMMIT")
            elapsed = time.perf_counter() - started
            conn.close()
            return elapsed

    figure, baseline = median_of(repeat, ours), median_of(repeat, floor)
    return Row(f"import {ROWS:,} registration rows (all checks)", figure,
               "csv module + executemany, no checks", baseline, "s",
               goal(figure < 3.0, "< 3 s"))


def search_keystrokes(repeat: int) -> Row:
    from PySide6.QtCore import QCoreApplication
    from rapidfuzz import process

    from benchmarks.data import people
    from facilitator_app.models import Attendee, AttendeeId
    from facilitator_app.services.attendees import AttendeeRow
    from ui.models.attendee_table import AttendeeTableModel, Status

    QCoreApplication.instance() or QCoreApplication([])
    rows = [AttendeeRow(Attendee(id=AttendeeId(str(n)), given_names=p[1], family_names=p[2],
                                 phone="+51" + p[3], email=p[4], business=p[6]),
                        False, False, {}) for n, p in enumerate(people(ROWS))]
    names = [row.attendee.name for row in rows]
    model = AttendeeTableModel()
    model.load(rows)

    def ours() -> float:
        samples = []
        model.set_filter("", Status.ALL)
        for length in range(1, len(TYPED) + 1):
            started = time.perf_counter()
            model.set_filter(TYPED[:length], Status.ALL)
            samples.append(time.perf_counter() - started)
        return p95(samples) * 1000

    def fuzzy() -> float:
        samples = []
        for length in range(1, len(TYPED) + 1):
            started = time.perf_counter()
            process.extract(TYPED[:length], names, limit=50)
            samples.append(time.perf_counter() - started)
        return p95(samples) * 1000

    figure, baseline = median_of(repeat, ours), median_of(repeat, fuzzy)
    return Row(f"search keystroke p95 over {ROWS:,} attendees", figure,
               "rapidfuzz process.extract over raw names", baseline, "ms",
               goal(figure < 20, "< 20 ms"))


IMPORT_CHILD = """
    import tempfile
    from facilitator_app.db import open_database
    from facilitator_app.services.registry_import import apply_import, prepare_import
    from facilitator_app.services.workshops import create_workshop
    from facilitator_app.store import Store
    folder = Path(tempfile.mkdtemp())
    store = Store(open_database(folder / "b.db", backup_on_open=False), path=folder / "b.db")
    workshop = create_workshop(store, "Bench").workshop
    def work(path):
        result = apply_import(store, prepare_import(store, Path(path)), workshop.id)
        return f"imported {result.registered:,}"
"""
FLOOR_CHILD = """
    import csv, sqlite3, tempfile
    folder = Path(tempfile.mkdtemp())
    conn = sqlite3.connect(folder / "floor.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE people (given TEXT, family TEXT, phone TEXT, email TEXT, "
                 "nationality TEXT, business TEXT, sector TEXT)")
    def work(path):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=";"))[1:]
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [row[1:8] for row in rows])
        conn.execute("COMMIT")
        return f"inserted {len(rows):,}"
"""


def import_memory(_repeat: int) -> list[Row]:
    """Peak memory and time of whole imports at several sizes, each in its own process."""
    from benchmarks.measure import in_child

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        for count in (2_000, 20_000, 200_000):
            listing = write_list(Path(folder) / "lista.csv", count)
            ours, floor = in_child(IMPORT_CHILD, str(listing)), in_child(FLOOR_CHILD,
                                                                           str(listing))
            label = f"import {count:,} rows (child process)"
            rows += [Row(f"{label}: peak MB", ours.peak_mb, "csv + executemany, no checks",
                         floor.peak_mb, "MB", goal(ours.peak_mb < 300, "< 300 MB")),
                     Row(f"{label}: seconds", ours.seconds, "csv + executemany, no checks",
                         floor.seconds, "s", "one cold run (the < 3 s goal: `import`)")]
    return rows
