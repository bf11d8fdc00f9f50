"""The door at 1,000, 20,000 and 100,000 people (6 check-in events each), beside baselines
measured in the same run: the counts after an admission, opening the Check-in and the
Attendees pages, search-as-you-type on the Attendees page, and a scan's commit.

The databases are built once per size and run (`benchmarks.data.door_database`, written at
schema 0007 and upgraded, as a real install's would be) and copied for each measurement.
"""

from __future__ import annotations

import atexit
import os
import random
import shutil
import sqlite3
import tempfile
import time
from functools import cache
from pathlib import Path

from benchmarks.common import Row, goal, p95

SIZES = tuple(int(n) for n in os.environ.get("CREANDO_BENCH_SIZES", "1000,20000,100000")
              .split(","))
TYPED = "maria jose rodr"
_FOLDER = Path(tempfile.mkdtemp(prefix="creando-door-bench-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)  # gigabytes at 100k


@cache
def door_db(people: int) -> tuple[Path, dict, float]:
    """(path, facts, seconds the 0008 upgrade took) of a door database of `people`."""
    from benchmarks.data import door_database
    from facilitator_app.db import open_database

    path = _FOLDER / f"door-{people}.db"
    facts = door_database(path, people)
    started = time.perf_counter()
    open_database(path, backup_on_open=False).close()
    return path, facts, time.perf_counter() - started


def fresh_copy(people: int) -> Path:
    source, _facts, _upgrade = door_db(people)
    target = _FOLDER / f"copy-{people}-{time.monotonic_ns()}.db"
    shutil.copyfile(source, target)
    return target


def open_store(path: Path):
    from facilitator_app.db import open_database
    from facilitator_app.store import Store

    return Store(open_database(path, backup_on_open=False), path=path)


def counts_after_admissions(repeat: int) -> list[Row]:
    """Admit people one by one; after each admission read every count the desk shows."""
    rows = []
    for people in SIZES:
        store = open_store(fresh_copy(people))
        ours, bare, scans = _measure_counts(store, people, max(repeat * 20, 60))
        old = _old_online_query(store)
        floor = _bare_commits(store, len(scans))
        store.close()
        rows.append(Row(f"counts after an admission p95, {people:,} people", p95(ours) * 1000,
                        "bare primary-key read, p95", p95(bare) * 1000, "ms",
                        goal(p95(ours) * 1000 <= 5, "<= 5 ms") if people >= 100_000 else ""))
        rows.append(Row(f"  the old online count (once), {people:,} people", old * 1000,
                        "the counts after an admission, p95", p95(ours) * 1000, "ms"))
        # The database holds later events than the scans (another desk's clock ahead), so
        # every scan takes the trigger's re-derive path, not only its in-order fast path.
        rows.append(Row(f"  scan + commit p95, {people:,} people", p95(scans) * 1000,
                        "bare INSERT + COMMIT, same pragmas, p95", p95(floor) * 1000, "ms"))
    return rows


def _bare_commits(store, count: int) -> list[float]:
    """The floor of a commit on this file: one small row, WAL and synchronous=FULL."""
    store.db.execute("CREATE TABLE IF NOT EXISTS bench_floor (n INTEGER)")
    times = []
    for n in range(count):
        started = time.perf_counter()
        with store.transaction():
            store.db.execute("INSERT INTO bench_floor (n) VALUES (?)", [n])
        times.append(time.perf_counter() - started)
    return times


def _measure_counts(store, people: int, scans: int) -> tuple[list, list, list]:
    from facilitator_app.services.checkin import Desk, check_in_code
    from facilitator_app.services.workshops import workshop_counts

    workshop = store.workshops.list()[0]
    tokens = [row[0] for row in store.db.execute("SELECT token FROM badge_tokens")]
    desk = Desk(workshop.id, desk_id="bench")
    ours, bare, commits = [], [], []
    for token in random.Random(people).sample(tokens, min(scans, len(tokens))):
        started = time.perf_counter()
        result = check_in_code(store, desk, token)
        commits.append(time.perf_counter() - started)
        started = time.perf_counter()
        workshop_counts(store, workshop)
        store.checkins.session_in_room(workshop.id, result.session_id or "")
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        store.db.execute("SELECT attendee_id FROM badge_tokens WHERE token = ?",
                         [token]).fetchone()
        bare.append(time.perf_counter() - started)
    return ours, bare, commits


def _old_online_query(store) -> float:
    """The query the desk ran after every scan before 0008: a correlated "was it undone?"
    subquery for every event of the workshop."""
    workshop = store.workshops.list()[0]
    started = time.perf_counter()
    store.db.execute(
        "SELECT COUNT(DISTINCT attendee_id) FROM checkin_events e WHERE e.workshop_id = ? AND "
        "e.kind = 'admitted' AND e.mode = 'online' AND NOT EXISTS (SELECT 1 FROM "
        "checkin_events u WHERE u.kind = 'undone' AND u.undoes_id = e.id)",
        [workshop.id]).fetchone()
    return time.perf_counter() - started


def page_opens(repeat: int) -> list[Row]:
    """Opening the Check-in and the Attendees pages (built, filled, painted at 1366x768)."""
    from PySide6.QtWidgets import QApplication

    from ui.app import make_application

    QApplication.instance() or make_application()
    rows = []
    for people in SIZES:
        path = fresh_copy(people)
        bare = _median(repeat, _open_bare)
        for name, build in (("Check-in", _checkin_page), ("Attendees", _attendees_page)):
            times, ready = zip(*(_open_page(path, build) for _ in range(repeat)), strict=True)
            figure = sorted(times)[len(times) // 2] * 1000
            rows.append(Row(f"open the {name} page, {people:,} people", figure,
                            "bare window with an empty table", bare * 1000, "ms",
                            goal(figure <= 300, "<= 300 ms") if people >= 100_000 else ""))
            rows.append(Row(f"  its search ready, {people:,} people",
                            sorted(ready)[len(ready) // 2] * 1000, "the page open", figure,
                            "ms"))
    return rows


def _median(repeat: int, measure) -> float:
    return sorted(measure() for _ in range(repeat))[repeat // 2]


def _checkin_page(store):
    from ui.desk.sounds import SoundPlayer
    from ui.pages.checkin import CheckinPage

    page = CheckinPage(store, sounds=SoundPlayer(enabled=False))
    return page, lambda: page.finder.index is not None


def _attendees_page(store):
    from ui.pages.attendees import AttendeesPage

    page = AttendeesPage(store)
    return page, lambda: not page.loader.loading


def _open_page(path: Path, build) -> tuple[float, float]:
    """Seconds until the page is painted, and until its search index has arrived."""
    from PySide6.QtWidgets import QApplication

    store = open_store(path)
    workshop = store.workshops.list()[0]
    started = time.perf_counter()
    page, ready = build(store)
    page.resize(1366, 768)
    page.set_workshop(workshop)
    page.show()
    page.grab()  # painted, as the facilitator sees it
    shown = time.perf_counter() - started
    while not ready():
        QApplication.processEvents()
        time.sleep(0.002)
    searchable = time.perf_counter() - started
    page.loader.wait()
    page.close()
    page.deleteLater()
    QApplication.processEvents()
    store.close()
    return shown, searchable


def _open_bare() -> float:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView, QVBoxLayout, QWidget

    started = time.perf_counter()
    window = QWidget()
    table = QTableView()
    table.setModel(QStandardItemModel(0, 7))
    QVBoxLayout(window).addWidget(table)
    window.resize(1366, 768)
    window.show()
    window.grab()
    elapsed = time.perf_counter() - started
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return elapsed


def attendee_search(repeat: int) -> list[Row]:
    """Search as you type on the Attendees page: each key's filter (beside rapidfuzz over
    the raw names), then the same with the table repainted (beside a bare table repainting
    the same lines: what any table costs to draw on this machine)."""
    from PySide6.QtWidgets import QApplication
    from rapidfuzz import process

    from ui.app import make_application

    QApplication.instance() or make_application()
    rows = []
    for people in SIZES:
        store = open_store(fresh_copy(people))
        page, ready = _attendees_page(store)
        page.resize(1366, 768)
        page.set_workshop(store.workshops.list()[0])
        page.show()
        while not ready():
            QApplication.processEvents()
        runs = [_typed(page) for _ in range(repeat)]
        filtered, painted, bare = (sorted(r[n] for r in runs)[repeat // 2] * 1000
                                   for n in range(3))
        fuzzy = sorted(_fuzzy(process, page.model.registry.names)
                       for _ in range(repeat))[repeat // 2] * 1000
        page.close()
        store.close()
        rows.append(Row(f"Attendees search keystroke p95, {people:,} people", filtered,
                        "rapidfuzz process.extract over raw names, p95", fuzzy, "ms",
                        goal(filtered <= 20, "<= 20 ms") if people >= 100_000 else ""))
        rows.append(Row(f"  and the table repainted, {people:,} people", painted,
                        "bare QTableView repainting the same lines", bare, "ms"))
    return rows


def _typed(page) -> tuple[float, float, float]:
    """p95 over the keys of TYPED of: the filter; the filter and the table's repaint; and
    a bare table's repaint of the same lines."""
    filters, totals, bares = [], [], []
    bare = _bare_table(page)
    page.search.blockSignals(True)  # the page's debounce is bypassed: each key applies
    for length in range(1, len(TYPED) + 1):
        page.search.setText(TYPED[:length])
        started = time.perf_counter()
        page.apply_filter()
        filtered = time.perf_counter()
        page.table.viewport().repaint()
        totals.append(time.perf_counter() - started)
        filters.append(filtered - started)
        bares.append(_repaint_bare(bare, page.model))
    page.search.setText("")
    page.apply_filter()
    page.search.blockSignals(False)
    bare.close()
    return p95(filters), p95(totals), p95(bares)


def _bare_table(page):
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QTableView

    table = QTableView()
    table.setModel(QStandardItemModel(40, 7, table))
    table.resize(page.table.size())
    for column in range(7):
        table.setColumnWidth(column, page.table.columnWidth(column))
    table.verticalHeader().setVisible(False)
    table.show()
    QTest.qWaitForWindowExposed(table)
    return table


def _repaint_bare(table, model) -> float:
    from PySide6.QtGui import QStandardItem

    items = table.model()
    for row in range(40):
        for column in range(7):
            text = model.data(model.index(row, column)) if row < model.rowCount() else ""
            items.setItem(row, column, QStandardItem(text or ""))
    started = time.perf_counter()
    table.viewport().repaint()
    return time.perf_counter() - started


def _fuzzy(process, names: list[str]) -> float:
    samples = []
    for length in range(1, len(TYPED) + 1):
        started = time.perf_counter()
        process.extract(TYPED[:length], names, limit=50)
        samples.append(time.perf_counter() - started)
    return p95(samples)


def upgrade_and_check(repeat: int) -> list[Row]:
    """What an existing install pays once (the 0008 upgrade), and what every start pays
    before the window can open: `PRAGMA quick_check` (db.py), against reading the file."""
    rows = []
    for people in SIZES:
        path, _facts, upgrade = door_db(people)
        check = _median(repeat, lambda p=path: _timed_sql(p, "PRAGMA quick_check"))
        read = _median(repeat, lambda p=path: _read_file(p))
        rows.append(Row(f"upgrade to 0008 (once), {people:,} people", upgrade,
                        "quick_check of the upgraded file", check, "s"))
        rows.append(Row(f"  quick_check at every start, {people:,} people", check,
                        "reading the whole file", read, "s"))
    return rows


def _timed_sql(path: Path, sql: str) -> float:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    started = time.perf_counter()
    conn.execute(sql).fetchall()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def _read_file(path: Path) -> float:
    started = time.perf_counter()
    with path.open("rb") as handle:
        while handle.read(1 << 20):
            pass
    return time.perf_counter() - started
